// End-to-end tests of the skillmatch executable: exit codes, output on the
// right stream, line-for-line results.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>

#include "support/shell.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using skillmatch::testing::Lines;
using skillmatch::testing::Outcome;
using skillmatch::testing::Shell;
using skillmatch::testing::Slurp;
using skillmatch::testing::TempDir;

const std::string kBinary = SKILLMATCH_BINARY;
const std::string kSource = SKILLMATCH_SOURCE_DIR;
const std::string kTiny = kSource + "/tests/fixtures/bundles/tiny";

// Runs `skillmatch ARGS` through the shell, with `input` on stdin.
Outcome Skillmatch(const std::string& args, const std::string& input = "") {
  TempDir dir;
  dir.Write("in", input);
  return Shell(kBinary + " " + args + " < " + dir.Child("in"), dir);
}

TEST(Cli, VersionAndHelpGoToStdoutWithExitZero) {
  Outcome version = Skillmatch("--version");
  EXPECT_EQ(version.code, 0);
  EXPECT_EQ(version.out.rfind("skillmatch ", 0), 0u) << version.out;
  Outcome help = Skillmatch("code --help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("--taxonomy"), std::string::npos);
  EXPECT_TRUE(help.err.empty());
}

TEST(Cli, UsageErrorsExit64) {
  EXPECT_EQ(Skillmatch("taxonomy info --no-such-option").code, 64);
  EXPECT_EQ(Skillmatch("code --top 0").code, 64);
  EXPECT_EQ(Skillmatch("").code, 64);  // a subcommand is required
}

TEST(Cli, ValidateReportsBadDataWithFileLineAndColumn) {
  Outcome ok = Skillmatch("taxonomy validate --taxonomy " + kTiny);
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("valid (8 nodes, 4 occupations, 4 skills)"),
            std::string::npos);

  TempDir dir;
  fs::copy(kTiny, dir.path(), fs::copy_options::recursive);
  dir.Write("mobility.csv",
            "from_code,to_code,kind,rank\nF1703,F1704,proche,1\n");
  Outcome bad = Skillmatch("taxonomy validate --taxonomy " + dir.path());
  EXPECT_EQ(bad.code, 65);
  EXPECT_TRUE(bad.out.empty());
  EXPECT_EQ(bad.err, "skillmatch: " + dir.path() +
                         "/mobility.csv:2:3: kind must be close or evolution, "
                         "got 'proche'\n");
  // Lenient: every problem listed in the report, still exit 65.
  Outcome lenient = Skillmatch("taxonomy validate --lenient --report " +
                           dir.Child("report.txt") + " --taxonomy " + dir.path());
  EXPECT_EQ(lenient.code, 65);
  EXPECT_EQ(Slurp(dir.Child("report.txt")),
            dir.path() + "/mobility.csv:2:3: kind must be close or evolution, "
                         "got 'proche'\n");
}

TEST(Cli, MissingInputExits66) {
  EXPECT_EQ(Skillmatch("taxonomy info --taxonomy /nonexistent").code, 66);
  EXPECT_EQ(Skillmatch("taxonomy show NOPE --taxonomy " + kTiny).code, 66);
  EXPECT_EQ(Skillmatch("code /nonexistent.txt --taxonomy " + kTiny).code, 66);
}

// A number too large for a double in a JSON file is nlohmann's out_of_range,
// not a parse_error: it escaped as an exception and aborted (exit 134) where
// only parse_error was caught (found by tests/fuzz/bundle_fuzz.cc).
TEST(Cli, JsonNumberOverflowIsBadDataNotACrash) {
  TempDir dir;
  dir.Write("w.json", R"({"no_data_credit": 1e999})");
  Outcome config = Skillmatch("similar --code F1703 --taxonomy " + kTiny +
                              " --config " + dir.Child("w.json"));
  EXPECT_EQ(config.code, 65);
  EXPECT_TRUE(config.out.empty());
  EXPECT_EQ(config.err, "skillmatch: " + dir.Child("w.json") +
                            ":1: invalid JSON: number overflow parsing "
                            "'1e999'\n");
  fs::create_directories(dir.Child("B"));
  fs::copy(kTiny, dir.Child("B"), fs::copy_options::recursive);
  dir.Write("B/bundle.json", R"({"format": "skillmatch-bundle/1", "x": 1e999})");
  Outcome bundle = Skillmatch("taxonomy validate --taxonomy " + dir.Child("B"));
  EXPECT_EQ(bundle.code, 65);
  EXPECT_EQ(bundle.err, "skillmatch: " + dir.Child("B") +
                            "/bundle.json:1: invalid JSON: number overflow "
                            "parsing '1e999'\n");
}

TEST(Cli, ExportThenValidateGivesTheSameBundle) {
  TempDir dir;
  Outcome exported =
      Skillmatch("taxonomy export --taxonomy " + kTiny + " --out " + dir.path());
  ASSERT_EQ(exported.code, 0) << exported.err;
  Outcome info_a = Skillmatch("taxonomy info --format json --taxonomy " + kTiny);
  Outcome info_b = Skillmatch("taxonomy info --format json --taxonomy " + dir.path());
  EXPECT_EQ(info_a.out, info_b.out);
  EXPECT_FALSE(info_a.out.empty());
}

