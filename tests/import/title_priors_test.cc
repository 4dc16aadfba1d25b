// The title coder's priors learned from the store (title_priors.h): which
// decisions the store hands over, how they weigh, and the import that codes
// a title the way a counsellor corrected it.
#include "skillmatch/import/title_priors.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <string>
#include <vector>

#include "skillmatch/classification/coder.h"
#include "skillmatch/import/offer_import.h"
#include "skillmatch/store/store.h"
#include "support/sample_taxonomy.h"
#include "support/temp_dir.h"

namespace skillmatch::engine {
namespace {

using skillmatch::testing::SampleTaxonomy;
using skillmatch::testing::TempDir;

const std::string kSource = SKILLMATCH_SOURCE_DIR;
const std::string kFixtures = kSource + "/tests/fixtures/import/";
const std::string kNationalMapping = kSource + "/data/import/national-csv.mapping.json";
const std::string kHeader =
    "reference;intitule;employeur;description;competences;pays;region;ville;"
    "type_contrat;niveau_etudes;experience;nombre_postes;salaire_min;"
    "salaire_max;devise;date_publication;date_limite;permis;code_metier;"
    "code_rome;code_cite\n";

// A national CSV row with a reference, a title and no code.
std::string Row(const std::string& ref, const std::string& title) {
  return ref + ";" + title + ";Assurances du Sahel;;;Sénégal;;Dakar;CDI;;;1;;;;02/11/2026;;;;;\n";
}

std::string Str(const TitleDecision& d) {
  return d.title + "|" + d.code + "|" + d.method + "|" + std::to_string(d.offers);
}

class TitlePriorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->LoadTaxonomy(SampleTaxonomy()).ok());
    auto mapping = ReadMappingFile(kNationalMapping);
    ASSERT_TRUE(mapping.ok()) << mapping.status().message();
    mapping_ = *mapping;
  }

  // Imports `file` with the priors the store holds now, as `import offers`
  // does.
  void Import(const std::string& file) {
    auto priors = ReadTitlePriors(*store_);
    ASSERT_TRUE(priors.ok()) << priors.status().message();
    ImportOptions options;
    options.source = "s";
    options.title_priors = &*priors;
    auto importer = OfferImporter::Create(store_.get(), &SampleTaxonomy(), mapping_, options);
    ASSERT_TRUE(importer.ok()) << importer.status().message();
    ImportSummary summary;
    Status status = (*importer)->ImportFile(file, &summary);
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(summary.counts.rejected, 0) << summary.Line();
  }

  std::unique_ptr<Store> store_;
  ImportMapping mapping_;
};

TEST(TitlePriorsFrom, ACounsellorsDecisionOutweighsOneSourceNotMany) {
  // One review (weight kReviewPriorWeight = 3) against two source codings.
  classification::TitlePriors priors = TitlePriorsFrom(
      {{"Comptable", "M1201", "source", 2}, {"COMPTABLE (H/F)", "M1203", "review", 1}});
  auto found = priors.Find("comptable - Dakar");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->code, "M1203");
  EXPECT_FLOAT_EQ(found->share, 3.0f / 5.0f);
  // Against six source codings the source wins, with a share of 6 / 9.
  priors = TitlePriorsFrom(
      {{"Comptable", "M1201", "source", 6}, {"COMPTABLE (H/F)", "M1203", "review", 1}});
  found = priors.Find("Comptable");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->code, "M1201");
  EXPECT_FLOAT_EQ(found->share, 6.0f / 9.0f);
  EXPECT_EQ(priors.size(), 1u);  // one title, however written
}

