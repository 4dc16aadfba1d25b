// End-to-end tests of the skillmatch executable on the bad inputs of issue
// 12: each once crashed, aborted, flooded stderr or stored what it should
// have refused. Each test asserts the exact message and exit code.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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
const std::string kExamples = kSource + "/engine/model/schema/examples/";

// Runs `skillmatch ARGS` through the shell, with `input` on stdin.
Outcome Skillmatch(const std::string& args, const std::string& input = "") {
  TempDir dir;
  dir.Write("in", input);
  return Shell(kBinary + " " + args + " < " + dir.Child("in"), dir);
}

// A store with the example profiles and offers.
std::string ExampleStore(const TempDir& dir) {
  const std::string db = dir.Child("pes.db");
  EXPECT_EQ(Skillmatch("db init --db " + db).code, 0);
  EXPECT_EQ(Skillmatch("profiles import --db " + db + " " + kExamples +
                       "profiles.jsonl")
                .code,
            0);
  EXPECT_EQ(
      Skillmatch("offers import --db " + db + " " + kExamples + "offers.jsonl")
          .code,
      0);
  return db;
}

// Defect 1: '[' x 100,000 ']' x 100,000 overflowed the stack (SIGSEGV).
TEST(CliBadInput, DeeplyNestedRecordIsRefusedWithItsLine) {
  TempDir dir;
  const std::string db = ExampleStore(dir);
  const std::string deep =
      std::string(100000, '[') + std::string(100000, ']') + "\n";
  for (const std::string kind : {"offers", "profiles"}) {
    dir.Write("deep.jsonl", deep);
    Outcome strict = Skillmatch(kind + " import --db " + db + " " +
                                dir.Child("deep.jsonl"));
    EXPECT_EQ(strict.code, 65) << kind << strict.err;
    EXPECT_NE(strict.err.find("skillmatch: " + dir.Child("deep.jsonl") +
                              ":1: record nesting deeper than 64 levels\n"),
              std::string::npos)
        << strict.err;
    EXPECT_LT(strict.err.size(), 1000u);
  }
  // In an array, lenient: the record is skipped and the next imported.
  dir.Write("deep.json", "[\n" + deep + ",\n" + Lines(Slurp(kExamples + "offers.jsonl"))[0] +
                             "\n]\n");
  Outcome lenient = Skillmatch("offers import --lenient --db " + db + " " +
                               dir.Child("deep.json"));
  EXPECT_EQ(lenient.code, 0) << lenient.err;
  EXPECT_NE(lenient.err.find(dir.Child("deep.json") +
                             ":2: record nesting deeper than 64 levels"),
            std::string::npos)
      << lenient.err;
  EXPECT_NE(lenient.err.find("imported 0, updated 1, rejected 1"),
            std::string::npos)
      << lenient.err;
}

// Defect 2: the first line that was not UTF-8 aborted `code` (exit 134) and
// the buffered results were lost.
TEST(CliBadInput, CodeGivesAnEmptyResultForALineThatIsNotUtf8) {
  // "Comptable" then Windows-1252 "Secrétaire" (0xE9) then "zemidjan".
  const std::string input = "COMPTABLE (H/F)\nSecr\xE9taire\nzemidjan\n";
  Outcome run = Skillmatch("code --top 3", input);
  ASSERT_EQ(run.code, 0) << run.err;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 3u) << run.out;
  auto first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first["candidates"][0]["code"], "M1201");
  auto bad = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(bad["input"], "Secr\xEF\xBF\xBDtaire");  // U+FFFD for the byte
  EXPECT_TRUE(bad["candidates"].empty());
  EXPECT_TRUE(bad["needs_review"].get<bool>());
  auto last = nlohmann::json::parse(lines[2]);
  EXPECT_EQ(last["candidates"][0]["code"], "N1301");
  EXPECT_NE(run.err.find("warning: <stdin>:2: invalid UTF-8 (byte 0xE9 at "
                         "offset 4): empty result\n"),
            std::string::npos)
      << run.err;

  TempDir dir;
  dir.Write("titles.txt", input);
  Outcome file = Skillmatch("code --format table " + dir.Child("titles.txt"));
  ASSERT_EQ(file.code, 0) << file.err;
  EXPECT_NE(file.out.find("Secr\xEF\xBF\xBDtaire   [to review]\n  (no candidate)\n"),
            std::string::npos)
      << file.out;
  EXPECT_NE(file.err.find(dir.Child("titles.txt") + ":2: invalid UTF-8"),
            std::string::npos)
      << file.err;

  // A CSV column: the record's line is named.
  dir.Write("titles.csv", "titre\nCOMPTABLE\n\"Secr\xE9taire\"\nzemidjan\n");
  Outcome column =
      Skillmatch("code --column titre --format csv " + dir.Child("titles.csv"));
  ASSERT_EQ(column.code, 0) << column.err;
  EXPECT_NE(column.out.find("\nSecr\xEF\xBF\xBDtaire,,,,,,,true,,\nzemidjan,1,N1301,"),
            std::string::npos)
      << column.out;
  EXPECT_NE(column.err.find(dir.Child("titles.csv") +
                            ":3: invalid UTF-8 (byte 0xE9 at offset 4): empty "
                            "result\n"),
            std::string::npos)
      << column.err;

  for (const std::string options : {"--skills", "--skills --spot"}) {
    Outcome skills = Skillmatch("code " + options,
                                "soudure\nma\xE7onnerie\nsoudure\n");
    ASSERT_EQ(skills.code, 0) << options << skills.err;
    lines = Lines(skills.out);
    ASSERT_EQ(lines.size(), 3u) << skills.out;
    auto middle = nlohmann::json::parse(lines[1]);
    EXPECT_EQ(middle["input"], "ma\xEF\xBF\xBDonnerie");
    EXPECT_TRUE(middle[options == "--skills" ? "candidates" : "skills"].empty());
    EXPECT_EQ(nlohmann::json::parse(lines[2])["input"], "soudure");
    EXPECT_NE(skills.err.find("warning: <stdin>:2: invalid UTF-8 (byte 0xE7 "
                              "at offset 2): empty result\n"),
              std::string::npos)
        << skills.err;
  }
}

