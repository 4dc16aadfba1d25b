// skillmatch code: free-text job titles (or skills) to taxonomy codes.
#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.h"
#include "skillmatch/classification/coder.h"
#include "skillmatch/classification/csv.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/import/title_priors.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

using classification::Coder;
using classification::CodingResult;
using classification::Taxonomy;

struct CodeArgs {
  std::string taxonomy = DefaultTaxonomyPath();
  std::string db;
  std::string lang = "auto";
  int top = 5;
  std::string format = "jsonl";
  bool skills = false;
  bool spot = false;
  std::string column;
  std::string input = "-";
  float threshold = 0.5f;
  // The coder's context for every line (--sector, --description), or per
  // row from CSV columns (--sector-column, --description-column).
  std::string sector;
  std::string description;
  std::string sector_column;
  std::string description_column;
};

std::string Round(float value) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(4) << value;
  return out.str();
}

class ResultWriter {
 public:
  ResultWriter(const Taxonomy& tax, const Coder& coder, const CodeArgs& args,
               std::ostream& out)
      : tax_(tax), coder_(coder), args_(args), out_(out) {
    if (args_.format == "csv" && args_.spot) {
      csv::WriteRow(out_, {"input", "skill_id", "label"});
    } else if (args_.format == "csv") {
      csv::WriteRow(out_, {"input", "rank", "code", "label", "matched_label",
                           "score", "confidence", "needs_review", "job",
                           "job_title"});
    }
  }
  std::string Name(int32_t target) const {
    const std::string lang =
        args_.lang == "auto" ? tax_.main_language() : args_.lang;
    return args_.skills ? tax_.SkillName(target, lang)
                        : tax_.NodeLabel(target, lang);
  }
  // Skills spotted in a description (--spot).
  void WriteSpotted(const std::string& input, const std::vector<int32_t>& found) {
    if (args_.format == "jsonl") {
      nlohmann::ordered_json line;
      line["input"] = input;
      nlohmann::ordered_json skills = nlohmann::ordered_json::array();
      for (int32_t skill : found) {
        skills.push_back({{"skill_id", coder_.TargetCode(skill)}, {"label", Name(skill)}});
      }
      line["skills"] = skills;
      out_ << line.dump() << "\n";
    } else if (args_.format == "csv") {
      if (found.empty()) csv::WriteRow(out_, {input, "", ""});
      for (int32_t skill : found) {
        csv::WriteRow(out_, {input, coder_.TargetCode(skill), Name(skill)});
      }
    } else {
      out_ << (input.empty() ? "(empty line)" : input) << "\n";
      if (found.empty()) out_ << "  (no known skill)\n";
      for (int32_t skill : found) {
        out_ << "  " << coder_.TargetCode(skill) << "  " << Name(skill) << "\n";
      }
    }
  }

  // The label a candidate was found through; none for a candidate that
  // comes only from a past decision (priors, --db).
  std::string Via(const classification::CodingCandidate& c) const {
    const auto& labels = coder_.labels();
    return c.best_label >= 0 && static_cast<size_t>(c.best_label) < labels.size()
               ? labels[c.best_label].text
               : std::string();
  }

  nlohmann::ordered_json Candidates(const CodingResult& r) const {
    nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
    for (const auto& c : r.candidates) {
      candidates.push_back(
          {{"code", coder_.TargetCode(c.target)},
           {"label", Name(c.target)},
           {"matched_label", c.best_label >= 0 ? nlohmann::ordered_json(Via(c))
                                               : nlohmann::ordered_json(nullptr)},
           {"score", std::round(c.score * 1e4) / 1e4},
           {"confidence", std::round(c.confidence * 1e4) / 1e4}});
    }
    return candidates;
  }

