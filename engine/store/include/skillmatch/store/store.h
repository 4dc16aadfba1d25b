// The store: a taxonomy, offers, profiles, match runs and the counsellors'
// decisions, behind one interface (Store, ImportWriter) that callers use
// through a pointer to the base class.
//
//   auto store = Store::Open("pes.db", {});
//   if (!store.ok()) return store.status();
//   Result<UpsertOutcome> done = (*store)->UpsertOffer(offer);
//
// Backends. Store::Open picks one from its argument: today a file path or
// ":memory:" opens the SQLite backend (engine/store/src/sqlite_store.h; schema
// in engine/store/README.md, "The SQLite store"). A second backend (a
// "postgresql://" URL for PostgreSQL is planned) implements the same
// interface in engine/store/src and is chosen in Store::Open, so callers do
// not change; such URLs are refused today (kInvalidArgument). The contracts
// below are the interface's: every backend keeps them, messages included
// where they are quoted.
//
// Open applies the pending schema migrations: a forward-only list, each in
// one transaction that also bumps the schema version (PRAGMA user_version in
// SQLite). A database written by a newer skillmatch (a version above
// kStoreSchemaVersion) is refused.
//
// Offers and profiles are stored as their JSON documents (model_json.h), the
// source of truth, plus a few key columns copied out of them for indexes and
// queries. Reading a record back gives a value equal (==) to the one written.
//
// Errors: every failure is a Status whose message starts with the database
// path, then what was being done, then SQLite's own words, e.g.
//   pes.db: decision for profile 'p1' and offer 'o9': FOREIGN KEY constraint
//   failed
// kDataError: the data breaks a rule of the schema (constraint, unknown id,
// bad JSON in the file, a schema version this build does not know) or the
// file is not a database; kNotFound: a missing file (with
// create_if_missing = false), id or taxonomy; kIoError: the file cannot be
// opened, read, written or locked; kInternal: a bug.
//
// Thread safety: a Store is one connection to the database and is not safe
// for concurrent use; open one Store per thread. Several Stores (threads or
// processes) may share a file: writers take turns (WAL journal, busy
// timeout), readers do not block them.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/model/decision.h"
#include "skillmatch/model/model.h"

