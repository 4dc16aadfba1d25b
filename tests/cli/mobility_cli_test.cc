// skillmatch rules and skillmatch mobility, end to end.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "skillmatch/store/store.h"
#include "support/shell.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using skillmatch::testing::Outcome;
using skillmatch::testing::Shell;
using skillmatch::testing::Slurp;
using skillmatch::testing::TempDir;

const std::string kBinary = SKILLMATCH_BINARY;
const std::string kSource = SKILLMATCH_SOURCE_DIR;
const std::string kPack = kSource + "/tests/fixtures/mobility/pack";

Outcome Skillmatch(const std::string& args) {
  TempDir dir;
  return Shell(kBinary + " " + args + " < /dev/null", dir);
}

TEST(MobilityCli, ValidateAcceptsTheFixtureAndTheEmbeddedPack) {
  Outcome ok = Skillmatch("rules validate --pack " + kPack + " --taxonomy " + kSource +
                          "/data/roame-sample");
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.out, kPack + ": valid, 6 rules, 1 destinations, 1 mappings awaiting review, 1 known gaps\n");
  Outcome embedded = Skillmatch("rules validate --taxonomy " + kSource + "/data/roame-sample");
  EXPECT_EQ(embedded.code, 0) << embedded.err;
  EXPECT_NE(embedded.out.find("/data/migration/pack: valid, 123 rules"), std::string::npos);
}

TEST(MobilityCli, ValidateListsEveryProblemAndExits65) {
  TempDir dir;
  fs::copy(kPack, dir.Child("pack"));
  std::string rules = Slurp(dir.Child("pack/rules.csv"));
  rules.replace(rules.find(",1,Soudeur,F1502,"), 17, ",1,Soudeur,F9999,");
  rules.replace(rules.find("FR,SN,bilateral-agreement,Accord France-Sénégal annexe IV,2008-02-25,2008-02-25,,2"),
                3, "Fr,");
  dir.Write("pack/rules.csv", rules);
  Outcome bad = Skillmatch("rules validate --pack " + dir.Child("pack") + " --taxonomy " + kSource +
                           "/data/roame-sample");
  EXPECT_EQ(bad.code, 65);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err, dir.Child("pack") + "/rules.csv:2: occupation: unknown code 'F9999' in taxonomy roame-sample\n" +
                         dir.Child("pack") + "/rules.csv:3: destination: expected an ISO 3166-1 alpha-2 code, got 'Fr'\n"
                         "skillmatch: " + dir.Child("pack") + ": 2 problem(s)\n");
  Outcome missing = Skillmatch("rules validate --pack " + dir.Child("nothing"));
  EXPECT_EQ(missing.code, 66);
  EXPECT_NE(missing.err.find("no such folder"), std::string::npos);
}

TEST(MobilityCli, ShowGroupsByDestinationAndFilters) {
  Outcome show = Skillmatch("rules show --pack " + kPack + " --country FR --nationality SN");
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_NE(show.out.find("FR for SN nationals"), std::string::npos);
  EXPECT_EQ(show.out.find("FR for BJ nationals"), std::string::npos);
  EXPECT_NE(show.out.find("  F1502  7212  bilateral-agreement  Soudeur  [coder, from 2008-02-25, FR-SN-agreement-001]"),
            std::string::npos);
  Outcome json = Skillmatch("rules show --pack " + kPack + " --occupation 3211 --format json");
  ASSERT_EQ(json.code, 0);
  auto rows = nlohmann::json::parse(json.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["occupation"], "J1303");
  EXPECT_EQ(rows[0]["regulated"], "yes");
}

class AssessCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.Child("pes.db");
    const std::string examples = kSource + "/engine/model/schema/examples/";
    ASSERT_EQ(Skillmatch("db init --db " + db_).code, 0);
    ASSERT_EQ(Skillmatch("profiles import --db " + db_ + " " + examples + "profiles.jsonl").code, 0);
    ASSERT_EQ(Skillmatch("offers import --db " + db_ + " " + examples + "offers.jsonl").code, 0);
    ASSERT_EQ(Skillmatch("import offers --db " + db_ + " --source anpe --mapping " + kSource +
                         "/data/import/national-csv.mapping.json " + kSource +
                         "/data/import/national-offres.csv")
                  .code,
              0);
  }
  int64_t AuditCount(const std::string& action) {
    auto store = skillmatch::engine::Store::Open(db_);
    EXPECT_TRUE(store.ok());
    int64_t n = 0;
    EXPECT_TRUE((*store)
                    ->ForEachAudit([&](skillmatch::engine::AuditEntry&& e) {
                      if (e.action == action) {
                        ++n;
                        last_record_ = e.record;
                      }
                      return skillmatch::Status::Ok();
                    })
                    .ok());
    return n;
  }
  TempDir dir_;
  std::string db_;
  std::string last_record_;
};