  // One input's coding `r` (the whole title's, as the offer import keeps
  // it) and, for a title that names several jobs, each job coded apart:
  // "jobs" in jsonl, csv rows numbered by job after the whole title's (job
  // empty), one block per job in the table.
  void Write(const std::string& input, const CodingResult& r,
             const std::vector<classification::TitleCoding>& jobs) {
    if (args_.format == "jsonl") {
      nlohmann::ordered_json line;
      line["input"] = input;
      line["candidates"] = Candidates(r);
      line["needs_review"] = r.needs_review;
      // Only when set, so lines without a store keep their keys.
      if (r.from_prior) line["from_prior"] = true;
      if (jobs.size() > 1) {
        nlohmann::ordered_json several = nlohmann::ordered_json::array();
        for (const auto& job : jobs) {
          several.push_back({{"title", job.title},
                             {"candidates", Candidates(job.result)},
                             {"needs_review", job.result.needs_review}});
        }
        line["jobs"] = several;
      }
      out_ << line.dump() << "\n";
    } else if (args_.format == "csv") {
      // The whole title, then each job when there are several.
      for (size_t job_idx = 0; job_idx <= jobs.size(); ++job_idx) {
        if (job_idx > 0 && jobs.size() == 1) break;
        const CodingResult& job = job_idx == 0 ? r : jobs[job_idx - 1].result;
        const std::string job_number =
            job_idx == 0 ? "" : std::to_string(job_idx);
        const std::string& job_title =
            job_idx == 0 ? std::string() : jobs[job_idx - 1].title;
        if (job.candidates.empty()) {
          csv::WriteRow(out_, {input, "", "", "", "", "", "", "true",
                               job_number, job_title});
        }
        for (size_t rank = 0; rank < job.candidates.size(); ++rank) {
          const auto& c = job.candidates[rank];
          csv::WriteRow(out_, {input, std::to_string(rank + 1),
                               coder_.TargetCode(c.target), Name(c.target),
                               Via(c), Round(c.score),
                               Round(c.confidence),
                               job.needs_review ? "true" : "false",
                               job_number, job_title});
        }
      }
    } else {
      out_ << (input.empty() ? "(empty line)" : input)
           << (r.needs_review ? "   [to review]" : "") << "\n";
      for (size_t job_idx = 0; job_idx <= jobs.size(); ++job_idx) {
        if (job_idx > 0 && jobs.size() == 1) break;
        const CodingResult& job = job_idx == 0 ? r : jobs[job_idx - 1].result;
        if (job_idx > 0) {
          out_ << "  job " << job_idx << ": " << jobs[job_idx - 1].title
               << (job.needs_review ? "   [to review]" : "") << "\n";
        }
        if (job.candidates.empty()) out_ << "  (no candidate)\n";
        for (size_t rank = 0; rank < job.candidates.size(); ++rank) {
          const auto& c = job.candidates[rank];
          out_ << "  " << rank + 1 << ". " << coder_.TargetCode(c.target)
               << "  " << Name(c.target) << "  conf " << Round(c.confidence)
               << "  score " << Round(c.score)
               << (rank == 0 && job.from_prior
                       ? std::string("  (decided before for this title)")
                       : "  via \"" + Via(c) + "\"")
               << "\n";
        }
      }
    }
  }

 private:
  const Taxonomy& tax_;
  const Coder& coder_;
  const CodeArgs& args_;
  std::ostream& out_;
};

