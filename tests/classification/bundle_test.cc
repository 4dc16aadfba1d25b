#include "skillmatch/classification/bundle.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_dir.h"

namespace skillmatch::classification {
namespace {

namespace fs = std::filesystem;
using skillmatch::testing::TempDir;

const std::string kTiny =
    std::string(SKILLMATCH_SOURCE_DIR) + "/tests/fixtures/bundles/tiny";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(Bundle, ReadsTheTinyFixture) {
  auto tax = ReadBundle(kTiny);
  ASSERT_TRUE(tax.ok()) << tax.status().message();
  EXPECT_EQ(tax->info().name, "tiny");
  EXPECT_EQ(tax->main_language(), "fr");
  EXPECT_EQ(tax->node_count(), 8u);
  EXPECT_EQ(tax->occupations().size(), 4u);
  EXPECT_EQ(tax->CountLabels(LabelKind::kAppellation), 6u);
  EXPECT_EQ(tax->skill_count(), 4u);
  EXPECT_EQ(tax->CountSkills(SkillKind::kSoft), 1u);
  EXPECT_EQ(tax->occupation_skills().size(), 7u);
  EXPECT_EQ(tax->mobility().size(), 3u);
  EXPECT_EQ(tax->crosswalk().size(), 3u);

  NodeIndex mason = tax->FindNode("F1703");
  EXPECT_EQ(tax->NodeLabel(mason, "fr"), "Maçonnerie");
  EXPECT_EQ(tax->NodeLabel(mason, "en"), "Masonry");
  EXPECT_EQ(tax->node(tax->FindNode("F")).label,
            "Construction, bâtiment et travaux publics");
  auto skills = tax->SkillsOf(mason);
  ASSERT_EQ(skills.size(), 3u);
  EXPECT_TRUE(skills[0].core);
  EXPECT_FLOAT_EQ(skills[1].EffectiveWeight(), 0.25f);
  EXPECT_EQ(tax->CrosswalkFrom(tax->FindNode("N4102"))[0].external_label,
            "Car, taxi and van drivers");
  EXPECT_EQ(tax->CrosswalkTo("isco08", "8332")[0].node, tax->FindNode("N4101"));
}

TEST(Bundle, WriteThenReadGivesTheSameTaxonomyAndTheSameBytes) {
  auto original = ReadBundle(kTiny);
  ASSERT_TRUE(original.ok());
  TempDir first, second;
  ASSERT_TRUE(WriteBundle(*original, first.path()).ok());
  auto reread = ReadBundle(first.path());
  ASSERT_TRUE(reread.ok()) << reread.status().message();
  EXPECT_TRUE(*reread == *original);
  ASSERT_TRUE(WriteBundle(*reread, second.path()).ok());
  for (const char* file :
       {"bundle.json", "occupations.csv", "labels.csv", "skills.csv",
        "skill_labels.csv", "occupation_skills.csv", "mobility.csv",
        "crosswalk.csv"}) {
    EXPECT_EQ(Slurp(first.Child(file)), Slurp(second.Child(file))) << file;
  }
}

TEST(Bundle, LabelSourcesRoundTripInAnOptionalColumn) {
  BundleInfo info;
  info.name = "t";
  info.version = "1";
  info.languages = {"fr", "en"};
  TaxonomyBuilder builder(info);
  ASSERT_TRUE(builder.AddNode("M", "", "domain", "Support").ok());
  ASSERT_TRUE(builder.AddNode("M1203", "M", "occupation", "Comptabilité").ok());
  ASSERT_TRUE(builder.FinishTree().ok());
  ASSERT_TRUE(builder.AddLabel("M1203", "fr", "Comptable", LabelKind::kAppellation).ok());
  ASSERT_TRUE(builder.AddLabel("M1203", "en", "accountant", LabelKind::kAppellation,
                               "esco:http://data.europa.eu/esco/occupation/x")
                  .ok());
  auto tax = std::move(builder).Build();
  ASSERT_TRUE(tax.ok());
  TempDir dir;
  ASSERT_TRUE(WriteBundle(*tax, dir.path()).ok());
  EXPECT_EQ(Slurp(dir.Child("labels.csv")),
            "code,lang,label,kind,source\n"
            "M1203,fr,Comptable,appellation,\n"
            "M1203,en,accountant,appellation,esco:http://data.europa.eu/esco/occupation/x\n");
  auto reread = ReadBundle(dir.path());
  ASSERT_TRUE(reread.ok()) << reread.status().message();
  EXPECT_TRUE(*reread == *tax);
  const auto& labels = reread->node(reread->FindNode("M1203")).labels;
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(labels[0].source, "");
  EXPECT_EQ(labels[1].source, "esco:http://data.europa.eu/esco/occupation/x");
  // Without any source, the column is not written (bundles as before).
  auto tiny = ReadBundle(kTiny);
  ASSERT_TRUE(tiny.ok());
  TempDir plain;
  ASSERT_TRUE(WriteBundle(*tiny, plain.path()).ok());
  EXPECT_EQ(Slurp(plain.Child("labels.csv")).rfind("code,lang,label,kind\n", 0), 0u);
}

TEST(Bundle, EqualityNoticesADifference) {
  auto a = ReadBundle(kTiny);
  ASSERT_TRUE(a.ok());
  TempDir dir;
  fs::copy(kTiny, dir.path(), fs::copy_options::recursive);
  std::string mobility = Slurp(dir.Child("mobility.csv"));
  dir.Write("mobility.csv", mobility.replace(mobility.find("close,1"), 7,
                                             "close,3"));
  auto b = ReadBundle(dir.path());
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(*a == *b);
}

// Copies the tiny fixture, replaces one file, reads it strictly, and returns
// the error message with the folder path replaced by "B".
class BrokenBundle : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(kTiny, dir_.path(), fs::copy_options::recursive);
  }
  std::string ErrorWith(const std::string& file, const std::string& content) {
    dir_.Write(file, content);
    auto tax = ReadBundle(dir_.path());
    if (tax.ok()) return "(no error)";
    std::string message = tax.status().message();
    size_t at = message.find(dir_.path());
    if (at != std::string::npos) message.replace(at, dir_.path().size(), "B");
    return message;
  }
  TempDir dir_;
};

