#include "skillmatch/stats/cube.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "stats/stats_fixture.h"

namespace skillmatch::engine::stats {
namespace {

using testing::Day;
using testing::Jobseeker;
using testing::Month;
using testing::Offer;

constexpr double kTolerance = 1e-9;

// Masons (F1703) in Dakar (SN-DK), window 2025-01..2025-03, plus one offer in
// Thies (SN-TH). Days are "closed on" / "exit on": a spell ending on day t is
// not in the stock at the end of t.
//
//   offer  published    closed       reason     source
//   O1     2024-12-15   2025-01-10   filled     anpe
//   O2     2025-01-05   2025-02-04   filled     anpe
//   O3     2025-01-20   -                       anpe
//   O4     2025-02-01   2025-02-28   withdrawn  anpe
//   O5     2025-02-10   2025-03-02   filled     anpe
//   O6     2025-02-15   2025-02-15   cancelled  anpe
//   O7     2025-03-31   -                       anpe
//   O8     2024-11-01   2024-12-20   expired    anpe   (ends before the window)
//   O9     2025-02-03   -                       jobboard
//   O10    2025-03-05   -                       anpe   (SN-TH)
//
// Open offers in SN-DK at the end of: 2024-12-31 (start) O1 -> 1;
//   January: +O2 +O3 -O1 = 2; February: +O4 +O5 +O6 +O9 -O2 -O4 -O6 = 3
//   (O3 O5 O9; O4 closed on 02-28 is out); March: +O7 -O5 = 3.
//
//   jobseeker registered  exit         reason
//   J1        2024-10-01  2025-01-15   employment
//   J2        2024-12-01  -
//   J3        2025-01-10  2025-02-20   employment
//   J4        2025-02-01  2025-02-28   training
//   J5        2025-02-05  -
//   J6        2025-02-14  2025-03-10   other
//   J7        2025-03-03  -
//   J8        2025-02-20  2025-03-31   self_employment
//
// Registered at the end of: start J1 J2 -> 2; January +J3 -J1 = 2;
//   February +J4 +J5 +J6 +J8 -J3 -J4 = 4; March +J7 -J6 -J8 = 3.
class CubeTest : public ::testing::Test {
 protected:
  CubeTest() {
    const std::string f = "F1703", dk = "SN-DK";
    offers_ = {
        Offer("O1", f, dk, "2024-12-15", "2025-01-10", CloseReason::kFilled),
        Offer("O2", f, dk, "2025-01-05", "2025-02-04", CloseReason::kFilled),
        Offer("O3", f, dk, "2025-01-20"),
        Offer("O4", f, dk, "2025-02-01", "2025-02-28", CloseReason::kWithdrawn),
        Offer("O5", f, dk, "2025-02-10", "2025-03-02", CloseReason::kFilled),
        Offer("O6", f, dk, "2025-02-15", "2025-02-15", CloseReason::kCancelled),
        Offer("O7", f, dk, "2025-03-31"),
        Offer("O8", f, dk, "2024-11-01", "2024-12-20", CloseReason::kExpired),
        Offer("O9", f, dk, "2025-02-03", std::nullopt, CloseReason::kFilled, {},
              "jobboard"),
        Offer("O10", f, "SN-TH", "2025-03-05"),
    };
    jobseekers_ = {
        Jobseeker("J1", f, dk, "2024-10-01", "2025-01-15"),
        Jobseeker("J2", f, dk, "2024-12-01"),
        Jobseeker("J3", f, dk, "2025-01-10", "2025-02-20"),
        Jobseeker("J4", f, dk, "2025-02-01", "2025-02-28",
                  ExitReason::kTraining),
        Jobseeker("J5", f, dk, "2025-02-05"),
        Jobseeker("J6", f, dk, "2025-02-14", "2025-03-10",
                  ExitReason::kOther),
        Jobseeker("J7", f, dk, "2025-03-03"),
        Jobseeker("J8", f, dk, "2025-02-20", "2025-03-31",
                  ExitReason::kSelfEmployment),
    };
    options_.first_month = Month("2025-01");
    options_.last_month = Month("2025-03");
  }

  Cube Compute(const CubeOptions& options) {
    Result<Cube> cube = ComputeCube(offers_, jobseekers_, options);
    EXPECT_TRUE(cube.ok()) << cube.status().message();
    return cube.ok() ? std::move(cube).value() : Cube();
  }

