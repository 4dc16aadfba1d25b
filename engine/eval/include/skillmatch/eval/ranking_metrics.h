// Ranking metrics computed exactly as trec_eval 9.x computes them.
//
// The inputs are TREC relevance judgments ("qrels") and a TREC run. Both can
// be read from files or streams, or built in memory (the coder and matching
// evaluations fill them from their own results). EvaluateRanking() then gives
// every measure per query and averaged over queries, with the names, values
// and printing of trec_eval (usnistgov/trec_eval) run with default options:
//
//   trec_eval -q -m num_q -m num_ret -m num_rel -m num_rel_ret -m map
//             -m recip_rank -m P -m recall -m ndcg -m ndcg_cut -m success
//
// trec_eval's semantics, each checked against its source:
//  - Ranking (form_res_rels.c, comp_sim_docno): a query's documents are
//    sorted by score, highest first; equal scores are ordered by docno in
//    *decreasing* byte order (strcmp), so of "d1" and "d2" with the same
//    score "d2" comes first. The rank column of the run file is ignored
//    (get_trec_results.c), and the order of lines does not matter.
//  - A document is relevant when its judgment is >= relevance_level (-l,
//    default 1). Retrieved documents absent from the qrels, and those judged
//    with a negative value (trec_eval's "in the pool but unjudged"), are not
//    relevant and have gain 0. num_rel counts the query's judged documents
//    with relevance >= relevance_level, retrieved or not.
//  - Queries (trec_eval.c): only queries that are in the qrels and in the run
//    are evaluated; run queries without judgments are ignored; judged queries
//    without results are left out of num_q and of the averages unless
//    `complete_queries` is set (trec_eval -c), in which case they count with
//    0 for every measure. A judged query with no relevant document is
//    evaluated (map, recall, ndcg are 0) and counts in the averages.
//  - Averages (meas_avg.c): the arithmetic mean over the evaluated queries,
//    summed in query-id order; num_ret, num_rel and num_rel_ret are sums
//    (m_num_*.c), num_q is the number of evaluated queries.
//  - Duplicates: trec_eval stops with "duplicate docs" when a docno appears
//    twice for one query in the run or in the qrels (form_res_rels.c). The
//    readers here report the same as a DataError with the line.
//
// Formulas, per query, with rank r = 1..num_ret and rel(r) the judgment of
// the document at rank r (see each field of QueryMetrics for its file).
//
// Thread safety: the types are values; const methods may be called from
// several threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "skillmatch/classification/status.h"

namespace skillmatch::engine {

// The judged documents of one query: docno -> relevance grade. Grades are
// integers; 0 is "judged not relevant", negative is "in the pool but not
// judged" (trec_eval's convention), positive grades are also the nDCG gains.
using Judgments = std::map<std::string, int, std::less<>>;

// The retrieved documents of one query: docno -> score (higher is better).
// A map, since the order of a run's lines carries no meaning: the ranking is
// always rebuilt from the scores (see the file comment).
using RetrievedScores = std::map<std::string, double, std::less<>>;

// Relevance judgments of a set of queries.
//
// File format (trec_eval's "qrels"): one judgment a line, four fields
// separated by spaces or tabs: "qid iter docno rel". `iter` is ignored; `rel`
// is an integer. Blank lines and lines whose first non-blank character is '#'
// are skipped (trec_eval rejects blank lines in qrels; skipping them changes
// no value). Errors, as Status::DataError "file:line: message":
//   "expected 4 fields (qid iter docno rel), got N"
//   "relevance must be an integer, got 'X'"   (trec_eval's atol would read
//                                             "1.5" as 1 and "high" as 0)
//   "duplicate judgment of document 'D' for query 'Q' (first on line N)"
class Qrels {
 public:
  Qrels() = default;

  // Reads `path`. NotFound when it cannot be opened; `path` names the file
  // in messages.
  [[nodiscard]] static Result<Qrels> ReadFile(const std::string& path);
  // Reads from `in`; `name` names the input in messages.
  [[nodiscard]] static Result<Qrels> Read(std::istream& in,
                                          const std::string& name);

  // Adds one judgment. DataError when `docno` is already judged for `qid`.
  [[nodiscard]] Status Add(std::string_view qid, std::string_view docno,
                           int relevance);

