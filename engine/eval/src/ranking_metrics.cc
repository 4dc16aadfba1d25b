#include "skillmatch/eval/ranking_metrics.h"

#include <algorithm>
#include <charconv>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <unordered_map>
#include <utility>

namespace skillmatch::engine {

namespace {

// trec_eval splits fields with C isspace(); the same set here, so a field
// never holds '\r' from a CRLF file.
bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
         c == '\f';
}

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && IsBlank(line[pos])) ++pos;
    if (pos == line.size()) break;
    size_t end = pos;
    while (end < line.size() && !IsBlank(line[end])) ++end;
    fields.push_back(line.substr(pos, end - pos));
    pos = end;
  }
  return fields;
}

// Strict integer: the whole field, optional sign. trec_eval's atol would
// read "2x" as 2 and "high" as 0; a typo in a qrels file should not silently
// change a judgment.
bool ParseInt(std::string_view text, int* value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return ec == std::errc() && ptr == end;
}

// Strict decimal number (with exponent, "inf" allowed). NaN is refused: it
// has no place in an order, and trec_eval's qsort would give an arbitrary
// ranking for it.
bool ParseScore(std::string_view text, double* value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return ec == std::errc() && ptr == end && !std::isnan(*value);
}

std::string Where(const std::string& name, int64_t line) {
  return name + ":" + std::to_string(line) + ": ";
}

// Calls `on_fields(fields, line_number)` for each line that is neither blank
// nor a comment; stops at the first error it returns.
template <typename OnFields>
Status ForEachRecord(std::istream& in, const std::string& name,
                     OnFields on_fields) {
  std::string line;
  int64_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    std::string_view view = line;
    // A byte order mark would otherwise become part of the first qid and
    // the query would silently never match.
    if (line_number == 1 && view.substr(0, 3) == "\xEF\xBB\xBF") {
      view.remove_prefix(3);
    }
    std::vector<std::string_view> fields = SplitFields(view);
    if (fields.empty() || fields.front().front() == '#') continue;
    SKILLMATCH_RETURN_IF_ERROR(on_fields(fields, line_number));
  }
  if (in.bad()) return Status::IoError(name + ": read error");
  return Status::Ok();
}

Status OpenForReading(const std::string& path, std::ifstream* in) {
  in->open(path, std::ios::binary);
  if (!in->is_open()) return Status::NotFound(path + ": cannot open file");
  return Status::Ok();
}

// The key under which a reader remembers where a (qid, docno) pair was first
// seen; '\n' cannot occur inside a field.
std::string PairKey(std::string_view qid, std::string_view docno) {
  std::string key;
  key.reserve(qid.size() + 1 + docno.size());
  key.append(qid).push_back('\n');
  key.append(docno);
  return key;
}

bool IsStrictlyIncreasingPositive(const std::vector<int64_t>& cutoffs) {
  for (size_t cutoff_idx = 0; cutoff_idx < cutoffs.size(); ++cutoff_idx) {
    if (cutoffs[cutoff_idx] <= 0) return false;
    if (cutoff_idx > 0 && cutoffs[cutoff_idx] <= cutoffs[cutoff_idx - 1]) {
      return false;
    }
  }
  return true;
}

// A retrieved document once ranked.
struct RankedDoc {
  const std::string* docno;
  double score;
};

// trec_eval's comp_sim_docno (form_res_rels.c): score decreasing, then docno
// decreasing in strcmp order. std::string compares bytes as unsigned char,
// as strcmp does, and docnos are unique within a query, so the order is
// total and the sort deterministic.
bool RanksBefore(const RankedDoc& a, const RankedDoc& b) {
  if (a.score != b.score) return a.score > b.score;
  return *a.docno > *b.docno;
}

// Marks a retrieved document absent from the qrels (trec_eval's
// RELVALUE_NONPOOL); like judged negative grades it is never relevant and
// has gain 0.
constexpr int kNotJudged = -1;

// DCG of `gains` in order, cut after `depth` entries. The sum runs in rank
// order, as in m_ndcg.c and m_ndcg_cut.c, so the double is the same to the
// last bit; log2(rank + 1) with rank = idx + 1.
double DiscountedGain(const std::vector<int>& gains, size_t depth) {
  double dcg = 0.0;
  size_t end = std::min(depth, gains.size());
  for (size_t rank_idx = 0; rank_idx < end; ++rank_idx) {
    if (gains[rank_idx] > 0) {
      dcg += gains[rank_idx] / std::log2(static_cast<double>(rank_idx + 2));
    }
  }
  return dcg;
}

