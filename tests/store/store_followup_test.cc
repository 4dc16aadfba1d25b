// A counsellor's follow-up in the store (migration 8): dated notes and next
// actions, who follows whom, the actions due, retention (erase, re-key),
// the schema's own rules, and the migration of a version 6 database.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../engine/store/src/sqlite.h"
#include "skillmatch/store/store.h"
#include "store/old_store.h"
#include "support/temp_dir.h"

namespace skillmatch::engine {
namespace {

using skillmatch::testing::TempDir;

struct Fixture {
  std::unique_ptr<Store> store;
  int64_t awa = 0, kofi = 0;
};

// A store with jobseekers J1, J2 (agency "main"), J3 (agency "other") and
// two counsellors.
Fixture Make(const std::string& path = ":memory:") {
  Fixture f;
  auto store = Store::Open(path, {});
  EXPECT_TRUE(store.ok()) << store.status().message();
  f.store = std::move(*store);
  for (const char* id : {"J1", "J2", "J3"}) {
    Profile p;
    p.id = id;
    EXPECT_TRUE(f.store->UpsertProfile(p).ok());
    EXPECT_TRUE(f.store->SetAgency(AgencyRecord::kProfile, id, id == std::string("J3") ? "other" : "main").ok());
  }
  for (const char* login : {"awa", "kofi"}) {
    Account a;
    a.login = login;
    a.role = "counsellor";
    a.agency = "main";
    a.password_hash = "x";
    auto id = f.store->AddAccount(a);
    EXPECT_TRUE(id.ok());
    (login == std::string("awa") ? f.awa : f.kofi) = *id;
  }
  return f;
}

Note MakeNote(const std::string& profile, int64_t author, const std::string& at,
              const std::string& text, const std::string& action = "",
              const std::string& due = "") {
  Note n;
  n.profile_id = profile;
  n.agency = "main";
  n.author = author;
  n.written_at = at;
  n.text = text;
  n.action = action;
  n.due = due;
  return n;
}

TEST(FollowUp, NotesComeBackNewestFirstWithTheirAuthors) {
  Fixture f = Make();
  auto first = f.store->AddNote(MakeNote("J1", f.awa, "2026-12-01T09:00:00Z", "Entretien: veut conduire"));
  auto second = f.store->AddNote(MakeNote("J1", f.kofi, "2026-12-03T10:00:00Z",
                                          "Appelé l'employeur", "Rappeler M. Diallo", "2026-12-10"));
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_TRUE(second.ok()) << second.status().message();
  ASSERT_TRUE(f.store->AddNote(MakeNote("J2", f.awa, "2026-12-05T10:00:00Z", "autre")).ok());
  auto notes = f.store->ListNotes("J1");
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->size(), 2u);
  EXPECT_EQ((*notes)[0].id, *second);
  EXPECT_EQ((*notes)[0].author_login, "kofi");
  EXPECT_EQ((*notes)[0].action, "Rappeler M. Diallo");
  EXPECT_EQ((*notes)[0].due, "2026-12-10");
  EXPECT_EQ((*notes)[0].done_at, "");
  EXPECT_EQ((*notes)[1].text, "Entretien: veut conduire");
  EXPECT_EQ((*notes)[1].author_login, "awa");
  auto one = f.store->GetNote(*first);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(*one, (*notes)[1]);
  EXPECT_EQ(f.store->GetNote(999).status().code(), StatusCode::kNotFound);
}

TEST(FollowUp, TheSchemaRefusesNotesThatBreakItsRules) {
  Fixture f = Make();
  struct Case {
    Note note;
    const char* why;
  };
  const std::vector<Case> cases = {
      {MakeNote("J1", f.awa, "", ""), "empty text"},
      {MakeNote("J1", f.awa, "", std::string(4001, 'a')), "text too long"},
      {MakeNote("J1", f.awa, "", "ok", "Rappeler"), "action without due date"},
      {MakeNote("J1", f.awa, "", "ok", "", "2026-12-10"), "due date without action"},
      {MakeNote("J1", f.awa, "", "ok", "Rappeler", "2026-13-40"), "not a date"},
      {MakeNote("J1", f.awa, "", "ok", "Rappeler", "10/12/2026"), "French date"},
      {MakeNote("NOPE", f.awa, "", "ok"), "unknown jobseeker"},
      {MakeNote("J1", 4242, "", "ok"), "unknown author"},
      {MakeNote("J1", f.awa, "", "caf\xE9"), "invalid UTF-8"},
  };
  for (const Case& c : cases) {
    auto added = f.store->AddNote(c.note);
    EXPECT_FALSE(added.ok()) << c.why;
    EXPECT_EQ(added.status().code(), StatusCode::kDataError) << c.why;
  }
  EXPECT_TRUE(f.store->ListNotes("J1")->empty());
}

TEST(FollowUp, AnActionIsClosedOnceAndOnlyIfThereIsOne) {
  Fixture f = Make();
  auto plain = f.store->AddNote(MakeNote("J1", f.awa, "", "juste une note"));
  auto action = f.store->AddNote(MakeNote("J1", f.awa, "", "note", "Envoyer le CV", "2026-12-07"));
  ASSERT_TRUE(plain.ok() && action.ok());
  Status no_action = f.store->CloseNoteAction(*plain, f.awa, "");
  EXPECT_EQ(no_action.message(), ":memory:: closing the action of note " +
                                     std::to_string(*plain) + ": it has no action");
  ASSERT_TRUE(f.store->CloseNoteAction(*action, f.kofi, "2026-12-07T11:00:00Z").ok());
  auto done = f.store->GetNote(*action);
  EXPECT_EQ(done->done_at, "2026-12-07T11:00:00Z");
  EXPECT_EQ(done->done_by_login, "kofi");
  Status again = f.store->CloseNoteAction(*action, f.awa, "");
  EXPECT_EQ(again.code(), StatusCode::kDataError);
  EXPECT_EQ(again.message(), ":memory:: closing the action of note " +
                                 std::to_string(*action) + ": already done");
  EXPECT_EQ(f.store->GetNote(*action)->done_by_login, "kofi");  // unchanged
  EXPECT_EQ(f.store->CloseNoteAction(999, f.awa, "").code(), StatusCode::kNotFound);
}

TEST(FollowUp, AssignmentsReplaceTheCounsellorAndListByAccountOrAgency) {
  Fixture f = Make();
  ASSERT_TRUE(f.store->AssignProfile("J1", f.awa, "2026-12-01T08:00:00Z").ok());
  ASSERT_TRUE(f.store->AssignProfile("J3", f.awa, "2026-12-01T08:00:00Z").ok());
  // The same counsellor again keeps the first date; another replaces.
  ASSERT_TRUE(f.store->AssignProfile("J1", f.awa, "2026-12-02T08:00:00Z").ok());
  auto mine = f.store->ListAssignments({"", f.awa, "", 0});
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(*mine, (std::vector<Assignment>{{"J1", f.awa, "awa", "2026-12-01T08:00:00Z"},
                                             {"J3", f.awa, "awa", "2026-12-01T08:00:00Z"}}));
  auto main_only = f.store->ListAssignments({"", 0, "main", 0});
  ASSERT_EQ(main_only->size(), 1u);
  EXPECT_EQ((*main_only)[0].profile_id, "J1");
  EXPECT_EQ(*f.store->ListUnassignedIds("main", 0), (std::vector<std::string>{"J2"}));
  ASSERT_TRUE(f.store->AssignProfile("J1", f.kofi, "2026-12-05T08:00:00Z").ok());
  auto j1 = f.store->ListAssignments({"J1", 0, "", 0});
  ASSERT_EQ(j1->size(), 1u);
  EXPECT_EQ((*j1)[0].login, "kofi");
  EXPECT_EQ((*j1)[0].since, "2026-12-05T08:00:00Z");
  EXPECT_EQ(f.store->AssignProfile("J1", 4242, "").code(), StatusCode::kDataError);
  EXPECT_EQ(f.store->AssignProfile("NOPE", f.awa, "").code(), StatusCode::kDataError);
}

TEST(FollowUp, DueActionsAreTheFollowersOrTheAuthorsWhenNobodyFollows) {
  Fixture f = Make();
  ASSERT_TRUE(f.store->AssignProfile("J1", f.awa, "").ok());
  // J1 (awa's): an action written by kofi, due; one due later; one done.
  auto k1 = f.store->AddNote(MakeNote("J1", f.kofi, "", "n", "Rappeler", "2026-12-07"));
  ASSERT_TRUE(f.store->AddNote(MakeNote("J1", f.awa, "", "n", "Plus tard", "2026-12-20")).ok());
  auto d1 = f.store->AddNote(MakeNote("J1", f.awa, "", "n", "Fait", "2026-12-01"));
  ASSERT_TRUE(f.store->CloseNoteAction(*d1, f.awa, "").ok());
  // J2 (nobody's): kofi's overdue action.
  auto k2 = f.store->AddNote(MakeNote("J2", f.kofi, "", "n", "Relancer", "2026-11-30"));
  ASSERT_TRUE(k1.ok() && k2.ok());
  auto awa = f.store->ListDueActions(f.awa, "2026-12-07");
  ASSERT_TRUE(awa.ok());
  ASSERT_EQ(awa->size(), 1u);
  EXPECT_EQ((*awa)[0].id, *k1);
  auto kofi = f.store->ListDueActions(f.kofi, "2026-12-07");
  ASSERT_EQ(kofi->size(), 1u);
  EXPECT_EQ((*kofi)[0].id, *k2);
  // Once J2 is awa's, its action is hers.
  ASSERT_TRUE(f.store->AssignProfile("J2", f.awa, "").ok());
  EXPECT_EQ(f.store->ListDueActions(f.awa, "2026-12-07")->size(), 2u);
  EXPECT_TRUE(f.store->ListDueActions(f.kofi, "2026-12-07")->empty());
  EXPECT_EQ(f.store->ListDueActions(f.awa, "2026-12-31")->size(), 3u);
}

TEST(FollowUp, RetentionErasesNotesAndAssignmentAndRenameCarriesThemOver) {
  Fixture f = Make();
  ASSERT_TRUE(f.store->AddNote(MakeNote("J1", f.awa, "", "Mme X, 3 enfants")).ok());
  ASSERT_TRUE(f.store->AddNote(MakeNote("J2", f.awa, "", "garde")).ok());
  ASSERT_TRUE(f.store->AssignProfile("J1", f.awa, "").ok());
  ASSERT_TRUE(f.store->AssignProfile("J2", f.awa, "").ok());
  // Re-keying moves everything: nothing stays under the old id.
  ASSERT_TRUE(f.store->RenameProfile("J2", "ANON-1").ok());
  EXPECT_TRUE(f.store->ListNotes("J2")->empty());
  EXPECT_EQ(f.store->ListNotes("ANON-1")->size(), 1u);
  EXPECT_EQ(f.store->ListAssignments({"ANON-1", 0, "", 0})->size(), 1u);
  // Erasing removes the notes and the assignment of that jobseeker only.
  ASSERT_TRUE(f.store->EraseFollowUp("J1").ok());
  EXPECT_TRUE(f.store->ListNotes("J1")->empty());
  EXPECT_TRUE(f.store->ListAssignments({"J1", 0, "", 0})->empty());
  EXPECT_EQ(f.store->ListNotes("ANON-1")->size(), 1u);
  EXPECT_TRUE(f.store->EraseFollowUp("NOPE").ok());
}

// A version 6 database (a fresh one taken back by SQL: migrations 7 and 8
// only add tables) with a jobseeker and an account: migrating keeps them and
// the new tables work.
TEST(FollowUp, AVersion6StoreMigratesToTheLatestVersion) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  { Fixture f = Make(path); }
  {
    auto db = sqlite::Database::Open(path, {});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec(std::string(testing::kUndoMigrations9And8) + "PRAGMA user_version = 6;",
                         "make version 6")
                    .ok());
    ASSERT_EQ(*db->UserVersion(), 6);
  }
  {
    // A read-only open refuses the older schema rather than migrating.
    StoreOptions read_only;
    read_only.read_only = true;
    auto refused = Store::Open(path, read_only);
    EXPECT_FALSE(refused.ok());
  }
  auto store = Store::Open(path, {});
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ((*store)->schema_version(), kStoreSchemaVersion);  // through 8, then 9
  EXPECT_EQ((*store)->CountProfiles().value(), 3);
  auto awa = (*store)->GetAccount("awa");
  ASSERT_TRUE(awa.ok());
  ASSERT_TRUE((*store)->AssignProfile("J1", awa->id, "").ok());
  ASSERT_TRUE((*store)->AddNote(MakeNote("J1", awa->id, "", "après migration")).ok());
  EXPECT_EQ((*store)->ListNotes("J1")->size(), 1u);
  auto db = sqlite::Database::Open(path, {});
  EXPECT_EQ(*db->UserVersion(), kStoreSchemaVersion);
}

}  // namespace
}  // namespace skillmatch::engine
