// ESCO importer on the published data (../shared/data/esco-*) and on small
// broken copies written to a temp folder.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "skillmatch/classification/bundle.h"
#include "skillmatch/classification/importers.h"
#include "support/shared_data.h"

namespace skillmatch::classification {
namespace {

namespace fs = std::filesystem;
using ::skillmatch::testing::SharedDataPath;

constexpr char kSkillUri[] = "http://data.europa.eu/esco/skill/";
constexpr char kOccupationUri[] = "http://data.europa.eu/esco/occupation/";

// A fresh folder under the system temp folder, removed at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(
            fs::temp_directory_path() /
            ("skillmatch_" + name + "_" +
             std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" +
             std::to_string(std::chrono::steady_clock::now()
                                .time_since_epoch()
                                .count()))) {
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }
  std::string File(const std::string& name) const {
    return (path_ / name).string();
  }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream out(path_ / name, std::ios::binary);
    out << text;
  }

 private:
  fs::path path_;
};

std::vector<std::string> LabelsOf(const Taxonomy& tax, NodeIndex node,
                                  std::string_view lang, LabelKind kind) {
  std::vector<std::string> out;
  for (const Label& label : tax.node(node).labels) {
    if (label.lang == lang && label.kind == kind) out.push_back(label.text);
  }
  return out;
}

