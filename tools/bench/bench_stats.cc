// skillmatch_bench_stats: the labour-market statistics cube on a million
// offers and a million jobseekers (issue 16).
//
// Scenario: seeded synthetic spells (splitmix64; records drawn over 24 months
// plus the year before, so that stocks at the window's start are not empty),
// then, one thread, each timed:
//   baseline   one plain pass that only counts records per (occupation,
//              region, month) cell, measured in the same run;
//   cube       ComputeCube by occupation x region x month: flows, stocks,
//              tension ratio, outflow rate, Kaplan-Meier durations;
//   national   the same by occupation x all regions (for the tension index);
//   mismatch   Duncan's D per occupation and month;
//   tension    the composite index, reference = the last month;
//   publish    disclosure control of the last month's new-jobseekers table;
// then, beside the total, the same cube by quarter and by rolling 12 months.
// Usage: skillmatch_bench_stats [--offers N] [--jobseekers N]
//        [--occupations N] [--regions N] [--seed S]
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench_machine.h"
#include "skillmatch/stats/cube.h"
#include "skillmatch/stats/disclosure.h"
#include "skillmatch/stats/mismatch.h"
#include "skillmatch/stats/tension_index.h"

namespace {

using skillmatch::bench::Clock;
using skillmatch::bench::CpuModel;
using skillmatch::bench::LoadAverage;
using skillmatch::bench::Seconds;
namespace stats = skillmatch::engine::stats;

// splitmix64: a local stand-in until the project's random source is shared.
class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Below(int bound) { return static_cast<int>(Next() % bound); }
  double Uniform() { return (Next() >> 11) * 0x1.0p-53; }
  // Skewed towards 0: a few occupations and regions hold most records.
  int Skewed(int bound) {
    const double u = Uniform();
    return static_cast<int>(u * u * bound);
  }

 private:
  uint64_t state_;
};

struct Codes {
  std::vector<std::string> occupations, areas, domains, regions, countries;
};

Codes MakeCodes(int occupations, int regions) {
  Codes codes;
  for (int occupation = 0; occupation < occupations; ++occupation) {
    const char domain = static_cast<char>('A' + occupation % 14);
    const int area = 11 + (occupation / 14) % 8;
    char code[16];
    std::snprintf(code, sizeof code, "%c%02d%02d", domain, area,
                  occupation / 112 + 1);
    codes.occupations.push_back(code);
    codes.areas.push_back(std::string(code, 3));
    codes.domains.push_back(std::string(code, 1));
  }
  const char* countries[] = {"BJ", "CM", "ML", "NE", "SN", "TG"};
  for (int region = 0; region < regions; ++region) {
    const std::string country = countries[region % 6];
    codes.regions.push_back(country + "-R" + std::to_string(region));
    codes.countries.push_back(country);
  }
  return codes;
}

}  // namespace

