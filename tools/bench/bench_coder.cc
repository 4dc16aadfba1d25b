// skillmatch_bench_coder: speed of the title coder on published taxonomies.
//
// Scenarios (each on ROME v3 and on ESCO, imported from ../shared/data):
//   build      index build time, with and without the confidence fit;
//   normalise  titles/s through the normaliser alone (the floor of any
//              coder that normalises like ours);
//   baseline   titles/s of a plain character TF-IDF coder (no rules, one
//              model), measured in the same run;
//   coder      titles/s of the full coder, one thread, top 5.
// Queries are the taxonomy's own job titles written as offers write them:
// upper case with "(H/F)" appended. Times are the best of 3 repetitions;
// figures are also printed as ratios to the baseline, since the machines
// are shared and noisy.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include "bench_machine.h"
#include "skillmatch/classification/coder.h"
#include "skillmatch/classification/importers.h"
#include "skillmatch/classification/normalize.h"

namespace {

using skillmatch::bench::Clock;
using skillmatch::bench::Seconds;
using skillmatch::bench::CpuModel;

using namespace skillmatch::classification;

std::string Upper(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Best of `reps` timings of `fn` over all queries, as queries per second.
template <typename Fn>
double Rate(const std::vector<std::string>& queries, int reps, Fn fn) {
  double best = 1e30;
  for (int rep = 0; rep < reps; ++rep) {
    auto start = Clock::now();
    for (const std::string& q : queries) fn(q);
    best = std::min(best, Seconds(start, Clock::now()));
  }
  return queries.size() / best;
}

void Run(const std::string& name, const Taxonomy& tax, const std::string& lang) {
  std::vector<std::string> queries;
  for (NodeIndex occ : tax.occupations()) {
    for (const Label& label : tax.node(occ).labels) {
      if (label.kind == LabelKind::kAppellation && label.lang == lang) {
        queries.push_back(Upper(label.text) + " (H/F)");
      }
    }
  }
  CoderOptions ours;
  ours.languages = {lang};
  CoderOptions plain;
  plain.languages = {lang};
  plain.normalize = false;
  plain.clean_job_titles = false;  // no rules: job-board cleaning is ours
  plain.word_weight = 0;
  plain.agreement = 0;
  plain.profile_weight = 0;
  plain.group_weight = 0;
  plain.head_weight = 0;
  plain.fourgrams = false;
  plain.calibration_sample = 0;
  CoderOptions uncalibrated = ours;
  uncalibrated.calibration_sample = 0;

  auto t0 = Clock::now();
  auto coder = Coder::ForOccupations(tax, ours);
  auto t1 = Clock::now();
  auto coder_nocal = Coder::ForOccupations(tax, uncalibrated);
  auto t2 = Clock::now();
  auto baseline = Coder::ForOccupations(tax, plain);
  auto t3 = Clock::now();
  if (!coder.ok() || !coder_nocal.ok() || !baseline.ok()) {
    std::cerr << name << ": cannot build the coder\n";
    return;
  }
  auto normalizer = skillmatch::text::Normalizer::Create(lang);
  size_t sink = 0;
  double normalise = Rate(queries, 3, [&](const std::string& q) {
    sink += normalizer->Normalize(q).stems.size();
  });
  double base = Rate(queries, 3, [&](const std::string& q) {
    sink += baseline.value()->Code(q, 5).candidates.size();
  });
  double full = Rate(queries, 3, [&](const std::string& q) {
    sink += coder.value()->Code(q, 5).candidates.size();
  });
  std::printf("%-8s %6zu labels indexed, %6zu queries (%s titles, upper case + \"(H/F)\")\n",
              name.c_str(), (*coder)->labels().size(), queries.size(), lang.c_str());
  std::printf("  build: %.3f s with the confidence fit, %.3f s without; plain baseline %.3f s\n",
              Seconds(t0, t1), Seconds(t1, t2), Seconds(t2, t3));
  std::printf("  normalise only     %9.0f titles/s  (x%.2f baseline)\n", normalise,
              normalise / base);
  std::printf("  char-tfidf (base)  %9.0f titles/s  (x1.00)\n", base);
  std::printf("  skillmatch coder   %9.0f titles/s  (x%.2f baseline), one thread, top 5\n",
              full, full / base);
  if (sink == 42) std::printf(" \n");  // keeps the work observable
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = argc > 1 ? argv[1] : SKILLMATCH_SHARED_DATA_DIR;
  std::printf("skillmatch_bench_coder: %s, %u hardware threads\n", CpuModel().c_str(),
              std::thread::hardware_concurrency());
  auto rome = ImportRomeV3(data + "/rome-v3-v344");
  if (!rome.ok()) {
    std::cerr << rome.status().message() << "\n";
    return 66;
  }
  Run("rome-v3", *rome, "fr");
  EscoSources sources{data + "/esco-v1.1.1-en", data + "/esco-v1.2.x-fr",
                      data + "/esco-skills-fr-labels-api"};
  auto esco = ImportEsco(sources);
  if (!esco.ok()) {
    std::cerr << esco.status().message() << "\n";
    return 66;
  }
  Run("esco-fr", *esco, "fr");
  Run("esco-en", *esco, "en");
  return 0;
}
