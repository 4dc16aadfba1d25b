// The one translation unit that includes Eigen (see engine/CMakeLists.txt for
// the instruction set it is compiled for).
#include "skillmatch/match/dense.h"

#include <Eigen/Core>
#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "skillmatch/classification/parallel.h"

namespace skillmatch::engine {

namespace {

struct Candidate {
  float score;
  int64_t label;
};

// Score descending, then label ascending.
bool Better(const Candidate& x, const Candidate& y) {
  if (x.score != y.score) return x.score > y.score;
  return x.label < y.label;
}

// The k best candidates pushed so far. With Better as the heap order, the
// front is the worst kept one. Rows are pushed in increasing label order, so
// once the heap is full a new row enters only with a score strictly above
// the front's: an equal score has a larger label and loses the tie.
class BoundedHeap {
 public:
  void Reset(size_t capacity) {
    capacity_ = capacity;
    items_.clear();
    items_.reserve(capacity + 1);
  }
  bool full() const { return items_.size() >= capacity_; }
  float threshold() const { return items_.front().score; }  // when full
  void Add(float score, int64_t label) {
    if (capacity_ == 0) return;
    if (!full()) {
      items_.push_back({score, label});
      std::push_heap(items_.begin(), items_.end(), Better);
      return;
    }
    std::pop_heap(items_.begin(), items_.end(), Better);
    items_.back() = {score, label};
    std::push_heap(items_.begin(), items_.end(), Better);
  }
  // Best first; empties the heap.
  std::vector<Candidate>& Sorted() {
    std::sort_heap(items_.begin(), items_.end(), Better);
    return items_;
  }

