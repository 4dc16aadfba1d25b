// Tests of the matching evaluation: the generated ground truth, judgments
// from decisions, seeded samples, and the runs of the engine, baselines and
// ablation on a small generated sample of the embedded taxonomy.
#include "skillmatch/eval/evaluation.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

#include "support/sample_taxonomy.h"

namespace skillmatch::engine {
namespace {

using classification::NodeIndex;
using classification::Taxonomy;
using skillmatch::testing::SampleTaxonomy;

// The default config, scoring generated offers as of their year's start
// (the scorer's default day, the system date, would drop those expired).
ScoringConfig GeneratedConfig() {
  ScoringConfig config;
  config.today = GeneratedAsOf();
  return config;
}

class EvaluationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    taxonomy_ = &SampleTaxonomy();
    auto scorer = Scorer::Create(*taxonomy_, GeneratedConfig());
    ASSERT_TRUE(scorer.ok()) << scorer.status().message();
    scorer_ = scorer->release();
  }
  static void TearDownTestSuite() { delete scorer_; }
  static const Taxonomy& taxonomy() { return *taxonomy_; }
  static const Scorer& scorer() { return *scorer_; }

  // Essential skill ids of occupation `code`.
  static std::vector<std::string> Essentials(const std::string& code) {
    std::vector<std::string> ids;
    for (const auto& link : taxonomy_->SkillsOf(taxonomy_->FindNode(code))) {
      if (link.relation == classification::SkillRelation::kEssential) {
        ids.push_back(taxonomy_->skill(link.skill).id);
      }
    }
    return ids;
  }

 private:
  static const Taxonomy* taxonomy_;
  static Scorer* scorer_;
};

const Taxonomy* EvaluationTest::taxonomy_ = nullptr;
Scorer* EvaluationTest::scorer_ = nullptr;

Offer MakeOffer(const std::string& code,
                const std::vector<std::string>& essentials,
                const std::string& country) {
  Offer offer;
  offer.id = "O1";
  offer.occupation = code;
  for (const std::string& id : essentials)
    offer.skills.push_back({id, true, 0});
  offer.skills.push_back({"NOT-ESSENTIAL", false, 0});
  offer.location.country = country;
  offer.location.region = "Dakar";
  return offer;
}

Profile MakeProfile() {
  Profile profile;
  profile.id = "P1";
  profile.location.country = "SN";
  profile.location.region = "Dakar";
  return profile;
}

TEST_F(EvaluationTest, EssentialShareCountsEssentialSkillsReallyHeld) {
  ProfileTruth truth;
  truth.skills = {"S1", "S3"};  // sorted, as the generator writes them
  Offer offer;
  offer.skills = {{"S1", true, 0}, {"S2", true, 2}, {"S3", false, 0}};
  EXPECT_DOUBLE_EQ(RelevanceJudge::EssentialShare(truth, offer), 0.5);
  offer.skills = {{"S3", false, 0}};
  EXPECT_DOUBLE_EQ(RelevanceJudge::EssentialShare(truth, offer), 1.0);
}

