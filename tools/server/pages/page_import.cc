// Import: a supervisor or an employer-relations officer (any role with
// offer-write) uploads an offer file of a job board, with a mapping drafted
// from the file (engine/import mapping_draft, as `skillmatch mapping draft`)
// or a mapping file of their own (data/import/*.mapping.json are models);
// the import runs in the background (import_jobs.h: one per agency), the
// progress page polls its state every second, then shows the summary, the
// rows' problems in French, the columns as the draft read them, and the
// row-by-row report CSV can be downloaded. README.md, "Import", says why
// each choice.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "french.h"
#include "handlers.h"
#include "import_jobs.h"
#include "offer_cache.h"
#include "server.h"
#include "skillmatch/import/import_mapping.h"
#include "skillmatch/import/import_report.h"
#include "skillmatch/import/mapping_draft.h"
#include "skillmatch/import/offer_import.h"
#include "auth.h"

namespace skillmatch::pages {

using engine::AgencyRecord;
using engine::ProblemKind;

namespace {

// Largest file the page accepts: the server's body limit
// (ServerOptions::max_body, 1 MiB by default), which refuses larger requests
// with a French page before the page sees them (PageTooLarge).
size_t UploadLimit(const Services& s) {
  return s.options != nullptr ? s.options->max_body : size_t{1} << 20;
}
// Reports kept in memory for download, the oldest dropped first.
constexpr size_t kReportsKept = 32;
// Background imports: running at once over all agencies (one per agency),
// and finished ones kept for their page.
constexpr size_t kMaxRunning = 4;
constexpr size_t kJobsKept = 32;
// Rows per committed batch (lenient): the points where a shutdown stops
// the import, and where a resumed import goes on. Progress every 50 rows.
constexpr int64_t kBatchRows = 200;
constexpr int64_t kProgressRows = 50;
// Rows' problems listed on the page (all of them are in the report).
constexpr size_t kProblemsShown = 20;
// The agency's imports listed under the form.
constexpr int64_t kRunsShown = 20;

struct Report {
  std::string id;     // random, 32 hex digits
  std::string login;  // its author downloads it, and the agency's supervisors
  std::string agency;
  std::string name;   // the file's name, for the download's name
  std::string csv;
};

std::mutex reports_mutex;
std::deque<Report> reports;

std::string RandomId() { return server::RandomToken(); }

// What every source name of `agency` starts with: its name, letters and
// digits kept, then '-'.
std::string SourcePrefix(const std::string& agency) {
  std::string prefix;
  for (char c : agency) prefix += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return prefix + "-";
}

// The source's name for the store: the agency's prefix, then the typed
// name, so that offer ids ("<source>:<ref>") of one agency never meet
// another's.
std::optional<std::string> SourceName(const std::string& agency, const std::string& typed) {
  if (typed.empty() || typed.size() > 40) return std::nullopt;
  for (char c : typed) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return std::nullopt;
    }
  }
  return SourcePrefix(agency) + typed;
}

// A file name safe in a Content-Disposition header and on disk.
std::string SafeName(const std::string& name) {
  std::string out;
  for (char c : name) {
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '_';
  }
  if (out.empty() || out[0] == '.') out = "fichier" + out;
  return out.substr(0, 80);
}

// A temporary folder removed when the import is done.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "skillmatch-import-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// ------------------------------------------------------------ French wording
// The engine's problems (engine/import problem_kind.h) worded from their
// kind, value and detail; a kind without a text here keeps the engine's
// English message (the report's `code` column still says the kind).

// "DD/MM/YYYY or YYYY-MM-DD" -> "JJ/MM/AAAA ou AAAA-MM-JJ".
std::string FrenchDateFormats(std::string text) {
  auto replace = [&](const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  replace("YYYY", "AAAA");
  replace("DD", "JJ");
  replace(" or ", " ou ");
  return text;
}

std::string FrenchFieldName(const std::string& field) {
  static const std::map<std::string, std::string> kNames = {
      {"ref", "référence"}, {"title", "intitulé"}, {"country", "pays"},
      {"employer", "employeur"}, {"city", "ville"}, {"published", "date de publication"}};
  auto it = kNames.find(field);
  return it == kNames.end() ? field : it->second;
}

// Kinds that, on a kept row, leave their field empty (the engine's
// "; left empty").
bool LeavesFieldEmpty(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kCountry:
    case ProblemKind::kYesNo:
    case ProblemKind::kContract:
    case ProblemKind::kEducation:
    case ProblemKind::kExperience:
    case ProblemKind::kPositions:
    case ProblemKind::kAmount:
    case ProblemKind::kSalaryRange:
    case ProblemKind::kCurrency:
    case ProblemKind::kDate:
    case ProblemKind::kDateOrder:
    case ProblemKind::kLicence:
      return true;
    default:
      return false;
  }
}

