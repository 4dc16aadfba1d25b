// The offer index of each agency, kept between requests and built in the
// background: building one reads and decodes every offer of the agency
// (about 6 s for 100,000 offers on the 2-core machine), ranking against it
// takes milliseconds, so no request thread ever builds one.
//
// One builder thread (Start) builds the indexes, one agency at a time, on its
// own store connection:
//   - at start-up, every agency it is given;
//   - after the server wrote an offer of the agency (Invalidate);
//   - when the agency's offers changed behind the server's back (another
//     process imported, edited or moved offers): every `poll_ms` it reads
//     each agency's AgencyOffersStamp (count and newest updated_at, one query
//     over the agency's rows) and rebuilds when it differs from the stamp
//     read before the last build;
//   - when an index is older than `max_age_s`, as a safety net.
// Meanwhile Get serves the previous index; an agency with none yet gets an
// empty answer and a Retry-After estimate (the route answers 503 "index en
// construction"). The index keeps only ids: the routes read the few offers
// shown from the store and check their agency again, so a stale index can
// miss or drop an offer until its rebuild, never show another agency's.
//
// Thread safety: every method may be called from any thread; Get and
// Invalidate only take a short lock.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/mobility/assessment.h"
#include "skillmatch/store/store.h"

namespace skillmatch::server {

class OfferIndexCache {
 public:
  struct Options {
    // An index is rebuilt when older than this even if its stamp did not
    // change (an offer moved between two agencies in the same second, say).
    // Seconds of the injected clock. Default 3600.
    int64_t max_age_s = 3600;
    // How often the builder reads the agencies' stamps, in milliseconds. A
    // read costs one query per agency over its rows (under 0.1 s at
    // 100,000 offers, on the builder's thread). Default 5000: offers
    // imported by another process are ranked within about 5 s plus the
    // build (6 to 10 s at 100,000 offers).
    int poll_ms = 5000;
    // Tests only: called on the builder thread before each build, with the
    // agency (a test holds it to show that requests do not wait).
    std::function<void(const std::string& agency)> before_build;
  };
  using StoreOpener = std::function<Result<std::unique_ptr<engine::Store>>()>;

  OfferIndexCache(const engine::Scorer& scorer, Options options,
                  StoreOpener open_store, std::function<int64_t()> now);
  // Stops the builder (after the build under way, if any) and joins it.
  ~OfferIndexCache();
  OfferIndexCache(const OfferIndexCache&) = delete;
  OfferIndexCache& operator=(const OfferIndexCache&) = delete;

  // Starts the builder thread with `agencies` queued. Once.
  void Start(const std::vector<std::string>& agencies);

  struct Lookup {
    // The agency's newest index (maybe being rebuilt); null when none is
    // built yet.
    std::shared_ptr<const engine::OfferIndex> index;
    // When `index` is null: seconds to wait before asking again (>= 1).
    int64_t retry_after_s = 0;
  };
  // Never waits for a build. An agency never seen before is queued.
  Lookup Get(const std::string& agency);
  // The server wrote an offer of `agency`: rebuild it (in the background).
  void Invalidate(const std::string& agency);

  // Waits until no build is queued or under way, at most `timeout`; true if
  // idle. For tests and benchmarks, which need the indexes built.
  bool WaitIdle(std::chrono::milliseconds timeout);
  // Builds completed since start (tests).
  uint64_t builds();

 private:
  struct Entry {
    std::shared_ptr<const engine::OfferIndex> index;
    engine::AgencyOffersStamp stamp;  // read just before that index's build
    int64_t built_at = 0;             // injected clock
    uint64_t generation = 0;          // bumped by Invalidate
    uint64_t built_generation = 0;    // of the index held
  };
  void Queue(const std::string& agency);  // mutex_ held
  void Run();
  void Poll(engine::Store& store);
  void Build(engine::Store& store, const std::string& agency);

  const engine::Scorer& scorer_;
  Options options_;
  StoreOpener open_store_;
  std::function<int64_t()> now_;

  std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;   // work queued, or stopping
  std::condition_variable idle_;   // the queue ran empty
  std::map<std::string, Entry> entries_;
  std::deque<std::string> queue_;
  std::set<std::string> queued_;
  bool building_ = false;
  bool stop_ = false;
  uint64_t builds_ = 0;
  double longest_build_s_ = 0;
  std::thread builder_;
};

// The migration assessment's market (mobility::Market: counts of open
// offers and jobseekers of the whole store, and its offer index), kept
// between requests like the agencies' offer indexes: rebuilt when older than
// `max_age_s` or built for another day. Counts are aggregates; the offers
// proposed are filtered by agency in the route. Thread-safe; one build at a
// time, the others wait for it.
class MarketCache {
 public:
  MarketCache(const engine::Scorer& scorer, int64_t max_age_s, std::function<int64_t()> now)
      : scorer_(scorer), max_age_s_(max_age_s), now_(std::move(now)) {}
  [[nodiscard]] Result<std::shared_ptr<const mobility::Market>> Get(engine::Store& store,
                                                                    engine::Date today);

 private:
  const engine::Scorer& scorer_;
  int64_t max_age_s_;
  std::function<int64_t()> now_;
  std::mutex mutex_;
  std::shared_ptr<const mobility::Market> market_;
  int64_t built_at_ = 0;
  engine::Date day_;
};

}  // namespace skillmatch::server