  // The judgments of `qid`, or nullptr when the query has none.
  const Judgments* Find(std::string_view qid) const;
  // Every query, ordered by qid in byte order (trec_eval's order).
  const std::map<std::string, Judgments, std::less<>>& queries() const {
    return queries_;
  }
  // Number of judgments over all queries.
  size_t judgment_count() const { return judgment_count_; }

 private:
  std::map<std::string, Judgments, std::less<>> queries_;
  size_t judgment_count_ = 0;
};

// A ranked run: for each query, the retrieved documents and their scores.
//
// File format (trec_eval's "trec_results"): one retrieved document a line,
// at least six fields separated by spaces or tabs:
// "qid Q0 docno rank score tag". `Q0` and `rank` are ignored, as are fields
// after `tag`; `score` is a decimal number. The run's tag is the tag of the
// last line, as trec_eval keeps it. Blank lines and '#' lines are skipped.
// Errors, as Status::DataError "file:line: message":
//   "expected at least 6 fields (qid Q0 docno rank score tag), got N"
//   "score must be a number, got 'X'"   (NaN too; trec_eval's atof reads 0)
//   "duplicate document 'D' for query 'Q' (first on line N)"
// Named TrecRun rather than Run: inside a GoogleTest body, Test::Run would
// hide a class called Run.
class TrecRun {
 public:
  TrecRun() = default;

  // Reads `path`. NotFound when it cannot be opened.
  [[nodiscard]] static Result<TrecRun> ReadFile(const std::string& path);
  // Reads from `in`; `name` names the input in messages.
  [[nodiscard]] static Result<TrecRun> Read(std::istream& in,
                                            const std::string& name);

  // Adds one retrieved document. DataError when `docno` was already
  // retrieved for `qid`; InvalidArgument when `score` is NaN (it has no
  // place in a ranking). To evaluate a ranked list that has no scores, give
  // the document at rank r the score -r.
  [[nodiscard]] Status Add(std::string_view qid, std::string_view docno,
                           double score);

  // The results of `qid`, or nullptr when the run has none.
  const RetrievedScores* Find(std::string_view qid) const;
  // Every query, ordered by qid in byte order.
  const std::map<std::string, RetrievedScores, std::less<>>& queries() const {
    return queries_;
  }
  // Number of retrieved documents over all queries.
  size_t result_count() const { return result_count_; }

  // The run's name (trec_eval's "runid"); empty for a run built in memory
  // unless set.
  const std::string& tag() const { return tag_; }
  void set_tag(std::string tag) { tag_ = std::move(tag); }