TEST_F(EvaluationTest, GradesFollowOccupationSkillsCloseLinksAndFilters) {
  // A close mobility link a -> b of the sample, and an occupation c with no
  // close link from a, in another domain.
  const classification::MobilityLink* close = nullptr;
  for (const auto& link : taxonomy().mobility()) {
    if (link.kind == classification::MobilityKind::kClose &&
        Essentials(taxonomy().node(link.to).code).size() >= 4) {
      close = &link;
      break;
    }
  }
  ASSERT_NE(close, nullptr);
  const std::string a = taxonomy().node(close->from).code;
  const std::string b = taxonomy().node(close->to).code;
  const RelevanceJudge judge(scorer());
  std::string c;
  for (NodeIndex node : taxonomy().occupations()) {
    const std::string code = taxonomy().node(node).code;
    if (code[0] != a[0] && code[0] != b[0] && !judge.IsClose(a, code) &&
        !judge.IsClose(b, code)) {
      c = code;
      break;
    }
  }
  ASSERT_FALSE(c.empty());
  EXPECT_TRUE(judge.IsClose(a, b));

  const std::vector<std::string> essentials = Essentials(b);
  const size_t n = essentials.size();
  const Offer offer = MakeOffer(b, essentials, "SN");
  OfferTruth offer_truth;
  offer_truth.occupation = b;
  const Profile profile = MakeProfile();

  auto truth_with = [&](const std::string& occupation, size_t held) {
    ProfileTruth truth;
    truth.occupation = occupation;
    truth.skills.assign(essentials.begin(), essentials.begin() + held);
    std::sort(truth.skills.begin(), truth.skills.end());
    return truth;
  };
  // Same occupation: all essentials 2; none: 0 (share below 0.4).
  EXPECT_EQ(judge.Grade(profile, truth_with(b, n), offer, offer_truth), 2);
  EXPECT_EQ(judge.Grade(profile, truth_with(b, 0), offer, offer_truth), 0);
  // Same occupation, half of the essentials: partial, 1.
  const size_t half = (n + 1) / 2;
  ASSERT_GE(static_cast<double>(half) / n, 0.4);
  ASSERT_LT(static_cast<double>(half) / n, 0.7);
  EXPECT_EQ(judge.Grade(profile, truth_with(b, half), offer, offer_truth), 1);
  // Close occupation, no skill: 1; even with every skill, not 2.
  EXPECT_EQ(judge.Grade(profile, truth_with(a, 0), offer, offer_truth), 1);
  EXPECT_EQ(judge.Grade(profile, truth_with(a, n), offer, offer_truth), 1);
  // Unrelated occupation: 0 without the skills, 1 with them.
  EXPECT_EQ(judge.Grade(profile, truth_with(c, 0), offer, offer_truth), 0);
  EXPECT_EQ(judge.Grade(profile, truth_with(c, n), offer, offer_truth), 1);
  // Abroad, for a jobseeker who is not mobile: filtered, 0.
  const Offer abroad = MakeOffer(b, essentials, "FR");
  ASSERT_EQ(scorer().Filter(profile, abroad), FilterReason::kLocation);
  EXPECT_EQ(judge.Grade(profile, truth_with(b, n), abroad, offer_truth), 0);
}

TEST_F(EvaluationTest, DecisionsBecomeJudgmentsAndTheLastAnswerCounts) {
  std::vector<Decision> decisions = {
      {0, "P1", "O1", "accepted", "", "", ""},
      {0, "P1", "O2", "refused", "", "", ""},
      {0, "P1", "O3", "proposed", "", "", ""},
      {0, "P2", "O1", "accepted", "", "", ""},
      {0, "P2", "O1", "refused", "", "", ""},
      {0, "P3", "O2", "refused", "", "", ""},
      {0, "P3", "O2", "proposed", "", "", ""},
  };
  const Qrels qrels = QrelsFromDecisions(decisions);
  ASSERT_EQ(qrels.judgment_count(), 4u);
  EXPECT_EQ(*qrels.Find("P1"), (Judgments{{"O1", 1}, {"O2", 0}}));
  EXPECT_EQ(*qrels.Find("P2"), (Judgments{{"O1", 0}}));
  EXPECT_EQ(*qrels.Find("P3"), (Judgments{{"O2", 0}}));

  const Qrels swapped = Transpose(qrels);
  ASSERT_EQ(swapped.judgment_count(), 4u);
  EXPECT_EQ(*swapped.Find("O1"), (Judgments{{"P1", 1}, {"P2", 0}}));
  EXPECT_EQ(*swapped.Find("O2"), (Judgments{{"P1", 0}, {"P3", 0}}));

  std::ostringstream text;
  WriteQrels(qrels, text);
  EXPECT_EQ(text.str(), "P1 0 O1 1\nP1 0 O2 0\nP2 0 O1 0\nP3 0 O2 0\n");
}

