#include "skillmatch/classification/taxonomy.h"

#include <gtest/gtest.h>

namespace skillmatch::classification {
namespace {

BundleInfo Info() {
  BundleInfo info;
  info.name = "t";
  info.version = "1";
  info.languages = {"fr", "en"};
  return info;
}

TEST(TaxonomyBuilder, ParentsMayComeAfterChildren) {
  TaxonomyBuilder builder(Info());
  ASSERT_TRUE(builder.AddNode("A1101", "A11", "occupation", "Conduite").ok());
  ASSERT_TRUE(builder.AddNode("A11", "A", "area", "Engins").ok());
  ASSERT_TRUE(builder.AddNode("A", "", "domain", "Agriculture").ok());
  auto tax = std::move(builder).Build();
  ASSERT_TRUE(tax.ok()) << tax.status().message();
  NodeIndex occ = tax->FindNode("A1101");
  EXPECT_EQ(tax->node(occ).depth, 2);
  EXPECT_EQ(tax->node(tax->node(occ).parent).code, "A11");
  EXPECT_EQ(tax->roots(), std::vector<NodeIndex>{tax->FindNode("A")});
  EXPECT_EQ(tax->occupations(), std::vector<NodeIndex>{occ});
}

TEST(TaxonomyBuilder, RejectsBadCodesAndDuplicates) {
  TaxonomyBuilder builder(Info());
  EXPECT_EQ(builder.AddNode("", "", "domain", "x").message(),
            "invalid code '' (empty or contains white space)");
  EXPECT_EQ(builder.AddNode("A 1", "", "domain", "x").message(),
            "invalid code 'A 1' (empty or contains white space)");
  ASSERT_TRUE(builder.AddNode("A", "", "domain", "x").ok());
  EXPECT_EQ(builder.AddNode("A", "", "domain", "y").message(),
            "duplicate code 'A'");
}

TEST(TaxonomyBuilder, FindsCyclesAndUnknownParents) {
  {
    TaxonomyBuilder builder(Info());
    ASSERT_TRUE(builder.AddNode("X", "Z", "area", "x", "f:2:2: ").ok());
    ASSERT_TRUE(builder.AddNode("Y", "X", "area", "y", "f:3:2: ").ok());
    ASSERT_TRUE(builder.AddNode("Z", "Y", "area", "z", "f:4:2: ").ok());
    EXPECT_EQ(builder.FinishTree().message(),
              "f:2:2: cycle in parent links: X -> Z -> Y -> X");
  }
  {
    TaxonomyBuilder builder(Info());
    ASSERT_TRUE(builder.AddNode("X", "Q", "area", "x", "f:2:2: ").ok());
    EXPECT_EQ(builder.FinishTree().message(), "f:2:2: unknown parent 'Q' of 'X'");
  }
}

TEST(TaxonomyBuilder, LenientTreeDropsBadNodesAndTheirDescendants) {
  TaxonomyBuilder builder(Info());
  ASSERT_TRUE(builder.AddNode("A", "", "domain", "a").ok());
  ASSERT_TRUE(builder.AddNode("B", "Q", "area", "b", "f:3:2: ").ok());
  ASSERT_TRUE(builder.AddNode("B1", "B", "occupation", "b1", "f:4:2: ").ok());
  ASSERT_TRUE(builder.AddNode("A1", "A", "occupation", "a1").ok());
  CollectingReporter reporter;
  ASSERT_TRUE(builder.FinishTree(&reporter).ok());
  EXPECT_EQ(reporter.problems(),
            (std::vector<std::string>{
                "f:3:2: unknown parent 'Q' of 'B'",
                "f:4:2: node 'B1' dropped because its parent 'B' was dropped"}));
  auto tax = std::move(builder).Build();
  ASSERT_TRUE(tax.ok());
  EXPECT_EQ(tax->node_count(), 2u);
  EXPECT_EQ(tax->node(tax->FindNode("A1")).parent, tax->FindNode("A"));
}

TEST(TaxonomyBuilder, LinksNeedKnownEnds) {
  TaxonomyBuilder builder(Info());
  ASSERT_TRUE(builder.AddNode("A", "", "domain", "a").ok());
  ASSERT_TRUE(builder.FinishTree().ok());
  EXPECT_EQ(builder.AddLabel("B", "fr", "b", LabelKind::kAppellation).message(),
            "unknown code 'B'");
  EXPECT_EQ(builder.AddLabel("A", "de", "b", LabelKind::kAppellation).message(),
            "language 'de' is not one of the bundle's languages (fr, en)");
  EXPECT_EQ(builder
                .AddOccupationSkill("A", "S1", SkillRelation::kEssential,
                                    std::nullopt, false)
                .message(),
            "unknown skill 'S1'");
  ASSERT_TRUE(builder.AddSkill("S1", SkillKind::kSoft, "fr", "Rigueur").ok());
  EXPECT_EQ(builder.AddSkill("S1", SkillKind::kTechnical, "en", "Rigour").message(),
            "skill 'S1' is soft on an earlier row");
  EXPECT_EQ(builder.AddSkill("S1", SkillKind::kSoft, "fr", "Rigueur!").message(),
            "duplicate skill 'S1' in language 'fr'");
  EXPECT_EQ(builder.AddMobility("A", "A", MobilityKind::kClose, 1).message(),
            "mobility link from 'A' to itself");
  EXPECT_EQ(builder
                .AddOccupationSkill("A", "S1", SkillRelation::kEssential, 1.5f,
                                    false)
                .message(),
            "weight must be in [0,1]");
}

// A small forest for the query tests:
//   D1 - A1 - {O1, O2}, D1 - A2 - O3, D2 - A3 - O4
class TaxonomyQueries : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TaxonomyBuilder builder(Info());
    auto add = [&](const char* code, const char* parent, const char* level) {
      ASSERT_TRUE(builder.AddNode(code, parent, level, code).ok());
    };
    add("D1", "", "domain");
    add("A1", "D1", "area");
    add("O1", "A1", "occupation");
    add("O2", "A1", "occupation");
    add("A2", "D1", "area");
    add("O3", "A2", "occupation");
    add("D2", "", "domain");
    add("A3", "D2", "area");
    add("O4", "A3", "occupation");
    ASSERT_TRUE(builder.FinishTree().ok());
    ASSERT_TRUE(builder.AddLabel("O1", "en", "Mason", LabelKind::kPreferred).ok());
    ASSERT_TRUE(builder.AddSkill("S1", SkillKind::kTechnical, "fr", "Maçonner").ok());
    ASSERT_TRUE(builder.AddSkill("S2", SkillKind::kSoft, "en", "Teamwork").ok());
    ASSERT_TRUE(builder.AddSkillLabel("S1", "fr", "maçonnerie").ok());
    ASSERT_TRUE(builder.AddOccupationSkill("O2", "S1", SkillRelation::kOptional,
                                           std::nullopt, false).ok());
    ASSERT_TRUE(builder.AddOccupationSkill("O1", "S1", SkillRelation::kEssential,
                                           std::nullopt, true).ok());
    ASSERT_TRUE(builder.AddOccupationSkill("O1", "S2", SkillRelation::kOptional,
                                           0.3f, false).ok());
    ASSERT_TRUE(builder.AddMobility("O1", "O3", MobilityKind::kEvolution, 0).ok());
    ASSERT_TRUE(builder.AddMobility("O1", "O4", MobilityKind::kClose, 2).ok());
    ASSERT_TRUE(builder.AddMobility("O1", "O2", MobilityKind::kClose, 1).ok());
    ASSERT_TRUE(builder.AddCrosswalk("O1", "isco08", "7112", MatchType::kBroad).ok());
    ASSERT_TRUE(builder.AddCrosswalk("O2", "isco08", "7112", MatchType::kClose).ok());
    ASSERT_TRUE(builder.AddCrosswalk("O1", "esco", "uri:1", MatchType::kExact).ok());
    auto tax = std::move(builder).Build();
    ASSERT_TRUE(tax.ok()) << tax.status().message();
    tax_ = new Taxonomy(std::move(*tax));
  }
  static void TearDownTestSuite() { delete tax_; }
  static NodeIndex N(const char* code) { return tax_->FindNode(code); }
  static Taxonomy* tax_;
};
Taxonomy* TaxonomyQueries::tax_ = nullptr;

