#include "skillmatch/engine/retrieval.h"

#include <algorithm>

namespace skillmatch::engine {

namespace {

// Inverted postings built from per-record sparse vectors.
void BuildPostings(const std::vector<SparseVector>& vectors,
                   std::vector<uint32_t>* features, std::vector<uint32_t>* offsets,
                   std::vector<int32_t>* records, std::vector<float>* values) {
  std::vector<std::pair<uint32_t, std::pair<int32_t, float>>> all;
  size_t total = 0;
  for (const auto& v : vectors) total += v.size();
  all.reserve(total);
  for (size_t record = 0; record < vectors.size(); ++record) {
    for (const auto& [feature, value] : vectors[record]) {
      all.push_back({feature, {static_cast<int32_t>(record), value}});
    }
  }
  std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second.first < y.second.first;
  });
  features->clear();
  offsets->clear();
  records->reserve(all.size());
  values->reserve(all.size());
  for (size_t pos = 0; pos < all.size(); ++pos) {
    if (pos == 0 || all[pos].first != all[pos - 1].first) {
      features->push_back(all[pos].first);
      offsets->push_back(static_cast<uint32_t>(records->size()));
    }
    records->push_back(all[pos].second.first);
    values->push_back(all[pos].second.second);
  }
  offsets->push_back(static_cast<uint32_t>(records->size()));
}

// Adds query[f] * posting values into acc for every query feature.
void Accumulate(const SparseVector& query, const std::vector<uint32_t>& features,
                const std::vector<uint32_t>& offsets,
                const std::vector<int32_t>& records,
                const std::vector<float>& values, std::vector<float>* acc) {
  size_t at = 0;
  for (const auto& [feature, weight] : query) {
    auto it = std::lower_bound(features.begin() + at, features.end(), feature);
    at = static_cast<size_t>(it - features.begin());
    if (it == features.end()) break;
    if (*it != feature) continue;
    for (uint32_t pos = offsets[at]; pos < offsets[at + 1]; ++pos) {
      (*acc)[records[pos]] += weight * values[pos];
    }
  }
}

// The k best passing records: score descending, then id ascending. A
// bounded heap keeps the k best so far; the filters (the costly part) are
// checked only for records that would enter it.
template <typename Passes, typename IdOf>
std::vector<Hit> SelectTop(const std::vector<float>& scores, int k,
                           Passes passes, IdOf id_of) {
  std::vector<Hit> heap;
  if (k <= 0) return heap;
  const size_t limit = static_cast<size_t>(k);
  heap.reserve(limit + 1);
  auto better = [&](const Hit& x, const Hit& y) {
    if (x.score != y.score) return x.score > y.score;
    return id_of(x.index) < id_of(y.index);
  };
  // With `better` as the heap order, the front is the worst kept hit.
  for (size_t record = 0; record < scores.size(); ++record) {
    Hit hit{static_cast<int32_t>(record), scores[record]};
    if (heap.size() == limit && !better(hit, heap.front())) continue;
    if (!passes(record)) continue;
    heap.push_back(hit);
    std::push_heap(heap.begin(), heap.end(), better);
    if (heap.size() > limit) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.pop_back();
    }
  }
  std::sort(heap.begin(), heap.end(), better);
  return heap;
}

}  // namespace

OfferIndex::OfferIndex(const Scorer& scorer) : scorer_(scorer) {}

OfferIndex::Builder::Builder(const Scorer& scorer)
    : index_(new OfferIndex(scorer)) {}

void OfferIndex::Builder::Add(const Offer& offer) {
  const Scorer& scorer = index_->scorer_;
  SparseVector psi = scorer.Psi(offer);
  // The occupation block goes through the per-query slot table.
  psi.erase(std::remove_if(psi.begin(), psi.end(),
                           [&](const auto& f) {
                             return scorer.IsOccupationFeature(f.first);
                           }),
            psi.end());
  psi.shrink_to_fit();
  vectors_.push_back(std::move(psi));
  index_->ids_.push_back(offer.id);
  index_->keys_.push_back(FilterKeys::Of(offer));
  index_->slot_.push_back(scorer.OccupationSlot(offer.occupation));
}

