#include "skillmatch/stats/skills_demand.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_set>

namespace skillmatch::engine::stats {

namespace {

struct Totals {
  int64_t offers = 0;
  int64_t jobseekers = 0;
};
struct Counts {
  int64_t offers = 0;
  int64_t jobseekers = 0;
};

std::vector<std::string_view> DistinctSkills(
    const std::vector<std::string>& skills) {
  std::vector<std::string_view> distinct(skills.begin(), skills.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  return distinct;
}

bool Allowed(const std::vector<std::string>& allowed,
             const std::string& source) {
  return allowed.empty() ||
         std::find(allowed.begin(), allowed.end(), source) != allowed.end();
}

}  // namespace

Result<SkillsDemandTable> ComputeSkillsDemand(
    std::span<const OfferSpell> offers,
    std::span<const JobseekerSpell> jobseekers,
    const SkillsDemandOptions& options) {
  if (options.first_month > options.last_month) {
    return Status::InvalidArgument(
        "empty window: " + FormatMonth(options.first_month) + ".." +
        FormatMonth(options.last_month));
  }
  SkillsDemandTable table;
  table.periods = PeriodsWithin(options.period_kind, options.first_month,
                                options.last_month);
  if (table.periods.empty()) {
    return Status::InvalidArgument(
        "no " + std::string(PeriodKindName(options.period_kind)) +
        " period lies within " + FormatMonth(options.first_month) + ".." +
        FormatMonth(options.last_month));
  }
  SKILLMATCH_RETURN_IF_ERROR(CheckSpells(offers, jobseekers));
  table.provenance.first_day = FirstDayOfMonth(options.first_month);
  table.provenance.last_day = LastDayOfMonth(options.last_month);

  // Keyed by (occupation, period index[, skill]); string_views into spells.
  using Cell = std::pair<std::string_view, size_t>;
  std::map<Cell, Totals> totals;
  std::map<std::tuple<std::string_view, size_t, std::string_view>, Counts>
      counts;
  std::set<std::string> offer_sources, jobseeker_sources;

  for (const OfferSpell& offer : offers) {
    if (!Allowed(options.offer_sources, offer.source)) continue;
    const std::string& occupation =
        OccupationCode(offer, options.occupation_level);
    bool counted = false;
    std::vector<std::string_view> skills;
    for (size_t period_idx = 0; period_idx < table.periods.size();
         ++period_idx) {
      if (!table.periods[period_idx].Contains(offer.published_day)) continue;
      if (!counted) skills = DistinctSkills(offer.skills);
      counted = true;
      ++totals[{occupation, period_idx}].offers;
      for (std::string_view skill : skills) {
        ++counts[{occupation, period_idx, skill}].offers;
      }
    }
    if (counted) {
      ++table.provenance.offers_counted;
      offer_sources.insert(offer.source);
    }
  }
  for (const JobseekerSpell& jobseeker : jobseekers) {
    if (!Allowed(options.jobseeker_sources, jobseeker.source)) continue;
    const std::string& occupation =
        OccupationCode(jobseeker, options.occupation_level);
    bool counted = false;
    std::vector<std::string_view> skills;
    for (size_t period_idx = 0; period_idx < table.periods.size();
         ++period_idx) {
      const Period& period = table.periods[period_idx];
      const bool in = options.supply == SupplyBasis::kNewInPeriod
                          ? period.Contains(jobseeker.registered_day)
                          : jobseeker.registered_day <= period.last_day() &&
                                (!jobseeker.exit_day ||
                                 *jobseeker.exit_day > period.last_day());
      if (!in) continue;
      if (!counted) skills = DistinctSkills(jobseeker.skills);
      counted = true;
      ++totals[{occupation, period_idx}].jobseekers;
      for (std::string_view skill : skills) {
        ++counts[{occupation, period_idx, skill}].jobseekers;
      }
    }
    if (counted) {
      ++table.provenance.jobseekers_counted;
      jobseeker_sources.insert(jobseeker.source);
    }
  }
  table.provenance.offer_sources.assign(offer_sources.begin(),
                                        offer_sources.end());
  table.provenance.jobseeker_sources.assign(jobseeker_sources.begin(),
                                            jobseeker_sources.end());

  for (const auto& [key, count] : counts) {
    const auto& [occupation, period_idx, skill] = key;
    const Totals& total = totals[{occupation, period_idx}];
    SkillDemandRow row;
    row.occupation = std::string(occupation);
    row.period = table.periods[period_idx];
    row.skill = std::string(skill);
    row.offers_asking = count.offers;
    row.offers = total.offers;
    row.jobseekers_holding = count.jobseekers;
    row.jobseekers = total.jobseekers;
    if (total.offers > 0) {
      row.demand_share = static_cast<double>(count.offers) / total.offers;
    }
    if (total.jobseekers > 0) {
      row.supply_share =
          static_cast<double>(count.jobseekers) / total.jobseekers;
    }
    if (row.demand_share && row.supply_share) {
      row.gap = *row.demand_share - *row.supply_share;
    }
    row.quality =
        std::min(total.offers, total.jobseekers) >= options.quality.min_records
            ? Quality::kReliable
            : Quality::kFewRecords;
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace skillmatch::engine::stats
