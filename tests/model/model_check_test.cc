// CheckCodes: the codes of profiles and offers against a taxonomy.
#include "skillmatch/model/model_check.h"

#include <gtest/gtest.h>

#include "support/sample_taxonomy.h"

namespace skillmatch::engine {
namespace {

using skillmatch::testing::SampleTaxonomy;

class ModelCheck : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { tax_ = &SampleTaxonomy(); }
  static const classification::Taxonomy* tax_;
};
const classification::Taxonomy* ModelCheck::tax_ = nullptr;

TEST_F(ModelCheck, KnownCodesPass) {
  Profile profile;
  profile.target_occupations = {"F1701", "F1702"};
  profile.past_occupations = {{"F1703", 2}};
  profile.skills = {{tax_->skill(0).id, 3, true}};
  EXPECT_TRUE(CheckCodes(profile, *tax_, "p.jsonl:1").ok());
  Offer offer;  // not coded yet: allowed
  EXPECT_TRUE(CheckCodes(offer, *tax_, "o.jsonl:1").ok());
  offer.occupation = "F1701";
  EXPECT_TRUE(CheckCodes(offer, *tax_, "o.jsonl:1").ok());
}

TEST_F(ModelCheck, EachProblemNamesItsField) {
  const std::string name = " (not in taxonomy roame-sample 2026.11)";
  Profile profile;
  profile.target_occupations = {"F1701", "Z9999"};
  EXPECT_EQ(CheckCodes(profile, *tax_, "p.jsonl:3").message(),
            "p.jsonl:3: target_occupations[1]: unknown occupation 'Z9999'" + name);
  profile.target_occupations = {"F17"};
  EXPECT_EQ(CheckCodes(profile, *tax_, "p.jsonl:3").message(),
            "p.jsonl:3: target_occupations[0]: 'F17' is not an occupation (level "
            "area); records are coded to occupations");
  profile.target_occupations = {};
  profile.past_occupations = {{"Q0000", 1}};
  EXPECT_EQ(CheckCodes(profile, *tax_, "p.jsonl:3").message(),
            "p.jsonl:3: past_occupations[0].code: unknown occupation 'Q0000'" + name);
  profile.past_occupations = {};
  profile.soft_skills = {{tax_->skill(0).id, 2, false}, {"S-NOPE", 2, false}};
  Status bad = CheckCodes(profile, *tax_, "p.jsonl:3");
  EXPECT_EQ(bad.code(), StatusCode::kDataError);
  EXPECT_EQ(bad.message(), "p.jsonl:3: soft_skills[1].skill_id: unknown skill 'S-NOPE'" + name);
  Offer offer;
  offer.occupation = "F1701";
  offer.skills = {{"T-NOPE", true, 0}};
  EXPECT_EQ(CheckCodes(offer, *tax_, "o.jsonl:9").message(),
            "o.jsonl:9: skills[0].skill_id: unknown skill 'T-NOPE'" + name);
}

}  // namespace
}  // namespace skillmatch::engine
