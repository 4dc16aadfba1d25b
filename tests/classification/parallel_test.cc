// ParallelFor: every item once, the documented chunks, the first failure.
#include "skillmatch/classification/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace skillmatch::classification {
namespace {

using Chunks = std::vector<std::pair<size_t, size_t>>;

// The chunks ParallelFor made, sorted.
Chunks ChunksOf(size_t n, ParallelOptions options) {
  std::mutex mutex;
  Chunks chunks;
  Status status = ParallelFor(n, options, [&](size_t begin, size_t end) {
    std::lock_guard<std::mutex> lock(mutex);
    chunks.push_back({begin, end});
  });
  EXPECT_TRUE(status.ok());
  std::sort(chunks.begin(), chunks.end());
  return chunks;
}

TEST(ParallelFor, OneChunkPerThreadByDefault) {
  // ceil(10 / 4) = 3 items per chunk: [0,3) [3,6) [6,9) [9,10).
  EXPECT_EQ(ChunksOf(10, {.threads = 4}),
            (Chunks{{0, 3}, {3, 6}, {6, 9}, {9, 10}}));
  // ceil(10 / 3) = 4: three chunks, the last one short.
  EXPECT_EQ(ChunksOf(10, {.threads = 3}), (Chunks{{0, 4}, {4, 8}, {8, 10}}));
  // More threads than items: one item each.
  EXPECT_EQ(ChunksOf(2, {.threads = 8}), (Chunks{{0, 1}, {1, 2}}));
  EXPECT_EQ(ChunksOf(5, {.threads = 1}), (Chunks{{0, 5}}));
  EXPECT_TRUE(ChunksOf(0, {.threads = 4}).empty());
}

TEST(ParallelFor, FixedChunkSize) {
  EXPECT_EQ(ChunksOf(7, {.threads = 2, .chunk = 3}),
            (Chunks{{0, 3}, {3, 6}, {6, 7}}));
  EXPECT_EQ(ChunksOf(3, {.threads = 2, .chunk = 1}),
            (Chunks{{0, 1}, {1, 2}, {2, 3}}));
}

TEST(ParallelFor, EveryItemOnceWhateverTheThreads) {
  for (int threads : {0, 1, 2, 3, 8}) {
    for (size_t chunk : {size_t{0}, size_t{1}, size_t{5}}) {
      std::vector<std::atomic<int>> hits(1000);
      Status status =
          ParallelFor(hits.size(), {.threads = threads, .chunk = chunk},
                      [&](size_t begin, size_t end) {
                        for (size_t item = begin; item < end; ++item)
                          ++hits[item];
                      });
      ASSERT_TRUE(status.ok());
      for (size_t item = 0; item < hits.size(); ++item) {
        ASSERT_EQ(hits[item].load(), 1) << "item " << item << ", threads "
                                        << threads << ", chunk " << chunk;
      }
    }
  }
}

TEST(ParallelFor, OneThreadRunsOnTheCallerInOrder) {
  const std::thread::id caller = std::this_thread::get_id();
  std::vector<size_t> begins;
  Status status =
      ParallelFor(10, {.threads = 1, .chunk = 3}, [&](size_t begin, size_t) {
        EXPECT_EQ(std::this_thread::get_id(), caller);
        begins.push_back(begin);
      });
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(begins, (std::vector<size_t>{0, 3, 6, 9}));
}

TEST(ParallelFor, ReturnsTheFailureOfTheLowestFailedChunk) {
  // Chunks 3 and 5 fail; whichever thread gets there first, chunk 3's
  // status is the one returned, as a loop on one thread would.
  for (int threads : {1, 2, 4}) {
    Status status = ParallelFor(8, {.threads = threads, .chunk = 1},
                                [](size_t begin, size_t) -> Status {
                                  if (begin == 5)
                                    return Status::DataError("chunk 5");
                                  if (begin == 3)
                                    return Status::IoError("chunk 3");
                                  return Status::Ok();
                                });
    EXPECT_EQ(status.code(), StatusCode::kIoError) << threads;
    EXPECT_EQ(status.message(), "chunk 3") << threads;
  }
}

TEST(ParallelFor, NoChunkStartsAfterAFailureOnOneThread) {
  int calls = 0;
  Status status = ParallelFor(
      10, {.threads = 1, .chunk = 1}, [&](size_t begin, size_t) -> Status {
        ++calls;
        return begin == 2 ? Status::DataError("bad") : Status::Ok();
      });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(calls, 3);
}

TEST(ParallelFor, RethrowsTheExceptionOnTheCaller) {
  for (int threads : {1, 3}) {
    EXPECT_THROW(
        {
          Status ignored = ParallelFor(6, {.threads = threads, .chunk = 1},
                                       [](size_t begin, size_t) {
                                         if (begin == 4)
                                           throw std::runtime_error("chunk 4");
                                       });
          (void)ignored;
        },
        std::runtime_error)
        << threads;
  }
}

TEST(ParallelFor, ZeroThreadsMeansOnePerCore) {
  EXPECT_GE(ResolveThreads(0), 1);
  EXPECT_EQ(ResolveThreads(3), 3);
}

}  // namespace
}  // namespace skillmatch::classification
