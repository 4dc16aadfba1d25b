// Dense kernels: inner products and exact top-k by inner product.
//
// Layout: dense vectors are float, contiguous and row-major. A matrix of
// `rows` vectors of dimension `dim` is one span of rows * dim floats, and
// element (row, col) is x[row * dim + col] (as in Faiss's Index.h). The
// functions take spans and never copy their inputs; Eigen stays inside
// dense.cc.
//
// DenseTopK is exact: for each query it returns the k database rows of
// largest inner product, best first, ties broken by the smaller row index,
// the same hits as scoring every pair and sorting (ExactDenseTopK, in double
// precision, is the oracle of the tests). It is fused and blocked: a block of
// queries is multiplied with a tile of database rows (a register-blocked
// kernel of Eigen packets: 6 queries x 16 rows of fused multiply-adds), and
// each query's tile of scores goes straight through a bounded heap whose
// worst kept score is a running threshold, so the full query x database
// matrix is never stored. Every score is the same chain of multiply-adds over
// the dimensions in order, wherever its row falls in a tile, so equal rows
// get bit-identical scores and exact ties go to the smaller index (Eigen's
// own GEMM sums in an order that depends on the position, measured). Query
// blocks (and, when there are fewer blocks than threads, database ranges,
// merged afterwards) are spread over threads; the result does not depend on the
// number of threads (tested).
//
// Memory: DenseTopK packs the database once per call into kernel panels (a
// transposed copy, rows * dim floats); InnerProducts packs tile by tile.
//
// NaN inputs give unspecified (but memory-safe) results. All functions are
// thread-safe: they share nothing but their read-only inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::engine {

// A read-only view of a row-major matrix: rows() x dim floats.
struct DenseRows {
  std::span<const float> values;  // rows * dim floats, x[row * dim + col]
  size_t dim = 0;
  size_t rows() const { return dim == 0 ? 0 : values.size() / dim; }
};

struct DenseTopKOptions {
  // Worker threads; 0 = std::thread::hardware_concurrency(). Default 1.
  int threads = 1;
  // Queries multiplied together (GEMM rows). Larger blocks read the
  // database fewer times; smaller ones keep the score tile in cache.
  // Default 64.
  size_t query_block = 64;
  // Database rows per tile, rounded up to a whole number of the kernel's
  // panels (16 rows with AVX). The score tile is query_block x
  // database_tile floats (default 64 x 1024 = 256 KiB).
  size_t database_tile = 1024;
};

// Top-k of every query, row-major: query q's hits are at [q * k, q * k + k),
// best first. k is min(asked k, database rows), so every slot is filled.
struct DenseHits {
  size_t k = 0;
  std::vector<float> scores;
  std::vector<int64_t> labels;  // database row indexes
};

// The k database rows of largest inner product with each query.
// InvalidArgument if the dimensions differ, a span is not a whole number of
// rows, dim is 0, k < 0, or an option is 0 where it must not be.
[[nodiscard]] Result<DenseHits> DenseTopK(const DenseRows& queries,
                                          const DenseRows& database, int k,
                                          const DenseTopKOptions& options = {});

// The same by scoring every pair in double precision and sorting (score
// descending, then row index ascending): the oracle of the tests and the
// benchmark. Scores are rounded to float at the end.
[[nodiscard]] Result<DenseHits> ExactDenseTopK(const DenseRows& queries,
                                               const DenseRows& database,
                                               int k);

// How InnerProducts sums: kFused rounds once per term (fused multiply-add,
// the faster and the more accurate); kSeparate rounds each product, then the
// sum, in dimension order, the same float operations as a scalar loop
// `acc += q[col] * x[col]` compiled without FMA, so that a caller mixing
// both gets bit-identical sums (retrieval.cc does).
enum class ProductRounding { kFused, kSeparate };

// out = queries * database^T, row-major queries.rows() x database.rows():
// out[q * database.rows() + x] = <query q, database row x>, each the same
// chain of operations over the dimensions in order. One thread (the caller
// spreads work); `out` must hold exactly that many floats.
// InvalidArgument on mismatched sizes.
[[nodiscard]] Status InnerProducts(
    const DenseRows& queries, const DenseRows& database, std::span<float> out,
    ProductRounding rounding = ProductRounding::kFused);

}  // namespace skillmatch::engine
