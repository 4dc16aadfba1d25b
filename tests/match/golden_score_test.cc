// Golden cases of the score: profile/offer pairs whose score and per-block
// contributions were computed by hand from the formula of
// engine/match/README.md ("The score"), not by running the code. Each case
// writes its arithmetic next to it.
//
// The taxonomy is built here, small enough to work out every proximity and
// similarity on paper (7 occupations in 4 domains, 12 skills):
//
//   D1 Bâtiment        A11 O1 Maçonnerie    T1, T2 (essential), S1 (soft, opt.)
//                          O2 Plomberie     T3
//                      A12 O3 Menuiserie    T4
//   D2 Administration  A21 O4 Comptabilité  T5
//                          O5 Secrétariat   T6
//   D3 Boulangerie     A31 O6 Boulangerie   T7, T8, T9
//   D4 Pâtisserie      A41 O7 Pâtisserie    T7, T8, T10
//   (T11, S2: skills of no occupation)
//
//   mobility: O1 -> O4 close, rank 3;  O1 -> O5 evolution;
//             O2 -> O4 close, rank 1;  O3 -> O4 close, rank 12
//
// Every occupation title and skill label is one word of its own, so the
// word cosines are 0 except where the skills (and their one-word labels) are
// shared: O6 and O7.
//
// Proximity P[a][o] (a = the profile's occupation, o = the offer's), the
// largest that applies:
//   P[x][x] = 1
//   P[O1][O2] = P[O2][O1] = 0.4                      same area
//   P[O1][O3] = P[O3][O1] = 0.15                     same domain
//   P[O1][O4] = 0.85 - 0.02 x (3 - 1) = 0.81         close, rank 3
//   P[O1][O5] = 0.6                                  evolution
//   P[O2][O4] = 0.85                                 close, rank 1
//   P[O3][O4] = max(0.7, 0.85 - 0.02 x 11 = 0.63) = 0.7   close, rank 12: floor
//   P[O4][O1] = 0  (links go one way; other domain, no shared skill)
//   P[O4][O5] = 0.4                                  same area
//   P[O6][O7] = 0.75 x S[O6][O7]                     similar skills (below)
//
// S[O6][O7], IDF = ln(7 occupations / occupations with the feature):
//   skills: T7 and T8 in 2 occupations: a = ln(7/2) = ln 3.5 = 1.252763;
//           T9 and T10 in one: b = ln 7 = 1.945910; all essential (1).
//           O6 = (a, a, b, 0), O7 = (a, a, 0, b) over (T7, T8, T9, T10):
//           cos = 2a² / (2a² + b²) = 3.138830 / (3.138830 + 3.786566)
//               = 0.453235
//   skill label words: one word per skill, each counted 1 + ln 1 = 1, the
//           same document frequencies: the same cosine, 0.453235
//   title words: Boulangerie, Pâtisserie: 0
//   S = (1 x 0.453235 + 0.5 x 0.453235 + 0.2 x 0) / (1 + 0.5 + 0.2)
//     = 0.679852 / 1.7 = 0.399913;  P[O6][O7] = 0.75 x 0.399913 = 0.299935
//
// Related skills (cosine of the skills' vectors over occupations, weights 1
// essential, 0.5 optional): T1, T2 (1 in O1) and S1 (0.5 in O1) are pairwise
// 1; T7 and T8 (1 in O6 and O7) 1; T9 (O6 only) with T7 and T8:
// 1 / sqrt(1 x 2) = 0.707107; T9 and T10 share no occupation: 0.
//
// Default weights: occupation 0.35, skills 0.35, soft_skills 0.08,
// languages 0.08, education 0.07, experience 0.07 (sum 1).
#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/match/scoring.h"

namespace skillmatch::engine {
namespace {

using classification::MobilityKind;
using classification::SkillKind;
using classification::SkillRelation;
using classification::Taxonomy;
using classification::TaxonomyBuilder;

constexpr double kTolerance = 1e-6;

// The blocks' contributions, in Block order.
using Blocks = std::array<double, kBlockCount>;

Taxonomy BuildGoldenTaxonomy() {
  classification::BundleInfo info;
  info.name = "golden";
  info.version = "1";
  info.languages = {"fr"};
  TaxonomyBuilder builder(info);
  auto ok = [](const Status& status) {
    EXPECT_TRUE(status.ok()) << status.message();
  };
  ok(builder.AddNode("D1", "", "domain", "Bâtiment"));
  ok(builder.AddNode("A11", "D1", "area", "Gros œuvre"));
  ok(builder.AddNode("A12", "D1", "area", "Second œuvre"));
  ok(builder.AddNode("O1", "A11", "occupation", "Maçonnerie"));
  ok(builder.AddNode("O2", "A11", "occupation", "Plomberie"));
  ok(builder.AddNode("O3", "A12", "occupation", "Menuiserie"));
  ok(builder.AddNode("D2", "", "domain", "Administration"));
  ok(builder.AddNode("A21", "D2", "area", "Gestion"));
  ok(builder.AddNode("O4", "A21", "occupation", "Comptabilité"));
  ok(builder.AddNode("O5", "A21", "occupation", "Secrétariat"));
  ok(builder.AddNode("D3", "", "domain", "Boulangerie"));
  ok(builder.AddNode("A31", "D3", "area", "Fournil"));
  ok(builder.AddNode("O6", "A31", "occupation", "Boulangerie"));
  ok(builder.AddNode("D4", "", "domain", "Pâtisserie"));
  ok(builder.AddNode("A41", "D4", "area", "Laboratoire"));
  ok(builder.AddNode("O7", "A41", "occupation", "Pâtisserie"));
  ok(builder.FinishTree());
  const std::vector<std::pair<const char*, const char*>> technical = {
      {"T1", "truelle"},  {"T2", "parpaing"},     {"T3", "tuyauterie"},
      {"T4", "rabot"},    {"T5", "bilan"},        {"T6", "courrier"},
      {"T7", "pétrin"},   {"T8", "enfournement"}, {"T9", "levain"},
      {"T10", "glaçage"}, {"T11", "soudure"}};
  for (const auto& [id, label] : technical) {
    ok(builder.AddSkill(id, SkillKind::kTechnical, "fr", label));
  }
  ok(builder.AddSkill("S1", SkillKind::kSoft, "fr", "ponctualité"));
  ok(builder.AddSkill("S2", SkillKind::kSoft, "fr", "patience"));
  auto link = [&](const char* code, const char* skill, SkillRelation relation) {
    ok(builder.AddOccupationSkill(code, skill, relation, std::nullopt, false));
  };
  const auto kEssential = SkillRelation::kEssential;
  link("O1", "T1", kEssential);
  link("O1", "T2", kEssential);
  link("O1", "S1", SkillRelation::kOptional);
  link("O2", "T3", kEssential);
  link("O3", "T4", kEssential);
  link("O4", "T5", kEssential);
  link("O5", "T6", kEssential);
  for (const char* skill : {"T7", "T8", "T9"}) link("O6", skill, kEssential);
  for (const char* skill : {"T7", "T8", "T10"}) link("O7", skill, kEssential);
  ok(builder.AddMobility("O1", "O4", MobilityKind::kClose, 3));
  ok(builder.AddMobility("O1", "O5", MobilityKind::kEvolution, 0));
  ok(builder.AddMobility("O2", "O4", MobilityKind::kClose, 1));
  ok(builder.AddMobility("O3", "O4", MobilityKind::kClose, 12));
  auto built = std::move(builder).Build();
  if (!built.ok()) {
    ADD_FAILURE() << built.status().message();
    std::abort();
  }
  return std::move(built).value();
}

class GoldenScore : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    taxonomy_ = new Taxonomy(BuildGoldenTaxonomy());
  }
  static void TearDownTestSuite() {
    delete taxonomy_;
    taxonomy_ = nullptr;
  }

