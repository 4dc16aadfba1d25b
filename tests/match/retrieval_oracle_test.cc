// Top-k retrieval against an oracle that shares no code with it.
//
// How this differs from retrieval_test.cc: there, the oracle is
// BruteForceTopK / ProfileIndex::TopKBruteForce, which live in retrieval.cc
// and share its bounded heap, its filter-then-threshold logic and its tie
// rule with the fast path, so a mistake in those would pass; the records come
// from a small random drawer of the test. Here the oracle uses only the
// scorer's public single-pair functions (Filter, and Score = Dot(Phi, Psi)
// when the pair passes: checked on a sample of pairs), keeps every pair that
// passes the filters, sorts them all with std::sort (score descending, ties
// by id ascending, as retrieval.h documents) and cuts at k. The records come
// from the evaluation's generator (engine/eval, seeded), whose occupations,
// skills, places and many equal-by-design scores look like real data:
// 300 jobseekers and 2,000 offers, both directions (TopK profile -> offers,
// ProfileIndex::TopK offer -> profiles), TopKBatch with the dense path (the
// default and every feature dense) and without it, k from 1 to more than
// there are records, under two scoring configurations (the defaults with an
// expiry date, and every filter on).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "skillmatch/eval/generator.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/match/scoring.h"
#include "support/sample_taxonomy.h"

namespace skillmatch::engine {
namespace {

using skillmatch::testing::SampleTaxonomy;

constexpr int kProfiles = 300;
constexpr int kOffers = 2000;
// Retrieval sums the same products in another order than Dot: scores may
// differ in the last bits (a few 1e-7 for scores up to 1).
constexpr float kTolerance = 1e-5f;

struct Scored {
  int32_t index;
  float score;
};

// The oracle's ranking of one query: every candidate that passes the
// filters, fully sorted, cut at k.
std::vector<Scored> OracleTopK(std::vector<Scored> passing,
                               const std::vector<std::string>& ids, int k) {
  std::sort(passing.begin(), passing.end(),
            [&](const Scored& a, const Scored& b) {
              if (a.score != b.score) return a.score > b.score;
              return ids[a.index] < ids[b.index];
            });
  if (passing.size() > static_cast<size_t>(std::max(k, 0))) passing.resize(k);
  return passing;
}

class RetrievalOracle : public ::testing::TestWithParam<int> {
 protected:
  static void SetUpTestSuite() {
    const auto& taxonomy = SampleTaxonomy();
    GeneratorOptions options;
    options.seed = 20261207;
    auto generator = Generator::Create(taxonomy, options);
    ASSERT_TRUE(generator.ok()) << generator.status().message();
    profiles_ = new std::vector<Profile>;
    offers_ = new std::vector<Offer>;
    for (int p = 0; p < kProfiles; ++p) {
      profiles_->push_back(generator->GenerateProfile(p));
    }
    for (int o = 0; o < kOffers; ++o) {
      offers_->push_back(generator->GenerateOffer(o));
    }
  }
  static void TearDownTestSuite() {
    delete profiles_;
    delete offers_;
  }

  // The two configurations of the parameter.
  static ScoringConfig Config(int which) {
    ScoringConfig config;
    config.today = Date::Parse("2026-07-01");  // generated offers expire during 2026
    if (which == 1) {
      config.filter_language = true;
      config.min_occupation_proximity = 0.15f;
    }
    return config;
  }

