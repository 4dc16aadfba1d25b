// skillmatch_bench_dense: the dense kernel (dense.h) beside Faiss
// IndexFlatIP and a plain sgemm followed by top-k selection, on the same
// vectors, the same k and the same number of threads.
//
// Scenarios:
//   real       the dense part of generated jobseekers (queries) and offers
//              (database): the non-occupation features of <phi, psi> that at
//              least --min-share of the offers use (the others stay sparse);
//   synthetic  uniform random vectors in [-1, 1), d = 64 and d = 128.
// For each: the best of --repeat runs of each method, throughput in pairs
// (query x database row) per second, the ratio of Faiss's time to ours
// (> 1: ours is faster), and recall@k of each method against the exact
// double-precision brute force on the first --check queries, strictly and
// up to ties (a different row with the same exact score as the k-th counts).
//
// Threads: ours uses --threads worker threads; Faiss's OpenMP loops and
// OpenBLAS (Faiss's sgemm and the plain sgemm) get the same count through
// OMP_NUM_THREADS and OPENBLAS_NUM_THREADS, which the benchmark sets and
// re-executes itself with, since OpenBLAS reads them when it loads.
//
// Usage: skillmatch_bench_dense [--threads T] [--k K] [--queries Q]
//        [--database N] [--repeat R] [--check C] [--min-share S]
#include <cblas.h>
#include <faiss/IndexFlat.h>
#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "bench_machine.h"
#include "skillmatch/classification/bundle.h"
#include "skillmatch/classification/parallel.h"
#include "skillmatch/classification/random.h"
#include "skillmatch/match/dense.h"
#include "skillmatch/eval/generator.h"
#include "skillmatch/match/scoring.h"

namespace {

using skillmatch::bench::Clock;
using skillmatch::bench::Seconds;
using skillmatch::bench::CpuModel;
using skillmatch::bench::LoadAverage;

using namespace skillmatch;

struct Args {
  int threads = 2;
  int k = 10;
  size_t queries = 2000;
  size_t database = 100000;
  int repeat = 3;
  size_t check = 200;
  double min_share = 0.02;
};

// Top-k of one method in the layout of engine::DenseHits.
struct Run {
  std::string name;
  double best_seconds = 0;
  engine::DenseHits hits;
};

// The plain baseline: C = Q X^T by cblas_sgemm (OpenBLAS, its own threads)
// for blocks of queries, then each row's top-k through a bounded heap
// (std::priority_queue), rows spread over `threads` threads.
engine::DenseHits SgemmTopK(const std::vector<float>& q,
                            const std::vector<float>& x, size_t dim,
                            int k_asked, int threads) {
  const size_t nq = q.size() / dim, nx = x.size() / dim;
  const size_t k = std::min<size_t>(k_asked, nx);
  engine::DenseHits hits;
  hits.k = k;
  hits.scores.resize(nq * k);
  hits.labels.resize(nq * k);
  constexpr size_t kBlock = 128;
  std::vector<float> c(kBlock * nx);
  for (size_t q0 = 0; q0 < nq; q0 += kBlock) {
    const size_t rows = std::min(kBlock, nq - q0);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows),
                static_cast<int>(nx), static_cast<int>(dim), 1.0f,
                q.data() + q0 * dim, static_cast<int>(dim), x.data(),
                static_cast<int>(dim), 0.0f, c.data(), static_cast<int>(nx));
    auto select = [&](size_t first, size_t last) {
      using Item = std::pair<float, int64_t>;
      // Worst kept on top: lower score, then larger label.
      auto worse = [](const Item& a, const Item& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      };
      for (size_t row = first; row < last; ++row) {
        std::priority_queue<Item, std::vector<Item>, decltype(worse)> heap(
            worse);
        const float* s = c.data() + row * nx;
        for (size_t col = 0; col < nx; ++col) {
          if (heap.size() < k) {
            heap.push({s[col], static_cast<int64_t>(col)});
          } else if (s[col] > heap.top().first) {
            heap.pop();
            heap.push({s[col], static_cast<int64_t>(col)});
          }
        }
        for (size_t rank = k; rank-- > 0;) {
          hits.scores[(q0 + row) * k + rank] = heap.top().first;
          hits.labels[(q0 + row) * k + rank] = heap.top().second;
          heap.pop();
        }
      }
    };
    // One contiguous range of rows per thread, as Faiss's OpenMP loop.
    Status done =
        classification::ParallelFor(rows, {.threads = threads}, select);
    (void)done;  // `select` returns nothing and does not throw
  }
  return hits;
}

