// One long-lived thread that runs the jobs it is given, one at a time, in
// order. Private to the engine library.
//
//   TaskThread writer;
//   JobResult<Status> done = writer.Run([&] { return WriteBatch(); });
//   ...
//   Status status = done.get();
//
// Unlike std::async, which starts a new thread per call, the thread (and
// its thread_local state, such as the coders' normalisers and their memos)
// lives as long as the TaskThread. Like std::async's futures, a JobResult
// waits for its job when destroyed, so a job that refers to the caller's
// stack never outlives it, even when the caller leaves by an exception.
// The TaskThread's destructor finishes the jobs already given, then joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace skillmatch::engine {

// The result of a job given to a TaskThread: a std::future that waits for
// the job when destroyed or assigned over.
template <typename T>
class JobResult {
 public:
  JobResult() = default;
  explicit JobResult(std::future<T> future) : future_(std::move(future)) {}
  JobResult(JobResult&&) noexcept = default;
  JobResult& operator=(JobResult&& other) noexcept {
    Wait();
    future_ = std::move(other.future_);
    return *this;
  }
  JobResult(const JobResult&) = delete;
  JobResult& operator=(const JobResult&) = delete;
  ~JobResult() { Wait(); }

  bool valid() const { return future_.valid(); }
  T get() { return future_.get(); }

 private:
  void Wait() {
    if (future_.valid()) future_.wait();
  }
  std::future<T> future_;
};

class TaskThread {
 public:
  TaskThread() : thread_([this] { Loop(); }) {}
  TaskThread(const TaskThread&) = delete;
  TaskThread& operator=(const TaskThread&) = delete;
  ~TaskThread() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

  // Queues `job`; the result holds its value (or its exception).
  template <typename Job>
  auto Run(Job job) -> JobResult<decltype(job())> {
    using Out = decltype(job());
    auto task = std::make_shared<std::packaged_task<Out()>>(std::move(job));
    JobResult<Out> out(task->get_future());
    {
      std::lock_guard<std::mutex> lock(mutex_);
      jobs_.emplace_back([task] { (*task)(); });
    }
    wake_.notify_one();
    return out;
  }

 private:
  void Loop() {
    while (true) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping, and nothing left to do
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace skillmatch::engine
