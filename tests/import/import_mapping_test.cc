// Mapping files of the offer import: parsing, validation messages, dates,
// folding, and the Windows-1252 conversion of the readers.
#include "skillmatch/import/import_mapping.h"

#include <gtest/gtest.h>

#include <string>

#include "../../engine/import/src/import_readers.h"

namespace skillmatch::engine {
namespace {

using nlohmann::json;

const std::string kSource = SKILLMATCH_SOURCE_DIR;

std::string ErrorOf(const std::string& text) {
  auto mapping = ParseMapping(json::parse(text), "m.json");
  if (mapping.ok()) return "OK";
  EXPECT_EQ(mapping.status().code(), StatusCode::kDataError);
  return mapping.status().message();
}

TEST(ImportMapping, ShippedMappingsParse) {
  auto national =
      ReadMappingFile(kSource + "/data/import/national-csv.mapping.json");
  ASSERT_TRUE(national.ok()) << national.status().message();
  EXPECT_EQ(national->format, ImportFormat::kCsv);
  EXPECT_EQ(national->field(ImportField::kTitle), "intitule");
  ASSERT_EQ(national->codes.size(), 3u);
  EXPECT_EQ(national->codes[1].system, "rome-v3");
  EXPECT_EQ(national->values.at("education").at("licence (bac+3)"), 6);
  EXPECT_EQ(national->values.at("country").at("senegal"), "SN");
  EXPECT_EQ(national->date_formats,
            (std::vector<std::string>{"%d/%m/%Y", "%Y-%m-%d"}));

  auto eures =
      ReadMappingFile(kSource + "/data/import/eures-json.mapping.json");
  ASSERT_TRUE(eures.ok()) << eures.status().message();
  EXPECT_EQ(eures->format, ImportFormat::kJson);
  EXPECT_EQ(eures->records_pointer, "/vacancies");
  EXPECT_EQ(eures->field(ImportField::kSkills), "/skills/*/label");
  EXPECT_EQ(eures->defaults.at("international"), "true");
}

TEST(ImportMapping, MinimalMappingGetsDefaults) {
  auto mapping = ParseMapping(
      json::parse(R"({"fields": {"ref": "id", "title": "titre"}})"), "m.json");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  EXPECT_EQ(mapping->format, ImportFormat::kAuto);
  EXPECT_EQ(mapping->encoding, ImportEncoding::kAuto);
  EXPECT_EQ(mapping->delimiter, 0);
  EXPECT_EQ(mapping->dedup_window_days, 30);
  EXPECT_FLOAT_EQ(mapping->review_threshold, 0.5f);
  EXPECT_TRUE(mapping->codes.empty());
}

TEST(ImportMapping, ErrorsNameTheKey) {
  EXPECT_EQ(ErrorOf(R"([1])"), "m.json: expected a JSON object, got an array");
  EXPECT_EQ(ErrorOf(R"({"fields": {"ref": "id", "colour": "x"}})"),
            "m.json: fields.colour: unknown offer field 'colour'");
  EXPECT_EQ(ErrorOf(R"({"fields": {"ref": "id", "title": 3}})"),
            "m.json: fields.title: expected a string, got 3");
  EXPECT_EQ(ErrorOf(R"({"fields": {"title": "t"}})"),
            "m.json: required: field 'ref' is required but not mapped");
  EXPECT_EQ(ErrorOf(R"({"required": [], "fields": {"title": "t"}})"),
            "m.json: fields.ref: missing: every source must give its own "
            "reference");
  EXPECT_EQ(ErrorOf(R"({"required": ["ref"], "fields": {"ref": "r"}})"),
            "m.json: fields.title: missing: map the title or an occupation "
            "code");
  EXPECT_EQ(ErrorOf(R"({"encoding": "ebcdic", "fields": {"ref": "r",
                        "title": "t"}})"),
            "m.json: encoding: expected auto, utf-8, windows-1252 or latin-1, "
            "got 'ebcdic'");
  EXPECT_EQ(ErrorOf(R"({"delimiter": ";;", "fields": {"ref": "r",
                        "title": "t"}})"),
            "m.json: delimiter: expected one character or auto, got ';;'");
  EXPECT_EQ(ErrorOf(R"({"date_formats": ["%d/%m"], "fields": {"ref": "r",
                        "title": "t"}})"),
            "m.json: date_formats[0]: expected a format with %Y, %m and %d, "
            "got '%d/%m'");
  EXPECT_EQ(ErrorOf(R"({"values": {"education": {"BAC+12": 12}},
                        "fields": {"ref": "r", "title": "t"}})"),
            "m.json: values.education.BAC+12: expected an ISCED level from 0 "
            "to 8, got 12");
  EXPECT_EQ(ErrorOf(R"({"values": {"colour": {}}, "fields": {"ref": "r",
                        "title": "t"}})"),
            "m.json: values.colour: unknown value map 'colour' (contract, "
            "education, experience, country, region, licences, "
            "closing_reason)");
  EXPECT_EQ(ErrorOf(R"({"values": {"closing_reason": {"Vendue": "sold"}},
                        "fields": {"ref": "r", "title": "t"}})"),
            "m.json: values.closing_reason.Vendue: expected filled, "
            "withdrawn, expired or cancelled, got 'sold'");
  EXPECT_EQ(ErrorOf(R"({"defaults": {"closing_reason": "pourvue"},
                        "fields": {"ref": "r", "title": "t"}})"),
            "m.json: defaults.closing_reason: expected filled, withdrawn, "
            "expired or cancelled, got 'pourvue'");
  EXPECT_EQ(ErrorOf(R"({"codes": [{"field": "c"}], "fields": {"ref": "r",
                        "title": "t"}})"),
            "m.json: codes[0]: expected an object with field and system");
  EXPECT_EQ(ErrorOf(R"({"dedup_window_days": -1, "fields": {"ref": "r",
                        "title": "t"}})"),
            "m.json: dedup_window_days: expected days from 0 to 3660, got -1");
  EXPECT_EQ(ErrorOf(R"({"colour": 1, "fields": {"ref": "r", "title": "t"}})"),
            "m.json: colour: unknown key");
}

