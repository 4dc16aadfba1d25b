// The Store's tables for the server (schema migration 3): accounts,
// sessions, API tokens and the agency of profiles and offers. The audit
// trail is in store_audit.cc.
#include <sqlite3.h>

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "skillmatch/classification/text.h"
#include "skillmatch/model/model_json.h"
#include "skillmatch/store/store.h"
#include "skillmatch/store/offer_counts.h"
#include "sqlite.h"
#include "sqlite_store.h"
#include "store_server.h"

namespace skillmatch::engine {

// Schema version 3 (engine/store/README.md, "Schema version 3"). The agency
// is a column of the rows, not of the records' JSON documents: it is where
// the PES files a record, not something the record says. The upserts leave
// it alone (they UPDATE an existing row), so re-importing keeps it.
extern const char kSchemaV3Server[] = R"sql(
ALTER TABLE profiles ADD COLUMN agency TEXT NOT NULL DEFAULT '';
ALTER TABLE offers ADD COLUMN agency TEXT NOT NULL DEFAULT '';
CREATE INDEX profiles_agency ON profiles(agency, id);
CREATE INDEX offers_agency ON offers(agency, id);

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE CHECK (login <> ''),
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'counsellor',
    'employer_relations', 'statistician', 'auditor')),
  agency TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE api_tokens (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX api_tokens_account ON api_tokens(account_id);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  record TEXT NOT NULL,
  address TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_id INTEGER NOT NULL,
  last_hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)sql";

// Schema version 4 (engine/store/README.md, "Schema version 4"): a
// supervisor's region, and each agency's region, so that a supervisor may
// see every agency of its region; the TOTP second factor of an account (the
// secret sealed by the server, and the last time step used, against
// replays).
extern const char kSchemaV4Server[] = R"sql(
ALTER TABLE accounts ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
CREATE TABLE agencies (
  agency TEXT PRIMARY KEY CHECK (agency <> ''),
  region TEXT NOT NULL CHECK (region <> '')
);
CREATE INDEX agencies_region ON agencies(region, agency);
)sql";

// Schema version 9 (engine/store/README.md, "Schema version 9"): the
// password was set by an administrator and must be changed by its owner
// before anything else.
extern const char kSchemaV9TemporaryPassword[] = R"sql(
ALTER TABLE accounts ADD COLUMN password_change_required INTEGER NOT NULL DEFAULT 0
  CHECK (password_change_required IN (0, 1));
)sql";

namespace {

using sqlite::Statement;
using sqlite::Transaction;
using text::Quoted;

#define STORE_NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

const char* Table(AgencyRecord kind) {
  return kind == AgencyRecord::kProfile ? "profiles" : "offers";
}
// An offer that changes agency gets a new updated_at, so that the server's
// offer indexes (AgencyOffersStamp) see the move; a profile keeps its own,
// which retention reads as the last time its file was written.
const char* TouchOffer(AgencyRecord kind) {
  return kind == AgencyRecord::kOffer ? ", updated_at = " STORE_NOW_SQL : "";
}
const char* Noun(AgencyRecord kind) {
  return kind == AgencyRecord::kProfile ? "profile" : "offer";
}

constexpr const char* kSelectAccount =
    "SELECT id, login, role, agency, password_hash, disabled, created_at, "
    "region, totp_secret, totp_last_step, password_change_required FROM accounts";

Account ReadAccount(const Statement& stmt) {
  Account account;
  account.id = stmt.ColumnInt64(0);
  account.login = stmt.ColumnText(1);
  account.role = stmt.ColumnText(2);
  account.agency = stmt.ColumnText(3);
  account.password_hash = stmt.ColumnText(4);
  account.disabled = stmt.ColumnInt64(5) != 0;
  account.created_at = stmt.ColumnText(6);
  account.region = stmt.ColumnText(7);
  account.totp_secret = stmt.ColumnText(8);
  account.totp_last_step = stmt.ColumnInt64(9);
  account.password_change_required = stmt.ColumnInt64(10) != 0;
  return account;
}

template <typename Record, typename Decode>
Status ForEachOfAgency(sqlite::Database& db, const std::string& path,
                       AgencyRecord kind, const std::string& agency,
                       const Decode& decode,
                       const std::function<Status(Record&&)>& visit) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(db,
                               std::string("SELECT id, doc FROM ") +
                                   Table(kind) +
                                   " WHERE agency = ?1 ORDER BY id",
                               std::string(Table(kind)) + " of agency " +
                                   Quoted(agency)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, agency));
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return Status::Ok();
    const std::string id = stmt.ColumnText(0);
    const std::string where =
        path + ": " + Noun(kind) + " " + Quoted(id);
    nlohmann::json json;
    try {
      json = nlohmann::json::parse(stmt.ColumnText(1));
    } catch (const nlohmann::json::exception& e) {
      return Status::DataError(where + ": stored document: " + e.what());
    }
    Result<Record> record = decode(json, where);
    if (!record.ok()) return record.status();
    SKILLMATCH_RETURN_IF_ERROR(visit(std::move(*record)));
  }
}

}  // namespace

