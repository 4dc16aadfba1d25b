// Import mapping files: how one source's offer files map onto our Offer.
//
// A mapping is a JSON document (format and examples in engine/import/README.md,
// "Import", and data/import/*.mapping.json). It says:
//   - the file format (csv, json, jsonl, or auto by extension), the CSV
//     delimiter (or auto), the encoding (utf-8, windows-1252, latin-1, or
//     auto: UTF-8 unless the file's first 64 KiB are not valid UTF-8);
//   - which column (CSV: header name, compared case- and accent-blind) or
//     JSON pointer ("/location/city"; "/skills/*/label" takes "label" of each
//     element of the array "/skills") holds each offer field;
//   - which fields hold occupation codes and in which system (our taxonomy,
//     or a crosswalk system of the bundle: "isco08", "rome-v3", "esco"),
//     tried in order;
//   - value maps (contract types, education levels, experience bands,
//     country names, city to region), keys compared case- and accent-blind;
//   - date formats, tried in order; defaults; the deduplication window.
//
// ParseMapping validates the whole document and names the first bad key:
//   national.mapping.json: fields.colour: unknown offer field 'colour'
// Thread safety: an ImportMapping is a plain value.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::engine {

// The offer fields a mapping can fill. Names as in the mapping's "fields".
enum class ImportField {
  kRef,            // "ref": the source's own reference (source_ref)
  kTitle,          // "title"
  kEmployer,       // "employer"
  kDescription,    // "description"
  kSkills,         // "skills": a list (separated by list_separator in CSV)
  kCountry,        // "country": ISO alpha-2, or a name of values.country
  kRegion,         // "region"
  kCity,           // "city"
  kContract,       // "contract": our names, or values.contract
  kEducation,      // "education": ISCED 0-8, or values.education
  kExperience,     // "experience": years, "3-5 ans" (lower bound), or values
  kPositions,      // "positions": integer >= 1
  kSalaryMin,      // "salary_min": per month
  kSalaryMax,      // "salary_max"
  kCurrency,       // "currency": ISO 4217
  kPublished,      // "published": a date in one of date_formats
  kExpires,        // "expires"
  kLicences,       // "licences": a list of licence categories
  kInternational,  // "international": true/false, 1/0, oui/non, yes/no
};
inline constexpr int kImportFieldCount = 19;

std::string_view ToString(ImportField field);
std::optional<ImportField> ParseImportField(std::string_view name);

// A field that holds an occupation code, and its code system.
struct CodeSource {
  std::string field;   // column name or JSON pointer
  std::string system;  // "taxonomy" or a crosswalk system of the bundle
};

enum class ImportFormat { kAuto, kCsv, kJson, kJsonLines };
enum class ImportEncoding { kAuto, kUtf8, kWindows1252, kLatin1 };

struct ImportMapping {
  std::string name;  // where it was read from, for messages
  ImportFormat format = ImportFormat::kAuto;
  ImportEncoding encoding = ImportEncoding::kAuto;
  char delimiter = 0;  // 0 = detect from the header line (, ; tab |)
  // Separator of list fields (skills, licences) in CSV cells.
  std::string list_separator = ";";
  // JSON only: pointer to the array of records inside one JSON document;
  // empty = the document is the array (or the file is JSON Lines).
  std::string records_pointer;
  // Where each field is: index = ImportField; empty = not in this source.
  std::vector<std::string> fields = std::vector<std::string>(kImportFieldCount);
  // Fields that must be present and non-empty in every record. Default:
  // ref and title.
  std::vector<ImportField> required = {ImportField::kRef, ImportField::kTitle};
  // Occupation code fields, tried in order; empty = code the title.
  std::vector<CodeSource> codes;
  // strptime-like: %Y %m %d and literal characters. Default ISO.
  std::vector<std::string> date_formats = {"%Y-%m-%d"};
  // values.<kind>: folded source text -> our value (a string, or an integer
  // for education, a number for experience; null when the mapping gave ""
  // or null: "not specified", the field is left empty without a warning).
  // Kinds: contract, education, experience, country, region (city ->
  // region), licences.
  std::map<std::string, std::map<std::string, nlohmann::json>> values;
  // defaults.<field>: used when the source's value is empty (country,
  // currency, contract, international, positions).
  std::map<std::string, std::string> defaults;
  // Cross-source duplicates: same employer, title and city published within
  // this many days. 0 = no deduplication. Default 30.
  int dedup_window_days = 30;
  // Occupations coded from the title with a confidence below this are
  // imported with needs_review. Default 0.5 (the coder's own default).
  float review_threshold = 0.5f;

  const std::string& field(ImportField f) const {
    return fields[static_cast<int>(f)];
  }
};

// Validates and reads a mapping document; `name` prefixes messages.
[[nodiscard]] Result<ImportMapping> ParseMapping(const nlohmann::json& json,
                                                 const std::string& name);
// Reads a mapping file. kNotFound if missing, kDataError if invalid
// ("m.json: invalid JSON: ..." or as ParseMapping).
[[nodiscard]] Result<ImportMapping> ReadMappingFile(const std::string& path);

// Case and accent folding, trimmed, inner blanks collapsed: the key of value
// maps and header names ("  Licence (BAC+3) " -> "licence (bac+3)").
std::string FoldKey(std::string_view text);

// Parses `text` with one of `formats` (%Y four digits, %m and %d one or two
// digits, other characters literal) into "YYYY-MM-DD"; nullopt unless the
// date exists (Date::FromCivil: 2026-02-30 does not).
std::optional<std::string> ParseDate(std::string_view text,
                                     const std::vector<std::string>& formats);

}  // namespace skillmatch::engine
