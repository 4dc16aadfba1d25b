// Vacancy duration: the Kaplan-Meier estimator of the time from an offer's
// publication to its filling.
//
// Each offer gives one observation: its duration in days (closed_day -
// published_day, or observation end - published_day if still open then) and
// whether the duration ends in the event (filled on or before the
// observation end). Offers still open at the end of the window, and offers
// closed for another reason (withdrawn, expired, cancelled), are censored at
// their last day observed open: they count in the risk set up to then and are
// not dropped (dropping them would bias durations downwards, keeping them as
// "filled" would bias them too). Ties: at a time with both events and
// censorings, the events are taken first (the censored offers are still at
// risk at that time), the usual convention.
//
//   S(t) = prod over event times t_i <= t of (1 - d_i / n_i)
// with d_i the offers filled after t_i days and n_i the offers whose duration
// is >= t_i. S(t) is the share of offers still unfilled t days after
// publication.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace skillmatch::engine::stats {

struct DurationObservation {
  int days = 0;         // >= 0
  bool filled = false;  // false: censored at `days`
  friend bool operator<(const DurationObservation& a,
                        const DurationObservation& b) {
    // Events before censorings at the same time.
    return a.days != b.days ? a.days < b.days : a.filled > b.filled;
  }
};

struct SurvivalStep {
  int days = 0;          // an event time
  int64_t at_risk = 0;   // n_i
  int64_t events = 0;    // d_i
  int64_t censored = 0;  // censored at exactly `days` (after the events)
  double survival = 1;   // S(days), after this step
};

struct DurationSummary {
  int64_t offers = 0;          // observations
  int64_t events = 0;          // filled
  int64_t censored = 0;        // offers - events
  int last_observed_days = 0;  // the largest duration observed, event or not
  // The smallest event time t with S(t) <= 0.5; none when S stays above 0.5
  // over the whole follow-up.
  std::optional<int> median_days;
  // S(30), S(60), S(90): share still unfilled 30, 60, 90 days after
  // publication; none when the follow-up stops before (the last observation is
  // censored before that day, so S is not estimated there).
  std::optional<double> unfilled_at_30;
  std::optional<double> unfilled_at_60;
  std::optional<double> unfilled_at_90;
};

// The Kaplan-Meier curve: one step per distinct event time, in increasing
// order. `observations` are sorted in place (days ascending, events first).
std::vector<SurvivalStep> KaplanMeier(
    std::span<DurationObservation> observations);

// S(t) from a curve; `last_observed_days` bounds the follow-up (see above).
std::optional<double> SurvivalAt(std::span<const SurvivalStep> curve,
                                 int last_observed_days, int days);

// The summary of `observations` (sorted in place); all empty when there is
// none.
DurationSummary SummarizeDurations(std::span<DurationObservation> observations);

}  // namespace skillmatch::engine::stats
