#include "skillmatch/eval/ranking_metrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "support/temp_dir.h"

namespace skillmatch::engine {
namespace {

// Values are compared to 1e-6: hand computations below keep 7 digits.
constexpr double kTolerance = 1e-6;

Qrels ParseQrels(const std::string& text) {
  std::istringstream in(text);
  Result<Qrels> qrels = Qrels::Read(in, "q.txt");
  EXPECT_TRUE(qrels.ok()) << qrels.status().message();
  return qrels.ok() ? std::move(qrels).value() : Qrels();
}

TrecRun ParseRun(const std::string& text) {
  std::istringstream in(text);
  Result<TrecRun> run = TrecRun::Read(in, "r.txt");
  EXPECT_TRUE(run.ok()) << run.status().message();
  return run.ok() ? std::move(run).value() : TrecRun();
}

Status QrelsError(const std::string& text) {
  std::istringstream in(text);
  Result<Qrels> qrels = Qrels::Read(in, "q.txt");
  return qrels.ok() ? Status::Ok() : qrels.status();
}

Status RunError(const std::string& text) {
  std::istringstream in(text);
  Result<TrecRun> run = TrecRun::Read(in, "r.txt");
  return run.ok() ? Status::Ok() : run.status();
}

RankingEvaluation Evaluate(const Qrels& qrels, const TrecRun& run,
                           const RankingOptions& options = {}) {
  Result<RankingEvaluation> evaluation = EvaluateRanking(qrels, run, options);
  EXPECT_TRUE(evaluation.ok()) << evaluation.status().message();
  return evaluation.ok() ? std::move(evaluation).value() : RankingEvaluation();
}

// The value of measure `name` ("map", "P_5", ...) of `metrics`.
double Measure(const RankingEvaluation& evaluation, const QueryMetrics& metrics,
               const std::string& name) {
  for (const MeasureValue& measure : evaluation.Measures(metrics)) {
    if (measure.name == name) return measure.value;
  }
  ADD_FAILURE() << "no measure " << name;
  return std::nan("");
}

RankingOptions SmallCutoffs(std::vector<int64_t> cutoffs,
                            std::vector<int64_t> success_cutoffs) {
  RankingOptions options;
  options.cutoffs = std::move(cutoffs);
  options.success_cutoffs = std::move(success_cutoffs);
  return options;
}

// ------------------------------------------------------------ measures

TEST(RankingMetrics, SingleQueryWithBinaryJudgments) {
  // Judged relevant: d1, d3, d4 (num_rel 3); d2 judged not relevant; d5
  // retrieved but never judged. Ranking by score: d1 R, d2 N, d3 R, d5 N.
  Qrels qrels = ParseQrels(
      "q1 0 d1 1\n"
      "q1 0 d2 0\n"
      "q1 0 d3 1\n"
      "q1 0 d4 1\n");
  TrecRun run = ParseRun(
      "q1 Q0 d1 1 0.9 t\n"
      "q1 Q0 d2 2 0.8 t\n"
      "q1 Q0 d3 3 0.7 t\n"
      "q1 Q0 d5 4 0.6 t\n");
  RankingEvaluation evaluation = Evaluate(qrels, run);
  ASSERT_EQ(evaluation.num_q, 1);
  const QueryMetrics& q1 = evaluation.queries.at(0);
  EXPECT_EQ(q1.qid, "q1");
  EXPECT_EQ(q1.num_ret, 4);
  EXPECT_EQ(q1.num_rel, 3);
  EXPECT_EQ(q1.num_rel_ret, 2);
  // AP = (1/1 + 2/3) / 3 = 0.5555556
  EXPECT_NEAR(q1.map, 0.5555556, kTolerance);
  EXPECT_NEAR(q1.recip_rank, 1.0, kTolerance);
  // P_k divides by k even past the 4 retrieved: 2/5, 2/10, 2/1000.
  EXPECT_NEAR(Measure(evaluation, q1, "P_5"), 0.4, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "P_10"), 0.2, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "P_1000"), 0.002, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "recall_5"), 0.6666667, kTolerance);
  // DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) + 1/log2(4)
  // = 2.1309298; nDCG = 0.7039181. All within 5, so ndcg_cut_5 is equal.
  EXPECT_NEAR(q1.ndcg, 0.7039181, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "ndcg_cut_5"), 0.7039181, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "success_1"), 1.0, kTolerance);
  // One query: the summary is that query.
  EXPECT_NEAR(evaluation.summary.map, 0.5555556, kTolerance);
  EXPECT_EQ(evaluation.summary.qid, "all");
}

