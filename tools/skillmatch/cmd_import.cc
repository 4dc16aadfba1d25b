// skillmatch import offers and review list|set: offer files into the store
// through a mapping, and the offers whose occupation awaits a person
// (engine/import/README.md).
#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "skillmatch/classification/csv.h"
#include "skillmatch/classification/text.h"
#include "skillmatch/import/import_mapping.h"
#include "skillmatch/import/import_report.h"
#include "skillmatch/import/offer_import.h"
#include "skillmatch/import/title_priors.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

using engine::ImportOptions;
using engine::ImportSummary;
using engine::OfferImporter;
using engine::RowReport;
using engine::Store;
using engine::StoreOptions;

constexpr int kShownRejections = 20;

struct ImportArgs {
  std::string db;
  std::string source;
  std::string mapping;
  std::vector<std::string> inputs;
  bool strict = false;
  bool lenient = false;
  bool dry_run = false;
  std::string report;
  int64_t batch_rows = 10'000;
  int threads = 2;
};

int RunImportOffers(const ImportArgs& args) {
  auto mapping = engine::ReadMappingFile(args.mapping);
  if (!mapping.ok()) return Fail(mapping.status());
  StoreOptions store_options;
  store_options.create_if_missing = false;
  auto store = Store::Open(args.db, store_options);
  if (!store.ok()) return Fail(store.status());
  auto has = (*store)->HasTaxonomy();
  if (!has.ok()) return Fail(has.status());
  if (!*has) {
    return Fail(Status::NotFound(args.db +
                                 ": no taxonomy in the store; run "
                                 "`skillmatch db init --db " +
                                 args.db + "` first"));
  }
  auto taxonomy = (*store)->ReadTaxonomy();
  if (!taxonomy.ok()) return Fail(taxonomy.status());
  // Titles coded before by a person or by their source code the same way
  // (engine/import/README.md, "Priors from the store").
  auto priors = engine::ReadTitlePriors(**store);
  if (!priors.ok()) return Fail(priors.status());
  if (priors->size() > 0) {
    spdlog::info("{} title(s) remembered from the store's decisions", priors->size());
  }

  std::ofstream report;
  std::optional<engine::ImportReportWriter> report_rows;
  if (!args.report.empty()) {
    report.open(args.report, std::ios::binary | std::ios::trunc);
    if (!report) {
      std::cerr << "skillmatch: " << args.report << ": cannot write report\n";
      return kExitCantCreate;
    }
    report_rows.emplace(report, mapping->field(engine::ImportField::kTitle), *taxonomy);
  }
  int shown = 0;
  int64_t hidden = 0;
  int shown_warnings = 0;
  int64_t hidden_warnings = 0;
  ImportOptions options;
  options.source = args.source;
  options.lenient = args.lenient;
  options.dry_run = args.dry_run;
  options.batch_rows = args.batch_rows;
  options.threads = args.threads;
  options.title_priors = &*priors;
  options.on_row = [&](const RowReport& row) {
    if (report_rows) report_rows->Write(row);
    for (const engine::RowWarning& warning : row.warnings) {
      if (warning.reference) continue;  // one line per reference at the end
      if (shown_warnings < kShownRejections) {
        ++shown_warnings;
        spdlog::warn("{}", warning.message);
      } else {
        ++hidden_warnings;
      }
    }
    if (row.outcome == engine::RowOutcome::kRejected) {
      if (shown < kShownRejections) {
        ++shown;
        spdlog::warn("{}", row.message);
      } else {
        ++hidden;
      }
    }
  };
  // Test hook (tests/cli/import_cli_test.cc): SKILLMATCH_IMPORT_CRASH_AFTER_
  // BATCHES=N ends the process with _exit(75), as a crash would, right after
  // the Nth committed batch; importing again resumes from there.
  if (const char* crash = std::getenv("SKILLMATCH_IMPORT_CRASH_AFTER_BATCHES");
      crash != nullptr && std::atoi(crash) > 0) {
    const int64_t crash_after = std::atoi(crash);
    options.after_commit = [crash_after](int64_t batches_committed) {
      if (batches_committed >= crash_after) {
        std::fflush(nullptr);
        ::_exit(75);
      }
    };
  }
  auto importer =
      OfferImporter::Create(store->get(), &*taxonomy, *mapping, options);
  if (!importer.ok()) return Fail(importer.status());
  for (const std::string& warning : (*importer)->warnings()) {
    spdlog::warn("{}", warning);
  }

  int exit_code = kExitOk;
  for (const std::string& input : args.inputs) {
    ImportSummary summary;
    Status status = (*importer)->ImportFile(input, &summary);
    if (hidden_warnings > 0) {
      spdlog::warn("... and {} more warnings{}", hidden_warnings,
                   args.report.empty() ? "" : " (see " + args.report + ")");
      hidden_warnings = 0;
    }
    if (hidden > 0) {
      spdlog::warn("... and {} more rejected rows{}", hidden,
                   args.report.empty() ? "" : " (see " + args.report + ")");
      hidden = 0;
    }
    for (const std::string& warning : summary.warnings) {
      spdlog::warn("{}", warning);
    }
    shown = 0;
    shown_warnings = 0;
    std::cout << summary.Line() << std::endl;
    if (summary.several_jobs > 0) {
      spdlog::info(
          "{}: {} title(s) name several jobs: each offer keeps the whole "
          "title's coding, the jobs are listed{}",
          summary.file, summary.several_jobs,
          args.report.empty() ? " in --report" : " in " + args.report);
    }
    if (!status.ok()) {
      exit_code = Fail(status);
      if (status.code() == StatusCode::kDataError && !args.lenient) {
        std::cerr << "skillmatch: " << input
                  << ": nothing imported (strict mode: one transaction per "
                     "file; --lenient skips bad rows)\n";
      }
      break;  // later files are not imported
    }
  }
  if (report.is_open()) {
    report.flush();
    if (!report) {
      std::cerr << "skillmatch: " << args.report << ": write error\n";
      return kExitIoErr;
    }
  }
  return exit_code;
}

