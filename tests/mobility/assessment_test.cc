// The assessment on a hand-made store and pack (tests/fixtures/mobility).
//
// The store, on the sample taxonomy, assessed on 2026-12-07:
//   offers  FR-1   F1502 Soudure, France (Lyon), open      -> demand abroad 1
//           FR-2   F1502, France, expired 2026-01-01       -> not counted
//           SN-D1  F1502 Dakar, 1 position
//           SN-T1, SN-T2  F1502 Thiès, 1 position each
//           SN-Z1  F1502 Ziguinchor, 1 position
//           SN-M1  H1402 Chaudronnerie, Dakar
//           SN-F1  F1503 Menuiserie métallique, Thiès
//   jobseekers wanting F1502: W1 (the welder), J2, J3 in Dakar; J4 in Thiès.
// Tension of F1502 by region (positions / jobseekers): Ziguinchor none
// registered (ranked first), Thiès 2/1 = 2.0, Dakar 1/3 = 0.333.
// The welder W1 holds T0021 T0025 T0217 T0218 S030: 5 of F1502's 6
// essential skills (missing T0022). Close occupations with offers at home
// (mobility links of F1502: F1503, H1402, I1104): H1402 lacks T0026 and
// T0283 (2 missing), F1503 lacks T0026 T0036 T0219 S018 (4): H1402 first.
// Trainings in SN teaching a missing skill: T-B (T0022, T0026: 2) before
// T-A (T0022: 1); T-C is in Benin, T-D teaches nothing missing.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "skillmatch/mobility/assessment.h"
#include "skillmatch/store/store.h"
#include "support/sample_taxonomy.h"

