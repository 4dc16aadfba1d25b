// Administration (admins: capability kAccounts): the accounts (list,
// create, role/agency/region, deactivate and reactivate, new password,
// removal of a lost second factor),
// the agencies (list, create, region) and the read-only table of the
// roles' rights. No personal record is ever shown: accounts are staff, and
// agencies are shown with counts only. Every change goes through
// accounts.h, the code of `skillmatch users` too, and is audited in the
// same transaction (account.create, account.update, account.disable,
// account.enable, account.password, account.totp.disable, agency.create,
// agency.region).
#include <map>
#include <set>

#include "accounts.h"
#include "auth.h"
#include "french.h"
#include "handlers.h"
#include "server.h"

namespace skillmatch::pages {

using engine::AgencyRecord;

namespace {

// The admin's sub-navigation, `current` marked.
Html AdminNav(const std::string& current) {
  List links;
  for (auto [key, href, label] :
       {std::tuple{"comptes", "/administration/comptes", "admin.nav.accounts"},
        std::tuple{"nouveau", "/administration/comptes/nouveau", "admin.nav.new"},
        std::tuple{"agences", "/administration/agences", "admin.nav.agencies"},
        std::tuple{"roles", "/administration/roles", "admin.nav.roles"}}) {
    View link;
    link.Set("href", href).Set("label", T(label)).Set("current", current == key);
    links.push_back(std::move(link));
  }
  View view;
  view.Set("links", std::move(links));
  return Render("admin_nav", view);
}

Reply AdminPage(const Call& call, const std::string& title, const std::string& current,
                const Html& content, int status = 200, const std::string& notice = "") {
  Html both = AdminNav(current);
  both += content;
  PageOptions options;
  options.status = status;
  options.nav = "administration";
  options.notice = notice;
  return PageTitled(call, title, both, options);
}

std::string Shown(const std::string& text) { return text.empty() ? T("admin.none") : text; }

std::string ShownTime(const std::string& iso) {
  if (iso.empty()) return T("admin.never");
  // "2026-12-07T10:04:00Z" -> "07/12/2026 10:04 UTC"
  std::optional<std::string> day = FormatDate(iso.substr(0, 10));
  if (!day) return iso;
  return iso.size() >= 16 ? *day + " " + iso.substr(11, 5) + " UTC" : *day;
}

// Every agency the PES knows: those of table agencies (with a region),
// of accounts and of records.
struct AgencyInfo {
  std::string region;
  int64_t accounts = 0, jobseekers = 0, offers = 0;
};
Result<std::map<std::string, AgencyInfo>> KnownAgencies(Call& call) {
  std::map<std::string, AgencyInfo> out;
  SKILLMATCH_ASSIGN_OR_RETURN(regions, call.store->ListAgencyRegions());
  for (const auto& [agency, region] : regions) out[agency].region = region;
  SKILLMATCH_ASSIGN_OR_RETURN(accounts, call.store->ListAccounts());
  for (const engine::Account& a : accounts) {
    if (!a.agency.empty()) ++out[a.agency].accounts;
  }
  SKILLMATCH_ASSIGN_OR_RETURN(people, call.store->CountByAgency(AgencyRecord::kProfile));
  for (const auto& c : people) {
    if (!c.table.empty()) out[c.table].jobseekers = c.rows;
  }
  SKILLMATCH_ASSIGN_OR_RETURN(offers, call.store->CountByAgency(AgencyRecord::kOffer));
  for (const auto& c : offers) {
    if (!c.table.empty()) out[c.table].offers = c.rows;
  }
  return out;
}

// Field errors: field -> French message.
using Errors = std::map<std::string, std::string>;

void AddRefusal(Errors& errors, const server::AccountRefusal& refused) {
  errors.emplace(refused.field.empty() ? "form" : refused.field, T("admin.error." + refused.code));
}

// The error summary at the top of a form (links to each field).
List ErrorList(const Errors& errors, const std::map<std::string, std::string>& anchors) {
  List list;
  for (const auto& [field, message] : errors) {
    View item;
    auto it = anchors.find(field);
    if (it != anchors.end()) item.Set("anchor", it->second);
    item.Set("message", message);
    list.push_back(std::move(item));
  }
  return list;
}

const std::map<std::string, std::string> kAccountAnchors = {
    {"login", "#a-login"}, {"role", "#a-role"}, {"agency", "#a-agence"},
    {"region", "#a-region"}, {"password", "#a-mdp"}};

std::string ErrorOf(const Errors& errors, const std::string& field) {
  auto it = errors.find(field);
  return it == errors.end() ? "" : it->second;
}

// The role, agency and region selects; `agencies` and `regions` from
// KnownAgencies, the current values selected.
Html RoleFields(const std::map<std::string, AgencyInfo>& known, const std::string& role,
                const std::string& agency, const std::string& region, const Errors& errors) {
  View view;
  List roles;
  for (server::Role r : server::kAllRoles) {
    const std::string value(server::ToString(r));
    View option;
    option.Set("value", value).Set("text", T("role." + value)).Set("selected", value == role);
    roles.push_back(std::move(option));
  }
  List agencies;
  List regions;
  auto option = [](const std::string& value, const std::string& text, bool selected) {
    View v;
    v.Set("value", value).Set("text", text).Set("selected", selected);
    return v;
  };
  agencies.push_back(option("", T("admin.none"), agency.empty()));
  regions.push_back(option("", T("admin.no_region"), region.empty()));
  std::set<std::string> region_names;
  for (const auto& [name, info] : known) {
    agencies.push_back(option(name, name, name == agency));
    if (!info.region.empty()) region_names.insert(info.region);
  }
  for (const std::string& name : region_names) regions.push_back(option(name, name, name == region));
  view.Set("roles", std::move(roles)).Set("agencies", std::move(agencies))
      .Set("regions", std::move(regions));
  for (auto [key, field] : {std::pair{"role_error", "role"}, std::pair{"agency_error", "agency"},
                            std::pair{"region_error", "region"}}) {
    if (std::string e = ErrorOf(errors, field); !e.empty()) view.Set(key, e);
  }
  return Render("admin_role_fields", view);
}

// The password fields of an administrator's form, with the box "temporary
// password", ticked unless the password form just sent came without it.
Html PasswordFields(const Call& call, const Errors& errors) {
  View view;
  if (std::string e = ErrorOf(errors, "password"); !e.empty()) view.Set("password_error", e);
  bool temporary = true;
  if (call.req && call.req->method == "POST") {
    Form form = Form::Parse(*call.req);
    if (form.Has("mot_de_passe")) temporary = form.Get("temporaire") == "1";
  }
  view.Set("temporary", temporary);
  return Render("admin_password_fields", view);
}

// "actif", "désactivé", or "actif, mot de passe provisoire".
std::string StateOf(const engine::Account& account) {
  if (account.disabled) return T("home.disabled");
  return account.password_change_required ? T("admin.state.temporary") : T("home.active");
}

// The account of path parameter {id} (digits only), or nullopt: 404.
std::optional<engine::Account> AccountOfPath(Call& call, Reply* failure) {
  const std::string& id = call.params[0];
  bool digits = !id.empty() && id.size() <= 18;
  for (char c : id) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    *failure = ErrorPage(call, 404, "error.not_found");
    return std::nullopt;
  }
  Result<engine::Account> account = call.store->GetAccountById(std::stoll(id));
  if (!account.ok()) {
    *failure = ErrorPage(call, account.status().code() == StatusCode::kNotFound ? 404 : 503,
                         account.status().code() == StatusCode::kNotFound ? "error.not_found"
                                                                          : "error.store");
    return std::nullopt;
  }
  return *account;
}

// The page of one account, with the errors of the form just sent (if any).
Reply AccountPage(Call& call, const engine::Account& account, const Errors& errors,
                  const std::string& role, const std::string& agency, const std::string& region,
                  int status, const std::string& notice) {
  Result<std::map<std::string, AgencyInfo>> known = KnownAgencies(call);
  Result<std::map<int64_t, std::string>> logins = call.store->LastLogins();
  if (!known.ok() || !logins.ok()) return ErrorPage(call, 503, "error.store");
  View view;
  const std::string base = "/administration/comptes/" + std::to_string(account.id);
  auto last = logins->find(account.id);
  view.Set("csrf", call.session_csrf)
      .Set("login", account.login)
      .Set("role", T("role." + account.role))
      .Set("agency", Shown(account.agency))
      .Set("region", account.role == "supervisor" && !account.region.empty() ? account.region
                                                                              : T("admin.none"))
      .Set("state", StateOf(account))
      .Set("last_login", ShownTime(last == logins->end() ? "" : last->second))
      .Set("totp", account.totp_secret.empty() ? T("admin.no") : T("admin.yes"))
      .Set("created", ShownTime(account.created_at))
      .Set("self", call.account && call.account->id == account.id)
      .Set("role_action", base + "/role")
      .Set("state_action", base + "/etat")
      .Set("password_action", base + "/mot-de-passe")
      .Set("totp_action", base + "/double-facteur")
      .Set("totp_removable", !account.totp_secret.empty() &&
                                 !(call.account && call.account->id == account.id))
      .Set("state_value", account.disabled ? "1" : "0")
      .Set("state_button", account.disabled ? T("admin.account.enable")
                                            : T("admin.account.disable"))
      .Set("role_fields", RoleFields(*known, role, agency, region, errors))
      .Set("password_fields", PasswordFields(call, errors))
      .Set("errors", ErrorList(errors, kAccountAnchors));
  return AdminPage(call, T("title.admin.account", {account.login}), "comptes",
                   Render("admin_account", view), status, notice);
}

Reply AccountPage(Call& call, const engine::Account& account, const std::string& notice = "") {
  return AccountPage(call, account, {}, account.role, account.agency, account.region, 200, notice);
}

Reply NewAccountPage(Call& call, const Errors& errors, const std::string& login,
                     const std::string& role, const std::string& agency,
                     const std::string& region, int status) {
  Result<std::map<std::string, AgencyInfo>> known = KnownAgencies(call);
  if (!known.ok()) return ErrorPage(call, 503, "error.store");
  View view;
  view.Set("csrf", call.session_csrf).Set("login", login);
  if (std::string e = ErrorOf(errors, "login"); !e.empty()) view.Set("login_error", e);
  view.Set("role_fields", RoleFields(*known, role, agency, region, errors))
      .Set("password_fields", PasswordFields(call, errors))
      .Set("errors", ErrorList(errors, kAccountAnchors));
  return AdminPage(call, T("title.admin.new_account"), "nouveau",
                   Render("admin_account_form", view), status);
}

// The pages' reading of the role form: a role that sees no record has no
// agency nor region (the selects may still show one: they are dropped
// rather than refused, the admin having picked the role).
void NormaliseRole(const std::string& role, std::string& agency, std::string& region) {
  std::optional<server::Role> parsed = server::ParseRole(role);
  if (parsed && !server::NeedsAgency(*parsed)) {
    agency.clear();
    region.clear();
  }
}

// The notice of a redirection after a change (?fait=...): one of ours.
std::string DoneNotice(Call& call) {
  const std::string done = call.req->has_param("fait") ? call.req->get_param_value("fait") : "";
  for (const char* known : {"update", "disable", "enable", "password", "agency", "totp"}) {
    if (done == known) return T(std::string("admin.done.") + known);
  }
  return "";
}

Html RegionField(const std::map<std::string, AgencyInfo>& known, const std::string& region,
                 const Errors& errors) {
  View view;
  std::set<std::string> names;
  for (const auto& [name, info] : known) {
    if (!info.region.empty()) names.insert(info.region);
  }
  List regions;
  for (const std::string& name : names) {
    View v;
    v.Set("value", name);
    regions.push_back(std::move(v));
  }
  view.Set("region", region).Set("regions", std::move(regions));
  if (std::string e = ErrorOf(errors, "region"); !e.empty()) view.Set("region_error", e);
  return Render("admin_region_field", view);
}

const std::map<std::string, std::string> kAgencyAnchors = {{"name", "#g-nom"},
                                                           {"region", "#g-region"}};

Reply AgenciesPage(Call& call, const Errors& errors, const std::string& name,
                   const std::string& region, int status, const std::string& notice) {
  Result<std::map<std::string, AgencyInfo>> known = KnownAgencies(call);
  if (!known.ok()) return ErrorPage(call, 503, "error.store");
  List rows;
  for (const auto& [agency, info] : *known) {
    View row;
    row.Set("name", agency).Set("href", "/administration/agences/" + agency)
        .Set("edit_label", T("admin.agency.edit.label", {agency}))
        .Set("region", Shown(info.region))
        .Set("accounts", FormatInteger(info.accounts))
        .Set("jobseekers", FormatInteger(info.jobseekers))
        .Set("offers", FormatInteger(info.offers));
    rows.push_back(std::move(row));
  }
  View view;
  view.Set("csrf", call.session_csrf).Set("name", name).Set("agencies", std::move(rows))
      .Set("region_field", RegionField(*known, region, errors))
      .Set("errors", ErrorList(errors, kAgencyAnchors));
  if (std::string e = ErrorOf(errors, "name"); !e.empty()) view.Set("name_error", e);
  return AdminPage(call, T("title.admin.agencies"), "agences", Render("admin_agencies", view),
                   status, notice);
}

// An agency's region as typed: the refusal of CheckAgencyName with the
// agency page's wording.
std::optional<std::string> RegionError(const std::string& region) {
  if (auto refused = server::CheckAgencyName(region, "region")) {
    return T(refused->code == "region_chars" ? "admin.error.region_chars_agency"
                                             : "admin.error." + refused->code);
  }
  return std::nullopt;
}

}  // namespace