  static std::unique_ptr<Scorer> MakeScorer(const ScoringConfig& config = {}) {
    auto scorer = Scorer::Create(*taxonomy_, config);
    EXPECT_TRUE(scorer.ok()) << scorer.status().message();
    return scorer.ok() ? std::move(scorer).value() : nullptr;
  }

  // Asserts the explanation's blocks, its score (their sum), and
  // Scorer::Score, to 1e-6; the pair must pass the filters.
  static void ExpectScore(const Scorer& scorer, const Profile& profile,
                          const Offer& offer, const Blocks& blocks,
                          double score) {
    SCOPED_TRACE(profile.id + " x " + offer.id);
    const Explanation e = scorer.Explain(profile, offer);
    EXPECT_EQ(e.filtered, FilterReason::kNone);
    ASSERT_EQ(e.blocks.size(), static_cast<size_t>(kBlockCount));
    for (int block = 0; block < kBlockCount; ++block) {
      EXPECT_NEAR(e.blocks[block].contribution, blocks[block], kTolerance)
          << ToString(static_cast<Block>(block));
    }
    EXPECT_NEAR(e.score, score, kTolerance);
    EXPECT_NEAR(scorer.Score(profile, offer), score, kTolerance);
  }

  static void ExpectFiltered(const Scorer& scorer, const Profile& profile,
                             const Offer& offer, FilterReason reason) {
    SCOPED_TRACE(profile.id + " x " + offer.id);
    EXPECT_EQ(scorer.Filter(profile, offer), reason);
    EXPECT_EQ(scorer.Score(profile, offer), 0.0f);
    const Explanation e = scorer.Explain(profile, offer);
    EXPECT_EQ(e.filtered, reason);
    EXPECT_EQ(e.score, 0.0f);
    for (const auto& b : e.blocks) EXPECT_EQ(b.contribution, 0.0f);
  }

  // An offer for O1 that asks something in every block (case 1).
  static Offer FullOffer() {
    Offer o;
    o.id = "offer-full";
    o.occupation = "O1";
    o.skills = {{"T1", true, 2}, {"T2", false, 3}};
    o.soft_skills = {{"S1", true, 0}};
    o.languages = {{"fr", 4}, {"en", 2}};
    o.min_education = 3;
    o.min_experience_years = 2;
    o.location = {"SN", "Dakar", "Dakar", 14.6928, -17.4467};
    return o;
  }
  // A jobseeker who meets every requirement of FullOffer.
  static Profile FullProfile() {
    Profile p;
    p.id = "profile-full";
    p.target_occupations = {"O1"};
    p.skills = {{"T1", 3, true}, {"T2", 3, true}};
    p.soft_skills = {{"S1", 2, true}};
    p.languages = {{"fr", 5}, {"en", 3}};
    p.education_level = 4;
    p.experience_years = 3;
    p.location = {"SN", "Dakar", "Dakar", 14.6928, -17.4467};
    return p;
  }
  // An offer that asks nothing but its occupation `code`. Its skills block is
  // inferred from the occupation's essential skills (every occupation here
  // has technical ones; none has an essential soft skill, so the soft block
  // stays "not asked"): a profile with no skills gets "unknown" there,
  // 0.5 x 0.35 = 0.175. The other blocks are "not asked" and give their
  // full weight, 0.08 + 0.08 + 0.07 + 0.07 = 0.30; with the skills, 0.475.
  // (Before inference, 2026-12-07, the skills block was "not asked" too:
  // 0.65, whatever the occupation.)
  static Offer OccupationOnly(const std::string& code) {
    Offer o;
    o.id = "offer-" + code;
    o.occupation = code;
    return o;
  }
  static Profile Targeting(const std::string& code) {
    Profile p;
    p.id = "profile-" + code;
    p.target_occupations = {code};
    return p;
  }

  static Taxonomy* taxonomy_;
};
Taxonomy* GoldenScore::taxonomy_ = nullptr;