 private:
  size_t capacity_ = 0;
  std::vector<Candidate> items_;
};

// Pushes one query's row of scores (labels first_label, first_label + 1,
// ...) through its heap. Once the heap is full, chunks whose largest score
// does not beat the running threshold are skipped with one vector compare.
void Scan(const float* scores, size_t count, int64_t first_label,
          BoundedHeap* heap) {
  size_t col = 0;
  for (; col < count && !heap->full(); ++col) {
    heap->Add(scores[col], first_label + static_cast<int64_t>(col));
  }
  constexpr size_t kChunk = 16;
  float threshold = heap->full() ? heap->threshold() : 0;
  for (; col + kChunk <= count; col += kChunk) {
    const float chunk_max =
        Eigen::Map<const Eigen::Array<float, kChunk, 1>>(scores + col)
            .maxCoeff();
    if (!(chunk_max > threshold)) continue;
    for (size_t at = col; at < col + kChunk; ++at) {
      if (scores[at] > threshold) {
        heap->Add(scores[at], first_label + static_cast<int64_t>(at));
        threshold = heap->threshold();
      }
    }
  }
  for (; col < count; ++col) {
    if (scores[col] > threshold) {
      heap->Add(scores[col], first_label + static_cast<int64_t>(col));
      threshold = heap->threshold();
    }
  }
}

Status CheckRows(const DenseRows& rows, const char* what) {
  if (rows.dim == 0) {
    return Status::InvalidArgument(std::string(what) + ": dim must be > 0");
  }
  if (rows.values.size() % rows.dim != 0) {
    return Status::InvalidArgument(
        std::string(what) + ": " + std::to_string(rows.values.size()) +
        " values are not a whole number of rows of dim " +
        std::to_string(rows.dim));
  }
  return Status::Ok();
}

Status CheckPair(const DenseRows& queries, const DenseRows& database) {
  SKILLMATCH_RETURN_IF_ERROR(CheckRows(queries, "queries"));
  SKILLMATCH_RETURN_IF_ERROR(CheckRows(database, "database"));
  if (queries.dim != database.dim) {
    return Status::InvalidArgument(
        "queries have dim " + std::to_string(queries.dim) +
        ", database rows dim " + std::to_string(database.dim));
  }
  return Status::Ok();
}

// The product kernel. Eigen's GEMM is fast but sums a coefficient in an
// order that depends on where it falls in its blocking (measured: the same
// database row scores differently at different positions of a tile), and
// exact ties must go to the smaller index. So the products go through a
// small register-blocked kernel of Eigen packets in which every score is the
// same chain of fused multiply-adds over the dimensions, in order, whatever
// its position, query block or thread.
using Packet = Eigen::internal::packet_traits<float>::type;
constexpr size_t kLanes = sizeof(Packet) / sizeof(float);
constexpr size_t kPanel = 2 * kLanes;    // database rows per panel
constexpr size_t kQueriesPerKernel = 6;  // 12 accumulators

// Panels of kPanel database rows, transposed: out[(panel * dim + col) *
// kPanel + lane] = x[row = first + panel * kPanel + lane][col], 0 past `last`.
// `out` holds Panels(last - first) * dim * kPanel floats.
size_t Panels(size_t rows) { return (rows + kPanel - 1) / kPanel; }

void Pack(const DenseRows& database, size_t first, size_t last, float* out) {
  const size_t dim = database.dim;
  std::fill(out, out + Panels(last - first) * dim * kPanel, 0.0f);
  for (size_t row = first; row < last; ++row) {
    const size_t panel = (row - first) / kPanel, lane = (row - first) % kPanel;
    const float* x = database.values.data() + row * dim;
    float* at = out + panel * dim * kPanel + lane;
    for (size_t col = 0; col < dim; ++col) at[col * kPanel] = x[col];
  }
}

// scores[r * stride + lane] = <query r, row lane of the panel>, r < R.
// kFused: a fused multiply-add per term; else each product is rounded, then
// added (what `acc += a * b` does without FMA).
template <size_t R, bool kFused>
void Kernel(const float* queries, size_t dim, const float* panel, float* scores,
            size_t stride) {
  using Eigen::internal::pmadd;
  using Eigen::internal::pset1;
  Packet acc[R][2];
  for (size_t r = 0; r < R; ++r) {
    acc[r][0] = pset1<Packet>(0.0f);
    acc[r][1] = pset1<Packet>(0.0f);
  }
  for (size_t col = 0; col < dim; ++col) {
    const Packet x0 = Eigen::internal::ploadu<Packet>(panel + col * kPanel);
    const Packet x1 =
        Eigen::internal::ploadu<Packet>(panel + col * kPanel + kLanes);
    for (size_t r = 0; r < R; ++r) {
      const Packet q = pset1<Packet>(queries[r * dim + col]);
      if constexpr (kFused) {
        acc[r][0] = pmadd(q, x0, acc[r][0]);
        acc[r][1] = pmadd(q, x1, acc[r][1]);
      } else {
        acc[r][0] =
            Eigen::internal::padd(acc[r][0], Eigen::internal::pmul(q, x0));
        acc[r][1] =
            Eigen::internal::padd(acc[r][1], Eigen::internal::pmul(q, x1));
      }
    }
  }
  for (size_t r = 0; r < R; ++r) {
    Eigen::internal::pstoreu(scores + r * stride, acc[r][0]);
    Eigen::internal::pstoreu(scores + r * stride + kLanes, acc[r][1]);
  }
}

// scores (row-major, `stride` floats per query, stride >= panels * kPanel)
// = queries[q_begin, q_end) x the packed rows.
template <bool kFused>
void Product(const DenseRows& queries, size_t q_begin, size_t q_end,
             const float* packed, size_t panels, float* scores, size_t stride) {
  const size_t dim = queries.dim;
  for (size_t q = q_begin; q < q_end; q += kQueriesPerKernel) {
    const size_t count = std::min(kQueriesPerKernel, q_end - q);
    const float* query = queries.values.data() + q * dim;
    float* out = scores + (q - q_begin) * stride;
    for (size_t panel = 0; panel < panels; ++panel) {
      const float* x = packed + panel * dim * kPanel;
      float* at = out + panel * kPanel;
      switch (count) {
        case 6:
          Kernel<6, kFused>(query, dim, x, at, stride);
          break;
        case 5:
          Kernel<5, kFused>(query, dim, x, at, stride);
          break;
        case 4:
          Kernel<4, kFused>(query, dim, x, at, stride);
          break;
        case 3:
          Kernel<3, kFused>(query, dim, x, at, stride);
          break;
        case 2:
          Kernel<2, kFused>(query, dim, x, at, stride);
          break;
        default:
          Kernel<1, kFused>(query, dim, x, at, stride);
          break;
      }
    }
  }
}

}  // namespace

Status InnerProducts(const DenseRows& queries, const DenseRows& database,
                     std::span<float> out, ProductRounding rounding) {
  SKILLMATCH_RETURN_IF_ERROR(CheckPair(queries, database));
  const size_t nq = queries.rows(), nx = database.rows();
  if (out.size() != nq * nx) {
    return Status::InvalidArgument(
        "output holds " + std::to_string(out.size()) + " floats, expected " +
        std::to_string(nq) + " x " + std::to_string(nx));
  }
  if (nq == 0 || nx == 0) return Status::Ok();
  std::vector<float> packed, tile;
  constexpr size_t kTile = 1024;
  for (size_t x_begin = 0; x_begin < nx; x_begin += kTile) {
    const size_t x_end = std::min(nx, x_begin + kTile);
    const size_t panels = Panels(x_end - x_begin);
    packed.resize(panels * database.dim * kPanel);
    Pack(database, x_begin, x_end, packed.data());
    const size_t stride = panels * kPanel;
    tile.resize(nq * stride);
    if (rounding == ProductRounding::kFused) {
      Product<true>(queries, 0, nq, packed.data(), panels, tile.data(), stride);
    } else {
      Product<false>(queries, 0, nq, packed.data(), panels, tile.data(),
                     stride);
    }
    for (size_t q = 0; q < nq; ++q) {
      std::copy(tile.begin() + q * stride,
                tile.begin() + q * stride + (x_end - x_begin),
                out.begin() + q * nx + x_begin);
    }
  }
  return Status::Ok();
}

Result<DenseHits> DenseTopK(const DenseRows& queries, const DenseRows& database,
                            int k, const DenseTopKOptions& options) {
  SKILLMATCH_RETURN_IF_ERROR(CheckPair(queries, database));
  if (k < 0)
    return Status::InvalidArgument("k must be >= 0, got " + std::to_string(k));
  if (options.query_block == 0 || options.database_tile == 0) {
    return Status::InvalidArgument("query_block and database_tile must be > 0");
  }
  if (options.threads < 0) {
    return Status::InvalidArgument("threads must be >= 0, got " +
                                   std::to_string(options.threads));
  }
  const size_t nq = queries.rows(), nx = database.rows();
  DenseHits hits;
  hits.k = std::min(static_cast<size_t>(k), nx);
  hits.scores.resize(nq * hits.k);
  hits.labels.resize(nq * hits.k);
  if (nq == 0 || hits.k == 0) return hits;

  size_t threads =
      static_cast<size_t>(classification::ResolveThreads(options.threads));
  const size_t qb = options.query_block;
  // Whole panels per tile, so that tiles start on a panel of the database
  // packed once below.
  const size_t tile = Panels(options.database_tile) * kPanel;
  const size_t query_blocks = (nq + qb - 1) / qb;
  const size_t tiles = (nx + tile - 1) / tile;
  // Fewer query blocks than threads (one query, a few): split the database
  // into ranges of whole tiles too, and merge the ranges' top-k at the end.
  size_t parts = 1;
  if (query_blocks < threads) {
    parts = std::min(tiles, (threads + query_blocks - 1) / query_blocks);
  }
  const size_t tiles_per_part = (tiles + parts - 1) / parts;
  parts = (tiles + tiles_per_part - 1) / tiles_per_part;
  threads = std::min(threads, query_blocks * parts);

  // The database packed once, in panels (a copy: nx * dim floats), by all
  // threads; every query block then reads the panels as they are.
  const size_t dim = database.dim, panels_total = Panels(nx);
  std::vector<float> packed(panels_total * dim * kPanel);
  Status packed_all = classification::ParallelFor(
      panels_total, {.threads = static_cast<int>(threads)},
      [&](size_t first_panel, size_t last_panel) {
        Pack(database, first_panel * kPanel, std::min(nx, last_panel * kPanel),
             packed.data() + first_panel * dim * kPanel);
      });
  (void)packed_all;  // Pack returns nothing and does not throw
  // Partial results: [part][query] -> up to k candidates, best first.
  std::vector<Candidate> partial(parts == 1 ? 0 : parts * nq * hits.k);
  std::vector<uint32_t> partial_count(parts == 1 ? 0 : parts * nq);
  // Items (query block, database part) one by one, taken by the threads as
  // they become free; each writes only its own queries' rows or partials.
  auto work = [&](size_t first_item, size_t last_item) {
    std::vector<float> scores(qb * tile);
    std::vector<BoundedHeap> heaps(qb);
    for (size_t item = first_item; item < last_item; ++item) {
      const size_t block = item / parts, part = item % parts;
      const size_t q_begin = block * qb, q_end = std::min(nq, q_begin + qb);
      const size_t x_first = part * tiles_per_part * tile;
      const size_t x_last = std::min(nx, (part + 1) * tiles_per_part * tile);
      for (size_t q = q_begin; q < q_end; ++q) heaps[q - q_begin].Reset(hits.k);
      for (size_t x_begin = x_first; x_begin < x_last; x_begin += tile) {
        const size_t x_end = std::min(x_last, x_begin + tile);
        const size_t width = x_end - x_begin, panels = Panels(width);
        const size_t stride = panels * kPanel;
        Product<true>(queries, q_begin, q_end,
                      packed.data() + x_begin / kPanel * dim * kPanel, panels,
                      scores.data(), stride);
        for (size_t q = q_begin; q < q_end; ++q) {
          Scan(scores.data() + (q - q_begin) * stride, width,
               static_cast<int64_t>(x_begin), &heaps[q - q_begin]);
        }
      }
      for (size_t q = q_begin; q < q_end; ++q) {
        const std::vector<Candidate>& best = heaps[q - q_begin].Sorted();
        if (parts == 1) {
          for (size_t rank = 0; rank < best.size(); ++rank) {
            hits.scores[q * hits.k + rank] = best[rank].score;
            hits.labels[q * hits.k + rank] = best[rank].label;
          }
        } else {
          std::copy(best.begin(), best.end(),
                    partial.begin() + (part * nq + q) * hits.k);
          partial_count[part * nq + q] = static_cast<uint32_t>(best.size());
        }
      }
    }
  };
  // One thread: a single chunk, one scratch buffer for every item.
  const size_t chunk = threads == 1 ? 0 : 1;
  Status worked = classification::ParallelFor(
      query_blocks * parts,
      {.threads = static_cast<int>(threads), .chunk = chunk}, work);
  (void)worked;  // `work` returns nothing; it throws only std::bad_alloc
  if (parts > 1) {
    std::vector<Candidate> merged;
    for (size_t q = 0; q < nq; ++q) {
      merged.clear();
      for (size_t part = 0; part < parts; ++part) {
        auto from = partial.begin() + (part * nq + q) * hits.k;
        merged.insert(merged.end(), from, from + partial_count[part * nq + q]);
      }
      std::partial_sort(merged.begin(), merged.begin() + hits.k, merged.end(),
                        Better);
      for (size_t rank = 0; rank < hits.k; ++rank) {
        hits.scores[q * hits.k + rank] = merged[rank].score;
        hits.labels[q * hits.k + rank] = merged[rank].label;
      }
    }
  }
  return hits;
}

Result<DenseHits> ExactDenseTopK(const DenseRows& queries,
                                 const DenseRows& database, int k) {
  SKILLMATCH_RETURN_IF_ERROR(CheckPair(queries, database));
  if (k < 0)
    return Status::InvalidArgument("k must be >= 0, got " + std::to_string(k));
  const size_t nq = queries.rows(), nx = database.rows(), dim = queries.dim;
  DenseHits hits;
  hits.k = std::min(static_cast<size_t>(k), nx);
  hits.scores.resize(nq * hits.k);
  hits.labels.resize(nq * hits.k);
  std::vector<std::pair<double, int64_t>> all(nx);
  for (size_t q = 0; q < nq; ++q) {
    const float* query = queries.values.data() + q * dim;
    for (size_t row = 0; row < nx; ++row) {
      const float* x = database.values.data() + row * dim;
      double sum = 0;
      for (size_t col = 0; col < dim; ++col) {
        sum += static_cast<double>(query[col]) * static_cast<double>(x[col]);
      }
      all[row] = {sum, static_cast<int64_t>(row)};
    }
    std::partial_sort(all.begin(), all.begin() + hits.k, all.end(),
                      [](const auto& x, const auto& y) {
                        if (x.first != y.first) return x.first > y.first;
                        return x.second < y.second;
                      });
    for (size_t rank = 0; rank < hits.k; ++rank) {
      hits.scores[q * hits.k + rank] = static_cast<float>(all[rank].first);
      hits.labels[q * hits.k + rank] = all[rank].second;
    }
  }
  return hits;
}

}  // namespace skillmatch::engine