TEST(Cli, CodeWritesOneResultPerInputLineInOrder) {
  const std::string input =
      "COMPTABLE (H/F)\n\nzemidjan\r\n(H/F)\nchauffeur poids lourd urgent\n";
  Outcome run = Skillmatch("code --top 3", input);
  ASSERT_EQ(run.code, 0) << run.err;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 5u) << run.out;
  std::vector<std::string> inputs = {"COMPTABLE (H/F)", "", "zemidjan", "(H/F)",
                                     "chauffeur poids lourd urgent"};
  std::vector<std::string> codes = {"M1201", "", "N1301", "", "N1401"};
  for (size_t line_idx = 0; line_idx < lines.size(); ++line_idx) {
    auto json = nlohmann::json::parse(lines[line_idx]);
    EXPECT_EQ(json["input"], inputs[line_idx]);
    if (codes[line_idx].empty()) {
      EXPECT_TRUE(json["candidates"].empty());
      EXPECT_TRUE(json["needs_review"].get<bool>());
    } else {
      ASSERT_FALSE(json["candidates"].empty());
      EXPECT_EQ(json["candidates"][0]["code"], codes[line_idx]);
      EXPECT_LE(json["candidates"].size(), 3u);
      for (const char* key : {"label", "score", "confidence", "matched_label"}) {
        EXPECT_TRUE(json["candidates"][0].contains(key)) << key;
      }
    }
  }
  EXPECT_NE(run.err.find("coded 5 line(s)"), std::string::npos);
}

TEST(Cli, CodeReadsAColumnOfACsvFile) {
  TempDir dir;
  dir.Write("offers.csv",
            "ref,intitule\n1,\"Maçon, urgent\"\n2,Mobile money agent\n");
  Outcome run = Skillmatch("code --column intitule --format csv " +
                       dir.Child("offers.csv") + " --top 1");
  ASSERT_EQ(run.code, 0) << run.err;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "input,rank,code,label,matched_label,score,confidence,needs_review,"
            "job,job_title");
  EXPECT_EQ(lines[1].rfind("\"Maçon, urgent\",1,F1701,", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2].rfind("Mobile money agent,1,C1204,", 0), 0u) << lines[2];

  Outcome missing = Skillmatch("code --column title " + dir.Child("offers.csv"));
  EXPECT_EQ(missing.code, 65);
  EXPECT_EQ(missing.err,
            "skillmatch: " + dir.Child("offers.csv") + ":1: no column 'title'\n");
}

// Issue 13: a title that names several jobs gets one coding per job beside
// the whole title's, which is the line's coding, as in the import.
TEST(Cli, CodeGivesOneCodingPerJobOfATitle) {
  Outcome run = Skillmatch("code --top 2", "Maçon / Plombier\nMaçon\n");
  ASSERT_EQ(run.code, 0) << run.err;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u) << run.out;
  auto several = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(several["input"], "Maçon / Plombier");
  EXPECT_EQ(several["candidates"][0]["code"], "F1701");
  ASSERT_EQ(several["jobs"].size(), 2u) << lines[0];
  EXPECT_EQ(several["jobs"][0]["title"], "Maçon");
  EXPECT_EQ(several["jobs"][0]["candidates"][0]["code"], "F1701");
  EXPECT_EQ(several["jobs"][1]["title"], "Plombier");
  EXPECT_EQ(several["jobs"][1]["candidates"][0]["code"], "F1602");
  EXPECT_FALSE(several["jobs"][1]["needs_review"].get<bool>());
  EXPECT_FALSE(nlohmann::json::parse(lines[1]).contains("jobs"));
  EXPECT_NE(run.err.find("coded 2 line(s), 1 to review, 1 naming several jobs"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(several["needs_review"].get<bool>());  // two jobs: for a person

  // csv: the whole title's rows (no job), then each job's, numbered, with
  // the job's text.
  Outcome csv = Skillmatch("code --top 1 --format csv", "Maçon / Plombier\n");
  ASSERT_EQ(csv.code, 0) << csv.err;
  lines = Lines(csv.out);
  ASSERT_EQ(lines.size(), 4u) << csv.out;
  EXPECT_EQ(lines[0],
            "input,rank,code,label,matched_label,score,confidence,needs_review,"
            "job,job_title");
  EXPECT_EQ(lines[1].rfind("Maçon / Plombier,1,F1701,", 0), 0u) << lines[1];
  EXPECT_EQ(lines[1].substr(lines[1].size() - 6), "true,,") << lines[1];
  EXPECT_EQ(lines[2].rfind("Maçon / Plombier,1,F1701,", 0), 0u) << lines[2];
  EXPECT_EQ(lines[2].substr(lines[2].size() - 14), "false,1,Maçon") << lines[2];
  EXPECT_EQ(lines[3].rfind("Maçon / Plombier,1,F1602,", 0), 0u) << lines[3];
  // table: one block per job.
  Outcome table = Skillmatch("code --top 1 --format table", "Maçon / Plombier\n");
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("  job 2: Plombier\n  1. F1602"), std::string::npos)
      << table.out;
}