// Prefix sum of relevant documents: relevant_within[n] = relevant among the
// first n ranks, for n = 0..num_ret.
std::vector<int64_t> RelevantPrefix(const std::vector<int>& grades,
                                    int relevance_level) {
  std::vector<int64_t> relevant_within(grades.size() + 1, 0);
  for (size_t rank_idx = 0; rank_idx < grades.size(); ++rank_idx) {
    relevant_within[rank_idx + 1] =
        relevant_within[rank_idx] + (grades[rank_idx] >= relevance_level);
  }
  return relevant_within;
}

// Relevant among the first k ranks; past the end the ranking is taken as
// padded with non-relevant documents (m_P.c, m_recall.c, m_success.c).
int64_t RelevantAt(const std::vector<int64_t>& relevant_within, int64_t k) {
  size_t depth =
      std::min<size_t>(static_cast<size_t>(k), relevant_within.size() - 1);
  return relevant_within[depth];
}

void AppendCount(std::vector<MeasureValue>* out, const char* name,
                 int64_t value) {
  out->push_back({name, static_cast<double>(value), true});
}

void AppendCutoffs(std::vector<MeasureValue>* out, const std::string& prefix,
                   const std::vector<int64_t>& cutoffs,
                   const std::vector<double>& values) {
  for (size_t cutoff_idx = 0;
       cutoff_idx < cutoffs.size() && cutoff_idx < values.size();
       ++cutoff_idx) {
    out->push_back({prefix + std::to_string(cutoffs[cutoff_idx]),
                    values[cutoff_idx], false});
  }
}

// Adds `from` into `into`, value by value (meas_acc.c's te_acc_meas_s and
// te_acc_meas_a_cut).
void Accumulate(const QueryMetrics& from, QueryMetrics* into) {
  into->num_ret += from.num_ret;
  into->num_rel += from.num_rel;
  into->num_rel_ret += from.num_rel_ret;
  into->map += from.map;
  into->recip_rank += from.recip_rank;
  into->ndcg += from.ndcg;
  auto add = [](const std::vector<double>& src, std::vector<double>* dst) {
    for (size_t value_idx = 0; value_idx < src.size(); ++value_idx) {
      (*dst)[value_idx] += src[value_idx];
    }
  };
  add(from.precision, &into->precision);
  add(from.recall, &into->recall);
  add(from.ndcg_cut, &into->ndcg_cut);
  add(from.success, &into->success);
}

QueryMetrics ZeroMetrics(std::string qid, const RankingOptions& options) {
  QueryMetrics metrics;
  metrics.qid = std::move(qid);
  metrics.precision.assign(options.cutoffs.size(), 0.0);
  metrics.recall.assign(options.cutoffs.size(), 0.0);
  metrics.ndcg_cut.assign(options.cutoffs.size(), 0.0);
  metrics.success.assign(options.success_cutoffs.size(), 0.0);
  return metrics;
}

