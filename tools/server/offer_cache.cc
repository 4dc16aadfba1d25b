#include "offer_cache.h"

namespace skillmatch::server {

Result<std::shared_ptr<const engine::OfferIndex>> OfferIndexCache::Get(
    engine::Store& store, const std::string& agency) {
  std::shared_ptr<Entry> entry;
  uint64_t generation = 0;
  {
    std::lock_guard lock(mutex_);
    std::shared_ptr<Entry>& slot = entries_[agency];
    if (!slot) slot = std::make_shared<Entry>();
    entry = slot;
    generation = generations_[agency];
  }
  std::lock_guard build(entry->build);
  const int64_t now = now_();
  if (entry->index && entry->generation == generation &&
      now - entry->built_at < max_age_s_) {
    return entry->index;
  }
  engine::OfferIndex::Builder builder(scorer_);
  Status read = store.ForEachAgencyOffer(agency, [&](engine::Offer&& offer) {
    builder.Add(offer);
    return Status::Ok();
  });
  if (!read.ok()) return read;
  entry->index = std::shared_ptr<const engine::OfferIndex>(std::move(builder).Finish());
  entry->built_at = now;
  entry->generation = generation;
  return entry->index;
}

void OfferIndexCache::Invalidate(const std::string& agency) {
  std::lock_guard lock(mutex_);
  ++generations_[agency];
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