// The French reason of a problem, or nullopt for a kind without one.
std::optional<std::string> FrenchReason(ProblemKind kind, const std::string& value,
                                        const std::string& detail, bool warning) {
  std::string detail_fr = detail;
  if (kind == ProblemKind::kDate) detail_fr = FrenchDateFormats(detail);
  if (kind == ProblemKind::kDateOrder) detail_fr = FormatDate(detail).value_or(detail);
  if (kind == ProblemKind::kRequired) detail_fr = FrenchFieldName(detail);
  const std::string id = "import.problem." + std::string(engine::ToString(kind));
  if (kind == ProblemKind::kOther || !Messages().Has(id)) return std::nullopt;
  std::string reason = T(id, {value, detail_fr});
  if (warning && LeavesFieldEmpty(kind)) reason += T("import.problem.left_empty");
  return reason;
}

// "offres.csv:4:date_publication : date illisible ..." (the engine's
// "file:line:field: reason", reworded), or the engine's message.
std::string FrenchMessage(const std::string& file, int64_t line, const std::string& field,
                          ProblemKind kind, const std::string& value,
                          const std::string& detail, const std::string& engine_message,
                          bool warning) {
  std::optional<std::string> reason = FrenchReason(kind, value, detail, warning);
  if (!reason) return engine_message;
  return file + ":" + std::to_string(line) + ":" + (field.empty() ? "" : field + ":") + " " + *reason;
}

// A rejected row's message, in French when its kind has a wording.
std::string RejectionText(const engine::RowReport& row) {
  return FrenchMessage(row.file, row.line, row.field, row.kind, row.value, row.detail,
                       row.message, false);
}

std::string WarningText(const engine::RowReport& row, const engine::RowWarning& warning) {
  return FrenchMessage(row.file, row.line, warning.field, warning.kind, warning.value,
                       warning.detail, warning.message, true);
}

// The report's messages in French (the CLI's keep the engine's English).
engine::ImportReportWording FrenchWording() {
  engine::ImportReportWording wording;
  wording.rejection = RejectionText;
  wording.warning = WarningText;
  wording.other_coding = [](const engine::RowReport& row, const engine::OtherCoding& other,
                            const std::string& column, const std::string& label) {
    return row.file + ":" + std::to_string(row.line) + ":" + column + ": " +
           T("import.report.other_coding",
             {other.title, other.code + (label.empty() ? "" : " " + label),
              FormatDecimal(other.confidence, 2)});
  };
  return wording;
}

// ------------------------------------------------------------ Jobs

struct Problem {
  int64_t line = 0;
  std::string field;
  std::string value;
  std::string text;  // French, without the "file:line:field:" prefix
  bool rejected = false;
};

struct Job {
  // Set at the start, then read only.
  std::string id;  // random, 32 hex digits: the page's address
  std::string login;
  std::string agency;
  std::string file;
  std::string source;
  bool dry_run = false;
  int64_t total_lines = 0;  // of the file, for the progress bar
  View draft;               // the drafted mapping's columns, if drafted
  std::thread thread;

  // Guarded by ImportJobs::Impl::mutex.
  enum class State { kRunning, kDone, kFailed, kStopped } state = State::kRunning;
  engine::ImportProgress progress;
  engine::ImportSummary summary;
  std::string error;      // kFailed, kStopped: the engine's message
  std::string report_id;  // when finished (a failure's rows are reported too)
  std::vector<Problem> problems;  // the first kProblemsShown
  int64_t problem_count = 0;
};

}  // namespace

struct ImportJobs::Impl {
  std::mutex mutex;
  std::deque<std::shared_ptr<Job>> jobs;
  std::atomic<bool> stopping{false};

  size_t Running() const {
    size_t running = 0;
    for (const auto& job : jobs) running += job->state == Job::State::kRunning ? 1 : 0;
    return running;
  }
};

ImportJobs::ImportJobs() : impl_(std::make_unique<Impl>()) {}
ImportJobs::~ImportJobs() { Shutdown(); }

