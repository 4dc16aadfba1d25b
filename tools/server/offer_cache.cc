#include "offer_cache.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace skillmatch::server {

OfferIndexCache::OfferIndexCache(const engine::Scorer& scorer, Options options,
                                 StoreOpener open_store,
                                 std::function<int64_t()> now)
    : scorer_(scorer),
      options_(options),
      open_store_(std::move(open_store)),
      now_(std::move(now)) {}

OfferIndexCache::~OfferIndexCache() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (builder_.joinable()) builder_.join();
}

void OfferIndexCache::Start(const std::vector<std::string>& agencies) {
  std::lock_guard lock(mutex_);
  if (builder_.joinable()) return;
  for (const std::string& agency : agencies) {
    if (agency.empty()) continue;
    entries_.try_emplace(agency);
    Queue(agency);
  }
  builder_ = std::thread([this] { Run(); });
}

void OfferIndexCache::Queue(const std::string& agency) {
  if (queued_.insert(agency).second) {
    queue_.push_back(agency);
    wake_.notify_all();
  }
}

OfferIndexCache::Lookup OfferIndexCache::Get(const std::string& agency) {
  std::lock_guard lock(mutex_);
  auto [it, inserted] = entries_.try_emplace(agency);
  Lookup out;
  out.index = it->second.index;
  if (!out.index) {
    Queue(agency);
    // The builds ahead of it and its own, each at most the longest seen.
    const double ahead = static_cast<double>(queue_.size()) + (building_ ? 1 : 0);
    out.retry_after_s = std::clamp<int64_t>(
        static_cast<int64_t>(std::ceil(ahead * std::max(longest_build_s_, 0.5))),
        1, 60);
  }
  return out;
}

void OfferIndexCache::Invalidate(const std::string& agency) {
  std::lock_guard lock(mutex_);
  ++entries_[agency].generation;
  Queue(agency);
}

bool OfferIndexCache::WaitIdle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, timeout,
                        [&] { return queue_.empty() && !building_; });
}

uint64_t OfferIndexCache::builds() {
  std::lock_guard lock(mutex_);
  return builds_;
}

void OfferIndexCache::Run() {
  std::unique_ptr<engine::Store> store;
  auto next_poll = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(options_.poll_ms);
  while (true) {
    std::string agency;
    bool poll = false;
    {
      std::unique_lock lock(mutex_);
      idle_.notify_all();
      wake_.wait_until(lock, next_poll, [&] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      if (queue_.empty()) {
        poll = true;
      } else {
        agency = queue_.front();
        queue_.pop_front();
        queued_.erase(agency);
        building_ = true;
      }
    }
    if (!store) {
      Result<std::unique_ptr<engine::Store>> opened = open_store_();
      if (!opened.ok()) {
        // Logged without the path's content beyond the store's own message
        // (no personal data there); tried again at the next poll.
        spdlog::error("{{\"offer_index\":\"cannot open the store\"}}");
        std::lock_guard lock(mutex_);
        building_ = false;
        if (!agency.empty()) Queue(agency);
        next_poll = std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(options_.poll_ms);
        continue;
      }
      store = std::move(*opened);
    }
    if (poll) {
      Poll(*store);
      next_poll = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(options_.poll_ms);
      continue;
    }
    Build(*store, agency);
  }
}

void OfferIndexCache::Poll(engine::Store& store) {
  std::vector<std::pair<std::string, Entry>> known;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [agency, entry] : entries_) {
      if (entry.index) known.emplace_back(agency, entry);
    }
  }
  const int64_t now = now_();
  for (const auto& [agency, entry] : known) {
    Result<engine::AgencyOffersStamp> stamp = store.GetAgencyOffersStamp(agency);
    // A stamp that was recent when its build began cannot prove that a
    // write of the same second is included: rebuilt once more.
    const bool stale = !stamp.ok() || !stamp->SameAs(entry.stamp) ||
                       entry.stamp.recent ||
                       now - entry.built_at >= options_.max_age_s;
    if (stale) {
      std::lock_guard lock(mutex_);
      Queue(agency);
    }
  }
}

void OfferIndexCache::Build(engine::Store& store, const std::string& agency) {
  uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    generation = entries_[agency].generation;
  }
  if (options_.before_build) options_.before_build(agency);
  const auto start = std::chrono::steady_clock::now();
  // The stamp before the read: a write after it shows as a new stamp at the
  // next poll, even if the read below already saw it.
  Result<engine::AgencyOffersStamp> stamp = store.GetAgencyOffersStamp(agency);
  engine::OfferIndex::Builder builder(scorer_);
  Status read = stamp.ok() ? store.ForEachAgencyOffer(
                                 agency,
                                 [&](engine::Offer&& offer) {
                                   builder.Add(offer);
                                   return Status::Ok();
                                 })
                           : stamp.status();
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  std::lock_guard lock(mutex_);
  building_ = false;
  if (!read.ok()) {
    // The previous index, if any, stays in service; the next poll (or a
    // request for an agency with none) queues the agency again.
    spdlog::error("{{\"offer_index\":\"build failed\",\"code\":{}}}",
                  static_cast<int>(read.code()));
    return;
  }
  Entry& entry = entries_[agency];
  entry.index = std::shared_ptr<const engine::OfferIndex>(std::move(builder).Finish());
  entry.stamp = *stamp;
  entry.built_at = now_();
  entry.built_generation = generation;
  if (entry.generation != generation) Queue(agency);  // written meanwhile
  ++builds_;
  longest_build_s_ = std::max(longest_build_s_, seconds);
}

Result<std::shared_ptr<const mobility::Market>> MarketCache::Get(engine::Store& store,
                                                                 engine::Date today) {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = now_();
  if (market_ && day_ == today && now - built_at_ < max_age_s_) return market_;
  SKILLMATCH_ASSIGN_OR_RETURN(built, mobility::Market::Build(store, scorer_, today));
  market_ = std::shared_ptr<const mobility::Market>(std::move(built));
  built_at_ = now;
  day_ = today;
  return market_;
}

}  // namespace skillmatch::server
