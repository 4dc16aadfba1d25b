#include "skillmatch/model/model_json.h"

#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iostream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "skillmatch/eval/generator.h"
#include "support/sample_taxonomy.h"
#include "support/temp_dir.h"

namespace skillmatch::engine {
namespace {

using nlohmann::json;
using skillmatch::testing::SampleTaxonomy;

// Every field set to a value other than its default.
Profile FullProfile() {
  Profile profile;
  profile.id = "SN-2026-003187";
  profile.target_occupations = {"M1201", "M1202"};
  profile.past_occupations = {{"M1201", 6.5}, {"C1301", 0.25}};
  profile.skills = {{"K0092", 4, true}, {"T0415", 1, false}};
  profile.soft_skills = {{"S003", 3, true}};
  profile.languages = {{"fr", 5}, {"wo", 6}, {"fon", 1}};
  profile.education_level = 6;
  profile.education_field = "Licence en comptabilité";
  profile.experience_years = 7.3;
  profile.location = {"SN", "Dakar", "Dakar", 14.6928, -17.4467};
  profile.mobility.radius_km = 35.5;
  profile.mobility.national = true;
  profile.mobility.communities = {"ECOWAS", "WAEMU"};
  profile.mobility.international = true;
  profile.mobility.countries = {"CI", "GH"};
  profile.driving_licences = {"A", "B"};
  profile.available_from = "2027-01-05";
  profile.wanted_contracts = {ContractType::kPermanent, ContractType::kDaily};
  profile.protected_attributes = {"f", "25-34", false, true};
  profile.registered = "2025-11-03";
  profile.exited = "2026-02-27";
  profile.exit_reason = "self_employment";
  return profile;
}

Offer FullOffer() {
  Offer offer;
  offer.id = "FR-OFF-1";
  offer.source = "france-travail";
  offer.source_ref = "183QWZM";
  offer.employer = "Bâtisseurs du Rhône SAS";
  offer.title = "Maçon / Maçonne";
  offer.description = "Gros œuvre,\n12 mois \"logé\"";
  offer.occupation = "F1701";
  offer.coding_confidence = 0.82f;
  offer.needs_review = true;
  offer.skills = {{"T0199", true, 3}, {"T0205", false, 0}};
  offer.soft_skills = {{"S017", true, 4}};
  offer.languages = {{"fr", 3}};
  offer.min_education = 0;
  offer.min_experience_years = 2.5;
  offer.location = {"FR", "Auvergne-Rhône-Alpes", "Lyon", 45.764, 4.8357};
  offer.international = true;
  offer.contract = ContractType::kFixedTerm;
  offer.positions = 4;
  offer.salary_min = 2100;
  offer.salary_max = 2500.5;
  offer.salary_currency = "EUR";
  offer.published = "2024-02-29";
  offer.expires = "2027-01-31";
  offer.licences_required = {"B"};
  offer.closed = "2024-04-12";
  offer.closing_reason = "filled";
  offer.hired = "SN-2026-003187";
  return offer;
}

// Through text, as files carry records: also checks number precision.
json ThroughText(const nlohmann::ordered_json& value) {
  return json::parse(value.dump());
}

std::string ProfileError(const std::string& text) {
  Result<Profile> profile = ProfileFromJson(json::parse(text), "p.jsonl:7");
  return profile.ok() ? "OK" : profile.status().message();
}

std::string OfferError(const std::string& text) {
  Result<Offer> offer = OfferFromJson(json::parse(text), "o.jsonl:3");
  return offer.ok() ? "OK" : offer.status().message();
}

// ---------------------------------------------------------------------------

TEST(ModelJsonContract, NamesRoundTrip) {
  const std::vector<std::pair<ContractType, std::string>> names = {
      {ContractType::kPermanent, "permanent"},
      {ContractType::kFixedTerm, "fixed_term"},
      {ContractType::kTemporary, "temporary"},
      {ContractType::kSeasonal, "seasonal"},
      {ContractType::kApprenticeship, "apprenticeship"},
      {ContractType::kInternship, "internship"},
      {ContractType::kFreelance, "freelance"},
      {ContractType::kDaily, "daily"},
  };
  for (const auto& [type, name] : names) {
    EXPECT_EQ(ToString(type), name);
    EXPECT_EQ(ParseContractType(name), type) << name;
  }
  EXPECT_EQ(ParseContractType("cdi"), std::nullopt);
  EXPECT_EQ(ParseContractType("Permanent"), std::nullopt);
  EXPECT_EQ(ParseContractType(""), std::nullopt);
}

TEST(ModelJsonRoundTrip, FullProfile) {
  const Profile profile = FullProfile();
  Result<Profile> back =
      ProfileFromJson(ThroughText(ToJson(profile)), "round-trip");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, profile);
}

TEST(ModelJsonRoundTrip, MinimalProfile) {
  Profile profile;
  profile.id = "p1";
  EXPECT_EQ(ToJson(profile).dump(), R"({"id":"p1"})");
  Result<Profile> back = ProfileFromJson(ThroughText(ToJson(profile)), "x");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, profile);
}

TEST(ModelJsonRoundTrip, FullOffer) {
  const Offer offer = FullOffer();
  Result<Offer> back = OfferFromJson(ThroughText(ToJson(offer)), "round-trip");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, offer);
}

TEST(ModelJsonRoundTrip, MinimalOffer) {
  Offer offer;
  offer.id = "o1";
  EXPECT_EQ(ToJson(offer).dump(), R"({"id":"o1","positions":1})");
  Result<Offer> back = OfferFromJson(ThroughText(ToJson(offer)), "x");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, offer);
}

// Each optional value set on its own, so that "omitted when empty" never
// hides a value that is set next to an empty one.
TEST(ModelJsonRoundTrip, OneFieldAtATime) {
  std::vector<Profile> profiles(6);
  profiles[0].mobility.national = true;
  profiles[1].protected_attributes.disability = false;
  profiles[2].location.city = "Douala";
  profiles[3].experience_years = 0;
  profiles[4].education_level = 0;
  profiles[5].mobility.radius_km = 0;
  for (Profile& profile : profiles) {
    profile.id = "p";
    Result<Profile> back = ProfileFromJson(ThroughText(ToJson(profile)), "x");
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, profile) << ToJson(profile).dump();
  }
  Offer offer;
  offer.id = "o";
  offer.coding_confidence = 0.0f;
  offer.salary_max = 0;
  Result<Offer> back = OfferFromJson(ThroughText(ToJson(offer)), "x");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, offer);
}

// The layout is a contract with other tools: pin it.
TEST(ModelJsonLayout, Profile) {
  Profile profile;
  profile.id = "BJ-1";
  profile.target_occupations = {"F1701"};
  profile.past_occupations = {{"F1704", 3}};
  profile.skills = {{"T0199", 4, true}};
  profile.languages = {{"fon", 6}};
  profile.location.country = "BJ";
  profile.location.lat = 6.5;
  profile.location.lon = 2.25;
  profile.mobility.national = true;
  profile.available_from = "2026-12-01";
  profile.wanted_contracts = {ContractType::kFixedTerm};
  profile.protected_attributes.rural = false;
  EXPECT_EQ(ToJson(profile).dump(),
            R"({"id":"BJ-1","target_occupations":["F1701"],)"
            R"("past_occupations":[{"code":"F1704","years":3.0}],)"
            R"("skills":[{"skill_id":"T0199","level":4,"validated":true}],)"
            R"("languages":[{"code":"fon","level":6}],)"
            R"("location":{"country":"BJ","lat":6.5,"lon":2.25},)"
            R"("mobility":{"national":true},"available_from":"2026-12-01",)"
            R"("wanted_contracts":["fixed_term"],)"
            R"("protected_attributes":{"rural":false}})");
}