void ImportJobs::Shutdown() {
  std::vector<std::shared_ptr<Job>> jobs;
  {
    // Under the lock: an upload past its check of `stopping` has started
    // its job (and joined any it evicted) before this.
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stopping = true;
    jobs.assign(impl_->jobs.begin(), impl_->jobs.end());
  }
  // Each running import stops after its current batch (ImportOptions::stop).
  for (const auto& job : jobs) {
    if (job->thread.joinable()) job->thread.join();
  }
}

namespace {

// What the job's thread needs besides the job.
struct JobInput {
  std::unique_ptr<TempDir> dir;
  std::string path;
  engine::ImportMapping mapping;
};

void RunJob(const Services& s, ImportJobs::Impl* table, std::shared_ptr<Job> job, JobInput input) {
  auto finish = [&](Job::State state, const std::string& error) {
    std::lock_guard<std::mutex> lock(table->mutex);
    job->state = state;
    job->error = error;
  };
  if (s.options->import_before_run) s.options->import_before_run(job->agency);
  engine::StoreOptions store_options;
  store_options.create_if_missing = false;
  Result<std::unique_ptr<engine::Store>> store = engine::Store::Open(s.options->db, store_options);
  if (!store.ok()) return finish(Job::State::kFailed, store.status().message());

  // The import, lenient (a job board's file has bad rows: each is reported,
  // none dropped silently), with the row-by-row report, its messages in
  // French (the CLI's report keeps the engine's).
  std::ostringstream csv;
  engine::ImportReportWriter report_rows(csv, input.mapping.field(engine::ImportField::kTitle),
                                         *s.taxonomy, FrenchWording());
  std::vector<std::string> touched;
  std::vector<Problem> problems;
  int64_t problem_count = 0;
  auto note = [&](int64_t line, const std::string& field, const std::string& value,
                  const std::string& message, bool rejected) {
    ++problem_count;
    if (problems.size() >= kProblemsShown) return;
    // The page shows file and line in their columns: the text alone.
    std::string text = message;
    const std::string prefix = job->file + ":" + std::to_string(line) + ":" + (field.empty() ? "" : field + ":");
    if (text.rfind(prefix, 0) == 0) text = text.substr(prefix.size());
    while (!text.empty() && text[0] == ' ') text.erase(0, 1);
    problems.push_back({line, field, value, text, rejected});
  };
  engine::ImportOptions options;
  options.source = job->source;
  options.lenient = true;
  options.dry_run = job->dry_run;
  options.threads = 1;  // a page shares the server's cores
  options.batch_rows = kBatchRows;
  options.progress_rows = kProgressRows;
  options.title_coder = std::shared_ptr<const classification::Coder>(
      std::shared_ptr<const classification::Coder>(), s.coder);
  options.on_row = [&](const engine::RowReport& row) {
    report_rows.Write(row);
    const bool rejected = row.outcome == engine::RowOutcome::kRejected;
    if (rejected) note(row.line, row.field, row.value, RejectionText(row), true);
    for (const engine::RowWarning& warning : row.warnings) {
      note(row.line, warning.field, warning.value, WarningText(row, warning), false);
    }
    if (!rejected && row.outcome != engine::RowOutcome::kDuplicate && !row.offer_id.empty()) {
      touched.push_back(row.offer_id);
    }
  };
  options.on_progress = [&](const engine::ImportProgress& progress) {
    std::lock_guard<std::mutex> lock(table->mutex);
    job->progress = progress;
  };
  options.stop = [table] { return table->stopping.load(); };

  Result<std::unique_ptr<engine::OfferImporter>> importer =
      engine::OfferImporter::Create(store->get(), s.taxonomy, input.mapping, options);
  if (!importer.ok()) return finish(Job::State::kFailed, importer.status().message());
  engine::ImportSummary summary;
  Status imported = (*importer)->ImportFile(input.path, &summary, job->file);
  // The new offers join the caller's agency (the source name keeps other
  // agencies' offers out of reach), those of a stopped import's committed
  // batches too. An offer left without an agency by a failure here is seen
  // by no one, and the next import of the file assigns it.
  Status assigned;
  if (!job->dry_run && (imported.ok() || summary.stopped)) {
    for (const std::string& id : touched) {
      Result<std::string> agency = (*store)->GetAgency(AgencyRecord::kOffer, id);
      if (agency.ok() && *agency == job->agency) continue;
      assigned = (*store)->SetAgency(AgencyRecord::kOffer, id, job->agency);
      if (!assigned.ok()) break;
    }
    s.offer_indexes->Invalidate(job->agency);
  }
  Report report{RandomId(), job->login, job->agency, job->file, csv.str()};
  {
    std::lock_guard<std::mutex> lock(reports_mutex);
    reports.push_back(report);
    while (reports.size() > kReportsKept) reports.pop_front();
  }
  std::lock_guard<std::mutex> lock(table->mutex);
  job->summary = summary;
  job->report_id = report.id;
  job->problems = std::move(problems);
  job->problem_count = problem_count;
  job->progress.counts = summary.counts;
  job->progress.warned = summary.warned;
  // Lenient: bad rows are in the report and the import goes on; a failure
  // here is of the whole file (unreadable, UTF-16, no record array).
  if (summary.stopped) {
    job->state = Job::State::kStopped;
  } else if (!imported.ok()) {
    job->state = Job::State::kFailed;
    job->error = imported.message();
  } else if (!assigned.ok()) {
    job->state = Job::State::kFailed;
    job->error = assigned.message();
  } else {
    job->state = Job::State::kDone;
  }
}

// Whether the caller may see `job`, its page and its report: its author,
// or a supervisor whose scope holds the job's agency.
bool MaySee(const Call& call, const Job& job) {
  const bool author = job.login == call.account->login && job.agency == call.account->agency;
  return author ||
         (call.role == server::Role::kSupervisor && server::InAgencies(call, job.agency));
}

// The job `id` if the caller may see it. Another's job is not found, as a
// missing one.
std::shared_ptr<Job> FindJob(const Services& s, const Call& call, const std::string& id) {
  if (s.import_jobs == nullptr) return nullptr;
  ImportJobs::Impl& table = s.import_jobs->impl();
  std::lock_guard<std::mutex> lock(table.mutex);
  for (const auto& job : table.jobs) {
    if (job->id == id) return MaySee(call, *job) ? job : nullptr;
  }
  return nullptr;
}

// The caller's agency's last imports as the store recorded them, which
// outlive a restart (the jobs do not): when, the file, the source, how it
// ended, the counts. A run not done is under way while a job of the agency
// imports that file from that source, else it was interrupted (importing
// the file again resumes it). The job's page or report is linked while this
// server holds it and the caller may see it.
void SetRecentImports(const Services& s, const Call& call, View* view) {
  if (call.account->agency.empty()) return;
  const std::string prefix = SourcePrefix(call.account->agency);
  Result<std::vector<engine::ImportRunInfo>> runs = call.store->ListImportRuns(prefix, kRunsShown);
  if (!runs.ok()) {
    view->Set("runs_error", T("import.history.error"));
    return;
  }
  std::vector<std::shared_ptr<Job>> jobs;
  ImportJobs::Impl* table = s.import_jobs != nullptr ? &s.import_jobs->impl() : nullptr;
  std::unique_lock<std::mutex> lock;
  if (table != nullptr) {
    lock = std::unique_lock<std::mutex>(table->mutex);
    jobs.assign(table->jobs.begin(), table->jobs.end());
  }
  List rows;
  for (const engine::ImportRunInfo& run : *runs) {
    bool running = false;
    std::string href, link;
    for (const auto& job : jobs) {
      if (job->agency != call.account->agency) continue;
      if (!run.done && job->state == Job::State::kRunning && job->source == run.source &&
          job->file == run.file) {
        running = true;
        if (MaySee(call, *job)) href = "/import/suivi/" + job->id, link = T("import.history.follow");
      } else if (run.done && job->summary.run_id == run.id && !job->report_id.empty() &&
                 MaySee(call, *job)) {
        href = "/import/rapports/" + job->report_id, link = T("import.history.report");
      }
    }
    const engine::ImportCounts& n = run.counts;
    View row;
    row.Set("started", FormatTimestamp(run.started_at))
        .Set("file", run.file)
        .Set("source", run.source.substr(prefix.size()))
        .Set("state", run.done  ? T("import.history.done")
                      : running ? T("import.history.running")
                                : T("import.history.interrupted"))
        .Set("interrupted", !run.done && !running)
        .Set("rows", FormatInteger(n.rows)).Set("inserted", FormatInteger(n.inserted))
        .Set("updated", FormatInteger(n.updated)).Set("unchanged", FormatInteger(n.unchanged))
        .Set("duplicates", FormatInteger(n.duplicates)).Set("rejected", FormatInteger(n.rejected))
        .Set("to_review", FormatInteger(n.to_review));
    if (!href.empty()) row.Set("href", href).Set("link", link);
    rows.push_back(std::move(row));
  }
  view->Set("runs", std::move(rows));
}

Reply ImportForm(const Services& s, Call& call, const View& values, int status) {
  View view = values;
  view.Set("csrf", call.session_csrf).Set("max", T("import.max", {FormatSize(UploadLimit(s))}))
      .Set("max_bytes", std::to_string(UploadLimit(s)))
      .Set("too_big", T("import.error.too_big", {FormatSize(UploadLimit(s))}));
  SetRecentImports(s, call, &view);
  PageOptions options;
  options.nav = "import";
  options.status = status;
  return Page(call, "title.import", Render("import_form", view), options);
}

Reply FormError(const Services& s, Call& call, View view, const std::string& field,
                const std::string& message, int status = 422) {
  view.Set(field + "_error", message).Set("errors", true);
  return ImportForm(s, call, view, status);
}

int64_t CountLines(const std::string& content) {
  int64_t lines = 0;
  for (char c : content) lines += c == '\n' ? 1 : 0;
  if (!content.empty() && content.back() != '\n') ++lines;
  return lines;
}

// The job's state: the progress while it runs, the result once finished.
// `done` tells which.
Html JobState(const Job& job, bool* done) {
  View view;
  const engine::ImportCounts& n = job.progress.counts;
  view.Set("rows", FormatInteger(n.rows)).Set("inserted", FormatInteger(n.inserted))
      .Set("updated", FormatInteger(n.updated)).Set("unchanged", FormatInteger(n.unchanged))
      .Set("duplicates", FormatInteger(n.duplicates)).Set("rejected", FormatInteger(n.rejected))
      .Set("warned", FormatInteger(job.progress.warned))
      .Set("to_review_count", FormatInteger(n.to_review));
  *done = job.state != Job::State::kRunning;
  if (!*done) {
    // Lines reached over the file's lines: the header and a record's
    // further lines count too, so the bar moves with the file read.
    const int64_t total = std::max<int64_t>(job.total_lines, 1);
    const int64_t percent = std::clamp<int64_t>(job.progress.line * 100 / total, 0, 99);
    view.Set("percent", std::to_string(percent))
        .Set("percent_text", FormatPercent(static_cast<double>(percent) / 100.0))
        .Set("progress_text", TN("import.progress.rows", n.rows,
                                 {FormatInteger(n.rows), FormatInteger(job.total_lines)}))
        .Set("self_href", "/import/suivi/" + job.id);
    return Render("import_progress", view);
  }
  std::string outcome;
  switch (job.state) {
    case Job::State::kDone:
      outcome = job.dry_run ? T("import.dry_run_done") : T("import.done");
      break;
    case Job::State::kStopped:
      outcome = job.dry_run ? T("import.stopped_dry_run") : T("import.stopped");
      break;
    default:
      outcome = T("import.failed", {job.error});
      break;
  }
  List problems;
  for (const Problem& p : job.problems) {
    View row;
    row.Set("line", FormatInteger(p.line)).Set("field", p.field).Set("value", p.value)
        .Set("text", p.text).Set("kind", p.rejected ? T("import.problem.rejected") : T("import.problem.warning"));
    problems.push_back(std::move(row));
  }
  view.Set("outcome", outcome)
      .Set("failed", job.state == Job::State::kFailed)
      .Set("sentence", TN("import.sentence.rows", n.rows, {FormatInteger(n.rows)}) + " " +
                           TN("import.sentence.inserted", n.inserted, {FormatInteger(n.inserted)}) + ", " +
                           TN("import.sentence.updated", n.updated, {FormatInteger(n.updated)}) + ", " +
                           TN("import.sentence.unchanged", n.unchanged, {FormatInteger(n.unchanged)}) + ", " +
                           TN("import.sentence.duplicates", n.duplicates, {FormatInteger(n.duplicates)}) + ", " +
                           TN("import.sentence.rejected", n.rejected, {FormatInteger(n.rejected)}) + ".")
      .Set("problems", std::move(problems))
      .Set("problems_caption",
           TN(job.problem_count > static_cast<int64_t>(job.problems.size()) ? "import.problems.caption"
                                                                            : "import.problems.all",
              job.problem_count,
              {FormatInteger(job.problem_count), FormatInteger(static_cast<int64_t>(job.problems.size()))}))
      .Set("report", !job.report_id.empty())
      .Set("report_href", "/import/rapports/" + job.report_id)
      .Set("review", n.to_review > 0 && !job.dry_run && job.state == Job::State::kDone);
  return Render("import_result", view);
}

}  // namespace

