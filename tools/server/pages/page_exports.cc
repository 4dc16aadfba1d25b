// Exports (issue 15): an offer's shortlist and a list of the agency's
// jobseekers, as CSV (French Excel: UTF-8 with BOM, `;`) or .xlsx
// (export.h), and the "Liste des demandeurs" screen that shows the filtered
// list before it is exported. The columns depend on the role (README.md,
// "Exports"): the file holds what the role sees on screen, never more.
// Every export is audited with its row count; the filters travel by POST,
// so nothing personal is in a URL; the file name names no person.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "export.h"
#include "french.h"
#include "handlers.h"
#include "skillmatch/model/date.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

constexpr size_t kRowsShown = 200;  // a page of the list; the export has them all
constexpr size_t kMaxField = 200;   // bytes of a filter field

// ------------------------------------------------------------ Replies

std::string SafeName(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    out += (std::isalnum(c) || c == '-' || c == '_') ? static_cast<char>(c) : '-';
  }
  return out;
}

std::string AuditRecord(const std::string& subject, const std::string& format, size_t rows) {
  std::string record = subject.empty() ? "" : subject + " ";
  return record + "format=" + format + " rows=" + std::to_string(rows);
}

// ------------------------------------------------------------ Shortlist

// Counsellors and supervisors: what the fiche offre's shortlist shows, and
// the candidate's score. Employer-relations staff: ids and stages only.
Result<ExportTable> ShortlistTable(const Services& s, Call& call, const engine::Offer& offer) {
  const bool full = server::RoleCan(call.role, server::Capability::kJobseekerRead);
  ExportTable table;
  table.sheet = T("export.sheet.shortlist");
  table.headers = {T("export.col.jobseeker"), T("export.col.stage")};
  if (full) {
    for (const char* id : {"export.col.score", "export.col.decided", "export.col.reason",
                           "export.col.by"}) {
      table.headers.push_back(T(id));
    }
  }
  SKILLMATCH_ASSIGN_OR_RETURN(decisions, call.store->ListDecisions({"", offer.id}));
  std::map<std::string, engine::Decision> last;
  for (auto& d : decisions) last[d.profile_id] = std::move(d);  // oldest first
  for (const auto& [profile_id, d] : last) {
    Result<std::string> agency = call.store->GetAgency(AgencyRecord::kProfile, profile_id);
    if (!agency.ok() || !server::InAgencies(call, *agency)) continue;
    std::vector<ExportCell> row = {
        ExportCell::Text(profile_id),
        ExportCell::Text(Messages().Has("stage." + d.status) ? T("stage." + d.status) : d.status)};
    if (full) {
      SKILLMATCH_ASSIGN_OR_RETURN(profile, call.store->GetProfile(profile_id));
      const double score = s.scorer->Explain(profile, offer).score * 100.0;
      row.push_back(ExportCell::Number(std::round(score * 10.0) / 10.0, 1));
      row.push_back(ExportCell::Day(d.decided_at.substr(0, 10)));
      row.push_back(ExportCell::Text(d.reason));
      row.push_back(ExportCell::Text(d.counsellor));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

Reply ShortlistExport(const Services& s, Call& call, const std::string& format) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, AgencyRecord::kOffer, id)) return PageRefusal(*out, call);
  Result<engine::Offer> offer = call.store->GetOffer(id);
  if (!offer.ok()) return ErrorPage(call, 503, "error.store");
  Result<ExportTable> table = ShortlistTable(s, call, *offer);
  if (!table.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "export.shortlist", AuditRecord(id, format, table->rows.size())).ok()) {
    return ErrorPage(call, 503, "error.store");
  }
  return FileReply(*table, format, "preselection-" + SafeName(id) + "-" + Today(call).ToString(),
                   call);
}

// ------------------------------------------------------------ Jobseekers

struct ListFilter {
  std::string occupation;  // a taxonomy code; prefix of a target occupation
  std::string region;      // exact
  std::string from, to;    // YYYY-MM-DD, registration day within
  std::string proposal;    // "", "avec", "sans"
  // Field -> message id of its error.
  std::map<std::string, std::string> errors;
};

