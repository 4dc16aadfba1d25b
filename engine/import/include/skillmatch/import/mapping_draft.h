// A first mapping for an offer file nobody has described: `skillmatch
// mapping draft INPUT [--out MAPPING.json]` (engine/import/README.md,
// "Drafting a mapping").
//
//   auto draft = DraftMapping("annonces.csv", "annonces.csv", {});
//   draft->mapping.dump(2);   // a valid mapping for `import offers`
//
// The file is read as the import reads it with "auto" format, encoding and
// delimiter (import_readers.h, ScanTable). Each column gets its fill rate,
// its most frequent values and a proposed offer field, from French and
// English header names ("Intitulé du poste", "Job title", "Entreprise",
// "Ville", "Type de contrat", "Niveau d'études", "Date limite"...). The
// distinct values of the categorical columns (contract, education,
// experience, country, city) are pre-mapped where recognised ("CDI" ->
// permanent, "Licence (BAC+3)" -> 6, "3-5 ans" -> 3, "Cameroun" -> CM,
// "Douala" -> the region of the embedded geography, Littoral; "Temps plein",
// "Non spécifié" -> null, not specified) and listed under "to_review" where
// not: the import then keeps those offers with the field empty and a
// warning. Only "title" is required, so a drafted mapping used as is rejects
// only unreadable rows and rows without a title.
//
// Memory: one entry per distinct value of each column, up to
// DraftOptions::max_distinct per column (then only counted).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"

namespace skillmatch::engine {

struct DraftOptions {
  // Distinct values kept per column (most frequent first in the profile,
  // and the values pre-mapped). Default 2,000: enough for a job board's
  // cities and contract labels; beyond it values are counted, not kept.
  size_t max_distinct = 2000;
  // Sample values shown per column.
  size_t samples = 3;
  // The taxonomy the file will be imported into (`--db`), when known: code
  // columns then get the system their values are found in ("taxonomy" for
  // the taxonomy's own codes, else a crosswalk system of the bundle), and
  // the share found is reported. Null: the system from the header alone.
  const classification::Taxonomy* taxonomy = nullptr;
};

struct DraftColumn {
  std::string name;     // header, or JSON pointer
  int64_t filled = 0;   // non-empty cells among readable records
  int64_t distinct = 0; // distinct non-empty values (at most max_distinct)
  bool more_distinct = false;  // more than max_distinct
  std::vector<std::pair<std::string, int64_t>> top;  // most frequent first
  std::string field;    // proposed offer field or "code:<system>"; "" none
  std::string note;     // why not mapped ("no offer field for a sector")
};

struct MappingDraft {
  std::string format;    // "csv", "json", "jsonl"
  std::string encoding;  // detected
  std::string delimiter; // CSV: ";", ",", "tab", "|"
  int64_t records = 0;   // records read
  int64_t unreadable = 0;
  std::vector<int64_t> unreadable_lines;  // the first 20
  std::vector<DraftColumn> columns;
  // For a person: one line per value not recognised, per column unmapped.
  std::vector<std::string> to_review;
  nlohmann::ordered_json mapping;  // valid for ReadMappingFile
};

// Reads `path` (named `name` in messages) and drafts its mapping. Errors as
// the import's readers: kNotFound, kDataError (empty file, UTF-16, a JSON
// document without an array of records).
[[nodiscard]] Result<MappingDraft> DraftMapping(const std::string& path,
                                                const std::string& name,
                                                const DraftOptions& options);

// The proposals on their own, for tests. Header -> offer field ("title",
// "code:rome-v3"), "" when none; folded, French or English.
std::string ProposeField(const std::string& header);
// A value of a categorical column -> our value (a string, a number, or null
// for "not specified"); discarded (is_discarded()) when not recognised.
// `kind`: contract, education, experience, country.
nlohmann::json ProposeValue(const std::string& kind, const std::string& value);

}  // namespace skillmatch::engine