TEST(RankingMetrics, TiesAreBrokenByDocnoInDecreasingByteOrder) {
  // q1: a and b share score 1.0; trec_eval puts "b" before "a" although
  // the rank column says a is first. The relevant a is at rank 2:
  // recip_rank = 1/2, AP = (1/2) / 1 = 0.5, P_1 = 0, P_2 = 1/2.
  // q2: "d9" and "d10" tie; byte order puts "d9" first ('9' > '1'), so the
  // relevant d10 is at rank 2 too: recip_rank 0.5.
  Qrels qrels = ParseQrels(
      "q1 0 a 1\n"
      "q2 0 d10 1\n");
  TrecRun run = ParseRun(
      "q1 Q0 a 1 1.0 t\n"
      "q1 Q0 b 2 1.0 t\n"
      "q1 Q0 c 3 0.5 t\n"
      "q2 Q0 d10 1 2 t\n"
      "q2 Q0 d9 2 2.0 t\n");
  RankingEvaluation evaluation =
      Evaluate(qrels, run, SmallCutoffs({1, 2}, {1}));
  ASSERT_EQ(evaluation.queries.size(), 2u);
  const QueryMetrics& q1 = evaluation.queries[0];
  EXPECT_NEAR(q1.recip_rank, 0.5, kTolerance);
  EXPECT_NEAR(q1.map, 0.5, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "P_1"), 0.0, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "P_2"), 0.5, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "success_1"), 0.0, kTolerance);
  // nDCG = (1/log2(3)) / 1 = 0.6309298
  EXPECT_NEAR(q1.ndcg, 0.6309298, kTolerance);
  const QueryMetrics& q2 = evaluation.queries[1];
  EXPECT_NEAR(q2.recip_rank, 0.5, kTolerance);
}

TEST(RankingMetrics, LineOrderAndRankColumnDoNotMatter) {
  // The same scores written in two orders with contradictory ranks give
  // the same ranking: d3 (0.9) R, d1 (0.5) N, d2 (0.1) R.
  // AP = (1/1 + 2/3) / 2 = 0.8333333.
  Qrels qrels = ParseQrels("q1 0 d2 1\nq1 0 d3 1\n");
  TrecRun forward =
      ParseRun("q1 Q0 d1 1 0.5 t\nq1 Q0 d2 2 0.1 t\nq1 Q0 d3 3 0.9 t\n");
  TrecRun backward =
      ParseRun("q1 Q0 d3 9 0.9 t\nq1 Q0 d2 1 0.1 t\nq1 Q0 d1 5 0.5 t\n");
  EXPECT_NEAR(Evaluate(qrels, forward).summary.map, 0.8333333, kTolerance);
  EXPECT_NEAR(Evaluate(qrels, backward).summary.map, 0.8333333, kTolerance);
}

TEST(RankingMetrics, GradedRelevanceNdcg) {
  // Grades: a 3, b 2, c 1, d 0, e 2 (e never retrieved); x unjudged.
  // Ranking: c(1) a(3) d(0) b(2) x(-).
  // DCG = 1/log2(2) + 3/log2(3) + 0/log2(4) + 2/log2(5) + 0
  //     = 1 + 1.8927893 + 0 + 0.8613531 = 3.7541424
  // Ideal grades 3, 2, 2, 1 (e included although not retrieved):
  // IDCG = 3/1 + 2/log2(3) + 2/log2(4) + 1/log2(5)
  //      = 3 + 1.2618595 + 1 + 0.4306766 = 5.6925361
  // ndcg = 3.7541424 / 5.6925361 = 0.6594850
  // ndcg_cut_2 = (1 + 1.8927893) / (3 + 1.2618595) = 0.6787622
  // ndcg_cut_5 = ndcg (5 covers the 5 retrieved and the 4 ideal documents)
  // Binary at level 1: relevant a, b, c, e; AP = (1/1 + 2/2 + 3/4) / 4
  // = 0.6875.
  Qrels qrels =
      ParseQrels("q1 0 a 3\nq1 0 b 2\nq1 0 c 1\nq1 0 d 0\nq1 0 e 2\n");
  TrecRun run = ParseRun(
      "q1 Q0 c 1 0.9 t\nq1 Q0 a 2 0.8 t\nq1 Q0 d 3 0.7 t\n"
      "q1 Q0 b 4 0.6 t\nq1 Q0 x 5 0.5 t\n");
  RankingEvaluation evaluation =
      Evaluate(qrels, run, SmallCutoffs({2, 5}, {1}));
  const QueryMetrics& q1 = evaluation.queries.at(0);
  EXPECT_NEAR(q1.ndcg, 0.6594850, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "ndcg_cut_2"), 0.6787622, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "ndcg_cut_5"), 0.6594850, kTolerance);
  EXPECT_EQ(q1.num_rel, 4);
  EXPECT_NEAR(q1.map, 0.6875, kTolerance);
}