TEST_F(AssessCli, AssessIsAuditedAndPrintsTheCard) {
  Outcome text = Skillmatch("mobility assess --db " + db_ +
                            " --jobseeker SN-2026-003187 --country FR --today 2026-11-22");
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("Migration project of SN-2026-003187 (SN, Dakar)"), std::string::npos);
  EXPECT_NE(text.out.find("National alternatives"), std::string::npos);
  // Nothing about the person on stderr.
  EXPECT_EQ(text.err.find("SN-2026-003187"), std::string::npos);
  EXPECT_EQ(AuditCount("mobility.assess"), 1);
  EXPECT_EQ(last_record_, "SN-2026-003187");

  Outcome json = Skillmatch("mobility assess --db " + db_ +
                            " --jobseeker SN-2026-003187 --country FR --today 2026-11-22 --format json");
  ASSERT_EQ(json.code, 0) << json.err;
  auto card = nlohmann::json::parse(json.out);
  EXPECT_EQ(card["project"]["occupation"], "M1201");
  EXPECT_EQ(card["project"]["destination"], "FR");
  EXPECT_EQ(AuditCount("mobility.assess"), 2);

  Outcome html = Skillmatch("mobility assess --db " + db_ +
                            " --jobseeker SN-2026-003187 --country FR --today 2026-11-22 --format html"
                            " --out " + dir_.Child("fiche.html"));
  ASSERT_EQ(html.code, 0) << html.err;
  std::string page = Slurp(dir_.Child("fiche.html"));
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("Votre projet"), std::string::npos);
}

TEST_F(AssessCli, BadInputsAndAccess) {
  EXPECT_EQ(Skillmatch("mobility assess --db " + db_ + " --jobseeker NOPE --country FR").code, 66);
  Outcome country = Skillmatch("mobility assess --db " + db_ +
                               " --jobseeker SN-2026-003187 --country France");
  EXPECT_EQ(country.code, 64);
  EXPECT_EQ(country.err,
            "skillmatch: --country: expected an ISO 3166-1 alpha-2 code (FR, BE, ...), got 'France'\n");
  Outcome pack = Skillmatch("mobility assess --db " + db_ +
                            " --jobseeker SN-2026-003187 --country FR --pack " + dir_.Child("none"));
  EXPECT_EQ(pack.code, 66);
  // An account that is not the file's counsellor is refused, and nothing
  // is audited as seen.
  ASSERT_EQ(Shell("printf 'correct-horse-battery\\n' | " + kBinary + " users add --db " + db_ +
                      " --login stat1 --role statistician",
                  dir_)
                .code,
            0);
  Outcome refused = Skillmatch("mobility assess --db " + db_ +
                               " --jobseeker SN-2026-003187 --country FR --by stat1");
  EXPECT_EQ(refused.code, 64);
  EXPECT_NE(refused.err.find("only a counsellor or supervisor of the jobseeker's agency"),
            std::string::npos);
  EXPECT_EQ(AuditCount("mobility.assess"), 0);
}

TEST_F(AssessCli, DecisionFollowUpAndMonitoring) {
  Outcome decide = Skillmatch("mobility decide --db " + db_ +
                              " --jobseeker SN-2026-003187 --country FR --choice training"
                              " --detail FORM-M1201-1");
  ASSERT_EQ(decide.code, 0) << decide.err;
  EXPECT_NE(decide.out.find("mobility decision 1 recorded"), std::string::npos);
  ASSERT_EQ(Skillmatch("mobility follow-up --db " + db_ +
                       " --decision 1 --months 3 --outcome in-training")
                .code,
            0);
  EXPECT_EQ(Skillmatch("mobility follow-up --db " + db_ + " --decision 9 --months 3 --outcome seeking").code,
            66);
  EXPECT_EQ(Skillmatch("mobility follow-up --db " + db_ + " --decision 1 --months 4 --outcome seeking").code,
            64);
  EXPECT_EQ(Skillmatch("mobility decide --db " + db_ +
                       " --jobseeker SN-2026-003187 --country FR --choice leave")
                .code,
            64);
  Outcome list = Skillmatch("mobility decisions --db " + db_ + " --jobseeker SN-2026-003187");
  ASSERT_EQ(list.code, 0);
  EXPECT_NE(list.out.find("FR  M1201  training (FORM-M1201-1)  3 months: in-training  6 months: -  by cli"),
            std::string::npos);
  EXPECT_EQ(AuditCount("mobility.decide"), 1);
  EXPECT_EQ(AuditCount("mobility.follow-up"), 1);
  EXPECT_EQ(AuditCount("mobility.view"), 1);
  // One decision: its count is suppressed, no id in the output.
  Outcome monitor = Skillmatch("mobility monitor --db " + db_);
  ASSERT_EQ(monitor.code, 0);
  EXPECT_EQ(monitor.out,
            "destination,choice,outcome_3m,outcome_6m,count\nFR,training,in-training,,<5\n");
  EXPECT_EQ(monitor.err, "");
  Outcome open = Skillmatch("mobility monitor --db " + db_ + " --min-count 1");
  EXPECT_EQ(open.out, "destination,choice,outcome_3m,outcome_6m,count\nFR,training,in-training,,1\n");
  EXPECT_EQ(open.err, "1 decisions\n");
}

}  // namespace
