// ROME v3 and ROME 4.0 importers on the published data (../shared/data) and
// on small hand-written ROME v3 folders, whole or damaged, in a temp folder.
//
// The figures asserted below were checked against the CSV files with an
// independent script (Python's csv module); comments say where they differ
// from the row counts of the SOURCE.md files and why.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "skillmatch/classification/bundle.h"
#include "skillmatch/classification/importers.h"
#include "support/shared_data.h"
#include "support/temp_dir.h"

namespace skillmatch::classification {
namespace {

namespace fs = std::filesystem;
using ::skillmatch::testing::SharedDataPath;
using ::skillmatch::testing::TempDir;

constexpr char kEsco[] = "http://data.europa.eu/esco/occupation/";

std::string CrosswalkPath() {
  return SharedDataPath(
      "crosswalk-esco-rome/FR_20230607_mapping_esco_rome.csv");
}

// Texts of the labels of `kind` of node `code`, in order.
std::vector<std::string> LabelsOf(const Taxonomy& tax, std::string_view code,
                                  LabelKind kind) {
  std::vector<std::string> out;
  for (const Label& label : tax.node(tax.FindNode(code)).labels) {
    if (label.kind == kind) out.push_back(label.text);
  }
  return out;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The link of occupation `code` to skill `skill_id`, if any.
std::optional<OccupationSkill> LinkOf(const Taxonomy& tax,
                                      std::string_view code,
                                      std::string_view skill_id) {
  SkillIndex skill = tax.FindSkill(skill_id);
  for (const OccupationSkill& link : tax.SkillsOf(tax.FindNode(code))) {
    if (link.skill == skill) return link;
  }
  return std::nullopt;
}

// Targets of the mobility links of `kind` from `code`, in the taxonomy's
// order (by rank, then target).
std::vector<std::string> MobilityTargets(const Taxonomy& tax,
                                         std::string_view code,
                                         MobilityKind kind) {
  std::vector<std::string> out;
  for (const MobilityLink& link : tax.MobilityFrom(tax.FindNode(code))) {
    if (link.kind == kind) out.push_back(tax.node(link.to).code);
  }
  return out;
}

size_t CountMobility(const Taxonomy& tax, MobilityKind kind) {
  return std::count_if(
      tax.mobility().begin(), tax.mobility().end(),
      [kind](const MobilityLink& l) { return l.kind == kind; });
}

size_t CountCrosswalk(const Taxonomy& tax, std::string_view system,
                      std::optional<MatchType> match = std::nullopt) {
  return std::count_if(tax.crosswalk().begin(), tax.crosswalk().end(),
                       [&](const CrosswalkEntry& e) {
                         return e.system == system &&
                                (!match || e.match == *match);
                       });
}

// Writes `tax` as a bundle and reads it back.
void ExpectRoundTrip(const Taxonomy& tax) {
  TempDir dir;
  Status written = WriteBundle(tax, dir.path());
  ASSERT_TRUE(written.ok()) << written.message();
  Result<Taxonomy> reread = ReadBundle(dir.path());
  ASSERT_TRUE(reread.ok()) << reread.status().message();
  EXPECT_TRUE(*reread == tax);
}

// One import of a published folder shared by the tests of a suite: each
// import reads 10 to 20 MB of CSV.
struct SharedImport {
  std::optional<Result<Taxonomy>> result;
  double seconds = 0;

  template <typename Importer>
  void Run(Importer importer, const std::string& dir) {
    if (!fs::exists(dir)) return;  // the tests skip (or fail in CI)
    ImportOptions options;
    if (fs::exists(CrosswalkPath()))
      options.esco_rome_crosswalk = CrosswalkPath();
    auto start = std::chrono::steady_clock::now();
    result.emplace(importer(dir, options));
    seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
  }
};

// ---------------------------------------------------------------- ROME v3

class RomeV3Import : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_ = new SharedImport;
    shared_->Run(ImportRomeV3, SharedDataPath("rome-v3-v344"));
  }
  static void TearDownTestSuite() {
    delete shared_;
    shared_ = nullptr;
  }
  // The imported taxonomy, or null (with a test failure) if the import
  // failed.
  static const Taxonomy* Imported() {
    const auto& result = shared_->result;
    EXPECT_TRUE(result.has_value());
    if (!result) return nullptr;
    EXPECT_TRUE(result->ok()) << result->status().message();
    return result->ok() ? &result->value() : nullptr;
  }
  static SharedImport* shared_;
};
SharedImport* RomeV3Import::shared_ = nullptr;

TEST_F(RomeV3Import, CountsMatchThePublishedFiles) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  RecordProperty("import_seconds", std::to_string(shared_->seconds));
  // A guard against quadratic work, not a benchmark: the Release import
  // takes about 0.3 s.
  EXPECT_LT(shared_->seconds, 20.0);

  EXPECT_EQ(tax->info().name, "rome-v3");
  EXPECT_EQ(tax->info().version, "v344");
  EXPECT_EQ(tax->info().languages, std::vector<std::string>{"fr"});
  EXPECT_NE(tax->info().source.find("France Travail"), std::string::npos);
  EXPECT_NE(tax->info().source.find("344"), std::string::npos);

  EXPECT_EQ(tax->NodesAtLevel("domain").size(), 14u);
  EXPECT_EQ(tax->NodesAtLevel("area").size(), 110u);
  EXPECT_EQ(tax->occupations().size(), 532u);
  EXPECT_EQ(tax->node_count(), 14u + 110u + 532u);
  EXPECT_EQ(tax->CountLabels(LabelKind::kPreferred), 532u);
  // All 11,096 appellations: no fiche lists one title twice in v344.
  EXPECT_EQ(tax->CountLabels(LabelKind::kAppellation), 11096u);
  // Short forms that differ from the long one (and from every other label
  // of the fiche).
  EXPECT_EQ(tax->CountLabels(LabelKind::kAlternative), 1695u);

