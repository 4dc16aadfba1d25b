#include "sqlite.h"

#include <filesystem>

#include "skillmatch/classification/text.h"

namespace skillmatch::engine::sqlite {

Status ErrorStatus(int rc, std::string_view name, std::string_view context,
                   std::string_view message) {
  std::string text(name);
  text += ": ";
  if (!context.empty()) {
    text += context;
    text += ": ";
  }
  text += message;
  switch (rc & 0xff) {  // the primary code of an extended one
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_FORMAT:
      return Status::DataError(std::move(text));
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
    case SQLITE_AUTH:
      return Status::IoError(std::move(text));
    default:
      return Status::Internal(std::move(text));
  }
}

// ---------------------------------------------------------------- Database

Result<Database> Database::Open(const std::string& path,
                                const Options& options) {
  sqlite3* handle = nullptr;
  // No per-connection mutex: a Database is used by one thread at a time
  // (see sqlite.h), and SQLite's locking on every call costs the import's
  // writer a few percent.
  int rc = sqlite3_open_v2(path.c_str(), &handle,
                           options.flags | SQLITE_OPEN_NOMUTEX, nullptr);
  // Even a failed open may allocate a handle (for its error message); the
  // Database owns it from here so it is closed on every path.
  Database db(handle, path);
  if (handle == nullptr) {
    return ErrorStatus(SQLITE_NOMEM, path, "open", "out of memory");
  }
  if (rc != SQLITE_OK) return db.Error(rc, "open");
  // Extended codes tell a CHECK from a FOREIGN KEY failure; ErrorStatus
  // maps them by their primary code, the low byte.
  rc = sqlite3_extended_result_codes(handle, 1);
  if (rc != SQLITE_OK) return db.Error(rc, "open");
  rc = sqlite3_busy_timeout(handle, options.busy_timeout_ms);
  if (rc != SQLITE_OK) return db.Error(rc, "busy_timeout");
  SKILLMATCH_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON", "open"));
  {
    // The pragma is a no-op, not an error, when SQLite was built without
    // foreign keys; read it back rather than trust it.
    Result<Statement> check =
        Statement::Prepare(db, "PRAGMA foreign_keys", "open");
    if (!check.ok()) return check.status();
    Result<bool> row = check->Step();
    if (!row.ok()) return row.status();
    if (!*row || check->ColumnInt(0) != 1) {
      return ErrorStatus(SQLITE_ERROR, path, "open",
                         "this SQLite does not enforce foreign keys");
    }
  }
  const bool read_only = (options.flags & SQLITE_OPEN_READONLY) != 0;
  const bool in_memory = path == ":memory:" || path.empty() ||
                         (options.flags & SQLITE_OPEN_MEMORY) != 0;
  if (options.wal && !read_only && !in_memory) {
    Result<Statement> wal =
        Statement::Prepare(db, "PRAGMA journal_mode = WAL", "open");
    if (!wal.ok()) return wal.status();
    Result<bool> row = wal->Step();
    if (!row.ok()) return row.status();
    // A file system without shared memory keeps the old mode: that is
    // slower for concurrent readers, not wrong, so it is accepted.
  }
  return db;
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    name_ = std::move(other.name_);
    savepoint_depth_ = other.savepoint_depth_;
  }
  return *this;
}

Database::~Database() {
  // close_v2 defers the close until the last statement is finalized, so the
  // order in which RAII objects die cannot leak the connection. Its result
  // is always SQLITE_OK for a valid handle; there is nobody to tell anyway.
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status Database::Error(int rc, std::string_view context) const {
  // The connection's message belongs to its last error, which is not `rc`
  // after calls that do not record theirs (some bind failures): then the
  // generic text of `rc` is the honest one.
  const char* message = db_ != nullptr && sqlite3_extended_errcode(db_) == rc
                            ? sqlite3_errmsg(db_)
                            : sqlite3_errstr(rc);
  return ErrorStatus(rc, name_, context, message);
}

Status Database::Exec(const std::string& sql, std::string_view context) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string text = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return ErrorStatus(rc, name_, context, text);
}

