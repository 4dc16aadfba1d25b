// Import: a supervisor or an employer-relations officer (any role with
// offer-write) uploads an offer file of a job board, with a mapping drafted
// from the file (engine/import mapping_draft, as `skillmatch mapping draft`)
// or a mapping file of their own (data/import/*.mapping.json are models);
// the import runs (as `skillmatch import offers`), the page shows the
// summary, the columns as the draft read them, and the row-by-row report
// CSV can be downloaded. README.md, "Import", says why each choice.
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "french.h"
#include "handlers.h"
#include "offer_cache.h"
#include "skillmatch/classification/csv.h"
#include "skillmatch/import/import_mapping.h"
#include "skillmatch/import/mapping_draft.h"
#include "skillmatch/import/offer_import.h"
#include "auth.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

// Largest file the page accepts (the server's body limit, 1 MiB by default,
// refuses larger requests before the page sees them).
constexpr size_t kMaxUpload = 1u << 20;
// Reports kept in memory for download, the oldest dropped first.
constexpr size_t kReportsKept = 32;

struct Report {
  std::string id;     // random, 32 hex digits
  std::string login;  // only its author downloads it
  std::string agency;
  std::string name;   // the file's name, for the download's name
  std::string csv;
};

std::mutex reports_mutex;
std::deque<Report> reports;

std::string RandomId() { return server::RandomToken(); }

// The source's name for the store: the agency's name, '-', the typed name,
// so that offer ids ("<source>:<ref>") of one agency never meet another's.
std::optional<std::string> SourceName(const std::string& agency, const std::string& typed) {
  if (typed.empty() || typed.size() > 40) return std::nullopt;
  for (char c : typed) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return std::nullopt;
    }
  }
  std::string prefix;
  for (char c : agency) prefix += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return prefix + "-" + typed;
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

// A temporary folder removed when the page is done.
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

Reply ImportForm(Call& call, const View& values, int status) {
  View view = values;
  view.Set("csrf", call.session_csrf).Set("max", T("import.max", {FormatInteger(kMaxUpload / 1024)}));
  PageOptions options;
  options.nav = "import";
  options.status = status;
  return Page(call, "title.import", Render("import_form", view), options);
}

Reply FormError(Call& call, View view, const std::string& field, const std::string& message) {
  view.Set(field + "_error", message).Set("errors", true);
  return ImportForm(call, view, 422);
}

}  // namespace

