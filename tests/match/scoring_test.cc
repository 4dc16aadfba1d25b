#include "skillmatch/match/scoring.h"

#include <gtest/gtest.h>

#include <cmath>

#include "skillmatch/classification/bundle.h"
#include "support/sample_taxonomy.h"

namespace skillmatch::engine {
namespace {

using classification::NodeIndex;
using classification::Taxonomy;
using skillmatch::testing::SampleTaxonomy;

class Scoring : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tax_ = &SampleTaxonomy();
    auto scorer = Scorer::Create(*tax_, ScoringConfig());
    ASSERT_TRUE(scorer.ok()) << scorer.status().message();
    scorer_ = scorer->release();
  }
  static void TearDownTestSuite() { delete scorer_; }

  // A mason in Cotonou who holds every skill F1701 (Maçonnerie) lists.
  static Profile Mason() {
    Profile p;
    p.id = "p-mason";
    p.target_occupations = {"F1701"};
    for (const auto& link : tax_->SkillsOf(tax_->FindNode("F1701"))) {
      const auto& skill = tax_->skill(link.skill);
      SkillClaim claim{skill.id, 3, true};
      (skill.kind == classification::SkillKind::kSoft ? p.soft_skills : p.skills)
          .push_back(claim);
    }
    p.languages = {{"fr", 4}, {"fon", 6}};
    p.education_level = 3;
    p.experience_years = 6;
    p.location = {"BJ", "Littoral", "Cotonou", 6.37, 2.39};
    return p;
  }
  // An offer for F1701 asking its essential skills.
  static Offer MasonOffer() {
    Offer o;
    o.id = "o-mason";
    o.occupation = "F1701";
    for (const auto& link : tax_->SkillsOf(tax_->FindNode("F1701"))) {
      const auto& skill = tax_->skill(link.skill);
      RequiredSkill req{skill.id, link.relation == classification::SkillRelation::kEssential, 2};
      (skill.kind == classification::SkillKind::kSoft ? o.soft_skills : o.skills)
          .push_back(req);
    }
    o.languages = {{"fr", 3}};
    o.min_education = 2;
    o.min_experience_years = 3;
    o.location = {"BJ", "Littoral", "Cotonou", 6.37, 2.39};
    return o;
  }
  static const Taxonomy* tax_;
  static Scorer* scorer_;
};
const Taxonomy* Scoring::tax_ = nullptr;
Scorer* Scoring::scorer_ = nullptr;

float SumOfBlocks(const Explanation& e) {
  float sum = 0;
  for (const auto& b : e.blocks) sum += b.contribution;
  return sum;
}

TEST_F(Scoring, AFullMatchScoresOne) {
  ASSERT_NE(scorer_, nullptr);
  Explanation e = scorer_->Explain(Mason(), MasonOffer());
  EXPECT_NEAR(e.score, 1.0f, 1e-5);
  EXPECT_NEAR(scorer_->Score(Mason(), MasonOffer()), 1.0f, 1e-5);
  EXPECT_TRUE(e.missing.empty());
  EXPECT_TRUE(e.partial.empty());
  EXPECT_EQ(e.closest_occupation, "F1701");
  EXPECT_EQ(e.proximity_reason, ProximityReason::kSame);
}

