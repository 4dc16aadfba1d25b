// The imports the pages run in the background (page_import.cc): a small
// table kept in memory, like the reports. An upload starts an import on
// its own thread and answers at once; the progress page polls the job.
//
// Bounds: one running import per agency, kMaxRunning at once over all
// agencies, the last kJobsKept finished jobs kept (the oldest dropped).
// Only the job's author and a supervisor of its agency see it.
//
// Owned by the server (server.cc, Server::Impl), which calls Shutdown when
// it stops: running imports stop after the batch being written (a lenient
// import commits each batch: importing the same file again from the same
// source resumes after it; a dry run is rolled back) and Shutdown waits
// for their threads. Thread-safe.
#pragma once

#include <memory>

namespace skillmatch::pages {

class ImportJobs {
 public:
  ImportJobs();
  ~ImportJobs();  // Shutdown()
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Refuses new imports, asks the running ones to stop after their
  // current batch, and waits for them. Idempotent.
  void Shutdown();

  struct Impl;  // page_import.cc
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace skillmatch::pages
