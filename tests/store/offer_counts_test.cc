// CountOpenAgencyOffers and CountOpenOffers (offer_counts.h): an agency's
// and every agency's open offers by occupation, judged on one day, on a
// :memory: store.
#include "skillmatch/store/offer_counts.h"

#include <gtest/gtest.h>

#include "support/sample_taxonomy.h"

namespace skillmatch::engine {
namespace {

class OfferCounts : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    store = std::move(*opened);
    ASSERT_TRUE(store->LoadTaxonomy(testing::SampleTaxonomy()).ok());
  }
  void Add(const std::string& id, const std::string& occupation, const std::string& agency,
           std::optional<std::string> expires = std::nullopt,
           std::optional<std::string> closed = std::nullopt) {
    Offer offer;
    offer.id = id;
    offer.source = "test";
    offer.title = "Offre " + id;
    offer.occupation = occupation;
    offer.location.country = "SN";
    offer.published = "2026-01-01";
    offer.expires = expires;
    if (closed) {
      offer.closed = closed;
      offer.closing_reason = "withdrawn";
    }
    ASSERT_TRUE(store->UpsertOffer(offer).ok()) << id;
    if (agency.empty()) return;  // as imported, before any assignment
    ASSERT_TRUE(store->SetAgency(AgencyRecord::kOffer, id, agency).ok()) << id;
  }
  std::unique_ptr<Store> store;
};

TEST_F(OfferCounts, CountsTheAgencysOffersOpenOnTheDayForTheOccupationsAsked) {
  Add("A1", "F1604", "dakar");                              // open
  Add("A2", "F1604", "dakar", "2026-12-07");                 // expires today: open
  Add("A3", "F1604", "dakar", "2026-12-06");                 // expired yesterday
  Add("A4", "F1604", "dakar", std::nullopt, "2026-12-07");   // closed today
  Add("A5", "F1604", "dakar", std::nullopt, "2026-12-08");   // closes tomorrow: open
  Add("A6", "F1604", "thies");                               // another agency
  Add("A7", "F1705", "dakar");                               // an occupation not asked
  Add("A8", "F1702", "dakar", "2026-01-31");                 // only an expired one
  auto counts = CountOpenAgencyOffers(*store, "dakar", "2026-12-07", {"F1604", "F1702", "K1403"});
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(*counts, (std::map<std::string, int64_t>{{"F1604", 3}}));
  auto thies = CountOpenAgencyOffers(*store, "thies", "2026-12-07", {"F1604", "F1705"});
  ASSERT_TRUE(thies.ok());
  EXPECT_EQ(*thies, (std::map<std::string, int64_t>{{"F1604", 1}}));
  auto none = CountOpenAgencyOffers(*store, "dakar", "2026-12-07", {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  // Every agency's: the same days and occupations, the agency left out.
  Add("A9", "F1604", "");                                    // an offer of no agency
  auto all = CountOpenOffers(*store, "2026-12-07", {"F1604", "F1702", "F1705"});
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(*all, (std::map<std::string, int64_t>{{"F1604", 5}, {"F1705", 1}}));
  auto tomorrow = CountOpenOffers(*store, "2026-12-08", {"F1604"});
  ASSERT_TRUE(tomorrow.ok());
  // A2 has expired and A5 closes that day: A1, A6 and A9 stay.
  EXPECT_EQ(*tomorrow, (std::map<std::string, int64_t>{{"F1604", 3}}));
  std::vector<std::string> many(kMaxCountedOccupations + 1, "F1604");
  auto refused = CountOpenAgencyOffers(*store, "dakar", "2026-12-07", many);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(), "open offer counts: 501 occupations, at most 500");
  EXPECT_EQ(CountOpenOffers(*store, "2026-12-07", many).status().message(),
            "open offer counts: 501 occupations, at most 500");
}

}  // namespace
}  // namespace skillmatch::engine
