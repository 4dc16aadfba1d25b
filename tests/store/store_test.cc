// The SQLite store: migrations, taxonomy round trip, offers, profiles,
// decisions, transactions and constraints; and its private SQLite wrappers.
#include "skillmatch/store/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <type_traits>

#include "../../engine/store/src/sqlite.h"
#include "skillmatch/classification/bundle.h"
#include "support/sample_taxonomy.h"
#include "support/temp_dir.h"

namespace skillmatch::engine {
namespace {

using classification::Taxonomy;
using skillmatch::testing::SampleTaxonomy;
using skillmatch::testing::TempDir;

const std::string kSource = SKILLMATCH_SOURCE_DIR;
const std::string kTiny = kSource + "/tests/fixtures/bundles/tiny";

std::unique_ptr<Store> OpenOrDie(const std::string& path,
                                 const StoreOptions& options = {}) {
  auto store = Store::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status().message();
  return store.ok() ? std::move(store).value() : nullptr;
}

Offer MakeOffer(const std::string& id, const std::string& source,
                const std::string& source_ref) {
  Offer offer;
  offer.id = id;
  offer.source = source;
  offer.source_ref = source_ref;
  offer.employer = "Société des Eaux du Bénin";
  offer.title = "Maçon qualifié";
  offer.description = "Chantier à Cotonou, 6 mois.";
  offer.occupation = "F1703";
  offer.coding_confidence = 0.875f;
  offer.skills = {{"T001", true, 3}, {"K001", false, 0}};
  offer.soft_skills = {{"S001", true, 0}};
  offer.languages = {{"fr", 4}, {"fon", 2}};
  offer.min_education = 3;
  offer.min_experience_years = 2.5;
  offer.location = {"BJ", "Littoral", "Cotonou", 6.3703, 2.3912};
  offer.contract = ContractType::kFixedTerm;
  offer.positions = 3;
  offer.salary_min = 120000;
  offer.salary_max = 180000;
  offer.salary_currency = "XOF";
  offer.published = "2025-03-01";
  offer.expires = "2025-04-30";
  offer.licences_required = {"B"};
  return offer;
}

Profile MakeProfile(const std::string& id) {
  Profile profile;
  profile.id = id;
  profile.target_occupations = {"N4102", "N4101"};
  profile.past_occupations = {{"N4102", 4.5}};
  profile.skills = {{"T002", 3, true}};
  profile.soft_skills = {{"S001", 2, false}};
  profile.languages = {{"fr", 5}, {"wo", 6}};
  profile.education_level = 2;
  profile.education_field = "mécanique auto";
  profile.experience_years = 6;
  profile.location = {"SN", "Dakar", "Pikine", std::nullopt, std::nullopt};
  profile.mobility.radius_km = 40;
  profile.mobility.national = true;
  profile.mobility.communities = {"ECOWAS"};
  profile.driving_licences = {"B", "C"};
  profile.available_from = "2025-05-01";
  profile.wanted_contracts = {ContractType::kPermanent,
                              ContractType::kFixedTerm};
  profile.protected_attributes.gender = "m";
  profile.protected_attributes.age_band = "25-34";
  profile.protected_attributes.rural = false;
  return profile;
}

// Sets PRAGMA user_version of a database file behind the Store's back.
void SetUserVersion(const std::string& path, int version) {
  auto db = sqlite::Database::Open(path, {});
  ASSERT_TRUE(db.ok()) << db.status().message();
  ASSERT_TRUE(
      db->Exec("PRAGMA user_version = " + std::to_string(version), "test")
          .ok());
}

// ---------------------------------------------------------------- Open

TEST(StoreOpen, FreshDatabaseIsMigratedToTheLatestVersion) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kStoreSchemaVersion);
  EXPECT_EQ(kStoreSchemaVersion, 9);
  auto counts = store->CountRows();
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  std::vector<std::string> tables;
  for (const TableCount& count : *counts) {
    tables.push_back(count.table);
    EXPECT_EQ(count.rows, 0) << count.table;
  }
  EXPECT_EQ(tables,
            (std::vector<std::string>{
                "taxonomy_info", "nodes", "labels", "skills", "skill_labels",
                "occupation_skills", "mobility", "crosswalk", "offers",
                "profiles", "match_runs", "match_results", "decisions",
                "import_runs", "import_rejects", "offer_codings",
                "offer_dedup", "offer_duplicates", "registrations"}));
}