// Issue 13: the sector and the description are the coder's context, for
// every line (--sector, --description) or per row (--sector-column,
// --description-column); a generic title moves, a clear one does not.
TEST(Cli, CodeTakesTheSectorAndDescriptionAsContext) {
  auto top = [](const Outcome& run, size_t line) {
    std::vector<std::string> lines = Lines(run.out);
    if (line >= lines.size()) return std::string("?");
    auto json = nlohmann::json::parse(lines[line]);
    return json["candidates"].empty()
               ? std::string()
               : json["candidates"][0]["code"].get<std::string>();
  };
  auto rank_of = [](const Outcome& run, const std::string& code) {
    auto json = nlohmann::json::parse(Lines(run.out).at(0));
    for (size_t rank = 0; rank < json["candidates"].size(); ++rank) {
      if (json["candidates"][rank]["code"] == code) return rank;
    }
    return json["candidates"].size();
  };
  const std::string generic = "Agent\n";
  Outcome alone = Skillmatch("code --top 5", generic);
  Outcome security = Skillmatch(
      "code --top 5 --sector \"Sécurité, gardiennage\"", generic);
  Outcome insurance = Skillmatch(
      "code --top 5 --description "
      "\"Vous vendez nos contrats d'assurance vie et d'assurance auto.\"",
      generic);
  ASSERT_EQ(alone.code, 0) << alone.err;
  ASSERT_EQ(security.code, 0) << security.err;
  ASSERT_EQ(insurance.code, 0) << insurance.err;
  EXPECT_EQ(top(security, 0), "K1502") << security.out;
  EXPECT_EQ(top(insurance, 0), "C1101") << insurance.out;
  EXPECT_NE(top(alone, 0), "C1101") << alone.out;
  EXPECT_LT(rank_of(insurance, "C1101"), rank_of(alone, "C1101")) << alone.out;
  // A clear title keeps its code whatever the sector.
  Outcome mason = Skillmatch("code --sector Banque", "Maçon\n");
  EXPECT_EQ(top(mason, 0), "F1701");

  // Per row, from columns of a CSV file.
  TempDir dir;
  dir.Write("offers.csv",
            "intitule,secteur,texte\n"
            "Agent,,"
            "Vous vendez nos contrats d'assurance vie et d'assurance auto.\n"
            "Agent,,\n"
            "Agent,\"Sécurité, gardiennage\",\n");
  Outcome rows = Skillmatch("code --column intitule --sector-column secteur "
                            "--description-column texte --top 5 " +
                            dir.Child("offers.csv"));
  ASSERT_EQ(rows.code, 0) << rows.err;
  EXPECT_EQ(top(rows, 0), "C1101") << rows.out;
  EXPECT_EQ(top(rows, 1), top(alone, 0)) << rows.out;
  EXPECT_EQ(top(rows, 2), "K1502") << rows.out;
  Outcome missing = Skillmatch("code --column intitule --sector-column sector " +
                               dir.Child("offers.csv"));
  EXPECT_EQ(missing.code, 65);
  EXPECT_EQ(missing.err, "skillmatch: " + dir.Child("offers.csv") +
                             ":1: no column 'sector'\n");
  Outcome without_column = Skillmatch("code --sector-column secteur", generic);
  EXPECT_EQ(without_column.code, 64);
}

TEST(Cli, SpotFindsSkillPhrasesInDescriptions) {
  Outcome run = Skillmatch(
      "code --skills --spot",
      "Chauffeur avec permis B, maîtrise d'Excel exigée.\nRien ici.\n");
  ASSERT_EQ(run.code, 0) << run.err;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 2u);
  auto first = nlohmann::json::parse(lines[0]);
  std::vector<std::string> ids;
  for (const auto& skill : first["skills"]) ids.push_back(skill["skill_id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"T0002", "T0005"}));
  EXPECT_TRUE(nlohmann::json::parse(lines[1])["skills"].empty());
  EXPECT_EQ(Skillmatch("code --spot").code, 64);
}

TEST(Cli, StoreImportAndMatchWithExplanations) {
  TempDir dir;
  const std::string db = dir.Child("pes.db");
  const std::string examples = kSource + "/engine/model/schema/examples/";
  ASSERT_EQ(Skillmatch("db init --db " + db).code, 0);
  Outcome profiles =
      Skillmatch("profiles import --db " + db + " " + examples + "profiles.jsonl");
  ASSERT_EQ(profiles.code, 0) << profiles.err;
  EXPECT_NE(profiles.err.find("imported 3, updated 0, rejected 0"), std::string::npos);
  ASSERT_EQ(Skillmatch("offers import --db " + db + " " + examples + "offers.jsonl").code, 0);
  // Re-import changes nothing but counts as updates.
  Outcome again =
      Skillmatch("offers import --db " + db + " " + examples + "offers.jsonl");
  EXPECT_NE(again.err.find("imported 0, updated 3, rejected 0"), std::string::npos);

  // The day is given: the examples' offers expire from 2026-12-15 on.
  Outcome match = Skillmatch("match --db " + db +
                             " --profile SN-2026-003187 --top 2 --explain --format json"
                             " --today 2026-11-22");
  ASSERT_EQ(match.code, 0) << match.err;
  auto hits = nlohmann::json::parse(match.out);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0]["offer"], "SN-OFF-2026-0771");
  double sum = 0;
  for (const auto& block : hits[0]["explanation"]["blocks"]) {
    sum += block["contribution"].get<double>();
  }
  EXPECT_NEAR(sum, hits[0]["score"].get<double>(), 1e-5);
  EXPECT_GE(hits[0]["score"].get<double>(), hits[1]["score"].get<double>());

  EXPECT_EQ(Skillmatch("match --db " + db + " --profile NOPE").code, 66);
  EXPECT_EQ(Skillmatch("match --db " + db).code, 64);
  EXPECT_EQ(Skillmatch("match --db " + dir.Child("none.db") + " --profile X").code, 66);
}