TEST_F(TitlePriorsTest, StoreListsReviewsAndSourceCodesNeverTheCodersOwn) {
  // good.csv: R1 "Comptable (H/F)" with our code M1201 (source), R2 "Maçon"
  // and R5 "xqzw plop" coded from their titles (R5 flagged for review).
  Import(kFixtures + "good.csv");
  auto before = store_->ListTitleDecisions();
  ASSERT_TRUE(before.ok()) << before.status().message();
  // R3's ROME v3 code N4101 and R4's ISCO-08 group 5120 each cross to one
  // occupation of the sample; R2 and R5 are the coder's (R5 flagged).
  std::vector<std::string> listed;
  for (const TitleDecision& d : *before) listed.push_back(Str(d));
  EXPECT_EQ(listed, (std::vector<std::string>{"Chauffeur poids lourd|N1401|crosswalk|1",
                                              "Comptable (H/F)|M1201|source|1",
                                              "Cuisinier|G1401|crosswalk|1"}));
  ASSERT_TRUE(store_->SetOfferCode("s:R5", "K1101", "awa").ok());
  auto after = store_->ListTitleDecisions();
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), before->size() + 1);
  std::vector<std::string> now;
  for (const TitleDecision& d : *after) now.push_back(Str(d));
  EXPECT_NE(std::find(now.begin(), now.end(), "xqzw plop|K1101|review|1"), now.end());
}

TEST_F(TitlePriorsTest, ACrosswalkCodeSettledByTheCoderIsNotADecision) {
  // In the national sample, ISCO-08 7411 (electricians) crosses to several
  // occupations and the title coder picks one for "Électricien bâtiment":
  // that choice must not come back as a prior, or importing the same file
  // again would change the offer (its confidence) each time.
  Import(kSource + "/data/import/national-offres.csv");
  auto coding = store_->GetOfferCoding("s:ANPE-TG-2026-0054");
  ASSERT_TRUE(coding.ok());
  EXPECT_EQ(coding->method, "crosswalk");
  EXPECT_TRUE(coding->confidence.has_value());
  auto decisions = store_->ListTitleDecisions();
  ASSERT_TRUE(decisions.ok());
  EXPECT_FALSE(decisions->empty());
  for (const TitleDecision& d : *decisions) {
    EXPECT_NE(d.title, "Électricien bâtiment") << Str(d);
    EXPECT_NE(d.method, "coder") << Str(d);
  }
  const Offer before = *store_->GetOffer("s:ANPE-TG-2026-0054");
  Import(kSource + "/data/import/national-offres.csv");
  EXPECT_TRUE(*store_->GetOffer("s:ANPE-TG-2026-0054") == before);
}

TEST_F(TitlePriorsTest, ACorrectedTitleCodesToTheCorrectionNextTime) {
  TempDir dir;
  // The sample codes "Chargé de clientèle" to bank customer service
  // (C1202) without asking; for an insurer that is wrong.
  dir.Write("first.csv", kHeader + Row("A1", "Chargé de clientèle"));
  Import(dir.Child("first.csv"));
  auto first = store_->GetOffer("s:A1");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->occupation, "C1202");
  EXPECT_FALSE(first->needs_review);

  ASSERT_TRUE(store_->SetOfferCode("s:A1", "C1101", "awa").ok());

  // The same title, written as a job board writes it, in a later import.
  dir.Write("second.csv", kHeader + Row("A2", "CHARGÉE DE CLIENTÈLE (H/F) - Dakar") +
                              Row("A3", "Gestionnaire de stock"));
  Import(dir.Child("second.csv"));
  auto second = store_->GetOffer("s:A2");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->occupation, "C1101");
  EXPECT_FALSE(second->needs_review);
  auto coding = store_->GetOfferCoding("s:A2");
  ASSERT_TRUE(coding.ok());
  EXPECT_EQ(coding->method, "coder");
  ASSERT_TRUE(coding->confidence.has_value());
  EXPECT_FLOAT_EQ(*coding->confidence, 1.0f);  // every decision says C1101
  // Another title is coded from its text as before.
  EXPECT_EQ(store_->GetOffer("s:A3")->occupation, "N1101");
  EXPECT_TRUE(store_->ListOffersToReview("", 0)->empty());
}

}  // namespace
}  // namespace skillmatch::engine