Reply AdminIndex(const Services&, Call&) { return Redirect("/administration/comptes"); }

Reply AdminAccounts(const Services&, Call& call) {
  Result<std::vector<engine::Account>> accounts = call.store->ListAccounts();
  Result<std::map<int64_t, std::string>> logins = call.store->LastLogins();
  if (!accounts.ok() || !logins.ok()) return ErrorPage(call, 503, "error.store");
  List rows;
  for (const engine::Account& a : *accounts) {
    auto last = logins->find(a.id);
    View row;
    row.Set("login", a.login).Set("href", "/administration/comptes/" + std::to_string(a.id))
        .Set("role", T("role." + a.role))
        .Set("agency", Shown(a.agency))
        .Set("region", a.role == "supervisor" && !a.region.empty() ? a.region : T("admin.none"))
        .Set("state", StateOf(a))
        .Set("last_login", ShownTime(last == logins->end() ? "" : last->second))
        .Set("totp", a.totp_secret.empty() ? T("admin.no") : T("admin.yes"));
    rows.push_back(std::move(row));
  }
  View view;
  view.Set("accounts", std::move(rows))
      .Set("caption", T("admin.accounts.caption",
                        {FormatInteger(static_cast<int64_t>(accounts->size()))}));
  std::string notice;
  if (call.req->has_param("cree")) {
    // The login created, read back from the store (never the query's text).
    const std::string id = call.req->get_param_value("cree");
    for (const engine::Account& a : *accounts) {
      if (std::to_string(a.id) == id) notice = T("admin.done.create", {a.login});
    }
  }
  return AdminPage(call, T("title.admin.accounts"), "comptes", Render("admin_accounts", view), 200,
                   notice);
}