  void SetUp() override {
    auto scorer = Scorer::Create(SampleTaxonomy(), Config(GetParam()));
    ASSERT_TRUE(scorer.ok()) << scorer.status().message();
    scorer_ = std::move(scorer).value();
    // Every pair, with the public single-pair functions only.
    std::vector<SparseVector> phi, psi;
    for (const Profile& p : *profiles_) phi.push_back(scorer_->Phi(p));
    for (const Offer& o : *offers_) psi.push_back(scorer_->Psi(o));
    passes_.assign(static_cast<size_t>(kProfiles) * kOffers, false);
    scores_.assign(static_cast<size_t>(kProfiles) * kOffers, 0);
    size_t passing = 0;
    for (int p = 0; p < kProfiles; ++p) {
      for (int o = 0; o < kOffers; ++o) {
        const size_t cell = static_cast<size_t>(p) * kOffers + o;
        passes_[cell] = scorer_->Filter((*profiles_)[p], (*offers_)[o]) ==
                        FilterReason::kNone;
        if (passes_[cell]) {
          scores_[cell] = Dot(phi[p], psi[o]);
          ++passing;
        }
      }
    }
    // The data must exercise both sides of the filters (with every filter
    // on, under 1 % of the pairs pass).
    EXPECT_GT(passing, 1000u);
    EXPECT_LT(passing, scores_.size());
    // Dot(Phi, Psi) of a passing pair is Scorer::Score: checked on every
    // 97th pair.
    for (size_t cell = 0; cell < scores_.size(); cell += 97) {
      const Profile& p = (*profiles_)[cell / kOffers];
      const Offer& o = (*offers_)[cell % kOffers];
      ASSERT_EQ(scorer_->Score(p, o), passes_[cell] ? scores_[cell] : 0.0f);
    }
    for (const Profile& p : *profiles_) profile_ids_.push_back(p.id);
    for (const Offer& o : *offers_) offer_ids_.push_back(o.id);
    // Each query's full ranking, once; a top k is its first k.
    for (int p = 0; p < kProfiles; ++p) {
      std::vector<Scored> passing;
      for (int o = 0; o < kOffers; ++o) {
        const size_t cell = static_cast<size_t>(p) * kOffers + o;
        if (passes_[cell]) passing.push_back({o, scores_[cell]});
      }
      offers_for_.push_back(
          OracleTopK(std::move(passing), offer_ids_, kOffers));
    }
    for (int o = 0; o < kOffers; ++o) {
      std::vector<Scored> passing;
      for (int p = 0; p < kProfiles; ++p) {
        const size_t cell = static_cast<size_t>(p) * kOffers + o;
        if (passes_[cell]) passing.push_back({p, scores_[cell]});
      }
      profiles_for_.push_back(
          OracleTopK(std::move(passing), profile_ids_, kProfiles));
    }
  }

  static std::vector<Scored> Prefix(const std::vector<Scored>& ranking, int k) {
    return std::vector<Scored>(
        ranking.begin(),
        ranking.begin() + std::min(ranking.size(), static_cast<size_t>(k)));
  }
  std::vector<Scored> OffersFor(int p, int k) const {
    return Prefix(offers_for_[p], k);
  }
  std::vector<Scored> ProfilesFor(int o, int k) const {
    return Prefix(profiles_for_[o], k);
  }

  // `fast` (hits of the index under test, indexes into the same records as
  // the oracle) must be the oracle's list: the same length, the same score
  // at every rank, each hit a passing pair scored as the oracle scores it,
  // no hit twice; another record than the oracle's only where the oracle's
  // score there equals the true score of the record returned (a near-tie
  // that the other summation order may rank either way); and where the fast
  // path's own scores tie exactly, the smaller id first.
  void ExpectOracle(const std::vector<Hit>& fast,
                    const std::vector<Scored>& oracle,
                    const std::vector<std::string>& ids, bool offers_side,
                    int query, const std::string& what) const {
    ASSERT_EQ(fast.size(), oracle.size()) << what;
    std::set<int32_t> seen;
    for (size_t rank = 0; rank < fast.size(); ++rank) {
      const Hit& hit = fast[rank];
      ASSERT_GE(hit.index, 0) << what;
      ASSERT_LT(static_cast<size_t>(hit.index), ids.size()) << what;
      EXPECT_TRUE(seen.insert(hit.index).second)
          << what << ": " << ids[hit.index] << " twice";
      const size_t cell =
          offers_side ? static_cast<size_t>(query) * kOffers + hit.index
                      : static_cast<size_t>(hit.index) * kOffers + query;
      EXPECT_TRUE(passes_[cell])
          << what << ": " << ids[hit.index] << " is filtered out";
      EXPECT_NEAR(hit.score, scores_[cell], kTolerance)
          << what << ": " << ids[hit.index];
      EXPECT_NEAR(hit.score, oracle[rank].score, kTolerance)
          << what << " rank " << rank;
      if (hit.index != oracle[rank].index) {
        EXPECT_NEAR(scores_[cell], oracle[rank].score, kTolerance)
            << what << " rank " << rank << ": " << ids[hit.index]
            << " where the oracle has " << ids[oracle[rank].index];
      }
      if (rank > 0 && fast[rank - 1].score == hit.score) {
        EXPECT_LT(ids[fast[rank - 1].index], ids[hit.index])
            << what << " rank " << rank << ": equal scores, ids out of order";
      }
      if (rank > 0) {
        EXPECT_GE(fast[rank - 1].score, hit.score) << what << " rank " << rank;
      }
    }
  }