engine::DenseHits FaissTopK(faiss::IndexFlatIP& index,
                            const std::vector<float>& q, size_t dim,
                            int k_asked) {
  const size_t nq = q.size() / dim;
  const size_t k = std::min<size_t>(k_asked, index.ntotal);
  engine::DenseHits hits;
  hits.k = k;
  hits.scores.resize(nq * k);
  hits.labels.resize(nq * k);
  index.search(static_cast<faiss::Index::idx_t>(nq), q.data(),
               static_cast<faiss::Index::idx_t>(k), hits.scores.data(),
               hits.labels.data());
  return hits;
}

// Recall@k of `got` against the exact top-k on the first `check` queries:
// strict (same rows) and up to ties (a row whose exact score equals the
// exact k-th score within float precision counts too: the two differ by
// less than the error bound of a float dot product, d * FLT_EPSILON *
// sum |q_i x_i|, of either; closer scores no float method can order).
std::pair<double, double> Recall(const engine::DenseHits& got,
                                 const engine::DenseHits& exact,
                                 const std::vector<float>& q,
                                 const std::vector<float>& x, size_t dim) {
  const size_t check = exact.k == 0 ? 0 : exact.labels.size() / exact.k;
  size_t strict = 0, tied = 0;
  for (size_t query = 0; query < check; ++query) {
    const int64_t* want = exact.labels.data() + query * exact.k;
    // The exact k-th score, again in double.
    auto score = [&](int64_t row) {
      double sum = 0;
      for (size_t col = 0; col < dim; ++col) {
        sum += static_cast<double>(q[query * dim + col]) * x[row * dim + col];
      }
      return sum;
    };
    auto error_bound = [&](int64_t row) {
      double sum = 0;
      for (size_t col = 0; col < dim; ++col) {
        sum += std::abs(static_cast<double>(q[query * dim + col]) *
                        x[row * dim + col]);
      }
      return dim * static_cast<double>(FLT_EPSILON) * sum;
    };
    const double kth = score(want[exact.k - 1]);
    const double kth_bound = error_bound(want[exact.k - 1]);
    for (size_t rank = 0; rank < exact.k; ++rank) {
      const int64_t label = got.labels[query * got.k + rank];
      if (std::find(want, want + exact.k, label) != want + exact.k) {
        ++strict;
        ++tied;
      } else if (label >= 0 && std::abs(score(label) - kth) <=
                                   kth_bound + error_bound(label)) {
        ++tied;
      }
    }
  }
  const double total = static_cast<double>(check * exact.k);
  return {strict / total, tied / total};
}