Reply AdminAccountNewForm(const Services&, Call& call) {
  return NewAccountPage(call, {}, "", "counsellor", "", "", 200);
}

Reply AdminAccountCreate(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  const std::string login = Trim(form.Get("login"));
  const std::string role = form.Get("role");
  std::string agency = form.Get("agence");
  std::string region = form.Get("region");
  const std::string password = form.Get("mot_de_passe");
  const std::string again = form.Get("mot_de_passe_2");
  NormaliseRole(role, agency, region);
  Errors errors;
  if (auto refused = server::CheckLogin(login)) AddRefusal(errors, *refused);
  if (auto refused = server::CheckRoleAgency(role, agency, region)) AddRefusal(errors, *refused);
  if (auto refused = server::CheckNewPassword(login, password, again)) AddRefusal(errors, *refused);
  if (!errors.contains("login")) {
    Result<engine::Account> taken = call.store->GetAccount(login);
    if (taken.ok()) {
      errors.emplace("login", T("admin.error.login_taken"));
    } else if (taken.status().code() != StatusCode::kNotFound) {
      return ErrorPage(call, 503, "error.store");
    }
  }
  // The form comes back with what was typed but the passwords, never
  // echoed (the fields are empty again).
  if (!errors.empty()) return NewAccountPage(call, errors, login, role, agency, region, 422);
  Result<std::string> hash = server::HashPassword(password, s.options->passwords);
  if (!hash.ok()) return ErrorPage(call, 503, "error.store");
  engine::Account account;
  account.login = login;
  account.role = role;
  account.agency = agency;
  account.region = region;
  account.password_hash = *hash;
  account.password_change_required = form.Get("temporaire") == "1";
  Result<int64_t> id = server::CreateAccount(*call.store, account, server::CallAuditWriter(call));
  if (!id.ok()) {
    if (id.status().code() == StatusCode::kDataError) {  // taken meanwhile
      errors.emplace("login", T("admin.error.login_taken"));
      return NewAccountPage(call, errors, login, role, agency, region, 422);
    }
    return ErrorPage(call, 503, "error.store");
  }
  return Redirect("/administration/comptes?cree=" + std::to_string(*id));
}

