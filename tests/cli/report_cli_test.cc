// End-to-end tests of `skillmatch eval matching`: the files it writes,
// byte-identical report.json for the same seed, runs that re-score with
// `eval rank`, and the HTML report rendered by a headless Chromium.
//
// The browser test needs /usr/bin/chromium (tools/install-deps.sh installs
// it): skipped when it is missing on a developer machine, failed when the CI
// environment variable is set.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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
using skillmatch::testing::Slurp;
using skillmatch::testing::TempDir;

const std::string kBinary = SKILLMATCH_BINARY;
const std::string kChromium = "/usr/bin/chromium";

// Runs `command` through the shell with no input, capturing both streams.
Outcome ShellNoInput(const std::string& command, const TempDir& dir) {
  return skillmatch::testing::Shell(command + " < /dev/null", dir);
}

// A small run on the embedded sample: about a second.
const std::string kSmall =
    " eval matching --profiles 60 --offers 400 --queries 40 --twins 3 --top 20"
    " --audit-offers 200 -q";

Outcome EvalMatching(const std::string& out, const std::string& extra,
                     const TempDir& scratch) {
  return ShellNoInput(kBinary + kSmall + extra + " --out " + out, scratch);
}

size_t Count(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t pos = text.find(what); pos != std::string::npos;
       pos = text.find(what, pos + what.size())) {
    ++count;
  }
  return count;
}