TEST_F(Scoring, ScoreIsTheInnerProductAndTheExplanationAddsUp) {
  ASSERT_NE(scorer_, nullptr);
  // Pairs built by varying the mason: other targets, fewer skills, lower
  // levels, missing data.
  std::vector<Profile> profiles;
  const std::vector<std::string> targets = {"F1701", "F1702", "N1301", "M1201",
                                            "F1201"};
  for (size_t t = 0; t < targets.size(); ++t) {
    for (int variant = 0; variant < 4; ++variant) {
      Profile p = Mason();
      p.id = "p" + std::to_string(t) + "-" + std::to_string(variant);
      p.target_occupations = {targets[t]};
      if (variant >= 1) p.skills.resize(p.skills.size() / 2);
      if (variant >= 2) {
        for (auto& claim : p.skills) claim.level = 1;
        p.education_level.reset();
      }
      if (variant == 3) {
        p.soft_skills.clear();
        p.languages.clear();
        p.experience_years = 1;
        p.past_occupations = {{"F1702", 4}};
      }
      profiles.push_back(p);
    }
  }
  std::vector<Offer> offers = {MasonOffer()};
  for (const std::string& code : targets) {
    Offer o = MasonOffer();
    o.id = "o-" + code;
    o.occupation = code;
    offers.push_back(o);
  }
  Offer bare;
  bare.id = "o-bare";
  bare.occupation = "F1702";
  offers.push_back(bare);
  for (const Profile& p : profiles) {
    for (const Offer& o : offers) {
      const float score = scorer_->Score(p, o);
      EXPECT_NEAR(score, Dot(scorer_->Phi(p), scorer_->Psi(o)), 1e-6)
          << p.id << " " << o.id;
      Explanation e = scorer_->Explain(p, o);
      EXPECT_NEAR(e.score, score, 1e-6) << p.id << " " << o.id;
      EXPECT_NEAR(SumOfBlocks(e), score, 1e-6) << p.id << " " << o.id;
      EXPECT_GE(score, 0.0f);
      EXPECT_LE(score, 1.0f + 1e-6f);
      for (const auto& b : e.blocks) {
        EXPECT_LE(b.contribution, b.weight + 1e-6f) << ToString(b.block);
      }
    }
  }
}

TEST_F(Scoring, MissingDataIsNeutralAndFlagged) {
  ASSERT_NE(scorer_, nullptr);
  Profile p = Mason();
  p.education_level.reset();
  Explanation e = scorer_->Explain(p, MasonOffer());
  const auto& edu = e.blocks[static_cast<size_t>(Block::kEducation)];
  EXPECT_TRUE(edu.no_data);
  EXPECT_NEAR(edu.contribution,
              scorer_->config().no_data_credit * edu.weight, 1e-6);
  // An offer asking nothing gives the block in full, flagged.
  Offer o = MasonOffer();
  o.min_education.reset();
  Explanation full = scorer_->Explain(p, o);
  const auto& edu_full = full.blocks[static_cast<size_t>(Block::kEducation)];
  EXPECT_TRUE(edu_full.no_requirement);
  EXPECT_NEAR(edu_full.contribution, edu_full.weight, 1e-6);
}

TEST_F(Scoring, ProtectedAttributesNeverChangeTheScore) {
  ASSERT_NE(scorer_, nullptr);
  Profile a = Mason();
  Profile b = Mason();
  a.protected_attributes = {"f", "15-24", true, true};
  b.protected_attributes = {"m", "55+", false, false};
  EXPECT_EQ(scorer_->Phi(a), scorer_->Phi(b));
  EXPECT_EQ(scorer_->Score(a, MasonOffer()), scorer_->Score(b, MasonOffer()));
}

TEST_F(Scoring, LevelsAndRelatedSkillsGivePartialCredit) {
  ASSERT_NE(scorer_, nullptr);
  Profile p = Mason();
  for (auto& claim : p.skills) claim.level = 1;  // offer asks level 2
  Explanation e = scorer_->Explain(p, MasonOffer());
  EXPECT_FALSE(e.partial.empty());
  for (const auto& sm : e.partial) {
    EXPECT_GT(sm.credit, 0.0f);
    EXPECT_LT(sm.credit, 1.0f);
  }
  EXPECT_LT(e.score, 1.0f);
  EXPECT_GT(e.score, scorer_->Score(Profile{.id = "empty"}, MasonOffer()));
}

