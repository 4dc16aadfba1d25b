#include "import_readers.h"

#include <cstdio>
#include <fstream>
#include <istream>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <utility>

#include "skillmatch/model/json_records.h"
#include "skillmatch/classification/csv.h"
#include "skillmatch/classification/json_error.h"
#include "skillmatch/classification/text.h"

namespace skillmatch::engine::import {

namespace {

using nlohmann::json;

constexpr size_t kSniffBytes = 64 * 1024;

using text::Quoted;

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t' ||
                         text[begin] == '\r' || text[begin] == '\n')) {
    ++begin;
  }
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' ||
                         text[end - 1] == '\r' || text[end - 1] == '\n')) {
    --end;
  }
  return std::string(text.substr(begin, end - begin));
}

// Splits a list cell on `separator`, trimming items and dropping empty ones.
std::vector<std::string> SplitList(const std::string& text,
                                   const std::string& separator) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    std::string item = Trim(std::string_view(text).substr(start, end - start));
    if (!item.empty()) items.push_back(std::move(item));
    start = end + separator.size();
  }
  return items;
}

bool IsListField(int field_idx) {
  return field_idx == static_cast<int>(ImportField::kSkills) ||
         field_idx == static_cast<int>(ImportField::kLicences);
}

// The first bytes of a file, for sniffing encodings and delimiters.
std::string Head(const std::string& path, size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string out(bytes, '\0');
  in.read(out.data(), static_cast<std::streamsize>(bytes));
  out.resize(static_cast<size_t>(in.gcount()));
  return out;
}

// Valid UTF-8 except maybe for a sequence cut at the end of the sample.
bool LooksUtf8(std::string_view sample, bool truncated) {
  for (size_t cut = 0; cut <= (truncated ? 3u : 0u) && cut <= sample.size();
       ++cut) {
    if (text::IsValidUtf8(sample.substr(0, sample.size() - cut))) return true;
  }
  return false;
}

// Reads the "encoding" setting against the file's head. UTF-16 and UTF-32
// are refused: their ASCII bytes are interleaved with zeros, so every cell
// would come out wrong.
Result<ImportEncoding> ResolveEncoding(ImportEncoding declared,
                                       const std::string& head, bool truncated,
                                       const std::string& name) {
  if (head.size() >= 2 && ((head[0] == '\xFF' && head[1] == '\xFE') ||
                           (head[0] == '\xFE' && head[1] == '\xFF'))) {
    return Status::DataError(name +
                             ":1: UTF-16 text is not supported; save the file "
                             "as UTF-8 (or Windows-1252)");
  }
  if (head.find('\0') != std::string::npos) {
    return Status::DataError(
        name + ":1: binary data (a NUL byte); expected a text file");
  }
  if (declared != ImportEncoding::kAuto) return declared;
  return LooksUtf8(head, truncated) ? ImportEncoding::kUtf8
                                    : ImportEncoding::kWindows1252;
}

std::string EncodingName(ImportEncoding encoding) {
  switch (encoding) {
    case ImportEncoding::kLatin1:
      return "latin-1";
    case ImportEncoding::kWindows1252:
      return "windows-1252";
    default:
      return "utf-8";
  }
}

// Turns one cell into UTF-8, or says why it cannot.
bool DecodeCell(ImportEncoding encoding, std::string* cell,
                std::string* problem) {
  if (encoding == ImportEncoding::kWindows1252 ||
      encoding == ImportEncoding::kLatin1) {
    bool ascii = true;
    for (char c : *cell) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (!ascii) *cell = ToUtf8(*cell, encoding == ImportEncoding::kLatin1);
    return true;
  }
  size_t bad = 0;
  if (text::IsValidUtf8(*cell, &bad)) return true;
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X",
                static_cast<unsigned char>((*cell)[bad]));
  *problem = std::string("invalid UTF-8 (byte ") + byte + " at offset " +
             std::to_string(bad) +
             "); if the file is not UTF-8, declare its encoding in the "
             "mapping (\"encoding\": \"windows-1252\")";
  return false;
}

// Counts `delimiter` in the first line outside quotes.
size_t CountOutsideQuotes(std::string_view line, char delimiter) {
  size_t count = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == delimiter) ++count;
  }
  return count;
}

