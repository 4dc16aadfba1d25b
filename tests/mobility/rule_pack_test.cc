// The rule pack: reading, validation messages, building from published
// lists (tests/fixtures/mobility).
#include <gtest/gtest.h>

#include <filesystem>

#include "skillmatch/mobility/rule_pack.h"
#include "skillmatch/mobility/training.h"
#include "support/sample_taxonomy.h"
#include "support/shell.h"
#include "support/temp_dir.h"

namespace skillmatch::mobility {
namespace {

namespace fs = std::filesystem;
const std::string kFixtures = std::string(SKILLMATCH_SOURCE_DIR) + "/tests/fixtures/mobility";

// A copy of the fixture pack whose file `name` has `from` replaced by `to`.
class BrokenPack {
 public:
  BrokenPack(const std::string& name, const std::string& from, const std::string& to) {
    for (const char* file : {"pack.json", "rules.csv", "destinations.csv", "review.csv"}) {
      std::string text = testing::Slurp(kFixtures + "/pack/" + file);
      if (name == file) {
        size_t at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos) text.replace(at, from.size(), to);
      }
      dir_.Write(file, text);
    }
  }
  std::string path() const { return dir_.path(); }
  std::string Error() const {
    auto pack = ReadRulePack(path(), &testing::SampleTaxonomy());
    EXPECT_FALSE(pack.ok());
    if (pack.ok()) return "";
    // Messages start with the folder; the test compares what follows.
    std::string message = pack.status().message();
    if (message.rfind(path() + "/", 0) == 0) message = message.substr(path().size() + 1);
    return message;
  }

 private:
  testing::TempDir dir_;
};

TEST(RulePackTest, ReadsTheFixturePack) {
  auto pack = ReadRulePack(kFixtures + "/pack", &testing::SampleTaxonomy());
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  EXPECT_EQ(pack->info.name, "fixture");
  ASSERT_EQ(pack->rules.size(), 6u);
  const Rule& r = pack->rules[2];
  EXPECT_EQ(r.id, "FR-SN-agreement-003");
  EXPECT_EQ(r.line, 4);
  EXPECT_EQ(r.occupation, "J1303");
  EXPECT_EQ(r.regulated, "yes");
  EXPECT_TRUE(r.no_labour_market_test);
  EXPECT_FLOAT_EQ(*r.confidence, 0.8f);
  EXPECT_EQ(pack->rules[4].valid_to, "2020-12-31");
  ASSERT_NE(pack->FindDestination("FR"), nullptr);
  EXPECT_EQ(pack->FindDestination("FR")->min_level, 2);
  EXPECT_EQ(pack->FindDestination("BE"), nullptr);
  ASSERT_EQ(pack->info.gaps.size(), 1u);
  EXPECT_EQ(pack->info.gaps[0].nationality, "CM");
  EXPECT_TRUE(ValidateRulePack(kFixtures + "/pack", &testing::SampleTaxonomy()).empty());
}

TEST(RulePackTest, WriteThenReadGivesTheSamePack) {
  auto pack = ReadRulePack(kFixtures + "/pack");
  ASSERT_TRUE(pack.ok());
  testing::TempDir dir;
  ASSERT_TRUE(WriteRulePack(*pack, dir.Child("copy")).ok());
  auto again = ReadRulePack(dir.Child("copy"));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->info, pack->info);
  EXPECT_EQ(again->rules, pack->rules);
  EXPECT_EQ(again->destinations, pack->destinations);
  EXPECT_EQ(again->review, pack->review);
}

