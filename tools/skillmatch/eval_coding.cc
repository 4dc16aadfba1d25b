// Leave-one-out evaluation of the title coder.
//
// Each query is a job title of the taxonomy, hidden from the index together
// with its variants (labels of the same occupation with the same normalised
// words: the long and short forms of a ROME job title, the masculine and
// feminine forms of an ESCO one), then coded against the rest. Every model
// hides the same labels. The truth is the occupation the title belongs to; the
// ranks of the first candidate in the right occupation, area (parent) and
// domain (root) give top-1, top-5 and MRR (reciprocal rank, 0 beyond the
// 50th candidate) at each level.
#include "eval_coding.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <fstream>
#include <set>

#include "cli.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/classification/bundle.h"
#include "skillmatch/classification/coder.h"
#include "skillmatch/classification/importers.h"
#include "skillmatch/classification/normalize.h"
#include "skillmatch/classification/parallel.h"
#include "skillmatch/import/title_priors.h"

namespace skillmatch::cli {

namespace {

using classification::Coder;
using classification::CoderOptions;
using classification::LabelKind;
using classification::NodeIndex;
using classification::Taxonomy;
using nlohmann::ordered_json;

constexpr int kDepth = 50;  // candidates asked for per query

// A level at which a coding is judged: maps an occupation to its group.
struct Level {
  std::string name;
  std::function<NodeIndex(NodeIndex)> group;
};

struct LevelScore {
  double top1 = 0, top5 = 0, mrr = 0;
};

struct RunResult {
  std::string model;
  size_t queries = 0;
  std::vector<LevelScore> levels;
  // Reliability of the top-1 confidence, on queries outside the
  // calibration sample.
  std::vector<std::array<double, 3>> bins;  // count, sum conf, sum correct
  double ece = 0;
  double share_confident = 0;     // confidence >= review threshold
  double accuracy_confident = 0;  // top-1 accuracy among those
  size_t calibration_queries = 0;
};

struct Query {
  int32_t label;
  std::vector<int32_t> excluded;
};

// Queries: every label of one of `kinds` in `lang`, with its variants.
std::vector<Query> MakeQueries(const Coder& coder, const Taxonomy& tax,
                               const std::vector<LabelKind>& kinds,
                               const std::string& lang) {
  // Which coder labels come from a label of the wanted kinds: match by
  // (target, lang, text).
  std::set<std::tuple<int32_t, std::string, std::string>> wanted;
  for (NodeIndex occ : tax.occupations()) {
    for (const auto& label : tax.node(occ).labels) {
      if (label.lang == lang &&
          std::find(kinds.begin(), kinds.end(), label.kind) != kinds.end()) {
        wanted.emplace(occ, label.lang, label.text);
      }
    }
  }
  const auto& labels = coder.labels();
  std::map<std::pair<int32_t, std::string>, std::vector<int32_t>> variants;
  for (size_t doc = 0; doc < labels.size(); ++doc) {
    if (coder.LabelKey(doc).empty()) continue;
    variants[{labels[doc].target, coder.LabelKey(doc)}].push_back(doc);
  }
  std::vector<Query> queries;
  std::set<std::pair<int32_t, std::string>> done;
  for (size_t doc = 0; doc < labels.size(); ++doc) {
    if (coder.LabelKey(doc).empty()) continue;
    if (!wanted.count({labels[doc].target, labels[doc].lang, labels[doc].text})) {
      continue;
    }
    Query q;
    q.label = static_cast<int32_t>(doc);
    q.excluded = variants[{labels[doc].target, coder.LabelKey(doc)}];
    queries.push_back(std::move(q));
  }
  return queries;
}

RunResult Evaluate(const std::string& model, const Coder& coder,
                   const std::vector<Query>& queries,
                   const std::vector<Level>& levels, int threads,
                   std::ostream* errors) {
  RunResult result;
  result.model = model;
  result.queries = queries.size();
  const auto& labels = coder.labels();
  std::vector<std::vector<int>> ranks(queries.size(),
                                      std::vector<int>(levels.size(), 0));
  std::vector<float> confidence(queries.size(), 0);
  std::vector<int32_t> predicted(queries.size(), -1);
  // Queries one by one, taken by the threads as they become free; each
  // writes only its own slots.
  auto work = [&](size_t first_query, size_t last_query) {
    for (size_t query_idx = first_query; query_idx < last_query; ++query_idx) {
      const Query& q = queries[query_idx];
      auto r = coder.CodeExcluding(labels[q.label].text, kDepth, q.excluded);
      const NodeIndex truth = labels[q.label].target;
      if (!r.candidates.empty()) {
        confidence[query_idx] = r.candidates[0].confidence;
        predicted[query_idx] = r.candidates[0].target;
      }
      for (size_t level_idx = 0; level_idx < levels.size(); ++level_idx) {
        NodeIndex want = levels[level_idx].group(truth);
        for (size_t rank = 0; rank < r.candidates.size(); ++rank) {
          if (levels[level_idx].group(r.candidates[rank].target) == want) {
            ranks[query_idx][level_idx] = static_cast<int>(rank) + 1;
            break;
          }
        }
      }
    }
  };
  Status coded = classification::ParallelFor(
      queries.size(), {.threads = threads, .chunk = 1}, work);
  (void)coded;  // `work` returns nothing

  if (errors != nullptr) {
    for (size_t query_idx = 0; query_idx < queries.size(); ++query_idx) {
      if (ranks[query_idx][0] == 1) continue;
      const int32_t truth = labels[queries[query_idx].label].target;
      *errors << labels[queries[query_idx].label].text << "\t"
              << coder.TargetCode(truth) << "\t"
              << (predicted[query_idx] >= 0 ? coder.TargetCode(predicted[query_idx])
                                            : std::string("-"))
              << "\t" << ranks[query_idx][0] << "\n";
    }
  }
  result.levels.resize(levels.size());
  for (size_t level_idx = 0; level_idx < levels.size(); ++level_idx) {
    LevelScore& s = result.levels[level_idx];
    for (const auto& r : ranks) {
      int rank = r[level_idx];
      s.top1 += rank == 1;
      s.top5 += rank >= 1 && rank <= 5;
      s.mrr += rank >= 1 ? 1.0 / rank : 0;
    }
    const double n = std::max<size_t>(queries.size(), 1);
    s.top1 /= n;
    s.top5 /= n;
    s.mrr /= n;
  }
  // Reliability, leaving out the labels the confidence model was fitted on.
  const auto& calib = coder.calibration_labels();
  result.bins.assign(10, {0, 0, 0});
  size_t counted = 0, confident = 0, confident_right = 0;
  for (size_t query_idx = 0; query_idx < queries.size(); ++query_idx) {
    if (std::binary_search(calib.begin(), calib.end(), queries[query_idx].label)) {
      ++result.calibration_queries;
      continue;
    }
    const float c = confidence[query_idx];
    const bool right = ranks[query_idx][0] == 1;
    int bin = std::min(9, static_cast<int>(c * 10));
    result.bins[bin][0] += 1;
    result.bins[bin][1] += c;
    result.bins[bin][2] += right;
    ++counted;
    if (c >= coder.options().review_threshold) {
      ++confident;
      confident_right += right;
    }
  }
  for (const auto& bin : result.bins) {
    if (bin[0] > 0) result.ece += std::abs(bin[2] - bin[1]) / std::max<size_t>(counted, 1);
  }
  result.share_confident = counted ? static_cast<double>(confident) / counted : 0;
  result.accuracy_confident = confident ? static_cast<double>(confident_right) / confident : 0;
  return result;
}


struct EvalSet {
  std::string name;
  std::string description;
  const Taxonomy* taxonomy;
  std::vector<LabelKind> kinds;
  std::string lang;
  std::vector<Level> levels;
};

std::string F(double v) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << v;
  return out.str();
}

struct EvalArgs {
  std::string data = SKILLMATCH_SHARED_DATA_DIR;
  std::vector<std::string> sets = {"rome-v3", "esco-fr", "esco-en", "ft-offres"};
  int threads = 2;
  std::string json_out;
  std::string errors_out;
  float word_weight = CoderOptions().word_weight;
  float agreement = CoderOptions().agreement;
  float profile_weight = CoderOptions().profile_weight;
  float head_weight = CoderOptions().head_weight;
  float group_weight = CoderOptions().group_weight;
  bool fourgrams = CoderOptions().fourgrams;
  float bm25_b = CoderOptions().bm25_b;
  float bm25_k1 = CoderOptions().bm25_k1;
  float context_weight = CoderOptions().context_weight;
  // ft-offres: report on the even rows, calibrate on the odd ones (for
  // tuning without looking at the report split).
  bool swap_splits = false;
};

// ---------------------------------------------------------------------------
// Job-board titles: real offers with the code their publisher assigned
// (france-travail-offres), coded from the title (and, for the models that
// take it, the offer's sector and description) into the ROME v3 bundle.
// Rows alternate between a calibration split (even row numbers: where the
// review threshold is chosen) and a report split (odd: every figure shown).

struct OfferRow {
  std::string title;
  std::string sector;
  std::string description;
  std::string code;
  bool broad = false;  // from an all-occupation dump (SOURCE.md, "broad")
  bool report = false;
};

// The sources of france-travail-offres that dumped offers of every
// occupation rather than keyword searches (SOURCE.md, "Diversity").
bool IsBroadSource(const std::string& repo) {
  static const std::set<std::string> kBroad = {
      "medsaf/jun24_cde_job-market", "chuck-gcc/FranceTravailDb",
      "sarahlakh/Syst-me-d-int-gration-de-donn-es-pour-l-optimisation-de-la-"
      "recherche-d-emploi",
      "mehh92/JobMarket", "mounaTay/france-travail", "mmkhinintn/france_jobs",
      "TaniaGA01/Jobs-list", "Elymne/findy-back"};
  return kBroad.count(repo) > 0;
}

Result<std::vector<OfferRow>> ReadOffers(const std::string& path,
                                         const Taxonomy& tax, bool swap_splits) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::vector<OfferRow> rows;
  std::string line;
  size_t line_no = 0;
  auto text = [](const ordered_json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>()
                                            : std::string();
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    ordered_json j;
    try {
      j = ordered_json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      return Status::DataError(path + ":" + std::to_string(line_no) + ": " +
                               e.what());
    }
    OfferRow row;
    row.code = text(j, "rome_code");
    // Only the rows whose code the ROME v3 bundle holds (the others carry
    // ROME 4.0-only codes, see SOURCE.md).
    NodeIndex node = tax.FindNode(row.code);
    if (node == classification::kNoNode || tax.node(node).level != "occupation") {
      continue;
    }
    row.title = text(j, "intitule");
    row.sector = text(j, "secteur_activite_libelle");
    row.description = text(j, "description");
    row.broad = IsBroadSource(text(j, "source_repo"));
    row.report = (line_no % 2 == 0) != swap_splits;  // line 1 is row 0
    rows.push_back(std::move(row));
  }
  return rows;
}

