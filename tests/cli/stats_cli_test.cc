// End-to-end tests of `skillmatch stats`: a small store whose records are
// written out below, every command in every format, the suppressed cells
// marked in each, the dashboard, and the usage errors with their messages.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/shared_data.h"
#include "support/shell.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using skillmatch::testing::Outcome;
using skillmatch::testing::Shell;
using skillmatch::testing::Slurp;
using skillmatch::testing::TempDir;

const std::string kBinary = SKILLMATCH_BINARY;

// Masons (F1701, "Maçonnerie") in Dakar and Thiès, 2025-01..2025-03 (the
// records of tests/stats/publication_test.cc, worked out there):
//
//   offer  region  published    closed       reason     skills
//   O1     Dakar   2025-01-05   2025-01-20   filled     T0199 T0203
//   O2     Dakar   2025-01-10   2025-02-09   filled     T0199
//   O3     Dakar   2025-01-12   2025-01-22   withdrawn
//   O4     Dakar   2025-01-15   -
//   O5     Dakar   2025-02-01   2025-02-11   filled     T0199 T0200
//   O6     Dakar   2025-02-03   2025-03-05   expired
//   O7     Thiès   2025-01-07   2025-01-27   filled
//   J1 Dakar 2025-01-02 exits 2025-02-15 (employment), J2 Dakar 2025-01-03
//   exits 2025-02-20 (training), J3..J8 Dakar 2025-01-04..09, all holding
//   T0199; J9 (T0203), J10, J17 Thiès 2025-01-03..05; J11..J16 Dakar
//   2025-02-01..06, T0199 for J11..J13.
//
// January: Thiès 3 new jobseekers (under 5: suppressed), Dakar 8 (suppressed
// to protect it); February: Dakar 6 new, published, tension ratio 2/6 =
// 0.3333, exits to work 1 (suppressed). Kaplan-Meier of 2025-Q1: median 30
// days, S(30) = 12/35 = 34.3 %. Skills of 2025-Q1: T0199 asked by 3 of 7
// offers, held by 9 of 15 registered jobseekers; T0203 held by 1 (suppressed).
class StatsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.Child("pes.db");
    std::ostringstream offers, profiles;
    auto offer = [&](const std::string& id, const std::string& region,
                     const std::string& published, const std::string& closed,
                     const std::string& reason, const std::vector<std::string>& skills) {
      offers << R"({"id":")" << id << R"(","occupation":"F1701","location":{"country":"SN","region":")"
             << region << R"("},"published":")" << published << '"';
      if (!closed.empty()) {
        offers << R"(,"closed":")" << closed << R"(","closing_reason":")" << reason << '"';
      }
      offers << R"(,"skills":[)";
      for (size_t idx = 0; idx < skills.size(); ++idx) {
        offers << (idx ? "," : "") << R"({"skill_id":")" << skills[idx] << R"("})";
      }
      offers << "]}\n";
    };
    offer("O1", "Dakar", "2025-01-05", "2025-01-20", "filled", {"T0199", "T0203"});
    offer("O2", "Dakar", "2025-01-10", "2025-02-09", "filled", {"T0199"});
    offer("O3", "Dakar", "2025-01-12", "2025-01-22", "withdrawn", {});
    offer("O4", "Dakar", "2025-01-15", "", "", {});
    offer("O5", "Dakar", "2025-02-01", "2025-02-11", "filled", {"T0199", "T0200"});
    offer("O6", "Dakar", "2025-02-03", "2025-03-05", "expired", {});
    offer("O7", "Thiès", "2025-01-07", "2025-01-27", "filled", {});
    auto profile = [&](const std::string& id, const std::string& region,
                       const std::string& registered, const std::string& exited,
                       const std::string& reason, const std::string& skill) {
      profiles << R"({"id":")" << id
               << R"(","target_occupations":["F1701"],"location":{"country":"SN","region":")"
               << region << R"("},"registered":")" << registered << '"';
      if (!exited.empty()) {
        profiles << R"(,"exited":")" << exited << R"(","exit_reason":")" << reason << '"';
      }
      if (!skill.empty()) profiles << R"(,"skills":[{"skill_id":")" << skill << R"("}])";
      profiles << "}\n";
    };
    profile("J1", "Dakar", "2025-01-02", "2025-02-15", "employment", "T0199");
    profile("J2", "Dakar", "2025-01-03", "2025-02-20", "training", "T0199");
    for (int n = 3; n <= 8; ++n) {
      profile("J" + std::to_string(n), "Dakar", "2025-01-0" + std::to_string(n + 1), "", "",
              "T0199");
    }
    profile("J9", "Thiès", "2025-01-03", "", "", "T0203");
    profile("J10", "Thiès", "2025-01-04", "", "", "");
    profile("J17", "Thiès", "2025-01-05", "", "", "");
    for (int n = 11; n <= 16; ++n) {
      profile("J" + std::to_string(n), "Dakar", "2025-02-0" + std::to_string(n - 10), "", "",
              n <= 13 ? "T0199" : "");
    }
    dir_.Write("offers.jsonl", offers.str());
    dir_.Write("profiles.jsonl", profiles.str());
    ASSERT_EQ(Run("db init --db " + db_).code, 0);
    const Outcome p = Run("profiles import --db " + db_ + " " + dir_.Child("profiles.jsonl"));
    ASSERT_EQ(p.code, 0) << p.err;
    const Outcome o = Run("offers import --db " + db_ + " " + dir_.Child("offers.jsonl"));
    ASSERT_EQ(o.code, 0) << o.err;
  }

  Outcome Run(const std::string& args) {
    return Shell(kBinary + " " + args + " < /dev/null", dir_);
  }

  TempDir dir_;
  std::string db_;
};