char DetectDelimiter(const std::string& head) {
  std::string_view first = head;
  const size_t end = first.find('\n');
  if (end != std::string_view::npos) first = first.substr(0, end);
  char best = ',';
  size_t best_count = 0;
  for (char candidate : {',', ';', '\t', '|'}) {
    const size_t count = CountOutsideQuotes(first, candidate);
    if (count > best_count) {
      best = candidate;
      best_count = count;
    }
  }
  return best;
}

// --------------------------------------------------------------- CSV

class CsvSource : public RecordSource {
 public:
  static Result<std::unique_ptr<RecordSource>> Open(
      const std::string& path, const ImportMapping& mapping,
      const std::string& name) {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) return Status::NotFound(name + ": cannot open file");
    const std::string head = Head(path, kSniffBytes);
    if (Trim(head).empty() || Trim(head) == "\xEF\xBB\xBF") {
      return Status::DataError(name +
                               ":1: empty file (expected a header "
                               "line and records)");
    }
    auto encoding = ResolveEncoding(mapping.encoding, head,
                                    head.size() == kSniffBytes, name);
    if (!encoding.ok()) return encoding.status();
    csv::Options options;
    options.delimiter =
        mapping.delimiter != 0 ? mapping.delimiter : DetectDelimiter(head);
    auto reader = csv::Reader::Open(path, options);
    if (!reader.ok()) return Status::NotFound(name + ": cannot open file");
    auto source = std::unique_ptr<CsvSource>(
        new CsvSource(name, mapping, *encoding, std::move(*reader)));
    SKILLMATCH_RETURN_IF_ERROR(source->ReadHeader());
    return std::unique_ptr<RecordSource>(std::move(source));
  }

  bool Next(RawRecord* record) override {
    if (!status_.ok()) return false;
    if (!reader_->Next(&cells_)) {
      if (!reader_->status().ok()) status_ = Rename(reader_->status());
      return false;
    }
    *record = RawRecord();
    record->line = reader_->record_line();
    if (cells_.size() != header_.size()) {
      record->problems.push_back({"",
                                  "expected " + std::to_string(header_.size()) +
                                      " fields as in the header, got " +
                                      std::to_string(cells_.size()),
                                  ProblemKind::kRecordColumns,
                                  std::to_string(header_.size())});
      return true;
    }
    for (int field_idx = 0; field_idx < kImportFieldCount; ++field_idx) {
      const int column = columns_[field_idx];
      if (column < 0) continue;
      Fill(column, IsListField(field_idx), record, &record->fields[field_idx]);
    }
    record->codes.resize(code_columns_.size());
    for (size_t code_idx = 0; code_idx < code_columns_.size(); ++code_idx) {
      Fill(code_columns_[code_idx], false, record, &record->codes[code_idx]);
    }
    return true;
  }

  const Status& status() const override { return status_; }
  std::string encoding() const override { return EncodingName(encoding_); }

 private:
  CsvSource(std::string name, const ImportMapping& mapping,
            ImportEncoding encoding, std::unique_ptr<csv::Reader> reader)
      : name_(std::move(name)),
        mapping_(mapping),
        encoding_(encoding),
        reader_(std::move(reader)) {}

  // The reader names the path it opened; messages name the file as the
  // caller wants.
  Status Rename(const Status& status) const {
    std::string message = status.message();
    const std::string& path = reader_->name();
    if (message.rfind(path, 0) == 0) {
      message = name_ + message.substr(path.size());
    }
    return Status(status.code() == StatusCode::kIoError
                      ? Status::IoError(message)
                      : Status::DataError(message));
  }

  Status ReadHeader() {
    if (!reader_->Next(&header_)) {
      if (!reader_->status().ok()) return Rename(reader_->status());
      return Status::DataError(name_ +
                               ":1: empty file (expected a header "
                               "line and records)");
    }
    std::vector<std::string> folded;
    for (std::string& cell : header_) {
      std::string problem;
      if (!DecodeCell(encoding_, &cell, &problem)) {
        return Status::DataError(name_ + ":1: header: " + problem);
      }
      folded.push_back(FoldKey(cell));
    }
    auto find = [&](const std::string& column,
                    const std::string& what) -> Result<int> {
      const std::string key = FoldKey(column);
      for (size_t col = 0; col < folded.size(); ++col) {
        if (folded[col] == key) return static_cast<int>(col);
      }
      return Status::DataError(name_ + ":1: missing column " + Quoted(column) +
                               " (mapped to " + what + ")");
    };
    columns_.assign(kImportFieldCount, -1);
    for (int field_idx = 0; field_idx < kImportFieldCount; ++field_idx) {
      const std::string& column = mapping_.fields[field_idx];
      if (column.empty()) continue;
      auto found = find(
          column, std::string(ToString(static_cast<ImportField>(field_idx))));
      if (!found.ok()) return found.status();
      columns_[field_idx] = *found;
    }
    for (const CodeSource& code : mapping_.codes) {
      auto found = find(code.field, "an occupation code (" + code.system + ")");
      if (!found.ok()) return found.status();
      code_columns_.push_back(*found);
    }
    return Status::Ok();
  }

  void Fill(int column, bool list, RawRecord* record, RawValue* value) {
    std::string cell = std::move(cells_[column]);
    std::string problem;
    if (!DecodeCell(encoding_, &cell, &problem)) {
      record->problems.push_back(
          {header_[column], problem, ProblemKind::kRecordEncoding});
      return;
    }
    value->present = true;
    value->text = Trim(cell);
    if (list) value->items = SplitList(value->text, mapping_.list_separator);
  }

  std::string name_;
  const ImportMapping& mapping_;
  ImportEncoding encoding_;
  std::unique_ptr<csv::Reader> reader_;
  std::vector<std::string> header_;
  std::vector<int> columns_;
  std::vector<int> code_columns_;
  std::vector<std::string> cells_;
  Status status_;
};