TEST(ModelJsonLayout, Offer) {
  Offer offer;
  offer.id = "SN-1";
  offer.occupation = "M1201";
  offer.coding_confidence = 0.8f;
  offer.skills = {{"K0092", true, 3}};
  offer.soft_skills = {{"S003", false, 0}};
  offer.contract = ContractType::kPermanent;
  offer.salary_min = 450000;
  offer.salary_currency = "XOF";
  EXPECT_EQ(ToJson(offer).dump(),
            R"({"id":"SN-1","occupation":"M1201","coding_confidence":0.8,)"
            R"("skills":[{"skill_id":"K0092","essential":true,"min_level":3}],)"
            R"("soft_skills":[{"skill_id":"S003","essential":false,)"
            R"("min_level":0}],"contract":"permanent","positions":1,)"
            R"("salary_min":450000.0,"salary_currency":"XOF"})");
}

TEST(ModelJsonDecode, DefaultsAndLeniency) {
  // Unknown keys ignored, null and "" read as absent, item defaults.
  Result<Profile> profile = ProfileFromJson(
      json::parse(R"({"id":"p","x_pes_field":{"a":1},"education_level":null,
        "location":{"country":"","lat":null,"lon":null},"education_field":"",
        "available_from":"","skills":[{"skill_id":"T0001"}],
        "languages":[{"code":"fr"}],"past_occupations":[{"code":"A1101"}]})"),
      "x");
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  EXPECT_EQ(profile->education_level, std::nullopt);
  EXPECT_EQ(profile->available_from, std::nullopt);
  EXPECT_EQ(profile->location, Location());
  ASSERT_EQ(profile->skills.size(), 1u);
  EXPECT_EQ(profile->skills[0], (SkillClaim{"T0001", 2, false}));
  EXPECT_EQ(profile->languages[0], (LanguageLevel{"fr", 3}));
  EXPECT_EQ(profile->past_occupations[0], (PastOccupation{"A1101", 0}));

  Result<Offer> offer = OfferFromJson(
      json::parse(R"({"id":"o","skills":[{"skill_id":"T0001"}]})"), "x");
  ASSERT_TRUE(offer.ok()) << offer.status().message();
  EXPECT_EQ(offer->skills[0], (RequiredSkill{"T0001", true, 0}));
  EXPECT_EQ(offer->positions, 1);
}

// ---------------------------------------------------------------------------
// Validation: one case per rule, with its exact message.

TEST(ModelJsonValidation, RecordShapeAndId) {
  EXPECT_EQ(ProfileError(R"([1,2])"),
            "p.jsonl:7: expected an object, got [1,2]");
  EXPECT_EQ(ProfileError(R"({})"),
            "p.jsonl:7: id: missing, expected a non-empty string");
  EXPECT_EQ(ProfileError(R"({"id":null})"),
            "p.jsonl:7: id: missing, expected a non-empty string");
  EXPECT_EQ(ProfileError(R"({"id":""})"),
            "p.jsonl:7: id: expected a non-empty string, got \"\"");
  EXPECT_EQ(ProfileError(R"({"id":42})"),
            "p.jsonl:7: id: expected a non-empty string, got 42");
  EXPECT_EQ(OfferError(R"({"title":"x"})"),
            "o.jsonl:3: id: missing, expected a non-empty string");
}

TEST(ModelJsonValidation, WrongTypes) {
  EXPECT_EQ(ProfileError(R"({"id":"p","education_field":42})"),
            "p.jsonl:7: education_field: expected a string, got 42");
  EXPECT_EQ(ProfileError(R"({"id":"p","target_occupations":"F1701"})"),
            "p.jsonl:7: target_occupations: expected an array, got \"F1701\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","target_occupations":["F1701",7]})"),
            "p.jsonl:7: target_occupations[1]: expected a non-empty string, "
            "got 7");
  EXPECT_EQ(ProfileError(R"({"id":"p","driving_licences":[""]})"),
            "p.jsonl:7: driving_licences[0]: expected a non-empty string, "
            "got \"\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","skills":["T0001"]})"),
            "p.jsonl:7: skills[0]: expected an object, got \"T0001\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","location":"Dakar"})"),
            "p.jsonl:7: location: expected an object, got \"Dakar\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","mobility":{"national":"yes"}})"),
            "p.jsonl:7: mobility.national: expected a boolean, got \"yes\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","skills":[{"skill_id":"T1",)"
                         R"("validated":1}]})"),
            "p.jsonl:7: skills[0].validated: expected a boolean, got 1");
  EXPECT_EQ(ProfileError(R"({"id":"p","experience_years":"3"})"),
            "p.jsonl:7: experience_years: expected a number >= 0, got \"3\"");
  EXPECT_EQ(OfferError(R"({"id":"o","needs_review":"false"})"),
            "o.jsonl:3: needs_review: expected a boolean, got \"false\"");
  EXPECT_EQ(OfferError(R"({"id":"o","employer":{"name":"SDD"}})"),
            "o.jsonl:3: employer: expected a string, got {\"name\":\"SDD\"}");
  // Long values are cut short in messages.
  EXPECT_EQ(ProfileError(R"({"id":"p","education_field":[)"
                         R"("0123456789","0123456789","0123456789",)"
                         R"("0123456789","0123456789"]})"),
            "p.jsonl:7: education_field: expected a string, got "
            "[\"0123456789\",\"0123456789\",\"0123456789\",\"0123456789\","
            "\"012...");
}

TEST(ModelJsonValidation, Levels) {
  EXPECT_EQ(ProfileError(R"({"id":"p","skills":[{"skill_id":"T1","level":1},)"
                         R"({"skill_id":"T2","level":7}]})"),
            "p.jsonl:7: skills[1].level: expected an integer from 1 to 4, "
            "got 7");
  EXPECT_EQ(ProfileError(R"({"id":"p","skills":[{"skill_id":"T1",)"
                         R"("level":0}]})"),
            "p.jsonl:7: skills[0].level: expected an integer from 1 to 4, "
            "got 0");
  EXPECT_EQ(ProfileError(R"({"id":"p","soft_skills":[{"skill_id":"S1",)"
                         R"("level":2.5}]})"),
            "p.jsonl:7: soft_skills[0].level: expected an integer from 1 to "
            "4, got 2.5");
  // A whole float is an integer, as in JSON Schema (pandas writes them).
  Result<Profile> whole = ProfileFromJson(
      json::parse(R"({"id":"p","skills":[{"skill_id":"T1","level":3.0}],)"
                  R"("education_level":6e0})"),
      "x");
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  EXPECT_EQ(whole->skills[0].level, 3);
  EXPECT_EQ(whole->education_level, 6);
  EXPECT_EQ(ProfileError(R"({"id":"p","skills":[{"skill_id":"T1",)"
                         R"("level":"3"}]})"),
            "p.jsonl:7: skills[0].level: expected an integer from 1 to 4, "
            "got \"3\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","skills":[{"skill_id":"T1",)"
                         R"("level":18446744073709551615}]})"),
            "p.jsonl:7: skills[0].level: expected an integer from 1 to 4, "
            "got 18446744073709551615");
  EXPECT_EQ(ProfileError(R"({"id":"p","languages":[{"code":"fr",)"
                         R"("level":7}]})"),
            "p.jsonl:7: languages[0].level: expected an integer from 1 to 6, "
            "got 7");
  EXPECT_EQ(ProfileError(R"({"id":"p","education_level":9})"),
            "p.jsonl:7: education_level: expected an integer from 0 to 8, "
            "got 9");
  EXPECT_EQ(ProfileError(R"({"id":"p","education_level":-1})"),
            "p.jsonl:7: education_level: expected an integer from 0 to 8, "
            "got -1");
  EXPECT_EQ(OfferError(R"({"id":"o","min_education":12})"),
            "o.jsonl:3: min_education: expected an integer from 0 to 8, "
            "got 12");
  EXPECT_EQ(OfferError(R"({"id":"o","skills":[{"skill_id":"T1",)"
                       R"("min_level":5}]})"),
            "o.jsonl:3: skills[0].min_level: expected an integer from 0 to 4, "
            "got 5");
}