// The quick start's case (issue 13): the store of tools/quickstart.sh (the
// example jobseekers and offers, the national CSV and the ESCO-coded feed
// through their mappings, all on the embedded sample taxonomy) and its
// accountant, SN-2026-003187. The electrician's offer of the CSV file lists
// no skills; with its skills block "not asked" it scored 65.5 % for her,
// third, above the developer's offer of her own domain (42.3 %). Its
// occupation's essential skills now stand in for them: it ranks below every
// offer of an occupation at least in her domain (proximity >= 0.15), and the
// explanation says the skills were inferred.
TEST(Cli, QuickStartSparseOfferRanksBelowRelatedOffers) {
  TempDir dir;
  const std::string db = dir.Child("pes.db");
  const std::string examples = kSource + "/engine/model/schema/examples/";
  const std::string import = kSource + "/data/import/";
  ASSERT_EQ(Skillmatch("db init --db " + db + " --taxonomy " + kSource +
                       "/data/roame-sample").code, 0);
  ASSERT_EQ(Skillmatch("profiles import --db " + db + " " + examples +
                       "profiles.jsonl").code, 0);
  ASSERT_EQ(Skillmatch("offers import --db " + db + " " + examples +
                       "offers.jsonl").code, 0);
  Outcome national = Skillmatch(
      "import offers --db " + db + " --source anpe --mapping " + import +
      "national-csv.mapping.json " + import + "national-offres.csv");
  ASSERT_EQ(national.code, 0) << national.err;
  Outcome feed = Skillmatch(
      "import offers --db " + db + " --source eures --mapping " + import +
      "eures-json.mapping.json " + import + "eures-offres.json");
  ASSERT_EQ(feed.code, 0) << feed.err;

  const std::string electrician = "anpe:ANPE-TG-2026-0054";
  auto ranking = [&](const std::string& extra) {
    Outcome match = Skillmatch("match --db " + db +
                               " --profile SN-2026-003187 --top 50 --explain"
                               " --format json --today 2026-11-22" + extra);
    EXPECT_EQ(match.code, 0) << match.err;
    return nlohmann::json::parse(match.out);
  };
  auto find = [&](const nlohmann::json& hits, const std::string& id) {
    for (const auto& hit : hits) {
      if (hit["offer"] == id) return hit;
    }
    ADD_FAILURE() << id << " not in the ranking";
    return nlohmann::json();
  };

  const nlohmann::json hits = ranking("");
  const nlohmann::json sparse = find(hits, electrician);
  ASSERT_FALSE(sparse.is_null());
  EXPECT_EQ(sparse["occupation"], "F1601");
  int related = 0;
  for (const auto& hit : hits) {
    const auto& occupation = hit["explanation"]["occupation"];
    if (occupation.is_null() || occupation["proximity"].get<double>() < 0.15) continue;
    ++related;
    EXPECT_LT(hit["rank"].get<int>(), sparse["rank"].get<int>()) << hit["offer"];
    EXPECT_GT(hit["score"].get<double>(), sparse["score"].get<double>()) << hit["offer"];
  }
  EXPECT_EQ(related, 3);  // two accounting offers and the developer's
  const auto& skills = sparse["explanation"]["blocks"][1];
  EXPECT_EQ(skills["block"], "skills");
  EXPECT_EQ(skills["inferred_from_occupation"], true);
  EXPECT_FALSE(skills.contains("no_requirement"));
  EXPECT_EQ(skills["contribution"].get<double>(), 0.0);
  ASSERT_FALSE(sparse["explanation"]["missing_skills"].empty());
  for (const auto& skill : sparse["explanation"]["missing_skills"]) {
    EXPECT_EQ(skill["inferred_from_occupation"], true) << skill["skill_id"];
  }

  // Inference off (the score before 2026-12-07 for this offer): the
  // electrician's offer is back at 65.5 %, above the developer's.
  dir.Write("no-inference.json", R"({"inferred_skills_weight": 0})");
  const nlohmann::json before =
      ranking(" --config " + dir.Child("no-inference.json"));
  const nlohmann::json old_sparse = find(before, electrician);
  const nlohmann::json developer = find(before, "anpe:FNE-CE-2026-0488");
  ASSERT_FALSE(old_sparse.is_null());
  ASSERT_FALSE(developer.is_null());
  EXPECT_NEAR(old_sparse["score"].get<double>(), 0.655, 0.001);
  EXPECT_GT(old_sparse["score"].get<double>(), developer["score"].get<double>());

  // batch's jsonl names the inferred blocks on the electrician's line, and
  // only where the offer listed no skill of that kind.
  Outcome batch = Skillmatch("batch --db " + db + " --top 50 --format jsonl"
                             " --today 2026-11-22 --no-progress");
  ASSERT_EQ(batch.code, 0) << batch.err;
  int lines_seen = 0;
  for (const std::string& line : Lines(batch.out)) {
    const auto hit = nlohmann::json::parse(line);
    if (hit["profile_id"] != "SN-2026-003187") continue;
    if (hit["offer_id"] == electrician) {
      ++lines_seen;
      EXPECT_EQ(hit["inferred_from_occupation"],
                nlohmann::json({"skills", "soft_skills"}));
    } else if (hit["offer_id"] == "SN-OFF-2026-0771") {
      ++lines_seen;  // lists technical and soft skills
      EXPECT_FALSE(hit.contains("inferred_from_occupation")) << line;
    }
  }
  EXPECT_EQ(lines_seen, 2);

  // The table says so too.
  Outcome table = Skillmatch("match --db " + db +
                             " --profile SN-2026-003187 --top 4 --explain"
                             " --today 2026-11-22");
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("skills 0.0/35.0 (inferred from the occupation)"),
            std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Électricité générale *"), std::string::npos);
  EXPECT_NE(table.out.find("* inferred from the occupation: the offer lists no "
                           "skill of that kind"),
            std::string::npos);
}

