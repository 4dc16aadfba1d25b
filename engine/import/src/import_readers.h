// Record sources of the offer import, private to the engine library: CSV
// (any delimiter, BOM, quoted multi-line fields, UTF-8 or Windows-1252 /
// Latin-1 converted to UTF-8), JSON (an array, or an array inside a document
// at the mapping's "records" pointer) and JSON Lines.
//
// A source yields one RawRecord per input record with the mapped fields'
// text, already in UTF-8. Problems confined to one record (a cell that is
// not valid UTF-8, a JSON line that does not parse, an object where text was
// expected) are attached to the record, which the importer then rejects;
// problems that stop the file (broken quoting, a missing column, an empty
// file, UTF-16) end the source with status() set.
//
// Memory: every format streams, one record at a time; JSON and JSON Lines
// are cut by JsonRecords (json_records.h), which refuses a record over
// 16 MiB and does not keep the parts of a document outside the records
// array. Not thread-safe.
#pragma once

#include <array>
#include <functional>
#include <utility>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/import/import_mapping.h"
#include "skillmatch/import/problem_kind.h"

namespace skillmatch::engine::import {

struct RawValue {
  bool present = false;            // the column or key exists in this record
  std::string text;                // the cell, or the items joined by "; "
  std::vector<std::string> items;  // list fields: the items, trimmed
};

struct RecordProblem {
  RecordProblem() = default;
  RecordProblem(std::string field, std::string message,
                ProblemKind kind = ProblemKind::kRecordJson, std::string detail = "")
      : field(std::move(field)), message(std::move(message)), kind(kind),
        detail(std::move(detail)) {}
  std::string field;  // column name or JSON pointer, as in the source
  std::string message;
  ProblemKind kind = ProblemKind::kRecordJson;
  std::string detail;  // kRecordColumns: the header's field count
};

struct RawRecord {
  int64_t line = 0;  // physical line where the record starts (1-based)
  std::array<RawValue, kImportFieldCount> fields;
  std::vector<RawValue> codes;  // one per mapping.codes
  std::vector<RecordProblem> problems;
  // Set by the importer's reference check (offer_import.cc, RefTracker):
  // the reference to store instead of the source's, and why.
  std::string derived_ref;
  std::string ref_warning;
  bool ref_placeholder = false;  // else seen earlier with other content
  const RawValue& field(ImportField f) const {
    return fields[static_cast<int>(f)];
  }
};

class RecordSource {
 public:
  // Opens `path` with `mapping`; `name` stands for the file in messages.
  // Errors: kNotFound (missing file), kDataError (empty file, UTF-16, a
  // mapped column missing from the header, a JSON document that does not
  // parse), as "name:line: message".
  [[nodiscard]] static Result<std::unique_ptr<RecordSource>> Open(
      const std::string& path, const ImportMapping& mapping,
      const std::string& name);
  virtual ~RecordSource() = default;
  // Fills `record`; false at the end or on a file-level error (status()).
  virtual bool Next(RawRecord* record) = 0;
  virtual const Status& status() const = 0;
  // The encoding used after detection: "utf-8", "windows-1252", "latin-1".
  virtual std::string encoding() const = 0;
};

// Every column of a file, for drafting a mapping (mapping_draft.cc).
struct TableInfo {
  ImportFormat format = ImportFormat::kCsv;  // as detected by extension
  std::string encoding;                      // "utf-8", "windows-1252"
  char delimiter = 0;                        // CSV
  std::string records_pointer;               // JSON: where the array is
  std::vector<std::string> columns;  // CSV: the header; JSON: as met
};
// One record: (column, text) pairs; `readable` false for a record the
// import would reject as a whole (wrong number of fields, bad JSON, a cell
// that is not UTF-8), whose cells are then not given.
using TableRecordFn = std::function<void(
    int64_t line, bool readable,
    const std::vector<std::pair<std::string, std::string>>& cells)>;
// Reads `path` as the import would with "format", "encoding" and
// "delimiter" all "auto": CSV (header line, all columns) or JSON / JSON
// Lines (keys flattened into JSON pointers: "/employer/name", lists of
// text joined by "; ", "/skills/*/label" for lists of objects). A JSON
// document whose records are not at the top is searched for its first array
// of objects (read whole: at most 256 MiB). Errors as RecordSource::Open.
[[nodiscard]] Status ScanTable(const std::string& path, const std::string& name,
                               TableInfo* info, const TableRecordFn& on_record);

// Windows-1252 (or, with `latin1`, ISO-8859-1) bytes to UTF-8.
std::string ToUtf8(std::string_view bytes, bool latin1);

}  // namespace skillmatch::engine::import