  // Items linked to at least one fiche: 7,462 of the 8,983 activities and
  // 3,969 of the 4,930 savoirs.
  EXPECT_EQ(tax->skill_count(), 11431u);
  EXPECT_EQ(tax->CountSkills(SkillKind::kTechnical), 7462u);
  EXPECT_EQ(tax->CountSkills(SkillKind::kKnowledge), 3969u);
  EXPECT_EQ(tax->CountSkills(SkillKind::kSoft), 0u);
  // Rubriques 6 + 7 (base, essential): 5,156 + 6,313; 9 + 10 (specific,
  // optional): 7,955 + 7,114. No pair repeats.
  EXPECT_EQ(tax->occupation_skills().size(), 26538u);
  EXPECT_EQ(std::count_if(tax->occupation_skills().begin(),
                          tax->occupation_skills().end(),
                          [](const OccupationSkill& l) {
                            return l.relation == SkillRelation::kEssential;
                          }),
            11469);

  // 4,223 rows (1,922 Proche, 2,301 Evolution) give 4,009 distinct
  // (from, to, kind) triples once the job-title restricted rows are merged
  // into their fiche pair (214 rows merged). No self-link, no pair with both
  // kinds.
  EXPECT_EQ(tax->mobility().size(), 4009u);
  EXPECT_EQ(CountMobility(*tax, MobilityKind::kClose), 1785u);
  EXPECT_EQ(CountMobility(*tax, MobilityKind::kEvolution), 2224u);
  for (const MobilityLink& link : tax->mobility()) EXPECT_EQ(link.rank, 0);
}

TEST_F(RomeV3Import, TreeAndJobTitles) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  NodeIndex m1805 = tax->FindNode("M1805");
  ASSERT_NE(m1805, kNoNode);
  EXPECT_EQ(tax->node(m1805).level, "occupation");
  EXPECT_EQ(tax->node(m1805).label, "Études et développement informatique");
  EXPECT_EQ(tax->NodeLabel(m1805, "fr"),
            "Études et développement informatique");
  NodeIndex m18 = tax->node(m1805).parent;
  EXPECT_EQ(tax->node(m18).code, "M18");
  EXPECT_EQ(tax->node(m18).level, "area");
  EXPECT_EQ(tax->node(tax->node(m18).parent).code, "M");
  EXPECT_EQ(tax->node(tax->FindNode("M")).label, "Support à l'entreprise");
  EXPECT_EQ(tax->node(tax->FindNode("A11")).label,
            "Engins agricoles et forestiers");

  std::vector<std::string> titles =
      LabelsOf(*tax, "M1805", LabelKind::kAppellation);
  EXPECT_TRUE(Contains(titles, "Analyste développeur / développeuse"));
  EXPECT_TRUE(Contains(titles, "Analyste d'application"));
  EXPECT_TRUE(
      Contains(titles, "Analyste cogniticien / cogniticienne informatique"));
  // 10202: the short form differs, so it is an alternative label too.
  EXPECT_TRUE(Contains(LabelsOf(*tax, "I1601", LabelKind::kAppellation),
                       "Accastilleur-monteur / Accastilleuse-monteuse "
                       "électronique de marine"));
  EXPECT_TRUE(Contains(LabelsOf(*tax, "I1601", LabelKind::kAlternative),
                       "Accastilleur(se)-monteur(se) électronique de marine"));
  // 10201: the same text twice, so no alternative label.
  EXPECT_FALSE(Contains(LabelsOf(*tax, "I1601", LabelKind::kAlternative),
                        "Accastilleur-gréeur / Accastilleuse-gréeuse"));
}

TEST_F(RomeV3Import, SkillsOfA1101) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  // 8 base activities, 17 base savoirs, 11 specific activities and 19
  // specific savoirs in 4-liens_rome_referentiels.
  EXPECT_EQ(tax->SkillsOf(tax->FindNode("A1101")).size(), 55u);

  SkillIndex drive = tax->FindSkill("rome:100003");
  ASSERT_NE(drive, kNoSkill);
  EXPECT_EQ(tax->skill(drive).kind, SkillKind::kTechnical);
  EXPECT_EQ(tax->SkillName(drive, "fr"),
            "Conduire les engins agricoles vers le lieu de production "
            "(champs, forêt), de stockage, de livraison (fermes, "
            "coopératives)");
  auto link = LinkOf(*tax, "A1101", "rome:100003");  // rubrique 6
  ASSERT_TRUE(link);
  EXPECT_EQ(link->relation, SkillRelation::kEssential);
  EXPECT_FALSE(link->core);

  link = LinkOf(*tax, "A1101", "rome:122822");  // rubrique 9
  ASSERT_TRUE(link);
  EXPECT_EQ(link->relation, SkillRelation::kOptional);
  EXPECT_EQ(tax->SkillName(tax->FindSkill("rome:122822"), "fr"),
            "Abattre un arbre");

  link = LinkOf(*tax, "A1101", "rome:100007");  // rubrique 7
  ASSERT_TRUE(link);
  EXPECT_EQ(link->relation, SkillRelation::kEssential);
  EXPECT_EQ(tax->skill(tax->FindSkill("rome:100007")).kind,
            SkillKind::kKnowledge);
  EXPECT_EQ(tax->SkillName(tax->FindSkill("rome:100007"), "fr"),
            "Techniques de soudage");

  link = LinkOf(*tax, "A1101", "rome:100018");  // rubrique 10
  ASSERT_TRUE(link);
  EXPECT_EQ(link->relation, SkillRelation::kOptional);
}

