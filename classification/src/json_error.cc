#include "skillmatch/classification/json_error.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

#include "skillmatch/classification/text.h"

namespace skillmatch::classification {

namespace {

// "[json.exception.parse_error.101] text" -> "text".
std::string WithoutId(const std::string& what) {
  if (what.rfind("[json.exception.", 0) == 0) {
    const size_t close = what.find("] ");
    if (close != std::string::npos) return what.substr(close + 2);
  }
  return what;
}

// Reads the digits at `text[*at]`, moving past them; -1 if there are none.
int64_t Number(const std::string& text, size_t* at) {
  int64_t value = 0;
  size_t idx = *at;
  while (idx < text.size() && text[idx] >= '0' && text[idx] <= '9') {
    value = value * 10 + (text[idx] - '0');
    ++idx;
  }
  if (idx == *at) return -1;
  *at = idx;
  return value;
}

}  // namespace

JsonErrorPlace DescribeJsonError(const std::exception& error) {
  JsonErrorPlace place;
  const std::string text = WithoutId(text::BoundedJsonMessage(error.what()));
  place.reason = text;
  // nlohmann 3.x: "parse error at line L, column C: reason" (only parse
  // errors have it; other texts are kept whole).
  if (dynamic_cast<const nlohmann::json::parse_error*>(&error) == nullptr) {
    return place;
  }
  static constexpr std::string_view kAtLine = "parse error at line ";
  static constexpr std::string_view kColumn = ", column ";
  if (text.rfind(kAtLine, 0) != 0) return place;
  size_t at = kAtLine.size();
  const int64_t line = Number(text, &at);
  if (line <= 0 || text.compare(at, kColumn.size(), kColumn) != 0) {
    return place;
  }
  at += kColumn.size();
  const int64_t column = Number(text, &at);
  if (column < 0 || text.compare(at, 2, ": ") != 0) return place;
  place.line = line;
  place.column = column;
  place.reason = text.substr(at + 2);
  return place;
}

std::string JsonErrorText(const std::exception& error) {
  return WithoutId(text::BoundedJsonMessage(error.what()));
}

std::string InvalidJsonMessage(std::string_view name,
                               const std::exception& error, int64_t first_line,
                               bool starts_line) {
  const JsonErrorPlace place = DescribeJsonError(error);
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on
  // ":" + std::to_string(...).
  std::string out(name);
  if (place.line == 0) {
    if (first_line > 0) {
      out += ':';
      out += std::to_string(first_line);
    }
    out += ": invalid JSON: ";
    out += place.reason;
    return out;
  }
  out += ':';
  out += std::to_string(std::max<int64_t>(first_line, 1) + place.line - 1);
  if (starts_line || place.line > 1) {
    out += ':';
    out += std::to_string(place.column);
    out += ": invalid JSON: ";
    out += place.reason;
  } else {
    out += ": invalid JSON: ";
    out += JsonErrorText(error);
  }
  return out;
}

}  // namespace skillmatch::classification
