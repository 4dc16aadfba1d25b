// The dense kernels against the exact double-precision brute force, on
// seeded random data.
#include "skillmatch/match/dense.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "skillmatch/classification/random.h"

namespace skillmatch::engine {
namespace {

// splitmix64 (classification/random.h): small, portable, seeded.
class Rng {
 public:
  explicit Rng(uint64_t seed) : bits_(seed) {}
  // Uniform in [-1, 1): a multiple of 2^-23.
  float Uniform() {
    return static_cast<float>((bits_.Next() >> 40) * 0x1p-24 * 2 - 1);
  }
  // A multiple of 1/4 in [-1, 1]: sums of products of these are exact in
  // float (for the sizes here), so ties are real ties.
  float Quarter() {
    return static_cast<float>(static_cast<int>(bits_.Next() % 9) - 4) / 4;
  }

 private:
  classification::SplitMix64 bits_;
};

std::vector<float> Random(Rng& rng, size_t rows, size_t dim, bool quarters) {
  std::vector<float> values(rows * dim);
  for (float& v : values) v = quarters ? rng.Quarter() : rng.Uniform();
  return values;
}

// Exact data: the same labels and scores, ties included.
void ExpectIdentical(const DenseHits& got, const DenseHits& want,
                     const std::string& what) {
  ASSERT_EQ(got.k, want.k) << what;
  ASSERT_EQ(got.labels, want.labels) << what;
  ASSERT_EQ(got.scores, want.scores) << what;
}

// Real-valued data: the same scores up to rounding; a label may differ only
// inside a group of near-equal scores.
void ExpectSameUpToRounding(const DenseHits& got, const DenseHits& want,
                            const std::string& what) {
  ASSERT_EQ(got.k, want.k) << what;
  ASSERT_EQ(got.labels.size(), want.labels.size()) << what;
  const size_t nq = want.k == 0 ? 0 : want.labels.size() / want.k;
  for (size_t q = 0; q < nq; ++q) {
    for (size_t rank = 0; rank < want.k; ++rank) {
      const size_t at = q * want.k + rank;
      ASSERT_NEAR(got.scores[at], want.scores[at], 1e-4) << what << " q " << q;
      if (got.labels[at] != want.labels[at]) {
        EXPECT_NEAR(got.scores[at], want.scores[at], 1e-5)
            << what << " q " << q;
      }
    }
  }
}

TEST(DenseTopK, MatchesTheBruteForceOnExactDataForManyShapes) {
  Rng rng(20261122);
  struct Shape {
    size_t nq, nx, dim;
    int k;
  };
  const Shape shapes[] = {{1, 1, 1, 1},       {3, 50, 7, 10},
                          {17, 1000, 16, 10}, {65, 2100, 33, 5},
                          {130, 3000, 64, 1}, {40, 777, 128, 100},
                          {5, 20, 8, 50},     {9, 4096, 12, 10}};
  for (const Shape& s : shapes) {
    const auto q = Random(rng, s.nq, s.dim, true);
    const auto x = Random(rng, s.nx, s.dim, true);
    const DenseRows queries{q, s.dim}, database{x, s.dim};
    auto want = ExactDenseTopK(queries, database, s.k);
    ASSERT_TRUE(want.ok());
    for (int threads : {1, 2}) {
      DenseTopKOptions options;
      options.threads = threads;
      auto got = DenseTopK(queries, database, s.k, options);
      ASSERT_TRUE(got.ok()) << got.status().message();
      ExpectIdentical(*got, *want,
                      "nq " + std::to_string(s.nq) + " nx " +
                          std::to_string(s.nx) + " dim " +
                          std::to_string(s.dim) + " k " + std::to_string(s.k) +
                          " threads " + std::to_string(threads));
    }
  }
}

TEST(DenseTopK, MatchesTheBruteForceOnRealValuedData) {
  Rng rng(7);
  for (size_t dim : {5, 64, 128}) {
    const auto q = Random(rng, 70, dim, false);
    const auto x = Random(rng, 5000, dim, false);
    const DenseRows queries{q, dim}, database{x, dim};
    auto want = ExactDenseTopK(queries, database, 10);
    auto got = DenseTopK(queries, database, 10);
    ASSERT_TRUE(want.ok() && got.ok());
    ExpectSameUpToRounding(*got, *want, "dim " + std::to_string(dim));
  }
}

TEST(DenseTopK, KLargerThanTheDatabaseReturnsEveryRowSorted) {
  Rng rng(3);
  const auto q = Random(rng, 4, 6, true);
  const auto x = Random(rng, 9, 6, true);
  auto got = DenseTopK({q, 6}, {x, 6}, 50);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->k, 9u);
  auto want = ExactDenseTopK({q, 6}, {x, 6}, 50);
  ASSERT_TRUE(want.ok());
  ExpectIdentical(*got, *want, "k > n");
  for (size_t query = 0; query < 4; ++query) {
    std::vector<int64_t> labels(got->labels.begin() + query * 9,
                                got->labels.begin() + query * 9 + 9);
    std::sort(labels.begin(), labels.end());
    for (int64_t row = 0; row < 9; ++row) EXPECT_EQ(labels[row], row);
  }
}

TEST(DenseTopK, TiesGoToTheSmallerRowAcrossTilesAndThreads) {
  // Every database row is one of two vectors; the best of them repeats at
  // rows spread over many tiles, so the top k must be its first k rows.
  const size_t dim = 24, nx = 5000;
  Rng rng(11);
  const auto a = Random(rng, 1, dim, false);
  std::vector<float> b(a);
  for (float& v : b) v *= 0.5f;
  std::vector<float> x;
  std::vector<int64_t> rows_of_a;
  for (size_t row = 0; row < nx; ++row) {
    const bool is_a = row % 7 == 3;
    if (is_a) rows_of_a.push_back(static_cast<int64_t>(row));
    x.insert(x.end(), is_a ? a.begin() : b.begin(), is_a ? a.end() : b.end());
  }
  const DenseRows database{x, dim}, query{a, dim};
  for (int threads : {1, 2, 5}) {
    for (size_t tile : {64, 100, 1024}) {
      DenseTopKOptions options;
      options.threads = threads;
      options.database_tile = tile;
      auto got = DenseTopK(query, database, 20, options);
      ASSERT_TRUE(got.ok());
      for (size_t rank = 0; rank < 20; ++rank) {
        EXPECT_EQ(got->labels[rank], rows_of_a[rank])
            << "threads " << threads << " tile " << tile << " rank " << rank;
        EXPECT_EQ(got->scores[rank], got->scores[0]);
      }
    }
  }
}

TEST(DenseTopK, ZeroRowsAndEmptyInputs) {
  const size_t dim = 8;
  std::vector<float> zeros(30 * dim, 0.0f), q(2 * dim, 1.0f);
  auto got = DenseTopK({q, dim}, {zeros, dim}, 5);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->k, 5u);
  for (size_t query = 0; query < 2; ++query) {
    for (size_t rank = 0; rank < 5; ++rank) {
      EXPECT_EQ(got->labels[query * 5 + rank], static_cast<int64_t>(rank));
      EXPECT_EQ(got->scores[query * 5 + rank], 0.0f);
    }
  }
  auto empty_database = DenseTopK({q, dim}, {std::span<const float>(), dim}, 5);
  ASSERT_TRUE(empty_database.ok());
  EXPECT_EQ(empty_database->k, 0u);
  EXPECT_TRUE(empty_database->labels.empty());
  auto no_queries = DenseTopK({std::span<const float>(), dim}, {zeros, dim}, 5);
  ASSERT_TRUE(no_queries.ok());
  EXPECT_TRUE(no_queries->labels.empty());
  auto k_zero = DenseTopK({q, dim}, {zeros, dim}, 0);
  ASSERT_TRUE(k_zero.ok());
  EXPECT_EQ(k_zero->k, 0u);
}