Reply ImportPage(const Services& s, Call& call) { return ImportForm(s, call, View(), 200); }

Reply ImportSubmit(const Services& s, Call& call) {
  const httplib::Request& req = *call.req;
  auto field = [&](const char* name) {
    return req.has_file(name) ? req.get_file_value(name).content : std::string();
  };
  View view;
  const std::string typed_source = field("source");
  const bool dry_run = field("essai") == "1";
  view.Set("source", typed_source).Set("dry_run", dry_run);
  if (!req.is_multipart_form_data() || !req.has_file("fichier") ||
      req.get_file_value("fichier").filename.empty()) {
    return FormError(s, call, view, "file", T("import.error.no_file"));
  }
  const httplib::MultipartFormData upload = req.get_file_value("fichier");
  if (upload.content.empty()) return FormError(s, call, view, "file", T("import.error.empty"));
  if (upload.content.size() > UploadLimit(s)) {
    return FormError(s, call, view, "file", T("import.error.too_big", {FormatSize(UploadLimit(s))}));
  }
  std::optional<std::string> source = SourceName(call.account->agency, typed_source);
  if (!source) return FormError(s, call, view, "source", T("import.error.source"));
  if (s.import_jobs == nullptr) return ErrorPage(call, 503, "error.store");

  JobInput input;
  input.dir = std::make_unique<TempDir>();
  if (input.dir->path().empty()) return ErrorPage(call, 503, "error.store");
  const std::string name = SafeName(upload.filename);
  input.path = input.dir->path() + "/" + name;
  {
    std::ofstream out(input.path, std::ios::binary);
    out << upload.content;
    if (!out) return ErrorPage(call, 503, "error.store");
  }

  auto job = std::make_shared<Job>();
  // The mapping: the person's file, else the draft (drafting a file of
  // 1 MiB takes well under a second: it stays within the request).
  const bool own_mapping = req.has_file("correspondance") &&
                           !req.get_file_value("correspondance").content.empty();
  if (own_mapping) {
    const httplib::MultipartFormData file = req.get_file_value("correspondance");
    nlohmann::json json = nlohmann::json::parse(file.content, nullptr, false);
    if (json.is_discarded()) {
      return FormError(s, call, view, "mapping", T("import.error.mapping_json", {SafeName(file.filename)}));
    }
    Result<engine::ImportMapping> parsed = engine::ParseMapping(json, SafeName(file.filename));
    if (!parsed.ok()) return FormError(s, call, view, "mapping", parsed.status().message());
    input.mapping = std::move(*parsed);
  } else {
    engine::DraftOptions draft_options;
    draft_options.taxonomy = s.taxonomy;
    Result<engine::MappingDraft> draft = engine::DraftMapping(input.path, name, draft_options);
    if (!draft.ok()) return FormError(s, call, view, "file", draft.status().message());
    List columns;
    for (const engine::DraftColumn& c : draft->columns) {
      std::string samples;
      for (const auto& [value, count] : c.top) {
        if (samples.size() > 80) break;
        samples += (samples.empty() ? "" : " · ") + value;
      }
      View col;
      col.Set("name", c.name).Set("field", c.field.empty() ? T("import.unmapped") : c.field)
          .Set("note", c.note).Set("filled", FormatInteger(c.filled)).Set("samples", samples);
      columns.push_back(std::move(col));
    }
    List to_review;
    for (size_t idx = 0; idx < draft->to_review.size() && idx < 20; ++idx) {
      View line;
      line.Set("text", draft->to_review[idx]);
      to_review.push_back(std::move(line));
    }
    job->draft.Set("drafted", true).Set("columns", std::move(columns)).Set("to_review", std::move(to_review));
    Result<engine::ImportMapping> parsed = engine::ParseMapping(draft->mapping, name + " (brouillon)");
    if (!parsed.ok()) return FormError(s, call, view, "file", parsed.status().message());
    input.mapping = std::move(*parsed);
  }

  job->id = RandomId();
  job->login = call.account->login;
  job->agency = call.account->agency;
  job->file = name;
  job->source = *source;
  job->dry_run = dry_run;
  job->total_lines = CountLines(upload.content);

  ImportJobs::Impl& table = s.import_jobs->impl();
  // Why the table refuses the job, under its lock: the agency has one
  // import at a time, the server kMaxRunning.
  auto refusal = [&]() -> std::optional<std::pair<std::string, int>> {
    for (const auto& other : table.jobs) {
      if (other->agency == job->agency && other->state == Job::State::kRunning) {
        return std::pair{T("import.error.busy"), 409};
      }
    }
    if (table.Running() >= kMaxRunning) return std::pair{T("import.error.full"), 503};
    return std::nullopt;
  };
  std::optional<std::pair<std::string, int>> refused;
  {
    std::lock_guard<std::mutex> lock(table.mutex);
    if (table.stopping) return ErrorPage(call, 503, "error.stopping");
    refused = refusal();
    if (!refused) {
      // Audited when it starts: the import runs on, whoever looks.
      if (!server::Audit(call, dry_run ? "import.dry_run" : "import.offers", *source).ok()) {
        return ErrorPage(call, 503, "error.store");
      }
      // The oldest finished jobs make room (their threads are done: joined).
      while (table.jobs.size() >= kJobsKept) {
        auto oldest = std::find_if(table.jobs.begin(), table.jobs.end(), [](const auto& j) {
          return j->state != Job::State::kRunning;
        });
        if (oldest == table.jobs.end()) break;
        if ((*oldest)->thread.joinable()) (*oldest)->thread.join();
        table.jobs.erase(oldest);
      }
      table.jobs.push_back(job);
      job->thread = std::thread(RunJob, std::cref(s), &table, job, std::move(input));
    }
  }
  // Rendered once the table is unlocked: the form lists the agency's
  // imports, which reads the table (SetRecentImports).
  if (refused) return FormError(s, call, view, "file", refused->first, refused->second);
  return Redirect("/import/suivi/" + job->id);
}

