// The streaming scanner of JSON records shared by the profile/offer readers
// and the offer import: layouts, pointers, lines, the size cap, damage.
#include "skillmatch/model/json_records.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

namespace skillmatch::engine {
namespace {

using nlohmann::json;
using Kind = JsonScanError::Kind;
using Layout = JsonRecordsOptions::Layout;

struct Scan {
  Status open;  // the status of Open
  std::vector<std::string> texts;
  std::vector<int64_t> lines;
  std::vector<std::string> problems;  // one per record, "" when none
  Status status;                      // after the last Next
  JsonScanError error;
  Layout layout = Layout::kDetect;
};

Scan ScanText(const std::string& content, JsonRecordsOptions options = {}) {
  std::istringstream in(content);
  Scan scan;
  auto records = JsonRecords::Open(&in, "f.json", std::move(options));
  if (!records.ok()) {
    scan.open = records.status();
    scan.status = records.status();
    return scan;
  }
  scan.layout = (*records)->layout();
  JsonRecord record;
  while ((*records)->Next(&record)) {
    scan.texts.push_back(record.text);
    scan.lines.push_back(record.line);
    scan.problems.push_back(record.problem);
  }
  scan.status = (*records)->status();
  scan.error = (*records)->error();
  return scan;
}

JsonRecordsOptions Array(std::string pointer = "") {
  JsonRecordsOptions options;
  options.layout = Layout::kArray;
  options.pointer = std::move(pointer);
  return options;
}

JsonRecordsOptions Lines() {
  JsonRecordsOptions options;
  options.layout = Layout::kLines;
  return options;
}

TEST(JsonRecords, ArrayElementsAndTheirLines) {
  Scan scan = ScanText(
      "\n  [\n  {\"id\": \"a\"},\n  {\"id\": \"b\",\n   \"n\": 2},"
      " 7 ,\"s\",\n  [1, [2]]\n]\n\n");
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  EXPECT_EQ(scan.layout, Layout::kArray);
  // Text runs from the element's first byte to the separator.
  EXPECT_EQ(scan.texts, (std::vector<std::string>{
                            "{\"id\": \"a\"}", "{\"id\": \"b\",\n   \"n\": 2}",
                            "7 ", "\"s\"", "[1, [2]]\n"}));
  EXPECT_EQ(scan.lines, (std::vector<int64_t>{3, 4, 5, 5, 6}));
}

TEST(JsonRecords, EmptyArraysAndEmptyFiles) {
  EXPECT_TRUE(ScanText(" [ ] \n").texts.empty());
  EXPECT_TRUE(ScanText(" [ ] \n").status.ok());
  Scan empty = ScanText("");
  EXPECT_TRUE(empty.status.ok());
  EXPECT_EQ(empty.layout, Layout::kLines);
  EXPECT_TRUE(empty.texts.empty());
}

TEST(JsonRecords, StringsHideBracketsBracesQuotesAndNewlines) {
  const std::string element =
      R"({"a": "], [ } { \" \\", "b": "x\ny", "c": "\\", "d": ",]"})";
  Scan scan = ScanText("[" + element + ",\n\"]\\\"\"]");
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  ASSERT_EQ(scan.texts.size(), 2u);
  EXPECT_EQ(scan.texts[0], element);
  EXPECT_EQ(json::parse(scan.texts[0])["a"], "], [ } { \" \\");
  EXPECT_EQ(scan.texts[1], "\"]\\\"\"");
  EXPECT_EQ(scan.lines, (std::vector<int64_t>{1, 2}));

  // A raw newline inside a string is invalid JSON, but still a new line.
  scan = ScanText("[\"a\nb\",\n 1]");
  ASSERT_TRUE(scan.status.ok());
  EXPECT_EQ(scan.lines, (std::vector<int64_t>{1, 3}));
}

TEST(JsonRecords, JsonLinesWithBlankLinesCrlfAndNoFinalNewline) {
  Scan scan = ScanText("\n{\"id\":\"a\"}\r\n   \r\n\t\n{\"id\":\"[b\"}\r\n7");
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  EXPECT_EQ(scan.layout, Layout::kLines);
  // The '\r' of CRLF stays: it is a JSON blank.
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"{\"id\":\"a\"}\r",
                                                  "{\"id\":\"[b\"}\r", "7"}));
  EXPECT_EQ(scan.lines, (std::vector<int64_t>{2, 5, 6}));
}

// The layout can be forced: a line that starts with '[' is a record.
TEST(JsonRecords, ForcedLayouts) {
  Scan scan = ScanText("[1, 2]\n[3]\n", Lines());
  ASSERT_TRUE(scan.status.ok());
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"[1, 2]", "[3]"}));

  scan = ScanText("\n {\"a\": 1}", Array());
  EXPECT_EQ(scan.open.code(), StatusCode::kDataError);
  EXPECT_EQ(scan.open.message(), "f.json:2: expected an array of records");
}

