#include "csv_table.h"

#include <algorithm>

#include "skillmatch/classification/text.h"

namespace skillmatch::classification {

namespace {

using text::Quoted;

// A preamble of a few dozen lines at most; stop looking after that.
constexpr int kMaxPreambleRecords = 100;

}  // namespace

CsvTable::CsvTable(std::string path, CsvTableOptions options,
                   std::unique_ptr<csv::Reader> reader, Reporter* reporter)
    : path_(std::move(path)),
      options_(std::move(options)),
      reader_(std::move(reader)),
      reporter_(reporter) {}

Result<std::unique_ptr<CsvTable>> CsvTable::Open(std::string path,
                                                 CsvTableOptions options,
                                                 Reporter* reporter) {
  Result<std::unique_ptr<csv::Reader>> reader = csv::Reader::Open(path);
  if (!reader.ok()) return reader.status();
  std::unique_ptr<CsvTable> table(
      new CsvTable(std::move(path), std::move(options), std::move(*reader), reporter));
  SKILLMATCH_RETURN_IF_ERROR(table->ReadHeader());
  return table;
}

Status CsvTable::ReadHeader() {
  const std::string_view marker = options_.header_marker;
  std::vector<std::string> names;
  for (int record_idx = 0;; ++record_idx) {
    if (!reader_->Next(&names)) {
      if (!reader_->status().ok()) return reader_->status();
      if (marker.empty() || record_idx == 0) {
        return Status::DataError(path_ + ":1: empty file, expected a header row");
      }
      return Status::DataError(path_ + ": no header row starting with " + Quoted(marker));
    }
    if (marker.empty() || (!names.empty() && names[0] == marker)) break;
    if (record_idx + 1 >= kMaxPreambleRecords) {
      return Status::DataError(path_ + ": no header row starting with " + Quoted(marker) +
                               " in the first " + std::to_string(kMaxPreambleRecords) +
                               " records");
    }
  }
  const std::string where_line = path_ + ":" + std::to_string(line()) + ":";
  for (size_t col = 0; col < names.size(); ++col) {
    size_t bad = 0;
    if (!text::IsValidUtf8(names[col], &bad)) {
      return Status::DataError(where_line + std::to_string(col + 1) +
                               ": invalid UTF-8 in header");
    }
  }
  width_ = names.size();
  csv::Header header(std::move(names));
  for (std::string_view name : options_.required) {
    int col = header.Find(name);
    if (col < 0) {
      return Status::DataError(where_line + " missing required column " + Quoted(name));
    }
    columns_.push_back(col);
    names_.push_back(name);
  }
  for (std::string_view name : options_.optional) {
    columns_.push_back(header.Find(name));
    names_.push_back(name);
  }
  return Status::Ok();
}

bool CsvTable::Next() {
  while (status_.ok()) {
    if (!reader_->Next(&fields_)) {
      if (!reader_->status().ok()) status_ = reader_->status();
      return false;
    }
    Status problem = CheckRow();
    if (problem.ok()) return true;
    Report(std::move(problem));
  }
  return false;
}

std::string CsvTable::Where(size_t id) const {
  return path_ + ":" + std::to_string(line()) + ":" + std::to_string(column(id)) + ": ";
}

bool CsvTable::Report(Status problem) {
  if (problem.ok()) return true;
  if (reporter_ != nullptr) {
    reporter_->Problem(problem);
    return true;
  }
  if (status_.ok()) status_ = std::move(problem);
  return false;
}

bool CsvTable::NonEmpty(std::initializer_list<size_t> ids) {
  for (size_t id : ids) {
    if (Field(id).empty()) {
      Report(Problem(id, "empty " + Quoted(names_[id])));
      return false;
    }
  }
  return true;
}

Status CsvTable::CheckRow() const {
  const std::string where_line = path_ + ":" + std::to_string(line()) + ":";
  if (fields_.size() != width_) {
    size_t col = std::min(fields_.size(), width_) + 1;
    return Status::DataError(where_line + std::to_string(col) + ": expected " +
                             std::to_string(width_) + " fields, got " +
                             std::to_string(fields_.size()));
  }
  auto check_utf8 = [&](size_t col) {
    size_t bad = 0;
    if (text::IsValidUtf8(fields_[col], &bad)) return Status::Ok();
    return Status::DataError(where_line + std::to_string(col + 1) +
                             ": invalid UTF-8 at byte " + std::to_string(bad + 1) +
                             " of the field");
  };
  if (options_.check_every_field) {
    for (size_t col = 0; col < fields_.size(); ++col) {
      SKILLMATCH_RETURN_IF_ERROR(check_utf8(col));
    }
  } else {
    for (int col : columns_) {
      if (col >= 0) SKILLMATCH_RETURN_IF_ERROR(check_utf8(static_cast<size_t>(col)));
    }
  }
  if (options_.required_non_empty) {
    for (size_t id = 0; id < options_.required.size(); ++id) {
      const std::string_view name = options_.required[id];
      if (fields_[columns_[id]].empty() &&
          std::find(options_.may_be_empty.begin(), options_.may_be_empty.end(), name) ==
              options_.may_be_empty.end()) {
        return Problem(id, "empty " + Quoted(name));
      }
    }
  }
  return Status::Ok();
}

}  // namespace skillmatch::classification