TEST(StoreOpen, ReopeningIsIdempotentAndKeepsData) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->UpsertProfile(MakeProfile("p1")).ok());
  }
  for (int round = 0; round < 2; ++round) {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->schema_version(), kStoreSchemaVersion);
    auto count = store->CountProfiles();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 1);
  }
  // user_version itself, read without the Store.
  auto db = sqlite::Database::Open(path, {});
  ASSERT_TRUE(db.ok());
  auto version = db->UserVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, kStoreSchemaVersion);
}

TEST(StoreOpen, NewerSchemaIsRefused) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  { ASSERT_NE(OpenOrDie(path), nullptr); }
  const int newer = kStoreSchemaVersion + 1;
  SetUserVersion(path, newer);
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kDataError);
  EXPECT_EQ(store.status().message(),
            path + ": schema version " + std::to_string(newer) +
                " is newer than this skillmatch knows (" +
                std::to_string(kStoreSchemaVersion) + "); use a newer skillmatch");
  // Refusing did not touch it.
  auto db = sqlite::Database::Open(path, {});
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*db->UserVersion(), newer);
}

TEST(StoreOpen, ReadOnlyDoesNotMigrate) {
  TempDir dir;
  const std::string path = dir.Child("old.db");
  { ASSERT_TRUE(sqlite::Database::Open(path, {}).ok()); }  // version 0
  StoreOptions read_only;
  read_only.read_only = true;
  auto store = Store::Open(path, read_only);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(),
            path +
                ": schema version 0 is older than this skillmatch needs (" +
                std::to_string(kStoreSchemaVersion) + "); "
                "open it for writing once to migrate it");
  { ASSERT_NE(OpenOrDie(path), nullptr); }
  auto reader = OpenOrDie(path, read_only);
  ASSERT_NE(reader, nullptr);
  auto written = reader->UpsertProfile(MakeProfile("p1"));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.status().code(), StatusCode::kIoError);
}

TEST(StoreOpen, MissingFileAndNotADatabase) {
  TempDir dir;
  StoreOptions existing;
  existing.create_if_missing = false;
  auto missing = Store::Open(dir.Child("none.db"), existing);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            dir.Child("none.db") + ": no such database");
  EXPECT_FALSE(std::filesystem::exists(dir.Child("none.db")));

  dir.Write("text.db", "id,name\n1,this is a CSV file, not a database\n");
  auto text = Store::Open(dir.Child("text.db"));
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kDataError);
  EXPECT_EQ(text.status().message(),
            dir.Child("text.db") + ": open: file is not a database");
}

// Callers hold a Store through the interface: the SQLite backend is a
// class of engine/store/src that they never name.
static_assert(std::is_abstract_v<Store>);
static_assert(std::is_abstract_v<ImportWriter>);
static_assert(std::has_virtual_destructor_v<Store>);
static_assert(std::has_virtual_destructor_v<ImportWriter>);

// Writes and reads back through a reference to the base class only.
void RoundTripThroughTheInterface(Store& store) {
  ASSERT_TRUE(store.UpsertOffer(MakeOffer("o1", "anpe", "r1")).ok());
  ASSERT_TRUE(store.UpsertProfile(MakeProfile("p1")).ok());
  auto offer = store.GetOffer("o1");
  ASSERT_TRUE(offer.ok()) << offer.status().message();
  EXPECT_EQ(*offer, MakeOffer("o1", "anpe", "r1"));
  std::unique_ptr<ImportWriter> writer;
  {
    auto made = store.NewImportWriter();
    ASSERT_TRUE(made.ok()) << made.status().message();
    writer = std::move(made).value();
  }
  ASSERT_TRUE(writer->Begin().ok());
  ASSERT_TRUE(writer->Rollback().ok());
}

TEST(StoreOpen, OpenGivesABackendBehindTheInterface) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->path(), ":memory:");
  RoundTripThroughTheInterface(*store);
  EXPECT_EQ(*store->CountOffers(), 1);
  EXPECT_EQ(*store->CountProfiles(), 1);
}

TEST(StoreOpen, PostgresUrlsAreRefusedUntilTheirBackendExists) {
  for (const std::string url : {"postgresql://pes@localhost/pes",
                                "postgres://localhost/pes"}) {
    auto store = Store::Open(url);
    ASSERT_FALSE(store.ok()) << url;
    EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store.status().message(),
              url + ": PostgreSQL stores are not supported yet");
  }
}

