// The offer import end to end on the library: shipped samples, the corpus of
// broken files in tests/fixtures/import (exact messages, store unchanged
// after a failed strict import), re-import, cross-source duplicates, review.
#include "skillmatch/import/offer_import.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <map>
#include <regex>
#include <string>
#include <tuple>
#include <vector>

#include "skillmatch/model/model_json.h"
#include "skillmatch/store/store.h"
#include "support/sample_taxonomy.h"
#include "support/temp_dir.h"

namespace skillmatch::engine {
namespace {

using skillmatch::testing::SampleTaxonomy;

const std::string kSource = SKILLMATCH_SOURCE_DIR;
const std::string kFixtures = kSource + "/tests/fixtures/import/";
const std::string kNationalMapping =
    kSource + "/data/import/national-csv.mapping.json";

// The coders, built once for all tests.
void ShareCoders(ImportOptions* options) {
  static const auto titles = std::shared_ptr<const classification::Coder>(
      std::move(classification::Coder::ForOccupations(SampleTaxonomy()))
          .value());
  static const auto skills = std::shared_ptr<const classification::Coder>(
      std::move(classification::Coder::ForSkills(SampleTaxonomy())).value());
  if (options->title_coder == nullptr) options->title_coder = titles;
  options->skill_coder = skills;
}

ImportMapping Mapping(const std::string& path) {
  auto mapping = ReadMappingFile(path);
  EXPECT_TRUE(mapping.ok()) << mapping.status().message();
  return mapping.ok() ? *mapping : ImportMapping();
}

// Everything a test may compare: row counts of every table, offers, how
// they were coded, duplicate links (no timestamps).
std::vector<std::string> Snapshot(Store& store) {
  std::vector<std::string> out;
  auto counts = store.CountRows();
  EXPECT_TRUE(counts.ok());
  for (const TableCount& count : *counts) {
    out.push_back(count.table + "=" + std::to_string(count.rows));
  }
  Status status = store.ForEachOffer([&](Offer&& offer) {
    out.push_back(ToJson(offer).dump());
    auto coding = store.GetOfferCoding(offer.id);
    if (coding.ok()) {
      out.push_back(coding->method + "|" + coding->system + "|" + coding->code +
                    "|" + coding->match_type);
    }
    auto duplicates = store.ListDuplicates(offer.id);
    EXPECT_TRUE(duplicates.ok());
    for (const std::string& duplicate : *duplicates) {
      out.push_back(offer.id + " <- " + duplicate);
    }
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.message();
  return out;
}

// Two snapshots equal but for the run counter (`import_runs=`), which every
// run moves.
void ExpectSameButTheRunCounter(const std::vector<std::string>& expected,
                                const std::vector<std::string>& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (size_t idx = 0; idx < expected.size(); ++idx) {
    if (expected[idx].rfind("import_runs=", 0) == 0) continue;
    EXPECT_EQ(actual[idx], expected[idx]);
  }
}

void ExpectAddsUp(const ImportSummary& summary) {
  const ImportCounts& c = summary.counts;
  EXPECT_EQ(c.rows,
            c.inserted + c.updated + c.unchanged + c.duplicates + c.rejected)
      << summary.Line();
}

class OfferImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->LoadTaxonomy(SampleTaxonomy()).ok());
  }

  std::unique_ptr<OfferImporter> Importer(const ImportMapping& mapping,
                                          ImportOptions options) {
    options.on_row = [this](const RowReport& row) { rows_.push_back(row); };
    ShareCoders(&options);
    auto importer = OfferImporter::Create(store_.get(), &SampleTaxonomy(),
                                          mapping, options);
    EXPECT_TRUE(importer.ok()) << importer.status().message();
    return importer.ok() ? std::move(*importer) : nullptr;
  }

  // Imports a fixture (named without its folder in messages).
  Status Import(OfferImporter& importer, const std::string& file,
                ImportSummary* summary) {
    rows_.clear();
    Status status = importer.ImportFile(kFixtures + file, summary, file);
    ExpectAddsUp(*summary);
    EXPECT_EQ(static_cast<int64_t>(rows_.size()),
              summary->counts.rows - summary->resumed_rows);
    return status;
  }

  std::vector<std::string> Messages() const {
    std::vector<std::string> out;
    for (const RowReport& row : rows_) {
      if (row.outcome == RowOutcome::kRejected) out.push_back(row.message);
    }
    return out;
  }

  // The warnings of kept rows, in file order.
  std::vector<std::string> Warnings() const {
    std::vector<std::string> out;
    for (const RowReport& row : rows_) {
      for (const RowWarning& warning : row.warnings) {
        out.push_back(warning.message);
      }
    }
    return out;
  }

  std::map<std::string, RowOutcome> Outcomes() const {
    std::map<std::string, RowOutcome> out;
    for (const RowReport& row : rows_) {
      out[std::to_string(row.line)] = row.outcome;
    }
    return out;
  }

