#include "skillmatch/stats/tension_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "stats/stats_fixture.h"

namespace skillmatch::engine::stats {
namespace {

using testing::Month;

constexpr double kTolerance = 1e-9;
const double kRoot2 = std::sqrt(2.0);

// Five occupations A..E in the reference period, values chosen so that each
// component is its mean + step * u with u a permutation of -2 -1 0 1 2:
//
//          tension ratio   outflow rate   unfilled at 30   mismatch D
//          (mean 1.5,.5)   (mean .3, .1)  (mean .4, .1)    (mean .3, .1)
//   A      0.5  u=-2       0.10 u=-2      0.6  u=+2        0.1 u=-2
//   B      1.0  u=-1       0.30 u= 0      0.4  u= 0        0.2 u=-1
//   C      1.5  u= 0       0.20 u=-1      0.5  u=+1        0.3 u= 0
//   D      2.0  u=+1       0.50 u=+2      0.2  u=-2        0.4 u=+1
//   E      2.5  u=+2       0.40 u=+1      0.3  u=-1        0.5 u=+2
//
// The population sd of mean + step * {-2..2} is step * sqrt(2), so z = u /
// sqrt(2). Equal weights: score = (sum of u) / 4 / sqrt(2):
//   A (-2-2+2-2)=-4 -> -1/sqrt2     B -2 -> -0.5/sqrt2    C 0 -> 0
//   D (+1+2-2+1)=+2 -> 0.5/sqrt2    E (+2+1-1+2)=+4 -> 1/sqrt2
// In units of 1/(4 sqrt2) the sorted scores are -4 -2 0 2 4; quintiles (type
// 7, h = 4p): 0.8 -> -4 + .8*2 = -2.4, 1.6 -> -0.8, 2.4 -> 0.8, 3.2 -> 2.4.
// Levels: A 1, B 2, C 3, D 4, E 5.
// Explanations (contributions u / (4 sqrt2)): E's positive ones TR +2, GM +2,
// OR +1 -> TR, GM (ties in component order); D: OR +2, TR +1, GM +1 -> OR,
// TR; A's negative ones TR -2, OR -2, GM -2 -> TR, OR; C (level 3): none.
std::vector<TensionComponents> Reference() {
  const Period period = Period::Rolling12(Month("2025-12"));
  auto row = [&](std::string occupation, double tension, double outflow,
                 double unfilled, double mismatch) {
    return TensionComponents{
        std::move(occupation), period, {tension, outflow, unfilled, mismatch}};
  };
  return {row("A", 0.5, 0.10, 0.6, 0.1), row("B", 1.0, 0.30, 0.4, 0.2),
          row("C", 1.5, 0.20, 0.5, 0.3), row("D", 2.0, 0.50, 0.2, 0.4),
          row("E", 2.5, 0.40, 0.3, 0.5)};
}

TEST(TensionIndexTest, ScaleByHand) {
  const std::vector<TensionComponents> reference = Reference();
  const TensionScale scale = BuildTensionScale(reference, {}).value();
  EXPECT_EQ(scale.occupations, 5);
  EXPECT_NEAR(scale.means[0].value(), 1.5, kTolerance);
  EXPECT_NEAR(scale.sds[0].value(), 0.5 * kRoot2, kTolerance);
  EXPECT_NEAR(scale.means[1].value(), 0.3, kTolerance);
  EXPECT_NEAR(scale.sds[2].value(), 0.1 * kRoot2, kTolerance);
  const double unit = 1.0 / (4 * kRoot2);
  EXPECT_NEAR(scale.cuts[0], -2.4 * unit, kTolerance);
  EXPECT_NEAR(scale.cuts[1], -0.8 * unit, kTolerance);
  EXPECT_NEAR(scale.cuts[2], 0.8 * unit, kTolerance);
  EXPECT_NEAR(scale.cuts[3], 2.4 * unit, kTolerance);
}

TEST(TensionIndexTest, LevelsScoresAndExplanations) {
  const std::vector<TensionComponents> reference = Reference();
  const TensionScale scale = BuildTensionScale(reference, {}).value();
  const std::vector<TensionLevel> levels = ScoreTension(scale, reference, {});
  ASSERT_EQ(levels.size(), 5u);
  const double scores[] = {-1 / kRoot2, -0.5 / kRoot2, 0, 0.5 / kRoot2,
                           1 / kRoot2};
  for (int occupation = 0; occupation < 5; ++occupation) {
    EXPECT_NEAR(levels[occupation].score.value(), scores[occupation],
                kTolerance);
    EXPECT_EQ(levels[occupation].level, occupation + 1);
    EXPECT_EQ(levels[occupation].contributions.size(), 4u);
  }
  using C = Component;
  EXPECT_EQ(levels[4].explained_by,
            (std::vector<C>{C::kTensionRatio, C::kGeographicMismatch}));
  EXPECT_EQ(levels[3].explained_by,
            (std::vector<C>{C::kOutflowRate, C::kTensionRatio}));
  EXPECT_EQ(levels[0].explained_by,
            (std::vector<C>{C::kTensionRatio, C::kOutflowRate}));
  EXPECT_TRUE(levels[2].explained_by.empty());
  // E: TR's z = 2 / sqrt2, contribution z / 4; sorted by |contribution|.
  EXPECT_EQ(levels[4].contributions[0].component, C::kTensionRatio);
  EXPECT_NEAR(levels[4].contributions[0].z, kRoot2, kTolerance);
  EXPECT_NEAR(levels[4].contributions[0].contribution, kRoot2 / 4, kTolerance);
  EXPECT_EQ(levels[4].contributions[3].component, C::kHiringDifficulty);
}

TEST(TensionIndexTest, LaterPeriodsOnTheReferenceScale) {
  const std::vector<TensionComponents> reference = Reference();
  const TensionScale scale = BuildTensionScale(reference, {}).value();
  // A year later, A's tension ratio rises to 3.5 (u = +4), the rest as E:
  // score (4 + 1 - 1 + 2) / 4 / sqrt2 = 1.5 / sqrt2, above the top cut: 5.
  // F has two components only (min_components 3): no score, no level.
  const Period later = Period::Rolling12(Month("2026-12"));
  std::vector<TensionComponents> rows = {
      {"A", later, {3.5, 0.40, 0.3, 0.5}},
      {"F", later, {1.0, std::nullopt, std::nullopt, 0.2}}};
  const std::vector<TensionLevel> levels = ScoreTension(scale, rows, {});
  EXPECT_NEAR(levels[0].score.value(), 1.5 / kRoot2, kTolerance);
  EXPECT_EQ(levels[0].level, 5);
  EXPECT_EQ(levels[0].period.Label(), "2026-01/2026-12");
  EXPECT_FALSE(levels[1].score.has_value());
  EXPECT_FALSE(levels[1].level.has_value());
}

TEST(TensionIndexTest, WeightsFixedCutsAndConstantComponents) {
  std::vector<TensionComponents> reference = Reference();
  // Tension ratio alone: score = z = u / sqrt2, A..E = -2..2 / sqrt2.
  TensionIndexOptions alone;
  alone.weights = {1, 0, 0, 0};
  alone.min_components = 1;
  alone.fixed_cuts = std::array<double, 4>{-1.0, -0.5, 0.5, 1.0};
  const TensionScale scale = BuildTensionScale(reference, alone).value();
  const std::vector<TensionLevel> levels =
      ScoreTension(scale, reference, alone);
  // -1.414 -> 1, -0.707 -> 2, 0 -> 3, 0.707 -> 4, 1.414 -> 5.
  for (int occupation = 0; occupation < 5; ++occupation)
    EXPECT_EQ(levels[occupation].level, occupation + 1);
  EXPECT_NEAR(levels[4].score.value(), kRoot2, kTolerance);

  // A component equal for every occupation has no sd: it is left out, and
  // the three others make the score.
  for (TensionComponents& row : reference) row.values[3] = 0.3;
  const TensionScale constant = BuildTensionScale(reference, {}).value();
  EXPECT_FALSE(constant.sds[3].has_value());
  // A: (-2 - 2 + 2) / 3 / sqrt2.
  EXPECT_NEAR(ScoreTension(constant, reference, {})[0].score.value(),
              -2.0 / 3.0 / kRoot2, kTolerance);

  TensionIndexOptions bad;
  bad.weights = {1, -1, 0, 0};
  EXPECT_EQ(BuildTensionScale(reference, bad).status().message(),
            "the weights must be >= 0 and not all 0");
  TensionIndexOptions demanding;
  demanding.min_components = 5;
  EXPECT_EQ(BuildTensionScale(reference, demanding).status().message(),
            "no occupation of the reference has 5 components");
}

TEST(TensionIndexTest, FromCubes) {
  // Two occupations in January 2025, two regions each. Masons: 4 offers and
  // 2 new jobseekers (tension 2), Drivers: 1 offer, 4 new jobseekers (0.25).
  using testing::Jobseeker;
  using testing::Offer;
  std::vector<OfferSpell> offers;
  std::vector<JobseekerSpell> jobseekers;
  for (int n = 0; n < 4; ++n)
    offers.push_back(Offer("O", "F1703", n < 2 ? "SN-DK" : "SN-TH",
                           "2025-01-06", "2025-01-20"));
  offers.push_back(Offer("O", "N1101", "SN-DK", "2025-01-08"));
  for (int n = 0; n < 2; ++n)
    jobseekers.push_back(Jobseeker("J", "F1703", "SN-DK", "2025-01-02"));
  for (int n = 0; n < 4; ++n)
    jobseekers.push_back(Jobseeker("J", "N1101", "SN-TH", "2025-01-02"));
  CubeOptions options;
  options.first_month = Month("2025-01");
  options.last_month = Month("2025-01");
  const Cube regional = ComputeCube(offers, jobseekers, options).value();
  options.geography_level = GeographyLevel::kAll;
  const Cube national = ComputeCube(offers, jobseekers, options).value();
  const MismatchTable mismatch = ComputeMismatch(regional).value();
  const std::vector<TensionComponents> rows =
      GatherComponents(national, mismatch, {}).value();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].occupation, "F1703");
  EXPECT_NEAR(rows[0].values[0].value(), 2.0, kTolerance);
  EXPECT_NEAR(rows[1].values[0].value(), 0.25, kTolerance);
  // Masons: offers 2 2, jobseekers 2 0 -> D = 1/2 (.5 + .5) = 0.5;
  // drivers: offers 1 0, jobseekers 0 4 -> D = 1.
  EXPECT_NEAR(rows[0].values[3].value(), 0.5, kTolerance);
  EXPECT_NEAR(rows[1].values[3].value(), 1.0, kTolerance);
  // No exit to employment: outflow 0 for both. All four masons' offers were
  // filled after 14 days: S(30) = 0. The drivers' offer is censored at 23
  // days, so S(30) is not estimated.
  EXPECT_NEAR(rows[0].values[1].value(), 0.0, kTolerance);
  EXPECT_NEAR(rows[0].values[2].value(), 0.0, kTolerance);
  EXPECT_FALSE(rows[1].values[2].has_value());

  TensionIndexOptions two;
  two.min_components = 2;
  const TensionIndex index =
      ComputeTensionIndex(national, mismatch, national.periods[0], two).value();
  EXPECT_EQ(index.provenance.offers_counted, 5);
  ASSERT_EQ(index.levels.size(), 2u);
  // Two occupations: each component's z is +1 or -1 (or left out when equal:
  // outflow). Masons: tension +1, mismatch -1 -> 0; drivers -1, +1 -> 0.
  EXPECT_NEAR(index.levels[0].score.value(), 0.0, kTolerance);
  EXPECT_EQ(
      ComputeTensionIndex(national, mismatch, Period::Month(Month("2025-02")))
          .status()
          .message(),
      "the reference period 2025-02 is not among the cube's periods");
  EXPECT_EQ(GatherComponents(regional, mismatch, {}).status().message(),
            "the tension index needs a national cube (geography level all)");
}

}  // namespace
}  // namespace skillmatch::engine::stats