// ---------------------------------------------------------------- Accounts

Result<int64_t> SqliteStore::AddAccount(const Account& account) {
  const std::string context = "account " + Quoted(account.login);
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_,
                "INSERT INTO accounts (login, role, agency, password_hash, "
                "disabled, region, totp_secret, password_change_required, "
                "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                STORE_NOW_SQL ", " STORE_NOW_SQL ")",
                context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(account.login, account.role,
                                          account.agency,
                                          account.password_hash,
                                          account.disabled, account.region,
                                          account.totp_secret,
                                          account.password_change_required));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->handle()));
}

Result<Account> SqliteStore::GetAccount(const std::string& login) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string(kSelectAccount) + " WHERE login = ?1",
                               "account " + Quoted(login)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, login));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) return Status::NotFound(path_ + ": no account " + Quoted(login));
  return ReadAccount(stmt);
}

Result<Account> SqliteStore::GetAccountById(int64_t id) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string(kSelectAccount) + " WHERE id = ?1",
                               "account " + std::to_string(id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, id));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) {
    return Status::NotFound(path_ + ": no account " + std::to_string(id));
  }
  return ReadAccount(stmt);
}

Result<std::vector<Account>> SqliteStore::ListAccounts() {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, std::string(kSelectAccount) +
                                         " ORDER BY login",
                               "accounts"));
  std::vector<Account> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(ReadAccount(stmt));
  }
}

namespace {

// Runs `update_sql` (?1 = login, ?2... = values) then deletes the
// account's sessions and tokens, in one transaction.
template <typename... T>
Status UpdateAccountAndLogOut(sqlite::Database& db, const std::string& path,
                              const std::string& login, const char* update_sql,
                              const std::string& context, const T&... values) {
  SKILLMATCH_ASSIGN_OR_RETURN(tx, Transaction::Begin(db, context));
  SKILLMATCH_ASSIGN_OR_RETURN(stmt, Statement::Prepare(db, update_sql, context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(login, values...));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  if (sqlite3_changes(db.handle()) == 0) {
    return Status::NotFound(path + ": no account " + Quoted(login));
  }
  for (const char* sql :
       {"DELETE FROM sessions WHERE account_id = "
        "(SELECT id FROM accounts WHERE login = ?1)",
        "DELETE FROM api_tokens WHERE account_id = "
        "(SELECT id FROM accounts WHERE login = ?1)"}) {
    SKILLMATCH_ASSIGN_OR_RETURN(del, Statement::Prepare(db, sql, context));
    SKILLMATCH_RETURN_IF_ERROR(del.Bind(1, login));
    SKILLMATCH_RETURN_IF_ERROR(del.Run());
  }
  return tx.Commit();
}

}  // namespace

Status SqliteStore::SetAccountPassword(const std::string& login,
                                       const std::string& password_hash,
                                       bool change_required) {
  return UpdateAccountAndLogOut(
      *db_, path_, login,
      "UPDATE accounts SET password_hash = ?2, password_change_required = ?3, "
      "updated_at = " STORE_NOW_SQL " WHERE login = ?1",
      "password of account " + Quoted(login), password_hash, change_required);
}

Status SqliteStore::SetAccountDisabled(const std::string& login, bool disabled) {
  return UpdateAccountAndLogOut(
      *db_, path_, login,
      "UPDATE accounts SET disabled = ?2, updated_at = " STORE_NOW_SQL
      " WHERE login = ?1",
      "account " + Quoted(login), disabled);
}

// ---------------------------------------------------------------- Sessions

Status SqliteStore::CreateSession(const SessionRecord& session) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "INSERT INTO sessions (token_hash, account_id, "
                               "csrf, created, last_seen) VALUES (?1, ?2, ?3, "
                               "?4, ?5)",
                               "new session"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(session.token_hash,
                                          session.account_id, session.csrf,
                                          session.created, session.last_seen));
  return stmt.Run();
}

