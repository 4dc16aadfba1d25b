#include "french.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace skillmatch::pages {

namespace {

// "1234567" -> "1 234 567" (digits only).
std::string GroupThousands(const std::string& digits) {
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += kNarrowNbsp;
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string FormatInteger(int64_t value) {
  const bool negative = value < 0;
  // Through unsigned so that INT64_MIN has a magnitude.
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value)
                                : static_cast<uint64_t>(value);
  // Appended, not `"-" + text`: GCC 12 warns falsely (-Wrestrict) on that.
  std::string out = negative ? "-" : "";
  return out.append(GroupThousands(std::to_string(magnitude)));
}

std::string FormatDecimal(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  if (decimals < 0) decimals = 0;
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(std::fabs(value) * scale);
  const bool negative = value < 0 && rounded > 0;
  const double whole = std::floor(rounded / scale);
  std::string out = negative ? "-" : "";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.0f", whole);
  out += GroupThousands(buffer);
  if (decimals > 0) {
    std::snprintf(buffer, sizeof buffer, "%0*.0f", decimals, rounded - whole * scale);
    out += ",";
    out += buffer;
  }
  return out;
}

std::string FormatPercent(double fraction, int decimals) {
  return FormatDecimal(fraction * 100.0, decimals) + std::string(kNbsp) + "%";
}

std::optional<std::string> FormatDate(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[i] < '0' || iso[i] > '9') return std::nullopt;
  }
  if (iso.size() > 10 && iso[10] != 'T' && iso[10] != ' ') return std::nullopt;
  std::string out;
  out += iso.substr(8, 2);
  out += '/';
  out += iso.substr(5, 2);
  out += '/';
  out += iso.substr(0, 4);
  return out;
}

std::string FormatTimestamp(std::string_view iso) {
  std::optional<std::string> day = FormatDate(iso.substr(0, 10));
  if (!day || iso.size() < 19 || iso[10] != 'T') return std::string(iso);
  return *day + " " + std::string(iso.substr(11, 8)) + " UTC";
}

std::string FormatDay(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[16];
  std::strftime(out, sizeof out, "%d/%m/%Y", &tm);
  return out;
}

std::string FrenchTypography(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' && i + 1 < text.size()) {
      const char next = text[i + 1];
      if (next == ':') {
        out += kNbsp;
        continue;
      }
      if (next == ';' || next == '!' || next == '?') {
        out += kNarrowNbsp;
        continue;
      }
      // " »" (U+00BB is C2 BB in UTF-8)
      if (next == '\xC2' && i + 2 < text.size() && text[i + 2] == '\xBB') {
        out += kNbsp;
        continue;
      }
    }
    // "« " -> "«" + no-break space
    if (c == '\xC2' && i + 2 < text.size() && text[i + 1] == '\xAB' && text[i + 2] == ' ') {
      out += "\xC2\xAB";
      out += kNbsp;
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

std::string FormatSize(uint64_t bytes) {
  constexpr uint64_t kKiB = 1024;
  constexpr uint64_t kMiB = kKiB * kKiB;
  auto in = [&](uint64_t unit, const char* name) {
    const int decimals = bytes % unit == 0 ? 0 : 1;
    return FormatDecimal(static_cast<double>(bytes) / static_cast<double>(unit), decimals) +
           std::string(kNbsp) + name;
  };
  if (bytes >= kMiB) return in(kMiB, "Mio");
  if (bytes >= kKiB) return in(kKiB, "Kio");
  return FormatInteger(static_cast<int64_t>(bytes)) + std::string(kNbsp) + "octets";
}

}  // namespace skillmatch::pages
