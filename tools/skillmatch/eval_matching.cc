// skillmatch eval matching: ranking quality of the engine beside baselines
// and an ablation, both directions, and a fairness audit, written as TREC
// files, report.json and report.html (see engine/eval/README.md, "Evaluation").
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "cli.h"
#include "skillmatch/classification/text.h"
#include "eval_report.h"
#include "skillmatch/eval/comparisons.h"
#include "skillmatch/eval/evaluation.h"
#include "skillmatch/eval/fairness.h"
#include "skillmatch/eval/generator.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/match/scoring.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

using nlohmann::ordered_json;

struct MatchingArgs {
  std::string taxonomy = DefaultTaxonomyPath();
  int64_t profiles = 300;
  int64_t offers = 3000;
  uint64_t seed = 1;
  std::string db;
  std::string judgements;
  std::string config;
  int top = 50;
  int64_t queries = 300;
  int64_t twins = 20;
  int fairness_top = 10;
  int64_t audit_offers = 3000;
  std::string out;
};

// Streams of the seeded samples (distinct from the library's).
constexpr uint64_t kStreamProfileQueries = 1;
constexpr uint64_t kStreamOfferQueries = 2;
constexpr uint64_t kStreamTwins = 3;
constexpr uint64_t kStreamAudit = 4;

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// Figures are rounded to 6 decimals, so report.json does not carry the
// noise of the last bits and reads the same on every run.
double Round6(double value) { return std::round(value * 1e6) / 1e6; }

ordered_json MeasuresJson(const engine::RankingEvaluation& evaluation) {
  ordered_json out = ordered_json::object();
  for (const engine::MeasureValue& measure : evaluation.SummaryMeasures()) {
    if (measure.is_count) {
      out[measure.name] = static_cast<int64_t>(measure.value);
    } else {
      out[measure.name] = Round6(measure.value);
    }
  }
  return out;
}

ordered_json WeightsJson(
    const std::array<float, engine::kBlockCount>& weights) {
  ordered_json out = ordered_json::object();
  for (int block = 0; block < engine::kBlockCount; ++block) {
    out[std::string(engine::ToString(static_cast<engine::Block>(block)))] =
        Round6(weights[block]);
  }
  return out;
}

ordered_json GradeCounts(const engine::Qrels& qrels) {
  int64_t grades[3] = {0, 0, 0};
  int64_t other = 0;
  for (const auto& [qid, judgments] : qrels.queries()) {
    for (const auto& [docno, grade] : judgments) {
      if (grade >= 0 && grade <= 2) {
        ++grades[grade];
      } else {
        ++other;
      }
    }
  }
  ordered_json out = {{"judged_queries", qrels.queries().size()},
                      {"grade_0", grades[0]},
                      {"grade_1", grades[1]},
                      {"grade_2", grades[2]}};
  if (other > 0) out["other_grades"] = other;
  return out;
}