Result<SessionRecord> SqliteStore::GetSession(const std::string& token_hash) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "SELECT token_hash, account_id, csrf, created, "
                               "last_seen FROM sessions WHERE token_hash = ?1",
                               "session"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, token_hash));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) return Status::NotFound(path_ + ": no such session");
  SessionRecord session;
  session.token_hash = stmt.ColumnText(0);
  session.account_id = stmt.ColumnInt64(1);
  session.csrf = stmt.ColumnText(2);
  session.created = stmt.ColumnInt64(3);
  session.last_seen = stmt.ColumnInt64(4);
  return session;
}

Status SqliteStore::TouchSession(const std::string& token_hash, int64_t last_seen) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_, "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1",
                "session"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(token_hash, last_seen));
  return stmt.Run();
}

Status SqliteStore::DeleteSession(const std::string& token_hash) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "DELETE FROM sessions WHERE token_hash = ?1",
                               "end session"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, token_hash));
  return stmt.Run();
}

Result<int64_t> SqliteStore::DeleteExpiredSessions(int64_t idle_before,
                                             int64_t created_before) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "DELETE FROM sessions WHERE last_seen < ?1 OR "
                               "created < ?2",
                               "expired sessions"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(idle_before, created_before));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  return static_cast<int64_t>(sqlite3_changes(db_->handle()));
}

// ---------------------------------------------------------------- API tokens

Status SqliteStore::AddApiToken(const std::string& token_hash, int64_t account_id,
                          const std::string& label) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "INSERT INTO api_tokens (token_hash, account_id, "
                               "label, created_at) VALUES (?1, ?2, ?3, "
                               STORE_NOW_SQL ")",
                               "API token of account " +
                                   std::to_string(account_id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(token_hash, account_id, label));
  return stmt.Run();
}

Result<int64_t> SqliteStore::GetApiTokenAccount(const std::string& token_hash) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_, "SELECT account_id FROM api_tokens WHERE token_hash = ?1",
                "API token"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, token_hash));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) return Status::NotFound(path_ + ": no such API token");
  return stmt.ColumnInt64(0);
}

// ---------------------------------------------------------------- Agencies

Result<std::string> SqliteStore::GetAgency(AgencyRecord kind, const std::string& id) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string("SELECT agency FROM ") + Table(kind) +
                                   " WHERE id = ?1",
                               std::string("agency of ") + Noun(kind) + " " +
                                   Quoted(id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, id));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) {
    return Status::NotFound(path_ + ": no " + Noun(kind) + " " + Quoted(id));
  }
  return stmt.ColumnText(0);
}

