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

TEST_F(UsersCli, PseudonymisedExport) {
  {
    auto store = engine::Store::Open(db_);
    for (int i = 0; i < 7; ++i) {
      engine::Profile p;
      p.id = "BJ-2026-00" + std::to_string(100 + i);
      p.target_occupations = {i < 6 ? "F1701" : "M1201"};
      p.location = {"BJ", "Littoral", "Cotonou-Akpakpa"};
      p.education_field = "CQM maçonnerie chez Koffi Zzyzx";
      p.experience_years = 3 + i;
      p.protected_attributes.gender = "f";
      p.protected_attributes.age_band = "25-34";
      ASSERT_TRUE((*store)->UpsertProfile(p).ok());
      ASSERT_TRUE((*store)->SetAgency(engine::AgencyRecord::kProfile, p.id, "cotonou").ok());
    }
  }
  Outcome first = Run("export --pseudonymised --db " + db_);
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.err, "exported 7 jobseekers, 1 in groups under 5 suppressed\n");
  std::vector<std::string> lines = Lines(first.out);
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0],
            "pid,agency,country,region,age_band,gender,occupation,education_level,"
            "experience_band,skills");
  int kept = 0;
  int suppressed = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].find("BJ-2026"), std::string::npos) << lines[i];  // no id
    EXPECT_EQ(lines[i].find("Cotonou"), std::string::npos);              // no town
    EXPECT_EQ(lines[i].find("Zzyzx"), std::string::npos);                // no free text
    if (lines[i].find(",cotonou,BJ,Littoral,25-34,f,F1701,") != std::string::npos) ++kept;
    if (lines[i].find(",cotonou,BJ,*,*,*,*,") != std::string::npos) ++suppressed;
  }
  EXPECT_EQ(kept, 6);
  EXPECT_EQ(suppressed, 1);
  // A new key per export: the pseudonyms of two exports differ.
  Outcome second = Run("export --pseudonymised --db " + db_);
  std::vector<std::string> again = Lines(second.out);
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string pid = lines[i].substr(0, 32);
    EXPECT_EQ(second.out.find(pid), std::string::npos);
  }
  EXPECT_EQ(Run("export --db " + db_).code, 64);
}