// `truth`, when not empty, is the audit of the rankings by true relevance:
// its shares are shown beside the engine's, group by group (both audits have
// the same groups, since they read the same profiles).
ordered_json FairnessJson(const std::vector<engine::AttributeAudit>& audits,
                          const std::vector<engine::AttributeAudit>& truth) {
  ordered_json out = ordered_json::array();
  for (size_t attribute = 0; attribute < audits.size(); ++attribute) {
    const engine::AttributeAudit& audit = audits[attribute];
    ordered_json groups = ordered_json::array();
    for (size_t group = 0; group < audit.groups.size(); ++group) {
      const engine::GroupAudit& g = audit.groups[group];
      ordered_json truth_json = nullptr;
      if (!truth.empty()) {
        const engine::GroupAudit& t = truth[attribute].groups[group];
        truth_json = {{"appearance_share", Round6(t.appearance_share)},
                      {"appearance_rate", Round6(t.appearance_rate)},
                      {"exposure_share", Round6(t.exposure_share)}};
      }
      groups.push_back({{"group", g.group},
                        {"members", g.members},
                        {"population_share", Round6(g.population_share)},
                        {"appearances", g.appearances},
                        {"appearance_share", Round6(g.appearance_share)},
                        {"appearance_rate", Round6(g.appearance_rate)},
                        {"appearance_ratio", Round6(g.appearance_ratio)},
                        {"exposure", Round6(g.exposure)},
                        {"exposure_share", Round6(g.exposure_share)},
                        {"exposure_rate", Round6(g.exposure_rate)},
                        {"exposure_ratio", Round6(g.exposure_ratio)},
                        {"small", g.small},
                        {"appearance_flag", g.appearance_flag},
                        {"exposure_flag", g.exposure_flag},
                        {"scored", g.scored},
                        {"mean_score", Round6(g.mean_score)},
                        {"histogram", g.histogram},
                        {"truth", std::move(truth_json)}});
    }
    out.push_back(
        {{"attribute", std::string(engine::ToString(audit.attribute))},
         {"best_group", audit.best_group},
         {"groups", std::move(groups)}});
  }
  return out;
}

// The engine against every other system (CompareWithEngine), as
// report.json's "comparisons".
ordered_json ComparisonsJson(const engine::MatchingEvaluation& evaluation,
                             const std::vector<int64_t>& cutoffs) {
  auto interval = [](const engine::PairedDifference& difference) {
    return ordered_json{{"mean_difference", Round6(difference.mean_difference)},
                        {"ci95_low", Round6(difference.ci95_low)},
                        {"ci95_high", Round6(difference.ci95_high)},
                        {"queries", difference.queries}};
  };
  ordered_json out = ordered_json::array();
  for (const engine::SystemComparison& comparison :
       engine::CompareWithEngine(evaluation, cutoffs)) {
    out.push_back(
        {{"system", comparison.system},
         {"direction", std::string(engine::ToString(comparison.direction))},
         {"ndcg_cut_" + std::to_string(comparison.ndcg_cutoff),
          interval(comparison.ndcg)},
         {"map", interval(comparison.map)}});
  }
  return out;
}

Status WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError(path + ": cannot create file");
  out << text;
  out.close();
  if (!out) return Status::IoError(path + ": write failed");
  return Status::Ok();
}

template <typename Writer>
Status WriteWith(const std::string& path, Writer writer) {
  std::ostringstream text;
  writer(text);
  return WriteText(path, text.str());
}

// The records and judgments evaluated, from the generator or the store.
struct Inputs {
  std::optional<classification::Taxonomy> taxonomy;
  std::optional<engine::Generator> generator;  // generated data only
  // Generated data only: the hidden facts, for the audit's reference
  // rankings by true relevance.
  std::vector<engine::ProfileTruth> profile_truths;
  std::vector<engine::OfferTruth> offer_truths;
  std::vector<engine::Profile> profiles;
  std::vector<engine::Offer> offers;
  std::array<engine::Qrels, engine::kDirectionCount> qrels;
  ordered_json source;
};

Status CheckArgs(const MatchingArgs& args) {
  auto at_least = [](const char* name, int64_t value, int64_t least) -> Status {
    if (value >= least) return Status::Ok();
    return Status::InvalidArgument(std::string(name) + ": expected at least " +
                                   std::to_string(least) + ", got " +
                                   std::to_string(value));
  };
  for (const Status& status :
       {at_least("--profiles", args.profiles, 1),
        at_least("--offers", args.offers, 1), at_least("--top", args.top, 1),
        at_least("--queries", args.queries, 1),
        at_least("--twins", args.twins, 0),
        at_least("--fairness-top", args.fairness_top, 1),
        at_least("--audit-offers", args.audit_offers, 1)}) {
    SKILLMATCH_RETURN_IF_ERROR(status);
  }
  if (static_cast<uint64_t>(args.profiles) > engine::kMaxGeneratedRecords ||
      static_cast<uint64_t>(args.offers) > engine::kMaxGeneratedRecords) {
    return Status::InvalidArgument(
        "--profiles, --offers: expected at most " +
        std::to_string(engine::kMaxGeneratedRecords));
  }
  if (!args.judgements.empty() && args.db.empty()) {
    return Status::InvalidArgument(
        "--judgements needs --db (the records the judgements are about)");
  }
  return Status::Ok();
}