ListFilter ReadFilter(const Services& s, const Form& form, const std::set<std::string>& regions) {
  ListFilter filter;
  auto field = [&](const char* name) {
    std::string value = form.Get(name);
    const size_t first = value.find_first_not_of(' ');
    if (first == std::string::npos) return std::string();
    value = value.substr(first, value.find_last_not_of(' ') - first + 1);
    return value.substr(0, kMaxField);
  };
  filter.occupation = field("metier");
  if (!filter.occupation.empty() &&
      s.taxonomy->FindNode(filter.occupation) == classification::kNoNode) {
    filter.errors["l-metier"] = "list.error.occupation";
  }
  filter.region = field("region");
  if (!filter.region.empty() && !regions.count(filter.region)) {
    filter.errors["l-region"] = "list.error.region";
  }
  const std::string from = field("inscrit_du");
  const std::string to = field("inscrit_au");
  filter.from = ReadDay(from);
  filter.to = ReadDay(to);
  if (!from.empty() && filter.from.empty()) filter.errors["l-du"] = "list.error.date";
  if (!to.empty() && filter.to.empty()) filter.errors["l-au"] = "list.error.date";
  if (!filter.from.empty() && !filter.to.empty() && filter.from > filter.to) {
    filter.errors["l-au"] = "list.error.order";
  }
  // Values shown back as typed when they are wrong.
  if (filter.from.empty()) filter.from = from;
  if (filter.to.empty()) filter.to = to;
  filter.proposal = field("proposition");
  if (filter.proposal != "" && filter.proposal != "avec" && filter.proposal != "sans") {
    filter.errors["l-proposition"] = "list.error.proposal";
  }
  return filter;
}

struct Contact {
  int64_t decisions = 0;
  std::string last;  // decided_at of the latest
};

struct Listed {
  engine::Profile profile;
  std::string agency;
  Contact contact;
};

// The scope's jobseekers (the caller's agencies: its own; a supervisor's
// region's too) matching the filter, by id; `regions` receives every region
// of the scope (the form's choices).
Result<std::vector<Listed>> ListJobseekers(Call& call, const ListFilter* filter,
                                           std::set<std::string>* regions) {
  std::map<std::string, Contact> contacts;
  if (filter != nullptr) {
    SKILLMATCH_ASSIGN_OR_RETURN(all, call.store->ListDecisions({}));
    for (const engine::Decision& d : all) {
      Contact& c = contacts[d.profile_id];
      ++c.decisions;
      c.last = std::max(c.last, d.decided_at);
    }
  }
  std::vector<Listed> out;
  for (const std::string& agency : call.agencies) {
    SKILLMATCH_RETURN_IF_ERROR(call.store->ForEachAgencyProfile(agency, [&](engine::Profile&& p) {
      if (regions != nullptr && !p.location.region.empty()) regions->insert(p.location.region);
      if (filter == nullptr) return Status::Ok();
      if (!filter->occupation.empty() &&
          std::none_of(p.target_occupations.begin(), p.target_occupations.end(),
                       [&](const std::string& code) {
                         return code.rfind(filter->occupation, 0) == 0;
                       })) {
        return Status::Ok();
      }
      if (!filter->region.empty() && p.location.region != filter->region) return Status::Ok();
      if (!filter->from.empty() || !filter->to.empty()) {
        if (!p.registered) return Status::Ok();
        if (!filter->from.empty() && *p.registered < filter->from) return Status::Ok();
        if (!filter->to.empty() && *p.registered > filter->to) return Status::Ok();
      }
      auto it = contacts.find(p.id);
      const Contact contact = it == contacts.end() ? Contact{} : it->second;
      if (filter->proposal == "avec" && contact.decisions == 0) return Status::Ok();
      if (filter->proposal == "sans" && contact.decisions > 0) return Status::Ok();
      out.push_back({std::move(p), agency, contact});
      return Status::Ok();
    }));
  }
  std::sort(out.begin(), out.end(),
            [](const Listed& a, const Listed& b) { return a.profile.id < b.profile.id; });
  return out;
}