TEST(ImportMapping, ReadMappingFileErrors) {
  auto missing = ReadMappingFile("/no/such/mapping.json");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            "/no/such/mapping.json: cannot open mapping file");
}

TEST(ImportMapping, ParseDateChecksTheCalendar) {
  const std::vector<std::string> formats = {"%d/%m/%Y", "%Y-%m-%d"};
  EXPECT_EQ(ParseDate("02/11/2026", formats), "2026-11-02");
  EXPECT_EQ(ParseDate("2/3/2026", formats), "2026-03-02");
  EXPECT_EQ(ParseDate("2026-11-02", formats), "2026-11-02");
  EXPECT_EQ(ParseDate("2026-11-02 08:30:00", formats), "2026-11-02");
  EXPECT_EQ(ParseDate("2026-11-02T08:30:00Z", formats), "2026-11-02");
  EXPECT_EQ(ParseDate("29/02/2024", formats), "2024-02-29");
  EXPECT_EQ(ParseDate("29/02/2026", formats), std::nullopt);
  EXPECT_EQ(ParseDate("31/13/2024", formats), std::nullopt);
  EXPECT_EQ(ParseDate("31/04/2026", formats), std::nullopt);
  EXPECT_EQ(ParseDate("02/11/26", formats), std::nullopt);
  EXPECT_EQ(ParseDate("2026-11-02x", formats), std::nullopt);
  EXPECT_EQ(ParseDate("", formats), std::nullopt);
  EXPECT_EQ(ParseDate("11.02.2026", {"%m.%d.%Y"}), "2026-11-02");
}

TEST(ImportMapping, FoldKeyIgnoresCaseAccentsAndBlanks) {
  EXPECT_EQ(FoldKey("  Licence (BAC+3) "), "licence (bac+3)");
  EXPECT_EQ(FoldKey("SÉNÉGAL"), "senegal");
  EXPECT_EQ(FoldKey("Débutant \t (0 an)"), "debutant (0 an)");
  EXPECT_EQ(FoldKey(""), "");
}

TEST(ImportReaders, Windows1252AndLatin1ToUtf8) {
  // "Pâtisserie 200 €" and a right single quote in Windows-1252.
  const std::string cp1252 = "P\xE2tisserie 200 \x80 l\x92\xE9t\xE9";
  EXPECT_EQ(import::ToUtf8(cp1252, /*latin1=*/false), "Pâtisserie 200 € l’été");
  // ISO-8859-1 keeps 0x80 as the C1 control U+0080.
  EXPECT_EQ(import::ToUtf8("\xE9\x80", /*latin1=*/true), "é\xC2\x80");
  EXPECT_EQ(import::ToUtf8("ascii only", false), "ascii only");
}

}  // namespace
}  // namespace skillmatch::engine