TEST(ModelJsonValidation, Years) {
  EXPECT_EQ(ProfileError(R"({"id":"p","experience_years":-0.5})"),
            "p.jsonl:7: experience_years: expected a number >= 0, got -0.5");
  EXPECT_EQ(ProfileError(R"({"id":"p","past_occupations":[{"code":"A1101",)"
                         R"("years":-1}]})"),
            "p.jsonl:7: past_occupations[0].years: expected a number >= 0, "
            "got -1");
  EXPECT_EQ(ProfileError(R"({"id":"p","past_occupations":[{"years":2}]})"),
            "p.jsonl:7: past_occupations[0].code: missing, expected a "
            "non-empty string");
  EXPECT_EQ(OfferError(R"({"id":"o","min_experience_years":-2})"),
            "o.jsonl:3: min_experience_years: expected a number >= 0, got -2");
  // JSON text cannot hold an infinity, but a json built in code can.
  json infinite = {{"id", "p"}, {"experience_years", HUGE_VAL}};
  Result<Profile> profile = ProfileFromJson(infinite, "code");
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.status().message(),
            "code: experience_years: expected a number >= 0, got inf");
  EXPECT_EQ(ProfileError(R"({"id":"p","mobility":{"radius_km":-5}})"),
            "p.jsonl:7: mobility.radius_km: expected a number >= 0, got -5");
}

TEST(ModelJsonValidation, Coordinates) {
  EXPECT_EQ(ProfileError(R"({"id":"p","location":{"lat":14.7}})"),
            "p.jsonl:7: location: expected both lat and lon or neither, "
            "got only lat");
  EXPECT_EQ(OfferError(R"({"id":"o","location":{"lon":-17.4,"lat":null}})"),
            "o.jsonl:3: location: expected both lat and lon or neither, "
            "got only lon");
  EXPECT_EQ(ProfileError(R"({"id":"p","location":{"lat":91,"lon":0}})"),
            "p.jsonl:7: location.lat: expected a number from -90 to 90, "
            "got 91");
  EXPECT_EQ(ProfileError(R"({"id":"p","location":{"lat":0,"lon":-180.5}})"),
            "p.jsonl:7: location.lon: expected a number from -180 to 180, "
            "got -180.5");
  EXPECT_EQ(ProfileError(R"({"id":"p","location":{"lat":"14.7","lon":1}})"),
            "p.jsonl:7: location.lat: expected a number from -90 to 90, "
            "got \"14.7\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","location":{"lat":-90,"lon":180}})"),
            "OK");
}

TEST(ModelJsonValidation, Codes) {
  EXPECT_EQ(ProfileError(R"({"id":"p","location":{"country":"sn"}})"),
            "p.jsonl:7: location.country: expected a country code of two "
            "upper-case letters, got \"sn\"");
  EXPECT_EQ(OfferError(R"({"id":"o","location":{"country":"SEN"}})"),
            "o.jsonl:3: location.country: expected a country code of two "
            "upper-case letters, got \"SEN\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","mobility":{"countries":["CI","gh"]}})"),
            "p.jsonl:7: mobility.countries[1]: expected a country code of two "
            "upper-case letters, got \"gh\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","languages":[{"code":"FR"}]})"),
            "p.jsonl:7: languages[0].code: expected a language code of 2 or 3 "
            "lower-case letters, got \"FR\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","languages":[{"code":"fr-SN"}]})"),
            "p.jsonl:7: languages[0].code: expected a language code of 2 or 3 "
            "lower-case letters, got \"fr-SN\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","languages":[{"level":3}]})"),
            "p.jsonl:7: languages[0].code: missing, expected a non-empty "
            "string");
  EXPECT_EQ(OfferError(R"({"id":"o","languages":[{"code":"f","level":2}]})"),
            "o.jsonl:3: languages[0].code: expected a language code of 2 or 3 "
            "lower-case letters, got \"f\"");
  EXPECT_EQ(OfferError(R"({"id":"o","salary_currency":"cfa"})"),
            "o.jsonl:3: salary_currency: expected a currency code of three "
            "upper-case letters, got \"cfa\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","protected_attributes":{"gender":"F"}})"),
            "p.jsonl:7: protected_attributes.gender: expected f, m or x, got "
            "\"F\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","protected_attributes":)"
                         R"({"age_band":"30"}})"),
            "p.jsonl:7: protected_attributes.age_band: expected 15-24, 25-34, "
            "35-44, 45-54 or 55+, got \"30\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","protected_attributes":)"
                         R"({"disability":"no"}})"),
            "p.jsonl:7: protected_attributes.disability: expected a boolean, "
            "got \"no\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","languages":[{"code":"dyu"}],)"
                         R"("location":{"country":"BF"}})"),
            "OK");
}

TEST(ModelJsonValidation, Dates) {
  EXPECT_EQ(ProfileError(R"({"id":"p","available_from":"2024-02-30"})"),
            "p.jsonl:7: available_from: expected a date (YYYY-MM-DD), got "
            "\"2024-02-30\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","available_from":"2023-02-29"})"),
            "p.jsonl:7: available_from: expected a date (YYYY-MM-DD), got "
            "\"2023-02-29\"");
  EXPECT_EQ(OfferError(R"({"id":"o","published":"31/12/2026"})"),
            "o.jsonl:3: published: expected a date (YYYY-MM-DD), got "
            "\"31/12/2026\"");
  EXPECT_EQ(OfferError(R"({"id":"o","expires":"2026-13-01"})"),
            "o.jsonl:3: expires: expected a date (YYYY-MM-DD), got "
            "\"2026-13-01\"");
  EXPECT_EQ(OfferError(R"({"id":"o","expires":"2026-1-01"})"),
            "o.jsonl:3: expires: expected a date (YYYY-MM-DD), got "
            "\"2026-1-01\"");
  EXPECT_EQ(OfferError(R"({"id":"o","expires":"2026-04-31"})"),
            "o.jsonl:3: expires: expected a date (YYYY-MM-DD), got "
            "\"2026-04-31\"");
  EXPECT_EQ(OfferError(R"({"id":"o","expires":20261231})"),
            "o.jsonl:3: expires: expected a string, got 20261231");
  // Leap years: every 4 years, not every 100, but every 400.
  EXPECT_EQ(ProfileError(R"({"id":"p","available_from":"2024-02-29"})"), "OK");
  EXPECT_EQ(ProfileError(R"({"id":"p","available_from":"2000-02-29"})"), "OK");
  EXPECT_EQ(ProfileError(R"({"id":"p","available_from":"1900-02-29"})"),
            "p.jsonl:7: available_from: expected a date (YYYY-MM-DD), got "
            "\"1900-02-29\"");
  EXPECT_EQ(OfferError(R"({"id":"o","expires":"2026-12-31"})"), "OK");
}

// Economic communities: a closed set, French acronyms accepted and stored
// as the canonical English code (data/geography/communities.csv).
TEST(ModelJsonValidation, Communities) {
  Result<Profile> profile = ProfileFromJson(
      json::parse(R"({"id":"p","mobility":{"communities":)"
                  R"(["CEDEAO","uemoa"," CEMAC ","CEEAC","ECOWAS"]}})"),
      "p.jsonl:7");
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  // Normalised, and ECOWAS named twice (CEDEAO, ECOWAS) is kept once.
  EXPECT_EQ(profile->mobility.communities,
            (std::vector<std::string>{"ECOWAS", "WAEMU", "CEMAC", "ECCAS"}));
  EXPECT_EQ(ProfileError(R"({"id":"p","mobility":{"communities":["SADC"]}})"),
            "p.jsonl:7: mobility.communities[0]: expected an economic community "
            "(ECOWAS/CEDEAO, WAEMU/UEMOA, CEMAC, ECCAS/CEEAC), got \"SADC\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","mobility":{"communities":["ECOWAS","CEDAO"]}})"),
            "p.jsonl:7: mobility.communities[1]: expected an economic community "
            "(ECOWAS/CEDEAO, WAEMU/UEMOA, CEMAC, ECCAS/CEEAC), got \"CEDAO\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","mobility":{"communities":[""]}})"),
            "p.jsonl:7: mobility.communities[0]: expected a non-empty string, "
            "got \"\"");
}