Reply AdminAccountView(const Services&, Call& call) {
  Reply failure;
  std::optional<engine::Account> account = AccountOfPath(call, &failure);
  if (!account) return failure;
  return AccountPage(call, *account, DoneNotice(call));
}

Reply AdminAccountRole(const Services&, Call& call) {
  Reply failure;
  std::optional<engine::Account> account = AccountOfPath(call, &failure);
  if (!account) return failure;
  Form form = Form::Parse(*call.req);
  const std::string role = form.Get("role");
  std::string agency = form.Get("agence");
  std::string region = form.Get("region");
  NormaliseRole(role, agency, region);
  Errors errors;
  if (auto refused = server::CheckRoleAgency(role, agency, region)) AddRefusal(errors, *refused);
  if (errors.empty()) {
    auto kept = server::CheckAdminKept(*call.store, *account, &*call.account, false, role);
    if (!kept.ok()) return ErrorPage(call, 503, "error.store");
    if (*kept) AddRefusal(errors, **kept);
  }
  if (!errors.empty()) return AccountPage(call, *account, errors, role, agency, region, 422, "");
  Status set = server::UpdateAccount(*call.store, *account, role, agency, region,
                                     server::CallAuditWriter(call));
  if (!set.ok()) return ErrorPage(call, 503, "error.store");
  return Redirect("/administration/comptes/" + std::to_string(account->id) + "?fait=update");
}