 private:
  std::map<std::string, RetrievedScores, std::less<>> queries_;
  size_t result_count_ = 0;
  std::string tag_;
};

// What to compute; the defaults are trec_eval's.
struct RankingOptions {
  // Cutoffs k of P_k, recall_k and ndcg_cut_k (trec_eval's default for the
  // three measures, m_P.c, m_recall.c, m_ndcg_cut.c). Must be positive and
  // strictly increasing (trec_eval sorts them and rejects duplicates; the
  // CLI sorts before calling). May be empty: no cutoff measures.
  std::vector<int64_t> cutoffs = {5, 10, 15, 20, 30, 100, 200, 500, 1000};
  // Cutoffs of success_k (m_success.c's default). Same rules.
  std::vector<int64_t> success_cutoffs = {1, 5, 10};
  // Minimum judgment for a document to be relevant in the binary measures
  // (trec_eval -l). Must be >= 0. nDCG ignores it: its gain is the grade.
  int relevance_level = 1;
  // Only the first N documents of each ranking are evaluated, after sorting
  // (trec_eval -M). 0 keeps them all (trec_eval's default, MAXLONG). The
  // ideal ranking of nDCG is not cut.
  int64_t max_results_per_query = 0;
  // Average over every judged query (trec_eval -c): a judged query without
  // results counts in num_q with 0 for every measure (num_rel still counts
  // its relevant documents, as trec_eval does since the fix of its issue
  // #18). Off by default, as in trec_eval: such queries are left out.
  bool complete_queries = false;
};

// Every measure of one query (or their averages, for the summary).
struct QueryMetrics {
  std::string qid;  // "all" for the summary
  // Retrieved documents (after max_results_per_query). m_num_ret.c
  int64_t num_ret = 0;
  // Judged documents with rel >= relevance_level. m_num_rel.c
  int64_t num_rel = 0;
  // Retrieved relevant documents. m_num_rel_ret.c
  int64_t num_rel_ret = 0;
  // Average precision: sum over relevant ranks r of (relevant in 1..r) / r,
  // divided by num_rel; 0 when nothing relevant is retrieved. m_map.c
  double map = 0.0;
  // 1 / rank of the first relevant document, 0 when none. m_recip_rank.c
  double recip_rank = 0.0;
  // DCG / ideal DCG over the whole ranking, DCG = sum over r of
  // gain(r) / log2(r + 1) with gain = grade for grades > 0, else 0 (so rank
  // 1 has discount 1). The ideal DCG sorts *every* judged document of grade
  // > 0 by grade, retrieved or not. 0 when the ideal DCG is 0. m_ndcg.c
  double ndcg = 0.0;
  // P_k = (relevant in the first k) / k, even when fewer than k documents
  // were retrieved. m_P.c. One value per RankingOptions::cutoffs.
  std::vector<double> precision;
  // recall_k = (relevant in the first k) / num_rel; 0 when num_rel is 0.
  // m_recall.c. One value per cutoff.
  std::vector<double> recall;
  // ndcg_cut_k = DCG of the first k / ideal DCG of the first k ideal
  // documents, same gains and discount as ndcg. m_ndcg_cut.c (the current
  // source; trec_eval releases before it discounted rank r > 1 by log2(r)).
  // One value per cutoff.
  std::vector<double> ndcg_cut;
  // success_k = 1 if a relevant document is in the first k, else 0.
  // m_success.c. One value per RankingOptions::success_cutoffs.
  std::vector<double> success;
};

// One named value, as trec_eval prints it.
struct MeasureValue {
  std::string name;  // trec_eval's name: "map", "P_10", "ndcg_cut_5", ...
  double value = 0.0;
  bool is_count = false;  // num_q, num_ret, num_rel, num_rel_ret: integers
};

// The outcome of EvaluateRanking().
struct RankingEvaluation {
  // The options used (cutoffs as given, so the vectors of QueryMetrics
  // follow them).
  RankingOptions options;
  // The run's tag (trec_eval's runid).
  std::string run_tag;
  // Number of queries averaged over.
  int64_t num_q = 0;
  // The evaluated queries, ordered by qid in byte order (trec_eval -q).
  std::vector<QueryMetrics> queries;
  // qid "all": counts summed, every other measure averaged over num_q.
  QueryMetrics summary;
  // Run queries with no judgments: ignored (trec_eval does so silently).
  std::vector<std::string> queries_without_judgments;
  // Judged queries with no results: left out of the averages unless
  // options.complete_queries, then counted with zeros.
  std::vector<std::string> queries_without_results;

  // The measures of one query in trec_eval's printing order (measures.c):
  // num_ret, num_rel, num_rel_ret, map, recip_rank, P_k..., recall_k...,
  // ndcg, ndcg_cut_k..., success_k...
  std::vector<MeasureValue> Measures(const QueryMetrics& metrics) const;
  // The summary's measures: num_q first, then Measures(summary).
  std::vector<MeasureValue> SummaryMeasures() const;
};

// Checks `options`: InvalidArgument when a cutoff is not positive, the
// cutoffs are not strictly increasing, or relevance_level or
// max_results_per_query is negative.
[[nodiscard]] Status ValidateRankingOptions(const RankingOptions& options);

// Evaluates one query: `judgments` of the query, `retrieved` its results
// (may be empty: every measure is then 0 but num_rel). InvalidArgument for
// bad options.
[[nodiscard]] Result<QueryMetrics> EvaluateQuery(
    std::string_view qid, const Judgments& judgments,
    const RetrievedScores& retrieved, const RankingOptions& options = {});

// Evaluates `run` against `qrels` (see the file comment for which queries
// count). InvalidArgument for bad options; DataError "no query has both
// judgments and results" when nothing is left to average (trec_eval exits
// with the same complaint).
[[nodiscard]] Result<RankingEvaluation> EvaluateRanking(
    const Qrels& qrels, const TrecRun& run, const RankingOptions& options = {});

// Writes the evaluation as trec_eval prints it: with `per_query`, each
// query's measures first (qid in the second column), then the summary
// ("all"), which opens with "runid" when the run has a tag. Lines are
// printf("%-22s\t%s\t%6.4f\n") for values and "%-22s\t%s\t%ld\n" for counts,
// so the output can be compared with trec_eval's byte for byte.
void WriteTrecEvalTable(const RankingEvaluation& evaluation, bool per_query,
                        std::ostream& out);

}  // namespace skillmatch::engine