Reply ImportPage(const Services&, Call& call) { return ImportForm(call, View(), 200); }

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
    return FormError(call, view, "file", T("import.error.no_file"));
  }
  const httplib::MultipartFormData upload = req.get_file_value("fichier");
  if (upload.content.empty()) return FormError(call, view, "file", T("import.error.empty"));
  if (upload.content.size() > kMaxUpload) {
    return FormError(call, view, "file", T("import.error.too_big", {FormatInteger(kMaxUpload / 1024)}));
  }
  std::optional<std::string> source = SourceName(call.account->agency, typed_source);
  if (!source) return FormError(call, view, "source", T("import.error.source"));

  TempDir dir;
  if (dir.path().empty()) return ErrorPage(call, 503, "error.store");
  const std::string name = SafeName(upload.filename);
  const std::string path = dir.path() + "/" + name;
  {
    std::ofstream out(path, std::ios::binary);
    out << upload.content;
    if (!out) return ErrorPage(call, 503, "error.store");
  }

  // The mapping: the person's file, else the draft.
  engine::ImportMapping mapping;
  const bool own_mapping = req.has_file("correspondance") &&
                           !req.get_file_value("correspondance").content.empty();
  if (own_mapping) {
    const httplib::MultipartFormData file = req.get_file_value("correspondance");
    nlohmann::json json = nlohmann::json::parse(file.content, nullptr, false);
    if (json.is_discarded()) {
      return FormError(call, view, "mapping", T("import.error.mapping_json", {SafeName(file.filename)}));
    }
    Result<engine::ImportMapping> parsed = engine::ParseMapping(json, SafeName(file.filename));
    if (!parsed.ok()) return FormError(call, view, "mapping", parsed.status().message());
    mapping = std::move(*parsed);
  } else {
    engine::DraftOptions draft_options;
    draft_options.taxonomy = s.taxonomy;
    Result<engine::MappingDraft> draft = engine::DraftMapping(path, name, draft_options);
    if (!draft.ok()) return FormError(call, view, "file", draft.status().message());
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
    view.Set("drafted", true).Set("columns", std::move(columns)).Set("to_review", std::move(to_review));
    Result<engine::ImportMapping> parsed = engine::ParseMapping(draft->mapping, name + " (brouillon)");
    if (!parsed.ok()) return FormError(call, view, "file", parsed.status().message());
    mapping = std::move(*parsed);
  }

  // The import, lenient (a job board's file has bad rows: each is reported,
  // none dropped silently), with the row-by-row report.
  std::ostringstream csv;
  csv::WriteRow(csv, {"file", "line", "outcome", "offer_id", "needs_review", "field", "message", "value"});
  std::vector<std::string> touched;
  engine::ImportOptions options;
  options.source = *source;
  options.lenient = true;
  options.dry_run = dry_run;
  options.threads = 1;  // a page shares the server's cores
  options.title_coder = std::shared_ptr<const classification::Coder>(
      std::shared_ptr<const classification::Coder>(), s.coder);
  options.on_row = [&](const engine::RowReport& row) {
    csv::WriteRow(csv, {row.file, std::to_string(row.line), std::string(engine::ToString(row.outcome)),
                        row.offer_id, row.needs_review ? "1" : "0", row.field, row.message, ""});
    for (const engine::RowWarning& warning : row.warnings) {
      csv::WriteRow(csv, {row.file, std::to_string(row.line), "warning", row.offer_id,
                          row.needs_review ? "1" : "0", warning.field, warning.message, warning.value});
    }
    if (row.outcome != engine::RowOutcome::kRejected && row.outcome != engine::RowOutcome::kDuplicate &&
        !row.offer_id.empty()) {
      touched.push_back(row.offer_id);
    }
  };
  Result<std::unique_ptr<engine::OfferImporter>> importer =
      engine::OfferImporter::Create(call.store, s.taxonomy, mapping, options);
  if (!importer.ok()) return FormError(call, view, "mapping", importer.status().message());
  engine::ImportSummary summary;
  Status imported = (*importer)->ImportFile(path, &summary, name);
  // Lenient: bad rows are in the report and the import goes on; a failure
  // here is of the whole file (unreadable, UTF-16, no record array).
  if (!imported.ok()) return FormError(call, view, "file", imported.message());
  // The new offers join the caller's agency (the source name keeps other
  // agencies' offers out of reach). An offer left without an agency by a
  // failure here is seen by no one, and the next import assigns it.
  if (!dry_run) {
    for (const std::string& id : touched) {
      Result<std::string> agency = call.store->GetAgency(AgencyRecord::kOffer, id);
      if (agency.ok() && *agency == call.account->agency) continue;
      if (!call.store->SetAgency(AgencyRecord::kOffer, id, call.account->agency).ok()) {
        return ErrorPage(call, 503, "error.store");
      }
    }
    s.offer_indexes->Invalidate(call.account->agency);
  }
  if (!server::Audit(call, dry_run ? "import.dry_run" : "import.offers", *source).ok()) {
    return ErrorPage(call, 503, "error.store");
  }

  Report report{RandomId(), call.account->login, call.account->agency, name, csv.str()};
  {
    std::lock_guard<std::mutex> lock(reports_mutex);
    reports.push_back(report);
    while (reports.size() > kReportsKept) reports.pop_front();
  }
  const engine::ImportCounts& n = summary.counts;
  View result = view;
  result.Set("file", name).Set("source_name", *source)
      .Set("line", summary.Line())
      .Set("rows", FormatInteger(n.rows)).Set("inserted", FormatInteger(n.inserted))
      .Set("updated", FormatInteger(n.updated)).Set("unchanged", FormatInteger(n.unchanged))
      .Set("duplicates", FormatInteger(n.duplicates)).Set("rejected", FormatInteger(n.rejected))
      .Set("to_review_count", FormatInteger(n.to_review))
      .Set("report_href", "/import/rapports/" + report.id)
      .Set("review", n.to_review > 0 && !dry_run)
      .Set("outcome", dry_run ? T("import.dry_run_done") : T("import.done"));
  PageOptions page;
  page.nav = "import";
  return Page(call, "title.import_result", Render("import_result", result), page);
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
  // Another account's report is not found, as a missing one.
  if (!found || found->login != call.account->login || found->agency != call.account->agency) {
    return ErrorPage(call, 404, "error.not_found");
  }
  const std::string stem = found->name.substr(0, found->name.rfind('.'));
  Reply reply;
  reply.content_type = "text/csv; charset=utf-8";
  reply.text = found->csv;
  reply.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"rapport-" + stem + ".csv\"");
  return reply;
}

}  // namespace skillmatch::pages