Reply ImportJobPage(const Services& s, Call& call) {
  std::shared_ptr<Job> job = FindJob(s, call, call.params[0]);
  if (!job) return ErrorPage(call, 404, "error.not_found");
  bool done = false;
  Html state;
  {
    std::lock_guard<std::mutex> lock(s.import_jobs->impl().mutex);
    state = JobState(*job, &done);
  }
  View view = job->draft;
  view.Set("file", job->file).Set("source_name", job->source).Set("dry_run", job->dry_run)
      .Set("running", !done).Set("state", state)
      .Set("state_href", "/import/suivi/" + job->id + "/etat");
  PageOptions page;
  page.nav = "import";
  return Page(call, done ? "title.import_result" : "title.import_running", Render("import_job", view), page);
}

Reply ImportJobStatus(const Services& s, Call& call) {
  std::shared_ptr<Job> job = FindJob(s, call, call.params[0]);
  if (!job) return ErrorPage(call, 404, "error.not_found");
  bool done = false;
  Html state;
  {
    std::lock_guard<std::mutex> lock(s.import_jobs->impl().mutex);
    state = JobState(*job, &done);
  }
  // 286: htmx stops polling (and swaps this last state in).
  return Fragment(state, done ? 286 : 200);
}

Reply ImportReport(const Services&, Call& call) {
  const std::string& id = call.params[0];
  std::optional<Report> found;
  {
    std::lock_guard<std::mutex> lock(reports_mutex);
    for (const Report& r : reports) {
      if (r.id == id) found = r;
    }
  }
  // Another account's report is not found, as a missing one; a supervisor
  // sees the reports of the agencies in scope, as their jobs.
  const bool allowed =
      found && ((found->login == call.account->login && found->agency == call.account->agency) ||
                (call.role == server::Role::kSupervisor && server::InAgencies(call, found->agency)));
  if (!allowed) return ErrorPage(call, 404, "error.not_found");
  const std::string stem = found->name.substr(0, found->name.rfind('.'));
  Reply reply;
  reply.content_type = "text/csv; charset=utf-8";
  reply.text = found->csv;
  reply.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"rapport-" + stem + ".csv\"");
  return reply;
}

}  // namespace skillmatch::pages
