// The Store's part of `skillmatch retention`: finding jobseekers inactive
// for a period, and re-keying one under a new opaque id (schema version 3;
// no table of its own).
#include <sqlite3.h>

#include <string>

#include "skillmatch/classification/text.h"
#include "skillmatch/store/store.h"
#include "sqlite.h"
#include "sqlite_store.h"

namespace skillmatch::engine {

using sqlite::Statement;
using sqlite::Transaction;
using text::Quoted;

Result<std::vector<std::string>> SqliteStore::ListInactiveProfiles(
    const std::string& before, const std::string& skip_prefix) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_,
                "SELECT p.id FROM profiles p WHERE p.updated_at < ?1 AND "
                "NOT EXISTS (SELECT 1 FROM decisions d WHERE d.profile_id = p.id "
                "AND d.decided_at >= ?1) AND (?2 = '' OR substr(p.id, 1, "
                "length(?2)) <> ?2) ORDER BY p.id",
                "inactive profiles"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(before, skip_prefix));
  std::vector<std::string> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(stmt.ColumnText(0));
  }
}

Status SqliteStore::RenameProfile(const std::string& old_id, const std::string& new_id) {
  const std::string context = "rename profile " + Quoted(old_id);
  SKILLMATCH_ASSIGN_OR_RETURN(tx, Transaction::Begin(*db_, context));
  // The new row first (a copy with the new id, in its document too), then
  // the references, then the old row: foreign keys hold at every step.
  SKILLMATCH_ASSIGN_OR_RETURN(
      copy, Statement::Prepare(
                *db_,
                "INSERT INTO profiles (id, occupation, country, region, "
                "education_level, experience_years, available_from, doc, "
                "created_at, updated_at, agency) SELECT ?2, occupation, country, "
                "region, education_level, experience_years, available_from, "
                "json_set(doc, '$.id', ?2), created_at, updated_at, agency FROM "
                "profiles WHERE id = ?1",
                context));
  SKILLMATCH_RETURN_IF_ERROR(copy.BindAll(old_id, new_id));
  SKILLMATCH_RETURN_IF_ERROR(copy.Run());
  if (sqlite3_changes(db_->handle()) == 0) {
    return Status::NotFound(path_ + ": no profile " + Quoted(old_id));
  }
  for (const char* sql :
       {"UPDATE decisions SET profile_id = ?2 WHERE profile_id = ?1",
        "UPDATE registrations SET profile_id = ?2 WHERE profile_id = ?1",
        "UPDATE match_results SET profile_id = ?2 WHERE profile_id = ?1",
        "UPDATE mobility_decisions SET profile_id = ?2 WHERE profile_id = ?1",
        "UPDATE notes SET profile_id = ?2 WHERE profile_id = ?1",
        "UPDATE assignments SET profile_id = ?2 WHERE profile_id = ?1"}) {
    SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(*db_, sql, context));
    SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(old_id, new_id));
    SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  }
  SKILLMATCH_ASSIGN_OR_RETURN(
      drop, Statement::Prepare(*db_, "DELETE FROM profiles WHERE id = ?1", context));
  SKILLMATCH_RETURN_IF_ERROR(drop.Bind(1, old_id));
  SKILLMATCH_RETURN_IF_ERROR(drop.Run());
  return tx.Commit();
}

}  // namespace skillmatch::engine