// --------------------------------------------------------------- JSON

// Extracts a mapped field from a parsed record.
void Extract(const json& record, const std::string& where, bool list,
             RawRecord* out, RawValue* value) {
  auto to_text = [](const json& item, std::string* text) {
    if (item.is_string()) {
      *text = Trim(item.get<std::string>());
    } else if (item.is_number_integer() || item.is_number_unsigned()) {
      *text = item.dump();
    } else if (item.is_number_float()) {
      *text = item.dump();
    } else if (item.is_boolean()) {
      *text = item.get<bool>() ? "true" : "false";
    } else {
      return false;
    }
    return true;
  };
  auto describe = [](const json& item) {
    return item.is_object() ? "an object" : "an array";
  };
  // Adds one element of a list to value->items (null and empty ones add
  // nothing); false, with a problem, when it is not text.
  auto add_item = [&](const json& item) {
    std::string text;
    if (item.is_null()) return true;
    if (!to_text(item, &text)) {
      out->problems.push_back(
          {where, std::string("expected text, got ") + describe(item)});
      return false;
    }
    if (!text.empty()) value->items.push_back(text);
    return true;
  };
  // A list's text: its items joined by "; ".
  auto join_items = [value] {
    for (const std::string& item : value->items) {
      if (!value->text.empty()) value->text += "; ";
      value->text += item;
    }
  };
  try {
    const size_t star = where.find("/*");
    if (star != std::string::npos && where[0] == '/') {
      // "/skills/*/label": each element of the array at "/skills".
      const json::json_pointer array_at(where.substr(0, star));
      const std::string rest = where.substr(star + 2);
      if (!record.contains(array_at) || record.at(array_at).is_null()) return;
      const json& array = record.at(array_at);
      if (!array.is_array()) {
        out->problems.push_back({where.substr(0, star), "expected an array"});
        return;
      }
      value->present = true;
      for (const json& element : array) {
        const json* item = &element;
        if (!rest.empty()) {
          const json::json_pointer sub(rest);
          if (!element.contains(sub)) continue;
          item = &element.at(sub);
        }
        if (!add_item(*item)) return;
      }
      join_items();
      return;
    }
    const json* found = nullptr;
    if (!where.empty() && where[0] == '/') {
      const json::json_pointer pointer(where);
      if (record.contains(pointer)) found = &record.at(pointer);
    } else {
      auto it = record.find(where);
      if (it != record.end()) found = &*it;
    }
    if (found == nullptr || found->is_null()) return;
    value->present = true;
    if (found->is_array() && list) {
      for (const json& item : *found) {
        if (!add_item(item)) return;
      }
      join_items();
      return;
    }
    if (!to_text(*found, &value->text)) {
      value->present = false;
      out->problems.push_back({where, std::string("expected ") +
                                          (list ? "text or a list" : "text") +
                                          ", got " + describe(*found)});
      return;
    }
    if (list) value->items = SplitList(value->text, ";");
  } catch (const json::exception& e) {
    out->problems.push_back({where, classification::JsonErrorText(e)});
  }
}