namespace skillmatch::mobility {
namespace {

const std::string kFixtures = std::string(SKILLMATCH_SOURCE_DIR) + "/tests/fixtures/mobility";

engine::Offer MakeOffer(const std::string& id, const std::string& occupation,
                        const std::string& country, const std::string& region,
                        std::optional<std::string> expires = std::nullopt) {
  engine::Offer o;
  o.id = id;
  o.source = "test";
  o.title = "Offre " + id;
  o.employer = "Employeur " + id;
  o.occupation = occupation;
  o.location.country = country;
  o.location.region = region;
  o.location.city = region;
  o.international = country != "SN";
  o.published = "2026-11-01";
  o.expires = expires ? *expires : std::string("2027-01-31");
  // Ask for the occupation's essential skills so the matching score is real.
  const auto& tax = testing::SampleTaxonomy();
  for (const auto& link : tax.SkillsOf(tax.FindNode(occupation))) {
    if (link.relation == classification::SkillRelation::kEssential)
      o.skills.push_back({tax.skill(link.skill).id, true, 0});
  }
  return o;
}

engine::Profile MakeProfile(const std::string& id, const std::string& target,
                            const std::string& region, std::vector<std::string> skills) {
  engine::Profile p;
  p.id = id;
  p.target_occupations = {target};
  p.location.country = "SN";
  p.location.region = region;
  p.location.city = region;
  p.mobility.national = true;
  for (const auto& s : skills) p.skills.push_back({s, 3, false});
  p.languages = {{"fr", 4}, {"wo", 6}};
  p.education_level = 3;
  return p;
}

class AssessmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = engine::Store::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->LoadTaxonomy(testing::SampleTaxonomy()).ok());
    std::vector<engine::Offer> offers = {
        MakeOffer("FR-1", "F1502", "FR", "Auvergne-Rhône-Alpes"),
        MakeOffer("FR-2", "F1502", "FR", "Île-de-France", "2026-01-01"),
        MakeOffer("SN-D1", "F1502", "SN", "Dakar"),
        MakeOffer("SN-T1", "F1502", "SN", "Thiès"),
        MakeOffer("SN-T2", "F1502", "SN", "Thiès"),
        MakeOffer("SN-Z1", "F1502", "SN", "Ziguinchor"),
        MakeOffer("SN-M1", "H1402", "SN", "Dakar"),
        MakeOffer("SN-F1", "F1503", "SN", "Thiès"),
    };
    for (const auto& o : offers) ASSERT_TRUE(store_->UpsertOffer(o).ok());
    welder_ = MakeProfile("W1", "F1502", "Dakar", {"T0021", "T0025", "T0217", "T0218", "S030"});
    for (const auto& p :
         {welder_, MakeProfile("J2", "F1502", "Dakar", {}), MakeProfile("J3", "F1502", "Dakar", {}),
          MakeProfile("J4", "F1502", "Thiès", {})}) {
      ASSERT_TRUE(store_->UpsertProfile(p).ok());
    }
    auto pack = ReadRulePack(kFixtures + "/pack", &testing::SampleTaxonomy());
    ASSERT_TRUE(pack.ok()) << pack.status().message();
    pack_ = std::move(*pack);
    auto catalogue = ReadTrainingCatalogue(kFixtures + "/catalogue.csv", &testing::SampleTaxonomy());
    ASSERT_TRUE(catalogue.ok()) << catalogue.status().message();
    catalogue_ = std::move(*catalogue);
    engine::ScoringConfig config;
    config.today = today_;
    auto scorer = engine::Scorer::Create(testing::SampleTaxonomy(), config);
    ASSERT_TRUE(scorer.ok());
    scorer_ = std::move(*scorer);
    auto market = Market::Build(*store_, *scorer_, today_);
    ASSERT_TRUE(market.ok()) << market.status().message();
    market_ = std::move(*market);
  }

  Assessment Run(const engine::Profile& profile, const std::string& country,
                 const std::string& occupation = "",
                 std::function<bool(const std::string&)> offer_visible = nullptr) {
    AssessOptions options;
    options.destination = country;
    options.occupation = occupation;
    options.today = today_;
    options.offer_visible = std::move(offer_visible);
    auto a = Assess(profile, pack_, catalogue_, *scorer_, *market_, *store_, options);
    EXPECT_TRUE(a.ok()) << a.status().message();
    return a.ok() ? std::move(*a) : Assessment{};
  }

  static std::vector<const Alternative*> OfKind(const Assessment& a, const std::string& kind) {
    std::vector<const Alternative*> out;
    for (const auto& alt : a.alternatives)
      if (alt.kind == kind) out.push_back(&alt);
    return out;
  }

  engine::Date today_ = *engine::Date::Parse("2026-12-07");
  std::unique_ptr<engine::Store> store_;
  engine::Profile welder_;
  RulePack pack_;
  std::vector<Training> catalogue_;
  std::unique_ptr<engine::Scorer> scorer_;
  std::unique_ptr<Market> market_;
};

TEST_F(AssessmentTest, ListedOccupationWithARouteCitesTheRuleAndDemand) {
  Assessment a = Run(welder_, "FR");
  const ProjectCard& c = a.card;
  EXPECT_EQ(c.occupation, "F1502");
  EXPECT_EQ(c.isco08, "7212");
  EXPECT_EQ(c.destination_name, "France");
  EXPECT_EQ(c.nationality, "SN");
  EXPECT_TRUE(c.listed);
  ASSERT_EQ(c.rules.size(), 1u);
  EXPECT_EQ(c.rules[0].rule.id, "FR-SN-agreement-001");
  EXPECT_EQ(c.rules[0].match, "exact");
  EXPECT_EQ(c.rules[0].rule.source_url,
            "https://www.service-public.gouv.fr/particuliers/vosdroits/F2229");
  EXPECT_EQ(c.rules[0].rule.signed_on, "2008-02-25");
  // FR-2 expired: one open offer abroad.
  EXPECT_EQ(c.international_offers, 1);
  EXPECT_EQ(c.offer_ids, std::vector<std::string>{"FR-1"});
  EXPECT_TRUE(c.gaps.empty());
  // Distance: 5 of 6 essential skills, T0022 missing; French B2 >= A2.
  EXPECT_EQ(c.distance.essential_total, 6);
  ASSERT_EQ(c.distance.missing.size(), 1u);
  EXPECT_EQ(c.distance.missing[0].id, "T0022");
  EXPECT_FALSE(c.distance.far);
  EXPECT_EQ(c.distance.language, "fr");
  EXPECT_EQ(c.distance.required_level, 2);
  EXPECT_EQ(c.distance.held_level, 4);
  EXPECT_TRUE(c.distance.language_ok);
  EXPECT_FALSE(c.distance.regulated);
}