TEST(StoreOpen, SecondWriterWaitsThenGetsAnIoError) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  auto first = OpenOrDie(path);
  ASSERT_NE(first, nullptr);
  StoreOptions impatient;
  impatient.busy_timeout_ms = 50;
  auto second = OpenOrDie(path, impatient);
  ASSERT_NE(second, nullptr);
  Status status = first->InTransaction([&]() -> Status {
    EXPECT_TRUE(first->UpsertProfile(MakeProfile("p1")).ok());
    auto blocked = second->UpsertProfile(MakeProfile("p2"));
    EXPECT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.status().code(), StatusCode::kIoError);
    EXPECT_EQ(blocked.status().message(),
              path + ": profile 'p2': database is locked");
    // WAL: the reader still sees the last committed state.
    EXPECT_EQ(*second->CountProfiles(), 0);
    return Status::Ok();
  });
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(*second->CountProfiles(), 1);
  EXPECT_TRUE(second->UpsertProfile(MakeProfile("p2")).ok());
}

// ---------------------------------------------------------------- Wrappers

TEST(StoreSqlite, FailedMigrationIsRolledBackWithItsContext) {
  TempDir dir;
  const std::string path = dir.Child("store.db");
  auto db = sqlite::Database::Open(path, {});
  ASSERT_TRUE(db.ok());
  const std::array<sqlite::Migration, 2> migrations = {{
      {1, "CREATE TABLE a (x INTEGER);"},
      {2, "CREATE TABLE b (y INTEGER); INSERT INTO x VALUES (1);"},
  }};
  int version = -1;
  Status status = sqlite::ApplyMigrations(*db, migrations, false, &version);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(status.message(), path + ": migration 2: no such table: x");
  EXPECT_EQ(*db->UserVersion(), 1);  // step 1 stays, step 2 left nothing
  EXPECT_TRUE(db->Exec("SELECT x FROM a", "check").ok());
  Status no_b = db->Exec("SELECT y FROM b", "check");
  EXPECT_EQ(no_b.message(), path + ": check: no such table: b");
}

TEST(StoreSqlite, TransactionsRollBackUnlessCommitted) {
  auto db = sqlite::Database::Open(":memory:", {});
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db->Exec("CREATE TABLE t (v TEXT)", "setup").ok());
  auto count = [&]() -> int64_t {
    auto stmt = sqlite::Statement::Prepare(*db, "SELECT count(*) FROM t", "");
    EXPECT_TRUE(stmt.ok());
    auto row = stmt->Step();
    EXPECT_TRUE(row.ok() && *row);
    return stmt->ColumnInt64(0);
  };
  {
    auto outer = sqlite::Transaction::Begin(*db, "outer");
    ASSERT_TRUE(outer.ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES ('kept')", "").ok());
    {
      auto inner = sqlite::Transaction::Begin(*db, "inner");  // a savepoint
      ASSERT_TRUE(inner.ok());
      ASSERT_TRUE(db->Exec("INSERT INTO t VALUES ('undone')", "").ok());
    }  // inner rolled back
    EXPECT_EQ(count(), 1);
    {
      auto inner = sqlite::Transaction::Begin(*db, "inner");
      ASSERT_TRUE(inner.ok());
      ASSERT_TRUE(db->Exec("INSERT INTO t VALUES ('released')", "").ok());
      ASSERT_TRUE(inner->Commit().ok());
    }
    EXPECT_EQ(count(), 2);
  }  // outer rolled back, with what the inner one released
  EXPECT_EQ(count(), 0);
  {
    auto tx = sqlite::Transaction::Begin(*db, "commit");
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES ('a')", "").ok());
    ASSERT_TRUE(tx->Commit().ok());
    EXPECT_EQ(tx->Commit().code(), StatusCode::kInternal);  // finished
  }
  EXPECT_EQ(count(), 1);
}

