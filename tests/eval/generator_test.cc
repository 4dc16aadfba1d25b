// Tests of the synthetic data generator on the embedded sample taxonomy:
// determinism (runs, seeds, thread counts), valid codes, realistic shares,
// twins, and records that re-read with the JSON codec.
#include "skillmatch/eval/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "skillmatch/model/model_json.h"
#include "support/sample_taxonomy.h"
#include "support/shell.h"
#include "support/temp_dir.h"

namespace skillmatch::engine {
namespace {

using classification::NodeIndex;
using classification::SkillRelation;
using classification::Taxonomy;
using skillmatch::testing::SampleTaxonomy;
using skillmatch::testing::Slurp;
using skillmatch::testing::TempDir;

class GeneratorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { taxonomy_ = &SampleTaxonomy(); }

  static Generator Make(const GeneratorOptions& options = {}) {
    auto generator = Generator::Create(*taxonomy_, options);
    EXPECT_TRUE(generator.ok()) << generator.status().message();
    return std::move(generator).value();
  }

  static const Taxonomy& taxonomy() { return *taxonomy_; }

  bool IsOccupation(const std::string& code) const {
    const NodeIndex node = taxonomy_->FindNode(code);
    return node != classification::kNoNode && taxonomy_->IsOccupation(node);
  }
  bool IsSkill(const std::string& id) const {
    return taxonomy_->FindSkill(id) != classification::kNoSkill;
  }
  // Ids of the technical and knowledge skills linked to `code`.
  std::set<std::string> SkillsOf(const std::string& code) const {
    std::set<std::string> ids;
    for (const auto& link : taxonomy_->SkillsOf(taxonomy_->FindNode(code))) {
      ids.insert(taxonomy_->skill(link.skill).id);
    }
    return ids;
  }

 private:
  static const Taxonomy* taxonomy_;
};

const Taxonomy* GeneratorTest::taxonomy_ = nullptr;

std::string Records(const Generator& generator, RecordKind kind, uint64_t count,
                    int threads, uint64_t chunk, std::string* truth) {
  std::ostringstream records;
  std::ostringstream truth_lines;
  WriteOptions options;
  options.threads = threads;
  options.chunk = chunk;
  Status status =
      WriteRecords(generator, kind, count, records, &truth_lines, options);
  EXPECT_TRUE(status.ok()) << status.message();
  *truth = truth_lines.str();
  return records.str();
}

// --- Determinism ---

TEST_F(GeneratorTest, GeneratorSameSeedWritesByteIdenticalFiles) {
  TempDir first;
  TempDir second;
  TempDir other_seed;
  GeneratorOptions options;
  options.seed = 7;
  const Generator generator = Make(options);
  ASSERT_TRUE(WriteDataset(generator, 150, 400, first.path()).ok());
  ASSERT_TRUE(WriteDataset(Make(options), 150, 400, second.path()).ok());
  options.seed = 8;
  ASSERT_TRUE(WriteDataset(Make(options), 150, 400, other_seed.path()).ok());
  for (const char* name : {"profiles.jsonl", "offers.jsonl", "truth.jsonl"}) {
    const std::string content = Slurp(first.Child(name));
    EXPECT_FALSE(content.empty()) << name;
    EXPECT_EQ(content, Slurp(second.Child(name))) << name;
    EXPECT_NE(content, Slurp(other_seed.Child(name))) << name;
  }
  // The three files and nothing else: no temporary file left behind.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(first.path())) {
    EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 3);
  // One line per record; truth has one per profile and one per offer.
  const std::string truth = Slurp(first.Child("truth.jsonl"));
  EXPECT_EQ(std::count(truth.begin(), truth.end(), '\n'), 550);
}

TEST_F(GeneratorTest, GeneratorThreadCountDoesNotChangeOutput) {
  const Generator generator = Make();
  for (RecordKind kind : {RecordKind::kProfile, RecordKind::kOffer}) {
    std::string truth_one;
    std::string truth_two;
    // Odd chunk sizes so that slices and batches end at different places.
    const std::string one = Records(generator, kind, 1001, 1, 64, &truth_one);
    const std::string two = Records(generator, kind, 1001, 2, 7, &truth_two);
    EXPECT_EQ(one, two);
    EXPECT_EQ(truth_one, truth_two);
    EXPECT_EQ(std::count(one.begin(), one.end(), '\n'), 1001);
  }
}