// EvaluateQuery without the option check.
QueryMetrics ComputeQuery(std::string_view qid, const Judgments& judgments,
                          const RetrievedScores& retrieved,
                          const RankingOptions& options) {
  QueryMetrics metrics = ZeroMetrics(std::string(qid), options);

  // The ranking (form_res_rels.c): sort, then keep the first -M documents.
  std::vector<RankedDoc> ranking;
  ranking.reserve(retrieved.size());
  for (const auto& [docno, score] : retrieved) {
    ranking.push_back({&docno, score});
  }
  std::sort(ranking.begin(), ranking.end(), RanksBefore);
  if (options.max_results_per_query > 0 &&
      ranking.size() > static_cast<size_t>(options.max_results_per_query)) {
    ranking.resize(static_cast<size_t>(options.max_results_per_query));
  }

  // Grade at each rank; absent or negative judgments become kNotJudged.
  std::vector<int> grades;
  grades.reserve(ranking.size());
  for (const RankedDoc& doc : ranking) {
    auto judged = judgments.find(*doc.docno);
    int grade = judged == judgments.end() ? kNotJudged : judged->second;
    grades.push_back(grade < 0 ? kNotJudged : grade);
  }

  // The ideal ranking: every judged grade > 0, best first. num_rel counts
  // the judged documents at or above the level, retrieved or not; negative
  // grades count in neither (form_res_rels.c's rel_levels).
  std::vector<int> ideal_gains;
  for (const auto& [docno, grade] : judgments) {
    if (grade > 0) ideal_gains.push_back(grade);
    if (grade >= 0 && grade >= options.relevance_level) ++metrics.num_rel;
  }
  std::sort(ideal_gains.begin(), ideal_gains.end(), std::greater<>());

  std::vector<int64_t> relevant_within =
      RelevantPrefix(grades, options.relevance_level);
  metrics.num_ret = static_cast<int64_t>(grades.size());
  metrics.num_rel_ret = relevant_within.back();

  // map (m_map.c) and recip_rank (m_recip_rank.c).
  double precision_sum = 0.0;
  for (size_t rank_idx = 0; rank_idx < grades.size(); ++rank_idx) {
    if (grades[rank_idx] < options.relevance_level) continue;
    precision_sum += static_cast<double>(relevant_within[rank_idx + 1]) /
                     static_cast<double>(rank_idx + 1);
    if (metrics.recip_rank == 0.0) {
      metrics.recip_rank = 1.0 / static_cast<double>(rank_idx + 1);
    }
  }
  if (metrics.num_rel_ret > 0) {
    // num_rel > 0 here: a relevant retrieved document is a judged one with
    // a grade >= relevance_level >= 0.
    metrics.map = precision_sum / static_cast<double>(metrics.num_rel);
  }

  // P_k, recall_k (m_P.c, m_recall.c) and success_k (m_success.c).
  for (size_t cutoff_idx = 0; cutoff_idx < options.cutoffs.size();
       ++cutoff_idx) {
    int64_t k = options.cutoffs[cutoff_idx];
    int64_t relevant = RelevantAt(relevant_within, k);
    metrics.precision[cutoff_idx] =
        static_cast<double>(relevant) / static_cast<double>(k);
    if (metrics.num_rel > 0) {
      metrics.recall[cutoff_idx] =
          static_cast<double>(relevant) / static_cast<double>(metrics.num_rel);
    }
  }
  for (size_t cutoff_idx = 0; cutoff_idx < options.success_cutoffs.size();
       ++cutoff_idx) {
    int64_t k = options.success_cutoffs[cutoff_idx];
    metrics.success[cutoff_idx] =
        RelevantAt(relevant_within, k) > 0 ? 1.0 : 0.0;
  }

  // ndcg (m_ndcg.c): whole ranking against the whole ideal list.
  double ideal_dcg = DiscountedGain(ideal_gains, ideal_gains.size());
  if (ideal_dcg > 0.0) {
    metrics.ndcg = DiscountedGain(grades, grades.size()) / ideal_dcg;
  }
  // ndcg_cut_k (m_ndcg_cut.c): both lists cut at k. A positive cutoff
  // always keeps the ideal's best document, so the ideal DCG is 0 only when
  // no document has a grade > 0, and then the DCG is 0 too.
  for (size_t cutoff_idx = 0; cutoff_idx < options.cutoffs.size();
       ++cutoff_idx) {
    size_t depth = static_cast<size_t>(options.cutoffs[cutoff_idx]);
    double ideal_at_k = DiscountedGain(ideal_gains, depth);
    if (ideal_at_k > 0.0) {
      metrics.ndcg_cut[cutoff_idx] = DiscountedGain(grades, depth) / ideal_at_k;
    }
  }
  return metrics;
}

// trec_eval's "%-22s": the name left-aligned in 22 columns, never cut.
std::string PadName(const std::string& name) {
  std::string padded = name;
  if (padded.size() < 22) padded.append(22 - padded.size(), ' ');
  return padded;
}

void PrintLine(std::ostream& out, const std::string& qid,
               const MeasureValue& measure) {
  // trec_eval's printf formats (meas_print_single.c, meas_print_final.c).
  char value[64];
  if (measure.is_count) {
    std::snprintf(value, sizeof(value), "%" PRId64,
                  static_cast<int64_t>(measure.value));
  } else {
    std::snprintf(value, sizeof(value), "%6.4f", measure.value);
  }
  out << PadName(measure.name) << '\t' << qid << '\t' << value << '\n';
}

}  // namespace

// ---------------------------------------------------------------- Qrels

Result<Qrels> Qrels::ReadFile(const std::string& path) {
  std::ifstream in;
  SKILLMATCH_RETURN_IF_ERROR(OpenForReading(path, &in));
  return Read(in, path);
}