TEST_F(BrokenBundle, DuplicateCode) {
  EXPECT_EQ(ErrorWith("occupations.csv",
                      "code,parent_code,level,label\n"
                      "F,,domain,x\n"
                      "F,,domain,y\n"),
            "B/occupations.csv:3:1: duplicate code 'F'");
}

TEST_F(BrokenBundle, UnknownParent) {
  EXPECT_EQ(ErrorWith("occupations.csv",
                      "code,parent_code,level,label\n"
                      "F,,domain,x\n"
                      "F17,G,area,y\n"),
            "B/occupations.csv:3:2: unknown parent 'G' of 'F17'");
}

TEST_F(BrokenBundle, Cycle) {
  EXPECT_EQ(ErrorWith("occupations.csv",
                      "code,parent_code,level,label\n"
                      "F,,domain,x\n"
                      "A,C,area,a\n"
                      "B,A,area,b\n"
                      "C,B,area,c\n"),
            "B/occupations.csv:3:2: cycle in parent links: A -> C -> B -> A");
}

TEST_F(BrokenBundle, CodeWithWhiteSpace) {
  EXPECT_EQ(ErrorWith("occupations.csv",
                      "code,parent_code,level,label\n"
                      "F 1,,domain,x\n"),
            "B/occupations.csv:2:1: invalid code 'F 1' (contains white space)");
}

TEST_F(BrokenBundle, EmptyRequiredField) {
  EXPECT_EQ(ErrorWith("occupations.csv",
                      "code,parent_code,level,label\n"
                      "F,,,x\n"),
            "B/occupations.csv:2:3: empty 'level'");
}

TEST_F(BrokenBundle, MissingColumn) {
  EXPECT_EQ(ErrorWith("labels.csv", "code,lang,label\nF,fr,x\n"),
            "B/labels.csv:1: missing required column 'kind'");
}

TEST_F(BrokenBundle, WrongFieldCount) {
  EXPECT_EQ(ErrorWith("labels.csv",
                      "code,lang,label,kind\n"
                      "F1703,fr,Maçon,appellation\n"
                      "F1703,fr,Maçon, chef,appellation\n"),
            "B/labels.csv:3:5: expected 4 fields, got 5");
}