  std::unique_ptr<Store> store_;
  std::vector<RowReport> rows_;
};

TEST_F(OfferImportTest, NationalSampleImportsAndReimportChangesNothing) {
  auto importer = Importer(Mapping(kNationalMapping), {.source = "anpe"});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  const std::string sample = kSource + "/data/import/national-offres.csv";
  Status status = importer->ImportFile(sample, &summary, "national-offres.csv");
  ASSERT_TRUE(status.ok()) << status.message();
  ExpectAddsUp(summary);
  EXPECT_EQ(summary.counts.rows, 14);
  EXPECT_EQ(summary.counts.inserted, 14);
  EXPECT_EQ(summary.encoding, "utf-8");
  EXPECT_EQ(*store_->CountOffers(), 14);

  // Countries from names, FCFA by country, region from the city, dates.
  auto dakar = store_->GetOffer("anpe:ANPEJ-DK-2026-0771");
  ASSERT_TRUE(dakar.ok()) << dakar.status().message();
  EXPECT_EQ(dakar->occupation, "M1201");
  EXPECT_EQ(dakar->location.country, "SN");
  EXPECT_EQ(dakar->location.region, "Dakar");
  EXPECT_EQ(dakar->salary_currency, "XOF");
  EXPECT_EQ(dakar->salary_min, 450000);
  EXPECT_EQ(dakar->min_education, 6);
  EXPECT_EQ(dakar->min_experience_years, 3);
  EXPECT_EQ(dakar->published, "2026-11-02");
  EXPECT_EQ(dakar->contract, ContractType::kPermanent);
  EXPECT_NE(dakar->description.find('\n'), std::string::npos);  // multi-line
  ASSERT_FALSE(dakar->skills.empty());
  EXPECT_EQ(dakar->skills.front().skill_id, "T0005");  // "excel"
  auto douala = store_->GetOffer("anpe:FNE-LT-2026-0215");
  ASSERT_TRUE(douala.ok());
  EXPECT_EQ(douala->salary_currency, "XAF");
  EXPECT_EQ(douala->occupation, "G1401");  // ISCO-08 5120 -> Cuisine
  auto coding = store_->GetOfferCoding("anpe:FNE-LT-2026-0215");
  ASSERT_TRUE(coding.ok());
  EXPECT_EQ(coding->method, "crosswalk");
  EXPECT_EQ(coding->system, "isco08");
  EXPECT_EQ(coding->code, "5120");
  EXPECT_EQ(coding->match_type, "close");
  auto rome = store_->GetOfferCoding("anpe:ANPEJ-DK-2026-0799");
  ASSERT_TRUE(rome.ok());
  EXPECT_EQ(rome->system, "rome-v3");
  EXPECT_EQ(store_->GetOffer("anpe:ANPEJ-DK-2026-0799")->occupation, "N1401");
  // No code given: the title coder, with its confidence.
  auto mason = store_->GetOffer("anpe:ANPEJ-TH-2026-0102");
  ASSERT_TRUE(mason.ok());
  EXPECT_EQ(mason->occupation, "F1701");
  EXPECT_TRUE(mason->coding_confidence.has_value());
  EXPECT_EQ(store_->GetOfferCoding(mason->id)->method, "coder");

  const std::vector<std::string> before = Snapshot(*store_);
  status = importer->ImportFile(sample, &summary, "national-offres.csv");
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(summary.Line(),
            "national-offres.csv: 14 rows: 0 inserted, 0 updated, 14 "
            "unchanged, 0 duplicates, 0 rejected (0 to review)");
  std::vector<std::string> after = Snapshot(*store_);
  // Only the run counter moves.
  ExpectSameButTheRunCounter(before, after);
}

TEST_F(OfferImportTest, EuresFeedTranslatesIscoGroupsThroughTheCrosswalk) {
  auto importer =
      Importer(Mapping(kSource + "/data/import/eures-json.mapping.json"),
               {.source = "eures"});
  ASSERT_NE(importer, nullptr);
  ASSERT_EQ(importer->warnings().size(), 1u);
  EXPECT_EQ(importer->warnings()[0],
            kSource +
                "/data/import/eures-json.mapping.json: codes: the taxonomy "
                "has no 'esco' crosswalk (taxonomy, isco08, rome-v3); "
                "'/occupation/escoUri' is not used");
  ImportSummary summary;
  Status status = importer->ImportFile(
      kSource + "/data/import/eures-offres.json", &summary, "eures.json");
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(summary.counts.inserted, 7);
  auto truck = store_->GetOffer("eures:EURES-DE-2026-077310");
  ASSERT_TRUE(truck.ok());
  EXPECT_EQ(truck->occupation, "N1401");
  EXPECT_TRUE(truck->international);
  EXPECT_EQ(truck->location.country, "DE");
  EXPECT_EQ(truck->licences_required, (std::vector<std::string>{"C", "CE"}));
  EXPECT_EQ(truck->skills.front().skill_id, "T0003");  // "permis C"
  auto coding = store_->GetOfferCoding(truck->id);
  ASSERT_TRUE(coding.ok());
  EXPECT_EQ(coding->method, "crosswalk");
  EXPECT_EQ(coding->code, "http://data.europa.eu/esco/isco/C8332");
  EXPECT_EQ(coding->match_type, "close");
  // ISCO 7411 is two of our occupations: the title chose the electrician.
  auto electrician = store_->GetOffer("eures:EURES-IT-2026-003356");
  ASSERT_TRUE(electrician.ok());
  EXPECT_EQ(electrician->occupation, "F1601");
  EXPECT_FALSE(electrician->needs_review);
  // No code at all: coded from the title.
  EXPECT_EQ(store_->GetOfferCoding("eures:EURES-FR-2026-004650")->method,
            "coder");
}

// Issue 13: only required fields and unreadable rows reject; a value of an
// optional field that cannot be read leaves the field empty, with a warning
// naming file, line, field and value.
TEST_F(OfferImportTest, BrokenRowsAreRejectedAndBadOptionalValuesWarned) {
  auto importer =
      Importer(Mapping(kNationalMapping), {.source = "s", .lenient = true});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  Status status = Import(*importer, "bad_rows.csv", &summary);
  ASSERT_TRUE(status.ok()) << status.message();
  // ref, title and country are the national mapping's required fields.
  EXPECT_EQ(
      Messages(),
      (std::vector<std::string>{
          "bad_rows.csv:7:intitule: missing value (title is required)",
          "bad_rows.csv:10:pays: expected an ISO 3166 country code or a "
          "country of values.country, got 'Wakanda'",
          "bad_rows.csv:11: expected 21 fields as in the header, got 3",
      }));
  EXPECT_EQ(
      Warnings(),
      (std::vector<std::string>{
          "bad_rows.csv:2:date_publication: expected a date (DD/MM/YYYY or "
          "YYYY-MM-DD), got '31/13/2024'; left empty",
          "bad_rows.csv:3:nombre_postes: expected a whole number of positions "
          "from 1 to 100000, got 'deux'; left empty",
          "bad_rows.csv:4:salaire_min: expected an amount, got 'beaucoup'; "
          "left empty",
          "bad_rows.csv:5:code_metier: unknown occupation code 'Z9999' (not an "
          "occupation of the taxonomy); not used",
          "bad_rows.csv:6:code_cite: unknown ISCO-08 code '9999' (not in the "
          "taxonomy's crosswalk); not used",
          "bad_rows.csv:8:type_contrat: unknown contract type 'CDI à temps "
          "partiel' (add it to values.contract); left empty",
          "bad_rows.csv:9:salaire_max: expected an amount >= salary_min "
          "(500000), got '300000'; left empty",
          "bad_rows.csv:12:date_limite: expected a date on or after the "
          "publication (2026-11-02), got '01/10/2026'; left empty",
      }));
  // Each warning names the field and the value as the source wrote them.
  ASSERT_EQ(rows_[0].warnings.size(), 1u);
  EXPECT_EQ(rows_[0].warnings[0].field, "date_publication");
  EXPECT_EQ(rows_[0].warnings[0].value, "31/13/2024");
  EXPECT_EQ(rows_[0].outcome, RowOutcome::kInserted);
  EXPECT_EQ(summary.counts.rows, 12);
  EXPECT_EQ(summary.counts.rejected, 3);
  EXPECT_EQ(summary.counts.inserted, 9);
  EXPECT_EQ(summary.warned, 8);
  EXPECT_EQ(summary.Line(),
            "bad_rows.csv: 12 rows: 9 inserted, 0 updated, 0 unchanged, 0 "
            "duplicates, 3 rejected (0 to review, 8 with warnings)");
  EXPECT_EQ(*store_->CountOffers(), 9);
  // The fields are left empty, the rest of the offer is kept.
  auto b1 = store_->GetOffer("s:B1");
  ASSERT_TRUE(b1.ok());
  EXPECT_FALSE(b1->published.has_value());
  EXPECT_EQ(b1->location.country, "SN");
  EXPECT_EQ(b1->contract, ContractType::kPermanent);
  auto b8 = store_->GetOffer("s:B8");
  ASSERT_TRUE(b8.ok());
  EXPECT_EQ(b8->salary_min, 500000);
  EXPECT_FALSE(b8->salary_max.has_value());
  EXPECT_FALSE(store_->GetOffer("s:B6").ok());  // no title, line 7
  // An unknown code leaves the occupation to the title coder.
  auto b5 = store_->GetOffer("s:B5");
  ASSERT_TRUE(b5.ok());
  EXPECT_EQ(store_->GetOfferCoding("s:B5")->method, "coder");
  EXPECT_FALSE(b5->occupation.empty());
  // Lenient runs keep their rejections in the store.
  auto writer = store_->NewImportWriter();
  ASSERT_TRUE(writer.ok());
  auto kept = (*writer)->Rejections(summary.run_id);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 3u);
  EXPECT_EQ(kept->front(),
            "7\tintitule\tbad_rows.csv:7:intitule: missing value (title is "
            "required)");
}

// A field the mapping makes required rejects the row when its value cannot
// be read; the same value in an optional field is a warning, in strict mode
// too (strict and lenient differ only in what a rejected row does).
TEST_F(OfferImportTest, RequiredFieldsRejectOptionalOnesWarnEvenInStrictMode) {
  ImportMapping mapping = Mapping(kNationalMapping);
  {
    auto importer = Importer(mapping, {.source = "s"});
    ASSERT_NE(importer, nullptr);
    ImportSummary summary;
    ASSERT_TRUE(Import(*importer, "licences.csv", &summary).ok());
    EXPECT_EQ(summary.counts.inserted, 4);
    EXPECT_EQ(summary.warned, 2);
  }
  SetUp();
  mapping.required.push_back(ImportField::kLicences);
  auto importer = Importer(mapping, {.source = "s"});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  Status status = Import(*importer, "licences.csv", &summary);
  EXPECT_EQ(status.code(), StatusCode::kDataError);
  EXPECT_EQ(status.message(),
            "licences.csv:4:permis: expected a driving licence category (A1, "
            "A, B, C1, C, D1, D, E, BE, C1E, CE, D1E, DE, F), got 'Z' (and 1 "
            "more rejected row)");
  EXPECT_EQ(*store_->CountOffers(), 0);
}