TEST_F(UsersCli, RetentionAnonymisesInactiveJobseekers) {
  {
    auto store = engine::Store::Open(db_);
    for (const char* id : {"BJ-OLD-1", "BJ-OLD-2", "BJ-NEW-1"}) {
      engine::Profile p;
      p.id = id;
      p.target_occupations = {"F1701"};
      p.location = {"BJ", "Littoral", "Cotonou-Akpakpa", 6.36, 2.41};
      p.education_field = "chez Koffi Zzyzx";
      p.protected_attributes.gender = "f";
      ASSERT_TRUE((*store)->UpsertProfile(p).ok());
    }
    engine::Offer o;
    o.id = "O1";
    ASSERT_TRUE((*store)->UpsertOffer(o).ok());
    engine::Decision old_decision{0, "BJ-OLD-1", "O1", "refused", "", "", "2020-02-01T00:00:00Z"};
    ASSERT_TRUE((*store)->RecordDecision(old_decision).ok());
    engine::Decision recent{0, "BJ-OLD-2", "O1", "proposed", "", "", "2026-11-01T00:00:00Z"};
    ASSERT_TRUE((*store)->RecordDecision(recent).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE profiles SET updated_at = '2020-01-01T00:00:00Z' "
                         "WHERE id LIKE 'BJ-OLD-%'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const std::string args = "retention --db " + db_ + " --inactive-days 365 --today 2026-12-01";
  Outcome dry = Run(args + " --dry-run");
  ASSERT_EQ(dry.code, 0) << dry.err;
  EXPECT_EQ(dry.err,
            "1 jobseekers inactive since before 2025-12-01 would be anonymised "
            "(--dry-run: nothing changed)\n");
  Outcome done = Run(args);
  ASSERT_EQ(done.code, 0) << done.err;
  EXPECT_EQ(done.err, "anonymised 1 jobseekers inactive since before 2025-12-01\n");
  auto store = engine::Store::Open(db_);
  EXPECT_FALSE((*store)->GetProfile("BJ-OLD-1").ok());
  EXPECT_TRUE((*store)->GetProfile("BJ-OLD-2").ok());  // a decision since
  EXPECT_TRUE((*store)->GetProfile("BJ-NEW-1").ok());
  auto decisions = (*store)->ListDecisions({});
  ASSERT_EQ(decisions->size(), 2u);
  const std::string anonymous = (*decisions)[0].profile_id;
  EXPECT_EQ(anonymous.rfind("ANON-", 0), 0u);
  auto profile = (*store)->GetProfile(anonymous);
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->id, anonymous);
  EXPECT_EQ(profile->location.city, "");
  EXPECT_FALSE(profile->location.lat.has_value());
  EXPECT_EQ(profile->education_field, "");
  EXPECT_EQ(profile->protected_attributes.gender, "");
  EXPECT_EQ(profile->location.region, "Littoral");
  EXPECT_EQ(profile->target_occupations, std::vector<std::string>{"F1701"});
  // Once anonymised, not again.
  EXPECT_EQ(Run(args).err, "anonymised 0 jobseekers inactive since before 2025-12-01\n");
}

// A note is free text that may name the person: anonymising a jobseeker
// erases his notes and his counsellor's assignment (engine/store, migration
// 8); an active jobseeker keeps his.
TEST_F(UsersCli, RetentionErasesTheNotesOfAnonymisedJobseekers) {
  {
    auto store = engine::Store::Open(db_);
    ASSERT_TRUE(store.ok());
    engine::Account a;
    a.login = "awa";
    a.role = "counsellor";
    a.agency = "main";
    a.password_hash = "x";
    auto awa = (*store)->AddAccount(a);
    ASSERT_TRUE(awa.ok());
    for (const char* id : {"BJ-OLD-9", "BJ-NEW-9"}) {
      engine::Profile p;
      p.id = id;
      p.target_occupations = {"F1701"};
      ASSERT_TRUE((*store)->UpsertProfile(p).ok());
      engine::Note note;
      note.profile_id = id;
      note.author = *awa;
      note.text = std::string("Mme Zzyzx, ") + id;
      note.action = "Rappeler";
      note.due = "2026-12-01";
      ASSERT_TRUE((*store)->AddNote(note).ok());
      ASSERT_TRUE((*store)->AssignProfile(id, *awa, "").ok());
    }
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE profiles SET updated_at = '2020-01-01T00:00:00Z' "
                         "WHERE id = 'BJ-OLD-9'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Outcome done = Run("retention --db " + db_ + " --inactive-days 365 --today 2026-12-01");
  ASSERT_EQ(done.code, 0) << done.err;
  EXPECT_EQ(done.err, "anonymised 1 jobseekers inactive since before 2025-12-01\n");
  auto store = engine::Store::Open(db_);
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE((*store)->GetProfile("BJ-OLD-9").ok());
  // No note left but the active jobseeker's, under no id.
  auto awa = (*store)->GetAccount("awa");
  auto assigned = (*store)->ListAssignments({"", awa->id, "", 0});
  ASSERT_EQ(assigned->size(), 1u);
  EXPECT_EQ((*assigned)[0].profile_id, "BJ-NEW-9");
  auto due = (*store)->ListDueActions(awa->id, "2026-12-31");
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].profile_id, "BJ-NEW-9");
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  int notes = -1;
  ASSERT_EQ(sqlite3_exec(
                db, "SELECT count(*) FROM notes WHERE text LIKE '%BJ-OLD-9%'",
                [](void* out, int, char** values, char**) {
                  *static_cast<int*>(out) = std::atoi(values[0]);
                  return 0;
                },
                &notes, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(notes, 0);
}

}  // namespace
}  // namespace skillmatch::testing