TEST(RankingMetrics, RelevanceLevelChangesBinaryMeasuresButNotNdcg) {
  // Same data as GradedRelevanceNdcg with trec_eval -l 2: relevant are a,
  // b, e (num_rel 3). Ranking c N, a R, d N, b R, x N:
  // AP = (1/2 + 2/4) / 3 = 0.3333333; recip_rank = 1/2; P_2 = 1/2.
  // nDCG uses the grades as gains whatever the level: 0.6594850.
  Qrels qrels =
      ParseQrels("q1 0 a 3\nq1 0 b 2\nq1 0 c 1\nq1 0 d 0\nq1 0 e 2\n");
  TrecRun run = ParseRun(
      "q1 Q0 c 1 0.9 t\nq1 Q0 a 2 0.8 t\nq1 Q0 d 3 0.7 t\n"
      "q1 Q0 b 4 0.6 t\nq1 Q0 x 5 0.5 t\n");
  RankingOptions options = SmallCutoffs({2, 5}, {1});
  options.relevance_level = 2;
  RankingEvaluation evaluation = Evaluate(qrels, run, options);
  const QueryMetrics& q1 = evaluation.queries.at(0);
  EXPECT_EQ(q1.num_rel, 3);
  EXPECT_EQ(q1.num_rel_ret, 2);
  EXPECT_NEAR(q1.map, 0.3333333, kTolerance);
  EXPECT_NEAR(q1.recip_rank, 0.5, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "P_2"), 0.5, kTolerance);
  EXPECT_NEAR(q1.ndcg, 0.6594850, kTolerance);
}

TEST(RankingMetrics, JudgedQueryWithoutRelevantDocumentCountsAsZero) {
  // q1 is judged but nothing is relevant: trec_eval still evaluates it
  // (only queries with no judgment at all are skipped) and it pulls the
  // averages down. q2 is perfect.
  // q1: map 0, ndcg 0 (ideal DCG 0), recall 0 (num_rel 0), P_5 0.
  // q2: map 1, ndcg 1, recall_5 1, P_5 = 1/5.
  // all: num_q 2, map 0.5, ndcg 0.5, recall_5 0.5, P_5 = (0 + 0.2)/2 = 0.1,
  // num_ret 2 + 1 = 3, num_rel 0 + 1 = 1.
  Qrels qrels = ParseQrels("q1 0 a 0\nq1 0 b 0\nq2 0 x 1\n");
  TrecRun run = ParseRun("q1 Q0 a 1 1.0 t\nq1 Q0 b 2 0.5 t\nq2 Q0 x 1 1.0 t\n");
  RankingEvaluation evaluation = Evaluate(qrels, run);
  ASSERT_EQ(evaluation.num_q, 2);
  const QueryMetrics& q1 = evaluation.queries[0];
  EXPECT_EQ(q1.num_rel, 0);
  EXPECT_NEAR(q1.map, 0.0, kTolerance);
  EXPECT_NEAR(q1.ndcg, 0.0, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "recall_5"), 0.0, kTolerance);
  const QueryMetrics& all = evaluation.summary;
  EXPECT_NEAR(all.map, 0.5, kTolerance);
  EXPECT_NEAR(all.ndcg, 0.5, kTolerance);
  EXPECT_NEAR(Measure(evaluation, all, "recall_5"), 0.5, kTolerance);
  EXPECT_NEAR(Measure(evaluation, all, "P_5"), 0.1, kTolerance);
  EXPECT_EQ(all.num_ret, 3);
  EXPECT_EQ(all.num_rel, 1);
}

