// skillmatch mobility assess: a jobseeker's migration project against the
// rule pack and the store, with national alternatives
// (engine/mobility/README.md, "Assessment").
//
// The assessment is a record about a person and a migration intention is
// sensitive: each one is audited (action "mobility.assess", the jobseeker's
// opaque id), only a counsellor or supervisor of the file's agency may run
// it when --by names an account, and nothing about the person goes to the
// logs.
#include <ctime>
#include <fstream>
#include <iostream>

#include "cli.h"
#include "audit.h"
#include "skillmatch/match/scoring.h"
#include "skillmatch/mobility/assessment.h"
#include "skillmatch/mobility/monitoring.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

struct AssessArgs {
  std::string db;
  std::string jobseeker;
  std::string country;
  std::string occupation;
  std::string nationality;
  std::string pack;
  std::string training;
  std::string today;
  std::string format = "text";
  std::string out;
  std::string by;
  // decide, follow-up, decisions, monitor
  std::string choice;
  std::string detail;
  int64_t decision = 0;
  int months = 0;
  std::string outcome;
  int min_count = 5;
};

Status Audit(engine::Store& store, const std::string& actor, const std::string& record,
             const std::string& action) {
  engine::AuditEntry entry;
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char at[32];
  std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
  entry.at = at;
  entry.actor = actor;
  entry.action = action;
  entry.record = record;
  entry.address = "local";
  return store.AppendAudit(entry, server::AuditHash).status();
}

// The actor of the audit entry: the account id of --by after checking that
// it may see the jobseeker's file (an enabled counsellor or supervisor of
// its agency), or "cli" for the local operator.
Result<std::string> Actor(engine::Store& store, const std::string& by,
                          const std::string& profile_id) {
  if (by.empty()) return std::string("cli");
  SKILLMATCH_ASSIGN_OR_RETURN(account, store.GetAccount(by));
  SKILLMATCH_ASSIGN_OR_RETURN(agency, store.GetAgency(engine::AgencyRecord::kProfile, profile_id));
  if (account.disabled || (account.role != "counsellor" && account.role != "supervisor") ||
      account.agency != agency) {
    return Status::InvalidArgument(
        "--by " + by +
        ": only a counsellor or supervisor of the jobseeker's agency may see a migration "
        "project");
  }
  return std::to_string(account.id);
}

Result<std::unique_ptr<engine::Store>> OpenStore(const std::string& db) {
  engine::StoreOptions options;
  options.create_if_missing = false;
  return engine::Store::Open(db, options);
}

int RunDecide(const AssessArgs& args) {
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto profile = (*store)->GetProfile(args.jobseeker);
  if (!profile.ok()) return Fail(profile.status());
  auto actor = Actor(**store, args.by, profile->id);
  if (!actor.ok()) return Fail(actor.status());
  std::string occupation = args.occupation;
  if (occupation.empty() && !profile->target_occupations.empty())
    occupation = profile->target_occupations.front();
  engine::MobilityDecision d;
  d.profile_id = profile->id;
  d.destination = args.country;
  d.occupation = occupation;
  d.choice = args.choice;
  d.detail = args.detail;
  d.counsellor = args.by.empty() ? "cli" : args.by;
  int64_t id = 0;
  Status done = (*store)->InTransaction([&]() -> Status {
    SKILLMATCH_ASSIGN_OR_RETURN(new_id, (*store)->RecordMobilityDecision(d));
    id = new_id;
    return Audit(**store, *actor, profile->id, "mobility.decide");
  });
  if (!done.ok()) return Fail(done);
  std::cout << "mobility decision " << id << " recorded; follow up at 3 and 6 months with "
            << "skillmatch mobility follow-up --db " << args.db << " --decision " << id
            << " --months 3 --outcome ...\n";
  return kExitOk;
}

int RunFollowUp(const AssessArgs& args) {
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto all = (*store)->ListMobilityDecisions("");
  if (!all.ok()) return Fail(all.status());
  const engine::MobilityDecision* found = nullptr;
  for (const auto& d : *all)
    if (d.id == args.decision) found = &d;
  if (found == nullptr)
    return Fail(Status::NotFound(args.db + ": no mobility decision " + std::to_string(args.decision)));
  auto actor = Actor(**store, args.by, found->profile_id);
  if (!actor.ok()) return Fail(actor.status());
  Status done = (*store)->InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR((*store)->SetMobilityFollowUp(args.decision, args.months, args.outcome));
    return Audit(**store, *actor, found->profile_id, "mobility.follow-up");
  });
  if (!done.ok()) return Fail(done);
  std::cout << "mobility decision " << args.decision << ": outcome at " << args.months
            << " months recorded\n";
  return kExitOk;
}