TEST(Cli, SavedRunsAndDecisionsReadBack) {
  TempDir dir;
  const std::string db = dir.Child("pes.db");
  const std::string examples = kSource + "/engine/model/schema/examples/";
  ASSERT_EQ(Skillmatch("db init --db " + db).code, 0);
  ASSERT_EQ(Skillmatch("profiles import --db " + db + " " + examples + "profiles.jsonl").code, 0);
  ASSERT_EQ(Skillmatch("offers import --db " + db + " " + examples + "offers.jsonl").code, 0);

  Outcome match = Skillmatch("match --db " + db +
                             " --profile SN-2026-003187 --top 2 --format json --save "
                             "--notes 'entretien du 22/11' --today 2026-11-22");
  ASSERT_EQ(match.code, 0) << match.err;
  EXPECT_NE(match.err.find("saved as match run 1"), std::string::npos) << match.err;
  auto hits = nlohmann::json::parse(match.out);
  Outcome show = Skillmatch("runs show --db " + db + " --run 1 --format json");
  ASSERT_EQ(show.code, 0) << show.err;
  auto run = nlohmann::json::parse(show.out);
  EXPECT_EQ(run["kind"], "profile-to-offers");
  EXPECT_EQ(run["notes"], "entretien du 22/11");
  EXPECT_EQ(run["config"]["today"], "2026-11-22");  // the day used is kept
  ASSERT_EQ(run["results"].size(), hits.size());
  for (size_t rank = 0; rank < hits.size(); ++rank) {
    EXPECT_EQ(run["results"][rank]["offer"], hits[rank]["offer"]);
    EXPECT_EQ(run["results"][rank]["rank"], rank + 1);
    EXPECT_NEAR(run["results"][rank]["score"].get<double>(),
                hits[rank]["score"].get<double>(), 1e-6);
    // The explanation kept adds up to the score kept.
    double sum = 0;
    for (const auto& block : run["results"][rank]["explanation"]["blocks"]) {
      sum += block["contribution"].get<double>();
    }
    EXPECT_NEAR(sum, run["results"][rank]["score"].get<double>(), 1e-5);
  }
  Outcome list = Skillmatch("runs list --db " + db);
  ASSERT_EQ(list.code, 0);
  EXPECT_NE(list.out.find("profile-to-offers"), std::string::npos) << list.out;
  EXPECT_EQ(Skillmatch("runs show --db " + db + " --run 7").err,
            "skillmatch: " + db + ": no match run 7\n");

  Outcome decide = Skillmatch("decide --db " + db +
                              " --profile SN-2026-003187 --offer SN-OFF-2026-0771 "
                              "--status accepted --counsellor 'A. Diallo' --reason 'profil complet'");
  ASSERT_EQ(decide.code, 0) << decide.err;
  Outcome refused = Skillmatch("decide --db " + db +
                               " --profile NOPE --offer SN-OFF-2026-0771 --status refused");
  EXPECT_EQ(refused.code, 65);
  EXPECT_NE(refused.err.find("FOREIGN KEY constraint failed"), std::string::npos) << refused.err;
  EXPECT_EQ(Skillmatch("decide --db " + db +
                       " --profile SN-2026-003187 --offer SN-OFF-2026-0771 --status maybe")
                .code,
            64);
  Outcome decisions = Skillmatch("decisions --db " + db + " --offer SN-OFF-2026-0771 --format json");
  ASSERT_EQ(decisions.code, 0) << decisions.err;
  auto listed = nlohmann::json::parse(decisions.out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["status"], "accepted");
  EXPECT_EQ(listed[0]["counsellor"], "A. Diallo");
  EXPECT_EQ(listed[0]["reason"], "profil complet");
}