TEST(DenseTopK, ResultDoesNotDependOnThreadsOrBlocking) {
  Rng rng(99);
  const size_t dim = 40;
  const auto q = Random(rng, 150, dim, false);
  const auto x = Random(rng, 3333, dim, false);
  auto reference = DenseTopK({q, dim}, {x, dim}, 25);
  ASSERT_TRUE(reference.ok());
  for (int threads : {2, 3, 8}) {
    for (size_t block : {1, 7, 64, 256}) {
      for (size_t tile : {16, 500, 4096}) {
        DenseTopKOptions options{threads, block, tile};
        auto got = DenseTopK({q, dim}, {x, dim}, 25, options);
        ASSERT_TRUE(got.ok());
        ExpectIdentical(*got, *reference,
                        "threads " + std::to_string(threads) + " block " +
                            std::to_string(block) + " tile " +
                            std::to_string(tile));
      }
    }
  }
}

TEST(DenseTopK, RejectsBadShapesWithAMessage) {
  std::vector<float> q(10, 1.0f), x(12, 1.0f);
  auto mismatch = DenseTopK({q, 5}, {x, 6}, 1);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().message(),
            "queries have dim 5, database rows dim 6");
  auto ragged = DenseTopK({q, 4}, {x, 4}, 1);
  ASSERT_FALSE(ragged.ok());
  EXPECT_EQ(ragged.status().message(),
            "queries: 10 values are not a whole number of rows of dim 4");
  auto zero_dim = DenseTopK({q, 0}, {x, 0}, 1);
  ASSERT_FALSE(zero_dim.ok());
  EXPECT_EQ(zero_dim.status().message(), "queries: dim must be > 0");
  auto negative_k = DenseTopK({q, 2}, {x, 2}, -1);
  ASSERT_FALSE(negative_k.ok());
  EXPECT_EQ(negative_k.status().message(), "k must be >= 0, got -1");
  DenseTopKOptions no_tile;
  no_tile.database_tile = 0;
  auto bad_options = DenseTopK({q, 2}, {x, 2}, 1, no_tile);
  ASSERT_FALSE(bad_options.ok());
  EXPECT_EQ(bad_options.status().message(),
            "query_block and database_tile must be > 0");
}

TEST(InnerProducts, EqualsTheNaiveProduct) {
  Rng rng(5);
  const size_t nq = 13, nx = 37, dim = 19;
  const auto q = Random(rng, nq, dim, true);
  const auto x = Random(rng, nx, dim, true);
  std::vector<float> out(nq * nx);
  ASSERT_TRUE(InnerProducts({q, dim}, {x, dim}, out).ok());
  for (size_t query = 0; query < nq; ++query) {
    for (size_t row = 0; row < nx; ++row) {
      float want = 0;
      for (size_t col = 0; col < dim; ++col)
        want += q[query * dim + col] * x[row * dim + col];
      EXPECT_EQ(out[query * nx + row], want);
    }
  }
  std::vector<float> short_out(5);
  Status status = InnerProducts({q, dim}, {x, dim}, short_out);
  EXPECT_EQ(status.message(), "output holds 5 floats, expected 13 x 37");
}

}  // namespace
}  // namespace skillmatch::engine
