// `eval mobility` on the published ROME files: skillmatch's skills-only
// ranking (`similar --skills-only`) is never below the plain weighted skill
// cosine on ROME v3's "Proche" links nor on ROME 4.0's ranked links
// (engine/match/README.md, "Quality: occupation similarity").
#include <gtest/gtest.h>

#include <string>

#include "skillmatch/classification/importers.h"
#include "skillmatch/eval/mobility.h"
#include "skillmatch/match/scoring.h"
#include "support/shared_data.h"

namespace skillmatch::engine {
namespace {

using classification::MobilityKind;

void ExpectNotBelowTheBaseline(const classification::Taxonomy& tax) {
  auto scorer = Scorer::Create(tax, ScoringConfig());
  ASSERT_TRUE(scorer.ok()) << scorer.status().message();
  const std::vector<MobilityRow> rows = EvaluateMobility(tax, **scorer);
  const MobilityRow* baseline = nullptr;
  const MobilityRow* ours = nullptr;
  for (const MobilityRow& row : rows) {
    if (row.kind != MobilityKind::kClose) continue;
    if (row.model == kWeightedCosineModel) baseline = &row;
    if (row.model == kSkillmatchModel) ours = &row;
  }
  ASSERT_NE(baseline, nullptr);
  ASSERT_NE(ours, nullptr);
  EXPECT_GT(ours->score.occupations, 400u);
  EXPECT_EQ(ours->score.occupations, baseline->score.occupations);
  EXPECT_GE(ours->score.recall10, baseline->score.recall10);
  EXPECT_GE(ours->score.mrr, baseline->score.mrr);
  EXPECT_GE(ours->score.ndcg10, baseline->score.ndcg10);
  ::testing::Test::RecordProperty("recall10", std::to_string(ours->score.recall10));
  ::testing::Test::RecordProperty("baseline_recall10", std::to_string(baseline->score.recall10));
}

TEST(MobilityRealData, RomeV3ProcheLinksNotBelowWeightedCosine) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  auto tax = classification::ImportRomeV3(testing::SharedDataPath("rome-v3-v344"));
  ASSERT_TRUE(tax.ok()) << tax.status().message();
  ExpectNotBelowTheBaseline(*tax);
}

TEST(MobilityRealData, Rome4RankedLinksNotBelowWeightedCosine) {
  REQUIRE_SHARED_DATA("rome-4.0-v460");
  auto tax = classification::ImportRomeV4(testing::SharedDataPath("rome-4.0-v460"));
  ASSERT_TRUE(tax.ok()) << tax.status().message();
  // Every link is ranked: the graded nDCG reads ROME 4.0's order.
  size_t ranked = 0;
  for (const auto& link : tax->mobility()) ranked += link.rank > 0;
  EXPECT_EQ(ranked, tax->mobility().size());
  ExpectNotBelowTheBaseline(*tax);
}

}  // namespace
}  // namespace skillmatch::engine