Result<int> Database::UserVersion() {
  Result<Statement> stmt =
      Statement::Prepare(*this, "PRAGMA user_version", "user_version");
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return ErrorStatus(SQLITE_ERROR, name_, "user_version", "no row");
  }
  return stmt->ColumnInt(0);
}

// ---------------------------------------------------------------- Statement

Result<Statement> Statement::Prepare(Database& db, std::string_view sql,
                                     std::string context) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db.handle(), sql.data(),
                              static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);  // null on failure; harmless
    return db.Error(rc, context);
  }
  if (stmt == nullptr) {  // only white space or a comment
    return ErrorStatus(SQLITE_MISUSE, db.name(), context, "empty statement");
  }
  return Statement(&db, stmt, std::move(context));
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    context_ = std::move(other.context_);
  }
  return *this;
}

Statement::~Statement() {
  // finalize returns the error of the last step, already reported by Step.
  sqlite3_finalize(stmt_);
}

Status Statement::Check(int rc) const {
  if (rc == SQLITE_OK) return Status::Ok();
  return db_->Error(rc, context_);
}

Status Statement::BindNull(int index) {
  return Check(sqlite3_bind_null(stmt_, index));
}

Status Statement::Bind(int index, int64_t value) {
  return Check(sqlite3_bind_int64(stmt_, index, value));
}

Status Statement::Bind(int index, double value) {
  return Check(sqlite3_bind_double(stmt_, index, value));
}

Status Statement::Bind(int index, std::string_view value) {
  // The last line of defence: every text the store keeps is UTF-8, so that
  // whatever reads it back (JSON output above all) can trust it. Callers
  // check their own inputs with better messages; this catches the rest.
  if (std::string problem = text::Utf8Problem(value); !problem.empty()) {
    return Status::DataError(
        db_->name() + ": " +
        (context_.empty() ? std::string() : context_ + ": ") + problem);
  }
  // A null data pointer would bind NULL; an empty string must stay ''.
  return Check(sqlite3_bind_text64(
      stmt_, index, value.data() != nullptr ? value.data() : "", value.size(),
      SQLITE_TRANSIENT, SQLITE_UTF8));
}

Result<int> Statement::ParameterIndex(const char* name) const {
  int index = sqlite3_bind_parameter_index(stmt_, name);
  if (index == 0) {
    return ErrorStatus(SQLITE_RANGE, db_->name(), context_,
                       std::string("no parameter named ") + name);
  }
  return index;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Error(rc, context_);
}