Status LoadGenerated(const MatchingArgs& args,
                     const engine::ScoringConfig& config, Inputs* in) {
  auto tax = LoadTaxonomy(args.taxonomy, false);
  if (!tax.ok()) return tax.status();
  in->taxonomy.emplace(std::move(tax).value());
  engine::GeneratorOptions options;
  options.seed = args.seed;
  auto generator = engine::Generator::Create(*in->taxonomy, options);
  if (!generator.ok()) return generator.status();
  in->generator.emplace(std::move(generator).value());
  engine::GeneratedSample sample =
      engine::Generate(*in->generator, args.profiles, args.offers);

  auto scorer = engine::Scorer::Create(*in->taxonomy, config);
  if (!scorer.ok()) return scorer.status();
  const engine::RelevanceJudge judge(**scorer);
  const std::vector<size_t> profile_queries = engine::SampleIndexes(
      sample.profiles.size(), args.queries, args.seed, kStreamProfileQueries);
  const std::vector<size_t> offer_queries = engine::SampleIndexes(
      sample.offers.size(), args.queries, args.seed, kStreamOfferQueries);
  in->qrels[0] = engine::GeneratedQrels(
      judge, sample, engine::Direction::kProfileToOffers, profile_queries);
  in->qrels[1] = engine::GeneratedQrels(
      judge, sample, engine::Direction::kOfferToProfiles, offer_queries);
  in->profiles = std::move(sample.profiles);
  in->offers = std::move(sample.offers);
  in->profile_truths = std::move(sample.profile_truths);
  in->offer_truths = std::move(sample.offer_truths);
  const engine::RelevanceRule& rule = judge.rule();
  in->source = {
      {"kind", "generated"},
      {"taxonomy",
       {{"name", in->taxonomy->info().name},
        {"version", in->taxonomy->info().version}}},
      {"profiles", args.profiles},
      {"offers", args.offers},
      {"seed", args.seed},
      {"sampled_queries",
       {{"profiles", profile_queries.size()},
        {"offers", offer_queries.size()}}},
      {"relevance",
       {{"rule",
         "2 = same true occupation and >= enough_essentials of the offer's "
         "essential skills really held; 1 = a close mobility link from the "
         "true occupation to the offer's, or >= partial_essentials held; "
         "else 0; 0 for pairs removed by the hard filters"},
        {"enough_essentials", rule.enough_essentials},
        {"partial_essentials", rule.partial_essentials}}}};
  return Status::Ok();
}

