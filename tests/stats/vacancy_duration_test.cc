#include "skillmatch/stats/vacancy_duration.h"

#include <gtest/gtest.h>

#include <vector>

namespace skillmatch::engine::stats {
namespace {

// Eight offers, durations in days from publication; F = filled (event),
// C = censored (still open at the end of the window, or closed for another
// reason). Given out of order on purpose:
//   100F 15F 40C 60F 25F 40F 120C 60C
// Sorted, events before censorings at equal times:
//   15F 25F 40F 40C 60F 60C 100F 120C
//
//   t     n_i  d_i  censored at t   S(t)
//   15     8    1        0          7/8                    = 0.875
//   25     7    1        0          0.875 * 6/7            = 0.75
//   40     6    1        1          0.75 * 5/6             = 0.625
//   60     4    1        1          0.625 * 3/4            = 0.46875
//   100    2    1        0          0.46875 * 1/2          = 0.234375
//   (120: censored, 1 at risk, no step)
// Had the censoring at 40 been taken first, n would be 5 at t = 40 and
// S(40) = 0.75 * 4/5 = 0.6: the tie convention matters and is tested.
// Median: the first t with S(t) <= 0.5 is 60.
// S(30) = S(25) = 0.75; S(60) = S(90) = 0.46875 (60 is an event time, so
// S(60) includes it).
std::vector<DurationObservation> Example() {
  return {{100, true}, {15, true}, {40, false},  {60, true},
          {25, true},  {40, true}, {120, false}, {60, false}};
}

TEST(VacancyDurationTest, KaplanMeierByHandWithTies) {
  std::vector<DurationObservation> observations = Example();
  const std::vector<SurvivalStep> curve = KaplanMeier(observations);
  ASSERT_EQ(curve.size(), 5u);
  const int days[] = {15, 25, 40, 60, 100};
  const int64_t at_risk[] = {8, 7, 6, 4, 2};
  const int64_t censored[] = {0, 0, 1, 1, 0};
  const double survival[] = {0.875, 0.75, 0.625, 0.46875, 0.234375};
  for (size_t step = 0; step < curve.size(); ++step) {
    EXPECT_EQ(curve[step].days, days[step]);
    EXPECT_EQ(curve[step].at_risk, at_risk[step]);
    EXPECT_EQ(curve[step].events, 1);
    EXPECT_EQ(curve[step].censored, censored[step]);
    EXPECT_DOUBLE_EQ(curve[step].survival, survival[step]);
  }
}

TEST(VacancyDurationTest, SummaryMedianAndShareUnfilled) {
  std::vector<DurationObservation> observations = Example();
  const DurationSummary summary = SummarizeDurations(observations);
  EXPECT_EQ(summary.offers, 8);
  EXPECT_EQ(summary.events, 5);
  EXPECT_EQ(summary.censored, 3);
  EXPECT_EQ(summary.last_observed_days, 120);
  EXPECT_EQ(summary.median_days, 60);
  EXPECT_DOUBLE_EQ(summary.unfilled_at_30.value(), 0.75);
  EXPECT_DOUBLE_EQ(summary.unfilled_at_60.value(), 0.46875);
  EXPECT_DOUBLE_EQ(summary.unfilled_at_90.value(), 0.46875);
}

TEST(VacancyDurationTest, CensoredOffersAreNotDropped) {
  // Dropping the three censored offers would leave 15 25 40 60 100, all
  // filled: S(30) = 3/5 = 0.6 and median 40. Keeping them gives 0.75 and 60.
  std::vector<DurationObservation> events_only = {
      {15, true}, {25, true}, {40, true}, {60, true}, {100, true}};
  const DurationSummary biased = SummarizeDurations(events_only);
  EXPECT_DOUBLE_EQ(biased.unfilled_at_30.value(), 0.6);
  EXPECT_EQ(biased.median_days, 40);
  std::vector<DurationObservation> observations = Example();
  EXPECT_EQ(SummarizeDurations(observations).median_days, 60);
}

TEST(VacancyDurationTest, NotEstimatedBeyondTheFollowUp) {
  // 10F 20C 35C: S = 2/3 after day 10, then only censorings. S(30) = 2/3;
  // the follow-up stops at 35, so S(60) and S(90) are not estimated; the
  // median is never reached.
  std::vector<DurationObservation> observations = {
      {10, true}, {20, false}, {35, false}};
  const DurationSummary summary = SummarizeDurations(observations);
  EXPECT_FALSE(summary.median_days.has_value());
  EXPECT_DOUBLE_EQ(summary.unfilled_at_30.value(), 2.0 / 3.0);
  EXPECT_FALSE(summary.unfilled_at_60.has_value());
  EXPECT_FALSE(summary.unfilled_at_90.has_value());
  // A curve that reached 0 is known beyond its last observation.
  std::vector<DurationObservation> all_filled = {{5, true}, {12, true}};
  const DurationSummary filled = SummarizeDurations(all_filled);
  EXPECT_EQ(filled.median_days, 5);  // S(5) = 1/2
  EXPECT_DOUBLE_EQ(filled.unfilled_at_90.value(), 0.0);
  std::vector<DurationObservation> none;
  EXPECT_EQ(SummarizeDurations(none).offers, 0);
}

}  // namespace
}  // namespace skillmatch::engine::stats