// --------------------------------------------------------------- runs

struct RunsArgs {
  std::string db;
  std::string source;  // a prefix of source names
  int64_t limit = 20;
  std::string format = "table";
};

// The import runs as the store recorded them, newest first: a run not done
// was stopped or interrupted (importing the same file again from the same
// source resumes it) or is still under way.
int RunImportRuns(const RunsArgs& args) {
  StoreOptions options;
  options.read_only = true;
  auto store = Store::Open(args.db, options);
  if (!store.ok()) return Fail(store.status());
  auto runs = (*store)->ListImportRuns(args.source, args.limit);
  if (!runs.ok()) return Fail(runs.status());
  auto state = [](const engine::ImportRunInfo& run) { return run.done ? "done" : "not done"; };
  if (args.format == "json") {
    for (const engine::ImportRunInfo& run : *runs) {
      const engine::ImportCounts& n = run.counts;
      nlohmann::ordered_json line = {
          {"id", run.id},           {"source", run.source},
          {"file", run.file},       {"mode", run.lenient ? "lenient" : "strict"},
          {"done", run.done},       {"started_at", run.started_at},
          {"finished_at", run.finished_at.empty() ? nlohmann::ordered_json(nullptr)
                                                  : nlohmann::ordered_json(run.finished_at)},
          {"rows", n.rows},         {"inserted", n.inserted},
          {"updated", n.updated},   {"unchanged", n.unchanged},
          {"duplicates", n.duplicates}, {"rejected", n.rejected},
          {"to_review", n.to_review}};
      std::cout << line.dump() << "\n";
    }
    return kExitOk;
  }
  if (runs->empty()) {
    std::cout << "no import run" << (args.source.empty() ? "" : " of a source starting '" +
                                                                   args.source + "'")
              << "\n";
    return kExitOk;
  }
  for (const engine::ImportRunInfo& run : *runs) {
    std::cout << fmt::format("{:>5}  {}  {:<8}  {} {}  {} ({} to review)\n", run.id,
                             run.started_at, state(run), run.source, text::Quoted(run.file),
                             engine::CountsText(run.counts), run.counts.to_review);
  }
  return kExitOk;
}

// --------------------------------------------------------------- review

struct ReviewListArgs {
  std::string db;
  std::string source;
  int64_t limit = 0;
  std::string format = "table";
};

int RunReviewList(const ReviewListArgs& args) {
  StoreOptions options;
  options.read_only = true;
  auto store = Store::Open(args.db, options);
  if (!store.ok()) return Fail(store.status());
  auto items = (*store)->ListOffersToReview(args.source, args.limit);
  if (!items.ok()) return Fail(items.status());
  if (args.format == "json") {
    for (const engine::ReviewItem& item : *items) {
      nlohmann::ordered_json line = {
          {"offer_id", item.offer_id},     {"source", item.source},
          {"source_ref", item.source_ref}, {"title", item.title},
          {"employer", item.employer},     {"suggested", item.suggested}};
      line["confidence"] = item.confidence
                               ? nlohmann::ordered_json(*item.confidence)
                               : nlohmann::ordered_json(nullptr);
      std::cout << line.dump() << "\n";
    }
    return kExitOk;
  }
  if (args.format == "csv") {
    csv::WriteRow(std::cout, {"offer_id", "source", "source_ref", "title",
                              "employer", "suggested", "confidence"});
    for (const engine::ReviewItem& item : *items) {
      csv::WriteRow(std::cout,
                    {item.offer_id, item.source, item.source_ref, item.title,
                     item.employer, item.suggested,
                     item.confidence ? fmt::format("{:.2f}", *item.confidence)
                                     : std::string()});
    }
    return kExitOk;
  }
  if (items->empty()) {
    std::cout << "no offer to review\n";
    return kExitOk;
  }
  size_t width = 0;
  for (const auto& item : *items) width = std::max(width, item.offer_id.size());
  for (const engine::ReviewItem& item : *items) {
    std::cout << item.offer_id << std::string(width - item.offer_id.size(), ' ')
              << "  " << (item.suggested.empty() ? "-" : item.suggested) << "  "
              << (item.confidence ? fmt::format("{:.2f}", *item.confidence)
                                  : std::string("   -"))
              << "  " << item.title << "\n";
  }
  return kExitOk;
}