TEST(RankingMetrics, UnjudgedAndNegativeJudgmentsAreNotRelevant) {
  // u is not in the qrels; z is judged -1 (trec_eval: in the pool but not
  // judged), which counts neither as relevant nor in num_rel.
  // Ranking u(3.0) z(2.0) a(1.0): the only relevant document is at rank 3.
  // num_rel 1, AP = (1/3)/1 = 0.3333333, recip_rank 1/3,
  // nDCG = (1/log2(4)) / 1 = 0.5, P_5 = 1/5.
  Qrels qrels = ParseQrels("q1 0 a 1\nq1 0 z -1\n");
  TrecRun run = ParseRun("q1 Q0 a 1 1.0 t\nq1 Q0 z 2 2.0 t\nq1 Q0 u 3 3.0 t\n");
  RankingEvaluation evaluation = Evaluate(qrels, run);
  const QueryMetrics& q1 = evaluation.queries.at(0);
  EXPECT_EQ(q1.num_ret, 3);
  EXPECT_EQ(q1.num_rel, 1);
  EXPECT_EQ(q1.num_rel_ret, 1);
  EXPECT_NEAR(q1.map, 0.3333333, kTolerance);
  EXPECT_NEAR(q1.recip_rank, 0.3333333, kTolerance);
  EXPECT_NEAR(q1.ndcg, 0.5, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "P_5"), 0.2, kTolerance);
}

TEST(RankingMetrics, CutoffMeasuresPadShortRankingsWithNonRelevant) {
  // Ranking n(N) r1(R) r2(R), num_rel 2.
  // P_1 = 0, P_2 = 1/2, P_10 = 2/10; recall_1 = 0, recall_2 = 1/2,
  // recall_10 = 1; success_1 = 0, success_2 = 1.
  Qrels qrels = ParseQrels("q1 0 r1 1\nq1 0 r2 1\nq1 0 n 0\n");
  TrecRun run = ParseRun("q1 Q0 n 1 3 t\nq1 Q0 r1 2 2 t\nq1 Q0 r2 3 1 t\n");
  RankingEvaluation evaluation =
      Evaluate(qrels, run, SmallCutoffs({1, 2, 10}, {1, 2}));
  const QueryMetrics& q1 = evaluation.queries.at(0);
  EXPECT_NEAR(Measure(evaluation, q1, "P_1"), 0.0, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "P_2"), 0.5, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "P_10"), 0.2, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "recall_1"), 0.0, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "recall_2"), 0.5, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "recall_10"), 1.0, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "success_1"), 0.0, kTolerance);
  EXPECT_NEAR(Measure(evaluation, q1, "success_2"), 1.0, kTolerance);
}

TEST(RankingMetrics, QueriesMissingFromRunOrQrels) {
  // qrels: q1 (a, b relevant), q2 (c relevant). run: q1 (a, x), q3 (y).
  // q3 has no judgments: ignored. q2 has no results: left out by default.
  // q1: ranking a R, x N; AP = (1/1)/2 = 0.5;
  //     nDCG = 1 / (1 + 1/log2(3)) = 0.6131472.
  Qrels qrels = ParseQrels("q1 0 a 1\nq1 0 b 1\nq2 0 c 1\n");
  TrecRun run = ParseRun("q1 Q0 a 1 2.0 t\nq1 Q0 x 2 1.0 t\nq3 Q0 y 1 1.0 t\n");

  RankingEvaluation by_default = Evaluate(qrels, run);
  EXPECT_EQ(by_default.num_q, 1);
  ASSERT_EQ(by_default.queries.size(), 1u);
  EXPECT_EQ(by_default.queries[0].qid, "q1");
  EXPECT_NEAR(by_default.summary.map, 0.5, kTolerance);
  EXPECT_NEAR(by_default.summary.ndcg, 0.6131472, kTolerance);
  EXPECT_EQ(by_default.summary.num_rel, 2);
  EXPECT_EQ(by_default.queries_without_judgments,
            std::vector<std::string>{"q3"});
  EXPECT_EQ(by_default.queries_without_results, std::vector<std::string>{"q2"});

  // trec_eval -c: q2 counts with zeros; map = (0.5 + 0)/2 = 0.25,
  // ndcg = 0.6131472/2 = 0.3065736; num_rel = 2 + 1 = 3, num_ret 2.
  RankingOptions complete;
  complete.complete_queries = true;
  RankingEvaluation all_judged = Evaluate(qrels, run, complete);
  EXPECT_EQ(all_judged.num_q, 2);
  ASSERT_EQ(all_judged.queries.size(), 2u);
  const QueryMetrics& q2 = all_judged.queries[1];
  EXPECT_EQ(q2.qid, "q2");
  EXPECT_EQ(q2.num_ret, 0);
  EXPECT_EQ(q2.num_rel, 1);
  EXPECT_NEAR(q2.map, 0.0, kTolerance);
  EXPECT_NEAR(all_judged.summary.map, 0.25, kTolerance);
  EXPECT_NEAR(all_judged.summary.ndcg, 0.3065736, kTolerance);
  EXPECT_EQ(all_judged.summary.num_rel, 3);
  EXPECT_EQ(all_judged.summary.num_ret, 2);
}