// Case 1: every block asked and met.
//   occupation  P[O1][O1] = 1                          0.35 x 1 = 0.35
//   skills      T1 (r 1, m 2) held validated at 3: 1; T2 (r 0.5, m 3) held
//               validated at 3: 1; (1 x 1 + 0.5 x 1) / 1.5 = 1      0.35
//   soft        S1 (m 0 counts as 1) held validated at 2: 1         0.08
//   languages   fr 4 <= 5: 1; en 2 <= 3: 1; 2 / 2                   0.08
//   education   ISCED 3 <= 4                                        0.07
//   experience  2 years: step 2; min(1, 3 / 2) = 1                  0.07
//   "unknown": the profile has data everywhere (0); "none": the offer asks
//   everywhere (0).                                         score 1.00
TEST_F(GoldenScore, EveryBlockAskedAndMet) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  ExpectScore(*scorer, FullProfile(), FullOffer(),
              {0.35, 0.35, 0.08, 0.08, 0.07, 0.07}, 1.0);
  const Explanation e = scorer->Explain(FullProfile(), FullOffer());
  for (const auto& b : e.blocks) {
    EXPECT_FALSE(b.no_data) << ToString(b.block);
    EXPECT_FALSE(b.no_requirement) << ToString(b.block);
  }
  EXPECT_EQ(e.closest_occupation, "O1");
  EXPECT_EQ(e.proximity_reason, ProximityReason::kSame);
  EXPECT_EQ(e.matched.size(), 3u);
}

// Case 2: skills held declared, below the level, through a related skill,
// and missing. Offer for O1 asking T1 (essential, m 2), T2 (essential, m 1),
// T3 (optional, m 0), T4 (essential, m 4); nothing else. Profile: target
// O1, T1 declared at 1, T4 validated at 2.
//   T1: declared 0.9, level 2 above the held 1: 0.9 x 0.5 = 0.45
//   T2: not held; related to T1 (similarity 1). The README gave
//       "0.5 x similarity" = 0.5; the code gives 0.5 x similarity x the
//       credit of the held skill (its best level: 0.9, declared) = 0.45.
//       The code is the intended rule (a skill only declared vouches for
//       less; scoring.cc has had it since the score was written, the README
//       line came later and left the factor out): README fixed.
//   T3: not held, related to nothing held (T3 is in O2 alone): 0
//   T4: validated 1, level 4 above the held 2: 0.5
//   skills = 0.35 x (1 x 0.45 + 1 x 0.45 + 0.5 x 0 + 1 x 0.5) / 3.5
//          = 0.35 x 1.4 / 3.5 = 0.35 x 0.4 = 0.14
//   occupation 0.35; soft, languages, education, experience not asked: 0.08,
//   0.08, 0.07, 0.07 ("none").                             score 0.79
TEST_F(GoldenScore, DeclaredLowerRelatedAndMissingSkills) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  Offer o;
  o.id = "offer-skills";
  o.occupation = "O1";
  o.skills = {
      {"T1", true, 2}, {"T2", true, 1}, {"T3", false, 0}, {"T4", true, 4}};
  Profile p = Targeting("O1");
  p.skills = {{"T1", 1, false}, {"T4", 2, true}};
  ExpectScore(*scorer, p, o, {0.35, 0.14, 0.08, 0.08, 0.07, 0.07}, 0.79);
  const Explanation e = scorer->Explain(p, o);
  EXPECT_TRUE(e.matched.empty());
  ASSERT_EQ(e.partial.size(), 3u);
  EXPECT_EQ(e.partial[0].skill_id, "T1");
  EXPECT_NEAR(e.partial[0].credit, 0.45, kTolerance);
  EXPECT_EQ(e.partial[1].skill_id, "T2");
  EXPECT_NEAR(e.partial[1].credit, 0.45, kTolerance);
  EXPECT_EQ(e.partial[1].via, "T1");
  EXPECT_EQ(e.partial[2].skill_id, "T4");
  EXPECT_NEAR(e.partial[2].credit, 0.5, kTolerance);
  ASSERT_EQ(e.missing.size(), 1u);
  EXPECT_EQ(e.missing[0].skill_id, "T3");
  EXPECT_FALSE(e.blocks[1].no_requirement);
  EXPECT_TRUE(e.blocks[2].no_requirement);
}

// Case 3: the occupation block as a weighted mean. Profile: targets O2,
// O3, past O4; offer O1 asking nothing else.
//   weights 1 (O2), 0.8 (O3), 0.5 (O4, past); sum 2.3
//   mean = (1 x P[O2][O1] + 0.8 x P[O3][O1] + 0.5 x P[O4][O1]) / 2.3
//        = (0.4 + 0.8 x 0.15 + 0.5 x 0) / 2.3 = 0.52 / 2.3 = 0.226087
//   occupation = 0.35 x 0.226087 = 0.079130
//   skills inferred from O1, no skills held: 0.175; the rest not asked 0.30
//                                                          score 0.554130
// The closest: O2 (1/2.3 x 0.4 = 0.174 against 0.8/2.3 x 0.15 = 0.052).
TEST_F(GoldenScore, OccupationIsTheWeightedMeanOfProximities) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  Profile p;
  p.id = "profile-mixed";
  p.target_occupations = {"O2", "O3"};
  p.past_occupations = {{"O4", 5}};
  ExpectScore(*scorer, p, OccupationOnly("O1"),
              {0.0791304, 0.175, 0.08, 0.08, 0.07, 0.07}, 0.5541304);
  const Explanation e = scorer->Explain(p, OccupationOnly("O1"));
  EXPECT_EQ(e.closest_occupation, "O2");
  EXPECT_NEAR(e.proximity, 0.4, kTolerance);
  EXPECT_EQ(e.proximity_reason, ProximityReason::kSameArea);
  // The same occupation as a target and a past one keeps its largest weight
  // (1, target): mean = 1 x P[O1][O1] / 1 = 1.   score 0.35 + 0.475 = 0.825
  Profile twice = Targeting("O1");
  twice.past_occupations = {{"O1", 2}};
  ExpectScore(*scorer, twice, OccupationOnly("O1"),
              {0.35, 0.175, 0.08, 0.08, 0.07, 0.07}, 0.825);
}

