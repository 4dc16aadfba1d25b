#include "skillmatch/stats/publication.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "skillmatch/classification/random.h"
#include "stats/stats_fixture.h"

namespace skillmatch::engine::stats {
namespace {

using testing::Jobseeker;
using testing::Month;
using testing::Offer;

constexpr double kTolerance = 1e-9;

// Masons (F1703) in Dakar (SN-DK) and Thies (SN-TH), window 2025-01..2025-03.
//
//   offer  region  published    closed       reason     skills
//   O1     DK      2025-01-05   2025-01-20   filled     S1 S2     15 days, filled
//   O2     DK      2025-01-10   2025-02-09   filled     S1        30 days, filled
//   O3     DK      2025-01-12   2025-01-22   withdrawn            10 days, censored
//   O4     DK      2025-01-15   -                                 75 days (to 03-31), censored
//   O5     DK      2025-02-01   2025-02-11   filled     S1 S3     10 days, filled
//   O6     DK      2025-02-03   2025-03-05   expired              30 days, censored
//   O7     TH      2025-01-07   2025-01-27   filled               20 days, filled
//
//   jobseekers  region  registered             exit                        skills
//   J1          DK      2025-01-02             2025-02-15 employment       S1
//   J2          DK      2025-01-03             2025-02-20 training         S1
//   J3..J8      DK      2025-01-04..2025-01-09 -                           S1
//   J9          TH      2025-01-03             -                           S2
//   J10, J17    TH      2025-01-04, 2025-01-05 -
//   J11..J16    DK      2025-02-01..2025-02-06 -                           S1 for J11..J13
class PublicationTest : public ::testing::Test {
 protected:
  PublicationTest() {
    const std::string f = "F1703", dk = "SN-DK", th = "SN-TH";
    offers_ = {
        Offer("O1", f, dk, "2025-01-05", "2025-01-20", CloseReason::kFilled, {"S1", "S2"}),
        Offer("O2", f, dk, "2025-01-10", "2025-02-09", CloseReason::kFilled, {"S1"}),
        Offer("O3", f, dk, "2025-01-12", "2025-01-22", CloseReason::kWithdrawn),
        Offer("O4", f, dk, "2025-01-15"),
        Offer("O5", f, dk, "2025-02-01", "2025-02-11", CloseReason::kFilled, {"S1", "S3"}),
        Offer("O6", f, dk, "2025-02-03", "2025-03-05", CloseReason::kExpired),
        Offer("O7", f, th, "2025-01-07", "2025-01-27", CloseReason::kFilled),
    };
    jobseekers_ = {
        Jobseeker("J1", f, dk, "2025-01-02", "2025-02-15", ExitReason::kEmployment, {"S1"}),
        Jobseeker("J2", f, dk, "2025-01-03", "2025-02-20", ExitReason::kTraining, {"S1"}),
    };
    for (int n = 3; n <= 8; ++n) {
      jobseekers_.push_back(Jobseeker("J" + std::to_string(n), f, dk,
                                      "2025-01-0" + std::to_string(n + 1), std::nullopt,
                                      ExitReason::kEmployment, {"S1"}));
    }
    jobseekers_.push_back(Jobseeker("J9", f, th, "2025-01-03", std::nullopt,
                                    ExitReason::kEmployment, {"S2"}));
    jobseekers_.push_back(Jobseeker("J10", f, th, "2025-01-04"));
    jobseekers_.push_back(Jobseeker("J17", f, th, "2025-01-05"));
    for (int n = 11; n <= 16; ++n) {
      std::vector<std::string> skills;
      if (n <= 13) skills = {"S1"};
      jobseekers_.push_back(Jobseeker("J" + std::to_string(n), f, dk,
                                      "2025-02-0" + std::to_string(n - 10), std::nullopt,
                                      ExitReason::kEmployment, skills));
    }
    options_.first_month = Month("2025-01");
    options_.last_month = Month("2025-03");
  }

