// "Mon compte": every signed-in person sees his account (login, role,
// agency, region, second factor) and changes his own password there, giving
// the current one. The rules are accounts.h's ChangeOwnPassword, shared
// with the API's PUT /api/v1/session/password: throttled like the login,
// audited (account.password.self, account.password.failure), every other
// session and API token of the account ended, this browser given a new
// session. No id in the path: a person reaches his own account only.
// An account whose password an administrator set (temporary) is sent here
// from every other page until it has chosen its own (server.cc).
// Admins and supervisors without a second factor enrol one here (accounts.h
// StartOwnTotp, ConfirmOwnTotp): the current password, then the secret
// shown once (a QR code, the key grouped for typing, its otpauth URI), then
// a code of the authenticator app to prove it holds it.
#include "accounts.h"
#include "handlers.h"
#include "pages.h"
#include "qr.h"
#include "totp.h"

namespace skillmatch::pages {

namespace {

// The input a refusal of AccountRefusal::field is shown beside.
const char* InputOf(const std::string& field) {
  return field == "password" ? "a-mdp" : "m-actuel";
}

// The enrolment under way: the secret to show and the sealed pending text
// the confirmation sends back.
struct TotpStep {
  std::string secret;
  std::string pending;
};

// The secret in base32, in groups of four for typing by hand.
std::string GroupedKey(const std::string& secret) {
  const std::string b32 = server::Base32(secret);
  std::string out;
  for (size_t i = 0; i < b32.size(); i += 4) {
    if (i > 0) out += ' ';
    out.append(b32, i, 4);
  }
  return out;
}

Reply AccountSelfPage(Call& call, const FieldErrors& errors, int status,
                      const std::string& notice, const TotpStep* totp = nullptr) {
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
  // The second factor's section: admins and supervisors.
  if (account.role == "admin" || account.role == "supervisor") {
    view.Set("totp_role", true).Set("totp_on", !account.totp_secret.empty());
    if (totp) {
      const std::string uri = server::OtpAuthUri("skillmatch", account.login, totp->secret);
      // A URI of about a hundred bytes always fits (a symbol holds 2,331):
      // no code means a bug, and the key is still there to type.
      if (Result<server::QrCode> qr = server::EncodeQr(uri); qr.ok()) {
        view.Set("totp_qr", Html::Trusted(server::QrSvg(*qr, T("account.totp.qr"))));
      }
      view.Set("totp_pending", true)
          .Set("totp_key", GroupedKey(totp->secret))
          .Set("totp_uri", uri)
          .Set("pending", totp->pending);
      if (std::string e = errors.Of("t-code"); !e.empty()) view.Set("code_error", e);
    } else if (account.totp_secret.empty()) {
      view.Set("totp_start", true);
      if (std::string e = errors.Of("t-actuel"); !e.empty()) view.Set("totp_current_error", e);
    }
  }
  PageOptions options;
  options.status = status;
  options.nav = "compte";
  options.notice = notice;
  return Page(call, "title.account", Render("account_self", view), options);
}

// The login throttle holds (accounts.h): 429, the wait beside the current
// password's field `input` and in Retry-After.
Reply ThrottledPage(Call& call, const std::string& input, int64_t retry_after) {
  const std::string wait = std::to_string(retry_after);
  FieldErrors errors;
  errors.Error(input, TN("login.throttled", retry_after, {wait}));
  Reply reply = AccountSelfPage(call, errors, 429, "");
  reply.headers.emplace_back("Retry-After", wait);
  return reply;
}

}  // namespace

Reply AccountView(const Services&, Call& call) {
  const std::string done = call.req->has_param("fait") ? call.req->get_param_value("fait") : "";
  return AccountSelfPage(call, {}, 200,
                         done == "password" ? T("account.done.password")
                         : done == "totp"   ? T("account.done.totp")
                                            : "");
}

Reply AccountPasswordSubmit(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  Result<server::OwnPasswordChange> change = server::ChangeOwnPassword(
      s, call, form.Get("actuel"), form.Get("mot_de_passe"), form.Get("mot_de_passe_2"));
  if (!change.ok()) return ErrorPage(call, 503, "error.store");
  FieldErrors errors;
  if (change->retry_after > 0) return ThrottledPage(call, "m-actuel", change->retry_after);
  if (change->refusal) {
    errors.Error(InputOf(change->refusal->field), T("admin.error." + change->refusal->code));
    return AccountSelfPage(call, errors, 422, "");
  }
  Reply reply = Redirect("/compte?fait=password");
  reply.headers.emplace_back("Set-Cookie", change->session->set_cookie);
  return reply;
}

Reply AccountTotpStart(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  Result<server::OwnTotpStart> start = server::StartOwnTotp(s, call, form.Get("actuel"));
  if (!start.ok()) return ErrorPage(call, 503, "error.store");
  FieldErrors errors;
  if (start->retry_after > 0) return ThrottledPage(call, "t-actuel", start->retry_after);
  if (start->refusal) {
    // A form these roles are never shown.
    if (start->refusal->code == "totp_role") return ErrorPage(call, 400, "error.bad_request");
    errors.Error("t-actuel", T("admin.error." + start->refusal->code));
    return AccountSelfPage(call, errors, 422, "");
  }
  TotpStep step{start->secret, start->pending};
  return AccountSelfPage(call, errors, 200, "", &step);
}

Reply AccountTotpConfirm(const Services& s, Call& call) {
  Form form = Form::Parse(*call.req);
  const std::string pending = form.Get("en_attente");
  Result<server::OwnTotpConfirm> confirm =
      server::ConfirmOwnTotp(s, call, pending, Trim(form.Get("code")));
  if (!confirm.ok()) return ErrorPage(call, 503, "error.store");
  FieldErrors errors;
  if (confirm->refusal) {
    if (confirm->refusal->code == "totp_role") return ErrorPage(call, 400, "error.bad_request");
    if (confirm->refusal->code == "totp_code") {
      // The same secret again: the app holds it already.
      errors.Error("t-code", T("admin.error.totp_code"));
      TotpStep step{confirm->secret, pending};
      return AccountSelfPage(call, errors, 422, "", &step);
    }
    errors.Error("t-actuel", T("admin.error." + confirm->refusal->code));
    return AccountSelfPage(call, errors, 422, "");
  }
  Reply reply = Redirect("/compte?fait=totp");
  reply.headers.emplace_back("Set-Cookie", confirm->session->set_cookie);
  return reply;
}

}  // namespace skillmatch::pages
