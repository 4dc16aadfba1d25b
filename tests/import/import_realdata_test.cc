// Issue 13 on the development set (label "realdata"): the France Travail
// offers of ../shared/data/france-travail-offres, drafted and imported as a
// new user would, lose nothing: every row accounted for, none rejected (the
// file has no unreadable record), the rows without an id stored under
// derived references, and a second run all unchanged. The figures of the
// full run into ROME v3 are in engine/import/README.md.
#include <gtest/gtest.h>

#include <string>

#include "skillmatch/import/import_mapping.h"
#include "skillmatch/import/mapping_draft.h"
#include "skillmatch/import/offer_import.h"
#include "skillmatch/store/store.h"
#include "support/sample_taxonomy.h"
#include "support/shared_data.h"

namespace skillmatch::engine {
namespace {

TEST(ImportRealData, FranceTravailOffersDraftedAndImportedLoseNothing) {
  REQUIRE_SHARED_DATA("france-travail-offres");
  const std::string path = skillmatch::testing::SharedDataPath(
      "france-travail-offres/offres.jsonl");
  auto draft = DraftMapping(path, "offres.jsonl", {});
  ASSERT_TRUE(draft.ok()) << draft.status().message();
  EXPECT_EQ(draft->records, 25143);
  EXPECT_EQ(draft->unreadable, 0);
  auto mapping = ParseMapping(nlohmann::json::parse(draft->mapping.dump()),
                              "offres.mapping.json");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  EXPECT_EQ(mapping->field(ImportField::kRef), "/id");
  EXPECT_EQ(mapping->field(ImportField::kTitle), "/intitule");
  EXPECT_EQ(mapping->field(ImportField::kContract), "/type_contrat");

  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->LoadTaxonomy(skillmatch::testing::SampleTaxonomy()).ok());
  int64_t rows = 0;
  int64_t derived = 0;
  ImportOptions options{.source = "ft", .lenient = true};
  options.on_row = [&](const RowReport& row) {
    ++rows;
    for (const RowWarning& warning : row.warnings) derived += warning.reference;
  };
  auto importer = OfferImporter::Create(
      store->get(), &skillmatch::testing::SampleTaxonomy(), *mapping, options);
  ASSERT_TRUE(importer.ok()) << importer.status().message();
  ImportSummary summary;
  Status status = (*importer)->ImportFile(path, &summary, "offres.jsonl");
  ASSERT_TRUE(status.ok()) << status.message();
  const ImportCounts& c = summary.counts;
  EXPECT_EQ(c.rows, 25143);
  EXPECT_EQ(rows, 25143);
  EXPECT_EQ(c.rejected, 0) << summary.Line();
  EXPECT_EQ(c.updated, 0) << summary.Line();
  EXPECT_EQ(c.inserted + c.unchanged, 25143) << summary.Line();
  // 5,333 rows (from CSV copies) have no id (SOURCE.md).
  EXPECT_EQ(derived, 5333);
  EXPECT_EQ(*(*store)->CountOffers(), c.inserted);

  rows = 0;
  status = (*importer)->ImportFile(path, &summary, "offres.jsonl");
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(summary.counts.unchanged, 25143) << summary.Line();
}

}  // namespace
}  // namespace skillmatch::engine