std::unique_ptr<OfferIndex> OfferIndex::Builder::Finish() && {
  BuildPostings(vectors_, &index_->features_, &index_->offsets_,
                &index_->records_, &index_->values_);
  vectors_.clear();
  return std::move(index_);
}

std::unique_ptr<OfferIndex> OfferIndex::Build(const Scorer& scorer,
                                              const std::vector<Offer>& offers) {
  Builder builder(scorer);
  for (const Offer& offer : offers) builder.Add(offer);
  return std::move(builder).Finish();
}

std::vector<Hit> OfferIndex::TopK(const Profile& profile, int k) const {
  const SparseVector phi = scorer_.Phi(profile);
  std::vector<float> scores(ids_.size(), 0);
  Accumulate(phi, features_, offsets_, records_, values_, &scores);
  std::vector<float> per_slot;
  scorer_.OccupationScores(phi, &per_slot);
  for (size_t offer = 0; offer < ids_.size(); ++offer) {
    if (slot_[offer] >= 0) scores[offer] += per_slot[slot_[offer]];
  }
  return SelectTop(
      scores, k,
      [&](size_t offer) {
        return scorer_.Filter(profile, keys_[offer]) == FilterReason::kNone;
      },
      [&](int32_t offer) -> const std::string& { return ids_[offer]; });
}

std::vector<Hit> BruteForceTopK(const Scorer& scorer, const Profile& profile,
                                const std::vector<Offer>& offers, int k) {
  std::vector<float> scores(offers.size(), 0);
  for (size_t offer = 0; offer < offers.size(); ++offer) {
    scores[offer] = scorer.Score(profile, offers[offer]);
  }
  return SelectTop(
      scores, k,
      [&](size_t offer) {
        return scorer.Filter(profile, offers[offer]) == FilterReason::kNone;
      },
      [&](int32_t offer) -> const std::string& { return offers[offer].id; });
}

ProfileIndex::ProfileIndex(const Scorer& scorer, std::vector<Profile> profiles)
    : scorer_(scorer), profiles_(std::move(profiles)) {}

std::unique_ptr<ProfileIndex> ProfileIndex::Build(const Scorer& scorer,
                                                  std::vector<Profile> profiles) {
  std::unique_ptr<ProfileIndex> index(
      new ProfileIndex(scorer, std::move(profiles)));
  std::vector<SparseVector> vectors;
  vectors.reserve(index->profiles_.size());
  for (const Profile& profile : index->profiles_) {
    vectors.push_back(scorer.Phi(profile));
  }
  BuildPostings(vectors, &index->features_, &index->offsets_, &index->records_,
                &index->values_);
  return index;
}

std::vector<Hit> ProfileIndex::TopK(const Offer& offer, int k) const {
  const SparseVector psi = scorer_.Psi(offer);
  std::vector<float> scores(profiles_.size(), 0);
  Accumulate(psi, features_, offsets_, records_, values_, &scores);
  return SelectTop(
      scores, k,
      [&](size_t profile) {
        return scorer_.Filter(profiles_[profile], offer) == FilterReason::kNone;
      },
      [&](int32_t profile) -> const std::string& { return profiles_[profile].id; });
}

std::vector<Hit> ProfileIndex::TopKBruteForce(const Offer& offer, int k) const {
  std::vector<float> scores(profiles_.size(), 0);
  for (size_t profile = 0; profile < profiles_.size(); ++profile) {
    scores[profile] = scorer_.Score(profiles_[profile], offer);
  }
  return SelectTop(
      scores, k,
      [&](size_t profile) {
        return scorer_.Filter(profiles_[profile], offer) == FilterReason::kNone;
      },
      [&](int32_t profile) -> const std::string& { return profiles_[profile].id; });
}

}  // namespace skillmatch::engine
