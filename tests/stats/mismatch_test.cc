#include "skillmatch/stats/mismatch.h"

#include <gtest/gtest.h>

#include <vector>

#include "stats/stats_fixture.h"

namespace skillmatch::engine::stats {
namespace {

using testing::Jobseeker;
using testing::Month;
using testing::Offer;

constexpr double kTolerance = 1e-9;

TEST(MismatchTest, DuncanIndexByHand) {
  // Offers 6 3 1 (O = 10), jobseekers 2 4 4 (J = 10) over three regions:
  // D = 1/2 (|.6 - .2| + |.3 - .4| + |.1 - .4|) = 1/2 (.4 + .1 + .3) = 0.4.
  const std::vector<int64_t> offers = {6, 3, 1}, jobseekers = {2, 4, 4};
  EXPECT_NEAR(DuncanIndex(offers, jobseekers).value(), 0.4, kTolerance);
  // Same shape, different totals: 0. Disjoint: 1.
  const std::vector<int64_t> same = {12, 6, 2}, disjoint = {0, 0, 5};
  const std::vector<int64_t> only_first = {7, 0, 0};
  EXPECT_NEAR(DuncanIndex(offers, same).value(), 0.0, kTolerance);
  EXPECT_NEAR(DuncanIndex(only_first, disjoint).value(), 1.0, kTolerance);
  // Unequal totals: 3 1 (O = 4) against 3 3 (J = 6):
  // 1/2 (|.75 - .5| + |.25 - .5|) = 0.25.
  const std::vector<int64_t> a = {3, 1}, b = {3, 3};
  EXPECT_NEAR(DuncanIndex(a, b).value(), 0.25, kTolerance);
  const std::vector<int64_t> none = {0, 0};
  EXPECT_FALSE(DuncanIndex(a, none).has_value());
}

TEST(MismatchTest, PerOccupationAndPeriodFromACube) {
  // January 2025. Masons (F1703): offers 6 in SN-DK, 3 in SN-TH, 1 in
  // SN-ZG; new jobseekers 2, 4, 4: D = 0.4 as above.
  // Domestic workers (K1101): 2 offers in SN-DK and 2 in SN-TH in January,
  // no new jobseeker (4 registered in SN-DK since December): by flows D is
  // undefined; by stocks at the end of January, offers 2 2 against
  // jobseekers 4 0: D = 1/2 (|.5 - 1| + |.5 - 0|) = 0.5.
  std::vector<OfferSpell> offers;
  std::vector<JobseekerSpell> jobseekers;
  const std::vector<std::string> regions = {"SN-DK", "SN-TH", "SN-ZG"};
  const int offer_counts[] = {6, 3, 1}, jobseeker_counts[] = {2, 4, 4};
  for (int region = 0; region < 3; ++region) {
    for (int n = 0; n < offer_counts[region]; ++n)
      offers.push_back(Offer("O", "F1703", regions[region], "2025-01-10"));
    for (int n = 0; n < jobseeker_counts[region]; ++n)
      jobseekers.push_back(
          Jobseeker("J", "F1703", regions[region], "2025-01-12"));
  }
  for (int n = 0; n < 2; ++n) {
    offers.push_back(Offer("O", "K1101", "SN-DK", "2025-01-03"));
    offers.push_back(Offer("O", "K1101", "SN-TH", "2025-01-04"));
  }
  for (int n = 0; n < 4; ++n)
    jobseekers.push_back(Jobseeker("J", "K1101", "SN-DK", "2024-12-01"));
  CubeOptions options;
  options.first_month = Month("2025-01");
  options.last_month = Month("2025-01");
  const Cube cube = ComputeCube(offers, jobseekers, options).value();

  const MismatchTable flows = ComputeMismatch(cube).value();
  ASSERT_EQ(flows.rows.size(), 2u);
  EXPECT_EQ(flows.rows[0].occupation, "F1703");
  EXPECT_EQ(flows.rows[0].period.Label(), "2025-01");
  EXPECT_NEAR(flows.rows[0].index.value(), 0.4, kTolerance);
  EXPECT_EQ(flows.rows[0].offers, 10);
  EXPECT_EQ(flows.rows[0].jobseekers, 10);
  EXPECT_EQ(flows.rows[0].units, 3);
  EXPECT_EQ(flows.rows[0].quality, Quality::kFewRecords);  // 10 < 20
  EXPECT_EQ(flows.rows[1].occupation, "K1101");
  EXPECT_FALSE(flows.rows[1].index.has_value());
  EXPECT_EQ(flows.provenance.offers_counted, 14);

  const MismatchTable stocks =
      ComputeMismatch(cube, MismatchBasis::kStocks).value();
  EXPECT_NEAR(stocks.rows[1].index.value(), 0.5, kTolerance);

  CubeOptions national = options;
  national.geography_level = GeographyLevel::kAll;
  EXPECT_EQ(ComputeMismatch(ComputeCube(offers, jobseekers, national).value())
                .status()
                .message(),
            "geographic mismatch needs a cube by region or country");
}

}  // namespace
}  // namespace skillmatch::engine::stats
