#include "skillmatch/eval/mobility.h"

#include <algorithm>
#include <cmath>

#include "skillmatch/match/scoring.h"

namespace skillmatch::engine {

using classification::MobilityKind;
using classification::NodeIndex;
using classification::Taxonomy;

MobilityScore ScoreAgainstLinks(const Taxonomy& taxonomy, MobilityKind kind,
                                const OccupationRanking& rank) {
  MobilityScore out;
  for (NodeIndex occ : taxonomy.occupations()) {
    // Link target -> gain.
    std::vector<std::pair<NodeIndex, double>> truth;
    for (const auto& link : taxonomy.MobilityFrom(occ)) {
      if (link.kind != kind || link.to == occ) continue;
      const double gain =
          link.rank > 0 ? 1.0 / std::log2(static_cast<double>(link.rank) + 1.0) : 1.0;
      truth.emplace_back(link.to, gain);
    }
    if (truth.empty()) continue;
    const std::vector<NodeIndex> ranked = rank(occ);
    size_t hits = 0;
    double rr = 0, dcg = 0;
    for (size_t pos = 0; pos < ranked.size(); ++pos) {
      auto it = std::find_if(truth.begin(), truth.end(),
                             [&](const auto& t) { return t.first == ranked[pos]; });
      if (it == truth.end()) continue;
      if (pos < 10) {
        ++hits;
        dcg += it->second / std::log2(static_cast<double>(pos) + 2.0);
      }
      if (rr == 0) rr = 1.0 / static_cast<double>(pos + 1);
      if (pos >= 10 && rr > 0) break;
    }
    std::vector<double> gains;
    for (const auto& t : truth) gains.push_back(t.second);
    std::sort(gains.rbegin(), gains.rend());
    double ideal = 0;
    for (size_t pos = 0; pos < gains.size() && pos < 10; ++pos) {
      ideal += gains[pos] / std::log2(static_cast<double>(pos) + 2.0);
    }
    out.recall10 += static_cast<double>(hits) / static_cast<double>(truth.size());
    out.mrr += rr;
    out.ndcg10 += ideal > 0 ? dcg / ideal : 0;
    ++out.occupations;
  }
  if (out.occupations > 0) {
    const double n = static_cast<double>(out.occupations);
    out.recall10 /= n;
    out.mrr /= n;
    out.ndcg10 /= n;
  }
  return out;
}

WeightedSkillCosine::WeightedSkillCosine(const Taxonomy& taxonomy)
    : taxonomy_(&taxonomy), slot_of_node_(taxonomy.node_count(), -1) {
  const std::vector<NodeIndex>& occupations = taxonomy.occupations();
  count_ = occupations.size();
  for (size_t slot = 0; slot < count_; ++slot) {
    slot_of_node_[occupations[slot]] = static_cast<int32_t>(slot);
  }
  // Inverted index skill -> (slot, weight), so the cost follows the shared
  // skills rather than n^2 x skills.
  std::vector<std::vector<std::pair<int32_t, float>>> by_skill(taxonomy.skill_count());
  std::vector<double> norm(count_, 0);
  for (size_t slot = 0; slot < count_; ++slot) {
    for (const auto& link : taxonomy.SkillsOf(occupations[slot])) {
      const float w = link.EffectiveWeight();
      if (w <= 0) continue;
      by_skill[link.skill].emplace_back(static_cast<int32_t>(slot), w);
      norm[slot] += static_cast<double>(w) * w;
    }
  }
  std::vector<double> dot(count_ * count_, 0);
  for (const auto& list : by_skill) {
    for (const auto& [a, wa] : list) {
      for (const auto& [b, wb] : list) dot[a * count_ + b] += static_cast<double>(wa) * wb;
    }
  }
  cosine_.assign(count_ * count_, 0);
  for (size_t a = 0; a < count_; ++a) {
    for (size_t b = 0; b < count_; ++b) {
      const double d = std::sqrt(norm[a] * norm[b]);
      cosine_[a * count_ + b] =
          d > 0 ? static_cast<float>(std::min(dot[a * count_ + b] / d, 1.0)) : 0.0f;
    }
  }
}

float WeightedSkillCosine::operator()(NodeIndex a, NodeIndex b) const {
  if (a < 0 || b < 0 || static_cast<size_t>(a) >= slot_of_node_.size() ||
      static_cast<size_t>(b) >= slot_of_node_.size()) {
    return 0;
  }
  const int32_t sa = slot_of_node_[a], sb = slot_of_node_[b];
  if (sa < 0 || sb < 0) return 0;
  return cosine_[static_cast<size_t>(sa) * count_ + static_cast<size_t>(sb)];
}

std::vector<NodeIndex> RankOccupations(
    const Taxonomy& taxonomy, NodeIndex occupation,
    const std::function<float(NodeIndex, NodeIndex)>& value) {
  std::vector<std::pair<NodeIndex, float>> all;
  for (NodeIndex other : taxonomy.occupations()) {
    if (other != occupation) all.emplace_back(other, value(occupation, other));
  }
  std::sort(all.begin(), all.end(), [&](const auto& x, const auto& y) {
    if (x.second != y.second) return x.second > y.second;
    return taxonomy.node(x.first).code < taxonomy.node(y.first).code;
  });
  std::vector<NodeIndex> out;
  out.reserve(all.size());
  for (const auto& [node, v] : all) out.push_back(node);
  return out;
}

std::vector<MobilityRow> EvaluateMobility(const Taxonomy& taxonomy,
                                          const Scorer& scorer) {
  const WeightedSkillCosine weighted(taxonomy);
  auto by_weighted = [&](NodeIndex occ) {
    return RankOccupations(taxonomy, occ, std::cref(weighted));
  };
  auto by_idf = [&](NodeIndex occ) {
    return RankOccupations(taxonomy, occ, [&](NodeIndex a, NodeIndex b) {
      return scorer.SkillCosine(a, b);
    });
  };
  auto ours = [&](NodeIndex occ) {
    std::vector<NodeIndex> out;
    const int all = static_cast<int>(taxonomy.node_count());
    for (const auto& [node, v] : scorer.SimilarOccupations(occ, all, true)) {
      out.push_back(node);
    }
    // Occupations with no value at all come last, by code.
    std::vector<char> seen(taxonomy.node_count(), 0);
    for (NodeIndex node : out) seen[node] = 1;
    std::vector<NodeIndex> rest;
    for (NodeIndex other : taxonomy.occupations()) {
      if (other != occ && !seen[other]) rest.push_back(other);
    }
    std::sort(rest.begin(), rest.end(), [&](NodeIndex x, NodeIndex y) {
      return taxonomy.node(x).code < taxonomy.node(y).code;
    });
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
  };
  std::vector<MobilityRow> rows;
  for (MobilityKind kind : {MobilityKind::kClose, MobilityKind::kEvolution}) {
    const std::pair<const char*, OccupationRanking> models[] = {
        {kWeightedCosineModel, by_weighted},
        {kIdfCosineModel, by_idf},
        {kSkillmatchModel, ours}};
    for (const auto& [name, rank] : models) {
      MobilityScore score = ScoreAgainstLinks(taxonomy, kind, rank);
      if (score.occupations == 0) break;  // no link of this kind
      rows.push_back({kind, name, score});
    }
  }
  return rows;
}

}  // namespace skillmatch::engine
