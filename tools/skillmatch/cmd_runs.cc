// skillmatch runs list|show: the match runs kept by `match --save`.
// skillmatch decide / decisions: a counsellor's decisions on proposals
// (proposed, presented, accepted, refused), the judgements of `eval matching --db`.
#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {
namespace {

Result<std::unique_ptr<engine::Store>> OpenExisting(const std::string& path,
                                                    bool read_only) {
  engine::StoreOptions options;
  options.create_if_missing = false;
  options.read_only = read_only;
  return engine::Store::Open(path, options);
}

// Text read back from a store that an older skillmatch, or another program,
// wrote may not be UTF-8; dump() would throw on it. Shown with U+FFFD.
std::string DumpJson(const nlohmann::ordered_json& value) {
  return value.dump(2, ' ', false,
                    nlohmann::ordered_json::error_handler_t::replace);
}

// A JSON column of a stored run, or a damaged-row error naming it.
Result<nlohmann::ordered_json> StoredJson(const std::string& db,
                                          const std::string& what,
                                          const std::string& text) {
  auto value = nlohmann::ordered_json::parse(text, nullptr, false);
  if (value.is_discarded()) {
    return Status::DataError(db + ": " + what + ": stored value is not JSON");
  }
  return value;
}

struct RunsArgs {
  std::string db;
  int64_t run = 0;
  std::string format = "table";
};

int RunRunsList(const RunsArgs& args) {
  auto store = OpenExisting(args.db, true);
  if (!store.ok()) return Fail(store.status());
  auto runs = (*store)->ListMatchRuns();
  if (!runs.ok()) return Fail(runs.status());
  if (args.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& run : *runs) {
      out.push_back({{"id", run.id},
                     {"started", run.started},
                     {"kind", run.kind},
                     {"results", run.results},
                     {"notes", run.notes}});
    }
    std::cout << DumpJson(out) << "\n";
    return kExitOk;
  }
  std::cout << "   id  started               kind               results  notes\n";
  for (const auto& run : *runs) {
    std::cout << std::setw(5) << run.id << "  " << std::left << std::setw(22)
              << run.started << std::setw(19) << run.kind << std::right
              << std::setw(7) << run.results << "  " << run.notes << "\n";
  }
  return kExitOk;
}

int RunRunsShow(const RunsArgs& args) {
  auto store = OpenExisting(args.db, true);
  if (!store.ok()) return Fail(store.status());
  auto run = (*store)->GetMatchRun(args.run);
  if (!run.ok()) return Fail(run.status());
  auto results = (*store)->ListMatchResults(args.run);
  if (!results.ok()) return Fail(results.status());
  if (args.format == "json") {
    const std::string run_name = "match run " + std::to_string(run->id);
    auto config = StoredJson(args.db, run_name + " config", run->config);
    if (!config.ok()) return Fail(config.status());
    nlohmann::ordered_json out = {{"id", run->id},
                                  {"started", run->started},
                                  {"kind", run->kind},
                                  {"notes", run->notes},
                                  {"config", std::move(*config)},
                                  {"results", nlohmann::ordered_json::array()}};
    for (const auto& r : *results) {
      nlohmann::ordered_json j = {{"profile", r.profile_id},
                                  {"offer", r.offer_id},
                                  {"rank", r.rank},
                                  {"score", r.score}};
      if (!r.explanation.empty()) {
        auto explanation =
            StoredJson(args.db, run_name + " rank " + std::to_string(r.rank) +
                                    " explanation",
                       r.explanation);
        if (!explanation.ok()) return Fail(explanation.status());
        j["explanation"] = std::move(*explanation);
      }
      out["results"].push_back(std::move(j));
    }
    std::cout << DumpJson(out) << "\n";
    return kExitOk;
  }
  std::cout << "match run " << run->id << ", " << run->kind << ", " << run->started
            << (run->notes.empty() ? "" : ", " + run->notes) << "\n";
  for (const auto& r : *results) {
    std::cout << std::setw(5) << r.rank << "  " << r.profile_id << "  " << r.offer_id
              << "  " << std::fixed << std::setprecision(1) << 100 * r.score << "%\n";
  }
  return kExitOk;
}