namespace skillmatch::engine {

// The newest schema version this build knows and migrates to.
inline constexpr int kStoreSchemaVersion = 9;

struct StoreOptions {
  // Create the database file when it does not exist. Default true. False:
  // a missing file is kNotFound (for commands that expect an existing store).
  bool create_if_missing = true;
  // Open read-only. No migration is applied, so a database whose schema is
  // older than kStoreSchemaVersion is refused (kDataError). Default false.
  bool read_only = false;
  // How long a writer waits for another connection's lock before failing
  // with kIoError ("database is locked"), in milliseconds. Default 5000.
  // Longer: fewer failures when imports overlap; shorter: quicker feedback.
  int busy_timeout_ms = 5000;
  // WAL journal: readers and the writer do not block each other, at the cost
  // of -wal and -shm files next to the database. Default true. Not used for
  // ":memory:" or read-only databases.
  bool wal = true;
};

enum class UpsertOutcome { kInserted, kUpdated };

// Values of MatchRun::kind.
inline constexpr std::string_view kRunProfileToOffers = "profile-to-offers";
inline constexpr std::string_view kRunOfferToProfiles = "offer-to-profiles";
inline constexpr std::string_view kRunBatch = "batch";

// One run of the matching commands (table match_runs).
struct MatchRun {
  int64_t id = 0;       // given by the store; ignored by BeginMatchRun
  std::string started;  // UTC "YYYY-MM-DDTHH:MM:SSZ"; empty in Begin: now
  std::string kind;     // kRunProfileToOffers, kRunOfferToProfiles, kRunBatch
  std::string config;   // the ScoringConfig used, as JSON text (required)
  std::string notes;    // free text: who ran it, for what
  int64_t results = 0;  // filled by List/Get: rows in match_results
  bool operator==(const MatchRun&) const = default;
};

// One line of a run's ranked list (table match_results).
struct MatchResult {
  std::string profile_id;
  std::string offer_id;
  int rank = 1;             // 1-based, within the query's list
  float score = 0;
  std::string explanation;  // Explanation::ToJson() text, or empty
  bool operator==(const MatchResult&) const = default;
};

// Which decisions to list: those matching every non-empty field.
struct DecisionQuery {
  std::string profile_id;
  std::string offer_id;
};

struct TableCount {
  std::string table;
  int64_t rows = 0;
};

// One registration of a jobseeker at the PES (table registrations, schema
// migration 4): the history of a profile's registered / exited / exit_reason
// fields, kept when a later registration replaces them in the profile.
struct Registration {
  std::string profile_id;
  std::string registered;             // YYYY-MM-DD
  std::optional<std::string> exited;  // YYYY-MM-DD; none: still registered
  std::string exit_reason;            // model.h kExit*; "" = none recorded
  bool operator==(const Registration&) const = default;
};

// --- Import ---
// Types of the offer import (offer_import.h) that the store writes; schema
// migration 2, described in engine/store/README.md.

// How an offer's occupation code was found.
struct OfferCoding {
  // "source" (the source gave one of our codes), "crosswalk" (a foreign
  // code translated), "coder" (the title coded), "none" (nothing usable),
  // "review" (set by a person with `review set`).
  std::string method;
  std::string system;      // code system of the source: "taxonomy", "isco08"..
  std::string code;        // the source's own code, as given
  std::string match_type;  // crosswalk match: exact, close, broad, narrow
  std::optional<float> confidence;  // the coder's, when it chose
};

// Offers of one title that a person or the source coded, for the title
// coder's priors (engine/import/title_priors.h): the rows of
// Store::ListTitleDecisions.
struct TitleDecision {
  std::string title;   // the offer's title as stored (as written)
  std::string code;    // the offer's occupation code
  std::string method;  // "review", "source" or "crosswalk" (OfferCoding)
  int64_t offers = 0;  // offers with this title, code and method
};

// One offer ready to be written by ImportWriter::Write.
struct ImportRow {
  Offer offer;            // id, source and source_ref set
  std::string doc;        // ToJson(offer).dump()
  std::string dedup_key;  // employer|title|city normalised; "" = none
  OfferCoding coding;
};

enum class ImportAction { kInserted, kUpdated, kUnchanged, kDuplicate };

struct ImportWriteResult {
  ImportAction action = ImportAction::kInserted;
  std::string offer_id;  // the stored offer (for a duplicate: the original)
};

// Counts of one import run (import_runs).
struct ImportCounts {
  int64_t rows = 0;  // input records handled, = the sum of the others
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t duplicates = 0;
  int64_t rejected = 0;
  int64_t to_review = 0;  // among inserted and updated
  bool operator==(const ImportCounts&) const = default;
};

// One import run as recorded (import_runs): a lenient run interrupted (a
// stop, a crash, a restart) stays "running" until the same file of the same
// source is imported again, which resumes it. Dry runs are rolled back and
// leave none.
struct ImportRunInfo {
  int64_t id = 0;
  std::string source;
  std::string file;  // as the importer named it
  bool lenient = false;
  bool done = false;        // status 'done'; else still running or interrupted
  std::string started_at;   // UTC, "YYYY-MM-DDTHH:MM:SSZ"
  std::string finished_at;  // "" until done
  ImportCounts counts;      // the last checkpoint's for a run not done
};

// An offer whose occupation awaits a person (`review list`).
struct ReviewItem {
  std::string offer_id;
  std::string source;
  std::string source_ref;
  std::string title;
  std::string employer;
  std::string suggested;  // the code given by the coder, may be empty
  std::optional<float> confidence;
};

// Writes imported offers through one Store with prepared statements kept
// for the whole import. Transactions are explicit (Begin, Commit) so that a
// strict import is one transaction and a lenient one commits per batch; an
// open transaction is rolled back by the destructor. Made by
// Store::NewImportWriter; must not outlive the Store; one thread at a time.
// An interface: each backend implements it (SQLite: SqliteImportWriter, with
// prepared statements kept for the whole import).
class ImportWriter {
 public:
  virtual ~ImportWriter() = default;
  ImportWriter(const ImportWriter&) = delete;
  ImportWriter& operator=(const ImportWriter&) = delete;

  [[nodiscard]] virtual Status Begin() = 0;
  [[nodiscard]] virtual Status Commit() = 0;
  [[nodiscard]] virtual Status Rollback() = 0;

