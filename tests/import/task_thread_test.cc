#include "../../engine/import/src/task_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace skillmatch::engine {
namespace {

TEST(TaskThread, RunsJobsInOrderOnOneLongLivedThread) {
  TaskThread worker;
  std::vector<int> order;  // only the worker writes it
  std::vector<JobResult<std::thread::id>> results;
  for (int job = 0; job < 50; ++job) {
    results.push_back(worker.Run([&order, job] {
      order.push_back(job);
      return std::this_thread::get_id();
    }));
  }
  const std::thread::id first = results.front().get();
  EXPECT_NE(first, std::this_thread::get_id());
  for (size_t job = 1; job < results.size(); ++job) {
    EXPECT_EQ(results[job].get(), first) << job;
  }
  ASSERT_EQ(order.size(), 50u);
  for (int job = 0; job < 50; ++job) EXPECT_EQ(order[job], job);
}

TEST(TaskThread, ExceptionsReachTheCaller) {
  TaskThread worker;
  auto failed = worker.Run([]() -> int { throw std::runtime_error("boom"); });
  EXPECT_THROW(failed.get(), std::runtime_error);
  EXPECT_EQ(worker.Run([] { return 7; }).get(), 7);  // still working
}

TEST(TaskThread, DroppedResultWaitsForItsJob) {
  TaskThread worker;
  std::atomic<bool> finished{false};
  {
    // The job uses this scope's `finished` after a delay; leaving the scope
    // without get() must wait for it.
    auto result = worker.Run([&finished] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      finished = true;
    });
  }
  EXPECT_TRUE(finished);
}

TEST(TaskThread, DestructorFinishesQueuedJobs) {
  std::atomic<int> done{0};
  std::vector<JobResult<void>> results;
  {
    TaskThread worker;
    for (int job = 0; job < 20; ++job) {
      results.push_back(worker.Run([&done] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        ++done;
      }));
    }
  }
  EXPECT_EQ(done, 20);
}

}  // namespace
}  // namespace skillmatch::engine
