#include "skillmatch/stats/calendar.h"

#include <cstdio>
#include <optional>

#include "skillmatch/model/date.h"

namespace skillmatch::engine::stats {

// The civil calendar is the model's (date.h: Howard Hinnant's algorithms,
// one implementation for the engine); these are its int-day views.
int DayFromCivil(CivilDate date) {
  // The first of the month, then the days: out-of-range days roll over as
  // in days_from_civil, which the contract leaves unchecked anyway.
  return Date::FromCivil(date.year, date.month, 1)->days_since_epoch() +
         date.day - 1;
}

CivilDate CivilFromDay(int day) {
  const Date date = Date::FromDaysSinceEpoch(day);
  return CivilDate{date.year(), date.month(), date.day()};
}

Result<int> ParseDay(std::string_view text) {
  const std::optional<Date> date = Date::Parse(text);
  if (!date) {
    return Status::InvalidArgument("expected a date (YYYY-MM-DD), got '" +
                                   std::string(text) + "'");
  }
  return date->days_since_epoch();
}

std::string FormatDay(int day) {
  return Date::FromDaysSinceEpoch(day).ToString();
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
  // A month is a day's first ten characters but the day: Date checks both.
  const std::optional<Date> first =
      text.size() == 7 ? Date::Parse(std::string(text) + "-01") : std::nullopt;
  if (!first) {
    return Status::InvalidArgument("expected a month (YYYY-MM), got '" +
                                   std::string(text) + "'");
  }
  return MonthIndex(first->year(), first->month());
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