  // Starts a run of `source` on `file` (content hash `file_hash`, may be
  // empty) and returns its id. With `resume`, an unfinished lenient run of
  // the same source and hash is taken up again instead: `*counts` receives
  // what it had committed (else zeros).
  [[nodiscard]] virtual Result<int64_t> StartRun(const std::string& source,
                                                 const std::string& file,
                                                 const std::string& file_hash,
                                                 bool lenient, bool resume,
                                                 ImportCounts* counts) = 0;
  // Records the counts so far (in the open transaction: a checkpoint).
  [[nodiscard]] virtual Status Progress(int64_t run_id,
                                        const ImportCounts& counts) = 0;
  [[nodiscard]] virtual Status FinishRun(int64_t run_id,
                                         const ImportCounts& counts) = 0;
  [[nodiscard]] virtual Status Reject(int64_t run_id, int64_t line,
                                      const std::string& field,
                                      const std::string& message) = 0;
  // Rejections recorded for a run, "line\tfield\tmessage", by line.
  [[nodiscard]] virtual Result<std::vector<std::string>> Rejections(
      int64_t run_id) = 0;

  // Inserts, updates (same source and source_ref), leaves unchanged (the
  // same document), or links as a duplicate of an offer of another source
  // with the same dedup_key published within `dedup_window_days` (0 = no
  // linking). An offer whose code was set by a person keeps that code when
  // re-imported with a coder's code.
  [[nodiscard]] virtual Result<ImportWriteResult> Write(
      ImportRow& row, int64_t run_id, int64_t line, int dedup_window_days) = 0;