int RunDecisions(const AssessArgs& args) {
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto profile = (*store)->GetProfile(args.jobseeker);
  if (!profile.ok()) return Fail(profile.status());
  auto actor = Actor(**store, args.by, profile->id);
  if (!actor.ok()) return Fail(actor.status());
  auto list = (*store)->ListMobilityDecisions(profile->id);
  if (!list.ok()) return Fail(list.status());
  Status audited = Audit(**store, *actor, profile->id, "mobility.view");
  if (!audited.ok()) return Fail(audited);
  for (const auto& d : *list) {
    std::cout << d.id << "  " << d.decided_at << "  " << d.destination << "  " << d.occupation
              << "  " << d.choice << (d.detail.empty() ? "" : " (" + d.detail + ")")
              << "  3 months: " << (d.outcome_3m.empty() ? "-" : d.outcome_3m)
              << "  6 months: " << (d.outcome_6m.empty() ? "-" : d.outcome_6m) << "  by "
              << d.counsellor << "\n";
  }
  return kExitOk;
}

int RunMonitor(const AssessArgs& args) {
  engine::StoreOptions options;
  options.create_if_missing = false;
  options.read_only = true;
  auto store = engine::Store::Open(args.db, options);
  if (!store.ok()) return Fail(store.status());
  auto list = (*store)->ListMobilityDecisions("");
  if (!list.ok()) return Fail(list.status());
  int total = 0;
  auto rows = mobility::Monitor(*list, args.min_count, &total);
  bool suppressed = false;
  std::cout << "destination,choice,outcome_3m,outcome_6m,count\n";
  for (const auto& r : rows) {
    suppressed = suppressed || !r.count;
    std::cout << r.destination << "," << r.choice << "," << r.outcome_3m << "," << r.outcome_6m
              << "," << (r.count ? std::to_string(*r.count) : "<" + std::to_string(args.min_count))
              << "\n";
  }
  // The total would give a single suppressed count away by difference.
  if (!suppressed) std::cerr << total << " decisions\n";
  return kExitOk;
}

int RunAssess(const AssessArgs& args) {
  engine::Date today = engine::Date::Today();
  if (!args.today.empty()) {
    auto parsed = engine::Date::Parse(args.today);
    if (!parsed)
      return Fail(Status::InvalidArgument("--today: expected a date YYYY-MM-DD, got '" +
                                          args.today + "'"));
    today = *parsed;
  }
  engine::StoreOptions options;
  options.create_if_missing = false;
  auto store = engine::Store::Open(args.db, options);
  if (!store.ok()) return Fail(store.status());
  auto profile = (*store)->GetProfile(args.jobseeker);
  if (!profile.ok()) return Fail(profile.status());
  auto checked = Actor(**store, args.by, profile->id);
  if (!checked.ok()) return Fail(checked.status());
  const std::string actor = *checked;
  auto tax = (*store)->ReadTaxonomy();
  if (!tax.ok()) return Fail(tax.status());
  auto pack = mobility::ReadRulePack(args.pack.empty() ? DefaultRulePackPath() : args.pack);
  if (!pack.ok()) return Fail(pack.status());
  if (Status same = mobility::CheckPackTaxonomy(*pack, *tax); !same.ok()) return Fail(same);
  auto catalogue = mobility::ReadTrainingCatalogue(
      args.training.empty() ? SKILLMATCH_DEFAULT_TRAINING : args.training, &*tax);
  if (!catalogue.ok()) return Fail(catalogue.status());
  engine::ScoringConfig config;
  config.today = today;
  auto scorer = engine::Scorer::Create(*tax, config);
  if (!scorer.ok()) return Fail(scorer.status());
  auto market = mobility::Market::Build(**store, **scorer, today);
  if (!market.ok()) return Fail(market.status());
  mobility::AssessOptions assess;
  assess.destination = args.country;
  assess.occupation = args.occupation;
  assess.nationality = args.nationality;
  assess.today = today;
  auto assessment = mobility::Assess(*profile, *pack, *catalogue, **scorer, **market, **store,
                                     assess);
  if (!assessment.ok()) return Fail(assessment.status());
  // Audited before anything is shown: no view without its trace.
  Status audited = Audit(**store, actor, profile->id, "mobility.assess");
  if (!audited.ok()) return Fail(audited);
  std::string text;
  if (args.format == "json") text = assessment->ToJson().dump(2) + "\n";
  else if (args.format == "html") text = mobility::RenderAdviceSheet(*assessment);
  else text = mobility::RenderText(*assessment);
  if (args.out.empty() || args.out == "-") {
    std::cout << text;
  } else {
    std::ofstream out(args.out, std::ios::binary);
    if (!out) return Fail(Status::IoError(args.out + ": cannot open for writing"));
    out << text;
    out.close();
    if (!out) return Fail(Status::IoError(args.out + ": write failed"));
  }
  return kExitOk;
}

}  // namespace