TEST_F(RomeV3Import, MobilityOfM1805) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  // grep '^"M1805"' 12-rubrique_mobilite_v344_utf8.csv: E1104 appears on two
  // rows restricted to job titles (14156 and 20728 -> 20727), merged here.
  EXPECT_EQ(MobilityTargets(*tax, "M1805", MobilityKind::kClose),
            (std::vector<std::string>{"E1104", "M1804", "M1806"}));
  EXPECT_EQ(
      MobilityTargets(*tax, "M1805", MobilityKind::kEvolution),
      (std::vector<std::string>{"K2101", "M1402", "M1802", "M1803", "M1810"}));
}

TEST_F(RomeV3Import, CrosswalkToEsco) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  REQUIRE_SHARED_DATA("crosswalk-esco-rome");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  EXPECT_EQ(tax->CrosswalkSystems(), std::vector<std::string>{"esco"});
  // 11,096 of the 11,118 rows name a v344 job title (the 22 others are
  // skipped); they give 2,621 distinct (fiche, ESCO occupation) pairs whose
  // strongest job-title relation is exact 1,024, close 1,107, narrow 59
  // (all "narrow" for the fiche) or broad 431.
  EXPECT_EQ(CountCrosswalk(*tax, "esco"), 2621u);
  EXPECT_EQ(CountCrosswalk(*tax, "esco", MatchType::kNarrow), 2190u);
  EXPECT_EQ(CountCrosswalk(*tax, "esco", MatchType::kBroad), 431u);
  EXPECT_EQ(CountCrosswalk(*tax, "esco", MatchType::kExact), 0u);
  EXPECT_EQ(CountCrosswalk(*tax, "esco", MatchType::kClose), 0u);

  // Job title 10944 (M1805) skos:closeMatch "analyste logiciel".
  const std::string analyst =
      std::string(kEsco) + "04ba4d6c-957d-417f-bf63-5b9e015a9f86";
  std::vector<CrosswalkEntry> to = tax->CrosswalkTo("esco", analyst);
  ASSERT_EQ(to.size(), 1u);
  EXPECT_EQ(tax->node(to[0].node).code, "M1805");
  EXPECT_EQ(to[0].match, MatchType::kNarrow);
  EXPECT_EQ(to[0].external_label, "analyste logiciel");

  // "administrateur de réseau informatique" is broadMatch, exactMatch,
  // broadMatch and closeMatch of four M1801 titles: exact wins, so the ESCO
  // occupation is one title of the fiche, narrower than it.
  const std::string admin =
      std::string(kEsco) + "81480b40-a318-47f3-9b2c-56b69ed67d95";
  std::vector<CrosswalkEntry> from =
      tax->CrosswalkFrom(tax->FindNode("M1801"), "esco");
  auto it = std::find_if(from.begin(), from.end(), [&](const auto& e) {
    return e.external_code == admin;
  });
  ASSERT_NE(it, from.end());
  EXPECT_EQ(it->match, MatchType::kNarrow);

  // "concepteur de systèmes intelligents" is closeMatch of M1805's title
  // 10933 (narrower than M1805) and only broadMatch of M1806's title 38662.
  const std::string designer =
      std::string(kEsco) + "35553663-deab-4d9a-bf22-15c1625d28e8";
  to = tax->CrosswalkTo("esco", designer);
  ASSERT_EQ(to.size(), 2u);
  EXPECT_EQ(tax->node(to[0].node).code, "M1805");
  EXPECT_EQ(to[0].match, MatchType::kNarrow);
  EXPECT_EQ(tax->node(to[1].node).code, "M1806");
  EXPECT_EQ(to[1].match, MatchType::kBroad);
  EXPECT_EQ(to[1].external_label,
            "concepteur de systèmes intelligents/conceptrice de systèmes "
            "intelligents");
}

TEST_F(RomeV3Import, BundleRoundTripGivesTheSameTaxonomy) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  ExpectRoundTrip(*tax);
}

// ---------------------------------------------------------------- ROME 4.0

class RomeV4Import : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    shared_ = new SharedImport;
    shared_->Run(ImportRomeV4, SharedDataPath("rome-4.0-v460"));
  }
  static void TearDownTestSuite() {
    delete shared_;
    shared_ = nullptr;
  }
  static const Taxonomy* Imported() {
    const auto& result = shared_->result;
    EXPECT_TRUE(result.has_value());
    if (!result) return nullptr;
    EXPECT_TRUE(result->ok()) << result->status().message();
    return result->ok() ? &result->value() : nullptr;
  }
  static SharedImport* shared_;
};
SharedImport* RomeV4Import::shared_ = nullptr;

