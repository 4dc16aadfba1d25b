// mapping draft: header names to offer fields, categorical values to ours,
// and a drafted mapping that the import's own parser accepts.
#include "skillmatch/import/mapping_draft.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "skillmatch/import/import_mapping.h"
#include "support/sample_taxonomy.h"
#include "support/temp_dir.h"

namespace skillmatch::engine {
namespace {

using nlohmann::json;

const std::string kFixtures =
    std::string(SKILLMATCH_SOURCE_DIR) + "/tests/fixtures/import/";

TEST(MappingDraft, HeadersInFrenchAndEnglish) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Titre du poste", "title"},
      {"Intitulé", "title"},
      {"Job title", "title"},
      {"/intitule", "title"},
      {"Entreprise", "employer"},
      {"Company name", "employer"},
      {"/employer/name", "employer"},
      {"Ville", "city"},
      {"City", "city"},
      {"lieu", "city"},
      {"/location/city", "city"},
      {"Région", "region"},
      {"Pays", "country"},
      {"/location/country", "country"},
      {"Type de contrat", "contract"},
      {"Employment type", "contract"},
      {"Niveau d'études", "education"},
      {"Education level", "education"},
      {"Expérience requise", "experience"},
      {"Years of experience", "experience"},
      {"Niveau d'expérience", "experience"},
      {"Nombre de postes", "positions"},
      {"Salaire", "salary_min"},
      {"Salaire max", "salary_max"},
      {"Date de publication", "published"},
      {"Posted", "published"},
      {"date_creation", "published"},
      {"Date limite de candidature", "expires"},
      {"Deadline", "expires"},
      {"Référence", "ref"},
      {"ID", "ref"},
      {"URL", "ref"},
      {"Description du poste", "description"},
      {"Compétences", "skills"},
      {"Permis de conduire", "licences"},
      {"Code ROME", "code:rome-v3"},
      {"rome_code", "code:rome-v3"},
      {"Code CITE", "code:isco08"},
      {"Secteur d'activité", "-sector"},
      {"secteur_activite_libelle", "-sector"},
      {"Téléphone", "-contact"},
      {"Email du recruteur", "-contact"},
      {"/employer/phone", "-contact"},
      {"contractType", "contract"},
      {"/applicationDeadline", "expires"},
      {"/location/countryCode", "country"},
      {"/occupation/iscoGroup", "code:isco08"},
      {"Colour", ""},
  };
  for (const auto& [header, field] : cases) {
    EXPECT_EQ(ProposeField(header), field) << header;
  }
}

TEST(MappingDraft, ValuesRecognisedAndNotSpecified) {
  struct Case {
    std::string kind, value;
    json expected;  // discarded: not recognised
  };
  const json unknown(json::value_t::discarded);
  const std::vector<Case> cases = {
      {"contract", "CDI", "permanent"},
      {"contract", "CDI - Temps plein", "permanent"},
      {"contract", "Contrat à durée déterminée", "fixed_term"},
      {"contract", "Intérim", "temporary"},
      {"contract", "MIS", "temporary"},
      {"contract", "Stage", "internship"},
      {"contract", "Internship", "internship"},
      {"contract", "Consultant", "freelance"},
      {"contract", "Journalier", "daily"},
      {"contract", "Temps plein", nullptr},
      {"contract", "Full-time", nullptr},
      {"contract", "Non spécifié", nullptr},
      {"contract", "Bénévolat", unknown},
      {"education", "Licence (BAC+3)", 6},
      {"education", "BAC + 2", 5},
      {"education", "Bac+5", 7},
      {"education", "Baccalauréat", 3},
      {"education", "BEPC", 2},
      {"education", "Doctorat", 8},
      {"education", "Master's degree", 7},
      {"education", "HND", 5},
      {"education", "GCE O Level", 2},
      {"education", "Sans diplôme", 0},
      {"education", "N/A", nullptr},
      {"education", "Bon niveau", unknown},
      {"education", "ISCED-3", 3},
      {"experience", "3-5 ans", 3},
      {"experience", "3 à 5 ans", 3},
      {"experience", "Plus de 10 ans", 10},
      {"experience", "5+ years", 5},
      {"experience", "6 mois", 0.5},
      {"experience", "Débutant accepté", 0},
      {"experience", "Entry level", 0},
      {"experience", "Non spécifié", nullptr},
      {"experience", "Senior", unknown},
      {"experience", "3 ateliers", unknown},
      {"country", "Cameroun", "CM"},
      {"country", "Cameroon", "CM"},
      {"country", "Côte d'Ivoire", "CI"},
      {"country", "sénégal", "SN"},
      {"country", "SN", "SN"},
      {"country", "Wakanda", unknown},
  };
  for (const Case& test : cases) {
    const json got = ProposeValue(test.kind, test.value);
    if (test.expected.is_discarded()) {
      EXPECT_TRUE(got.is_discarded()) << test.kind << " " << test.value << " "
                                      << got.dump();
    } else {
      EXPECT_EQ(got, test.expected) << test.kind << " " << test.value;
    }
  }
}