// JSON Lines, or the array of records of one JSON document (at the
// mapping's "records" pointer), cut by JsonRecords and parsed here.
class JsonSource : public RecordSource {
 public:
  static Result<std::unique_ptr<RecordSource>> Open(
      const std::string& path, const ImportMapping& mapping,
      const std::string& name, bool lines) {
    auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*in) return Status::NotFound(name + ": cannot open file");
    const std::string head = Head(path, kSniffBytes);
    if (Trim(head).empty()) {
      return Status::DataError(name + ":1: empty file (expected " +
                               (lines ? "JSON Lines" : "a JSON document") +
                               ")");
    }
    auto encoding = ResolveEncoding(ImportEncoding::kUtf8, head, false, name);
    if (!encoding.ok()) return encoding.status();
    JsonRecords::Options options;
    options.layout = lines ? JsonRecords::Options::Layout::kLines
                           : JsonRecords::Options::Layout::kArray;
    if (!lines) options.pointer = mapping.records_pointer;
    options.reword = [name, pointer = options.pointer](
                         const JsonScanError& error, Status status) {
      return Reword(name, pointer, error, std::move(status));
    };
    auto records = JsonRecords::Open(in.get(), name, std::move(options));
    if (!records.ok()) return records.status();
    return std::unique_ptr<RecordSource>(
        new JsonSource(mapping, std::move(in), std::move(*records)));
  }

  bool Next(RawRecord* record) override {
    if (!records_->Next(&json_record_)) return false;
    *record = RawRecord();
    record->line = json_record_.line;
    if (!json_record_.problem.empty()) {
      record->problems.push_back({"", json_record_.problem});
      return true;
    }
    json parsed;
    try {
      parsed = json::parse(json_record_.text);
    } catch (const json::exception& e) {
      // The line is the record's; the parser's position within the record
      // stays in the text (json_error.h).
      record->problems.push_back(
          {"", "invalid JSON: " + classification::JsonErrorText(e)});
      return true;
    }
    if (!parsed.is_object()) {
      record->problems.push_back(
          {"", "expected an object, got " + std::string(parsed.type_name())});
      return true;
    }
    for (int field_idx = 0; field_idx < kImportFieldCount; ++field_idx) {
      const std::string& where = mapping_.fields[field_idx];
      if (where.empty()) continue;
      Extract(parsed, where, IsListField(field_idx), record,
              &record->fields[field_idx]);
    }
    record->codes.resize(mapping_.codes.size());
    for (size_t code_idx = 0; code_idx < mapping_.codes.size(); ++code_idx) {
      Extract(parsed, mapping_.codes[code_idx].field, false, record,
              &record->codes[code_idx]);
    }
    return true;
  }

  const Status& status() const override { return records_->status(); }
  std::string encoding() const override { return "utf-8"; }

 private:
  JsonSource(const ImportMapping& mapping, std::unique_ptr<std::ifstream> in,
             std::unique_ptr<JsonRecords> records)
      : mapping_(mapping), in_(std::move(in)), records_(std::move(records)) {}

  // The import's own wording for a file cut short and for a document that
  // is no array, which the model readers word as invalid JSON.
  static Status Reword(const std::string& name, const std::string& pointer,
                       const JsonScanError& error, Status status) {
    auto at = [&name](int64_t line, const std::string& message) {
      return Status::DataError(name + ":" + std::to_string(line) + ": " +
                               message);
    };
    constexpr const char* kTruncated =
        "truncated file: the record starting here is not closed";
    switch (error.kind) {
      case JsonScanError::Kind::kEndInValue:
        return at(error.value_line, kTruncated);
      case JsonScanError::Kind::kEndBeforeValue:
        return at(error.line, kTruncated);
      case JsonScanError::Kind::kEndAfterValue:
        return at(error.line, "expected ',' or ']' after a record");
      case JsonScanError::Kind::kNotAnArray:
        if (!pointer.empty()) return status;
        return at(error.line,
                  "expected an array of records (or set \"records\" in the "
                  "mapping)");
      default:
        return status;
    }
  }

  const ImportMapping& mapping_;
  std::unique_ptr<std::ifstream> in_;  // read by records_
  std::unique_ptr<JsonRecords> records_;
  JsonRecord json_record_;
};

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         FoldKey(text.substr(text.size() - suffix.size())) == suffix;
}