std::vector<std::string> SkillAlternatives(const Taxonomy& tax,
                                           SkillIndex skill,
                                           std::string_view lang) {
  std::vector<std::string> out;
  for (const SkillLabel& label : tax.skill(skill).labels) {
    if (!label.preferred && label.lang == lang) out.push_back(label.text);
  }
  return out;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// --------------------------------------------------------- published data

class EscoImport : public ::testing::Test {
 protected:
  // Imports English + French once: the import reads about 40 MB.
  static void SetUpTestSuite() {
    if (!fs::exists(SharedDataPath("esco-v1.1.1-en"))) return;
    EscoSources sources;
    sources.en_dir = SharedDataPath("esco-v1.1.1-en");
    sources.fr_dir = SharedDataPath("esco-v1.2.x-fr");
    sources.fr_skills_dir = SharedDataPath("esco-skills-fr-labels-api");
    Result<Taxonomy> imported = ImportEsco(sources);
    if (imported.ok()) {
      taxonomy_ = std::make_unique<Taxonomy>(std::move(imported).value());
    } else {
      error_ = imported.status().message();
    }
  }
  static void TearDownTestSuite() { taxonomy_.reset(); }

  void SetUp() override {
    if (fs::exists(SharedDataPath("esco-v1.1.1-en"))) {
      ASSERT_NE(taxonomy_, nullptr) << error_;
    }
  }

  static const Taxonomy& tax() { return *taxonomy_; }

  static NodeIndex Node(const std::string& code) {
    NodeIndex index = tax().FindNode(code);
    EXPECT_NE(index, kNoNode) << code;
    return index;
  }
  static SkillIndex Skill(const std::string& uuid) {
    SkillIndex index = tax().FindSkill(kSkillUri + uuid);
    EXPECT_NE(index, kNoSkill) << uuid;
    return index;
  }

  inline static std::unique_ptr<Taxonomy> taxonomy_;
  inline static std::string error_;
};

TEST_F(EscoImport, BundleInfo) {
  REQUIRE_SHARED_DATA("esco-v1.1.1-en");
  const BundleInfo& info = tax().info();
  EXPECT_EQ(info.format, "skillmatch-bundle/1");
  EXPECT_EQ(info.name, "esco");
  EXPECT_EQ(info.version, "v1.1.1");
  EXPECT_EQ(info.languages, (std::vector<std::string>{"en", "fr"}));
  EXPECT_EQ(tax().main_language(), "en");
  EXPECT_NE(info.source.find("European Commission"), std::string::npos);
  EXPECT_NE(info.source.find("v1.2.x French"), std::string::npos);
  EXPECT_EQ(info.licence,
            "ESCO reuse policy (Commission Decision 2011/833/EU): reuse "
            "authorised with acknowledgement of the source");
}

TEST_F(EscoImport, Counts) {
  REQUIRE_SHARED_DATA("esco-v1.1.1-en");
  EXPECT_EQ(tax().NodesAtLevel("isco1").size(), 10u);
  EXPECT_EQ(tax().NodesAtLevel("isco2").size(), 43u);
  EXPECT_EQ(tax().NodesAtLevel("isco3").size(), 130u);
  EXPECT_EQ(tax().NodesAtLevel("isco4").size(), 436u);
  EXPECT_EQ(tax().occupations().size(), 3007u);
  EXPECT_EQ(tax().node_count(), 619u + 3007u);
  EXPECT_EQ(tax().roots().size(), 10u);

  EXPECT_EQ(tax().skill_count(), 13896u);
  EXPECT_EQ(tax().CountSkills(SkillKind::kTechnical), 10741u);
  EXPECT_EQ(tax().CountSkills(SkillKind::kKnowledge), 3059u);
  EXPECT_EQ(tax().CountSkills(SkillKind::kSoft), 96u);

  // The file has 123,855 relations (64,946 essential, 58,909 optional); 67 of
  // them (55 essential, 12 optional) name occupation a9e54177-..., which
  // occupations_en.csv lacks, and are skipped.
  EXPECT_EQ(tax().FindNode("http://data.europa.eu/esco/occupation/"
                           "a9e54177-a185-404d-b6e6-15663d31137e"),
            kNoNode);
  const auto& links = tax().occupation_skills();
  EXPECT_EQ(links.size(), 123788u);
  auto essential = std::count_if(links.begin(), links.end(), [](auto& link) {
    return link.relation == SkillRelation::kEssential;
  });
  EXPECT_EQ(essential, 64891);
  EXPECT_EQ(static_cast<long>(links.size()) - essential, 58897);
  EXPECT_TRUE(std::none_of(links.begin(), links.end(), [](auto& link) {
    return link.weight.has_value() || link.core;
  }));

  // 619 ISCO groups + 3,004 occupations have a French preferred label: 3 of
  // the 3,007 v1.1.1 occupations are not in the v1.2.x French pack.
  EXPECT_EQ(tax().CountLabels(LabelKind::kPreferred), 619u + 3004u);
  EXPECT_EQ(tax().CountLabels(LabelKind::kAppellation), 45356u);
  EXPECT_EQ(tax().CountLabels(LabelKind::kAlternative), 146u);

  EXPECT_EQ(tax().CrosswalkSystems(),
            (std::vector<std::string>{"esco", "isco08"}));
  EXPECT_EQ(tax().crosswalk().size(), 2u * 3007u);
  EXPECT_TRUE(tax().mobility().empty());
}

TEST_F(EscoImport, SoftwareDeveloper) {
  REQUIRE_SHARED_DATA("esco-v1.1.1-en");
  NodeIndex dev = Node("2512.4");
  const classification::Node& node = tax().node(dev);
  EXPECT_EQ(node.label, "software developer");
  EXPECT_EQ(node.level, "occupation");
  std::vector<std::string> ancestors;
  for (NodeIndex at : tax().Ancestors(dev)) {
    ancestors.push_back(tax().node(at).code + " " + tax().node(at).level);
  }
  EXPECT_EQ(ancestors, (std::vector<std::string>{"2512 isco4", "251 isco3",
                                                 "25 isco2", "2 isco1"}));
  EXPECT_EQ(tax().node(Node("2512")).label, "Software developers");
  EXPECT_EQ(tax().node(Node("2")).label, "Professionals");

  // A narrower ESCO occupation hangs under its broader occupation.
  NodeIndex blockchain = Node("2512.4.1");
  EXPECT_EQ(tax().node(blockchain).label, "blockchain developer");
  EXPECT_EQ(tax().node(blockchain).parent, dev);
  EXPECT_EQ(tax().node(blockchain).depth, 5);

  std::vector<CrosswalkEntry> esco = tax().CrosswalkFrom(dev, "esco");
  ASSERT_EQ(esco.size(), 1u);
  EXPECT_EQ(esco[0].external_code, std::string(kOccupationUri) +
                                       "f2b15a0e-e65a-438a-affb-29b9d50b77d1");
  EXPECT_EQ(esco[0].match, MatchType::kExact);
  EXPECT_EQ(esco[0].external_label, "software developer");
  std::vector<CrosswalkEntry> isco = tax().CrosswalkFrom(dev, "isco08");
  ASSERT_EQ(isco.size(), 1u);
  EXPECT_EQ(isco[0].external_code, "2512");
  EXPECT_EQ(isco[0].match, MatchType::kBroad);
  EXPECT_EQ(isco[0].external_label, "Software developers");
  // The narrower occupation's ISCO group is the unit group, not its parent.
  EXPECT_EQ(tax().CrosswalkFrom(blockchain, "isco08").at(0).external_code,
            "2512");
  EXPECT_EQ(tax().CrosswalkTo("esco", esco[0].external_code).at(0).node, dev);

  auto skills = tax().SkillsOf(dev);
  EXPECT_EQ(skills.size(), 104u);
  EXPECT_EQ(std::count_if(skills.begin(), skills.end(),
                          [](const OccupationSkill& link) {
                            return link.relation == SkillRelation::kEssential;
                          }),
            24);
  auto relation_of = [&](SkillIndex skill) {
    for (const OccupationSkill& link : skills) {
      if (link.skill == skill) return std::string(ToString(link.relation));
    }
    return std::string("none");
  };
  SkillIndex programming = Skill("21d2f96d-35f7-4e3f-9745-c533d2dd6e97");
  EXPECT_EQ(tax().SkillName(programming, "en"), "computer programming");
  EXPECT_EQ(tax().skill(programming).kind, SkillKind::kKnowledge);
  EXPECT_EQ(relation_of(programming), "essential");
  SkillIndex haskell = Skill("000f1d3d-220f-4789-9c0a-cc742521fb02");
  EXPECT_EQ(tax().SkillName(haskell, "en"), "Haskell");
  EXPECT_EQ(relation_of(haskell), "optional");
  EXPECT_EQ(relation_of(Skill("2522a6ce-3202-4ac8-9f5b-b9cb5a3a83a1")),
            "essential");  // debug software
  EXPECT_EQ(tax().skill(Skill("2522a6ce-3202-4ac8-9f5b-b9cb5a3a83a1")).kind,
            SkillKind::kTechnical);
}

TEST_F(EscoImport, MultiLineAltLabelsBecomeAppellations) {
  REQUIRE_SHARED_DATA("esco-v1.1.1-en");
  // occupations_en.csv holds "bakery specialist\nbakery employee\nbread
  // baker\nbaker" in one quoted field spanning four lines.
  NodeIndex baker = Node("7512.1");
  EXPECT_EQ(tax().node(baker).label, "baker");
  EXPECT_EQ(LabelsOf(tax(), baker, "en", LabelKind::kAppellation),
            (std::vector<std::string>{"bakery specialist", "bakery employee",
                                      "bread baker", "baker"}));
  EXPECT_TRUE(LabelsOf(tax(), baker, "en", LabelKind::kAlternative).empty());

  std::vector<std::string> dev =
      LabelsOf(tax(), Node("2512.4"), "en", LabelKind::kAppellation);
  EXPECT_EQ(dev.size(), 12u);
  EXPECT_TRUE(Contains(dev, "software engineer"));
  EXPECT_TRUE(Contains(dev, "programmer"));

  // Skill altLabels are alternative skill labels, one per line.
  std::vector<std::string> programming = SkillAlternatives(
      tax(), Skill("21d2f96d-35f7-4e3f-9745-c533d2dd6e97"), "en");
  EXPECT_EQ(programming.size(), 56u);
  EXPECT_EQ(programming.front(), "DIBOL");
  EXPECT_EQ(programming.back(), "Turing");
}

TEST_F(EscoImport, HiddenLabelsAndTrimming) {
  REQUIRE_SHARED_DATA("esco-v1.1.1-en");
  // hiddenLabels are search aids: alternatives, not job titles.
  NodeIndex gp = Node("2211.1");
  EXPECT_EQ(tax().node(gp).label, "general practitioner");
  std::vector<std::string> hidden =
      LabelsOf(tax(), gp, "en", LabelKind::kAlternative);
  // 25 hidden labels; "general practitioner" is also among the altLabels,
  // so it is kept once, as a job title.
  EXPECT_EQ(hidden.size(), 24u);
  EXPECT_EQ(hidden.front(), "physician");
  EXPECT_TRUE(Contains(hidden, "doctor"));
  EXPECT_FALSE(Contains(hidden, "general practitioner"));
  EXPECT_TRUE(Contains(LabelsOf(tax(), gp, "en", LabelKind::kAppellation),
                       "general practitioner"));
  EXPECT_FALSE(
      Contains(LabelsOf(tax(), gp, "en", LabelKind::kAppellation), "doctor"));
  // The published preferredLabel is "covid tester " (trailing space).
  EXPECT_EQ(tax().node(Node("3259.4")).label, "covid tester");
}

TEST_F(EscoImport, FrenchLabels) {
  REQUIRE_SHARED_DATA("esco-v1.2.x-fr");
  NodeIndex dev = Node("2512.4");
  EXPECT_EQ(tax().NodeLabel(dev, "fr"),
            "développeur de logiciels/développeuse de logiciels");
  EXPECT_EQ(tax().NodeLabel(dev, "en"), "software developer");
  std::vector<std::string> titles =
      LabelsOf(tax(), dev, "fr", LabelKind::kAppellation);
  EXPECT_EQ(titles.size(), 13u);
  EXPECT_EQ(titles.front(), "concepteur de logiciels");
  EXPECT_TRUE(Contains(titles, "développeuse applications"));
  EXPECT_EQ(tax().NodeLabel(Node("2512"), "fr"), "Concepteurs de logiciels");
  EXPECT_EQ(tax().NodeLabel(Node("2"), "fr"),
            "Professions intellectuelles et scientifiques");
}

TEST_F(EscoImport, SkillKindsAndFrenchSkillNames) {
  REQUIRE_SHARED_DATA("esco-skills-fr-labels-api");
  // A transversal skill is soft; the API file lacks it, so its French name
  // comes from the pack's transversal collection.
  SkillIndex initiative = Skill("001115fb-569f-4ee6-8381-c6807ef2527f");
  EXPECT_EQ(tax().SkillName(initiative, "en"), "show initiative");
  EXPECT_EQ(tax().skill(initiative).kind, SkillKind::kSoft);
  EXPECT_EQ(tax().SkillName(initiative, "fr"), "faire preuve d’initiative");
  EXPECT_TRUE(Contains(SkillAlternatives(tax(), initiative, "en"),
                       "take the initiative"));

  // The API name wins; the collection's different name is an alternative.
  SkillIndex advise = Skill("045f71e6-0699-4169-8a54-9c6b96f3174d");
  EXPECT_EQ(tax().skill(advise).kind, SkillKind::kSoft);
  EXPECT_EQ(tax().SkillName(advise, "fr"), "conseiller des personnes");
  EXPECT_TRUE(Contains(SkillAlternatives(tax(), advise, "fr"),
                       "conseiller d’autres personnes"));

  // Language skills are transversal in ESCO but keep their skillType here.
  SkillIndex write_hungarian = Skill("01f10952-cb59-4347-9aee-d4fbc51c870a");
  EXPECT_EQ(tax().SkillName(write_hungarian, "en"), "write Hungarian");
  EXPECT_EQ(tax().skill(write_hungarian).kind, SkillKind::kTechnical);
  EXPECT_EQ(tax().SkillName(write_hungarian, "fr"), "écrire en hongrois");
  SkillIndex hungarian = Skill("ddd3596a-43f3-402e-960a-5f79362a8609");
  EXPECT_EQ(tax().SkillName(hungarian, "en"), "Hungarian");
  EXPECT_EQ(tax().skill(hungarian).kind, SkillKind::kKnowledge);

  EXPECT_EQ(
      tax().SkillName(Skill("21d2f96d-35f7-4e3f-9745-c533d2dd6e97"), "fr"),
      "programmation informatique");
  // Preferred labels come first, English then French.
  const auto& labels = tax().skill(write_hungarian).labels;
  ASSERT_GE(labels.size(), 2u);
  EXPECT_TRUE(labels[0].preferred && labels[0].lang == "en");
  EXPECT_TRUE(labels[1].preferred && labels[1].lang == "fr");

  // 13,095 names from the API file, 59 more from the transversal and 10 from
  // the language collection.
  size_t french = 0;
  for (const auto& skill : tax().skills()) {
    for (const SkillLabel& label : skill.labels) {
      french += label.preferred && label.lang == "fr";
    }
  }
  EXPECT_EQ(french, 13164u);
}

TEST_F(EscoImport, BundleRoundTrip) {
  REQUIRE_SHARED_DATA("esco-v1.1.1-en");
  TempDir dir("esco_bundle");
  ASSERT_TRUE(WriteBundle(tax(), dir.path()).ok());
  Result<Taxonomy> read = ReadBundle(dir.path());
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_TRUE(*read == tax());
}

TEST_F(EscoImport, EnglishOnlyLenientHasNoProblems) {
  REQUIRE_SHARED_DATA("esco-v1.1.1-en");
  EscoSources sources;
  sources.en_dir = SharedDataPath("esco-v1.1.1-en");
  CollectingReporter reporter;
  ImportOptions options;
  options.reporter = &reporter;
  Result<Taxonomy> english = ImportEsco(sources, options);
  ASSERT_TRUE(english.ok()) << english.status().message();
  EXPECT_TRUE(reporter.problems().empty())
      << reporter.problems().size()
      << " problems, first: " << reporter.problems().front();
  EXPECT_EQ(english->info().languages, (std::vector<std::string>{"en"}));
  EXPECT_EQ(english->info().source.find("French"), std::string::npos);
  EXPECT_EQ(english->node_count(), tax().node_count());
  EXPECT_EQ(english->skill_count(), tax().skill_count());
  EXPECT_EQ(english->occupation_skills(), tax().occupation_skills());
  EXPECT_EQ(english->crosswalk(), tax().crosswalk());
  EXPECT_EQ(english->CountLabels(LabelKind::kPreferred), 0u);
  EXPECT_EQ(english->NodeLabel(english->FindNode("2512.4"), "fr"),
            "software developer");
}

// ------------------------------------------------ small hand-made folders

// A tiny ESCO English folder in the official layout (CRLF, multi-line quoted
// altLabels). Occupation 2512.4.1 sits under 2512.4; the relations file names
// one occupation only the hierarchy knows, which is skipped.
class EscoImportErrors : public ::testing::Test {
 protected:
  static constexpr char kIsco[] =
      "conceptType,conceptUri,code,preferredLabel,status,altLabels,inScheme,"
      "description\r\n"
      "ISCOGroup,http://data.europa.eu/esco/isco/C2,2,Professionals,released,"
      ",,\r\n"
      "ISCOGroup,http://data.europa.eu/esco/isco/C25,25,ICT professionals,"
      "released,,,\r\n"
      "ISCOGroup,http://data.europa.eu/esco/isco/C251,251,Software "
      "developers and analysts,released,,,\r\n"
      "ISCOGroup,http://data.europa.eu/esco/isco/C2512,2512,Software "
      "developers,released,,,\r\n";
  static constexpr char kBroader[] =
      "conceptType,conceptUri,broaderType,broaderUri\r\n"
      "ISCOGroup,http://data.europa.eu/esco/isco/C25,ISCOGroup,"
      "http://data.europa.eu/esco/isco/C2\r\n"
      "Occupation,http://data.europa.eu/esco/occupation/dev,ISCOGroup,"
      "http://data.europa.eu/esco/isco/C2512\r\n"
      "Occupation,http://data.europa.eu/esco/occupation/chain,Occupation,"
      "http://data.europa.eu/esco/occupation/dev\r\n"
      "Occupation,http://data.europa.eu/esco/occupation/gone,Occupation,"
      "http://data.europa.eu/esco/occupation/dev\r\n";
  static constexpr char kSkills[] =
      "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,"
      "hiddenLabels,status\r\n"
      "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/code,"
      "skill/competence,sector-specific,write code,\"program\r\ncode\",,"
      "released\r\n"
      "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/java,"
      "knowledge,sector-specific,Java,,,released\r\n"
      "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/team,"
      "skill/competence,transversal,work in teams,,,released\r\n";
  static constexpr char kTransversal[] =
      "conceptType,conceptUri,preferredLabel\r\n"
      "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/team,"
      "work in teams\r\n";
  static constexpr char kLanguage[] = "conceptType,conceptUri\r\n";

  void SetUp() override {
    dir_.Write("ISCOGroups_en.csv", kIsco);
    dir_.Write("broaderRelationsOccPillar.csv", kBroader);
    dir_.Write("skills_en.csv", kSkills);
    dir_.Write("transversalSkillsCollection_en.csv", kTransversal);
    dir_.Write("languageSkillsCollection_en.csv", kLanguage);
    WriteOccupations("2512");
    WriteRelations("essential");
  }

  // Occupation "chain" (2512.4.1) gets `chain_isco` as its ISCO group.
  void WriteOccupations(const std::string& chain_isco) {
    dir_.Write(
        "occupations_en.csv",
        "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,"
        "hiddenLabels,status,code\r\n"
        "Occupation,http://data.europa.eu/esco/occupation/dev,2512,software "
        "developer,\"programmer\r\nsoftware engineer\r\n\",coder,released,"
        "2512.4\r\n"
        "Occupation,http://data.europa.eu/esco/occupation/chain," +
            chain_isco + ",blockchain developer,,,released,2512.4.1\r\n");
  }
  // The second relation (line 3) gets `type` as its relationType.
  void WriteRelations(const std::string& type) {
    dir_.Write("occupationSkillRelations.csv",
               "occupationUri,relationType,skillType,skillUri\r\n"
               "http://data.europa.eu/esco/occupation/dev,essential,"
               "skill/competence,http://data.europa.eu/esco/skill/code\r\n"
               "http://data.europa.eu/esco/occupation/dev," +
                   type +
                   ",knowledge,http://data.europa.eu/esco/skill/java\r\n"
                   "http://data.europa.eu/esco/occupation/chain,optional,,"
                   "http://data.europa.eu/esco/skill/team\r\n"
                   "http://data.europa.eu/esco/occupation/gone,optional,,"
                   "http://data.europa.eu/esco/skill/team\r\n");
  }
  Result<Taxonomy> Import(Reporter* reporter = nullptr) {
    EscoSources sources;
    sources.en_dir = dir_.path();
    ImportOptions options;
    options.reporter = reporter;
    return ImportEsco(sources, options);
  }

  TempDir dir_{"esco_fake"};
};

TEST_F(EscoImportErrors, GoodFolderLoads) {
  Result<Taxonomy> tax = Import();
  ASSERT_TRUE(tax.ok()) << tax.status().message();
  EXPECT_EQ(tax->node_count(), 6u);
  NodeIndex dev = tax->FindNode("2512.4");
  ASSERT_NE(dev, kNoNode);
  EXPECT_EQ(tax->node(tax->FindNode("2512.4.1")).parent, dev);
  EXPECT_EQ(LabelsOf(*tax, dev, "en", LabelKind::kAppellation),
            (std::vector<std::string>{"programmer", "software engineer"}));
  EXPECT_EQ(LabelsOf(*tax, dev, "en", LabelKind::kAlternative),
            (std::vector<std::string>{"coder"}));
  EXPECT_EQ(tax->skill(tax->FindSkill(std::string(kSkillUri) + "team")).kind,
            SkillKind::kSoft);
  EXPECT_EQ(tax->skill(tax->FindSkill(std::string(kSkillUri) + "java")).kind,
            SkillKind::kKnowledge);
  EXPECT_EQ(SkillAlternatives(
                *tax, tax->FindSkill(std::string(kSkillUri) + "code"), "en"),
            (std::vector<std::string>{"program", "code"}));
  // The relation of "gone" (known to the hierarchy only) is skipped.
  EXPECT_EQ(tax->occupation_skills().size(), 3u);
  EXPECT_EQ(tax->crosswalk().size(), 4u);
}

TEST_F(EscoImportErrors, BadRelationTypeStrict) {
  WriteRelations("mandatory");
  Result<Taxonomy> tax = Import();
  ASSERT_FALSE(tax.ok());
  EXPECT_EQ(tax.status().code(), StatusCode::kDataError);
  EXPECT_EQ(tax.status().message(),
            dir_.File("occupationSkillRelations.csv") +
                ":3:2: relationType must be essential or optional, got "
                "'mandatory'");
}

TEST_F(EscoImportErrors, BadRelationTypeLenient) {
  WriteRelations("mandatory");
  CollectingReporter reporter;
  Result<Taxonomy> tax = Import(&reporter);
  ASSERT_TRUE(tax.ok()) << tax.status().message();
  EXPECT_EQ(reporter.problems(),
            (std::vector<std::string>{
                dir_.File("occupationSkillRelations.csv") +
                ":3:2: relationType must be essential or optional, got "
                "'mandatory'"}));
  EXPECT_EQ(tax->occupation_skills().size(), 2u);
  EXPECT_EQ(tax->node_count(), 6u);
}

TEST_F(EscoImportErrors, UnknownIscoGroup) {
  WriteOccupations("9999");
  const std::string expected = dir_.File("occupations_en.csv") +
                               ":5:3: unknown ISCO-08 unit group '9999'";
  Result<Taxonomy> strict = Import();
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.status().message(), expected);

  // Lenient: the occupation is dropped with its relation, reported once.
  CollectingReporter reporter;
  Result<Taxonomy> tax = Import(&reporter);
  ASSERT_TRUE(tax.ok()) << tax.status().message();
  EXPECT_EQ(reporter.problems(), (std::vector<std::string>{expected}));
  EXPECT_EQ(tax->FindNode("2512.4.1"), kNoNode);
  EXPECT_EQ(tax->node_count(), 5u);
  EXPECT_EQ(tax->occupation_skills().size(), 2u);
}

