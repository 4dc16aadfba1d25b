// Reorientation (engine/mobility reorientation.h) on the sample taxonomy: a
// welder (F1502 Soudure, whose mobility links go to F1503, H1402 and I1104)
// and a small hand-made training catalogue. Every expected value is
// recomputed here from the taxonomy and the scorer's public answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "skillmatch/mobility/reorientation.h"
#include "support/sample_taxonomy.h"

namespace skillmatch::mobility {
namespace {

using classification::kNoNode;

class Reorientation : public ::testing::Test {
 protected:
  void SetUp() override {
    auto scorer = engine::Scorer::Create(tax, engine::ScoringConfig{});
    ASSERT_TRUE(scorer.ok()) << scorer.status().message();
    scorer_ = std::move(*scorer);
    welder.id = "W1";
    welder.target_occupations = {"F1502"};
    welder.location.country = "SN";
    welder.skills = {{"T0021", 4, true}, {"T0025", 2, false}, {"T0217", 3, false}};
    welder.soft_skills = {{"S030", 3, false}};
  }
  const classification::Taxonomy& tax = testing::SampleTaxonomy();
  std::unique_ptr<engine::Scorer> scorer_;
  engine::Profile welder;
};

TEST_F(Reorientation, ProposesMobilityLinksAndSkillNeighboursRankedByProximity) {
  auto found = Reorient(welder, *scorer_, {}, {.top = 50});
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_FALSE(found->empty());
  std::map<std::string, const CloseOccupation*> by_code;
  for (const auto& c : *found) by_code[c.code] = &c;
  EXPECT_EQ(by_code.count("F1502"), 0u);  // never the person's own
  // Every mobility link from F1502 is there, with its kind.
  const auto from = tax.FindNode("F1502");
  int links = 0;
  for (const auto& link : tax.MobilityFrom(from)) {
    ++links;
    const std::string& code = tax.node(link.to).code;
    ASSERT_EQ(by_code.count(code), 1u) << code;
    if (link.kind == classification::MobilityKind::kClose) {
      EXPECT_TRUE(by_code[code]->close_link) << code;
    } else {
      EXPECT_TRUE(by_code[code]->evolution_link) << code;
    }
    EXPECT_EQ(by_code[code]->link_from, "F1502");
  }
  EXPECT_GE(links, 3);
  bool skills_only = false;
  for (const auto& c : *found) {
    // Anything else came from the skill similarity, above the threshold.
    if (!c.close_link && !c.evolution_link) {
      EXPECT_TRUE(c.shared_skills) << c.code;
      skills_only = true;
    }
    if (c.shared_skills) {
      EXPECT_GE(scorer_->OccupationSimilarity(from, tax.FindNode(c.code)), 0.2f) << c.code;
    }
    // The rank value is the scorer's proximity (one origin, weight 1).
    EXPECT_FLOAT_EQ(c.rank_value, scorer_->Proximity(from, tax.FindNode(c.code))) << c.code;
  }
  EXPECT_TRUE(skills_only);
  EXPECT_TRUE(std::is_sorted(found->begin(), found->end(), [](const auto& a, const auto& b) {
    return a.rank_value > b.rank_value;
  }));
  // `top` cuts the list.
  auto three = Reorient(welder, *scorer_, {}, {.top = 3});
  ASSERT_TRUE(three.ok());
  ASSERT_EQ(three->size(), 3u);
  EXPECT_EQ((*three)[0].code, (*found)[0].code);
}

TEST_F(Reorientation, SkillsArePartitionedAndCoverageIsTheirWeightedShare) {
  auto found = Reorient(welder, *scorer_, {}, {.top = 50});
  ASSERT_TRUE(found.ok());
  std::map<std::string, engine::SkillClaim> claims;
  for (const auto& c : welder.skills) claims[c.skill_id] = c;
  for (const auto& c : welder.soft_skills) claims[c.skill_id] = c;
  int with_partial = 0;
  for (const CloseOccupation& c : *found) {
    double total = 0, have = 0;
    size_t held = 0, partial = 0, missing = 0;
    for (const auto& link : tax.SkillsOf(tax.FindNode(c.code))) {
      const std::string& id = tax.skill(link.skill).id;
      total += link.EffectiveWeight();
      auto it = claims.find(id);
      if (it == claims.end()) {
        ++missing;
      } else if (it->second.level >= 3) {
        ++held;
        have += link.EffectiveWeight();
      } else {
        ++partial;
        have += link.EffectiveWeight() * it->second.level / 3.0;
      }
    }
    EXPECT_EQ(c.held.size(), held) << c.code;
    EXPECT_EQ(c.partial.size(), partial) << c.code;
    EXPECT_EQ(c.to_acquire.size(), missing) << c.code;
    EXPECT_NEAR(c.coverage, total > 0 ? have / total : 0, 1e-9) << c.code;
    with_partial += partial > 0 ? 1 : 0;
    for (const HeldSkill& h : c.partial) EXPECT_LT(h.level, 3);
    // Essential first.
    EXPECT_TRUE(std::is_sorted(c.to_acquire.begin(), c.to_acquire.end(),
                               [](const auto& a, const auto& b) { return a.essential && !b.essential; }))
        << c.code;
  }
  EXPECT_GT(with_partial, 0);  // T0025 at level 2 is partly held somewhere
}

TEST_F(Reorientation, TrainingsTeachWhatIsMissingTheHomeCountryFirst) {
  auto plain = Reorient(welder, *scorer_, {}, {.top = 1});
  ASSERT_TRUE(plain.ok());
  ASSERT_EQ(plain->size(), 1u);
  const CloseOccupation& first = (*plain)[0];
  ASSERT_GE(first.to_acquire.size(), 2u);
  const std::string a = first.to_acquire[0].id, b = first.to_acquire[1].id;
  std::vector<Training> catalogue(4);
  catalogue[0].id = "ABROAD";  // teaches two missing skills, in Benin
  catalogue[0].country = "BJ";
  catalogue[0].skills = {a, b};
  catalogue[1].id = "HOME";  // one, in Senegal
  catalogue[1].country = "SN";
  catalogue[1].skills = {b};
  catalogue[2].id = "HELD";  // only what the welder has
  catalogue[2].country = "SN";
  catalogue[2].skills = {"T0021"};
  catalogue[3].id = "OTHER";
  catalogue[3].country = "SN";
  catalogue[3].skills = {a};
  auto found = Reorient(welder, *scorer_, catalogue, {.top = 1, .trainings = 3});
  ASSERT_TRUE(found.ok());
  const auto& trainings = (*found)[0].trainings;
  ASSERT_EQ(trainings.size(), 3u);
  // Home first (the one teaching the essential, higher-ranked skill first
  // when both are essential: both teach one; then by id), abroad last.
  EXPECT_EQ(trainings[2].training->id, "ABROAD");
  EXPECT_EQ(trainings[2].covers, (std::vector<std::string>{a, b}));
  for (const auto& t : trainings) EXPECT_NE(t.training->id, "HELD");
  EXPECT_EQ(trainings[0].training->country, "SN");
  EXPECT_EQ(trainings[1].training->country, "SN");
}

TEST_F(Reorientation, AFileWithoutAKnownOccupationIsRefused) {
  engine::Profile empty;
  empty.id = "E1";
  empty.target_occupations = {"Z9999"};
  auto found = Reorient(empty, *scorer_, {});
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(found.status().message(),
            "jobseeker E1: no target or past occupation of the taxonomy");
  // A past occupation alone is a start.
  empty.past_occupations = {{"F1502", 3}};
  auto from_past = Reorient(empty, *scorer_, {});
  ASSERT_TRUE(from_past.ok());
  EXPECT_FALSE(from_past->empty());
  for (const auto& c : *from_past) EXPECT_NE(c.code, "F1502");
  EXPECT_EQ(tax.FindNode("Z9999"), kNoNode);
}

}  // namespace
}  // namespace skillmatch::mobility
