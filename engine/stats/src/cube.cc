#include "skillmatch/stats/cube.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace skillmatch::engine::stats {

namespace {

// Month counters of a cell, one array per month of the window.
enum Counter : int {
  kNewOffers = 0,
  kClosedFirst = 1,  // + CloseReason
  kNewJobseekers = kClosedFirst + kCloseReasonCount,
  kExitFirst = kNewJobseekers + 1,  // + ExitReason
  kCounterCount = kExitFirst + kExitReasonCount,
};

// One offer published in the window, for the Kaplan-Meier of its cell.
struct DurationItem {
  int slot = 0;  // month of publication - first month of the window
  int days = 0;
  bool filled = false;
};

class Interner {
 public:
  int Id(std::string_view name) {
    auto [it, added] = ids_.try_emplace(name, static_cast<int>(names_.size()));
    if (added) names_.push_back(name);
    return it->second;
  }
  std::string_view Name(int id) const { return names_[id]; }

 private:
  std::unordered_map<std::string_view, int> ids_;
  std::vector<std::string_view> names_;
};

class SourceFilter {
 public:
  explicit SourceFilter(const std::vector<std::string>& allowed)
      : allowed_(allowed.begin(), allowed.end()) {}
  // Whether `source` passes; remembers it as counted if so.
  bool Pass(std::string_view source) {
    if (!allowed_.empty() && !allowed_.count(source)) return false;
    seen_.insert(source);
    return true;
  }
  std::vector<std::string> Seen() const {
    std::set<std::string> sorted(seen_.begin(), seen_.end());
    return {sorted.begin(), sorted.end()};
  }

 private:
  std::unordered_set<std::string_view> allowed_;
  std::unordered_set<std::string_view> seen_;
};

class CubeBuilder {
 public:
  CubeBuilder(const CubeOptions& options)
      : options_(options),
        months_(options.last_month - options.first_month + 1),
        first_day_(FirstDayOfMonth(options.first_month)),
        last_day_(LastDayOfMonth(options.last_month)) {}

  // Whether the spell [start, end) overlaps the window: it started by its last
  // day and had not ended before its first day.
  bool Overlaps(int start_day, const std::optional<int>& end_day) const {
    return start_day <= last_day_ && (!end_day || *end_day >= first_day_);
  }

  int Group(const std::string& occupation, const std::string& geography) {
    const uint64_t key =
        (static_cast<uint64_t>(occupations_.Id(occupation)) << 32) |
        static_cast<uint32_t>(geographies_.Id(geography));
    auto [it, added] = groups_.try_emplace(key, static_cast<int>(keys_.size()));
    if (added) {
      keys_.push_back(key);
      counts_.resize(counts_.size() + months_ * kCounterCount, 0);
      base_offers_.push_back(0);
      base_jobseekers_.push_back(0);
      durations_.emplace_back();
    }
    return it->second;
  }

  int64_t& Count(int group, int slot, int counter) {
    return counts_[(static_cast<size_t>(group) * months_ + slot) *
                       kCounterCount +
                   counter];
  }

  void AddOffer(const OfferSpell& offer, int observation_end) {
    const int group = Group(OccupationCode(offer, options_.occupation_level),
                            GeographyCode(offer, options_.geography_level));
    const int published_slot =
        MonthOfDay(offer.published_day) - options_.first_month;
    if (published_slot < 0) {
      ++base_offers_[group];
    } else {
      ++Count(group, published_slot, kNewOffers);
    }
    if (offer.closed_day && *offer.closed_day <= last_day_) {
      ++Count(group, MonthOfDay(*offer.closed_day) - options_.first_month,
              kClosedFirst + static_cast<int>(offer.reason));
    }
    if (options_.vacancy_durations && published_slot >= 0) {
      const bool closed_by_end =
          offer.closed_day && *offer.closed_day <= observation_end;
      const int end = closed_by_end ? *offer.closed_day : observation_end;
      durations_[group].push_back(
          {published_slot, end - offer.published_day,
           closed_by_end && offer.reason == CloseReason::kFilled});
    }
  }

  void AddJobseeker(const JobseekerSpell& jobseeker) {
    const int group =
        Group(OccupationCode(jobseeker, options_.occupation_level),
              GeographyCode(jobseeker, options_.geography_level));
    const int registered_slot =
        MonthOfDay(jobseeker.registered_day) - options_.first_month;
    if (registered_slot < 0) {
      ++base_jobseekers_[group];
    } else {
      ++Count(group, registered_slot, kNewJobseekers);
    }
    if (jobseeker.exit_day && *jobseeker.exit_day <= last_day_) {
      ++Count(group, MonthOfDay(*jobseeker.exit_day) - options_.first_month,
              kExitFirst + static_cast<int>(jobseeker.exit_reason));
    }
  }

