// Reading back the QR codes the server draws (tools/server/qr.h), with an
// independent reader: zbar's zbarimg (Debian's zbar-tools), which shares no
// code with libqrencode or qr.cc. The drawings are turned back into bitmaps
// here, scaled up into a PBM image and handed to zbarimg.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "support/shell.h"
#include "support/temp_dir.h"

namespace skillmatch::testing {

// A square of modules, row by row, true for dark; quiet zone included.
struct QrBitmap {
  int side = 0;
  std::vector<bool> dark;

  bool Dark(int row, int column) const { return dark[row * side + column]; }
};

// The bitmap of an SVG QrSvg drew: the side from its viewBox, then every
// subpath "Mx yhWv1h-Wz" of its black path made dark. None when the SVG has
// no viewBox or a subpath of another shape.
inline std::optional<QrBitmap> BitmapOfSvg(const std::string& svg) {
  static const std::regex view_box("viewBox=\"0 0 ([0-9]+) ([0-9]+)\"");
  static const std::regex path("<path fill=\"#000\" d=\"([^\"]*)\"");
  static const std::regex run("^M([0-9]+) ([0-9]+)h([0-9]+)v1h-([0-9]+)z");
  std::smatch match;
  if (!std::regex_search(svg, match, view_box) || match[1] != match[2]) return std::nullopt;
  QrBitmap bitmap;
  bitmap.side = std::stoi(match[1]);
  bitmap.dark.assign(static_cast<size_t>(bitmap.side) * bitmap.side, false);
  if (!std::regex_search(svg, match, path)) return std::nullopt;
  std::string d = match[1];
  while (!d.empty()) {
    if (!std::regex_search(d, match, run) || match[3] != match[4]) return std::nullopt;
    const int x = std::stoi(match[1]), y = std::stoi(match[2]), w = std::stoi(match[3]);
    if (y >= bitmap.side || x + w > bitmap.side) return std::nullopt;
    for (int i = 0; i < w; ++i) bitmap.dark[y * bitmap.side + x + i] = true;
    d = match.suffix();
  }
  return bitmap;
}

// The bitmap of a terminal drawing (QrTerminal): each character two modules
// one above the other, the blocks light (U+2588 both, U+2580 the upper, U+2584
// the lower), a space both dark. None for another character or ragged lines.
inline std::optional<QrBitmap> BitmapOfTerminal(const std::string& text) {
  const std::string full = "\u2588", upper = "\u2580", lower = "\u2584";
  std::vector<std::vector<bool>> rows;  // light modules
  for (const std::string& line : Lines(text)) {
    std::vector<bool> top, bottom;
    for (size_t i = 0; i < line.size();) {
      if (line[i] == ' ') {
        top.push_back(false), bottom.push_back(false), ++i;
      } else if (line.compare(i, 3, full) == 0) {
        top.push_back(true), bottom.push_back(true), i += 3;
      } else if (line.compare(i, 3, upper) == 0) {
        top.push_back(true), bottom.push_back(false), i += 3;
      } else if (line.compare(i, 3, lower) == 0) {
        top.push_back(false), bottom.push_back(true), i += 3;
      } else {
        return std::nullopt;
      }
    }
    rows.push_back(top);
    rows.push_back(bottom);
  }
  if (rows.empty()) return std::nullopt;
  QrBitmap bitmap;
  bitmap.side = static_cast<int>(rows[0].size());
  // An odd side leaves the last line's lower half unused (printed dark).
  if (static_cast<int>(rows.size()) == bitmap.side + 1) rows.pop_back();
  if (static_cast<int>(rows.size()) != bitmap.side) return std::nullopt;
  for (const std::vector<bool>& row : rows) {
    if (static_cast<int>(row.size()) != bitmap.side) return std::nullopt;
    for (bool light : row) bitmap.dark.push_back(!light);
  }
  return bitmap;
}

// What zbarimg reads in `bitmap`, drawn 4 pixels a module: the text of each
// symbol found, a line each ("" when none).
inline std::string ZbarRead(const QrBitmap& bitmap) {
  constexpr int kScale = 4;
  const int pixels = bitmap.side * kScale;
  // Binary PBM: rows of bits, most significant first, 1 for black.
  std::string pbm = "P4\n" + std::to_string(pixels) + " " + std::to_string(pixels) + "\n";
  for (int y = 0; y < pixels; ++y) {
    for (int x = 0; x < pixels; x += 8) {
      unsigned char byte = 0;
      for (int bit = 0; bit < 8 && x + bit < pixels; ++bit) {
        if (bitmap.Dark(y / kScale, (x + bit) / kScale)) byte |= 0x80 >> bit;
      }
      pbm += static_cast<char>(byte);
    }
  }
  TempDir scratch;
  scratch.Write("qr.pbm", pbm);
  Outcome read = Shell("zbarimg --raw -q " + scratch.Child("qr.pbm"), scratch);
  return read.code == 0 ? read.out : "";
}

}  // namespace skillmatch::testing