// The line of `text` holding every one of `parts`.
std::string LineWith(const std::string& text, const std::vector<std::string>& parts) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    bool all = true;
    for (const auto& part : parts) all = all && line.find(part) != std::string::npos;
    if (all) return line;
  }
  return "";
}

TEST_F(StatsCli, CubeTableStatesProvenanceAndMarksSuppressedCells) {
  const Outcome run = Run("stats cube --db " + db_);
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.out.find("Flows and stocks by occupation x region x month\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("window: 2025-01-01 to 2025-03-31; periods: 3 month periods, "
                         "2025-01 to 2025-03\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("sources: offers: pes (7 counted); jobseekers: pes (17 counted)"),
            std::string::npos)
      << run.out;
  // January in Thiès: 1 new offer, filled; 3 new jobseekers: "s".
  const std::string jan_thies = LineWith(run.out, {"SN/Thiès", "2025-01"});
  ASSERT_FALSE(jan_thies.empty()) << run.out;
  std::istringstream fields(jan_thies);
  std::vector<std::string> words;
  for (std::string w; fields >> w;) words.push_back(w);
  // occupation, label, geography, period, then the numbers.
  ASSERT_GE(words.size(), 14u) << jan_thies;
  EXPECT_EQ(words[0], "F1701");
  EXPECT_EQ(words[1], "Maçonnerie");
  EXPECT_EQ(words[4], "1");   // new offers
  EXPECT_EQ(words[5], "1");   // filled
  EXPECT_EQ(words[10], "s");  // new jobseekers
  EXPECT_NE(jan_thies.find(" 0 "), std::string::npos);
  const std::string feb_dakar = LineWith(run.out, {"SN/Dakar", "2025-02"});
  EXPECT_NE(feb_dakar.find(" 6 "), std::string::npos) << feb_dakar;
  EXPECT_NE(feb_dakar.find("0.33*"), std::string::npos) << feb_dakar;  // flagged: 6 records
  EXPECT_NE(run.out.find("s: suppressed (a count under 5 jobseekers"), std::string::npos);
}

