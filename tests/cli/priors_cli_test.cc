// End to end: a counsellor's `review set` teaches the title coder of the
// store, so the same title codes the same way in later `import offers` and
// `code --db` runs (engine/import/README.md, "Priors from the store").
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/shell.h"
#include "support/temp_dir.h"

namespace {

using skillmatch::testing::Lines;
using skillmatch::testing::Outcome;
using skillmatch::testing::TempDir;

const std::string kBinary = SKILLMATCH_BINARY;
const std::string kSource = SKILLMATCH_SOURCE_DIR;
const std::string kMapping = kSource + "/data/import/national-csv.mapping.json";
const std::string kHeader =
    "reference;intitule;employeur;description;competences;pays;region;ville;"
    "type_contrat;niveau_etudes;experience;nombre_postes;salaire_min;"
    "salaire_max;devise;date_publication;date_limite;permis;code_metier;"
    "code_rome;code_cite\n";

Outcome Sm(const TempDir& dir, const std::string& args) {
  return skillmatch::testing::Shell("cd " + dir.path() + " && " + kBinary + " " + args, dir);
}

std::string Row(const std::string& ref, const std::string& title) {
  return ref + ";" + title + ";Assurances du Sahel;;;Sénégal;;Dakar;CDI;;;1;;;;02/11/2026;;;;;\n";
}

// The first candidate line of `code --format csv --top 1` for `title`.
std::string FirstCandidate(const TempDir& dir, const std::string& where,
                           const std::string& title) {
  dir.Write("title.txt", title + "\n");
  Outcome coded = Sm(dir, "code -q " + where + " --format csv --top 1 title.txt");
  EXPECT_EQ(coded.code, 0) << coded.err;
  const std::vector<std::string> lines = Lines(coded.out);
  return lines.size() == 2 ? lines[1] : coded.out;
}

TEST(PriorsCli, ReviewSetFeedsTheCoderOfLaterImportsAndCodeRuns) {
  TempDir dir;
  ASSERT_EQ(Sm(dir, "db init -q --db pes.db").code, 0);
  dir.Write("first.csv", kHeader + Row("A1", "Chargé de clientèle"));
  Outcome first = Sm(dir, "import offers -q --db pes.db --source s --mapping " + kMapping +
                              " first.csv");
  ASSERT_EQ(first.code, 0) << first.err;
  // Coded to bank customer service without review: wrong for an insurer.
  Outcome shown = Sm(dir, "offers show --db pes.db s:A1 --format json");
  EXPECT_NE(shown.out.find("\"occupation\": \"C1202\""), std::string::npos) << shown.out;
  EXPECT_EQ(Sm(dir, "review list --db pes.db").out, "no offer to review\n");
  EXPECT_EQ(FirstCandidate(dir, "--db pes.db", "Chargé de clientèle").rfind(
                "Chargé de clientèle,1,C1202,", 0),
            0u);

  Outcome set = Sm(dir, "review set -q --db pes.db --offer s:A1 --code C1101 --by awa");
  ASSERT_EQ(set.code, 0) << set.err;

  // Imported again, written another way, under another reference.
  dir.Write("second.csv", kHeader + Row("A2", "CHARGÉE DE CLIENTÈLE (H/F) - Dakar"));
  Outcome second = Sm(dir, "import offers --db pes.db --source s --mapping " + kMapping +
                               " second.csv");
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.err.find("1 title(s) remembered from the store's decisions"),
            std::string::npos)
      << second.err;
  shown = Sm(dir, "offers show --db pes.db s:A2 --format json");
  EXPECT_NE(shown.out.find("\"occupation\": \"C1101\""), std::string::npos) << shown.out;
  EXPECT_EQ(Sm(dir, "review list --db pes.db").out, "no offer to review\n");

  // `code --db` codes it the same way, with the decisions' share (all of
  // them) as confidence; against the bare taxonomy it still says C1202.
  EXPECT_EQ(FirstCandidate(dir, "--db pes.db", "Chargée de clientèle (H/F)")
                .rfind("Chargée de clientèle (H/F),1,C1101,", 0),
            0u);
  EXPECT_NE(FirstCandidate(dir, "--db pes.db", "Chargée de clientèle (H/F)")
                .find(",1.0000,false"),
            std::string::npos);
  // JSON Lines say where the code came from; the table says it too.
  Outcome jsonl = Sm(dir, "code -q --db pes.db --top 1 title.txt");
  EXPECT_EQ(jsonl.code, 0) << jsonl.err;
  EXPECT_NE(jsonl.out.find("{\"code\":\"C1101\""), std::string::npos) << jsonl.out;
  EXPECT_NE(jsonl.out.find("\"matched_label\":null"), std::string::npos) << jsonl.out;
  EXPECT_NE(jsonl.out.find("\"needs_review\":false,\"from_prior\":true"), std::string::npos)
      << jsonl.out;
  Outcome table = Sm(dir, "code -q --db pes.db --top 2 --format table title.txt");
  EXPECT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("1. C1101"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("(decided before for this title)"), std::string::npos) << table.out;
  EXPECT_EQ(FirstCandidate(dir, "", "Chargé de clientèle").rfind(
                "Chargé de clientèle,1,C1202,", 0),
            0u);
  // --db and --taxonomy exclude each other.
  Outcome both = Sm(dir, "code --db pes.db --taxonomy x title.txt");
  EXPECT_EQ(both.code, 64) << both.err;
}

}  // namespace