TEST(RankingMetrics, NoCommonQueryIsAnError) {
  Qrels qrels = ParseQrels("q1 0 a 1\n");
  TrecRun run = ParseRun("q2 Q0 a 1 1.0 t\n");
  Result<RankingEvaluation> evaluation = EvaluateRanking(qrels, run);
  ASSERT_FALSE(evaluation.ok());
  EXPECT_EQ(evaluation.status().code(), StatusCode::kDataError);
  EXPECT_EQ(evaluation.status().message(),
            "no query has both judgments and results");
  // With -c the judged query counts, with zeros: num_q 1, map 0.
  RankingOptions complete;
  complete.complete_queries = true;
  RankingEvaluation all_judged = Evaluate(qrels, run, complete);
  EXPECT_EQ(all_judged.num_q, 1);
  EXPECT_NEAR(all_judged.summary.map, 0.0, kTolerance);
}

TEST(RankingMetrics, MaxResultsCutsTheRankingAfterSorting) {
  // Ranking by score: b(3.0) R, c(2.0) N, a(1.0) R; num_rel 2.
  // Whole: AP = (1/1 + 2/3)/2 = 0.8333333.
  // -M 2 keeps b, c: num_ret 2, num_rel_ret 1, AP = (1/1)/2 = 0.5, and
  // nDCG = 1 / (1 + 1/log2(3)) = 0.6131472 (the ideal list is not cut).
  Qrels qrels = ParseQrels("q1 0 a 1\nq1 0 b 1\n");
  TrecRun run = ParseRun("q1 Q0 a 1 1.0 t\nq1 Q0 b 2 3.0 t\nq1 Q0 c 3 2.0 t\n");
  EXPECT_NEAR(Evaluate(qrels, run).summary.map, 0.8333333, kTolerance);
  RankingOptions options;
  options.max_results_per_query = 2;
  RankingEvaluation evaluation = Evaluate(qrels, run, options);
  EXPECT_EQ(evaluation.summary.num_ret, 2);
  EXPECT_EQ(evaluation.summary.num_rel_ret, 1);
  EXPECT_NEAR(evaluation.summary.map, 0.5, kTolerance);
  EXPECT_NEAR(evaluation.summary.ndcg, 0.6131472, kTolerance);
}

TEST(RankingMetrics, InMemoryInputsMatchTheFiles) {
  // The evaluations of the coder and the matcher build their inputs in
  // memory; the values must not depend on the route. Same data as
  // SingleQueryWithBinaryJudgments: AP 0.5555556, nDCG 0.7039181.
  testing::TempDir dir;
  dir.Write("qrels.txt", "q1 0 d1 1\nq1 0 d2 0\nq1 0 d3 1\nq1 0 d4 1\n");
  dir.Write("run.txt",
            "q1 Q0 d1 1 0.9 t\nq1 Q0 d2 2 0.8 t\n"
            "q1 Q0 d3 3 0.7 t\nq1 Q0 d5 4 0.6 t\n");
  Result<Qrels> from_file_qrels = Qrels::ReadFile(dir.Child("qrels.txt"));
  Result<TrecRun> from_file_run = TrecRun::ReadFile(dir.Child("run.txt"));
  ASSERT_TRUE(from_file_qrels.ok()) << from_file_qrels.status().message();
  ASSERT_TRUE(from_file_run.ok()) << from_file_run.status().message();
  EXPECT_EQ(from_file_run->tag(), "t");
  EXPECT_EQ(from_file_qrels->judgment_count(), 4u);
  EXPECT_EQ(from_file_run->result_count(), 4u);

  Qrels qrels;
  ASSERT_TRUE(qrels.Add("q1", "d1", 1).ok());
  ASSERT_TRUE(qrels.Add("q1", "d2", 0).ok());
  ASSERT_TRUE(qrels.Add("q1", "d3", 1).ok());
  ASSERT_TRUE(qrels.Add("q1", "d4", 1).ok());
  TrecRun run;
  // A ranked list without scores: score -rank keeps its order.
  ASSERT_TRUE(run.Add("q1", "d1", -1).ok());
  ASSERT_TRUE(run.Add("q1", "d2", -2).ok());
  ASSERT_TRUE(run.Add("q1", "d3", -3).ok());
  ASSERT_TRUE(run.Add("q1", "d5", -4).ok());

  RankingEvaluation from_files = Evaluate(*from_file_qrels, *from_file_run);
  RankingEvaluation in_memory = Evaluate(qrels, run);
  EXPECT_NEAR(from_files.summary.map, 0.5555556, kTolerance);
  EXPECT_NEAR(in_memory.summary.map, 0.5555556, kTolerance);
  EXPECT_NEAR(from_files.summary.ndcg, 0.7039181, kTolerance);
  EXPECT_NEAR(in_memory.summary.ndcg, 0.7039181, kTolerance);

  // EvaluateQuery gives the per-query values directly.
  Result<QueryMetrics> q1 =
      EvaluateQuery("q1", *qrels.Find("q1"), *run.Find("q1"));
  ASSERT_TRUE(q1.ok());
  EXPECT_NEAR(q1->map, 0.5555556, kTolerance);
  EXPECT_EQ(q1->num_rel_ret, 2);
}