Status SqliteStore::SetAgency(AgencyRecord kind, const std::string& id,
                        const std::string& agency) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string("UPDATE ") + Table(kind) +
                                   " SET agency = ?2" + TouchOffer(kind) +
                                   " WHERE id = ?1",
                               std::string("agency of ") + Noun(kind) + " " +
                                   Quoted(id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(id, agency));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  if (sqlite3_changes(db_->handle()) == 0) {
    return Status::NotFound(path_ + ": no " + Noun(kind) + " " + Quoted(id));
  }
  return Status::Ok();
}

Result<int64_t> SqliteStore::AssignUnassigned(AgencyRecord kind,
                                        const std::string& agency) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string("UPDATE ") + Table(kind) +
                                   " SET agency = ?1" + TouchOffer(kind) +
                                   " WHERE agency = ''",
                               std::string("assign ") + Table(kind) +
                                   " to agency " + Quoted(agency)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, agency));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  return static_cast<int64_t>(sqlite3_changes(db_->handle()));
}

Result<std::vector<std::string>> SqliteStore::ListAgencyIds(
    AgencyRecord kind, const std::string& agency, const std::string& after_id,
    int64_t limit) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string("SELECT id FROM ") + Table(kind) +
                                   " WHERE agency = ?1 AND id > ?2 ORDER BY "
                                   "id LIMIT ?3",
                               std::string(Table(kind)) + " of agency " +
                                   Quoted(agency)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(agency, after_id, limit));
  std::vector<std::string> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(stmt.ColumnText(0));
  }
}

Status SqliteStore::ForEachAgencyProfile(
    const std::string& agency, const std::function<Status(Profile&&)>& visit) {
  return ForEachOfAgency<Profile>(
      *db_, path_, AgencyRecord::kProfile, agency,
      [](const nlohmann::json& json, const std::string& where) {
        return ProfileFromJson(json, where);
      },
      visit);
}

Status SqliteStore::ForEachAgencyOffer(const std::string& agency,
                                 const std::function<Status(Offer&&)>& visit) {
  return ForEachOfAgency<Offer>(
      *db_, path_, AgencyRecord::kOffer, agency,
      [](const nlohmann::json& json, const std::string& where) {
        return OfferFromJson(json, where);
      },
      visit);
}

Result<std::vector<TableCount>> SqliteStore::CountByAgency(AgencyRecord kind) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string("SELECT agency, count(*) FROM ") +
                                   Table(kind) + " GROUP BY agency ORDER BY "
                                   "agency",
                               std::string(Table(kind)) + " by agency"));
  std::vector<TableCount> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(TableCount{stmt.ColumnText(0), stmt.ColumnInt64(1)});
  }
}

// ---------------------------------------------------------------- Migration 4

Status SqliteStore::SetAccountRegion(const std::string& login,
                                     const std::string& region) {
  const std::string context = "region of account " + Quoted(login);
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "UPDATE accounts SET region = ?2, updated_at = "
                               STORE_NOW_SQL " WHERE login = ?1",
                               context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(login, region));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  if (sqlite3_changes(db_->handle()) == 0) {
    return Status::NotFound(path_ + ": no account " + Quoted(login));
  }
  return Status::Ok();
}

Status SqliteStore::SetAccountTotp(const std::string& login,
                                   const std::string& sealed_secret) {
  return UpdateAccountAndLogOut(
      *db_, path_, login,
      "UPDATE accounts SET totp_secret = ?2, totp_last_step = 0, "
      "updated_at = " STORE_NOW_SQL " WHERE login = ?1",
      "second factor of account " + Quoted(login), sealed_secret);
}

Result<bool> SqliteStore::UseTotpStep(int64_t account_id, int64_t step) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "UPDATE accounts SET totp_last_step = ?2 "
                               "WHERE id = ?1 AND totp_last_step < ?2",
                               "second factor of account " +
                                   std::to_string(account_id)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(account_id, step));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  return sqlite3_changes(db_->handle()) == 1;
}

