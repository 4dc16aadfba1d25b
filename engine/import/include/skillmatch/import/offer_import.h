// The offer import: national and international offer files, validated,
// coded, deduplicated, written to the store, every row accounted for.
//
//   auto mapping = ReadMappingFile("data/import/national-csv.mapping.json");
//   auto importer = OfferImporter::Create(store.get(), &taxonomy, *mapping,
//                                         {.source = "anpe-bj"});
//   ImportSummary summary;
//   Status done = (*importer)->ImportFile("offres.csv", &summary);
//
// Each input record ends as exactly one RowOutcome: inserted; updated (the
// same source and reference, a different document); unchanged (the same
// document: a re-import changes nothing); duplicate (linked to an offer of
// another source with the same employer, normalised title and city
// published within the mapping's window, not stored twice); or rejected,
// with "file:line:field: reason". summary.counts.rows is the sum of the
// five (tested). Only an unreadable record or a required field (the
// mapping's `required`) rejects; a value of an optional field that cannot
// be read leaves the field empty and gives the kept row a RowWarning
// (summary.warned counts such rows). A placeholder reference ("lien",
// "n/a", "-") or a reference seen again in the file with other content is
// stored under a derived reference, with a warning, so that no row
// replaces another (engine/import/README.md, "References").
//
// Per record: the mapped fields are validated and converted (value maps,
// dates, numbers); the occupation comes from the first non-empty code field
// (our code, or a foreign code translated through the taxonomy's
// crosswalks, keeping the original code and the match type in the
// offer_codings table), else from the title coder, whose results are cached
// per folded title (offer files repeat titles massively); a coding below
// the mapping's review_threshold is imported with needs_review. Skills come
// from the skills field (skill coder, cached per phrase) and from the
// description (Spot), technical and soft apart.
//
// Transactions. Strict (default): one transaction per file; any rejected
// row or error rolls it back, so the store is unchanged. Lenient: rejected
// rows are reported and skipped, and the rows are committed in batches of
// batch_rows, each with a checkpoint in import_runs keyed by the file's
// content hash: a run stopped by a crash is resumed where its last batch
// ended when the same file is imported again from the same source.
// ImportOptions::after_commit is called after each committed batch (tests
// stop the process there to check the resumption); the library reads no
// environment variable.
//
// Threads: with threads >= 2, batch k + 1 is read, batch k coded (on the
// calling thread and a helper, half each) and batch k - 1 written, at the
// same time, on long-lived threads; results do not depend on it. Memory
// holds two batches, whatever the file size, and bounded caches.
//
// An OfferImporter is not thread-safe; the Store and Taxonomy must outlive
// it and the Store must not be used elsewhere during ImportFile.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "skillmatch/classification/coder.h"
#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/import/import_mapping.h"
#include "skillmatch/import/problem_kind.h"
#include "skillmatch/store/store.h"

