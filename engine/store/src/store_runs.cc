// The Store's match runs and their results (tables match_runs and
// match_results of schema version 1).
#include <sqlite3.h>

#include <string>

#include "skillmatch/classification/text.h"
#include "skillmatch/store/store.h"
#include "sqlite.h"
#include "sqlite_store.h"

namespace skillmatch::engine {

namespace {

using sqlite::Statement;

constexpr const char* kSelectRun =
    "SELECT r.id, r.started, r.kind, r.config, r.notes, "
    "(SELECT COUNT(*) FROM match_results m WHERE m.run_id = r.id) "
    "FROM match_runs r";

MatchRun ReadRun(const Statement& stmt) {
  MatchRun run;
  run.id = stmt.ColumnInt64(0);
  run.started = stmt.ColumnText(1);
  run.kind = stmt.ColumnText(2);
  run.config = stmt.ColumnText(3);
  run.notes = stmt.ColumnText(4);
  run.results = stmt.ColumnInt64(5);
  return run;
}

// `status` with the row that caused it, for a message that says which one.
Status WithPair(const Status& status, const MatchResult& result) {
  std::string message = status.message() + " (profile " +
                        text::Quoted(result.profile_id) + ", offer " +
                        text::Quoted(result.offer_id) + ", rank " +
                        std::to_string(result.rank) + ")";
  switch (status.code()) {
    case StatusCode::kDataError:
      return Status::DataError(std::move(message));
    case StatusCode::kIoError:
      return Status::IoError(std::move(message));
    default:
      return Status::Internal(std::move(message));
  }
}

}  // namespace

Result<int64_t> SqliteStore::BeginMatchRun(const MatchRun& run) {
  // The schema checks the config is JSON; the kind is checked here, since a
  // CHECK on it would need a migration to add kinds.
  if (run.kind != kRunProfileToOffers && run.kind != kRunOfferToProfiles &&
      run.kind != kRunBatch) {
    return Status::DataError(path_ + ": match run: unknown kind " + text::Quoted(run.kind) +
                             " (expected profile-to-offers, offer-to-profiles or batch)");
  }
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_,
                "INSERT INTO match_runs (started, kind, config, notes) VALUES "
                "(COALESCE(NULLIF(?1, ''), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), "
                "?2, ?3, ?4)",
                "match run"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(run.started, run.kind, run.config, run.notes));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->handle()));
}

Status SqliteStore::AddMatchResults(int64_t run_id,
                                    std::span<const MatchResult> results) {
  // All or nothing: a savepoint (or a transaction when outside one), so a
  // refused row does not leave half a list behind.
  return InTransaction([&]() -> Status {
    SKILLMATCH_ASSIGN_OR_RETURN(
        stmt, Statement::Prepare(
                  *db_,
                  "INSERT INTO match_results (run_id, profile_id, offer_id, rank, "
                  "score, explanation) VALUES (?1, ?2, ?3, ?4, ?5, NULLIF(?6, ''))",
                  "match results of run " + std::to_string(run_id)));
    for (const MatchResult& result : results) {
      SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(run_id, result.profile_id, result.offer_id,
                                              result.rank,
                                              static_cast<double>(result.score),
                                              result.explanation));
      Status done = stmt.Run();
      if (!done.ok()) {
        return WithPair(done, result);
      }
      SKILLMATCH_RETURN_IF_ERROR(stmt.Reset());
    }
    return Status::Ok();
  });
}

Result<std::vector<MatchRun>> SqliteStore::ListMatchRuns() {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, std::string(kSelectRun) + " ORDER BY r.id DESC",
                               "match runs"));
  std::vector<MatchRun> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(ReadRun(stmt));
  }
}

Result<MatchRun> SqliteStore::GetMatchRun(int64_t id) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, std::string(kSelectRun) + " WHERE r.id = ?1",
                               "match run " + std::to_string(id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(id));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) return Status::NotFound(path_ + ": no match run " + std::to_string(id));
  return ReadRun(stmt);
}

Result<std::vector<MatchResult>> SqliteStore::ListMatchResults(int64_t run_id) {
  SKILLMATCH_ASSIGN_OR_RETURN(run, GetMatchRun(run_id));
  const char* order = run.kind == kRunOfferToProfiles ? "offer_id, rank, profile_id"
                                                      : "profile_id, rank, offer_id";
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string("SELECT profile_id, offer_id, rank, score, "
                                           "explanation FROM match_results WHERE "
                                           "run_id = ?1 ORDER BY ") +
                                   order,
                               "match results of run " + std::to_string(run_id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(run_id));
  std::vector<MatchResult> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    MatchResult result;
    result.profile_id = stmt.ColumnText(0);
    result.offer_id = stmt.ColumnText(1);
    result.rank = stmt.ColumnInt(2);
    result.score = static_cast<float>(stmt.ColumnDouble(3));
    result.explanation = stmt.ColumnText(4);
    out.push_back(std::move(result));
  }
}

}  // namespace skillmatch::engine