TEST(StoreSqlite, StatementsBindByIndexAndName) {
  auto db = sqlite::Database::Open(":memory:", {});
  ASSERT_TRUE(db.ok());
  auto stmt =
      sqlite::Statement::Prepare(*db, "SELECT ?1, :name, ?3, ?4, ?5", "select");
  ASSERT_TRUE(stmt.ok());
  ASSERT_TRUE(stmt->BindAll(int64_t{1} << 40, std::string("é"), 0.5,
                            std::optional<int>(), true)
                  .ok());
  ASSERT_TRUE(stmt->Bind(":name", "nom").ok());
  Status unknown = stmt->Bind(":other", 1);
  EXPECT_EQ(unknown.message(), ":memory:: select: no parameter named :other");
  Status range = stmt->Bind(9, 1);
  EXPECT_EQ(range.code(), StatusCode::kInternal);
  EXPECT_EQ(range.message(), ":memory:: select: column index out of range");
  auto row = stmt->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(stmt->ColumnInt64(0), int64_t{1} << 40);
  EXPECT_EQ(stmt->ColumnText(1), "nom");
  EXPECT_EQ(stmt->ColumnDouble(2), 0.5);
  EXPECT_TRUE(stmt->IsNull(3));
  EXPECT_EQ(stmt->ColumnOptionalInt64(3), std::nullopt);
  EXPECT_EQ(stmt->ColumnInt(4), 1);
  // Binding a running statement is misuse, reported, not undefined.
  EXPECT_EQ(stmt->Bind(1, 2).message(),
            ":memory:: select: bad parameter or other API misuse");
  ASSERT_TRUE(stmt->Reset().ok());
  row = stmt->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_TRUE(stmt->IsNull(0));  // bindings cleared

  auto bad = sqlite::Statement::Prepare(*db, "SELEC 1", "typo");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            ":memory:: typo: near \"SELEC\": syntax error");
}

// ---------------------------------------------------------------- Taxonomy

class StoreTaxonomy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { sample_ = &SampleTaxonomy(); }
  static const Taxonomy* sample_;
};
const Taxonomy* StoreTaxonomy::sample_ = nullptr;

TEST_F(StoreTaxonomy, SampleReadsBackEqual) {
  ASSERT_NE(sample_, nullptr);
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  auto none = store->ReadTaxonomy();
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(none.status().message(), ":memory:: no taxonomy loaded");
  EXPECT_FALSE(*store->HasTaxonomy());

  Status loaded = store->LoadTaxonomy(*sample_);
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  EXPECT_TRUE(*store->HasTaxonomy());
  auto info = store->ReadTaxonomyInfo();
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(*info, sample_->info());
  auto back = store->ReadTaxonomy();
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_TRUE(*back == *sample_);
  // Spot checks, so that a failure says where.
  EXPECT_EQ(back->info(), sample_->info());
  EXPECT_EQ(back->nodes(), sample_->nodes());
  EXPECT_EQ(back->skills(), sample_->skills());
  EXPECT_EQ(back->occupation_skills(), sample_->occupation_skills());
  EXPECT_EQ(back->mobility(), sample_->mobility());
  EXPECT_EQ(back->crosswalk(), sample_->crosswalk());

  auto counts = store->CountRows();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ((*counts)[1].table, "nodes");
  EXPECT_EQ((*counts)[1].rows, static_cast<int64_t>(sample_->node_count()));
  EXPECT_EQ((*counts)[3].rows, static_cast<int64_t>(sample_->skill_count()));
}

TEST_F(StoreTaxonomy, LoadingReplacesThePreviousOne) {
  ASSERT_NE(sample_, nullptr);
  auto tiny = classification::ReadBundle(kTiny);
  ASSERT_TRUE(tiny.ok()) << tiny.status().message();
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->LoadTaxonomy(*sample_).ok());
    ASSERT_TRUE(store->UpsertOffer(MakeOffer("o1", "anpe-bj", "A1")).ok());
    Status loaded = store->LoadTaxonomy(*tiny);
    ASSERT_TRUE(loaded.ok()) << loaded.message();
  }
  auto store = OpenOrDie(path);  // survives a reopen
  ASSERT_NE(store, nullptr);
  auto back = store->ReadTaxonomy();
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_TRUE(*back == *tiny);
  EXPECT_FALSE(*back == *sample_);
  EXPECT_EQ(*store->CountOffers(), 1);  // offers are kept
}

TEST_F(StoreTaxonomy, HandEditedRowsAreCheckedOnReading) {
  auto tiny = classification::ReadBundle(kTiny);
  ASSERT_TRUE(tiny.ok());
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->LoadTaxonomy(*tiny).ok());
  }
  {
    auto db = sqlite::Database::Open(path, {});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE skill_labels SET lang = 'de' WHERE "
                         "skill_id = 'T001' AND position = 0",
                         "edit")
                    .ok());
  }
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  auto back = store->ReadTaxonomy();
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), StatusCode::kDataError);
  EXPECT_EQ(back.status().message(),
            path +
                ": taxonomy: skill 'T001': language 'de' is not one of "
                "the bundle's languages (fr, en)");
}

// ---------------------------------------------------------------- Offers