// Issue 13: "" or null in a value map means "not specified": the field is
// left empty and no warning is given.
TEST_F(OfferImportTest, NullOrEmptyInAValueMapMeansNotSpecified) {
  skillmatch::testing::TempDir dir;
  const std::string path = dir.Child("unspecified.csv");
  {
    std::ofstream csv(path);
    csv << "ref;titre;pays;ville;contrat;niveau;experience\n"
           "U1;Comptable;Non spécifié;Douala;Temps plein;Non spécifié;"
           "Non spécifié\n"
           "U2;Comptable;Cameroun;Douala;CDI;Licence (BAC+3);3-5 ans\n";
  }
  auto mapping = ParseMapping(nlohmann::json::parse(R"json({
      "fields": {"ref": "ref", "title": "titre", "country": "pays",
                 "city": "ville", "contract": "contrat",
                 "education": "niveau", "experience": "experience"},
      "values": {"contract": {"Temps plein": null, "CDI": "permanent"},
                 "education": {"NON SPECIFIE": "", "Licence (BAC+3)": 6},
                 "experience": {"non spécifié": null, "3-5 ans": 3},
                 "country": {"Non spécifié": "", "Cameroun": "CM"},
                 "region": {"Douala": "Littoral"}}})json"),
                              "m.json");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  auto importer = Importer(*mapping, {.source = "s"});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  rows_.clear();
  ASSERT_TRUE(importer->ImportFile(path, &summary, "unspecified.csv").ok());
  EXPECT_EQ(summary.counts.inserted, 2);
  EXPECT_EQ(summary.warned, 0);
  EXPECT_TRUE(Warnings().empty());
  auto u1 = store_->GetOffer("s:U1");
  ASSERT_TRUE(u1.ok());
  EXPECT_EQ(u1->location.country, "");
  EXPECT_EQ(u1->location.region, "Littoral");
  EXPECT_FALSE(u1->contract.has_value());
  EXPECT_FALSE(u1->min_education.has_value());
  EXPECT_FALSE(u1->min_experience_years.has_value());
  auto u2 = store_->GetOffer("s:U2");
  ASSERT_TRUE(u2.ok());
  EXPECT_EQ(u2->location.country, "CM");
  EXPECT_EQ(u2->contract, ContractType::kPermanent);
  EXPECT_EQ(u2->min_education, 6);
  EXPECT_EQ(u2->min_experience_years, 3);
}

// Issue 13's coder in the import: a title that names several jobs keeps
// one offer, coded as a whole title, its jobs reported with the row; a
// generic title, flagged when coded alone, is coded again with the row's
// sector and description (engine/import/README.md, "Coding").
TEST_F(OfferImportTest, SeveralJobsAndSectorContextInTheImport) {
  auto mapping = ParseMapping(nlohmann::json::parse(R"json({
      "fields": {"ref": "ref", "title": "titre", "sector": "secteur",
                 "description": "description"}})json"),
                              "m.json");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  auto importer = Importer(*mapping, {.source = "s"});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  ASSERT_TRUE(Import(*importer, "several_jobs_context.csv", &summary).ok())
      << summary.Line();
  EXPECT_EQ(summary.counts.inserted, 6);
  EXPECT_EQ(summary.several_jobs, 2);
  ImportOptions shared;
  ShareCoders(&shared);
  const classification::Coder* titles = shared.title_coder.get();
  auto occupation = [&](const std::string& id) {
    auto offer = store_->GetOffer(id);
    EXPECT_TRUE(offer.ok()) << id;
    return offer.ok() ? offer->occupation : std::string("?");
  };
  // Several jobs: one offer, the whole title's occupation (here the first
  // job's); the other jobs with the row, in text order.
  ASSERT_EQ(rows_.size(), 6u);
  EXPECT_EQ(occupation("s:S1"), "F1701");
  ASSERT_EQ(rows_[0].other_codings.size(), 1u);
  EXPECT_EQ(rows_[0].other_codings[0].title, "Plombier");
  EXPECT_EQ(rows_[0].other_codings[0].code, "F1602");
  EXPECT_GT(rows_[0].other_codings[0].confidence, 0.5f);
  const std::string accountant =
      titles->TargetCode(titles->Code("comptable", 1).candidates[0].target);
  EXPECT_EQ(occupation("s:S2"), accountant);
  ASSERT_EQ(rows_[1].other_codings.size(), 1u);
  EXPECT_EQ(rows_[1].other_codings[0].title, "magasinier");
  EXPECT_EQ(rows_[1].other_codings[0].code, "N1101");
  auto coding = store_->GetOfferCoding("s:S1");
  ASSERT_TRUE(coding.ok());
  EXPECT_EQ(coding->method, "coder");
  // One job ("Vendeur / Vendeuse" is one title written twice): nothing
  // more, and its confident coding ignores the sector.
  EXPECT_TRUE(rows_[5].other_codings.empty());
  EXPECT_EQ(occupation("s:S6"),
            titles->TargetCode(
                titles->Code("Vendeur / Vendeuse en magasin", 1)
                    .candidates[0]
                    .target));
  // The generic title alone is flagged; the sector or the description
  // settles it, and the offer is no longer to review.
  const classification::CodingResult alone = titles->Code("Agent", 3);
  ASSERT_FALSE(alone.candidates.empty());
  EXPECT_LT(alone.candidates[0].confidence, mapping->review_threshold);
  EXPECT_EQ(occupation("s:S3"), "K1502");  // security
  EXPECT_EQ(occupation("s:S4"), "C1101");  // insurance, from the description
  EXPECT_FALSE(rows_[2].needs_review);
  EXPECT_FALSE(rows_[3].needs_review);
  EXPECT_EQ(occupation("s:S5"),
            titles->TargetCode(alone.candidates[0].target));
  EXPECT_TRUE(rows_[4].needs_review);
  for (const RowReport& row : rows_) {
    EXPECT_TRUE(row.warnings.empty()) << row.line;
  }

  // One thread or two, any batch size: the same offers (the context
  // codings are cached per title and context).
  const std::vector<std::string> snapshot = Snapshot(*store_);
  for (auto [threads, batch] : {std::pair{1, 1}, std::pair{2, 2}}) {
    SetUp();
    auto other = Importer(
        *mapping, {.source = "s", .batch_rows = batch, .threads = threads});
    ASSERT_NE(other, nullptr);
    ImportSummary other_summary;
    ASSERT_TRUE(Import(*other, "several_jobs_context.csv", &other_summary).ok());
    EXPECT_EQ(Snapshot(*store_), snapshot) << threads << " " << batch;
  }
}

// Licences go through the JSON codec's closed set and normalisation
// (licence.h): "b" and "Permis C1" are B and C1, an unknown category is a
// optional value left empty with a warning.
TEST_F(OfferImportTest, LicencesAreNormalisedAsInTheCodec) {
  auto importer =
      Importer(Mapping(kNationalMapping), {.source = "s", .lenient = true});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  ASSERT_TRUE(Import(*importer, "licences.csv", &summary).ok());
  EXPECT_TRUE(Messages().empty());
  EXPECT_EQ(Warnings(),
            (std::vector<std::string>{
                "licences.csv:4:permis: expected a driving licence category (A1, "
                "A, B, C1, C, D1, D, E, BE, C1E, CE, D1E, DE, F), got 'Z'; left "
                "empty",
                "licences.csv:5:permis: expected a driving licence category (A1, "
                "A, B, C1, C, D1, D, E, BE, C1E, CE, D1E, DE, F), got 'B2'; left "
                "empty",
            }));
  EXPECT_EQ(summary.counts.inserted, 4);
  EXPECT_TRUE(store_->GetOffer("s:L3")->licences_required.empty());
  EXPECT_EQ(store_->GetOffer("s:L1")->licences_required,
            std::vector<std::string>{"B"});
  EXPECT_EQ(store_->GetOffer("s:L2")->licences_required,
            std::vector<std::string>{"C1"});
}