void Scenario(const std::string& name, const std::vector<float>& q,
              const std::vector<float>& x, size_t dim, const Args& args) {
  const size_t nq = q.size() / dim, nx = x.size() / dim;
  const double pairs = static_cast<double>(nq) * nx;
  std::printf("\n== %s: %zu queries x %zu database rows, d = %zu, k = %d\n",
              name.c_str(), nq, nx, dim, args.k);
  faiss::IndexFlatIP index(static_cast<faiss::Index::idx_t>(dim));
  index.add(static_cast<faiss::Index::idx_t>(nx), x.data());
  engine::DenseTopKOptions options;
  options.threads = args.threads;
  std::vector<Run> runs = {{"ours (dense.h DenseTopK)"},
                           {"Faiss IndexFlatIP::search"},
                           {"plain sgemm + top-k"}};
  for (int round = 0; round < args.repeat; ++round) {
    for (size_t method = 0; method < runs.size(); ++method) {
      auto start = Clock::now();
      engine::DenseHits hits;
      if (method == 0) {
        auto result = engine::DenseTopK({q, dim}, {x, dim}, args.k, options);
        if (!result.ok()) {
          std::fprintf(stderr, "%s\n", result.status().message().c_str());
          std::exit(70);
        }
        hits = std::move(*result);
      } else if (method == 1) {
        hits = FaissTopK(index, q, dim, args.k);
      } else {
        hits = SgemmTopK(q, x, dim, args.k, args.threads);
      }
      const double seconds = Seconds(start, Clock::now());
      if (round == 0 || seconds < runs[method].best_seconds) {
        runs[method].best_seconds = seconds;
      }
      runs[method].hits = std::move(hits);
    }
  }
  const size_t check = std::min(args.check, nq);
  std::vector<float> q_check(q.begin(), q.begin() + check * dim);
  auto exact = engine::ExactDenseTopK({q_check, dim}, {x, dim}, args.k);
  if (!exact.ok()) std::exit(70);
  const double faiss_seconds = runs[1].best_seconds;
  std::printf("%-28s %10s %12s %10s %14s %16s\n", "method", "best s", "pairs/s",
              "queries/s", "Faiss s / ours", "recall@k (ties)");
  for (const Run& run : runs) {
    auto [strict, tied] = Recall(run.hits, *exact, q, x, dim);
    std::printf("%-28s %10.3f %12.3g %10.0f %14.2f %8.4f (%.4f)\n",
                run.name.c_str(), run.best_seconds, pairs / run.best_seconds,
                nq / run.best_seconds, faiss_seconds / run.best_seconds, strict,
                tied);
  }
  std::printf(
      "ours vs Faiss: x%.2f (best of %d runs each, recall on %zu queries)\n",
      faiss_seconds / runs[0].best_seconds, args.repeat, check);
}

// Uniform [-1, 1) from splitmix64 (classification/random.h), seeded.
std::vector<float> Uniform(size_t count, uint64_t seed) {
  std::vector<float> out(count);
  classification::SplitMix64 bits(seed);
  for (float& v : out) {
    v = static_cast<float>((bits.Next() >> 40) * 0x1p-24 * 2 - 1);
  }
  return out;
}

// The dense part of generated records: features used by >= min_share of
// the offers, occupation features excepted (they go through the
// proximity table). Returns the columns' feature ids.
std::vector<uint32_t> DenseFeatures(
    const std::vector<engine::SparseVector>& psis, const engine::Scorer& scorer,
    double min_share) {
  std::map<uint32_t, size_t> count;
  for (const auto& psi : psis) {
    for (const auto& [feature, value] : psi) {
      if (!scorer.IsOccupationFeature(feature)) ++count[feature];
    }
  }
  std::vector<uint32_t> features;
  for (const auto& [feature, n] : count) {
    if (n >= min_share * psis.size()) features.push_back(feature);
  }
  return features;
}