  std::vector<OfferSpell> offers_;
  std::vector<JobseekerSpell> jobseekers_;
  CubeOptions options_;
};

TEST_F(CubeTest, FlowsAndStocksOfAMonth) {
  const Cube cube = Compute(options_);
  const CellStats* february =
      cube.Find("F1703", "SN-DK", Period::Month(Month("2025-02")));
  ASSERT_NE(february, nullptr);
  // New: O4 O5 O6 O9. Closed in February: O2 filled, O4 withdrawn, O6
  // cancelled. Open at the start 2 (O2 O3), at the end 3.
  EXPECT_EQ(february->new_offers, 4);
  EXPECT_EQ(february->closed(CloseReason::kFilled), 1);
  EXPECT_EQ(february->closed(CloseReason::kWithdrawn), 1);
  EXPECT_EQ(february->closed(CloseReason::kExpired), 0);
  EXPECT_EQ(february->closed(CloseReason::kCancelled), 1);
  EXPECT_EQ(february->open_offers_start, 2);
  EXPECT_EQ(february->open_offers_end, 3);
  // New: J4 J5 J6 J8; exits J3 (employment), J4 (training); 2 -> 4.
  EXPECT_EQ(february->new_jobseekers, 4);
  EXPECT_EQ(february->exits(ExitReason::kEmployment), 1);
  EXPECT_EQ(february->exits(ExitReason::kTraining), 1);
  EXPECT_EQ(february->exits(ExitReason::kOther), 0);
  EXPECT_EQ(february->jobseekers_start, 2);
  EXPECT_EQ(february->jobseekers_end, 4);
  // Average stock (2 + 4) / 2 = 3. Tension 4 / 4 = 1. Outflow 1 / 3.
  EXPECT_NEAR(february->average_jobseekers, 3.0, kTolerance);
  EXPECT_NEAR(february->tension_ratio.value(), 1.0, kTolerance);
  EXPECT_NEAR(february->outflow_rate.value(), 1.0 / 3.0, kTolerance);
  // 4 new jobseekers, average stock 3: both under 20 records.
  EXPECT_EQ(february->tension_quality, Quality::kFewRecords);
  EXPECT_EQ(february->outflow_quality, Quality::kFewRecords);
}

TEST_F(CubeTest, FlowsAndStocksOfAQuarter) {
  options_.period_kind = PeriodKind::kQuarter;
  const Cube cube = Compute(options_);
  ASSERT_EQ(cube.periods.size(), 1u);
  const CellStats* quarter = cube.Find("F1703", "SN-DK", cube.periods[0]);
  ASSERT_NE(quarter, nullptr);
  // New offers 2 + 4 + 1 = 7; closed O1 O2 O5 filled, O4 withdrawn, O6
  // cancelled; stock 1 -> 1 + 7 - 5 = 3.
  EXPECT_EQ(quarter->new_offers, 7);
  EXPECT_EQ(quarter->closed(CloseReason::kFilled), 3);
  EXPECT_EQ(quarter->open_offers_start, 1);
  EXPECT_EQ(quarter->open_offers_end, 3);
  // New jobseekers 1 + 4 + 1 = 6; exits J1 J3 employment, J8
  // self-employment, J4 training, J6 other; stock 2 -> 2 + 6 - 5 = 3.
  EXPECT_EQ(quarter->new_jobseekers, 6);
  EXPECT_EQ(quarter->exits(ExitReason::kEmployment), 2);
  EXPECT_EQ(quarter->exits(ExitReason::kSelfEmployment), 1);
  EXPECT_EQ(quarter->exits(ExitReason::kOther), 1);
  EXPECT_EQ(quarter->jobseekers_start, 2);
  EXPECT_EQ(quarter->jobseekers_end, 3);
  // Month-end stocks 2, 2, 4, 3: average (2/2 + 2 + 4 + 3/2) / 3 = 8.5 / 3.
  EXPECT_NEAR(quarter->average_jobseekers, 8.5 / 3.0, kTolerance);
  EXPECT_NEAR(quarter->tension_ratio.value(), 7.0 / 6.0, kTolerance);
  // Exits to work: J1 J3 (employment) and J8 (self-employment) = 3.
  EXPECT_NEAR(quarter->outflow_rate.value(), 3.0 / (8.5 / 3.0), kTolerance);
}

TEST_F(CubeTest, VacancyDurationOfTheMonthsCohort) {
  // Offers published in February, followed to 2025-03-31:
  //   O4 02-01 withdrawn 02-28: censored at 27 days
  //   O5 02-10 filled 03-02:    event at 20 days (February 2025 has 28 days)
  //   O6 02-15 cancelled 02-15: censored at 0
  //   O9 02-03 still open:      censored at 25 + 31 = 56 days
  // Sorted 0C 20F 27C 56C: at t = 20, 3 at risk, S = 2/3; no median.
  // S(30) = 2/3; 60 > 56 with S > 0, so S(60) is not estimated.
  const Cube cube = Compute(options_);
  const CellStats* february =
      cube.Find("F1703", "SN-DK", Period::Month(Month("2025-02")));
  ASSERT_NE(february, nullptr);
  const DurationSummary& duration = february->vacancy_duration;
  EXPECT_EQ(duration.offers, 4);
  EXPECT_EQ(duration.events, 1);
  EXPECT_EQ(duration.last_observed_days, 56);
  EXPECT_FALSE(duration.median_days.has_value());
  EXPECT_NEAR(duration.unfilled_at_30.value(), 2.0 / 3.0, kTolerance);
  EXPECT_FALSE(duration.unfilled_at_60.has_value());
  EXPECT_EQ(february->duration_quality, Quality::kFewRecords);

  // Extracted a month later, on 2025-04-30: O9 is censored at 86 days, so
  // S(60) = 2/3 is estimated, S(90) still not.
  options_.observation_end_day = Day("2025-04-30");
  const Cube later = Compute(options_);
  const DurationSummary& longer =
      later.Find("F1703", "SN-DK", Period::Month(Month("2025-02")))
          ->vacancy_duration;
  EXPECT_EQ(longer.last_observed_days, 86);
  EXPECT_NEAR(longer.unfilled_at_60.value(), 2.0 / 3.0, kTolerance);
  EXPECT_FALSE(longer.unfilled_at_90.has_value());
}

TEST_F(CubeTest, CellsSortedWithZerosAndProvenance) {
  const Cube cube = Compute(options_);
  // (F1703, SN-DK) and (F1703, SN-TH), three months each.
  ASSERT_EQ(cube.cells.size(), 6u);
  EXPECT_EQ(cube.cells[0].geography, "SN-DK");
  EXPECT_EQ(cube.cells[0].period.Label(), "2025-01");
  EXPECT_EQ(cube.cells[3].geography, "SN-TH");
  EXPECT_EQ(cube.cells[3].new_offers, 0);  // Thies in January: zeros
  EXPECT_FALSE(cube.cells[3].tension_ratio.has_value());
  EXPECT_EQ(cube.cells[5].new_offers, 1);
  // O8 ended before the window: not counted.
  EXPECT_EQ(cube.provenance.offers_counted, 9);
  EXPECT_EQ(cube.provenance.jobseekers_counted, 8);
  EXPECT_EQ(cube.provenance.offer_sources,
            (std::vector<std::string>{"anpe", "jobboard"}));
  EXPECT_EQ(cube.provenance.jobseeker_sources,
            (std::vector<std::string>{"anpe"}));
  EXPECT_EQ(FormatDay(cube.provenance.first_day), "2025-01-01");
  EXPECT_EQ(FormatDay(cube.provenance.last_day), "2025-03-31");
  EXPECT_EQ(FormatDay(*cube.options.observation_end_day), "2025-03-31");
}

TEST_F(CubeTest, SourceFilterAndCoarserLevels) {
  options_.offer_sources = {"anpe"};
  options_.occupation_level = OccupationLevel::kArea;
  options_.geography_level = GeographyLevel::kCountry;
  const Cube cube = Compute(options_);
  ASSERT_EQ(cube.cells.size(), 3u);  // (F17, SN) x 3 months
  EXPECT_EQ(cube.provenance.offer_sources, (std::vector<std::string>{"anpe"}));
  EXPECT_EQ(cube.provenance.offers_counted, 8);
  // February without O9: 3 new offers; March: O7 in Dakar and O10 in Thies.
  EXPECT_EQ(cube.Find("F17", "SN", Period::Month(Month("2025-02")))->new_offers,
            3);
  EXPECT_EQ(cube.Find("F17", "SN", Period::Month(Month("2025-03")))->new_offers,
            2);
}

TEST_F(CubeTest, RejectsBadOptionsAndSpells) {
  CubeOptions rolling = options_;
  rolling.period_kind = PeriodKind::kRolling12;
  EXPECT_EQ(ComputeCube(offers_, jobseekers_, rolling).status().message(),
            "no rolling12 period lies within 2025-01..2025-03");
  CubeOptions early = options_;
  early.observation_end_day = Day("2025-03-30");
  EXPECT_EQ(ComputeCube(offers_, jobseekers_, early).status().message(),
            "the observation end 2025-03-30 is before the window's last day "
            "2025-03-31");
  offers_.push_back(Offer("O11", "F1703", "SN-DK", "2025-01-05", "2025-01-03"));
  Result<Cube> bad = ComputeCube(offers_, jobseekers_, options_);
  EXPECT_EQ(bad.status().code(), StatusCode::kDataError);
  EXPECT_EQ(bad.status().message(),
            "offer O11: closed on 2025-01-03 before its publication on "
            "2025-01-05");
}

TEST(CubeQualityTest, FlagsFromRecordsAndEvents) {
  // January 2025, drivers in Dakar: 25 offers published on 01-02, 6 filled on
  // 01-12 and 19 still open: 25 >= 20 offers but 6 < 10 fillings, so the
  // duration is flagged few-events. 20 new jobseekers: the tension ratio
  // 25 / 20 = 1.25 rests on 20 records, reliable; the average stock
  // (0 + 20) / 2 = 10 is under 20, so the outflow rate is flagged.
  // Plumbers: 12 offers, all filled on 01-05: 12 < 20 offers, few-records.
  std::vector<OfferSpell> offers;
  std::vector<JobseekerSpell> jobseekers;
  for (int n = 0; n < 25; ++n) {
    offers.push_back(n < 6 ? Offer("O", "N1101", "SN-DK", "2025-01-02",
                                   "2025-01-12", CloseReason::kFilled)
                           : Offer("O", "N1101", "SN-DK", "2025-01-02"));
  }
  for (int n = 0; n < 20; ++n)
    jobseekers.push_back(Jobseeker("J", "N1101", "SN-DK", "2025-01-03"));
  for (int n = 0; n < 12; ++n)
    offers.push_back(Offer("O", "F1603", "SN-DK", "2025-01-02", "2025-01-05",
                           CloseReason::kFilled));
  CubeOptions options;
  options.first_month = Month("2025-01");
  options.last_month = Month("2025-01");
  const Cube cube = ComputeCube(offers, jobseekers, options).value();
  const Period january = Period::Month(Month("2025-01"));
  const CellStats* drivers = cube.Find("N1101", "SN-DK", january);
  ASSERT_NE(drivers, nullptr);
  EXPECT_EQ(drivers->duration_quality, Quality::kFewEvents);
  EXPECT_EQ(drivers->vacancy_duration.events, 6);
  EXPECT_EQ(drivers->tension_quality, Quality::kReliable);
  EXPECT_NEAR(drivers->tension_ratio.value(), 1.25, kTolerance);
  EXPECT_EQ(drivers->outflow_quality, Quality::kFewRecords);
  const CellStats* plumbers = cube.Find("F1603", "SN-DK", january);
  ASSERT_NE(plumbers, nullptr);
  EXPECT_EQ(plumbers->duration_quality, Quality::kFewRecords);
  EXPECT_EQ(plumbers->vacancy_duration.median_days, 3);  // all filled at 3
  EXPECT_EQ(cube.Find("F1603", "SN-TH", january), nullptr);

  // With 10 fillings out of 25 the duration is reliable.
  for (int n = 6; n < 10; ++n) offers[n].closed_day = Day("2025-01-20");
  EXPECT_EQ(ComputeCube(offers, jobseekers, options)
                .value()
                .Find("N1101", "SN-DK", january)
                ->duration_quality,
            Quality::kReliable);
}

// The cube's month counters and prefix sums against a brute force that
// counts, for every cell and period, the spells open at the end of a day and
// those starting or ending in the period.
TEST(CubeOracleTest, MatchesBruteForceOnSeededRandomSpells) {
  uint64_t state = 42;
  auto next = [&state](int bound) {  // splitmix64
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<int>((z ^ (z >> 31)) % static_cast<uint64_t>(bound));
  };
  const std::vector<std::string> occupations = {"A1401", "F1703", "N1301"};
  const std::vector<std::string> regions = {"BJ-LI", "SN-DK", "SN-TH"};
  const int origin = Day("2024-10-01");
  std::vector<OfferSpell> offers;
  std::vector<JobseekerSpell> jobseekers;
  for (int record = 0; record < 600; ++record) {
    OfferSpell offer;
    offer.offer_id = "O" + std::to_string(record);
    offer.occupation = occupations[next(3)];
    offer.region = regions[next(3)];
    offer.source = next(4) == 0 ? "jobboard" : "anpe";
    offer.published_day = origin + next(300);
    if (next(5) != 0) offer.closed_day = offer.published_day + next(90);
    offer.reason = static_cast<CloseReason>(next(kCloseReasonCount));
    offers.push_back(offer);
    JobseekerSpell jobseeker;
    jobseeker.jobseeker_id = "J" + std::to_string(record);
    jobseeker.occupation = occupations[next(3)];
    jobseeker.region = regions[next(3)];
    jobseeker.registered_day = origin + next(300);
    if (next(3) != 0) jobseeker.exit_day = jobseeker.registered_day + next(200);
    jobseeker.exit_reason = static_cast<ExitReason>(next(kExitReasonCount));
    jobseekers.push_back(jobseeker);
  }
  for (PeriodKind kind : {PeriodKind::kMonth, PeriodKind::kQuarter}) {
    CubeOptions options;
    options.period_kind = kind;
    options.first_month = Month("2024-12");
    options.last_month = Month("2025-06");
    const Cube cube = ComputeCube(offers, jobseekers, options).value();
    ASSERT_EQ(cube.cells.size(), 9 * cube.periods.size());
    for (const CellStats& cell : cube.cells) {
      const int from = cell.period.first_day(), to = cell.period.last_day();
      int64_t new_offers = 0, filled = 0, open_start = 0, open_end = 0;
      for (const OfferSpell& offer : offers) {
        if (offer.occupation != cell.occupation ||
            offer.region != cell.geography)
          continue;
        auto open_at = [&](int day) {
          return offer.published_day <= day &&
                 (!offer.closed_day || *offer.closed_day > day);
        };
        new_offers += offer.published_day >= from && offer.published_day <= to;
        filled += offer.closed_day && *offer.closed_day >= from &&
                  *offer.closed_day <= to &&
                  offer.reason == CloseReason::kFilled;
        open_start += open_at(from - 1);
        open_end += open_at(to);
      }
      int64_t new_jobseekers = 0, employed = 0, start = 0, end = 0;
      for (const JobseekerSpell& jobseeker : jobseekers) {
        if (jobseeker.occupation != cell.occupation ||
            jobseeker.region != cell.geography)
          continue;
        auto registered_at = [&](int day) {
          return jobseeker.registered_day <= day &&
                 (!jobseeker.exit_day || *jobseeker.exit_day > day);
        };
        new_jobseekers +=
            jobseeker.registered_day >= from && jobseeker.registered_day <= to;
        employed += jobseeker.exit_day && *jobseeker.exit_day >= from &&
                    *jobseeker.exit_day <= to &&
                    IsExitToWork(jobseeker.exit_reason);
        start += registered_at(from - 1);
        end += registered_at(to);
      }
      const std::string where =
          cell.occupation + " " + cell.geography + " " + cell.period.Label();
      ASSERT_EQ(cell.new_offers, new_offers) << where;
      ASSERT_EQ(cell.closed(CloseReason::kFilled), filled) << where;
      ASSERT_EQ(cell.open_offers_start, open_start) << where;
      ASSERT_EQ(cell.open_offers_end, open_end) << where;
      ASSERT_EQ(cell.new_jobseekers, new_jobseekers) << where;
      ASSERT_EQ(cell.exits(ExitReason::kEmployment) +
                    cell.exits(ExitReason::kSelfEmployment),
                employed)
          << where;
      ASSERT_EQ(cell.jobseekers_start, start) << where;
      ASSERT_EQ(cell.jobseekers_end, end) << where;
    }
  }
}

}  // namespace
}  // namespace skillmatch::engine::stats
