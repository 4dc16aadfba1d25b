// Journal d'audit: the auditor reads the audit trail in the pages (the
// API's GET /api/v1/audit pages through it by id only). He looks for what
// one account did, who opened one file, or one kind of action, over some
// days, newest first, 100 entries a page; and he has the hash chain checked
// (tools/server/audit.h, the very check of `skillmatch audit verify`).
//
// The criteria travel in a POST body, never in the URL: a jobseeker's id is
// one of them. Every search is itself audited ("audit.read", its record the
// record searched for), so a look into one person's trail shows in it.
#include <algorithm>
#include <map>

#include "accounts.h"
#include "audit.h"
#include "export.h"
#include "french.h"
#include "handlers.h"
#include "skillmatch/model/date.h"

namespace skillmatch::pages {

namespace {

constexpr int64_t kEntriesPerPage = 100;
// An export holds at most this many entries; more must be narrowed down
// (an inspector's extract, not a copy of the database).
constexpr int64_t kMaxExported = 100000;
constexpr size_t kMaxField = 128;

// The action families of the select: the prefix searched, its label.
struct Family {
  const char* prefix;
  const char* label_id;
};
constexpr Family kFamilies[] = {
    {"jobseeker.", "audit.family.jobseeker"}, {"export.", "audit.family.export"},
    {"mobility.", "audit.family.mobility"},   {"decision.", "audit.family.decision"},
    {"offer.", "audit.family.offer"},         {"import.", "audit.family.import"},
    {"login.", "audit.family.login"},         {"account.", "audit.family.account"},
    {"agency.", "audit.family.agency"},       {"token.", "audit.family.token"},
    {"access.denied", "audit.family.denied"}, {"request.", "audit.family.request"},
    {"audit.", "audit.family.audit"},
};

struct Criteria : FieldErrors {
  std::string login, family, record, from, to;  // as typed (shown back)
  engine::AuditQuery query;
};

std::string Field(const Form& form, const char* name) {
  return Trim(form.Get(name)).substr(0, kMaxField);
}

Criteria ReadCriteria(Call& call, const Form& form, Status* failure) {
  Criteria c;
  c.login = Field(form, "compte");
  c.family = Field(form, "famille");
  c.record = Field(form, "dossier");
  c.from = Field(form, "du");
  c.to = Field(form, "au");
  if (!c.login.empty()) {
    // "-" is the actor of requests before a login, "cli" the command line.
    if (c.login == "-" || c.login == "cli") {
      c.query.actor = c.login;
    } else if (server::CheckLogin(c.login)) {
      // Not a login at all: said without echoing it.
      c.Error("j-compte", T("audit.error.login_chars"));
    } else {
      Result<engine::Account> account = call.store->GetAccount(c.login);
      if (account.ok()) {
        c.query.actor = std::to_string(account->id);
      } else if (account.status().code() == StatusCode::kNotFound) {
        c.Error("j-compte", T("audit.error.login", {c.login}));
      } else {
        *failure = account.status();
      }
    }
  }
  if (!c.family.empty()) {
    const bool known = std::any_of(std::begin(kFamilies), std::end(kFamilies),
                                   [&](const Family& f) { return c.family == f.prefix; });
    if (known) {
      c.query.action_prefix = c.family;
    } else {
      c.Error("j-famille", T("audit.error.family"));
    }
  }
  // An id, never free text: the record searched for goes into the trail
  // (audit.read), which must not collect what an auditor typed.
  if (!c.record.empty() && !server::ValidId(c.record)) {
    c.Error("j-dossier", T("audit.error.record"));
  } else {
    c.query.record = c.record;
  }
  c.query.from_day = ReadDay(c.from);
  c.query.to_day = ReadDay(c.to);
  if (!c.from.empty() && c.query.from_day.empty()) c.Error("j-du", T("list.error.date"));
  if (!c.to.empty() && c.query.to_day.empty()) c.Error("j-au", T("list.error.date"));
  if (!c.query.from_day.empty() && !c.query.to_day.empty() &&
      c.query.from_day > c.query.to_day) {
    c.Error("j-au", T("list.error.order"));
  }
  const std::string before = form.Get("avant");
  if (!before.empty()) {
    const bool digits = before.size() <= 18 &&
                        std::all_of(before.begin(), before.end(),
                                    [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!digits) c.Error("j-compte", T("error.bad_request"));
    else c.query.before_id = std::stoll(before);
  }
  c.query.limit = kEntriesPerPage;
  return c;
}

// Who an actor is, in words: a login, the command line, or nobody yet.
std::string ActorText(const std::string& actor, const std::map<std::string, std::string>& logins) {
  if (actor == "-") return T("audit.actor.anonymous");
  if (actor == "cli") return T("audit.actor.cli");
  auto it = logins.find(actor);
  return it == logins.end() ? T("audit.actor.unknown", {actor}) : it->second;
}

std::map<std::string, std::string> LoginsById(Call& call, Status* failure) {
  std::map<std::string, std::string> logins;
  Result<std::vector<engine::Account>> accounts = call.store->ListAccounts();
  if (!accounts.ok()) {
    *failure = accounts.status();
    return logins;
  }
  for (const engine::Account& a : *accounts) logins[std::to_string(a.id)] = a.login;
  return logins;
}

// The page: the form, the chain's check when it was asked for, then the
// entries matching `c` (the latest ones when nothing was searched).
Reply AuditLogPage(Call& call, const Criteria& c, bool searched,
                   const server::AuditReport* verification, int status) {
  List families;
  for (const Family& f : kFamilies) {
    View option;
    option.Set("value", f.prefix).Set("label", T(f.label_id)).Set("selected", c.family == f.prefix);
    families.push_back(std::move(option));
  }
  View view;
  view.Set("csrf", call.session_csrf).Set("compte", c.login).Set("dossier", c.record)
      .Set("du", c.from).Set("au", c.to).Set("families", std::move(families))
      .Set("all_selected", c.family.empty());
  for (auto [key, field] : {std::pair{"compte_error", "j-compte"},
                            std::pair{"famille_error", "j-famille"},
                            std::pair{"dossier_error", "j-dossier"},
                            std::pair{"du_error", "j-du"}, std::pair{"au_error", "j-au"}}) {
    if (std::string e = c.Of(field); !e.empty()) view.Set(key, e);
  }
  view.Set("errors", c.Summary());
  if (verification) {
    const auto broken = static_cast<int64_t>(verification->problems.size());
    view.Set("verified", true).Set("intact", verification->ok())
        .Set("verify_text",
             verification->ok()
                 ? TN("audit.verify.ok", verification->entries,
                      {FormatInteger(verification->entries)})
                 : TN("audit.verify.broken", broken,
                      {FormatInteger(broken), FormatInteger(verification->entries)}));
    List problems;
    for (const std::string& problem : verification->problems) {
      View item;
      item.Set("text", problem);
      problems.push_back(std::move(item));
    }
    view.Set("problems", std::move(problems));
  }
  if (c.error_list.empty()) {
    Result<std::vector<engine::AuditEntry>> entries = call.store->SearchAudit(c.query);
    Status failure;
    const std::map<std::string, std::string> logins = LoginsById(call, &failure);
    if (!entries.ok() || !failure.ok()) return ErrorPage(call, 503, "error.store");
    // The search itself is audited, its record the one looked for.
    if (!server::Audit(call, "audit.read", c.query.record).ok()) {
      return ErrorPage(call, 503, "error.store");
    }
    List rows;
    for (const engine::AuditEntry& e : *entries) {
      View row;
      row.Set("id", FormatInteger(e.id)).Set("at", FormatTimestamp(e.at))
          .Set("actor", ActorText(e.actor, logins)).Set("action", e.action)
          .Set("record", e.record).Set("address", e.address);
      rows.push_back(std::move(row));
    }
    const int64_t shown = static_cast<int64_t>(entries->size());
    view.Set("shown", true).Set("rows", std::move(rows))
        .Set("summary", shown == 0 ? T(searched ? "audit.none" : "audit.empty")
                                   : TN(searched ? "audit.summary" : "audit.latest", shown,
                                        {FormatInteger(shown)}));
    if (shown == kEntriesPerPage) view.Set("older", FormatInteger(entries->back().id))
                                      .Set("older_id", std::to_string(entries->back().id));
  }
  PageOptions options;
  options.status = status;
  options.nav = "journal";
  return Page(call, "title.audit", Render("audit_log", view), options);
}

}  // namespace

Reply AuditLog(const Services&, Call& call) {
  return AuditLogPage(call, Criteria{}, false, nullptr, 200);
}

Reply AuditLogSearch(const Services&, Call& call) {
  Form form = Form::Parse(*call.req);
  Status failure;
  Criteria c = ReadCriteria(call, form, &failure);
  if (!failure.ok()) return ErrorPage(call, 503, "error.store");
  return AuditLogPage(call, c, true, nullptr, c.error_list.empty() ? 200 : 422);
}

Reply AuditLogExport(const Services&, Call& call) {
  Form form = Form::Parse(*call.req);
  const std::string format = form.Get("format");
  if (format != "csv" && format != "xlsx") return ErrorPage(call, 400, "error.bad_request");
  Status failure;
  Criteria c = ReadCriteria(call, form, &failure);
  if (!failure.ok()) return ErrorPage(call, 503, "error.store");
  if (!c.error_list.empty()) return AuditLogPage(call, c, true, nullptr, 422);
  c.query.before_id = 0;  // the whole selection, not one page of it
  c.query.limit = kMaxExported + 1;
  Result<std::vector<engine::AuditEntry>> entries = call.store->SearchAudit(c.query);
  const std::map<std::string, std::string> logins = LoginsById(call, &failure);
  if (!entries.ok() || !failure.ok()) return ErrorPage(call, 503, "error.store");
  if (static_cast<int64_t>(entries->size()) > kMaxExported) {
    c.Error("j-compte", T("audit.error.too_many", {FormatInteger(kMaxExported)}));
    return AuditLogPage(call, c, true, nullptr, 422);
  }
  ExportTable table;
  table.sheet = "Journal";
  table.headers = {T("col.entry"), T("audit.col.at"), T("col.actor"), T("col.action"),
                   T("col.record"), T("col.address"), T("audit.col.hash")};
  for (const engine::AuditEntry& e : *entries) {
    table.rows.push_back({ExportCell::Number(static_cast<double>(e.id)), ExportCell::Text(e.at),
                          ExportCell::Text(ActorText(e.actor, logins)), ExportCell::Text(e.action),
                          ExportCell::Text(e.record), ExportCell::Text(e.address),
                          ExportCell::Text(e.hash)});
  }
  // The export is audited like the others: what was asked, how many rows.
  if (!server::Audit(call, "export.audit",
                     (c.query.record.empty() ? "" : c.query.record + " ") + "format=" + format +
                         " rows=" + std::to_string(entries->size()))
           .ok()) {
    return ErrorPage(call, 503, "error.store");
  }
  return FileReply(table, format, "journal-audit-" + Today(call).ToString(), call);
}

Reply AuditLogVerify(const Services&, Call& call) {
  Result<server::AuditReport> report = server::VerifyAudit(*call.store);
  if (!report.ok()) return ErrorPage(call, 503, "error.store");
  if (!server::Audit(call, "audit.verify", "").ok()) return ErrorPage(call, 503, "error.store");
  return AuditLogPage(call, Criteria{}, false, &*report, 200);
}

}  // namespace skillmatch::pages
