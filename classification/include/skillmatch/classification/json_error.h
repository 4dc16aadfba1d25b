// Messages for the exceptions of nlohmann::json, the same in every reader:
//
//   bundle.json:3:14: invalid JSON: syntax error while parsing object -
//   unexpected string literal; expected '}'
//
// nlohmann's own text, "[json.exception.parse_error.101] parse error at line
// 3, column 14: syntax error ...", carries an id that means nothing to the
// person fixing the file and a position inside the parsed text. The helpers
// drop the id and, where the text's place in the file is known, turn the
// position into the file's "file:line:column: " prefix (status.h).
//
// Callers catch the exception where the data is read (nlohmann::json::
// exception, or std::exception) and pass it here; the helpers take
// std::exception so that this header does not need nlohmann's.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

namespace skillmatch::classification {

// What an exception of nlohmann::json says, in parts.
struct JsonErrorPlace {
  // 1-based line and column of a parse error inside the parsed text, as
  // nlohmann counts them (a column counts bytes); 0 when the exception has
  // no position (a type error, a number out of range).
  int64_t line = 0;
  int64_t column = 0;
  // The text without the "[json.exception.<kind>.<id>] " id and, when
  // line > 0, without the "parse error at line L, column C: " position.
  std::string reason;
};
JsonErrorPlace DescribeJsonError(const std::exception& error);

// The exception's text without its id, the position left in it:
//   "parse error at line 1, column 2: syntax error while parsing value -
//   invalid literal; last read: 'no'"
// For messages whose place in the file is given another way (a record's
// line and a field, as the offer import reports).
std::string JsonErrorText(const std::exception& error);

// "<name>:<line>:<column>: invalid JSON: <reason>" for an exception thrown
// while parsing a text that starts at line `first_line` of file `name`.
// The line is first_line + (the error's line in the text - 1). The column
// is the error's column when the text starts a line of the file
// (`starts_line`: a whole document, a JSON Lines line) or when the error is
// past the text's first line; otherwise (an element of an array that starts
// mid-line) it is not known, and the message reads
// "<name>:<line>: invalid JSON: <text with its own position>". An exception
// without a position gives "<name>:<first_line>: invalid JSON: <reason>",
// or "<name>: invalid JSON: <reason>" when first_line is 0.
std::string InvalidJsonMessage(std::string_view name,
                               const std::exception& error,
                               int64_t first_line = 1, bool starts_line = true);

}  // namespace skillmatch::classification