TEST(JsonRecords, ByteOrderMark) {
  Scan scan = ScanText("\xEF\xBB\xBF[{\"id\":\"a\"}]");
  ASSERT_TRUE(scan.status.ok());
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"{\"id\":\"a\"}"}));
  scan = ScanText("\xEF\xBB\xBF{\"id\":\"a\"}\n");
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"{\"id\":\"a\"}"}));
  scan = ScanText("\xEF\xBB[]");
  EXPECT_EQ(scan.open.message(),
            "f.json:1: invalid JSON: invalid byte at the start of the file");
}

TEST(JsonRecords, PointerToANestedArray) {
  const std::string document =
      "{\n"
      "  \"feed\": \"x ] } [ {\",\n"
      "  \"count\": 2, \"flag\": true, \"none\": null,\n"
      "  \"data\": {\n"
      "    \"meta\": {\"offres\": [\"not these\"], \"n\": [1, {\"a\": "
      "\"]\"}]},\n"
      "    \"off\\\"res\": [],\n"
      "    \"offres\": [\n"
      "      {\"ref\": \"A1\"},\n"
      "      {\"ref\": \"A2\"}\n"
      "    ],\n"
      "    \"after\": [\"not read\"\n";  // the rest of the document is not read
  Scan scan = ScanText(document, Array("/data/offres"));
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"{\"ref\": \"A1\"}",
                                                  "{\"ref\": \"A2\"}\n    "}));
  EXPECT_EQ(scan.lines, (std::vector<int64_t>{8, 9}));
}

TEST(JsonRecords, PointerKeysAreUnescaped) {
  Scan scan = ScanText("{\"a/b\": {\"c~d\": [1]}}", Array("/a~1b/c~0d"));
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"1"}));
  // A key written with escapes is decoded before it is compared.
  scan = ScanText("{\"\\u0064ata\": [2]}", Array("/data"));
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"2"}));
}

TEST(JsonRecords, PointerNotInTheDocument) {
  Scan scan = ScanText("{\"data\": {\"offers\": []},\n \"x\": 1\n}",
                       Array("/data/offres"));
  EXPECT_EQ(scan.open.code(), StatusCode::kDataError);
  EXPECT_EQ(scan.open.message(),
            "f.json:1: no key 'offres' (records /data/offres)");

  scan = ScanText("{\"data\": {\"offers\": []},\n \"x\": 1\n}", Array("/date"));
  EXPECT_EQ(scan.open.message(), "f.json:3: no key 'date' (records /date)");

  scan = ScanText("{\"data\": [\n[]]}", Array("/data/offres"));
  EXPECT_EQ(scan.open.message(),
            "f.json:1: expected an object holding 'offres' (records "
            "/data/offres)");

  scan = ScanText("{\"data\":\n {\"offres\": 3}}", Array("/data/offres"));
  EXPECT_EQ(scan.open.message(),
            "f.json:2: expected an array of records at /data/offres");

  scan = ScanText("{\"data\" 1}", Array("/data"));
  EXPECT_EQ(scan.open.message(), "f.json:1: invalid JSON: expected ':'");

  scan = ScanText("[]", Array("no-slash"));
  EXPECT_EQ(scan.open.message(), "f.json:1: invalid JSON pointer 'no-slash'");
}

TEST(JsonRecords, LineLongerThanTheCapIsARecordProblem) {
  JsonRecordsOptions options = Lines();
  options.max_record_bytes = 8;
  Scan scan = ScanText("12345678\n123456789\n\"ok\"\n", options);
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"12345678", "", "\"ok\""}));
  EXPECT_EQ(scan.problems,
            (std::vector<std::string>{"", "record longer than 8 bytes", ""}));
  EXPECT_EQ(scan.lines, (std::vector<int64_t>{1, 2, 3}));
}

TEST(JsonRecords, ElementLongerThanTheCapStopsTheScan) {
  JsonRecordsOptions options;
  options.max_record_bytes = 8;
  Scan scan = ScanText("[\"123456\",\n\"1234567\"]", options);
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"\"123456\""}));
  EXPECT_EQ(scan.status.code(), StatusCode::kDataError);
  EXPECT_EQ(scan.status.message(), "f.json:2: record longer than 8 bytes");
  EXPECT_EQ(scan.error.kind, Kind::kTooLong);
}

