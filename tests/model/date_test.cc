// Date: strict YYYY-MM-DD parsing with the real calendar, formatting,
// comparison, day arithmetic, today in UTC.
#include "skillmatch/model/date.h"

#include <gtest/gtest.h>

#include <chrono>

namespace skillmatch::engine {
namespace {

TEST(Date, ParsesRealDaysOnly) {
  EXPECT_EQ(Date::Parse("2026-11-22")->ToString(), "2026-11-22");
  EXPECT_TRUE(Date::Parse("2024-02-29"));   // leap year
  EXPECT_TRUE(Date::Parse("2000-02-29"));   // divisible by 400
  EXPECT_FALSE(Date::Parse("1900-02-29"));  // divisible by 100 only
  EXPECT_FALSE(Date::Parse("2026-02-29"));
  EXPECT_FALSE(Date::Parse("2026-04-31"));
  EXPECT_FALSE(Date::Parse("2026-13-01"));
  EXPECT_FALSE(Date::Parse("2026-00-10"));
  EXPECT_FALSE(Date::Parse("2026-01-00"));
  EXPECT_TRUE(Date::Parse("0000-01-01"));
  EXPECT_TRUE(Date::Parse("9999-12-31"));
}

TEST(Date, ParsesTheOneFormOnly) {
  for (const char* text :
       {"", "22/11/2026", "2026-1-01", "2026-01-1", "20261122", " 2026-11-22",
        "2026-11-22 ", "2026-11-22T08:00", "2026/11/22", "2026-11-2x",
        "+026-11-22", "２０２６-11-22"}) {
    EXPECT_FALSE(Date::Parse(text)) << text;
  }
}

TEST(Date, FromCivilChecksTheCalendar) {
  EXPECT_EQ(Date::FromCivil(2026, 2, 28)->ToString(), "2026-02-28");
  EXPECT_FALSE(Date::FromCivil(2026, 2, 29));
  EXPECT_FALSE(Date::FromCivil(-1, 1, 1));
  EXPECT_FALSE(Date::FromCivil(10000, 1, 1));
  EXPECT_FALSE(Date::FromCivil(2026, 12, 32));
}

TEST(Date, EpochAndFields) {
  EXPECT_EQ(Date().ToString(), "1970-01-01");
  EXPECT_EQ(Date::FromDaysSinceEpoch(0), *Date::Parse("1970-01-01"));
  EXPECT_EQ(Date::FromDaysSinceEpoch(-1).ToString(), "1969-12-31");
  const Date day = *Date::Parse("2026-11-22");
  EXPECT_EQ(day.year(), 2026);
  EXPECT_EQ(day.month(), 11);
  EXPECT_EQ(day.day(), 22);
  EXPECT_EQ(day.days_since_epoch(), 20779);
}

TEST(Date, ArithmeticAndComparison) {
  const Date day = *Date::Parse("2024-02-28");
  EXPECT_EQ(day.AddDays(1).ToString(), "2024-02-29");
  EXPECT_EQ(day.AddDays(2).ToString(), "2024-03-01");
  EXPECT_EQ(Date::Parse("2026-12-31")->AddDays(1).ToString(), "2027-01-01");
  EXPECT_EQ(Date::Parse("2026-01-01")->AddDays(-1).ToString(), "2025-12-31");
  EXPECT_EQ(DaysBetween(*Date::Parse("2025-01-01"), *Date::Parse("2026-01-01")), 365);
  EXPECT_EQ(DaysBetween(*Date::Parse("2024-01-01"), *Date::Parse("2025-01-01")), 366);
  EXPECT_EQ(DaysBetween(*Date::Parse("2026-03-01"), *Date::Parse("2026-02-01")), -28);
  EXPECT_LT(*Date::Parse("2025-12-31"), *Date::Parse("2026-01-01"));
  EXPECT_GT(*Date::Parse("2026-01-02"), *Date::Parse("2026-01-01"));
  EXPECT_EQ(*Date::Parse("2026-01-01"), *Date::FromCivil(2026, 1, 1));
}

// Every day of four centuries: text and day agree both ways, and the next
// day is one more.
TEST(Date, RoundTripsEveryDayOf1900To2300) {
  Date day = *Date::Parse("1900-01-01");
  const Date end = *Date::Parse("2300-01-01");
  int checked = 0;
  while (day < end) {
    const std::string text = day.ToString();
    const std::optional<Date> back = Date::Parse(text);
    ASSERT_TRUE(back) << text;
    ASSERT_EQ(*back, day) << text;
    ASSERT_EQ(*Date::FromCivil(day.year(), day.month(), day.day()), day) << text;
    day = day.AddDays(1);
    ++checked;
  }
  EXPECT_EQ(checked, 146097);  // days in 400 Gregorian years
}

TEST(Date, TodayIsTheUtcDayOfTheSystemClock) {
  const auto before = std::chrono::floor<std::chrono::days>(
      std::chrono::system_clock::now());
  const Date today = Date::Today();
  const auto after = std::chrono::floor<std::chrono::days>(
      std::chrono::system_clock::now());
  EXPECT_GE(today.days_since_epoch(), before.time_since_epoch().count());
  EXPECT_LE(today.days_since_epoch(), after.time_since_epoch().count());
  EXPECT_GE(today.year(), 2026);
}

}  // namespace
}  // namespace skillmatch::engine
