// Decisions after an assessment, their follow-up (store migration 4) and
// the anonymised monitoring.
#include <gtest/gtest.h>

#include "skillmatch/mobility/monitoring.h"
#include "skillmatch/store/store.h"

namespace skillmatch::mobility {
namespace {

std::unique_ptr<engine::Store> StoreWith(const std::vector<std::string>& ids) {
  auto store = engine::Store::Open(":memory:");
  EXPECT_TRUE(store.ok());
  for (const auto& id : ids) {
    engine::Profile p;
    p.id = id;
    p.location.country = "SN";
    EXPECT_TRUE((*store)->UpsertProfile(p).ok());
  }
  return std::move(*store);
}

engine::MobilityDecision Decision(const std::string& profile, const std::string& choice,
                                  const std::string& destination = "FR") {
  engine::MobilityDecision d;
  d.profile_id = profile;
  d.destination = destination;
  d.occupation = "F1502";
  d.choice = choice;
  d.counsellor = "awa";
  return d;
}

TEST(MobilityDecisions, RecordFollowUpAndList) {
  auto store = StoreWith({"W1", "W2"});
  auto first = store->RecordMobilityDecision(Decision("W1", "alternative"));
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto second = store->RecordMobilityDecision(Decision("W2", "legal-route"));
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(store->SetMobilityFollowUp(*first, 3, "in-training").ok());
  ASSERT_TRUE(store->SetMobilityFollowUp(*first, 6, "employed-home").ok());
  auto mine = store->ListMobilityDecisions("W1");
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].choice, "alternative");
  EXPECT_EQ((*mine)[0].outcome_3m, "in-training");
  EXPECT_EQ((*mine)[0].outcome_6m, "employed-home");
  EXPECT_EQ((*mine)[0].decided_at.size(), 20u);  // YYYY-MM-DDTHH:MM:SSZ
  auto all = store->ListMobilityDecisions("");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
}

TEST(MobilityDecisions, TheSchemaRefusesWhatItDoesNotKnow) {
  auto store = StoreWith({"W1"});
  auto bad_choice = store->RecordMobilityDecision(Decision("W1", "go-anyway"));
  ASSERT_FALSE(bad_choice.ok());
  EXPECT_EQ(bad_choice.status().code(), StatusCode::kDataError);
  auto unknown = store->RecordMobilityDecision(Decision("nobody", "undecided"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kDataError);
  auto id = store->RecordMobilityDecision(Decision("W1", "undecided"));
  ASSERT_TRUE(id.ok());
  Status bad_outcome = store->SetMobilityFollowUp(*id, 3, "rich");
  EXPECT_EQ(bad_outcome.code(), StatusCode::kDataError);
  Status bad_months = store->SetMobilityFollowUp(*id, 4, "seeking");
  EXPECT_EQ(bad_months.message(), "follow-up at 4 months: expected 3 or 6");
  Status missing = store->SetMobilityFollowUp(*id + 7, 3, "seeking");
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), ":memory:: no mobility decision " + std::to_string(*id + 7));
}

TEST(MobilityDecisions, AnonymisationRenamesDecisionsToo) {
  auto store = StoreWith({"W1"});
  ASSERT_TRUE(store->RecordMobilityDecision(Decision("W1", "training")).ok());
  ASSERT_TRUE(store->RenameProfile("W1", "anon-1").ok());
  auto moved = store->ListMobilityDecisions("anon-1");
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->size(), 1u);
  EXPECT_TRUE(store->ListMobilityDecisions("W1")->empty());
}

TEST(MobilityMonitoring, SmallCountsAreSuppressed) {
  // 6 alternatives to FR (5 followed up "employed-home" at 6 months), 2
  // legal routes to FR: the rows (FR, alternative, "", employed-home) = 5,
  // (FR, alternative, "", "") = 1 and (FR, legal-route, "", "") = 2; with
  // min_count 5 only the first keeps its count.
  std::vector<engine::MobilityDecision> decisions;
  for (int idx = 0; idx < 6; ++idx) {
    auto d = Decision("p" + std::to_string(idx), "alternative");
    if (idx < 5) d.outcome_6m = "employed-home";
    decisions.push_back(d);
  }
  decisions.push_back(Decision("q1", "legal-route"));
  decisions.push_back(Decision("q2", "legal-route"));
  int total = 0;
  auto rows = Monitor(decisions, 5, &total);
  EXPECT_EQ(total, 8);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].choice, "alternative");
  EXPECT_EQ(rows[0].outcome_6m, "");
  EXPECT_FALSE(rows[0].count.has_value());
  EXPECT_EQ(rows[1].outcome_6m, "employed-home");
  EXPECT_EQ(rows[1].count, 5);
  EXPECT_EQ(rows[2].choice, "legal-route");
  EXPECT_FALSE(rows[2].count.has_value());
  // With min_count 1 nothing is hidden.
  for (const auto& row : Monitor(decisions, 1)) EXPECT_TRUE(row.count.has_value());
}

}  // namespace
}  // namespace skillmatch::mobility
