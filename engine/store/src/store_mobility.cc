// The Store's table for migration counselling (schema migration 4, issue
// 17): the person's decision after an assessment and its follow-up at 3
// and 6 months.
#include <sqlite3.h>

#include <string>

#include "skillmatch/classification/text.h"
#include "skillmatch/store/store.h"
#include "sqlite.h"
#include "sqlite_store.h"
#include "store_server.h"

namespace skillmatch::engine {

// Schema version 5 (engine/store/README.md, "Schema version 5"). The CHECKs
// are the validation, as for decisions: one rule, also for other programs.
extern const char kSchemaV5Mobility[] = R"sql(
CREATE TABLE mobility_decisions (
  id           INTEGER PRIMARY KEY,
  profile_id   TEXT NOT NULL REFERENCES profiles(id),
  destination  TEXT NOT NULL CHECK (length(destination) = 2),
  occupation   TEXT NOT NULL,
  choice       TEXT NOT NULL CHECK (choice IN ('legal-route', 'alternative',
                                               'training', 'undecided')),
  detail       TEXT NOT NULL DEFAULT '',
  counsellor   TEXT NOT NULL DEFAULT '',
  decided_at   TEXT NOT NULL,
  outcome_3m   TEXT NOT NULL DEFAULT '' CHECK (outcome_3m IN ('', 'employed-abroad',
               'employed-home', 'self-employed', 'in-training', 'seeking', 'unknown')),
  outcome_6m   TEXT NOT NULL DEFAULT '' CHECK (outcome_6m IN ('', 'employed-abroad',
               'employed-home', 'self-employed', 'in-training', 'seeking', 'unknown'))
);
CREATE INDEX mobility_decisions_profile ON mobility_decisions(profile_id, decided_at);
)sql";

namespace {
using text::Quoted;
#define STORE_NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
}  // namespace

Result<int64_t> SqliteStore::RecordMobilityDecision(const MobilityDecision& decision) {
  const std::string context = "mobility decision for profile " + Quoted(decision.profile_id);
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, sqlite::Statement::Prepare(
                *db_,
                "INSERT INTO mobility_decisions (profile_id, destination, occupation, "
                "choice, detail, counsellor, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                "COALESCE(NULLIF(?7, ''), " STORE_NOW_SQL "))",
                context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(decision.profile_id, decision.destination,
                                          decision.occupation, decision.choice,
                                          decision.detail, decision.counsellor,
                                          decision.decided_at));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->handle()));
}

Status SqliteStore::SetMobilityFollowUp(int64_t id, int months, const std::string& outcome) {
  if (months != 3 && months != 6)
    return Status::InvalidArgument("follow-up at " + std::to_string(months) +
                                   " months: expected 3 or 6");
  const std::string context = "follow-up of mobility decision " + std::to_string(id);
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, sqlite::Statement::Prepare(
                *db_,
                months == 3 ? "UPDATE mobility_decisions SET outcome_3m = ?2 WHERE id = ?1"
                            : "UPDATE mobility_decisions SET outcome_6m = ?2 WHERE id = ?1",
                context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(id, outcome));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  if (sqlite3_changes(db_->handle()) == 0)
    return Status::NotFound(path_ + ": no mobility decision " + std::to_string(id));
  return Status::Ok();
}

Result<std::vector<MobilityDecision>> SqliteStore::ListMobilityDecisions(
    const std::string& profile_id) {
  std::string sql =
      "SELECT id, profile_id, destination, occupation, choice, detail, counsellor, "
      "decided_at, outcome_3m, outcome_6m FROM mobility_decisions";
  if (!profile_id.empty()) sql += " WHERE profile_id = ?1";
  sql += " ORDER BY decided_at, id";
  SKILLMATCH_ASSIGN_OR_RETURN(stmt, sqlite::Statement::Prepare(*db_, sql, "mobility decisions"));
  if (!profile_id.empty()) SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, profile_id));
  std::vector<MobilityDecision> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    MobilityDecision d;
    d.id = stmt.ColumnInt64(0);
    d.profile_id = stmt.ColumnText(1);
    d.destination = stmt.ColumnText(2);
    d.occupation = stmt.ColumnText(3);
    d.choice = stmt.ColumnText(4);
    d.detail = stmt.ColumnText(5);
    d.counsellor = stmt.ColumnText(6);
    d.decided_at = stmt.ColumnText(7);
    d.outcome_3m = stmt.ColumnText(8);
    d.outcome_6m = stmt.ColumnText(9);
    out.push_back(std::move(d));
  }
}

}  // namespace skillmatch::engine

#undef STORE_NOW_SQL
