#include "skillmatch/stats/vacancy_duration.h"

#include <algorithm>

namespace skillmatch::engine::stats {

std::vector<SurvivalStep> KaplanMeier(
    std::span<DurationObservation> observations) {
  std::sort(observations.begin(), observations.end());
  std::vector<SurvivalStep> curve;
  int64_t at_risk = static_cast<int64_t>(observations.size());
  double survival = 1;
  size_t at = 0;
  while (at < observations.size()) {
    const int days = observations[at].days;
    int64_t events = 0, censored = 0;
    for (; at < observations.size() && observations[at].days == days; ++at) {
      (observations[at].filled ? events : censored) += 1;
    }
    if (events > 0) {
      survival *=
          1.0 - static_cast<double>(events) / static_cast<double>(at_risk);
      curve.push_back({days, at_risk, events, censored, survival});
    }
    at_risk -= events + censored;
  }
  return curve;
}

std::optional<double> SurvivalAt(std::span<const SurvivalStep> curve,
                                 int last_observed_days, int days) {
  double survival = 1;
  for (const SurvivalStep& step : curve) {
    if (step.days > days) break;
    survival = step.survival;
  }
  // Beyond the last observation S is only known when it already reached 0.
  if (days > last_observed_days && survival > 0) return std::nullopt;
  return survival;
}

DurationSummary SummarizeDurations(
    std::span<DurationObservation> observations) {
  DurationSummary summary;
  if (observations.empty()) return summary;
  const std::vector<SurvivalStep> curve = KaplanMeier(observations);
  summary.offers = static_cast<int64_t>(observations.size());
  for (const SurvivalStep& step : curve) summary.events += step.events;
  summary.censored = summary.offers - summary.events;
  summary.last_observed_days = observations.back().days;
  for (const SurvivalStep& step : curve) {
    // The tolerance keeps products such as (1 - 1/4)(1 - 1/3), exactly 1/2,
    // from missing the median by a rounding error.
    if (step.survival <= 0.5 + 1e-12) {
      summary.median_days = step.days;
      break;
    }
  }
  summary.unfilled_at_30 = SurvivalAt(curve, summary.last_observed_days, 30);
  summary.unfilled_at_60 = SurvivalAt(curve, summary.last_observed_days, 60);
  summary.unfilled_at_90 = SurvivalAt(curve, summary.last_observed_days, 90);
  return summary;
}

}  // namespace skillmatch::engine::stats