  void Emit(const std::vector<Period>& periods, Cube* cube) {
    std::vector<int> order(keys_.size());
    std::iota(order.begin(), order.end(), 0);
    auto occupation = [&](int group) {
      return occupations_.Name(static_cast<int>(keys_[group] >> 32));
    };
    auto geography = [&](int group) {
      return geographies_.Name(static_cast<int>(keys_[group] & 0xffffffffu));
    };
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      const int by_occupation = occupation(a).compare(occupation(b));
      if (by_occupation != 0) return by_occupation < 0;
      return geography(a) < geography(b);
    });
    cube->cells.reserve(order.size() * periods.size());
    // prefix[counter][k]: the counter summed over the window's first k months.
    std::vector<std::vector<int64_t>> prefix(
        kCounterCount, std::vector<int64_t>(months_ + 1, 0));
    // Stocks at the end of month k - 1 of the window (index 0: at its start).
    std::vector<int64_t> offer_stock(months_ + 1), jobseeker_stock(months_ + 1);
    std::vector<DurationObservation> scratch;
    for (int group : order) {
      for (int counter = 0; counter < kCounterCount; ++counter) {
        for (int slot = 0; slot < months_; ++slot) {
          prefix[counter][slot + 1] =
              prefix[counter][slot] + Count(group, slot, counter);
        }
      }
      offer_stock[0] = base_offers_[group];
      jobseeker_stock[0] = base_jobseekers_[group];
      for (int slot = 0; slot < months_; ++slot) {
        int64_t closed = 0, exits = 0;
        for (int reason = 0; reason < kCloseReasonCount; ++reason) {
          closed += Count(group, slot, kClosedFirst + reason);
        }
        for (int reason = 0; reason < kExitReasonCount; ++reason) {
          exits += Count(group, slot, kExitFirst + reason);
        }
        offer_stock[slot + 1] =
            offer_stock[slot] + Count(group, slot, kNewOffers) - closed;
        jobseeker_stock[slot + 1] =
            jobseeker_stock[slot] + Count(group, slot, kNewJobseekers) - exits;
      }
      std::vector<DurationItem>& items = durations_[group];
      std::sort(items.begin(), items.end(),
                [](const DurationItem& a, const DurationItem& b) {
                  return a.slot < b.slot;
                });
      for (const Period& period : periods) {
        const int from = period.first_month - options_.first_month;
        // Months [from, to) of the window.
        const int to = period.last_month - options_.first_month + 1;
        auto sum = [&](int counter) {
          return prefix[counter][to] - prefix[counter][from];
        };
        CellStats cell;
        cell.occupation = std::string(occupation(group));
        cell.geography = std::string(geography(group));
        cell.period = period;
        cell.new_offers = sum(kNewOffers);
        for (int reason = 0; reason < kCloseReasonCount; ++reason) {
          cell.closed_offers[reason] = sum(kClosedFirst + reason);
        }
        cell.open_offers_start = offer_stock[from];
        cell.open_offers_end = offer_stock[to];
        cell.new_jobseekers = sum(kNewJobseekers);
        for (int reason = 0; reason < kExitReasonCount; ++reason) {
          cell.jobseeker_exits[reason] = sum(kExitFirst + reason);
        }
        cell.jobseekers_start = jobseeker_stock[from];
        cell.jobseekers_end = jobseeker_stock[to];
        double area = (jobseeker_stock[from] + jobseeker_stock[to]) / 2.0;
        for (int slot = from + 1; slot < to; ++slot)
          area += jobseeker_stock[slot];
        cell.average_jobseekers = area / period.months();

        const QualityOptions& quality = options_.quality;
        if (cell.new_jobseekers > 0) {
          cell.tension_ratio = static_cast<double>(cell.new_offers) /
                               static_cast<double>(cell.new_jobseekers);
        }
        cell.tension_quality = cell.new_jobseekers >= quality.min_records
                                   ? Quality::kReliable
                                   : Quality::kFewRecords;
        if (cell.average_jobseekers > 0) {
          cell.outflow_rate =
              static_cast<double>(cell.exits(ExitReason::kEmployment) +
                                  cell.exits(ExitReason::kSelfEmployment)) /
              cell.average_jobseekers;
        }
        cell.outflow_quality =
            cell.average_jobseekers >= static_cast<double>(quality.min_records)
                ? Quality::kReliable
                : Quality::kFewRecords;
        if (options_.vacancy_durations) {
          auto before = [](const DurationItem& item, int slot) {
            return item.slot < slot;
          };
          auto begin =
              std::lower_bound(items.begin(), items.end(), from, before);
          auto end = std::lower_bound(begin, items.end(), to, before);
          scratch.clear();
          for (auto it = begin; it != end; ++it) {
            scratch.push_back({it->days, it->filled});
          }
          cell.vacancy_duration = SummarizeDurations(scratch);
          cell.duration_quality =
              cell.vacancy_duration.offers < quality.min_records
                  ? Quality::kFewRecords
              : cell.vacancy_duration.events < quality.min_events
                  ? Quality::kFewEvents
                  : Quality::kReliable;
        }
        cube->cells.push_back(std::move(cell));
      }
    }
  }

 private:
  const CubeOptions& options_;
  const int months_;
  const int first_day_;
  const int last_day_;
  Interner occupations_;
  Interner geographies_;
  std::unordered_map<uint64_t, int> groups_;
  std::vector<uint64_t> keys_;  // per group: occupation id << 32 | geography id
  std::vector<int64_t> counts_;           // [group][slot][counter]
  std::vector<int64_t> base_offers_;      // open at the window's start
  std::vector<int64_t> base_jobseekers_;  // registered at the window's start
  std::vector<std::vector<DurationItem>> durations_;
};

}  // namespace

