#include "skillmatch/stats/skills_demand.h"

#include <gtest/gtest.h>

#include <vector>

#include "stats/stats_fixture.h"

namespace skillmatch::engine::stats {
namespace {

using testing::Jobseeker;
using testing::Month;
using testing::Offer;

constexpr double kTolerance = 1e-9;

// Masons (F1703), 2025-Q1.
//   offer  published    skills
//   S1     2025-01-10   masonry, reading_plans
//   S2     2025-02-05   masonry
//   S3     2025-03-03   masonry, masonry (listed twice: counted once), safety
//   S4     2025-03-20   reading_plans
//   S0     2024-12-10   masonry                     (before the quarter)
// Demand: 4 offers; masonry 3/4, reading_plans 2/4, safety 1/4.
//
//   jobseeker registered  exit         skills
//   K1        2024-11-02  -            masonry
//   K2        2025-02-01  -            masonry, driving
//   K3        2025-01-05  2025-03-15   reading_plans
//   K4        2025-03-31  -            (none)       registered on the last day
//   K5        2025-01-10  2025-03-31   safety       exit on the last day
// Registered at the end of the quarter: K1 K2 K4 = 3; masonry 2/3,
// driving 1/3, reading_plans 0, safety 0.
// Gaps: driving 0 - 1/3, masonry 3/4 - 2/3 = 1/12, reading_plans 1/2,
// safety 1/4.
class SkillsDemandTest : public ::testing::Test {
 protected:
  SkillsDemandTest() {
    const std::string f = "F1703", dk = "SN-DK";
    const auto filled = CloseReason::kFilled;
    offers_ = {
        Offer("S1", f, dk, "2025-01-10", std::nullopt, filled,
              {"masonry", "reading_plans"}),
        Offer("S2", f, dk, "2025-02-05", std::nullopt, filled, {"masonry"}),
        Offer("S3", f, dk, "2025-03-03", std::nullopt, filled,
              {"masonry", "masonry", "safety"}),
        Offer("S4", f, dk, "2025-03-20", std::nullopt, filled,
              {"reading_plans"}),
        Offer("S0", f, dk, "2024-12-10", std::nullopt, filled, {"masonry"}),
    };
    const auto employment = ExitReason::kEmployment;
    jobseekers_ = {
        Jobseeker("K1", f, dk, "2024-11-02", std::nullopt, employment,
                  {"masonry"}),
        Jobseeker("K2", f, dk, "2025-02-01", std::nullopt, employment,
                  {"masonry", "driving"}),
        Jobseeker("K3", f, dk, "2025-01-05", "2025-03-15", employment,
                  {"reading_plans"}),
        Jobseeker("K4", f, dk, "2025-03-31"),
        Jobseeker("K5", f, dk, "2025-01-10", "2025-03-31", employment,
                  {"safety"}),
    };
    options_.first_month = Month("2025-01");
    options_.last_month = Month("2025-03");
  }

  std::vector<OfferSpell> offers_;
  std::vector<JobseekerSpell> jobseekers_;
  SkillsDemandOptions options_;
};

TEST_F(SkillsDemandTest, SharesAndGapsOfAQuarter) {
  const SkillsDemandTable table =
      ComputeSkillsDemand(offers_, jobseekers_, options_).value();
  ASSERT_EQ(table.rows.size(), 4u);
  const char* skills[] = {"driving", "masonry", "reading_plans", "safety"};
  const int64_t asking[] = {0, 3, 2, 1}, holding[] = {1, 2, 0, 0};
  const double gaps[] = {-1.0 / 3.0, 1.0 / 12.0, 0.5, 0.25};
  for (size_t row = 0; row < 4; ++row) {
    EXPECT_EQ(table.rows[row].skill, skills[row]);
    EXPECT_EQ(table.rows[row].period.Label(), "2025-Q1");
    EXPECT_EQ(table.rows[row].offers, 4);
    EXPECT_EQ(table.rows[row].jobseekers, 3);
    EXPECT_EQ(table.rows[row].offers_asking, asking[row]);
    EXPECT_EQ(table.rows[row].jobseekers_holding, holding[row]);
    EXPECT_NEAR(table.rows[row].gap.value(), gaps[row], kTolerance);
  }
  EXPECT_NEAR(table.rows[1].demand_share.value(), 0.75, kTolerance);
  EXPECT_NEAR(table.rows[1].supply_share.value(), 2.0 / 3.0, kTolerance);
  EXPECT_EQ(table.provenance.offers_counted, 4);      // S0 is out
  EXPECT_EQ(table.provenance.jobseekers_counted, 3);  // K1 K2 K4
  EXPECT_EQ(table.provenance.offer_sources, (std::vector<std::string>{"anpe"}));
}

TEST_F(SkillsDemandTest, NewJobseekersAsSupply) {
  // Registered during the quarter: K2 K3 K4 K5 = 4; each skill 1/4.
  options_.supply = SupplyBasis::kNewInPeriod;
  const SkillsDemandTable table =
      ComputeSkillsDemand(offers_, jobseekers_, options_).value();
  ASSERT_EQ(table.rows.size(), 4u);
  for (const SkillDemandRow& row : table.rows) {
    EXPECT_EQ(row.jobseekers, 4);
    EXPECT_NEAR(row.supply_share.value(), 0.25, kTolerance) << row.skill;
  }
}

TEST_F(SkillsDemandTest, MonthlyRowsShowTheTrend) {
  // Masonry's demand share by month: January S1 1/1, February S2 1/1,
  // March S3 (S4 does not ask for it) 1/2.
  options_.period_kind = PeriodKind::kMonth;
  const SkillsDemandTable table =
      ComputeSkillsDemand(offers_, jobseekers_, options_).value();
  std::vector<double> masonry;
  for (const SkillDemandRow& row : table.rows) {
    if (row.skill == "masonry" && row.demand_share)
      masonry.push_back(*row.demand_share);
  }
  EXPECT_EQ(masonry, (std::vector<double>{1.0, 1.0, 0.5}));
  EXPECT_EQ(table.periods.size(), 3u);
}

}  // namespace
}  // namespace skillmatch::engine::stats
