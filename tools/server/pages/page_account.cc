// "Mon compte": every signed-in person sees his account (login, role,
// agency, region, second factor) and changes his own password there, giving
// the current one. The rules are accounts.h's ChangeOwnPassword, shared
// with the API's PUT /api/v1/session/password: throttled like the login,
// audited (account.password.self, account.password.failure), every other
// session and API token of the account ended, this browser given a new
// session. No id in the path: a person reaches his own account only.
// An account whose password an administrator set (temporary) is sent here
// from every other page until it has chosen its own (server.cc).
#include "accounts.h"
#include "handlers.h"
#include "pages.h"

namespace skillmatch::pages {

namespace {

// The input a refusal of AccountRefusal::field is shown beside.
const char* InputOf(const std::string& field) {
  return field == "password" ? "a-mdp" : "m-actuel";
}

Reply AccountSelfPage(Call& call, const FieldErrors& errors, int status,
                      const std::string& notice) {
  const engine::Account& account = *call.account;
  View view;
  view.Set("csrf", call.session_csrf)
      .Set("login", account.login)
      .Set("role", T("role." + account.role))
      .Set("agency", account.agency.empty() ? T("admin.none") : account.agency)
      .Set("region", account.role == "supervisor" && !account.region.empty() ? account.region
                                                                            : T("admin.none"))
      .Set("totp", account.totp_secret.empty() ? T("admin.no") : T("admin.yes"))
      .Set("temporary", account.password_change_required);
  if (std::string e = errors.Of("m-actuel"); !e.empty()) view.Set("current_error", e);
  View password;
  password.Set("own", true);
  if (std::string e = errors.Of("a-mdp"); !e.empty()) password.Set("password_error", e);
  view.Set("password_fields", Render("admin_password_fields", password));
  view.Set("errors", errors.Summary());
  PageOptions options;
  options.status = status;
  options.nav = "compte";
  options.notice = notice;
  return Page(call, "title.account", Render("account_self", view), options);
}

}  // namespace

Reply AccountView(const Services&, Call& call) {
  const bool done = call.req->has_param("fait") && call.req->get_param_value("fait") == "password";
  return AccountSelfPage(call, {}, 200, done ? T("account.done.password") : "");
}

Reply AccountPasswordSubmit(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  Result<server::OwnPasswordChange> change = server::ChangeOwnPassword(
      s, call, form.Get("actuel"), form.Get("mot_de_passe"), form.Get("mot_de_passe_2"));
  if (!change.ok()) return ErrorPage(call, 503, "error.store");
  FieldErrors errors;
  if (change->retry_after > 0) {
    const std::string wait = std::to_string(change->retry_after);
    errors.Error("m-actuel", TN("login.throttled", change->retry_after, {wait}));
    Reply reply = AccountSelfPage(call, errors, 429, "");
    reply.headers.emplace_back("Retry-After", wait);
    return reply;
  }
  if (change->refusal) {
    errors.Error(InputOf(change->refusal->field), T("admin.error." + change->refusal->code));
    return AccountSelfPage(call, errors, 422, "");
  }
  Reply reply = Redirect("/compte?fait=password");
  reply.headers.emplace_back("Set-Cookie", change->session->set_cookie);
  return reply;
}

}  // namespace skillmatch::pages