struct ReviewSetArgs {
  std::string db;
  std::string offer;
  std::string code;
  std::string by;
};

int RunReviewSet(const ReviewSetArgs& args) {
  StoreOptions options;
  options.create_if_missing = false;
  auto store = Store::Open(args.db, options);
  if (!store.ok()) return Fail(store.status());
  Status done = (*store)->SetOfferCode(args.offer, args.code, args.by);
  if (!done.ok()) return Fail(done);
  spdlog::info("offer {}: occupation {} (reviewed)", args.offer, args.code);
  return kExitOk;
}

}  // namespace

void AddImportCommands(CLI::App& app, int* exit_code) {
  CLI::App* group = app.add_subcommand(
      "import",
      "Import a source file through a mapping (engine/import/README.md)");
  group->require_subcommand(1);
  {
    auto args = std::make_shared<ImportArgs>();
    CLI::App* cmd = group->add_subcommand(
        "offers",
        "Import offers from a source file (a PES export in CSV, JSON or JSON "
        "Lines, in its own columns or keys) through a mapping (--mapping): "
        "validate, code, deduplicate and store them; one summary line per "
        "file on stdout. For records in skillmatch's own JSON format, use "
        "skillmatch offers import.");
    cmd->add_option("--db", args->db,
                    "SQLite database with a taxonomy (skillmatch db init)")
        ->required();
    cmd->add_option("--source", args->source,
                    "Name of the source (anpe-bj, eures...): offer ids are "
                    "SOURCE:REF")
        ->required();
    cmd->add_option("--mapping", args->mapping, "Mapping file (JSON)")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("inputs", args->inputs, "Offer files")->required();
    auto* strict = cmd->add_flag(
        "--strict", args->strict,
        "All or nothing per file: any bad row rolls the file back (default)");
    auto* lenient = cmd->add_flag(
        "--lenient", args->lenient,
        "Report and skip bad rows; commit in checkpointed batches, resumed "
        "after a crash");
    strict->excludes(lenient);
    cmd->add_flag("--dry-run", args->dry_run,
                  "Do everything, then roll back: the summary says what "
                  "would happen");
    cmd->add_option("--report", args->report,
                    "Write every row's outcome to this CSV file");
    cmd->add_option("--batch-rows", args->batch_rows,
                    "Rows per batch (pipeline unit; lenient: per commit)")
        ->check(CLI::Range(int64_t{1}, int64_t{10'000'000}))
        ->capture_default_str();
    cmd->add_option("--threads", args->threads,
                    "1: one thread; 2: code and write in parallel")
        ->check(CLI::Range(1, 2))
        ->capture_default_str();
    cmd->callback([args, exit_code] { *exit_code = RunImportOffers(*args); });
  }
  {
    auto args = std::make_shared<RunsArgs>();
    CLI::App* cmd = group->add_subcommand(
        "runs",
        "The import runs the store recorded, newest first, with their counts; "
        "a run 'not done' was stopped or interrupted (importing the same file "
        "again from the same source resumes it) or is under way");
    cmd->add_option("--db", args->db, "SQLite database")->required();
    cmd->add_option("--source", args->source,
                    "Only sources whose name starts with this (an agency's: 'dakar-')");
    cmd->add_option("--limit", args->limit, "At most this many (0 = all)")
        ->check(CLI::Range(int64_t{0}, int64_t{1'000'000}))
        ->capture_default_str();
    cmd->add_option("--format", args->format, "table or json (lines)")
        ->check(CLI::IsMember({"table", "json"}));
    cmd->callback([args, exit_code] { *exit_code = RunImportRuns(*args); });
  }

  CLI::App* review = app.add_subcommand(
      "review", "Offers whose occupation code awaits a person");
  review->require_subcommand(1);
  {
    auto args = std::make_shared<ReviewListArgs>();
    CLI::App* cmd = review->add_subcommand(
        "list",
        "Offers to review, by id: id, suggested code, confidence, "
        "title");
    cmd->add_option("--db", args->db, "SQLite database")->required();
    cmd->add_option("--source", args->source, "Only offers of this source");
    cmd->add_option("--limit", args->limit, "At most this many (0 = all)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--format", args->format, "table, json (lines) or csv")
        ->check(CLI::IsMember({"table", "json", "csv"}))
        ->capture_default_str();
    cmd->callback([args, exit_code] { *exit_code = RunReviewList(*args); });
  }
  {
    auto args = std::make_shared<ReviewSetArgs>();
    CLI::App* cmd = review->add_subcommand(
        "set", "Give an offer its occupation code and clear its review flag");
    cmd->add_option("--db", args->db, "SQLite database")->required();
    cmd->add_option("--offer", args->offer, "Offer id")->required();
    cmd->add_option("--code", args->code,
                    "Occupation code of the stored taxonomy")
        ->required();
    cmd->add_option("--by", args->by, "Who decided (kept with the code)")
        ->check(Utf8Text());
    cmd->callback([args, exit_code] { *exit_code = RunReviewSet(*args); });
  }
}

}  // namespace skillmatch::cli
