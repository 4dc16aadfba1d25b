// Occupation similarity against a taxonomy's mobility links (`skillmatch eval
// mobility`): for every occupation with links of one kind, rank all the other
// occupations without looking at the links, and score the ranking against
// them. The plain weighted skill cosine is the baseline every method is shown
// beside (engine/match/README.md, "Quality: occupation similarity").
//
// Thread safety: the functions are pure; WeightedSkillCosine is immutable
// after Create and may be read from several threads.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "skillmatch/classification/taxonomy.h"

namespace skillmatch::engine {

class Scorer;

// Averages over the occupations that have at least one link of the kind.
struct MobilityScore {
  size_t occupations = 0;  // occupations with links of the kind
  double recall10 = 0;     // share of an occupation's links in its top 10
  double mrr = 0;          // 1 / rank of its first link
  // nDCG@10 with graded gains: a link of rank r (ROME 4.0's order, 1 =
  // closest) gains 1 / log2(r + 1), an unranked link 1; the ideal ranking
  // puts every link of the occupation first, closest first.
  double ndcg10 = 0;
};

// For an occupation, all the other occupations, best first.
using OccupationRanking =
    std::function<std::vector<classification::NodeIndex>(
        classification::NodeIndex)>;

// Scores `rank` against the taxonomy's mobility links of `kind`.
MobilityScore ScoreAgainstLinks(const classification::Taxonomy& taxonomy,
                                classification::MobilityKind kind,
                                const OccupationRanking& rank);

// The plain weighted cosine of two occupations' skill vectors: component s
// is the link's weight (the bundle's `weight`, or 1 for essential and 0.5
// for optional when empty), with no IDF, no words and no hierarchy. 0 when
// either occupation has no skill.
class WeightedSkillCosine {
 public:
  explicit WeightedSkillCosine(const classification::Taxonomy& taxonomy);
  // 0 for nodes that are not occupations.
  float operator()(classification::NodeIndex a,
                   classification::NodeIndex b) const;

 private:
  const classification::Taxonomy* taxonomy_;
  std::vector<int32_t> slot_of_node_;  // -1 for non-occupations
  size_t count_ = 0;
  std::vector<float> cosine_;  // count_ x count_, row-major
};

// All other occupations by decreasing value(occupation, other), ties by
// code.
std::vector<classification::NodeIndex> RankOccupations(
    const classification::Taxonomy& taxonomy, classification::NodeIndex occupation,
    const std::function<float(classification::NodeIndex,
                              classification::NodeIndex)>& value);

// One line of the evaluation.
struct MobilityRow {
  classification::MobilityKind kind = classification::MobilityKind::kClose;
  std::string model;  // "weighted cosine (baseline)", ...
  MobilityScore score;
};

// Names of the models of EvaluateMobility, in the order of its rows.
inline constexpr const char* kWeightedCosineModel = "weighted cosine (baseline)";
inline constexpr const char* kIdfCosineModel = "IDF skill cosine";
inline constexpr const char* kSkillmatchModel = "skillmatch --skills-only";

// For each link kind the taxonomy has (close, then evolution): the plain
// weighted cosine, the IDF-weighted skill cosine, and the scorer's
// SimilarOccupations(skills_only) ranking (occupations it gives no value
// come last, by code). `scorer` must be built over `taxonomy`.
std::vector<MobilityRow> EvaluateMobility(const classification::Taxonomy& taxonomy,
                                          const Scorer& scorer);

}  // namespace skillmatch::engine
