#include "skillmatch/classification/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace skillmatch::text {

bool IsValidUtf8(std::string_view text, size_t* bad_offset) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t pos = 0;
  while (pos < size) {
    // ASCII eight bytes at a time: the store checks every text it binds
    // (offer documents of a few kilobytes, mostly ASCII).
    while (pos + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, bytes + pos, 8);
      if (word & 0x8080808080808080ull) break;
      pos += 8;
    }
    if (pos >= size) break;
    unsigned char lead = bytes[pos];
    if (lead < 0x80) {
      ++pos;
      continue;
    }
    size_t length;
    unsigned min_second = 0x80, max_second = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) min_second = 0xA0;  // overlong
      if (lead == 0xED) max_second = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) min_second = 0x90;  // overlong
      if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
    } else {
      if (bad_offset) *bad_offset = pos;
      return false;
    }
    bool good = pos + length <= size && bytes[pos + 1] >= min_second &&
                bytes[pos + 1] <= max_second;
    for (size_t k = 2; good && k < length; ++k) {
      good = bytes[pos + k] >= 0x80 && bytes[pos + k] <= 0xBF;
    }
    if (!good) {
      if (bad_offset) *bad_offset = pos;
      return false;
    }
    pos += length;
  }
  return true;
}

std::string Utf8Problem(std::string_view text) {
  size_t bad = 0;
  if (IsValidUtf8(text, &bad)) return std::string();
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(text[bad]);
  std::string out = "invalid UTF-8 (byte 0x";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xF];
  out += " at offset " + std::to_string(bad) + ")";
  return out;
}

namespace {

constexpr auto kFoldOptions = static_cast<utf8proc_option_t>(
    UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
    UTF8PROC_STRIPMARK | UTF8PROC_STABLE);

// utf8proc's own folding of `text`; empty on invalid UTF-8.
std::string FoldByUtf8proc(std::string_view text) {
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &folded, kFoldOptions);
  if (length < 0) return std::string();
  std::string out(reinterpret_cast<char*>(folded), static_cast<size_t>(length));
  std::free(folded);
  return out;
}

// Folded forms of the two-byte code points U+0080..U+07FF (Latin-1, Latin
// Extended, Greek, Cyrillic...: nearly every non-ASCII letter of French and
// English text), computed once.
const std::array<std::string, 0x800>& TwoByteFolds() {
  static const std::array<std::string, 0x800> table = [] {
    std::array<std::string, 0x800> folds;
    for (unsigned cp = 0x80; cp < 0x800; ++cp) {
      const char bytes[2] = {static_cast<char>(0xC0 | (cp >> 6)),
                             static_cast<char>(0x80 | (cp & 0x3F))};
      folds[cp] = FoldByUtf8proc(std::string_view(bytes, 2));
    }
    return folds;
  }();
  return table;
}

}  // namespace

// Code point by code point, which gives what utf8proc_map gives for the whole
// text: without composition, decomposition and case folding act on each code
// point alone, and the only context-dependent step, the canonical reordering
// of combining marks, is undone by stripping those marks.
// (text_test.cc compares the two over every code point.)
std::string Fold(std::string_view text) {
  if (!IsValidUtf8(text)) return std::string();
  const std::array<std::string, 0x800>& two_byte = TwoByteFolds();
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char lead = bytes[pos];
    if (lead < 0x80) {
      out.push_back(static_cast<char>(
          lead >= 'A' && lead <= 'Z' ? lead + ('a' - 'A') : lead));
      ++pos;
    } else if (lead < 0xE0) {
      out += two_byte[((lead & 0x1Fu) << 6) | (bytes[pos + 1] & 0x3Fu)];
      pos += 2;
    } else {
      const size_t length = lead < 0xF0 ? 3 : 4;
      out += FoldByUtf8proc(text.substr(pos, length));
      pos += length;
    }
  }
  return out;
}

std::string ToValidUtf8(std::string_view text) {
  size_t bad = 0;
  if (IsValidUtf8(text, &bad)) return std::string(text);
  std::string out(text.substr(0, bad));
  for (;;) {
    out += "\xEF\xBF\xBD";  // U+FFFD
    text.remove_prefix(bad + 1);
    if (IsValidUtf8(text, &bad)) break;
    out += text.substr(0, bad);
  }
  out += text;
  return out;
}

std::string Excerpt(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  constexpr std::string_view kEllipsis = "...";
  size_t cut = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  // Back to the start of the character at `cut` (continuation bytes are
  // 10xxxxxx); at most three steps in valid UTF-8.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  std::string out;
  out.reserve(cut + kEllipsis.size());
  out.append(text.data(), cut);
  out += kEllipsis;
  return out;
}

std::string Quoted(std::string_view text) {
  // Appends rather than "'" + std::string(text) + "'", which GCC 12 warns
  // about falsely (-Wrestrict) once inlined.
  // Only the start can be shown; a bad byte grows to three in U+FFFD.
  const std::string shown =
      Excerpt(ToValidUtf8(text.substr(0, 4 * kMaxQuotedBytes)));
  std::string out;
  out.reserve(shown.size() + 2);
  out += '\'';
  out += shown;
  out += '\'';
  return out;
}

std::string BoundedJsonMessage(std::string_view what) {
  constexpr std::string_view kLastRead = "last read: '";
  const size_t start = what.find(kLastRead);
  if (start == std::string_view::npos) return std::string(what);
  const size_t token = start + kLastRead.size();
  // The token ends at "'; expected ..." or at the closing quote at the end.
  size_t end = what.rfind("'; expected ");
  if (end == std::string_view::npos || end < token) {
    end = !what.empty() && what.back() == '\'' ? what.size() - 1 : what.size();
  }
  if (end < token) return std::string(what);
  std::string out(what.substr(0, token));
  // (A longer token's first 240 bytes are over 60 bytes: "..." is added.)
  out += Excerpt(ToValidUtf8(
      what.substr(token, std::min<size_t>(end - token, 4 * kMaxQuotedBytes))));
  out += what.substr(end);
  return out;
}

bool HasControl(std::string_view text, size_t* offset) {
  for (size_t pos = 0; pos < text.size(); ++pos) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x20 || c == 0x7F) {
      if (offset) *offset = pos;
      return true;
    }
  }
  return false;
}

}  // namespace skillmatch::text