Status LoadStore(const MatchingArgs& args, uint64_t seed, Inputs* in) {
  engine::StoreOptions options;
  options.create_if_missing = false;
  options.read_only = true;
  auto store = engine::Store::Open(args.db, options);
  if (!store.ok()) return store.status();
  auto tax = (*store)->ReadTaxonomy();
  if (!tax.ok()) return tax.status();
  in->taxonomy.emplace(std::move(tax).value());
  SKILLMATCH_RETURN_IF_ERROR((*store)->ForEachProfile([&](engine::Profile&& p) {
    in->profiles.push_back(std::move(p));
    return Status::Ok();
  }));
  SKILLMATCH_RETURN_IF_ERROR((*store)->ForEachOffer([&](engine::Offer&& o) {
    in->offers.push_back(std::move(o));
    return Status::Ok();
  }));
  engine::Qrels judged;
  std::string origin;
  if (!args.judgements.empty()) {
    auto read = engine::Qrels::ReadFile(args.judgements);
    if (!read.ok()) return read.status();
    judged = std::move(read).value();
    origin = "judgements file (profile -> offer)";
    // Judgments about records the store does not hold are a mistake in the
    // file (a wrong store, or ids the other way round): say which.
    std::unordered_set<std::string> profile_ids;
    std::unordered_set<std::string> offer_ids;
    for (const engine::Profile& p : in->profiles) profile_ids.insert(p.id);
    for (const engine::Offer& o : in->offers) offer_ids.insert(o.id);
    for (const auto& [qid, judgments] : judged.queries()) {
      if (profile_ids.count(qid) == 0) {
        return Status::DataError(args.judgements + ": query " + text::Quoted(qid) +
                                 " is not a profile of " + args.db);
      }
      for (const auto& [docno, grade] : judgments) {
        if (offer_ids.count(docno) == 0) {
          return Status::DataError(args.judgements + ": document " + text::Quoted(docno) +
                                   " of query " + text::Quoted(qid) +
                                   " is not an offer of " + args.db);
        }
      }
    }
  } else {
    auto decisions = (*store)->ListDecisions({});
    if (!decisions.ok()) return decisions.status();
    judged = engine::QrelsFromDecisions(*decisions);
    origin =
        "counsellor decisions: accepted = 1, refused = 0, proposed = unjudged";
  }
  in->qrels[0] =
      engine::SampleQueries(judged, args.queries, seed, kStreamProfileQueries);
  in->qrels[1] = engine::SampleQueries(engine::Transpose(judged), args.queries,
                                       seed, kStreamOfferQueries);
  in->source = {{"kind", "store"},
                {"taxonomy",
                 {{"name", in->taxonomy->info().name},
                  {"version", in->taxonomy->info().version}}},
                {"profiles", in->profiles.size()},
                {"offers", in->offers.size()},
                {"seed", seed},
                {"judgements", origin},
                {"judgement_count", judged.judgment_count()}};
  return Status::Ok();
}

