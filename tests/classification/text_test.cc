#include "skillmatch/classification/text.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace skillmatch::text {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Maçon / Maçonne"));
  EXPECT_TRUE(IsValidUtf8("gros œuvre, ߒߞߏ, 😀"));
}

TEST(Utf8, RejectsMalformedTextAndSaysWhere) {
  size_t offset = 99;
  EXPECT_FALSE(IsValidUtf8("Ma\xE7on", &offset));  // Latin-1 ç
  EXPECT_EQ(offset, 2u);
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF", &offset));  // overlong '/'
  EXPECT_EQ(offset, 0u);
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80", &offset));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80", &offset));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("ab\xC3", &offset));  // truncated
  EXPECT_EQ(offset, 2u);
}

TEST(Utf8, ProblemSaysWhichByteWhere) {
  EXPECT_EQ(Utf8Problem("caf\xC3\xA9"), "");
  EXPECT_EQ(Utf8Problem("Secr\xE9taire"), "invalid UTF-8 (byte 0xE9 at offset 4)");
  EXPECT_EQ(ToValidUtf8("Secr\xE9taire"), "Secr\xEF\xBF\xBDtaire");
  EXPECT_EQ(ToValidUtf8("\xFF\xFE ok \xC3"), "\xEF\xBF\xBD\xEF\xBF\xBD ok \xEF\xBF\xBD");
  EXPECT_EQ(ToValidUtf8("d\xC3\xA9j\xC3\xA0"), "d\xC3\xA9j\xC3\xA0");
}

// Issue 12: a bad 10 MB cell was quoted whole in messages.
TEST(Quoted, CutsLongValuesAtACharacterBoundary) {
  EXPECT_EQ(Quoted("F17"), "'F17'");
  EXPECT_EQ(Quoted(std::string(60, 'x')), "'" + std::string(60, 'x') + "'");
  EXPECT_EQ(Quoted(std::string(10 << 20, '9')), "'" + std::string(57, '9') + "...'");
  // "é" is two bytes: bytes 56 and 57 of the text; no cut inside it.
  const std::string accents = std::string(56, 'a') + "\xC3\xA9" + std::string(10, 'b');
  EXPECT_EQ(Excerpt(accents), std::string(56, 'a') + "...");
  EXPECT_EQ(Quoted("Secr\xE9taire"), "'Secr\xEF\xBF\xBDtaire'");
  EXPECT_EQ(Excerpt("abcdef", 5), "ab...");
}

TEST(Quoted, JsonParserMessagesQuoteTheirTokenShort) {
  const std::string what =
      "[json.exception.parse_error.101] parse error at line 1, column 9: "
      "syntax error while parsing value - invalid literal; last read: '" +
      std::string(1000, 'x') + "'";
  EXPECT_EQ(BoundedJsonMessage(what),
            "[json.exception.parse_error.101] parse error at line 1, column 9: "
            "syntax error while parsing value - invalid literal; last read: '" +
                std::string(57, 'x') + "...'");
  const std::string expected =
      "syntax error - unexpected; last read: '" + std::string(100, 'y') +
      "'; expected '['";
  EXPECT_EQ(BoundedJsonMessage(expected),
            "syntax error - unexpected; last read: '" + std::string(57, 'y') +
                "...'; expected '['");
  EXPECT_EQ(BoundedJsonMessage("short; last read: 'x'"), "short; last read: 'x'");
  EXPECT_EQ(BoundedJsonMessage("no token"), "no token");
}

TEST(Control, FoundWithTheirOffset) {
  size_t at = 99;
  EXPECT_FALSE(HasControl("Maçon / Maçonne", &at));
  EXPECT_TRUE(HasControl(std::string("Ma\0on", 6), &at));
  EXPECT_EQ(at, 2u);
  EXPECT_TRUE(HasControl("a\tb", &at));
  EXPECT_EQ(at, 1u);
  EXPECT_TRUE(HasControl("x\x7F", &at));
  EXPECT_EQ(at, 1u);
}

TEST(Fold, RemovesCaseAndAccents) {
  EXPECT_EQ(Fold("Boulangère"), "boulangere");
  EXPECT_EQ(Fold("ÉLECTRICIEN"), "electricien");
  EXPECT_EQ(Fold("Maçon"), "macon");
  EXPECT_EQ(Fold("ﬁbre"), "fibre");  // compatibility ligature
  EXPECT_EQ(Fold("Ma\xE7on"), "");     // invalid UTF-8
}

// utf8proc_map over the whole text with Fold's options: the definition
// Fold's code-point-by-code-point fast path must agree with.
std::string FoldWhole(std::string_view text) {
  utf8proc_uint8_t* folded = nullptr;
  const auto options = static_cast<utf8proc_option_t>(
      UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
      UTF8PROC_STRIPMARK | UTF8PROC_STABLE);
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &folded, options);
  if (length < 0) return "<error>";
  std::string out(reinterpret_cast<char*>(folded), static_cast<size_t>(length));
  std::free(folded);
  return out;
}

std::string Encode(int32_t code_point) {
  utf8proc_uint8_t bytes[4];
  const utf8proc_ssize_t length = utf8proc_encode_char(code_point, bytes);
  return std::string(reinterpret_cast<char*>(bytes),
                     static_cast<size_t>(length));
}

TEST(Fold, AgreesWithUtf8procOnEveryCodePoint) {
  int checked = 0;
  for (int32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates: not UTF-8
    const std::string text = Encode(cp);
    ASSERT_EQ(Fold(text), FoldWhole(text)) << "U+" << std::hex << cp;
    ++checked;
  }
  EXPECT_EQ(checked, 0x110000 - 0x800);
}

// Sequences where context could matter: letters followed by several
// combining marks in non-canonical order, ligatures, Hangul, mixed scripts.
TEST(Fold, AgreesWithUtf8procOnMixedText) {
  const std::vector<int32_t> pool = {
      'A',    'e',    'Z',    ' ',    '/',    '0',    0x00C9, 0x00E7,
      0x0153, 0x00C6, 0x0301, 0x0327, 0x0345, 0x0323, 0x0308, 0x1E9E,
      0x00DF, 0x0130, 0x03A3, 0x03C2, 0xFB01, 0xAC00, 0x1100, 0x1161,
      0x2019, 0x00A0, 0x0640, 0x07CA, 0x1F600, 0x2460, 0x0F71, 0x0F72};
  std::mt19937 random(12345);
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
  std::uniform_int_distribution<int> size(1, 12);
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text;
    for (int k = size(random); k > 0; --k) text += Encode(pool[pick(random)]);
    ASSERT_EQ(Fold(text), FoldWhole(text)) << text;
  }
  EXPECT_EQ(Fold("Ingénieur ÉTUDES & Développement œuvre ﬁbre"),
            FoldWhole("Ingénieur ÉTUDES & Développement œuvre ﬁbre"));
}

}  // namespace
}  // namespace skillmatch::text