struct DecideArgs {
  std::string db;
  engine::Decision decision;
  std::string format = "table";
};

int RunDecide(const DecideArgs& args) {
  auto store = OpenExisting(args.db, false);
  if (!store.ok()) return Fail(store.status());
  auto id = (*store)->RecordDecision(args.decision);
  if (!id.ok()) return Fail(id.status());
  std::cout << "decision " << *id << ": " << args.decision.status << " (profile "
            << args.decision.profile_id << ", offer " << args.decision.offer_id << ")\n";
  return kExitOk;
}

int RunDecisions(const DecideArgs& args) {
  auto store = OpenExisting(args.db, true);
  if (!store.ok()) return Fail(store.status());
  auto list = (*store)->ListDecisions(
      {args.decision.profile_id, args.decision.offer_id});
  if (!list.ok()) return Fail(list.status());
  if (args.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& d : *list) {
      out.push_back({{"id", d.id},
                     {"profile", d.profile_id},
                     {"offer", d.offer_id},
                     {"status", d.status},
                     {"reason", d.reason},
                     {"counsellor", d.counsellor},
                     {"decided_at", d.decided_at}});
    }
    std::cout << DumpJson(out) << "\n";
    return kExitOk;
  }
  for (const auto& d : *list) {
    std::cout << d.decided_at << "  " << d.profile_id << "  " << d.offer_id << "  "
              << d.status << "  " << (d.counsellor.empty() ? "-" : d.counsellor)
              << (d.reason.empty() ? "" : "  \"" + d.reason + "\"") << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddRunsCommands(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RunsArgs>();
  CLI::App* runs = app.add_subcommand("runs", "Match runs kept by match --save");
  runs->require_subcommand(1);
  CLI::App* list = runs->add_subcommand("list", "Every run, newest first");
  CLI::App* show = runs->add_subcommand("show", "One run and its ranked lists");
  for (CLI::App* cmd : {list, show}) {
    cmd->add_option("--db", args->db, "Store")->required();
    cmd->add_option("--format", args->format, "table or json")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
  }
  show->add_option("--run", args->run, "Run id (runs list)")->required();
  list->callback([args, exit_code] { *exit_code = RunRunsList(*args); });
  show->callback([args, exit_code] { *exit_code = RunRunsShow(*args); });

  auto decide = std::make_shared<DecideArgs>();
  CLI::App* cmd = app.add_subcommand(
      "decide", "Record a counsellor's decision on proposing an offer to a jobseeker");
  cmd->add_option("--db", decide->db, "Store")->required();
  cmd->add_option("--profile", decide->decision.profile_id, "Jobseeker id")
      ->required()
      ->check(Utf8Text());
  cmd->add_option("--offer", decide->decision.offer_id, "Offer id")
      ->required()
      ->check(Utf8Text());
  cmd->add_option("--status", decide->decision.status,
                  "proposed, presented (to the employer), accepted or refused")
      ->required()
      ->check(CLI::IsMember({"proposed", "presented", "accepted", "refused"}));
  cmd->add_option("--reason", decide->decision.reason, "Why (free text, UTF-8)")
      ->check(Utf8Text());
  cmd->add_option("--counsellor", decide->decision.counsellor, "Who decided")
      ->check(Utf8Text());
  cmd->callback([decide, exit_code] { *exit_code = RunDecide(*decide); });

  auto query = std::make_shared<DecideArgs>();
  CLI::App* decisions = app.add_subcommand(
      "decisions", "List decisions, oldest first, for a jobseeker and/or an offer");
  decisions->add_option("--db", query->db, "Store")->required();
  decisions->add_option("--profile", query->decision.profile_id, "Jobseeker id");
  decisions->add_option("--offer", query->decision.offer_id, "Offer id");
  decisions->add_option("--format", query->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  decisions->callback([query, exit_code] { *exit_code = RunDecisions(*query); });
}

}  // namespace skillmatch::cli
