// Exact top-k retrieval: a profile against many offers, or an offer against
// many profiles, with the one score of scoring.h.
//
// The index keeps each record's feature vector as inverted postings, so a
// query costs what its features touch, not the whole feature space; the
// occupation block of offers is kept as a slot per offer and scored through
// a per-query table (the same products, summed differently). Results are
// exact (no approximation): the same hits as scoring every record with
// Scorer::Score and sorting, up to float rounding of near-ties (tested
// against that brute-force oracle). Filtered pairs are never returned. Ties
// are broken by record id, ascending.
//
// Indexes are immutable after Build and safe to query from several threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "skillmatch/engine/model.h"
#include "skillmatch/engine/scoring.h"

namespace skillmatch::engine {

struct Hit {
  int32_t index = -1;  // position of the record in the index
  float score = 0;
};

class OfferIndex {
 public:
  // Keeps only what ranking needs (ids, filter keys, postings), not the
  // records: fetch the few records shown from where they live (the store).
  // The scorer must outlive the index.
  static std::unique_ptr<OfferIndex> Build(const Scorer& scorer,
                                           const std::vector<Offer>& offers);
  // Builds from a stream of offers, one at a time (memory holds the index,
  // not the records).
  class Builder {
   public:
    explicit Builder(const Scorer& scorer);
    void Add(const Offer& offer);
    std::unique_ptr<OfferIndex> Finish() &&;

   private:
    std::unique_ptr<OfferIndex> index_;
    std::vector<SparseVector> vectors_;
  };
  size_t size() const { return ids_.size(); }
  const std::string& id(int32_t index) const { return ids_[index]; }
  // The k best offers for `profile`, best first.
  std::vector<Hit> TopK(const Profile& profile, int k) const;

 private:
  explicit OfferIndex(const Scorer& scorer);
  const Scorer& scorer_;
  std::vector<std::string> ids_;
  std::vector<FilterKeys> keys_;
  std::vector<int32_t> slot_;  // occupation slot per offer, -1 if none
  // Postings of the non-occupation features: feature -> (offer, value).
  std::vector<uint32_t> features_;  // sorted feature ids with postings
  std::vector<uint32_t> offsets_;
  std::vector<int32_t> records_;
  std::vector<float> values_;
};

// The k best of `offers` for `profile` by scoring every pair with
// Scorer::Score: the oracle of the tests and the baseline of the benchmark.
std::vector<Hit> BruteForceTopK(const Scorer& scorer, const Profile& profile,
                                const std::vector<Offer>& offers, int k);

class ProfileIndex {
 public:
  static std::unique_ptr<ProfileIndex> Build(const Scorer& scorer,
                                             std::vector<Profile> profiles);
  const std::vector<Profile>& profiles() const { return profiles_; }
  std::vector<Hit> TopK(const Offer& offer, int k) const;
  std::vector<Hit> TopKBruteForce(const Offer& offer, int k) const;

 private:
  ProfileIndex(const Scorer& scorer, std::vector<Profile> profiles);
  const Scorer& scorer_;
  std::vector<Profile> profiles_;
  std::vector<uint32_t> features_;
  std::vector<uint32_t> offsets_;
  std::vector<int32_t> records_;
  std::vector<float> values_;
};

}  // namespace skillmatch::engine
