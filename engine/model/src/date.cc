#include "skillmatch/model/date.h"

#include <chrono>
#include <cstdio>

namespace skillmatch::engine {

namespace {

// Howard Hinnant's days_from_civil and civil_from_days
// (http://howardhinnant.github.io/date_algorithms.html): exact for every
// proleptic Gregorian day, no table, no time zone.
int32_t DaysFromCivil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);            // [0, 399]
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;         // [0, 146096]
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

struct Civil {
  int year;
  unsigned month;
  unsigned day;
};

Civil CivilFromDays(int32_t days) {
  days += 719468;
  const int era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const int year = static_cast<int>(yoe) + era * 400 + (month <= 2);
  return {year, month, day};
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

std::optional<Date> Date::FromCivil(int year, int month, int day) {
  if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1) {
    return std::nullopt;
  }
  static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30,
                                         31, 31, 30, 31, 30, 31};
  int days = kDaysInMonth[month - 1];
  if (month == 2 && IsLeapYear(year)) days = 29;
  if (day > days) return std::nullopt;
  return Date(DaysFromCivil(year, static_cast<unsigned>(month),
                            static_cast<unsigned>(day)));
}

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  for (size_t pos : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(text[pos])) return std::nullopt;
  }
  auto number = [&](size_t pos, size_t len) {
    int value = 0;
    for (size_t idx = pos; idx < pos + len; ++idx) {
      value = value * 10 + (text[idx] - '0');
    }
    return value;
  };
  return FromCivil(number(0, 4), number(5, 2), number(8, 2));
}

Date Date::Today() {
  // system_clock counts UTC (Unix time); floor to whole days.
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now);
  return Date(static_cast<int32_t>(days.time_since_epoch().count()));
}

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return static_cast<int>(CivilFromDays(days_).month); }
int Date::day() const { return static_cast<int>(CivilFromDays(days_).day); }

std::string Date::ToString() const {
  const Civil civil = CivilFromDays(days_);
  char buffer[40];  // room for any int, though years are 0..9999
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", civil.year,
                civil.month, civil.day);
  return buffer;
}

}  // namespace skillmatch::engine