// Case 4: mobility links, the same area, the same domain, one way only.
// Offers ask only their occupation; score = 0.35 x P + 0.475 (skills
// inferred, no skills held: 0.175; the rest not asked: 0.30).
//   O1 -> O4 close rank 3: P 0.81,  0.2835  -> 0.7585
//   O2 -> O4 close rank 1: P 0.85,  0.2975  -> 0.7725
//   O3 -> O4 close rank 12: P 0.7 (floor), 0.245 -> 0.72
//   O1 -> O5 evolution: P 0.6,      0.21    -> 0.685
//   O4 -> O5 same area: P 0.4,      0.14    -> 0.615
//   O3 -> O1 same domain: P 0.15,   0.0525  -> 0.5275
//   O4 -> O1: no link that way, other domain: P 0 -> 0.475
TEST_F(GoldenScore, MobilityLinksAreaAndDomain) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  struct Case {
    const char* from;
    const char* to;
    double proximity;
    ProximityReason reason;
  };
  for (const Case& c :
       std::vector<Case>{{"O1", "O4", 0.81, ProximityReason::kCloseMobility},
                         {"O2", "O4", 0.85, ProximityReason::kCloseMobility},
                         {"O3", "O4", 0.7, ProximityReason::kCloseMobility},
                         {"O1", "O5", 0.6, ProximityReason::kEvolutionMobility},
                         {"O4", "O5", 0.4, ProximityReason::kSameArea},
                         {"O3", "O1", 0.15, ProximityReason::kSameDomain},
                         {"O4", "O1", 0.0, ProximityReason::kNone}}) {
    SCOPED_TRACE(std::string(c.from) + " -> " + c.to);
    const auto from = taxonomy_->FindNode(c.from);
    const auto to = taxonomy_->FindNode(c.to);
    EXPECT_NEAR(scorer->Proximity(from, to), c.proximity, kTolerance);
    EXPECT_EQ(scorer->ProximityWhy(from, to), c.reason);
    ExpectScore(*scorer, Targeting(c.from), OccupationOnly(c.to),
                {0.35 * c.proximity, 0.175, 0.08, 0.08, 0.07, 0.07},
                0.35 * c.proximity + 0.475);
  }
}

// Case 5: proximity from similar skills (the file comment works out S):
//   skill cosine 0.453235, S 0.399913, P[O6][O7] = 0.299935
//   occupation = 0.35 x 0.299935 = 0.104977; skills inferred from O7, none
//   held: 0.175; the rest not asked: 0.30;     score 0.579977
TEST_F(GoldenScore, ProximityFromSimilarSkills) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  const auto o6 = taxonomy_->FindNode("O6");
  const auto o7 = taxonomy_->FindNode("O7");
  EXPECT_NEAR(scorer->SkillCosine(o6, o7), 0.453235, kTolerance);
  EXPECT_NEAR(scorer->OccupationSimilarity(o6, o7), 0.399913, kTolerance);
  EXPECT_NEAR(scorer->Proximity(o6, o7), 0.299935, kTolerance);
  EXPECT_EQ(scorer->ProximityWhy(o6, o7), ProximityReason::kSkillProfile);
  // Nothing shared between O1 and O6: no similarity at all.
  EXPECT_EQ(scorer->OccupationSimilarity(taxonomy_->FindNode("O1"), o6), 0.0f);
  ExpectScore(*scorer, Targeting("O6"), OccupationOnly("O7"),
              {0.104977, 0.175, 0.08, 0.08, 0.07, 0.07}, 0.579977);
}

// Case 6: related skills across occupations, with a similarity below 1.
// Profile: target O6, T9 validated at 2. Offer O7 asking T7 and T10
// (essential, m 1).
//   T7: related to T9 with 0.707107: 0.5 x 0.707107 x 1 (validated) = 0.353553
//   T10: shares no occupation with T9: 0
//   skills = 0.35 x (0.353553 + 0) / 2 = 0.061872
//   occupation = 0.35 x P[O6][O7] = 0.104977
//   soft, languages, education, experience not asked: 0.30
//                                  score 0.30 + 0.061872 + 0.104977 = 0.466849
TEST_F(GoldenScore, RelatedSkillWithPartialSimilarity) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  Profile p = Targeting("O6");
  p.skills = {{"T9", 2, true}};
  Offer o = OccupationOnly("O7");
  o.skills = {{"T7", true, 1}, {"T10", true, 1}};
  ExpectScore(*scorer, p, o, {0.104977, 0.061872, 0.08, 0.08, 0.07, 0.07},
              0.466849);
  const Explanation e = scorer->Explain(p, o);
  ASSERT_EQ(e.partial.size(), 1u);
  EXPECT_EQ(e.partial[0].via, "T9");
  EXPECT_NEAR(e.partial[0].credit, 0.353553, kTolerance);
}

// Case 7: "unknown": a profile with no data at all against the offer that
// asks in every block. Each block gives no_data_credit x W = 0.5 x W:
//   0.175 + 0.175 + 0.04 + 0.04 + 0.035 + 0.035             score 0.5
// (no location either: missing locations are not filtered.)
TEST_F(GoldenScore, NoDataGivesHalfOfEveryBlock) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  Profile empty;
  empty.id = "profile-empty";
  ExpectScore(*scorer, empty, FullOffer(),
              {0.175, 0.175, 0.04, 0.04, 0.035, 0.035}, 0.5);
  const Explanation e = scorer->Explain(empty, FullOffer());
  for (const auto& b : e.blocks) {
    EXPECT_TRUE(b.no_data) << ToString(b.block);
    EXPECT_FALSE(b.no_requirement) << ToString(b.block);
  }
  // no_data_credit 0.2: 0.2 x the weights.                     score 0.2
  ScoringConfig config;
  config.no_data_credit = 0.2f;
  auto low = MakeScorer(config);
  ASSERT_NE(low, nullptr);
  ExpectScore(*low, empty, FullOffer(),
              {0.07, 0.07, 0.016, 0.016, 0.014, 0.014}, 0.2);
}

// Case 8: "none": an offer that asks nothing (no occupation, or only codes
// the taxonomy does not know, which are skipped) gives every block in full,
// whatever the profile:                                        score 1
TEST_F(GoldenScore, AnOfferThatAsksNothingGivesEveryBlock) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  Offer bare;
  bare.id = "offer-bare";
  Offer unknown_codes;
  unknown_codes.id = "offer-unknown-codes";
  unknown_codes.occupation = "Z9999";
  unknown_codes.skills = {{"T404", true, 2}};
  unknown_codes.soft_skills = {{"S404", true, 1}};
  Profile empty;
  empty.id = "profile-empty";
  for (const Offer& o : {bare, unknown_codes}) {
    for (const Profile& p : {FullProfile(), empty}) {
      ExpectScore(*scorer, p, o, {0.35, 0.35, 0.08, 0.08, 0.07, 0.07}, 1.0);
      const Explanation e = scorer->Explain(p, o);
      for (const auto& b : e.blocks) {
        EXPECT_TRUE(b.no_requirement) << ToString(b.block);
        EXPECT_FALSE(b.no_data) << ToString(b.block);
      }
    }
  }
}