TEST_F(GeneratorTest, GeneratorRecordDependsOnlyOnSeedAndIndex) {
  const Generator generator = Make();
  // Drawn out of order and twice: the same record each time.
  const Profile late = generator.GenerateProfile(4321);
  generator.GenerateProfile(3);
  EXPECT_EQ(late, generator.GenerateProfile(4321));
  EXPECT_EQ(late.id, "P00004322");
  EXPECT_EQ(generator.GenerateOffer(0).id, "O00000001");
  EXPECT_NE(generator.GenerateProfile(1), generator.GenerateProfile(2));
}

// --- Codes and content ---

TEST_F(GeneratorTest, GeneratorRecordsReferToCodesOfTheTaxonomy) {
  const Generator generator = Make();
  std::set<std::string> source_refs;
  for (uint64_t index = 0; index < 2000; ++index) {
    ProfileTruth truth;
    const Profile profile = generator.GenerateProfile(index, &truth);
    EXPECT_TRUE(IsOccupation(truth.occupation)) << profile.id;
    ASSERT_FALSE(profile.target_occupations.empty());
    for (const std::string& code : profile.target_occupations) {
      EXPECT_TRUE(IsOccupation(code)) << profile.id << " " << code;
    }
    for (const PastOccupation& past : profile.past_occupations) {
      EXPECT_TRUE(IsOccupation(past.code)) << profile.id << " " << past.code;
      EXPECT_GT(past.years, 0) << profile.id;
    }
    for (const auto* claims : {&profile.skills, &profile.soft_skills}) {
      for (const SkillClaim& claim : *claims) {
        EXPECT_TRUE(IsSkill(claim.skill_id)) << profile.id;
        EXPECT_GE(claim.level, kMinSkillLevel);
        EXPECT_LE(claim.level, kMaxSkillLevel);
      }
    }
    for (const auto* ids :
         {&truth.skills, &truth.noise_skills, &truth.missing_essentials}) {
      for (const std::string& id : *ids) EXPECT_TRUE(IsSkill(id));
    }
    ASSERT_TRUE(profile.education_level.has_value());
    EXPECT_LE(*profile.education_level, 8);

    OfferTruth offer_truth;
    const Offer offer = generator.GenerateOffer(index, &offer_truth);
    EXPECT_TRUE(IsOccupation(offer.occupation)) << offer.id;
    EXPECT_EQ(offer.occupation, offer_truth.occupation);
    EXPECT_FALSE(offer.skills.empty()) << offer.id;
    for (const auto* required : {&offer.skills, &offer.soft_skills}) {
      for (const RequiredSkill& skill : *required) {
        EXPECT_TRUE(IsSkill(skill.skill_id)) << offer.id;
      }
    }
    EXPECT_TRUE(source_refs.insert(offer.source_ref).second) << offer.id;
    ASSERT_TRUE(offer.published && offer.expires);
    EXPECT_EQ(offer.published->substr(0, 4), "2026");
    EXPECT_EQ(offer.expires->substr(0, 4), "2026");
    EXPECT_LT(*offer.published, *offer.expires);
  }
}

TEST_F(GeneratorTest, GeneratorProfileSkillsComeMostlyFromTrueOccupation) {
  const Generator generator = Make();
  size_t from_occupation = 0;
  size_t total = 0;
  for (uint64_t index = 0; index < 2000; ++index) {
    ProfileTruth truth;
    const Profile profile = generator.GenerateProfile(index, &truth);
    const std::set<std::string> own = SkillsOf(truth.occupation);
    for (const SkillClaim& claim : profile.skills) {
      from_occupation += own.count(claim.skill_id);
      ++total;
    }
    // Noise is declared and not held; gaps are essentials not held.
    for (const std::string& id : truth.noise_skills) {
      EXPECT_EQ(own.count(id), 0u) << profile.id;
      EXPECT_TRUE(std::binary_search(truth.skills.begin(), truth.skills.end(),
                                     id) == false);
    }
    for (const std::string& id : truth.missing_essentials) {
      EXPECT_EQ(own.count(id), 1u) << profile.id;
    }
  }
  ASSERT_GT(total, 0u);
  EXPECT_GT(static_cast<double>(from_occupation) / total, 0.6);
}