TEST_F(TaxonomyQueries, TreeNavigation) {
  EXPECT_EQ(tax_->FindNode("nope"), kNoNode);
  EXPECT_EQ(tax_->Ancestors(N("O1")), (std::vector<NodeIndex>{N("A1"), N("D1")}));
  EXPECT_TRUE(tax_->Ancestors(N("D1")).empty());
  EXPECT_EQ(tax_->node(N("A1")).children,
            (std::vector<NodeIndex>{N("O1"), N("O2")}));
  EXPECT_EQ(tax_->NodesAtLevel("domain"), (std::vector<NodeIndex>{N("D1"), N("D2")}));
  EXPECT_EQ(tax_->occupations().size(), 4u);
}

TEST_F(TaxonomyQueries, TreeDistance) {
  EXPECT_EQ(tax_->TreeDistance(N("O1"), N("O1")), 0);
  EXPECT_EQ(tax_->TreeDistance(N("O1"), N("A1")), 1);
  EXPECT_EQ(tax_->TreeDistance(N("O1"), N("O2")), 2);
  EXPECT_EQ(tax_->TreeDistance(N("O1"), N("O3")), 4);
  EXPECT_EQ(tax_->TreeDistance(N("O1"), N("O4")), -1);
  EXPECT_EQ(tax_->LowestCommonAncestor(N("O2"), N("O3")), N("D1"));
}