Result<Qrels> Qrels::Read(std::istream& in, const std::string& name) {
  Qrels qrels;
  std::unordered_map<std::string, int64_t> first_line;
  Status status = ForEachRecord(
      in, name,
      [&](const std::vector<std::string_view>& fields, int64_t line) -> Status {
        if (fields.size() != 4) {
          return Status::DataError(
              Where(name, line) +
              "expected 4 fields (qid iter docno rel), got " +
              std::to_string(fields.size()));
        }
        int relevance = 0;
        if (!ParseInt(fields[3], &relevance)) {
          return Status::DataError(Where(name, line) +
                                   "relevance must be an integer, got '" +
                                   std::string(fields[3]) + "'");
        }
        auto [seen, inserted] =
            first_line.emplace(PairKey(fields[0], fields[2]), line);
        if (!inserted) {
          return Status::DataError(
              Where(name, line) + "duplicate judgment of document '" +
              std::string(fields[2]) + "' for query '" +
              std::string(fields[0]) + "' (first on line " +
              std::to_string(seen->second) + ")");
        }
        Status added = qrels.Add(fields[0], fields[2], relevance);
        if (!added.ok()) {
          return Status::Internal(Where(name, line) + added.message());
        }
        return Status::Ok();
      });
  if (!status.ok()) return status;
  return qrels;
}

Status Qrels::Add(std::string_view qid, std::string_view docno, int relevance) {
  auto query = queries_.find(qid);
  if (query == queries_.end()) {
    query = queries_.emplace(std::string(qid), Judgments()).first;
  }
  auto [judgment, inserted] =
      query->second.emplace(std::string(docno), relevance);
  if (!inserted) {
    return Status::DataError("duplicate judgment of document '" +
                             std::string(docno) + "' for query '" +
                             std::string(qid) + "'");
  }
  ++judgment_count_;
  return Status::Ok();
}

const Judgments* Qrels::Find(std::string_view qid) const {
  auto query = queries_.find(qid);
  return query == queries_.end() ? nullptr : &query->second;
}

// ---------------------------------------------------------------- TrecRun

Result<TrecRun> TrecRun::ReadFile(const std::string& path) {
  std::ifstream in;
  SKILLMATCH_RETURN_IF_ERROR(OpenForReading(path, &in));
  return Read(in, path);
}

Result<TrecRun> TrecRun::Read(std::istream& in, const std::string& name) {
  TrecRun run;
  std::unordered_map<std::string, int64_t> first_line;
  Status status = ForEachRecord(
      in, name,
      [&](const std::vector<std::string_view>& fields, int64_t line) -> Status {
        if (fields.size() < 6) {
          return Status::DataError(
              Where(name, line) +
              "expected at least 6 fields (qid Q0 docno rank score tag), "
              "got " +
              std::to_string(fields.size()));
        }
        double score = 0.0;
        if (!ParseScore(fields[4], &score)) {
          return Status::DataError(Where(name, line) +
                                   "score must be a number, got '" +
                                   std::string(fields[4]) + "'");
        }
        auto [seen, inserted] =
            first_line.emplace(PairKey(fields[0], fields[2]), line);
        if (!inserted) {
          return Status::DataError(Where(name, line) + "duplicate document '" +
                                   std::string(fields[2]) + "' for query '" +
                                   std::string(fields[0]) +
                                   "' (first on line " +
                                   std::to_string(seen->second) + ")");
        }
        Status added = run.Add(fields[0], fields[2], score);
        if (!added.ok()) {
          return Status::Internal(Where(name, line) + added.message());
        }
        // trec_eval keeps the tag of the last line (get_trec_results.c).
        run.tag_.assign(fields[5]);
        return Status::Ok();
      });
  if (!status.ok()) return status;
  return run;
}

Status TrecRun::Add(std::string_view qid, std::string_view docno,
                    double score) {
  if (std::isnan(score)) {
    return Status::InvalidArgument("score of document '" + std::string(docno) +
                                   "' for query '" + std::string(qid) +
                                   "' is NaN");
  }
  auto query = queries_.find(qid);
  if (query == queries_.end()) {
    query = queries_.emplace(std::string(qid), RetrievedScores()).first;
  }
  auto [result, inserted] = query->second.emplace(std::string(docno), score);
  if (!inserted) {
    return Status::DataError("duplicate document '" + std::string(docno) +
                             "' for query '" + std::string(qid) + "'");
  }
  ++result_count_;
  return Status::Ok();
}

const RetrievedScores* TrecRun::Find(std::string_view qid) const {
  auto query = queries_.find(qid);
  return query == queries_.end() ? nullptr : &query->second;
}

// ---------------------------------------------------------------- Metrics