// Closing an offer and recording a jobseeker's exit (issue 16): the codec's
// rules, worded for the record, and usage errors for bad options.
TEST(Cli, OffersCloseAndProfilesExit) {
  TempDir dir;
  const std::string db = dir.Child("pes.db");
  const std::string examples = kSource + "/engine/model/schema/examples/";
  ASSERT_EQ(Skillmatch("db init --db " + db).code, 0);
  ASSERT_EQ(Skillmatch("profiles import --db " + db + " " + examples + "profiles.jsonl").code, 0);
  ASSERT_EQ(Skillmatch("offers import --db " + db + " " + examples + "offers.jsonl").code, 0);
  const std::string offer = " SN-OFF-2026-0771";

  Outcome early = Skillmatch("offers close --db " + db + offer +
                             " --date 2026-10-01 --reason filled");
  EXPECT_EQ(early.code, 65);
  EXPECT_EQ(early.err,
            "skillmatch: offers close SN-OFF-2026-0771: closed: expected a date "
            "on or after published (2026-11-02), got \"2026-10-01\"\n");
  Outcome hired = Skillmatch("offers close --db " + db + offer +
                             " --date 2026-12-01 --reason withdrawn --hired SN-2026-003187");
  EXPECT_EQ(hired.code, 65);
  EXPECT_EQ(hired.err,
            "skillmatch: offers close SN-OFF-2026-0771: hired: given for an "
            "offer not closed as filled, got \"SN-2026-003187\"\n");
  Outcome bad_date = Skillmatch("offers close --db " + db + offer +
                                " --date 01/12/2026 --reason filled");
  EXPECT_EQ(bad_date.code, 64);
  EXPECT_EQ(bad_date.err,
            "skillmatch: --date: expected a date YYYY-MM-DD, got '01/12/2026'\n");
  EXPECT_EQ(Skillmatch("offers close --db " + db + offer +
                       " --date 2026-12-01 --reason sold")
                .code,
            64);
  EXPECT_EQ(Skillmatch("offers close --db " + db +
                       " NOPE --date 2026-12-01 --reason filled")
                .code,
            66);

  Outcome closed = Skillmatch("offers close --db " + db + offer +
                              " --date 2026-12-01 --reason filled --hired SN-2026-003187");
  ASSERT_EQ(closed.code, 0) << closed.err;
  auto shown = nlohmann::json::parse(
      Skillmatch("offers show --db " + db + offer + " --format json").out);
  EXPECT_EQ(shown["closed"], "2026-12-01");
  EXPECT_EQ(shown["closing_reason"], "filled");
  EXPECT_EQ(shown["hired"], "SN-2026-003187");
  EXPECT_NE(Skillmatch("offers show --db " + db + offer).out.find(
                "2026-12-01 (filled, hired SN-2026-003187)"),
            std::string::npos);

  Outcome exit = Skillmatch("profiles exit --db " + db +
                            " SN-2026-003187 --date 2026-12-01 --reason employment");
  ASSERT_EQ(exit.code, 0) << exit.err;
  auto profile = nlohmann::json::parse(
      Skillmatch("profiles show --db " + db + " SN-2026-003187 --format json").out);
  EXPECT_EQ(profile["exited"], "2026-12-01");
  EXPECT_EQ(profile["exit_reason"], "employment");
  EXPECT_EQ(Skillmatch("profiles exit --db " + db +
                       " SN-2026-003187 --date 2026-12-01 --reason retired")
                .code,
            64);
}

TEST(Cli, ImportRefusesCodesTheStoredTaxonomyLacks) {
  TempDir dir;
  const std::string db = dir.Child("pes.db");
  ASSERT_EQ(Skillmatch("db init --db " + db).code, 0);
  dir.Write("p.jsonl",
            "{\"id\":\"p1\",\"target_occupations\":[\"F1701\"]}\n"
            "{\"id\":\"p2\",\"target_occupations\":[\"Z9999\"]}\n");
  Outcome strict = Skillmatch("profiles import --db " + db + " " + dir.Child("p.jsonl"));
  EXPECT_EQ(strict.code, 65);
  EXPECT_NE(strict.err.find(dir.Child("p.jsonl") +
                            ":2: target_occupations[0]: unknown occupation 'Z9999'"),
            std::string::npos)
      << strict.err;
  Outcome lenient =
      Skillmatch("profiles import --lenient --db " + db + " " + dir.Child("p.jsonl"));
  EXPECT_EQ(lenient.code, 0);
  EXPECT_NE(lenient.err.find("imported 1, updated 0, rejected 1"), std::string::npos)
      << lenient.err;
  // A store refusal names the line too.
  dir.Write("o.jsonl",
            "{\"id\":\"o1\",\"source\":\"s\",\"source_ref\":\"R1\"}\n"
            "\n{\"id\":\"o2\",\"source\":\"s\",\"source_ref\":\"R1\"}\n");
  Outcome refused = Skillmatch("offers import --db " + db + " " + dir.Child("o.jsonl"));
  EXPECT_EQ(refused.code, 65);
  EXPECT_NE(refused.err.find(dir.Child("o.jsonl") + ":3: " + db + ": offer 'o2'"),
            std::string::npos)
      << refused.err;
}

