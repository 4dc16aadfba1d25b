#include "skillmatch/eval/mobility.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <utility>

#include "skillmatch/match/scoring.h"

namespace skillmatch::engine {
namespace {

using classification::MobilityKind;
using classification::NodeIndex;
using classification::SkillKind;
using classification::SkillRelation;
using classification::Taxonomy;

// Five occupations in two areas whose skills carry weights (the bundle's
// `weight` column), worded so that no two skill labels share a word:
//   A1: s1 1.0, s2 0.2        A2: s1 0.2, s2 1.0        A3: s1 1.0, s3 0.3
//   B1: s4 1.0                B2: s3 1.0, s4 0.5
// By hand, the plain weighted cosine:
//   A1.A2 = (1 x 0.2 + 0.2 x 1) / (sqrt(1.04) sqrt(1.04)) = 0.4 / 1.04
//   A1.A3 = 1 / (sqrt(1.04) sqrt(1.09))
//   A1.B2 = 0,  A3.B2 = 0.3 / (sqrt(1.09) sqrt(1.25))
// Unweighted, A2 shares two of A1's two skills (cosine 1) and A3 one (0.5):
// only the weights put A3, whose main skill is A1's main skill, first.
Taxonomy WeightedTaxonomy() {
  classification::BundleInfo info;
  info.name = "weighted";
  info.version = "1";
  info.languages = {"fr"};
  classification::TaxonomyBuilder b(info);
  auto ok = [](const Status& s) { EXPECT_TRUE(s.ok()) << s.message(); };
  ok(b.AddNode("A", "", "domain", "Agriculture"));
  ok(b.AddNode("A1", "A", "area", "Cultures"));
  ok(b.AddNode("A1101", "A1", "occupation", "Maraîchage"));
  ok(b.AddNode("A1102", "A1", "occupation", "Arboriculture"));
  ok(b.AddNode("A1103", "A1", "occupation", "Horticulture"));
  ok(b.AddNode("B", "", "domain", "Bâtiment"));
  ok(b.AddNode("B1", "B", "area", "Gros oeuvre"));
  ok(b.AddNode("B1101", "B1", "occupation", "Maçonnerie"));
  ok(b.AddNode("B1102", "B1", "occupation", "Coffrage"));
  ok(b.FinishTree());
  ok(b.AddSkill("s1", SkillKind::kTechnical, "fr", "Semer des légumes"));
  ok(b.AddSkill("s2", SkillKind::kTechnical, "fr", "Tailler des arbres fruitiers"));
  ok(b.AddSkill("s3", SkillKind::kTechnical, "fr", "Lire un plan"));
  ok(b.AddSkill("s4", SkillKind::kTechnical, "fr", "Monter un mur en parpaings"));
  const struct {
    const char* code;
    const char* skill;
    float weight;
  } links[] = {{"A1101", "s1", 1.0f}, {"A1101", "s2", 0.2f}, {"A1102", "s1", 0.2f},
               {"A1102", "s2", 1.0f}, {"A1103", "s1", 1.0f}, {"A1103", "s3", 0.3f},
               {"B1101", "s4", 1.0f}, {"B1102", "s3", 1.0f}, {"B1102", "s4", 0.5f}};
  for (const auto& link : links) {
    ok(b.AddOccupationSkill(link.code, link.skill, SkillRelation::kEssential,
                            link.weight, false));
  }
  // Ranked links from A1101: A1103 first, then A1102, then B1102.
  ok(b.AddMobility("A1101", "A1103", MobilityKind::kClose, 1));
  ok(b.AddMobility("A1101", "A1102", MobilityKind::kClose, 2));
  ok(b.AddMobility("A1101", "B1102", MobilityKind::kClose, 3));
  auto tax = std::move(b).Build();
  EXPECT_TRUE(tax.ok()) << tax.status().message();
  return std::move(*tax);
}

TEST(WeightedSkillCosine, IsTheCosineOfTheWeightVectors) {
  Taxonomy tax = WeightedTaxonomy();
  WeightedSkillCosine cosine(tax);
  const NodeIndex a1 = tax.FindNode("A1101"), a2 = tax.FindNode("A1102");
  const NodeIndex a3 = tax.FindNode("A1103"), b2 = tax.FindNode("B1102");
  EXPECT_NEAR(cosine(a1, a2), 0.4 / 1.04, 1e-6);
  EXPECT_NEAR(cosine(a1, a3), 1.0 / (std::sqrt(1.04) * std::sqrt(1.09)), 1e-6);
  EXPECT_NEAR(cosine(a3, b2), 0.3 / (std::sqrt(1.09) * std::sqrt(1.25)), 1e-6);
  EXPECT_EQ(cosine(a1, b2), 0.0f);
  EXPECT_NEAR(cosine(a1, a1), 1.0, 1e-6);
  EXPECT_EQ(cosine(a1, tax.FindNode("A1")), 0.0f);  // an area, not an occupation
}

TEST(SimilarOccupations, SkillsOnlyRankingFollowsTheWeights) {
  Taxonomy tax = WeightedTaxonomy();
  auto scorer = Scorer::Create(tax, ScoringConfig());
  ASSERT_TRUE(scorer.ok()) << scorer.status().message();
  const NodeIndex a1 = tax.FindNode("A1101");
  auto ranked = (*scorer)->SimilarOccupations(a1, 4, true);
  ASSERT_GE(ranked.size(), 2u);
  // The order of the weighted cosine: A1103 (same main skill) before A1102.
  EXPECT_EQ(tax.node(ranked[0].first).code, "A1103");
  EXPECT_EQ(tax.node(ranked[1].first).code, "A1102");
  EXPECT_GT(ranked[0].second, ranked[1].second);
}

TEST(ScoreAgainstLinks, RecallMrrAndGradedNdcgByHand) {
  Taxonomy tax = WeightedTaxonomy();
  auto code = [&](const char* c) { return tax.FindNode(c); };
  // A fixed ranking for A1101: A1102, B1101, A1103, B1102.
  OccupationRanking rank = [&](NodeIndex occ) {
    EXPECT_EQ(occ, code("A1101"));  // the only occupation with links
    return std::vector<NodeIndex>{code("A1102"), code("B1101"), code("A1103"),
                                  code("B1102")};
  };
  MobilityScore score = ScoreAgainstLinks(tax, MobilityKind::kClose, rank);
  EXPECT_EQ(score.occupations, 1u);
  EXPECT_NEAR(score.recall10, 1.0, 1e-12);  // all three links in the top 10
  EXPECT_NEAR(score.mrr, 1.0, 1e-12);       // A1102 first
  // Gains 1/log2(rank + 1): A1103 1, A1102 1/log2(3), B1102 1/2, at
  // positions 3, 1, 4; ideal order A1103, A1102, B1102.
  const double g2 = 1 / std::log2(3.0);
  const double dcg = g2 / std::log2(2.0) + 1 / std::log2(4.0) + 0.5 / std::log2(5.0);
  const double ideal = 1 / std::log2(2.0) + g2 / std::log2(3.0) + 0.5 / std::log2(4.0);
  EXPECT_NEAR(score.ndcg10, dcg / ideal, 1e-12);
  // No evolution links: nothing to average.
  EXPECT_EQ(ScoreAgainstLinks(tax, MobilityKind::kEvolution, rank).occupations, 0u);
}

TEST(EvaluateMobility, PrintsTheBaselineBesideTheMethod) {
  Taxonomy tax = WeightedTaxonomy();
  auto scorer = Scorer::Create(tax, ScoringConfig());
  ASSERT_TRUE(scorer.ok());
  std::vector<MobilityRow> rows = EvaluateMobility(tax, **scorer);
  ASSERT_EQ(rows.size(), 3u);  // close links only
  EXPECT_EQ(rows[0].model, kWeightedCosineModel);
  EXPECT_EQ(rows[2].model, kSkillmatchModel);
  // The weighted cosine ranks A1103, A1102, then B1101 and B1102 (both 0,
  // ties by code): the link B1102 comes fourth.
  const double g2 = 1 / std::log2(3.0);
  const double ideal = 1 + g2 / std::log2(3.0) + 0.5 / std::log2(4.0);
  const double weighted_dcg = 1 + g2 / std::log2(3.0) + 0.5 / std::log2(5.0);
  EXPECT_NEAR(rows[0].score.ndcg10, weighted_dcg / ideal, 1e-9);
  EXPECT_NEAR(rows[0].score.mrr, 1.0, 1e-12);
  EXPECT_GE(rows[2].score.ndcg10, rows[0].score.ndcg10);
}

}  // namespace
}  // namespace skillmatch::engine