TEST_F(BrokenBundle, ColumnsAreFoundByNameAndExtraColumnsIgnored) {
  EXPECT_EQ(ErrorWith("labels.csv",
                      "kind,note,label,lang,code\n"
                      "appellation,ours,Maçon,fr,F1703\n"),
            "(no error)");
}

TEST_F(BrokenBundle, DanglingCodeInLabels) {
  EXPECT_EQ(ErrorWith("labels.csv",
                      "code,lang,label,kind\n"
                      "F9999,fr,x,appellation\n"),
            "B/labels.csv:2:1: unknown code 'F9999'");
}

TEST_F(BrokenBundle, BadLabelKind) {
  EXPECT_EQ(ErrorWith("labels.csv",
                      "code,lang,label,kind\n"
                      "F1703,fr,x,synonym\n"),
            "B/labels.csv:2:4: kind must be preferred, alternative or "
            "appellation, got 'synonym'");
}

TEST_F(BrokenBundle, LanguageNotDeclared) {
  EXPECT_EQ(ErrorWith("labels.csv",
                      "code,lang,label,kind\n"
                      "F1703,wo,Mason bi,appellation\n"),
            "B/labels.csv:2:2: language 'wo' is not one of the bundle's "
            "languages (fr, en)");
}

TEST_F(BrokenBundle, DuplicateLabelAndSecondPreferred) {
  EXPECT_EQ(ErrorWith("labels.csv",
                      "code,lang,label,kind\n"
                      "F1703,fr,Maçon,appellation\n"
                      "F1703,fr,Maçon,appellation\n"),
            "B/labels.csv:3:3: duplicate label 'Maçon' for 'F1703'");
  EXPECT_EQ(ErrorWith("labels.csv",
                      "code,lang,label,kind\n"
                      "F1703,en,Masonry,preferred\n"
                      "F1703,en,Bricklaying,preferred\n"),
            "B/labels.csv:3:3: second preferred label in 'en' for 'F1703'");
}

TEST_F(BrokenBundle, InvalidUtf8) {
  EXPECT_EQ(ErrorWith("labels.csv",
                      "code,lang,label,kind\n"
                      "F1703,fr,Ma\xE7on,appellation\n"),
            "B/labels.csv:2:3: invalid UTF-8 at byte 3 of the field");
}

TEST_F(BrokenBundle, UnterminatedQuote) {
  EXPECT_EQ(ErrorWith("labels.csv",
                      "code,lang,label,kind\n"
                      "F1703,fr,\"Maçon,appellation\n"),
            "B/labels.csv:2:3: unterminated quoted field (missing closing "
            "'\"')");
}

TEST_F(BrokenBundle, SkillKindChangesBetweenRows) {
  EXPECT_EQ(ErrorWith("skills.csv",
                      "skill_id,kind,label,lang\n"
                      "T001,technical,Monter un mur,fr\n"
                      "T001,knowledge,Build a wall,en\n"),
            "B/skills.csv:3:1: skill 'T001' is technical on an earlier row");
}

TEST_F(BrokenBundle, DanglingSkillInLinks) {
  EXPECT_EQ(ErrorWith("occupation_skills.csv",
                      "code,skill_id,relation,weight,core\n"
                      "F1703,T999,essential,,\n"),
            "B/occupation_skills.csv:2:2: unknown skill 'T999'");
}

TEST_F(BrokenBundle, BadRelationWeightAndCore) {
  EXPECT_EQ(ErrorWith("occupation_skills.csv",
                      "code,skill_id,relation,weight\n"
                      "F1703,T001,mandatory,\n"),
            "B/occupation_skills.csv:2:3: relation must be essential or "
            "optional, got 'mandatory'");
  EXPECT_EQ(ErrorWith("occupation_skills.csv",
                      "code,skill_id,relation,weight\n"
                      "F1703,T001,essential,1.5\n"),
            "B/occupation_skills.csv:2:4: weight must be a number in [0,1], "
            "got '1.5'");
  EXPECT_EQ(ErrorWith("occupation_skills.csv",
                      "code,skill_id,relation,weight\n"
                      "F1703,T001,essential,high\n"),
            "B/occupation_skills.csv:2:4: weight must be a number in [0,1], "
            "got 'high'");
  EXPECT_EQ(ErrorWith("occupation_skills.csv",
                      "code,skill_id,relation,weight,core\n"
                      "F1703,T001,essential,,yes\n"),
            "B/occupation_skills.csv:2:5: core must be 1, 0 or empty, got "
            "'yes'");
}

