#include "qr.h"

#include <qrencode.h>

#include <memory>

#include "pages/html.h"

namespace skillmatch::server {

namespace {

constexpr int kQuietZone = 4;  // modules of light border, ISO/IEC 18004

}  // namespace

Result<QrCode> EncodeQr(std::string_view text) {
  if (text.empty()) return Status::InvalidArgument("a QR code of nothing");
  std::unique_ptr<QRcode, void (*)(QRcode*)> symbol(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      QRcode_free);
  if (!symbol) {
    return Status::InvalidArgument("a text of " + std::to_string(text.size()) +
                                   " bytes does not fit in a QR code");
  }
  QrCode code;
  code.side = symbol->width;
  code.dark.resize(static_cast<size_t>(code.side) * code.side);
  // libqrencode: one byte a module, its lowest bit set when dark.
  for (size_t i = 0; i < code.dark.size(); ++i) code.dark[i] = (symbol->data[i] & 1) != 0;
  return code;
}

std::string QrSvg(const QrCode& code, std::string_view label, int scale) {
  const int size = code.side + 2 * kQuietZone;
  const std::string pixels = std::to_string(size * scale);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" +
                    pages::Escape(label) + "\" width=\"" + pixels + "\" height=\"" + pixels +
                    "\" viewBox=\"0 0 " + std::to_string(size) + " " + std::to_string(size) +
                    "\" shape-rendering=\"crispEdges\"><rect width=\"" + std::to_string(size) +
                    "\" height=\"" + std::to_string(size) + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  // One subpath per run of dark modules in a row: a shorter path than one
  // square per module, the same picture.
  for (int row = 0; row < code.side; ++row) {
    for (int column = 0; column < code.side;) {
      if (!code.Dark(row, column)) {
        ++column;
        continue;
      }
      int end = column;
      while (end < code.side && code.Dark(row, end)) ++end;
      out += "M" + std::to_string(column + kQuietZone) + " " + std::to_string(row + kQuietZone) +
             "h" + std::to_string(end - column) + "v1h-" + std::to_string(end - column) + "z";
      column = end;
    }
  }
  out += "\"/></svg>";
  return out;
}

std::string QrTerminal(const QrCode& code) {
  const int size = code.side + 2 * kQuietZone;
  // Light (printed) at (row, column) of the symbol with its quiet zone.
  auto light = [&](int row, int column) {
    row -= kQuietZone;
    column -= kQuietZone;
    if (row < 0 || column < 0 || row >= code.side || column >= code.side) return true;
    return !code.Dark(row, column);
  };
  std::string out;
  for (int row = 0; row < size; row += 2) {
    for (int column = 0; column < size; ++column) {
      const bool top = light(row, column);
      const bool bottom = row + 1 < size && light(row + 1, column);
      out += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
    }
    out += '\n';
  }
  return out;
}

}  // namespace skillmatch::server