// Case 9: languages, W / n each. Offer: fr 4, en 3, wo 2 (n = 3), nothing
// else (no occupation). Profile: fr 5 (1), en 2 (below 3: 0.5), no wo (0).
//   languages = 0.08 x (1 + 0.5 + 0) / 3 = 0.04
//   occupation, skills, soft, education, experience not asked: 0.92
//                                                             score 0.96
// A profile without languages: "unknown", 0.5 x 0.08 = 0.04: score 0.96 too.
TEST_F(GoldenScore, LanguagesShareMet) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  Offer o;
  o.id = "offer-languages";
  o.languages = {{"fr", 4}, {"en", 3}, {"wo", 2}};
  Profile p;
  p.id = "profile-languages";
  p.languages = {{"fr", 5}, {"en", 2}};
  ExpectScore(*scorer, p, o, {0.35, 0.35, 0.08, 0.04, 0.07, 0.07}, 0.96);
  Profile none;
  none.id = "profile-no-languages";
  ExpectScore(*scorer, none, o, {0.35, 0.35, 0.08, 0.04, 0.07, 0.07}, 0.96);
  // fr at exactly 4, en at 3, wo at 6: all met: 0.08.        score 1
  p.languages = {{"fr", 4}, {"en", 3}, {"wo", 6}};
  ExpectScore(*scorer, p, o, {0.35, 0.35, 0.08, 0.08, 0.07, 0.07}, 1.0);
}

// Case 10: education. Offer: ISCED 4, nothing else; the other blocks give
// 0.93. Profile at 4 or 5: 0.07; at 3 (one short): 0.035; at 2: 0;
// unknown: 0.5 x 0.07 = 0.035. An offer asking ISCED 0 asks nothing: 0.07
// even for a profile at 0.
TEST_F(GoldenScore, EducationLevels) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  Offer o;
  o.id = "offer-isced4";
  o.min_education = 4;
  auto with = [](std::optional<int> level) {
    Profile p;
    p.id = "profile-isced" + (level ? std::to_string(*level) : "-none");
    p.education_level = level;
    return p;
  };
  const Blocks rest = {0.35, 0.35, 0.08, 0.08, 0.0, 0.07};
  for (const auto& [level, education] :
       std::vector<std::pair<std::optional<int>, double>>{
           {4, 0.07},
           {5, 0.07},
           {3, 0.035},
           {2, 0.0},
           {0, 0.0},
           {std::nullopt, 0.035}}) {
    Blocks blocks = rest;
    blocks[static_cast<int>(Block::kEducation)] = education;
    ExpectScore(*scorer, with(level), o, blocks, 0.93 + education);
  }
  Offer zero;
  zero.id = "offer-isced0";
  zero.min_education = 0;
  ExpectScore(*scorer, with(0), zero, {0.35, 0.35, 0.08, 0.08, 0.07, 0.07},
              1.0);
}

// Case 11: experience, rounded down to a step (0.5, 1, 2, 3, 5, 8, 10, 15).
// Offer 4 years: step 3. Other blocks 0.93.
//   1.5 years: min(1, 1.5 / 3) = 0.5: 0.035;  3 years: 1: 0.07 (4 asked,
//   3 is the step);  0 years: 0;  unknown: 0.5 x 0.07 = 0.035
// Offer 20 years: step 15; 7.5 years: 0.5: 0.035.
// Offer 0.25 years: no step is <= 0.25, so the offer asks nothing ("none"):
// 0.07 even for 0 years. (Not said by the README: added there.)
TEST_F(GoldenScore, ExperienceSteps) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  auto offer = [](double years) {
    Offer o;
    o.id = "offer-" + std::to_string(years) + "y";
    o.min_experience_years = years;
    return o;
  };
  auto with = [](std::optional<double> years) {
    Profile p;
    p.id = "profile-" + (years ? std::to_string(*years) : "none") + "y";
    p.experience_years = years;
    return p;
  };
  const int exp = static_cast<int>(Block::kExperience);
  for (const auto& [asked, years, experience] :
       std::vector<std::tuple<double, std::optional<double>, double>>{
           {4, 1.5, 0.035},
           {4, 3, 0.07},
           {4, 0, 0.0},
           {4, std::nullopt, 0.035},
           {20, 7.5, 0.035},
           {20, 15, 0.07},
           {0.25, 0, 0.07}}) {
    Blocks blocks = {0.35, 0.35, 0.08, 0.08, 0.07, 0.0};
    blocks[exp] = experience;
    ExpectScore(*scorer, with(years), offer(asked), blocks, 0.93 + experience);
  }
}

// Case 12: block weights are normalised to sum to 1. Weights occupation 3,
// skills 1, the rest 0: 0.75 and 0.25. Case 2's pair (occupation P 1, skills
// share 0.4): 0.75 x 1 + 0.25 x 0.4 = 0.85; the blocks not asked bring 0
// (their weight is 0). All six weights 1 (1/6 each) on case 3's pair:
// 0.226087 / 6 + (skills inferred, none held) 0.5 / 6 + 4 / 6
// = 0.037681 + 0.083333 + 0.666667 = 0.787681.
TEST_F(GoldenScore, WeightsAreNormalised) {
  ScoringConfig config;
  config.weights = {3, 1, 0, 0, 0, 0};
  auto scorer = MakeScorer(config);
  ASSERT_NE(scorer, nullptr);
  Offer o;
  o.id = "offer-skills";
  o.occupation = "O1";
  o.skills = {
      {"T1", true, 2}, {"T2", true, 1}, {"T3", false, 0}, {"T4", true, 4}};
  Profile p = Targeting("O1");
  p.skills = {{"T1", 1, false}, {"T4", 2, true}};
  ExpectScore(*scorer, p, o, {0.75, 0.1, 0, 0, 0, 0}, 0.85);

  config.weights = {1, 1, 1, 1, 1, 1};
  auto equal = MakeScorer(config);
  ASSERT_NE(equal, nullptr);
  Profile mixed;
  mixed.id = "profile-mixed";
  mixed.target_occupations = {"O2", "O3"};
  mixed.past_occupations = {{"O4", 5}};
  const double sixth = 1.0 / 6;
  ExpectScore(*equal, mixed, OccupationOnly("O1"),
              {0.0376812, sixth / 2, sixth, sixth, sixth, sixth}, 0.7876812);
}