TEST_F(GeneratorTest, GeneratorEducationFollowsIscoMajorGroup) {
  const Generator generator = Make();
  std::map<char, std::pair<double, int>> by_major;  // sum, count
  for (uint64_t index = 0; index < 5000; ++index) {
    ProfileTruth truth;
    const Profile profile = generator.GenerateProfile(index, &truth);
    const auto crosswalk = taxonomy().CrosswalkFrom(
        taxonomy().FindNode(truth.occupation), "isco08");
    ASSERT_FALSE(crosswalk.empty());
    auto& [sum, count] = by_major[crosswalk.front().external_code[0]];
    sum += *profile.education_level;
    ++count;
  }
  const double professionals = by_major['2'].first / by_major['2'].second;
  const double elementary = by_major['9'].first / by_major['9'].second;
  EXPECT_GT(professionals, 5.0);
  EXPECT_LT(elementary, 2.0);
}

TEST_F(GeneratorTest, GeneratorLanguagesAndPlacesFitTheCountry) {
  const Generator generator = Make();
  const std::map<std::string, std::set<std::string>> local = {
      {"BJ", {"fon", "yo"}}, {"TG", {"ee", "kbp"}},
      {"SN", {"wo", "ff"}},  {"ML", {"bm", "ff"}},
      {"NE", {"ha", "dje"}}, {"CM", {"ewo", "dua", "ff"}}};
  for (uint64_t index = 0; index < 2000; ++index) {
    const Profile profile = generator.GenerateProfile(index);
    const Location& where = profile.location;
    ASSERT_EQ(local.count(where.country), 1u) << where.country;
    ASSERT_TRUE(where.lat && where.lon);
    const bool anglophone =
        where.country == "CM" &&
        (where.region == "Nord-Ouest" || where.region == "Sud-Ouest");
    ASSERT_GE(profile.languages.size(), 2u);
    EXPECT_EQ(profile.languages[0].code, anglophone ? "en" : "fr");
    // Then, in anglophone regions, maybe French; then a local language.
    const size_t first_local =
        anglophone && profile.languages[1].code == "fr" ? 2 : 1;
    ASSERT_GT(profile.languages.size(), first_local);
    const std::string& code = profile.languages[first_local].code;
    EXPECT_EQ(local.at(where.country).count(code), 1u)
        << profile.id << " " << code;
  }
}

// Communities on GeneratedAsOf() (2026-01-01), from data/geography: Mali
// and Niger left ECOWAS on 2025-01-29 and stay in WAEMU; Cameroon is in
// CEMAC and ECCAS (the generator's own table used to leave ECCAS out); the
// others are in ECOWAS and WAEMU.
TEST_F(GeneratorTest, GeneratorCommunitiesFollowTheirMembersIn2025) {
  const Generator generator = Make();
  const std::map<std::string, std::vector<std::string>> expected = {
      {"BJ", {"ECOWAS", "WAEMU"}}, {"SN", {"ECOWAS", "WAEMU"}},
      {"TG", {"ECOWAS", "WAEMU"}}, {"ML", {"WAEMU"}},
      {"NE", {"WAEMU"}},           {"CM", {"CEMAC", "ECCAS"}}};
  std::map<std::string, int> seen;
  for (uint64_t index = 0; index < 3000; ++index) {
    const Profile profile = generator.GenerateProfile(index);
    const auto& communities = profile.mobility.communities;
    if (communities.empty()) continue;
    const std::string& country = profile.location.country;
    EXPECT_EQ(communities, expected.at(country)) << profile.id;
    ++seen[country];
  }
  // Every country was seen with a community preference at least once.
  for (const auto& [country, members] : expected) {
    EXPECT_GT(seen[country], 0) << country;
  }
}

TEST_F(GeneratorTest, GeneratorDrivingJobsRequireLicences) {
  const Generator generator = Make();
  const SkillRelation essential = SkillRelation::kEssential;
  int driving_offers = 0;
  for (uint64_t index = 0; index < 5000; ++index) {
    const Offer offer = generator.GenerateOffer(index);
    bool needs_b = false;
    for (const auto& link :
         taxonomy().SkillsOf(taxonomy().FindNode(offer.occupation))) {
      needs_b |= link.relation == essential &&
                 taxonomy().skill(link.skill).id == "T0002";
    }
    if (!needs_b) continue;
    ++driving_offers;
    EXPECT_NE(std::find(offer.licences_required.begin(),
                        offer.licences_required.end(), "B"),
              offer.licences_required.end())
        << offer.id;
  }
  EXPECT_GT(driving_offers, 0);
}