TEST(RankingMetrics, InMemoryAddRejectsDuplicatesAndNaN) {
  Qrels qrels;
  ASSERT_TRUE(qrels.Add("q1", "d1", 1).ok());
  Status duplicate_judgment = qrels.Add("q1", "d1", 0);
  EXPECT_EQ(duplicate_judgment.code(), StatusCode::kDataError);
  EXPECT_EQ(duplicate_judgment.message(),
            "duplicate judgment of document 'd1' for query 'q1'");
  EXPECT_TRUE(qrels.Add("q2", "d1", 0).ok());  // another query: fine

  TrecRun run;
  ASSERT_TRUE(run.Add("q1", "d1", 0.5).ok());
  Status duplicate_result = run.Add("q1", "d1", 0.7);
  EXPECT_EQ(duplicate_result.code(), StatusCode::kDataError);
  EXPECT_EQ(duplicate_result.message(),
            "duplicate document 'd1' for query 'q1'");
  Status nan = run.Add("q1", "d2", std::nan(""));
  EXPECT_EQ(nan.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(nan.message(), "score of document 'd2' for query 'q1' is NaN");
  EXPECT_EQ(run.result_count(), 1u);
}

TEST(RankingMetrics, RejectsBadOptions) {
  Qrels qrels = ParseQrels("q1 0 a 1\n");
  TrecRun run = ParseRun("q1 Q0 a 1 1.0 t\n");
  auto error_of = [&](const RankingOptions& options) {
    Result<RankingEvaluation> evaluation = EvaluateRanking(qrels, run, options);
    EXPECT_FALSE(evaluation.ok());
    EXPECT_EQ(evaluation.status().code(), StatusCode::kInvalidArgument);
    return evaluation.ok() ? std::string() : evaluation.status().message();
  };
  const std::string cutoff_message =
      "cutoffs must be positive and strictly increasing";
  EXPECT_EQ(error_of(SmallCutoffs({10, 5}, {1})), cutoff_message);
  EXPECT_EQ(error_of(SmallCutoffs({5, 5}, {1})), cutoff_message);
  EXPECT_EQ(error_of(SmallCutoffs({0, 5}, {1})), cutoff_message);
  EXPECT_EQ(error_of(SmallCutoffs({5}, {-1})),
            "success cutoffs must be positive and strictly increasing");
  RankingOptions negative_level;
  negative_level.relevance_level = -1;
  EXPECT_EQ(error_of(negative_level), "relevance level must be >= 0, got -1");
  RankingOptions negative_max;
  negative_max.max_results_per_query = -3;
  EXPECT_EQ(error_of(negative_max),
            "max results per query must be >= 0 (0: all), got -3");
  // No cutoff at all is allowed: no P, recall, ndcg_cut or success.
  RankingEvaluation bare = Evaluate(qrels, run, SmallCutoffs({}, {}));
  EXPECT_EQ(bare.Measures(bare.summary).size(), 6u);
}

// ------------------------------------------------------------ readers

TEST(RankingMetricsReaders, QrelsSkipBlankAndCommentLinesAndAcceptCrlf) {
  Qrels qrels = ParseQrels(
      "\n"
      "# judged by hand\n"
      "q1 0 d1 1\r\n"
      "   \t \n"
      "q1\t0\td2\t+2\r\n");
  ASSERT_NE(qrels.Find("q1"), nullptr);
  EXPECT_EQ(qrels.judgment_count(), 2u);
  EXPECT_EQ(qrels.Find("q1")->at("d2"), 2);
  EXPECT_EQ(qrels.Find("q9"), nullptr);
  // Skipped lines still count for the line numbers of errors.
  EXPECT_EQ(QrelsError("\n# c\nq1 0 d1\n").message(),
            "q.txt:3: expected 4 fields (qid iter docno rel), got 3");
}

TEST(RankingMetricsReaders, QrelsErrorsNameFileAndLine) {
  Status three_fields = QrelsError("q1 0 d1 1\nq1 0 d2\n");
  EXPECT_EQ(three_fields.code(), StatusCode::kDataError);
  EXPECT_EQ(three_fields.message(),
            "q.txt:2: expected 4 fields (qid iter docno rel), got 3");
  EXPECT_EQ(QrelsError("q1 0 d2 1 extra\n").message(),
            "q.txt:1: expected 4 fields (qid iter docno rel), got 5");
  Status word = QrelsError("q1 0 d1 yes\n");
  EXPECT_EQ(word.code(), StatusCode::kDataError);
  EXPECT_EQ(word.message(), "q.txt:1: relevance must be an integer, got 'yes'");
  EXPECT_EQ(QrelsError("q1 0 d1 1.5\n").message(),
            "q.txt:1: relevance must be an integer, got '1.5'");
  EXPECT_EQ(QrelsError("q1 0 d1 99999999999\n").message(),
            "q.txt:1: relevance must be an integer, got '99999999999'");
  Status duplicate = QrelsError("q1 0 d1 1\nq2 0 d1 1\nq1 0 d1 0\n");
  EXPECT_EQ(duplicate.code(), StatusCode::kDataError);
  EXPECT_EQ(duplicate.message(),
            "q.txt:3: duplicate judgment of document 'd1' for query 'q1' "
            "(first on line 1)");
}

TEST(RankingMetricsReaders, RunErrorsNameFileAndLine) {
  Status five_fields = RunError("q1 Q0 d1 1 0.5\n");
  EXPECT_EQ(five_fields.code(), StatusCode::kDataError);
  EXPECT_EQ(five_fields.message(),
            "r.txt:1: expected at least 6 fields (qid Q0 docno rank score "
            "tag), got 5");
  EXPECT_EQ(RunError("q1 Q0 d1 1 0.5 t\nq1 Q0 d2 2 high t\n").message(),
            "r.txt:2: score must be a number, got 'high'");
  EXPECT_EQ(RunError("q1 Q0 d1 1 0.5x t\n").message(),
            "r.txt:1: score must be a number, got '0.5x'");
  EXPECT_EQ(RunError("q1 Q0 d1 1 nan t\n").message(),
            "r.txt:1: score must be a number, got 'nan'");
  Status duplicate =
      RunError("q1 Q0 d1 1 0.5 t\nq2 Q0 d1 1 0.5 t\nq1 Q0 d1 2 0.4 t\n");
  EXPECT_EQ(duplicate.code(), StatusCode::kDataError);
  EXPECT_EQ(duplicate.message(),
            "r.txt:3: duplicate document 'd1' for query 'q1' "
            "(first on line 1)");
}

TEST(RankingMetricsReaders, RunIgnoresExtraFieldsAndKeepsTheLastTag) {
  // trec_eval ignores fields after the tag and keeps the last line's tag.
  TrecRun run = ParseRun(
      "q1 Q0 d1 1 1e-3 runA extra fields\n"
      "q1 Q0 d2 x -2.5 runB\n"
      "q2 Q0 d1 1 +4 runC\n");
  EXPECT_EQ(run.tag(), "runC");
  ASSERT_NE(run.Find("q1"), nullptr);
  EXPECT_DOUBLE_EQ(run.Find("q1")->at("d1"), 0.001);
  EXPECT_DOUBLE_EQ(run.Find("q1")->at("d2"), -2.5);
  EXPECT_DOUBLE_EQ(run.Find("q2")->at("d1"), 4.0);
  EXPECT_EQ(run.result_count(), 3u);
}

TEST(RankingMetricsReaders, MissingFileIsNotFound) {
  testing::TempDir dir;
  std::string path = dir.Child("absent.qrels");
  Result<Qrels> qrels = Qrels::ReadFile(path);
  ASSERT_FALSE(qrels.ok());
  EXPECT_EQ(qrels.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(qrels.status().message(), path + ": cannot open file");
  Result<TrecRun> run = TrecRun::ReadFile(path);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kNotFound);
}

// ------------------------------------------------------------ output

TEST(RankingMetricsOutput, TableIsTrecEvalFormat) {
  // q1: the relevant a at rank 1: every measure 1.
  // q2: x (not relevant) then b (relevant): map = recip_rank = 1/2,
  //     P_1 = recall_1 = ndcg_cut_1 = success_1 = 0, ndcg = 1/log2(3)
  //     = 0.6309298.
  // all: num_ret 3, map 0.75, ndcg (1 + 0.6309298)/2 = 0.8154649.
  Qrels qrels = ParseQrels("q1 0 a 1\nq2 0 b 1\n");
  TrecRun run =
      ParseRun("q1 Q0 a 1 1.0 tagX\nq2 Q0 x 1 2.0 tagX\nq2 Q0 b 2 1.0 tagX\n");
  RankingEvaluation evaluation = Evaluate(qrels, run, SmallCutoffs({1}, {1}));

  std::ostringstream summary_only;
  WriteTrecEvalTable(evaluation, /*per_query=*/false, summary_only);
  EXPECT_EQ(summary_only.str(),
            "runid                 \tall\ttagX\n"
            "num_q                 \tall\t2\n"
            "num_ret               \tall\t3\n"
            "num_rel               \tall\t2\n"
            "num_rel_ret           \tall\t2\n"
            "map                   \tall\t0.7500\n"
            "recip_rank            \tall\t0.7500\n"
            "P_1                   \tall\t0.5000\n"
            "recall_1              \tall\t0.5000\n"
            "ndcg                  \tall\t0.8155\n"
            "ndcg_cut_1            \tall\t0.5000\n"
            "success_1             \tall\t0.5000\n");

  std::ostringstream per_query;
  WriteTrecEvalTable(evaluation, /*per_query=*/true, per_query);
  const std::string q2_block =
      "num_ret               \tq2\t2\n"
      "num_rel               \tq2\t1\n"
      "num_rel_ret           \tq2\t1\n"
      "map                   \tq2\t0.5000\n"
      "recip_rank            \tq2\t0.5000\n"
      "P_1                   \tq2\t0.0000\n"
      "recall_1              \tq2\t0.0000\n"
      "ndcg                  \tq2\t0.6309\n"
      "ndcg_cut_1            \tq2\t0.0000\n"
      "success_1             \tq2\t0.0000\n";
  // Each query's block (q1 first), then the summary.
  std::string text = per_query.str();
  EXPECT_EQ(text.rfind("num_ret               \tq1\t1\n", 0), 0u);
  EXPECT_NE(text.find(q2_block + summary_only.str()), std::string::npos);
  // 10 lines per query, then runid, num_q and the 10 summary measures.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2 * 10 + 12);
}

TEST(RankingMetricsOutput, DefaultMeasureNamesFollowTrecEvalOrder) {
  Qrels qrels = ParseQrels("q1 0 a 1\n");
  TrecRun run = ParseRun("q1 Q0 a 1 1.0 t\n");
  RankingEvaluation evaluation = Evaluate(qrels, run);
  std::vector<std::string> names;
  for (const MeasureValue& measure : evaluation.SummaryMeasures()) {
    names.push_back(measure.name);
  }
  std::vector<std::string> expected = {"num_q",       "num_ret", "num_rel",
                                       "num_rel_ret", "map",     "recip_rank"};
  for (const char* prefix : {"P_", "recall_"}) {
    for (int k : {5, 10, 15, 20, 30, 100, 200, 500, 1000}) {
      expected.push_back(prefix + std::to_string(k));
    }
  }
  expected.push_back("ndcg");
  for (int k : {5, 10, 15, 20, 30, 100, 200, 500, 1000}) {
    expected.push_back("ndcg_cut_" + std::to_string(k));
  }
  for (int k : {1, 5, 10}) expected.push_back("success_" + std::to_string(k));
  EXPECT_EQ(names, expected);
}

}  // namespace
}  // namespace skillmatch::engine
