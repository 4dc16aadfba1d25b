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