// --- Twins ---

TEST_F(GeneratorTest, GeneratorTwinDiffersOnlyInProtectedAttributes) {
  const Generator generator = Make();
  for (uint64_t index = 0; index < 300; ++index) {
    const Profile profile = generator.GenerateProfile(index);
    ProtectedAttributes other = profile.protected_attributes;
    other.gender = other.gender == "f" ? "m" : "f";
    other.age_band = other.age_band == "55+" ? "15-24" : "55+";
    other.disability = !other.disability.value_or(false);
    other.rural = !other.rural.value_or(false);
    const Profile twin = generator.GenerateTwin(index, other);
    EXPECT_EQ(twin.protected_attributes, other);
    EXPECT_NE(twin, profile);
    Profile same = twin;
    same.protected_attributes = profile.protected_attributes;
    EXPECT_EQ(same, profile) << profile.id;
  }
}

TEST_F(GeneratorTest, GeneratorProtectedOptionsLeaveContentUnchanged) {
  // The protected stream is separate: changing its shares changes nothing
  // else, record for record.
  GeneratorOptions skewed;
  skewed.female_shares = {{"", 1.0}};
  skewed.disability_rate = 1.0;
  skewed.rural_shares = {{"", 0.0}};
  skewed.age_band_weights = {0, 0, 0, 0, 1};
  const Generator plain = Make();
  const Generator other = Make(skewed);
  for (uint64_t index = 0; index < 300; ++index) {
    Profile a = plain.GenerateProfile(index);
    Profile b = other.GenerateProfile(index);
    EXPECT_EQ(b.protected_attributes.gender, "f");
    EXPECT_EQ(b.protected_attributes.age_band, "55+");
    EXPECT_EQ(b.protected_attributes.disability, true);
    a.protected_attributes = {};
    b.protected_attributes = {};
    EXPECT_EQ(a, b) << a.id;
  }
}

// --- Shares ---

TEST_F(GeneratorTest, GeneratorInternationalShareAsConfigured) {
  const std::set<std::string> eu = {"FR", "BE", "ES", "IT", "DE"};
  for (double share : {0.10, 0.25}) {
    GeneratorOptions options;
    options.international_share = share;
    const Generator generator = Make(options);
    int international = 0;
    for (uint64_t index = 0; index < 5000; ++index) {
      const Offer offer = generator.GenerateOffer(index);
      if (offer.international) {
        ++international;
        EXPECT_EQ(offer.source, "eures");
        EXPECT_EQ(offer.salary_currency, "EUR");
        EXPECT_EQ(eu.count(offer.location.country), 1u);
        EXPECT_EQ(offer.source_ref.rfind("http://data.europa.eu/esco/", 0), 0u)
            << offer.source_ref;
        // No moto-taxi or market-trade vacancy comes from EURES.
        EXPECT_NE(offer.occupation, "N1301");
        EXPECT_NE(offer.occupation.substr(0, 3), "K14");
      } else {
        EXPECT_EQ(offer.source, "generator");
        EXPECT_EQ(eu.count(offer.location.country), 0u);
        EXPECT_EQ(offer.salary_currency,
                  offer.location.country == "CM" ? "XAF" : "XOF");
      }
    }
    EXPECT_NEAR(international / 5000.0, share, 0.03) << share;
  }
}

TEST_F(GeneratorTest, GeneratorProtectedSharesAsConfigured) {
  const Generator generator = Make();
  std::map<char, std::pair<int, int>> women;  // by domain: f, total
  int disabled = 0;
  int hairdressers_f = 0;
  int hairdressers = 0;
  for (uint64_t index = 0; index < 5000; ++index) {
    ProfileTruth truth;
    const Profile profile = generator.GenerateProfile(index, &truth);
    const ProtectedAttributes& attributes = profile.protected_attributes;
    auto& [f, total] = women[truth.occupation[0]];
    f += attributes.gender == "f";
    ++total;
    disabled += attributes.disability.value_or(false);
    if (truth.occupation.rfind("D15", 0) == 0) {
      ++hairdressers;
      hairdressers_f += attributes.gender == "f";
    }
  }
  EXPECT_NEAR(disabled / 5000.0, 0.03, 0.015);
  EXPECT_LT(static_cast<double>(women['F'].first) / women['F'].second, 0.15);
  EXPECT_LT(static_cast<double>(women['N'].first) / women['N'].second, 0.15);
  ASSERT_GT(hairdressers, 20);
  EXPECT_GT(static_cast<double>(hairdressers_f) / hairdressers, 0.7);
}

