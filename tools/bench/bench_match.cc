// skillmatch_bench_match: speed and memory of matching on generated data.
//
// Scenarios, all on the embedded sample taxonomy with records from the
// generator (seed 1):
//   one-to-many  one jobseeker against N offers, top 10 with explanations,
//                one thread: p50 and p99 latency over Q jobseekers, beside the
//                brute-force oracle (Scorer::Score on every offer) measured in
//                the same run;
//   batch        P jobseekers x N offers, top 10, T threads: pairs per second,
//                by OfferIndex::TopKBatch with its dense path and, in the same
//                run, by TopK per jobseeker (postings only) as before;
//   memory       resident memory of N offers in an OfferIndex.
// Usage: skillmatch_bench_match [--offers N] [--queries Q] [--profiles P]
//        [--threads T] [--dense-min-share S]
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <span>
#include <string>
#include <thread>

#include "bench_machine.h"
#include "skillmatch/classification/bundle.h"
#include "skillmatch/eval/generator.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/match/scoring.h"

namespace {

using skillmatch::bench::Clock;
using skillmatch::bench::CpuModel;
using skillmatch::bench::LoadAverage;

using namespace skillmatch;

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double ResidentMiB() {
  std::ifstream in("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  in >> pages_total >> pages_resident;
  return pages_resident * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1 << 20);
}

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  size_t at = static_cast<size_t>(p * (values.size() - 1) + 0.5);
  return values[at];
}

}  // namespace

