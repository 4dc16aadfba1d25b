// The embedded default: data/roame-sample must validate strictly and hold
// what the foundation issue promises.
#include <gtest/gtest.h>

#include <set>

#include "skillmatch/classification/bundle.h"

namespace skillmatch::classification {
namespace {

const std::string kSample =
    std::string(SKILLMATCH_SOURCE_DIR) + "/data/roame-sample";

class SampleBundle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto tax = ReadBundle(kSample);
    ASSERT_TRUE(tax.ok()) << tax.status().message();
    tax_ = new Taxonomy(std::move(*tax));
  }
  static void TearDownTestSuite() { delete tax_; }
  static Taxonomy* tax_;
};
Taxonomy* SampleBundle::tax_ = nullptr;

TEST_F(SampleBundle, CoversFourteenDomainsAndEnoughOccupations) {
  ASSERT_NE(tax_, nullptr);
  EXPECT_EQ(tax_->NodesAtLevel("domain").size(), 14u);
  EXPECT_GE(tax_->occupations().size(), 120u);
  EXPECT_EQ(tax_->info().languages, (std::vector<std::string>{"fr", "en"}));
  // Every occupation sits under an area under a domain.
  for (NodeIndex occ : tax_->occupations()) {
    auto ancestors = tax_->Ancestors(occ);
    ASSERT_EQ(ancestors.size(), 2u) << tax_->node(occ).code;
    EXPECT_EQ(tax_->node(ancestors[0]).level, "area");
    EXPECT_EQ(tax_->node(ancestors[1]).level, "domain");
  }
}

TEST_F(SampleBundle, LabelsInBothLanguagesAndEnoughJobTitles) {
  ASSERT_NE(tax_, nullptr);
  size_t titles = 0;
  for (NodeIndex occ : tax_->occupations()) {
    const Node& node = tax_->node(occ);
    bool english = false;
    for (const Label& label : node.labels) {
      english |= label.kind == LabelKind::kPreferred && label.lang == "en";
      titles += label.kind == LabelKind::kAppellation;
    }
    EXPECT_TRUE(english) << node.code << " has no English label";
  }
  EXPECT_GE(static_cast<double>(titles) / tax_->occupations().size(), 5.0);
}

TEST_F(SampleBundle, SkillsOfEveryKindAndLinks) {
  ASSERT_NE(tax_, nullptr);
  EXPECT_GE(tax_->CountSkills(SkillKind::kTechnical) +
                tax_->CountSkills(SkillKind::kKnowledge),
            300u);
  EXPECT_GE(tax_->CountSkills(SkillKind::kSoft), 30u);
  std::set<SkillIndex> used;
  for (const auto& link : tax_->occupation_skills()) used.insert(link.skill);
  EXPECT_EQ(used.size(), tax_->skill_count()) << "some skills are never used";
  for (NodeIndex occ : tax_->occupations()) {
    int essential = 0;
    for (const auto& link : tax_->SkillsOf(occ)) {
      essential += link.relation == SkillRelation::kEssential;
    }
    EXPECT_GE(essential, 3) << tax_->node(occ).code;
  }
}

TEST_F(SampleBundle, MobilityAndAnIscoCodeForEveryOccupation) {
  ASSERT_NE(tax_, nullptr);
  EXPECT_GE(tax_->mobility().size(), 200u);
  for (NodeIndex occ : tax_->occupations()) {
    auto isco = tax_->CrosswalkFrom(occ, "isco08");
    ASSERT_EQ(isco.size(), 1u) << tax_->node(occ).code;
    EXPECT_EQ(isco[0].external_code.size(), 4u) << tax_->node(occ).code;
  }
}

}  // namespace
}  // namespace skillmatch::classification
