// skillmatch_bench_audit: the auditors' « Journal d'audit » on a large trail
// (tools/server/pages/page_audit.cc): Store::SearchAudit, which scans the
// trail (no index beyond the id), and the hash chain's check.
//
// The trail: N entries (default 1,000,000: a year of 50 counsellors who
// each open about 80 files a day) appended with the server's hash, by 200
// accounts over 365 days, 70 % jobseeker views among 50,000 files, the rest
// matches, searches, logins and exports, in a SQLite store file.
// Scenarios, each timed Q times (median):
//   baseline      read every entry in id order (Store::ForEachAudit): the
//                 floor any scan of the trail pays;
//   latest        the journal page without criteria (the newest 100);
//   record        who opened one file (the record's exact id);
//   actor-week    one account's jobseeker actions over seven days;
//   verify        the hash chain checked (server::VerifyAudit).
// Each median is printed with its ratio to the baseline of the same run.
// Usage: skillmatch_bench_audit [--entries N] [--queries Q]
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "audit.h"
#include "bench_machine.h"
#include "skillmatch/classification/random.h"
#include "skillmatch/store/store.h"

using namespace skillmatch;
using bench::Clock;
using bench::Die;
using bench::Median;

namespace {

std::string FileId(uint64_t n) {
  char id[32];
  std::snprintf(id, sizeof id, "SN-2026-%06llu", static_cast<unsigned long long>(n));
  return id;
}

}  // namespace

int main(int argc, char** argv) {
  size_t entries_n = 1000000, queries = 5;
  for (int arg_idx = 1; arg_idx + 1 < argc; arg_idx += 2) {
    const std::string name = argv[arg_idx];
    const size_t value = std::stoull(argv[arg_idx + 1]);
    if (name == "--entries") entries_n = value;
    else if (name == "--queries") queries = value;
    else {
      std::fprintf(stderr, "unknown option %s\n", name.c_str());
      return 64;
    }
  }
  const std::string path = std::filesystem::temp_directory_path() /
                           ("skillmatch-bench-audit-" + std::to_string(::getpid()) + ".db");
  std::printf("skillmatch_bench_audit: %s, %u hardware threads, load average %s\n",
              bench::CpuModel().c_str(), std::thread::hardware_concurrency(),
              bench::LoadAverage().c_str());
  std::printf("store %s: %zu audit entries (generated, seed 1)\n", path.c_str(), entries_n);
  std::vector<std::string> opened;  // files the queries look for: some that were opened
  {
    auto store = engine::Store::Open(path);
    if (!store.ok()) return Die(store.status());
    // The project's seeded source, so two runs build the same trail.
    classification::SplitMix64 random(1);
    const auto t0 = Clock::now();
    for (size_t done = 0; done < entries_n;) {
      // 10,000 entries a transaction (AppendAudit nests as a savepoint).
      Status batch = (*store)->InTransaction([&]() -> Status {
        for (size_t n = 0; n < 10000 && done < entries_n; ++n, ++done) {
          engine::AuditEntry e;
          const int64_t second = static_cast<int64_t>(done * 365.0 * 86400 / entries_n);
          char at[32];
          std::snprintf(at, sizeof at, "2026-%02d-%02dT%02d:%02d:%02dZ",
                        static_cast<int>(1 + second / 86400 / 31 % 12),
                        static_cast<int>(1 + second / 86400 % 28),
                        static_cast<int>(second / 3600 % 24), static_cast<int>(second / 60 % 60),
                        static_cast<int>(second % 60));
          e.at = at;
          e.actor = std::to_string(1 + random.Next() % 200);
          const uint64_t kind = random.Next() % 100;
          e.action = kind < 70   ? "jobseeker.view"
                     : kind < 85 ? "jobseeker.match"
                     : kind < 93 ? "jobseeker.search"
                     : kind < 98 ? "login.success"
                                 : "export.jobseekers";
          if (kind < 85) e.record = FileId(random.Next() % 50000);
          if (kind < 70 && opened.size() < queries && done % 1000 == 0) opened.push_back(e.record);
          e.address = "10.0.0." + std::to_string(1 + random.Next() % 250);
          SKILLMATCH_RETURN_IF_ERROR((*store)->AppendAudit(e, server::AuditHash).status());
        }
        return Status::Ok();
      });
      if (!batch.ok()) return Die(batch);
    }
    std::printf("trail written in %.1f s (not part of the figures)\n",
                bench::Seconds(t0, Clock::now()));
  }
  engine::StoreOptions read;
  read.create_if_missing = false;
  auto store = engine::Store::Open(path, read);
  if (!store.ok()) return Die(store.status());
  std::vector<double> baseline, latest, record, actor_week, verify;
  size_t found_record = 0, found_week = 0;
  for (size_t q = 0; q < queries; ++q) {
    auto t0 = Clock::now();
    size_t read_entries = 0;
    Status all = (*store)->ForEachAudit([&](engine::AuditEntry&&) {
      ++read_entries;
      return Status::Ok();
    });
    if (!all.ok()) return Die(all);
    baseline.push_back(bench::Seconds(t0, Clock::now()));

    t0 = Clock::now();
    auto newest = (*store)->SearchAudit({});
    if (!newest.ok()) return Die(newest.status());
    latest.push_back(bench::Seconds(t0, Clock::now()));

    engine::AuditQuery one_file;
    one_file.record = opened.empty() ? FileId(q) : opened[q % opened.size()];
    t0 = Clock::now();
    auto file = (*store)->SearchAudit(one_file);
    if (!file.ok()) return Die(file.status());
    record.push_back(bench::Seconds(t0, Clock::now()));
    found_record += file->size();

    engine::AuditQuery week;
    week.actor = std::to_string(1 + q * 37 % 200);
    week.action_prefix = "jobseeker.";
    week.from_day = "2026-06-01";
    week.to_day = "2026-06-07";
    t0 = Clock::now();
    auto acts = (*store)->SearchAudit(week);
    if (!acts.ok()) return Die(acts.status());
    actor_week.push_back(bench::Seconds(t0, Clock::now()));
    found_week += acts->size();

    t0 = Clock::now();
    auto report = server::VerifyAudit(**store);
    if (!report.ok()) return Die(report.status());
    if (!report->ok() || report->entries != static_cast<int64_t>(read_entries)) {
      std::fprintf(stderr, "the generated chain does not verify\n");
      return 70;
    }
    verify.push_back(bench::Seconds(t0, Clock::now()));
  }
  const double base = Median(baseline);
  std::printf("entries found: %.1f a file, %.1f an account's week (averages)\n",
              static_cast<double>(found_record) / queries,
              static_cast<double>(found_week) / queries);
  std::printf("%-12s %10s %8s   (median of %zu)\n", "scenario", "seconds", "ratio", queries);
  std::printf("%-12s %10.3f %8.2f\n", "baseline", base, 1.0);
  std::printf("%-12s %10.4f %8.4f\n", "latest", Median(latest), Median(latest) / base);
  std::printf("%-12s %10.3f %8.2f\n", "record", Median(record), Median(record) / base);
  std::printf("%-12s %10.3f %8.2f\n", "actor-week", Median(actor_week),
              Median(actor_week) / base);
  std::printf("%-12s %10.3f %8.2f\n", "verify", Median(verify), Median(verify) / base);
  if (std::getenv("SKILLMATCH_BENCH_KEEP") == nullptr) {
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
  }
  return 0;
}