TEST_F(Scoring, MoreSkillsNeverLowerTheScore) {
  ASSERT_NE(scorer_, nullptr);
  Profile p = Mason();
  p.skills.resize(2);
  float before = scorer_->Score(p, MasonOffer());
  for (const auto& claim : Mason().skills) {
    p.skills.push_back(claim);
    float after = scorer_->Score(p, MasonOffer());
    EXPECT_GE(after, before - 1e-6f);
    before = after;
  }
}

TEST_F(Scoring, OccupationProximityAndItsReason) {
  ASSERT_NE(scorer_, nullptr);
  NodeIndex mason = tax_->FindNode("F1701");
  NodeIndex concrete = tax_->FindNode("F1702");
  EXPECT_FLOAT_EQ(scorer_->Proximity(mason, mason), 1.0f);
  EXPECT_EQ(scorer_->ProximityWhy(mason, concrete), ProximityReason::kCloseMobility);
  EXPECT_FLOAT_EQ(scorer_->Proximity(mason, concrete),
                  scorer_->config().proximity_close_first);
  auto similar = scorer_->SimilarOccupations(mason, 5, false);
  ASSERT_EQ(similar.size(), 5u);
  EXPECT_EQ(tax_->node(similar[0].first).code, "F1702");
  for (size_t rank = 1; rank < similar.size(); ++rank) {
    EXPECT_GE(similar[rank - 1].second, similar[rank].second);
  }
  auto by_skills = scorer_->SimilarOccupations(mason, 3, true);
  ASSERT_FALSE(by_skills.empty());
  EXPECT_LE(by_skills[0].second, 1.0f);
  // A profile aiming at F1702 applying to F1701 goes through its mobility.
  Profile p = Mason();
  p.target_occupations = {"F1702"};
  Explanation e = scorer_->Explain(p, MasonOffer());
  EXPECT_EQ(e.closest_occupation, "F1702");
}

TEST_F(Scoring, MinimumOccupationProximityRemovesDistantOffersOnly) {
  ScoringConfig config;
  config.min_occupation_proximity = 0.4f;
  auto strict = Scorer::Create(*tax_, config);
  ASSERT_TRUE(strict.ok());
  const Scorer& s = **strict;
  Profile mason = Mason();
  Offer offer = MasonOffer();
  EXPECT_EQ(s.Filter(mason, offer), FilterReason::kNone);
  offer.occupation = "F1702";  // a close mobility link
  EXPECT_EQ(s.Filter(mason, offer), FilterReason::kNone);
  NodeIndex mason_node = tax_->FindNode("F1701");
  // The first occupation of another domain, far from masonry.
  std::string distant;
  for (NodeIndex other : tax_->occupations()) {
    if (tax_->node(other).code[0] != 'F' &&
        s.Proximity(mason_node, other) < config.min_occupation_proximity) {
      distant = tax_->node(other).code;
      break;
    }
  }
  ASSERT_FALSE(distant.empty());
  offer.occupation = distant;
  EXPECT_EQ(s.Filter(mason, offer), FilterReason::kOccupation);
  EXPECT_EQ(ToString(FilterReason::kOccupation), "occupation");
  EXPECT_EQ(s.Score(mason, offer), 0.0f);
  EXPECT_EQ(s.Explain(mason, offer).filtered, FilterReason::kOccupation);
  // The default scorer keeps it, with a low score.
  EXPECT_EQ(scorer_->Filter(mason, offer), FilterReason::kNone);
  EXPECT_GT(scorer_->Score(mason, offer), 0.0f);
  // A past occupation close to the offer's lets it through.
  Profile changing = mason;
  changing.past_occupations = {{distant, 4}};
  EXPECT_EQ(s.Filter(changing, offer), FilterReason::kNone);
  // No occupation on either side: no data, not removed.
  Profile unknown = mason;
  unknown.target_occupations.clear();
  EXPECT_EQ(s.Filter(unknown, offer), FilterReason::kNone);
  offer.occupation.clear();
  EXPECT_EQ(s.Filter(mason, offer), FilterReason::kNone);
}