TEST(RulePackTest, BadValuesNameFileLineAndField) {
  EXPECT_EQ(BrokenPack("rules.csv", "FR,SN,bilateral-agreement,Accord France-Sénégal annexe IV,2008-02-25,2008-02-25,,1",
                       "France,SN,bilateral-agreement,Accord France-Sénégal annexe IV,2008-02-25,2008-02-25,,1")
                .Error(),
            "rules.csv:2: destination: expected an ISO 3166-1 alpha-2 code, got 'France'");
  EXPECT_EQ(BrokenPack("rules.csv", "FR,SN,bilateral-agreement,Accord France-Sénégal annexe IV,2008-02-25,2008-02-25,,2",
                       "FR,SN,visa,Accord France-Sénégal annexe IV,2008-02-25,2008-02-25,,2")
                .Error(),
            "rules.csv:3: route: unknown route 'visa', expected bilateral-agreement, "
            "shortage-list or eu-shortage-report");
  EXPECT_EQ(BrokenPack("rules.csv", "2008-02-25,2020-12-31,5", "2008-02-25,2020-02-30,5").Error(),
            "rules.csv:6: valid_to: expected a date YYYY-MM-DD or nothing, got '2020-02-30'");
  EXPECT_EQ(BrokenPack("rules.csv", "2008-02-25,2020-12-31,5", "2008-02-25,2001-01-01,5").Error(),
            "rules.csv:6: valid_to: ends on 2001-01-01, before valid_from 2008-02-25");
  EXPECT_EQ(BrokenPack("rules.csv", ",1,Soudeur,F1502,", ",1,Soudeur,F9999,").Error(),
            "rules.csv:2: occupation: unknown code 'F9999' in taxonomy roame-sample");
  EXPECT_EQ(BrokenPack("rules.csv", ",1,Soudeur,F1502,", ",1,Soudeur,F15,").Error(),
            "rules.csv:2: occupation: 'F15' is a area, not an occupation");
  EXPECT_EQ(BrokenPack("rules.csv", "Monteur en structures bois,,,review", "Monteur en structures bois,F1501,,review").Error(),
            "rules.csv:5: occupation: a code awaiting review must be empty, got 'F1501'");
  EXPECT_EQ(BrokenPack("rules.csv", "Cuisinier,G1401,5120,person", "Cuisinier,,5120,person").Error(),
            "rules.csv:3: occupation: empty, but mapping is person");
  EXPECT_EQ(BrokenPack("rules.csv", "F1502,7212,coder,0.910", "F1502,721,coder,0.910").Error(),
            "rules.csv:2: isco08: expected an ISCO-08 unit group (4 digits), got '721'");
  EXPECT_EQ(BrokenPack("rules.csv", "F1502,7212,coder,0.910", "F1502,7212,coder,1.5").Error(),
            "rules.csv:2: confidence: expected a number in [0, 1], got '1.5'");
  EXPECT_EQ(BrokenPack("rules.csv", "FR-SN-agreement-002,", "FR-SN-agreement-001,").Error(),
            "rules.csv:3: id: duplicate id 'FR-SN-agreement-001'");
  EXPECT_EQ(BrokenPack("rules.csv", ",,1,Chefs de cuisine,G1401,5120,person,,,,yes,service-public.fr (DILA),",
                       ",,0,Chefs de cuisine,G1401,5120,person,,,,yes,service-public.fr (DILA),")
                .Error(),
            "rules.csv:7: seq: expected a position 1, 2, ..., got '0'");
  EXPECT_EQ(BrokenPack("rules.csv", "9412,person,,,,yes,service-public.fr (DILA),",
                       "9412,person,,,,yes,,")
                .Error(),
            "rules.csv:6: source: empty: every rule cites its source");
  EXPECT_EQ(BrokenPack("rules.csv", ",source_url,legal_text_url", ",legal_text_url").Error(),
            "rules.csv:1: source_url: missing column in the header");
  EXPECT_EQ(BrokenPack("rules.csv", "Soudeur,F1502", "Soudeur,\"F1502").Error().substr(0, 12),
            "rules.csv:2:");
  EXPECT_EQ(BrokenPack("destinations.csv", "FR,fr,A2", "FR,fr,B3").Error(),
            "destinations.csv:2: min_level: expected a CEFR level A1..C2 or nothing, got 'B3'");
  EXPECT_EQ(BrokenPack("review.csv", "FR-SN-agreement-004,", "FR-SN-agreement-044,").Error(),
            "review.csv:2: rule_id: no rule 'FR-SN-agreement-044' in rules.csv");
  EXPECT_EQ(BrokenPack("pack.json", "skillmatch-rules/1", "skillmatch-rules/2").Error(),
            "pack.json: format: expected skillmatch-rules/1, got 'skillmatch-rules/2'");
  EXPECT_EQ(BrokenPack("pack.json", "\"version\": \"1\",", "").Error(), "pack.json: version: missing");
  EXPECT_EQ(BrokenPack("rules.csv", "Soudeur", "Soud\xe9ur").Error(),
            "rules.csv:2: label: invalid UTF-8 (byte 0xE9 at offset 4)");
}

TEST(RulePackTest, RuleAwaitingReviewMustBeInTheReviewFile) {
  BrokenPack pack("review.csv", "FR-SN-agreement-004,Monteur en structures bois,F1501,Charpente et couverture,0.310,F1503\n", "");
  EXPECT_EQ(pack.Error(),
            "rules.csv:5: mapping: rule 'FR-SN-agreement-004' awaits review but is not in review.csv");
}

