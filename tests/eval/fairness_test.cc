// Tests of the fairness audit: groups, exposure figures on hand-made
// rankings, the four-fifths flags, histograms, and the twin check (on the
// generator's twins with the real scorer: no score may differ; with a
// deliberately biased score: the check must see it).
#include "skillmatch/eval/fairness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "skillmatch/eval/evaluation.h"
#include "skillmatch/eval/generator.h"
#include "skillmatch/match/scoring.h"
#include "support/sample_taxonomy.h"

namespace skillmatch::engine {
namespace {

using skillmatch::testing::SampleTaxonomy;

Profile Person(const std::string& id, const std::string& gender,
               std::optional<bool> rural = std::nullopt) {
  Profile profile;
  profile.id = id;
  profile.protected_attributes.gender = gender;
  profile.protected_attributes.rural = rural;
  profile.location.country = "SN";
  profile.location.region = "Dakar";
  return profile;
}

const GroupAudit& Group(const AttributeAudit& audit, const std::string& name) {
  for (const GroupAudit& g : audit.groups) {
    if (g.group == name) return g;
  }
  ADD_FAILURE() << "no group " << name;
  return audit.groups.front();
}

TEST(Fairness, GroupsOfEachAttribute) {
  Profile profile = Person("P1", "f", true);
  profile.protected_attributes.age_band = "25-34";
  profile.protected_attributes.disability = false;
  EXPECT_EQ(GroupOf(profile, AuditAttribute::kGender), "f");
  EXPECT_EQ(GroupOf(profile, AuditAttribute::kAgeBand), "25-34");
  EXPECT_EQ(GroupOf(profile, AuditAttribute::kDisability), "no");
  EXPECT_EQ(GroupOf(profile, AuditAttribute::kRegion), "SN Dakar");
  EXPECT_EQ(GroupOf(profile, AuditAttribute::kRural), "rural");
  const Profile blank;
  EXPECT_EQ(GroupOf(blank, AuditAttribute::kGender), "unknown");
  EXPECT_EQ(GroupOf(blank, AuditAttribute::kAgeBand), "unknown");
  EXPECT_EQ(GroupOf(blank, AuditAttribute::kDisability), "unknown");
  EXPECT_EQ(GroupOf(blank, AuditAttribute::kRegion), "unknown");
  EXPECT_EQ(GroupOf(blank, AuditAttribute::kRural), "unknown");
}

TEST(Fairness, ExposureSharesRatesRatiosAndFlags) {
  // Two women (0, 1), two men (2, 3); three rankings of depth 2 (a third
  // hit beyond top_k is ignored).
  const std::vector<Profile> profiles = {Person("P0", "f"), Person("P1", "f"),
                                         Person("P2", "m"), Person("P3", "m")};
  const std::vector<std::vector<Hit>> rankings = {
      {{2, 0.9f}, {0, 0.8f}, {1, 0.1f}},
      {{2, 0.9f}, {3, 0.8f}},
      {{3, 0.9f}, {2, 0.8f}},
  };
  FairnessOptions options;
  options.top_k = 2;
  options.min_group_size = 1;
  options.histogram_bins = 4;
  const std::vector<std::optional<float>> scores = {0.1f, std::nullopt, 1.0f,
                                                    0.6f};
  const auto audits = AuditExposure(profiles, rankings, scores, options);
  ASSERT_EQ(audits.size(), 5u);
  const AttributeAudit& gender = audits[0];
  EXPECT_EQ(gender.attribute, AuditAttribute::kGender);
  EXPECT_EQ(gender.best_group, "m");
  const GroupAudit& f = Group(gender, "f");
  const GroupAudit& m = Group(gender, "m");
  EXPECT_EQ(f.members, 2);
  EXPECT_DOUBLE_EQ(f.population_share, 0.5);
  EXPECT_EQ(f.appearances, 1);
  EXPECT_EQ(m.appearances, 5);
  EXPECT_DOUBLE_EQ(f.appearance_share, 1.0 / 6);
  EXPECT_DOUBLE_EQ(f.appearance_rate, 1.0 / (2 * 3));
  EXPECT_DOUBLE_EQ(m.appearance_rate, 5.0 / (2 * 3));
  EXPECT_DOUBLE_EQ(f.appearance_ratio, 0.2);
  EXPECT_DOUBLE_EQ(m.appearance_ratio, 1.0);
  EXPECT_TRUE(f.appearance_flag);
  EXPECT_FALSE(m.appearance_flag);
  // Rank 1 weighs 1, rank 2 1/log2(3).
  const double second = 1.0 / std::log2(3.0);
  EXPECT_DOUBLE_EQ(f.exposure, second);
  EXPECT_DOUBLE_EQ(m.exposure, 3 + 2 * second);
  EXPECT_DOUBLE_EQ(f.exposure_share, second / (3 + 3 * second));
  EXPECT_DOUBLE_EQ(f.exposure_ratio, second / (3 + 2 * second));
  EXPECT_TRUE(f.exposure_flag);
  // Scores: 0.1 in bin 0, 1.0 in the last bin, 0.6 in bin 2; none skipped.
  EXPECT_EQ(f.histogram, (std::vector<int64_t>{1, 0, 0, 0}));
  EXPECT_EQ(f.scored, 1);
  EXPECT_EQ(m.histogram, (std::vector<int64_t>{0, 0, 1, 1}));
  EXPECT_DOUBLE_EQ(m.mean_score, (1.0 + static_cast<double>(0.6f)) / 2);
}

TEST(Fairness, SmallGroupsAreNotTheReference) {
  // One woman appears in every ranking; three men share the rest.
  std::vector<Profile> profiles = {Person("P0", "f"), Person("P1", "m"),
                                   Person("P2", "m"), Person("P3", "m")};
  const std::vector<std::vector<Hit>> rankings = {{{0, 1}, {1, 1}},
                                                  {{0, 1}, {2, 1}}};
  FairnessOptions options;
  options.top_k = 2;
  options.min_group_size = 2;
  const auto audits = AuditExposure(profiles, rankings, {}, options);
  const AttributeAudit& gender = audits[0];
  EXPECT_EQ(gender.best_group, "m");
  EXPECT_TRUE(Group(gender, "f").small);
  EXPECT_FALSE(Group(gender, "m").small);
  EXPECT_DOUBLE_EQ(Group(gender, "f").appearance_ratio, 1.0 / (2.0 / 6));
  EXPECT_FALSE(Group(gender, "m").appearance_flag);
}

TEST(Fairness, TwinVariantsChangeExactlyOneAttribute) {
  ProtectedAttributes own;
  own.gender = "f";
  own.age_band = "25-34";
  own.disability = false;
  own.rural = true;
  const auto variants = TwinVariants(own);
  // gender 3 others, age band 5, disability 2, rural 2.
  EXPECT_EQ(variants.size(), 12u);
  std::set<std::string> seen;
  for (const ProtectedAttributes& v : variants) {
    const int changed =
        (v.gender != own.gender) + (v.age_band != own.age_band) +
        (v.disability != own.disability) + (v.rural != own.rural);
    EXPECT_EQ(changed, 1);
    EXPECT_NE(v, own);
  }
}

TEST(Fairness, TwinCheckSeesABiasedScore) {
  // A score that pays women more on the second offer: one difference.
  const MakeProfile make = [](size_t, const ProtectedAttributes* a) {
    Profile profile = Person("P1", "m");
    if (a != nullptr) profile.protected_attributes = *a;
    return profile;
  };
  const ScoreAll biased = [](const Profile& profile) {
    return std::vector<float>{
        0.5f, profile.protected_attributes.gender == "f" ? 0.6f : 0.5f};
  };
  const TwinCheck check = CheckTwins(1, make, biased);
  EXPECT_EQ(check.profiles, 1);
  EXPECT_EQ(check.twins, 3 + 5 + 2 + 2);  // all values but the own ones
  EXPECT_EQ(check.pairs, 2 * check.twins);
  EXPECT_EQ(check.differing, 1);
  ASSERT_EQ(check.examples.size(), 1u);
  EXPECT_EQ(check.examples[0], "P1 gender m->f offer #1: 0.5 vs 0.600000024");
}

// The audit's proof: twins from the generator, differing only in a protected
// attribute, get bit-identical scores against every offer.
TEST(Fairness, GeneratedTwinsGetBitIdenticalScores) {
  ScoringConfig config;
  config.today = GeneratedAsOf();  // the generated offers' day
  auto scorer = Scorer::Create(SampleTaxonomy(), config);
  ASSERT_TRUE(scorer.ok());
  auto generator = Generator::Create(SampleTaxonomy(), GeneratorOptions());
  ASSERT_TRUE(generator.ok());
  std::vector<Offer> offers;
  for (uint64_t index = 0; index < 300; ++index) {
    offers.push_back(generator->GenerateOffer(index));
  }
  const std::vector<size_t> chosen = SampleIndexes(5000, 12, 1, 3);
  const MakeProfile make = [&](size_t item, const ProtectedAttributes* a) {
    return a == nullptr ? generator->GenerateProfile(chosen[item])
                        : generator->GenerateTwin(chosen[item], *a);
  };
  size_t nonzero = 0;
  const ScoreAll score_all = [&](const Profile& profile) {
    std::vector<float> scores;
    for (const Offer& offer : offers) {
      scores.push_back((*scorer)->Score(profile, offer));
      nonzero += scores.back() > 0;
    }
    return scores;
  };
  const TwinCheck check = CheckTwins(chosen.size(), make, score_all);
  EXPECT_EQ(check.profiles, 12);
  EXPECT_GE(check.twins, 12 * 11);
  EXPECT_EQ(check.pairs, check.twins * 300);
  EXPECT_EQ(check.differing, 0)
      << (check.examples.empty() ? "" : check.examples[0]);
  // The check compared real scores, not a wall of zeros (most pairs are
  // removed by the location filter).
  EXPECT_GT(nonzero, static_cast<size_t>(check.pairs) / 10);
}

}  // namespace
}  // namespace skillmatch::engine