  // The row whose text columns hold `keys` (column name -> text).
  const std::vector<PublicationCell>& Row(
      const Publication& p, const std::vector<std::pair<std::string, std::string>>& keys) {
    for (const auto& row : p.rows) {
      bool all = true;
      for (const auto& [column, text] : keys) {
        all = all && row[p.ColumnIndex(column)].text == text;
      }
      if (all) return row;
    }
    ADD_FAILURE() << "no row";
    static const std::vector<PublicationCell> none(p.columns.size());
    return none;
  }

  std::vector<OfferSpell> offers_;
  std::vector<JobseekerSpell> jobseekers_;
  PublicationOptions options_;
};

double Num(const Publication& p, const std::vector<PublicationCell>& row,
           const std::string& column) {
  const PublicationCell& cell = row[p.ColumnIndex(column)];
  EXPECT_EQ(cell.suppression, Suppression::kNone) << column;
  EXPECT_TRUE(cell.number.has_value()) << column;
  return cell.number.value_or(-1);
}

Suppression Secret(const Publication& p, const std::vector<PublicationCell>& row,
                   const std::string& column) {
  const PublicationCell& cell = row[p.ColumnIndex(column)];
  EXPECT_FALSE(cell.number.has_value()) << column << ": a suppressed cell holds no value";
  return cell.suppression;
}

TEST_F(PublicationTest, DataMonthsSpanEveryStartAndEnd) {
  const auto months = DataMonths(offers_, jobseekers_);
  ASSERT_TRUE(months.has_value());
  EXPECT_EQ(months->first, Month("2025-01"));
  EXPECT_EQ(months->second, Month("2025-03"));  // O6 closed on 2025-03-05
  EXPECT_FALSE(DataMonths({}, {}).has_value());
}

// January, new jobseekers by region: DK 8, TH 3 (J9 J10 J17). TH is under 5
// (primary); its row then holds one suppressed entry, so DK's 8 is suppressed
// too (secondary): 8 would be the row total 11 minus nothing else.
// January DK: 4 new offers (O1..O4), 1 filled (O1), 1 withdrawn (O3), open at
// the end 2 (O2 O4); tension ratio 4/8, withheld with its denominator.
// February DK: new offers 2 (O5 O6); filled 2 (O2 on 02-09, O5 on 02-11);
// open at the end 2 + 2 - 2 = 2 (O4 O6); new jobseekers 6 (J11..J16), TH 0,
// published; tension ratio 2/6. Exits to employment 1 (J1): primary.
// Registered at the end: DK 8 + 6 - 2 = 12, TH 3: TH primary, DK secondary.
// The outflow rate rests on them: withheld.
// Mismatch, January: offers DK 4, TH 1 of 5; jobseekers DK 8, TH 3 of 11:
// D = 1/2 (|4/5 - 8/11| + |1/5 - 3/11|) = 4/5 - 8/11 = 0.0727...
TEST_F(PublicationTest, CubeFlowsStocksAndSuppressedJobseekerCounts) {
  Result<Publication> cube = PublishCube(offers_, jobseekers_, options_);
  ASSERT_TRUE(cube.ok()) << cube.status().message();
  const Publication& p = *cube;
  EXPECT_EQ(p.rows.size(), 6u);  // 2 regions x 3 months
  const auto& jan_dk = Row(p, {{"geography", "SN-DK"}, {"period", "2025-01"}});
  EXPECT_EQ(Num(p, jan_dk, "new_offers"), 4);
  EXPECT_EQ(Num(p, jan_dk, "filled"), 1);
  EXPECT_EQ(Num(p, jan_dk, "withdrawn"), 1);
  EXPECT_EQ(Num(p, jan_dk, "open_offers_end"), 2);
  EXPECT_EQ(Secret(p, jan_dk, "new_jobseekers"), Suppression::kSecondary);
  EXPECT_NE(Secret(p, jan_dk, "tension_ratio"), Suppression::kNone);
  EXPECT_NEAR(Num(p, jan_dk, "mismatch"), 4.0 / 5 - 8.0 / 11, kTolerance);
  const auto& jan_th = Row(p, {{"geography", "SN-TH"}, {"period", "2025-01"}});
  EXPECT_EQ(Secret(p, jan_th, "new_jobseekers"), Suppression::kPrimary);
  EXPECT_EQ(Num(p, jan_th, "filled"), 1);

  const auto& feb_dk = Row(p, {{"geography", "SN-DK"}, {"period", "2025-02"}});
  EXPECT_EQ(Num(p, feb_dk, "new_offers"), 2);
  EXPECT_EQ(Num(p, feb_dk, "filled"), 2);
  EXPECT_EQ(Num(p, feb_dk, "open_offers_end"), 2);
  EXPECT_EQ(Num(p, feb_dk, "new_jobseekers"), 6);
  EXPECT_NEAR(Num(p, feb_dk, "tension_ratio"), 2.0 / 6, kTolerance);
  EXPECT_EQ(Secret(p, feb_dk, "exits_to_work"), Suppression::kPrimary);
  EXPECT_EQ(Secret(p, feb_dk, "jobseekers_end"), Suppression::kSecondary);
  EXPECT_NE(Secret(p, feb_dk, "outflow_rate"), Suppression::kNone);
  const auto& feb_th = Row(p, {{"geography", "SN-TH"}, {"period", "2025-02"}});
  EXPECT_EQ(Num(p, feb_th, "new_jobseekers"), 0);  // a zero is published
  EXPECT_EQ(Secret(p, feb_th, "jobseekers_end"), Suppression::kPrimary);
  // The quality flag: 6 new jobseekers are under 20 records.
  EXPECT_EQ(feb_dk[p.ColumnIndex("tension_ratio")].quality, Quality::kFewRecords);
  EXPECT_GT(p.SuppressedCells(), 0);
}

// National (geography all): January new jobseekers 11, published; the
// tension ratio 5/11.
TEST_F(PublicationTest, NationalCubeHasOneCellPerOccupationAndPeriod) {
  options_.breakdown = {OccupationLevel::kArea, GeographyLevel::kAll, PeriodKind::kMonth};
  Result<Publication> cube = PublishCube(offers_, jobseekers_, options_);
  ASSERT_TRUE(cube.ok()) << cube.status().message();
  ASSERT_EQ(cube->rows.size(), 3u);
  const auto& jan = Row(*cube, {{"occupation", "F17"}, {"period", "2025-01"}});
  EXPECT_EQ(Num(*cube, jan, "new_jobseekers"), 11);
  EXPECT_NEAR(Num(*cube, jan, "tension_ratio"), 5.0 / 11, kTolerance);
  EXPECT_EQ(jan[cube->ColumnIndex("geography")].text, "*");
}

// Quarter 2025-Q1, national. Durations: 10F 10C 15F 20F 30F 30C 75C.
//   t=10: n=7, d=1, S = 6/7;  t=15: n=5, S = 6/7 * 4/5 = 24/35;
//   t=20: n=4, S = 24/35 * 3/4 = 18/35; t=30: n=3, S = 18/35 * 2/3 = 12/35.
// Median 30 (first S <= 0.5); S(30) = S(60) = 12/35; S(90) none (the follow-up
// ends at 75 days, censored).
TEST_F(PublicationTest, DurationsAreKaplanMeierWithCensoredOffers) {
  options_.breakdown = {OccupationLevel::kOccupation, GeographyLevel::kAll,
                        PeriodKind::kQuarter};
  Result<Publication> durations = PublishDurations(offers_, jobseekers_, options_);
  ASSERT_TRUE(durations.ok()) << durations.status().message();
  ASSERT_EQ(durations->rows.size(), 1u);
  const Publication& p = *durations;
  const auto& row = p.rows[0];
  EXPECT_EQ(Num(p, row, "offers"), 7);
  EXPECT_EQ(Num(p, row, "filled"), 4);
  EXPECT_EQ(Num(p, row, "censored"), 3);
  EXPECT_EQ(Num(p, row, "median_days"), 30);
  EXPECT_NEAR(Num(p, row, "unfilled_at_30"), 12.0 / 35, kTolerance);
  EXPECT_NEAR(Num(p, row, "unfilled_at_60"), 12.0 / 35, kTolerance);
  EXPECT_FALSE(row[p.ColumnIndex("unfilled_at_90")].number.has_value());
  EXPECT_EQ(row[p.ColumnIndex("unfilled_at_90")].suppression, Suppression::kNone);
  EXPECT_EQ(row[p.ColumnIndex("median_days")].quality, Quality::kFewRecords);
}

// Quarter 2025-Q1: 7 offers; S1 asked by O1 O2 O5 (3/7), S2 by O1, S3 by O5.
// Registered at 2025-03-31: J3..J8, J9 J10 J17, J11..J16 = 15. S1 held by
// J3..J8 and J11..J13 = 9 (9/15 = 0.6, gap 3/7 - 0.6); S2 by J9 only: 1,
// suppressed with its share and gap; S3 by nobody: 0 of 15 published (the 15
// not holding it are not a small group).
TEST_F(PublicationTest, SkillsDemandSupplyGapAndSuppressedHolders) {
  options_.breakdown = {OccupationLevel::kOccupation, GeographyLevel::kAll,
                        PeriodKind::kQuarter};
  Result<Publication> skills = PublishSkills(offers_, jobseekers_, options_);
  ASSERT_TRUE(skills.ok()) << skills.status().message();
  const Publication& p = *skills;
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_EQ(p.rows[0][p.ColumnIndex("skill")].text, "S1");  // most asked first
  const auto& s1 = Row(p, {{"skill", "S1"}});
  EXPECT_EQ(Num(p, s1, "offers_asking"), 3);
  EXPECT_NEAR(Num(p, s1, "demand_share"), 3.0 / 7, kTolerance);
  EXPECT_EQ(Num(p, s1, "jobseekers"), 15);
  EXPECT_EQ(Num(p, s1, "jobseekers_holding"), 9);
  EXPECT_NEAR(Num(p, s1, "supply_share"), 0.6, kTolerance);
  EXPECT_NEAR(Num(p, s1, "gap"), 3.0 / 7 - 0.6, kTolerance);
  const auto& s2 = Row(p, {{"skill", "S2"}});
  EXPECT_EQ(Secret(p, s2, "jobseekers_holding"), Suppression::kPrimary);
  EXPECT_NE(Secret(p, s2, "supply_share"), Suppression::kNone);
  EXPECT_NE(Secret(p, s2, "gap"), Suppression::kNone);
  const auto& s3 = Row(p, {{"skill", "S3"}});
  EXPECT_EQ(Num(p, s3, "jobseekers_holding"), 0);
  EXPECT_NEAR(Num(p, s3, "gap"), 1.0 / 7, kTolerance);
  // One period: no trend.
  EXPECT_FALSE(s1[p.ColumnIndex("demand_trend")].number.has_value());
}

// Months: S1 asked by O1 O2 of January's 5 offers (O1..O4, O7: 2/5), by O5
// of February's 2 (1/2): trend +0.1 in February; S3 asked by none in
// January, 1/2 in February: trend +1/2.
TEST_F(PublicationTest, SkillsTrendIsTheChangeOfTheDemandShare) {
  options_.breakdown = {OccupationLevel::kOccupation, GeographyLevel::kAll,
                        PeriodKind::kMonth};
  Result<Publication> skills = PublishSkills(offers_, jobseekers_, options_);
  ASSERT_TRUE(skills.ok()) << skills.status().message();
  const Publication& p = *skills;
  const auto& s1_feb = Row(p, {{"skill", "S1"}, {"period", "2025-02"}});
  EXPECT_NEAR(Num(p, s1_feb, "demand_trend"), 0.5 - 0.4, kTolerance);
  const auto& s3_feb = Row(p, {{"skill", "S3"}, {"period", "2025-02"}});
  EXPECT_NEAR(Num(p, s3_feb, "demand_trend"), 0.5, kTolerance);
}

TEST_F(PublicationTest, NationalOnlyCommandsRefuseARegionalBreakdown) {
  options_.breakdown = {OccupationLevel::kOccupation, GeographyLevel::kRegion,
                        PeriodKind::kQuarter};
  EXPECT_EQ(PublishSkills(offers_, jobseekers_, options_).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(PublishTension(offers_, jobseekers_, options_).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(PublicationTest, RenderersMarkSuppressedCellsAndStateProvenance) {
  Result<Publication> cube = PublishCube(offers_, jobseekers_, options_);
  ASSERT_TRUE(cube.ok());
  const Publication& p = *cube;

  const std::string text = RenderText(p);
  EXPECT_NE(text.find("window: 2025-01-01 to 2025-03-31; periods: 3 month periods, "
                      "2025-01 to 2025-03"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("sources: offers: anpe (7 counted); jobseekers: anpe (17 counted)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("s: suppressed"), std::string::npos);
  // The January Thies row: its new jobseekers column reads "s".
  std::istringstream lines(text);
  std::string line, header, jan_th;
  while (std::getline(lines, line)) {
    if (line.rfind("occupation ", 0) == 0) header = line;
    if (line.find("SN-TH") != std::string::npos && line.find("2025-01") != std::string::npos) {
      jan_th = line;
    }
  }
  ASSERT_FALSE(header.empty()) << text;
  ASSERT_FALSE(jan_th.empty()) << text;
  const size_t column_end = header.find("new_jobseekers") + std::string("new_jobseekers").size();
  EXPECT_EQ(jan_th.substr(column_end - 1, 1), "s") << header << "\n" << jan_th;

  std::ostringstream csv;
  RenderCsv(p, csv);
  const std::string csv_text = csv.str();
  EXPECT_EQ(csv_text.substr(0, csv_text.find('\n')),
            "occupation,geography,period,new_offers,filled,withdrawn,expired,cancelled,"
            "open_offers_end,new_jobseekers,exits_to_work,jobseekers_end,tension_ratio,"
            "outflow_rate,mismatch,flags,window,sources");
  // January Thies: 1 offer, filled; jobseekers suppressed, never 0.
  EXPECT_NE(csv_text.find("\nF1703,SN-TH,2025-01,1,1,0,0,0,0,s,0,s,s,"), std::string::npos)
      << csv_text;
  EXPECT_NE(csv_text.find(",2025-01-01..2025-03-31,offers: anpe (7 counted); jobseekers: "
                          "anpe (17 counted)\n"),
            std::string::npos);
  EXPECT_NE(csv_text.find("tension_ratio=few-records"), std::string::npos);

  const nlohmann::ordered_json json = RenderJson(p);
  EXPECT_EQ(json["statistics"], "cube");
  EXPECT_EQ(json["provenance"]["periods"].size(), 3u);
  EXPECT_EQ(json["provenance"]["offer_sources"][0], "anpe");
  EXPECT_EQ(json["disclosure"]["threshold"], 5);
  EXPECT_EQ(json["disclosure"]["suppressed_cells"], p.SuppressedCells());
  bool seen = false;
  for (const auto& row : json["rows"]) {
    if (row["geography"] == "SN-TH" && row["period"] == "2025-01") {
      seen = true;
      EXPECT_TRUE(row["new_jobseekers"].is_null());
      EXPECT_NE(std::find(row["suppressed"].begin(), row["suppressed"].end(),
                          "new_jobseekers"),
                row["suppressed"].end());
      EXPECT_EQ(row["new_offers"], 1);
    }
  }
  EXPECT_TRUE(seen);
}

// Five occupations over 2025, seeded: the index gives every occupation a
// level 1..5 on the reference of its own 12 months, sorted by score, with
// the components explaining the high and low levels. F1601 has 3 new
// jobseekers in the year: its tension ratio, outflow rate and mismatch are
// withheld (and the secondary suppression of the national table withholds
// another occupation's counts too), so it has one component left, no score
// and no level, and comes last.
TEST(PublicationTensionTest, LevelsSortedWithExplanationsAndWithheldRatios) {
  std::vector<OfferSpell> offers;
  std::vector<JobseekerSpell> jobseekers;
  classification::SplitMix64 random(7);
  const std::vector<std::string> occupations = {"A1101", "B1201", "C1301", "D1401",
                                                "E1501", "F1601"};
  const std::vector<std::string> regions = {"SN-DK", "SN-TH", "SN-SL"};
  int id = 0;
  for (size_t occ_idx = 0; occ_idx < occupations.size(); ++occ_idx) {
    const std::string& occupation = occupations[occ_idx];
    const int offer_count = 40 + 30 * static_cast<int>(occ_idx);
    const int seeker_count = occ_idx == 5 ? 3 : 200 - 25 * static_cast<int>(occ_idx);
    for (int n = 0; n < offer_count; ++n) {
      const int day = testing::Day("2025-01-01") + static_cast<int>(random.Below(330));
      const int length = 5 + static_cast<int>(random.Below(20 + 15 * occ_idx));
      OfferSpell offer = Offer("O" + std::to_string(++id), occupation,
                               regions[random.Below(occ_idx < 3 ? 1 : 3)], "2025-01-01");
      offer.published_day = day;
      if (random.Below(10) < 8) offer.closed_day = day + length;
      offers.push_back(offer);
    }
    for (int n = 0; n < seeker_count; ++n) {
      const int day = testing::Day("2025-01-01") + static_cast<int>(random.Below(330));
      JobseekerSpell seeker = Jobseeker("J" + std::to_string(++id), occupation,
                                        regions[random.Below(3)], "2025-01-01");
      seeker.registered_day = day;
      if (random.Below(10) < 5) seeker.exit_day = day + 10 + static_cast<int>(random.Below(100));
      jobseekers.push_back(seeker);
    }
  }
  PublicationOptions options;
  options.breakdown = {OccupationLevel::kOccupation, GeographyLevel::kAll,
                       PeriodKind::kRolling12};
  options.first_month = Month("2025-01");
  options.last_month = Month("2025-12");
  Result<Publication> tension = PublishTension(offers, jobseekers, options);
  ASSERT_TRUE(tension.ok()) << tension.status().message();
  const Publication& p = *tension;
  ASSERT_EQ(p.rows.size(), 6u);
  std::optional<double> previous;
  int with_level = 0;
  for (const auto& row : p.rows) {
    const auto& level = row[p.ColumnIndex("level")];
    const auto& score = row[p.ColumnIndex("score")];
    if (!level.number) continue;
    ++with_level;
    EXPECT_GE(*level.number, 1);
    EXPECT_LE(*level.number, 5);
    if (previous) EXPECT_LE(*score.number, *previous);
    previous = score.number;
    const std::string explained = row[p.ColumnIndex("explained_by")].text;
    if (*level.number >= 4 || *level.number <= 2) {
      EXPECT_FALSE(explained.empty()) << "level " << *level.number;
    } else {
      EXPECT_TRUE(explained.empty()) << explained;
    }
  }
  EXPECT_GE(with_level, 4);
  EXPECT_LE(with_level, 5);
  bool level_five = false;
  for (const auto& row : p.rows) level_five |= row[p.ColumnIndex("level")].number == 5.0;
  EXPECT_TRUE(level_five);
  const auto& small = p.rows.back();
  ASSERT_EQ(small[0].text, "F1601");
  EXPECT_FALSE(small[p.ColumnIndex("level")].number.has_value());
  EXPECT_FALSE(small[p.ColumnIndex("score")].number.has_value());
  EXPECT_NE(small[p.ColumnIndex("tension_ratio")].suppression, Suppression::kNone);
  EXPECT_FALSE(small[p.ColumnIndex("tension_ratio")].number.has_value());
  EXPECT_NE(RenderText(p).find("reference 2025-01/2025-12"), std::string::npos);
}

TEST(PublicationDashboardTest, SelfContainedFrenchPageWithChartsAndMarks) {
  std::vector<OfferSpell> offers;
  std::vector<JobseekerSpell> jobseekers;
  classification::SplitMix64 random(11);
  int id = 0;
  for (const std::string occupation : {"F1703", "A1414", "K2204"}) {
    for (int n = 0; n < 60; ++n) {
      OfferSpell offer = Offer("O" + std::to_string(++id), occupation,
                               random.Below(2) ? "SN-DK" : "SN-TH", "2025-01-01",
                               std::nullopt, CloseReason::kFilled, {"S1"});
      offer.published_day += static_cast<int>(random.Below(360));
      if (random.Below(4) > 0) offer.closed_day = offer.published_day + 3 + static_cast<int>(random.Below(80));
      offers.push_back(offer);
    }
    for (int n = 0; n < 80; ++n) {
      JobseekerSpell seeker = Jobseeker("J" + std::to_string(++id), occupation, "SN-DK",
                                        "2025-01-01", std::nullopt,
                                        ExitReason::kEmployment, {"S1"});
      seeker.registered_day += static_cast<int>(random.Below(360));
      jobseekers.push_back(seeker);
    }
  }
  // Two jobseekers in a small region: suppressed there.
  jobseekers.push_back(Jobseeker("JX1", "F1703", "SN-KL", "2025-06-03"));
  jobseekers.push_back(Jobseeker("JX2", "F1703", "SN-KL", "2025-07-03"));
  PublicationOptions options;
  options.first_month = Month("2025-01");
  options.last_month = Month("2025-12");
  options.labels = {{"F1703", "Maçonnerie"}, {"S1", "Lire un plan"}};
  Result<std::string> html = RenderDashboard(offers, jobseekers, options);
  ASSERT_TRUE(html.ok()) << html.status().message();
  EXPECT_NE(html->find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_EQ(html->find("src="), std::string::npos);
  EXPECT_EQ(html->find("http://www.w3.org/2000/svg\""), html->find("http"));  // only the SVG namespace
  EXPECT_EQ(html->find("<script"), std::string::npos);
  EXPECT_NE(html->find("Période couverte : du 01/01/2025 au 31/12/2025"), std::string::npos);
  EXPECT_NE(html->find("Maçonnerie (F1703)"), std::string::npos);
  EXPECT_NE(html->find("Lire un plan"), std::string::npos);
  for (const char* section : {"id=\"tension\"", "id=\"tendances\"", "id=\"regions\"",
                              "id=\"durees\"", "id=\"competences\""}) {
    EXPECT_NE(html->find(section), std::string::npos) << section;
  }
  size_t charts = 0;
  for (size_t pos = html->find("<svg class=\"chart\""); pos != std::string::npos;
       pos = html->find("<svg class=\"chart\"", pos + 1)) {
    ++charts;
  }
  EXPECT_GE(charts, 6u);  // tension, 3 trends, regions, durations, skills
  // SN-KL's 2 new jobseekers are marked, not shown as 0.
  EXPECT_NE(html->find("title=\"secret statistique\">s</span>"), std::string::npos);
  const size_t kl = html->find("<td class=\"l\">SN-KL</td>");
  ASSERT_NE(kl, std::string::npos);
  const std::string kl_row = html->substr(kl, html->find("</tr>", kl) - kl);
  EXPECT_NE(kl_row.find("secret statistique"), std::string::npos) << kl_row;
}

}  // namespace
}  // namespace skillmatch::engine::stats
