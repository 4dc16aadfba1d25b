#include "skillmatch/match/retrieval.h"

#include <algorithm>
#include <functional>
#include <limits>

#include "skillmatch/classification/parallel.h"
#include "skillmatch/match/dense.h"

namespace skillmatch::engine {

namespace {

// Inverted postings built from per-record sparse vectors.
void BuildPostings(const std::vector<SparseVector>& vectors,
                   std::vector<uint32_t>* features,
                   std::vector<uint32_t>* offsets,
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
    return x.first != y.first ? x.first < y.first
                              : x.second.first < y.second.first;
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

// Adds query[f] * posting values into acc for every query feature (those
// with only(is_dense[f]) true when is_dense is given).
template <typename Only>
void Accumulate(const SparseVector& query,
                const std::vector<uint32_t>& features,
                const std::vector<uint32_t>& offsets,
                const std::vector<int32_t>& records,
                const std::vector<float>& values,
                const std::vector<bool>* is_dense, Only only,
                std::vector<float>* acc) {
  size_t at = 0;
  for (const auto& [feature, weight] : query) {
    auto it = std::lower_bound(features.begin() + at, features.end(), feature);
    at = static_cast<size_t>(it - features.begin());
    if (it == features.end()) break;
    if (*it != feature) continue;
    if (is_dense && !only((*is_dense)[at])) continue;
    for (uint32_t pos = offsets[at]; pos < offsets[at + 1]; ++pos) {
      (*acc)[records[pos]] += weight * values[pos];
    }
  }
}

// The k best passing records seen so far: score descending, then id
// ascending. A bounded heap keeps the k best; the filters (the costly part)
// are checked only for records that would enter it.
template <typename Passes, typename IdOf>
class HitHeap {
 public:
  HitHeap(int k, Passes passes, IdOf id_of)
      : limit_(k > 0 ? static_cast<size_t>(k) : 0),
        passes_(passes),
        id_of_(id_of) {
    heap_.reserve(limit_ + 1);
  }
  void Offer(int32_t record, float score) {
    if (limit_ == 0) return;
    const Hit hit{record, score};
    auto better = Better();
    // With `better` as the heap order, the front is the worst kept hit.
    if (heap_.size() == limit_ && !better(hit, heap_.front())) return;
    if (!passes_(static_cast<size_t>(record))) return;
    heap_.push_back(hit);
    std::push_heap(heap_.begin(), heap_.end(), better);
    if (heap_.size() > limit_) {
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.pop_back();
    }
  }
  // A record scoring below this cannot enter (-infinity until k are kept).
  float threshold() const {
    return heap_.size() == limit_ && limit_ > 0
               ? heap_.front().score
               : -std::numeric_limits<float>::infinity();
  }
  // Best first.
  std::vector<Hit> Take() && {
    std::sort(heap_.begin(), heap_.end(), Better());
    return std::move(heap_);
  }

 private:
  auto Better() const {
    return [this](const Hit& x, const Hit& y) {
      if (x.score != y.score) return x.score > y.score;
      return id_of_(x.index) < id_of_(y.index);
    };
  }
  size_t limit_;
  Passes passes_;
  IdOf id_of_;
  std::vector<Hit> heap_;
};

template <typename Passes, typename IdOf>
std::vector<Hit> SelectTop(const std::vector<float>& scores, int k,
                           Passes passes, IdOf id_of) {
  HitHeap<Passes, IdOf> heap(k, passes, id_of);
  for (size_t record = 0; record < scores.size(); ++record) {
    heap.Offer(static_cast<int32_t>(record), scores[record]);
  }
  return std::move(heap).Take();
}

}  // namespace

OfferIndex::OfferIndex(const Scorer& scorer) : scorer_(scorer) {}

OfferIndex::Builder::Builder(const Scorer& scorer,
                             const OfferIndexOptions& options)
    : index_(new OfferIndex(scorer)), options_(options) {}

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
  OfferIndex& index = *index_;
  BuildPostings(vectors_, &index.features_, &index.offsets_, &index.records_,
                &index.values_);
  vectors_.clear();
  vectors_.shrink_to_fit();
  // The dense columns: features with long postings (occupation features
  // have none here: they go through the slot table).
  const size_t offers = index.ids_.size();
  index.feature_is_dense_.assign(index.features_.size(), false);
  for (size_t at = 0; at < index.features_.size(); ++at) {
    const size_t length = index.offsets_[at + 1] - index.offsets_[at];
    if (offers > 0 && length >= options_.dense_min_share * offers) {
      index.feature_is_dense_[at] = true;
      index.dense_features_.push_back(index.features_[at]);
    }
  }
  const size_t dim = index.dense_features_.size();
  index.dense_.assign(offers * dim, 0.0f);
  for (size_t at = 0, column = 0; at < index.features_.size(); ++at) {
    if (!index.feature_is_dense_[at]) continue;
    for (uint32_t pos = index.offsets_[at]; pos < index.offsets_[at + 1];
         ++pos) {
      index.dense_[index.records_[pos] * dim + column] = index.values_[pos];
    }
    ++column;
  }
  return std::move(index_);
}

std::unique_ptr<OfferIndex> OfferIndex::Build(
    const Scorer& scorer, const std::vector<Offer>& offers,
    const OfferIndexOptions& options) {
  Builder builder(scorer, options);
  for (const Offer& offer : offers) builder.Add(offer);
  return std::move(builder).Finish();
}

std::vector<Hit> OfferIndex::TopK(const Profile& profile, int k) const {
  const SparseVector phi = scorer_.Phi(profile);
  std::vector<float> scores(ids_.size(), 0);
  // The dense columns' features first, then the others, then the
  // occupation table: the order in which TopKBatch adds them, so that both
  // give bit-identical scores.
  Accumulate(
      phi, features_, offsets_, records_, values_, &feature_is_dense_,
      [](bool dense) { return dense; }, &scores);
  Accumulate(
      phi, features_, offsets_, records_, values_, &feature_is_dense_,
      [](bool dense) { return !dense; }, &scores);
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

std::vector<std::vector<Hit>> OfferIndex::TopKBatch(
    std::span<const Profile> profiles, int k,
    const BatchOptions& options) const {
  std::vector<std::vector<Hit>> out(profiles.size());
  const size_t block = std::max<size_t>(1, options.profile_block);
  const size_t blocks = (profiles.size() + block - 1) / block;
  // Blocks one by one, taken by the threads as they become free; each
  // writes only its own profiles' lists.
  auto work = [&](size_t first_block, size_t last_block) {
    for (size_t at = first_block; at < last_block; ++at) {
      const size_t first = at * block;
      const size_t count = std::min(block, profiles.size() - first);
      if (!options.dense || dense_features_.empty()) {
        for (size_t i = first; i < first + count; ++i)
          out[i] = TopK(profiles[i], k);
      } else {
        TopKBlock(profiles.subspan(first, count), k,
                  std::max<size_t>(1, options.offer_tile), out.data() + first);
      }
    }
  };
  Status done = classification::ParallelFor(
      blocks, {.threads = options.threads, .chunk = 1}, work);
  (void)done;  // `work` returns nothing; it throws only std::bad_alloc
  return out;
}

// One block of profiles against every offer, tile by tile: the dense
// columns by one product per tile, then per profile the rest of its
// postings within the tile (a cursor per feature), the occupation table,
// and the heap.
void OfferIndex::TopKBlock(std::span<const Profile> profiles, int k,
                           size_t offer_tile, std::vector<Hit>* out) const {
  const size_t count = profiles.size(), offers = ids_.size();
  const size_t dim = dense_features_.size();
  struct Posting {
    uint32_t pos, end;
    float weight;
  };
  std::vector<float> queries(count * dim, 0.0f);
  std::vector<std::vector<Posting>> postings(count);
  std::vector<std::vector<float>> per_slot(count);
  for (size_t q = 0; q < count; ++q) {
    const SparseVector phi = scorer_.Phi(profiles[q]);
    scorer_.OccupationScores(phi, &per_slot[q]);
    per_slot[q].insert(per_slot[q].begin(), 0.0f);  // slot -1: no occupation
    size_t at = 0;
    for (const auto& [feature, weight] : phi) {
      auto it =
          std::lower_bound(features_.begin() + at, features_.end(), feature);
      at = static_cast<size_t>(it - features_.begin());
      if (it == features_.end()) break;
      if (*it != feature) continue;
      if (feature_is_dense_[at]) {
        auto column = std::lower_bound(dense_features_.begin(),
                                       dense_features_.end(), feature) -
                      dense_features_.begin();
        queries[q * dim + column] = weight;
      } else {
        postings[q].push_back({offsets_[at], offsets_[at + 1], weight});
      }
    }
  }
  auto id_of = [&](int32_t offer) -> const std::string& { return ids_[offer]; };
  using Passes = std::function<bool(size_t)>;
  std::vector<HitHeap<Passes, decltype(id_of)>> heaps;
  heaps.reserve(count);
  for (size_t q = 0; q < count; ++q) {
    const Profile* profile = &profiles[q];
    heaps.emplace_back(k, Passes([this, profile](size_t offer) {
                         return scorer_.Filter(*profile, keys_[offer]) ==
                                FilterReason::kNone;
                       }),
                       id_of);
  }
  std::vector<float> scores(count * offer_tile);
  for (size_t first = 0; first < offers; first += offer_tile) {
    const size_t last = std::min(offers, first + offer_tile),
                 width = last - first;
    std::span<float> tile(scores.data(), count * width);
    Status status = InnerProducts(
        {queries, dim},
        {std::span<const float>(dense_).subspan(first * dim, width * dim), dim},
        tile, ProductRounding::kSeparate);
    (void)status;  // the shapes are right by construction
    for (size_t q = 0; q < count; ++q) {
      float* acc = tile.data() + q * width;
      for (Posting& posting : postings[q]) {
        uint32_t pos = posting.pos;
        for (; pos < posting.end && static_cast<size_t>(records_[pos]) < last;
             ++pos) {
          acc[records_[pos] - first] += posting.weight * values_[pos];
        }
        posting.pos = pos;
      }
      // table[-1] = 0 for offers with no occupation: adding 0 leaves the
      // score as TopK has it.
      const float* table = per_slot[q].data() + 1;
      const int32_t* slot = slot_.data() + first;
      for (size_t at = 0; at < width; ++at) acc[at] += table[slot[at]];
      // Most chunks hold nothing that reaches the heap's worst score.
      constexpr size_t kChunk = 16;
      float threshold = heaps[q].threshold();
      size_t at = 0;
      for (; at + kChunk <= width; at += kChunk) {
        float chunk_max = acc[at];
        for (size_t i = 1; i < kChunk; ++i)
          chunk_max = std::max(chunk_max, acc[at + i]);
        if (chunk_max < threshold) continue;
        for (size_t i = at; i < at + kChunk; ++i) {
          if (acc[i] < threshold) continue;
          heaps[q].Offer(static_cast<int32_t>(first + i), acc[i]);
          threshold = heaps[q].threshold();
        }
      }
      for (; at < width; ++at) {
        if (acc[at] < threshold) continue;
        heaps[q].Offer(static_cast<int32_t>(first + at), acc[at]);
        threshold = heaps[q].threshold();
      }
    }
  }
  for (size_t q = 0; q < count; ++q) out[q] = std::move(heaps[q]).Take();
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

std::unique_ptr<ProfileIndex> ProfileIndex::Build(
    const Scorer& scorer, std::vector<Profile> profiles) {
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
  Accumulate(
      psi, features_, offsets_, records_, values_, nullptr,
      [](bool) { return true; }, &scores);
  return SelectTop(
      scores, k,
      [&](size_t profile) {
        return scorer_.Filter(profiles_[profile], offer) == FilterReason::kNone;
      },
      [&](int32_t profile) -> const std::string& {
        return profiles_[profile].id;
      });
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
      [&](int32_t profile) -> const std::string& {
        return profiles_[profile].id;
      });
}

}  // namespace skillmatch::engine