 protected:
  ImportWriter() = default;
};

// --- Server: accounts, sessions, API tokens, agencies, audit trail ---
// Types of `skillmatch serve` and `skillmatch users|audit` (schema
// migration 3, store_accounts.cc and store_audit.cc; engine/store/README.md,
// "Schema version 3"). The store keeps rows; hashing passwords, tokens and
// audit entries is the server's (tools/server), so the store needs no crypto.

// An account of the server (table accounts).
struct Account {
  int64_t id = 0;              // given by the store
  std::string login;           // unique, not empty
  std::string role;            // admin, supervisor, counsellor,
                               // employer_relations, statistician, auditor
  std::string agency;          // the agency whose records it may see
  std::string password_hash;   // crypto_pwhash_str text (Argon2id)
  bool disabled = false;
  std::string created_at;      // timestamp, given by the store
  // Migration 4. A supervisor's region: it also sees the records of every
  // agency of that region (table agencies). "" = its agency only.
  std::string region;
  // The TOTP secret as sealed by the server (never the plain secret); ""
  // when the account has no second factor. The last time step whose code
  // was accepted: a code of that step or an earlier one is refused.
  std::string totp_secret;
  int64_t totp_last_step = 0;
  // Migration 9. The password was set by an administrator (a new account,
  // a reset): until its owner chooses his own, the server lets the account
  // do nothing else (tools/server/README.md, security rules).
  bool password_change_required = false;
  bool operator==(const Account&) const = default;
};

// How an agency's offers stand now, to tell whether an index built from
// them is stale: their count and newest updated_at; `recent` when that
// timestamp is this second or the previous one (a write in the same second
// after the stamp was read would not change it, so a stamp that is recent
// is not trusted as a proof of no change).
struct AgencyOffersStamp {
  int64_t count = 0;
  std::string last_update;
  bool recent = false;
  bool SameAs(const AgencyOffersStamp& other) const {
    return count == other.count && last_update == other.last_update;
  }
};

// A browser session (table sessions). Times are Unix seconds from the
// server's clock, which tests inject.
struct SessionRecord {
  std::string token_hash;  // hex SHA-256 of the cookie's token; never the token
  int64_t account_id = 0;
  std::string csrf;        // the session's CSRF token
  int64_t created = 0;
  int64_t last_seen = 0;
};

// Records that carry an agency (column agency of profiles and offers).
enum class AgencyRecord { kProfile, kOffer };

// One entry of the append-only audit trail (table audit). Each entry's hash
// covers its fields and the previous entry's hash, so a changed or deleted
// entry breaks the chain (AuditHasher computes it; `audit verify` checks).
struct AuditEntry {
  int64_t id = 0;          // 1, 2, 3, ... with no gap; given by AppendAudit
  std::string at;          // UTC timestamp "YYYY-MM-DDTHH:MM:SSZ"
  std::string actor;       // account id ("7"), or "-" before a login
  std::string action;      // "jobseeker.view", "login.failure", ...
  std::string record;      // opaque id of the record concerned, may be empty
  std::string address;     // client address, from the socket
  std::string prev_hash;   // hash of entry id - 1; "" for entry 1
  std::string hash;        // hash of this entry
  bool operator==(const AuditEntry&) const = default;
};

// --- Migration counselling (schema migration 4, store_mobility.cc) ---
// The person's decision after a migration assessment and its follow-up.
struct MobilityDecision {
  int64_t id = 0;            // given by the store
  std::string profile_id;
  std::string destination;   // ISO alpha-2 of the project's country
  std::string occupation;    // the project's occupation code
  // "legal-route", "alternative", "training", "undecided".
  std::string choice;
  std::string detail;        // which route, alternative or training (codes, ids)
  std::string counsellor;    // login, or "cli"
  std::string decided_at;    // UTC timestamp; empty in Record: now
  // Follow-up at 3 and 6 months: "" (not yet), "employed-abroad",
  // "employed-home", "self-employed", "in-training", "seeking", "unknown".
  std::string outcome_3m;
  std::string outcome_6m;
  bool operator==(const MobilityDecision&) const = default;
};

// What an auditor looks for in the trail (SearchAudit). Empty fields match
// everything; the rest must all hold.
struct AuditQuery {
  std::string actor;          // exactly this actor ("7", "-", "cli")
  std::string action_prefix;  // actions starting with it ("jobseeker.", "login.failure")
  std::string record;         // exactly this record id
  std::string from_day;       // entries on or after this UTC day (YYYY-MM-DD)
  std::string to_day;         // entries on or before this UTC day (YYYY-MM-DD)
  int64_t before_id = 0;      // > 0: only entries older than this one (paging)
  int64_t limit = 100;        // at most this many, newest first
};

// The hash of `entry` (id and prev_hash set), as text.
using AuditHasher = std::function<std::string(const AuditEntry& entry)>;


// --- A counsellor's follow-up (schema migration 8, store_followup.cc) ---
// A dated note on a jobseeker's file, with an optional next action and its
// due date (table notes). Personal data: retention erases it
// (EraseFollowUp); never logged.
struct Note {
  int64_t id = 0;             // given by the store
  std::string profile_id;
  std::string agency;         // the jobseeker's agency when written
  int64_t author = 0;         // account id
  std::string author_login;   // filled by the reads
  std::string written_at;     // UTC timestamp; empty in AddNote: now
  std::string text;           // 1 to 4000 bytes (the schema's CHECK)
  std::string action;         // the next action, "" = none (400 bytes at most)
  std::string due;            // YYYY-MM-DD, set exactly when action is
  std::string done_at;        // UTC timestamp the action was done, "" = open
  int64_t done_by = 0;        // account id, 0 = open
  std::string done_by_login;  // filled by the reads
  bool operator==(const Note&) const = default;
};

// Which counsellor follows a jobseeker (table assignments).
struct Assignment {
  std::string profile_id;
  int64_t account_id = 0;
  std::string login;  // filled by the reads
  std::string since;  // UTC timestamp
  bool operator==(const Assignment&) const = default;
};

// Which assignments to list: those matching every non-empty (non-zero)
// field; at most `limit` (0 = all), by profile id.
struct AssignmentQuery {
  std::string profile_id;
  int64_t account_id = 0;
  std::string agency;  // the jobseeker's agency
  int64_t limit = 0;
};

// An interface: each backend implements every method (SQLite: SqliteStore).
class Store {
 public:
  // Opens (or creates) the database at `path` and migrates it to
  // kStoreSchemaVersion. ":memory:" gives a private in-memory database.
  // Picks the backend from `path`: a file path or ":memory:" is SQLite; a
  // "postgresql://" or "postgres://" URL is refused for now with
  // kInvalidArgument ("<url>: PostgreSQL stores are not supported yet"),
  // until that backend exists.
  // Fails with kDataError when the database's schema version is newer than
  // this build knows:
  //   "<path>: schema version 2 is newer than this skillmatch knows (1);
  //   use a newer skillmatch"
  [[nodiscard]] static Result<std::unique_ptr<Store>> Open(
      const std::string& path, const StoreOptions& options = {});

  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // What Open was given (the path in every message).
  virtual const std::string& path() const = 0;
  // The schema version after the migrations (kStoreSchemaVersion).
  virtual int schema_version() const = 0;

  // Runs `body` in one transaction: committed if it returns OK, rolled back
  // if it returns an error (which is then returned) or throws. The Store's
  // writes inside `body` join the transaction; each of them is atomic on its
  // own too, so a failed one leaves nothing behind and `body` may go on.
  [[nodiscard]] virtual Status InTransaction(
      const std::function<Status()>& body) = 0;