TEST(StoreOffers, InsertThenUpdateTheSameId) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  Offer offer = MakeOffer("o1", "anpe-bj", "BJ-2025-001");
  auto first = store->UpsertOffer(offer);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(*first, UpsertOutcome::kInserted);
  auto read = store->GetOffer("o1");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, offer);

  offer.positions = 1;
  offer.needs_review = true;
  offer.contract.reset();
  offer.salary_max.reset();
  auto second = store->UpsertOffer(offer);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(*second, UpsertOutcome::kUpdated);
  EXPECT_EQ(*store->CountOffers(), 1);
  read = store->GetOffer("o1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, offer);

  auto missing = store->GetOffer("o2");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), ":memory:: no offer 'o2'");

  auto empty = store->UpsertOffer(MakeOffer("", "x", ""));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), ":memory:: offer with an empty id");
}

TEST(StoreOffers, SourceReferenceIsUniqueWhenGiven) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->UpsertOffer(MakeOffer("o1", "anpe-bj", "R1")).ok());
  // Another id with the same reference from the same source: refused.
  auto clash = store->UpsertOffer(MakeOffer("o2", "anpe-bj", "R1"));
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.status().code(), StatusCode::kDataError);
  EXPECT_EQ(clash.status().message(),
            ":memory:: offer 'o2': source 'anpe-bj' reference 'R1' already "
            "belongs to offer 'o1'");
  // The same reference from another source, and empty references: fine.
  EXPECT_TRUE(store->UpsertOffer(MakeOffer("o3", "anpe-tg", "R1")).ok());
  EXPECT_TRUE(store->UpsertOffer(MakeOffer("o4", "anpe-bj", "")).ok());
  EXPECT_TRUE(store->UpsertOffer(MakeOffer("o5", "anpe-bj", "")).ok());
  // The offer holding the reference may be updated.
  auto same = store->UpsertOffer(MakeOffer("o1", "anpe-bj", "R1"));
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, UpsertOutcome::kUpdated);
  EXPECT_EQ(*store->CountOffers(), 4);
}

// The index holds even for writers that skip the Store's check.

TEST(StoreOffers, UniqueIndexHoldsForOtherWriters) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->UpsertOffer(MakeOffer("o1", "anpe-bj", "R1")).ok());
  }
  auto db = sqlite::Database::Open(path, {});
  ASSERT_TRUE(db.ok());
  Status raw = db->Exec(
      "INSERT INTO offers (id, source, source_ref, occupation, country, "
      "international, needs_review, doc, created_at, updated_at) VALUES "
      "('o2', 'anpe-bj', 'R1', '', '', 0, 0, '{}', '', '')",
      "raw insert");
  EXPECT_EQ(raw.code(), StatusCode::kDataError);
  EXPECT_EQ(raw.message(),
            path +
                ": raw insert: UNIQUE constraint failed: offers.source, "
                "offers.source_ref");
}

TEST(StoreOffers, ForEachStreamsInIdOrderAndStops) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  for (const char* id : {"o3", "o1", "o2"}) {
    ASSERT_TRUE(store->UpsertOffer(MakeOffer(id, "s", id)).ok());
  }
  std::vector<std::string> seen;
  Status all = store->ForEachOffer([&](Offer&& offer) {
    seen.push_back(offer.id);
    return Status::Ok();
  });
  ASSERT_TRUE(all.ok()) << all.message();
  EXPECT_EQ(seen, (std::vector<std::string>{"o1", "o2", "o3"}));
  seen.clear();
  Status stopped = store->ForEachOffer([&](Offer&& offer) {
    seen.push_back(offer.id);
    return Status::DataError("enough");
  });
  EXPECT_EQ(stopped.message(), "enough");
  EXPECT_EQ(seen.size(), 1u);
}

// ---------------------------------------------------------------- Profiles

TEST(StoreProfiles, RoundTrip) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  Profile full = MakeProfile("p1");
  Profile bare;
  bare.id = "p0";
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    auto inserted = store->UpsertProfile(full);
    ASSERT_TRUE(inserted.ok()) << inserted.status().message();
    EXPECT_EQ(*inserted, UpsertOutcome::kInserted);
    ASSERT_TRUE(store->UpsertProfile(bare).ok());
  }
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->CountProfiles(), 2);
  auto read = store->GetProfile("p1");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, full);
  std::vector<Profile> all;
  Status listed = store->ForEachProfile([&](Profile&& profile) {
    all.push_back(std::move(profile));
    return Status::Ok();
  });
  ASSERT_TRUE(listed.ok()) << listed.message();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], bare);
  EXPECT_EQ(all[1], full);

  full.experience_years.reset();
  full.location.city = "Thiès";
  auto updated = store->UpsertProfile(full);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(*updated, UpsertOutcome::kUpdated);
  EXPECT_EQ(*store->GetProfile("p1"), full);
  EXPECT_EQ(store->GetProfile("p9").status().message(),
            path + ": no profile 'p9'");
}

