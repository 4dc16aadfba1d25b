// The command line of the server's accounts and audit trail: skillmatch
// users add|passwd|disable|list|token, audit verify, agencies assign.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "skillmatch/store/store.h"
#include "support/sample_taxonomy.h"
#include "support/shell.h"
#include "support/temp_dir.h"

namespace skillmatch::testing {
namespace {

class UsersCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.Child("pes.db");
    auto store = engine::Store::Open(db_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->LoadTaxonomy(SampleTaxonomy()).ok());
  }
  // Runs skillmatch with `args`, `input` on its standard input.
  Outcome Run(const std::string& args, const std::string& input = "") {
    dir_.Write("stdin", input);
    return Shell(std::string(SKILLMATCH_BINARY) + " " + args + " < " +
                     dir_.Child("stdin"),
                 dir_);
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(UsersCli, AddsAccountsWithPasswordsFromStdinOnly) {
  Outcome add = Run("users add --fast-hash --db " + db_ +
                        " --login awa --role counsellor --agency dakar",
                    "correct horse battery\n");
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_EQ(add.err, "account 'awa' (counsellor, agency dakar) created\n");
  // No way to give it on the command line (other users could read it).
  Outcome argv = Run("users add --db " + db_ +
                     " --login bob --role admin --password secret-secret");
  EXPECT_EQ(argv.code, 64);
  // The password is hashed with Argon2id; the store never holds it.
  auto store = engine::Store::Open(db_);
  auto account = (*store)->GetAccount("awa");
  ASSERT_TRUE(account.ok());
  EXPECT_EQ(account->password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(account->password_hash.find("correct"), std::string::npos);
  Outcome list = Run("users list --db " + db_ + " --format json");
  ASSERT_EQ(list.code, 0);
  auto json = nlohmann::json::parse(list.out);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0]["login"], "awa");
  EXPECT_EQ(json[0]["role"], "counsellor");
  EXPECT_FALSE(json[0].contains("password_hash"));
}

TEST_F(UsersCli, RefusesWeakPasswordsBadRolesAndDuplicates) {
  for (const char* weak : {"short\n", "motdepasse123\n", "awa-awa-awa-2026\n"}) {
    Outcome add = Run("users add --fast-hash --db " + db_ + " --login awa --role admin", weak);
    EXPECT_EQ(add.code, 65) << weak << add.err;
  }
  Outcome role = Run("users add --db " + db_ + " --login awa --role boss",
                     "correct horse battery\n");
  EXPECT_EQ(role.code, 64);
  Outcome no_agency = Run("users add --db " + db_ + " --login awa --role counsellor",
                          "correct horse battery\n");
  EXPECT_EQ(no_agency.code, 64);
  EXPECT_EQ(no_agency.err,
            "skillmatch: --agency: required for the role counsellor\n");
  ASSERT_EQ(Run("users add --fast-hash --db " + db_ + " --login awa --role admin",
                "correct horse battery\n")
                .code,
            0);
  Outcome again = Run("users add --fast-hash --db " + db_ + " --login awa --role admin",
                      "correct horse battery\n");
  EXPECT_EQ(again.code, 65);
  EXPECT_EQ(again.err, "skillmatch: account 'awa' exists already\n");
}

TEST_F(UsersCli, PasswdDisableAndTokenEndSessions) {
  ASSERT_EQ(Run("users add --fast-hash --db " + db_ + " --login awa --role admin",
                "correct horse battery\n")
                .code,
            0);
  Outcome token = Run("users token --db " + db_ + " --login awa --label test");
  ASSERT_EQ(token.code, 0) << token.err;
  ASSERT_EQ(token.out.size(), 65u);  // 64 hex digits and a newline
  {
    auto store = engine::Store::Open(db_);
    EXPECT_FALSE((*store)->GetApiTokenAccount(token.out.substr(0, 64)).ok());
  }
  ASSERT_EQ(Run("users passwd --fast-hash --db " + db_ + " --login awa",
                "another long secret\n")
                .code,
            0);
  ASSERT_EQ(Run("users disable --db " + db_ + " --login awa").code, 0);
  auto store = engine::Store::Open(db_);
  EXPECT_TRUE((*store)->GetAccount("awa")->disabled);
  EXPECT_EQ(Run("users disable --db " + db_ + " --login nobody").code, 66);
}

TEST_F(UsersCli, AuditVerifyNamesTheAlteredEntry) {
  for (const char* login : {"a1", "a2", "a3", "a4"}) {
    ASSERT_EQ(Run("users add --fast-hash --db " + db_ + " --login " + login +
                      " --role auditor",
                  "correct horse battery\n")
                  .code,
              0);
  }
  Outcome intact = Run("audit verify --db " + db_);
  EXPECT_EQ(intact.code, 0) << intact.out << intact.err;
  EXPECT_EQ(intact.out, "audit trail intact: 4 entries\n");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER audit_no_update; UPDATE audit SET "
                         "action = 'account.enable' WHERE id = 2",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Outcome broken = Run("audit verify --db " + db_);
  EXPECT_EQ(broken.code, 65);
  EXPECT_EQ(broken.out, db_ + ": audit entry 2: hash does not match its content (modified)\n");
}

TEST_F(UsersCli, AgenciesAssign) {
  {
    auto store = engine::Store::Open(db_);
    engine::Profile p;
    p.id = "P1";
    ASSERT_TRUE((*store)->UpsertProfile(p).ok());
    p.id = "P2";
    ASSERT_TRUE((*store)->UpsertProfile(p).ok());
  }
  Outcome one = Run("agencies assign --db " + db_ + " --agency thies --profile P2");
  ASSERT_EQ(one.code, 0) << one.err;
  Outcome rest = Run("agencies assign --db " + db_ + " --agency dakar --unassigned");
  ASSERT_EQ(rest.code, 0);
  EXPECT_EQ(rest.err, "agency dakar: 1 jobseekers, 0 offers assigned\n");
  auto store = engine::Store::Open(db_);
  EXPECT_EQ(*(*store)->GetAgency(engine::AgencyRecord::kProfile, "P1"), "dakar");
  EXPECT_EQ(*(*store)->GetAgency(engine::AgencyRecord::kProfile, "P2"), "thies");
  EXPECT_EQ(Run("agencies assign --db " + db_ + " --agency x --profile NOPE").code, 66);
}

}  // namespace
}  // namespace skillmatch::testing