struct OfferRun {
  std::string model;
  // Per row: rank of the truth (0 = not in the top 5) and top confidence
  // (negative when the model gave nothing).
  std::vector<int> rank;
  std::vector<float> confidence;
};

struct OfferFigures {
  size_t rows = 0;
  double top1 = 0, top5 = 0, unflagged = 0, precision = 0;
};

OfferFigures Figures(const OfferRun& run, const std::vector<OfferRow>& rows,
                     bool broad_only, float threshold) {
  OfferFigures f;
  size_t kept = 0, kept_right = 0;
  for (size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
    if (!rows[row_idx].report || (broad_only && !rows[row_idx].broad)) continue;
    ++f.rows;
    const int rank = run.rank[row_idx];
    f.top1 += rank == 1;
    f.top5 += rank >= 1 && rank <= 5;
    if (run.confidence[row_idx] >= threshold) {
      ++kept;
      kept_right += rank == 1;
    }
  }
  const double n = std::max<size_t>(f.rows, 1);
  f.top1 /= n;
  f.top5 /= n;
  f.unflagged = kept / n;
  f.precision = kept ? static_cast<double>(kept_right) / kept : 0;
  return f;
}

// The lowest threshold at which the calibration split's unflagged codes are
// right at least `target` of the time (1.01 when none reaches it).
float ThresholdFor(const OfferRun& run, const std::vector<OfferRow>& rows,
                   double target) {
  std::vector<std::pair<float, int>> scored;  // confidence, right
  for (size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
    if (rows[row_idx].report || run.confidence[row_idx] < 0) continue;
    scored.emplace_back(run.confidence[row_idx], run.rank[row_idx] == 1);
  }
  std::sort(scored.begin(), scored.end(),
            [](const auto& x, const auto& y) { return x.first > y.first; });
  float best = 1.01f;
  size_t right = 0;
  for (size_t idx = 0; idx < scored.size(); ++idx) {
    right += scored[idx].second;
    const bool last_of_tie =
        idx + 1 == scored.size() || scored[idx + 1].first < scored[idx].first;
    if (last_of_tie && static_cast<double>(right) / (idx + 1) >= target) {
      best = scored[idx].first;
    }
  }
  return best;
}