  // --- Taxonomy ---
  // Replaces the stored taxonomy (if any) with `taxonomy`, in one
  // transaction. Offers and profiles are kept: their codes are not foreign
  // keys, so they may name codes the new taxonomy lacks.
  [[nodiscard]] virtual Status LoadTaxonomy(
      const classification::Taxonomy& taxonomy) = 0;
  // The stored taxonomy, equal (==) to the one loaded; kNotFound if none.
  [[nodiscard]] virtual Result<classification::Taxonomy> ReadTaxonomy() = 0;
  [[nodiscard]] virtual Result<bool> HasTaxonomy() = 0;
  // The stored taxonomy's bundle.json fields, without reading the rest;
  // kNotFound if none.
  [[nodiscard]] virtual Result<classification::BundleInfo>
  ReadTaxonomyInfo() = 0;

  // --- Offers ---
  // Inserts `offer`, or replaces the stored offer with the same id. Fails
  // with kDataError if the id is empty or if (source, source_ref), when
  // source_ref is not empty, belongs to another offer.
  [[nodiscard]] virtual Result<UpsertOutcome> UpsertOffer(
      const Offer& offer) = 0;
  // kNotFound when there is no offer `id`.
  [[nodiscard]] virtual Result<Offer> GetOffer(const std::string& id) = 0;
  // Calls `visit` for each offer, by id; a non-OK status from `visit` stops
  // and is returned. Streams: one offer in memory at a time. `visit` must not
  // write to this Store.
  [[nodiscard]] virtual Status ForEachOffer(
      const std::function<Status(Offer&&)>& visit) = 0;
  [[nodiscard]] virtual Result<int64_t> CountOffers() = 0;

  // --- Profiles ---
  // As for offers; kDataError if the id is empty.
  [[nodiscard]] virtual Result<UpsertOutcome> UpsertProfile(
      const Profile& profile) = 0;
  [[nodiscard]] virtual Result<Profile> GetProfile(const std::string& id) = 0;
  [[nodiscard]] virtual Status ForEachProfile(
      const std::function<Status(Profile&&)>& visit) = 0;
  [[nodiscard]] virtual Result<int64_t> CountProfiles() = 0;

  // --- Registrations (schema version 4) ---
  // UpsertProfile keeps them: a profile with `registered` R replaces its
  // registrations that would overlap the new one (those registered on or
  // after R, or not exited by R) with (R, exited, exit_reason), and keeps the
  // earlier ones, which ended by R; a profile without `registered` changes
  // none. So a jobseeker who left and came back has two, and a corrected
  // date replaces the wrong one. RenameProfile carries them over.
  // Every registration, by profile id then registration date (streams).
  [[nodiscard]] virtual Status ForEachRegistration(
      const std::function<Status(Registration&&)>& visit) = 0;

  // --- Decisions ---
  // Records `decision` and returns its id. kDataError if the status is not
  // one of the three values or the profile or offer is not stored.
  [[nodiscard]] virtual Result<int64_t> RecordDecision(
      const Decision& decision) = 0;
  // Matching decisions, oldest first (by decided_at, then id).
  [[nodiscard]] virtual Result<std::vector<Decision>> ListDecisions(
      const DecisionQuery& query) = 0;

  // --- Import ---
  // A writer for `offers import` (see ImportWriter).
  [[nodiscard]] virtual Result<std::unique_ptr<ImportWriter>>
  NewImportWriter() = 0;
  // The import runs of the sources whose name starts with `source_prefix`
  // ("" = all), newest first, at most `limit` (0 = all).
  [[nodiscard]] virtual Result<std::vector<ImportRunInfo>> ListImportRuns(
      const std::string& source_prefix, int64_t limit) = 0;
  // Offers with needs_review, by id; of `source` only when not empty; at
  // most `limit` (0 = all).
  [[nodiscard]] virtual Result<std::vector<ReviewItem>> ListOffersToReview(
      const std::string& source, int64_t limit) = 0;
  // Gives offer `offer_id` the occupation `code` (an occupation of the
  // stored taxonomy) and clears needs_review; records who did it. Errors:
  // kNotFound for an unknown offer or code, kDataError for a code that is
  // not an occupation.
  [[nodiscard]] virtual Status SetOfferCode(const std::string& offer_id,
                                            const std::string& code,
                                            const std::string& reviewer) = 0;
  // The (title, code) decisions the title coder may learn from, grouped by
  // title as stored, code and method, ordered by those: offers whose code a
  // person set (method "review"), and offers not flagged for review whose
  // code the source gave ("source") or translated through a crosswalk to
  // one occupation ("crosswalk" without a coder's confidence). Never the
  // coder's own choices ("coder", or among a crosswalk's occupations),
  // which would teach the coder its own mistakes. Offers without a title
  // are left out.
  [[nodiscard]] virtual Result<std::vector<TitleDecision>>
  ListTitleDecisions() = 0;
  // How the offer's code was found; kNotFound if the offer was not imported
  // by `import offers`.
  [[nodiscard]] virtual Result<OfferCoding> GetOfferCoding(
      const std::string& offer_id) = 0;
  // Ids of duplicates linked to `offer_id` as "source:source_ref" (sorted).
  [[nodiscard]] virtual Result<std::vector<std::string>> ListDuplicates(
      const std::string& offer_id) = 0;