TEST_F(StatsCli, CubeCsvAndJsonMarkTheSameCells) {
  const Outcome csv = Run("stats cube --db " + db_ + " --format csv");
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "occupation,label,geography,period,new_offers,filled,withdrawn,expired,"
            "cancelled,open_offers_end,new_jobseekers,exits_to_work,jobseekers_end,"
            "tension_ratio,outflow_rate,mismatch,flags,window,sources");
  // D = 4/5 - 8/11 = 0.0727; exits to work 0 published; stocks suppressed.
  EXPECT_NE(csv.out.find("\nF1701,Maçonnerie,SN/Thiès,2025-01,1,1,0,0,0,0,s,0,s,s,s,0.0727,"
                         "mismatch=few-records,2025-01-01..2025-03-31,offers: pes (7 "
                         "counted); jobseekers: pes (17 counted)\n"),
            std::string::npos)
      << csv.out;
  EXPECT_NE(csv.out.find("\nF1701,Maçonnerie,SN/Dakar,2025-02,2,2,0,0,0,2,6,s,s,0.3333,s,"),
            std::string::npos)
      << csv.out;

  const Outcome json_run = Run("stats cube --db " + db_ + " --format json");
  ASSERT_EQ(json_run.code, 0) << json_run.err;
  const auto json = nlohmann::json::parse(json_run.out);
  EXPECT_EQ(json["provenance"]["window"]["first_day"], "2025-01-01");
  EXPECT_EQ(json["provenance"]["offer_sources"], nlohmann::json::array({"pes"}));
  EXPECT_EQ(json["provenance"]["jobseekers_counted"], 17);
  EXPECT_GT(json["disclosure"]["suppressed_cells"].get<int>(), 0);
  int checked = 0;
  for (const auto& row : json["rows"]) {
    if (row["geography"] == "SN/Thiès" && row["period"] == "2025-01") {
      EXPECT_TRUE(row["new_jobseekers"].is_null());
      EXPECT_EQ(row["suppressed"], nlohmann::json::array({"new_jobseekers",
                                                          "jobseekers_end", "tension_ratio",
                                                          "outflow_rate"}));
      ++checked;
    }
    if (row["geography"] == "SN/Dakar" && row["period"] == "2025-02") {
      EXPECT_EQ(row["new_jobseekers"], 6);
      EXPECT_EQ(row["tension_ratio"], 0.3333);
      EXPECT_EQ(row["quality"]["tension_ratio"], "few-records");
      ++checked;
    }
  }
  EXPECT_EQ(checked, 2);
}

TEST_F(StatsCli, DurationsGiveTheKaplanMeierMedianAndShares) {
  const Outcome run = Run("stats durations --db " + db_ + " --format csv");
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_NE(run.out.find("\nF1701,Maçonnerie,*,2025-Q1,7,4,3,30,0.3429,0.3429,,"),
            std::string::npos)
      << run.out;
  const Outcome table = Run("stats durations --db " + db_ + " --by occupation,month");
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("by occupation x national x month"), std::string::npos) << table.out;
  EXPECT_FALSE(LineWith(table.out, {"F1701", "2025-02"}).empty());
}

TEST_F(StatsCli, SkillsShowDemandSupplyAndSuppressedHolders) {
  const Outcome run = Run("stats skills --db " + db_ + " --format json");
  ASSERT_EQ(run.code, 0) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["rows"].size(), 3u);
  EXPECT_EQ(json["rows"][0]["skill"], "T0199");
  EXPECT_EQ(json["rows"][0]["offers_asking"], 3);
  EXPECT_EQ(json["rows"][0]["jobseekers"], 15);
  EXPECT_EQ(json["rows"][0]["jobseekers_holding"], 9);
  EXPECT_EQ(json["rows"][0]["supply_share"], 0.6);
  EXPECT_EQ(json["rows"][1]["skill"], "T0200");  // 1 offer, held by nobody: 0
  EXPECT_EQ(json["rows"][1]["jobseekers_holding"], 0);
  EXPECT_EQ(json["rows"][2]["skill"], "T0203");
  EXPECT_TRUE(json["rows"][2]["jobseekers_holding"].is_null());
  EXPECT_EQ(json["rows"][2]["suppressed"],
            nlohmann::json::array({"jobseekers_holding", "supply_share", "gap"}));
  const Outcome text = Run("stats skills --db " + db_);
  ASSERT_EQ(text.code, 0) << text.err;
  const std::string t0203 = LineWith(text.out, {"T0203"});
  EXPECT_NE(t0203.find("  s  "), std::string::npos) << text.out;
  EXPECT_NE(t0203.find("Préparer le mortier"), std::string::npos) << text.out;
}