// Defect 3: text that is not UTF-8 got into the store through --reason and
// --notes; `decisions --format json` and `runs show --format json` aborted.
TEST(CliBadInput, StoredTextOptionsMustBeUtf8) {
  TempDir dir;
  const std::string db = ExampleStore(dir);
  Outcome decide = Skillmatch(
      "decide --db " + db +
      " --profile SN-2026-003187 --offer SN-OFF-2026-0771 --status refused "
      "--reason \"$(printf 'trop \\351loign\\351')\"");
  EXPECT_EQ(decide.code, 64);
  EXPECT_NE(decide.err.find("--reason: invalid UTF-8 (byte 0xE9 at offset 5)"),
            std::string::npos)
      << decide.err;
  Outcome match = Skillmatch(
      "match --db " + db +
      " --profile SN-2026-003187 --save --notes \"$(printf 'entretien \\340 "
      "Dakar')\"");
  EXPECT_EQ(match.code, 64);
  EXPECT_NE(match.err.find("--notes: invalid UTF-8 (byte 0xE0 at offset 10)"),
            std::string::npos)
      << match.err;
  // Nothing was stored, and the JSON listings work.
  Outcome decisions = Skillmatch("decisions --db " + db + " --format json");
  ASSERT_EQ(decisions.code, 0) << decisions.err;
  EXPECT_EQ(decisions.out, "[]\n");
  Outcome runs = Skillmatch("runs list --db " + db + " --format json");
  ASSERT_EQ(runs.code, 0) << runs.err;
  EXPECT_EQ(runs.out, "[]\n");
}

// Defect 4: a bad 10 MB cell was quoted whole, twice, on stderr (20 MB) and
// stored whole in import_rejects.
TEST(CliBadInput, AHugeBadCellIsQuotedShort) {
  TempDir dir;
  const std::string db = ExampleStore(dir);
  // The national export's columns; one row whose publication date is 10 MB.
  const std::string header =
      "reference;intitule;employeur;description;competences;pays;region;ville;"
      "type_contrat;niveau_etudes;experience;nombre_postes;salaire_min;"
      "salaire_max;devise;date_publication;date_limite;permis;code_metier;"
      "code_rome;code_cite";
  const std::string bad_row = "X1;Comptable;;;;SN;;Dakar;;;;1;;;;" +
                              std::string(10 << 20, '9') + ";;;;;";
  dir.Write("big.csv", header + "\n" + bad_row + "\n");
  const size_t size_before = fs::file_size(db);
  Outcome run = Skillmatch(
      "import offers --lenient --db " + db + " --source s --mapping " +
      kSource + "/data/import/national-csv.mapping.json " + dir.Child("big.csv"));
  EXPECT_EQ(run.code, 0) << run.err.substr(0, 2000);
  EXPECT_LT(run.err.size(), 2000u) << run.err.substr(0, 2000);
  EXPECT_NE(run.err.find("'" + std::string(57, '9') + "...'"), std::string::npos)
      << run.err.substr(0, 2000);
  // import_rejects keeps the short message, not the cell.
  EXPECT_LT(fs::file_size(db), size_before + (size_t{256} << 10));
}

// Defect 5: a NUL byte inside a taxonomy label passed `taxonomy validate`
// and `db init`.
TEST(CliBadInput, ControlCharactersInLabelsAreRefused) {
  TempDir dir;
  fs::copy(kTiny, dir.Child("bundle"), fs::copy_options::recursive);
  std::string occupations = Slurp(dir.Child("bundle/occupations.csv"));
  std::vector<std::string> lines = Lines(occupations);
  ASSERT_GE(lines.size(), 3u);
  // The label is the last field of the second data row: put a NUL in it.
  lines[2].insert(lines[2].size() - 2, std::string(1, '\0'));
  std::string damaged;
  for (const std::string& line : lines) damaged += line + "\n";
  dir.Write("bundle/occupations.csv", damaged);
  const std::string label_start = lines[2].substr(0, lines[2].rfind(',') + 1);
  const size_t byte = lines[2].size() - 3 - label_start.size();
  const std::string message =
      "skillmatch: " + dir.Child("bundle") + "/occupations.csv:3:4: label: "
      "control character U+0000 at byte " + std::to_string(byte) + "\n";
  Outcome validate =
      Skillmatch("taxonomy validate --taxonomy " + dir.Child("bundle"));
  EXPECT_EQ(validate.code, 65);
  EXPECT_EQ(validate.err, message);
  Outcome init = Skillmatch("db init --db " + dir.Child("pes.db") +
                            " --taxonomy " + dir.Child("bundle"));
  EXPECT_EQ(init.code, 65);
  EXPECT_EQ(init.err, message);
}