// Driving licences: one closed set and one normalisation for profiles and
// offers (licence.h).
TEST(ModelJsonValidation, DrivingLicences) {
  Result<Profile> profile = ProfileFromJson(
      json::parse(R"({"id":"p","driving_licences":["b"," C1 ","B","ce"]})"),
      "p.jsonl:7");
  ASSERT_TRUE(profile.ok()) << profile.status().message();
  EXPECT_EQ(profile->driving_licences, (std::vector<std::string>{"B", "C1", "CE"}));
  Result<Offer> offer = OfferFromJson(
      json::parse(R"({"id":"o","licences_required":["b ","a1"]})"), "o.jsonl:3");
  ASSERT_TRUE(offer.ok()) << offer.status().message();
  EXPECT_EQ(offer->licences_required, (std::vector<std::string>{"B", "A1"}));
  EXPECT_EQ(ProfileError(R"({"id":"p","driving_licences":["B","permis B"]})"),
            "p.jsonl:7: driving_licences[1]: expected a driving licence category "
            "(A1, A, B, C1, C, D1, D, E, BE, C1E, CE, D1E, DE, F), got "
            "\"permis B\"");
  EXPECT_EQ(OfferError(R"({"id":"o","licences_required":["G"]})"),
            "o.jsonl:3: licences_required[0]: expected a driving licence category "
            "(A1, A, B, C1, C, D1, D, E, BE, C1E, CE, D1E, DE, F), got \"G\"");
}

TEST(ModelJsonValidation, Contracts) {
  EXPECT_EQ(OfferError(R"({"id":"o","contract":"cdi"})"),
            "o.jsonl:3: contract: expected a contract type (permanent, "
            "fixed_term, temporary, seasonal, apprenticeship, internship, "
            "freelance, daily), got \"cdi\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","wanted_contracts":["daily",3]})"),
            "p.jsonl:7: wanted_contracts[1]: expected a contract type "
            "(permanent, fixed_term, temporary, seasonal, apprenticeship, "
            "internship, freelance, daily), got 3");
  EXPECT_EQ(ProfileError(R"({"id":"p","wanted_contracts":"daily"})"),
            "p.jsonl:7: wanted_contracts: expected an array, got \"daily\"");
}

TEST(ModelJsonValidation, DuplicateSkills) {
  EXPECT_EQ(ProfileError(R"({"id":"p","skills":[{"skill_id":"T0005"},)"
                         R"({"skill_id":"T0006"},{"skill_id":"T0005"}]})"),
            "p.jsonl:7: skills[2].skill_id: \"T0005\" is already listed at "
            "skills[0]");
  EXPECT_EQ(ProfileError(R"({"id":"p","skills":[{"skill_id":"S003"}],)"
                         R"("soft_skills":[{"skill_id":"S003"}]})"),
            "p.jsonl:7: soft_skills[0].skill_id: \"S003\" is already listed at "
            "skills[0]");
  EXPECT_EQ(OfferError(R"({"id":"o","skills":[{"skill_id":"T1"},)"
                       R"({"skill_id":"T1","essential":false}]})"),
            "o.jsonl:3: skills[1].skill_id: \"T1\" is already listed at "
            "skills[0]");
  EXPECT_EQ(ProfileError(R"({"id":"p","skills":[{"level":2}]})"),
            "p.jsonl:7: skills[0].skill_id: missing, expected a non-empty "
            "string");
}

TEST(ModelJsonValidation, OfferCounts) {
  EXPECT_EQ(OfferError(R"({"id":"o","positions":0})"),
            "o.jsonl:3: positions: expected an integer >= 1, got 0");
  EXPECT_EQ(OfferError(R"({"id":"o","positions":3000000000})"),
            "o.jsonl:3: positions: expected an integer >= 1, got 3000000000");
  EXPECT_EQ(OfferError(R"({"id":"o","positions":1.5})"),
            "o.jsonl:3: positions: expected an integer >= 1, got 1.5");
  EXPECT_EQ(OfferError(R"({"id":"o","salary_min":300000,"salary_max":250000})"),
            "o.jsonl:3: salary_max: expected a number >= salary_min (300000), "
            "got 250000");
  EXPECT_EQ(OfferError(R"({"id":"o","salary_min":-1})"),
            "o.jsonl:3: salary_min: expected a number >= 0, got -1");
  EXPECT_EQ(OfferError(R"({"id":"o","coding_confidence":1.5})"),
            "o.jsonl:3: coding_confidence: expected a number from 0 to 1, "
            "got 1.5");
  EXPECT_EQ(OfferError(R"({"id":"o","salary_min":250000,"salary_max":250000})"),
            "OK");
}

// The records' time (issue 16): closed sets and the rules across fields.
TEST(ModelJsonValidation, ClosingAndExit) {
  EXPECT_EQ(OfferError(R"({"id":"o","published":"2025-01-05","closed":"2025-01-03","closing_reason":"filled"})"),
            "o.jsonl:3: closed: expected a date on or after published "
            "(2025-01-05), got \"2025-01-03\"");
  EXPECT_EQ(OfferError(R"({"id":"o","closing_reason":"filled"})"),
            "o.jsonl:3: closing_reason: given without a closing date "
            "(closed), got \"filled\"");
  EXPECT_EQ(OfferError(R"({"id":"o","closed":"2025-01-03"})"),
            "o.jsonl:3: closing_reason: missing, expected filled, withdrawn, "
            "expired or cancelled since closed is set");
  EXPECT_EQ(OfferError(R"({"id":"o","closed":"2025-01-03","closing_reason":"sold"})"),
            "o.jsonl:3: closing_reason: expected filled, withdrawn, expired "
            "or cancelled, got \"sold\"");
  EXPECT_EQ(OfferError(R"({"id":"o","closed":"2025-01-03","closing_reason":"expired","hired":"J1"})"),
            "o.jsonl:3: hired: given for an offer not closed as filled, got "
            "\"J1\"");
  EXPECT_EQ(OfferError(R"({"id":"o","closed":"2025-02-30","closing_reason":"filled"})"),
            "o.jsonl:3: closed: expected a date (YYYY-MM-DD), got "
            "\"2025-02-30\"");
  // Closing on the day of publication is a real case (a same-day cancel).
  EXPECT_EQ(OfferError(R"({"id":"o","published":"2025-01-05","closed":"2025-01-05","closing_reason":"cancelled"})"),
            "OK");
  EXPECT_EQ(OfferError(R"({"id":"o","closed":"2025-01-05","closing_reason":"filled","hired":"J1"})"),
            "OK");

  EXPECT_EQ(ProfileError(R"({"id":"p","registered":"2025-03-01","exited":"2025-02-28","exit_reason":"training"})"),
            "p.jsonl:7: exited: expected a date on or after registered "
            "(2025-03-01), got \"2025-02-28\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","registered":"2025-03-01","exit_reason":"employment"})"),
            "p.jsonl:7: exit_reason: given without an exit date (exited), got "
            "\"employment\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","exited":"2025-03-01","exit_reason":"retired"})"),
            "p.jsonl:7: exit_reason: expected employment, training, "
            "self_employment, other or unknown, got \"retired\"");
  EXPECT_EQ(ProfileError(R"({"id":"p","registered":"2025-13-01"})"),
            "p.jsonl:7: registered: expected a date (YYYY-MM-DD), got "
            "\"2025-13-01\"");
  // An exit without a reason is kept (the statistics count it "unknown").
  EXPECT_EQ(ProfileError(R"({"id":"p","registered":"2025-03-01","exited":"2025-03-01"})"),
            "OK");
  for (const char* reason :
       {"employment", "training", "self_employment", "other", "unknown"}) {
    EXPECT_EQ(ProfileError(std::string(R"({"id":"p","exited":"2025-03-01","exit_reason":")") +
                           reason + "\"}"),
              "OK")
        << reason;
  }
}

