// Exact top-k retrieval against the brute-force oracle (every pair scored
// with Scorer::Score), on seeded random records drawn from the sample
// taxonomy.
#include "skillmatch/match/retrieval.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "skillmatch/classification/random.h"
#include "support/sample_taxonomy.h"

namespace skillmatch::engine {
namespace {

using classification::Taxonomy;
using skillmatch::testing::SampleTaxonomy;

// splitmix64 (classification/random.h): small, portable, seeded. Below
// takes a modulo, not SplitMix64::Below: the tests' data stay as they were.
class Rng {
 public:
  explicit Rng(uint64_t seed) : bits_(seed) {}
  int Below(int n) {
    return static_cast<int>(bits_.Next() % static_cast<uint64_t>(n));
  }
  bool Chance(int percent) { return Below(100) < percent; }

 private:
  classification::SplitMix64 bits_;
};

struct Place {
  const char* country;
  const char* region;
  double lat, lon;
};
const Place kPlaces[] = {{"BJ", "Littoral", 6.37, 2.39},
                         {"BJ", "Borgou", 9.34, 2.63},
                         {"TG", "Maritime", 6.13, 1.22},
                         {"SN", "Dakar", 14.69, -17.45},
                         {"CM", "Littoral", 4.05, 9.70}};
const char* kLanguages[] = {"fr", "en", "wo", "fon", "ee"};

class Retrieval : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tax_ = &SampleTaxonomy();
    ScoringConfig config;
    config.today = Date::Parse("2026-11-22");
    auto scorer = Scorer::Create(*tax_, config);
    ASSERT_TRUE(scorer.ok());
    scorer_ = scorer->release();
  }
  static void TearDownTestSuite() { delete scorer_; }

  static const std::string& RandomOccupation(Rng& rng) {
    const auto& occs = tax_->occupations();
    return tax_->node(occs[rng.Below(static_cast<int>(occs.size()))]).code;
  }
  static Location RandomPlace(Rng& rng) {
    const Place& p = kPlaces[rng.Below(5)];
    return Location{p.country, p.region, "", p.lat, p.lon};
  }

  static Profile RandomProfile(Rng& rng, int id) {
    Profile p;
    p.id = "p" + std::to_string(100000 + id);
    p.target_occupations.push_back(RandomOccupation(rng));
    if (rng.Chance(30)) p.target_occupations.push_back(RandomOccupation(rng));
    if (rng.Chance(30))
      p.past_occupations.push_back({RandomOccupation(rng), 2});
    std::set<std::string> seen;
    auto node = tax_->FindNode(p.target_occupations[0]);
    for (const auto& link : tax_->SkillsOf(node)) {
      if (!rng.Chance(70)) continue;
      const auto& skill = tax_->skill(link.skill);
      if (!seen.insert(skill.id).second) continue;
      SkillClaim claim{skill.id, 1 + rng.Below(4), rng.Chance(40)};
      (skill.kind == classification::SkillKind::kSoft ? p.soft_skills
                                                      : p.skills)
          .push_back(claim);
    }
    for (int extra = 0; extra < 2; ++extra) {
      const auto& skill =
          tax_->skill(rng.Below(static_cast<int>(tax_->skill_count())));
      if (seen.insert(skill.id).second)
        p.skills.push_back({skill.id, 2, false});
    }
    if (rng.Chance(90)) p.languages.push_back({"fr", 2 + rng.Below(5)});
    if (rng.Chance(50))
      p.languages.push_back({kLanguages[1 + rng.Below(4)], 1 + rng.Below(6)});
    if (rng.Chance(80)) p.education_level = rng.Below(9);
    if (rng.Chance(80)) p.experience_years = rng.Below(20) / 2.0;
    p.location = RandomPlace(rng);
    p.mobility.national = rng.Chance(40);
    if (rng.Chance(30)) p.mobility.radius_km = 50 + rng.Below(400);
    if (rng.Chance(30)) p.mobility.communities = {"ECOWAS"};
    if (rng.Chance(30)) p.driving_licences = {"B"};
    p.protected_attributes.gender = rng.Chance(50) ? "f" : "m";
    return p;
  }

