// Shared pieces of the skillmatch command line: exit codes, output formats,
// and loading a taxonomy with the user's options.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/match/scoring.h"

namespace skillmatch::cli {

// Exit codes from sysexits.h, documented in the README.
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 64,
  kExitDataErr = 65,
  kExitNoInput = 66,
  kExitSoftware = 70,
  kExitCantCreate = 73,
  kExitIoErr = 74,
};

// The exit code that fits a failed status.
int ExitFor(const Status& status);

// Prints "skillmatch: <message>" on stderr and returns ExitFor(status).
int Fail(const Status& status);

// A CLI11 check for options whose value becomes stored text or JSON output
// (--reason, --notes): refuses text that is not UTF-8, a usage error (64):
// "--reason: invalid UTF-8 (byte 0xE9 at offset 3)".
CLI::Validator Utf8Text();

// The taxonomy used when --taxonomy is not given: $SKILLMATCH_TAXONOMY, or
// the embedded ROAME-style sample of the source tree.
std::string DefaultTaxonomyPath();

// Reads a bundle; in lenient mode problems are logged as warnings (and
// appended to `problems` when given).
Result<classification::Taxonomy> LoadTaxonomy(
    const std::string& path, bool lenient,
    std::vector<std::string>* problems = nullptr);

// The scoring settings of a JSON config file (ScoringConfig::FromJson);
// the defaults when `path` is empty.
Result<engine::ScoringConfig> LoadScoringConfig(const std::string& path);

// Loads the scoring config of `config_path` (LoadScoringConfig) and sets its
// day from `today_option`, the text of --today, when given: a date
// YYYY-MM-DD, else kInvalidArgument (usage, exit 64)
//   --today: expected a date YYYY-MM-DD, got '22/11/2026'
// The option is checked before the file is read. Neither giving a day, the
// scorer takes the system date (ScoringConfig::today).
Result<engine::ScoringConfig> LoadScoringConfig(const std::string& config_path,
                                                const std::string& today_option);

// Subcommand registration: each adds its subcommand to `app` and sets
// `*exit_code` when it runs.
void AddTaxonomyCommand(CLI::App& app, int* exit_code);
void AddEvalCommand(CLI::App& app, int* exit_code);
void AddCodeCommand(CLI::App& app, int* exit_code);
void AddDbCommands(CLI::App& app, int* exit_code);
void AddGenerateCommand(CLI::App& app, int* exit_code);
void AddSimilarCommand(CLI::App& app, int* exit_code);
void AddMatchCommand(CLI::App& app, int* exit_code);
void AddBatchCommand(CLI::App& app, int* exit_code);
void AddEvalMobilityCommand(CLI::App* eval, int* exit_code);
void AddRunsCommands(CLI::App& app, int* exit_code);  // runs, decide, decisions
void AddImportCommands(CLI::App& app, int* exit_code);  // import, review
void AddEvalMatchingCommand(CLI::App* eval, int* exit_code);
// The server (cmd_serve.cc) and its accounts, audit trail and agencies
// (cmd_users.cc): serve; users; audit verify; agencies assign.
void AddServeCommand(CLI::App& app, int* exit_code);
void AddUsersCommands(CLI::App& app, int* exit_code);
// skillmatch export --pseudonymised (cmd_export.cc).
void AddExportCommand(CLI::App& app, int* exit_code);
// skillmatch retention (cmd_retention.cc).
void AddRetentionCommand(CLI::App& app, int* exit_code);
// Migration counselling (issue 17): skillmatch rules build|validate|show
// (cmd_rules.cc) and skillmatch mobility assess (cmd_mobility.cc).
void AddRulesCommands(CLI::App& app, int* exit_code);
void AddMobilityCommands(CLI::App& app, int* exit_code);
// The rule pack used when --pack is not given: $SKILLMATCH_RULES, or the
// embedded pack data/migration/pack of the source tree.
std::string DefaultRulePackPath();
// skillmatch stats cube|tension|durations|skills|dashboard (cmd_stats.cc).
void AddStatsCommands(CLI::App& app, int* exit_code);

}  // namespace skillmatch::cli