  std::unique_ptr<Scorer> scorer_;
  std::vector<bool> passes_;  // profile x offer, row-major
  std::vector<float> scores_;
  std::vector<std::string> profile_ids_, offer_ids_;
  std::vector<std::vector<Scored>> offers_for_, profiles_for_;  // full rankings

  static std::vector<Profile>* profiles_;
  static std::vector<Offer>* offers_;
};
std::vector<Profile>* RetrievalOracle::profiles_ = nullptr;
std::vector<Offer>* RetrievalOracle::offers_ = nullptr;

// k = 2,500 is more than there are offers: every passing offer, in order.
constexpr int kOfferKs[] = {1, 10, 50, 2500};
constexpr int kProfileKs[] = {1, 10, 400};

TEST_P(RetrievalOracle, OffersForEachProfile) {
  auto index = OfferIndex::Build(*scorer_, *offers_);
  for (int p = 0; p < kProfiles; ++p) {
    for (int k : kOfferKs) {
      ExpectOracle(index->TopK((*profiles_)[p], k), OffersFor(p, k), offer_ids_,
                   true, p, profile_ids_[p] + " TopK k=" + std::to_string(k));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(RetrievalOracle, ProfilesForEachOffer) {
  auto index = ProfileIndex::Build(*scorer_, *profiles_);
  for (int o = 0; o < kOffers; ++o) {
    for (int k : kProfileKs) {
      ExpectOracle(
          index->TopK((*offers_)[o], k), ProfilesFor(o, k), profile_ids_, false,
          o, offer_ids_[o] + " ProfileIndex::TopK k=" + std::to_string(k));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(RetrievalOracle, BatchDenseAndPostings) {
  // 0.1: the default dense columns; 0: every non-occupation feature dense.
  for (double share : {0.1, 0.0}) {
    OfferIndexOptions index_options;
    index_options.dense_min_share = share;
    auto index = OfferIndex::Build(*scorer_, *offers_, index_options);
    ASSERT_GT(index->dense_columns(), 0u);
    for (int k : kOfferKs) {
      // The default blocks and tiles; odd ones on two threads; the postings
      // alone.
      for (const BatchOptions& options :
           {BatchOptions{1, 32, 2048, true}, BatchOptions{2, 13, 333, true},
            BatchOptions{2, 32, 2048, false}}) {
        // Every passing offer (k above their count) once, with the default
        // options: checking 600,000 hits per run is most of the test's time.
        if (k > kOffers &&
            (share != 0.1 || options.profile_block != 32 || !options.dense)) {
          continue;
        }
        const auto batch = index->TopKBatch(*profiles_, k, options);
        ASSERT_EQ(batch.size(), profiles_->size());
        for (int p = 0; p < kProfiles; ++p) {
          ExpectOracle(batch[p], OffersFor(p, k), offer_ids_, true, p,
                       profile_ids_[p] + " TopKBatch k=" + std::to_string(k) +
                           " share=" + std::to_string(share) +
                           " block=" + std::to_string(options.profile_block) +
                           " tile=" + std::to_string(options.offer_tile) +
                           (options.dense ? " dense" : " postings"));
          if (HasFatalFailure()) return;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Configs, RetrievalOracle, ::testing::Values(0, 1),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return info.param == 0 ? std::string("Defaults")
                                                  : std::string("AllFilters");
                         });

}  // namespace
}  // namespace skillmatch::engine