// Closing day and reason (issue 16): mapped values, our names, a default
// reason for a closed row without one, and the rules of the model.
TEST_F(OfferImportTest, ClosingDayAndReason) {
  auto importer = Importer(Mapping(kFixtures + "closing.mapping.json"),
                           {.source = "s", .lenient = true});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  ASSERT_TRUE(Import(*importer, "closing.csv", &summary).ok());
  EXPECT_EQ(Messages(),
            (std::vector<std::string>{
                "closing.csv:6:date_cloture: expected a date on or after the "
                "publication (2026-11-02), got '01/11/2026'",
                "closing.csv:7:motif_cloture: a closing reason without a "
                "closing date (closed), got 'Retirée'",
                "closing.csv:8:motif_cloture: unknown closing reason 'Vendue' "
                "(filled, withdrawn, expired, cancelled; or add it to "
                "values.closing_reason)",
                "closing.csv:9:date_cloture: expected a date (DD/MM/YYYY), got "
                "'31/11/2026'",
            }));
  EXPECT_EQ(summary.counts.inserted, 4);
  auto c1 = store_->GetOffer("s:C1");
  ASSERT_TRUE(c1.ok());
  EXPECT_EQ(c1->closed, "2026-11-20");
  EXPECT_EQ(c1->closing_reason, "filled");
  auto c2 = store_->GetOffer("s:C2");
  ASSERT_TRUE(c2.ok());
  EXPECT_EQ(c2->closed, std::nullopt);  // open: no default reason
  EXPECT_EQ(c2->closing_reason, "");
  EXPECT_EQ(store_->GetOffer("s:C3")->closing_reason, "expired");  // default
  EXPECT_EQ(store_->GetOffer("s:C4")->closing_reason, "cancelled");
}

TEST_F(OfferImportTest, FailedStrictImportLeavesTheStoreUnchanged) {
  auto importer = Importer(Mapping(kNationalMapping), {.source = "s"});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  ASSERT_TRUE(Import(*importer, "good.csv", &summary).ok());
  const std::vector<std::string> before = Snapshot(*store_);

  struct Broken {
    std::string file;
    StatusCode code;
    std::string message;
  };
  const std::vector<Broken> corpus = {
      {"bad_rows.csv", StatusCode::kDataError,
       "bad_rows.csv:7:intitule: missing value (title is required) (and 2 "
       "more rejected rows)"},
      {"missing_column.csv", StatusCode::kDataError,
       "missing_column.csv:1: missing column 'date_publication' (mapped to "
       "published)"},
      {"broken_quoting.csv", StatusCode::kDataError,
       "broken_quoting.csv:3:2: unexpected character after closing quote"},
      {"truncated.csv", StatusCode::kDataError,
       "truncated.csv:3:4: unterminated quoted field (missing closing '\"')"},
      {"empty.csv", StatusCode::kDataError,
       "empty.csv:1: empty file (expected a header line and records)"},
      {"utf16.csv", StatusCode::kDataError,
       "utf16.csv:1: UTF-16 text is not supported; save the file as UTF-8 "
       "(or Windows-1252)"},
      {"no_such_file.csv", StatusCode::kNotFound,
       "no_such_file.csv: cannot open file"},
  };
  for (const Broken& broken : corpus) {
    SCOPED_TRACE(broken.file);
    Status status = Import(*importer, broken.file, &summary);
    EXPECT_EQ(status.code(), broken.code);
    EXPECT_EQ(status.message(), broken.message);
    EXPECT_EQ(Snapshot(*store_), before);
  }
  // Rows before the bad one were written, then rolled back.
  Status status = Import(*importer, "broken_quoting.csv", &summary);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(summary.counts.rows, 1);
  EXPECT_TRUE(summary.rolled_back);
}

TEST_F(OfferImportTest, DeclaredUtf8RejectsLatin1RowsInsteadOfMojibake) {
  ImportMapping mapping = Mapping(kNationalMapping);
  {
    auto importer = Importer(mapping, {.source = "auto"});
    ASSERT_NE(importer, nullptr);
    ImportSummary summary;
    ASSERT_TRUE(Import(*importer, "windows1252.csv", &summary).ok());
    EXPECT_EQ(summary.encoding, "windows-1252");
    auto offer = store_->GetOffer("auto:W1");
    ASSERT_TRUE(offer.ok());
    EXPECT_EQ(offer->title, "Pâtissier confirmé");
    EXPECT_EQ(offer->employer, "Pâtisserie Élégance");
    EXPECT_EQ(offer->description, "Gâteaux, crèmes; budget 200 €");
    EXPECT_EQ(offer->location.region, "Thiès");
  }
  mapping.encoding = ImportEncoding::kUtf8;
  auto importer = Importer(mapping, {.source = "declared"});
  ASSERT_NE(importer, nullptr);
  const std::vector<std::string> before = Snapshot(*store_);
  ImportSummary summary;
  Status status = Import(*importer, "windows1252.csv", &summary);
  EXPECT_EQ(status.code(), StatusCode::kDataError);
  EXPECT_EQ(status.message(),
            "windows1252.csv:2:intitule: invalid UTF-8 (byte 0xE2 at offset "
            "1); if the file is not UTF-8, declare its encoding in the "
            "mapping (\"encoding\": \"windows-1252\")");
  EXPECT_EQ(Snapshot(*store_), before);
}

TEST_F(OfferImportTest, CommaDelimiterCrlfBomAndMultiLineFields) {
  auto importer = Importer(Mapping(kNationalMapping), {.source = "c"});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  ASSERT_TRUE(Import(*importer, "comma_crlf_bom.csv", &summary).ok());
  EXPECT_EQ(summary.counts.inserted, 2);
  auto offer = store_->GetOffer("c:C1");
  ASSERT_TRUE(offer.ok());
  EXPECT_EQ(offer->description, "Ligne un\nLigne deux, avec virgule");
  // The second record starts on line 4: the first spans lines 2 and 3.
  ASSERT_EQ(rows_.size(), 2u);
  EXPECT_EQ(rows_[1].line, 4);
  EXPECT_EQ(store_->GetOffer("c:C2")->location.region, "Saint-Louis");
}

TEST_F(OfferImportTest, ReimportUpdatesAndOtherSourcesAreLinkedNotCounted) {
  ImportMapping mapping = Mapping(kNationalMapping);
  auto first = Importer(mapping, {.source = "anpe"});
  ASSERT_NE(first, nullptr);
  ImportSummary summary;
  ASSERT_TRUE(Import(*first, "good.csv", &summary).ok());
  EXPECT_EQ(summary.counts.inserted, 5);
  ASSERT_TRUE(Import(*first, "good_again.csv", &summary).ok());
  EXPECT_EQ(summary.Line(),
            "good_again.csv: 3 rows: 1 inserted, 1 updated, 1 unchanged, 0 "
            "duplicates, 0 rejected (1 to review)");
  EXPECT_EQ(store_->GetOffer("anpe:R2")->positions, 6);
  // "Serveuse" alone is a weak title for the coder.
  EXPECT_TRUE(store_->GetOffer("anpe:R6")->needs_review);

  auto partner = Importer(mapping, {.source = "partner"});
  ASSERT_NE(partner, nullptr);
  ASSERT_TRUE(Import(*partner, "partner.csv", &summary).ok());
  // P-88: same employer, title and city 18 days later; P-89: "Maçons (H/F)"
  // normalises as "Maçon"; P-90: another city; P-91: four months later.
  EXPECT_EQ(Outcomes(),
            (std::map<std::string, RowOutcome>{{"2", RowOutcome::kDuplicate},
                                               {"3", RowOutcome::kDuplicate},
                                               {"4", RowOutcome::kInserted},
                                               {"5", RowOutcome::kInserted}}));
  EXPECT_EQ(rows_[0].offer_id, "anpe:R1");
  EXPECT_EQ(*store_->ListDuplicates("anpe:R1"),
            (std::vector<std::string>{"partner:P-88"}));
  EXPECT_EQ(*store_->ListDuplicates("anpe:R2"),
            (std::vector<std::string>{"partner:P-89"}));
  EXPECT_EQ(*store_->CountOffers(), 8);
  ASSERT_TRUE(Import(*partner, "partner.csv", &summary).ok());
  EXPECT_EQ(summary.counts.unchanged, 4);
  EXPECT_EQ(*store_->CountOffers(), 8);
}