TEST_F(RomeV4Import, CountsMatchThePublishedFiles) {
  REQUIRE_SHARED_DATA("rome-4.0-v460");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  RecordProperty("import_seconds", std::to_string(shared_->seconds));
  // A guard against quadratic work; the Release import takes about 0.7 s.
  EXPECT_LT(shared_->seconds, 20.0);

  EXPECT_EQ(tax->info().name, "rome-v4");
  EXPECT_EQ(tax->info().version, "v460");
  EXPECT_NE(tax->info().source.find("France Travail"), std::string::npos);
  EXPECT_NE(tax->info().source.find("25M09"), std::string::npos);

  EXPECT_EQ(tax->NodesAtLevel("domain").size(), 14u);
  EXPECT_EQ(tax->NodesAtLevel("area").size(), 110u);
  EXPECT_EQ(tax->occupations().size(), 1584u);
  EXPECT_EQ(tax->CountLabels(LabelKind::kPreferred), 1584u);
  // 13,120 appellations, but 4 fiches list one title twice under two
  // code_ogr (e.g. K1719 "Chef / Cheffe de police municipale", 12210 and
  // 489241): 13,116 distinct job titles.
  EXPECT_EQ(tax->CountLabels(LabelKind::kAppellation), 13116u);
  EXPECT_EQ(tax->CountLabels(LabelKind::kAlternative), 2191u);

  // Linked items: 16,740 competences (savoir-faire), 16 savoir-être
  // professionnels, 13,222 savoirs. Soft = the 16 savoir-être + 2,140
  // "Transverse" savoir-faire.
  EXPECT_EQ(tax->skill_count(), 29978u);
  EXPECT_EQ(tax->CountSkills(SkillKind::kTechnical), 14600u);
  EXPECT_EQ(tax->CountSkills(SkillKind::kSoft), 2156u);
  EXPECT_EQ(tax->CountSkills(SkillKind::kKnowledge), 13222u);
  // Bloc 5 of unix_liens_rome_referentiels: 49,440 + 5,255 + 35,861 links,
  // all essential; coeur_metier "Principale" marks 18,900 of them as core.
  EXPECT_EQ(tax->occupation_skills().size(), 90556u);
  EXPECT_TRUE(std::all_of(tax->occupation_skills().begin(),
                          tax->occupation_skills().end(),
                          [](const OccupationSkill& l) {
                            return l.relation == SkillRelation::kEssential;
                          }));
  EXPECT_EQ(std::count_if(tax->occupation_skills().begin(),
                          tax->occupation_skills().end(),
                          [](const OccupationSkill& l) { return l.core; }),
            18900);

  // 14,912 ranked links, no duplicate, no self-link; untyped upstream, so
  // all "close".
  EXPECT_EQ(tax->mobility().size(), 14912u);
  EXPECT_EQ(CountMobility(*tax, MobilityKind::kClose), 14912u);
  for (const MobilityLink& link : tax->mobility()) {
    EXPECT_GE(link.rank, 1);
    EXPECT_LE(link.rank, 21);
  }

  // One "rome-v3" row per fiche: 532 fiches kept their v3 code (exact), the
  // 1,052 others descend from a broader v3 fiche.
  EXPECT_EQ(CountCrosswalk(*tax, "rome-v3"), 1584u);
  EXPECT_EQ(CountCrosswalk(*tax, "rome-v3", MatchType::kExact), 532u);
  EXPECT_EQ(CountCrosswalk(*tax, "rome-v3", MatchType::kBroad), 1052u);
}

TEST_F(RomeV4Import, TreeJobTitlesAndV3Parent) {
  REQUIRE_SHARED_DATA("rome-4.0-v460");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  NodeIndex m1805 = tax->FindNode("M1805");
  ASSERT_NE(m1805, kNoNode);
  EXPECT_EQ(tax->node(m1805).label, "Développeur / Développeuse informatique");
  EXPECT_EQ(tax->node(tax->node(m1805).parent).code, "M18");
  std::vector<std::string> titles =
      LabelsOf(*tax, "M1805", LabelKind::kAppellation);
  EXPECT_TRUE(Contains(titles, "Analyste développeur / Analyste développeuse"));
  // The PRINCIPALE appellation repeats the fiche's name: kept as a job title.
  EXPECT_TRUE(Contains(titles, "Développeur / Développeuse informatique"));
  EXPECT_TRUE(Contains(LabelsOf(*tax, "M1805", LabelKind::kAlternative),
                       "Analyste-programmeur(se) gestion informatique"));
  // The duplicated title of K1719 appears once.
  titles = LabelsOf(*tax, "K1719", LabelKind::kAppellation);
  EXPECT_EQ(std::count(titles.begin(), titles.end(),
                       "Chef / Cheffe de police municipale"),
            1);

  auto v3 = tax->CrosswalkFrom(m1805, "rome-v3");
  ASSERT_EQ(v3.size(), 1u);
  EXPECT_EQ(v3[0].external_code, "M1805");
  EXPECT_EQ(v3[0].match, MatchType::kExact);
  v3 = tax->CrosswalkFrom(tax->FindNode("A1102"), "rome-v3");
  ASSERT_EQ(v3.size(), 1u);
  EXPECT_EQ(v3[0].external_code, "A1101");
  EXPECT_EQ(v3[0].match, MatchType::kBroad);
}

TEST_F(RomeV4Import, SkillsKindsAndCoreFlags) {
  REQUIRE_SHARED_DATA("rome-4.0-v460");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  EXPECT_EQ(tax->SkillsOf(tax->FindNode("M1805")).size(), 58u);
  // coeur_metier "Principale".
  auto link = LinkOf(*tax, "M1805", "rome4:400261");
  ASSERT_TRUE(link);
  EXPECT_TRUE(link->core);
  EXPECT_EQ(link->relation, SkillRelation::kEssential);
  EXPECT_EQ(tax->SkillName(tax->FindSkill("rome4:400261"), "fr"), "Coder");
  EXPECT_EQ(tax->skill(tax->FindSkill("rome4:400261")).kind,
            SkillKind::kTechnical);
  // coeur_metier "Émergente": not core.
  link = LinkOf(*tax, "M1805", "rome4:400759");
  ASSERT_TRUE(link);
  EXPECT_FALSE(link->core);
  // A savoir-être professionnel.
  SkillIndex autonomy = tax->FindSkill("rome4:300460");
  ASSERT_NE(autonomy, kNoSkill);
  EXPECT_EQ(tax->skill(autonomy).kind, SkillKind::kSoft);
  EXPECT_EQ(tax->SkillName(autonomy, "fr"), "Faire preuve d'autonomie");
  EXPECT_TRUE(LinkOf(*tax, "M1805", "rome4:300460"));
  // A savoir.
  SkillIndex html = tax->FindSkill("rome4:102788");
  ASSERT_NE(html, kNoSkill);
  EXPECT_EQ(tax->skill(html).kind, SkillKind::kKnowledge);
  EXPECT_EQ(tax->SkillName(html, "fr"), "HTML");
  EXPECT_TRUE(LinkOf(*tax, "M1805", "rome4:102788"));
}