// ---------------------------------------------------------------------------
// Streaming

class ModelJsonStream : public ::testing::Test {
 protected:
  // Reads profiles from file `name` with `content`; collects ids and, in
  // lenient mode, the reported errors.
  Status Read(const std::string& name, const std::string& content,
              bool lenient = false) {
    dir_.Write(name, content);
    ids_.clear();
    errors_.clear();
    std::function<void(const Status&)> on_error;
    if (lenient) {
      on_error = [this](const Status& status) {
        errors_.push_back(status.message());
      };
    }
    return ReadProfiles(
        dir_.Child(name),
        [this](Profile&& profile) {
          ids_.push_back(profile.id);
          return Status::Ok();
        },
        on_error);
  }
  std::string Path(const std::string& name) const { return dir_.Child(name); }

  skillmatch::testing::TempDir dir_;
  std::vector<std::string> ids_;
  std::vector<std::string> errors_;
};

TEST_F(ModelJsonStream, JsonLinesWithBlankLinesAndCrlf) {
  Status status = Read("p.jsonl",
                       "\n{\"id\":\"a\"}\r\n   \r\n\t\n{\"id\":\"b\"}\r\n"
                       "{\"id\":\"c\"}");  // no final newline
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(ids_, (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(ModelJsonStream, EmptyFiles) {
  EXPECT_TRUE(Read("empty.jsonl", "").ok());
  EXPECT_TRUE(ids_.empty());
  EXPECT_TRUE(Read("blank.jsonl", "\n \r\n\n").ok());
  EXPECT_TRUE(ids_.empty());
  EXPECT_TRUE(Read("array.json", " [ ] \n").ok());
  EXPECT_TRUE(ids_.empty());
}

TEST_F(ModelJsonStream, ByteOrderMark) {
  ASSERT_TRUE(Read("bom.jsonl", "\xEF\xBB\xBF{\"id\":\"a\"}\n").ok());
  EXPECT_EQ(ids_, (std::vector<std::string>{"a"}));
}

TEST_F(ModelJsonStream, StrictStopsAtTheFirstBadLine) {
  const std::string content =
      "{\"id\":\"a\"}\n\n{\"id\":\"b\",}\n{\"id\":\"c\"}\n";
  Status status = Read("p.jsonl", content);
  EXPECT_EQ(status.code(), StatusCode::kDataError);
  EXPECT_EQ(status.message(),
            Path("p.jsonl") +
                ":3:11: invalid JSON: syntax error while parsing object key - "
                "unexpected '}'; expected string literal");
  EXPECT_EQ(ids_, (std::vector<std::string>{"a"}));
}

TEST_F(ModelJsonStream, StrictStopsAtTheFirstInvalidRecord) {
  Status status = Read("p.jsonl",
                       "{\"id\":\"a\"}\r\n{\"id\":\"b\",\"education_level\":9}"
                       "\r\n{\"id\":\"c\"}\r\n");
  EXPECT_EQ(status.message(), Path("p.jsonl") +
                                  ":2: education_level: expected an integer "
                                  "from 0 to 8, got 9");
  EXPECT_EQ(ids_, (std::vector<std::string>{"a"}));
}

TEST_F(ModelJsonStream, LenientReportsAndGoesOn) {
  Status status = Read("p.jsonl",
                       "{\"id\":\"a\"}\n"
                       "not json\n"
                       "{\"id\":\"b\"}\n"
                       "{\"id\":\"\"}\n"
                       "\n"
                       "{\"id\":\"c\",\"available_from\":\"2024-02-30\"}\n"
                       "{\"id\":\"d\"}\n",
                       /*lenient=*/true);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(ids_, (std::vector<std::string>{"a", "b", "d"}));
  const std::string path = Path("p.jsonl");
  EXPECT_EQ(errors_,
            (std::vector<std::string>{
                path + ":2:2: invalid JSON: syntax error while parsing value "
                       "- invalid literal; last read: 'no'",
                path + ":4: id: expected a non-empty string, got \"\"",
                path + ":6: available_from: expected a date (YYYY-MM-DD), "
                       "got \"2024-02-30\"",
            }));
}

TEST_F(ModelJsonStream, NumberOverflowIsInvalidJson) {
  Status status =
      Read("p.jsonl", "{\"id\":\"a\",\"experience_years\":1e400}\n");
  EXPECT_EQ(status.message(), Path("p.jsonl") +
                                  ":1: invalid JSON: number overflow parsing "
                                  "'1e400'");
}

TEST_F(ModelJsonStream, CallbackStatusStopsTheRead) {
  dir_.Write("p.jsonl", "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n");
  int calls = 0;
  Status status = ReadProfiles(Path("p.jsonl"), [&](Profile&& profile) {
    ++calls;
    if (profile.id == "b") return Status::InvalidArgument("enough");
    return Status::Ok();
  });
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "enough");
  EXPECT_EQ(calls, 2);
}

TEST_F(ModelJsonStream, JsonArray) {
  Status status = Read("p.json",
                       "\n  [\n"
                       "  {\"id\": \"a\"},\n"
                       "  {\"id\": \"b, ]\\\"[\",\n"
                       "   \"skills\": [{\"skill_id\": \"T1\"}]},\n"
                       "  {\"id\": \"c\"}\n"
                       "]\n\n");
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(ids_, (std::vector<std::string>{"a", "b, ]\"[", "c"}));
}

// Array elements are located by the line where they start.
TEST_F(ModelJsonStream, JsonArrayErrorsGiveTheElementLine) {
  Status status =
      Read("p.json",
           "[\n"
           "  {\"id\": \"a\"},\n"
           "  {\"id\": \"b\",\n"
           "   \"skills\": [{\"skill_id\": \"T1\", \"level\": 5}]},\n"
           "  {\"id\": \"c\"}, 7, {\"id\": \"d\" \"x\": 1},\n"
           "  {\"id\": \"e\"}\n"
           "]\n",
           /*lenient=*/true);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(ids_, (std::vector<std::string>{"a", "c", "e"}));
  const std::string path = Path("p.json");
  EXPECT_EQ(errors_,
            (std::vector<std::string>{
                path + ":3: skills[0].level: expected an integer from 1 to 4, "
                       "got 5",
                path + ":5: expected an object, got 7",
                path + ":5: invalid JSON: parse error at line 1, column 14: "
                       "syntax error while parsing object - unexpected string "
                       "literal; expected '}'",
            }));
}

TEST_F(ModelJsonStream, DamagedArraysAreFatalEvenWhenLenient) {
  Status status = Read("a.json", "[{\"id\":\"a\"},\n{\"id\":\"b\"}\n",
                       /*lenient=*/true);
  EXPECT_EQ(status.message(), Path("a.json") +
                                  ":3: invalid JSON: unexpected end of file, "
                                  "expected ']'");
  EXPECT_EQ(ids_, (std::vector<std::string>{"a", "b"}));

  status = Read("b.json", "[{\"id\":\"a\"},\n]\n", /*lenient=*/true);
  EXPECT_EQ(status.message(),
            Path("b.json") + ":2: invalid JSON: expected a value, got ']'");

  status = Read("c.json", "[{\"id\":\"a\"},,{\"id\":\"b\"}]", true);
  EXPECT_EQ(status.message(),
            Path("c.json") + ":1: invalid JSON: expected a value, got ','");

  status = Read("d.json", "[{\"id\":\"a\"}]\n{\"id\":\"b\"}\n", true);
  EXPECT_EQ(status.message(), Path("d.json") +
                                  ":2: invalid JSON: unexpected text after the "
                                  "closing ']'");
  EXPECT_EQ(ids_, (std::vector<std::string>{"a"}));

  status = Read("e.json", "[{\"id\":\"a\"},\n{\"id\":\"b\n", true);
  EXPECT_EQ(status.message(), Path("e.json") +
                                  ":3: invalid JSON: unexpected end of file in "
                                  "the element starting at line 2");
}

// A line without end (a binary file, a dump without newlines) is refused
// before it is buffered whole; the next line is read.
TEST_F(ModelJsonStream, OverlongLine) {
  const size_t kLimit = size_t{16} << 20;
  Status status =
      Read("big.jsonl", std::string(kLimit + 10, 'x') + "\n{\"id\":\"b\"}\n",
           /*lenient=*/true);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(ids_, (std::vector<std::string>{"b"}));
  EXPECT_EQ(errors_,
            (std::vector<std::string>{
                Path("big.jsonl") + ":1: record longer than 16777216 bytes"}));
}

// Issue 12: a record that is '[' x 100,000 crashed the reader (Describe
// dumped the whole value). The scanner refuses it before it is parsed.
TEST_F(ModelJsonStream, DeeplyNestedRecordIsRefusedNotACrash) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Status status =
      Read("deep.jsonl", "{\"id\":\"a\"}\n" + deep + "\n{\"id\":\"b\"}\n",
           /*lenient=*/true);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(ids_, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(errors_, (std::vector<std::string>{
                         Path("deep.jsonl") +
                         ":2: record nesting deeper than 64 levels"}));
  // A file that starts with '[' is one array: here of one element.
  status = Read("deep.json", deep);
  EXPECT_EQ(status.message(),
            Path("deep.json") + ":1: record nesting deeper than 64 levels");
}

// A bad value parsed some other way is still shown in a few bytes: messages
// never dump a whole value.
TEST(ModelJsonValidation, DeepOrHugeValuesAreDescribedInAFewBytes) {
  // Moved, not copied: copying a json value recurses once per level.
  json record = {{"id", "p"}};
  record["education_field"] =
      json::parse(std::string(100000, '[') + std::string(100000, ']'));
  auto profile = ProfileFromJson(record, "p:1");
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.status().message(),
            "p:1: education_field: expected a string, got " +
                std::string(57, '[') + "...");
  auto huge = ProfileFromJson(
      {{"id", "p"}, {"experience_years", std::string(10 << 20, 'x')}}, "p:1");
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().message(),
            "p:1: experience_years: expected a number >= 0, got \"" +
                std::string(56, 'x') + "...");
  EXPECT_EQ(DescribeJson(json::parse(R"({"b":[1,{"c":null}],"a":"\u00e9"})")),
            R"({"a":"é","b":[1,{"c":null}]})");
}