TEST(ReportCli, WritesTrecFilesAndReportsWithTheSummaryTable) {
  TempDir dir;
  const Outcome run = EvalMatching(dir.Child("out"), " --seed 3", dir);
  ASSERT_EQ(run.code, 0) << run.err;
  for (const char* name :
       {"qrels.profiles.txt", "qrels.offers.txt", "report.json", "report.html",
        "runs/engine.profiles.txt", "runs/engine.offers.txt",
        "runs/random.profiles.txt", "runs/occupation-code.offers.txt",
        "runs/skill-overlap.profiles.txt",
        "runs/without-skills.profiles.txt"}) {
    EXPECT_TRUE(fs::is_regular_file(dir.Child("out/") + name)) << name;
  }
  // The summary: both directions, the engine and the baselines.
  EXPECT_NE(run.out.find("jobseeker -> offers"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("offer -> jobseekers"), std::string::npos);
  EXPECT_EQ(Count(run.out, "\n  engine "), 2u) << run.out;
  EXPECT_EQ(Count(run.out, "\n  random "), 2u);
  EXPECT_NE(run.out.find(" 0 differ"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("report: " + dir.Child("out") + "/report.html"),
            std::string::npos);

  const auto report =
      nlohmann::json::parse(Slurp(dir.Child("out/report.json")));
  EXPECT_EQ(report["source"]["seed"], 3);
  EXPECT_EQ(report["source"]["profiles"], 60);
  EXPECT_FALSE(report["skillmatch_version"].get<std::string>().empty());
  EXPECT_EQ(report["systems"][0]["name"], "engine");
  EXPECT_EQ(report["systems"].size(), 10u);
  EXPECT_GT(report["twin_check"]["pairs"].get<int64_t>(), 0);
  EXPECT_EQ(report["twin_check"]["differing"], 0);
  EXPECT_EQ(report["fairness"]["attributes"].size(), 5u);
  // Self-contained: nothing loaded from elsewhere, no script.
  const std::string html = Slurp(dir.Child("out/report.html"));
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  // The engine ranks better than chance.
  EXPECT_GT(report["systems"][0]["profiles"]["ndcg_cut_10"].get<double>(),
            report["systems"][1]["profiles"]["ndcg_cut_10"].get<double>());
}

TEST(ReportCli, SameSeedGivesByteIdenticalReports) {
  TempDir dir;
  ASSERT_EQ(EvalMatching(dir.Child("a"), " --seed 5", dir).code, 0);
  ASSERT_EQ(EvalMatching(dir.Child("b"), " --seed 5", dir).code, 0);
  ASSERT_EQ(EvalMatching(dir.Child("c"), " --seed 6", dir).code, 0);
  const std::string a = Slurp(dir.Child("a/report.json"));
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, Slurp(dir.Child("b/report.json")));
  EXPECT_EQ(Slurp(dir.Child("a/report.html")),
            Slurp(dir.Child("b/report.html")));
  EXPECT_EQ(Slurp(dir.Child("a/runs/engine.offers.txt")),
            Slurp(dir.Child("b/runs/engine.offers.txt")));
  EXPECT_NE(a, Slurp(dir.Child("c/report.json")));
}

TEST(ReportCli, WrittenRunsReScoreWithEvalRank) {
  TempDir dir;
  ASSERT_EQ(EvalMatching(dir.Child("out"), "", dir).code, 0);
  const auto report =
      nlohmann::json::parse(Slurp(dir.Child("out/report.json")));
  for (const char* side : {"profiles", "offers"}) {
    const Outcome rank = ShellNoInput(
        kBinary + " eval rank --complete --format json --cutoffs 1,3,5,10,20" +
            " --qrels " + dir.Child("out/qrels.") + side + ".txt" + " --run " +
            dir.Child("out/runs/engine.") + side + ".txt",
        dir);
    ASSERT_EQ(rank.code, 0) << rank.err;
    const auto scored = nlohmann::json::parse(rank.out)["summary"];
    const auto& ours = report["systems"][0][side];
    for (const char* measure : {"map", "recip_rank", "P_10", "ndcg_cut_10"}) {
      EXPECT_NEAR(scored[measure].get<double>(), ours[measure].get<double>(),
                  5e-7)
          << side << " " << measure;
    }
    EXPECT_EQ(scored["num_q"], ours["num_q"]);
  }
}

TEST(ReportCli, BadOptionsAreUsageErrors) {
  TempDir dir;
  const Outcome top =
      ShellNoInput(kBinary + " eval matching --top 0 --out " + dir.Child("x"), dir);
  EXPECT_EQ(top.code, 64);
  EXPECT_EQ(top.err, "skillmatch: --top: expected at least 1, got 0\n");
  const Outcome judgements = ShellNoInput(
      kBinary + " eval matching --judgements q.txt --out " + dir.Child("x"),
      dir);
  EXPECT_EQ(judgements.code, 64);
  EXPECT_EQ(judgements.err,
            "skillmatch: --judgements needs --db (the records the judgements "
            "are about)\n");
}

// Records of a store, judged by a TREC qrels file.
TEST(ReportCli, EvaluatesAStoreWithAJudgementsFile) {
  TempDir dir;
  const std::string db = dir.Child("pes.db");
  const std::string data = dir.Child("data");
  for (const std::string& step :
       {" generate --profiles 40 --offers 200 --seed 2 --no-progress --out " +
            data,
        " db init --db " + db,
        " profiles import --db " + db + " " + data + "/profiles.jsonl",
        " offers import --db " + db + " " + data + "/offers.jsonl"}) {
    const Outcome run = ShellNoInput(kBinary + step, dir);
    ASSERT_EQ(run.code, 0) << step << "\n" << run.err;
  }
  dir.Write("judged.txt",
            "P00000001 0 O00000003 1\nP00000001 0 O00000007 0\n"
            "P00000002 0 O00000003 1\nP00000005 0 O00000011 1\n");
  const Outcome run = ShellNoInput(kBinary + " eval matching -q --twins 2 --db " + db +
                                " --judgements " + dir.Child("judged.txt") +
                                " --out " + dir.Child("out"),
                            dir);
  ASSERT_EQ(run.code, 0) << run.err;
  const auto report =
      nlohmann::json::parse(Slurp(dir.Child("out/report.json")));
  EXPECT_EQ(report["source"]["kind"], "store");
  EXPECT_EQ(report["source"]["profiles"], 40);
  EXPECT_EQ(report["source"]["offers"], 200);
  EXPECT_EQ(report["source"]["judgement_count"], 4);
  EXPECT_EQ(report["judgments"]["profiles"]["judged_queries"], 3);
  EXPECT_EQ(report["judgments"]["offers"]["judged_queries"], 3);
  EXPECT_EQ(report["judgments"]["profiles"]["grade_0"], 1);
  EXPECT_EQ(report["twin_check"]["differing"], 0);
  EXPECT_EQ(report["twin_check"]["profiles"], 2);
  // The offer -> jobseekers judgments are the same ones transposed.
  EXPECT_EQ(Slurp(dir.Child("out/qrels.offers.txt")),
            "O00000003 0 P00000001 1\nO00000003 0 P00000002 1\n"
            "O00000007 0 P00000001 0\nO00000011 0 P00000005 1\n");

  dir.Write("wrong.txt", "P00000001 0 O00000003 1\nNOPE 0 O00000003 1\n");
  const Outcome wrong =
      ShellNoInput(kBinary + " eval matching --db " + db + " --judgements " +
                dir.Child("wrong.txt") + " --out " + dir.Child("out2"),
            dir);
  EXPECT_EQ(wrong.code, 65);
  EXPECT_EQ(wrong.err, "skillmatch: " + dir.Child("wrong.txt") +
                           ": query 'NOPE' is not a profile of " + db + "\n");
}

// Records of a store, judged by its counsellors' decisions (skillmatch
// decide): accepted = 1, refused = 0, proposed = unjudged, the last answer
// counts.
TEST(ReportCli, EvaluatesAStoreWithItsCounsellorDecisions) {
  TempDir dir;
  const std::string db = dir.Child("pes.db");
  const std::string data = dir.Child("data");
  std::vector<std::string> steps = {
      " generate --profiles 30 --offers 100 --seed 4 --no-progress --out " +
          data,
      " db init --db " + db,
      " profiles import --db " + db + " " + data + "/profiles.jsonl",
      " offers import --db " + db + " " + data + "/offers.jsonl"};
  for (const char* decision :
       {"P00000001 O00000002 accepted", "P00000001 O00000003 refused",
        "P00000002 O00000002 proposed", "P00000003 O00000004 accepted",
        "P00000003 O00000004 refused"}) {
    std::istringstream fields(decision);
    std::string profile, offer, status;
    fields >> profile >> offer >> status;
    steps.push_back(" decide --db " + db + " --profile " + profile +
                    " --offer " + offer + " --status " + status);
  }
  for (const std::string& step : steps) {
    const Outcome run = ShellNoInput(kBinary + step, dir);
    ASSERT_EQ(run.code, 0) << step << "\n" << run.err;
  }
  const Outcome run = ShellNoInput(kBinary + " eval matching -q --twins 2 --db " + db +
                                " --out " + dir.Child("out"),
                            dir);
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(Slurp(dir.Child("out/qrels.profiles.txt")),
            "P00000001 0 O00000002 1\nP00000001 0 O00000003 0\n"
            "P00000003 0 O00000004 0\n");
  const auto report =
      nlohmann::json::parse(Slurp(dir.Child("out/report.json")));
  EXPECT_EQ(report["source"]["kind"], "store");
  EXPECT_EQ(report["source"]["judgement_count"], 3);
  EXPECT_EQ(report["judgments"]["profiles"]["judged_queries"], 2);
  EXPECT_EQ(report["judgments"]["profiles"]["grade_1"], 1);
  EXPECT_EQ(report["judgments"]["profiles"]["grade_0"], 2);
}

// The HTML report opens offline in a real browser: Chromium renders it to a
// PNG of the window's size that is far from blank, and its DOM holds the
// tables and the SVG charts.
TEST(ReportCli, HtmlReportRendersInHeadlessChromium) {
  if (!fs::exists(kChromium)) {
    if (skillmatch::testing::InCi()) {
      FAIL() << "chromium missing in CI: " << kChromium
             << " (tools/install-deps.sh installs it)";
    }
    GTEST_SKIP() << "chromium missing: " << kChromium;
  }
  TempDir dir;
  ASSERT_EQ(EvalMatching(dir.Child("out"), "", dir).code, 0);
  const std::string url = "file://" + dir.Child("out/report.html");
  const std::string browser =
      "timeout 120 " + kChromium +
      " --headless --no-sandbox --disable-gpu --no-first-run"
      " --user-data-dir=" +
      dir.Child("profile");
  const std::string png = dir.Child("report.png");
  const Outcome shot = ShellNoInput(
      browser + " --screenshot=" + png + " --window-size=1200,2000 " + url,
      dir);
  ASSERT_EQ(shot.code, 0) << shot.err;
  const std::string image = Slurp(png);
  ASSERT_GE(image.size(), 24u);
  EXPECT_EQ(image.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(image.substr(12, 4), "IHDR");
  auto be32 = [&](size_t at) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(image[at]))
            << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(image[at + 1]))
            << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(image[at + 2]))
            << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(image[at + 3]));
  };
  EXPECT_EQ(be32(16), 1200u);
  EXPECT_EQ(be32(20), 2000u);
  // A blank page of this size compresses to about 11 KB; text, tables and
  // charts make it several times larger.
  EXPECT_GT(image.size(), 50000u);

  const Outcome dom = ShellNoInput(browser + " --dump-dom " + url, dir);
  ASSERT_EQ(dom.code, 0) << dom.err;
  EXPECT_NE(dom.out.find("skillmatch — matching evaluation"),
            std::string::npos);
  EXPECT_GE(Count(dom.out, "<svg class=\"chart\""), 10u);
  EXPECT_GE(Count(dom.out, "<polyline"), 6u * 4u);  // 6 charts x 4 systems
  EXPECT_GE(Count(dom.out, "<table"), 8u);
  EXPECT_NE(dom.out.find("Twin check."), std::string::npos);
}

}  // namespace
