#include "skillmatch/stats/calendar.h"

#include <gtest/gtest.h>

namespace skillmatch::engine::stats {
namespace {

TEST(CalendarTest, DaysSinceEpochOfKnownDates) {
  // Reference values from Python's datetime (date - date(1970, 1, 1)).days.
  EXPECT_EQ(DayFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DayFromCivil({1969, 12, 31}), -1);
  EXPECT_EQ(DayFromCivil({2000, 3, 1}), 11017);
  EXPECT_EQ(DayFromCivil({2024, 2, 29}), 19782);
  EXPECT_EQ(DayFromCivil({2025, 1, 1}), 20089);
  EXPECT_EQ(DayFromCivil({1900, 3, 1}), -25508);
  EXPECT_EQ(DayFromCivil({2100, 2, 28}), 47540);
}

TEST(CalendarTest, RoundTripsEveryDayOfFourCenturies) {
  int previous_month = MonthOfDay(DayFromCivil({1899, 12, 31}));
  for (int day = DayFromCivil({1900, 1, 1}); day < DayFromCivil({2300, 1, 1});
       ++day) {
    const CivilDate date = CivilFromDay(day);
    ASSERT_EQ(DayFromCivil(date), day);
    const int month = MonthOfDay(day);
    if (month != previous_month) {
      ASSERT_EQ(month, previous_month + 1);
      ASSERT_EQ(FirstDayOfMonth(month), day);
      ASSERT_EQ(LastDayOfMonth(previous_month), day - 1);
      previous_month = month;
    }
  }
}

TEST(CalendarTest, ParsesAndFormatsDaysAndMonths) {
  EXPECT_EQ(ParseDay("2024-02-29").value(), 19782);
  EXPECT_EQ(FormatDay(19782), "2024-02-29");
  EXPECT_EQ(ParseMonth("2025-01").value(), 24300);
  EXPECT_EQ(FormatMonth(24300), "2025-01");
  EXPECT_EQ(FormatMonth(MonthOfDay(19782)), "2024-02");
}

TEST(CalendarTest, RejectsMalformedDatesWithTheText) {
  for (const char* text : {"2025-02-29", "2025-13-01", "2025-1-01",
                           "31/12/2025", "2025-04-31", ""}) {
    Result<int> day = ParseDay(text);
    ASSERT_FALSE(day.ok()) << text;
    EXPECT_EQ(day.status().message(),
              std::string("expected a date (YYYY-MM-DD), got '") + text + "'");
  }
  EXPECT_EQ(ParseMonth("2025-00").status().message(),
            "expected a month (YYYY-MM), got '2025-00'");
}

TEST(CalendarTest, PeriodsAndTheirLabels) {
  const int march = ParseMonth("2025-03").value();
  EXPECT_EQ(Period::Month(march).Label(), "2025-03");
  EXPECT_EQ(Period::Quarter(march).Label(), "2025-Q1");
  EXPECT_EQ(Period::Quarter(march + 1).Label(), "2025-Q2");
  EXPECT_EQ(Period::Rolling12(march).Label(), "2024-04/2025-03");
  EXPECT_EQ(Period::Quarter(march).first_day(), ParseDay("2025-01-01").value());
  EXPECT_EQ(Period::Quarter(march).last_day(), ParseDay("2025-03-31").value());
  EXPECT_EQ(Period::Rolling12(march).months(), 12);

  // 2024-11 .. 2026-01: quarters wholly inside are 2025-Q1..Q4.
  const int first = ParseMonth("2024-11").value();
  const int last = ParseMonth("2026-01").value();
  std::vector<std::string> labels;
  for (const Period& period : PeriodsWithin(PeriodKind::kQuarter, first, last))
    labels.push_back(period.Label());
  EXPECT_EQ(labels, (std::vector<std::string>{"2025-Q1", "2025-Q2", "2025-Q3",
                                              "2025-Q4"}));
  labels.clear();
  for (const Period& period :
       PeriodsWithin(PeriodKind::kRolling12, first, last))
    labels.push_back(period.Label());
  EXPECT_EQ(labels,
            (std::vector<std::string>{"2024-11/2025-10", "2024-12/2025-11",
                                      "2025-01/2025-12", "2025-02/2026-01"}));
  EXPECT_EQ(PeriodsWithin(PeriodKind::kMonth, first, last).size(), 15u);
}

}  // namespace
}  // namespace skillmatch::engine::stats