// Defect 6: a damaged store. It is bad data (65), as the README says: the
// file's content is invalid; 74 is for reads and writes that fail.
TEST(CliBadInput, ADamagedStoreIsBadData) {
  TempDir dir;
  dir.Write("text.db", "id,name\n1,this is a CSV file, not a database\n");
  Outcome text = Skillmatch("runs list --db " + dir.Child("text.db"));
  EXPECT_EQ(text.code, 65);
  EXPECT_EQ(text.err,
            "skillmatch: " + dir.Child("text.db") +
                          ": user_version: file is not a database\n");

  const std::string db = ExampleStore(dir);
  // Overwrite everything after the first page (the schema stays readable).
  std::string bytes = Slurp(db);
  ASSERT_GT(bytes.size(), 8192u);
  for (size_t pos = 4096; pos < bytes.size(); ++pos) bytes[pos] = '\x5A';
  dir.Write("pes.db", bytes);
  Outcome damaged = Skillmatch("offers show --db " + db + " SN-OFF-2026-0771");
  EXPECT_EQ(damaged.code, 65) << damaged.err;
  EXPECT_NE(damaged.err.find("database disk image is malformed"),
            std::string::npos)
      << damaged.err;
}

// Defect 7: unknown subcommands.
TEST(CliBadInput, UnknownSubcommandSaysSo) {
  for (const std::string args : {"bogus", "bogus --help", "-v bogus"}) {
    Outcome run = Skillmatch(args);
    EXPECT_EQ(run.code, 64) << args;
    EXPECT_EQ(run.err, "skillmatch: unknown subcommand 'bogus'\n") << args;
    EXPECT_EQ(run.out, "") << args;
  }
  Outcome none = Skillmatch("");
  EXPECT_EQ(none.code, 64);
}

// Defect 7: two ways of importing offers, each help saying which is which.
TEST(CliBadInput, TheTwoOfferImportsSayWhichIsWhich) {
  Outcome records = Skillmatch("offers import --help");
  ASSERT_EQ(records.code, 0);
  EXPECT_NE(records.out.find("records in skillmatch's own JSON format"),
            std::string::npos)
      << records.out;
  EXPECT_NE(records.out.find("skillmatch import offers --mapping"),
            std::string::npos)
      << records.out;
  Outcome mapped = Skillmatch("import offers --help");
  ASSERT_EQ(mapped.code, 0);
  EXPECT_NE(mapped.out.find("from a source file"), std::string::npos)
      << mapped.out;
  EXPECT_NE(mapped.out.find("through a mapping"), std::string::npos)
      << mapped.out;
  EXPECT_NE(mapped.out.find("skillmatch offers import"), std::string::npos)
      << mapped.out;
}

// Defect 8: a damaged row of the store ended in abort(); the exit code now
// says what happened.
TEST(CliBadInput, ADamagedStoredRunIsBadDataNotAnAbort) {
  TempDir dir;
  const std::string db = ExampleStore(dir);
  ASSERT_EQ(Skillmatch("match --db " + db +
                       " --profile SN-2026-003187 --top 1 --explain --save")
                .code,
            0);
  ASSERT_EQ(Skillmatch("decide --db " + db +
                       " --profile SN-2026-003187 --offer SN-OFF-2026-0771 "
                       "--status refused --reason loin")
                .code,
            0);
  // Another program writes what skillmatch would refuse.
  Outcome damage = Shell(
      "sqlite3 " + db +
          " \"PRAGMA ignore_check_constraints = ON; "
          "UPDATE match_results SET explanation = '{broken' WHERE rank = 1; "
          "UPDATE decisions SET reason = CAST(X'6CE9' AS TEXT)\"",
      dir);
  if (damage.code != 0) GTEST_SKIP() << "no sqlite3 shell: " << damage.err;
  Outcome show = Skillmatch("runs show --db " + db + " --run 1 --format json");
  EXPECT_EQ(show.code, 65);
  EXPECT_EQ(show.err, "skillmatch: " + db +
                          ": match run 1 rank 1 explanation: stored value is "
                          "not JSON\n");
  // Stored text that is not UTF-8 is shown with U+FFFD, not an abort.
  Outcome decisions = Skillmatch("decisions --db " + db + " --format json");
  ASSERT_EQ(decisions.code, 0) << decisions.err;
  auto listed = nlohmann::json::parse(decisions.out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["reason"], "l\xEF\xBF\xBD");
}

}  // namespace