// Case 13: each hard filter, on case 1's pair (score 1 when it passes).
TEST_F(GoldenScore, EachHardFilter) {
  const Blocks full = {0.35, 0.35, 0.08, 0.08, 0.07, 0.07};
  ScoringConfig config;
  config.today = Date::Parse("2026-12-01");
  auto scorer = MakeScorer(config);
  ASSERT_NE(scorer, nullptr);
  const Profile p = FullProfile();

  // expired: before today only; the last day itself passes.
  Offer o = FullOffer();
  o.expires = "2026-11-30";
  ExpectFiltered(*scorer, p, o, FilterReason::kExpired);
  o.expires = "2026-12-01";
  ExpectScore(*scorer, p, o, full, 1.0);
  // With the expiry filter turned off, no expiry check (without `today` the
  // scorer takes the system date: the filter is never silently off).
  o.expires = "2020-01-01";
  ScoringConfig no_expiry;
  no_expiry.filter_expired = false;
  ExpectScore(*MakeScorer(no_expiry), p, o, full, 1.0);

  // licence: every required licence must be held.
  o = FullOffer();
  o.licences_required = {"B", "C"};
  Profile with_b = p;
  with_b.driving_licences = {"B"};
  ExpectFiltered(*scorer, with_b, o, FilterReason::kLicence);
  with_b.driving_licences = {"C", "B"};
  ExpectScore(*scorer, with_b, o, full, 1.0);
  // Two filters at once: the first in the order expired, licence, language,
  // location, occupation names it.
  o.expires = "2026-01-01";
  o.location.country = "CM";
  with_b.driving_licences.clear();
  ExpectFiltered(*scorer, with_b, o, FilterReason::kExpired);

  // language: off by default, then the level counts as a score (en 2
  // asked, 1 held: 0.5; languages 0.08 x 1.5 / 2 = 0.06; score 0.98); on,
  // the pair is removed.
  o = FullOffer();
  Profile weak_en = p;
  weak_en.languages = {{"fr", 5}, {"en", 1}};
  ExpectScore(*scorer, weak_en, o, {0.35, 0.35, 0.08, 0.06, 0.07, 0.07}, 0.98);
  ScoringConfig strict_languages = config;
  strict_languages.filter_language = true;
  auto strict = MakeScorer(strict_languages);
  ASSERT_NE(strict, nullptr);
  ExpectFiltered(*strict, weak_en, o, FilterReason::kLanguage);
  ExpectScore(*strict, p, o, full, 1.0);

  // location, another country: the profile in Senegal without mobility.
  o = FullOffer();
  o.location = {"CM", "Littoral", "Douala", std::nullopt, std::nullopt};
  ExpectFiltered(*scorer, p, o, FilterReason::kLocation);
  Profile abroad = p;
  abroad.mobility.international = true;  // countries empty: any
  ExpectScore(*scorer, abroad, o, full, 1.0);
  abroad.mobility.countries = {"GH"};
  ExpectFiltered(*scorer, abroad, o, FilterReason::kLocation);
  abroad.mobility.countries = {"GH", "CM"};
  ExpectScore(*scorer, abroad, o, full, 1.0);
  // Communities: SN and CI are both in ECOWAS; SN and CM share none; SN
  // and ML share WAEMU only (Mali left ECOWAS in 2025).
  Profile community = p;
  community.mobility.communities = {"ECOWAS"};
  ExpectFiltered(*scorer, community, o, FilterReason::kLocation);
  o.location = {"CI", "Abidjan", "Abidjan", std::nullopt, std::nullopt};
  ExpectScore(*scorer, community, o, full, 1.0);
  o.location = {"ML", "Bamako", "Bamako", std::nullopt, std::nullopt};
  ExpectFiltered(*scorer, community, o, FilterReason::kLocation);
  community.mobility.communities = {"WAEMU"};
  ExpectScore(*scorer, community, o, full, 1.0);

  // location, same country, another region: Dakar (14.6928, -17.4467) to
  // Thiès (14.7910, -16.9359). By hand: 0.0982° of latitude x 111.195 km =
  // 10.92 km; 0.5108° of longitude x 111.195 x cos(14.74°) (0.9671) =
  // 54.93 km; sqrt(10.92² + 54.93²) = 56.0 km (flat approximation of the
  // great circle, good to metres at this distance).
  o = FullOffer();
  o.location = {"SN", "Thiès", "Thiès", 14.7910, -16.9359};
  ExpectFiltered(*scorer, p, o, FilterReason::kLocation);
  Profile radius = p;
  radius.mobility.radius_km = 50;
  ExpectFiltered(*scorer, radius, o, FilterReason::kLocation);
  radius.mobility.radius_km = 60;
  ExpectScore(*scorer, radius, o, full, 1.0);
  // A radius but no coordinates on one side: passes (no data to decide on).
  radius.mobility.radius_km = 50;
  radius.location.lat.reset();
  radius.location.lon.reset();
  ExpectScore(*scorer, radius, o, full, 1.0);
  Profile national = p;
  national.mobility.national = true;
  ExpectScore(*scorer, national, o, full, 1.0);
  // Missing locations are not filtered.
  o.location = {};
  ExpectScore(*scorer, p, o, full, 1.0);

  // occupation: off by default; with 0.4, P[O3][O1] = 0.15 is removed,
  // P[O2][O1] = 0.4 stays (score 0.35 x 0.4 + 0.475 = 0.615), and a profile
  // with no occupation is never removed (unknown: 0.175 + 0.475 = 0.65).
  ScoringConfig near = config;
  near.min_occupation_proximity = 0.4f;
  auto nearby = MakeScorer(near);
  ASSERT_NE(nearby, nullptr);
  ExpectScore(*scorer, Targeting("O3"), OccupationOnly("O1"),
              {0.0525, 0.175, 0.08, 0.08, 0.07, 0.07}, 0.5275);
  ExpectFiltered(*nearby, Targeting("O3"), OccupationOnly("O1"),
                 FilterReason::kOccupation);
  ExpectScore(*nearby, Targeting("O2"), OccupationOnly("O1"),
              {0.14, 0.175, 0.08, 0.08, 0.07, 0.07}, 0.615);
  Profile no_occupation;
  no_occupation.id = "profile-no-occupation";
  ExpectScore(*nearby, no_occupation, OccupationOnly("O1"),
              {0.175, 0.175, 0.08, 0.08, 0.07, 0.07}, 0.65);
}