std::string Pct(double v) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << 100 * v << "%";
  return out.str();
}


using OfferModel = std::function<classification::CodingResult(const OfferRow&)>;

OfferRun RunOffers(const std::string& name, const OfferModel& model,
                   const Coder& coder, const std::vector<OfferRow>& rows,
                   int threads) {
  OfferRun run;
  run.model = name;
  run.rank.assign(rows.size(), 0);
  run.confidence.assign(rows.size(), -1);
  auto worker = [&](size_t first_row, size_t last_row) {
    for (size_t row_idx = first_row; row_idx < last_row; ++row_idx) {
      classification::CodingResult r = model(rows[row_idx]);
      if (!r.candidates.empty()) {
        // Flagged codings count as below any threshold.
        run.confidence[row_idx] =
            r.needs_review ? std::min(r.candidates[0].confidence,
                                      coder.review_threshold() - 1e-6f)
                           : r.candidates[0].confidence;
      }
      for (size_t rank = 0; rank < r.candidates.size() && rank < 5; ++rank) {
        if (coder.TargetCode(r.candidates[rank].target) == rows[row_idx].code) {
          run.rank[row_idx] = static_cast<int>(rank) + 1;
          break;
        }
      }
    }
  };
  Status coded = classification::ParallelFor(
      rows.size(), {.threads = threads, .chunk = 64}, worker);
  (void)coded;  // `worker` returns nothing
  return run;
}