Status SqliteStore::SetAgencyRegion(const std::string& agency,
                                    const std::string& region) {
  const std::string context = "region of agency " + Quoted(agency);
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_,
                region.empty()
                    ? "DELETE FROM agencies WHERE agency = ?1 AND ?2 = ''"
                    : "INSERT INTO agencies (agency, region) VALUES (?1, ?2) "
                      "ON CONFLICT (agency) DO UPDATE SET region = ?2",
                context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(agency, region));
  return stmt.Run();
}

Result<std::string> SqliteStore::GetAgencyRegion(const std::string& agency) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "SELECT region FROM agencies WHERE agency = ?1",
                               "region of agency " + Quoted(agency)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, agency));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  if (!row) return std::string();
  return stmt.ColumnText(0);
}

Result<std::vector<std::string>> SqliteStore::ListRegionAgencies(
    const std::string& region) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "SELECT agency FROM agencies WHERE region = ?1 "
                               "ORDER BY agency",
                               "agencies of region " + Quoted(region)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, region));
  std::vector<std::string> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(stmt.ColumnText(0));
  }
}

Result<std::vector<std::string>> SqliteStore::ListScopeIds(
    AgencyRecord kind, const std::vector<std::string>& agencies,
    const std::string& after_id, int64_t limit) {
  // The agencies as a JSON array bound as one value: no SQL is built from
  // them.
  const std::string list = nlohmann::json(agencies).dump();
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               std::string("SELECT id FROM ") + Table(kind) +
                                   " WHERE agency IN (SELECT value FROM "
                                   "json_each(?1)) AND agency <> '' AND id > ?2 "
                                   "ORDER BY id LIMIT ?3",
                               std::string(Table(kind)) + " of " +
                                   std::to_string(agencies.size()) +
                                   " agencies"));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(list, after_id, limit));
  std::vector<std::string> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.push_back(stmt.ColumnText(0));
  }
}

Result<AgencyOffersStamp> SqliteStore::GetAgencyOffersStamp(
    const std::string& agency) {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(
                *db_,
                "SELECT count(*), coalesce(max(updated_at), ''), "
                "coalesce(max(updated_at), '') >= strftime('%Y-%m-%dT%H:%M:%SZ', "
                "'now', '-1 second') FROM offers WHERE agency = ?1",
                "offers of agency " + Quoted(agency)));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, agency));
  SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
  AgencyOffersStamp stamp;
  if (!row) return stamp;
  stamp.count = stmt.ColumnInt64(0);
  stamp.last_update = stmt.ColumnText(1);
  stamp.recent = stmt.ColumnInt64(2) != 0;
  return stamp;
}

// ------------------------------------------------------------- Reorientation

Result<std::map<std::string, int64_t>> SqliteStore::CountOpenOffers(
    const std::optional<std::string>& agency, const std::string& today,
    const std::vector<std::string>& occupations) {
  std::map<std::string, int64_t> out;
  if (occupations.empty()) return out;
  // The occupations first (index offers_occupation), so that only their
  // rows read `closed`, the generated column of schema version 6
  // (store_spells.cc), which extracts it from the document; dates are
  // YYYY-MM-DD text, which compares as the day does.
  std::string sql =
      "SELECT occupation, count(*) FROM offers WHERE occupation IN (";
  for (size_t i = 0; i < occupations.size(); ++i) {
    sql += (i ? ", ?" : "?") + std::to_string(i + 3);
  }
  // "+agency": the occupations' index, not the agency's (all its rows).
  // Without an agency, ?1 is left out (SQLite numbers parameters as given).
  sql += std::string(") AND ") + (agency ? "+agency = ?1 AND " : "") +
         "(expires IS NULL OR expires >= ?2) "
         "AND (closed IS NULL OR closed > ?2) GROUP BY occupation";
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, sql,
                               agency ? "open offers of agency " + Quoted(*agency)
                                      : std::string("open offers of every agency")));
  if (agency) SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(1, *agency));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(2, today));
  for (size_t i = 0; i < occupations.size(); ++i) {
    SKILLMATCH_RETURN_IF_ERROR(stmt.Bind(static_cast<int>(i + 3), occupations[i]));
  }
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out[stmt.ColumnText(0)] = stmt.ColumnInt64(1);
  }
}