// --------------------------------------------------------------- tables

std::string PointerToken(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

bool ScalarText(const json& value, std::string* text) {
  if (value.is_string()) {
    *text = Trim(value.get<std::string>());
  } else if (value.is_number() || value.is_boolean()) {
    *text = value.dump();
  } else if (value.is_null()) {
    text->clear();
  } else {
    return false;
  }
  return true;
}

// One record's keys as JSON pointers (see ScanTable), depth at most 3.
void Flatten(const json& object, const std::string& prefix, int depth,
             std::vector<std::pair<std::string, std::string>>* cells) {
  for (const auto& [key, value] : object.items()) {
    const std::string where = prefix + "/" + PointerToken(key);
    std::string text;
    if (ScalarText(value, &text)) {
      cells->emplace_back(where, text);
    } else if (value.is_object()) {
      if (depth < 3) Flatten(value, where, depth + 1, cells);
    } else if (value.is_array()) {
      std::string joined;
      std::map<std::string, std::string> subs;  // "/*/label" -> items
      std::vector<std::string> order;
      bool scalars = false;
      for (const json& item : value) {
        std::string item_text;
        if (ScalarText(item, &item_text)) {
          scalars = true;
          if (item_text.empty()) continue;
          if (!joined.empty()) joined += "; ";
          joined += item_text;
        } else if (item.is_object()) {
          for (const auto& [sub_key, sub_value] : item.items()) {
            std::string sub_text;
            if (!ScalarText(sub_value, &sub_text)) continue;
            const std::string sub = where + "/*/" + PointerToken(sub_key);
            auto [it, inserted] = subs.try_emplace(sub);
            if (inserted) order.push_back(sub);
            if (sub_text.empty()) continue;
            if (!it->second.empty()) it->second += "; ";
            it->second += sub_text;
          }
        }
      }
      if (scalars || order.empty()) cells->emplace_back(where, joined);
      for (const std::string& sub : order) {
        cells->emplace_back(sub, subs[sub]);
      }
    }
  }
}

// The first array of objects in a document, breadth first: "" for the
// document itself.
std::optional<std::string> FindRecords(const json& doc) {
  auto is_records = [](const json& value) {
    return value.is_array() && !value.empty() && value.front().is_object();
  };
  if (doc.is_array()) return std::string();
  std::vector<std::pair<std::string, const json*>> level = {{"", &doc}};
  for (int depth = 0; depth < 4 && !level.empty(); ++depth) {
    std::vector<std::pair<std::string, const json*>> next;
    for (const auto& [where, value] : level) {
      if (!value->is_object()) continue;
      for (const auto& [key, item] : value->items()) {
        const std::string path = where + "/" + PointerToken(key);
        if (is_records(item)) return path;
        if (item.is_object()) next.emplace_back(path, &item);
      }
    }
    level = std::move(next);
  }
  return std::nullopt;
}

}  // namespace

