// The Store's match runs: a run and its ranked lists, written atomically and
// read back in query order.
#include <gtest/gtest.h>

#include <vector>

#include "skillmatch/store/store.h"

namespace skillmatch::engine {
namespace {

class StoreRuns : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store).value();
    for (const char* id : {"p1", "p2"}) {
      Profile profile;
      profile.id = id;
      ASSERT_TRUE(store_->UpsertProfile(profile).ok());
    }
    for (const char* id : {"o1", "o2", "o3"}) {
      Offer offer;
      offer.id = id;
      ASSERT_TRUE(store_->UpsertOffer(offer).ok());
    }
  }
  MatchRun Run(std::string_view kind) {
    MatchRun run;
    run.kind = kind;
    run.config = R"({"weights":{"skills":0.35}})";
    run.notes = "counsellor A. Diallo";
    return run;
  }
  std::unique_ptr<Store> store_;
};

TEST_F(StoreRuns, ResultsReadBackInQueryOrderWithTheirRun) {
  auto id = store_->BeginMatchRun(Run(kRunBatch));
  ASSERT_TRUE(id.ok()) << id.status().message();
  std::vector<MatchResult> results = {
      {"p2", "o3", 1, 0.9f, ""},
      {"p1", "o2", 2, 0.5f, R"({"score":0.5})"},
      {"p1", "o1", 1, 0.75f, ""},
  };
  ASSERT_TRUE(store_->AddMatchResults(*id, results).ok());
  auto listed = store_->ListMatchResults(*id);
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0], results[2]);
  EXPECT_EQ((*listed)[1], results[1]);
  EXPECT_EQ((*listed)[2], results[0]);
  auto run = store_->GetMatchRun(*id);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->kind, "batch");
  EXPECT_EQ(run->notes, "counsellor A. Diallo");
  EXPECT_EQ(run->results, 3);
  EXPECT_EQ(run->started.size(), 20u) << run->started;  // 2026-11-22T17:16:08Z
}

TEST_F(StoreRuns, OfferToProfilesRunsAreOrderedByOffer) {
  auto id = store_->BeginMatchRun(Run(kRunOfferToProfiles));
  ASSERT_TRUE(id.ok());
  std::vector<MatchResult> results = {{"p1", "o2", 1, 0.5f, ""},
                                      {"p2", "o1", 2, 0.25f, ""},
                                      {"p1", "o1", 1, 0.5f, ""}};
  ASSERT_TRUE(store_->AddMatchResults(*id, results).ok());
  auto listed = store_->ListMatchResults(*id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0], results[2]);
  EXPECT_EQ((*listed)[1], results[1]);
  EXPECT_EQ((*listed)[2], results[0]);
}

TEST_F(StoreRuns, ARefusedRowLeavesNoneOfTheList) {
  auto id = store_->BeginMatchRun(Run(kRunProfileToOffers));
  ASSERT_TRUE(id.ok());
  std::vector<MatchResult> results = {{"p1", "o1", 1, 0.5f, ""},
                                      {"p1", "o9", 2, 0.25f, ""}};
  Status added = store_->AddMatchResults(*id, results);
  EXPECT_EQ(added.code(), StatusCode::kDataError);
  EXPECT_EQ(added.message(),
            ":memory:: match results of run 1: FOREIGN KEY constraint failed "
            "(profile 'p1', offer 'o9', rank 2)");
  auto listed = store_->ListMatchResults(*id);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
  // Ranks start at 1, pairs are unique within a run.
  EXPECT_FALSE(store_->AddMatchResults(*id, std::vector<MatchResult>{{"p1", "o1", 0, 0.5f, ""}}).ok());
  EXPECT_FALSE(store_->AddMatchResults(*id, std::vector<MatchResult>{{"p1", "o1", 1, 0.5f, ""},
                                                                      {"p1", "o1", 2, 0.5f, ""}})
                   .ok());
}

TEST_F(StoreRuns, BadKindConfigOrRunAreRefused) {
  MatchRun bad = Run("weekly");
  EXPECT_EQ(store_->BeginMatchRun(bad).status().message(),
            ":memory:: match run: unknown kind 'weekly' (expected profile-to-offers, "
            "offer-to-profiles or batch)");
  MatchRun not_json = Run(kRunBatch);
  not_json.config = "{weights";
  EXPECT_EQ(store_->BeginMatchRun(not_json).status().code(), StatusCode::kDataError);
  EXPECT_EQ(store_->GetMatchRun(42).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListMatchResults(42).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->AddMatchResults(42, std::vector<MatchResult>{{"p1", "o1", 1, 0.5f, ""}})
                .code(),
            StatusCode::kDataError);
}

TEST_F(StoreRuns, ListedNewestFirstWithTheirCounts) {
  auto first = store_->BeginMatchRun(Run(kRunBatch));
  auto second = store_->BeginMatchRun(Run(kRunProfileToOffers));
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(store_->AddMatchResults(*second, std::vector<MatchResult>{{"p1", "o1", 1, 0.5f, ""}}).ok());
  auto runs = store_->ListMatchRuns();
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].id, *second);
  EXPECT_EQ((*runs)[0].results, 1);
  EXPECT_EQ((*runs)[1].id, *first);
  EXPECT_EQ((*runs)[1].results, 0);
}

}  // namespace
}  // namespace skillmatch::engine
