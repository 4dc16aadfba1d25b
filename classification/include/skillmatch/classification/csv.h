// A streaming RFC 4180 CSV reader and a writer.
//
// The reader handles quoted fields with separators, doubled quotes and line
// breaks inside them, CRLF or LF line ends, and a leading UTF-8 byte order
// mark. It streams: memory holds one record, not the file. Each record knows
// the physical line (1-based) at which it starts, so errors can say
// "file:line:column: message".
//
// Blank lines (nothing between two line ends) are skipped: they are not
// records. Not thread-safe; one reader per thread.
#pragma once

#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::csv {

struct Options {
  // Field separator. ',' by RFC 4180; ';' and '\t' are common in PES exports.
  char delimiter = ',';
  // When true, a quote inside an unquoted field or text after a closing quote
  // is an error. When false both are kept as literal text (some real exports
  // need this).
  bool strict_quotes = true;
};

class Reader {
 public:
  // Opens `path`. The name used in messages is the path as given.
  static Result<std::unique_ptr<Reader>> Open(const std::string& path,
                                              Options options = {});
  // Reads from an in-memory text; `name` is used in messages.
  static std::unique_ptr<Reader> FromString(std::string name, std::string text,
                                            Options options = {});
  // Reads from a stream the caller keeps alive while the reader is used.
  static std::unique_ptr<Reader> FromStream(std::string name, std::istream* in,
                                            Options options = {});

  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  ~Reader();

  // Reads the next record into `fields`. Returns false at the end of input or
  // on a malformed record; then status() tells which (OK at the end).
  bool Next(std::vector<std::string>* fields);

  // Physical line (1-based) at which the record last returned by Next starts.
  int64_t record_line() const { return record_line_; }
  // Number of records returned so far.
  int64_t record_count() const { return record_count_; }
  const Status& status() const { return status_; }
  const std::string& name() const { return name_; }

 private:
  Reader(std::string name, std::istream* in, Options options);
  bool Fill();  // refills buf_; false at end of input

  std::string name_;
  std::unique_ptr<std::istream> owned_;
  std::istream* in_;
  Options options_;
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool started_ = false;  // BOM check done
  int64_t line_ = 1;      // current physical line
  int64_t record_line_ = 0;
  int64_t record_count_ = 0;
  Status status_;
};

// Maps header names to column indexes for one file.
class Header {
 public:
  Header() = default;
  explicit Header(std::vector<std::string> names);
  // Index of `name`, or -1.
  int Find(std::string_view name) const;
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
};

// Quotes `field` if it holds the delimiter, a quote, CR or LF, or starts
// with U+FEFF (which the reader drops as a byte order mark at the start of
// a file unless it is inside quotes).
std::string Escape(std::string_view field, char delimiter = ',');
// Writes one record followed by "\n".
void WriteRow(std::ostream& out, const std::vector<std::string>& fields,
              char delimiter = ',');

}  // namespace skillmatch::csv