TEST(Cli, GenerateThenBatchGivesTheSameOutputOnAnyThreadCount) {
  TempDir dir;
  Outcome gen = Skillmatch("generate --profiles 200 --offers 1500 --seed 5 --out " +
                           dir.Child("gen"));
  ASSERT_EQ(gen.code, 0) << gen.err;
  for (const char* file : {"profiles.jsonl", "offers.jsonl", "truth.jsonl"}) {
    EXPECT_TRUE(fs::exists(dir.Child("gen") + "/" + file)) << file;
  }
  EXPECT_EQ(Lines(Slurp(dir.Child("gen") + "/profiles.jsonl")).size(), 200u);
  // Generated offers are dated in 2026 (kDataYear): scored as of its first
  // day, none has expired.
  const std::string inputs = " --profiles " + dir.Child("gen") + "/profiles.jsonl" +
                             " --offers " + dir.Child("gen") +
                             "/offers.jsonl --top 5 --today 2026-01-01";
  Outcome one = Skillmatch("batch --threads 1 --out " + dir.Child("one.csv") + inputs);
  ASSERT_EQ(one.code, 0) << one.err;
  Outcome two = Skillmatch("batch --threads 2 --out " + dir.Child("two.csv") + inputs);
  ASSERT_EQ(two.code, 0) << two.err;
  std::string a = Slurp(dir.Child("one.csv"));
  EXPECT_EQ(a, Slurp(dir.Child("two.csv")));
  // The dense path (default) and the postings alone give the same lists.
  Outcome postings =
      Skillmatch("batch --no-dense --out " + dir.Child("postings.csv") + inputs);
  ASSERT_EQ(postings.code, 0) << postings.err;
  EXPECT_EQ(a, Slurp(dir.Child("postings.csv")));
  std::vector<std::string> rows = Lines(a);
  ASSERT_EQ(rows.size(), 1u + 200u * 5u);  // every jobseeker gets 5 offers
  EXPECT_EQ(rows[0], "profile_id,rank,offer_id,score");
  EXPECT_EQ(Skillmatch("generate --profiles 0 --offers 1 --seed 1 --out " +
                       dir.Child("x"))
                .code,
            64);
  EXPECT_EQ(Skillmatch("batch --top 5").code, 64);

  // From the store, --save keeps the same lists as a match run.
  const std::string db = dir.Child("pes.db");
  ASSERT_EQ(Skillmatch("db init --db " + db).code, 0);
  ASSERT_EQ(Skillmatch("profiles import --db " + db + " " + dir.Child("gen") +
                       "/profiles.jsonl").code, 0);
  ASSERT_EQ(Skillmatch("offers import --db " + db + " " + dir.Child("gen") +
                       "/offers.jsonl").code, 0);
  Outcome saved = Skillmatch("batch --db " + db + " --top 5 --save --today 2026-01-01 --out " +
                             dir.Child("db.csv"));
  ASSERT_EQ(saved.code, 0) << saved.err;
  EXPECT_EQ(Slurp(dir.Child("db.csv")), a);  // same records, same lists
  auto run = nlohmann::json::parse(
      Skillmatch("runs show --db " + db + " --run 1 --format json").out);
  EXPECT_EQ(run["kind"], "batch");
  ASSERT_EQ(run["results"].size(), 200u * 5u);
  for (size_t row = 0; row < run["results"].size(); ++row) {
    const std::string expected = run["results"][row]["profile"].get<std::string>() + "," +
                                 std::to_string(run["results"][row]["rank"].get<int>()) +
                                 "," + run["results"][row]["offer"].get<std::string>() + ",";
    EXPECT_EQ(rows[row + 1].rfind(expected, 0), 0u) << rows[row + 1];
  }
  EXPECT_EQ(Skillmatch("batch --save" + inputs).code, 64);
}

// --today is a real day YYYY-MM-DD, else a usage error naming the option.
TEST(Cli, TodayIsValidated) {
  TempDir dir;
  const std::string db = dir.Child("pes.db");
  const std::string examples = kSource + "/engine/model/schema/examples/";
  ASSERT_EQ(Skillmatch("db init --db " + db).code, 0);
  for (const char* bad : {"22/11/2026", "2026-02-29", "2026-11-22T10:00"}) {
    Outcome match = Skillmatch("match --db " + db + " --profile X --today " + bad);
    EXPECT_EQ(match.code, 64) << bad;
    EXPECT_EQ(match.err, std::string("skillmatch: --today: expected a date YYYY-MM-DD, got '") +
                             bad + "'\n");
    Outcome batch = Skillmatch("batch --db " + db + " --today " + bad);
    EXPECT_EQ(batch.code, 64) << bad;
    EXPECT_EQ(batch.err, std::string("skillmatch: --today: expected a date YYYY-MM-DD, got '") +
                             bad + "'\n");
  }
  // Without --today the system date applies: a run keeps the day it used.
  ASSERT_EQ(Skillmatch("profiles import --db " + db + " " + examples + "profiles.jsonl").code, 0);
  ASSERT_EQ(Skillmatch("offers import --db " + db + " " + examples + "offers.jsonl").code, 0);
  Outcome saved = Skillmatch("match --db " + db + " --profile SN-2026-003187 --save");
  ASSERT_EQ(saved.code, 0) << saved.err;
  auto run = nlohmann::json::parse(
      Skillmatch("runs show --db " + db + " --run 1 --format json").out);
  ASSERT_TRUE(run["config"]["today"].is_string()) << run["config"].dump();
  EXPECT_EQ(run["config"]["today"].get<std::string>().size(), 10u);
}