void AddMobilityCommands(CLI::App& app, int* exit_code) {
  CLI::App* mobility = app.add_subcommand(
      "mobility", "International mobility counselling: assess a migration project");
  mobility->require_subcommand(1);
  auto args = std::make_shared<AssessArgs>();
  CLI::App* assess = mobility->add_subcommand(
      "assess", "Project card (rules, demand, distance) and national alternatives");
  assess->add_option("--db", args->db, "Store")->required();
  assess->add_option("--jobseeker", args->jobseeker, "Jobseeker id")->required();
  assess->add_option("--country", args->country, "Destination, ISO code (FR, BE, ...)")
      ->required();
  assess->add_option("--occupation", args->occupation,
                     "Target occupation (default: the jobseeker's first)");
  assess->add_option("--nationality", args->nationality,
                     "Nationality for the rules (default: the home country)");
  assess->add_option("--pack", args->pack,
                     "Rule pack folder (default: $SKILLMATCH_RULES or the embedded pack)");
  assess->add_option("--training", args->training,
                     "Training catalogue CSV (default: the embedded sample)");
  assess->add_option("--today", args->today, "Day of the rules and offers, YYYY-MM-DD");
  assess->add_option("--format", args->format, "text, json or html (the advice sheet)")
      ->check(CLI::IsMember({"text", "json", "html"}))
      ->capture_default_str();
  assess->add_option("--out", args->out, "Write to this file instead of stdout");
  assess->add_option("--by", args->by,
                     "Login of the counsellor or supervisor assessing (checked, audited)");
  assess->callback([args, exit_code] { *exit_code = RunAssess(*args); });

  CLI::App* decide = mobility->add_subcommand(
      "decide", "Record the person's decision after an assessment");
  decide->add_option("--db", args->db, "Store")->required();
  decide->add_option("--jobseeker", args->jobseeker, "Jobseeker id")->required();
  decide->add_option("--country", args->country, "Destination of the project (ISO code)")
      ->required();
  decide->add_option("--occupation", args->occupation,
                     "Occupation of the project (default: the jobseeker's first)");
  decide->add_option("--choice", args->choice, "legal-route, alternative, training or undecided")
      ->required()
      ->check(CLI::IsMember({"legal-route", "alternative", "training", "undecided"}));
  decide->add_option("--detail", args->detail,
                     "Which route, alternative or training (rule, offer, training ids)")
      ->check(Utf8Text());
  decide->add_option("--by", args->by, "Login of the counsellor or supervisor (checked)");
  decide->callback([args, exit_code] { *exit_code = RunDecide(*args); });

  CLI::App* follow = mobility->add_subcommand(
      "follow-up", "Record the outcome 3 or 6 months after a decision");
  follow->add_option("--db", args->db, "Store")->required();
  follow->add_option("--decision", args->decision, "Decision id (mobility decide)")->required();
  follow->add_option("--months", args->months, "3 or 6")
      ->required()
      ->check(CLI::IsMember({3, 6}));
  follow->add_option("--outcome", args->outcome,
                     "employed-abroad, employed-home, self-employed, in-training, seeking, "
                     "unknown")
      ->required()
      ->check(CLI::IsMember({"employed-abroad", "employed-home", "self-employed",
                             "in-training", "seeking", "unknown"}));
  follow->add_option("--by", args->by, "Login of the counsellor or supervisor (checked)");
  follow->callback([args, exit_code] { *exit_code = RunFollowUp(*args); });

  CLI::App* list = mobility->add_subcommand("decisions", "A jobseeker's decisions and follow-up");
  list->add_option("--db", args->db, "Store")->required();
  list->add_option("--jobseeker", args->jobseeker, "Jobseeker id")->required();
  list->add_option("--by", args->by, "Login of the counsellor or supervisor (checked)");
  list->callback([args, exit_code] { *exit_code = RunDecisions(*args); });

  CLI::App* monitor = mobility->add_subcommand(
      "monitor", "Anonymised counts of decisions and outcomes (CSV), small counts suppressed");
  monitor->add_option("--db", args->db, "Store")->required();
  monitor->add_option("--min-count", args->min_count, "Counts below it are suppressed")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  monitor->callback([args, exit_code] { *exit_code = RunMonitor(*args); });
}

}  // namespace skillmatch::cli
