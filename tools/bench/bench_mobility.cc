// skillmatch_bench_mobility: the migration assessment on a store of N
// generated offers and P jobseekers (issue 17: under one second on 100,000
// offers).
//
// Scenarios, on the embedded sample taxonomy, the embedded rule pack and
// training catalogue, records from the generator (seed 1) in a SQLite
// store file:
//   baseline  what `skillmatch match --profile` does: stream the store's
//             offers into an OfferIndex and take the top 10 for a jobseeker;
//   assess    what `skillmatch mobility assess` does: Market::Build (stream
//             offers and jobseekers, count, index) and Assess;
//   assess-warm  Assess alone on a built Market (a server keeps one).
// Each is timed over Q jobseekers; the median is printed with its ratio to
// the baseline measured in the same run.
// Usage: skillmatch_bench_mobility [--offers N] [--profiles P] [--queries Q]
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench_machine.h"
#include "skillmatch/classification/bundle.h"
#include "skillmatch/eval/generator.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/mobility/assessment.h"

using namespace skillmatch;
using bench::Clock;
using bench::Die;
using bench::Median;

int main(int argc, char** argv) {
  size_t offers_n = 100000, profiles_n = 10000, queries = 5;
  for (int arg_idx = 1; arg_idx + 1 < argc; arg_idx += 2) {
    std::string name = argv[arg_idx];
    size_t value = std::stoull(argv[arg_idx + 1]);
    if (name == "--offers") offers_n = value;
    else if (name == "--profiles") profiles_n = value;
    else if (name == "--queries") queries = value;
    else {
      std::fprintf(stderr, "unknown option %s\n", name.c_str());
      return 64;
    }
  }
  auto tax = classification::ReadBundle(SKILLMATCH_DEFAULT_TAXONOMY);
  if (!tax.ok()) return Die(tax.status());
  auto pack = mobility::ReadRulePack(SKILLMATCH_DEFAULT_RULES);
  if (!pack.ok()) return Die(pack.status());
  auto catalogue = mobility::ReadTrainingCatalogue(SKILLMATCH_DEFAULT_TRAINING, &*tax);
  if (!catalogue.ok()) return Die(catalogue.status());
  engine::GeneratorOptions options;
  options.seed = 1;
  auto generator = engine::Generator::Create(*tax, options);
  if (!generator.ok()) return Die(generator.status());
  const engine::Date today = engine::GeneratedAsOf();
  engine::ScoringConfig config;
  config.today = today;
  auto scorer = engine::Scorer::Create(*tax, config);
  if (!scorer.ok()) return Die(scorer.status());

  const std::string path = std::filesystem::temp_directory_path() /
                           ("skillmatch-bench-mobility-" + std::to_string(::getpid()) + ".db");
  std::printf("skillmatch_bench_mobility: %s, %u hardware threads, load average %s\n",
              bench::CpuModel().c_str(), std::thread::hardware_concurrency(),
              bench::LoadAverage().c_str());
  std::printf("store %s: %zu offers, %zu jobseekers (generated, seed 1); rule pack %zu rules; "
              "catalogue %zu trainings\n",
              path.c_str(), offers_n, profiles_n, pack->rules.size(), catalogue->size());
  {
    auto store = engine::Store::Open(path);
    if (!store.ok()) return Die(store.status());
    if (Status s = (*store)->LoadTaxonomy(*tax); !s.ok()) return Die(s);
    auto t0 = Clock::now();
    Status filled = (*store)->InTransaction([&]() -> Status {
      for (size_t idx = 0; idx < offers_n; ++idx)
        SKILLMATCH_RETURN_IF_ERROR((*store)->UpsertOffer(generator->GenerateOffer(idx)).status());
      for (size_t idx = 0; idx < profiles_n; ++idx)
        SKILLMATCH_RETURN_IF_ERROR((*store)->UpsertProfile(generator->GenerateProfile(idx)).status());
      return Status::Ok();
    });
    if (!filled.ok()) return Die(filled);
    std::printf("store filled in %.1f s (not part of the figures)\n",
                bench::Seconds(t0, Clock::now()));
  }
  engine::StoreOptions read;
  read.create_if_missing = false;
  auto store = engine::Store::Open(path, read);
  if (!store.ok()) return Die(store.status());
  std::vector<double> baseline, assess, warm;
  std::unique_ptr<mobility::Market> market;
  for (size_t q = 0; q < queries; ++q) {
    engine::Profile profile = generator->GenerateProfile(q * 97 % profiles_n);
    auto t0 = Clock::now();
    engine::OfferIndex::Builder builder(**scorer);
    Status streamed = (*store)->ForEachOffer([&](engine::Offer&& o) {
      builder.Add(o);
      return Status::Ok();
    });
    if (!streamed.ok()) return Die(streamed);
    auto index = std::move(builder).Finish();
    auto hits = index->TopK(profile, 10);
    baseline.push_back(bench::Seconds(t0, Clock::now()));

    mobility::AssessOptions assess_options;
    assess_options.destination = "FR";
    assess_options.today = today;
    t0 = Clock::now();
    auto built = mobility::Market::Build(**store, **scorer, today);
    if (!built.ok()) return Die(built.status());
    auto a = mobility::Assess(profile, *pack, *catalogue, **scorer, **built, **store, assess_options);
    if (!a.ok()) return Die(a.status());
    assess.push_back(bench::Seconds(t0, Clock::now()));
    t0 = Clock::now();
    auto again = mobility::Assess(profile, *pack, *catalogue, **scorer, **built, **store, assess_options);
    if (!again.ok()) return Die(again.status());
    warm.push_back(bench::Seconds(t0, Clock::now()));
    if (q == 0) std::printf("first assessment: %zu alternatives, %zu hits in the baseline\n",
                            a->alternatives.size(), hits.size());
  }
  const double base = Median(baseline);
  std::printf("%-12s %10s %8s   (median of %zu jobseekers)\n", "scenario", "seconds", "ratio", queries);
  std::printf("%-12s %10.3f %8.2f\n", "baseline", base, 1.0);
  std::printf("%-12s %10.3f %8.2f\n", "assess", Median(assess), Median(assess) / base);
  std::printf("%-12s %10.4f %8.4f\n", "assess-warm", Median(warm), Median(warm) / base);
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return 0;
}