TEST_F(RomeV4Import, RankedMobilityOfM1805) {
  REQUIRE_SHARED_DATA("rome-4.0-v460");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  // grep '^"M1805"' unix_rubrique_mobilite_v460_utf8.csv, by numero_ordre.
  EXPECT_EQ(
      MobilityTargets(*tax, "M1805", MobilityKind::kClose),
      (std::vector<std::string>{"M1802", "M1803", "M1810", "M1812", "M1818",
                                "M1824", "M1831", "M1832", "M1842", "E1206"}));
  auto links = tax->MobilityFrom(tax->FindNode("M1805"));
  ASSERT_EQ(links.size(), 10u);
  for (size_t link_idx = 0; link_idx < links.size(); ++link_idx) {
    EXPECT_EQ(links[link_idx].rank, static_cast<int>(link_idx) + 1);
  }
}

TEST_F(RomeV4Import, CrosswalkToEsco) {
  REQUIRE_SHARED_DATA("rome-4.0-v460");
  REQUIRE_SHARED_DATA("crosswalk-esco-rome");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  // Every job title of the mapping is in v460; 3,509 distinct (fiche, ESCO
  // occupation) pairs over 1,421 fiches: exact 1,030 + close 1,592 + narrow
  // 68 = 2,690 narrow, 819 broad.
  EXPECT_EQ(CountCrosswalk(*tax, "esco"), 3509u);
  EXPECT_EQ(CountCrosswalk(*tax, "esco", MatchType::kNarrow), 2690u);
  EXPECT_EQ(CountCrosswalk(*tax, "esco", MatchType::kBroad), 819u);

  // M1805: "programmeur en informatique industrielle" (exactMatch of title
  // 18191) comes first, "informaticien" (broadMatch only) last.
  std::vector<CrosswalkEntry> esco =
      tax->CrosswalkFrom(tax->FindNode("M1805"), "esco");
  ASSERT_EQ(esco.size(), 7u);
  EXPECT_EQ(esco.front().external_code,
            std::string(kEsco) + "6e5ceba0-df96-465f-adb4-2e06ae715d43");
  EXPECT_EQ(esco.front().match, MatchType::kNarrow);
  EXPECT_EQ(esco.back().external_code,
            std::string(kEsco) + "e3229e40-f571-4b26-baca-29edc8fe313e");
  EXPECT_EQ(esco.back().match, MatchType::kBroad);
  EXPECT_EQ(esco.back().external_label, "informaticien/informaticienne");
}

TEST_F(RomeV4Import, BundleRoundTripGivesTheSameTaxonomy) {
  REQUIRE_SHARED_DATA("rome-4.0-v460");
  const Taxonomy* tax = Imported();
  ASSERT_NE(tax, nullptr);
  ExpectRoundTrip(*tax);
}

// ------------------------------------------------ hand-written ROME v3 data

constexpr char kCodeRomeFile[] = "3-referentiel_code_rome_v344_utf8.csv";

// A ROME v3 folder of a few rows, in the renamed layout of our copy
// ("<n>-<table>_v344_utf8.csv"). With `damaged`, fiche Z9901 names an area
// that does not exist (line 3) and has one job title (line 5).
std::map<std::string, std::string> FakeRomeV3(bool damaged) {
  std::map<std::string, std::string> files;
  files["18-grand_domaine_v344_utf8.csv"] =
      "\"code_grand_domaine\",\"libelle_grand_domaine\"\n"
      "\"A\",\"Agriculture et Pêche\"\n"
      "\"M\",\"Support à l''entreprise\"\n";
  files["19-domaine_professionnel_v344_utf8.csv"] =
      "\"code_domaine_professionnel\",\"libelle_domaine_professionnel\"\n"
      "\"A11\",\"Engins agricoles et forestiers\"\n"
      "\"M18\",\"Systèmes d''information et de télécommunication\"\n";
  files[kCodeRomeFile] =
      std::string(
          "\"code_rome\",\"code_fiche_em\",\"code_ogr\",\"libelle_rome\","
          "\"statut\"\n"
          "\"A1101\",\"11\",\"6\",\"Conduite d''engins agricoles\",\"1\"\n") +
      (damaged ? "\"Z9901\",\"99\",\"9\",\"Métier sans domaine\",\"1\"\n"
               : "") +
      "\"M1805\",\"567\",\"494\",\"Études et développement informatique\","
      "\"1\"\n";
  files["9-referentiel_appellation_v344_utf8.csv"] =
      std::string(
          "\"code_ogr\",\"libelle_appellation_long\","
          "\"libelle_appellation_court\",\"code_rome\"\n"
          "\"11987\",\"Conducteur / Conductrice d''engins agricoles\","
          "\"Conducteur / Conductrice d''engins agricoles\",\"A1101\"\n"
          "\"10944\",\"Analyste développeur / développeuse\","
          "\"Analyste dév.\",\"M1805\"\n"
          "\"10945\",\"Analyste développeur / développeuse\","
          "\"Analyste dév.\",\"M1805\"\n") +
      (damaged ? "\"19999\",\"Titre orphelin\",\"Titre orphelin\",\"Z9901\"\n"
               : "");
  files["4-liens_rome_referentiels_v344_utf8.csv"] =
      "\"code_rome\",\"code_ogr\",\"code_ref_rubrique\"\n"
      "\"A1101\",\"6\",\"2\"\n"
      "\"A1101\",\"11987\",\"4\"\n"
      "\"A1101\",\"100003\",\"6\"\n"
      "\"A1101\",\"100007\",\"7\"\n"
      "\"A1101\",\"122822\",\"9\"\n"
      "\"M1805\",\"100007\",\"10\"\n"
      "\"M1805\",\"100003\",\"9\"\n"
      "\"M1805\",\"100003\",\"6\"\n"   // again, as base: essential wins
      "\"M1805\",\"555555\",\"6\"\n";  // labelled only in 21-item
  files["7-referentiel_activite_v344_utf8.csv"] =
      "\"code_ogr\",\"libelle_activite\",\"statut\"\n"
      "\"100003\",\"Conduire les engins agricoles\",\"1\"\n"
      "\"122822\",\"Abattre un arbre\",\"1\"\n"
      "\"999999\",\"Activité liée à aucune fiche\",\"1\"\n";
  files["6-referentiel_competence_v344_utf8.csv"] =
      "\"code_ogr\",\"libelle_competence\",\"statut\"\n"
      "\"100007\",\"Techniques de soudage\",\"1\"\n";
  files["21-item_v344_utf8.csv"] =
      "\"code_ogr\",\"libelle\",\"code_type_referentiel\"\n"
      "\"555555\",\"Tester l''application\",\"2\"\n";
  files["12-rubrique_mobilite_v344_utf8.csv"] =
      "\"code_rome\",\"code_rome_cible\",\"code_appellation_source\","
      "\"code_appellation_cible\",\"code_type_mobilite\","
      "\"libelle_type_mobilite\"\n"
      "\"A1101\",\"M1805\",\"\",\"\",\"2\",\"Evolution\"\n"
      "\"M1805\",\"A1101\",\"10944\",\"\",\"1\",\"Proche\"\n"
      "\"M1805\",\"A1101\",\"10945\",\"\",\"1\",\"Proche\"\n"
      "\"M1805\",\"M1805\",\"10944\",\"10945\",\"1\",\"Proche\"\n";
  return files;
}