TEST_F(BrokenBundle, DuplicateLink) {
  EXPECT_EQ(ErrorWith("occupation_skills.csv",
                      "code,skill_id,relation,weight\n"
                      "F1703,T001,essential,\n"
                      "F1703,T001,optional,\n"),
            "B/occupation_skills.csv:3:2: duplicate link 'F1703' - 'T001'");
}

TEST_F(BrokenBundle, BadMobility) {
  EXPECT_EQ(ErrorWith("mobility.csv",
                      "from_code,to_code,kind,rank\n"
                      "F1703,F1799,close,1\n"),
            "B/mobility.csv:2:2: unknown code 'F1799'");
  EXPECT_EQ(ErrorWith("mobility.csv",
                      "from_code,to_code,kind,rank\n"
                      "F1703,F1704,proche,1\n"),
            "B/mobility.csv:2:3: kind must be close or evolution, got 'proche'");
  EXPECT_EQ(ErrorWith("mobility.csv",
                      "from_code,to_code,kind,rank\n"
                      "F1703,F1704,close,0\n"),
            "B/mobility.csv:2:4: rank must be a whole number >= 1 or empty, "
            "got '0'");
  EXPECT_EQ(ErrorWith("mobility.csv",
                      "from_code,to_code,kind,rank\n"
                      "F1703,F1703,close,1\n"),
            "B/mobility.csv:2:2: mobility link from 'F1703' to itself");
}

TEST_F(BrokenBundle, BadCrosswalkMatch) {
  EXPECT_EQ(ErrorWith("crosswalk.csv",
                      "code,system,external_code,match\n"
                      "F1703,isco08,7112,exactMatch\n"),
            "B/crosswalk.csv:2:4: match must be exact, close, broad or "
            "narrow, got 'exactMatch'");
}

TEST_F(BrokenBundle, BundleJsonProblems) {
  EXPECT_EQ(ErrorWith("bundle.json", "{\"format\": \"skillmatch-bundle/1\"}"),
            "B/bundle.json: missing key 'name'");
  EXPECT_EQ(ErrorWith("bundle.json",
                      R"({"format": "skillmatch-bundle/2", "name": "x"})"),
            "B/bundle.json: unsupported format 'skillmatch-bundle/2', "
            "expected 'skillmatch-bundle/1'");
  EXPECT_EQ(ErrorWith("bundle.json",
                      R"({"format": "skillmatch-bundle/1", "name": "x",
                          "version": "1", "languages": ["french"]})"),
            "B/bundle.json: 'languages' holds \"french\", expected a "
            "two-letter ISO 639-1 code");
  // Issue 12: a value is never dumped whole (100,000 levels overflowed).
  EXPECT_EQ(ErrorWith("bundle.json",
                      R"({"format": "skillmatch-bundle/1", "name": "x",
                          "version": "1", "languages": [)" +
                          std::string(100000, '[') + std::string(100000, ']') +
                          "]}"),
            "B/bundle.json: 'languages' holds an array, expected a "
            "two-letter ISO 639-1 code");
  // "n" of "not" is byte 3, read with the 'o' after it: column 4.
  EXPECT_EQ(ErrorWith("bundle.json", "{ not json"),
            "B/bundle.json:1:4: invalid JSON: syntax error while parsing "
            "object key - invalid literal; last read: '{ no'; expected string "
            "literal");
  // A number too large for a double is nlohmann's out_of_range, not a
  // parse_error: it escaped as an exception (found by the bundle fuzzer).
  EXPECT_EQ(ErrorWith("bundle.json", "606060e41026`"),
            "B/bundle.json:1: invalid JSON: number overflow parsing "
            "'606060e41026'");
  EXPECT_EQ(ErrorWith("bundle.json", R"({"format": 1e999})"),
            "B/bundle.json:1: invalid JSON: number overflow parsing "
            "'1e999'");
}

