// The SQLite store: a taxonomy, offers, profiles, match runs and the
// counsellors' decisions in one database file (schema in engine/README.md,
// "The SQLite store").
//
//   auto store = Store::Open("pes.db", {});
//   if (!store.ok()) return store.status();
//   Result<UpsertOutcome> done = (*store)->UpsertOffer(offer);
//
// Open applies the pending schema migrations: a forward-only list, each in
// one transaction that also bumps PRAGMA user_version. A database written by
// a newer skillmatch (user_version above kStoreSchemaVersion) is refused.
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
// Thread safety: a Store is one SQLite connection and is not safe for
// concurrent use; open one Store per thread. Several Stores (threads or
// processes) may share a file: writers take turns (WAL journal, busy
// timeout), readers do not block them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/engine/model.h"

namespace skillmatch::engine {

namespace sqlite {
class Database;
}  // namespace sqlite

// The newest schema version this build knows and migrates to.
inline constexpr int kStoreSchemaVersion = 1;

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

// The values of Decision::status (a CHECK constraint of the schema).
inline constexpr std::string_view kDecisionProposed = "proposed";
inline constexpr std::string_view kDecisionAccepted = "accepted";
inline constexpr std::string_view kDecisionRefused = "refused";

// A counsellor's decision on proposing an offer to a jobseeker.
struct Decision {
  int64_t id = 0;          // given by the store; ignored by RecordDecision
  std::string profile_id;  // must be a stored profile
  std::string offer_id;    // must be a stored offer
  std::string status;      // kDecisionProposed, kDecisionAccepted or ...Refused
  std::string reason;      // free text, may be empty
  std::string counsellor;  // who decided, may be empty
  // UTC, "YYYY-MM-DDTHH:MM:SSZ". Empty in RecordDecision: now.
  std::string decided_at;
  bool operator==(const Decision&) const = default;
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

class Store {
 public:
  // Opens (or creates) the database at `path` and migrates it to
  // kStoreSchemaVersion. ":memory:" gives a private in-memory database.
  // Fails with kDataError when the database's schema version is newer than
  // this build knows:
  //   "<path>: schema version 2 is newer than this skillmatch knows (1);
  //   use a newer skillmatch"
  [[nodiscard]] static Result<std::unique_ptr<Store>> Open(
      const std::string& path, const StoreOptions& options = {});

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }
  // PRAGMA user_version after the migrations (kStoreSchemaVersion).
  int schema_version() const { return schema_version_; }

  // Runs `body` in one transaction: committed if it returns OK, rolled back
  // if it returns an error (which is then returned) or throws. The Store's
  // writes inside `body` join the transaction; each of them is atomic on its
  // own too, so a failed one leaves nothing behind and `body` may go on.
  [[nodiscard]] Status InTransaction(const std::function<Status()>& body);

  // --- Taxonomy ---
  // Replaces the stored taxonomy (if any) with `taxonomy`, in one
  // transaction. Offers and profiles are kept: their codes are not foreign
  // keys, so they may name codes the new taxonomy lacks.
  [[nodiscard]] Status LoadTaxonomy(const classification::Taxonomy& taxonomy);
  // The stored taxonomy, equal (==) to the one loaded; kNotFound if none.
  [[nodiscard]] Result<classification::Taxonomy> ReadTaxonomy();
  [[nodiscard]] Result<bool> HasTaxonomy();
  // The stored taxonomy's bundle.json fields, without reading the rest;
  // kNotFound if none.
  [[nodiscard]] Result<classification::BundleInfo> ReadTaxonomyInfo();

  // --- Offers ---
  // Inserts `offer`, or replaces the stored offer with the same id. Fails
  // with kDataError if the id is empty or if (source, source_ref), when
  // source_ref is not empty, belongs to another offer.
  [[nodiscard]] Result<UpsertOutcome> UpsertOffer(const Offer& offer);
  // kNotFound when there is no offer `id`.
  [[nodiscard]] Result<Offer> GetOffer(const std::string& id);
  // Calls `visit` for each offer, by id; a non-OK status from `visit` stops
  // and is returned. Streams: one offer in memory at a time. `visit` must not
  // write to this Store.
  [[nodiscard]] Status ForEachOffer(
      const std::function<Status(Offer&&)>& visit);
  [[nodiscard]] Result<int64_t> CountOffers();

  // --- Profiles ---
  // As for offers; kDataError if the id is empty.
  [[nodiscard]] Result<UpsertOutcome> UpsertProfile(const Profile& profile);
  [[nodiscard]] Result<Profile> GetProfile(const std::string& id);
  [[nodiscard]] Status ForEachProfile(
      const std::function<Status(Profile&&)>& visit);
  [[nodiscard]] Result<int64_t> CountProfiles();

  // --- Decisions ---
  // Records `decision` and returns its id. kDataError if the status is not
  // one of the three values or the profile or offer is not stored.
  [[nodiscard]] Result<int64_t> RecordDecision(const Decision& decision);
  // Matching decisions, oldest first (by decided_at, then id).
  [[nodiscard]] Result<std::vector<Decision>> ListDecisions(
      const DecisionQuery& query);

  // Rows in each table of the schema, in the order of the README.
  [[nodiscard]] Result<std::vector<TableCount>> CountRows();

 private:
  Store(std::unique_ptr<sqlite::Database> db, std::string path,
        int schema_version);

  std::unique_ptr<sqlite::Database> db_;
  std::string path_;
  int schema_version_ = 0;
};

}  // namespace skillmatch::engine