int RunMatching(const MatchingArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  Status checked = CheckArgs(args);
  if (!checked.ok()) return Fail(checked);
  auto config = LoadScoringConfig(args.config);
  if (!config.ok()) return Fail(config.status());
  // The day the offers are judged on, written in the report: generated
  // offers as of their year's start (none expired), a store's as of today.
  if (!config->today) {
    config->today = args.db.empty() ? engine::GeneratedAsOf() : engine::Date::Today();
  }

  Inputs in;
  Status loaded = args.db.empty() ? LoadGenerated(args, *config, &in)
                                  : LoadStore(args, args.seed, &in);
  if (!loaded.ok()) return Fail(loaded);
  spdlog::debug("data and judgments ready at {:.2f} s", Seconds(start));
  spdlog::info("{} profiles, {} offers; {} and {} judged queries",
               in.profiles.size(), in.offers.size(),
               in.qrels[0].queries().size(), in.qrels[1].queries().size());

  engine::MatchingOptions options;
  options.top_k = args.top;
  options.seed = args.seed;
  options.cutoffs.clear();
  for (int64_t k : {1, 3, 5, 10, 20, 50, 100, 200, 500, 1000}) {
    if (k < args.top) options.cutoffs.push_back(k);
  }
  options.cutoffs.push_back(args.top);
  auto evaluation = engine::EvaluateMatching(*in.taxonomy, *config, in.profiles,
                                             in.offers, in.qrels, options);
  if (!evaluation.ok()) return Fail(evaluation.status());
  spdlog::debug("runs evaluated at {:.2f} s", Seconds(start));

  // Fairness: rankings of jobseekers for (a sample of) the offers, each
  // jobseeker's best offer score, and for generated data the same audit of
  // the rankings by true relevance.
  auto scorer = engine::Scorer::Create(*in.taxonomy, *config);
  if (!scorer.ok()) return Fail(scorer.status());
  engine::FairnessOptions fairness_options;
  fairness_options.top_k = args.fairness_top;
  const std::vector<size_t> audited = engine::SampleIndexes(
      in.offers.size(), args.audit_offers, args.seed, kStreamAudit);
  const engine::ExposureAudit exposure = engine::AuditMatchingExposure(
      **scorer, in.profiles, in.offers, audited, fairness_options,
      in.profile_truths, in.offer_truths, args.seed);
  spdlog::debug("exposure audited at {:.2f} s", Seconds(start));

  // The twin check: GenerateTwin for generated data, the stored profile with
  // its attributes replaced otherwise (the same thing, tested in the
  // generator's tests).
  const std::vector<size_t> twin_sample = engine::SampleIndexes(
      in.profiles.size(), args.twins, args.seed, kStreamTwins);
  const engine::MakeProfile make = [&](size_t item,
                                       const engine::ProtectedAttributes* a) {
    const size_t index = twin_sample[item];
    if (in.generator) {
      return a == nullptr ? in.generator->GenerateProfile(index)
                          : in.generator->GenerateTwin(index, *a);
    }
    engine::Profile profile = in.profiles[index];
    if (a != nullptr) profile.protected_attributes = *a;
    return profile;
  };
  const engine::ScoreAll score_all =
      engine::ScoreAgainst(**scorer, in.offers);
  const engine::TwinCheck twins =
      engine::CheckTwins(twin_sample.size(), make, score_all);
  spdlog::debug("twin check done at {:.2f} s", Seconds(start));

  // report.json: fixed key order, rounded figures, no clock.
  ordered_json report;
  report["report"] = "skillmatch eval matching";
  report["skillmatch_version"] = SKILLMATCH_VERSION;
  report["source"] = in.source;
  report["options"] = {
      {"top_k", args.top},
      {"cutoffs", options.cutoffs},
      {"max_queries", args.queries},
      {"twin_profiles", args.twins},
      {"fairness_top_k", args.fairness_top},
      {"audit_offers", args.audit_offers},
      {"config_file",
       args.config.empty()
           ? ""
           : std::filesystem::path(args.config).filename().string()}};
  report["config"] = config->ToJson();
  ordered_json judgments = ordered_json::object();
  for (int dir = 0; dir < engine::kDirectionCount; ++dir) {
    judgments[std::string(
        engine::ToString(static_cast<engine::Direction>(dir)))] =
        GradeCounts(evaluation->qrels[dir]);
  }
  report["judgments"] = judgments;
  ordered_json systems = ordered_json::array();
  for (const engine::SystemEvaluation& system : evaluation->systems) {
    ordered_json entry = {{"name", system.name},
                          {"kind", system.kind},
                          {"weights", WeightsJson(system.weights)}};
    for (int dir = 0; dir < engine::kDirectionCount; ++dir) {
      entry[std::string(
          engine::ToString(static_cast<engine::Direction>(dir)))] =
          MeasuresJson(system.evaluations[dir]);
    }
    systems.push_back(std::move(entry));
  }
  report["systems"] = std::move(systems);
  report["comparisons"] = ComparisonsJson(*evaluation, options.cutoffs);
  report["fairness"] = {
      {"rankings", exposure.rankings.size()},
      {"top_k", fairness_options.top_k},
      {"four_fifths", fairness_options.four_fifths},
      {"min_group_size", fairness_options.min_group_size},
      {"histogram_bins", fairness_options.histogram_bins},
      {"score", "each jobseeker's best offer score"},
      {"truth_reference",
       exposure.truth_audits.empty()
           ? ""
           : "rankings of the same offers by true relevance (grade 2, then "
             "1, ties in a seeded random order)"},
      {"attributes", FairnessJson(exposure.audits, exposure.truth_audits)}};
  report["twin_check"] = {{"profiles", twins.profiles},
                          {"twins", twins.twins},
                          {"pairs", twins.pairs},
                          {"differing", twins.differing},
                          {"examples", twins.examples}};

  std::error_code error;
  std::filesystem::create_directories(args.out + "/runs", error);
  if (error) {
    std::fprintf(stderr, "skillmatch: %s: cannot create folder: %s\n",
                 args.out.c_str(), error.message().c_str());
    return kExitCantCreate;
  }
  std::vector<Status> written;
  for (int dir = 0; dir < engine::kDirectionCount; ++dir) {
    const std::string side(
        engine::ToString(static_cast<engine::Direction>(dir)));
    written.push_back(
        WriteWith(args.out + "/qrels." + side + ".txt", [&](std::ostream& out) {
          engine::WriteQrels(evaluation->qrels[dir], out);
        }));
    for (const engine::SystemEvaluation& system : evaluation->systems) {
      written.push_back(WriteWith(
          args.out + "/runs/" + system.name + "." + side + ".txt",
          [&](std::ostream& out) { engine::WriteRun(system.runs[dir], out); }));
    }
  }
  written.push_back(
      WriteText(args.out + "/report.json", report.dump(2) + "\n"));
  written.push_back(
      WriteText(args.out + "/report.html", RenderReportHtml(report)));
  for (const Status& status : written) {
    if (!status.ok()) {
      std::fprintf(stderr, "skillmatch: %s\n", status.message().c_str());
      return kExitCantCreate;
    }
  }
  std::cout << SummaryTable(report);
  std::cout << "report: " << args.out << "/report.html (figures in " << args.out
            << "/report.json)\n";
  std::cout.flush();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  spdlog::info("eval matching done in {:.2f} s", seconds);
  if (twins.differing > 0) {
    spdlog::error("twin check: {} of {} scores differ", twins.differing,
                  twins.pairs);
    return kExitSoftware;
  }
  return kExitOk;
}

}  // namespace