TEST_F(OfferImportTest, LowConfidenceIsImportedForReviewAndSetByAPerson) {
  auto importer = Importer(Mapping(kNationalMapping), {.source = "anpe"});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  ASSERT_TRUE(Import(*importer, "good.csv", &summary).ok());
  EXPECT_EQ(summary.counts.to_review, 1);
  auto items = store_->ListOffersToReview("", 0);
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].offer_id, "anpe:R5");
  EXPECT_EQ((*items)[0].title, "xqzw plop");
  EXPECT_TRUE(rows_[4].needs_review);

  Status bad = store_->SetOfferCode("anpe:R5", "Z9999", "awa");
  EXPECT_EQ(bad.code(), StatusCode::kNotFound);
  EXPECT_EQ(bad.message(),
            ":memory:: review of offer 'anpe:R5': no code 'Z9999' in the "
            "stored taxonomy");
  bad = store_->SetOfferCode("anpe:R5", "K15", "awa");
  EXPECT_EQ(bad.code(), StatusCode::kDataError);
  EXPECT_EQ(bad.message(),
            ":memory:: review of offer 'anpe:R5': 'K15' is not an "
            "occupation (level area)");
  EXPECT_EQ(store_->SetOfferCode("nobody", "K1101", "awa").code(),
            StatusCode::kNotFound);

  ASSERT_TRUE(store_->SetOfferCode("anpe:R5", "K1101", "awa").ok());
  EXPECT_TRUE(store_->ListOffersToReview("", 0)->empty());
  auto offer = store_->GetOffer("anpe:R5");
  EXPECT_EQ(offer->occupation, "K1101");
  EXPECT_FALSE(offer->needs_review);
  EXPECT_EQ(store_->GetOfferCoding("anpe:R5")->method, "review");
  // A re-import coded by machine keeps the person's code.
  ASSERT_TRUE(Import(*importer, "good.csv", &summary).ok());
  EXPECT_EQ(summary.counts.unchanged, 5);
  EXPECT_EQ(store_->GetOffer("anpe:R5")->occupation, "K1101");
}

TEST_F(OfferImportTest, DryRunSaysWhatWouldHappenAndWritesNothing) {
  auto importer =
      Importer(Mapping(kNationalMapping), {.source = "s", .dry_run = true});
  ASSERT_NE(importer, nullptr);
  const std::vector<std::string> before = Snapshot(*store_);
  ImportSummary summary;
  ASSERT_TRUE(Import(*importer, "good.csv", &summary).ok());
  EXPECT_EQ(summary.counts.inserted, 5);
  EXPECT_TRUE(summary.rolled_back);
  EXPECT_EQ(Snapshot(*store_), before);
}

TEST_F(OfferImportTest, OneThreadAndTwoThreadsAndBatchSizesAgree) {
  ImportMapping mapping = Mapping(kNationalMapping);
  std::vector<std::string> reference;
  for (int threads : {1, 2}) {
    for (int64_t batch : {1, 2, 10000}) {
      SetUp();
      auto importer = Importer(
          mapping, {.source = "s", .batch_rows = batch, .threads = threads});
      ASSERT_NE(importer, nullptr);
      ImportSummary summary;
      ASSERT_TRUE(Import(*importer, "good.csv", &summary).ok());
      ASSERT_TRUE(Import(*importer, "good_again.csv", &summary).ok());
      ASSERT_TRUE(Import(*importer, "bad_rows.csv", &summary).code() ==
                  StatusCode::kDataError);
      std::vector<std::string> snapshot = Snapshot(*store_);
      if (reference.empty()) {
        reference = snapshot;
      } else {
        EXPECT_EQ(snapshot, reference)
            << threads << " threads, batch " << batch;
      }
    }
  }
}

// Issue 13: a reference seen again later in the file with other content,
// in the same batch or a later one, never replaces the first row's offer:
// it is stored as "<ref>#L<line>", with a warning.
TEST_F(OfferImportTest, RepeatedReferencesInsideOneFileAreKeptApart) {
  skillmatch::testing::TempDir dir;
  const std::string path = dir.Child("repeats.csv");
  {
    std::ofstream csv(path);
    csv << "reference;intitule;employeur;description;competences;pays;"
           "region;ville;type_contrat;niveau_etudes;experience;"
           "nombre_postes;salaire_min;salaire_max;devise;date_publication;"
           "date_limite;permis;code_metier;code_rome;code_cite\n";
    for (int row = 0; row < 100; ++row) {
      std::string ref = "R" + std::to_string(row);
      std::string title = "Comptable";
      if (row == 41) ref = "R40";  // the next row, same group
      if (row == 70) ref = "R10";  // two groups later
      if (row == 41 || row == 70) title = "Chauffeur poids lourd";
      csv << ref << ";" << title << ";Cabinet " << row
          << ";;;SN;;Dakar;;;;1;;;;;;;;;\n";
    }
  }
  ImportMapping mapping = Mapping(kNationalMapping);
  for (int threads : {1, 2}) {
    SetUp();
    auto importer = Importer(mapping, {.source = "s", .threads = threads});
    ASSERT_NE(importer, nullptr);
    ImportSummary summary;
    rows_.clear();
    Status status = importer->ImportFile(path, &summary, "repeats.csv");
    ASSERT_TRUE(status.ok()) << status.message();
    ExpectAddsUp(summary);
    EXPECT_EQ(summary.Line(),
              "repeats.csv: 100 rows: 100 inserted, 0 updated, 0 unchanged, 0 "
              "duplicates, 0 rejected (0 to review, 2 with warnings)");
    // Row 41 is on line 43, row 70 on line 72.
    for (const char* id : {"s:R10", "s:R40"}) {
      auto offer = store_->GetOffer(id);
      ASSERT_TRUE(offer.ok()) << id;
      EXPECT_EQ(offer->title, "Comptable") << id;
    }
    for (const char* id : {"s:R40#L43", "s:R10#L72"}) {
      auto offer = store_->GetOffer(id);
      ASSERT_TRUE(offer.ok()) << id;
      EXPECT_EQ(offer->title, "Chauffeur poids lourd") << id;
    }
    EXPECT_EQ(Warnings(),
              (std::vector<std::string>{
                  "repeats.csv:43:reference: reference 'R40' seen earlier in "
                  "the file with other content: stored as 'R40#L43'",
                  "repeats.csv:72:reference: reference 'R10' seen earlier in "
                  "the file with other content: stored as 'R10#L72'"}));
    EXPECT_EQ(summary.warnings,
              (std::vector<std::string>{
                  "repeats.csv: reference 'R40' seen again with other content "
                  "(line 43): stored as 'R40#L<line>', the first row keeps "
                  "'R40'",
                  "repeats.csv: reference 'R10' seen again with other content "
                  "(line 72): stored as 'R10#L<line>', the first row keeps "
                  "'R10'"}));
    auto offers = store_->CountRows();
    ASSERT_TRUE(offers.ok());
    for (const auto& count : *offers) {
      if (count.table == "offers" || count.table == "offer_codings" ||
          count.table == "offer_dedup") {
        EXPECT_EQ(count.rows, 100) << count.table;
      }
    }
    // Re-runnable: the same file again changes nothing.
    rows_.clear();
    ASSERT_TRUE(importer->ImportFile(path, &summary, "repeats.csv").ok());
    EXPECT_EQ(summary.counts.unchanged, 100);
  }
}