// The columns of the list (counsellors and supervisors): what the
// jobseeker's file and the home page show, without the protected
// attributes, which no screen lists.
ExportTable JobseekerTable(const Services& s, const std::vector<Listed>& listed) {
  ExportTable table;
  table.sheet = T("export.sheet.jobseekers");
  for (const char* id : {"export.col.jobseeker", "export.col.agency", "export.col.target_code",
                         "export.col.target", "export.col.region", "export.col.city",
                         "export.col.registered", "export.col.exited", "export.col.education",
                         "export.col.experience", "export.col.decisions",
                         "export.col.last_decision"}) {
    table.headers.push_back(T(id));
  }
  for (const Listed& item : listed) {
    const engine::Profile& p = item.profile;
    const std::string target = p.target_occupations.empty() ? "" : p.target_occupations[0];
    std::vector<ExportCell> row = {
        ExportCell::Text(p.id),
        ExportCell::Text(item.agency),
        ExportCell::Text(target),
        target.empty() ? ExportCell{} : ExportCell::Text(OccupationLabel(s, target)),
        ExportCell::Text(p.location.region),
        ExportCell::Text(p.location.city),
        ExportCell::Day(p.registered.value_or("")),
        ExportCell::Day(p.exited.value_or("")),
        p.education_level ? ExportCell::Number(*p.education_level) : ExportCell{},
        p.experience_years ? ExportCell::Number(*p.experience_years, 1) : ExportCell{},
        ExportCell::Number(static_cast<double>(item.contact.decisions)),
        ExportCell::Day(item.contact.last.substr(0, std::min<size_t>(10, item.contact.last.size())))};
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string Shown(const ExportCell& cell) {
  switch (cell.kind) {
    case ExportCell::Kind::kEmpty: return "–";
    case ExportCell::Kind::kText: return cell.text.empty() ? "–" : cell.text;
    case ExportCell::Kind::kNumber: return FormatDecimal(cell.number, cell.decimals);
    case ExportCell::Kind::kDate: return FormatDate(cell.text).value_or(cell.text);
  }
  return "";
}

// The screen: the form (filled with `filter`, its errors next to their
// fields) and, when `table` is given, the list.
// The list's page (1-based) of `table`'s rows, kRowsShown each; `page`
// past the last shows the last.
Reply ListPage(Call& call, const ListFilter& filter, const std::set<std::string>& regions,
               const ExportTable* table, size_t matched, size_t page = 1) {
  View view;
  view.Set("csrf", call.session_csrf);
  // Days shown back in French (jj/mm/aaaa); a wrong one as it was typed.
  auto day = [](const std::string& text) { return FormatDate(text).value_or(text); };
  view.Set("metier", filter.occupation).Set("du", day(filter.from)).Set("au", day(filter.to));
  List region_options;
  for (const std::string& region : regions) {
    View option;
    option.Set("value", region).Set("selected", region == filter.region);
    region_options.push_back(std::move(option));
  }
  view.Set("regions", std::move(region_options));
  List proposals;
  for (const char* value : {"", "avec", "sans"}) {
    View option;
    const std::string key = *value ? value : "toutes";
    option.Set("value", value).Set("id", "l-proposition-" + key)
        .Set("label", T("list.proposal." + key)).Set("checked", filter.proposal == value);
    proposals.push_back(std::move(option));
  }
  view.Set("proposals", std::move(proposals));
  List errors;
  for (const char* field : {"l-metier", "l-region", "l-du", "l-au", "l-proposition"}) {
    auto it = filter.errors.find(field);
    if (it == filter.errors.end()) continue;
    View error;
    error.Set("anchor", std::string("#") + field).Set("message", T(it->second));
    errors.push_back(std::move(error));
    std::string key = std::string(field).substr(2) + "_error";
    view.Set(key, T(it->second));
  }
  view.Set("errors", std::move(errors));
  if (table != nullptr) {
    List headers;
    for (const std::string& h : table->headers) {
      View v;
      v.Set("label", h);
      headers.push_back(std::move(v));
    }
    const size_t pages = std::max<size_t>(1, (table->rows.size() + kRowsShown - 1) / kRowsShown);
    page = std::clamp<size_t>(page, 1, pages);
    const size_t first = (page - 1) * kRowsShown;
    const size_t end = std::min(table->rows.size(), first + kRowsShown);
    List rows;
    for (size_t row_idx = first; row_idx < end; ++row_idx) {
      const auto& cells = table->rows[row_idx];
      View row;
      row.Set("id", cells[0].text).Set("href", "/demandeurs/" + cells[0].text);
      List values;
      for (size_t col_idx = 1; col_idx < cells.size(); ++col_idx) {
        View v;
        v.Set("value", Shown(cells[col_idx]));
        values.push_back(std::move(v));
      }
      row.Set("cells", std::move(values));
      rows.push_back(std::move(row));
    }
    view.Set("shown", true).Set("headers", std::move(headers)).Set("rows", std::move(rows));
    view.Set("summary", TN("list.summary", static_cast<int64_t>(matched),
                           {FormatInteger(static_cast<int64_t>(matched))}));
    if (pages > 1) {
      // "Page 2 sur 7 (demandeurs 201 à 400)", and buttons that post the
      // form's criteria again with the page wanted.
      view.Set("more", T("list.page", {FormatInteger(static_cast<int64_t>(page)),
                                       FormatInteger(static_cast<int64_t>(pages)),
                                       FormatInteger(static_cast<int64_t>(first + 1)),
                                       FormatInteger(static_cast<int64_t>(end))}));
      if (page > 1) view.Set("previous", std::to_string(page - 1));
      if (page < pages) view.Set("next", std::to_string(page + 1));
    }
  }
  PageOptions options;
  options.nav = "liste";
  options.status = filter.errors.empty() ? 200 : 422;
  return Page(call, "title.jobseeker_list", Render("jobseeker_list", view), options);
}

}  // namespace

Reply ShortlistExportCsv(const Services& s, Call& call) { return ShortlistExport(s, call, "csv"); }
Reply ShortlistExportXlsx(const Services& s, Call& call) { return ShortlistExport(s, call, "xlsx"); }

Reply JobseekerListForm(const Services&, Call& call) {
  std::set<std::string> regions;
  if (!ListJobseekers(call, nullptr, &regions).ok()) return ErrorPage(call, 503, "error.store");
  return ListPage(call, ListFilter{}, regions, nullptr, 0);
}

Reply JobseekerListSubmit(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  std::set<std::string> regions;
  if (!ListJobseekers(call, nullptr, &regions).ok()) return ErrorPage(call, 503, "error.store");
  ListFilter filter = ReadFilter(s, form, regions);
  // The page buttons send `page` (2, 3, ...); "Afficher la liste" none.
  size_t page = 1;
  if (const std::string wanted = form.Get("page"); !wanted.empty()) {
    bool digits = wanted.size() <= 6;
    for (char c : wanted) digits = digits && c >= '0' && c <= '9';
    if (!digits || std::stoul(wanted) == 0) return ErrorPage(call, 400, "error.bad_request");
    page = std::stoul(wanted);
  }
  if (!filter.errors.empty()) return ListPage(call, filter, regions, nullptr, 0);
  Result<std::vector<Listed>> listed = ListJobseekers(call, &filter, nullptr);
  if (!listed.ok()) return ErrorPage(call, 503, "error.store");
  const ExportTable table = JobseekerTable(s, *listed);
  // The list names jobseekers: audited like the home page's list (with the
  // page after the first).
  const std::string record = "rows=" + std::to_string(table.rows.size()) +
                             (page > 1 ? " page=" + std::to_string(page) : "");
  if (!server::Audit(call, "jobseeker.list", record).ok()) {
    return ErrorPage(call, 503, "error.store");
  }
  return ListPage(call, filter, regions, &table, table.rows.size(), page);
}

Reply JobseekerListExport(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  const std::string format = form.Get("format");
  std::set<std::string> regions;
  if (!ListJobseekers(call, nullptr, &regions).ok()) return ErrorPage(call, 503, "error.store");
  ListFilter filter = ReadFilter(s, form, regions);
  // The buttons send one of the two; anything else is not this site's form.
  if (format != "csv" && format != "xlsx") return ErrorPage(call, 400, "list.error.format");
  if (!filter.errors.empty()) return ListPage(call, filter, regions, nullptr, 0);
  Result<std::vector<Listed>> listed = ListJobseekers(call, &filter, nullptr);
  if (!listed.ok()) return ErrorPage(call, 503, "error.store");
  const ExportTable table = JobseekerTable(s, *listed);
  if (!server::Audit(call, "export.jobseekers", AuditRecord("", format, table.rows.size())).ok()) {
    return ErrorPage(call, 503, "error.store");
  }
  return FileReply(table, format,
                   "demandeurs-" + SafeName(call.account->agency) + "-" + Today(call).ToString(),
                   call);
}

}  // namespace skillmatch::pages
