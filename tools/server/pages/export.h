// The personal exports' file formats (page_exports.cc): a table of typed
// cells written as French-Excel CSV or as an .xlsx workbook (Debian's
// libxlsxwriter). Both neutralise formula injection: a text cell that a
// spreadsheet would read as a formula (it starts with = + - @, a tab or a
// carriage return) is written as text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "routes.h"
#include "skillmatch/classification/status.h"

namespace skillmatch::pages {

// One cell: text, a number, or a day (YYYY-MM-DD, shown dd/mm/yyyy), or
// empty (none of them).
struct ExportCell {
  enum class Kind { kEmpty, kText, kNumber, kDate };
  Kind kind = Kind::kEmpty;
  std::string text;  // kText; kDate: YYYY-MM-DD
  double number = 0;
  int decimals = 0;  // kNumber: shown with this many decimals in the CSV

  static ExportCell Text(std::string value);
  static ExportCell Number(double value, int decimals = 0);
  // An empty cell when `iso` is not a valid day.
  static ExportCell Day(const std::string& iso);
};

struct ExportTable {
  std::string sheet;                 // the xlsx sheet's name (31 characters at most)
  std::vector<std::string> headers;  // French column names
  std::vector<std::vector<ExportCell>> rows;
};

// Whether a spreadsheet would read `text` as a formula: it starts with
// = + - @, a tab or a carriage return.
bool LooksLikeFormula(const std::string& text);

// The CSV: UTF-8 with a byte-order mark, `;` between fields, CRLF after
// each row, a field quoted ("..", quotes doubled) when it holds ; " CR or
// LF; numbers with a decimal comma and no thousands separator, days as
// dd/mm/yyyy. A text that looks like a formula is written with a leading
// apostrophe (OWASP's advice), which Excel and LibreOffice show as text.
std::string ToCsv(const ExportTable& table);

// The .xlsx workbook: a bold header row, text as shared strings (never a
// formula: the cell type is a string whatever it starts with), numbers as
// numbers, days as dates formatted dd/mm/yyyy. libxlsxwriter 1.1.4 writes
// only to files: the workbook goes to a private temporary directory (mode
// 0700 under $TMPDIR or /tmp), is read back and removed, also on error.
Result<std::string> ToXlsx(const ExportTable& table);

// The file as an attachment named `stem`.`format` ("csv" or "xlsx"); the
// server's Cache-Control: no-store is set again here so that no change of
// the defaults can drop it from a file. A workbook that cannot be written
// is the error page (500).
server::Reply FileReply(const ExportTable& table, const std::string& format,
                        const std::string& stem, server::Call& call);

}  // namespace skillmatch::pages
