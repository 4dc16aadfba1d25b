#include "kit.h"

#include <cctype>
#include <map>
#include <mutex>

#include "french.h"
#include "skillmatch/model/date.h"
#include "pages.h"

namespace skillmatch::pages {

extern const std::pair<std::string_view, std::string_view> kTemplates[];
extern const size_t kTemplateCount;

const Catalogue& Messages() { return French(); }
const std::string& T(std::string_view id) { return Messages().Get(id); }
std::string T(std::string_view id, const std::vector<std::string>& args) {
  return Messages().Format(id, args);
}
std::string TN(std::string_view id, int64_t count, const std::vector<std::string>& args) {
  return Messages().Plural(id, count, args);
}

namespace {

struct Compiled {
  std::map<std::string, Template, std::less<>> templates;
  Status status = Status::Ok();
};

const Compiled& AllTemplates() {
  static const Compiled compiled = [] {
    Compiled out;
    for (size_t i = 0; i < kTemplateCount; ++i) {
      const std::string name(kTemplates[i].first);
      Result<Template> made = Template::Compile(name, kTemplates[i].second, Messages());
      if (!made.ok()) {
        if (out.status.ok()) out.status = made.status();
        continue;
      }
      out.templates.emplace(name, std::move(*made));
    }
    return out;
  }();
  return compiled;
}

}  // namespace

Html Render(std::string_view name, const View& view) {
  const Compiled& all = AllTemplates();
  auto it = all.templates.find(name);
  // A missing or broken template is a programmer error (the unit tests
  // compile every one); the page says so rather than showing half a form.
  if (it == all.templates.end()) {
    return Html::Trusted("<p class=\"erreur\">template " + Escape(name) + "</p>");
  }
  return it->second.Render(view);
}

std::vector<std::string> TemplateNames() {
  std::vector<std::string> names;
  for (size_t i = 0; i < kTemplateCount; ++i) names.emplace_back(kTemplates[i].first);
  return names;
}

Status CompileAllTemplates() { return AllTemplates().status; }

namespace {

List Navigation(const server::Call& call, const std::string& current) {
  List nav;
  // A temporary password opens « Mon compte » only: no link that would
  // lead back to it.
  if (call.account && call.account->password_change_required) return nav;
  auto add = [&](const char* key, const char* href, const char* label_id) {
    View item;
    item.Set("href", href).Set("label", T(label_id)).Set("current", current == key);
    nav.push_back(std::move(item));
  };
  add("accueil", "/accueil", "nav.home");
  if (call.account && server::RoleCan(call.role, server::Capability::kJobseekerWrite)) {
    add("inscrire", "/demandeurs/nouveau", "nav.register");
  }
  if (call.account && server::RoleCan(call.role, server::Capability::kReview)) {
    add("verifier", "/verifier", "nav.review");
  }
  if (call.account && server::RoleCan(call.role, server::Capability::kOfferWrite)) {
    add("import", "/import", "nav.import");
  }
  if (call.account && server::RoleCan(call.role, server::Capability::kStatistics)) {
    add("statistiques", "/statistiques", "nav.stats");
  }
  if (call.account && server::RoleCan(call.role, server::Capability::kJobseekerRead)) {
    add("liste", "/demandeurs/liste", "nav.jobseeker_list");
  }
  if (call.account && server::RoleCan(call.role, server::Capability::kAccounts)) {
    add("administration", "/administration/comptes", "nav.admin");
  }
  if (call.account && server::RoleCan(call.role, server::Capability::kAudit)) {
    add("journal", "/journal", "nav.audit");
  }
  return nav;
}

}  // namespace

server::Reply PageTitled(const server::Call& call, const std::string& title,
                         const Html& content, const PageOptions& options) {
  View view;
  view.Set("title", title).Set("content", content).Set("print", options.print);
  if (call.account) {
    view.Set("signed_in", true)
        .Set("csrf", call.session_csrf)
        .Set("account", call.account->login + " · " +
                            T("role." + std::string(server::ToString(call.role))))
        .Set("nav", Navigation(call, options.nav))
        .Set("account_current", options.nav == "compte");
  }
  if (!options.notice.empty()) view.Set("notice", options.notice);
  server::Reply reply;
  reply.status = options.status;
  reply.content_type = "text/html; charset=utf-8";
  reply.text = Render("layout", view).str();
  return reply;
}

server::Reply Page(const server::Call& call, std::string_view title_id,
                   const Html& content, const PageOptions& options) {
  return PageTitled(call, T(title_id), content, options);
}

server::Reply Fragment(const Html& content, int status) {
  server::Reply reply;
  reply.status = status;
  reply.content_type = "text/html; charset=utf-8";
  reply.text = content.str();
  return reply;
}

server::Reply Redirect(const std::string& path) {
  server::Reply reply;
  reply.status = 303;
  reply.headers.emplace_back("Location", SafeUrl(path) ? path : "/");
  reply.content_type = "text/html; charset=utf-8";
  return reply;
}

server::Reply ErrorPage(const server::Call& call, int status, std::string_view message_id) {
  View view;
  view.Set("message", T(message_id));
  PageOptions options;
  options.status = status;
  return Page(call, "title.error", Render("error", view), options);
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string FormDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() &&
               HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

Form Form::Parse(const httplib::Request& req) {
  Form form;
  if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0) {
    return form;
  }
  std::string_view body = req.body;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t end = body.find('&', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(pos, end - pos);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      std::string name = FormDecode(pair.substr(0, eq));
      std::string value = eq == std::string_view::npos ? "" : FormDecode(pair.substr(eq + 1));
      form.fields_.emplace(std::move(name), std::move(value));
    }
    pos = end + 1;
  }
  return form;
}