  // --- Match runs ---
  // A run of the matching commands and its ranked lists, kept so that what
  // a counsellor was shown can be traced later. Begin a run, add its results
  // (in one InTransaction to make the whole run atomic), list them back.
  // Returns the new run's id; `run.started` empty = now.
  [[nodiscard]] virtual Result<int64_t> BeginMatchRun(const MatchRun& run) = 0;
  // kDataError when the run, a profile or an offer is not stored, or a rank
  // is below 1 or a (profile, offer) pair repeats within the run.
  [[nodiscard]] virtual Status AddMatchResults(
      int64_t run_id, std::span<const MatchResult> results) = 0;
  // Newest first. kNotFound from GetMatchRun when there is no run `id`.
  [[nodiscard]] virtual Result<std::vector<MatchRun>> ListMatchRuns() = 0;
  [[nodiscard]] virtual Result<MatchRun> GetMatchRun(int64_t id) = 0;
  // The run's results, query by query: ordered by (offer_id, rank) for an
  // offer-to-profiles run, else by (profile_id, rank).
  [[nodiscard]] virtual Result<std::vector<MatchResult>> ListMatchResults(
      int64_t run_id) = 0;

  // Rows in each table of the schema, in the order of the README.
  [[nodiscard]] virtual Result<std::vector<TableCount>> CountRows() = 0;


  // --- Server: accounts, sessions, API tokens, agencies, audit trail ---
  // (migration 3; store_accounts.cc, store_audit.cc.) kNotFound for an
  // unknown login, session, token or record; kDataError for a login that is
  // taken or a role the schema does not know.
  [[nodiscard]] virtual Result<int64_t> AddAccount(const Account& account) = 0;
  [[nodiscard]] virtual Result<Account> GetAccount(const std::string& login) = 0;
  [[nodiscard]] virtual Result<Account> GetAccountById(int64_t id) = 0;
  // By login.
  [[nodiscard]] virtual Result<std::vector<Account>> ListAccounts() = 0;
  // Both end every session and API token of the account.
  // `change_required`: Account::password_change_required after the change
  // (true when an administrator sets it, false when its owner does).
  [[nodiscard]] virtual Status SetAccountPassword(const std::string& login,
                                          const std::string& password_hash,
                                          bool change_required) = 0;
  [[nodiscard]] virtual Status SetAccountDisabled(const std::string& login,
                                          bool disabled) = 0;

  [[nodiscard]] virtual Status CreateSession(const SessionRecord& session) = 0;
  [[nodiscard]] virtual Result<SessionRecord> GetSession(const std::string& token_hash) = 0;
  [[nodiscard]] virtual Status TouchSession(const std::string& token_hash,
                                    int64_t last_seen) = 0;
  [[nodiscard]] virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Deletes sessions idle since before `idle_before` or created before
  // `created_before`; returns how many.
  [[nodiscard]] virtual Result<int64_t> DeleteExpiredSessions(int64_t idle_before,
                                                      int64_t created_before) = 0;

  // API tokens for integrators (hex SHA-256 of the token, like sessions).
  [[nodiscard]] virtual Status AddApiToken(const std::string& token_hash,
                                   int64_t account_id,
                                   const std::string& label) = 0;
  // The account of a token; kNotFound if none.
  [[nodiscard]] virtual Result<int64_t> GetApiTokenAccount(
      const std::string& token_hash) = 0;