// ---------------------------------------------------------------- Decisions

class StoreDecisions : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(":memory:");
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->UpsertProfile(MakeProfile("p1")).ok());
    ASSERT_TRUE(store_->UpsertProfile(MakeProfile("p2")).ok());
    ASSERT_TRUE(store_->UpsertOffer(MakeOffer("o1", "s", "1")).ok());
    ASSERT_TRUE(store_->UpsertOffer(MakeOffer("o2", "s", "2")).ok());
  }
  std::unique_ptr<Store> store_;
};

// Issue 12: text that is not UTF-8 is refused by the store itself, whoever
// calls, so that what it gives back can always be written as JSON.
TEST_F(StoreDecisions, TextThatIsNotUtf8IsRefused) {
  Decision decision{0,   "p1", "o1", std::string(kDecisionRefused),
                    "trop \xE9loign\xE9", "",  ""};
  auto id = store_->RecordDecision(decision);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), StatusCode::kDataError);
  EXPECT_EQ(id.status().message(),
            ":memory:: decision for profile 'p1' and offer 'o1': invalid UTF-8 "
            "(byte 0xE9 at offset 5)");
  auto listed = store_->ListDecisions({});
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());

  MatchRun run;
  run.kind = kRunBatch;
  run.config = "{}";
  run.notes = "entretien \xE0 Dakar";
  auto run_id = store_->BeginMatchRun(run);
  ASSERT_FALSE(run_id.ok());
  EXPECT_EQ(run_id.status().message(),
            ":memory:: match run: invalid UTF-8 (byte 0xE0 at offset 10)");

  Offer offer = MakeOffer("o3", "s", "3");
  offer.title = "Ma\xE7on";
  auto upserted = store_->UpsertOffer(offer);
  ASSERT_FALSE(upserted.ok());
  EXPECT_EQ(upserted.status().code(), StatusCode::kDataError);
}

TEST_F(StoreDecisions, RecordedAndListedByProfileOrOffer) {
  Decision proposed{0,
                    "p1",
                    "o1",
                    std::string(kDecisionProposed),
                    "",
                    "aminata.diallo",
                    "2025-03-02T09:00:00Z"};
  Decision accepted{0,
                    "p1",
                    "o1",
                    std::string(kDecisionAccepted),
                    "entretien réussi",
                    "aminata.diallo",
                    "2025-03-10T15:30:00Z"};
  Decision refused{0,
                   "p2",
                   "o1",
                   std::string(kDecisionRefused),
                   "trop loin",
                   "koffi.mensah",
                   "2025-03-05T11:00:00Z"};
  for (Decision* decision : {&proposed, &accepted, &refused}) {
    auto id = store_->RecordDecision(*decision);
    ASSERT_TRUE(id.ok()) << id.status().message();
    decision->id = *id;
  }
  auto by_profile = store_->ListDecisions({"p1", ""});
  ASSERT_TRUE(by_profile.ok()) << by_profile.status().message();
  EXPECT_EQ(*by_profile, (std::vector<Decision>{proposed, accepted}));
  auto by_offer = store_->ListDecisions({"", "o1"});
  ASSERT_TRUE(by_offer.ok());
  EXPECT_EQ(*by_offer, (std::vector<Decision>{proposed, refused, accepted}));
  EXPECT_TRUE(store_->ListDecisions({"p2", "o2"})->empty());

  // No date: now, in the documented format.
  Decision now{0, "p2", "o2", "proposed", "", "", ""};
  ASSERT_TRUE(store_->RecordDecision(now).ok());
  auto listed = store_->ListDecisions({"p2", "o2"});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  const std::string& at = (*listed)[0].decided_at;
  ASSERT_EQ(at.size(), 20u) << at;
  EXPECT_EQ(at[10], 'T');
  EXPECT_EQ(at.back(), 'Z');
}