TEST_F(GeneratorTest, GeneratorOccupationMixFavoursBigSectors) {
  GeneratorOptions options;
  const Generator generator = Make(options);
  std::map<std::string, int> by_area;
  for (uint64_t index = 0; index < 5000; ++index) {
    ProfileTruth truth;
    generator.GenerateProfile(index, &truth);
    ++by_area[truth.occupation.substr(0, 3)];
  }
  // Markets and shops, crops, moto-taxis and domestic work each outweigh
  // journalism, insurance or banking by far.
  for (const char* big : {"D12", "A14", "N13", "K11"}) {
    for (const char* rare : {"E11", "C11", "M18"}) {
      EXPECT_GT(by_area[big], 3 * by_area[rare]) << big << " vs " << rare;
    }
  }
  // Weights are configurable: with only trade, every draw is trade.
  options.occupation_weights = {{"", 0.0}, {"D", 1.0}};
  const Generator trade = Make(options);
  for (uint64_t index = 0; index < 200; ++index) {
    EXPECT_EQ(trade.GenerateOffer(index).occupation[0], 'D');
  }
}

// --- JSON ---

TEST_F(GeneratorTest, GeneratorRecordsReReadWithTheCodec) {
  const Generator generator = Make();
  for (uint64_t index = 0; index < 500; ++index) {
    const Profile profile = generator.GenerateProfile(index);
    const auto profile_json = nlohmann::json::parse(ToJson(profile).dump());
    auto profile_back = ProfileFromJson(profile_json, "profiles.jsonl:1");
    ASSERT_TRUE(profile_back.ok()) << profile_back.status().message();
    EXPECT_EQ(*profile_back, profile);

    const Offer offer = generator.GenerateOffer(index);
    const auto offer_json = nlohmann::json::parse(ToJson(offer).dump());
    auto offer_back = OfferFromJson(offer_json, "offers.jsonl:1");
    ASSERT_TRUE(offer_back.ok()) << offer_back.status().message();
    EXPECT_EQ(*offer_back, offer);
  }
}