TEST_F(Scoring, FiltersSayWhichOneRemovedThePair) {
  ASSERT_NE(scorer_, nullptr);
  Offer o = MasonOffer();
  o.licences_required = {"B"};
  EXPECT_EQ(scorer_->Filter(Mason(), o), FilterReason::kLicence);
  EXPECT_EQ(scorer_->Score(Mason(), o), 0.0f);
  Profile driver = Mason();
  driver.driving_licences = {"B"};
  EXPECT_EQ(scorer_->Filter(driver, o), FilterReason::kNone);

  Offer lome = MasonOffer();
  lome.location = {"TG", "Maritime", "Lomé", 6.13, 1.22};
  EXPECT_EQ(scorer_->Filter(Mason(), lome), FilterReason::kLocation);
  Profile ecowas = Mason();
  ecowas.mobility.communities = {"ECOWAS"};
  EXPECT_EQ(scorer_->Filter(ecowas, lome), FilterReason::kNone);
  Profile cemac = Mason();
  cemac.mobility.communities = {"CEMAC"};
  EXPECT_EQ(scorer_->Filter(cemac, lome), FilterReason::kLocation);

  Offer parakou = MasonOffer();
  parakou.location = {"BJ", "Borgou", "Parakou", 9.34, 2.63};
  EXPECT_EQ(scorer_->Filter(Mason(), parakou), FilterReason::kLocation);
  Profile radius = Mason();
  radius.mobility.radius_km = 100;  // Cotonou-Parakou is about 330 km
  EXPECT_EQ(scorer_->Filter(radius, parakou), FilterReason::kLocation);
  radius.mobility.radius_km = 400;
  EXPECT_EQ(scorer_->Filter(radius, parakou), FilterReason::kNone);
  Profile national = Mason();
  national.mobility.national = true;
  EXPECT_EQ(scorer_->Filter(national, parakou), FilterReason::kNone);

  ScoringConfig dated;
  dated.today = Date::Parse("2026-11-22");
  auto scorer = Scorer::Create(*tax_, dated);
  ASSERT_TRUE(scorer.ok());
  Offer old = MasonOffer();
  old.expires = "2026-10-31";
  EXPECT_EQ((*scorer)->Filter(Mason(), old), FilterReason::kExpired);
  EXPECT_EQ((*scorer)->Explain(Mason(), old).score, 0.0f);
}

TEST(ScoringConfig, ReadsJsonAndRejectsUnknownKeys) {
  auto config = ScoringConfig::FromJson(
      nlohmann::json::parse(R"({"weights": {"skills": 0.5, "occupation": 0.2},
                                "filter_language": true, "today": "2026-01-01"})"),
      "w.json");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_FLOAT_EQ(config->weights[static_cast<size_t>(Block::kSkills)], 0.5f);
  EXPECT_TRUE(config->filter_language);
  auto round = ScoringConfig::FromJson(config->ToJson(), "w.json");
  ASSERT_TRUE(round.ok()) << round.status().message();
  EXPECT_EQ(round->ToJson(), config->ToJson());

  auto message = [](const char* text) {
    auto result = ScoringConfig::FromJson(nlohmann::json::parse(text), "w.json");
    return result.ok() ? std::string("(ok)") : result.status().message();
  };
  EXPECT_EQ(message(R"({"wieghts": {}})"), "w.json: unknown key 'wieghts'");
  EXPECT_EQ(message(R"({"weights": {"salary": 1}})"),
            "w.json: weights: unknown block 'salary'");
  EXPECT_EQ(message(R"({"no_data_credit": "half"})"),
            "w.json: no_data_credit: expected a number, got \"half\"");
}