  static Offer RandomOffer(Rng& rng, int id) {
    Offer o;
    o.id = "o" + std::to_string(100000 + id);
    o.occupation = RandomOccupation(rng);
    auto node = tax_->FindNode(o.occupation);
    for (const auto& link : tax_->SkillsOf(node)) {
      if (!rng.Chance(60)) continue;
      const auto& skill = tax_->skill(link.skill);
      RequiredSkill req{
          skill.id, link.relation == classification::SkillRelation::kEssential,
          rng.Below(4)};
      (skill.kind == classification::SkillKind::kSoft ? o.soft_skills
                                                      : o.skills)
          .push_back(req);
    }
    if (rng.Chance(80)) o.languages.push_back({"fr", 1 + rng.Below(5)});
    if (rng.Chance(60)) o.min_education = rng.Below(7);
    if (rng.Chance(60)) o.min_experience_years = rng.Below(10);
    o.location = RandomPlace(rng);
    if (rng.Chance(15)) o.licences_required = {"B"};
    if (rng.Chance(10)) o.expires = "2026-10-01";
    return o;
  }

  // The index's hits must be the oracle's, up to the order of near-ties.
  static void ExpectSameHits(const std::vector<Hit>& fast,
                             const std::vector<Hit>& oracle,
                             const std::string& what) {
    ASSERT_EQ(fast.size(), oracle.size()) << what;
    constexpr float kTolerance = 1e-5f;
    for (size_t rank = 0; rank < fast.size(); ++rank) {
      EXPECT_NEAR(fast[rank].score, oracle[rank].score, kTolerance) << what;
      if (fast[rank].index != oracle[rank].index) {
        // Allowed only inside a group of (near) equal scores.
        EXPECT_NEAR(fast[rank].score, oracle[rank].score, kTolerance) << what;
        // At the last rank the other member of the group may be just past
        // the list: the score check above is then what holds.
        bool tie = (rank > 0 && std::abs(oracle[rank - 1].score -
                                         oracle[rank].score) <= kTolerance) ||
                   rank + 1 == oracle.size() ||
                   (rank + 1 < oracle.size() &&
                    std::abs(oracle[rank + 1].score - oracle[rank].score) <=
                        kTolerance);
        EXPECT_TRUE(tie) << what << " rank " << rank;
      }
    }
  }

  static const Taxonomy* tax_;
  static Scorer* scorer_;
};
const Taxonomy* Retrieval::tax_ = nullptr;
Scorer* Retrieval::scorer_ = nullptr;

TEST_F(Retrieval, OffersForAProfileMatchTheBruteForceOracle) {
  ASSERT_NE(scorer_, nullptr);
  Rng rng(20261122);
  std::vector<Offer> offers;
  for (int i = 0; i < 600; ++i) offers.push_back(RandomOffer(rng, i));
  auto index = OfferIndex::Build(*scorer_, offers);
  for (int query = 0; query < 40; ++query) {
    Profile p = RandomProfile(rng, query);
    for (int k : {1, 10, 50}) {
      auto fast = index->TopK(p, k);
      auto oracle = BruteForceTopK(*scorer_, p, offers, k);
      ExpectSameHits(fast, oracle, p.id + " k=" + std::to_string(k));
      for (const Hit& hit : fast) {
        EXPECT_EQ(scorer_->Filter(p, offers[hit.index]), FilterReason::kNone);
        EXPECT_NEAR(hit.score, scorer_->Score(p, offers[hit.index]), 1e-5);
      }
    }
  }
}

TEST_F(Retrieval, ProfilesForAnOfferMatchTheBruteForceOracle) {
  ASSERT_NE(scorer_, nullptr);
  Rng rng(7);
  std::vector<Profile> profiles;
  for (int i = 0; i < 600; ++i) profiles.push_back(RandomProfile(rng, i));
  auto index = ProfileIndex::Build(*scorer_, profiles);
  for (int query = 0; query < 40; ++query) {
    Offer o = RandomOffer(rng, query);
    auto fast = index->TopK(o, 10);
    auto oracle = index->TopKBruteForce(o, 10);
    ExpectSameHits(fast, oracle, o.id);
  }
}

TEST_F(Retrieval, TiesAreBrokenByIdAndKIsBounded) {
  ASSERT_NE(scorer_, nullptr);
  Rng rng(3);
  Offer base = RandomOffer(rng, 0);
  base.licences_required.clear();
  base.expires.reset();
  std::vector<Offer> offers;
  for (const char* id : {"o-c", "o-a", "o-b"}) {
    Offer o = base;
    o.id = id;
    offers.push_back(o);
  }
  auto index = OfferIndex::Build(*scorer_, offers);
  Profile p = RandomProfile(rng, 1);
  p.location = base.location;
  p.mobility.national = true;
  auto hits = index->TopK(p, 10);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(index->id(hits[0].index), "o-a");
  EXPECT_EQ(index->id(hits[1].index), "o-b");
  EXPECT_EQ(index->id(hits[2].index), "o-c");
  EXPECT_EQ(index->TopK(p, 2).size(), 2u);
  EXPECT_TRUE(index->TopK(p, 0).empty());
}

