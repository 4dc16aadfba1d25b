#include "skillmatch/classification/text.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace skillmatch::text