// The documented [0, 1] score holds only if credits, relative weights,
// proximities and thresholds lie in [0, 1]; block weights are normalised,
// so any >= 0 with a positive sum will do.
TEST(ScoringConfig, RangesKeepTheScoreInZeroOne) {
  auto message = [](const char* text) {
    auto result = ScoringConfig::FromJson(nlohmann::json::parse(text), "weights.json");
    return result.ok() ? std::string("(ok)") : result.status().message();
  };
  for (const char* key :
       {"no_data_credit", "optional_weight", "lower_level_credit", "declared_credit",
        "related_skill_credit", "related_min_similarity", "next_target_weight",
        "past_occupation_weight", "proximity_close_first", "proximity_close_step",
        "proximity_close_floor", "proximity_evolution", "proximity_skills",
        "proximity_same_area", "proximity_same_domain", "education_one_below_credit",
        "min_occupation_proximity"}) {
    const std::string name(key);
    EXPECT_EQ(message(("{\"" + name + "\": 1.5}").c_str()),
              "weights.json: " + name + ": expected a number in [0, 1], got 1.5");
    EXPECT_EQ(message(("{\"" + name + "\": -0.1}").c_str()),
              "weights.json: " + name + ": expected a number in [0, 1], got -0.1");
    EXPECT_EQ(message(("{\"" + name + "\": 1}").c_str()), "(ok)");
    EXPECT_EQ(message(("{\"" + name + "\": 0}").c_str()), "(ok)");
  }
  EXPECT_EQ(message(R"({"weights": {"skills": -1}})"),
            "weights.json: weights.skills: expected a number >= 0, got -1");
  EXPECT_EQ(message(R"({"weights": {"skills": 2, "occupation": 3}})"), "(ok)");
  EXPECT_EQ(message(R"({"weights": {"skills": 1e39}})"),
            "weights.json: weights.skills: expected a number >= 0, got 1e+39");
  EXPECT_EQ(message(R"({"weights": {"occupation": 0, "skills": 0, "soft_skills": 0,
                                    "languages": 0, "education": 0, "experience": 0}})"),
            "weights.json: weights: expected at least one block weight > 0, got "
            "{\"education\":0,\"experience\":0,\"languages\":0,\"occupation\":0,"
            "\"skills\":0,\"soft_skills\":0}");
  EXPECT_EQ(message(R"({"skill_words_weight": 2})"), "(ok)");
  EXPECT_EQ(message(R"({"title_words_weight": -1})"),
            "weights.json: title_words_weight: expected a number >= 0, got -1");
  // today: a real day, or null for the system date.
  EXPECT_EQ(message(R"({"today": "22/11/2026"})"),
            "weights.json: today: expected a date YYYY-MM-DD, got \"22/11/2026\"");
  EXPECT_EQ(message(R"({"today": "2026-02-29"})"),
            "weights.json: today: expected a date YYYY-MM-DD, got \"2026-02-29\"");
  EXPECT_EQ(message(R"({"today": 20261122})"),
            "weights.json: today: expected a date YYYY-MM-DD, got 20261122");
  EXPECT_EQ(message(R"({"today": null})"), "(ok)");
}

// No day given: the scorer judges expiry on the system date, never "no
// expiry check"; filter_expired = false is the one way to turn it off.
TEST_F(Scoring, ExpiryDefaultsToTheSystemDate) {
  auto scorer = Scorer::Create(*tax_, ScoringConfig());
  ASSERT_TRUE(scorer.ok());
  ASSERT_TRUE((*scorer)->config().today.has_value());
  const Date today = Date::Today();
  // The day may turn between the two calls.
  EXPECT_LE(DaysBetween(*(*scorer)->config().today, today), 1);
  EXPECT_GE(DaysBetween(*(*scorer)->config().today, today), 0);
  Offer yesterday = MasonOffer();
  yesterday.expires = today.AddDays(-2).ToString();
  EXPECT_EQ((*scorer)->Filter(Mason(), yesterday), FilterReason::kExpired);
  Offer later = MasonOffer();
  later.expires = today.AddDays(30).ToString();
  EXPECT_EQ((*scorer)->Filter(Mason(), later), FilterReason::kNone);
  EXPECT_EQ((*scorer)->config().ToJson()["today"],
            (*scorer)->config().today->ToString());

  ScoringConfig off;
  off.filter_expired = false;
  auto unfiltered = Scorer::Create(*tax_, off);
  ASSERT_TRUE(unfiltered.ok());
  EXPECT_EQ((*unfiltered)->Filter(Mason(), yesterday), FilterReason::kNone);
}

