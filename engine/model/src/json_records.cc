#include "skillmatch/model/json_records.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "skillmatch/classification/json_error.h"
#include "skillmatch/classification/text.h"

namespace skillmatch::engine {

namespace {

using nlohmann::json;
using Kind = JsonScanError::Kind;

constexpr size_t kReadBufferSize = size_t{1} << 16;

bool IsBlank(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string LongerThan(size_t bytes) {
  return "record longer than " + std::to_string(bytes) + " bytes";
}

std::string DeeperThan(int levels) {
  return "record nesting deeper than " + std::to_string(levels) + " levels";
}

// Whether a byte of JSON text lies inside a string, fed one byte at a time:
// the two scanners below count brackets only outside strings.
struct StringState {
  bool in_string = false;
  bool escaped = false;
  // True when `ch` belongs to a string (its quotes included).
  bool Consume(char ch) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (ch == '\\') {
        escaped = true;
      } else if (ch == '"') {
        in_string = false;
      }
      return true;
    }
    if (ch == '"') {
      in_string = true;
      return true;
    }
    return false;
  }
};

// True if the arrays and objects of the JSON text `text` nest deeper than
// `max_depth` (brackets inside strings do not count). Mismatched brackets
// are left for the parser.
bool NestsDeeper(std::string_view text, int max_depth) {
  // Cheap first: fewer opening brackets than the limit cannot nest deeper.
  // (std::count is vectorised; the full scan below runs on few records.)
  const auto opening = std::count(text.begin(), text.end(), '[') +
                       std::count(text.begin(), text.end(), '{');
  if (opening <= max_depth) return false;
  int depth = 0;
  StringState strings;
  for (const char ch : text) {
    if (strings.Consume(ch)) continue;
    if (ch == '{' || ch == '[') {
      if (++depth > max_depth) return true;
    } else if (ch == '}' || ch == ']') {
      --depth;
    }
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<JsonRecords>> JsonRecords::Open(std::istream* in,
                                                       std::string name,
                                                       Options options) {
  auto records = std::unique_ptr<JsonRecords>(
      new JsonRecords(in, std::move(name), std::move(options)));
  records->Start();
  if (!records->status_.ok()) return records->status_;
  return Result<std::unique_ptr<JsonRecords>>(std::move(records));
}

JsonRecords::JsonRecords(std::istream* in, std::string name, Options options)
    : in_(in),
      name_(std::move(name)),
      options_(std::move(options)),
      buf_(kReadBufferSize) {}

bool JsonRecords::Next(JsonRecord* record) {
  if (done_ || !status_.ok()) return false;
  record->text.clear();
  record->problem.clear();
  record->line = 0;
  return layout_ == Options::Layout::kArray ? NextElement(record)
                                            : NextLine(record);
}

int JsonRecords::Get() {
  const int c = Peek();
  if (c >= 0) {
    ++pos_;
    if (c == '\n') ++line_;
  }
  return c;
}

bool JsonRecords::Fill() {
  if (eof_) return false;
  in_->read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  end_ = static_cast<size_t>(in_->gcount());
  pos_ = 0;
  if (end_ == 0) {
    eof_ = true;
    if (in_->bad()) Fail(Kind::kReadError, line_, "read error");
    return false;
  }
  return true;
}

void JsonRecords::SkipBlanks() {
  while (IsBlank(Peek())) Get();
}

// The first error wins: a read error is not hidden by the "unexpected end
// of file" that follows it.
void JsonRecords::Fail(Kind kind, int64_t line, const std::string& message,
                       int64_t value_line) {
  done_ = true;
  if (!status_.ok()) return;
  error_ = {kind, line, value_line};
  Status status = kind == Kind::kReadError
                      ? Status::IoError(name_ + ": " + message)
                      : Status::DataError(name_ + ":" + std::to_string(line) +
                                          ": " + message);
  status_ = options_.reword ? options_.reword(error_, std::move(status))
                            : std::move(status);
}

// Skips a UTF-8 byte order mark (Windows editors write one) and leading
// blanks, picks the layout, and for an array walks to its '['.
void JsonRecords::Start() {
  static constexpr int kBom[] = {0xEF, 0xBB, 0xBF};
  if (Peek() == kBom[0]) {
    Get();
    if (Get() != kBom[1] || Get() != kBom[2]) {
      Fail(Kind::kBadStart, 1,
           "invalid JSON: invalid byte at the start of the file");
      return;
    }
  }
  SkipBlanks();
  if (!status_.ok()) return;
  layout_ = options_.layout;
  if (layout_ == Options::Layout::kDetect) {
    layout_ = Peek() == '[' ? Options::Layout::kArray : Options::Layout::kLines;
  }
  if (layout_ == Options::Layout::kLines) return;
  const std::string& pointer = options_.pointer;
  if (!pointer.empty()) {
    std::vector<std::string> keys;  // unescaped, outermost first
    try {
      json::json_pointer walk(pointer);
      while (!walk.empty()) {
        keys.insert(keys.begin(), walk.back());
        walk.pop_back();
      }
    } catch (const json::exception&) {
      // The mapping reader checks pointers; this is for other callers.
      Fail(Kind::kPointer, line_,
           "invalid JSON pointer " + text::Quoted(pointer));
      return;
    }
    Descend(keys);
    if (!status_.ok()) return;
    SkipBlanks();
  }
  if (Get() != '[') {
    Fail(Kind::kNotAnArray, line_,
         "expected an array of records" +
             (pointer.empty() ? std::string() : " at " + pointer));
  }
}

// Walks down the objects along `keys`, leaving the stream just before the
// value of the last key. Values of other keys are skipped unread: they may
// be large, and only the array is wanted. A key found twice is taken at its
// first occurrence.
void JsonRecords::Descend(const std::vector<std::string>& keys) {
  const std::string records = " (records " + options_.pointer + ")";
  for (const std::string& key : keys) {
    SkipBlanks();
    if (Get() != '{') {
      Fail(Kind::kPointer, line_,
           "expected an object holding " + text::Quoted(key) + records);
      return;
    }
    for (;;) {
      SkipBlanks();
      if (Peek() != '"') {
        Fail(Kind::kPointer, line_, "no key " + text::Quoted(key) + records);
        return;
      }
      std::string member;
      if (!CutValue(&member)) return;
      SkipBlanks();
      if (Get() != ':') {
        Fail(Kind::kInvalid, line_, "invalid JSON: expected ':'");
        return;
      }
      std::string decoded;
      try {
        decoded = json::parse(member).get<std::string>();
      } catch (const json::exception& e) {
        Fail(Kind::kInvalid, line_,
             "invalid JSON: " + classification::JsonErrorText(e));
        return;
      }
      SkipBlanks();
      if (decoded == key) break;
      if (!CutValue(nullptr)) return;
      SkipBlanks();
      if (Peek() == ',') Get();
    }
  }
}

// Cuts one value inside the walk to the pointer: balanced brackets or a
// string (escapes understood), or a scalar up to the next separator. Keeps
// its text in `out` unless null.
bool JsonRecords::CutValue(std::string* out) {
  const int64_t start = line_;
  const int first = Peek();
  if (first < 0) {
    Fail(Kind::kEndBeforeValue, line_,
         "invalid JSON: unexpected end of file, expected a value");
    return false;
  }
  if (first != '{' && first != '[' && first != '"') {
    for (int c = Peek();
         c >= 0 && c != ',' && c != ']' && c != '}' && !IsBlank(c);
         c = Peek()) {
      Get();
      if (out != nullptr) out->push_back(static_cast<char>(c));
    }
    return status_.ok();
  }
  int depth = 0;
  StringState strings;
  for (;;) {
    const int c = Get();
    if (c < 0) {
      Fail(Kind::kEndInValue, line_,
           "invalid JSON: unexpected end of file in the value starting at "
           "line " +
               std::to_string(start),
           start);
      return false;
    }
    if (out != nullptr) {
      if (out->size() >= options_.max_record_bytes) {
        Fail(Kind::kTooLong, start, LongerThan(options_.max_record_bytes),
             start);
        return false;
      }
      out->push_back(static_cast<char>(c));
    }
    if (strings.Consume(static_cast<char>(c))) {
      if (!strings.in_string && depth == 0) return true;  // a bare string
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return true;
    }
  }
}

bool JsonRecords::NextLine(JsonRecord* record) {
  const size_t max_bytes = options_.max_record_bytes;
  for (;;) {
    bool any = false;  // the line has at least one byte or a newline
    bool too_long = false;
    // Whole runs up to the newline are copied at once: this loop sees
    // every byte of the input.
    while (pos_ < end_ || Fill()) {
      any = true;
      const char* start = buf_.data() + pos_;
      const size_t avail = end_ - pos_;
      const void* newline = std::memchr(start, '\n', avail);
      const size_t take =
          newline ? static_cast<const char*>(newline) - start : avail;
      if (too_long || record->text.size() + take > max_bytes) {
        too_long = true;
        record->text.clear();
      } else {
        record->text.append(start, take);
      }
      pos_ += newline ? take + 1 : take;
      if (newline) break;
    }
    if (!status_.ok()) return false;
    if (!any) {
      done_ = true;
      return false;
    }
    record->line = line_++;
    if (too_long) {
      record->problem = LongerThan(max_bytes);
      return true;
    }
    if (NestsDeeper(record->text, options_.max_depth)) {
      record->text.clear();
      record->problem = DeeperThan(options_.max_depth);
      return true;
    }
    // A CRLF line keeps its '\r', a JSON blank: whether the columns of
    // parser messages count it is the caller's choice.
    if (std::all_of(record->text.begin(), record->text.end(),
                    [](char c) { return IsBlank(c); })) {
      record->text.clear();
      continue;
    }
    return true;
  }
}

// The element's text runs up to the next ',' or ']' outside strings and
// brackets; mismatched pairs ("[}") are left for the parser to report.
bool JsonRecords::NextElement(JsonRecord* record) {
  // The tail is checked on the call after the last element, so that the
  // last element is handed on before trailing garbage stops the read.
  if (closed_) return Finish();
  SkipBlanks();
  const int c = Peek();
  if (c < 0) {
    Fail(any_ && !after_comma_ ? Kind::kEndAfterValue : Kind::kEndBeforeValue,
         line_, "invalid JSON: unexpected end of file, expected ']'");
    return false;
  }
  if (c == ']' || c == ',') {
    if (c == ']' && !after_comma_) {
      Get();
      return Finish();
    }
    Fail(Kind::kMissingValue, line_,
         std::string("invalid JSON: expected a value, got '") +
             static_cast<char>(c) + "'");
    return false;
  }
  record->line = line_;
  int depth = 0;
  StringState strings;
  bool at_separator = false;
  // Over max_depth the element is read to its end but not kept.
  bool too_deep = false;
  while (!at_separator) {
    if (pos_ == end_ && !Fill()) {
      if (!status_.ok()) return false;
      // A complete element cut short by the end of the file is handed on;
      // the missing ']' is reported on the next call.
      if (depth == 0 && !strings.in_string) break;
      Fail(Kind::kEndInValue, line_,
           "invalid JSON: unexpected end of file in the element starting at "
           "line " +
               std::to_string(record->line),
           record->line);
      return false;
    }
    const char* data = buf_.data();
    size_t idx = pos_;
    for (; idx < end_; ++idx) {
      const char ch = data[idx];
      if (ch == '\n') ++line_;
      if (strings.Consume(ch)) continue;
      if (ch == '{' || ch == '[') {
        if (++depth > options_.max_depth) too_deep = true;
      } else if (ch == '}' || ch == ']') {
        if (depth > 0) {
          --depth;
        } else if (ch == ']') {
          at_separator = true;
          break;
        }
      } else if (ch == ',' && depth == 0) {
        at_separator = true;
        break;
      }
    }
    const size_t take = idx - pos_;
    if (too_deep) {
      record->text.clear();
      pos_ = idx;
      continue;
    }
    if (record->text.size() + take > options_.max_record_bytes) {
      Fail(Kind::kTooLong, record->line, LongerThan(options_.max_record_bytes),
           record->line);
      return false;
    }
    record->text.append(data + pos_, take);
    pos_ = idx;
  }
  if (too_deep) record->problem = DeeperThan(options_.max_depth);
  const int separator = at_separator ? Get() : -1;
  any_ = true;
  after_comma_ = separator == ',';
  closed_ = separator == ']';
  return true;
}

// After the closing ']' only blanks may follow, unless the array is inside
// a document: then the rest of it is not read.
bool JsonRecords::Finish() {
  done_ = true;
  if (!options_.pointer.empty()) return false;
  SkipBlanks();
  if (Peek() >= 0) {
    Fail(Kind::kTextAfterArray, line_,
         "invalid JSON: unexpected text after the closing ']'");
  }
  return false;
}

}  // namespace skillmatch::engine
