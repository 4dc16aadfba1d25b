// The Store's tables of a counsellor's follow-up (schema migration 8,
// issue 15): dated notes and next actions on a jobseeker's file, and which
// counsellor follows which jobseeker. A note is personal data: retention
// erases it with the jobseeker's follow-up (EraseFollowUp), RenameProfile
// carries it over; nothing here logs.
#include <sqlite3.h>

#include <string>

#include "skillmatch/classification/text.h"
#include "skillmatch/store/store.h"
#include "sqlite.h"
#include "sqlite_store.h"
#include "store_server.h"

namespace skillmatch::engine {

// Schema version 8 (engine/store/README.md, "Schema version 8"). The CHECKs
// hold the rules for every writer: a text, a due date only with an action,
// a closing only of an action, and both closing fields together.
extern const char kSchemaV8FollowUp[] = R"sql(
CREATE TABLE notes (
  id          INTEGER PRIMARY KEY,
  profile_id  TEXT NOT NULL REFERENCES profiles(id),
  agency      TEXT NOT NULL DEFAULT '',
  author      INTEGER NOT NULL REFERENCES accounts(id),
  written_at  TEXT NOT NULL,
  text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  action      TEXT NOT NULL DEFAULT '' CHECK (length(action) <= 400),
  due         TEXT CHECK (due IS NULL OR date(due) IS due),
  done_at     TEXT,
  done_by     INTEGER REFERENCES accounts(id),
  CHECK (due IS NULL OR action <> ''),
  CHECK (action = '' OR due IS NOT NULL),
  CHECK ((done_at IS NULL) = (done_by IS NULL)),
  CHECK (done_at IS NULL OR action <> '')
);
CREATE INDEX notes_profile ON notes(profile_id, written_at);
CREATE INDEX notes_open_actions ON notes(due) WHERE due IS NOT NULL AND done_at IS NULL;
CREATE TABLE assignments (
  profile_id  TEXT PRIMARY KEY REFERENCES profiles(id),
  account_id  INTEGER NOT NULL REFERENCES accounts(id),
  since       TEXT NOT NULL
);
CREATE INDEX assignments_account ON assignments(account_id, profile_id);
)sql";

namespace {
using sqlite::Statement;
using text::Quoted;
#define STORE_NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

constexpr const char* kNoteColumns =
    "n.id, n.profile_id, n.agency, n.author, COALESCE(a.login, ''), n.written_at, n.text, "
    "n.action, COALESCE(n.due, ''), COALESCE(n.done_at, ''), COALESCE(n.done_by, 0), "
    "COALESCE(d.login, '') FROM notes n LEFT JOIN accounts a ON a.id = n.author "
    "LEFT JOIN accounts d ON d.id = n.done_by";

Note ReadNote(Statement& stmt) {
  Note note;
  note.id = stmt.ColumnInt64(0);
  note.profile_id = stmt.ColumnText(1);
  note.agency = stmt.ColumnText(2);
  note.author = stmt.ColumnInt64(3);
  note.author_login = stmt.ColumnText(4);
  note.written_at = stmt.ColumnText(5);
  note.text = stmt.ColumnText(6);
  note.action = stmt.ColumnText(7);
  note.due = stmt.ColumnText(8);
  note.done_at = stmt.ColumnText(9);
  note.done_by = stmt.ColumnInt64(10);
  note.done_by_login = stmt.ColumnText(11);
  return note;
}

Result<std::vector<Note>> ReadNotes(Statement& stmt) {
  std::vector<Note> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(ReadNote(stmt));
  }
}
}  // namespace

Result<int64_t> SqliteStore::AddNote(const Note& note) {
  const std::string context = "note for profile " + Quoted(note.profile_id);
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_,
                "INSERT INTO notes (profile_id, agency, author, written_at, text, action, due) "
                "VALUES (?1, ?2, ?3, COALESCE(NULLIF(?4, ''), " STORE_NOW_SQL
                "), ?5, ?6, NULLIF(?7, ''))",
                context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(note.profile_id, note.agency, note.author,
                                          note.written_at, note.text, note.action, note.due));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->handle()));
}

Result<Note> SqliteStore::GetNote(int64_t id) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, std::string("SELECT ") + kNoteColumns + " WHERE n.id = ?1",
                               "note " + std::to_string(id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, id));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) return Status::NotFound(path_ + ": no note " + std::to_string(id));
  return ReadNote(stmt);
}