Reply AdminAccountState(const Services&, Call& call) {
  Reply failure;
  std::optional<engine::Account> account = AccountOfPath(call, &failure);
  if (!account) return failure;
  Form form = Form::Parse(*call.req);
  const std::string wanted = form.Get("actif");
  if (wanted != "0" && wanted != "1") return ErrorPage(call, 400, "error.bad_request");
  const bool active = wanted == "1";
  Errors errors;
  if (!active) {
    auto kept = server::CheckAdminKept(*call.store, *account, &*call.account, true, "");
    if (!kept.ok()) return ErrorPage(call, 503, "error.store");
    if (*kept) AddRefusal(errors, **kept);
  }
  if (!errors.empty()) {
    return AccountPage(call, *account, errors, account->role, account->agency, account->region,
                       422, "");
  }
  Status set = server::SetAccountActive(*call.store, *account, active,
                                        server::CallAuditWriter(call));
  if (!set.ok()) return ErrorPage(call, 503, "error.store");
  return Redirect("/administration/comptes/" + std::to_string(account->id) +
                  (active ? "?fait=enable" : "?fait=disable"));
}

Reply AdminAccountPassword(const Services& s, Call& call) {
  Reply failure;
  std::optional<engine::Account> account = AccountOfPath(call, &failure);
  if (!account) return failure;
  Form form = Form::Parse(*call.req);
  const std::string password = form.Get("mot_de_passe");
  Errors errors;
  if (auto refused =
          server::CheckNewPassword(account->login, password, form.Get("mot_de_passe_2"))) {
    AddRefusal(errors, *refused);
    return AccountPage(call, *account, errors, account->role, account->agency, account->region,
                       422, "");
  }
  Result<std::string> hash = server::HashPassword(password, s.options->passwords);
  if (!hash.ok()) return ErrorPage(call, 503, "error.store");
  Status set = server::ResetPassword(*call.store, *account, *hash,
                                     form.Get("temporaire") == "1",
                                     server::CallAuditWriter(call));
  if (!set.ok()) return ErrorPage(call, 503, "error.store");
  // An admin who reset his own password has just ended his own session:
  // the redirection leads to the login page.
  return Redirect("/administration/comptes/" + std::to_string(account->id) + "?fait=password");
}

Reply AdminAccountSecondFactor(const Services&, Call& call) {
  Reply failure;
  std::optional<engine::Account> account = AccountOfPath(call, &failure);
  if (!account) return failure;
  auto removed = server::RemoveSecondFactor(*call.store, *account, &*call.account,
                                            server::CallAuditWriter(call));
  if (!removed.ok()) return ErrorPage(call, 503, "error.store");
  if (*removed) {
    Errors errors;
    AddRefusal(errors, **removed);
    return AccountPage(call, *account, errors, account->role, account->agency, account->region,
                       422, "");
  }
  return Redirect("/administration/comptes/" + std::to_string(account->id) + "?fait=totp");
}

Reply AdminAgencies(const Services&, Call& call) {
  return AgenciesPage(call, {}, "", "", 200, DoneNotice(call));
}

