// The statistics cube: flows, stocks, tension ratio, outflow rate and vacancy
// duration per cell (occupation level x geography level x period).
//
// ComputeCube is a pure function of the spells and the options: no taxonomy,
// no store, no clock. Definitions (engine/stats/README.md gives the formulas):
//   stock at the end of day t = spells with start_day <= t and no end day
//     or end_day > t (an offer closed on day t is not open at its end);
//   stock at the start of a period = the stock at the end of the day before
//     its first day, so stock_end = stock_start + new - exits, exactly;
//   new offers / jobseekers = spells starting in the period;
//   exits = spells ending in the period, by reason;
//   tension ratio = new offers / new jobseekers (none when no new jobseeker);
//   average stock of jobseekers = the trapezoid mean of the stocks at the
//     period's start and at the end of each of its months:
//     (S_0 / 2 + S_1 + ... + S_{n-1} + S_n / 2) / n for n months, which is
//     (start + end) / 2 for a month;
//   outflow rate = exits to work (employment, self-employment) / average
//   stock (none when 0);
//   vacancy duration = Kaplan-Meier summary of the offers published in the
//     period, followed until the observation end (vacancy_duration.h).
//
// Thread safety: none needed, nothing is shared. Memory: one set of month
// counters per cell plus one 12-byte record per offer published in the window.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/stats/calendar.h"
#include "skillmatch/stats/spells.h"
#include "skillmatch/stats/vacancy_duration.h"

namespace skillmatch::engine::stats {

struct CubeOptions {
  // The cell's levels: occupation x region by default. kAll gives one "*"
  // code (e.g. occupation x all regions = national figures per occupation).
  OccupationLevel occupation_level = OccupationLevel::kOccupation;
  GeographyLevel geography_level = GeographyLevel::kRegion;
  // The periods: every period of this kind lying wholly in the window.
  PeriodKind period_kind = PeriodKind::kMonth;
  // The window, months inclusive ("YYYY-MM" through ParseMonth). Required.
  int first_month = 0;
  int last_month = -1;
  // The day the data was extracted: fillings after it are not known, offers
  // open then are censored at it. None: the window's last day. Must not be
  // before the window's last day.
  std::optional<int> observation_end_day;
  // Only spells from these sources (empty: all sources).
  std::vector<std::string> offer_sources;
  std::vector<std::string> jobseeker_sources;
  // Kaplan-Meier per cell; off, the cube skips the sort of each cell's offers.
  bool vacancy_durations = true;
  QualityOptions quality;
};

struct CellStats {
  std::string occupation;  // code at options.occupation_level ("*" for kAll)
  std::string geography;   // code at options.geography_level
  Period period;

  // Offers.
  int64_t new_offers = 0;
  std::array<int64_t, kCloseReasonCount> closed_offers{};  // by CloseReason
  int64_t open_offers_start = 0;
  int64_t open_offers_end = 0;
  // Jobseekers.
  int64_t new_jobseekers = 0;
  std::array<int64_t, kExitReasonCount> jobseeker_exits{};  // by ExitReason
  int64_t jobseekers_start = 0;
  int64_t jobseekers_end = 0;
  double average_jobseekers = 0;

  std::optional<double> tension_ratio;
  Quality tension_quality = Quality::kFewRecords;  // on new_jobseekers
  std::optional<double> outflow_rate;
  Quality outflow_quality = Quality::kFewRecords;  // on average_jobseekers
  DurationSummary vacancy_duration;                // offers published in period
  Quality duration_quality = Quality::kFewRecords;  // on offers, then events

  int64_t closed(CloseReason reason) const {
    return closed_offers[static_cast<int>(reason)];
  }
  int64_t exits(ExitReason reason) const {
    return jobseeker_exits[static_cast<int>(reason)];
  }
};

struct Cube {
  CubeOptions options;  // as applied (observation_end_day filled in)
  Provenance provenance;
  std::vector<Period> periods;  // chronological
  // One cell per (occupation, geography) met in a spell overlapping the
  // window, times every period (zeros included), sorted by occupation,
  // geography, then period.
  std::vector<CellStats> cells;

  // The cell, or nullptr.
  const CellStats* Find(const std::string& occupation,
                        const std::string& geography,
                        const Period& period) const;
};

// InvalidArgument when the window is empty, the observation end precedes the
// window's end or no period of the kind fits in the window ("no rolling12
// period lies within 2025-01..2025-06"); DataError from CheckSpells.
Result<Cube> ComputeCube(std::span<const OfferSpell> offers,
                         std::span<const JobseekerSpell> jobseekers,
                         const CubeOptions& options);

}  // namespace skillmatch::engine::stats
