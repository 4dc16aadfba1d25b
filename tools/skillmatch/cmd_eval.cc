// skillmatch eval rank
//
// `eval` groups the evaluation subcommands. Each lives in its own
// Add<Name>Command(CLI::App* eval, int* exit_code) below and is registered
// in AddEvalCommand; to add `eval coding`, `eval mobility` or
// `eval matching`, write such a function and call it there.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.h"
#include "eval_coding.h"
#include "skillmatch/eval/ranking_metrics.h"

namespace skillmatch::cli {

namespace {

using nlohmann::ordered_json;

// "q1, q2, q3 and 4 more": enough to find the problem, short enough to read.
std::string FewIds(const std::vector<std::string>& ids) {
  constexpr size_t kShown = 5;
  std::string text;
  for (size_t id_idx = 0; id_idx < ids.size() && id_idx < kShown; ++id_idx) {
    if (id_idx > 0) text += ", ";
    text += ids[id_idx];
  }
  if (ids.size() > kShown) {
    text += " and " + std::to_string(ids.size() - kShown) + " more";
  }
  return text;
}

ordered_json MeasuresJson(const std::vector<engine::MeasureValue>& measures) {
  ordered_json out = ordered_json::object();
  for (const engine::MeasureValue& measure : measures) {
    if (measure.is_count) {
      out[measure.name] = static_cast<int64_t>(measure.value);
    } else {
      out[measure.name] = measure.value;
    }
  }
  return out;
}

ordered_json EvaluationJson(const engine::RankingEvaluation& evaluation,
                            bool per_query) {
  const engine::RankingOptions& options = evaluation.options;
  ordered_json out;
  out["run"] = evaluation.run_tag;
  out["options"] = {{"cutoffs", options.cutoffs},
                    {"success_cutoffs", options.success_cutoffs},
                    {"relevance_level", options.relevance_level},
                    {"max_results", options.max_results_per_query},
                    {"complete", options.complete_queries}};
  out["summary"] = MeasuresJson(evaluation.SummaryMeasures());
  if (per_query) {
    ordered_json queries = ordered_json::array();
    for (const engine::QueryMetrics& metrics : evaluation.queries) {
      ordered_json query = {{"qid", metrics.qid}};
      query.update(MeasuresJson(evaluation.Measures(metrics)));
      queries.push_back(std::move(query));
    }
    out["queries"] = std::move(queries);
  }
  out["queries_without_judgments"] = evaluation.queries_without_judgments;
  out["queries_without_results"] = evaluation.queries_without_results;
  return out;
}

// Reads `path`, or standard input for "-".
template <typename T>
Result<T> ReadTrecFile(const std::string& path) {
  if (path == "-") return T::Read(std::cin, "<stdin>");
  return T::ReadFile(path);
}

void AddEvalRankCommand(CLI::App* eval, int* exit_code) {
  struct RankArgs {
    std::string qrels;
    std::string run;
    bool per_query = false;
    std::string format = "table";
    engine::RankingOptions options;
  };
  auto args = std::make_shared<RankArgs>();
  CLI::App* cmd = eval->add_subcommand(
      "rank",
      "Score a TREC run against TREC qrels exactly as trec_eval does (map, "
      "recip_rank, P, recall, ndcg, ndcg_cut, success)");
  cmd->add_option("--qrels", args->qrels,
                  "Relevance judgments: 'qid iter docno rel' lines ('-' for "
                  "stdin)")
      ->required();
  cmd->add_option("--run", args->run,
                  "Ranked results: 'qid Q0 docno rank score tag' lines ('-' "
                  "for stdin)")
      ->required();
  cmd->add_flag("--per-query", args->per_query,
                "Also print every query's measures (trec_eval -q)");
  cmd->add_option("--format", args->format, "table (trec_eval's) or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->add_option("--cutoffs", args->options.cutoffs,
                  "Ranks k of P_k, recall_k and ndcg_cut_k, comma separated")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--success-cutoffs", args->options.success_cutoffs,
                  "Ranks k of success_k, comma separated")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--relevance-level", args->options.relevance_level,
                  "Minimum judgment of a relevant document (trec_eval -l)")
      ->capture_default_str();
  cmd->add_option("--max-results", args->options.max_results_per_query,
                  "Evaluate only the first N documents of each query, 0 for "
                  "all (trec_eval -M)")
      ->capture_default_str();
  cmd->add_flag("--complete", args->options.complete_queries,
                "Average over every judged query, counting those without "
                "results as 0 (trec_eval -c)");

  cmd->callback([args, exit_code] {
    if (args->qrels == "-" && args->run == "-") {
      *exit_code = Fail(Status::InvalidArgument(
          "--qrels and --run cannot both read standard input"));
      return;
    }
    // trec_eval accepts cutoffs in any order; the library wants them sorted.
    std::sort(args->options.cutoffs.begin(), args->options.cutoffs.end());
    std::sort(args->options.success_cutoffs.begin(),
              args->options.success_cutoffs.end());

    Result<engine::Qrels> qrels = ReadTrecFile<engine::Qrels>(args->qrels);
    if (!qrels.ok()) {
      *exit_code = Fail(qrels.status());
      return;
    }
    Result<engine::TrecRun> run = ReadTrecFile<engine::TrecRun>(args->run);
    if (!run.ok()) {
      *exit_code = Fail(run.status());
      return;
    }
    Result<engine::RankingEvaluation> evaluation =
        engine::EvaluateRanking(*qrels, *run, args->options);
    if (!evaluation.ok()) {
      *exit_code = Fail(evaluation.status());
      return;
    }
    // trec_eval says nothing about these; a silent gap in the averages is
    // the classic way to report a wrong number, so say it on stderr.
    if (!evaluation->queries_without_judgments.empty()) {
      spdlog::warn(
          "{} run quer{} without judgments, ignored: {}",
          evaluation->queries_without_judgments.size(),
          evaluation->queries_without_judgments.size() == 1 ? "y" : "ies",
          FewIds(evaluation->queries_without_judgments));
    }
    if (!evaluation->queries_without_results.empty()) {
      spdlog::warn(
          "{} judged quer{} without results, {}: {}",
          evaluation->queries_without_results.size(),
          evaluation->queries_without_results.size() == 1 ? "y" : "ies",
          args->options.complete_queries
              ? "counted as 0"
              : "left out of the averages (--complete counts them as 0)",
          FewIds(evaluation->queries_without_results));
    }
    if (args->format == "json") {
      std::cout << EvaluationJson(*evaluation, args->per_query).dump(2) << "\n";
    } else {
      engine::WriteTrecEvalTable(*evaluation, args->per_query, std::cout);
    }
    std::cout.flush();
    if (!std::cout) {
      *exit_code = Fail(Status::IoError("cannot write to standard output"));
    }
  });
}

}  // namespace

void AddEvalCommand(CLI::App& app, int* exit_code) {
  CLI::App* eval = app.add_subcommand(
      "eval", "Measure quality: ranking metrics (as trec_eval computes them)");
  eval->require_subcommand(1);
  AddEvalRankCommand(eval, exit_code);
  AddEvalCodingCommand(eval, exit_code);
  AddEvalMobilityCommand(eval, exit_code);
  AddEvalMatchingCommand(eval, exit_code);
}

}  // namespace skillmatch::cli