// Issue 13: job boards put "lien", "n/a", "-" or nothing where the offer's
// reference should be. Such a reference never names an offer: each distinct
// row is stored as "<placeholder>#<content hash>", identical rows are one
// offer, and a later run's different row is a new offer, never an update.
TEST_F(OfferImportTest, PlaceholderReferencesNeverReplaceOffers) {
  skillmatch::testing::TempDir dir;
  const std::string first = dir.Child("board.csv");
  const std::string second = dir.Child("board-next.csv");
  const std::string header = "lien;titre;entreprise;pays;ville\n";
  {
    std::ofstream csv(first);
    csv << header << "lien;Comptable;Cabinet A;CM;Douala\n"
        << "lien;Chauffeur;Transports B;CM;Yaoundé\n"
        << "lien;Comptable;Cabinet A;CM;Douala\n"
        << "n/a;Maçon;BTP C;CM;Douala\n"
        << ";Cuisinier;Hôtel D;CM;Kribi\n"
        << "-;Serveur;Hôtel D;CM;Kribi\n"
        << "R1;Électricien;Elec E;CM;Douala\n";
    std::ofstream next(second);
    next << header << "lien;Boulanger;Boulangerie F;CM;Douala\n"
         << "lien;Comptable;Cabinet A;CM;Douala\n";
  }
  auto mapping = ParseMapping(nlohmann::json::parse(R"({
      "fields": {"ref": "lien", "title": "titre", "employer": "entreprise",
                 "country": "pays", "city": "ville"},
      "required": ["title"]})"),
                              "m.json");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  for (bool lenient : {false, true}) {
    SCOPED_TRACE(lenient);
    SetUp();
    auto importer = Importer(*mapping, {.source = "s", .lenient = lenient});
    ASSERT_NE(importer, nullptr);
    ImportSummary summary;
    rows_.clear();
    ASSERT_TRUE(importer->ImportFile(first, &summary, "board.csv").ok());
    ExpectAddsUp(summary);
    EXPECT_EQ(summary.Line(),
              "board.csv: 7 rows: 6 inserted, 0 updated, 1 unchanged, 0 "
              "duplicates, 0 rejected (0 to review, 6 with warnings)");
    ASSERT_EQ(rows_.size(), 7u);
    // Lines 2 and 4 are the same offer; line 3 another one.
    EXPECT_EQ(rows_[0].offer_id, rows_[2].offer_id);
    EXPECT_NE(rows_[0].offer_id, rows_[1].offer_id);
    EXPECT_EQ(rows_[0].offer_id.rfind("s:lien#", 0), 0u) << rows_[0].offer_id;
    EXPECT_EQ(rows_[0].offer_id.size(), std::string("s:lien#").size() + 12);
    EXPECT_EQ(rows_[3].offer_id.rfind("s:n/a#", 0), 0u) << rows_[3].offer_id;
    EXPECT_EQ(rows_[4].offer_id.rfind("s:noref#", 0), 0u) << rows_[4].offer_id;
    EXPECT_EQ(rows_[5].offer_id.rfind("s:-#", 0), 0u) << rows_[5].offer_id;
    EXPECT_EQ(rows_[6].offer_id, "s:R1");
    EXPECT_TRUE(rows_[6].warnings.empty());
    ASSERT_EQ(rows_[1].warnings.size(), 1u);
    EXPECT_EQ(rows_[1].warnings[0].field, "lien");
    EXPECT_EQ(rows_[1].warnings[0].value, "lien");
    EXPECT_TRUE(rows_[1].warnings[0].reference);
    EXPECT_EQ(rows_[1].warnings[0].message,
              "board.csv:3:lien: reference 'lien' is a placeholder, not an "
              "offer's id: stored as '" +
                  rows_[1].offer_id.substr(2) + "'");
    ASSERT_EQ(summary.warnings.size(), 4u);
    EXPECT_EQ(summary.warnings[0],
              "board.csv: reference 'lien' on 3 rows (lines 2, 3, 4) is a "
              "placeholder: each distinct offer stored as 'lien#<content "
              "hash>'");
    EXPECT_EQ(summary.warnings[2],
              "board.csv: reference '' on 1 row (line 6) is a placeholder: "
              "each distinct offer stored as 'noref#<content hash>'");
    EXPECT_EQ(*store_->CountOffers(), 6);

    // Re-runnable: the same file again, all unchanged.
    rows_.clear();
    ASSERT_TRUE(importer->ImportFile(first, &summary, "board.csv").ok());
    EXPECT_EQ(summary.counts.unchanged, 7);
    EXPECT_EQ(*store_->CountOffers(), 6);

    // Another run (next week's export): a different "lien" row is a new
    // offer; the same one is unchanged; nothing earlier is replaced.
    rows_.clear();
    ASSERT_TRUE(importer->ImportFile(second, &summary, "board-next.csv").ok());
    EXPECT_EQ(summary.counts.inserted, 1);
    EXPECT_EQ(summary.counts.unchanged, 1);
    EXPECT_EQ(summary.counts.updated, 0);
    EXPECT_EQ(*store_->CountOffers(), 7);
    std::vector<std::string> titles;
    ASSERT_TRUE(store_
                    ->ForEachOffer([&](Offer&& offer) {
                      titles.push_back(offer.title);
                      return Status::Ok();
                    })
                    .ok());
    std::sort(titles.begin(), titles.end());
    EXPECT_EQ(titles, (std::vector<std::string>{
                          "Boulanger", "Chauffeur", "Comptable", "Cuisinier",
                          "Maçon", "Serveur", "Électricien"}));
  }
}

// A resumed lenient run derives the same references as an uninterrupted
// one: the rows skipped on resumption are still seen by the reference check.
TEST_F(OfferImportTest, ResumedRunDerivesTheSameReferences) {
  skillmatch::testing::TempDir dir;
  const std::string path = dir.Child("repeats.csv");
  {
    std::ofstream csv(path);
    csv << "ref;titre;pays\n";
    for (int row = 0; row < 30; ++row) {
      csv << (row % 3 == 0 ? "lien" : "R" + std::to_string(row % 7)) << ";"
          << (row % 2 == 0 ? "Comptable" : "Chauffeur") << " " << row % 5
          << ";SN\n";
    }
  }
  auto mapping = ParseMapping(
      nlohmann::json::parse(
          R"({"fields": {"ref": "ref", "title": "titre", "country": "pays"}})"),
      "m.json");
  ASSERT_TRUE(mapping.ok());
  std::vector<std::string> reference;
  {
    auto importer = Importer(*mapping, {.source = "s", .lenient = true});
    ImportSummary summary;
    rows_.clear();
    ASSERT_TRUE(importer->ImportFile(path, &summary, "r.csv").ok());
    EXPECT_EQ(summary.counts.updated, 0);
    reference = Snapshot(*store_);
  }
  SetUp();
  {
    // Stop after the first committed batch of 8 rows, as a crash would.
    ImportOptions options{
        .source = "s", .lenient = true, .batch_rows = 8, .threads = 1};
    options.after_commit = [](int64_t batches) {
      if (batches == 1) throw std::runtime_error("crash");
    };
    auto importer = Importer(*mapping, options);
    ImportSummary summary;
    EXPECT_THROW((void)importer->ImportFile(path, &summary, "r.csv"),
                 std::runtime_error);
  }
  {
    auto importer =
        Importer(*mapping, {.source = "s", .lenient = true, .batch_rows = 8});
    ImportSummary summary;
    rows_.clear();
    ASSERT_TRUE(importer->ImportFile(path, &summary, "r.csv").ok());
    EXPECT_EQ(summary.resumed_rows, 8);
  }
  std::vector<std::string> resumed = Snapshot(*store_);
  ExpectSameButTheRunCounter(reference, resumed);
}