// A closed offer (filled, withdrawn...) is never proposed from the day it
// closed; the day before, it still is (a past day replayed). The retrieval
// paths read the same keys (FilterKeys::Of), so they drop it too.
TEST_F(Scoring, AClosedOfferIsFilteredFromTheDayItClosed) {
  ScoringConfig config;
  config.today = *Date::Parse("2026-03-10");
  auto scorer = Scorer::Create(*tax_, config);
  ASSERT_TRUE(scorer.ok());
  Offer offer = MasonOffer();
  offer.closed = "2026-03-10";
  offer.closing_reason = "filled";
  EXPECT_EQ((*scorer)->Filter(Mason(), offer), FilterReason::kClosed);
  EXPECT_EQ((*scorer)->Filter(Mason(), FilterKeys::Of(offer)), FilterReason::kClosed);
  EXPECT_EQ(ToString(FilterReason::kClosed), "closed");
  offer.closed = "2026-03-11";
  EXPECT_EQ((*scorer)->Filter(Mason(), offer), FilterReason::kNone);

  config.filter_closed = false;
  auto unfiltered = Scorer::Create(*tax_, config);
  ASSERT_TRUE(unfiltered.ok());
  offer.closed = "2026-01-02";
  EXPECT_EQ((*unfiltered)->Filter(Mason(), offer), FilterReason::kNone);
  EXPECT_EQ((*unfiltered)->config().ToJson()["filter_closed"], false);
}

// Community membership is judged on the scoring day: a jobseeker of Bamako
// open to ECOWAS could take an offer in Dakar until Mali left on
// 2025-01-29; WAEMU still holds both.
TEST_F(Scoring, CommunityMembershipIsDated) {
  Profile bamako = Mason();
  bamako.location = {"ML", "Bamako", "Bamako", 12.64, -8.00};
  bamako.mobility.communities = {"ECOWAS"};
  Offer dakar = MasonOffer();
  dakar.location = {"SN", "Dakar", "Dakar", 14.72, -17.47};
  auto on = [&](const char* day, const Profile& profile) {
    ScoringConfig config;
    config.today = Date::Parse(day);
    auto scorer = Scorer::Create(*tax_, config);
    EXPECT_TRUE(scorer.ok());
    return (*scorer)->Filter(profile, dakar);
  };
  EXPECT_EQ(on("2025-01-28", bamako), FilterReason::kNone);
  EXPECT_EQ(on("2025-01-29", bamako), FilterReason::kLocation);
  Profile waemu = bamako;
  waemu.mobility.communities = {"WAEMU"};
  EXPECT_EQ(on("2025-01-29", waemu), FilterReason::kNone);
  EXPECT_EQ(on("2026-11-22", waemu), FilterReason::kNone);
}

}  // namespace
}  // namespace skillmatch::engine