// Issue 12: '[' x 100,000 crashed the readers (stack overflow). The scanner
// counts the depth, so no caller parses such a record.
TEST(JsonRecords, LineNestedDeeperThanTheCapIsARecordProblem) {
  JsonRecordsOptions options = Lines();
  options.max_depth = 3;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Scan scan = ScanText(
      "[[[1]]]\n[[[[1]]]]\n" + deep + "\n[\"[[[[\"]\n{\"a\":[{\"b\":[]}]}\n",
      options);
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"[[[1]]]", "", "",
                                                  "[\"[[[[\"]", ""}));
  const std::string problem = "record nesting deeper than 3 levels";
  EXPECT_EQ(scan.problems,
            (std::vector<std::string>{"", problem, problem, "", problem}));
  EXPECT_EQ(scan.lines, (std::vector<int64_t>{1, 2, 3, 4, 5}));
}

TEST(JsonRecords, ElementNestedDeeperThanTheCapIsARecordProblem) {
  JsonRecordsOptions options;
  options.max_depth = 3;
  // Deeper than the read buffer too: the element is skipped, not kept.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  Scan scan = ScanText("[[[1]],\n" + deep + ",\n{\"a\":\"]]]]\"}]", options);
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  EXPECT_EQ(scan.texts,
            (std::vector<std::string>{"[[1]]", "", "{\"a\":\"]]]]\"}"}));
  EXPECT_EQ(scan.problems,
            (std::vector<std::string>{"", "record nesting deeper than 3 levels",
                                      ""}));
  EXPECT_EQ(scan.lines, (std::vector<int64_t>{1, 2, 3}));
}

TEST(JsonRecords, DefaultDepthCapIs64) {
  Scan ok = ScanText(std::string(64, '[') + std::string(64, ']') + "\n");
  EXPECT_EQ(ok.problems, (std::vector<std::string>{""}));
  Scan deep = ScanText("[" + std::string(65, '[') + std::string(65, ']') + "]");
  ASSERT_TRUE(deep.status.ok()) << deep.status.message();
  EXPECT_EQ(deep.problems,
            (std::vector<std::string>{"record nesting deeper than 64 levels"}));
}

TEST(JsonRecords, ValuesSkippedOnTheWayToThePointerMayNestDeeper) {
  JsonRecordsOptions options = Array("/data");
  options.max_depth = 3;
  Scan scan = ScanText("{\"other\": [[[[1]]]], \"data\": [[1]]}", options);
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"[1]"}));
}

// Elements much larger than the read buffer, cut across its refills.
TEST(JsonRecords, ElementsSpanningManyReads) {
  std::string big = "{\"text\": \"";
  for (int idx = 0; big.size() < 300000; ++idx) {
    big += idx % 7 == 0 ? "\\\"],{" : "abc\\\\";
  }
  big += "\"}";
  Scan scan = ScanText("[" + big + ",\n" + big + "]");
  ASSERT_TRUE(scan.status.ok()) << scan.status.message();
  ASSERT_EQ(scan.texts.size(), 2u);
  EXPECT_EQ(scan.texts[0], big);
  EXPECT_EQ(scan.texts[1], big);
  EXPECT_EQ(scan.lines, (std::vector<int64_t>{1, 2}));
}

TEST(JsonRecords, TruncatedInput) {
  // Inside an element: where it starts is kept for the message.
  Scan scan = ScanText("[{\"id\":\"a\"},\n{\"id\":\"b\n");
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"{\"id\":\"a\"}"}));
  EXPECT_EQ(scan.status.message(),
            "f.json:3: invalid JSON: unexpected end of file in the element "
            "starting at line 2");
  EXPECT_EQ(scan.error.kind, Kind::kEndInValue);
  EXPECT_EQ(scan.error.line, 3);
  EXPECT_EQ(scan.error.value_line, 2);

  // After a complete element: it is handed on first.
  scan = ScanText("[{\"id\":\"a\"},\n{\"id\":\"b\"}\n");
  EXPECT_EQ(scan.texts.size(), 2u);
  EXPECT_EQ(scan.status.message(),
            "f.json:3: invalid JSON: unexpected end of file, expected ']'");
  EXPECT_EQ(scan.error.kind, Kind::kEndAfterValue);

  // Where an element is due.
  for (const std::string& content : {"[", "[1,\n"}) {
    scan = ScanText(content);
    EXPECT_EQ(scan.error.kind, Kind::kEndBeforeValue) << content;
  }

  // In the walk to the pointer.
  scan = ScanText("{\"skip\": {\"a\": [1,\n2", Array("/data"));
  EXPECT_EQ(scan.open.message(),
            "f.json:2: invalid JSON: unexpected end of file in the value "
            "starting at line 1");
}

