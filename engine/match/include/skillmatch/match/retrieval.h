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
// Batch (OfferIndex::TopKBatch) adds a dense path: the features that many
// offers use (the blocks' "none" and "unknown" features, the common
// languages, education and experience levels, the most asked soft skills;
// chosen by their share of offers, see OfferIndexOptions) are also kept as a
// dense offers x features matrix, and a block of jobseekers is multiplied
// with it tile by tile (dense.h) while the rest still goes through the
// postings and the occupation table. Same exact hits as TopK per jobseeker,
// up to float rounding of near-ties (tested).
//
// Indexes are immutable after Build and safe to query from several threads.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "skillmatch/model/model.h"
#include "skillmatch/match/scoring.h"

namespace skillmatch::engine {

struct Hit {
  int32_t index = -1;  // position of the record in the index
  float score = 0;
};

struct OfferIndexOptions {
  // A non-occupation feature used by at least this share of the offers also
  // goes into the dense matrix that TopKBatch multiplies (the postings keep
  // it for TopK). Lower: more dense columns (each costs every pair two
  // flops) and fewer posting updates; 0.1 measured best on generated data
  // (about 19 columns, 76 bytes per offer). Above 1: no dense path.
  double dense_min_share = 0.1;
};

struct BatchOptions {
  // Worker threads; 0 = std::thread::hardware_concurrency(). Default 1.
  int threads = 1;
  // Jobseekers multiplied together with each tile of offers. Default 32.
  size_t profile_block = 32;
  // Offers per tile (the scores of a block's tile stay in cache).
  // Default 2048.
  size_t offer_tile = 2048;
  // false: every jobseeker through TopK (the postings only), for comparison.
  bool dense = true;
};

class OfferIndex {
 public:
  // Keeps only what ranking needs (ids, filter keys, postings, the dense
  // columns), not the records: fetch the few records shown from where they
  // live (the store). The scorer must outlive the index.
  static std::unique_ptr<OfferIndex> Build(
      const Scorer& scorer, const std::vector<Offer>& offers,
      const OfferIndexOptions& options = {});
  // Builds from a stream of offers, one at a time (memory holds the index,
  // not the records).
  class Builder {
   public:
    explicit Builder(const Scorer& scorer,
                     const OfferIndexOptions& options = {});
    void Add(const Offer& offer);
    std::unique_ptr<OfferIndex> Finish() &&;

   private:
    std::unique_ptr<OfferIndex> index_;
    std::vector<SparseVector> vectors_;
    OfferIndexOptions options_;
  };
  size_t size() const { return ids_.size(); }
  const std::string& id(int32_t index) const { return ids_[index]; }
  // The k best offers for `profile`, best first.
  std::vector<Hit> TopK(const Profile& profile, int k) const;
  // The k best offers for each profile, in profile order: TopK for each,
  // computed by blocks of profiles with the dense path.
  std::vector<std::vector<Hit>> TopKBatch(
      std::span<const Profile> profiles, int k,
      const BatchOptions& options = {}) const;
  // Features in the dense matrix (0: no dense path).
  size_t dense_columns() const { return dense_features_.size(); }

 private:
  explicit OfferIndex(const Scorer& scorer);
  void TopKBlock(std::span<const Profile> profiles, int k, size_t offer_tile,
                 std::vector<Hit>* out) const;
  const Scorer& scorer_;
  std::vector<std::string> ids_;
  std::vector<FilterKeys> keys_;
  std::vector<int32_t> slot_;  // occupation slot per offer, -1 if none
  // Postings of the non-occupation features: feature -> (offer, value).
  std::vector<uint32_t> features_;  // sorted feature ids with postings
  std::vector<uint32_t> offsets_;
  std::vector<int32_t> records_;
  std::vector<float> values_;
  // Dense path: sorted feature ids, a flag per entry of features_, and the
  // offers x dense_features_ matrix, row-major.
  std::vector<uint32_t> dense_features_;
  std::vector<bool> feature_is_dense_;
  std::vector<float> dense_;
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
