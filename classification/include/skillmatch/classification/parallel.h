// ParallelFor: runs a loop over [0, n) on worker threads, in contiguous
// chunks, and returns when every chunk is done.
//
//   Status status = ParallelFor(rows, {.threads = 4},
//                               [&](size_t begin, size_t end) -> Status {
//     for (size_t row = begin; row < end; ++row) ...
//     return Status::Ok();
//   });
//
// Chunks. [0, n) is cut into chunks [c * size, min(n, (c + 1) * size)) with
// size = options.chunk, or ceil(n / threads) when chunk is 0 (one chunk per
// thread). The cut depends on n and the options only, never on timing; the
// threads take chunks in increasing order as they become free, so uneven
// chunks balance when there are more chunks than threads. A body that writes
// only the outputs of its own items gives the same result with any number of
// threads.
//
// Threads. min(threads, chunks) threads run the chunks, the caller's thread
// being one of them (threads = 1 runs everything on the caller's thread, in
// order, with no thread started). options.threads = 0 means one per core
// (ResolveThreads).
//
// Errors. The body returns void or Status. After a chunk fails (a non-OK
// Status or an exception), no new chunk starts; the chunks already started
// finish. ParallelFor then returns the failure of the lowest failed chunk, or
// rethrows its exception, on the caller's thread. Since chunks start in
// increasing order, every chunk below a failed one has run, so this is the
// failure a loop on one thread would have stopped at.
//
// Not for long-lived pipeline stages (engine/import's TaskThread) nor for
// loops whose caller must keep working while the chunks run: ParallelFor
// blocks until they are done.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::classification {

struct ParallelOptions {
  // Worker threads, the caller's included; 0 = one per core
  // (std::thread::hardware_concurrency()). Default 1: no thread is started.
  int threads = 1;
  // Items per chunk; 0 = ceil(n / threads), one chunk per thread. Smaller
  // chunks balance uneven items better and cost one atomic increment each.
  size_t chunk = 0;
};

// `threads`, or the number of cores when it is 0 (at least 1).
inline int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Calls body(begin, end) for every chunk of [0, n) (see the file comment).
// `body` returns void or Status and may be called from several threads at
// once.
template <typename Body>
[[nodiscard]] Status ParallelFor(size_t n, const ParallelOptions& options,
                                 Body&& body) {
  if (n == 0) return Status::Ok();
  const size_t threads_asked =
      static_cast<size_t>(ResolveThreads(options.threads));
  const size_t chunk = options.chunk > 0
                           ? options.chunk
                           : (n + threads_asked - 1) / threads_asked;
  const size_t chunks = (n + chunk - 1) / chunk;
  const size_t threads = std::min(threads_asked, chunks);

  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;  // guards the first failure below
  size_t failed_chunk = chunks;
  Status failed_status;
  std::exception_ptr failed_exception;
  auto fail = [&](size_t at, Status status, std::exception_ptr exception) {
    std::lock_guard<std::mutex> lock(mutex);
    if (at < failed_chunk) {
      failed_chunk = at;
      failed_status = std::move(status);
      failed_exception = std::move(exception);
    }
    failed.store(true, std::memory_order_relaxed);
  };
  auto worker = [&] {
    for (size_t at = next++;
         at < chunks && !failed.load(std::memory_order_relaxed); at = next++) {
      const size_t begin = at * chunk;
      const size_t end = std::min(n, begin + chunk);
      try {
        if constexpr (std::is_void_v<
                          std::invoke_result_t<Body&, size_t, size_t>>) {
          body(begin, end);
        } else {
          Status status = body(begin, end);
          if (!status.ok()) fail(at, std::move(status), nullptr);
        }
      } catch (...) {
        fail(at, Status::Ok(), std::current_exception());
      }
    }
  };
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (size_t thread_idx = 1; thread_idx < threads; ++thread_idx) {
      pool.emplace_back(worker);
    }
    worker();
    for (std::thread& thread : pool) thread.join();
  }
  if (failed_exception) std::rethrow_exception(failed_exception);
  return failed_status;
}

}  // namespace skillmatch::classification
