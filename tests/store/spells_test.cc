// LoadSpells (store/spells.h) on small stores whose records are written out
// below, with the spells expected worked out by hand; the registrations'
// history; and the migration of a version 5 database to version 6.
#include "skillmatch/store/spells.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "../../engine/store/src/sqlite.h"
#include "skillmatch/model/date.h"
#include "store/old_store.h"
#include "support/sample_taxonomy.h"
#include "support/temp_dir.h"

namespace skillmatch::engine {
namespace {

using skillmatch::testing::SampleTaxonomy;
using skillmatch::testing::TempDir;
using stats::CloseReason;
using stats::ExitReason;

int Day(const char* text) { return Date::Parse(text)->days_since_epoch(); }

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  auto store = Store::Open(path, {});
  EXPECT_TRUE(store.ok()) << store.status().message();
  return store.ok() ? std::move(store).value() : nullptr;
}

Offer MakeOffer(const std::string& id, const std::string& occupation,
                const std::string& region, std::optional<std::string> published,
                std::optional<std::string> closed = std::nullopt,
                std::string reason = "") {
  Offer offer;
  offer.id = id;
  offer.occupation = occupation;
  offer.location = {"SN", region, "", std::nullopt, std::nullopt};
  offer.published = std::move(published);
  offer.closed = std::move(closed);
  offer.closing_reason = std::move(reason);
  return offer;
}

Profile MakeProfile(const std::string& id, const std::string& occupation,
                    const std::string& region,
                    std::optional<std::string> registered,
                    std::optional<std::string> exited = std::nullopt,
                    std::string reason = "") {
  Profile profile;
  profile.id = id;
  if (!occupation.empty()) profile.target_occupations = {occupation};
  profile.location = {"SN", region, "", std::nullopt, std::nullopt};
  profile.registered = std::move(registered);
  profile.exited = std::move(exited);
  profile.exit_reason = std::move(reason);
  return profile;
}

Decision Accepted(const std::string& profile, const std::string& offer,
                  const std::string& at) {
  Decision decision;
  decision.profile_id = profile;
  decision.offer_id = offer;
  decision.status = std::string(kDecisionAccepted);
  decision.decided_at = at;
  return decision;
}

// The store of the reader's tests:
//
//   offer  occupation region  published   closed       reason      source
//   O1     F1703      Dakar   2025-01-06  2025-02-10   withdrawn   (own)
//   O2     F1703      Thiès   2025-01-20  -            -           emploi-sn
//   O3     A1401      Kaolack 2025-02-01  (accepted J2 on 2025-02-25: filled)
//   O4     A1401      Kaolack 2025-02-03  2025-02-20   expired, though J3 was
//                                         accepted on 02-15 (the record wins)
//   O5     A1401      ""      2025-03-01  positions 2, one accepted: open
//   O6     X9999      Dakar   2025-03-02  (unknown occupation)
//   O7     F1703      Dakar   -           (no publication date: left out)
//
//   jobseeker occupation region  registered  exited      reason
//   J1        F1703      Dakar   2024-11-04  2025-01-31  employment
//             then registered again (the profile written a second time):
//             F1703      Dakar   2025-03-03  -
//   J2        A1401      Kaolack 2025-01-15  2025-02-25  self_employment
//   J3        A1401      Kaolack 2025-02-01  2025-03-01  (none: unknown)
//   J4        (none)     Dakar   2025-02-10  -
//   J5        F1703      Dakar   -           (no registration: left out)
class LoadSpellsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenOrDie(":memory:");
    ASSERT_NE(store_, nullptr);
    Offer o1 = MakeOffer("O1", "F1703", "Dakar", "2025-01-06", "2025-02-10",
                         "withdrawn");
    o1.skills = {{"T0001", true, 0}};
    o1.soft_skills = {{"S001", false, 0}};
    Offer o2 = MakeOffer("O2", "F1703", "Thiès", "2025-01-20");
    o2.source = "emploi-sn";
    Offer o5 = MakeOffer("O5", "A1401", "", "2025-03-01");
    o5.positions = 2;
    for (const Offer& offer :
         {o1, o2, MakeOffer("O3", "A1401", "Kaolack", "2025-02-01"),
          MakeOffer("O4", "A1401", "Kaolack", "2025-02-03", "2025-02-20",
                    "expired"),
          o5, MakeOffer("O6", "X9999", "Dakar", "2025-03-02"),
          MakeOffer("O7", "F1703", "Dakar", std::nullopt)}) {
      ASSERT_TRUE(store_->UpsertOffer(offer).ok()) << offer.id;
    }
    Profile j1 = MakeProfile("J1", "F1703", "Dakar", "2024-11-04",
                             "2025-01-31", "employment");
    j1.skills = {{"T0001", 2, false}};
    for (const Profile& profile :
         {j1, MakeProfile("J2", "A1401", "Kaolack", "2025-01-15", "2025-02-25",
                          "self_employment"),
          MakeProfile("J3", "A1401", "Kaolack", "2025-02-01", "2025-03-01"),
          MakeProfile("J4", "", "Dakar", "2025-02-10"),
          MakeProfile("J5", "F1703", "Dakar", std::nullopt)}) {
      auto written = store_->UpsertProfile(profile);
      ASSERT_TRUE(written.ok()) << written.status().message();
    }
    j1.registered = "2025-03-03";
    j1.exited.reset();
    j1.exit_reason.clear();
    ASSERT_TRUE(store_->UpsertProfile(j1).ok());
    for (const Decision& decision :
         {Accepted("J2", "O3", "2025-02-25T10:00:00Z"),
          Accepted("J2", "O3", "2025-02-26T10:00:00Z"),  // repeated
          Accepted("J3", "O4", "2025-02-15T09:00:00Z"),
          Accepted("J1", "O5", "2025-03-10T09:00:00Z")}) {
      auto recorded = store_->RecordDecision(decision);
      ASSERT_TRUE(recorded.ok()) << recorded.status().message();
    }
  }

  std::unique_ptr<Store> store_;
};