// The ESCO-ROME mapping layout: a preamble, a blank line, the header on
// line 5 here (16 in the published file). Line 10 names a job title that v344
// does not have.
constexpr char kFakeCrosswalk[] =
    "Mapping project name,ESCO - ROME\n"
    "Classification 1 Name,ESCO\n"
    "Classification 2 Name,ROME \n"
    "\n"
    "classification 1 ID,classification 1 prefered label,classification 2 "
    "ID,classification 2 prefered label,mapping relation\n"
    "http://e/aaa,analyste logiciel,10944,Analyste,skos:closeMatch\n"
    "http://e/bbb,informaticien,10944,Analyste,skos:broadMatch\n"
    "http://e/bbb,informaticien,10945,Analyste,skos:exactMatch\n"
    "http://e/ccc,conducteur,11987,Conducteur,skos:broadMatch\n"
    "http://e/ddd,family officer,200141,Family office,skos:exactMatch\n";

void WriteFolder(const TempDir& dir,
                 const std::map<std::string, std::string>& files) {
  for (const auto& [name, text] : files) dir.Write(name, text);
}

TEST_F(RomeV3Import, HandWrittenFolderImportsStrictly) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  TempDir dir;
  WriteFolder(dir, FakeRomeV3(false));
  dir.Write("mapping.csv", kFakeCrosswalk);
  ImportOptions options;
  options.esco_rome_crosswalk = dir.Child("mapping.csv");
  Result<Taxonomy> tax = ImportRomeV3(dir.path(), options);
  ASSERT_TRUE(tax.ok()) << tax.status().message();

  EXPECT_EQ(tax->node_count(), 6u);
  EXPECT_EQ(tax->node(tax->FindNode("M")).label, "Support à l'entreprise");
  EXPECT_EQ(tax->node(tax->FindNode("A1101")).label,
            "Conduite d'engins agricoles");
  // Same long title twice for M1805 (10944, 10945): one label each kind.
  EXPECT_EQ(LabelsOf(*tax, "M1805", LabelKind::kAppellation),
            std::vector<std::string>{"Analyste développeur / développeuse"});
  EXPECT_EQ(LabelsOf(*tax, "M1805", LabelKind::kAlternative),
            std::vector<std::string>{"Analyste dév."});
  EXPECT_EQ(LabelsOf(*tax, "A1101", LabelKind::kAlternative).size(), 0u);

  // Only linked items; 555555 takes its label from 21-item.
  EXPECT_EQ(tax->skill_count(), 4u);
  EXPECT_EQ(tax->FindSkill("rome:999999"), kNoSkill);
  EXPECT_EQ(tax->SkillName(tax->FindSkill("rome:555555"), "fr"),
            "Tester l'application");
  EXPECT_EQ(tax->skill(tax->FindSkill("rome:100007")).kind,
            SkillKind::kKnowledge);
  EXPECT_EQ(LinkOf(*tax, "M1805", "rome:100003")->relation,
            SkillRelation::kEssential);
  EXPECT_EQ(LinkOf(*tax, "M1805", "rome:100007")->relation,
            SkillRelation::kOptional);
  EXPECT_EQ(tax->SkillsOf(tax->FindNode("M1805")).size(), 3u);

  // Two restricted rows merged, the self-link skipped.
  ASSERT_EQ(tax->mobility().size(), 2u);
  EXPECT_EQ(MobilityTargets(*tax, "M1805", MobilityKind::kClose),
            std::vector<std::string>{"A1101"});
  EXPECT_EQ(MobilityTargets(*tax, "A1101", MobilityKind::kEvolution),
            std::vector<std::string>{"M1805"});

  // bbb: exact (10945) beats broad (10944), so it comes before aaa (close);
  // both are narrower than the fiche. ddd names an unknown title: skipped.
  std::vector<CrosswalkEntry> esco = tax->CrosswalkFrom(tax->FindNode("M1805"));
  ASSERT_EQ(esco.size(), 2u);
  EXPECT_EQ(esco[0].external_code, "http://e/bbb");
  EXPECT_EQ(esco[0].match, MatchType::kNarrow);
  EXPECT_EQ(esco[0].external_label, "informaticien");
  EXPECT_EQ(esco[1].external_code, "http://e/aaa");
  EXPECT_EQ(esco[1].match, MatchType::kNarrow);
  esco = tax->CrosswalkFrom(tax->FindNode("A1101"));
  ASSERT_EQ(esco.size(), 1u);
  EXPECT_EQ(esco[0].match, MatchType::kBroad);
  EXPECT_EQ(tax->crosswalk().size(), 3u);

  ExpectRoundTrip(*tax);
}

