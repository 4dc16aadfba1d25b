// RAII wrappers over the SQLite C API, private to the engine library.
//
// Every sqlite3_* call that can fail is checked and its failure becomes a
// Status whose message reads "<database>: <context>: <SQLite's message>",
// e.g. "store.db: migration 2: no such table: x". <database> is the path the
// database was opened with (":memory:" for an in-memory one).
//
// Status codes: constraint violations, type mismatches and files that are not
// (or no longer) databases are kDataError; failures to open, read, write or
// lock are kIoError; SQL errors and API misuse are kInternal (a bug here).
//
// None of these types is safe for concurrent use: one Database (and the
// statements and transactions made from it) per thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "skillmatch/classification/status.h"

namespace skillmatch::engine::sqlite {

// The status for SQLite result code `rc` with `message`, prefixed by
// "<name>: <context>: " (the context part is left out when empty).
Status ErrorStatus(int rc, std::string_view name, std::string_view context,
                   std::string_view message);

class Database {
 public:
  struct Options {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;  // sqlite3_open_v2
    int busy_timeout_ms = 5000;  // wait this long for another's lock
    bool wal = true;             // journal_mode=WAL (not for read-only)
  };

  // Opens `path` with foreign_keys=ON, the busy timeout and, unless opened
  // read-only or in memory, the WAL journal.
  [[nodiscard]] static Result<Database> Open(const std::string& path,
                                             const Options& options);

  Database(Database&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)),
        name_(std::move(other.name_)),
        savepoint_depth_(other.savepoint_depth_) {}
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  sqlite3* handle() const { return db_; }
  const std::string& name() const { return name_; }

  // The status for a failed call that returned `rc`, with the connection's
  // current error message.
  Status Error(int rc, std::string_view context) const;

  // Runs one or more SQL statements that return no rows we need.
  [[nodiscard]] Status Exec(const std::string& sql, std::string_view context);

  // PRAGMA user_version.
  [[nodiscard]] Result<int> UserVersion();

 private:
  friend class Transaction;
  Database(sqlite3* db, std::string name) : db_(db), name_(std::move(name)) {}

  sqlite3* db_ = nullptr;
  std::string name_;
  int savepoint_depth_ = 0;  // open Transactions that are savepoints
};

// A prepared statement. Parameters are 1-based, columns 0-based (SQLite's
// convention). Text is bound with SQLITE_TRANSIENT: the caller's string need
// not outlive the call.
class Statement {
 public:
  // `context` prefixes every error of this statement ("get offer 'o1'").
  [[nodiscard]] static Result<Statement> Prepare(Database& db,
                                                 std::string_view sql,
                                                 std::string context);

  Statement(Statement&& other) noexcept
      : db_(other.db_),
        stmt_(std::exchange(other.stmt_, nullptr)),
        context_(std::move(other.context_)) {}
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  [[nodiscard]] Status BindNull(int index);
  [[nodiscard]] Status Bind(int index, int64_t value);
  [[nodiscard]] Status Bind(int index, int value) {
    return Bind(index, static_cast<int64_t>(value));
  }
  [[nodiscard]] Status Bind(int index, bool value) {
    return Bind(index, static_cast<int64_t>(value ? 1 : 0));
  }
  [[nodiscard]] Status Bind(int index, double value);
  [[nodiscard]] Status Bind(int index, std::string_view value);
  [[nodiscard]] Status Bind(int index, const std::string& value) {
    return Bind(index, std::string_view(value));
  }
  [[nodiscard]] Status Bind(int index, const char* value) {
    return Bind(index, std::string_view(value));
  }
  // An empty optional binds NULL.
  template <typename T>
  [[nodiscard]] Status Bind(int index, const std::optional<T>& value) {
    if (!value) return BindNull(index);
    return Bind(index, *value);
  }
  // By name, with its prefix: ":id", "@id" or "$id".
  template <typename T>
  [[nodiscard]] Status Bind(const char* name, const T& value) {
    Result<int> index = ParameterIndex(name);
    if (!index.ok()) return index.status();
    return Bind(*index, value);
  }
  // Binds `values` to parameters 1, 2, ... in order.
  template <typename... Ts>
  [[nodiscard]] Status BindAll(const Ts&... values) {
    Status status;
    int index = 0;
    ((status.ok() ? (status = Bind(++index, values), 0) : 0), ...);
    return status;
  }

  // true: a row is ready for the column getters; false: done.
  [[nodiscard]] Result<bool> Step();
  // Steps to the end, ignoring any rows (for INSERT, UPDATE, DELETE).
  [[nodiscard]] Status Run();
  // Back to the start, bindings cleared, ready to be bound again.
  [[nodiscard]] Status Reset();

  bool IsNull(int column) const;
  int64_t ColumnInt64(int column) const;
  int ColumnInt(int column) const;
  double ColumnDouble(int column) const;
  std::string ColumnText(int column) const;  // NULL reads as ""
  std::optional<int64_t> ColumnOptionalInt64(int column) const;
  std::optional<double> ColumnOptionalDouble(int column) const;

 private:
  Statement(Database* db, sqlite3_stmt* stmt, std::string context)
      : db_(db), stmt_(stmt), context_(std::move(context)) {}
  Result<int> ParameterIndex(const char* name) const;
  Status Check(int rc) const;

  Database* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string context_;
};

// A transaction: BEGIN IMMEDIATE at the top level for writes (it takes the
// write lock at once, so it cannot fail halfway with SQLITE_BUSY on a lock
// upgrade), BEGIN DEFERRED for reads, or a SAVEPOINT when a transaction is
// already open on the connection, so that operations which are atomic on their
// own stay atomic inside a larger transaction. Rolled back on destruction
// unless committed.
class Transaction {
 public:
  // A write transaction (BEGIN IMMEDIATE).
  [[nodiscard]] static Result<Transaction> Begin(Database& db,
                                                 std::string context);
  // A read transaction (BEGIN DEFERRED): a consistent snapshot for several
  // queries, without the write lock, so it works on read-only databases.
  [[nodiscard]] static Result<Transaction> BeginRead(Database& db,
                                                     std::string context);

  Transaction(Transaction&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)),
        context_(std::move(other.context_)),
        savepoint_(other.savepoint_) {}
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  [[nodiscard]] Status Commit();
  [[nodiscard]] Status Rollback();

 private:
  Transaction(Database* db, std::string context, int savepoint)
      : db_(db), context_(std::move(context)), savepoint_(savepoint) {}
  static Result<Transaction> Start(Database& db, std::string context,
                                   const char* begin_sql);
  std::string SavepointName() const;

  Database* db_ = nullptr;  // null once committed or rolled back
  std::string context_;
  int savepoint_ = 0;  // 0: top-level transaction; else savepoint depth
};

// One step of a forward-only schema history.
struct Migration {
  int version;      // user_version after this step: 1, 2, 3, ... in order
  const char* sql;  // one or more statements
};

// Brings `db` to the last version of `migrations`, each pending step in its
// own transaction that also sets PRAGMA user_version, so a failed step
// leaves the database at the previous version. Errors: kDataError when the
// database's version is newer than the last step ("<db>: schema version 3 is
// newer than this skillmatch knows (2); use a newer skillmatch"), or older
// and `read_only`; a failed step's error is "<db>: migration N: <message>".
// On success `*version` is the final version.
[[nodiscard]] Status ApplyMigrations(Database& db,
                                     std::span<const Migration> migrations,
                                     bool read_only, int* version);

}  // namespace skillmatch::engine::sqlite
