// The second factor's QR code (tools/server/qr.h), read back by zbar.
#include "qr.h"

#include <gtest/gtest.h>

#include "server/qr_decode.h"
#include "totp.h"

namespace skillmatch::server {
namespace {

using testing::BitmapOfSvg;
using testing::BitmapOfTerminal;
using testing::QrBitmap;
using testing::ZbarRead;

const std::string kUri = OtpAuthUri("skillmatch", "aminata.diallo",
                                    "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a"
                                    "\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14");

TEST(Qr, TheSvgReadsBackAsTheUri) {
  Result<QrCode> code = EncodeQr(kUri);
  ASSERT_TRUE(code.ok()) << code.status().message();
  std::optional<QrBitmap> bitmap = BitmapOfSvg(QrSvg(*code, "clé"));
  ASSERT_TRUE(bitmap.has_value());
  EXPECT_EQ(ZbarRead(*bitmap), kUri + "\n");
}

TEST(Qr, TheSvgDrawsEveryModuleInsideAFourModuleQuietZone) {
  Result<QrCode> code = EncodeQr(kUri);
  ASSERT_TRUE(code.ok());
  std::optional<QrBitmap> bitmap = BitmapOfSvg(QrSvg(*code, "clé"));
  ASSERT_TRUE(bitmap.has_value());
  ASSERT_EQ(bitmap->side, code->side + 8);
  int dark = 0;
  for (int row = 0; row < bitmap->side; ++row) {
    for (int column = 0; column < bitmap->side; ++column) {
      const bool inside = row >= 4 && column >= 4 && row < code->side + 4 &&
                          column < code->side + 4;
      const bool expected = inside && code->Dark(row - 4, column - 4);
      EXPECT_EQ(bitmap->Dark(row, column), expected) << row << "," << column;
      dark += expected;
    }
  }
  // A symbol is about half dark; the three finder patterns alone are 3 x 33.
  EXPECT_GT(dark, 99);
  EXPECT_LT(dark, code->side * code->side);
}

TEST(Qr, TheTerminalDrawingReadsBackAsTheUri) {
  Result<QrCode> code = EncodeQr(kUri);
  ASSERT_TRUE(code.ok());
  const std::string text = QrTerminal(*code);
  std::optional<QrBitmap> bitmap = BitmapOfTerminal(text);
  ASSERT_TRUE(bitmap.has_value()) << text;
  EXPECT_EQ(bitmap->side, code->side + 8);
  EXPECT_EQ(ZbarRead(*bitmap), kUri + "\n");
}

TEST(Qr, AnotherKeyIsAnotherSymbol) {
  const std::string other = OtpAuthUri("skillmatch", "aminata.diallo", std::string(20, 'k'));
  Result<QrCode> code = EncodeQr(other);
  ASSERT_TRUE(code.ok());
  std::optional<QrBitmap> bitmap = BitmapOfSvg(QrSvg(*code, "clé"));
  ASSERT_TRUE(bitmap.has_value());
  EXPECT_EQ(ZbarRead(*bitmap), other + "\n");
  EXPECT_NE(other, kUri);
}

TEST(Qr, TheLabelIsEscaped) {
  Result<QrCode> code = EncodeQr("x");
  ASSERT_TRUE(code.ok());
  const std::string svg = QrSvg(*code, "a\"><script>alert(1)</script>&'");
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;\""),
            std::string::npos)
      << svg;
}

TEST(Qr, NothingAndTooMuchAreRefused) {
  Result<QrCode> empty = EncodeQr("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.status().message(), "a QR code of nothing");
  // Version 40 at level M holds 2,331 bytes.
  Result<QrCode> largest = EncodeQr(std::string(2331, 'a'));
  ASSERT_TRUE(largest.ok()) << largest.status().message();
  EXPECT_EQ(largest->side, 177);
  Result<QrCode> over = EncodeQr(std::string(2332, 'a'));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(over.status().message(), "a text of 2332 bytes does not fit in a QR code");
}

}  // namespace
}  // namespace skillmatch::server