// Issue 12: "150.000" was read as 150 (it is 150 000 in French and West
// African exports), and the experience check tested 'a' twice, letting any
// word starting with a or y through.
TEST_F(OfferImportTest, AmountsAndYearsAsExportsWriteThem) {
  skillmatch::testing::TempDir dir;
  const std::string path = dir.Child("amounts.csv");
  // reference, salaire_min, experience; salaire_max stays empty.
  const std::vector<std::tuple<std::string, std::string, std::string>> rows = {
      {"A1", "150.000", "3 ans"},
      {"A2", "150 000", "2 années"},
      {"A3", "150000,50", "3-5 ans"},
      {"A4", "1.500.000,50", "3 à 5 ans"},
      {"A5", "1,500,000.50", "5 years"},
      {"A6", "1.5", "10+"},
      {"A7", "0.500", "1 an(s)"},
      {"A8", "1,500", "2 to 4 years"},
      {"A9", "1234.567", "4"},
      {"A10", "150\xC2\xA0" "000", "1,5 an"},
      {"B1", "1.50.000", "3 ans"},
      {"B2", "1.500,000.5", "3 ans"},
      {"B3", "100", "6 mois"},
      {"B4", "100", "3 ateliers"},
  };
  {
    std::ofstream csv(path);
    csv << "reference;intitule;employeur;description;competences;pays;"
           "region;ville;type_contrat;niveau_etudes;experience;"
           "nombre_postes;salaire_min;salaire_max;devise;date_publication;"
           "date_limite;permis;code_metier;code_rome;code_cite\n";
    for (const auto& [ref, amount, years] : rows) {
      csv << ref << ";Comptable;Cabinet " << ref << ";;;SN;;Dakar;;;" << years
          << ";1;" << amount << ";;XOF;;;;;;\n";
    }
  }
  auto importer = Importer(Mapping(kNationalMapping),
                           {.source = "s", .lenient = true});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  rows_.clear();
  Status status = importer->ImportFile(path, &summary, "amounts.csv");
  ASSERT_TRUE(status.ok()) << status.message();
  const std::map<std::string, std::pair<double, double>> expected = {
      {"A1", {150000, 3}},      {"A2", {150000, 2}},   {"A3", {150000.5, 3}},
      {"A4", {1500000.5, 3}},   {"A5", {1500000.5, 5}}, {"A6", {1.5, 10}},
      {"A7", {0.5, 1}},         {"A8", {1500, 2}},     {"A9", {1234.567, 4}},
      {"A10", {150000, 1.5}},
  };
  for (const auto& [ref, values] : expected) {
    auto offer = store_->GetOffer("s:" + ref);
    ASSERT_TRUE(offer.ok()) << ref << ": " << offer.status().message();
    ASSERT_TRUE(offer->salary_min.has_value()) << ref;
    EXPECT_DOUBLE_EQ(*offer->salary_min, values.first) << ref;
    ASSERT_TRUE(offer->min_experience_years.has_value()) << ref;
    EXPECT_DOUBLE_EQ(*offer->min_experience_years, values.second) << ref;
  }
  EXPECT_TRUE(Messages().empty());
  EXPECT_EQ(Warnings(),
            (std::vector<std::string>{
                "amounts.csv:12:salaire_min: expected an amount, got "
                "'1.50.000'; left empty",
                "amounts.csv:13:salaire_min: expected an amount, got "
                "'1.500,000.5'; left empty",
                "amounts.csv:14:experience: expected years or a band of "
                "values.experience, got '6 mois'; left empty",
                "amounts.csv:15:experience: expected years or a band of "
                "values.experience, got '3 ateliers'; left empty",
            }));
  EXPECT_FALSE(store_->GetOffer("s:B1")->salary_min.has_value());
  EXPECT_FALSE(store_->GetOffer("s:B3")->min_experience_years.has_value());
}

// Issue 12: the crash hook is an option, not an environment variable read
// by the library; it sees each committed batch.
TEST_F(OfferImportTest, AfterCommitSeesEachCommittedBatch) {
  skillmatch::testing::TempDir dir;
  const std::string path = dir.Child("rows.csv");
  {
    std::ofstream csv(path);
    csv << "reference;intitule;employeur;description;competences;pays;"
           "region;ville;type_contrat;niveau_etudes;experience;"
           "nombre_postes;salaire_min;salaire_max;devise;date_publication;"
           "date_limite;permis;code_metier;code_rome;code_cite\n";
    for (int row = 0; row < 100; ++row) {
      csv << "R" << row << ";Comptable;Cabinet " << row
          << ";;;SN;;Dakar;;;;1;;;;;;;;;\n";
    }
  }
  ImportMapping mapping = Mapping(kNationalMapping);
  for (bool lenient : {true, false}) {
    SetUp();
    std::vector<int64_t> committed;
    ImportOptions options{.source = "s", .lenient = lenient, .batch_rows = 40};
    options.after_commit = [&committed](int64_t batches) {
      committed.push_back(batches);
    };
    auto importer = Importer(mapping, options);
    ASSERT_NE(importer, nullptr);
    ImportSummary summary;
    Status status = importer->ImportFile(path, &summary, "rows.csv");
    ASSERT_TRUE(status.ok()) << status.message();
    EXPECT_EQ(summary.counts.inserted, 100);
    // Strict imports commit once, at the end: no batches.
    const std::vector<int64_t> expected =
        lenient ? std::vector<int64_t>{1, 2, 3} : std::vector<int64_t>();
    EXPECT_EQ(committed, expected) << lenient;
  }
}

TEST_F(OfferImportTest, JsonLinesAndArraysReportLinesAndBadRecords) {
  auto importer = Importer(Mapping(kFixtures + "jsonl.mapping.json"),
                           {.source = "eu", .lenient = true});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  ASSERT_TRUE(Import(*importer, "bad.jsonl", &summary).ok());
  const std::vector<std::string> messages = Messages();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0].rfind("bad.jsonl:2: invalid JSON: ", 0), 0u)
      << messages[0];
  EXPECT_EQ(messages[1], "bad.jsonl:3: expected an object, got array");
  EXPECT_EQ(messages[2], "bad.jsonl:5:title: expected text, got an object");
  EXPECT_EQ(Warnings(), std::vector<std::string>{
                            "bad.jsonl:6:positions: expected a whole number of "
                            "positions from 1 to 100000, got 'beaucoup'; left "
                            "empty"});
  EXPECT_EQ(summary.counts.inserted, 3);
  auto cook = store_->GetOffer("eu:J1");
  ASSERT_TRUE(cook.ok());
  EXPECT_EQ(cook->occupation, "G1401");
  EXPECT_EQ(cook->positions, 2);
  EXPECT_EQ(cook->skills.front().skill_id, "T0020");  // HACCP
  auto waiter = store_->GetOffer("eu:J6");
  ASSERT_TRUE(waiter.ok());
  EXPECT_EQ(waiter->occupation, "G1403");  // ISCO-08 5131 from an ESCO URI
  EXPECT_EQ(waiter->employer, "Café de la Gare");

  ASSERT_TRUE(Import(*importer, "array.json", &summary).ok());
  ASSERT_EQ(rows_.size(), 2u);
  EXPECT_EQ(rows_[0].line, 2);
  EXPECT_EQ(rows_[1].line, 3);

  Status truncated = Import(*importer, "truncated.json", &summary);
  EXPECT_EQ(truncated.message(),
            "truncated.json:3: truncated file: the record starting here is "
            "not closed");
  EXPECT_EQ(summary.counts.rows, 1);
}

TEST_F(OfferImportTest, OptionsAreChecked) {
  ImportMapping mapping = Mapping(kNationalMapping);
  auto bad = OfferImporter::Create(store_.get(), &SampleTaxonomy(), mapping,
                                   {.source = "a b"});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(),
            "--source: expected a name of letters, digits, '-', '_' or '.', "
            "got 'a b'");
  mapping.codes = {{"code", "esco"}};
  mapping.fields[static_cast<int>(ImportField::kTitle)].clear();
  mapping.required = {ImportField::kRef};
  bad = OfferImporter::Create(store_.get(), &SampleTaxonomy(), mapping,
                              {.source = "a"});
  EXPECT_EQ(bad.status().code(), StatusCode::kDataError);
}