TEST_F(LoadSpellsTest, OffersAsSpells) {
  auto input = LoadSpells(*store_, SampleTaxonomy(), {});
  ASSERT_TRUE(input.ok()) << input.status().message();
  ASSERT_EQ(input->offers.size(), 6u);  // O7 undated
  EXPECT_EQ(input->offers_undated, 1);

  const stats::OfferSpell& o1 = input->offers[0];
  EXPECT_EQ(o1.offer_id, "O1");
  EXPECT_EQ(o1.occupation, "F1703");
  EXPECT_EQ(o1.area, "F17");
  EXPECT_EQ(o1.domain, "F");
  EXPECT_EQ(o1.region, "SN/Dakar");
  EXPECT_EQ(o1.country, "SN");
  EXPECT_EQ(o1.published_day, Day("2025-01-06"));
  EXPECT_EQ(o1.closed_day, Day("2025-02-10"));
  EXPECT_EQ(o1.reason, CloseReason::kWithdrawn);
  EXPECT_EQ(o1.skills, (std::vector<std::string>{"T0001", "S001"}));
  EXPECT_EQ(o1.source, "pes");

  const stats::OfferSpell& o2 = input->offers[1];
  EXPECT_EQ(o2.region, "SN/Thiès");
  EXPECT_EQ(o2.closed_day, std::nullopt);
  EXPECT_EQ(o2.source, "emploi-sn");

  // O3: its one position filled by J2's acceptance (the repeat is the same
  // hire); O4: the record's "expired" wins over J3's acceptance.
  const stats::OfferSpell& o3 = input->offers[2];
  EXPECT_EQ(o3.area, "A14");
  EXPECT_EQ(o3.domain, "A");
  EXPECT_EQ(o3.closed_day, Day("2025-02-25"));
  EXPECT_EQ(o3.reason, CloseReason::kFilled);
  const stats::OfferSpell& o4 = input->offers[3];
  EXPECT_EQ(o4.closed_day, Day("2025-02-20"));
  EXPECT_EQ(o4.reason, CloseReason::kExpired);

  // O5: two positions, one accepted: still open; no region written.
  const stats::OfferSpell& o5 = input->offers[4];
  EXPECT_EQ(o5.closed_day, std::nullopt);
  EXPECT_EQ(o5.region, "SN/?");

  const stats::OfferSpell& o6 = input->offers[5];
  EXPECT_EQ(o6.occupation, "X9999");
  EXPECT_EQ(o6.area, "?");
  EXPECT_EQ(o6.domain, "?");
}