// One occupation has no spread to standardise: the index says so (64, the
// window is the user's to change), naming the reference.
TEST_F(StatsCli, TensionNeedsSeveralOccupations) {
  const Outcome run = Run("stats tension --db " + db_);
  EXPECT_EQ(run.code, 64) << run.out;
  EXPECT_NE(run.err.find("skillmatch: tension index over the reference 2024-04/2025-03: "),
            std::string::npos)
      << run.err;
}

TEST_F(StatsCli, DashboardIsOneSelfContainedFrenchPage) {
  const Outcome run = Run("stats dashboard --db " + db_ + " --out " + dir_.Child("dash"));
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out, "dashboard: " + dir_.Child("dash") + "/dashboard.html\n");
  const std::string html = Slurp(dir_.Child("dash/dashboard.html"));
  EXPECT_NE(html.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_NE(html.find("Période couverte : du 01/01/2025 au 31/03/2025"), std::string::npos);
  EXPECT_NE(html.find("Maçonnerie (F1701)"), std::string::npos);
  EXPECT_NE(html.find("title=\"secret statistique\">s</span>"), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"chart\""), std::string::npos);
}

// The page as a browser draws it: headless Chromium (tools/install-deps.sh
// installs it; skipped when missing on a developer machine, failed in CI).
TEST_F(StatsCli, DashboardRendersInHeadlessChromium) {
  const std::string chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) {
    if (skillmatch::testing::InCi()) FAIL() << "chromium missing in CI: " << chromium;
    GTEST_SKIP() << "chromium missing: " << chromium;
  }
  ASSERT_EQ(Run("stats dashboard --db " + db_ + " --out " + dir_.Child("dash")).code, 0);
  const std::string url = "file://" + dir_.Child("dash/dashboard.html");
  const std::string browser = "timeout 120 " + chromium +
                              " --headless --no-sandbox --disable-gpu --no-first-run"
                              " --user-data-dir=" +
                              dir_.Child("profile");
  const std::string png = dir_.Child("dashboard.png");
  const Outcome shot =
      Shell(browser + " --screenshot=" + png + " --window-size=1366,900 " + url + " < /dev/null",
            dir_);
  ASSERT_EQ(shot.code, 0) << shot.err;
  const std::string image = Slurp(png);
  ASSERT_GE(image.size(), 24u);
  EXPECT_EQ(image.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  // A blank page of this size compresses to a few KB; text, tables and
  // charts make it several times larger.
  EXPECT_GT(image.size(), 30000u);
  const Outcome dom = Shell(browser + " --dump-dom " + url + " < /dev/null", dir_);
  ASSERT_EQ(dom.code, 0) << dom.err;
  EXPECT_NE(dom.out.find("Statistiques du marché du travail"), std::string::npos);
  EXPECT_NE(dom.out.find("<svg class=\"chart\""), std::string::npos);
  EXPECT_NE(dom.out.find("<polyline"), std::string::npos);  // trends, duration curves
}