TEST_F(RomeV3Import, AcceptsTheUpstreamFileNames) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  TempDir renamed, upstream;
  std::map<std::string, std::string> files = FakeRomeV3(false);
  WriteFolder(renamed, files);
  for (const auto& [name, text] : files) {
    upstream.Write("unix_" + name.substr(name.find('-') + 1), text);
  }
  Result<Taxonomy> a = ImportRomeV3(renamed.path());
  Result<Taxonomy> b = ImportRomeV3(upstream.path());
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_TRUE(*a == *b);
}

TEST_F(RomeV3Import, DamagedFolderStopsAtTheFirstProblemInStrictMode) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  TempDir dir;
  WriteFolder(dir, FakeRomeV3(true));
  Result<Taxonomy> tax = ImportRomeV3(dir.path());
  ASSERT_FALSE(tax.ok());
  EXPECT_EQ(tax.status().code(), StatusCode::kDataError);
  EXPECT_EQ(tax.status().message(),
            dir.Child(kCodeRomeFile) + ":3:1: unknown parent 'Z99' of 'Z9901'");
}

TEST_F(RomeV3Import, DamagedFolderReportsEachSkippedRowInLenientMode) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  TempDir dir;
  WriteFolder(dir, FakeRomeV3(true));
  dir.Write("mapping.csv", kFakeCrosswalk);
  CollectingReporter reporter;
  ImportOptions options;
  options.reporter = &reporter;
  options.esco_rome_crosswalk = dir.Child("mapping.csv");
  Result<Taxonomy> tax = ImportRomeV3(dir.path(), options);
  ASSERT_TRUE(tax.ok()) << tax.status().message();
  EXPECT_EQ(
      reporter.problems(),
      (std::vector<std::string>{
          dir.Child(kCodeRomeFile) + ":3:1: unknown parent 'Z99' of 'Z9901'",
          dir.Child("9-referentiel_appellation_v344_utf8.csv") +
              ":5:4: unknown code 'Z9901'",
          dir.Child("mapping.csv") +
              ":10:3: appellation '200141' is not in ROME v344; mapping "
              "skipped",
      }));
  EXPECT_EQ(tax->FindNode("Z9901"), kNoNode);
  EXPECT_EQ(tax->occupations().size(), 2u);
  EXPECT_EQ(tax->skill_count(), 4u);
  EXPECT_EQ(tax->mobility().size(), 2u);
  EXPECT_EQ(tax->crosswalk().size(), 3u);
}

TEST_F(RomeV3Import, RowProblemsSayFileLineAndColumn) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  TempDir dir;
  std::map<std::string, std::string> files = FakeRomeV3(false);
  files["12-rubrique_mobilite_v344_utf8.csv"] +=
      "\"M1805\",\"A1101\",\"\",\"\",\"3\",\"Lointaine\"\n"
      "\"M1805\",\"X1234\",\"\",\"\",\"1\",\"Proche\"\n"
      "\"M1805\",\"A1101\",\"\",\"\",\"1\"\n";
  WriteFolder(dir, files);
  const std::string mobility = dir.Child("12-rubrique_mobilite_v344_utf8.csv");
  Result<Taxonomy> strict = ImportRomeV3(dir.path());
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.status().message(),
            mobility +
                ":6:6: unknown mobility type 'Lointaine' (expected "
                "Proche or Evolution)");

  CollectingReporter reporter;
  ImportOptions options;
  options.reporter = &reporter;
  Result<Taxonomy> lenient = ImportRomeV3(dir.path(), options);
  ASSERT_TRUE(lenient.ok()) << lenient.status().message();
  EXPECT_EQ(reporter.problems(),
            (std::vector<std::string>{
                mobility + ":6:6: unknown mobility type 'Lointaine' "
                           "(expected Proche or Evolution)",
                mobility + ":7:2: unknown code 'X1234'",
                mobility + ":8:6: expected 6 fields, got 5",
            }));
  EXPECT_EQ(lenient->mobility().size(), 2u);
}

TEST_F(RomeV3Import, MissingFileOrColumnIsAnError) {
  REQUIRE_SHARED_DATA("rome-v3-v344");
  {
    TempDir dir;
    std::map<std::string, std::string> files = FakeRomeV3(false);
    files.erase("12-rubrique_mobilite_v344_utf8.csv");
    WriteFolder(dir, files);
    Result<Taxonomy> tax = ImportRomeV3(dir.path());
    ASSERT_FALSE(tax.ok());
    EXPECT_EQ(tax.status().code(), StatusCode::kNotFound);
    EXPECT_EQ(tax.status().message(),
              dir.Child("unix_rubrique_mobilite_v344_utf8.csv") +
                  ": cannot open file");
  }
  {
    TempDir dir;
    std::map<std::string, std::string> files = FakeRomeV3(false);
    std::string& codes = files[kCodeRomeFile];
    codes.replace(codes.find("libelle_rome"), 12, "intitule");
    WriteFolder(dir, files);
    CollectingReporter reporter;  // fatal in lenient mode too
    ImportOptions options;
    options.reporter = &reporter;
    Result<Taxonomy> tax = ImportRomeV3(dir.path(), options);
    ASSERT_FALSE(tax.ok());
    EXPECT_EQ(tax.status().message(),
              dir.Child(kCodeRomeFile) +
                  ":1: missing required column 'libelle_rome'");
  }
  {
    Result<Taxonomy> tax = ImportRomeV3("/nonexistent/rome");
    ASSERT_FALSE(tax.ok());
    EXPECT_EQ(tax.status().code(), StatusCode::kNotFound);
  }
}

// ------------------------------------------------ hand-written ROME 4.0 data