std::vector<float> Densify(const std::vector<engine::SparseVector>& vectors,
                           const std::vector<uint32_t>& features) {
  std::vector<float> out(vectors.size() * features.size(), 0.0f);
  for (size_t row = 0; row < vectors.size(); ++row) {
    for (const auto& [feature, value] : vectors[row]) {
      auto it = std::lower_bound(features.begin(), features.end(), feature);
      if (it != features.end() && *it == feature) {
        out[row * features.size() + (it - features.begin())] = value;
      }
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int arg = 1; arg + 1 < argc; arg += 2) {
    const std::string name = argv[arg];
    const double value = std::atof(argv[arg + 1]);
    if (!(value > 0)) {
      std::fprintf(stderr, "%s: expected a positive number\n", name.c_str());
      return 64;
    }
    if (name == "--threads")
      args.threads = static_cast<int>(value);
    else if (name == "--k")
      args.k = static_cast<int>(value);
    else if (name == "--queries")
      args.queries = static_cast<size_t>(value);
    else if (name == "--database")
      args.database = static_cast<size_t>(value);
    else if (name == "--repeat")
      args.repeat = static_cast<int>(value);
    else if (name == "--check")
      args.check = static_cast<size_t>(value);
    else if (name == "--min-share")
      args.min_share = value;
    else {
      std::fprintf(stderr, "unknown option %s\n", name.c_str());
      return 64;
    }
  }
  // OpenBLAS reads its thread count when it loads: set it and start again.
  const std::string threads = std::to_string(args.threads);
  const char* blas = std::getenv("OPENBLAS_NUM_THREADS");
  const char* omp = std::getenv("OMP_NUM_THREADS");
  if (!blas || threads != blas || !omp || threads != omp) {
    setenv("OPENBLAS_NUM_THREADS", threads.c_str(), 1);
    setenv("OMP_NUM_THREADS", threads.c_str(), 1);
    execv("/proc/self/exe", argv);
    std::perror("execv /proc/self/exe");
    return 70;
  }
  omp_set_num_threads(args.threads);
  std::printf(
      "skillmatch_bench_dense: %s, %u hardware threads, load average %s\n",
      CpuModel().c_str(), std::thread::hardware_concurrency(),
      LoadAverage().c_str());
  std::printf(
      "threads: ours %d, Faiss OpenMP %d (OMP_NUM_THREADS=%s), OpenBLAS %s "
      "(OPENBLAS_NUM_THREADS); k = %d, best of %d runs\n",
      args.threads, omp_get_max_threads(), std::getenv("OMP_NUM_THREADS"),
      std::getenv("OPENBLAS_NUM_THREADS"), args.k, args.repeat);

  // Real: the dense part of generated records.
  auto tax = classification::ReadBundle(SKILLMATCH_DEFAULT_TAXONOMY);
  if (!tax.ok()) {
    std::fprintf(stderr, "%s\n", tax.status().message().c_str());
    return 66;
  }
  engine::ScoringConfig config;
  config.today = engine::GeneratedAsOf();  // the generated offers' day
  auto scorer = engine::Scorer::Create(*tax, config);
  engine::GeneratorOptions generator_options;
  generator_options.seed = 1;
  auto generator = engine::Generator::Create(*tax, generator_options);
  if (!scorer.ok() || !generator.ok()) {
    std::fprintf(stderr, "cannot set up the scorer or the generator\n");
    return 70;
  }
  std::vector<engine::SparseVector> psis, phis;
  for (size_t offer_idx = 0; offer_idx < args.database; ++offer_idx) {
    psis.push_back((*scorer)->Psi(generator->GenerateOffer(offer_idx)));
  }
  for (size_t profile_idx = 0; profile_idx < args.queries; ++profile_idx) {
    phis.push_back((*scorer)->Phi(generator->GenerateProfile(profile_idx)));
  }
  const auto features = DenseFeatures(psis, **scorer, args.min_share);
  size_t nnz = 0;
  for (const auto& psi : psis) {
    for (const auto& [feature, value] : psi) {
      nnz += std::binary_search(features.begin(), features.end(), feature);
    }
  }
  std::printf(
      "real: taxonomy %s, seed 1; %zu features used by >= %.1f%% of the offers "
      "(occupation block excepted), %.1f of them non-zero per offer\n",
      tax->info().name.c_str(), features.size(), 100 * args.min_share,
      static_cast<double>(nnz) / psis.size());
  Scenario("real dense part", Densify(phis, features), Densify(psis, features),
           features.size(), args);
  psis.clear();
  phis.clear();

  for (size_t dim : {64, 128}) {
    Scenario("synthetic", Uniform(args.queries * dim, 1 + dim),
             Uniform(args.database * dim, 2 + dim), dim, args);
  }
  return 0;
}
