// The one wording of nlohmann::json's exceptions (json_error.h), on texts
// whose error positions are counted by hand in the comments.
#include "skillmatch/classification/json_error.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace skillmatch::classification {
namespace {

// The message for the exception that parsing `text` throws.
std::string MessageFor(const std::string& text, int64_t first_line = 1,
                       bool starts_line = true) {
  try {
    (void)nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return InvalidJsonMessage("f.json", e, first_line, starts_line);
  }
  ADD_FAILURE() << "no exception for " << text;
  return "";
}

TEST(JsonError, ParseErrorsGetTheFilesLineAndColumn) {
  // '}' is the 11th byte of the first line.
  EXPECT_EQ(MessageFor("{\"id\":\"b\",}"),
            "f.json:1:11: invalid JSON: syntax error while parsing object "
            "key - unexpected '}'; expected string literal");
  // The same text as the JSON Lines line 42 of a file.
  EXPECT_EQ(MessageFor("{\"id\":\"b\",}", 42),
            "f.json:42:11: invalid JSON: syntax error while parsing object "
            "key - unexpected '}'; expected string literal");
  // Line 2 of the text, 3rd byte ("\"x\"" after two blanks).
  EXPECT_EQ(MessageFor("{\"a\": 1\n  \"x\": 2}"),
            "f.json:2:5: invalid JSON: syntax error while parsing object - "
            "unexpected string literal; expected '}'");
}

TEST(JsonError, AnElementStartingMidLineKeepsTheParsersPosition) {
  // On the element's first line the file's column is not known.
  EXPECT_EQ(MessageFor("{\"id\":\"b\",}", 5, /*starts_line=*/false),
            "f.json:5: invalid JSON: parse error at line 1, column 11: syntax "
            "error while parsing object key - unexpected '}'; expected string "
            "literal");
  // Past it, a line starts in the file too: line 5 + 1, column 5.
  EXPECT_EQ(MessageFor("{\"a\": 1\n  \"x\": 2}", 5, /*starts_line=*/false),
            "f.json:6:5: invalid JSON: syntax error while parsing object - "
            "unexpected string literal; expected '}'");
}

TEST(JsonError, ErrorsWithoutPositionKeepTheLineTheyWereGiven) {
  EXPECT_EQ(MessageFor("[1e400]", 3),
            "f.json:3: invalid JSON: number overflow parsing '1e400'");
  EXPECT_EQ(MessageFor("[1e400]", 0),
            "f.json: invalid JSON: number overflow parsing '1e400'");
  try {
    (void)nlohmann::json(7).get<std::string>();
    ADD_FAILURE();
  } catch (const nlohmann::json::exception& e) {
    const JsonErrorPlace place = DescribeJsonError(e);
    EXPECT_EQ(place.line, 0);
    EXPECT_EQ(place.column, 0);
    EXPECT_EQ(place.reason, "type must be string, but is number");
    EXPECT_EQ(JsonErrorText(e), "type must be string, but is number");
  }
}

TEST(JsonError, TextWithoutTheIdKeepsThePosition) {
  try {
    (void)nlohmann::json::parse("not json");
    ADD_FAILURE();
  } catch (const nlohmann::json::exception& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind("[json.exception.parse_error.101] ", 0),
        0u);
    EXPECT_EQ(JsonErrorText(e),
              "parse error at line 1, column 2: syntax error while parsing "
              "value - invalid literal; last read: 'no'");
    const JsonErrorPlace place = DescribeJsonError(e);
    EXPECT_EQ(place.line, 1);
    EXPECT_EQ(place.column, 2);
  }
  // Other exceptions pass through whole.
  EXPECT_EQ(JsonErrorText(std::runtime_error("[x] y")), "[x] y");
}

}  // namespace
}  // namespace skillmatch::classification