TEST_F(AssessmentTest, HomeRegionWithStrongDemandComesFirst) {
  Assessment a = Run(welder_, "FR");
  auto regions = OfKind(a, "region");
  ASSERT_EQ(regions.size(), 3u);
  EXPECT_EQ(regions[0]->region, "Ziguinchor");
  EXPECT_FALSE(regions[0]->tension.has_value());  // nobody registered there
  EXPECT_EQ(regions[1]->region, "Thiès");
  EXPECT_EQ(regions[1]->open_offers, 2);
  EXPECT_EQ(regions[1]->jobseekers, 1);
  EXPECT_DOUBLE_EQ(*regions[1]->tension, 2.0);
  EXPECT_EQ(regions[2]->region, "Dakar");
  EXPECT_NEAR(*regions[2]->tension, 1.0 / 3, 1e-12);
  EXPECT_EQ(regions[2]->reasons.back(), "c'est votre région");
}

TEST_F(AssessmentTest, CloseOccupationsWithDemandAtHomeCarryTheirGap) {
  Assessment a = Run(welder_, "FR");
  auto close = OfKind(a, "close-occupation");
  ASSERT_EQ(close.size(), 2u);  // only H1402 and F1503 have offers in SN
  EXPECT_EQ(close[0]->occupation, "H1402");
  std::vector<std::string> missing;
  for (const auto& s : close[0]->missing) missing.push_back(s.id);
  EXPECT_EQ(missing, (std::vector<std::string>{"T0026", "T0283"}));
  EXPECT_EQ(close[0]->reasons[0], "métier proche (passerelle de mobilité)");
  EXPECT_EQ(close[1]->occupation, "F1503");
  EXPECT_EQ(close[1]->missing.size(), 4u);
}

TEST_F(AssessmentTest, OffersAtHomeThePersonFitsNeverAbroad) {
  Assessment a = Run(welder_, "FR");
  auto offers = OfKind(a, "offer");
  ASSERT_FALSE(offers.empty());
  EXPECT_LE(offers.size(), 3u);
  for (const Alternative* alt : offers) {
    EXPECT_EQ(alt->offer_id.rfind("SN-", 0), 0u) << alt->offer_id;
    EXPECT_GE(*alt->score, AssessOptions().min_offer_score);
  }
  // Scores best first; the welder's own occupation ranks above the others.
  EXPECT_EQ(offers[0]->occupation, "F1502");
  for (size_t idx = 1; idx < offers.size(); ++idx)
    EXPECT_GE(*offers[idx - 1]->score, *offers[idx]->score);
}

// A server proposes a counsellor his agency's offers: the filter hides the
// best one, and the next that fits takes its place (not an empty list);
// the filter is asked about every offer that fits, in rank order, so that
// its caller can count those it refused.
TEST_F(AssessmentTest, AnOfferFilterProposesTheBestOffersItAccepts) {
  Assessment all = Run(welder_, "FR");
  std::vector<std::string> best;
  for (const Alternative* alt : OfKind(all, "offer")) best.push_back(alt->offer_id);
  ASSERT_GE(best.size(), 2u);
  std::vector<std::string> asked;
  Assessment some = Run(welder_, "FR", "", [&](const std::string& id) {
    asked.push_back(id);
    return id != best[0];
  });
  std::vector<std::string> shown;
  for (const Alternative* alt : OfKind(some, "offer")) shown.push_back(alt->offer_id);
  ASSERT_FALSE(shown.empty());
  EXPECT_EQ(shown[0], best[1]);
  EXPECT_EQ(std::find(shown.begin(), shown.end(), best[0]), shown.end());
  // Asked in rank order about all that fit: the hidden first, the shown
  // after it, and any beyond the three shown.
  ASSERT_GE(asked.size(), shown.size() + 1);
  EXPECT_EQ(asked[0], best[0]);
  EXPECT_EQ(std::vector<std::string>(asked.begin() + 1, asked.begin() + 1 + shown.size()), shown);
  // A filter that accepts nothing: no offer, every fitting one asked.
  int refused = 0;
  Assessment none = Run(welder_, "FR", "", [&](const std::string&) {
    ++refused;
    return false;
  });
  EXPECT_TRUE(OfKind(none, "offer").empty());
  EXPECT_EQ(refused, static_cast<int>(asked.size()));
}