TEST_F(TaxonomyQueries, LabelsFallBackToTheMainLanguage) {
  EXPECT_EQ(tax_->NodeLabel(N("O1"), "en"), "Mason");
  EXPECT_EQ(tax_->NodeLabel(N("O1"), "fr"), "O1");
  EXPECT_EQ(tax_->NodeLabel(N("O2"), "en"), "O2");
  SkillIndex s1 = tax_->FindSkill("S1");
  SkillIndex s2 = tax_->FindSkill("S2");
  EXPECT_EQ(tax_->SkillName(s1, "en"), "Maçonner");  // only fr: main language
  EXPECT_EQ(tax_->SkillName(s2, "fr"), "Teamwork");  // only en: any
  EXPECT_EQ(tax_->skill(s1).labels.size(), 2u);
}

TEST_F(TaxonomyQueries, SkillsOfOccupationsAndOccupationsOfSkills) {
  auto skills = tax_->SkillsOf(N("O1"));
  ASSERT_EQ(skills.size(), 2u);
  EXPECT_EQ(skills[0].skill, tax_->FindSkill("S1"));
  EXPECT_TRUE(skills[0].core);
  EXPECT_FLOAT_EQ(skills[0].EffectiveWeight(), 1.0f);
  EXPECT_FLOAT_EQ(skills[1].EffectiveWeight(), 0.3f);
  EXPECT_TRUE(tax_->SkillsOf(N("O3")).empty());
  auto holders = tax_->OccupationsOf(tax_->FindSkill("S1"));
  ASSERT_EQ(holders.size(), 2u);
  EXPECT_EQ(holders[0].node, N("O1"));
  EXPECT_EQ(holders[1].node, N("O2"));
  EXPECT_FLOAT_EQ(holders[1].EffectiveWeight(), 0.5f);
}

TEST_F(TaxonomyQueries, MobilityIsOrderedByKindThenRank) {
  auto links = tax_->MobilityFrom(N("O1"));
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0].to, N("O2"));  // close, rank 1
  EXPECT_EQ(links[1].to, N("O4"));  // close, rank 2
  EXPECT_EQ(links[2].to, N("O3"));  // evolution
  EXPECT_EQ(tax_->MobilityTo(N("O2")).size(), 1u);
  EXPECT_TRUE(tax_->MobilityFrom(N("O2")).empty());
}

TEST_F(TaxonomyQueries, CrosswalkBothWays) {
  auto out = tax_->CrosswalkFrom(N("O1"));
  ASSERT_EQ(out.size(), 2u);
  auto isco = tax_->CrosswalkFrom(N("O1"), "isco08");
  ASSERT_EQ(isco.size(), 1u);
  EXPECT_EQ(isco[0].external_code, "7112");
  EXPECT_EQ(isco[0].match, MatchType::kBroad);
  auto back = tax_->CrosswalkTo("isco08", "7112");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].node, N("O1"));
  EXPECT_EQ(back[1].node, N("O2"));
  EXPECT_TRUE(tax_->CrosswalkTo("isco08", "9999").empty());
  EXPECT_EQ(tax_->CrosswalkSystems(), (std::vector<std::string>{"esco", "isco08"}));
}

TEST(TaxonomyEnums, RoundTripThroughText) {
  for (auto kind : {LabelKind::kPreferred, LabelKind::kAlternative,
                    LabelKind::kAppellation}) {
    EXPECT_EQ(ParseLabelKind(ToString(kind)), kind);
  }
  for (auto match : {MatchType::kExact, MatchType::kClose, MatchType::kBroad,
                     MatchType::kNarrow}) {
    EXPECT_EQ(ParseMatchType(ToString(match)), match);
  }
  EXPECT_EQ(ParseSkillKind("soft"), SkillKind::kSoft);
  EXPECT_EQ(ParseSkillKind("Soft"), std::nullopt);
  EXPECT_EQ(ParseMobilityKind("evolution"), MobilityKind::kEvolution);
  EXPECT_EQ(ParseSkillRelation("mandatory"), std::nullopt);
}

}  // namespace
}  // namespace skillmatch::classification