TEST(RulePackTest, ValidateReportsEveryProblem) {
  BrokenPack pack("rules.csv", "FR,SN,bilateral-agreement,Accord France-Sénégal annexe IV,2008-02-25,2008-02-25,,1,Soudeur,F1502",
                  "XX1,SN,bilateral-agreement,Accord France-Sénégal annexe IV,2008-02-25,2008-13-01,,1,Soudeur,F9999");
  std::vector<std::string> problems = ValidateRulePack(pack.path(), &testing::SampleTaxonomy());
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0], pack.path() + "/rules.csv:2: destination: expected an ISO 3166-1 alpha-2 code, got 'XX1'");
  EXPECT_EQ(problems[1], pack.path() + "/rules.csv:2: valid_from: expected a date YYYY-MM-DD, got '2008-13-01'");
  EXPECT_EQ(problems[2], pack.path() + "/rules.csv:2: occupation: unknown code 'F9999' in taxonomy roame-sample");
}

TEST(RulePackTest, PackOfAnotherTaxonomyIsRefused) {
  auto pack = ReadRulePack(kFixtures + "/pack");
  ASSERT_TRUE(pack.ok());
  EXPECT_TRUE(CheckPackTaxonomy(*pack, testing::SampleTaxonomy()).ok());
  pack->info.taxonomy = "rome-v4 460";
  Status other = CheckPackTaxonomy(*pack, testing::SampleTaxonomy());
  EXPECT_EQ(other.code(), StatusCode::kDataError);
  EXPECT_EQ(other.message(),
            "rule pack 'fixture' is coded in taxonomy 'rome-v4', the store holds 'roame-sample': "
            "rebuild it with that taxonomy");
}