// Every problem carries a stable kind, the value and the kind's detail
// beside its English message, so that the pages word it in French
// (tools/server/pages, page_import.cc); the messages stay as the CLI
// prints them (BrokenRowsAreRejectedAndBadOptionalValuesWarned).
TEST_F(OfferImportTest, ProblemsCarryAStableKindBesideTheMessage) {
  auto importer =
      Importer(Mapping(kNationalMapping), {.source = "s", .lenient = true});
  ASSERT_NE(importer, nullptr);
  ImportSummary summary;
  ASSERT_TRUE(Import(*importer, "bad_rows.csv", &summary).ok());
  std::vector<std::string> seen;
  for (const RowReport& row : rows_) {
    if (row.outcome == RowOutcome::kRejected) {
      seen.push_back(std::to_string(row.line) + " rejected " +
                     std::string(ToString(row.kind)) + " [" + row.field + "] [" +
                     row.value + "] [" + row.detail + "]");
    }
    for (const RowWarning& w : row.warnings) {
      seen.push_back(std::to_string(row.line) + " warning " +
                     std::string(ToString(w.kind)) + " [" + w.field + "] [" +
                     w.value + "] [" + w.detail + "]");
    }
  }
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "2 warning date [date_publication] [31/13/2024] [DD/MM/YYYY or YYYY-MM-DD]",
                      "3 warning positions [nombre_postes] [deux] []",
                      "4 warning amount [salaire_min] [beaucoup] []",
                      "5 warning occupation_code [code_metier] [Z9999] []",
                      "6 warning crosswalk_code [code_cite] [9999] [ISCO-08]",
                      "7 rejected required [intitule] [] [title]",
                      "8 warning contract [type_contrat] [CDI à temps partiel] []",
                      "9 warning salary_range [salaire_max] [300000] [500000]",
                      "10 rejected country [pays] [Wakanda] []",
                      "11 rejected record_columns [] [] [21]",
                      "12 warning date_order [date_limite] [01/10/2026] [2026-11-02]",
                  }));
}

// The store lists the runs of the sources with a prefix (an agency's),
// newest first, with their counts; a stopped lenient run is listed as not
// done with its committed counts; a dry run leaves none.
TEST_F(OfferImportTest, ImportRunsAreListedByTheirSourcesPrefixNewestFirst) {
  ImportSummary summary;
  auto bad = Importer(Mapping(kNationalMapping), {.source = "dakar-anpe", .lenient = true});
  ASSERT_NE(bad, nullptr);
  ASSERT_TRUE(Import(*bad, "bad_rows.csv", &summary).ok());
  auto other = Importer(Mapping(kNationalMapping), {.source = "thies-anpe", .lenient = true});
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(Import(*other, "good.csv", &summary).ok());
  auto dry = Importer(Mapping(kNationalMapping),
                      {.source = "dakar-essai", .lenient = true, .dry_run = true});
  ASSERT_NE(dry, nullptr);
  ASSERT_TRUE(Import(*dry, "good.csv", &summary).ok());
  ImportOptions options{.source = "dakar-emploi", .lenient = true, .batch_rows = 2, .threads = 1};
  options.stop = [] { return true; };
  auto stopped = Importer(Mapping(kNationalMapping), options);
  ASSERT_NE(stopped, nullptr);
  EXPECT_EQ(Import(*stopped, "good.csv", &summary).code(), StatusCode::kIoError);

  Result<std::vector<ImportRunInfo>> dakar = store_->ListImportRuns("dakar-", 0);
  ASSERT_TRUE(dakar.ok()) << dakar.status().message();
  ASSERT_EQ(dakar->size(), 2u);
  const ImportRunInfo& last = (*dakar)[0];
  EXPECT_EQ(last.source, "dakar-emploi");
  EXPECT_EQ(last.file, "good.csv");
  EXPECT_TRUE(last.lenient);
  EXPECT_FALSE(last.done);
  EXPECT_EQ(last.finished_at, "");
  EXPECT_EQ(last.counts.rows, 2);
  EXPECT_EQ(last.counts.duplicates, 2);  // of thies-anpe's, the same offers
  const ImportRunInfo& first = (*dakar)[1];
  EXPECT_EQ(first.source, "dakar-anpe");
  EXPECT_EQ(first.file, "bad_rows.csv");
  EXPECT_TRUE(first.done);
  EXPECT_EQ(first.counts.rows, 12);
  EXPECT_EQ(first.counts.inserted, 9);
  EXPECT_EQ(first.counts.rejected, 3);
  EXPECT_GT(first.id, 0);
  EXPECT_GT(last.id, first.id);
  EXPECT_TRUE(std::regex_match(first.started_at,
                               std::regex("20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-9:]{8}Z")))
      << first.started_at;
  EXPECT_GE(first.finished_at, first.started_at);
  // A limit; every source; a prefix's % is a character, not a wildcard.
  EXPECT_EQ(store_->ListImportRuns("dakar-", 1)->size(), 1u);
  EXPECT_EQ(store_->ListImportRuns("", 0)->size(), 3u);
  EXPECT_EQ(store_->ListImportRuns("thies-anpe", 0)->front().file, "good.csv");
  EXPECT_TRUE(store_->ListImportRuns("%", 0)->empty());
  EXPECT_TRUE(store_->ListImportRuns("dakar-anpe-", 0)->empty());
}

// The progress hook sees the counts grow to the summary's; a stop asked
// between batches keeps a lenient run's committed batches, and importing
// the same file again resumes after them; a strict run is rolled back.
TEST_F(OfferImportTest, ProgressIsReportedAndAStopKeepsTheCommittedBatches) {
  std::vector<ImportProgress> progress;
  ImportOptions options{.source = "s", .lenient = true, .batch_rows = 2, .threads = 1};
  options.progress_rows = 1;
  // Stopped after its first batch (2 of the 5 rows), as a server shutting
  // down does.
  bool stop = false;
  options.on_progress = [&](const ImportProgress& p) {
    progress.push_back(p);
    stop = true;
  };
  options.stop = [&] { return stop; };
  auto stopped = Importer(Mapping(kNationalMapping), options);
  ASSERT_NE(stopped, nullptr);
  ImportSummary summary;
  Status status = Import(*stopped, "good.csv", &summary);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(),
            "good.csv: import stopped after 2 rows (committed; importing the same "
            "file again resumes)");
  EXPECT_TRUE(summary.stopped);
  EXPECT_FALSE(summary.rolled_back);
  EXPECT_EQ(*store_->CountOffers(), 2);

  // Imported again: resumes after the committed batch; the progress grows
  // to the summary's counts, a resumed run's rows included.
  progress.clear();
  stop = false;
  options.on_progress = [&](const ImportProgress& p) { progress.push_back(p); };
  auto resumed = Importer(Mapping(kNationalMapping), options);
  ASSERT_NE(resumed, nullptr);
  ASSERT_TRUE(Import(*resumed, "good.csv", &summary).ok());
  EXPECT_FALSE(summary.stopped);
  EXPECT_EQ(summary.resumed_rows, 2);
  EXPECT_EQ(summary.counts.rows, 5);
  EXPECT_EQ(*store_->CountOffers(), 5);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.front().counts.rows, 3);  // the first row of this run
  for (size_t idx = 1; idx < progress.size(); ++idx) {
    EXPECT_GE(progress[idx].counts.rows, progress[idx - 1].counts.rows);
    EXPECT_GE(progress[idx].line, progress[idx - 1].line);
  }
  EXPECT_EQ(progress.back().counts, summary.counts);
  EXPECT_EQ(progress.back().batches_committed, 2);  // rows 3-4, then 5
  EXPECT_EQ(progress.back().line, 6);               // the last row's line

  // Strict: all or nothing, so a stop writes nothing.
  ImportOptions strict{.source = "s", .batch_rows = 2, .threads = 1};
  strict.stop = [] { return true; };
  auto all_or_nothing = Importer(Mapping(kNationalMapping), strict);
  ASSERT_NE(all_or_nothing, nullptr);
  status = Import(*all_or_nothing, "good_again.csv", &summary);
  EXPECT_EQ(status.message(),
            "good_again.csv: import stopped after 2 rows (rolled back, nothing written)");
  EXPECT_TRUE(summary.rolled_back);
  EXPECT_EQ(store_->GetOffer("s:R2")->positions, 4);  // good_again.csv says 6
  EXPECT_EQ(*store_->CountOffers(), 5);
}

}  // namespace
}  // namespace skillmatch::engine
