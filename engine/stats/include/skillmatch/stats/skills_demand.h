// Skills in demand: for each occupation and period, the share of its offers
// asking for each skill beside the share of its jobseekers holding it.
//
//   demand share(s) = offers published in the period asking for s
//                     / offers published in the period
//   supply share(s) = jobseekers holding s / jobseekers counted, where the
//                     jobseekers counted are, by default, those registered at
//                     the end of the period (the pool the offers draw on), or
//                     those newly registered in the period
//   gap(s)          = demand share - supply share (positive: asked for more
//                     often than held)
// A skill listed twice in one record counts once. Rows come per period so
// that a skill's trend is read down the periods.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/stats/calendar.h"
#include "skillmatch/stats/spells.h"

namespace skillmatch::engine::stats {

enum class SupplyBasis {
  kRegisteredAtEnd,  // the stock at the period's end (default)
  kNewInPeriod,      // the jobseekers registered during the period
};

struct SkillsDemandOptions {
  OccupationLevel occupation_level = OccupationLevel::kOccupation;
  PeriodKind period_kind = PeriodKind::kQuarter;
  int first_month = 0;  // the window, months inclusive; required
  int last_month = -1;
  SupplyBasis supply = SupplyBasis::kRegisteredAtEnd;
  std::vector<std::string> offer_sources;  // empty: all
  std::vector<std::string> jobseeker_sources;
  QualityOptions quality;
};

struct SkillDemandRow {
  std::string occupation;
  Period period;
  std::string skill;
  int64_t offers_asking = 0;
  int64_t offers = 0;  // the occupation's offers in the period
  int64_t jobseekers_holding = 0;
  int64_t jobseekers = 0;              // the occupation's jobseekers counted
  std::optional<double> demand_share;  // none when offers == 0
  std::optional<double> supply_share;  // none when jobseekers == 0
  std::optional<double> gap;           // none when either share is
  Quality quality = Quality::kFewRecords;  // on min(offers, jobseekers)
};

struct SkillsDemandTable {
  Provenance provenance;
  std::vector<Period> periods;
  // One row per (occupation, period, skill) with offers_asking > 0 or
  // jobseekers_holding > 0; sorted by occupation, period, then skill.
  std::vector<SkillDemandRow> rows;
};

// InvalidArgument for an empty window or no period of the kind in it (the
// messages of ComputeCube); DataError from CheckSpells.
Result<SkillsDemandTable> ComputeSkillsDemand(
    std::span<const OfferSpell> offers,
    std::span<const JobseekerSpell> jobseekers,
    const SkillsDemandOptions& options);

}  // namespace skillmatch::engine::stats