Result<std::vector<Note>> SqliteStore::ListNotes(const std::string& profile_id) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string("SELECT ") + kNoteColumns +
                                   " WHERE n.profile_id = ?1 ORDER BY n.written_at DESC, n.id DESC",
                               "notes of profile " + Quoted(profile_id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, profile_id));
  return ReadNotes(stmt);
}

Status SqliteStore::CloseNoteAction(int64_t id, int64_t account_id, const std::string& at) {
  const std::string context = "closing the action of note " + std::to_string(id);
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "UPDATE notes SET done_at = COALESCE(NULLIF(?3, ''), " STORE_NOW_SQL
                               "), done_by = ?2 WHERE id = ?1 AND action <> '' AND done_at IS NULL",
                               context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(id, account_id, at));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  if (sqlite3_changes(db_->handle()) > 0) return Status::Ok();
  SKILLMATCH_ASSIGN_OR_RETURN(note, GetNote(id));
  if (note.action.empty()) return Status::DataError(path_ + ": " + context + ": it has no action");
  return Status::DataError(path_ + ": " + context + ": already done");
}

Result<std::vector<Note>> SqliteStore::ListDueActions(int64_t account_id, const std::string& until) {
  // The account's actions: those on the jobseekers it follows, and those it
  // wrote on jobseekers nobody follows (engine/store/README.md).
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_,
                std::string("SELECT ") + kNoteColumns +
                    " LEFT JOIN assignments s ON s.profile_id = n.profile_id"
                    " WHERE n.due IS NOT NULL AND n.done_at IS NULL AND n.due <= ?2"
                    " AND (s.account_id = ?1 OR (s.account_id IS NULL AND n.author = ?1))"
                    " ORDER BY n.due, n.id",
                "actions due"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(account_id, until));
  return ReadNotes(stmt);
}

Status SqliteStore::AssignProfile(const std::string& profile_id, int64_t account_id,
                                  const std::string& since) {
  const std::string context = "assignment of profile " + Quoted(profile_id);
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_,
                "INSERT INTO assignments (profile_id, account_id, since) VALUES (?1, ?2, "
                "COALESCE(NULLIF(?3, ''), " STORE_NOW_SQL ")) ON CONFLICT (profile_id) DO UPDATE "
                "SET account_id = excluded.account_id, since = excluded.since "
                "WHERE account_id <> excluded.account_id",
                context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(profile_id, account_id, since));
  return stmt.Run();
}

Result<std::vector<Assignment>> SqliteStore::ListAssignments(const AssignmentQuery& query) {
  std::string sql =
      "SELECT s.profile_id, s.account_id, a.login, s.since FROM assignments s "
      "JOIN accounts a ON a.id = s.account_id JOIN profiles p ON p.id = s.profile_id WHERE 1";
  if (!query.profile_id.empty()) sql += " AND s.profile_id = ?1";
  if (query.account_id != 0) sql += " AND s.account_id = ?2";
  if (!query.agency.empty()) sql += " AND p.agency = ?3";
  sql += " ORDER BY s.profile_id LIMIT ?4";
  SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(*db_, sql, "assignments"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(query.profile_id, query.account_id, query.agency,
                                          query.limit > 0 ? query.limit : int64_t{-1}));
  std::vector<Assignment> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    Assignment a;
    a.profile_id = stmt.ColumnText(0);
    a.account_id = stmt.ColumnInt64(1);
    a.login = stmt.ColumnText(2);
    a.since = stmt.ColumnText(3);
    out.push_back(std::move(a));
  }
}

Result<std::vector<std::string>> SqliteStore::ListUnassignedIds(const std::string& agency,
                                                                int64_t limit) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "SELECT p.id FROM profiles p WHERE p.agency = ?1 AND NOT EXISTS "
                               "(SELECT 1 FROM assignments s WHERE s.profile_id = p.id) "
                               "ORDER BY p.id LIMIT ?2",
                               "jobseekers nobody follows"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(agency, limit > 0 ? limit : int64_t{-1}));
  std::vector<std::string> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(stmt.ColumnText(0));
  }
}

Status SqliteStore::EraseFollowUp(const std::string& profile_id) {
  const std::string context = "erasing the follow-up of profile " + Quoted(profile_id);
  SKILLMATCH_ASSIGN_OR_RETURN(tx, sqlite::Transaction::Begin(*db_, context));
  for (const char* sql : {"DELETE FROM notes WHERE profile_id = ?1",
                          "DELETE FROM assignments WHERE profile_id = ?1"}) {
    SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(*db_, sql, context));
    SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, profile_id));
    SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  }
  return tx.Commit();
}

}  // namespace skillmatch::engine

#undef STORE_NOW_SQL