TEST_F(StoreDecisions, InvalidStatusIsAnErrorNotACrash) {
  Decision decision{0, "p1", "o1", "maybe", "", "", ""};
  auto id = store_->RecordDecision(decision);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), StatusCode::kDataError);
  EXPECT_EQ(id.status().message(),
            ":memory:: decision for profile 'p1' and offer 'o1': CHECK "
            "constraint failed: status IN ('proposed', 'presented', "
            "'accepted', 'refused')");
  EXPECT_TRUE(store_->ListDecisions({})->empty());
}

TEST_F(StoreDecisions, ForeignKeysAreEnforced) {
  Decision no_profile{0, "p9", "o1", "proposed", "", "", ""};
  auto id = store_->RecordDecision(no_profile);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), StatusCode::kDataError);
  EXPECT_EQ(id.status().message(),
            ":memory:: decision for profile 'p9' and offer 'o1': FOREIGN KEY "
            "constraint failed");
  Decision no_offer{0, "p1", "o9", "proposed", "", "", ""};
  EXPECT_FALSE(store_->RecordDecision(no_offer).ok());
  EXPECT_TRUE(store_->ListDecisions({})->empty());
}

// ---------------------------------------------------------------- Imports

TEST(StoreImport, FailedTransactionLeavesTheStoreUnchanged) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->UpsertOffer(MakeOffer("o0", "s", "ref-0")).ok());
  Offer changed = MakeOffer("o0", "s", "ref-0");
  changed.title = "changed";
  Status status = store->InTransaction([&]() -> Status {
    for (const char* id : {"o1", "o2", "o3"}) {
      auto done = store->UpsertOffer(MakeOffer(id, "s", id));
      if (!done.ok()) return done.status();
    }
    auto done = store->UpsertOffer(changed);
    if (!done.ok()) return done.status();
    EXPECT_EQ(*store->CountOffers(), 4);  // visible inside
    // A record clashing with o0's reference: strict mode stops here.
    auto clash = store->UpsertOffer(MakeOffer("o4", "s", "ref-0"));
    if (!clash.ok()) return clash.status();
    return Status::Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), path +
                                  ": offer 'o4': source 's' reference "
                                  "'ref-0' already belongs to offer 'o0'");
  EXPECT_EQ(*store->CountOffers(), 1);
  EXPECT_EQ(store->GetOffer("o0")->title, MakeOffer("o0", "s", "").title);

  // Seen from another connection too.
  auto other = OpenOrDie(path);
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(*other->CountOffers(), 1);
}

TEST(StoreImport, LenientBodySkipsFailedRecordsAndCommitsTheRest) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  int rejected = 0;
  Status status = store->InTransaction([&]() -> Status {
    for (const auto& [id, ref] :
         std::vector<std::pair<std::string, std::string>>{
             {"o1", "r1"}, {"o2", "r1"}, {"", "r3"}, {"o4", "r4"}}) {
      if (!store->UpsertOffer(MakeOffer(id, "s", ref)).ok()) ++rejected;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(rejected, 2);
  EXPECT_EQ(*store->CountOffers(), 2);
}

TEST(StoreImport, ExceptionInTheBodyRollsBack) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  EXPECT_THROW(Status ignored = store->InTransaction([&]() -> Status {
    EXPECT_TRUE(store->UpsertProfile(MakeProfile("p1")).ok());
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(*store->CountProfiles(), 0);
  // The connection is usable afterwards.
  EXPECT_TRUE(store->UpsertProfile(MakeProfile("p1")).ok());
  EXPECT_EQ(*store->CountProfiles(), 1);
}


// ---------------------------------------------------------------- Accounts

// Migration 9: the flag of a temporary password. Accounts of an older store
// keep their own passwords (the flag is off); a new one round-trips; a
// password set by its owner clears it; the column takes 0 or 1 only.
TEST(StoreAccounts, TheTemporaryPasswordFlagIsMigratedStoredAndCleared) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    Account old;
    old.login = "awa";
    old.role = "counsellor";
    old.agency = "dakar";
    old.password_hash = "hash-1";
    ASSERT_TRUE(store->AddAccount(old).ok());
  }
  {
    // Back to a version 8 file, as an older skillmatch left it.
    auto db = sqlite::Database::Open(path, {});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("ALTER TABLE accounts DROP COLUMN password_change_required; "
                         "PRAGMA user_version = 8;",
                         "test")
                    .ok());
  }
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), 9);
  auto awa = store->GetAccount("awa");
  ASSERT_TRUE(awa.ok());
  EXPECT_FALSE(awa->password_change_required);
  Account fresh;
  fresh.login = "moussa";
  fresh.role = "counsellor";
  fresh.agency = "dakar";
  fresh.password_hash = "hash-2";
  fresh.password_change_required = true;
  ASSERT_TRUE(store->AddAccount(fresh).ok());
  EXPECT_TRUE(store->GetAccount("moussa")->password_change_required);
  ASSERT_TRUE(store->SetAccountPassword("moussa", "hash-3", false).ok());
  EXPECT_FALSE(store->GetAccount("moussa")->password_change_required);
  EXPECT_EQ(store->GetAccount("moussa")->password_hash, "hash-3");
  ASSERT_TRUE(store->SetAccountPassword("awa", "hash-4", true).ok());
  EXPECT_TRUE(store->GetAccount("awa")->password_change_required);
  auto db = sqlite::Database::Open(path, {});
  ASSERT_TRUE(db.ok());
  Status two = db->Exec("UPDATE accounts SET password_change_required = 2", "test");
  EXPECT_FALSE(two.ok());
  EXPECT_NE(two.message().find("CHECK constraint failed"), std::string::npos) << two.message();
}

