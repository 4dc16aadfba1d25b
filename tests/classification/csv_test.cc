#include "skillmatch/classification/csv.h"

#include <gtest/gtest.h>

#include <sstream>

namespace skillmatch::csv {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text,
                                              Options options = {},
                                              Status* status = nullptr,
                                              std::vector<int64_t>* lines = nullptr) {
  auto reader = Reader::FromString("t.csv", text, options);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  while (reader->Next(&fields)) {
    rows.push_back(fields);
    if (lines) lines->push_back(reader->record_line());
  }
  if (status) *status = reader->status();
  return rows;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, PlainRowsWithLfAndCrlf) {
  EXPECT_EQ(ReadAll("a,b\n1,2\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(ReadAll("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(ReadAll("a,b\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));  // no final EOL
}

TEST(CsvReader, EmptyFieldsAreKept) {
  EXPECT_EQ(ReadAll(",x,\n"), (Rows{{"", "x", ""}}));
  EXPECT_EQ(ReadAll("a,\r\n"), (Rows{{"a", ""}}));
}

TEST(CsvReader, QuotedFieldsWithDelimitersQuotesAndNewlines) {
  std::vector<int64_t> lines;
  Status status;
  Rows rows = ReadAll(
      "id,label\n"
      "1,\"Car, taxi and van drivers\"\n"
      "2,\"say \"\"hi\"\"\"\n"
      "3,\"line one\r\nline two\nline three\"\r\n"
      "4,end\n",
      {}, &status, &lines);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1][1], "Car, taxi and van drivers");
  EXPECT_EQ(rows[2][1], "say \"hi\"");
  EXPECT_EQ(rows[3][1], "line one\r\nline two\nline three");
  // Physical line numbers of each record's start.
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 3, 4, 7}));
}

TEST(CsvReader, BlankLinesAreSkippedButCounted) {
  std::vector<int64_t> lines;
  Rows rows = ReadAll("a\n\n\r\nb\n", {}, nullptr, &lines);
  EXPECT_EQ(rows, (Rows{{"a"}, {"b"}}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 4}));
}

TEST(CsvReader, ByteOrderMarkIsIgnored) {
  EXPECT_EQ(ReadAll("\xEF\xBB\xBF" "code,label\n"), (Rows{{"code", "label"}}));
}

TEST(CsvReader, OtherDelimiter) {
  Options options;
  options.delimiter = ';';
  EXPECT_EQ(ReadAll("a;\"b;c\";d,e\n", options), (Rows{{"a", "b;c", "d,e"}}));
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineWhereItOpened) {
  Status status;
  Rows rows = ReadAll("a,b\n1,\"open\n2,3\n", {}, &status);
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_EQ(status.code(), StatusCode::kDataError);
  EXPECT_EQ(status.message(),
            "t.csv:2:2: unterminated quoted field (missing closing '\"')");
}

TEST(CsvReader, StrayQuotesAreErrorsWhenStrictAndTextWhenNot) {
  Status status;
  ReadAll("a,b\n1,ab\"c\n", {}, &status);
  EXPECT_EQ(status.message(), "t.csv:2:2: quote inside an unquoted field");
  ReadAll("x\n\"ab\"c,d\n", {}, &status);
  EXPECT_EQ(status.message(), "t.csv:2:1: unexpected character after closing quote");

  Options lenient;
  lenient.strict_quotes = false;
  EXPECT_EQ(ReadAll("1,ab\"c\n\"ab\"c,d\n", lenient, &status),
            (Rows{{"1", "ab\"c"}, {"abc", "d"}}));
  EXPECT_TRUE(status.ok());
}

TEST(CsvReader, StreamsAcrossBufferBoundaries) {
  // Records far larger than the reader's 64 KiB buffer, quotes straddling it.
  std::string big(200000, 'x');
  std::string text = "h\n\"" + big + "\"\"\"\n" + big + "\n";
  Status status;
  Rows rows = ReadAll(text, {}, &status);
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], big + "\"");
  EXPECT_EQ(rows[2][0], big);
}

TEST(CsvReader, MissingFileIsNotFound) {
  auto reader = Reader::Open("/nonexistent/x.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(reader.status().message(), "/nonexistent/x.csv: cannot open file");
}

TEST(CsvWriter, EscapesOnlyWhenNeededAndRoundTrips) {
  EXPECT_EQ(Escape("plain"), "plain");
  EXPECT_EQ(Escape("a,b"), "\"a,b\"");
  EXPECT_EQ(Escape("say \"x\""), "\"say \"\"x\"\"\"");
  EXPECT_EQ(Escape("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(Escape("a;b", ';'), "\"a;b\"");

  std::vector<std::string> row = {"", "a,b", "q\"", "l1\r\nl2", "é"};
  std::ostringstream out;
  WriteRow(out, row);
  WriteRow(out, row);
  EXPECT_EQ(ReadAll(out.str()), (Rows{row, row}));
}

// A field that starts with U+FEFF: written unquoted as the first field of a
// file, the reader took it for the byte order mark and dropped it, so the
// value came back three bytes short. Quoted, it survives; a BOM inside a
// field is left as it is.
TEST(CsvWriter, QuotesAFieldThatStartsWithAByteOrderMark) {
  const std::string bom = "\xEF\xBB\xBF";
  EXPECT_EQ(Escape(bom + "code"), "\"" + bom + "code\"");
  EXPECT_EQ(Escape(bom), "\"" + bom + "\"");
  EXPECT_EQ(Escape(bom + "a;b", ';'), "\"" + bom + "a;b\"");
  EXPECT_EQ(Escape("x" + bom), "x" + bom);
  EXPECT_EQ(Escape("\xEF\xBB"), "\xEF\xBB");  // a prefix of it: not a BOM

  const std::vector<std::string> row = {bom + "code", bom, "x" + bom};
  std::ostringstream out;
  WriteRow(out, row);
  WriteRow(out, row);
  EXPECT_EQ(ReadAll(out.str()), (Rows{row, row}));
  // With a real byte order mark before it, the file still reads the same.
  EXPECT_EQ(ReadAll(bom + out.str()), (Rows{row, row}));
}

TEST(CsvHeader, FindsColumnsByName) {
  Header header({"code", "label", "lang"});
  EXPECT_EQ(header.Find("label"), 1);
  EXPECT_EQ(header.Find("missing"), -1);
}

}  // namespace
}  // namespace skillmatch::csv