int RunCode(const CodeArgs& args) {
  if (args.spot && !args.skills) {
    return Fail(Status::InvalidArgument("--spot goes with --skills"));
  }
  if (args.column.empty() &&
      !(args.sector_column.empty() && args.description_column.empty())) {
    return Fail(Status::InvalidArgument(
        "--sector-column and --description-column go with --column"));
  }
  Result<Taxonomy> tax = Status::Internal("unset");
  // With --db: the store's taxonomy, and the titles decided before by a
  // person or by a source (the priors an import of that store uses).
  classification::TitlePriors priors;
  if (!args.db.empty()) {
    engine::StoreOptions store_options;
    store_options.read_only = true;
    auto store = engine::Store::Open(args.db, store_options);
    if (!store.ok()) return Fail(store.status());
    auto has = (*store)->HasTaxonomy();
    if (!has.ok()) return Fail(has.status());
    if (!*has) {
      return Fail(Status::NotFound(args.db + ": no taxonomy in the store; run "
                                   "`skillmatch db init --db " + args.db + "` first"));
    }
    tax = (*store)->ReadTaxonomy();
    if (!tax.ok()) return Fail(tax.status());
    if (!args.skills) {
      auto read = engine::ReadTitlePriors(**store);
      if (!read.ok()) return Fail(read.status());
      priors = std::move(*read);
    }
  } else {
    tax = LoadTaxonomy(args.taxonomy, false);
  }
  if (!tax.ok()) return Fail(tax.status());
  classification::CodingContext base_context;
  if (priors.size() > 0) base_context.priors = &priors;
  classification::CoderOptions options;
  options.review_threshold = args.threshold;
  if (args.lang != "auto") {
    const auto& langs = tax->info().languages;
    if (std::find(langs.begin(), langs.end(), args.lang) == langs.end()) {
      return Fail(Status::InvalidArgument("--lang " + args.lang +
                                          ": the taxonomy has no labels in "
                                          "that language"));
    }
    options.languages = {args.lang};
  }
  auto coder = args.skills ? Coder::ForSkills(*tax, options)
                           : Coder::ForOccupations(*tax, options);
  if (!coder.ok()) return Fail(coder.status());

  std::ifstream file;
  std::istream* in = &std::cin;
  const std::string name = args.input == "-" ? "<stdin>" : args.input;
  if (args.input != "-") {
    file.open(args.input, std::ios::binary);
    if (!file.is_open()) {
      return Fail(Status::NotFound(args.input + ": cannot open file"));
    }
    in = &file;
  }
  ResultWriter writer(*tax, **coder, args, std::cout);
  size_t count = 0, review = 0, several = 0;
  // A line that is not UTF-8 (a Windows-1252 export, say) is unusable: it
  // gets the empty result of an empty line, shown with U+FFFD in place of
  // its bad bytes, and a warning; the lines around it are coded as usual.
  size_t unusable = 0;
  // With a context for every line, or per row from CSV columns.
  auto code_one = [&](const std::string& raw, int64_t line,
                      const std::string& sector,
                      const std::string& description) {
    const std::string problem = text::Utf8Problem(raw);
    if (!problem.empty()) {
      spdlog::warn("{}:{}: {}: empty result", name, line, problem);
      ++unusable;
    }
    const std::string shown = problem.empty() ? raw : text::ToValidUtf8(raw);
    static const std::string kNothing;
    const std::string& coded = problem.empty() ? raw : kNothing;
    if (args.spot) {
      writer.WriteSpotted(shown, (*coder)->Spot(coded));
      ++count;
      return;
    }
    classification::CodingContext context = base_context;
    context.sector = sector;
    context.description = description;
    CodingResult r = (*coder)->Code(coded, args.top, context);
    std::vector<classification::TitleCoding> jobs;
    if (!args.skills) {
      // A title that names several jobs ("Électricien / Plombier") gives
      // one coding per job besides the whole title's.
      jobs = (*coder)->CodeSeveral(coded, args.top, context);
      several += jobs.size() > 1;
    }
    if (jobs.size() <= 1) jobs.assign(1, {coded, r});
    writer.Write(shown, r, jobs);
    ++count;
    review += r.needs_review;
  };
  if (!args.column.empty()) {
    auto reader = csv::Reader::FromStream(name, in);
    std::vector<std::string> fields;
    if (!reader->Next(&fields)) {
      if (!reader->status().ok()) return Fail(reader->status());
      return Fail(Status::DataError(name + ":1: empty file, expected a header row"));
    }
    csv::Header header(fields);
    int col = header.Find(args.column);
    if (col < 0) {
      return Fail(Status::DataError(name + ":1: no column " + text::Quoted(args.column)));
    }
    const int sector_col =
        args.sector_column.empty() ? -1 : header.Find(args.sector_column);
    const int description_col = args.description_column.empty()
                                    ? -1
                                    : header.Find(args.description_column);
    for (const auto& [column, found] :
         {std::pair<std::string, int>{args.sector_column, sector_col},
          std::pair<std::string, int>{args.description_column,
                                      description_col}}) {
      if (!column.empty() && found < 0) {
        return Fail(Status::DataError(name + ":1: no column " +
                                      text::Quoted(column)));
      }
    }
    auto field = [&](int at) -> const std::string& {
      static const std::string kNone;
      return at >= 0 && static_cast<size_t>(at) < fields.size() ? fields[at]
                                                                 : kNone;
    };
    while (reader->Next(&fields)) {
      code_one(field(col), reader->record_line(),
               sector_col >= 0 ? field(sector_col) : args.sector,
               description_col >= 0 ? field(description_col)
                                    : args.description);
    }
    if (!reader->status().ok()) return Fail(reader->status());
  } else {
    std::string line;
    int64_t line_number = 0;
    while (std::getline(*in, line)) {
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      code_one(line, line_number, args.sector, args.description);
    }
    if (in->bad()) return Fail(Status::IoError(name + ": read error"));
  }
  const std::string naming_several =
      several > 0 ? fmt::format(", {} naming several jobs", several) : "";
  if (unusable > 0) {
    spdlog::info("coded {} line(s), {} to review{}, {} not UTF-8", count,
                 review, naming_several, unusable);
  } else {
    spdlog::info("coded {} line(s), {} to review{}", count, review,
                 naming_several);
  }
  return kExitOk;
}

}  // namespace

void AddCodeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CodeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "code",
      "Code free-text job titles (or skills with --skills), one per line, "
      "into taxonomy codes; a title that names several jobs gets one coding "
      "per job");
  cmd->add_option("input", args->input, "Input file, or - for stdin")
      ->capture_default_str();
  auto* taxonomy = cmd->add_option("--taxonomy", args->taxonomy, "Taxonomy bundle folder")
                       ->capture_default_str();
  cmd->add_option("--db", args->db,
                  "Code against a store: its taxonomy, and the titles a person "
                  "(review set) or a source coded before")
      ->excludes(taxonomy);
  cmd->add_option("--lang", args->lang, "Label language: fr, en or auto")
      ->capture_default_str();
  cmd->add_option("--top", args->top, "Candidates per input")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--format", args->format, "jsonl, csv or table")
      ->check(CLI::IsMember({"jsonl", "csv", "table"}))
      ->capture_default_str();
  cmd->add_flag("--skills", args->skills, "Code skills instead of job titles");
  cmd->add_flag("--spot", args->spot,
                "With --skills: list the known skill phrases found in each "
                "line (a description) instead of coding it as one skill");
  cmd->add_option("--column", args->column,
                  "Read a CSV file and code this column");
  cmd->add_option("--sector", args->sector,
                  "The employer's sector, context for every title (\"Banque\")");
  cmd->add_option("--description", args->description,
                  "The offer's description, context for every title");
  cmd->add_option("--sector-column", args->sector_column,
                  "With --column: the column holding each row's sector");
  cmd->add_option("--description-column", args->description_column,
                  "With --column: the column holding each row's description");
  cmd->add_option("--threshold", args->threshold,
                  "Confidence under which a coding is flagged needs_review")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunCode(*args); });
}

}  // namespace skillmatch::cli
