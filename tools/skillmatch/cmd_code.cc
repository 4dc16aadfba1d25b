// skillmatch code: free-text job titles (or skills) to taxonomy codes.
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
                           "score", "confidence", "needs_review"});
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
  void Write(const std::string& input, const CodingResult& r) {
    if (args_.format == "jsonl") {
      nlohmann::ordered_json line;
      line["input"] = input;
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
      line["candidates"] = candidates;
      line["needs_review"] = r.needs_review;
      // Only when set, so lines without a store keep their keys.
      if (r.from_prior) line["from_prior"] = true;
      out_ << line.dump() << "\n";
    } else if (args_.format == "csv") {
      if (r.candidates.empty()) {
        csv::WriteRow(out_, {input, "", "", "", "", "", "", "true"});
      }
      for (size_t rank = 0; rank < r.candidates.size(); ++rank) {
        const auto& c = r.candidates[rank];
        csv::WriteRow(out_, {input, std::to_string(rank + 1),
                             coder_.TargetCode(c.target), Name(c.target),
                             Via(c), Round(c.score),
                             Round(c.confidence),
                             r.needs_review ? "true" : "false"});
      }
    } else {
      out_ << (input.empty() ? "(empty line)" : input)
           << (r.needs_review ? "   [to review]" : "") << "\n";
      if (r.candidates.empty()) out_ << "  (no candidate)\n";
      for (size_t rank = 0; rank < r.candidates.size(); ++rank) {
        const auto& c = r.candidates[rank];
        out_ << "  " << rank + 1 << ". " << coder_.TargetCode(c.target) << "  "
             << Name(c.target) << "  conf " << Round(c.confidence) << "  score "
             << Round(c.score)
             << (rank == 0 && r.from_prior
                     ? std::string("  (decided before for this title)")
                     : "  via \"" + Via(c) + "\"")
             << "\n";
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
  classification::CodingContext context;
  if (priors.size() > 0) context.priors = &priors;
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
  size_t count = 0, review = 0;
  // A line that is not UTF-8 (a Windows-1252 export, say) is unusable: it
  // gets the empty result of an empty line, shown with U+FFFD in place of
  // its bad bytes, and a warning; the lines around it are coded as usual.
  size_t unusable = 0;
  auto code_one = [&](const std::string& raw, int64_t line) {
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
    CodingResult r = (*coder)->Code(coded, args.top, context);
    writer.Write(shown, r);
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
    while (reader->Next(&fields)) {
      code_one(static_cast<size_t>(col) < fields.size() ? fields[col] : "",
               reader->record_line());
    }
    if (!reader->status().ok()) return Fail(reader->status());
  } else {
    std::string line;
    int64_t line_number = 0;
    while (std::getline(*in, line)) {
      ++line_number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      code_one(line, line_number);
    }
    if (in->bad()) return Fail(Status::IoError(name + ": read error"));
  }
  if (unusable > 0) {
    spdlog::info("coded {} line(s), {} to review, {} not UTF-8", count, review,
                 unusable);
  } else {
    spdlog::info("coded {} line(s), {} to review", count, review);
  }
  return kExitOk;
}

}  // namespace

void AddCodeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CodeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "code",
      "Code free-text job titles (or skills with --skills), one per line, "
      "into taxonomy codes");
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
  cmd->add_option("--threshold", args->threshold,
                  "Confidence under which a coding is flagged needs_review")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunCode(*args); });
}

}  // namespace skillmatch::cli
