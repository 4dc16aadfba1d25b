// CSV and xlsx writers of the personal exports (export.h).
#include "export.h"

#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kit.h"
#include "skillmatch/model/date.h"

namespace skillmatch::pages {

ExportCell ExportCell::Text(std::string value) {
  ExportCell cell;
  cell.kind = Kind::kText;
  cell.text = std::move(value);
  return cell;
}

ExportCell ExportCell::Number(double value, int decimals) {
  ExportCell cell;
  cell.kind = Kind::kNumber;
  cell.number = value;
  cell.decimals = decimals;
  return cell;
}

ExportCell ExportCell::Day(const std::string& iso) {
  ExportCell cell;
  if (!engine::Date::Parse(iso)) return cell;
  cell.kind = Kind::kDate;
  cell.text = iso;
  return cell;
}

bool LooksLikeFormula(const std::string& text) {
  if (text.empty()) return false;
  switch (text[0]) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

namespace {

std::string CsvField(const std::string& raw) {
  std::string text = LooksLikeFormula(raw) ? "'" + raw : raw;
  if (text.find_first_of(";\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvNumber(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string out = buffer;
  for (char& c : out) {
    if (c == '.') c = ',';
  }
  return out;
}

std::string CsvCell(const ExportCell& cell) {
  switch (cell.kind) {
    case ExportCell::Kind::kEmpty: return "";
    case ExportCell::Kind::kText: return CsvField(cell.text);
    case ExportCell::Kind::kNumber: return CsvNumber(cell.number, cell.decimals);
    case ExportCell::Kind::kDate:
      // YYYY-MM-DD -> dd/mm/yyyy (checked by ExportCell::Day).
      return cell.text.substr(8, 2) + "/" + cell.text.substr(5, 2) + "/" + cell.text.substr(0, 4);
  }
  return "";
}

// The private directory and the file in it, removed when the scope ends.
class TempWorkbookPath {
 public:
  TempWorkbookPath() {
    std::error_code error;
    std::filesystem::path base = std::filesystem::temp_directory_path(error);
    if (error) base = "/tmp";
    std::string pattern = (base / "skillmatch-export-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) dir_ = pattern;  // mode 0700
  }
  ~TempWorkbookPath() {
    if (dir_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempWorkbookPath(const TempWorkbookPath&) = delete;
  TempWorkbookPath& operator=(const TempWorkbookPath&) = delete;

  bool ok() const { return !dir_.empty(); }
  const std::string& dir() const { return dir_; }
  std::string file() const { return dir_ + "/export.xlsx"; }

 private:
  std::string dir_;
};

}  // namespace

std::string ToCsv(const ExportTable& table) {
  std::string out = "\xEF\xBB\xBF";
  for (size_t col_idx = 0; col_idx < table.headers.size(); ++col_idx) {
    if (col_idx > 0) out += ';';
    out += CsvField(table.headers[col_idx]);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (size_t col_idx = 0; col_idx < row.size(); ++col_idx) {
      if (col_idx > 0) out += ';';
      out += CsvCell(row[col_idx]);
    }
    out += "\r\n";
  }
  return out;
}

Result<std::string> ToXlsx(const ExportTable& table) {
  TempWorkbookPath path;
  if (!path.ok()) return Status::IoError("xlsx export: cannot create a temporary directory");
  // libxlsxwriter's own temporary files go to the same private directory.
  lxw_workbook_options options{};
  options.constant_memory = 0;
  std::string tmpdir = path.dir();
  options.tmpdir = tmpdir.data();
  lxw_workbook* workbook = workbook_new_opt(path.file().c_str(), &options);
  if (workbook == nullptr) return Status::IoError("xlsx export: cannot create the workbook");
  const std::string sheet_name = table.sheet.substr(0, 31);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* day = workbook_add_format(workbook);
  format_set_num_format(day, "dd/mm/yyyy");
  lxw_format* text = workbook_add_format(workbook);
  format_set_num_format(text, "@");  // a formula-like text stays text when edited
  lxw_error error = LXW_NO_ERROR;
  auto check = [&error](lxw_error result) {
    if (error == LXW_NO_ERROR && result != LXW_NO_ERROR) error = result;
  };
  for (size_t col_idx = 0; col_idx < table.headers.size(); ++col_idx) {
    check(worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(col_idx),
                                 table.headers[col_idx].c_str(), bold));
    check(worksheet_set_column(sheet, static_cast<lxw_col_t>(col_idx),
                               static_cast<lxw_col_t>(col_idx), 18, nullptr));
  }
  for (size_t row_idx = 0; row_idx < table.rows.size(); ++row_idx) {
    const auto row = static_cast<lxw_row_t>(row_idx + 1);
    const auto& cells = table.rows[row_idx];
    for (size_t col_idx = 0; col_idx < cells.size(); ++col_idx) {
      const auto col = static_cast<lxw_col_t>(col_idx);
      const ExportCell& cell = cells[col_idx];
      switch (cell.kind) {
        case ExportCell::Kind::kEmpty: break;
        case ExportCell::Kind::kText:
          // Always a string cell: worksheet_write_string never makes a
          // formula, whatever the text starts with.
          check(worksheet_write_string(sheet, row, col, cell.text.c_str(),
                                       LooksLikeFormula(cell.text) ? text : nullptr));
          break;
        case ExportCell::Kind::kNumber:
          check(worksheet_write_number(sheet, row, col, cell.number, nullptr));
          break;
        case ExportCell::Kind::kDate: {
          lxw_datetime when{};
          when.year = std::stoi(cell.text.substr(0, 4));
          when.month = std::stoi(cell.text.substr(5, 2));
          when.day = std::stoi(cell.text.substr(8, 2));
          check(worksheet_write_datetime(sheet, row, col, &when, day));
          break;
        }
      }
    }
  }
  const lxw_error closed = workbook_close(workbook);  // frees the workbook
  if (error != LXW_NO_ERROR) {
    return Status::Internal(std::string("xlsx export: ") + lxw_strerror(error));
  }
  if (closed != LXW_NO_ERROR) {
    return Status::IoError(std::string("xlsx export: ") + lxw_strerror(closed));
  }
  std::ifstream in(path.file(), std::ios::binary);
  if (!in) return Status::IoError("xlsx export: cannot read the workbook back");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

server::Reply FileReply(const ExportTable& table, const std::string& format,
                        const std::string& stem, server::Call& call) {
  server::Reply reply;
  if (format == "xlsx") {
    Result<std::string> bytes = ToXlsx(table);
    if (!bytes.ok()) return ErrorPage(call, 500, "export.error.file");
    reply.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    reply.text = std::move(*bytes);
  } else {
    reply.content_type = "text/csv; charset=utf-8";
    reply.text = ToCsv(table);
  }
  reply.headers.emplace_back("Cache-Control", "no-store");
  reply.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"" + stem + "." + format + "\"");
  return reply;
}

}  // namespace skillmatch::pages
