// Days, months and the periods statistics are published for.
//
// A day is an int: days since 1970-01-01 (proleptic Gregorian calendar, the
// civil calendar extended backwards), so 0 is 1970-01-01 and -1 is
// 1969-12-31. A month is an int too: year * 12 + (month - 1), so 2025-01 is
// 24300. Both are plain integers so that spells read from the store are cheap
// to hold and compare. A day is the model's Date::days_since_epoch()
// (skillmatch/model/date.h), and the conversions below are Date's (one
// calendar for the engine): Date::FromDaysSinceEpoch(day) gives the Date.
//
// A Period is a run of whole months: a calendar month, a calendar quarter or
// the rolling twelve months ending with a month. Every figure of this library
// is computed for a Period, which it carries with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::engine::stats {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Days since 1970-01-01 of a valid civil date of years 0..9999 (no check
// of the day; see ParseDay).
int DayFromCivil(CivilDate date);
CivilDate CivilFromDay(int day);

// "YYYY-MM-DD" -> day; InvalidArgument "expected a date (YYYY-MM-DD), got
// 'TEXT'" for anything else, including 2025-02-30.
Result<int> ParseDay(std::string_view text);
std::string FormatDay(int day);  // "YYYY-MM-DD"

// Months: year * 12 + (month - 1).
inline int MonthIndex(int year, int month) { return year * 12 + month - 1; }
int MonthOfDay(int day);
int FirstDayOfMonth(int month_index);
int LastDayOfMonth(int month_index);
// "YYYY-MM" -> month index; InvalidArgument "expected a month (YYYY-MM), got
// 'TEXT'".
Result<int> ParseMonth(std::string_view text);
std::string FormatMonth(int month_index);  // "YYYY-MM"

enum class PeriodKind {
  kMonth,     // one calendar month, label "2025-03"
  kQuarter,   // Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec, label "2025-Q1"
  kRolling12  // twelve months ending with last_month, label "2024-04/2025-03"
};

struct Period {
  PeriodKind kind = PeriodKind::kMonth;
  int first_month = 0;  // month index, inclusive
  int last_month = 0;   // month index, inclusive

  int months() const { return last_month - first_month + 1; }
  int first_day() const { return FirstDayOfMonth(first_month); }
  int last_day() const { return LastDayOfMonth(last_month); }
  bool Contains(int day) const {
    return day >= first_day() && day <= last_day();
  }
  std::string Label() const;

  static Period Month(int month_index);
  // The calendar quarter holding month_index.
  static Period Quarter(int month_index);
  static Period Rolling12(int last_month_index);

  friend bool operator==(const Period&, const Period&) = default;
  // Chronological by last month, then longer first.
  friend bool operator<(const Period& a, const Period& b) {
    if (a.last_month != b.last_month) return a.last_month < b.last_month;
    return a.first_month < b.first_month;
  }
};

// The periods of `kind` lying wholly inside months [first_month, last_month],
// in chronological order (for kRolling12, one per month from first_month + 11).
std::vector<Period> PeriodsWithin(PeriodKind kind, int first_month,
                                  int last_month);

// "month", "quarter", "rolling12".
std::string_view PeriodKindName(PeriodKind kind);

}  // namespace skillmatch::engine::stats