const CellStats* Cube::Find(const std::string& occupation,
                            const std::string& geography,
                            const Period& period) const {
  auto less = [](const CellStats& cell, const auto& key) {
    const auto& [occupation, geography, period] = key;
    if (cell.occupation != occupation) return cell.occupation < occupation;
    if (cell.geography != geography) return cell.geography < geography;
    return cell.period < period;
  };
  const auto key = std::tie(occupation, geography, period);
  auto it = std::lower_bound(cells.begin(), cells.end(), key, less);
  if (it == cells.end() || it->occupation != occupation ||
      it->geography != geography || !(it->period == period)) {
    return nullptr;
  }
  return &*it;
}

Result<Cube> ComputeCube(std::span<const OfferSpell> offers,
                         std::span<const JobseekerSpell> jobseekers,
                         const CubeOptions& options) {
  if (options.first_month > options.last_month) {
    return Status::InvalidArgument(
        "empty window: " + FormatMonth(options.first_month) + ".." +
        FormatMonth(options.last_month));
  }
  Cube cube;
  cube.options = options;
  const int last_day = LastDayOfMonth(options.last_month);
  const int observation_end = options.observation_end_day.value_or(last_day);
  if (observation_end < last_day) {
    return Status::InvalidArgument(
        "the observation end " + FormatDay(observation_end) +
        " is before the window's last day " + FormatDay(last_day));
  }
  cube.options.observation_end_day = observation_end;
  cube.periods = PeriodsWithin(options.period_kind, options.first_month,
                               options.last_month);
  if (cube.periods.empty()) {
    return Status::InvalidArgument(
        "no " + std::string(PeriodKindName(options.period_kind)) +
        " period lies within " + FormatMonth(options.first_month) + ".." +
        FormatMonth(options.last_month));
  }
  SKILLMATCH_RETURN_IF_ERROR(CheckSpells(offers, jobseekers));

  CubeBuilder builder(cube.options);
  SourceFilter offer_sources(options.offer_sources);
  SourceFilter jobseeker_sources(options.jobseeker_sources);
  for (const OfferSpell& offer : offers) {
    if (!builder.Overlaps(offer.published_day, offer.closed_day) ||
        !offer_sources.Pass(offer.source)) {
      continue;
    }
    ++cube.provenance.offers_counted;
    builder.AddOffer(offer, observation_end);
  }
  for (const JobseekerSpell& jobseeker : jobseekers) {
    if (!builder.Overlaps(jobseeker.registered_day, jobseeker.exit_day) ||
        !jobseeker_sources.Pass(jobseeker.source)) {
      continue;
    }
    ++cube.provenance.jobseekers_counted;
    builder.AddJobseeker(jobseeker);
  }
  cube.provenance.first_day = FirstDayOfMonth(options.first_month);
  cube.provenance.last_day = last_day;
  cube.provenance.offer_sources = offer_sources.Seen();
  cube.provenance.jobseeker_sources = jobseeker_sources.Seen();
  builder.Emit(cube.periods, &cube);
  return cube;
}

}  // namespace skillmatch::engine::stats
