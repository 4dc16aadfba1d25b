// The SQLite backend of the Store interface (store.h), private to the store
// library: one database file (or ":memory:"), the schema and migrations of
// engine/store/README.md ("The SQLite store"). Callers reach it only through
// Store::Open and a pointer to Store; nothing outside engine/store/src
// includes this header or sqlite3.h (the store tests that damage a database
// on purpose excepted).
//
// The methods keep the contracts documented in store.h; their bodies are in
// store.cc (open, taxonomy, records, decisions), store_import.cc (the import
// writer, review), store_runs.cc (match runs), store_accounts.cc (accounts,
// sessions, API tokens, agencies), store_audit.cc (the audit trail) and
// store_retention.cc (anonymising inactive jobseekers).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "skillmatch/store/store.h"
#include "sqlite.h"

namespace skillmatch::engine {

class SqliteStore final : public Store {
 public:
  // Opens (or creates) the SQLite database at `path` (or ":memory:") and
  // applies the pending migrations; see Store::Open.
  [[nodiscard]] static Result<std::unique_ptr<Store>> Open(
      const std::string& path, const StoreOptions& options);

  ~SqliteStore() override;

  const std::string& path() const override { return path_; }
  int schema_version() const override { return schema_version_; }

  Status InTransaction(const std::function<Status()>& body) override;

  Status LoadTaxonomy(const classification::Taxonomy& taxonomy) override;
  Result<classification::Taxonomy> ReadTaxonomy() override;
  Result<bool> HasTaxonomy() override;
  Result<classification::BundleInfo> ReadTaxonomyInfo() override;

  Result<UpsertOutcome> UpsertOffer(const Offer& offer) override;
  Result<Offer> GetOffer(const std::string& id) override;
  Status ForEachOffer(const std::function<Status(Offer&&)>& visit) override;
  Result<int64_t> CountOffers() override;

  Result<UpsertOutcome> UpsertProfile(const Profile& profile) override;
  Result<Profile> GetProfile(const std::string& id) override;
  Status ForEachProfile(const std::function<Status(Profile&&)>& visit) override;
  Result<int64_t> CountProfiles() override;
  Status ForEachRegistration(
      const std::function<Status(Registration&&)>& visit) override;

  Result<int64_t> RecordDecision(const Decision& decision) override;
  Result<std::vector<Decision>> ListDecisions(
      const DecisionQuery& query) override;

  Result<std::unique_ptr<ImportWriter>> NewImportWriter() override;
  Result<std::vector<ImportRunInfo>> ListImportRuns(const std::string& source_prefix,
                                                    int64_t limit) override;
  Result<std::vector<ReviewItem>> ListOffersToReview(const std::string& source,
                                                     int64_t limit) override;
  Status SetOfferCode(const std::string& offer_id, const std::string& code,
                      const std::string& reviewer) override;
  Result<std::vector<TitleDecision>> ListTitleDecisions() override;
  Result<OfferCoding> GetOfferCoding(const std::string& offer_id) override;
  Result<std::vector<std::string>> ListDuplicates(
      const std::string& offer_id) override;

  Result<int64_t> BeginMatchRun(const MatchRun& run) override;
  Status AddMatchResults(int64_t run_id,
                         std::span<const MatchResult> results) override;
  Result<std::vector<MatchRun>> ListMatchRuns() override;
  Result<MatchRun> GetMatchRun(int64_t id) override;
  Result<std::vector<MatchResult>> ListMatchResults(int64_t run_id) override;

  Result<std::vector<TableCount>> CountRows() override;