TEST_F(EvaluationTest, SamplesAreSeededDistinctAndSorted) {
  const std::vector<size_t> sample = SampleIndexes(1000, 50, 7, 1);
  ASSERT_EQ(sample.size(), 50u);
  EXPECT_TRUE(std::is_sorted(sample.begin(), sample.end()));
  EXPECT_EQ(std::set<size_t>(sample.begin(), sample.end()).size(), 50u);
  EXPECT_LT(sample.back(), 1000u);
  EXPECT_EQ(sample, SampleIndexes(1000, 50, 7, 1));
  EXPECT_NE(sample, SampleIndexes(1000, 50, 8, 1));
  EXPECT_NE(sample, SampleIndexes(1000, 50, 7, 2));
  EXPECT_EQ(SampleIndexes(3, 50, 7, 1), (std::vector<size_t>{0, 1, 2}));
}

class MatchingEvaluationTest : public EvaluationTest {
 protected:
  static void SetUpTestSuite() {
    EvaluationTest::SetUpTestSuite();
    auto generator = Generator::Create(taxonomy(), GeneratorOptions());
    ASSERT_TRUE(generator.ok());
    sample_ = new GeneratedSample(Generate(*generator, 120, 800));
    const RelevanceJudge judge(scorer());
    std::array<Qrels, kDirectionCount> qrels;
    qrels[0] = GeneratedQrels(judge, *sample_, Direction::kProfileToOffers,
                              SampleIndexes(120, 120, 1, 1));
    qrels[1] = GeneratedQrels(judge, *sample_, Direction::kOfferToProfiles,
                              SampleIndexes(800, 100, 1, 2));
    MatchingOptions options;
    options.top_k = 20;
    options.cutoffs = {1, 5, 10, 20};
    auto evaluation =
        EvaluateMatching(taxonomy(), GeneratedConfig(), sample_->profiles,
                         sample_->offers, qrels, options);
    ASSERT_TRUE(evaluation.ok()) << evaluation.status().message();
    evaluation_ = new MatchingEvaluation(std::move(evaluation).value());
  }
  static void TearDownTestSuite() {
    delete evaluation_;
    delete sample_;
    EvaluationTest::TearDownTestSuite();
  }
  static const SystemEvaluation& System(const std::string& name) {
    for (const SystemEvaluation& system : evaluation_->systems) {
      if (system.name == name) return system;
    }
    ADD_FAILURE() << "no system " << name;
    return evaluation_->systems.front();
  }
  static double Ndcg10(const SystemEvaluation& system, int dir) {
    return system.evaluations[dir].summary.ndcg_cut[2];
  }
  static GeneratedSample* sample_;
  static MatchingEvaluation* evaluation_;
};

GeneratedSample* MatchingEvaluationTest::sample_ = nullptr;
MatchingEvaluation* MatchingEvaluationTest::evaluation_ = nullptr;

TEST_F(MatchingEvaluationTest, RunsEngineBaselinesAndAblationInOrder) {
  std::vector<std::string> names;
  for (const SystemEvaluation& system : evaluation_->systems) {
    names.push_back(system.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{
                       "engine", "random", "occupation-code", "skill-overlap",
                       "without-occupation", "without-skills",
                       "without-soft_skills", "without-languages",
                       "without-education", "without-experience"}));
  for (int block = 0; block < kBlockCount; ++block) {
    const SystemEvaluation& ablation = evaluation_->systems[4 + block];
    EXPECT_EQ(ablation.kind, "ablation");
    EXPECT_EQ(ablation.weights[block], 0.0f) << ablation.name;
  }
}