TEST_F(LoadSpellsTest, RegistrationsAsSpells) {
  auto input = LoadSpells(*store_, SampleTaxonomy(), {});
  ASSERT_TRUE(input.ok()) << input.status().message();
  // J1 twice (two registrations), J2, J3, J4; J5 was never registered.
  ASSERT_EQ(input->jobseekers.size(), 5u);
  EXPECT_EQ(input->jobseekers_undated, 1);
  // Unknown occupations: O6 and J4 (no target occupation).
  EXPECT_EQ(input->unknown_occupations, 2);

  const stats::JobseekerSpell& first = input->jobseekers[0];
  EXPECT_EQ(first.jobseeker_id, "J1");
  EXPECT_EQ(first.registered_day, Day("2024-11-04"));
  EXPECT_EQ(first.exit_day, Day("2025-01-31"));
  EXPECT_EQ(first.exit_reason, ExitReason::kEmployment);
  EXPECT_EQ(first.area, "F17");
  EXPECT_EQ(first.region, "SN/Dakar");
  EXPECT_EQ(first.skills, (std::vector<std::string>{"T0001"}));
  EXPECT_EQ(first.source, "pes");
  const stats::JobseekerSpell& again = input->jobseekers[1];
  EXPECT_EQ(again.jobseeker_id, "J1");
  EXPECT_EQ(again.registered_day, Day("2025-03-03"));
  EXPECT_EQ(again.exit_day, std::nullopt);

  EXPECT_EQ(input->jobseekers[2].exit_reason, ExitReason::kSelfEmployment);
  EXPECT_EQ(input->jobseekers[3].exit_day, Day("2025-03-01"));
  EXPECT_EQ(input->jobseekers[3].exit_reason, ExitReason::kUnknown);
  EXPECT_EQ(input->jobseekers[4].occupation, "?");
  EXPECT_EQ(input->jobseekers[4].exit_day, std::nullopt);
}

TEST_F(LoadSpellsTest, AgencyAndOwnSource) {
  ASSERT_TRUE(store_->SetAgency(AgencyRecord::kOffer, "O2", "thies").ok());
  ASSERT_TRUE(store_->SetAgency(AgencyRecord::kProfile, "J1", "thies").ok());
  LoadSpellsOptions options;
  options.agency = "thies";
  options.own_source = "anpej";
  auto input = LoadSpells(*store_, SampleTaxonomy(), options);
  ASSERT_TRUE(input.ok()) << input.status().message();
  ASSERT_EQ(input->offers.size(), 1u);
  EXPECT_EQ(input->offers[0].offer_id, "O2");
  ASSERT_EQ(input->jobseekers.size(), 2u);  // J1's two registrations
  EXPECT_EQ(input->jobseekers[0].source, "anpej");
  EXPECT_EQ(input->jobseekers_undated, 0);
}

TEST(Registrations, HistoryCorrectionsAndRename) {
  auto store = OpenOrDie(":memory:");
  ASSERT_NE(store, nullptr);
  auto list = [&] {
    std::vector<Registration> out;
    EXPECT_TRUE(store
                    ->ForEachRegistration([&](Registration&& registration) {
                      out.push_back(std::move(registration));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  };
  Profile profile = MakeProfile("J1", "F1703", "Dakar", "2025-01-10");
  ASSERT_TRUE(store->UpsertProfile(profile).ok());
  // A corrected registration date replaces the open registration.
  profile.registered = "2025-01-08";
  ASSERT_TRUE(store->UpsertProfile(profile).ok());
  EXPECT_EQ(list(), (std::vector<Registration>{
                        {"J1", "2025-01-08", std::nullopt, ""}}));
  // The exit closes it; a later registration keeps it as history.
  profile.exited = "2025-02-28";
  profile.exit_reason = "training";
  ASSERT_TRUE(store->UpsertProfile(profile).ok());
  profile.registered = "2025-04-01";
  profile.exited.reset();
  profile.exit_reason.clear();
  ASSERT_TRUE(store->UpsertProfile(profile).ok());
  const std::vector<Registration> two = {
      {"J1", "2025-01-08", "2025-02-28", "training"},
      {"J1", "2025-04-01", std::nullopt, ""}};
  EXPECT_EQ(list(), two);
  // Writing the profile without dates changes no registration.
  profile.registered.reset();
  ASSERT_TRUE(store->UpsertProfile(profile).ok());
  EXPECT_EQ(list(), two);
  // A registration dated inside the first one overlaps it: it replaces it.
  profile.registered = "2025-02-01";
  ASSERT_TRUE(store->UpsertProfile(profile).ok());
  EXPECT_EQ(list(), (std::vector<Registration>{
                        {"J1", "2025-02-01", std::nullopt, ""}}));
  // Anonymising a jobseeker keeps the registrations (the statistics).
  ASSERT_TRUE(store->RenameProfile("J1", "anon-1").ok());
  EXPECT_EQ(list(), (std::vector<Registration>{
                        {"anon-1", "2025-02-01", std::nullopt, ""}}));
}

TEST(Registrations, SchemaRefusesAnExitBeforeTheRegistration) {
  // The codec refuses such a profile; the schema stops other writers.
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->UpsertProfile(MakeProfile("J1", "F1703", "Dakar",
                                                 "2025-01-10"))
                    .ok());
  }
  auto db = sqlite::Database::Open(path, {});
  ASSERT_TRUE(db.ok());
  Status status = db->Exec(
      "UPDATE registrations SET exited = '2025-01-01' WHERE profile_id = 'J1'",
      "edit");
  EXPECT_EQ(status.code(), StatusCode::kDataError);
  EXPECT_NE(status.message().find("CHECK constraint failed"),
            std::string::npos)
      << status.message();
}

TEST(LoadSpells, ReportsARecordEditedBehindTheCodecsBack) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->UpsertOffer(MakeOffer("O12", "F1703", "Dakar",
                                             "2025-01-05", "2025-01-06",
                                             "filled"))
                    .ok());
  }
  {
    auto db = sqlite::Database::Open(path, {});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("UPDATE offers SET doc = json_set(doc, '$.closed', "
                         "'2025-01-03') WHERE id = 'O12'",
                         "edit")
                    .ok());
  }
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  auto input = LoadSpells(*store, SampleTaxonomy(), {});
  ASSERT_FALSE(input.ok());
  EXPECT_EQ(input.status().code(), StatusCode::kDataError);
  EXPECT_EQ(input.status().message(),
            path + ": offer 'O12': closed: expected a date on or after "
                   "published (2025-01-05), got \"2025-01-03\"");
}