// ---------------------------------------------------------------- Audit

// SearchAudit: each criterion alone and together, newest first, paging by
// id, an action prefix taken literally ('_' and '%' are no wildcards), days
// inclusive at both ends.
TEST(StoreAudit, SearchAuditFiltersEachCriterionNewestFirst) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  auto hasher = [](const AuditEntry& e) { return "h" + std::to_string(e.id); };
  struct Row {
    const char* at;
    const char* actor;
    const char* action;
    const char* record;
  };
  const Row rows[] = {
      {"2026-12-01T08:00:00Z", "1", "login.success", "1"},
      {"2026-12-01T09:00:00Z", "1", "jobseeker.view", "SN-1"},
      {"2026-12-02T00:00:00Z", "2", "jobseeker.view", "SN-2"},
      {"2026-12-02T23:59:59Z", "2", "jobseeker.search", ""},
      {"2026-12-03T10:00:00Z", "-", "login.failure", ""},
      {"2026-12-03T11:00:00Z", "1", "jobseekerXview", "SN-1"},
      {"2026-12-04T12:00:00Z", "cli", "account.create", "3"},
  };
  for (const Row& r : rows) {
    AuditEntry e;
    e.at = r.at;
    e.actor = r.actor;
    e.action = r.action;
    e.record = r.record;
    e.address = "127.0.0.1";
    ASSERT_TRUE(store->AppendAudit(e, hasher).ok());
  }
  auto ids = [&](const AuditQuery& q) {
    std::vector<int64_t> out;
    auto found = store->SearchAudit(q);
    EXPECT_TRUE(found.ok()) << found.status().message();
    if (found.ok()) {
      for (const AuditEntry& e : *found) out.push_back(e.id);
    }
    return out;
  };
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(ids({}), (Ids{7, 6, 5, 4, 3, 2, 1}));
  AuditQuery actor;
  actor.actor = "1";
  EXPECT_EQ(ids(actor), (Ids{6, 2, 1}));
  AuditQuery family;
  family.action_prefix = "jobseeker.";
  EXPECT_EQ(ids(family), (Ids{4, 3, 2}));  // not "jobseekerXview"
  AuditQuery wildcard;
  wildcard.action_prefix = "jobseeker_";
  EXPECT_EQ(ids(wildcard), Ids{});
  AuditQuery record;
  record.record = "SN-1";
  EXPECT_EQ(ids(record), (Ids{6, 2}));
  AuditQuery days;
  days.from_day = "2026-12-02";
  days.to_day = "2026-12-02";
  EXPECT_EQ(ids(days), (Ids{4, 3}));  // midnight and 23:59:59 of the day
  AuditQuery from;
  from.from_day = "2026-12-03";
  EXPECT_EQ(ids(from), (Ids{7, 6, 5}));
  AuditQuery together;
  together.actor = "1";
  together.record = "SN-1";
  together.action_prefix = "jobseeker.view";
  EXPECT_EQ(ids(together), Ids{2});
  AuditQuery page;
  page.limit = 3;
  EXPECT_EQ(ids(page), (Ids{7, 6, 5}));
  page.before_id = 5;
  EXPECT_EQ(ids(page), (Ids{4, 3, 2}));
  page.before_id = 2;
  EXPECT_EQ(ids(page), Ids{1});
  auto first = store->SearchAudit(record);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ((*first)[0].hash, "h6");
  EXPECT_EQ((*first)[0].address, "127.0.0.1");
}

}  // namespace
}  // namespace skillmatch::engine
