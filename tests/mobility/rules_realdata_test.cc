// Building the rule pack from the published lists in
// ../shared/data/migration-rules (label realdata).
#include <gtest/gtest.h>

#include <map>

#include "skillmatch/mobility/rule_pack.h"
#include "support/sample_taxonomy.h"
#include "support/shared_data.h"
#include "support/temp_dir.h"

namespace skillmatch::mobility {
namespace {

TEST(RulesRealData, BuildsThePackFromThePublishedLists) {
  REQUIRE_SHARED_DATA("migration-rules");
  BuildOptions options;
  options.built_on = "2026-12-07";
  const std::string data = std::string(SKILLMATCH_SOURCE_DIR) + "/data/migration";
  options.confirmed = data + "/confirmed.csv";
  options.regulated = data + "/regulated.csv";
  options.destinations = data + "/destinations.csv";
  auto pack = BuildRulePack(testing::SharedDataPath("migration-rules"),
                            testing::SampleTaxonomy(), options);
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  // 107 Senegal + 16 Benin rows, one rule each, toward France.
  std::map<std::string, int> by_nationality;
  int reviewed = 0;
  for (const Rule& r : pack->rules) {
    EXPECT_EQ(r.destination, "FR");
    by_nationality[r.nationality] += 1;
    if (r.mapping == kMappingReview) ++reviewed;
    else EXPECT_FALSE(r.occupation.empty());
  }
  EXPECT_EQ(by_nationality["SN"], 107);
  EXPECT_EQ(by_nationality["BJ"], 16);
  EXPECT_EQ(pack->review.size(), static_cast<size_t>(reviewed));
  EXPECT_EQ(pack->rules.front().id, "FR-BJ-agreement-001");
  EXPECT_EQ(pack->rules.front().label, "Informaticiens chefs de projet");
  EXPECT_EQ(pack->rules.front().signed_on, "2007-11-28");
  // The gaps of fr-accords-status.csv: SN 107 of 108, CM not captured, ML,
  // TG, NE without a list.
  std::map<std::string, std::string> gaps;
  for (const Gap& g : pack->info.gaps) gaps[g.nationality] = g.what;
  EXPECT_EQ(gaps.size(), 5u);
  EXPECT_NE(gaps["CM"].find("list not captured (66 occupations announced)"), std::string::npos);
  EXPECT_NE(gaps["SN"].find("107"), std::string::npos);
  EXPECT_TRUE(gaps.count("ML") && gaps.count("TG") && gaps.count("NE"));
  testing::TempDir dir;
  ASSERT_TRUE(WriteRulePack(*pack, dir.Child("pack")).ok());
  EXPECT_TRUE(ValidateRulePack(dir.Child("pack"), &testing::SampleTaxonomy()).empty());
}

}  // namespace
}  // namespace skillmatch::mobility