Reply AdminAgencyCreate(const Services&, Call& call) {
  Form form = Form::Parse(*call.req);
  const std::string name = Trim(form.Get("nom"));
  const std::string region = Trim(form.Get("region"));
  Errors errors;
  if (auto refused = server::CheckAgencyName(name, "name")) AddRefusal(errors, *refused);
  if (auto bad = RegionError(region)) errors.emplace("region", *bad);
  if (!errors.contains("name")) {
    // An agency known through accounts or records but without a region is
    // edited from its line, not created again.
    Result<std::map<std::string, AgencyInfo>> known = KnownAgencies(call);
    if (!known.ok()) return ErrorPage(call, 503, "error.store");
    if (known->contains(name)) errors.emplace("name", T("admin.error.name_taken"));
  }
  if (!errors.empty()) return AgenciesPage(call, errors, name, region, 422, "");
  Status created = server::CreateAgency(*call.store, name, region, server::CallAuditWriter(call));
  if (!created.ok()) {
    if (created.code() == StatusCode::kDataError) {
      errors.emplace("name", T("admin.error.name_taken"));
      return AgenciesPage(call, errors, name, region, 422, "");
    }
    return ErrorPage(call, 503, "error.store");
  }
  return Redirect("/administration/agences?fait=agency");
}

namespace {

Reply AgencyPage(Call& call, const std::string& agency, const std::string& region,
                 const Errors& errors, int status) {
  Result<std::map<std::string, AgencyInfo>> known = KnownAgencies(call);
  if (!known.ok()) return ErrorPage(call, 503, "error.store");
  auto it = known->find(agency);
  if (it == known->end()) return ErrorPage(call, 404, "error.not_found");
  View view;
  view.Set("csrf", call.session_csrf)
      .Set("action", "/administration/agences/" + agency)
      .Set("summary", T("admin.agency.summary",
                        {agency, FormatInteger(it->second.accounts),
                         FormatInteger(it->second.jobseekers), FormatInteger(it->second.offers)}))
      .Set("region_field", RegionField(*known, region, errors))
      .Set("errors", ErrorList(errors, kAgencyAnchors));
  return AdminPage(call, T("title.admin.agency", {agency}), "agences", Render("admin_agency", view),
                   status);
}

}  // namespace

Reply AdminAgencyView(const Services&, Call& call) {
  const std::string& agency = call.params[0];
  if (server::CheckAgencyName(agency)) return ErrorPage(call, 404, "error.not_found");
  Result<std::string> region = call.store->GetAgencyRegion(agency);
  if (!region.ok()) return ErrorPage(call, 503, "error.store");
  return AgencyPage(call, agency, *region, {}, 200);
}

Reply AdminAgencyUpdate(const Services&, Call& call) {
  const std::string& agency = call.params[0];
  if (server::CheckAgencyName(agency)) return ErrorPage(call, 404, "error.not_found");
  Result<std::map<std::string, AgencyInfo>> known = KnownAgencies(call);
  if (!known.ok()) return ErrorPage(call, 503, "error.store");
  if (!known->contains(agency)) return ErrorPage(call, 404, "error.not_found");
  Form form = Form::Parse(*call.req);
  const std::string region = Trim(form.Get("region"));
  Errors errors;
  if (auto bad = RegionError(region)) errors.emplace("region", *bad);
  if (!errors.empty()) return AgencyPage(call, agency, region, errors, 422);
  Status set = server::SetAgencyRegion(*call.store, agency, region, server::CallAuditWriter(call));
  if (!set.ok()) return ErrorPage(call, 503, "error.store");
  return Redirect("/administration/agences?fait=agency");
}

Reply AdminRoles(const Services&, Call& call) {
  List roles;
  for (server::Role role : server::kAllRoles) {
    View r;
    r.Set("label", T("role." + std::string(server::ToString(role))));
    roles.push_back(std::move(r));
  }
  List rows;
  for (server::Capability capability : server::kAllCapabilities) {
    const std::string code(server::ToString(capability));
    List cells;
    for (server::Role role : server::kAllRoles) {
      View cell;
      cell.Set("value", server::RoleCan(role, capability) ? T("admin.yes") : T("admin.no"));
      cells.push_back(std::move(cell));
    }
    View row;
    row.Set("label", T("cap." + code)).Set("code", code).Set("cells", std::move(cells));
    rows.push_back(std::move(row));
  }
  View view;
  view.Set("roles", std::move(roles)).Set("rows", std::move(rows));
  return AdminPage(call, T("title.admin.roles"), "roles", Render("admin_roles", view));
}

}  // namespace skillmatch::pages