TEST_F(EscoImportErrors, UnknownOccupationInRelations) {
  dir_.Write("occupationSkillRelations.csv",
             "occupationUri,relationType,skillType,skillUri\r\n"
             "http://data.europa.eu/esco/occupation/nowhere,essential,,"
             "http://data.europa.eu/esco/skill/code\r\n");
  Result<Taxonomy> tax = Import();
  ASSERT_FALSE(tax.ok());
  EXPECT_EQ(tax.status().message(),
            dir_.File("occupationSkillRelations.csv") +
                ":2:1: unknown occupation "
                "'http://data.europa.eu/esco/occupation/nowhere'");
}

TEST_F(EscoImportErrors, MissingColumnAndFile) {
  dir_.Write("skills_en.csv",
             "conceptType,conceptUri,skillType,preferredLabel\r\n");
  Result<Taxonomy> tax = Import();
  ASSERT_FALSE(tax.ok());
  EXPECT_EQ(tax.status().code(), StatusCode::kDataError);
  EXPECT_EQ(
      tax.status().message(),
      dir_.File("skills_en.csv") + ":1: missing required column 'reuseLevel'");

  fs::remove(dir_.File("skills_en.csv"));
  tax = Import();
  ASSERT_FALSE(tax.ok());
  EXPECT_EQ(tax.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tax.status().message(),
            dir_.File("skills_en.csv") + ": cannot open file");
}

}  // namespace
}  // namespace skillmatch::classification