Status ValidateRankingOptions(const RankingOptions& options) {
  if (!IsStrictlyIncreasingPositive(options.cutoffs)) {
    return Status::InvalidArgument(
        "cutoffs must be positive and strictly increasing");
  }
  if (!IsStrictlyIncreasingPositive(options.success_cutoffs)) {
    return Status::InvalidArgument(
        "success cutoffs must be positive and strictly increasing");
  }
  if (options.relevance_level < 0) {
    return Status::InvalidArgument("relevance level must be >= 0, got " +
                                   std::to_string(options.relevance_level));
  }
  if (options.max_results_per_query < 0) {
    return Status::InvalidArgument(
        "max results per query must be >= 0 (0: all), got " +
        std::to_string(options.max_results_per_query));
  }
  return Status::Ok();
}

Result<QueryMetrics> EvaluateQuery(std::string_view qid,
                                   const Judgments& judgments,
                                   const RetrievedScores& retrieved,
                                   const RankingOptions& options) {
  SKILLMATCH_RETURN_IF_ERROR(ValidateRankingOptions(options));
  return ComputeQuery(qid, judgments, retrieved, options);
}

Result<RankingEvaluation> EvaluateRanking(const Qrels& qrels,
                                          const TrecRun& run,
                                          const RankingOptions& options) {
  SKILLMATCH_RETURN_IF_ERROR(ValidateRankingOptions(options));
  RankingEvaluation evaluation;
  evaluation.options = options;
  evaluation.run_tag = run.tag();
  evaluation.summary = ZeroMetrics("all", options);

  for (const auto& [qid, results] : run.queries()) {
    if (qrels.Find(qid) == nullptr) {
      evaluation.queries_without_judgments.push_back(qid);
    }
  }
  const RetrievedScores no_results;
  // Queries in qrels order, which is trec_eval's order of evaluation and of
  // accumulation: the sums below add up in the same order as its own.
  for (const auto& [qid, judgments] : qrels.queries()) {
    const RetrievedScores* results = run.Find(qid);
    if (results == nullptr) {
      evaluation.queries_without_results.push_back(qid);
      if (!options.complete_queries) continue;
      results = &no_results;
    }
    evaluation.queries.push_back(
        ComputeQuery(qid, judgments, *results, options));
    Accumulate(evaluation.queries.back(), &evaluation.summary);
  }
  evaluation.num_q = static_cast<int64_t>(evaluation.queries.size());
  if (evaluation.num_q == 0) {
    return Status::DataError("no query has both judgments and results");
  }

  // Means for everything but the counts (meas_avg.c).
  QueryMetrics& summary = evaluation.summary;
  const double num_q = static_cast<double>(evaluation.num_q);
  summary.map /= num_q;
  summary.recip_rank /= num_q;
  summary.ndcg /= num_q;
  for (auto* values : {&summary.precision, &summary.recall, &summary.ndcg_cut,
                       &summary.success}) {
    for (double& value : *values) value /= num_q;
  }
  return evaluation;
}

std::vector<MeasureValue> RankingEvaluation::Measures(
    const QueryMetrics& metrics) const {
  std::vector<MeasureValue> out;
  AppendCount(&out, "num_ret", metrics.num_ret);
  AppendCount(&out, "num_rel", metrics.num_rel);
  AppendCount(&out, "num_rel_ret", metrics.num_rel_ret);
  out.push_back({"map", metrics.map, false});
  out.push_back({"recip_rank", metrics.recip_rank, false});
  AppendCutoffs(&out, "P_", options.cutoffs, metrics.precision);
  AppendCutoffs(&out, "recall_", options.cutoffs, metrics.recall);
  out.push_back({"ndcg", metrics.ndcg, false});
  AppendCutoffs(&out, "ndcg_cut_", options.cutoffs, metrics.ndcg_cut);
  AppendCutoffs(&out, "success_", options.success_cutoffs, metrics.success);
  return out;
}

std::vector<MeasureValue> RankingEvaluation::SummaryMeasures() const {
  std::vector<MeasureValue> out;
  AppendCount(&out, "num_q", num_q);
  std::vector<MeasureValue> rest = Measures(summary);
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

void WriteTrecEvalTable(const RankingEvaluation& evaluation, bool per_query,
                        std::ostream& out) {
  if (per_query) {
    for (const QueryMetrics& metrics : evaluation.queries) {
      for (const MeasureValue& measure : evaluation.Measures(metrics)) {
        PrintLine(out, metrics.qid, measure);
      }
    }
  }
  if (!evaluation.run_tag.empty()) {
    out << PadName("runid") << "\tall\t" << evaluation.run_tag << '\n';
  }
  for (const MeasureValue& measure : evaluation.SummaryMeasures()) {
    PrintLine(out, "all", measure);
  }
}

}  // namespace skillmatch::engine