int main(int argc, char** argv) {
  long offers_n = 1000000, jobseekers_n = 1000000, occupations = 300,
       regions = 40, seed = 1;
  for (int arg = 1; arg + 1 < argc; arg += 2) {
    const std::string name = argv[arg];
    const long value = std::atol(argv[arg + 1]);
    if (value <= 0) {
      std::fprintf(stderr, "%s: expected a positive number\n", name.c_str());
      return 64;
    }
    if (name == "--offers")
      offers_n = value;
    else if (name == "--jobseekers")
      jobseekers_n = value;
    else if (name == "--occupations")
      occupations = value;
    else if (name == "--regions")
      regions = value;
    else if (name == "--seed")
      seed = value;
    else {
      std::fprintf(stderr, "unknown option %s\n", name.c_str());
      return 64;
    }
  }
  std::printf("machine: %s, load %s; one thread\n", CpuModel().c_str(),
              LoadAverage().c_str());
  std::printf(
      "spells: %ld offers, %ld jobseekers, %ld occupations x %ld regions, "
      "window 2024-01..2025-12 (24 months), seed %ld\n",
      offers_n, jobseekers_n, occupations, regions, seed);

  const Codes codes =
      MakeCodes(static_cast<int>(occupations), static_cast<int>(regions));
  const int first_month = stats::MonthIndex(2024, 1);
  const int last_month = stats::MonthIndex(2025, 12);
  const int window_start = stats::FirstDayOfMonth(first_month);
  const int window_end = stats::LastDayOfMonth(last_month);
  // Spells start up to a year before the window so that the first month has
  // offers open and jobseekers registered.
  const int draw_from = window_start - 365;
  const int draw_days = window_end - draw_from + 1;

  auto start = Clock::now();
  SplitMix random(static_cast<uint64_t>(seed));
  std::vector<stats::OfferSpell> offers(offers_n);
  for (long record = 0; record < offers_n; ++record) {
    stats::OfferSpell& offer = offers[record];
    const int occupation = random.Skewed(static_cast<int>(occupations));
    const int region = random.Skewed(static_cast<int>(regions));
    offer.offer_id = std::to_string(record);
    offer.offer_id.insert(0, 1, 'O');
    offer.occupation = codes.occupations[occupation];
    offer.area = codes.areas[occupation];
    offer.domain = codes.domains[occupation];
    offer.region = codes.regions[region];
    offer.country = codes.countries[region];
    offer.published_day = draw_from + random.Below(draw_days);
    if (random.Below(100) < 85) {
      // Durations skewed short: most filled within weeks, a tail to 150 days.
      const double u = random.Uniform();
      offer.closed_day = offer.published_day + static_cast<int>(u * u * 150);
      const int draw = random.Below(100);
      offer.reason = draw < 55   ? stats::CloseReason::kFilled
                     : draw < 70 ? stats::CloseReason::kWithdrawn
                     : draw < 95 ? stats::CloseReason::kExpired
                                 : stats::CloseReason::kCancelled;
    }
    offer.source = random.Below(100) < 70 ? "anpe" : "jobboard";
  }
  std::vector<stats::JobseekerSpell> jobseekers(jobseekers_n);
  for (long record = 0; record < jobseekers_n; ++record) {
    stats::JobseekerSpell& jobseeker = jobseekers[record];
    const int occupation = random.Skewed(static_cast<int>(occupations));
    const int region = random.Skewed(static_cast<int>(regions));
    jobseeker.jobseeker_id = std::to_string(record);
    jobseeker.jobseeker_id.insert(0, 1, 'J');
    jobseeker.occupation = codes.occupations[occupation];
    jobseeker.area = codes.areas[occupation];
    jobseeker.domain = codes.domains[occupation];
    jobseeker.region = codes.regions[region];
    jobseeker.country = codes.countries[region];
    jobseeker.registered_day = draw_from + random.Below(draw_days);
    if (random.Below(100) < 75) {
      jobseeker.exit_day = jobseeker.registered_day + random.Below(540);
      jobseeker.exit_reason =
          static_cast<stats::ExitReason>(random.Below(stats::kExitReasonCount));
    }
    jobseeker.source = "anpe";
  }
  std::printf("generation: %.2f s (not counted)\n",
              Seconds(start, Clock::now()));

  // Baseline: one pass that finds each record's cell and counts it.
  start = Clock::now();
  std::unordered_map<std::string, int> occupation_ids, region_ids;
  for (size_t id = 0; id < codes.occupations.size(); ++id)
    occupation_ids[codes.occupations[id]] = static_cast<int>(id);
  for (size_t id = 0; id < codes.regions.size(); ++id)
    region_ids[codes.regions[id]] = static_cast<int>(id);
  const int months = last_month - first_month + 1;
  std::vector<int64_t> counts(occupations * regions * months * 2, 0);
  auto cell = [&](const std::string& occupation, const std::string& region,
                  int day) -> int64_t {
    const int month = stats::MonthOfDay(day) - first_month;
    if (month < 0 || month >= months) return -1;
    return (static_cast<int64_t>(occupation_ids[occupation]) * regions +
            region_ids[region]) *
               months +
           month;
  };
  for (const stats::OfferSpell& offer : offers) {
    const int64_t at =
        cell(offer.occupation, offer.region, offer.published_day);
    if (at >= 0) ++counts[at * 2];
  }
  for (const stats::JobseekerSpell& jobseeker : jobseekers) {
    const int64_t at =
        cell(jobseeker.occupation, jobseeker.region, jobseeker.registered_day);
    if (at >= 0) ++counts[at * 2 + 1];
  }
  const double baseline = Seconds(start, Clock::now());
  int64_t baseline_total = 0;
  for (int64_t count : counts) baseline_total += count;

  stats::CubeOptions options;
  options.first_month = first_month;
  options.last_month = last_month;
  start = Clock::now();
  stats::Cube cube = stats::ComputeCube(offers, jobseekers, options).value();
  const double cube_seconds = Seconds(start, Clock::now());

  start = Clock::now();
  stats::CubeOptions national_options = options;
  national_options.geography_level = stats::GeographyLevel::kAll;
  stats::Cube national =
      stats::ComputeCube(offers, jobseekers, national_options).value();
  const double national_seconds = Seconds(start, Clock::now());

  start = Clock::now();
  const stats::MismatchTable mismatch = stats::ComputeMismatch(cube).value();
  const double mismatch_seconds = Seconds(start, Clock::now());

  start = Clock::now();
  const stats::TensionIndex index =
      stats::ComputeTensionIndex(national, mismatch, national.periods.back())
          .value();
  const double tension_seconds = Seconds(start, Clock::now());

  start = Clock::now();
  const stats::PublishedTable published = stats::Publish(stats::TableFromCube(
      cube, cube.periods.back(), "new_jobseekers",
      [](const stats::CellStats& cell) { return cell.new_jobseekers; }));
  const double publish_seconds = Seconds(start, Clock::now());

  int64_t new_total = 0, km_offers = 0, reliable_durations = 0;
  for (const stats::CellStats& cell : cube.cells) {
    new_total += cell.new_offers + cell.new_jobseekers;
    km_offers += cell.vacancy_duration.offers;
    reliable_durations += cell.duration_quality == stats::Quality::kReliable;
  }
  int suppressed = 0;
  for (const stats::PublishedEntry& entry : published.entries)
    suppressed += !entry.value.has_value();
  int levelled = 0;
  for (const stats::TensionLevel& level : index.levels)
    levelled += level.level.has_value();

  std::printf("baseline (count records per cell): %.2f s, %lld new spells\n",
              baseline, static_cast<long long>(baseline_total));
  std::printf(
      "cube occupation x region x month: %.2f s (%.1f x baseline): %zu cells, "
      "%lld new spells (%s), %lld offers in Kaplan-Meier, %lld cells with a "
      "reliable duration\n",
      cube_seconds, cube_seconds / baseline, cube.cells.size(),
      static_cast<long long>(new_total),
      new_total == baseline_total ? "= baseline" : "DIFFERS from baseline",
      static_cast<long long>(km_offers),
      static_cast<long long>(reliable_durations));
  std::printf("cube occupation x month (national): %.2f s: %zu cells\n",
              national_seconds, national.cells.size());
  std::printf("mismatch: %.3f s: %zu rows\n", mismatch_seconds,
              mismatch.rows.size());
  std::printf("tension index: %.3f s: %d of %zu rows with a level\n",
              tension_seconds, levelled, index.levels.size());
  std::printf(
      "publish %s new jobseekers (%zu x %zu): %.3f s: %d of %zu entries "
      "suppressed\n",
      published.period.Label().c_str(), published.rows(), published.columns(),
      publish_seconds, suppressed, published.entries.size());
  const double total = cube_seconds + national_seconds + mismatch_seconds +
                       tension_seconds + publish_seconds;
  std::printf("total statistics: %.2f s (%.1f x baseline; target <= 30 s)\n",
              total, total / baseline);

  // The same cube by quarter and by rolling 12 months (each offer enters the
  // Kaplan-Meier of 12 rolling periods).
  for (stats::PeriodKind kind :
       {stats::PeriodKind::kQuarter, stats::PeriodKind::kRolling12}) {
    stats::CubeOptions other = options;
    other.period_kind = kind;
    start = Clock::now();
    const stats::Cube longer =
        stats::ComputeCube(offers, jobseekers, other).value();
    std::printf("also: cube occupation x region x %s: %.2f s: %zu cells\n",
                std::string(stats::PeriodKindName(kind)).c_str(),
                Seconds(start, Clock::now()), longer.cells.size());
  }
  return 0;
}
