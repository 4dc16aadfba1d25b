// The offer index of each agency, kept between requests: building one reads
// and decodes every offer of the agency (about 6 s for 100,000 offers on the
// 2-core machine), ranking against it takes milliseconds.
//
// An index is rebuilt when the server itself has written an offer since it
// was built (Invalidate, called by the offer routes), or when it is older
// than `max_age_s` (default 60 s), which bounds how long offers imported by
// another process (skillmatch import) stay unseen. The index keeps only ids:
// the routes read the few offers shown from the store and check their agency
// again, so a stale index can miss or drop an offer for max_age_s, never
// show another agency's.
//
// Thread safety: all methods may be called from several threads; one build
// per agency at a time, the others wait for it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "skillmatch/classification/status.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/mobility/assessment.h"
#include "skillmatch/store/store.h"

namespace skillmatch::server {

class OfferIndexCache {
 public:
  OfferIndexCache(const engine::Scorer& scorer, int64_t max_age_s,
                  std::function<int64_t()> now)
      : scorer_(scorer), max_age_s_(max_age_s), now_(std::move(now)) {}

  // The agency's index, built from `store` if missing or stale.
  [[nodiscard]] Result<std::shared_ptr<const engine::OfferIndex>> Get(
      engine::Store& store, const std::string& agency);
  // The server wrote an offer of `agency`.
  void Invalidate(const std::string& agency);

 private:
  struct Entry {
    std::mutex build;  // held while building
    std::shared_ptr<const engine::OfferIndex> index;
    int64_t built_at = 0;
    uint64_t generation = 0;  // of the index held
  };
  const engine::Scorer& scorer_;
  int64_t max_age_s_;
  std::function<int64_t()> now_;
  std::mutex mutex_;  // guards the maps
  std::map<std::string, std::shared_ptr<Entry>> entries_;
  std::map<std::string, uint64_t> generations_;  // bumped by Invalidate
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