TEST_F(BrokenBundle, MissingFiles) {
  fs::remove(dir_.Child("occupations.csv"));
  auto tax = ReadBundle(dir_.path());
  ASSERT_FALSE(tax.ok());
  EXPECT_EQ(tax.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tax.status().message(),
            dir_.Child("occupations.csv") + ": missing required file");
  auto none = ReadBundle(dir_.Child("nope"));
  EXPECT_EQ(none.status().message(), dir_.Child("nope") + ": no such bundle folder");
}

// Issue 12: a NUL inside a label passed validation. Labels are one line of
// text: every control character is refused, in each file that holds labels.
TEST_F(BrokenBundle, ControlCharactersInLabels) {
  EXPECT_EQ(ErrorWith("occupations.csv",
                      "code,parent_code,level,label\nF,,domain,Constr" +
                          std::string(1, '\0') + "uction\n"),
            "B/occupations.csv:2:4: label: control character U+0000 at byte 6");
  fs::copy(kTiny + "/occupations.csv", dir_.Child("occupations.csv"),
           fs::copy_options::overwrite_existing);
  EXPECT_EQ(ErrorWith("labels.csv",
                      "code,lang,label,kind\n"
                      "F1703,fr,\"Ma\u00e7on\n/ Ma\u00e7onne\",appellation\n"),
            "B/labels.csv:2:3: label: control character U+000A at byte 6");
  fs::copy(kTiny + "/labels.csv", dir_.Child("labels.csv"),
           fs::copy_options::overwrite_existing);
  EXPECT_EQ(ErrorWith("skills.csv",
                      "skill_id,kind,label,lang\n"
                      "T001,technical,Monter\tun mur,fr\n"),
            "B/skills.csv:2:3: label: control character U+0009 at byte 6");
  fs::copy(kTiny + "/skills.csv", dir_.Child("skills.csv"),
           fs::copy_options::overwrite_existing);
  EXPECT_EQ(ErrorWith("skill_labels.csv",
                      "skill_id,lang,label\n"
                      "T001,fr,mur\x7F\n"),
            "B/skill_labels.csv:2:3: label: control character U+007F at byte 3");
}

TEST_F(BrokenBundle, LenientCollectsEveryProblemAndLoadsTheRest) {
  dir_.Write("occupations.csv",
             "code,parent_code,level,label\n"
             "F,,domain,Construction\n"
             "F17,F,area,Travaux\n"
             "F1703,F17,occupation,Maçonnerie\n"
             "F1704,F17,occupation,Gros œuvre\n"
             "N,,domain,Transport\n"
             "N41,N,area,Conduite\n"
             "N4101,N41,occupation,Poids lourd\n"
             "N4102,N42,occupation,Taxi\n"
             "F,,domain,again\n");
  dir_.Write("labels.csv",
             "code,lang,label,kind\n"
             "F1703,fr,Maçon,appellation\n"
             "F1703,fr,Ma\xE7on,appellation\n"
             "N4102,fr,Chauffeur de taxi,appellation\n");
  CollectingReporter reporter;
  BundleReadOptions options;
  options.reporter = &reporter;
  auto tax = ReadBundle(dir_.path(), options);
  ASSERT_TRUE(tax.ok()) << tax.status().message();
  const std::string b = dir_.path();
  std::vector<std::string> expected = {
      b + "/occupations.csv:10:1: duplicate code 'F'",
      b + "/occupations.csv:9:2: unknown parent 'N42' of 'N4102'",
      b + "/labels.csv:3:3: invalid UTF-8 at byte 3 of the field",
      b + "/labels.csv:4:1: unknown code 'N4102'",
      // Links of the tiny fixture that named the dropped node.
      b + "/occupation_skills.csv:8:1: unknown code 'N4102'",
      b + "/mobility.csv:3:1: unknown code 'N4102'",
      b + "/mobility.csv:4:2: unknown code 'N4102'",
      b + "/crosswalk.csv:4:1: unknown code 'N4102'",
  };
  EXPECT_EQ(reporter.problems(), expected);
  EXPECT_EQ(tax->node_count(), 7u);
  EXPECT_EQ(tax->FindNode("N4102"), kNoNode);
  EXPECT_EQ(tax->mobility().size(), 1u);
}

}  // namespace
}  // namespace skillmatch::classification