TEST_F(ModelJsonStream, DashIsStandardInput) {
  std::istringstream in("[{\"id\":\"a\"},\n{\"id\":7}]");
  std::streambuf* saved = std::cin.rdbuf(in.rdbuf());
  std::vector<std::string> ids;
  Status status = ReadProfiles("-", [&](Profile&& profile) {
    ids.push_back(profile.id);
    return Status::Ok();
  });
  std::cin.rdbuf(saved);
  EXPECT_EQ(status.message(),
            "<stdin>:2: id: expected a non-empty string, got 7");
  EXPECT_EQ(ids, (std::vector<std::string>{"a"}));
}

TEST_F(ModelJsonStream, MissingFile) {
  Status status =
      ReadProfiles(Path("nope.jsonl"), [](Profile&&) { return Status::Ok(); });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), Path("nope.jsonl") + ": cannot open file");
  status = ReadOffers(Path("nope.jsonl"), [](Offer&&) { return Status::Ok(); });
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), Path("nope.jsonl") + ": cannot open file");
}

TEST_F(ModelJsonStream, Directory) {
  Status status =
      ReadProfiles(dir_.path(), [](Profile&&) { return Status::Ok(); });
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(),
            dir_.path() + ": is a directory, expected a file");
}

TEST_F(ModelJsonStream, OffersFromAStream) {
  std::istringstream in(
      "{\"id\":\"o1\",\"positions\":2}\n{\"id\":\"o2\",\"positions\":0}\n");
  std::vector<Offer> offers;
  std::vector<std::string> errors;
  Status status = ReadOffers(
      in, "<stdin>",
      [&](Offer&& offer) {
        offers.push_back(std::move(offer));
        return Status::Ok();
      },
      [&](const Status& error) { errors.push_back(error.message()); });
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(offers.size(), 1u);
  EXPECT_EQ(offers[0].positions, 2);
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "<stdin>:2: positions: expected an integer >= 1, "
                        "got 0"}));
}

// Many records through the stream: what is written is what is read.
TEST_F(ModelJsonStream, WrittenRecordsReadBack) {
  std::string text;
  std::vector<Offer> written;
  for (int offer_idx = 0; offer_idx < 200; ++offer_idx) {
    Offer offer = FullOffer();
    offer.id = "o" + std::to_string(offer_idx);
    offer.positions = offer_idx + 1;
    offer.coding_confidence = static_cast<float>(offer_idx) / 199.0f;
    offer.salary_max = 2500.0 + offer_idx / 7.0;
    text += ToJson(offer).dump() + "\n";
    written.push_back(offer);
  }
  dir_.Write("o.jsonl", text);
  std::vector<Offer> read;
  Status status = ReadOffers(Path("o.jsonl"), [&](Offer&& offer) {
    read.push_back(std::move(offer));
    return Status::Ok();
  });
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(read, written);
}

TEST(ModelJsonExamples, ReadWithoutError) {
  const std::string dir =
      std::string(SKILLMATCH_SOURCE_DIR) + "/engine/model/schema/examples/";
  std::vector<Profile> profiles;
  Status status = ReadProfiles(dir + "profiles.jsonl", [&](Profile&& profile) {
    profiles.push_back(std::move(profile));
    return Status::Ok();
  });
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(profiles.size(), 3u);
  EXPECT_EQ(profiles[0].location.country, "BJ");
  EXPECT_EQ(profiles[1].location.country, "SN");
  EXPECT_EQ(profiles[1].mobility.communities,
            std::vector<std::string>{"ECOWAS"});
  EXPECT_EQ(profiles[2].location.city, "Douala");

  std::vector<Offer> offers;
  status = ReadOffers(dir + "offers.jsonl", [&](Offer&& offer) {
    offers.push_back(std::move(offer));
    return Status::Ok();
  });
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(offers.size(), 3u);
  int international = 0;
  for (const Offer& offer : offers) {
    EXPECT_FALSE(offer.occupation.empty()) << offer.id;
    if (offer.international) {
      ++international;
      EXPECT_EQ(offer.location.country, "FR");
    }
  }
  EXPECT_EQ(international, 1);

  // Nothing in the examples is lost by a write and a read.
  for (const Profile& profile : profiles) {
    EXPECT_EQ(ProfileFromJson(ThroughText(ToJson(profile)), "x").value(),
              profile);
  }
}

// ---------------------------------------------------------------------------
// OfferDocument: the same bytes as ToJson(offer).dump(), the oracle.