  // The agency of a profile or offer ("" = not assigned yet).
  [[nodiscard]] virtual Result<std::string> GetAgency(AgencyRecord kind,
                                              const std::string& id) = 0;
  [[nodiscard]] virtual Status SetAgency(AgencyRecord kind, const std::string& id,
                                 const std::string& agency) = 0;
  // Gives `agency` to every record of `kind` that has none; returns how many.
  [[nodiscard]] virtual Result<int64_t> AssignUnassigned(AgencyRecord kind,
                                                 const std::string& agency) = 0;
  // Ids of `agency`'s records after `after_id` (by id), at most `limit`.
  [[nodiscard]] virtual Result<std::vector<std::string>> ListAgencyIds(
      AgencyRecord kind, const std::string& agency,
      const std::string& after_id, int64_t limit) = 0;
  // As ForEachProfile/ForEachOffer, for one agency's records only.
  [[nodiscard]] virtual Status ForEachAgencyProfile(
      const std::string& agency, const std::function<Status(Profile&&)>& visit) = 0;
  [[nodiscard]] virtual Status ForEachAgencyOffer(
      const std::string& agency, const std::function<Status(Offer&&)>& visit) = 0;
  // Records per agency, by agency.
  [[nodiscard]] virtual Result<std::vector<TableCount>> CountByAgency(AgencyRecord kind) = 0;

  // --- Migration 4: regions, the TOTP second factor, the offer stamp ---
  // (store_accounts.cc; engine/store/README.md, "Schema version 4".)
  // An account's region (kNotFound for an unknown login).
  [[nodiscard]] virtual Status SetAccountRegion(const std::string& login,
                                                const std::string& region) = 0;
  // Sets the account's sealed TOTP secret ("" removes the second factor),
  // resets its last step and ends its sessions and API tokens.
  [[nodiscard]] virtual Status SetAccountTotp(const std::string& login,
                                              const std::string& sealed_secret) = 0;
  // Records that the code of time step `step` was used, only if no code of
  // that step or a later one was: true when recorded, false for a replay.
  // Atomic, so two logins racing with one code cannot both pass.
  [[nodiscard]] virtual Result<bool> UseTotpStep(int64_t account_id, int64_t step) = 0;
  // The region of an agency (table agencies); "" removes it.
  [[nodiscard]] virtual Status SetAgencyRegion(const std::string& agency,
                                               const std::string& region) = 0;
  // The region of `agency`, "" when it has none.
  [[nodiscard]] virtual Result<std::string> GetAgencyRegion(const std::string& agency) = 0;
  // The agencies of `region`, by name.
  [[nodiscard]] virtual Result<std::vector<std::string>> ListRegionAgencies(
      const std::string& region) = 0;
  // As ListAgencyIds, over several agencies at once (by id).
  [[nodiscard]] virtual Result<std::vector<std::string>> ListScopeIds(
      AgencyRecord kind, const std::vector<std::string>& agencies,
      const std::string& after_id, int64_t limit) = 0;
  // The stamp of `agency`'s offers now (AgencyOffersStamp).
  [[nodiscard]] virtual Result<AgencyOffersStamp> GetAgencyOffersStamp(
      const std::string& agency) = 0;

  // --- The administration pages (tools/server/pages/page_admin.cc) ---
  // (store_accounts.cc; no schema change.) An account's role, agency and
  // region at once, ending its sessions and API tokens (a new role is a new
  // set of rights: nobody keeps a session opened under the old one);
  // kNotFound for an unknown login, kDataError for a role the schema does
  // not know.
  [[nodiscard]] virtual Status SetAccountRoleAgency(const std::string& login,
                                                    const std::string& role,
                                                    const std::string& agency,
                                                    const std::string& region) = 0;
  // The rows of table agencies (agency, region), by agency.
  [[nodiscard]] virtual Result<std::vector<std::pair<std::string, std::string>>>
  ListAgencyRegions() = 0;
  // Each account's last successful login, from the audit trail (entries
  // "login.success", whose record is the account id): account id -> the
  // entry's time. Reads the whole trail (no index on action): for the
  // administration page, not for a request path.
  [[nodiscard]] virtual Result<std::map<int64_t, std::string>> LastLogins() = 0;

  // Appends an entry (its id, prev_hash and hash are set here, in one write
  // transaction, so concurrent writers chain in turn) and returns it.
  [[nodiscard]] virtual Result<AuditEntry> AppendAudit(AuditEntry entry,
                                               const AuditHasher& hasher) = 0;
  // Entries after `after_id`, oldest first, at most `limit`.
  [[nodiscard]] virtual Result<std::vector<AuditEntry>> ListAudit(int64_t after_id,
                                                          int64_t limit) = 0;
  // The entries matching `query`, newest first (id descending), at most
  // query.limit. A scan of the trail: no index beyond the id (an index on
  // record or actor would be written at every page view, for an
  // occasional search).
  [[nodiscard]] virtual Result<std::vector<AuditEntry>> SearchAudit(
      const AuditQuery& query) = 0;
  // Every entry, by id (streams).
  [[nodiscard]] virtual Status ForEachAudit(
      const std::function<Status(AuditEntry&&)>& visit) = 0;
  // The chain's head as last written (audit_head): id and hash of the last
  // entry, {0, ""} when empty. Deleting the newest entries shows against it.
  [[nodiscard]] virtual Result<std::pair<int64_t, std::string>> AuditHead() = 0;