TEST(MappingDraft, DraftIsAValidMappingAndCodesFollowTheTaxonomy) {
  // The national export: its own headers, our occupation codes.
  auto draft = DraftMapping(kFixtures + "good.csv", "good.csv", {});
  ASSERT_TRUE(draft.ok()) << draft.status().message();
  EXPECT_EQ(draft->format, "csv");
  EXPECT_EQ(draft->delimiter, ";");
  auto mapping = ParseMapping(json::parse(draft->mapping.dump()), "d.json");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  EXPECT_EQ(mapping->field(ImportField::kRef), "reference");
  EXPECT_EQ(mapping->field(ImportField::kTitle), "intitule");
  EXPECT_EQ(mapping->required, std::vector<ImportField>{ImportField::kTitle});
  // Knowing the taxonomy, a code column is read in the system its values
  // are found in.
  skillmatch::testing::TempDir dir;
  dir.Write("codes.csv",
            "ref;titre;code_cite\nA;Comptable;A1101\nB;Maçon;F1701\nC;"
            "Cuisinier;Z9999\n");
  draft = DraftMapping(dir.Child("codes.csv"), "codes.csv", {});
  ASSERT_TRUE(draft.ok()) << draft.status().message();
  EXPECT_EQ(draft->mapping["codes"],
            json::parse(R"([{"field": "code_cite", "system": "isco08"}])"));
  DraftOptions options;
  options.taxonomy = &skillmatch::testing::SampleTaxonomy();
  draft = DraftMapping(dir.Child("codes.csv"), "codes.csv", options);
  ASSERT_TRUE(draft.ok()) << draft.status().message();
  EXPECT_EQ(draft->mapping["codes"],
            json::parse(R"([{"field": "code_cite", "system": "taxonomy"}])"));
  EXPECT_NE(draft->mapping["to_review"].dump().find(
                "codes: 'code_cite' read as 'taxonomy' codes: 2 of 3 coded "
                "rows found in the taxonomy"),
            std::string::npos)
      << draft->mapping["to_review"].dump();
  // Contact columns are counted, never shown or mapped.
  dir.Write("contact.csv",
            "titre;Email du recruteur\nComptable;awa.diop@example.sn\n");
  draft = DraftMapping(dir.Child("contact.csv"), "contact.csv", {});
  ASSERT_TRUE(draft.ok()) << draft.status().message();
  ASSERT_EQ(draft->columns.size(), 2u);
  EXPECT_EQ(draft->columns[1].filled, 1);
  EXPECT_TRUE(draft->columns[1].top.empty());
  EXPECT_EQ(draft->columns[1].field, "");
  EXPECT_EQ(draft->mapping.dump().find("example.sn"), std::string::npos);
  // A file without a title or code column cannot be drafted.
  dir.Write("none.csv", "a;b\n1;2\n");
  draft = DraftMapping(dir.Child("none.csv"), "none.csv", {});
  EXPECT_EQ(draft.status().code(), StatusCode::kDataError);
  EXPECT_EQ(draft.status().message(),
            "none.csv: no column looks like a job title or an occupation "
            "code; write the mapping by hand (engine/import/README.md)");
}

}  // namespace
}  // namespace skillmatch::engine