::testing::AssertionResult SameAsDump(const Offer& offer) {
  const std::string expected = ToJson(offer).dump();
  const std::string actual = OfferDocument(offer).value();
  if (actual == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "offer " << offer.id << "\n  OfferDocument: " << actual
         << "\n  dump():        " << expected;
}

TEST(ModelJsonOfferDocument, SpelledOut) {
  Offer offer;
  offer.id = "o1";
  EXPECT_EQ(OfferDocument(offer).value(), R"({"id":"o1","positions":1})");
  offer.title = "a\"b\\c\n\t\x01\x1f\x7f é";
  offer.location.city = "Lomé";
  offer.salary_min = 0.1;
  offer.published = "";
  EXPECT_EQ(OfferDocument(offer).value(),
            "{\"id\":\"o1\",\"title\":\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\x7f "
            "é\",\"location\":{\"city\":\"Lomé\"},\"positions\":1,"
            "\"salary_min\":0.1,\"published\":\"\"}");
}

TEST(ModelJsonOfferDocument, FullAndMinimalOffers) {
  EXPECT_TRUE(SameAsDump(FullOffer()));
  Offer minimal;
  EXPECT_TRUE(SameAsDump(minimal));  // even the empty id is written
  minimal.id = "o1";
  EXPECT_TRUE(SameAsDump(minimal));
}

// Each optional field alone on a minimal offer, and each one cleared on the
// full offer, so that every omission rule is seen both ways.
TEST(ModelJsonOfferDocument, EachFieldSetAndUnset) {
  const std::vector<std::pair<std::string, std::function<void(Offer&)>>>
      fields = {
          {"source", [](Offer& o) { o.source = "anpe-bj"; }},
          {"source_ref", [](Offer& o) { o.source_ref = "R-1"; }},
          {"employer", [](Offer& o) { o.employer = "Société Ø"; }},
          {"title", [](Offer& o) { o.title = "Chauffeur"; }},
          {"description", [](Offer& o) { o.description = "l1\r\nl2"; }},
          {"occupation", [](Offer& o) { o.occupation = "N4105"; }},
          {"coding_confidence", [](Offer& o) { o.coding_confidence = 0.5f; }},
          {"needs_review", [](Offer& o) { o.needs_review = true; }},
          {"skills",
           [](Offer& o) {
             o.skills = {{"T1", false, 2}};
           }},
          {"soft_skills",
           [](Offer& o) {
             o.soft_skills = {{"S1", true, 0}};
           }},
          {"languages",
           [](Offer& o) {
             o.languages = {{"fr", 4}, {"ee", 1}};
           }},
          {"min_education", [](Offer& o) { o.min_education = 3; }},
          {"min_experience_years",
           [](Offer& o) { o.min_experience_years = 1.5; }},
          {"location.country", [](Offer& o) { o.location.country = "TG"; }},
          {"location.region", [](Offer& o) { o.location.region = "Maritime"; }},
          {"location.city", [](Offer& o) { o.location.city = "Lomé"; }},
          {"location.lat", [](Offer& o) { o.location.lat = 6.13; }},
          {"location.lon", [](Offer& o) { o.location.lon = 1.22; }},
          {"international", [](Offer& o) { o.international = true; }},
          {"contract", [](Offer& o) { o.contract = ContractType::kDaily; }},
          {"positions", [](Offer& o) { o.positions = 12; }},
          {"salary_min", [](Offer& o) { o.salary_min = 60000; }},
          {"salary_max", [](Offer& o) { o.salary_max = 90000.25; }},
          {"salary_currency", [](Offer& o) { o.salary_currency = "XOF"; }},
          {"published", [](Offer& o) { o.published = "2026-03-01"; }},
          {"expires", [](Offer& o) { o.expires = "2026-04-01"; }},
          {"licences_required",
           [](Offer& o) {
             o.licences_required = {"B", "C", ""};
           }},
          {"closed", [](Offer& o) { o.closed = "2026-03-05"; }},
          {"closing_reason", [](Offer& o) { o.closing_reason = "expired"; }},
          {"hired", [](Offer& o) { o.hired = "J-7"; }},
      };
  const std::vector<std::pair<std::string, std::function<void(Offer&)>>>
      clears = {
          {"source", [](Offer& o) { o.source.clear(); }},
          {"employer", [](Offer& o) { o.employer.clear(); }},
          {"description", [](Offer& o) { o.description.clear(); }},
          {"coding_confidence", [](Offer& o) { o.coding_confidence.reset(); }},
          {"needs_review", [](Offer& o) { o.needs_review = false; }},
          {"skills", [](Offer& o) { o.skills.clear(); }},
          {"soft_skills", [](Offer& o) { o.soft_skills.clear(); }},
          {"languages", [](Offer& o) { o.languages.clear(); }},
          {"min_education", [](Offer& o) { o.min_education.reset(); }},
          {"min_experience_years",
           [](Offer& o) { o.min_experience_years.reset(); }},
          {"location", [](Offer& o) { o.location = {}; }},
          {"location.lat/lon",
           [](Offer& o) { o.location.lat = o.location.lon = std::nullopt; }},
          {"location.country", [](Offer& o) { o.location.country.clear(); }},
          {"international", [](Offer& o) { o.international = false; }},
          {"contract", [](Offer& o) { o.contract.reset(); }},
          {"salary", [](Offer& o) { o.salary_min = o.salary_max = {}; }},
          {"salary_currency", [](Offer& o) { o.salary_currency.clear(); }},
          {"published", [](Offer& o) { o.published.reset(); }},
          {"expires", [](Offer& o) { o.expires = ""; }},
          {"licences_required", [](Offer& o) { o.licences_required.clear(); }},
          {"hired", [](Offer& o) { o.hired.clear(); }},
          {"closing", [](Offer& o) {
             o.closed.reset();
             o.closing_reason.clear();
             o.hired.clear();
           }},
      };
  for (const auto& [name, set] : fields) {
    Offer offer;
    offer.id = "o1";
    set(offer);
    EXPECT_TRUE(SameAsDump(offer)) << "set " << name;
    // The field shows in the text (names of nested ones end at the dot).
    EXPECT_NE(OfferDocument(offer).value().find(name.substr(0, name.find('.'))),
              std::string::npos)
        << name;
  }
  for (const auto& [name, clear] : clears) {
    Offer offer = FullOffer();
    clear(offer);
    EXPECT_TRUE(SameAsDump(offer)) << "cleared " << name;
  }
}

TEST(ModelJsonOfferDocument, EveryContractType) {
  const ContractType types[] = {
      ContractType::kPermanent,      ContractType::kFixedTerm,
      ContractType::kTemporary,      ContractType::kSeasonal,
      ContractType::kApprenticeship, ContractType::kInternship,
      ContractType::kFreelance,      ContractType::kDaily,
  };
  for (ContractType type : types) {
    Offer offer = FullOffer();
    offer.contract = type;
    EXPECT_TRUE(SameAsDump(offer)) << ToString(type);
    EXPECT_NE(OfferDocument(offer).value().find("\"contract\":\"" +
                                        std::string(ToString(type)) + "\""),
              std::string::npos);
  }
}

TEST(ModelJsonOfferDocument, Numbers) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  const double doubles[] = {0.0,
                            -0.0,
                            1.0,
                            3.0,
                            -3.5,
                            0.1,
                            1e-7,
                            1e12,
                            1e21,
                            1e22,
                            123456789012345680.0,
                            2500.5,
                            14.6928,
                            -17.4467,
                            1.0 / 3.0,
                            std::numeric_limits<double>::max(),
                            std::numeric_limits<double>::lowest(),
                            std::numeric_limits<double>::min(),
                            std::numeric_limits<double>::denorm_min(),
                            kInf,
                            -kInf,
                            kNan};
  for (double value : doubles) {
    Offer offer = FullOffer();
    offer.salary_min = value;
    offer.salary_max = -value;
    offer.min_experience_years = value / 7;
    offer.location.lat = value;
    offer.location.lon = value * 3;
    EXPECT_TRUE(SameAsDump(offer)) << value;
  }
  const float floats[] = {0.0f,
                          1.0f,
                          0.82f,
                          0.1f,
                          1e-7f,
                          0.5f,
                          -0.0f,
                          0.333333f,
                          0.99999994f,
                          std::numeric_limits<float>::denorm_min(),
                          std::numeric_limits<float>::quiet_NaN()};
  for (float value : floats) {
    Offer offer = FullOffer();
    offer.coding_confidence = value;
    EXPECT_TRUE(SameAsDump(offer)) << value;
  }
  const int ints[] = {0, 1, -1, 7, 1000000, INT_MAX, INT_MIN};
  for (int value : ints) {
    Offer offer = FullOffer();
    offer.positions = value;
    offer.min_education = value / -3;
    offer.skills[0].min_level = value;
    offer.languages[0].level = value;
    EXPECT_TRUE(SameAsDump(offer)) << value;
  }
}