  // The server's tables (migration 3): store_accounts.cc, store_audit.cc,
  // store_retention.cc.
  Result<int64_t> AddAccount(const Account& account) override;
  Result<Account> GetAccount(const std::string& login) override;
  Result<Account> GetAccountById(int64_t id) override;
  Result<std::vector<Account>> ListAccounts() override;
  Status SetAccountPassword(const std::string& login, const std::string& password_hash,
                            bool change_required) override;
  Status SetAccountDisabled(const std::string& login, bool disabled) override;
  Status CreateSession(const SessionRecord& session) override;
  Result<SessionRecord> GetSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, int64_t last_seen) override;
  Status DeleteSession(const std::string& token_hash) override;
  Result<int64_t> DeleteExpiredSessions(int64_t idle_before, int64_t created_before) override;
  Status AddApiToken(const std::string& token_hash, int64_t account_id, const std::string& label) override;
  Result<int64_t> GetApiTokenAccount( const std::string& token_hash) override;
  Result<std::string> GetAgency(AgencyRecord kind, const std::string& id) override;
  Status SetAgency(AgencyRecord kind, const std::string& id, const std::string& agency) override;
  Result<int64_t> AssignUnassigned(AgencyRecord kind, const std::string& agency) override;
  Result<std::vector<std::string>> ListAgencyIds( AgencyRecord kind, const std::string& agency, const std::string& after_id, int64_t limit) override;
  Status ForEachAgencyProfile( const std::string& agency, const std::function<Status(Profile&&)>& visit) override;
  Status ForEachAgencyOffer( const std::string& agency, const std::function<Status(Offer&&)>& visit) override;
  Result<std::vector<TableCount>> CountByAgency(AgencyRecord kind) override;
  Status SetAccountRegion(const std::string& login, const std::string& region) override;
  Status SetAccountTotp(const std::string& login, const std::string& sealed_secret) override;
  Result<bool> UseTotpStep(int64_t account_id, int64_t step) override;
  Status SetAgencyRegion(const std::string& agency, const std::string& region) override;
  Result<std::string> GetAgencyRegion(const std::string& agency) override;
  Result<std::vector<std::string>> ListRegionAgencies(const std::string& region) override;
  Result<std::vector<std::string>> ListScopeIds(AgencyRecord kind, const std::vector<std::string>& agencies, const std::string& after_id, int64_t limit) override;
  Result<AgencyOffersStamp> GetAgencyOffersStamp(const std::string& agency) override;
  Status SetAccountRoleAgency(const std::string& login, const std::string& role,
                              const std::string& agency, const std::string& region) override;
  Result<std::vector<std::pair<std::string, std::string>>> ListAgencyRegions() override;
  Result<std::map<int64_t, std::string>> LastLogins() override;
  Result<AuditEntry> AppendAudit(AuditEntry entry, const AuditHasher& hasher) override;
  Result<std::vector<AuditEntry>> ListAudit(int64_t after_id, int64_t limit) override;
  Result<std::vector<AuditEntry>> SearchAudit(const AuditQuery& query) override;
  Status ForEachAudit( const std::function<Status(AuditEntry&&)>& visit) override;
  Result<std::pair<int64_t, std::string>> AuditHead() override;
  Result<std::vector<std::string>> ListInactiveProfiles( const std::string& before, const std::string& skip_prefix) override;
  Status RenameProfile(const std::string& old_id, const std::string& new_id) override;

  Result<int64_t> RecordMobilityDecision(const MobilityDecision& decision) override;
  Status SetMobilityFollowUp(int64_t id, int months, const std::string& outcome) override;
  Result<std::vector<MobilityDecision>> ListMobilityDecisions(
      const std::string& profile_id) override;
  // offer_counts.h (not part of the Store interface: store.h unchanged).
  // `agency`: nullopt counts every agency's offers.
  Result<std::map<std::string, int64_t>> CountOpenOffers(
      const std::optional<std::string>& agency, const std::string& today,
      const std::vector<std::string>& occupations);

  Result<int64_t> AddNote(const Note& note) override;
  Result<Note> GetNote(int64_t id) override;
  Result<std::vector<Note>> ListNotes(const std::string& profile_id) override;
  Status CloseNoteAction(int64_t id, int64_t account_id, const std::string& at) override;
  Result<std::vector<Note>> ListDueActions(int64_t account_id, const std::string& until) override;
  Status AssignProfile(const std::string& profile_id, int64_t account_id,
                       const std::string& since) override;
  Result<std::vector<Assignment>> ListAssignments(const AssignmentQuery& query) override;
  Result<std::vector<std::string>> ListUnassignedIds(const std::string& agency,
                                                     int64_t limit) override;
  Status EraseFollowUp(const std::string& profile_id) override;

 private:
  SqliteStore(std::unique_ptr<sqlite::Database> db, std::string path,
              int schema_version);

  std::unique_ptr<sqlite::Database> db_;
  std::string path_;
  int schema_version_ = 0;
};

// The import writer over one SqliteStore's connection, with its prepared
// statements (store_import.cc).
class SqliteImportWriter final : public ImportWriter {
 public:
  struct Impl;
  explicit SqliteImportWriter(std::unique_ptr<Impl> impl);
  // Rolls back an open transaction.
  ~SqliteImportWriter() override;

  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Result<int64_t> StartRun(const std::string& source, const std::string& file,
                           const std::string& file_hash, bool lenient,
                           bool resume, ImportCounts* counts) override;
  Status Progress(int64_t run_id, const ImportCounts& counts) override;
  Status FinishRun(int64_t run_id, const ImportCounts& counts) override;
  Status Reject(int64_t run_id, int64_t line, const std::string& field,
                const std::string& message) override;
  Result<std::vector<std::string>> Rejections(int64_t run_id) override;
  Result<ImportWriteResult> Write(ImportRow& row, int64_t run_id, int64_t line,
                                  int dedup_window_days) override;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace skillmatch::engine
