// What a page handler uses (the handler author's kit): the templates, the
// catalogue, the page frame (layout with navigation per role), forms,
// redirections and htmx fragments. A handler is thin, as the API's: read
// the form, check the scope, call the store and engine/match, fill a View,
// render a template, return Page(...) or Fragment(...).
//
//   server::Reply MyScreen(const server::Services& s, server::Call& call) {
//     View view;
//     view.Set("title", record.title);              // escaped when rendered
//     return Page(call, "my.title", Render("my_screen", view));
//   }
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "html.h"
#include "messages.h"
#include "routes.h"
#include "skillmatch/model/date.h"
#include "skillmatch/model/model.h"

namespace skillmatch::pages {

// The catalogue of the pages (French today).
const Catalogue& Messages();
// Shorthands: the message, and the message with {0}.. filled.
const std::string& T(std::string_view id);
std::string T(std::string_view id, const std::vector<std::string>& args);
// Plural forms (Catalogue::Plural): "<id>.one" for 0 and 1 in French, `id`
// otherwise. TN("offers.summary", n, {FormatInteger(n)}).
std::string TN(std::string_view id, int64_t count, const std::vector<std::string>& args);

// Renders the template `name` of templates.cc. Every template is compiled
// once, at first use; a template that does not compile is a programmer
// error caught by PagesTemplates.EveryTemplateCompiles.
Html Render(std::string_view name, const View& view);
// Every template name and its compilation (tests).
std::vector<std::string> TemplateNames();
Status CompileAllTemplates();

// Options of a whole page.
struct PageOptions {
  int status = 200;
  // Which navigation entry is current (aria-current), e.g. "accueil".
  std::string nav;
  // A message shown once at the top (role="status"), e.g. after a save.
  std::string notice;
  // The page is a printable sheet: the print stylesheet hides navigation.
  bool print = false;
};

// A whole page: the layout (header, navigation for the caller's role,
// sign-out form, the session's CSRF token for htmx) around `content`, with
// the title "<title> · skillmatch". Content type text/html; the server's
// default Cache-Control: no-store applies to every page.
server::Reply Page(const server::Call& call, std::string_view title_id,
                   const Html& content, const PageOptions& options = {});
// The same with a title already made (it holds a record id, say).
server::Reply PageTitled(const server::Call& call, const std::string& title,
                         const Html& content, const PageOptions& options = {});
// A fragment for htmx (no layout).
server::Reply Fragment(const Html& content, int status = 200);
// 303 See Other to a path of this site (Post/Redirect/Get).
server::Reply Redirect(const std::string& path);
// An error page ("error.*" message ids) with its status.
server::Reply ErrorPage(const server::Call& call, int status, std::string_view message_id);

// A form body (application/x-www-form-urlencoded), fields in order; a
// field may repeat (checkboxes). Bodies of other types give no fields.
class Form {
 public:
  static Form Parse(const httplib::Request& req);
  // The first value of `name`, or "".
  std::string Get(const std::string& name) const;
  std::vector<std::string> All(const std::string& name) const;
  bool Has(const std::string& name) const;

 private:
  std::multimap<std::string, std::string> fields_;
};

// The refused fields of a form: field id -> its message (the first one
// given), and the list in the form's order, for the summary at the top
// whose links lead to each field. A form's struct derives from it.
struct FieldErrors {
  std::map<std::string, std::string> errors;
  std::vector<std::pair<std::string, std::string>> error_list;  // ("#id", message)
  void Error(const std::string& field, const std::string& message);
  // The message of `field`, "" when it was not refused.
  std::string Of(const std::string& field) const;
  // The summary's items: each with its "anchor" and "message".
  List Summary() const;
};

// The call's day (UTC) on the server's clock (Call::now).
inline engine::Date Today(const server::Call& call) {
  return engine::Date::FromDaysSinceEpoch(static_cast<int32_t>(call.now / 86400));
}
// A day typed as jj/mm/aaaa (the forms' format, French) or YYYY-MM-DD, as
// YYYY-MM-DD; "" when it is neither. Forms use a text field, not
// type="date": the browser's date picker shows the format of the system's
// locale (mm/dd/yyyy on an English system), which no help text could
// describe.
std::string ReadDay(const std::string& text);
// A typed value without the spaces, tabs and line ends around it.
std::string Trim(const std::string& text);
// ASCII upper case (codes typed in lower case: "m1201", "sn").
std::string Upper(std::string text);

// The jobseeker named by the route's first parameter, if the caller's
// scope holds him: the refusal page otherwise (404 for another agency's, as
// for a missing one), 503 when the store fails.
std::optional<server::Reply> LoadScopedProfile(server::Call& call, engine::Profile* profile);

// Pieces shared by the jobseeker's and the offer's forms.
// A language row: its code as typed and its CEFR level (1 = A1 .. 6 = C2;
// "3", B1, when the form gave none).
struct LanguageRow {
  std::string code, level = "3";
};
// The form's `langue_code` / `langue_niveau` pairs, at most `max_rows`.
std::vector<LanguageRow> LanguagesFromForm(const Form& form, size_t max_rows);
// The language rows of a form: those given, then two empty ones; each row
// `f-langue-<n>` with its label, code, error (field `f-langue-<n>-code` of
// `errors`) and CEFR level select.
List LanguageRowsView(const std::vector<LanguageRow>& rows, const FieldErrors& errors);
// The options of a level select: `prefix` + n (a catalogue id) for n from
// `low` to `high`, `selected` marked.
List LevelOptions(const std::string& prefix, int low, int high, const std::string& selected);
// The education select (ISCED 0 to 8), first the option "" worded by
// catalogue id `none_id`.
List EducationOptions(const std::string& none_id, const std::string& selected);

// Whether the request was made by htmx (HX-Request: true).
bool IsHtmx(const server::Call& call);

// The session's CSRF token for a form's hidden field.
inline const std::string& CsrfOf(const server::Call& call) { return call.session_csrf; }

// Assets compiled into the binary (assets.cc.in): name -> content.
const std::map<std::string_view, std::string_view>& Assets();

}  // namespace skillmatch::pages