TEST_F(AssessmentTest, TrainingsClosingTheGapAtHomeMostCoveredFirst) {
  Assessment a = Run(welder_, "FR");
  auto courses = OfKind(a, "training");
  ASSERT_EQ(courses.size(), 2u);
  EXPECT_EQ(courses[0]->training_id, "T-B");
  EXPECT_EQ(courses[0]->covers.size(), 2u);
  EXPECT_EQ(courses[1]->training_id, "T-A");
  EXPECT_EQ(courses[1]->covers.size(), 1u);
  EXPECT_EQ(courses[1]->reasons[0], "enseigne : " + courses[1]->covers[0].label);
  // Welding is a building trade: self-employment is suggested.
  EXPECT_EQ(OfKind(a, "self-employment").size(), 1u);
  // At least three alternatives, in the order region, close, offer, training.
  EXPECT_GE(a.alternatives.size(), 3u);
  EXPECT_EQ(a.alternatives.front().kind, "region");
  EXPECT_EQ(a.alternatives.back().kind, "self-employment");
}

TEST_F(AssessmentTest, UnlistedOccupationSaysNoListedRoute) {
  // Maçonnerie (F1701, ISCO 7112): no rule for SN nationals toward France.
  Assessment a = Run(welder_, "FR", "F1701");
  EXPECT_FALSE(a.card.listed);
  EXPECT_TRUE(a.card.rules.empty());
  EXPECT_EQ(a.card.international_offers, 0);
  EXPECT_NE(RenderText(a).find("no listed route for this occupation"), std::string::npos);
  EXPECT_NE(RenderAdviceSheet(a).find("aucune voie listée"), std::string::npos);
  // A destination without any rule: the same, and no language requirement.
  Assessment b = Run(welder_, "BE");
  EXPECT_FALSE(b.card.listed);
  EXPECT_EQ(b.card.distance.required_level, 0);
}

TEST_F(AssessmentTest, RegulatedProfessionShowsTheDiploma) {
  engine::Profile tech = MakeProfile("R1", "J1303", "Dakar", {"K0075", "T0021", "T0363"});
  Assessment a = Run(tech, "FR");
  ASSERT_EQ(a.card.rules.size(), 1u);
  EXPECT_EQ(a.card.rules[0].rule.regulated, "yes");
  EXPECT_TRUE(a.card.distance.regulated);
  EXPECT_EQ(a.card.distance.diploma,
            "le diplôme d'État de manipulateur d'électroradiologie médicale");
  EXPECT_EQ(a.card.distance.education_level, 3);
  // 3 of 6 essential skills: exactly half is not "far" (far is below half).
  EXPECT_EQ(a.card.distance.held.size(), 3u);
  EXPECT_FALSE(a.card.distance.far);
  EXPECT_NE(RenderAdviceSheet(a).find("profession réglementée"), std::string::npos);
}

TEST_F(AssessmentTest, PersonTooFarFromTheOccupation) {
  // A cook's project (G1401, 7 essential skills) for someone holding none.
  engine::Profile p = MakeProfile("C1", "G1401", "Dakar", {"T0001"});
  p.languages = {{"wo", 6}, {"fr", 1}};
  Assessment a = Run(p, "FR");
  EXPECT_TRUE(a.card.listed);
  ASSERT_EQ(a.card.rules.size(), 1u);  // the BJ rule is for Beninese nationals
  EXPECT_EQ(a.card.rules[0].rule.id, "FR-SN-agreement-002");
  EXPECT_EQ(a.card.distance.essential_total, 7);
  EXPECT_TRUE(a.card.distance.held.empty());
  EXPECT_TRUE(a.card.distance.far);
  EXPECT_FALSE(a.card.distance.language_ok);  // A1 against A2
  EXPECT_NE(RenderText(a).find("(far from the occupation)"), std::string::npos);
}