// Case 14: protected attributes are never read: case 1's pair with every
// protected attribute set scores 1 the same.
TEST_F(GoldenScore, ProtectedAttributesAreNotRead) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  Profile p = FullProfile();
  p.protected_attributes = {"f", "55+", true, true};
  ExpectScore(*scorer, p, FullOffer(), {0.35, 0.35, 0.08, 0.08, 0.07, 0.07},
              1.0);
}

// Case 15: a block never brings more than its weight. Found while writing
// these cases (issue 12): a soft skill listed among the profile's `skills`
// counted for the offer's soft requirement while the empty `soft_skills`
// list also earned the "unknown" share. Case 1's pair with S1 moved from
// soft_skills to skills gave
//   soft = 0.08 x 1 (S1 held, validated at 2) + 0.5 x 0.08 (unknown) = 0.12
//   score = 1.04
// The rule now: a claim counts for the block of its skill's kind, whichever
// list holds it, and "unknown" only when the profile claims no skill of that
// kind in either list. So here: soft = 0.08 x 1, no "unknown"; skills
// T1 and T2 as in case 1: 0.35.                              score 1.00
TEST_F(GoldenScore, ABlockNeverBringsMoreThanItsWeight) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  Profile p = FullProfile();
  p.skills.push_back(p.soft_skills[0]);
  p.soft_skills.clear();
  const Explanation e = scorer->Explain(p, FullOffer());
  for (const auto& b : e.blocks) {
    EXPECT_LE(b.contribution, b.weight + kTolerance) << ToString(b.block);
  }
  EXPECT_LE(scorer->Score(p, FullOffer()), 1.0 + kTolerance);
}

// Case 15, the exact values. Each of these broke or could break the bound
// before the rule (the first three) or asked the wrong block (the last).
TEST_F(GoldenScore, SkillsCountInTheBlockOfTheirKind) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  const Blocks full = {0.35, 0.35, 0.08, 0.08, 0.07, 0.07};
  // (a) S1 (soft) among the profile's skills: soft 0.08, not 0.12.
  Profile soft_in_skills = FullProfile();
  soft_in_skills.id = "profile-soft-in-skills";
  soft_in_skills.skills.push_back(soft_in_skills.soft_skills[0]);
  soft_in_skills.soft_skills.clear();
  ExpectScore(*scorer, soft_in_skills, FullOffer(), full, 1.0);
  const Explanation e = scorer->Explain(soft_in_skills, FullOffer());
  EXPECT_FALSE(e.blocks[2].no_data);
  // (b) T1 and T2 (technical) among the soft skills, S1 among the skills:
  // every claim in the other list; the same score.
  Profile swapped = FullProfile();
  swapped.id = "profile-swapped";
  std::swap(swapped.skills, swapped.soft_skills);
  ExpectScore(*scorer, swapped, FullOffer(), full, 1.0);
  // (c) Related skills stay within a kind. A profile with T1 and T2 only,
  // related_skill_credit 1: S1 (soft, similarity 1 with T1 in O1) used to
  // get 1 x 1 x 1 from T1 on top of the "unknown" 0.5: soft 0.08 + 0.04 =
  // 0.12. Now: no soft claim, so "unknown" only: 0.04.
  //   score 0.35 + 0.35 + 0.04 + 0.08 + 0.07 + 0.07 = 0.96
  ScoringConfig generous;
  generous.related_skill_credit = 1.0f;
  auto related = MakeScorer(generous);
  ASSERT_NE(related, nullptr);
  Profile technical_only = FullProfile();
  technical_only.id = "profile-technical-only";
  technical_only.soft_skills.clear();
  ExpectScore(*related, technical_only, FullOffer(),
              {0.35, 0.35, 0.04, 0.08, 0.07, 0.07}, 0.96);
  // (d) The offer's lists: S1 asked among the offer's skills is a soft
  // requirement (soft 0.08 for the profile holding it); the skills block
  // asks T1 and T2 alone (0.35). Before, S1 weighed in the skills block
  // and the soft block was "not asked".                        score 1.00
  Offer soft_asked_as_skill = FullOffer();
  soft_asked_as_skill.id = "offer-soft-in-skills";
  soft_asked_as_skill.skills.push_back(soft_asked_as_skill.soft_skills[0]);
  soft_asked_as_skill.soft_skills.clear();
  ExpectScore(*scorer, FullProfile(), soft_asked_as_skill, full, 1.0);
  EXPECT_FALSE(scorer->Explain(FullProfile(), soft_asked_as_skill)
                   .blocks[2]
                   .no_requirement);
  // Without S1: soft 0, skills still 0.35.                     score 0.92
  Profile no_s1 = FullProfile();
  no_s1.id = "profile-no-s1";
  no_s1.soft_skills = {{"S2", 3, true}};
  ExpectScore(*scorer, no_s1, soft_asked_as_skill,
              {0.35, 0.35, 0.0, 0.08, 0.07, 0.07}, 0.92);
}