// A version 5 database (a fresh one taken back to version 5 by SQL: version 6
// only adds columns, an index and a table), holding records written by a
// program that already sent the new fields in their documents: migrating
// shows them in the columns and fills registrations from the profiles.
TEST(Migration, Version5To6) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
  }
  {
    auto db = sqlite::Database::Open(path, {});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec(std::string(testing::kUndoMigrations9And8) + R"sql(
DROP TABLE registrations;
DROP INDEX offers_published;
ALTER TABLE offers DROP COLUMN closed;
ALTER TABLE offers DROP COLUMN closing_reason;
ALTER TABLE offers DROP COLUMN hired;
ALTER TABLE profiles DROP COLUMN registered;
ALTER TABLE profiles DROP COLUMN exited;
ALTER TABLE profiles DROP COLUMN exit_reason;
PRAGMA user_version = 5;
INSERT INTO offers (id, source, source_ref, occupation, country,
  international, published, expires, needs_review, doc, created_at,
  updated_at) VALUES ('O1', '', '', 'F1703', 'SN', 0, '2025-01-06', NULL, 0,
  '{"id":"O1","occupation":"F1703","location":{"country":"SN","region":"Dakar"},"positions":1,"published":"2025-01-06","closed":"2025-02-10","closing_reason":"filled","hired":"J1"}',
  '2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z');
INSERT INTO profiles (id, occupation, country, region, doc, created_at,
  updated_at) VALUES ('J1', 'F1703', 'SN', 'Dakar',
  '{"id":"J1","target_occupations":["F1703"],"location":{"country":"SN","region":"Dakar"},"registered":"2024-12-02","exited":"2025-02-10","exit_reason":"employment"}',
  '2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z');
INSERT INTO profiles (id, occupation, country, region, doc, created_at,
  updated_at) VALUES ('J2', 'F1703', 'SN', 'Dakar', '{"id":"J2"}',
  '2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z');
)sql",
                         "make version 5")
                    .ok());
    auto version = db->UserVersion();
    ASSERT_TRUE(version.ok());
    ASSERT_EQ(*version, 5);
  }
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kStoreSchemaVersion);
  {
    auto db = sqlite::Database::Open(path, {});
    ASSERT_TRUE(db.ok());
    auto stmt = sqlite::Statement::Prepare(
        *db, "SELECT closed, closing_reason, hired FROM offers", "read");
    ASSERT_TRUE(stmt.ok());
    auto row = stmt->Step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ(stmt->ColumnText(0), "2025-02-10");
    EXPECT_EQ(stmt->ColumnText(1), "filled");
    EXPECT_EQ(stmt->ColumnText(2), "J1");
  }
  std::vector<Registration> registrations;
  ASSERT_TRUE(store
                  ->ForEachRegistration([&](Registration&& registration) {
                    registrations.push_back(std::move(registration));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(registrations,
            (std::vector<Registration>{
                {"J1", "2024-12-02", "2025-02-10", "employment"}}));
  auto input = LoadSpells(*store, SampleTaxonomy(), {});
  ASSERT_TRUE(input.ok()) << input.status().message();
  ASSERT_EQ(input->offers.size(), 1u);
  EXPECT_EQ(input->offers[0].closed_day, Day("2025-02-10"));
  ASSERT_EQ(input->jobseekers.size(), 1u);
  EXPECT_EQ(input->jobseekers[0].exit_reason, ExitReason::kEmployment);
  EXPECT_EQ(input->jobseekers_undated, 1);  // J2
}

// A version 6 database (a fresh one whose decisions table is rebuilt with
// the version 6 CHECK) holding decisions: migration 7 keeps every row, id
// and order, with foreign keys on, and the store then accepts "presented"
// and still refuses a status outside the four.
TEST(Migration, Version6To7KeepsDecisionsAndAcceptsPresented) {
  TempDir dir;
  const std::string path = dir.Child("pes.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
  }
  {
    auto db = sqlite::Database::Open(path, {});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec(std::string(testing::kUndoMigrations9And8) + R"sql(
DROP TABLE decisions;
CREATE TABLE decisions (
  id          INTEGER PRIMARY KEY,
  profile_id  TEXT NOT NULL REFERENCES profiles(id),
  offer_id    TEXT NOT NULL REFERENCES offers(id),
  status      TEXT NOT NULL
              CHECK (status IN ('proposed', 'accepted', 'refused')),
  reason      TEXT NOT NULL DEFAULT '',
  counsellor  TEXT NOT NULL DEFAULT '',
  decided_at  TEXT NOT NULL
);
CREATE INDEX decisions_profile ON decisions(profile_id, decided_at);
CREATE INDEX decisions_offer ON decisions(offer_id, decided_at);
PRAGMA user_version = 6;
INSERT INTO offers (id, source, source_ref, occupation, country,
  international, published, expires, needs_review, doc, created_at,
  updated_at) VALUES ('O1', '', '', 'F1703', 'SN', 0, NULL, NULL, 0,
  '{"id":"O1","occupation":"F1703","positions":1}',
  '2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z');
INSERT INTO profiles (id, occupation, country, region, doc, created_at,
  updated_at) VALUES ('J1', 'F1703', 'SN', 'Dakar', '{"id":"J1"}',
  '2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z');
INSERT INTO decisions VALUES (7, 'J1', 'O1', 'proposed', '', 'awa',
  '2025-03-02T10:00:00Z');
INSERT INTO decisions VALUES (9, 'J1', 'O1', 'refused', 'parti', 'awa',
  '2025-03-03T10:00:00Z');
)sql",
                         "make version 6")
                    .ok());
    // The old CHECK refuses the new status: the test starts from v6 indeed.
    EXPECT_FALSE(db->Exec("INSERT INTO decisions VALUES (10, 'J1', 'O1', "
                          "'presented', '', '', '2025-03-04T00:00:00Z')",
                          "old check")
                     .ok());
  }
  auto store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kStoreSchemaVersion);  // through 7, then 8
  auto kept = store->ListDecisions({});
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(*kept, (std::vector<Decision>{
                       {7, "J1", "O1", "proposed", "", "awa", "2025-03-02T10:00:00Z"},
                       {9, "J1", "O1", "refused", "parti", "awa", "2025-03-03T10:00:00Z"}}));
  Decision presented{0, "J1", "O1", std::string(kDecisionPresented), "", "ali",
                     "2025-03-05T10:00:00Z"};
  auto id = store->RecordDecision(presented);
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(*id, 10);  // after the kept ids
  Decision bogus = presented;
  bogus.status = "hired";
  EXPECT_FALSE(store->RecordDecision(bogus).ok());
  Decision orphan = presented;
  orphan.profile_id = "NOBODY";
  EXPECT_FALSE(store->RecordDecision(orphan).ok());  // foreign keys still hold
  {
    auto db = sqlite::Database::Open(path, {});
    ASSERT_TRUE(db.ok());
    auto check = sqlite::Statement::Prepare(*db, "PRAGMA foreign_key_check", "fk");
    ASSERT_TRUE(check.ok());
    auto row = check->Step();
    ASSERT_TRUE(row.ok());
    EXPECT_FALSE(*row);  // no dangling reference
    auto indexes = sqlite::Statement::Prepare(
        *db,
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
        "tbl_name = 'decisions' AND name IN ('decisions_profile', 'decisions_offer')",
        "indexes");
    ASSERT_TRUE(indexes.ok());
    ASSERT_TRUE(*indexes->Step());
    EXPECT_EQ(indexes->ColumnInt64(0), 2);
  }
  EXPECT_TRUE(IsDecisionStatus("presented"));
  EXPECT_FALSE(IsDecisionStatus("hired"));
}

}  // namespace
}  // namespace skillmatch::engine