TEST_F(MatchingEvaluationTest, EngineBeatsRandomAndCodeOnlyInBothDirections) {
  for (int dir = 0; dir < kDirectionCount; ++dir) {
    const double engine = Ndcg10(System("engine"), dir);
    EXPECT_GT(engine, 0.7) << dir;
    EXPECT_GT(engine, Ndcg10(System("random"), dir) + 0.3) << dir;
    EXPECT_GT(engine, Ndcg10(System("occupation-code"), dir)) << dir;
    // Every system is averaged over the same judged queries.
    EXPECT_EQ(System("random").evaluations[dir].num_q,
              System("engine").evaluations[dir].num_q);
    EXPECT_EQ(System("engine").evaluations[dir].num_q,
              static_cast<int64_t>(evaluation_->qrels[dir].queries().size()));
  }
}

TEST_F(MatchingEvaluationTest, RunsRetrieveOnlyPairsThatPassTheFilters) {
  std::unordered_map<std::string, const Profile*> profiles;
  for (const Profile& p : sample_->profiles) profiles[p.id] = &p;
  std::unordered_map<std::string, const Offer*> offers;
  for (const Offer& o : sample_->offers) offers[o.id] = &o;
  for (const SystemEvaluation& system : evaluation_->systems) {
    for (const auto& [qid, retrieved] : system.runs[0].queries()) {
      EXPECT_LE(retrieved.size(), 20u);
      for (const auto& [docno, score] : retrieved) {
        EXPECT_EQ(scorer().Filter(*profiles.at(qid), *offers.at(docno)),
                  FilterReason::kNone)
            << system.name << " " << qid << " " << docno;
        if (system.name == "occupation-code") {
          // Only offers of a target or past occupation.
          const Profile& p = *profiles.at(qid);
          bool known = false;
          for (const auto& code : p.target_occupations) {
            known = known || code == offers.at(docno)->occupation;
          }
          for (const auto& past : p.past_occupations) {
            known = known || past.code == offers.at(docno)->occupation;
          }
          EXPECT_TRUE(known) << qid << " " << docno;
        }
      }
    }
  }
}

TEST_F(MatchingEvaluationTest, WrittenFilesReScoreToTheSameFigures) {
  for (int dir = 0; dir < kDirectionCount; ++dir) {
    std::stringstream qrels_text;
    WriteQrels(evaluation_->qrels[dir], qrels_text);
    auto qrels = Qrels::Read(qrels_text, "qrels");
    ASSERT_TRUE(qrels.ok()) << qrels.status().message();
    for (const SystemEvaluation& system : evaluation_->systems) {
      std::stringstream run_text;
      WriteRun(system.runs[dir], run_text);
      auto run = TrecRun::Read(run_text, "run");
      ASSERT_TRUE(run.ok()) << run.status().message();
      EXPECT_EQ(run->tag(), system.name);
      auto again =
          EvaluateRanking(*qrels, *run, system.evaluations[dir].options);
      ASSERT_TRUE(again.ok()) << again.status().message();
      const QueryMetrics& x = again->summary;
      const QueryMetrics& y = system.evaluations[dir].summary;
      EXPECT_EQ(x.map, y.map) << system.name;
      EXPECT_EQ(x.recip_rank, y.recip_rank) << system.name;
      EXPECT_EQ(x.ndcg_cut, y.ndcg_cut) << system.name;
      EXPECT_EQ(x.precision, y.precision) << system.name;
    }
  }
}

TEST_F(EvaluationTest, UnknownJudgedQueryIsADataError) {
  std::array<Qrels, kDirectionCount> qrels;
  ASSERT_TRUE(qrels[0].Add("NOBODY", "O1", 1).ok());
  ASSERT_TRUE(qrels[1].Add("O1", "P1", 1).ok());
  Offer offer = MakeOffer("F1701", {}, "SN");
  auto evaluation = EvaluateMatching(taxonomy(), GeneratedConfig(),
                                     {MakeProfile()}, {offer}, qrels, {});
  ASSERT_FALSE(evaluation.ok());
  EXPECT_EQ(evaluation.status().code(), StatusCode::kDataError);
  EXPECT_EQ(evaluation.status().message(),
            "judged query 'NOBODY' is not a known profile");
}

}  // namespace
}  // namespace skillmatch::engine