// batch on files checks codes as `profiles|offers import` does (exit 65,
// the same message), instead of scoring unknown codes as never matching.
TEST(Cli, BatchChecksCodesOfFilesAgainstTheTaxonomy) {
  TempDir dir;
  dir.Write("p.jsonl",
            "{\"id\":\"p1\",\"target_occupations\":[\"F1701\"]}\n"
            "{\"id\":\"p2\",\"target_occupations\":[\"Z9999\"]}\n");
  dir.Write("o.jsonl", "{\"id\":\"o1\",\"occupation\":\"F1701\"}\n");
  dir.Write("o_bad.jsonl",
            "{\"id\":\"o1\",\"occupation\":\"F1701\",\"skills\":[{\"skill_id\":\"NOPE\"}]}\n");
  const std::string name = " (not in taxonomy roame-sample 2026.11)";
  const std::string unknown = dir.Child("p.jsonl") +
                              ":2: target_occupations[0]: unknown occupation 'Z9999'" + name;
  Outcome profiles = Skillmatch("batch --profiles " + dir.Child("p.jsonl") + " --offers " +
                                dir.Child("o.jsonl"));
  EXPECT_EQ(profiles.code, 65);
  EXPECT_EQ(profiles.err, "skillmatch: " + unknown + "\n");
  // The same message as the import gives.
  const std::string db = dir.Child("pes.db");
  ASSERT_EQ(Skillmatch("db init --db " + db).code, 0);
  Outcome imported = Skillmatch("profiles import --db " + db + " " + dir.Child("p.jsonl"));
  EXPECT_EQ(imported.code, 65);
  EXPECT_NE(imported.err.find(unknown), std::string::npos) << imported.err;
  dir.Write("p_ok.jsonl", "{\"id\":\"p1\",\"target_occupations\":[\"F1701\"]}\n");
  Outcome offers = Skillmatch("batch --profiles " + dir.Child("p_ok.jsonl") + " --offers " +
                              dir.Child("o_bad.jsonl"));
  EXPECT_EQ(offers.code, 65);
  EXPECT_EQ(offers.err, "skillmatch: " + dir.Child("o_bad.jsonl") +
                            ":1: skills[0].skill_id: unknown skill 'NOPE'" + name + "\n");
  Outcome good = Skillmatch("batch --profiles " + dir.Child("p_ok.jsonl") + " --offers " +
                            dir.Child("o.jsonl"));
  EXPECT_EQ(good.code, 0) << good.err;
}

// The scoring config's numbers are range-checked (exit 65, file and field).
TEST(Cli, ScoringConfigRangesAreChecked) {
  TempDir dir;
  dir.Write("weights.json", "{\"declared_credit\": 1.5}");
  dir.Write("p.jsonl", "{\"id\":\"p1\",\"target_occupations\":[\"F1701\"]}\n");
  dir.Write("o.jsonl", "{\"id\":\"o1\",\"occupation\":\"F1701\"}\n");
  Outcome batch = Skillmatch("batch --config " + dir.Child("weights.json") + " --profiles " +
                             dir.Child("p.jsonl") + " --offers " + dir.Child("o.jsonl"));
  EXPECT_EQ(batch.code, 65);
  EXPECT_EQ(batch.err, "skillmatch: " + dir.Child("weights.json") +
                           ": declared_credit: expected a number in [0, 1], got 1.5\n");
}

TEST(Cli, EvalRankPrintsTrecEvalLines) {
  TempDir dir;
  dir.Write("qrels", "q1 0 d1 1\nq1 0 d2 0\nq1 0 d3 1\n");
  dir.Write("run", "q1 Q0 d2 1 3.0 t\nq1 Q0 d1 2 2.0 t\nq1 Q0 d3 3 1.0 t\n");
  Outcome run = Skillmatch("eval rank --qrels " + dir.Child("qrels") + " --run " +
                       dir.Child("run"));
  ASSERT_EQ(run.code, 0) << run.err;
  // Relevant at ranks 2 and 3: AP = (1/2 + 2/3) / 2, RR = 1/2.
  EXPECT_NE(run.out.find("map                   \tall\t0.5833"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("recip_rank            \tall\t0.5000"),
            std::string::npos)
      << run.out;
}

}  // namespace