TEST_F(Retrieval, BatchWithTheDensePathMatchesTheBruteForceOracle) {
  ASSERT_NE(scorer_, nullptr);
  Rng rng(4242);
  std::vector<Offer> offers;
  for (int i = 0; i < 700; ++i) offers.push_back(RandomOffer(rng, i));
  std::vector<Profile> profiles;
  for (int i = 0; i < 30; ++i) profiles.push_back(RandomProfile(rng, i));
  // 0: every non-occupation feature dense; 0.1: the default; 2: none.
  for (double share : {0.0, 0.1, 2.0}) {
    OfferIndexOptions index_options;
    index_options.dense_min_share = share;
    auto index = OfferIndex::Build(*scorer_, offers, index_options);
    if (share <= 0.1) EXPECT_GT(index->dense_columns(), 0u);
    if (share > 1) EXPECT_EQ(index->dense_columns(), 0u);
    for (int k : {1, 10, 50}) {
      std::vector<std::vector<Hit>> oracle, single;
      for (const Profile& p : profiles) {
        oracle.push_back(BruteForceTopK(*scorer_, p, offers, k));
        single.push_back(index->TopK(p, k));
      }
      // Blocks and tiles that do not divide the counts, and one thread or two.
      for (BatchOptions options :
           {BatchOptions{1, 32, 2048, true}, BatchOptions{2, 7, 100, true},
            BatchOptions{2, 1, 33, true}}) {
        auto batch = index->TopKBatch(profiles, k, options);
        ASSERT_EQ(batch.size(), profiles.size());
        for (size_t q = 0; q < profiles.size(); ++q) {
          const std::string what =
              profiles[q].id + " k=" + std::to_string(k) + " share " +
              std::to_string(share) + " block " +
              std::to_string(options.profile_block) + " tile " +
              std::to_string(options.offer_tile);
          ExpectSameHits(batch[q], oracle[q], what);
          // TopK adds the same terms in the same order: bit-identical scores,
          // so the same hits in the same order, ties included.
          ASSERT_EQ(batch[q].size(), single[q].size()) << what;
          for (size_t rank = 0; rank < single[q].size(); ++rank) {
            EXPECT_EQ(batch[q][rank].index, single[q][rank].index)
                << what << " rank " << rank;
            EXPECT_EQ(batch[q][rank].score, single[q][rank].score)
                << what << " rank " << rank;
          }
          for (const Hit& hit : batch[q]) {
            EXPECT_EQ(scorer_->Filter(profiles[q], offers[hit.index]),
                      FilterReason::kNone);
          }
        }
      }
    }
  }
}

TEST_F(Retrieval, BatchBreaksTiesByIdAcrossTiles) {
  ASSERT_NE(scorer_, nullptr);
  Rng rng(3);
  Offer base = RandomOffer(rng, 0);
  base.licences_required.clear();
  base.expires.reset();
  // The same offer 600 times under ids in an order unlike the index order
  // (7919 is prime to 600): the top k must be the k smallest ids, whatever
  // tile and position each copy falls in.
  std::vector<Offer> offers;
  std::vector<std::string> copies;
  for (int i = 0; i < 600; ++i) {
    Offer o = base;
    o.id = "c" + std::to_string(100000 + (i * 7919) % 600);
    copies.push_back(o.id);
    offers.push_back(o);
  }
  std::sort(copies.begin(), copies.end());
  Profile p = RandomProfile(rng, 1);
  p.location = base.location;
  p.mobility.national = true;
  p.target_occupations = {base.occupation};
  auto index = OfferIndex::Build(*scorer_, offers);
  ASSERT_GT(index->dense_columns(), 0u);
  const std::vector<Profile> profiles = {p};
  auto single = index->TopK(p, 5);
  for (BatchOptions options :
       {BatchOptions{1, 32, 64, true}, BatchOptions{1, 32, 97, true}}) {
    auto batch = index->TopKBatch(profiles, 5, options);
    ASSERT_EQ(batch[0].size(), 5u);
    for (size_t rank = 0; rank < 5; ++rank) {
      EXPECT_EQ(batch[0][rank].score, batch[0][0].score);
      EXPECT_EQ(index->id(batch[0][rank].index), copies[rank])
          << "rank " << rank;
      EXPECT_EQ(batch[0][rank].index, single[rank].index) << "rank " << rank;
    }
  }
}

}  // namespace
}  // namespace skillmatch::engine
