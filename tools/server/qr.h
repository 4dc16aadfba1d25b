// QR codes of the second factor's otpauth URI, so that an authenticator app
// scans the key instead of having it typed (32 base32 characters). Debian's
// libqrencode makes the symbol (byte mode, error correction level M); it is
// drawn here as inline SVG, one path of dark squares inside the four-module
// quiet zone the standard asks for, so that the page needs no image file, no
// script and no request that would carry the key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::server {

// A QR symbol: `side` x `side` modules, row by row, true for dark; no quiet
// zone.
struct QrCode {
  int side = 0;
  std::vector<bool> dark;

  bool Dark(int row, int column) const { return dark[row * side + column]; }
};

// The symbol of `text`, the smallest version that holds it at level M;
// kInvalidArgument when `text` is empty or longer than a symbol holds
// (2,331 bytes at level M).
[[nodiscard]] Result<QrCode> EncodeQr(std::string_view text);

// `code` as an SVG element: a white square with the quiet zone around one
// black path (a unit square per dark module, `scale` pixels each), with
// role="img" and `label` (escaped) as its accessible name.
std::string QrSvg(const QrCode& code, std::string_view label, int scale = 4);

// `code` as text for a terminal (`skillmatch users totp enable --qr`), two
// rows of modules a line with the half blocks U+2580, U+2584 and U+2588,
// quiet zone included. Light modules are the ones printed as blocks, for a
// terminal's light text on a dark background; a phone reads the symbol
// either way round.
std::string QrTerminal(const QrCode& code);

}  // namespace skillmatch::server
