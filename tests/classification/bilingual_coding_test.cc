// Bilingual ROME v3 (ESCO labels through the ESCO-ROME crosswalk) on the
// published data, and English job titles coded into it: the hand-coded set
// tests/fixtures/coding/english-titles-rome-v3.csv (titles and the ROME v3
// code assigned by hand). Prints its figures beside the French-only bundle:
//   build/tests/skillmatch_realdata_tests --gtest_filter='Bilingual*'
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "skillmatch/classification/bundle.h"
#include "skillmatch/classification/coder.h"
#include "skillmatch/classification/csv.h"
#include "skillmatch/classification/importers.h"
#include "support/shared_data.h"
#include "support/temp_dir.h"

namespace skillmatch::classification {
namespace {

using ::skillmatch::testing::SharedDataPath;
using ::skillmatch::testing::TempDir;

struct Titles {
  std::vector<std::pair<std::string, std::string>> rows;  // title, code
};

Titles ReadFixture() {
  Titles out;
  std::ifstream in(std::string(SKILLMATCH_SOURCE_DIR) +
                   "/tests/fixtures/coding/english-titles-rome-v3.csv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    size_t first = line.find(',');
    size_t second = line.find(',', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    out.rows.emplace_back(line.substr(0, first),
                          line.substr(first + 1, second - first - 1));
  }
  return out;
}

class BilingualRome : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(SharedDataPath("rome-v3-v344"))) return;
    ImportOptions options;
    options.esco_rome_crosswalk =
        SharedDataPath("crosswalk-esco-rome/FR_20230607_mapping_esco_rome.csv");
    auto french = ImportRomeV3(SharedDataPath("rome-v3-v344"), options);
    options.esco_label_dirs = {SharedDataPath("esco-v1.1.1-en"),
                               SharedDataPath("esco-v1.2.x-fr")};
    auto both = ImportRomeV3(SharedDataPath("rome-v3-v344"), options);
    if (french.ok()) french_ = new Taxonomy(std::move(*french));
    if (both.ok()) {
      bilingual_ = new Taxonomy(std::move(*both));
    } else {
      error_ = new std::string(both.status().message());
    }
  }
  static void TearDownTestSuite() {
    delete french_;
    delete bilingual_;
    delete error_;
    french_ = bilingual_ = nullptr;
    error_ = nullptr;
  }
  void SetUp() override {
    REQUIRE_SHARED_DATA("rome-v3-v344");
    REQUIRE_SHARED_DATA("esco-v1.1.1-en");
    REQUIRE_SHARED_DATA("esco-v1.2.x-fr");
    ASSERT_NE(bilingual_, nullptr) << (error_ ? *error_ : "import failed");
    ASSERT_NE(french_, nullptr);
  }
  static Taxonomy* french_;
  static Taxonomy* bilingual_;
  static std::string* error_;
};
Taxonomy* BilingualRome::french_ = nullptr;
Taxonomy* BilingualRome::bilingual_ = nullptr;
std::string* BilingualRome::error_ = nullptr;

TEST_F(BilingualRome, EscoLabelsLandOnRomeCodesWithTheirSource) {
  EXPECT_EQ(bilingual_->info().languages, (std::vector<std::string>{"fr", "en"}));
  size_t english = 0, french_esco = 0, own = 0;
  for (NodeIndex node : bilingual_->occupations()) {
    for (const Label& label : bilingual_->node(node).labels) {
      if (label.source.empty()) {
        ++own;
        EXPECT_EQ(label.lang, "fr");
        continue;
      }
      EXPECT_EQ(label.source.rfind("esco:http://data.europa.eu/esco/occupation/", 0), 0u)
          << label.source;
      EXPECT_EQ(label.kind, LabelKind::kAppellation);
      (label.lang == "en" ? english : french_esco) += 1;
    }
  }
  // ROME's own labels are untouched.
  size_t own_before = 0;
  for (NodeIndex node : french_->occupations()) {
    own_before += french_->node(node).labels.size();
  }
  EXPECT_EQ(own, own_before);
  std::cout << "ESCO labels added: " << english << " English, " << french_esco
            << " French\n";
  EXPECT_EQ(english, 22717u);
  EXPECT_EQ(french_esco, 11224u);
  // "accountant" (ESCO 2411.1) maps exactly onto the job title "Comptable".
  bool found = false;
  for (const Label& label : bilingual_->node(bilingual_->FindNode("M1203")).labels) {
    found |= label.lang == "en" && label.text == "accountant";
  }
  EXPECT_TRUE(found);
}

TEST_F(BilingualRome, BundleWithSourcesRoundTrips) {
  TempDir dir;
  ASSERT_TRUE(WriteBundle(*bilingual_, dir.path()).ok());
  std::ifstream labels(dir.path() + "/labels.csv");
  std::string header;
  std::getline(labels, header);
  EXPECT_EQ(header, "code,lang,label,kind,source");
  auto reread = ReadBundle(dir.path());
  ASSERT_TRUE(reread.ok()) << reread.status().message();
  EXPECT_TRUE(*reread == *bilingual_);
}

TEST_F(BilingualRome, EnglishTitlesCodeIntoRome) {
  const Titles titles = ReadFixture();
  ASSERT_GE(titles.rows.size(), 40u);
  auto run = [&](const Taxonomy& tax, const char* name) {
    auto coder = Coder::ForOccupations(tax);
    EXPECT_TRUE(coder.ok());
    size_t top1 = 0, top5 = 0, unflagged = 0, unflagged_right = 0;
    for (const auto& [title, code] : titles.rows) {
      CodingResult r = (*coder)->Code(title, 5);
      for (size_t rank = 0; rank < r.candidates.size(); ++rank) {
        if ((*coder)->TargetCode(r.candidates[rank].target) != code) continue;
        top1 += rank == 0;
        top5 += 1;
      }
      if (!r.needs_review) {
        ++unflagged;
        unflagged_right += !r.candidates.empty() &&
                           (*coder)->TargetCode(r.candidates[0].target) == code;
      }
    }
    const double n = static_cast<double>(titles.rows.size());
    std::cout << name << ": " << titles.rows.size() << " English titles, top-1 "
              << top1 / n << ", top-5 " << top5 / n << ", not flagged "
              << unflagged / n << ", right among them "
              << (unflagged ? static_cast<double>(unflagged_right) / unflagged : 0)
              << "\n";
    return top1 / n;
  };
  const double french_only = run(*french_, "ROME v3, French labels only");
  const double bilingual = run(*bilingual_, "ROME v3 + ESCO labels (en, fr)");
  EXPECT_LT(french_only, 0.5);
  EXPECT_GE(bilingual, 0.7);
}

}  // namespace
}  // namespace skillmatch::classification
