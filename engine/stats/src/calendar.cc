#include "skillmatch/stats/calendar.h"

#include <cstdio>

namespace skillmatch::engine::stats {

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": eras of
// 400 years (146097 days) starting on 0000-03-01, so that the leap day is the
// last day of a (March-based) year.
int DayFromCivil(CivilDate date) {
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;                          // [0, 399]
  const int mp = (date.month + 9) % 12;                   // March = 0
  const int doy = (153 * mp + 2) / 5 + date.day - 1;      // [0, 365]
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDay(int day) {
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  CivilDate date;
  date.day = doy - (153 * mp + 2) / 5 + 1;
  date.month = mp < 10 ? mp + 3 : mp - 9;
  date.year = yoe + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

namespace {

// Digits only, exactly `text.size()` of them.
bool ParseDigits(std::string_view text, int* value) {
  if (text.empty()) return false;
  int result = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    result = result * 10 + (c - '0');
  }
  *value = result;
  return true;
}

}  // namespace

Result<int> ParseDay(std::string_view text) {
  CivilDate date;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
      !ParseDigits(text.substr(0, 4), &date.year) ||
      !ParseDigits(text.substr(5, 2), &date.month) ||
      !ParseDigits(text.substr(8, 2), &date.day) || date.month < 1 ||
      date.month > 12 || date.day < 1 ||
      date.day >
          CivilFromDay(LastDayOfMonth(MonthIndex(date.year, date.month))).day) {
    return Status::InvalidArgument("expected a date (YYYY-MM-DD), got '" +
                                   std::string(text) + "'");
  }
  return DayFromCivil(date);
}

std::string FormatDay(int day) {
  const CivilDate date = CivilFromDay(day);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month,
                date.day);
  return buffer;
}

int MonthOfDay(int day) {
  const CivilDate date = CivilFromDay(day);
  return MonthIndex(date.year, date.month);
}

int FirstDayOfMonth(int month_index) {
  const int year =
      month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
  return DayFromCivil({year, month_index - year * 12 + 1, 1});
}

int LastDayOfMonth(int month_index) {
  return FirstDayOfMonth(month_index + 1) - 1;
}

Result<int> ParseMonth(std::string_view text) {
  int year = 0, month = 0;
  if (text.size() != 7 || text[4] != '-' ||
      !ParseDigits(text.substr(0, 4), &year) ||
      !ParseDigits(text.substr(5, 2), &month) || month < 1 || month > 12) {
    return Status::InvalidArgument("expected a month (YYYY-MM), got '" +
                                   std::string(text) + "'");
  }
  return MonthIndex(year, month);
}

std::string FormatMonth(int month_index) {
  const CivilDate date = CivilFromDay(FirstDayOfMonth(month_index));
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", date.year, date.month);
  return buffer;
}

Period Period::Month(int month_index) {
  return {PeriodKind::kMonth, month_index, month_index};
}

Period Period::Quarter(int month_index) {
  const int first = month_index - (((month_index % 12) + 12) % 12) % 3;
  return {PeriodKind::kQuarter, first, first + 2};
}

Period Period::Rolling12(int last_month_index) {
  return {PeriodKind::kRolling12, last_month_index - 11, last_month_index};
}

std::string Period::Label() const {
  switch (kind) {
    case PeriodKind::kMonth:
      return FormatMonth(first_month);
    case PeriodKind::kQuarter: {
      const std::string month = FormatMonth(first_month);
      const int quarter = (std::stoi(month.substr(5, 2)) - 1) / 3 + 1;
      return month.substr(0, 4) + "-Q" + std::to_string(quarter);
    }
    case PeriodKind::kRolling12:
      return FormatMonth(first_month) + "/" + FormatMonth(last_month);
  }
  return "";
}

std::vector<Period> PeriodsWithin(PeriodKind kind, int first_month,
                                  int last_month) {
  std::vector<Period> periods;
  for (int month = first_month; month <= last_month; ++month) {
    Period period;
    switch (kind) {
      case PeriodKind::kMonth:
        period = Period::Month(month);
        break;
      case PeriodKind::kQuarter:
        period = Period::Quarter(month);
        if (period.last_month != month) continue;
        break;
      case PeriodKind::kRolling12:
        period = Period::Rolling12(month);
        break;
    }
    if (period.first_month >= first_month) periods.push_back(period);
  }
  return periods;
}

std::string_view PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kMonth:
      return "month";
    case PeriodKind::kQuarter:
      return "quarter";
    case PeriodKind::kRolling12:
      return "rolling12";
  }
  return "";
}

}  // namespace skillmatch::engine::stats
