// A calendar day: the one date type of the engine.
//
//   std::optional<Date> date = Date::Parse("2026-11-22");
//   date->AddDays(30).ToString();            // "2026-12-22"
//   DaysBetween(*date, Date::Today());       // days from the first to the second
//
// Dates are proleptic Gregorian days, years 0000 to 9999, written
// YYYY-MM-DD (ISO 8601, the form of every file and JSON record the engine
// reads or writes). Parse is strict: exactly ten characters, digits where
// digits go, a real calendar day (2024-02-29 exists, 2026-02-29 and
// 2026-04-31 do not); no trailing time, no blanks. Callers that accept other
// forms (the import's date_formats) convert to a Date themselves.
//
// Today() is the current day in UTC from the system clock: the engine runs
// on servers whose local zone is not the PES's, and every country served so
// far (UTC+0 to UTC+1) agrees with UTC on the date for most of the day.
//
// A Date is a small value (one integer), trivially copyable, thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skillmatch::engine {

class Date {
 public:
  // The form Parse accepts, for messages: "expected a date YYYY-MM-DD".
  static constexpr std::string_view kForm = "YYYY-MM-DD";

  // 1970-01-01.
  constexpr Date() = default;

  // The day, or nullopt when `text` is not a real YYYY-MM-DD day.
  static std::optional<Date> Parse(std::string_view text);
  // The day of a year, month (1-12) and day (1-31); nullopt when it does
  // not exist or the year is outside 0..9999.
  static std::optional<Date> FromCivil(int year, int month, int day);
  // The day `days` after 1970-01-01 (negative: before).
  static constexpr Date FromDaysSinceEpoch(int32_t days) { return Date(days); }
  // The current day in UTC.
  static Date Today();

  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  int32_t days_since_epoch() const { return days_; }

  // YYYY-MM-DD.
  std::string ToString() const;
  // `days` later (earlier when negative).
  Date AddDays(int32_t days) const { return Date(days_ + days); }

  friend constexpr auto operator<=>(Date, Date) = default;
  friend constexpr bool operator==(Date, Date) = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;  // since 1970-01-01
};

// Days from `from` to `to`: positive when `to` is later.
inline int32_t DaysBetween(Date from, Date to) {
  return to.days_since_epoch() - from.days_since_epoch();
}

bool IsLeapYear(int year);

}  // namespace skillmatch::engine