TEST(ModelJsonOfferDocument, Strings) {
  std::vector<std::string> texts = {
      "",
      "\"",
      "\\",
      "\n",
      "\t",
      "\x01",
      "\x1f",
      "\x7f",
      "/",
      "é",
      "œuvre",
      "😀 ok",
      "\u20ac",
      "a\"b\\c\n\r\b\f\t\x01z",
      "\xef\xbf\xbf",
      "\xf4\x8f\xbf\xbf",
      std::string(1, '\0') + "nul",
      std::string(3000, 'x') + "\"",
  };
  for (int byte = 1; byte < 0x80; ++byte) {
    texts.push_back("<" + std::string(1, static_cast<char>(byte)) + ">");
  }
  for (const std::string& text : texts) {
    Offer offer = FullOffer();
    offer.id = text;
    offer.title = text;
    offer.description = text + text;
    offer.skills[1].skill_id = text;
    offer.languages[0].code = text;
    offer.location.city = text;
    offer.published = text;
    offer.licences_required = {text, "B"};
    EXPECT_TRUE(SameAsDump(offer)) << json(text).dump();
  }
}

TEST(ModelJsonOfferDocument, InvalidUtf8IsADataErrorWhereDumpThrows) {
  const std::string bad[] = {
      "\xff",
      "caf\xc3",
      "\xc3(",
      "\xc0\xaf",
      "\xe0\x80\xaf",
      "\xed\xa0\x80",
      "\xf4\x90\x80\x80",
      "ok \x80 then",
      "\xf0\x9f\x98",
  };
  const std::vector<
      std::pair<std::string, std::function<void(Offer&, const std::string&)>>>
      places = {
          {"id", [](Offer& o, const std::string& t) { o.id = t; }},
          {"title", [](Offer& o, const std::string& t) { o.title = t; }},
          {"skill",
           [](Offer& o, const std::string& t) {
             o.soft_skills[0].skill_id = t;
           }},
          {"city", [](Offer& o, const std::string& t) { o.location.city = t; }},
          {"expires", [](Offer& o, const std::string& t) { o.expires = t; }},
          {"licence",
           [](Offer& o, const std::string& t) {
             o.licences_required.push_back(t);
           }},
      };
  for (const std::string& text : bad) {
    for (const auto& [name, put] : places) {
      Offer offer = FullOffer();
      put(offer, text);
      std::string dump_error = "no exception";
      try {
        ToJson(offer).dump();
      } catch (const json::exception& e) {
        dump_error = e.what();
      }
      Result<std::string> document = OfferDocument(offer);
      ASSERT_FALSE(document.ok()) << name;
      EXPECT_EQ(document.status().code(), StatusCode::kDataError) << name;
      EXPECT_NE(dump_error, "no exception") << name;
      EXPECT_EQ(document.status().message(), "cannot write as JSON: " + dump_error)
          << name;
    }
  }
}

// Offers drawn at random, field by field, from seeded streams: strings from
// pieces that need escaping or are multi-byte, doubles from random bits.
TEST(ModelJsonOfferDocument, RandomOffers) {
  std::mt19937_64 rng(20260514);
  const std::string pieces[] = {"a",  "Z",    " ",    "\"",   "\\", "\n",
                                "\t", "\x01", "\x1f", "\x7f", "é",  "œ",
                                "😀",  "€",    "/",    "0"};
  auto chance = [&](int percent) {
    return static_cast<int>(rng() % 100) < percent;
  };
  auto text = [&]() {
    std::string out;
    const size_t length = rng() % 12;
    for (size_t idx = 0; idx < length; ++idx) {
      out += pieces[rng() % std::size(pieces)];
    }
    return out;
  };
  auto number = [&]() {
    const uint64_t bits = rng();
    double value = 0;
    switch (rng() % 4) {
      case 0:
        std::memcpy(&value, &bits, sizeof(value));  // any double, NaN too
        return value;
      case 1:
        return static_cast<double>(static_cast<int64_t>(bits) >> 20);
      case 2:
        return static_cast<double>(bits % 1000000) / 100.0;
      default:
        return static_cast<double>(bits % 2000) / 1000.0 - 1.0;
    }
  };
  auto skills = [&]() {
    std::vector<RequiredSkill> out(rng() % 4);
    for (RequiredSkill& skill : out) {
      skill = {text(), chance(50), static_cast<int>(rng() % 5)};
    }
    return out;
  };
  constexpr int kOffers = 3000;
  for (int offer_idx = 0; offer_idx < kOffers; ++offer_idx) {
    Offer offer;
    offer.id = text();
    if (chance(50)) offer.source = text();
    if (chance(50)) offer.source_ref = text();
    if (chance(50)) offer.employer = text();
    if (chance(50)) offer.title = text();
    if (chance(50)) offer.description = text();
    if (chance(50)) offer.occupation = text();
    if (chance(50)) {
      const auto bits = static_cast<uint32_t>(rng());
      float value = 0;
      std::memcpy(&value, &bits, sizeof(value));  // any float, NaN too
      offer.coding_confidence = chance(50) ? value : bits % 1001 / 1000.0f;
    }
    offer.needs_review = chance(50);
    offer.skills = skills();
    offer.soft_skills = skills();
    offer.languages.resize(rng() % 3);
    for (LanguageLevel& language : offer.languages) {
      language = {text(), static_cast<int>(rng() % 7)};
    }
    if (chance(50)) offer.min_education = static_cast<int>(rng() % 9);
    if (chance(50)) offer.min_experience_years = number();
    if (chance(50)) offer.location.country = text();
    if (chance(50)) offer.location.region = text();
    if (chance(50)) offer.location.city = text();
    if (chance(50)) offer.location.lat = number();
    if (chance(50)) offer.location.lon = number();
    offer.international = chance(50);
    if (chance(50)) offer.contract = static_cast<ContractType>(rng() % 8);
    offer.positions = static_cast<int>(static_cast<int32_t>(rng()));
    if (chance(50)) offer.salary_min = number();
    if (chance(50)) offer.salary_max = number();
    if (chance(50)) offer.salary_currency = text();
    if (chance(50)) offer.published = text();
    if (chance(50)) offer.expires = text();
    offer.licences_required.resize(rng() % 3);
    for (std::string& licence : offer.licences_required) licence = text();
    ASSERT_TRUE(SameAsDump(offer)) << "random offer " << offer_idx;
  }
}

// The offers the importer's benchmarks and tests see: the generator on the
// embedded sample taxonomy.
TEST(ModelJsonOfferDocument, GeneratedOffers) {
  GeneratorOptions options;
  options.seed = 7;
  auto generator = Generator::Create(SampleTaxonomy(), options);
  ASSERT_TRUE(generator.ok()) << generator.status().message();
  constexpr uint64_t kOffers = 5000;
  int with_location = 0;
  int international = 0;
  for (uint64_t offer_idx = 0; offer_idx < kOffers; ++offer_idx) {
    const Offer offer = generator->GenerateOffer(offer_idx);
    ASSERT_TRUE(SameAsDump(offer)) << "generated offer " << offer_idx;
    if (!offer.location.country.empty()) ++with_location;
    if (offer.international) ++international;
  }
  // The draw covers the interesting shapes.
  EXPECT_GT(with_location, 0);
  EXPECT_GT(international, 0);
}

}  // namespace
}  // namespace skillmatch::engine