// A ROME 4.0 folder of a few rows with the upstream names.
std::map<std::string, std::string> FakeRomeV4() {
  std::map<std::string, std::string> files;
  files["unix_grand_domaine_v460_utf8.csv"] =
      "code_grand_domaine,libelle_grand_domaine\n"
      "M,Support à l'entreprise\n";
  files["unix_domaine_professionnel_v460_utf8.csv"] =
      "code_domaine_professionnel,libelle_domaine_professionnel\n"
      "M18,Systèmes d'information et de télécommunication\n";
  files["unix_referentiel_code_rome_v460_utf8.csv"] =
      "code_rome,libelle_rome,code_rome_parent\n"
      "M1805,Développeur / Développeuse informatique,M1805\n"
      "M1851,Analyste décisionnel - Business Intelligence,M1805\n";
  files["unix_referentiel_appellation_v460_utf8.csv"] =
      "code_ogr,libelle_appellation_long,libelle_appellation_court,"
      "code_rome\n"
      "10944,Analyste développeur / Analyste développeuse,"
      "Analyste développeur(se),M1805\n"
      "38095,Analyste décisionnel - BI,Analyste décisionnel - BI,M1851\n";
  files["unix_coherence_item_v460_utf8.csv"] =
      "code_rome,code_ogr,coeur_metier\n"
      "M1805,400261,Principale\n"
      "M1805,300460,\n"
      "M1805,102788,Émergente\n"
      "M1805,126450,\n"
      "M1851,300483,Principale\n";
  // Blocs 1, 2 and 6 (code, titles, work contexts) are not skills.
  files["unix_liens_rome_referentiels_v460_utf8.csv"] =
      "code_rome,code_compo_bloc,code_rubrique,code_ogr\n"
      "M1805,1,,494\n"
      "M1805,2,,10944\n"
      "M1805,5,1,400261\n"
      "M1805,5,2,300460\n"
      "M1805,5,3,102788\n"
      "M1805,6,,126450\n"
      "M1851,5,1,300483\n";
  files["unix_referentiel_competence_v460_utf8.csv"] =
      "code_ogr,libelle_competence,cat_comp,sous_cat_comp\n"
      "400261,Coder,Savoir-faire,Technique\n"
      "300460,Faire preuve d'autonomie,Savoir-être professionnel,"
      "Transverse\n"
      "300483,Organiser son travail,Savoir-faire,Transverse\n";
  files["unix_referentiel_savoir_v460_utf8.csv"] =
      "code_ogr_savoir,libelle_savoir\n"
      "102788,HTML\n";
  files["unix_rubrique_mobilite_v460_utf8.csv"] =
      "code_rome,code_rome_cible,numero_ordre\n"
      "M1805,M1851,1\n"
      "M1851,M1805,2\n";
  return files;
}

TEST_F(RomeV4Import, HandWrittenFolderImportsStrictly) {
  REQUIRE_SHARED_DATA("rome-4.0-v460");
  TempDir dir;
  WriteFolder(dir, FakeRomeV4());
  Result<Taxonomy> tax = ImportRomeV4(dir.path());
  ASSERT_TRUE(tax.ok()) << tax.status().message();
  EXPECT_EQ(tax->info().version, "v460");
  EXPECT_EQ(tax->occupations().size(), 2u);
  EXPECT_EQ(tax->skill_count(), 4u);  // not the work context 126450
  EXPECT_EQ(tax->skill(tax->FindSkill("rome4:400261")).kind,
            SkillKind::kTechnical);
  EXPECT_EQ(tax->skill(tax->FindSkill("rome4:300460")).kind, SkillKind::kSoft);
  EXPECT_EQ(tax->skill(tax->FindSkill("rome4:300483")).kind, SkillKind::kSoft);
  EXPECT_EQ(tax->skill(tax->FindSkill("rome4:102788")).kind,
            SkillKind::kKnowledge);
  EXPECT_TRUE(LinkOf(*tax, "M1805", "rome4:400261")->core);
  EXPECT_FALSE(LinkOf(*tax, "M1805", "rome4:300460")->core);
  EXPECT_FALSE(LinkOf(*tax, "M1805", "rome4:102788")->core);
  EXPECT_TRUE(LinkOf(*tax, "M1851", "rome4:300483")->core);
  EXPECT_EQ(LabelsOf(*tax, "M1805", LabelKind::kAlternative),
            std::vector<std::string>{"Analyste développeur(se)"});

  auto v3 = tax->CrosswalkFrom(tax->FindNode("M1851"), "rome-v3");
  ASSERT_EQ(v3.size(), 1u);
  EXPECT_EQ(v3[0].external_code, "M1805");
  EXPECT_EQ(v3[0].match, MatchType::kBroad);
  ASSERT_EQ(tax->MobilityFrom(tax->FindNode("M1851")).size(), 1u);
  EXPECT_EQ(tax->MobilityFrom(tax->FindNode("M1851"))[0].rank, 2);
  ExpectRoundTrip(*tax);
}

TEST_F(RomeV4Import, BadRankIsReportedWithItsPlace) {
  REQUIRE_SHARED_DATA("rome-4.0-v460");
  TempDir dir;
  std::map<std::string, std::string> files = FakeRomeV4();
  files["unix_rubrique_mobilite_v460_utf8.csv"] =
      "code_rome,code_rome_cible,numero_ordre\n"
      "M1805,M1851,1\n"
      "M1851,M1805,premier\n";
  WriteFolder(dir, files);
  const std::string expected =
      dir.Child("unix_rubrique_mobilite_v460_utf8.csv") +
      ":3:3: expected a whole number >= 1, got 'premier'";
  Result<Taxonomy> strict = ImportRomeV4(dir.path());
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.status().message(), expected);

  CollectingReporter reporter;
  ImportOptions options;
  options.reporter = &reporter;
  Result<Taxonomy> lenient = ImportRomeV4(dir.path(), options);
  ASSERT_TRUE(lenient.ok()) << lenient.status().message();
  EXPECT_EQ(reporter.problems(), std::vector<std::string>{expected});
  EXPECT_EQ(lenient->mobility().size(), 1u);
}

}  // namespace
}  // namespace skillmatch::classification