TEST_F(GeneratorTest, GeneratorDatasetReadsBackWithTheStreamReaders) {
  TempDir dir;
  ASSERT_TRUE(WriteDataset(Make(), 50, 80, dir.Child("new/sub")).ok());
  int profiles = 0;
  int offers = 0;
  ASSERT_TRUE(ReadProfiles(dir.Child("new/sub/profiles.jsonl"), [&](Profile&&) {
                ++profiles;
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(ReadOffers(dir.Child("new/sub/offers.jsonl"), [&](Offer&&) {
                ++offers;
                return Status::Ok();
              }).ok());
  EXPECT_EQ(profiles, 50);
  EXPECT_EQ(offers, 80);
  std::istringstream truth(Slurp(dir.Child("new/sub/truth.jsonl")));
  std::string line;
  std::getline(truth, line);
  const auto first = nlohmann::json::parse(line);
  EXPECT_EQ(first["kind"], "profile");
  EXPECT_EQ(first["id"], "P00000001");
}

// --- Errors ---

TEST_F(GeneratorTest, GeneratorRejectsBadOptions) {
  GeneratorOptions options;
  options.international_share = 1.5;
  auto bad_share = Generator::Create(taxonomy(), options);
  ASSERT_FALSE(bad_share.ok());
  EXPECT_EQ(bad_share.status().message(),
            "international_share: expected a share from 0 to 1, got 1.5");

  options = {};
  options.countries = {{"GH", 1.0}};
  auto bad_country = Generator::Create(taxonomy(), options);
  ASSERT_FALSE(bad_country.ok());
  EXPECT_EQ(bad_country.status().message(),
            "countries: unknown country 'GH', expected BJ, CM, ML, NE, SN or "
            "TG");

  options = {};
  options.occupation_weights = {{"", 0.0}};
  auto no_weight = Generator::Create(taxonomy(), options);
  ASSERT_FALSE(no_weight.ok());
  EXPECT_EQ(no_weight.status().code(), StatusCode::kInvalidArgument);
}

// --- Flows over time (issue 16) ---

GeneratorOptions WithFlows() {
  GeneratorOptions options;
  options.flows.enabled = true;
  return options;
}

TEST_F(GeneratorTest, FlowsLeaveEverythingElseUnchanged) {
  // Their own stream: with flows on, a record differs only by its time
  // fields (and its publication moved into the window, as long open).
  const Generator plain = Make();
  const Generator flows = Make(WithFlows());
  for (uint64_t index = 0; index < 300; ++index) {
    Profile a = plain.GenerateProfile(index);
    Profile b = flows.GenerateProfile(index);
    ASSERT_TRUE(b.registered.has_value()) << b.id;
    EXPECT_FALSE(a.registered.has_value());
    b.registered.reset();
    b.exited.reset();
    b.exit_reason.clear();
    EXPECT_EQ(a, b) << a.id;

    Offer o = plain.GenerateOffer(index);
    Offer p = flows.GenerateOffer(index);
    ASSERT_TRUE(p.published && p.expires);
    EXPECT_EQ(DaysBetween(*Date::Parse(*o.published), *Date::Parse(*o.expires)),
              DaysBetween(*Date::Parse(*p.published), *Date::Parse(*p.expires)))
        << o.id;
    p.published = o.published;
    p.expires = o.expires;
    p.closed.reset();
    p.closing_reason.clear();
    EXPECT_EQ(o, p) << o.id;
  }
  // And the same seed draws the same flows.
  const Generator again = Make(WithFlows());
  for (uint64_t index = 0; index < 50; ++index) {
    EXPECT_EQ(flows.GenerateOffer(index), again.GenerateOffer(index));
    EXPECT_EQ(flows.GenerateProfile(index), again.GenerateProfile(index));
  }
}

// What the statistics need to show something: every month of the window
// has entries, every reason occurs, the agricultural campaign, slow and fast
// occupations, regions unlike for offers and jobseekers; and every record
// re-reads with the codec's rules (closed after published, exit after
// registration).
TEST_F(GeneratorTest, FlowsGiveEveryIndicatorSomethingToShow) {
  const Generator generator = Make(WithFlows());
  const Date first = *Date::FromCivil(2025, 1, 1);
  const Date last = *Date::FromCivil(2026, 12, 31);
  std::map<int, int> offers_by_month, jobseekers_by_month;
  std::map<std::string, int> closing_reasons, exit_reasons;
  // New offers (0) and new jobseekers (1) in the window, by code prefix.
  std::map<std::pair<std::string, int>, int> new_by_prefix;
  auto count_new = [&](const std::string& code, int kind) {
    for (const char* prefix : {"F", "D12", "J", "K11"}) {
      if (code.rfind(prefix, 0) == 0) ++new_by_prefix[{prefix, kind}];
    }
  };
  std::array<int, 12> farm_by_calendar_month{};
  double fast_days = 0, slow_days = 0;
  int fast_filled = 0, slow_filled = 0;
  int offers_in = 0, offers_main = 0, jobseekers_in = 0, jobseekers_main = 0;
  // The regions of the first city of each home country.
  const std::set<std::string> main_regions = {"Littoral", "Dakar", "Maritime",
                                              "Bamako", "Niamey"};
  for (uint64_t index = 0; index < 4000; ++index) {
    const Offer offer = generator.GenerateOffer(index);
    auto back = OfferFromJson(nlohmann::json::parse(ToJson(offer).dump()), "o");
    ASSERT_TRUE(back.ok()) << back.status().message();
    const Date published = *Date::Parse(*offer.published);
    if (offer.closed) {
      const Date closed = *Date::Parse(*offer.closed);
      EXPECT_LE(closed, last) << offer.id;
      ++closing_reasons[offer.closing_reason];
      if (offer.closing_reason == "filled" && published >= first) {
        const int days = DaysBetween(published, closed);
        // Fast: farm labour, sales, moto-taxis; slow: health, IT and the
        // other professionals (FlowOptions::vacancy_days).
        const std::string& code = offer.occupation;
        if (code.rfind("A14", 0) == 0 || code.rfind("D12", 0) == 0 ||
            code.rfind("N13", 0) == 0) {
          fast_days += days;
          ++fast_filled;
        } else if (code[0] == 'J' || code[0] == 'M' || code[0] == 'C' ||
                   code[0] == 'E') {
          slow_days += days;
          ++slow_filled;
        }
      }
    }
    if (published < first || offer.international) continue;
    ++offers_in;
    count_new(offer.occupation, 0);
    offers_main += main_regions.count(offer.location.region) > 0;
    ++offers_by_month[published.year() * 12 + published.month() - 1];
    if (offer.occupation[0] == 'A' && offer.occupation.rfind("A16", 0) != 0) {
      ++farm_by_calendar_month[published.month() - 1];
    }
  }
  for (uint64_t index = 0; index < 4000; ++index) {
    const Profile profile = generator.GenerateProfile(index);
    auto back =
        ProfileFromJson(nlohmann::json::parse(ToJson(profile).dump()), "p");
    ASSERT_TRUE(back.ok()) << back.status().message();
    const Date registered = *Date::Parse(*profile.registered);
    if (profile.exited) {
      EXPECT_LE(*Date::Parse(*profile.exited), last);
      ++exit_reasons[profile.exit_reason];
    }
    if (registered < first) continue;
    ++jobseekers_in;
    count_new(profile.target_occupations.front(), 1);
    jobseekers_main += main_regions.count(profile.location.region) > 0;
    ++jobseekers_by_month[registered.year() * 12 + registered.month() - 1];
  }
  EXPECT_EQ(offers_by_month.size(), 24u);
  EXPECT_EQ(jobseekers_by_month.size(), 24u);
  for (const auto& [month, count] : offers_by_month) EXPECT_GT(count, 30) << month;
  for (const auto& [month, count] : jobseekers_by_month) EXPECT_GT(count, 30) << month;
  for (const char* reason : {"filled", "withdrawn", "expired", "cancelled"}) {
    EXPECT_GT(closing_reasons[reason], 20) << reason;
  }
  for (const char* reason :
       {"employment", "training", "self_employment", "other", "unknown"}) {
    EXPECT_GT(exit_reasons[reason], 50) << reason;
  }
  // The campaign: June's farm offers well above February's.
  EXPECT_GT(farm_by_calendar_month[5], 2 * farm_by_calendar_month[1]);
  // Slow and fast occupations: professionals take far longer to fill.
  // (Expected ratio about 4: typical days 55-85 against 10-14.)
  ASSERT_GT(fast_filled, 30);
  ASSERT_GT(slow_filled, 30);
  EXPECT_GT(slow_days / slow_filled, 3 * (fast_days / fast_filled));
  // Shortages and surpluses: building's tension ratio (new offers per new
  // jobseeker) well above trade's.
  auto ratio = [&](const char* prefix) {
    return static_cast<double>(new_by_prefix[{prefix, 0}]) /
           std::max(1, new_by_prefix[{prefix, 1}]);
  };
  EXPECT_GT(ratio("F"), 1.5 * ratio("D12"));
  EXPECT_GT(ratio("J"), 1.5 * ratio("K11"));
  // Offers concentrate in the main regions more than jobseekers do.
  EXPECT_GT(static_cast<double>(offers_main) / offers_in,
            static_cast<double>(jobseekers_main) / jobseekers_in + 0.05);
}

TEST_F(GeneratorTest, FlowOptionsAreChecked) {
  GeneratorOptions options = WithFlows();
  options.flows.months = 0;
  auto months = Generator::Create(taxonomy(), options);
  ASSERT_FALSE(months.ok());
  EXPECT_EQ(months.status().message(), "flows.months: expected 1 to 120, got 0");
  options = WithFlows();
  options.flows.filled_share = 0.9;
  options.flows.withdrawn_share = 0.2;
  auto shares = Generator::Create(taxonomy(), options);
  ASSERT_FALSE(shares.ok());
  EXPECT_EQ(shares.status().message(),
            "flows: filled_share + withdrawn_share + cancelled_share above 1");
}

TEST_F(GeneratorTest, GeneratorRejectsTooManyRecords) {
  TempDir dir;
  Status status = WriteDataset(Make(), kMaxGeneratedRecords + 1, 1, dir.path());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "profiles: expected at most 10000000 records, got 10000001");
  EXPECT_FALSE(std::filesystem::exists(dir.Child("profiles.jsonl")));
}

}  // namespace
}  // namespace skillmatch::engine