int main(int argc, char** argv) {
  size_t offers_n = 100000, queries = 200, profiles_n = 2000;
  int threads = 2;
  engine::OfferIndexOptions index_options;
  for (int arg = 1; arg + 1 < argc; arg += 2) {
    const std::string name = argv[arg];
    if (name == "--dense-min-share") {
      index_options.dense_min_share = std::atof(argv[arg + 1]);
      continue;
    }
    const long value = std::atol(argv[arg + 1]);
    if (value <= 0) {
      std::fprintf(stderr, "%s: expected a positive number\n", name.c_str());
      return 64;
    }
    if (name == "--offers")
      offers_n = value;
    else if (name == "--queries")
      queries = value;
    else if (name == "--profiles")
      profiles_n = value;
    else if (name == "--threads")
      threads = static_cast<int>(value);
    else {
      std::fprintf(stderr, "unknown option %s\n", name.c_str());
      return 64;
    }
  }
  auto tax = classification::ReadBundle(SKILLMATCH_DEFAULT_TAXONOMY);
  if (!tax.ok()) {
    std::fprintf(stderr, "%s\n", tax.status().message().c_str());
    return 66;
  }
  engine::ScoringConfig config;
  config.today = engine::GeneratedAsOf();  // the generated offers' day
  auto scorer = engine::Scorer::Create(*tax, config);
  engine::GeneratorOptions options;
  options.seed = 1;
  auto generator = engine::Generator::Create(*tax, options);
  if (!scorer.ok() || !generator.ok()) {
    std::fprintf(stderr, "cannot set up the scorer or the generator\n");
    return 70;
  }
  std::printf(
      "skillmatch_bench_match: %s, %u hardware threads, load average %s\n",
      CpuModel().c_str(), std::thread::hardware_concurrency(), LoadAverage().c_str());
  std::printf("taxonomy %s: %zu occupations, %zu skills; %zu offers, seed 1\n",
              tax->info().name.c_str(), tax->occupations().size(),
              tax->skill_count(), offers_n);

  // Memory: the offers as records, then the index over them.
  const double rss_start = ResidentMiB();
  std::vector<engine::Offer> offers;
  offers.reserve(offers_n);
  for (size_t offer_idx = 0; offer_idx < offers_n; ++offer_idx) {
    offers.push_back(generator->GenerateOffer(offer_idx));
  }
  const double rss_records = ResidentMiB();
  auto t0 = Clock::now();
  auto index = engine::OfferIndex::Build(**scorer, offers, index_options);
  auto t1 = Clock::now();
  // Give back what the build freed, so that resident memory is what the
  // index keeps.
  malloc_trim(0);
  const double rss_index = ResidentMiB();
  std::printf(
      "memory: offer records %.0f MiB (kept by the benchmark only), index %.0f "
      "MiB "
      "(%.0f bytes per offer: ids, filter keys, postings), built in %.0f ms\n",
      rss_records - rss_start, rss_index - rss_records,
      (rss_index - rss_records) * (1 << 20) / offers_n, Ms(t0, t1));
  std::printf(
      "dense path: %zu columns (features used by >= %.3g of the offers), %.0f "
      "MiB\n",
      index->dense_columns(), index_options.dense_min_share,
      index->dense_columns() * offers_n * sizeof(float) / double(1 << 20));

  // One-to-many.
  std::vector<engine::Profile> profiles;
  for (size_t profile_idx = 0; profile_idx < std::max(queries, profiles_n);
       ++profile_idx) {
    profiles.push_back(generator->GenerateProfile(profile_idx));
  }
  std::vector<double> fast_ms, oracle_ms;
  size_t sink = 0;
  for (size_t query = 0; query < queries; ++query) {
    const engine::Profile& p = profiles[query];
    auto start = Clock::now();
    auto hits = index->TopK(p, 10);
    for (const auto& hit : hits) {
      sink += (*scorer)->Explain(p, offers[hit.index]).matched.size();
    }
    fast_ms.push_back(Ms(start, Clock::now()));
  }
  const size_t oracle_queries = std::min<size_t>(queries, 20);
  for (size_t query = 0; query < oracle_queries; ++query) {
    auto start = Clock::now();
    sink +=
        engine::BruteForceTopK(**scorer, profiles[query], offers, 10).size();
    oracle_ms.push_back(Ms(start, Clock::now()));
  }
  const double p50 = Percentile(fast_ms, 0.5), p99 = Percentile(fast_ms, 0.99);
  const double oracle_p50 = Percentile(oracle_ms, 0.5);
  std::printf(
      "one-to-many, 1 thread, top 10 + explanations, %zu jobseekers: p50 %.2f "
      "ms, p99 %.2f ms\n",
      queries, p50, p99);
  std::printf(
      "  brute-force oracle (every pair scored), %zu jobseekers: p50 %.2f ms "
      "(index x%.1f faster)\n",
      oracle_queries, oracle_p50, oracle_p50 / p50);

  // Batch: the dense path and TopK per jobseeker, alternately, twice each;
  // the better run of each is reported.
  const double pairs = static_cast<double>(profiles_n) * offers_n;
  const std::span<const engine::Profile> batch_profiles(profiles.data(),
                                                        profiles_n);
  double dense_ms = 0, postings_ms = 0;
  size_t differing = 0;
  for (int round = 0; round < 2; ++round) {
    engine::BatchOptions options;
    options.threads = threads;
    auto start = Clock::now();
    auto dense_hits = index->TopKBatch(batch_profiles, 10, options);
    const double dense_run = Ms(start, Clock::now());
    options.dense = false;
    start = Clock::now();
    auto postings_hits = index->TopKBatch(batch_profiles, 10, options);
    const double postings_run = Ms(start, Clock::now());
    dense_ms = round == 0 ? dense_run : std::min(dense_ms, dense_run);
    postings_ms =
        round == 0 ? postings_run : std::min(postings_ms, postings_run);
    differing = 0;
    for (size_t profile_idx = 0; profile_idx < profiles_n; ++profile_idx) {
      const auto& a = dense_hits[profile_idx];
      const auto& b = postings_hits[profile_idx];
      bool same = a.size() == b.size();
      for (size_t rank = 0; same && rank < a.size(); ++rank) {
        same = a[rank].index == b[rank].index;
      }
      differing += !same;
    }
  }
  std::printf("batch, %d threads, top 10: %zu x %zu = %.2g pairs\n", threads,
              profiles_n, offers_n, pairs);
  std::printf("  dense path (TopKBatch):           %.0f ms: %.3g pairs/s\n",
              dense_ms, pairs / (dense_ms / 1000));
  std::printf("  postings only (TopK per profile): %.0f ms: %.3g pairs/s\n",
              postings_ms, pairs / (postings_ms / 1000));
  std::printf(
      "  dense / postings speed: x%.2f (best of 2 runs each); jobseekers whose "
      "top 10 differ: %zu\n",
      postings_ms / dense_ms, differing);
  if (sink == 42) std::printf(" \n");
  return 0;
}
