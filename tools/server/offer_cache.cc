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

}  // namespace skillmatch::server