// Case 16: sparse offers (issue 13). An offer for O1 that lists no skill:
// O1's essential technical skills, T1 and T2, stand in for them (S1 is
// optional in O1, so nothing is inferred for the soft block: "not asked").
//   (a) accountant (target O4, T5 validated at 3): T1 and T2 not held, not
//       related to T5 (no shared occupation): skills 0; occupation
//       P[O4][O1] = 0; soft, languages, education, experience not asked:
//       0.30.                                                  score 0.30
//       Before inference the skills block was "not asked": 0.65, above
//   (b) an offer of the accountant's own area (O5, P[O4][O5] = 0.4) asking
//       T6, which the accountant lacks: 0.35 x 0.4 = 0.14 + 0 + 0.30
//                                                              score 0.44
//       The unrelated sparse offer now ranks below the related one.
//   (c) a mason (target O1, T1 validated at 3): T1 1; T2 related to T1
//       (similarity 1): 0.5 x 1 x 1 = 0.5; skills 0.35 x 1.5 / 2 = 0.2625;
//       occupation 0.35.             score 0.35 + 0.2625 + 0.30 = 0.9125
//   (d) inferred_skills_weight 0.5: half the block "not asked" (0.175),
//       half judged on T1 and T2: the accountant 0.175 + 0 = 0.175, score
//       0.475, still above (b)'s 0.44: why the default is 1; the mason
//       0.175 + 0.175 x 0.75 = 0.30625, score 0.95625; a profile with no
//       skills 0.175 + 0.175 x 0.5 (unknown) = 0.2625.
//   (e) inferred_skills_weight 0: no inference, the block "not asked":
//       the accountant 0.35, score 0.65 (the old behaviour).
TEST_F(GoldenScore, SparseOfferSkillsAreInferredFromItsOccupation) {
  auto scorer = MakeScorer();
  ASSERT_NE(scorer, nullptr);
  Profile accountant = Targeting("O4");
  accountant.skills = {{"T5", 3, true}};
  const Offer sparse = OccupationOnly("O1");
  ExpectScore(*scorer, accountant, sparse, {0.0, 0.0, 0.08, 0.08, 0.07, 0.07},
              0.30);
  Offer related = OccupationOnly("O5");
  related.skills = {{"T6", true, 0}};
  ExpectScore(*scorer, accountant, related, {0.14, 0.0, 0.08, 0.08, 0.07, 0.07},
              0.44);
  EXPECT_LT(scorer->Score(accountant, sparse), scorer->Score(accountant, related));

  Profile mason = Targeting("O1");
  mason.skills = {{"T1", 3, true}};
  ExpectScore(*scorer, mason, sparse, {0.35, 0.2625, 0.08, 0.08, 0.07, 0.07},
              0.9125);
  const Explanation e = scorer->Explain(mason, sparse);
  EXPECT_TRUE(e.blocks[1].inferred);
  EXPECT_FALSE(e.blocks[1].no_requirement);
  EXPECT_FALSE(e.blocks[2].inferred);  // no essential soft skill in O1
  EXPECT_TRUE(e.blocks[2].no_requirement);
  ASSERT_EQ(e.matched.size(), 1u);
  EXPECT_EQ(e.matched[0].skill_id, "T1");
  EXPECT_TRUE(e.matched[0].inferred);
  ASSERT_EQ(e.partial.size(), 1u);
  EXPECT_EQ(e.partial[0].skill_id, "T2");
  EXPECT_EQ(e.partial[0].via, "T1");
  EXPECT_TRUE(e.partial[0].inferred);
  const auto json = e.ToJson();
  EXPECT_EQ(json["blocks"][1]["inferred_from_occupation"], true);
  EXPECT_FALSE(json["blocks"][1].contains("no_requirement"));
  EXPECT_EQ(json["matched_skills"][0]["inferred_from_occupation"], true);
  // Skills the offer asks are never marked inferred.
  const Explanation asked = scorer->Explain(mason, related);
  EXPECT_FALSE(asked.blocks[1].inferred);
  for (const auto& s : asked.missing) EXPECT_FALSE(s.inferred);

  ScoringConfig half;
  half.inferred_skills_weight = 0.5f;
  auto halved = MakeScorer(half);
  ASSERT_NE(halved, nullptr);
  ExpectScore(*halved, accountant, sparse,
              {0.0, 0.175, 0.08, 0.08, 0.07, 0.07}, 0.475);
  ExpectScore(*halved, mason, sparse,
              {0.35, 0.30625, 0.08, 0.08, 0.07, 0.07}, 0.95625);
  Profile no_skills = Targeting("O1");
  ExpectScore(*halved, no_skills, sparse,
              {0.35, 0.2625, 0.08, 0.08, 0.07, 0.07}, 0.9125);
  const Explanation h = halved->Explain(no_skills, sparse);
  EXPECT_TRUE(h.blocks[1].inferred);
  EXPECT_TRUE(h.blocks[1].no_data);
  EXPECT_FALSE(h.blocks[1].no_requirement);

  ScoringConfig off;
  off.inferred_skills_weight = 0.0f;
  auto no_inference = MakeScorer(off);
  ASSERT_NE(no_inference, nullptr);
  ExpectScore(*no_inference, accountant, sparse,
              {0.0, 0.35, 0.08, 0.08, 0.07, 0.07}, 0.65);
  EXPECT_TRUE(no_inference->Explain(accountant, sparse).blocks[1].no_requirement);
  // A code the taxonomy does not know asks nothing: the occupation's skills
  // are inferred all the same (the mason's 0.9125), and the unknown code is
  // listed missing but not marked inferred.
  Offer unknown_code = sparse;
  unknown_code.id = "offer-unknown-skill";
  unknown_code.skills = {{"T404", true, 0}};
  ExpectScore(*scorer, mason, unknown_code,
              {0.35, 0.2625, 0.08, 0.08, 0.07, 0.07}, 0.9125);
  const Explanation u = scorer->Explain(mason, unknown_code);
  EXPECT_TRUE(u.blocks[1].inferred);
  ASSERT_EQ(u.missing.size(), 1u);
  EXPECT_EQ(u.missing[0].skill_id, "T404");
  EXPECT_FALSE(u.missing[0].inferred);
  EXPECT_TRUE(u.matched.at(0).inferred);
  // An offer with no known occupation has nothing to infer from: "not asked".
  Offer no_occupation;
  no_occupation.id = "offer-no-occupation";
  ExpectScore(*scorer, accountant, no_occupation,
              {0.35, 0.35, 0.08, 0.08, 0.07, 0.07}, 1.0);
}

}  // namespace
}  // namespace skillmatch::engine