Status ScanTable(const std::string& path, const std::string& name,
                 TableInfo* info, const TableRecordFn& on_record) {
  *info = TableInfo();
  std::ifstream probe(path, std::ios::binary);
  if (!probe) return Status::NotFound(name + ": cannot open file");
  if (EndsWith(path, ".xlsx") || EndsWith(path, ".xls")) {
    return Status::DataError(
        name + ": Excel files are not read; save the sheet as CSV (UTF-8)");
  }
  const std::string head = Head(path, kSniffBytes);
  if (Trim(head).empty() || Trim(head) == "\xEF\xBB\xBF") {
    return Status::DataError(name + ":1: empty file");
  }
  const bool lines = EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson");
  if (lines || EndsWith(path, ".json")) {
    info->format = lines ? ImportFormat::kJsonLines : ImportFormat::kJson;
    auto encoding = ResolveEncoding(ImportEncoding::kUtf8, head, false, name);
    if (!encoding.ok()) return encoding.status();
    info->encoding = "utf-8";
    std::map<std::string, bool> known;
    auto record = [&](int64_t line, const json& value) {
      std::vector<std::pair<std::string, std::string>> cells;
      if (!value.is_object()) {
        on_record(line, false, cells);
        return;
      }
      Flatten(value, "", 0, &cells);
      for (const auto& [column, text] : cells) {
        if (known.emplace(column, true).second) info->columns.push_back(column);
      }
      on_record(line, true, cells);
    };
    if (lines) {
      std::string text;
      int64_t line = 0;
      while (std::getline(probe, text)) {
        ++line;
        if (Trim(text).empty()) continue;
        try {
          record(line, json::parse(text));
        } catch (const json::exception&) {
          on_record(line, false, {});
        }
      }
      return Status::Ok();
    }
    probe.seekg(0, std::ios::end);
    const auto size = static_cast<int64_t>(probe.tellg());
    if (size > (int64_t{256} << 20)) {
      return Status::DataError(name +
                               ": a JSON document over 256 MiB; draft the "
                               "mapping on a part of it");
    }
    probe.seekg(0);
    json doc;
    try {
      doc = json::parse(probe);
    } catch (const json::exception& e) {
      return Status::DataError(classification::InvalidJsonMessage(name, e));
    }
    auto where = FindRecords(doc);
    if (!where) {
      return Status::DataError(name +
                               ":1: expected an array of records, at the top "
                               "or inside the document");
    }
    info->records_pointer = *where;
    const json& records =
        where->empty() ? doc : doc.at(json::json_pointer(*where));
    int64_t index = 0;
    for (const json& item : records) record(++index, item);
    return Status::Ok();
  }
  info->format = ImportFormat::kCsv;
  auto encoding = ResolveEncoding(ImportEncoding::kAuto, head,
                                  head.size() == kSniffBytes, name);
  if (!encoding.ok()) return encoding.status();
  info->encoding = EncodingName(*encoding);
  csv::Options options;
  options.delimiter = DetectDelimiter(head);
  info->delimiter = options.delimiter;
  auto reader = csv::Reader::Open(path, options);
  if (!reader.ok()) return Status::NotFound(name + ": cannot open file");
  std::vector<std::string> cells;
  if (!(*reader)->Next(&info->columns)) {
    if (!(*reader)->status().ok()) return (*reader)->status();
    return Status::DataError(name + ":1: empty file");
  }
  for (std::string& column : info->columns) {
    std::string problem;
    if (!DecodeCell(*encoding, &column, &problem)) {
      return Status::DataError(name + ":1: header: " + problem);
    }
    column = Trim(column);
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  while ((*reader)->Next(&cells)) {
    pairs.clear();
    bool readable = cells.size() == info->columns.size();
    for (size_t col = 0; readable && col < cells.size(); ++col) {
      std::string problem;
      readable = DecodeCell(*encoding, &cells[col], &problem);
      pairs.emplace_back(info->columns[col], Trim(cells[col]));
    }
    if (!readable) pairs.clear();
    on_record((*reader)->record_line(), readable, pairs);
  }
  return (*reader)->status();
}

std::string ToUtf8(std::string_view bytes, bool latin1) {
  // Windows-1252 0x80-0x9F; 0 marks the five undefined bytes, which keep
  // their Latin-1 (C1 control) meaning, as Windows itself does.
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (char byte : bytes) {
    const unsigned char c = static_cast<unsigned char>(byte);
    uint32_t code = c;
    if (!latin1 && c >= 0x80 && c < 0xA0 && kHigh[c - 0x80] != 0) {
      code = kHigh[c - 0x80];
    }
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }
  return out;
}

Result<std::unique_ptr<RecordSource>> RecordSource::Open(
    const std::string& path, const ImportMapping& mapping,
    const std::string& name) {
  ImportFormat format = mapping.format;
  if (format == ImportFormat::kAuto) {
    if (EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson")) {
      format = ImportFormat::kJsonLines;
    } else if (EndsWith(path, ".json")) {
      format = ImportFormat::kJson;
    } else if (EndsWith(path, ".xlsx") || EndsWith(path, ".xls")) {
      return Status::DataError(
          name + ": Excel files are not read; save the sheet as CSV (UTF-8)");
    } else {
      format = ImportFormat::kCsv;
    }
  }
  switch (format) {
    case ImportFormat::kJson:
      return JsonSource::Open(path, mapping, name, /*lines=*/false);
    case ImportFormat::kJsonLines:
      return JsonSource::Open(path, mapping, name, /*lines=*/true);
    default:
      return CsvSource::Open(path, mapping, name);
  }
}

}  // namespace skillmatch::engine::import