Status Statement::Run() {
  while (true) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

Status Statement::Reset() {
  // reset returns the error of the last step (already reported); only the
  // clearing of bindings can fail on its own, and it never does for a valid
  // statement, but it is checked all the same.
  sqlite3_reset(stmt_);
  return Check(sqlite3_clear_bindings(stmt_));
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::ColumnInt64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

int Statement::ColumnInt(int column) const {
  return sqlite3_column_int(stmt_, column);
}

double Statement::ColumnDouble(int column) const {
  return sqlite3_column_double(stmt_, column);
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  int bytes = sqlite3_column_bytes(stmt_, column);
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(bytes));
}

std::optional<int64_t> Statement::ColumnOptionalInt64(int column) const {
  if (IsNull(column)) return std::nullopt;
  return ColumnInt64(column);
}

std::optional<double> Statement::ColumnOptionalDouble(int column) const {
  if (IsNull(column)) return std::nullopt;
  return ColumnDouble(column);
}

// ---------------------------------------------------------------- Transaction

Result<Transaction> Transaction::Begin(Database& db, std::string context) {
  return Start(db, std::move(context), "BEGIN IMMEDIATE");
}

Result<Transaction> Transaction::BeginRead(Database& db, std::string context) {
  return Start(db, std::move(context), "BEGIN DEFERRED");
}

Result<Transaction> Transaction::Start(Database& db, std::string context,
                                       const char* begin_sql) {
  if (sqlite3_get_autocommit(db.handle()) != 0) {
    SKILLMATCH_RETURN_IF_ERROR(db.Exec(begin_sql, context));
    return Transaction(&db, std::move(context), 0);
  }
  Transaction nested(&db, std::move(context), db.savepoint_depth_ + 1);
  SKILLMATCH_RETURN_IF_ERROR(
      db.Exec("SAVEPOINT " + nested.SavepointName(), nested.context_));
  ++db.savepoint_depth_;
  return nested;
}

std::string Transaction::SavepointName() const {
  return "skillmatch_" + std::to_string(savepoint_);
}

Transaction::~Transaction() {
  if (db_ == nullptr) return;
  // A destructor cannot report: if the rollback fails, SQLite has already
  // rolled back (it does so itself after I/O, full-disk and out-of-memory
  // errors) or the connection is broken and the next call says so.
  Status ignored = Rollback();
  (void)ignored;
}

Status Transaction::Commit() {
  if (db_ == nullptr) {
    return Status::Internal(context_ + ": transaction already finished");
  }
  if (savepoint_ == 0) {
    // On failure (SQLITE_BUSY) the transaction stays open and the
    // destructor rolls it back.
    SKILLMATCH_RETURN_IF_ERROR(db_->Exec("COMMIT", context_));
  } else {
    SKILLMATCH_RETURN_IF_ERROR(
        db_->Exec("RELEASE " + SavepointName(), context_));
    --db_->savepoint_depth_;
  }
  db_ = nullptr;
  return Status::Ok();
}

Status Transaction::Rollback() {
  if (db_ == nullptr) {
    return Status::Internal(context_ + ": transaction already finished");
  }
  Database* db = std::exchange(db_, nullptr);
  if (savepoint_ == 0) {
    if (sqlite3_get_autocommit(db->handle()) != 0) {
      return Status::Ok();  // SQLite already rolled back after an error
    }
    return db->Exec("ROLLBACK", context_);
  }
  --db->savepoint_depth_;
  const std::string name = SavepointName();
  // ROLLBACK TO undoes the work but leaves the savepoint open; RELEASE
  // closes it.
  SKILLMATCH_RETURN_IF_ERROR(db->Exec("ROLLBACK TO " + name, context_));
  return db->Exec("RELEASE " + name, context_);
}

// ---------------------------------------------------------------- Migrations

Status ApplyMigrations(Database& db, std::span<const Migration> migrations,
                       bool read_only, int* version) {
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  auto too_new = [&](int found) {
    return Status::DataError(
        db.name() + ": schema version " + std::to_string(found) +
        " is newer than this skillmatch knows (" + std::to_string(newest) +
        "); use a newer skillmatch");
  };
  Result<int> current = db.UserVersion();
  if (!current.ok()) return current.status();
  if (*current > newest) return too_new(*current);
  if (*current < newest && read_only) {
    return Status::DataError(
        db.name() + ": schema version " + std::to_string(*current) +
        " is older than this skillmatch needs (" + std::to_string(newest) +
        "); open it for writing once to migrate it");
  }
  for (const Migration& step : migrations) {
    if (step.version <= *current) continue;
    const std::string context = "migration " + std::to_string(step.version);
    Result<Transaction> tx = Transaction::Begin(db, context);
    if (!tx.ok()) return tx.status();
    // Another connection may have migrated between our first read and
    // BEGIN IMMEDIATE; now that we hold the write lock, read again.
    Result<int> locked = db.UserVersion();
    if (!locked.ok()) return locked.status();
    if (*locked >= step.version) {
      SKILLMATCH_RETURN_IF_ERROR(tx->Commit());
      if (*locked > newest) return too_new(*locked);
      *current = *locked;
      continue;
    }
    SKILLMATCH_RETURN_IF_ERROR(db.Exec(step.sql, context));
    SKILLMATCH_RETURN_IF_ERROR(db.Exec(
        "PRAGMA user_version = " + std::to_string(step.version), context));
    SKILLMATCH_RETURN_IF_ERROR(tx->Commit());
    *current = step.version;
  }
  *version = *current;
  return Status::Ok();
}

}  // namespace skillmatch::engine::sqlite