TEST(RulePackTest, MissingPackIsNotFound) {
  auto pack = ReadRulePack("/nonexistent/pack");
  ASSERT_FALSE(pack.ok());
  EXPECT_EQ(pack.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(pack.status().message(), "/nonexistent/pack: no such folder (a rule pack is a folder)");
}

TEST(RulePackTest, BuildsFromPublishedListsWithReviewAndGaps) {
  BuildOptions options;
  options.built_on = "2026-12-07";
  options.confirmed = kFixtures + "/confirmed.csv";
  options.regulated = kFixtures + "/regulated.csv";
  options.destinations = kFixtures + "/pack/destinations.csv";
  auto pack = BuildRulePack(kFixtures + "/published", testing::SampleTaxonomy(), options);
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  ASSERT_EQ(pack->rules.size(), 4u);
  for (const Rule& r : pack->rules) {
    EXPECT_EQ(r.destination, "FR");  // from the file name fr-...
    EXPECT_EQ(r.nationality, "SN");
    EXPECT_EQ(r.route, kRouteAgreement);
    EXPECT_EQ(r.valid_from, "2008-02-25");
    EXPECT_EQ(r.source, "service-public.fr (DILA), Licence Ouverte");
    EXPECT_TRUE(r.no_labour_market_test);
  }
  EXPECT_EQ(pack->rules[0].id, "FR-SN-agreement-001");
  // A person confirmed "Cuisinier" (case-insensitively): that code, no guess.
  EXPECT_EQ(pack->rules[1].mapping, kMappingPerson);
  EXPECT_EQ(pack->rules[1].occupation, "G1401");
  EXPECT_EQ(pack->rules[1].isco08, "5120");
  EXPECT_FALSE(pack->rules[1].confidence.has_value());
  // A label nobody could code waits for a person, with the coder's guess
  // in review.csv only.
  const Rule& nonsense = pack->rules[3];
  EXPECT_EQ(nonsense.mapping, kMappingReview);
  EXPECT_EQ(nonsense.occupation, "");
  bool listed = false;
  for (const ReviewItem& item : pack->review) listed = listed || item.rule_id == nonsense.id;
  EXPECT_TRUE(listed);
  // Every rule has a code, or is in the review list: nothing silent.
  for (const Rule& r : pack->rules) {
    if (r.mapping == kMappingReview) continue;
    EXPECT_FALSE(r.occupation.empty()) << r.id;
    EXPECT_FALSE(r.isco08.empty()) << r.id;
  }
  // Regulated through the ISCO group of the code (3211), when coded.
  for (const Rule& r : pack->rules) {
    EXPECT_EQ(r.regulated == "yes", r.isco08 == "3211") << r.id;
  }
  // Gaps: Cameroon's list not captured, Togo without an agreement, and the
  // SN list shorter than announced.
  ASSERT_EQ(pack->info.gaps.size(), 3u);
  EXPECT_EQ(pack->info.gaps[0].nationality, "SN");
  EXPECT_EQ(pack->info.gaps[0].what, "list captured with 4 rows, announced: 5");
  EXPECT_EQ(pack->info.gaps[1].nationality, "CM");
  EXPECT_EQ(pack->info.gaps[2].nationality, "TG");
  // Written and read back, it validates.
  testing::TempDir dir;
  ASSERT_TRUE(WriteRulePack(*pack, dir.Child("pack")).ok());
  EXPECT_TRUE(ValidateRulePack(dir.Child("pack"), &testing::SampleTaxonomy()).empty());
}

TEST(RulePackTest, BuildRefusesAConfirmedCodeThatIsNotAnOccupation) {
  testing::TempDir dir;
  dir.Write("confirmed.csv", "destination,label,code\nFR,Soudeur,F15\n");
  BuildOptions options;
  options.built_on = "2026-12-07";
  options.confirmed = dir.Child("confirmed.csv");
  auto pack = BuildRulePack(kFixtures + "/published", testing::SampleTaxonomy(), options);
  ASSERT_FALSE(pack.ok());
  EXPECT_EQ(pack.status().message(),
            dir.Child("confirmed.csv") + ":2: code: 'F15' is not an occupation of taxonomy roame-sample");
}

TEST(TrainingCatalogueTest, ReadsTheFixtureAndTheEmbeddedSample) {
  auto fixture = ReadTrainingCatalogue(kFixtures + "/catalogue.csv", &testing::SampleTaxonomy());
  ASSERT_TRUE(fixture.ok()) << fixture.status().message();
  ASSERT_EQ(fixture->size(), 4u);
  EXPECT_EQ((*fixture)[1].skills, (std::vector<std::string>{"T0022", "T0026"}));
  EXPECT_EQ((*fixture)[1].ncf_field, "07106");
  EXPECT_EQ((*fixture)[2].cost, 0.0);
  auto sample = ReadTrainingCatalogue(std::string(SKILLMATCH_SOURCE_DIR) + "/data/training/catalogue.csv",
                                      &testing::SampleTaxonomy());
  ASSERT_TRUE(sample.ok()) << sample.status().message();
  EXPECT_GT(sample->size(), 100u);
}

TEST(TrainingCatalogueTest, BadRowsNameLineAndField) {
  testing::TempDir dir;
  const std::string header =
      "id,provider,title,country,region,city,duration_hours,cost,currency,skills,ncf_field,ncf_level\n";
  auto error = [&](const std::string& row) {
    dir.Write("c.csv", header + row + "\n");
    auto read = ReadTrainingCatalogue(dir.Child("c.csv"), &testing::SampleTaxonomy());
    EXPECT_FALSE(read.ok());
    return read.ok() ? std::string() : read.status().message().substr(dir.path().size() + 1);
  };
  EXPECT_EQ(error("A,P,T,SN,Dakar,Dakar,80,100,XOF,T9999,07106,4"), "c.csv:2: skills: unknown skill 'T9999'");
  EXPECT_EQ(error("A,P,T,Senegal,Dakar,Dakar,80,100,XOF,T0022,07106,4"),
            "c.csv:2: country: expected an ISO 3166-1 alpha-2 code, got 'Senegal'");
  EXPECT_EQ(error("A,P,T,SN,Dakar,Dakar,0,100,XOF,T0022,07106,4"),
            "c.csv:2: duration_hours: expected a whole number of hours (1 to 99999), got '0'");
  EXPECT_EQ(error("A,P,T,SN,Dakar,Dakar,80,-5,XOF,T0022,07106,4"),
            "c.csv:2: cost: expected an amount >= 0 or nothing, got '-5'");
  EXPECT_EQ(error("A,P,T,SN,Dakar,Dakar,80,100,XOF,T0022,0710,4"),
            "c.csv:2: ncf_field: expected an NCF detailed field (5 digits), got '0710'");
  EXPECT_EQ(error("A,P,T,SN,Dakar,Dakar,80,100,XOF,,07106,4"),
            "c.csv:2: skills: empty: a training teaches at least one skill");
}

}  // namespace
}  // namespace skillmatch::mobility