TEST(JsonRecords, DamagedArraysStopTheScan) {
  Scan scan = ScanText("[1,\n]");
  EXPECT_EQ(scan.status.message(),
            "f.json:2: invalid JSON: expected a value, got ']'");
  EXPECT_EQ(scan.error.kind, Kind::kMissingValue);

  scan = ScanText("[1,,2]");
  EXPECT_EQ(scan.status.message(),
            "f.json:1: invalid JSON: expected a value, got ','");

  scan = ScanText("[1]\n{\"id\":\"b\"}\n");
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"1"}));
  EXPECT_EQ(scan.status.message(),
            "f.json:2: invalid JSON: unexpected text after the closing ']'");
  EXPECT_EQ(scan.error.kind, Kind::kTextAfterArray);

  // What lies between two separators is one record, for the parser to
  // judge.
  scan = ScanText("[{\"a\":1} x, 2 3]");
  ASSERT_TRUE(scan.status.ok());
  EXPECT_EQ(scan.texts, (std::vector<std::string>{"{\"a\":1} x", "2 3"}));
}

TEST(JsonRecords, RewordReplacesTheMessage) {
  JsonRecordsOptions options;
  int calls = 0;
  options.reword = [&calls](const JsonScanError& error, Status status) {
    ++calls;
    EXPECT_EQ(status.message(),
              "f.json:2: invalid JSON: unexpected end of file in the "
              "element starting at line 1");
    return Status::DataError("cut at " + std::to_string(error.value_line));
  };
  Scan scan = ScanText("[{\n", options);
  EXPECT_EQ(scan.status.message(), "cut at 1");
  EXPECT_EQ(calls, 1);
}

// A stream whose reads fail after the first bytes.
class FailingBuffer : public std::streambuf {
 protected:
  int_type underflow() override {
    if (served_) throw std::runtime_error("disk gone");
    served_ = true;
    setg(text_, text_, text_ + 4);
    return traits_type::to_int_type(text_[0]);
  }

 private:
  char text_[5] = "[1, ";
  bool served_ = false;
};

TEST(JsonRecords, ReadErrors) {
  FailingBuffer buffer;
  std::istream in(&buffer);
  auto records = JsonRecords::Open(&in, "f.json");
  Status status = records.ok() ? Status::Ok() : records.status();
  if (records.ok()) {
    JsonRecord record;
    while ((*records)->Next(&record)) {
    }
    status = (*records)->status();
  }
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(), "f.json: read error");
}

// Random documents of random values with random blanks: the records cut
// out parse to the elements the whole document parses to (the oracle).
TEST(JsonRecords, RandomArraysMatchAWholeParse) {
  std::mt19937 rng(20261110);
  auto pick = [&rng](int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(rng);
  };
  const std::vector<std::string> kBlanks = {"", " ", "\n", "\r\n", "\t \n"};
  const std::string kChars = "ab,[]{}\"\\:\n/";
  std::function<json(int)> value = [&](int depth) -> json {
    switch (depth > 2 ? pick(4) : pick(6)) {
      case 0:
        return pick(1000) - 500;
      case 1:
        return pick(2) == 1;
      case 2:
        return nullptr;
      case 3: {
        std::string text;
        for (int len = pick(8); len > 0; --len) text += kChars[pick(12)];
        return text;
      }
      case 4: {
        json array = json::array();
        for (int len = pick(4); len > 0; --len) {
          array.push_back(value(depth + 1));
        }
        return array;
      }
      default: {
        json object = json::object();
        for (int len = pick(4); len > 0; --len) {
          object[std::string(1, kChars[pick(12)])] = value(depth + 1);
        }
        return object;
      }
    }
  };
  for (int doc_idx = 0; doc_idx < 200; ++doc_idx) {
    json elements = json::array();
    for (int len = pick(6); len > 0; --len) elements.push_back(value(0));
    std::string document = kBlanks[pick(5)] + "[";
    std::vector<int64_t> expected_lines;
    for (size_t elem_idx = 0; elem_idx < elements.size(); ++elem_idx) {
      if (elem_idx > 0) document += kBlanks[pick(5)] + ",";
      document += kBlanks[pick(5)];
      expected_lines.push_back(
          1 + std::count(document.begin(), document.end(), '\n'));
      document += elements[elem_idx].dump(pick(2) == 1 ? 1 : -1);
    }
    document += kBlanks[pick(5)] + "]" + kBlanks[pick(5)];
    Scan scan = ScanText(document);
    ASSERT_TRUE(scan.status.ok()) << scan.status.message() << "\n" << document;
    ASSERT_EQ(scan.texts.size(), elements.size()) << document;
    for (size_t elem_idx = 0; elem_idx < elements.size(); ++elem_idx) {
      EXPECT_EQ(json::parse(scan.texts[elem_idx]), elements[elem_idx])
          << document;
    }
    EXPECT_EQ(scan.lines, expected_lines) << document;
  }
}

}  // namespace
}  // namespace skillmatch::engine