int RunOfferSet(const EvalArgs& args, const Taxonomy& rome,
                ordered_json* json_sets) {
  const std::string path = args.data + "/france-travail-offres/offres.jsonl";
  auto rows = ReadOffers(path, rome, args.swap_splits);
  if (!rows.ok()) return Fail(rows.status());
  CoderOptions options;
  options.languages = {"fr"};
  options.context_weight = args.context_weight;
  auto coder = Coder::ForOccupations(rome, options);
  if (!coder.ok()) return Fail(coder.status());
  const Coder& c = **coder;
  CoderOptions as_written_options = options;
  as_written_options.clean_job_titles = false;
  auto as_written = Coder::ForOccupations(rome, as_written_options);
  if (!as_written.ok()) return Fail(as_written.status());
  // Calibrated on the even rows (title, code, context), which also give
  // the priors: what France Travail decided for the same normalised title.
  // The priors are built as `import offers` builds them from a store
  // (engine::TitlePriorsFrom): each even row is an offer its source coded.
  CoderOptions fitted_options = options;
  std::vector<engine::TitleDecision> decisions;
  for (const OfferRow& row : *rows) {
    if (row.report) continue;
    fitted_options.calibration_titles.push_back(
        {row.title, row.code, row.sector, row.description});
    decisions.push_back({row.title, row.code, "source", 1});
  }
  const classification::TitlePriors priors = engine::TitlePriorsFrom(decisions);
  auto fitted = Coder::ForOccupations(rome, fitted_options);
  if (!fitted.ok()) return Fail(fitted.status());
  const Coder& f = **fitted;
  spdlog::info("ft-offres: review threshold fitted on the even rows {:.3f}, "
               "confidence model {} {} {}; {} titles remembered as priors",
               f.review_threshold(), f.calibration()[0], f.calibration()[1],
               f.calibration()[2], priors.size());
  // Exact label: the folded title equals a folded label of one occupation;
  // exact normalised label: the same after cleaning and normalisation.
  std::map<std::string, int32_t> exact, exact_normalised;
  auto folded = [](std::string_view text) {
    std::string key;
    for (const std::string& w : text::PlainWords(text)) {
      if (!key.empty()) key.push_back(' ');
      key += w;
    }
    return key;
  };
  auto add = [&](std::map<std::string, int32_t>* into, const std::string& key,
                 int32_t target) {
    auto [it, inserted] = into->emplace(key, target);
    if (!inserted && c.TargetCode(target) < c.TargetCode(it->second)) {
      it->second = target;
    }
  };
  for (const auto& label : c.labels()) {
    add(&exact, folded(label.text), label.target);
    add(&exact_normalised, classification::TitlePriors::Key(label.text),
        label.target);
  }
  auto lookup = [](const std::map<std::string, int32_t>& table,
                   const std::string& key) {
    classification::CodingResult r;
    auto it = table.find(key);
    if (it != table.end()) {
      r.candidates.push_back({it->second, 1, 1, -1});
      r.needs_review = false;
    }
    return r;
  };
  auto context_of = [](const OfferRow& row) {
    classification::CodingContext context;
    context.sector = row.sector;
    context.description = row.description;
    return context;
  };
  struct Model {
    std::string name;
    const Coder* coder;
    OfferModel code;
  };
  std::atomic<int64_t> several{0};  // rows whose title names several jobs
  std::vector<Model> models = {
      {"exact label (baseline)", &c,
       [&](const OfferRow& row) { return lookup(exact, folded(row.title)); }},
      {"exact normalised label (baseline)", &c,
       [&](const OfferRow& row) {
         return lookup(exact_normalised, classification::TitlePriors::Key(row.title));
       }},
      {"skillmatch, title as written", as_written->get(),
       [&](const OfferRow& row) { return (*as_written)->Code(row.title, 5); }},
      {"skillmatch, cleaned title", &c,
       [&](const OfferRow& row) { return c.Code(row.title, 5); }},
      {"skillmatch + context", &c,
       [&](const OfferRow& row) { return c.Code(row.title, 5, context_of(row)); }},
      {"+ fitted on even rows", &f,
       [&](const OfferRow& row) { return f.Code(row.title, 5, context_of(row)); }},
      {"+ priors from even rows", &f,
       [&](const OfferRow& row) {
         classification::CodingContext context = context_of(row);
         context.priors = &priors;
         return f.Code(row.title, 5, context);
       }},
      // The offer import: the whole title's coding, with the context only
      // for a title flagged when coded alone; against it, the first job of
      // a title that names several (CodeSeveral) with and without context.
      {"first job of several, no context", &c,
       [&](const OfferRow& row) {
         std::vector<classification::TitleCoding> jobs =
             c.CodeSeveral(row.title, 5);
         if (jobs.size() > 1) ++several;
         return jobs.front().result;
       }},
      {"import (whole, context if flagged)", &c,
       [&](const OfferRow& row) {
         classification::CodingResult alone = c.Code(row.title, 5);
         if (!alone.needs_review) return alone;
         return c.Code(row.title, 5, context_of(row));
       }},
      {"first job, context if flagged", &c,
       [&](const OfferRow& row) {
         classification::CodingResult alone =
             c.CodeSeveral(row.title, 5).front().result;
         if (!alone.needs_review) return alone;
         return c.CodeSeveral(row.title, 5, context_of(row)).front().result;
       }},
  };
  std::vector<OfferRun> runs;
  for (const auto& [name, model_coder, model] : models) {
    auto start = std::chrono::steady_clock::now();
    runs.push_back(RunOffers(name, model, *model_coder, *rows, args.threads));
    spdlog::info("ft-offres / {}: {:.2f} s", name,
                 std::chrono::duration<double>(
                     std::chrono::steady_clock::now() - start)
                     .count());
  }
  spdlog::info("ft-offres: {} of {} titles name several jobs (CodeSeveral)",
               several.load(), rows->size());
  size_t report_rows = 0, broad_rows = 0;
  for (const OfferRow& row : *rows) {
    report_rows += row.report;
    broad_rows += row.report && row.broad;
  }
  std::cout << "== ft-offres: France Travail offers whose code is a ROME v3 "
               "code, title -> ROME v3 (" << rows->size() << " rows; figures on the "
            << report_rows << " odd rows, thresholds chosen on the even rows)\n";
  ordered_json json_runs = ordered_json::array();
  for (const bool broad : {false, true}) {
    std::cout << (broad ? "all-occupation dumps only (" + std::to_string(broad_rows) +
                              " rows)\n"
                        : std::string("all rows\n"));
    std::cout << "  " << std::left << std::setw(34) << "model" << std::right
              << std::setw(7) << "top1" << std::setw(7) << "top5"
              << std::setw(11) << "unflagged" << std::setw(11) << "precision"
              << "   | threshold for 90%: unflagged precision\n";
    for (size_t run_idx = 0; run_idx < runs.size(); ++run_idx) {
      const OfferRun& run = runs[run_idx];
      OfferFigures at_default =
          Figures(run, *rows, broad, models[run_idx].coder->review_threshold());
      const float fitted = ThresholdFor(run, *rows, 0.9);
      OfferFigures at_fitted = Figures(run, *rows, broad, fitted);
      std::cout << "  " << std::left << std::setw(34) << run.model << std::right
                << std::setw(7) << Pct(at_default.top1) << std::setw(7)
                << Pct(at_default.top5) << std::setw(11) << Pct(at_default.unflagged)
                << std::setw(11) << Pct(at_default.precision) << "   | "
                << std::setw(9) << F(fitted) << std::setw(11)
                << Pct(at_fitted.unflagged) << std::setw(11)
                << Pct(at_fitted.precision) << "\n";
      json_runs.push_back({{"model", run.model},
                           {"subset", broad ? "broad" : "all"},
                           {"rows", at_default.rows},
                           {"top1", at_default.top1},
                           {"top5", at_default.top5},
                           {"unflagged", at_default.unflagged},
                           {"precision_unflagged", at_default.precision},
                           {"threshold_for_90", fitted},
                           {"unflagged_at_fitted", at_fitted.unflagged},
                           {"precision_at_fitted", at_fitted.precision}});
    }
  }
  std::cout << "\n";
  json_sets->push_back({{"set", "ft-offres"},
                        {"description", "France Travail offers, ROME v3 codes"},
                        {"rows", rows->size()},
                        {"runs", json_runs}});
  return kExitOk;
}

