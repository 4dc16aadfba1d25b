// skillmatch similar: occupations close to one, for reorientation advice;
// skillmatch eval mobility: how well skill similarity finds ROME's mobility
// links.
#include <spdlog/spdlog.h>

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/classification/importers.h"
#include "skillmatch/eval/mobility.h"
#include "skillmatch/match/scoring.h"

namespace skillmatch::cli {

namespace {

using classification::MobilityKind;
using classification::NodeIndex;
using classification::Taxonomy;

struct SimilarArgs {
  std::string taxonomy = DefaultTaxonomyPath();
  std::string code;
  int top = 10;
  bool skills_only = false;
  std::string format = "table";
  std::string lang;
  std::string config;
};

int RunSimilar(const SimilarArgs& args) {
  auto tax = LoadTaxonomy(args.taxonomy, false);
  if (!tax.ok()) return Fail(tax.status());
  NodeIndex node = tax->FindNode(args.code);
  if (node == classification::kNoNode || !tax->IsOccupation(node)) {
    return Fail(Status::NotFound("no occupation with code " + text::Quoted(args.code) +
                                 "' in " + args.taxonomy));
  }
  Result<engine::ScoringConfig> config = LoadScoringConfig(args.config);
  if (!config.ok()) return Fail(config.status());
  auto scorer = engine::Scorer::Create(*tax, *config);
  if (!scorer.ok()) return Fail(scorer.status());
  const std::string lang = args.lang.empty() ? tax->main_language() : args.lang;
  auto similar = (*scorer)->SimilarOccupations(node, args.top, args.skills_only);
  if (args.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& [other, value] : similar) {
      out.push_back({{"code", tax->node(other).code},
                     {"label", tax->NodeLabel(other, lang)},
                     {"proximity", value},
                     {"reason", args.skills_only
                                    ? std::string("skills-only")
                                    : std::string(engine::ToString(
                                          (*scorer)->ProximityWhy(node, other)))}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << args.code << "  " << tax->NodeLabel(node, lang) << "\n";
  for (size_t rank = 0; rank < similar.size(); ++rank) {
    const auto& [other, value] = similar[rank];
    std::cout << std::setw(3) << rank + 1 << ". " << tax->node(other).code << "  "
              << std::fixed << std::setprecision(3) << value << "  "
              << tax->NodeLabel(other, lang);
    if (!args.skills_only) {
      std::cout << "  (" << engine::ToString((*scorer)->ProximityWhy(node, other))
                << ")";
    }
    std::cout << "\n";
  }
  return kExitOk;
}

struct EvalMobilityArgs {
  std::string taxonomy;
  std::vector<std::string> sets;
  std::string config;
  std::string data = SKILLMATCH_SHARED_DATA_DIR;
};

// Prints the evaluation of one taxonomy: for each link kind, the plain
// weighted cosine (baseline), the IDF skill cosine and skillmatch.
int EvalMobilityOn(const Taxonomy& t, const engine::ScoringConfig& config) {
  auto scorer = engine::Scorer::Create(t, config);
  if (!scorer.ok()) return Fail(scorer.status());
  std::cout << "== mobility links of " << t.info().name << " " << t.info().version
            << " found by skills only (mobility links not used)\n";
  std::cout << "links       model                          occupations  Recall@10    MRR"
               "  nDCG@10\n";
  for (const engine::MobilityRow& row : engine::EvaluateMobility(t, **scorer)) {
    std::cout << std::left << std::setw(12) << classification::ToString(row.kind)
              << std::setw(31) << row.model << std::right << std::setw(11)
              << row.score.occupations << std::fixed << std::setprecision(3)
              << std::setw(11) << row.score.recall10 << std::setw(7) << row.score.mrr
              << std::setw(9) << row.score.ndcg10 << "\n";
  }
  return kExitOk;
}

int RunEvalMobility(const EvalMobilityArgs& args) {
  Result<engine::ScoringConfig> config = LoadScoringConfig(args.config);
  if (!config.ok()) return Fail(config.status());
  if (!args.taxonomy.empty()) {
    Result<Taxonomy> tax = LoadTaxonomy(args.taxonomy, false);
    if (!tax.ok()) return Fail(tax.status());
    return EvalMobilityOn(*tax, *config);
  }
  int exit_code = kExitOk;
  for (size_t idx = 0; idx < args.sets.size(); ++idx) {
    const std::string& set = args.sets[idx];
    Result<Taxonomy> tax =
        set == "rome-v3" ? classification::ImportRomeV3(args.data + "/rome-v3-v344")
                         : classification::ImportRomeV4(args.data + "/rome-4.0-v460");
    if (!tax.ok()) return Fail(tax.status());
    if (idx > 0) std::cout << "\n";
    exit_code = EvalMobilityOn(*tax, *config);
    if (exit_code != kExitOk) break;
  }
  return exit_code;
}

}  // namespace

void AddSimilarCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<SimilarArgs>();
  CLI::App* cmd = app.add_subcommand(
      "similar", "Occupations close to one, with the reason (reorientation)");
  cmd->add_option("--code", args->code, "Occupation code")->required();
  cmd->add_option("--taxonomy", args->taxonomy, "Taxonomy bundle folder")
      ->capture_default_str();
  cmd->add_option("--top", args->top)->check(CLI::Range(1, 100000))->capture_default_str();
  cmd->add_flag("--skills-only", args->skills_only,
                "Ignore mobility links: skills and hierarchy only");
  cmd->add_option("--format", args->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--lang", args->lang, "Label language");
  cmd->add_option("--config", args->config, "Scoring settings (JSON, engine/match/README.md)");
  cmd->callback([args, exit_code] { *exit_code = RunSimilar(*args); });
}

void AddEvalMobilityCommand(CLI::App* eval, int* exit_code) {
  auto args = std::make_shared<EvalMobilityArgs>();
  CLI::App* cmd = eval->add_subcommand(
      "mobility",
      "How well skill similarity finds mobility links (ROME v3 and ROME 4.0 "
      "by default), beside a plain weighted skill cosine");
  cmd->add_option("--taxonomy", args->taxonomy,
                  "Bundle with mobility links (instead of --sets)");
  args->sets = {"rome-v3", "rome-v4"};
  cmd->add_option("--sets", args->sets,
                  "Published taxonomies imported from --data: rome-v3 "
                  "(\"Proche\" and \"Evolution\" links), rome-v4 (ranked links)")
      ->delimiter(',')
      ->check(CLI::IsMember({"rome-v3", "rome-v4"}))
      ->capture_default_str();
  cmd->add_option("--data", args->data, "Folder of the published data")
      ->capture_default_str();
  cmd->add_option("--config", args->config,
                  "Scoring settings (JSON, engine/match/README.md): the similarity weights");
  cmd->callback([args, exit_code] { *exit_code = RunEvalMobility(*args); });
}

}  // namespace skillmatch::cli
