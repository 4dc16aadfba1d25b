// skillmatch: the command line of the skills matching engine.
//
// One executable, one subcommand per file (cmd_*.cc). Results go to stdout;
// logs, warnings and progress to stderr.
#include <spdlog/cfg/env.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <new>
#include <system_error>

#include "cli.h"
#include "skillmatch/classification/bundle.h"
#include "skillmatch/classification/json_error.h"
#include "skillmatch/classification/text.h"

namespace skillmatch::cli {

// skillmatch mapping draft (cmd_mapping.cc). Declared here rather than in
// cli.h, to be moved there with the other registrations at the merge.
void AddMappingCommand(CLI::App& app, int* exit_code);

int ExitFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    case StatusCode::kDataError:
      return kExitDataErr;
    case StatusCode::kNotFound:
      return kExitNoInput;
    case StatusCode::kIoError:
      return kExitIoErr;
    case StatusCode::kInternal:
      return kExitSoftware;
  }
  return kExitSoftware;
}

int Fail(const Status& status) {
  std::cerr << "skillmatch: " << status.message() << "\n";
  return ExitFor(status);
}

CLI::Validator Utf8Text() {
  // CLI11 prefixes the message with the option's name.
  return CLI::Validator(
      [](const std::string& value) { return text::Utf8Problem(value); },
      "UTF-8", "UTF-8 text");
}

std::string DefaultTaxonomyPath() {
  const char* env = std::getenv("SKILLMATCH_TAXONOMY");
  if (env != nullptr && *env != '\0') return env;
  return SKILLMATCH_DEFAULT_TAXONOMY;
}

namespace {
class LoggingReporter : public classification::Reporter {
 public:
  explicit LoggingReporter(std::vector<std::string>* sink) : sink_(sink) {}
  void Problem(const Status& problem) override {
    spdlog::warn("{}", problem.message());
    if (sink_) sink_->push_back(problem.message());
  }

 private:
  std::vector<std::string>* sink_;
};
}  // namespace

Result<classification::Taxonomy> LoadTaxonomy(const std::string& path,
                                              bool lenient,
                                              std::vector<std::string>* problems) {
  LoggingReporter reporter(problems);
  classification::BundleReadOptions options;
  if (lenient) options.reporter = &reporter;
  return classification::ReadBundle(path, options);
}

Result<engine::ScoringConfig> LoadScoringConfig(const std::string& path) {
  if (path.empty()) return engine::ScoringConfig();
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open file");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    // Not only parse_error: 1e999 throws out_of_range.
    return Status::DataError(classification::InvalidJsonMessage(path, e));
  }
  return engine::ScoringConfig::FromJson(json, path);
}

Result<engine::ScoringConfig> LoadScoringConfig(const std::string& config_path,
                                                const std::string& today_option) {
  std::optional<engine::Date> today;
  if (!today_option.empty()) {
    today = engine::Date::Parse(today_option);
    if (!today) {
      return Status::InvalidArgument("--today: expected a date " +
                                     std::string(engine::Date::kForm) + ", got '" +
                                     today_option + "'");
    }
  }
  Result<engine::ScoringConfig> config = LoadScoringConfig(config_path);
  if (config.ok() && today) config->today = today;
  return config;
}

}  // namespace skillmatch::cli

int main(int argc, char** argv) {
  using namespace skillmatch::cli;
  auto logger = spdlog::stderr_color_mt("skillmatch");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%^%l%$: %v");
  spdlog::set_level(spdlog::level::info);
  spdlog::cfg::load_env_levels();  // SPDLOG_LEVEL=debug etc.

  CLI::App app{
      "skillmatch: labour-market skills matching for public employment "
      "services"};
  app.set_version_flag("--version", std::string("skillmatch ") +
                                        SKILLMATCH_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  int verbosity = 0;
  app.add_flag("-v,--verbose", verbosity, "More log output (repeatable)");
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "Only errors on stderr");
  app.parse_complete_callback([&] {
    if (quiet) {
      spdlog::set_level(spdlog::level::err);
    } else if (verbosity >= 2) {
      spdlog::set_level(spdlog::level::trace);
    } else if (verbosity == 1) {
      spdlog::set_level(spdlog::level::debug);
    }
  });

  int exit_code = kExitOk;
  AddTaxonomyCommand(app, &exit_code);
  AddCodeCommand(app, &exit_code);
  AddDbCommands(app, &exit_code);
  AddGenerateCommand(app, &exit_code);
  AddSimilarCommand(app, &exit_code);
  AddMatchCommand(app, &exit_code);
  AddBatchCommand(app, &exit_code);
  AddRunsCommands(app, &exit_code);
  AddEvalCommand(app, &exit_code);
  AddImportCommands(app, &exit_code);
  AddMappingCommand(app, &exit_code);
  AddServeCommand(app, &exit_code);
  AddUsersCommands(app, &exit_code);
  AddExportCommand(app, &exit_code);
  AddRetentionCommand(app, &exit_code);

  // CLI11 reads an unknown word as a stray argument and answers "A
  // subcommand is required", or prints the main help for "bogus --help".
  // The first word that is not a global flag must name a subcommand.
  for (int arg_idx = 1; arg_idx < argc; ++arg_idx) {
    const std::string arg = argv[arg_idx];
    if (!arg.empty() && arg[0] == '-') continue;  // global flags take no value
    bool known = false;
    const CLI::App& const_app = app;
    for (const CLI::App* sub :
         const_app.get_subcommands([](const CLI::App*) { return true; })) {
      known = known || sub->check_name(arg);
    }
    if (!known) {
      std::cerr << "skillmatch: unknown subcommand "
                << skillmatch::text::Quoted(arg) << "\n";
      return kExitUsage;
    }
    break;
  }

  // The commands return statuses; an exception here is a failure that no
  // library turned into one. It still ends with a message and an exit code
  // that says what happened, not with abort() and lost output.
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);  // help to stdout, exit 0
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const nlohmann::json::exception& e) {
    // JSON that a reader did not check: damaged data, such as a store row.
    return Fail(skillmatch::Status::DataError(
        std::string("bad data: ") + e.what()));
  } catch (const std::ios_base::failure& e) {
    return Fail(skillmatch::Status::IoError(std::string("I/O error: ") +
                                            e.what()));
  } catch (const std::system_error& e) {  // filesystem_error among them
    return Fail(skillmatch::Status::IoError(std::string("I/O error: ") +
                                            e.what()));
  } catch (const std::bad_alloc&) {
    return Fail(skillmatch::Status::Internal("out of memory"));
  } catch (const std::exception& e) {
    return Fail(skillmatch::Status::Internal(
        std::string("internal error (please report it): ") + e.what()));
  } catch (...) {
    return Fail(skillmatch::Status::Internal(
        "internal error (please report it): unknown exception"));
  }
  return exit_code;
}