int RunEvalCoding(const EvalArgs& args) {
  const std::string d = args.data;
  ordered_json report;
  report["data"] = d;
  std::unique_ptr<Taxonomy> rome, esco;
  auto need_rome = [&]() -> Status {
    if (rome) return Status::Ok();
    auto t = classification::ImportRomeV3(d + "/rome-v3-v344");
    if (!t.ok()) return t.status();
    rome = std::make_unique<Taxonomy>(std::move(*t));
    return Status::Ok();
  };
  auto need_esco = [&]() -> Status {
    if (esco) return Status::Ok();
    classification::EscoSources sources{d + "/esco-v1.1.1-en", d + "/esco-v1.2.x-fr",
                                        d + "/esco-skills-fr-labels-api"};
    auto t = classification::ImportEsco(sources);
    if (!t.ok()) return t.status();
    esco = std::make_unique<Taxonomy>(std::move(*t));
    return Status::Ok();
  };
  std::vector<EvalSet> sets;
  for (const std::string& name : args.sets) {
    if (name == "rome-v3") {
      Status s = need_rome();
      if (!s.ok()) return Fail(s);
      const Taxonomy* t = rome.get();
      sets.push_back({name, "ROME v3 job titles, leave-one-out", t,
                      {LabelKind::kAppellation}, "fr",
                      {{"occupation", [](NodeIndex n) { return n; }},
                       {"area", [t](NodeIndex n) { return t->node(n).parent; }},
                       {"domain", [t](NodeIndex n) { return t->node(t->node(n).parent).parent; }}}});
    } else if (name == "esco-fr" || name == "esco-en") {
      Status s = need_esco();
      if (!s.ok()) return Fail(s);
      const Taxonomy* t = esco.get();
      auto isco4 = [t](NodeIndex n) {
        while (n != classification::kNoNode && t->node(n).level != "isco4") {
          n = t->node(n).parent;
        }
        return n;
      };
      std::string lang = name == "esco-fr" ? "fr" : "en";
      sets.push_back({name,
                      std::string("ESCO ") + (lang == "fr" ? "French" : "English") +
                          " alternative labels, leave-one-out",
                      t, {LabelKind::kAppellation}, lang,
                      {{"esco-occupation", [](NodeIndex n) { return n; }},
                       {"isco-unit-group", isco4}}});
    } else if (name == "ft-offres") {
      Status s = need_rome();
      if (!s.ok()) return Fail(s);
    } else {
      return Fail(Status::InvalidArgument(
          "unknown evaluation set " + text::Quoted(name) +
          " (rome-v3, esco-fr, esco-en, ft-offres)"));
    }
  }

  ordered_json json_sets = ordered_json::array();
  for (const std::string& name : args.sets) {
    if (name != "ft-offres") continue;
    int code = RunOfferSet(args, *rome, &json_sets);
    if (code != kExitOk) return code;
  }
  for (const EvalSet& set : sets) {
    CoderOptions ours;
    ours.word_weight = args.word_weight;
    ours.agreement = args.agreement;
    ours.profile_weight = args.profile_weight;
    ours.head_weight = args.head_weight;
    ours.group_weight = args.group_weight;
    ours.fourgrams = args.fourgrams;
    ours.bm25_b = args.bm25_b;
    ours.bm25_k1 = args.bm25_k1;
    ours.languages = {set.lang};
    CoderOptions char_tfidf;
    char_tfidf.normalize = false;
    char_tfidf.clean_job_titles = false;
    char_tfidf.word_weight = 0;
    char_tfidf.agreement = 0;
    char_tfidf.profile_weight = 0;
    char_tfidf.head_weight = 0;
    char_tfidf.fourgrams = false;
    char_tfidf.group_weight = 0;
    char_tfidf.calibration_sample = 0;
    char_tfidf.languages = {set.lang};
    CoderOptions bm25 = char_tfidf;
    bm25.word_weight = 1;
    std::vector<std::pair<std::string, CoderOptions>> models = {
        {"char-tfidf (baseline)", char_tfidf},
        {"bm25 (baseline)", bm25},
        {"skillmatch", ours}};
    std::cout << "== " << set.name << ": " << set.description << "\n";
    ordered_json json_runs = ordered_json::array();
    std::vector<RunResult> results;
    // The queries and what each hides are defined once, by skillmatch's
    // normalisation (the strictest: "boulanger" and "boulangère" are the
    // same title), so every model faces the same task. The coders list the
    // taxonomy's labels in the same order whatever their options.
    std::vector<Query> queries;
    {
      CoderOptions keys = ours;
      keys.calibration_sample = 0;
      auto key_coder = Coder::ForOccupations(*set.taxonomy, keys);
      if (!key_coder.ok()) return Fail(key_coder.status());
      queries = MakeQueries(**key_coder, *set.taxonomy, set.kinds, set.lang);
    }
    for (const auto& [model, options] : models) {
      auto start = std::chrono::steady_clock::now();
      auto coder = Coder::ForOccupations(*set.taxonomy, options);
      if (!coder.ok()) return Fail(coder.status());
      auto built = std::chrono::steady_clock::now();
      std::ofstream errors;
      if (!args.errors_out.empty() && model == "skillmatch") {
        errors.open(args.errors_out + "." + set.name + ".tsv");
      }
      RunResult r = Evaluate(model, **coder, queries, set.levels, args.threads,
                             errors.is_open() ? &errors : nullptr);
      auto end = std::chrono::steady_clock::now();
      spdlog::info("{} / {}: {} queries, index {:.2f} s, coding {:.2f} s", set.name,
                   model, r.queries,
                   std::chrono::duration<double>(built - start).count(),
                   std::chrono::duration<double>(end - built).count());
      results.push_back(std::move(r));
    }
    // Table: one row per model, three columns per level.
    std::cout << std::left << std::setw(24) << "model" << std::right << std::setw(8)
              << "queries";
    for (const Level& level : set.levels) {
      std::cout << "  " << std::setw(22) << std::left
                << (level.name + " top1/top5/MRR") << std::right;
    }
    std::cout << "\n";
    for (const RunResult& r : results) {
      std::cout << std::left << std::setw(24) << r.model << std::right << std::setw(8)
                << r.queries;
      ordered_json run = {{"model", r.model}, {"queries", r.queries}};
      for (size_t level_idx = 0; level_idx < set.levels.size(); ++level_idx) {
        const LevelScore& s = r.levels[level_idx];
        std::cout << "  " << std::setw(22) << std::left
                  << (F(s.top1) + " " + F(s.top5) + " " + F(s.mrr)) << std::right;
        run[set.levels[level_idx].name] = {
            {"top1", s.top1}, {"top5", s.top5}, {"mrr", s.mrr}};
      }
      std::cout << "\n";
      json_runs.push_back(run);
    }
    const RunResult& ours_result = results.back();
    const RunResult& base_char = results[0];
    std::cout << "ratio to char-tfidf (occupation): top1 x"
              << F(ours_result.levels[0].top1 / std::max(1e-9, base_char.levels[0].top1))
              << ", MRR x"
              << F(ours_result.levels[0].mrr / std::max(1e-9, base_char.levels[0].mrr))
              << "\n";
    std::cout << "reliability of skillmatch's confidence ("
              << ours_result.calibration_queries
              << " calibration queries left out):\n";
    std::cout << "  bin        n   mean conf   accuracy\n";
    ordered_json bins = ordered_json::array();
    for (size_t bin = 0; bin < ours_result.bins.size(); ++bin) {
      const auto& b = ours_result.bins[bin];
      if (b[0] == 0) continue;
      std::cout << "  " << F(bin / 10.0).substr(0, 3) << "-" << F((bin + 1) / 10.0).substr(0, 3)
                << std::setw(8) << static_cast<size_t>(b[0]) << "   "
                << std::setw(9) << F(b[1] / b[0]) << "   " << std::setw(8)
                << F(b[2] / b[0]) << "\n";
      bins.push_back({{"from", bin / 10.0}, {"count", b[0]},
                      {"mean_confidence", b[1] / b[0]}, {"accuracy", b[2] / b[0]}});
    }
    std::cout << "  ECE (10 bins) " << F(ours_result.ece) << "; share at or above "
              << "the review threshold " << F(ours_result.share_confident)
              << " with top-1 accuracy " << F(ours_result.accuracy_confident) << "\n\n";
    json_sets.push_back({{"set", set.name},
                         {"description", set.description},
                         {"runs", json_runs},
                         {"reliability", bins},
                         {"ece", ours_result.ece},
                         {"share_above_threshold", ours_result.share_confident},
                         {"accuracy_above_threshold", ours_result.accuracy_confident}});
  }
  report["sets"] = json_sets;
  if (!args.json_out.empty()) {
    std::ofstream out(args.json_out);
    if (!out) return Fail(Status::IoError(args.json_out + ": cannot write"));
    out << report.dump(2) << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddEvalCodingCommand(CLI::App* eval, int* exit_code) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = eval->add_subcommand(
      "coding",
      "Leave-one-out coding of published job titles (ROME v3, ESCO fr/en), "
      "beside plain char TF-IDF and BM25 baselines");
  cmd->add_option("--data", args->data, "Folder of the published data")
      ->capture_default_str();
  cmd->add_option("--sets", args->sets, "rome-v3, esco-fr, esco-en, ft-offres")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--threads", args->threads)->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--json", args->json_out, "Also write every figure to this file");
  cmd->add_option("--errors", args->errors_out,
                  "Write skillmatch's wrong codings to PREFIX.<set>.tsv "
                  "(title, truth, predicted, rank of the truth)");
  cmd->add_option("--word-weight", args->word_weight, "Coder option (tuning)")
      ->capture_default_str();
  cmd->add_option("--agreement", args->agreement, "Coder option (tuning)")
      ->capture_default_str();
  cmd->add_option("--profile-weight", args->profile_weight, "Coder option (tuning)")
      ->capture_default_str();
  cmd->add_option("--head-weight", args->head_weight, "Coder option (tuning)")
      ->capture_default_str();
  cmd->add_option("--fourgrams", args->fourgrams, "Coder option (tuning)")
      ->capture_default_str();
  cmd->add_option("--group-weight", args->group_weight, "Coder option (tuning)")
      ->capture_default_str();
  cmd->add_option("--bm25-b", args->bm25_b, "Coder option (tuning)")
      ->capture_default_str();
  cmd->add_option("--bm25-k1", args->bm25_k1, "Coder option (tuning)")
      ->capture_default_str();
  cmd->add_option("--context-weight", args->context_weight,
                  "Coder option (tuning; ft-offres)")
      ->capture_default_str();
  cmd->add_flag("--swap-splits", args->swap_splits,
                "ft-offres: figures on the even rows, calibration on the odd "
                "ones (tune with this, report without it)");
  cmd->callback([args, exit_code] { *exit_code = RunEvalCoding(*args); });
}

}  // namespace skillmatch::cli