TEST_F(AssessmentTest, ExpiredRulesAndOtherNationalitiesDoNotApply) {
  // G1402's rule ended on 2020-12-31.
  Assessment a = Run(welder_, "FR", "G1402");
  EXPECT_FALSE(a.card.listed);
  EXPECT_TRUE(a.card.rules.empty());
  // A Beninese cook gets the Benin rule only.
  engine::Profile p = MakeProfile("B1", "G1401", "Littoral", {});
  p.location.country = "BJ";
  Assessment b = Run(p, "FR");
  ASSERT_EQ(b.card.rules.size(), 1u);
  EXPECT_EQ(b.card.rules[0].rule.id, "FR-BJ-agreement-001");
}

TEST_F(AssessmentTest, UnconfirmedMappingIsShownAsSuchNotAsARoute) {
  // "Monteur en structures bois" awaits review, suggested F1501.
  Assessment a = Run(welder_, "FR", "F1501");
  EXPECT_FALSE(a.card.listed);
  ASSERT_EQ(a.card.rules.size(), 1u);
  EXPECT_EQ(a.card.rules[0].match, "unconfirmed");
}

TEST_F(AssessmentTest, KnownGapOfTheNationalityIsReported) {
  engine::Profile p = MakeProfile("CM1", "F1502", "Littoral", {});
  p.location.country = "CM";
  Assessment a = Run(p, "FR");
  EXPECT_FALSE(a.card.listed);
  ASSERT_EQ(a.card.gaps.size(), 1u);
  EXPECT_NE(a.card.gaps[0].what.find("66"), std::string::npos);
  // No offer at home in Cameroon: no region, close-occupation or offer
  // alternative; no training in CM either.
  EXPECT_TRUE(OfKind(a, "region").empty());
  EXPECT_TRUE(OfKind(a, "offer").empty());
}

TEST_F(AssessmentTest, JsonAndAdviceSheetCarryTheCard) {
  Assessment a = Run(welder_, "FR");
  auto j = a.ToJson();
  EXPECT_EQ(j["project"]["rules"][0]["id"], "FR-SN-agreement-001");
  EXPECT_EQ(j["project"]["demand"]["international_offers"], 1);
  EXPECT_EQ(j["project"]["distance"]["language"]["required"], "A2");
  EXPECT_EQ(j["alternatives"][0]["region"], "Ziguinchor");
  EXPECT_TRUE(j["alternatives"][0]["tension"].is_null());
  std::string html = RenderAdviceSheet(a);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("lang=\"fr\""), std::string::npos);
  EXPECT_NE(html.find("Soudure"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST_F(AssessmentTest, AdviceSheetEscapesWhatComesFromData) {
  Assessment a = Run(welder_, "FR");
  a.card.occupation_label = "<script>alert(1)</script>";
  a.alternatives[0].reasons.push_back("a & \"b\"");
  std::string html = RenderAdviceSheet(a);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("a &amp; &quot;b&quot;"), std::string::npos);
}

TEST_F(AssessmentTest, BadInputsAreRefused) {
  AssessOptions options;
  options.today = today_;
  options.destination = "France";
  auto a = Assess(welder_, pack_, catalogue_, *scorer_, *market_, *store_, options);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            "--country: expected an ISO 3166-1 alpha-2 code (FR, BE, ...), got 'France'");
  options.destination = "FR";
  options.occupation = "F15";
  a = Assess(welder_, pack_, catalogue_, *scorer_, *market_, *store_, options);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), "occupation 'F15' is not an occupation of taxonomy roame-sample");
  engine::Profile none = welder_;
  none.target_occupations.clear();
  options.occupation.clear();
  a = Assess(none, pack_, catalogue_, *scorer_, *market_, *store_, options);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), "jobseeker W1 has no target occupation: give --occupation CODE");
}

}  // namespace
}  // namespace skillmatch::mobility
