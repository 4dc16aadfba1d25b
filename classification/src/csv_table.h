// One CSV table of a published classification or a bundle, read row by row
// with its columns found by header name (private to the classification
// library: the bundle reader and the ROME and ESCO importers share it).
//
//   enum { kCode, kLabel };  // column ids: required, then optional names
//   auto table = CsvTable::Open(path, {.required = {"code", "label"}}, reporter);
//   if (!table.ok()) return table.status();
//   CsvTable& t = **table;
//   while (t.Next()) {
//     if (!t.ReportAt(kCode, builder.AddNode(t.Take(kCode), ...))) break;
//   }
//   return t.status();
//
// Problems are located "file:line:column: message". A row with the wrong
// number of fields or invalid UTF-8 is a problem of its own. Lenient mode (a
// reporter): each problem is reported and the row skipped. Strict mode: the
// first problem stops the read and is status(). A missing file, header or
// required column, and a CSV syntax error (the next record cannot be found),
// stop the read in both modes.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/csv.h"
#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"

namespace skillmatch::classification {

struct CsvTableOptions {
  // Columns that must be in the header, then columns that may be absent
  // (their fields read as empty). Column ids index required then optional.
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;
  // Empty: the header is the first record. Else the first record whose first
  // field is this text, within the first 100 (for files with a preamble).
  std::string_view header_marker;
  // Check UTF-8 in every field (true), or only in the columns used.
  bool check_every_field = true;
  // A row whose required field is empty is a problem ("empty 'code'"),
  // except for the columns listed in may_be_empty.
  bool required_non_empty = false;
  std::vector<std::string_view> may_be_empty;
};

class CsvTable {
 public:
  // Opens `path` and reads the header. `reporter` null = strict.
  static Result<std::unique_ptr<CsvTable>> Open(std::string path,
                                                CsvTableOptions options,
                                                Reporter* reporter);

  // Advances to the next well-formed row. False at the end, or once a
  // problem stops a strict read (then status() holds it).
  bool Next();

  // Field of column `id`; empty for an absent optional column.
  const std::string& Field(size_t id) const {
    static const std::string kEmpty;
    return columns_[id] < 0 ? kEmpty : fields_[columns_[id]];
  }
  std::string Take(size_t id) {
    return columns_[id] < 0 ? std::string() : std::move(fields_[columns_[id]]);
  }
  int64_t line() const { return reader_->record_line(); }
  // 1-based column number of `id` (1 for an absent optional column).
  int column(size_t id) const { return columns_[id] < 0 ? 1 : columns_[id] + 1; }
  const std::string& path() const { return path_; }

  // "file:line:column: " of column `id` in the current row.
  std::string Where(size_t id) const;
  Status Problem(size_t id, const std::string& message) const {
    return Status::DataError(Where(id) + message);
  }
  // A builder's status (whose message has no location) located at `id`.
  Status Locate(size_t id, const Status& status) const {
    return Status::DataError(Where(id) + status.message());
  }
  // Reports `problem` and returns true (lenient, go on), or keeps it and
  // returns false (strict, stop). OK problems are ignored (true).
  bool Report(Status problem);
  bool Report(size_t id, const std::string& message) {
    return Report(Problem(id, message));
  }
  // For a builder call's result: true if OK, else Report(Locate(...)).
  bool ReportAt(size_t id, const Status& result) {
    return result.ok() || Report(Locate(id, result));
  }
  // True if the fields of `ids` are all non-empty; else reports the first
  // empty one ("empty 'name'") and returns false.
  bool NonEmpty(std::initializer_list<size_t> ids);

  // OK, or why reading stopped: the problem that stopped a strict read, or
  // a CSV syntax error.
  const Status& status() const { return status_; }

 private:
  CsvTable(std::string path, CsvTableOptions options,
           std::unique_ptr<csv::Reader> reader, Reporter* reporter);
  Status ReadHeader();
  Status CheckRow() const;

  std::string path_;
  CsvTableOptions options_;
  std::unique_ptr<csv::Reader> reader_;
  Reporter* reporter_;
  size_t width_ = 0;
  std::vector<int> columns_;            // header position per column id, -1 absent
  std::vector<std::string_view> names_;  // name per column id
  std::vector<std::string> fields_;
  Status status_;
};

}  // namespace skillmatch::classification
