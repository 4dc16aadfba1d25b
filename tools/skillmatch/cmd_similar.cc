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

// Recall@10 and MRR of a ranking of all other occupations against the
// occupation's mobility links of one kind, averaged over occupations that
// have such links.
struct MobilityScore {
  size_t occupations = 0;
  double recall10 = 0;
  double mrr = 0;
};

template <typename Rank>
MobilityScore Score(const Taxonomy& tax, MobilityKind kind, Rank rank) {
  MobilityScore out;
  for (NodeIndex occ : tax.occupations()) {
    std::vector<NodeIndex> truth;
    for (const auto& link : tax.MobilityFrom(occ)) {
      if (link.kind == kind && link.to != occ) truth.push_back(link.to);
    }
    if (truth.empty()) continue;
    std::vector<NodeIndex> ranked = rank(occ);
    size_t hits = 0;
    double rr = 0;
    for (size_t pos = 0; pos < ranked.size(); ++pos) {
      bool relevant =
          std::find(truth.begin(), truth.end(), ranked[pos]) != truth.end();
      if (relevant && pos < 10) ++hits;
      if (relevant && rr == 0) rr = 1.0 / (pos + 1);
    }
    out.recall10 += static_cast<double>(hits) / truth.size();
    out.mrr += rr;
    ++out.occupations;
  }
  if (out.occupations > 0) {
    out.recall10 /= out.occupations;
    out.mrr /= out.occupations;
  }
  return out;
}

struct EvalMobilityArgs {
  std::string taxonomy;
  std::string config;
  std::string data = SKILLMATCH_SHARED_DATA_DIR;
};

int RunEvalMobility(const EvalMobilityArgs& args) {
  Result<Taxonomy> tax = Status::Internal("unset");
  if (args.taxonomy.empty()) {
    tax = classification::ImportRomeV3(args.data + "/rome-v3-v344");
  } else {
    tax = LoadTaxonomy(args.taxonomy, false);
  }
  if (!tax.ok()) return Fail(tax.status());
  Result<engine::ScoringConfig> config = LoadScoringConfig(args.config);
  if (!config.ok()) return Fail(config.status());
  auto scorer = engine::Scorer::Create(*tax, *config);
  if (!scorer.ok()) return Fail(scorer.status());
  const Taxonomy& t = *tax;
  auto ranked_by = [&](auto value) {
    return [&, value](NodeIndex occ) {
      std::vector<std::pair<NodeIndex, float>> all;
      for (NodeIndex other : t.occupations()) {
        if (other != occ) all.emplace_back(other, value(occ, other));
      }
      std::sort(all.begin(), all.end(), [&](const auto& x, const auto& y) {
        if (x.second != y.second) return x.second > y.second;
        return t.node(x.first).code < t.node(y.first).code;
      });
      std::vector<NodeIndex> out;
      for (const auto& [node, v] : all) out.push_back(node);
      return out;
    };
  };
  auto cosine = ranked_by([&](NodeIndex a, NodeIndex b) {
    return (*scorer)->SkillCosine(a, b);
  });
  auto ours = [&](NodeIndex occ) {
    std::vector<NodeIndex> out;
    for (const auto& [node, v] :
         (*scorer)->SimilarOccupations(occ, static_cast<int>(t.node_count()), true)) {
      out.push_back(node);
    }
    // Occupations with no proximity at all come last, by code.
    std::vector<NodeIndex> rest;
    for (NodeIndex other : t.occupations()) {
      if (other != occ && std::find(out.begin(), out.end(), other) == out.end()) {
        rest.push_back(other);
      }
    }
    std::sort(rest.begin(), rest.end(), [&](NodeIndex x, NodeIndex y) {
      return t.node(x).code < t.node(y).code;
    });
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
  };
  std::cout << "== mobility links of " << t.info().name << " " << t.info().version
            << " found by skills only (mobility links not used)\n";
  std::cout << "links       model                          occupations  Recall@10    MRR\n";
  for (MobilityKind kind : {MobilityKind::kClose, MobilityKind::kEvolution}) {
    for (int model = 0; model < 2; ++model) {
      MobilityScore s = model == 0 ? Score(t, kind, cosine) : Score(t, kind, ours);
      if (s.occupations == 0) continue;
      std::cout << std::left << std::setw(12) << classification::ToString(kind)
                << std::setw(31)
                << (model == 0 ? "skill cosine (baseline)" : "skillmatch --skills-only")
                << std::right << std::setw(11) << s.occupations << std::fixed
                << std::setprecision(3) << std::setw(11) << s.recall10
                << std::setw(7) << s.mrr << "\n";
    }
  }
  return kExitOk;
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
      "How well skill similarity finds mobility links (ROME v3 by default), "
      "beside a plain skill cosine");
  cmd->add_option("--taxonomy", args->taxonomy,
                  "Bundle with mobility links (default: import ROME v3 from --data)");
  cmd->add_option("--data", args->data, "Folder of the published data")
      ->capture_default_str();
  cmd->add_option("--config", args->config,
                  "Scoring settings (JSON, engine/match/README.md): the similarity weights");
  cmd->callback([args, exit_code] { *exit_code = RunEvalMobility(*args); });
}

}  // namespace skillmatch::cli