namespace skillmatch::engine {
namespace {

// Four occupations in two areas: a tiler and a floor layer whose skills are
// coded apart but worded alike, a lorry driver, and a bus driver sharing a
// coded skill with the lorry driver.
Taxonomy WordingTaxonomy() {
  using classification::SkillKind;
  using classification::SkillRelation;
  classification::BundleInfo info;
  info.name = "wording";
  info.version = "1";
  info.languages = {"fr"};
  classification::TaxonomyBuilder b(info);
  auto ok = [](const Status& s) { EXPECT_TRUE(s.ok()) << s.message(); };
  ok(b.AddNode("F", "", "domain", "Bâtiment"));
  ok(b.AddNode("F16", "F", "area", "Second oeuvre"));
  ok(b.AddNode("F1608", "F16", "occupation", "Pose de revêtements rigides"));
  ok(b.AddNode("F1609", "F16", "occupation", "Pose de revêtements souples"));
  ok(b.AddNode("N", "", "domain", "Transport"));
  ok(b.AddNode("N41", "N", "area", "Conduite"));
  ok(b.AddNode("N4101", "N41", "occupation", "Conduite de poids lourd"));
  ok(b.AddNode("N4103", "N41", "occupation", "Conduite de bus"));
  ok(b.FinishTree());
  ok(b.AddSkill("s1", SkillKind::kTechnical, "fr", "Poser des carreaux de faïence au mur"));
  ok(b.AddSkill("s2", SkillKind::kTechnical, "fr", "Poser des revêtements de sol au mur"));
  ok(b.AddSkill("s3", SkillKind::kTechnical, "fr", "Conduire un camion"));
  ok(b.AddSkill("s4", SkillKind::kTechnical, "fr", "Respecter le code de la route"));
  ok(b.AddSkill("s5", SkillKind::kTechnical, "fr", "Accueillir des passagers"));
  for (auto [code, skill] : {std::pair{"F1608", "s1"}, {"F1609", "s2"},
                             {"N4101", "s3"}, {"N4101", "s4"}, {"N4103", "s4"},
                             {"N4103", "s5"}}) {
    ok(b.AddOccupationSkill(code, skill, SkillRelation::kEssential, std::nullopt, false));
  }
  auto tax = std::move(b).Build();
  EXPECT_TRUE(tax.ok()) << tax.status().message();
  return std::move(*tax);
}

TEST(OccupationSimilarity, WordsOfSkillsRelateOccupationsCodedApart) {
  Taxonomy tax = WordingTaxonomy();
  NodeIndex tiler = tax.FindNode("F1608"), layer = tax.FindNode("F1609");
  NodeIndex lorry = tax.FindNode("N4101"), bus = tax.FindNode("N4103");
  ScoringConfig skills_only;
  skills_only.skill_words_weight = 0;
  skills_only.title_words_weight = 0;
  auto plain = Scorer::Create(tax, skills_only);
  auto worded = Scorer::Create(tax, ScoringConfig());
  ASSERT_TRUE(plain.ok() && worded.ok());
  // No shared skill id: the skill cosine sees nothing.
  EXPECT_EQ((*plain)->SkillCosine(tiler, layer), 0.0f);
  EXPECT_EQ((*plain)->OccupationSimilarity(tiler, layer), 0.0f);
  // Without words the similarity is the skill cosine.
  EXPECT_FLOAT_EQ((*plain)->OccupationSimilarity(lorry, bus),
                  (*plain)->SkillCosine(lorry, bus));
  EXPECT_GT((*plain)->SkillCosine(lorry, bus), 0.0f);
  // Worded alike ("poser ... mur", "pose de revêtements"): now related, and
  // more than to an occupation sharing no word.
  float close = (*worded)->OccupationSimilarity(tiler, layer);
  EXPECT_GT(close, 0.0f);
  EXPECT_LE(close, 1.0f);
  EXPECT_EQ((*worded)->OccupationSimilarity(tiler, lorry), 0.0f);
  EXPECT_FLOAT_EQ((*worded)->OccupationSimilarity(tiler, tiler), 1.0f);
  EXPECT_FLOAT_EQ((*worded)->OccupationSimilarity(tiler, layer),
                  (*worded)->OccupationSimilarity(layer, tiler));
  // It feeds the proximity matrix and the skills-only ranking.
  EXPECT_GE((*worded)->Proximity(tiler, layer),
            (*worded)->config().proximity_skills * close);
  auto ranked = (*worded)->SimilarOccupations(tiler, 3, true);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked[0].first, layer);
}

}  // namespace
}  // namespace skillmatch::engine