  // Retention (store_retention.cc, `skillmatch retention`). Jobseekers whose
  // row was last written before `before` (a timestamp) and who have no
  // decision since, by id; ids starting with `skip_prefix` (already
  // anonymised ones) left out.
  [[nodiscard]] virtual Result<std::vector<std::string>> ListInactiveProfiles(
      const std::string& before, const std::string& skip_prefix) = 0;
  // Gives profile `old_id` the id `new_id` everywhere: its row, its JSON
  // document, its decisions and match results, its notes and assignment
  // (migration 8); one transaction. kNotFound
  // for an unknown old_id, kDataError when new_id is taken.
  [[nodiscard]] virtual Status RenameProfile(const std::string& old_id,
                                     const std::string& new_id) = 0;

  // Migration counselling (store_mobility.cc). kDataError when the profile
  // is not stored or a value is outside the schema's sets (the CHECKs).
  [[nodiscard]] virtual Result<int64_t> RecordMobilityDecision(
      const MobilityDecision& decision) = 0;
  // Sets the outcome at `months` (3 or 6, else kInvalidArgument);
  // kNotFound for an unknown id.
  [[nodiscard]] virtual Status SetMobilityFollowUp(int64_t id, int months,
                                                   const std::string& outcome) = 0;
  // Of one profile, or all when `profile_id` is empty; oldest first.
  [[nodiscard]] virtual Result<std::vector<MobilityDecision>> ListMobilityDecisions(
      const std::string& profile_id) = 0;

  // --- A counsellor's follow-up (migration 8, store_followup.cc) ---
  // Adds a note and returns its id. kDataError when the profile or author
  // is not stored or a value breaks the schema's CHECKs (empty text, a due
  // date without an action or the reverse, a malformed date, text over
  // 4000 bytes, invalid UTF-8). Callers check their input first, with
  // better messages.
  [[nodiscard]] virtual Result<int64_t> AddNote(const Note& note) = 0;
  // kNotFound for an unknown id.
  [[nodiscard]] virtual Result<Note> GetNote(int64_t id) = 0;
  // A jobseeker's notes, newest first (written_at, then id).
  [[nodiscard]] virtual Result<std::vector<Note>> ListNotes(const std::string& profile_id) = 0;
  // Marks the note's action done by `account_id` at `at` (empty: now).
  // kNotFound for an unknown note; kDataError when it has no action or the
  // action is already done ("... : already done").
  [[nodiscard]] virtual Status CloseNoteAction(int64_t id, int64_t account_id,
                                               const std::string& at) = 0;
  // Open actions due on or before `until` (YYYY-MM-DD) that are the
  // account's: on jobseekers it follows, or that it wrote on jobseekers
  // nobody follows; by due date, then id.
  [[nodiscard]] virtual Result<std::vector<Note>> ListDueActions(int64_t account_id,
                                                                 const std::string& until) = 0;
  // Makes `account_id` the jobseeker's counsellor since `since` (empty:
  // now), replacing the previous one (the same counsellor again keeps the
  // first date). kDataError for an unknown profile or account.
  [[nodiscard]] virtual Status AssignProfile(const std::string& profile_id, int64_t account_id,
                                             const std::string& since) = 0;
  [[nodiscard]] virtual Result<std::vector<Assignment>> ListAssignments(
      const AssignmentQuery& query) = 0;
  // Ids of `agency`'s jobseekers nobody follows, by id, at most `limit`
  // (0 = all).
  [[nodiscard]] virtual Result<std::vector<std::string>> ListUnassignedIds(
      const std::string& agency, int64_t limit) = 0;
  // Deletes a jobseeker's notes and assignment (retention: notes are free
  // text and may name the person). One transaction; no error for a
  // jobseeker that has none.
  [[nodiscard]] virtual Status EraseFollowUp(const std::string& profile_id) = 0;

 protected:
  Store() = default;
};

}  // namespace skillmatch::engine
