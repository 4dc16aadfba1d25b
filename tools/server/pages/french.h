// French formatting of numbers, percentages, dates and punctuation, as the
// pages show them: "12 345" (thousands by a narrow no-break space U+202F),
// "3,5" (decimal comma), "87 %" (no-break space U+00A0 before %),
// "07/12/2026", and a no-break space before ":" (U+00A0) and before ";",
// "!", "?" (U+202F), as the Imprimerie nationale's rules have it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skillmatch::pages {

inline constexpr std::string_view kNarrowNbsp = "\u202F";
inline constexpr std::string_view kNbsp = "\u00A0";

// 12345 -> "12 345"; -1234567 -> "-1 234 567".
std::string FormatInteger(int64_t value);
// 1234.5, 2 -> "1 234,50"; rounded half away from zero.
std::string FormatDecimal(double value, int decimals);
// 0.87 -> "87 %"; 0.8749, 1 -> "87,5 %". `fraction` is a share (1 = 100 %).
std::string FormatPercent(double fraction, int decimals = 0);
// "2026-12-07" or "2026-12-07T10:00:00Z" -> "07/12/2026"; nullopt if the
// text does not start with a date YYYY-MM-DD.
std::optional<std::string> FormatDate(std::string_view iso);
// "2026-12-07T09:30:00Z" -> "07/12/2026 09:30:00 UTC" (the store's times);
// the text as it is when it does not start so.
std::string FormatTimestamp(std::string_view iso);
// Unix seconds (UTC) -> "07/12/2026 à 14:05"... without the time: date only.
std::string FormatDay(int64_t unix_seconds);
// A plain space (or none) before : ; ! ? becomes the no-break space French
// wants; « and » get one inside. ":" right after a letter or digit with no
// space before it (a time "14:05", a URL "http:") is left alone.
std::string FrenchTypography(std::string_view text);
// A size in bytes as French writes it: 1048576 -> "1 Mio", 1536 -> "1,5 Kio",
// 900 -> "900 octets" (binary units, no-break space before the unit).
std::string FormatSize(uint64_t bytes);

}  // namespace skillmatch::pages