std::string Form::Get(const std::string& name) const {
  auto it = fields_.find(name);
  return it == fields_.end() ? "" : it->second;
}

std::vector<std::string> Form::All(const std::string& name) const {
  std::vector<std::string> out;
  auto [begin, end] = fields_.equal_range(name);
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

bool Form::Has(const std::string& name) const { return fields_.count(name) > 0; }

bool IsHtmx(const server::Call& call) {
  return call.req->get_header_value("HX-Request") == "true";
}

// ---------------------------------------------------------------- pages.h

std::string PageCsrfToken(const httplib::Request& req) {
  std::string header = req.get_header_value("X-CSRF-Token");
  if (!header.empty()) return header;
  // A file upload (multipart/form-data, the import page) carries it as a
  // part named "csrf".
  if (req.is_multipart_form_data()) {
    return req.has_file("csrf") ? req.get_file_value("csrf").content : std::string();
  }
  return Form::Parse(req).Get("csrf");
}

namespace {

// A redirection of the whole page to `path`. For htmx, whose fetch would
// follow a 303 on its own and swap the target page into a fragment, an
// empty answer with HX-Redirect, which makes htmx load it as a page.
server::Reply WholePageTo(const server::Call& call, const std::string& path) {
  if (!IsHtmx(call)) return Redirect(path);
  server::Reply reply;
  reply.content_type = "text/html; charset=utf-8";
  reply.headers.emplace_back("HX-Redirect", path);
  return reply;
}

}  // namespace

server::Reply PageRefusal(const server::Reply& refused, const server::Call& call) {
  if (refused.status == 401) {
    server::Reply reply = WholePageTo(call, "/connexion");
    // An expired session's cookie is cleared as the API does.
    for (const auto& header : refused.headers) reply.headers.push_back(header);
    return reply;
  }
  std::string code;
  if (refused.body.contains("error") && refused.body["error"].contains("code")) {
    code = refused.body["error"]["code"].get<std::string>();
  }
  // A temporary password: every page leads to « Mon compte », which says
  // why (page_account.cc).
  if (code == "password_change_required") return WholePageTo(call, "/compte");
  const char* id = code == "bad_csrf"    ? "error.csrf"
                   : code == "bad_origin" ? "error.origin"
                   : code == "not_found"  ? "error.not_found"
                   : refused.status == 403 && call.account && call.account->agency.empty() &&
                           server::NeedsAgency(call.role)
                       ? "error.no_agency"
                   : refused.status == 403 ? "error.forbidden"
                   : refused.status >= 500 ? "error.store"
                                           : "error.bad_request";
  server::Reply reply = ErrorPage(call, refused.status, id);
  for (const auto& header : refused.headers) reply.headers.push_back(header);
  return reply;
}

server::Reply PageNotFound() {
  server::Call nobody;
  return ErrorPage(nobody, 404, "error.not_found");
}

server::Reply PageTooLarge(size_t max_body) {
  server::Call nobody;
  View view;
  view.Set("message", T("error.too_large", {FormatSize(max_body)}));
  PageOptions options;
  options.status = 413;
  return Page(nobody, "title.too_large", Render("error", view), options);
}

void FieldErrors::Error(const std::string& field, const std::string& message) {
  if (errors.count(field)) return;
  errors[field] = message;
  error_list.emplace_back("#" + field, message);
}

std::string FieldErrors::Of(const std::string& field) const {
  auto it = errors.find(field);
  return it == errors.end() ? std::string() : it->second;
}

List FieldErrors::Summary() const {
  List items;
  for (const auto& [anchor, message] : error_list) {
    View item;
    item.Set("anchor", anchor).Set("message", message);
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<LanguageRow> LanguagesFromForm(const Form& form, size_t max_rows) {
  const auto codes = form.All("langue_code");
  const auto levels = form.All("langue_niveau");
  std::vector<LanguageRow> rows;
  for (size_t i = 0; i < codes.size() && i < max_rows; ++i) {
    rows.push_back({Trim(codes[i]), i < levels.size() ? levels[i] : "3"});
  }
  return rows;
}

List LanguageRowsView(const std::vector<LanguageRow>& rows, const FieldErrors& errors) {
  constexpr size_t kEmptyRows = 2;  // room to add languages without script
  List out;
  for (size_t i = 0; i < rows.size() + kEmptyRows; ++i) {
    const std::string field = "f-langue-" + std::to_string(i + 1);
    const LanguageRow row = i < rows.size() ? rows[i] : LanguageRow{};
    View v;
    v.Set("field", field).Set("label", T("form.language", {std::to_string(i + 1)}))
        .Set("code", row.code).Set("error", errors.Of(field + "-code"))
        .Set("levels", LevelOptions("cefr.", 1, 6, row.level));
    out.push_back(std::move(v));
  }
  return out;
}

List LevelOptions(const std::string& prefix, int low, int high, const std::string& selected) {
  List out;
  for (int level = low; level <= high; ++level) {
    View option;
    option.Set("value", std::to_string(level))
        .Set("text", T(prefix + std::to_string(level)))
        .Set("selected", std::to_string(level) == selected);
    out.push_back(std::move(option));
  }
  return out;
}

List EducationOptions(const std::string& none_id, const std::string& selected) {
  List out;
  View none;
  none.Set("value", "").Set("text", T(none_id)).Set("selected", selected.empty());
  out.push_back(std::move(none));
  for (View& option : LevelOptions("education.", 0, 8, selected)) out.push_back(std::move(option));
  return out;
}

std::string ReadDay(const std::string& text) {
  if (engine::Date::Parse(text)) return text;
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    const std::string iso = text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
    if (engine::Date::Parse(iso)) return iso;
  }
  return "";
}

std::string Trim(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::optional<server::Reply> LoadScopedProfile(server::Call& call, engine::Profile* profile) {
  const std::string& id = call.params[0];
  if (auto out = server::InScope(call, engine::AgencyRecord::kProfile, id)) {
    return PageRefusal(*out, call);
  }
  Result<engine::Profile> read = call.store->GetProfile(id);
  if (!read.ok()) return ErrorPage(call, 503, "error.store");
  *profile = std::move(*read);
  return std::nullopt;
}

}  // namespace skillmatch::pages
