// The Store's audit trail (schema migration 3): an append-only table whose
// entries are chained by hash, and its head. The hash itself is computed by
// the caller's AuditHasher (tools/server/audit.h), so the store needs no
// cryptography; checking the chain is `skillmatch audit verify`.
#include <sqlite3.h>

#include <string>

#include "skillmatch/store/store.h"
#include "sqlite.h"
#include "sqlite_store.h"

namespace skillmatch::engine {

namespace {

using sqlite::Statement;
using sqlite::Transaction;

constexpr const char* kSelectAudit =
    "SELECT id, at, actor, action, record, address, prev_hash, hash FROM audit";

AuditEntry ReadEntry(const Statement& stmt) {
  AuditEntry entry;
  entry.id = stmt.ColumnInt64(0);
  entry.at = stmt.ColumnText(1);
  entry.actor = stmt.ColumnText(2);
  entry.action = stmt.ColumnText(3);
  entry.record = stmt.ColumnText(4);
  entry.address = stmt.ColumnText(5);
  entry.prev_hash = stmt.ColumnText(6);
  entry.hash = stmt.ColumnText(7);
  return entry;
}

}  // namespace

Result<AuditEntry> SqliteStore::AppendAudit(AuditEntry entry,
                                      const AuditHasher& hasher) {
  // BEGIN IMMEDIATE: the head is read and moved under the write lock, so two
  // connections appending at once chain one after the other.
  SKILLMATCH_ASSIGN_OR_RETURN(tx, Transaction::Begin(*db_, "audit entry"));
  SKILLMATCH_ASSIGN_OR_RETURN(head, AuditHead());
  entry.id = head.first + 1;
  entry.prev_hash = head.second;
  entry.hash = hasher(entry);
  SKILLMATCH_ASSIGN_OR_RETURN(
      insert, Statement::Prepare(*db_,
                                 "INSERT INTO audit (id, at, actor, action, "
                                 "record, address, prev_hash, hash) VALUES "
                                 "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                 "audit entry"));
  SKILLMATCH_RETURN_IF_ERROR(insert.BindAll(entry.id, entry.at, entry.actor,
                                            entry.action, entry.record,
                                            entry.address, entry.prev_hash,
                                            entry.hash));
  SKILLMATCH_RETURN_IF_ERROR(insert.Run());
  SKILLMATCH_ASSIGN_OR_RETURN(
      move, Statement::Prepare(*db_,
                               "INSERT INTO audit_head (id, last_id, last_hash) "
                               "VALUES (1, ?1, ?2) ON CONFLICT (id) DO UPDATE "
                               "SET last_id = ?1, last_hash = ?2",
                               "audit head"));
  SKILLMATCH_RETURN_IF_ERROR(move.BindAll(entry.id, entry.hash));
  SKILLMATCH_RETURN_IF_ERROR(move.Run());
  SKILLMATCH_RETURN_IF_ERROR(tx.Commit());
  return entry;
}

Result<std::pair<int64_t, std::string>> SqliteStore::AuditHead() {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "SELECT last_id, last_hash FROM audit_head "
                               "WHERE id = 1",
                               "audit head"));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) return std::pair<int64_t, std::string>{0, ""};
  return std::pair<int64_t, std::string>{stmt.ColumnInt64(0),
                                         stmt.ColumnText(1)};
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit(int64_t after_id,
                                                 int64_t limit) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string(kSelectAudit) +
                                   " WHERE id > ?1 ORDER BY id LIMIT ?2",
                               "audit trail"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(after_id, limit));
  std::vector<AuditEntry> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(ReadEntry(stmt));
  }
}

Result<std::vector<AuditEntry>> SqliteStore::SearchAudit(const AuditQuery& query) {
  // An action prefix compared with substr, not LIKE, whose '_' and '%'
  // would be wildcards; days compared as text against "YYYY-MM-DDTHH:MM:SSZ"
  // (a day sorts before every time of that day, after every time before).
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_,
                std::string(kSelectAudit) +
                    " WHERE (?1 = '' OR actor = ?1)"
                    " AND (?2 = '' OR substr(action, 1, length(?2)) = ?2)"
                    " AND (?3 = '' OR record = ?3)"
                    " AND (?4 = '' OR at >= ?4)"
                    " AND (?5 = '' OR at < strftime('%Y-%m-%d', ?5, '+1 day'))"
                    " AND (?6 <= 0 OR id < ?6)"
                    " ORDER BY id DESC LIMIT ?7",
                "audit trail search"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(query.actor, query.action_prefix, query.record,
                                          query.from_day, query.to_day, query.before_id,
                                          query.limit));
  std::vector<AuditEntry> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(ReadEntry(stmt));
  }
}

Status SqliteStore::ForEachAudit(const std::function<Status(AuditEntry&&)>& visit) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, std::string(kSelectAudit) + " ORDER BY id",
                               "audit trail"));
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return Status::Ok();
    SKILLMATCH_RETURN_IF_ERROR(visit(ReadEntry(stmt)));
  }
}

}  // namespace skillmatch::engine