namespace skillmatch::engine {

enum class RowOutcome {
  kInserted,
  kUpdated,
  kUnchanged,
  kDuplicate,
  kRejected
};
std::string_view ToString(RowOutcome outcome);  // "inserted", ...

// A value of an optional field that could not be read: the offer is kept
// with the field left empty. Also a reference stored under another name
// (a placeholder, or a reference seen again in the file with other content).
struct RowWarning {
  std::string field;    // the column or JSON pointer, as in the source
  std::string value;    // the value as the source wrote it (its first 256
                        // bytes, as text::Excerpt cuts it)
  std::string message;  // "file:line:field: reason; left empty"
  // A derived reference: also summarised per reference, with its lines, in
  // ImportSummary::warnings (the CLI logs those, not each row's).
  bool reference = false;
  // What kind of problem (problem_kind.h) and its detail there (the date
  // formats, the publication date, the stored reference...), for readers
  // that word the message themselves.
  ProblemKind kind = ProblemKind::kOther;
  std::string detail;
};

// A further job named by a title that names several ("Électricien /
// Plombier"): the offer is coded to the first job; the others are reported
// here (offer_codings holds one coding per offer).
struct OtherCoding {
  std::string title;  // the part of the cleaned title ("Plombier")
  std::string code;   // its occupation code
  float confidence = 0;
};

// What happened to one input record.
struct RowReport {
  std::string file;  // as named in messages
  int64_t line = 0;
  RowOutcome outcome = RowOutcome::kRejected;
  std::string offer_id;  // the stored offer (a duplicate: the original)
  std::string field;     // rejected: the column or JSON pointer, may be ""
  std::string message;   // rejected: "file:line:field: reason"
  // Rejected: the kind of problem, the value refused (as the source wrote
  // it, cut to 256 bytes; "" for a record unreadable as a whole) and the
  // kind's detail (problem_kind.h).
  ProblemKind kind = ProblemKind::kOther;
  std::string value;
  std::string detail;
  bool needs_review = false;
  // Not rejected: values of optional fields left empty, derived references.
  std::vector<RowWarning> warnings;
  // Not rejected, coded by the title coder: the further jobs of a title
  // that names several, in text order.
  std::vector<OtherCoding> other_codings;
};

// What ImportOptions::on_progress receives.
struct ImportProgress {
  ImportCounts counts;       // rows handled so far (a resumed run's included)
  int64_t warned = 0;        // rows kept with warnings, so far
  int64_t line = 0;          // the line where the last handled row starts
  int64_t batches_committed = 0;
};

struct ImportOptions {
  // The source's name, stored on every offer ("anpe-bj", "eures"); letters,
  // digits, '-', '_' and '.'. Required. Offer ids are "<source>:<ref>".
  std::string source;
  // Report and skip bad rows, commit in checkpointed batches. Default false
  // (strict: all or nothing per file).
  bool lenient = false;
  // Do everything, then roll back: the summary says what would happen.
  bool dry_run = false;
  // Rows per batch: the unit of the pipeline and, in lenient mode, of
  // commits and checkpoints. Default 10,000: larger batches commit less
  // often (faster), smaller ones lose less work to a crash.
  int64_t batch_rows = 10'000;
  // 1: one thread; 2: read and code on one thread, write on another.
  int threads = 2;
  // Coders built beforehand over the same taxonomy with default options,
  // shared by several importers (building them takes about a second); each
  // is built by Create when null. Coder is const and thread-safe.
  std::shared_ptr<const classification::Coder> title_coder;
  std::shared_ptr<const classification::Coder> skill_coder;
  // Remembered title -> code decisions (title_priors.h: ReadTitlePriors of
  // the store), given to the title coder as CodingContext::priors: a title
  // decided before codes to its decision, with the decisions' share as
  // confidence. Not owned; must outlive the importer. Null: none.
  const classification::TitlePriors* title_priors = nullptr;
  // Receives every row's outcome in file order (for --report), when set.
  // After a failed strict import it has seen the rows up to the failure,
  // none of which was kept.
  std::function<void(const RowReport&)> on_row;
  // Called right after each batch is committed (lenient mode, not a dry
  // run) with the number of batches committed so far, when set. For tests:
  // the CLI's SKILLMATCH_IMPORT_CRASH_AFTER_BATCHES=N ends the process here
  // to simulate a crash. Runs on the writing thread.
  std::function<void(int64_t batches_committed)> after_commit;
  // Progress, when set: called with the counts so far every
  // `progress_rows` rows written and after each batch, on the writing
  // thread (the calling thread when threads == 1). A caller showing a
  // progress bar compares ImportProgress::line with the file's line count.
  std::function<void(const ImportProgress&)> on_progress;
  int64_t progress_rows = 1000;
  // Asked between batches, when set: true ends the import there. A lenient
  // run keeps its committed batches and stays resumable (importing the same
  // file again from the same source goes on after them); a strict run or a
  // dry run is rolled back. ImportFile then returns kIoError and sets
  // ImportSummary::stopped. For a server shutting down.
  std::function<bool()> stop;
};


struct ImportSummary {
  std::string file;
  std::string encoding;      // detected or declared
  ImportCounts counts;       // including the rows of a resumed run
  int64_t resumed_rows = 0;  // rows done by an earlier, interrupted run
  int64_t run_id = 0;
  bool rolled_back = false;  // strict failure or dry run
  bool dry_run = false;
  // Ended early by ImportOptions::stop.
  bool stopped = false;
  // Rows kept with at least one RowWarning (in this process: a resumed run
  // does not count the rows of the interrupted one).
  int64_t warned = 0;
  // Rows kept whose title names several jobs (RowReport::other_codings).
  int64_t several_jobs = 0;
  // File-level warnings: each reference stored under derived names, with
  // its lines ("offres.csv: reference 'lien' on 3 rows (lines 2, 5, 9) is a
  // placeholder: ...").
  std::vector<std::string> warnings;
  // "offres.csv: 12 rows: 9 inserted, 1 updated, 0 unchanged, 1 duplicate,
  // 1 rejected (2 to review)"; with warned rows "(2 to review, 3 with
  // warnings)"; a dry run adds "; dry run, nothing written".
  // After a failed strict import nothing counts as inserted: "offres.csv:
  // 12 rows: 11 rejected, 1 valid; rolled back (strict mode), nothing
  // written".
  std::string Line() const;
};

// "14 rows: 12 inserted, 0 updated, 1 unchanged, 1 duplicate, 0 rejected":
// the counts as ImportSummary::Line and `import runs` write them.
std::string CountsText(const ImportCounts& counts);

class OfferImporter {
 public:
  // Builds the coders over `taxonomy` (about a second for the sample) and
  // checks the options. kInvalidArgument for a bad source name or option;
  // kDataError when no code system of the mapping has a crosswalk in the
  // taxonomy and no title is mapped. Code fields of systems the taxonomy
  // lacks are skipped, with a warning in warnings().
  [[nodiscard]] static Result<std::unique_ptr<OfferImporter>> Create(
      Store* store, const classification::Taxonomy* taxonomy,
      ImportMapping mapping, ImportOptions options);
  ~OfferImporter();

  // Problems with the mapping that do not stop the import, for the log.
  const std::vector<std::string>& warnings() const;

  // Imports one file; `name` stands for it in messages (default: the path).
  // Errors: kNotFound (no file), kDataError (a file-level problem, or in
  // strict mode the first rejected row: "offres.csv:4:date_publication:
  // expected a date (DD/MM/YYYY or YYYY-MM-DD), got '31/13/2024'", the
  // transaction rolled back), kIoError (the store). `*summary` is filled in
  // every case with what was read.
  [[nodiscard]] Status ImportFile(const std::string& path,
                                  ImportSummary* summary,
                                  const std::string& name = "");

 private:
  struct Impl;
  explicit OfferImporter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// FNV-1a 64 of a file's bytes as 16 hex digits (the key of resumable runs).
[[nodiscard]] Result<std::string> HashFile(const std::string& path);

}  // namespace skillmatch::engine