void AddEvalMatchingCommand(CLI::App* eval, int* exit_code) {
  auto args = std::make_shared<MatchingArgs>();
  CLI::App* cmd = eval->add_subcommand(
      "matching",
      "Matching quality (engine, baselines, ablation; both directions) and a "
      "fairness audit, as TREC files, report.json and report.html");
  cmd->add_option("--taxonomy", args->taxonomy,
                  "Taxonomy bundle folder (generated data)")
      ->capture_default_str();
  cmd->add_option("--profiles", args->profiles, "Generated jobseekers")
      ->capture_default_str();
  cmd->add_option("--offers", args->offers, "Generated offers")
      ->capture_default_str();
  cmd->add_option("--seed", args->seed,
                  "Seed of the data, the samples and the random baseline")
      ->capture_default_str();
  cmd->add_option("--db", args->db,
                  "Evaluate the records of this store, judged by its "
                  "counsellor decisions (instead of generated data)");
  cmd->add_option("--judgements", args->judgements,
                  "With --db: TREC qrels (profile -> offer) instead of the "
                  "decisions");
  cmd->add_option("--config", args->config, "Scoring config (JSON)");
  cmd->add_option("--top", args->top, "Depth of every run (top k)")
      ->capture_default_str();
  cmd->add_option("--queries", args->queries,
                  "At most this many queries per direction (seeded sample)")
      ->capture_default_str();
  cmd->add_option("--twins", args->twins,
                  "Jobseekers of the twin check (each against every offer)")
      ->capture_default_str();
  cmd->add_option("--fairness-top", args->fairness_top,
                  "Depth of the rankings the exposure audit reads")
      ->capture_default_str();
  cmd->add_option("--audit-offers", args->audit_offers,
                  "At most this many offers' rankings in the exposure audit")
      ->capture_default_str();
  cmd->add_option("--out", args->out, "Output folder (created if missing)")
      ->required();
  cmd->callback([args, exit_code] { *exit_code = RunMatching(*args); });
}

}  // namespace skillmatch::cli