namespace {

Result<std::map<std::string, int64_t>> CountOpen(Store& store,
                                                 const std::optional<std::string>& agency,
                                                 const std::string& today,
                                                 const std::vector<std::string>& occupations) {
  if (occupations.size() > kMaxCountedOccupations) {
    return Status::InvalidArgument("open offer counts: " + std::to_string(occupations.size()) +
                                   " occupations, at most " +
                                   std::to_string(kMaxCountedOccupations));
  }
  auto* sqlite = dynamic_cast<SqliteStore*>(&store);
  if (sqlite == nullptr) return Status::Internal("open offer counts: not a SQLite store");
  return sqlite->CountOpenOffers(agency, today, occupations);
}

}  // namespace

Result<std::map<std::string, int64_t>> CountOpenAgencyOffers(
    Store& store, const std::string& agency, const std::string& today,
    const std::vector<std::string>& occupations) {
  return CountOpen(store, agency, today, occupations);
}

Result<std::map<std::string, int64_t>> CountOpenOffers(
    Store& store, const std::string& today, const std::vector<std::string>& occupations) {
  return CountOpen(store, std::nullopt, today, occupations);
}

// ---------------------------------------------------------------- Administration

Status SqliteStore::SetAccountRoleAgency(const std::string& login, const std::string& role,
                                         const std::string& agency,
                                         const std::string& region) {
  const std::string context = "role of account " + Quoted(login);
  SKILLMATCH_ASSIGN_OR_RETURN(tx, Transaction::Begin(*db_, context));
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "UPDATE accounts SET role = ?2, agency = ?3, region = ?4, "
                               "updated_at = " STORE_NOW_SQL " WHERE login = ?1",
                               context));
  SKILLMATCH_RETURN_IF_ERROR(stmt.BindAll(login, role, agency, region));
  SKILLMATCH_RETURN_IF_ERROR(stmt.Run());
  if (sqlite3_changes(db_->handle()) == 0) {
    return Status::NotFound(path_ + ": no account " + Quoted(login));
  }
  for (const char* sql :
       {"DELETE FROM sessions WHERE account_id = "
        "(SELECT id FROM accounts WHERE login = ?1)",
        "DELETE FROM api_tokens WHERE account_id = "
        "(SELECT id FROM accounts WHERE login = ?1)"}) {
    SKILLMATCH_ASSIGN_OR_RETURN(del, Statement::Prepare(*db_, sql, context));
    SKILLMATCH_RETURN_IF_ERROR(del.Bind(1, login));
    SKILLMATCH_RETURN_IF_ERROR(del.Run());
  }
  return tx.Commit();
}

Result<std::vector<std::pair<std::string, std::string>>> SqliteStore::ListAgencyRegions() {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_, "SELECT agency, region FROM agencies ORDER BY agency",
                               "agencies"));
  std::vector<std::pair<std::string, std::string>> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    out.emplace_back(stmt.ColumnText(0), stmt.ColumnText(1));
  }
}

Result<std::map<int64_t, std::string>> SqliteStore::LastLogins() {
  SKILLMATCH_ASSIGN_OR_RETURN(
      stmt, Statement::Prepare(*db_,
                               "SELECT record, MAX(at) FROM audit WHERE action = "
                               "'login.success' GROUP BY record",
                               "last logins"));
  std::map<int64_t, std::string> out;
  while (true) {
    SKILLMATCH_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return out;
    const std::string record = stmt.ColumnText(0);
    char* end = nullptr;
    const long long id = std::strtoll(record.c_str(), &end, 10);
    if (record.empty() || *end != '\0') continue;  // not an account id
    out[static_cast<int64_t>(id)] = stmt.ColumnText(1);
  }
}

}  // namespace skillmatch::engine
