// A streaming scanner of JSON records, private to the engine library: cuts
// the top-level records out of a JSON array, JSON Lines, or the array found
// at a JSON pointer inside one document, one record at a time, and says
// where each starts. It does not parse the records: each caller parses the
// text with its own error wording (the profile/offer readers of
// model_json.cc and the offer import of import_readers.cc).
//
// Grammar.
// - A UTF-8 byte order mark is skipped; a broken one is an error.
// - JSON Lines: one record per line, its bytes up to the '\n' (a CRLF
//   line keeps its '\r'); blank lines are not records.
// - Array: the elements of one array, cut by tracking strings (with escapes)
//   and bracket depth up to the next ',' or ']' outside them. The text is
//   everything from the element's first byte to that separator (trailing
//   blanks included); what is inside is left for the parser to judge, so
//   `{"a":1} x` is one (invalid) record. Damage to the array itself (a
//   missing value between commas, a trailing comma, no closing ']', an
//   unclosed element) stops the scan, since the next record cannot be found
//   reliably. After the array only blanks may follow, unless the array was
//   found at a pointer: then reading stops at its ']'.
// - Pointer (RFC 6901, keys only, e.g. "/data/offres"): the scanner walks
//   down the objects, skipping the values of other keys without keeping
//   them, to the array; only that array's elements are held.
//
// - Depth: no record nests arrays and objects deeper than
//   Options::max_depth; the scanner counts, so that no caller parses one.
//
// Memory: one record at a time, at most Options::max_record_bytes of it, and
// a 64 KiB read buffer. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::engine {

// What stopped a scan, for a caller that words some errors its own way.
struct JsonScanError {
  enum class Kind {
    kNone,
    kReadError,       // the stream failed (IoError)
    kBadStart,        // a broken byte order mark
    kNotAnArray,      // the document (or the value at the pointer) is no array
    kPointer,         // the pointer's path is not in the document
    kInvalid,         // broken JSON while walking to the pointer
    kMissingValue,    // ',' or ']' where an array element was expected
    kEndBeforeValue,  // end of input where an element (or a value) was due
    kEndAfterValue,   // end of input after an element: no ',' or ']'
    kEndInValue,      // end of input inside an element, a key or a value
    kTextAfterArray,  // non-blank text after the closing ']'
    kTooLong,         // an array element (or a key) over max_record_bytes
  };
  Kind kind = Kind::kNone;
  int64_t line = 0;        // 1-based line where the scan stopped
  int64_t value_line = 0;  // kEndInValue, kTooLong: where the value starts
};

struct JsonRecordsOptions {
  enum class Layout {
    kDetect,  // an array when the first non-blank byte is '[', else lines
    kArray,   // one JSON array (at `pointer`)
    kLines,   // JSON Lines
  };
  Layout layout = Layout::kDetect;

  // kArray only: the array's JSON pointer inside the document ("" = the
  // document is the array). Keys only; a pointer must start with '/'.
  std::string pointer;

  // A record longer than this is refused before it is buffered whole: a file
  // without newlines (a binary, a one-line dump) must not take all the
  // memory. A real profile or offer is a few kilobytes. A JSON Lines line
  // over the cap becomes a record with `problem` set and the scan goes on;
  // an array element over it stops the scan (kTooLong).
  size_t max_record_bytes = size_t{16} << 20;

  // A record whose arrays and objects nest deeper than this is refused
  // before anyone parses it: nlohmann::json parses deep nesting, but
  // copying, comparing or dumping the value recurses once per level, and
  // '[' x 100,000 overflows the stack. A real profile or offer nests 3
  // levels, a source feed rarely 10. Such a record (a line or an array
  // element) comes with `problem` set ("record nesting deeper than N
  // levels") and the scan goes on. (Values skipped on the way to the
  // pointer are not parsed, so their depth does not matter.)
  int max_depth = 64;

  // Rewords a fatal error: called once with what stopped the scan and the
  // status the scanner would report ("name:line: message"); returns the
  // status to report instead. Unset: the scanner's own wording.
  std::function<Status(const JsonScanError&, Status)> reword;
};

struct JsonRecord {
  std::string text;  // the record's bytes, not parsed
  int64_t line = 0;  // 1-based line of its first byte
  // Non-empty when the record could not be cut out but the scan goes on (a
  // JSON Lines line over max_record_bytes: "record longer than N bytes"; a
  // line or element over max_depth: "record nesting deeper than N levels"),
  // without the place; `text` is then empty.
  std::string problem;
};

class JsonRecords {
 public:
  using Options = JsonRecordsOptions;

  // Reads from `in` (not owned; must outlive the scanner) up to the first
  // record: the byte order mark, the layout, the walk to the pointer and the
  // array's '['. `name` stands for the input in messages ("name:line: ...").
  // Errors: kIoError ("name: read error"), kDataError for a broken start, a
  // document without the array, or a pointer not in it (as reworded by
  // Options::reword when set).
  [[nodiscard]] static Result<std::unique_ptr<JsonRecords>> Open(
      std::istream* in, std::string name, Options options = {});

  // Fills `record` with the next record. False at the end of the input or on
  // a fatal error; status() tells which.
  [[nodiscard]] bool Next(JsonRecord* record);

  const Status& status() const { return status_; }
  const JsonScanError& error() const { return error_; }
  // The layout in use (kArray or kLines, never kDetect).
  Options::Layout layout() const { return layout_; }

 private:
  JsonRecords(std::istream* in, std::string name, Options options);

  int Peek() {
    if (pos_ == end_ && !Fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  // Takes the next byte; counts lines.
  int Get();
  bool Fill();
  void SkipBlanks();
  void Fail(JsonScanError::Kind kind, int64_t line, const std::string& message,
            int64_t value_line = 0);
  void Start();
  void Descend(const std::vector<std::string>& keys);
  bool CutValue(std::string* out);
  bool NextLine(JsonRecord* record);
  bool NextElement(JsonRecord* record);
  bool Finish();

  std::istream* in_;
  std::string name_;
  Options options_;
  Options::Layout layout_ = Options::Layout::kLines;
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool done_ = false;
  bool any_ = false;          // array: an element was handed on
  bool after_comma_ = false;  // array: the last element ended with ','
  bool closed_ = false;       // array: the last element ended with ']'
  int64_t line_ = 1;          // line of the next byte
  Status status_;
  JsonScanError error_;
};

}  // namespace skillmatch::engine