TEST_F(StatsCli, BadOptionsExit64WithExactMessages) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"stats cube --by bogus",
       "skillmatch: --by: unknown breakdown 'bogus' (expected occupation, area, domain, "
       "region, country, month, quarter or rolling12, comma-separated)\n"},
      {"stats cube --by occupation,area",
       "skillmatch: --by: 'occupation' and 'area' are both occupation levels; give one\n"},
      {"stats cube --by month,quarter",
       "skillmatch: --by: 'month' and 'quarter' are both periods; give one\n"},
      {"stats durations --by region,country",
       "skillmatch: --by: 'region' and 'country' are both geography levels; give one\n"},
      {"stats cube --by occupation,,month",
       "skillmatch: --by: unknown breakdown '' (expected occupation, area, domain, "
       "region, country, month, quarter or rolling12, comma-separated)\n"},
      {"stats cube --from 2025-13",
       "skillmatch: --from: expected a month (YYYY-MM), got '2025-13'\n"},
      {"stats skills --to 03/2025",
       "skillmatch: --to: expected a month (YYYY-MM), got '03/2025'\n"},
      {"stats cube --from 2025-03 --to 2025-01",
       "skillmatch: --from 2025-03 is after --to 2025-01\n"},
      {"stats tension --by occupation,region",
       "skillmatch: --by region: stats tension is national (the tension index compares "
       "regions in its mismatch component; skills are counted over the country); stats "
       "cube gives regional figures\n"},
      {"stats skills --by country",
       "skillmatch: --by country: stats skills is national (the tension index compares "
       "regions in its mismatch component; skills are counted over the country); stats "
       "cube gives regional figures\n"},
      {"stats tension --by region,rolling12",
       "skillmatch: --by region: stats tension is national (the tension index compares "
       "regions in its mismatch component; skills are counted over the country); stats "
       "cube gives regional figures\n"},
      {"stats tension --by quarter",
       "skillmatch: --by: stats tension compares occupations: name occupation, area or "
       "domain\n"},
  };
  for (const auto& [args, message] : cases) {
    const Outcome run = Run(args + " --db " + db_);
    EXPECT_EQ(run.code, 64) << args;
    EXPECT_EQ(run.err, message) << args;
    EXPECT_EQ(run.out, "") << args;
  }
  // CLI11's own checks: still usage errors.
  EXPECT_EQ(Run("stats cube --db " + db_ + " --format xml").code, 64);
  EXPECT_EQ(Run("stats cube").code, 64);  // --db required
  EXPECT_EQ(Run("stats --db " + db_).code, 64);
  EXPECT_EQ(Run("stats dashboard --db " + db_).code, 64);  // --out required
  // A store that is not there: 66, and never created.
  const Outcome missing = Run("stats cube --db " + dir_.Child("none.db"));
  EXPECT_EQ(missing.code, 66) << missing.err;
  EXPECT_FALSE(fs::exists(dir_.Child("none.db")));
}

// Only spells overlapping the window are counted: none before 2025, so the
// table is empty (the header alone), not an error.
TEST_F(StatsCli, AWindowBeforeTheDataGivesAnEmptyTable) {
  const Outcome run = Run("stats cube --db " + db_ +
                          " --from 2024-06 --to 2024-07 --by occupation,month --format csv");
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.out.find('\n'), run.out.size() - 1) << run.out;
  EXPECT_EQ(run.out.rfind("occupation,label,geography,period,", 0), 0u) << run.out;
}

// The default window of a command by quarters is the data's months; when no
// whole quarter fits, the message says what to give.
TEST_F(StatsCli, NoWholePeriodInTheWindowSaysWhatToGive) {
  const Outcome run = Run("stats durations --db " + db_ + " --to 2025-02");
  EXPECT_EQ(run.code, 64);
  EXPECT_EQ(run.err,
            "skillmatch: no quarter period lies within 2025-01..2025-02 (give --by with a "
            "shorter period, or a wider --from/--to)\n");
}

TEST(StatsCliEmpty, AStoreWithNoDatedRecordSaysSo) {
  TempDir dir;
  const std::string db = dir.Child("empty.db");
  ASSERT_EQ(Shell(kBinary + " db init --db " + db, dir).code, 0);
  const Outcome run = Shell(kBinary + " stats cube --db " + db, dir);
  EXPECT_EQ(run.code, 65);
  EXPECT_EQ(run.err, "skillmatch: " + db +
                         ": no dated offer or jobseeker to count (offers need a publication "
                         "date, jobseekers a registration date)\n");
}

}  // namespace
