// "Mon compte" (tools/server/pages/page_account.cc) and the API's
// PUT /api/v1/session/password, which share accounts.h's ChangeOwnPassword;
// and the removal of a lost second factor by an administrator
// (page_admin.cc, accounts.h's RemoveSecondFactor). Each rule is tried:
// no current password or a wrong one, no CSRF token, another account named
// in the body, an API token, guessing (the throttle), the passwords never
// shown back nor logged, every other session and token ended, an admin
// removing his own factor.
#include <gtest/gtest.h>

#include <optional>
#include <regex>

#include "accounts.h"
#include "auth.h"
#include "server/pages_fixture.h"
#include "server/qr_decode.h"
#include "support/shell.h"
#include "support/temp_dir.h"

namespace skillmatch::testing {
namespace {

const char kNew[] = "Baobab du fleuve 2026";

class PagesAccount : public PagesFixture {
 protected:
  std::string ChangeBody(const std::string& current, const std::string& password,
                         const std::string& again) {
    return "actuel=" + Encode(current) + "&mot_de_passe=" + Encode(password) +
           "&mot_de_passe_2=" + Encode(again);
  }
  // Whether `login` signs in with `password` through the login form (a
  // sign-in that fails counts for the throttle: the clock moves on after).
  bool SignsIn(const std::string& login, const std::string& password) {
    const bool in = SignIn(login, password).status == 303;
    server.Advance(3600);
    return in;
  }
  // Whether `session` still opens a page (a dead one is sent to the login).
  bool Alive(const Session& session) { return Get(session, "/compte").status == 200; }
  // Gives an account a (sealed) second factor behind the store's back.
  void PlantSecondFactor(const std::string& login) {
    SetAccountColumn(login, "totp_secret = 'sealed'");
  }
};

TEST_F(PagesAccount, EveryoneSeesHisOwnAccountAndNoOneElses) {
  for (const char* login : {"admin", "supervisor", "counsellor", "employer_relations",
                            "statistician", "auditor"}) {
    Session session = SignIn(login);
    ASSERT_EQ(session.status, 303) << login;
    // The header's account name leads to the page.
    Answer home = Get(session, "/accueil");
    EXPECT_NE(home.body.find("<a class=\"compte\" href=\"/compte\" aria-label=\"Mon compte : " +
                             std::string(login)),
              std::string::npos)
        << login;
    // A query naming another account changes nothing.
    Answer page = Get(session, "/compte?login=thies&id=1");
    ASSERT_EQ(page.status, 200) << login;
    EXPECT_NE(page.body.find("<dd>" + std::string(login) + "</dd>"), std::string::npos);
    EXPECT_EQ(page.body.find("<dd>thies</dd>"), std::string::npos);
    EXPECT_NE(page.body.find("autocomplete=\"current-password\""), std::string::npos);
    EXPECT_EQ(page.body.find("$argon2"), std::string::npos) << "no hash on the page";
  }
  Answer anonymous = Get(Session{}, "/compte");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.header("Location"), "/connexion");
  Answer post = Post(Session{}, "/compte/mot-de-passe", ChangeBody(kPassword, kNew, kNew), false);
  EXPECT_EQ(post.status, 303);
  EXPECT_TRUE(SignsIn("counsellor", kPassword));
}

TEST_F(PagesAccount, TheChangeNeedsTheCsrfTokenAndTheRightCurrentPassword) {
  Session session = SignIn("counsellor");
  Session other = SignIn("thies");
  const std::string id = std::to_string(AccountOf("counsellor").id);
  // Without the token, with another session's: 403, nothing changed.
  EXPECT_EQ(Post(session, "/compte/mot-de-passe", ChangeBody(kPassword, kNew, kNew), false).status,
            403);
  EXPECT_EQ(Post(session, "/compte/mot-de-passe",
                 ChangeBody(kPassword, kNew, kNew) + "&csrf=" + other.csrf, false)
                .status,
            403);
  // A wrong current password, or none: refused beside its field, audited.
  for (const std::string& current : {std::string("pas le bon mot de passe"), std::string()}) {
    Answer wrong = Post(session, "/compte/mot-de-passe", ChangeBody(current, kNew, kNew));
    EXPECT_EQ(wrong.status, 422);
    EXPECT_NE(wrong.body.find("<span id=\"m-actuel-err\" class=\"erreur-champ\">Le mot de passe "
                              "actuel est incorrect.</span>"),
              std::string::npos);
    EXPECT_NE(wrong.body.find("aria-invalid=\"true\""), std::string::npos);
    EXPECT_EQ(wrong.body.find(kNew), std::string::npos) << "a password shown back";
    EXPECT_EQ(wrong.body.find("pas le bon"), std::string::npos);
  }
  EXPECT_EQ(AuditCount("account.password.failure", id), 2);  // under the throttle's 3
  // The new password refused by the policy, each beside its field.
  const std::vector<std::pair<std::string, std::string>> refused = {
      {ChangeBody(kPassword, kNew, "Baobab du fleuve 2027"), "Les deux mots de passe diffèrent."},
      {ChangeBody(kPassword, "court", "court"),
       "Le mot de passe doit compter au moins 10 caractères."},
      {ChangeBody(kPassword, "counsellor-2026!", "counsellor-2026!"),
       "Le mot de passe ne doit pas contenir l'identifiant."},
      {ChangeBody(kPassword, kPassword, kPassword),
       "Le nouveau mot de passe doit être différent de l'actuel."},
  };
  for (const auto& [body, message] : refused) {
    Answer answer = Post(session, "/compte/mot-de-passe", body);
    EXPECT_EQ(answer.status, 422) << message;
    EXPECT_NE(answer.body.find("<span id=\"a-mdp-err\" class=\"erreur-champ\">" + message),
              std::string::npos)
        << message;
    EXPECT_EQ(answer.body.find("Baobab"), std::string::npos);
  }
  // Another account named in the body is not changed: the route has none.
  Answer mine = Post(session, "/compte/mot-de-passe",
                     "login=thies&id=" + std::to_string(AccountOf("thies").id) + "&" +
                         ChangeBody(kPassword, kNew, kNew));
  EXPECT_EQ(mine.status, 303);
  EXPECT_TRUE(SignsIn("thies", kPassword));
  EXPECT_TRUE(SignsIn("counsellor", kNew));
  EXPECT_FALSE(SignsIn("counsellor", kPassword));
  // The passwords are in no log line and no audit entry.
  server.Stop();
  const std::string log = server.Log();
  EXPECT_EQ(log.find("Baobab"), std::string::npos);
  EXPECT_EQ(log.find("correct horse"), std::string::npos);
  auto store = server.OpenStore();
  EXPECT_TRUE(store->ForEachAudit([&](engine::AuditEntry&& e) {
                     EXPECT_EQ(e.record.find("Baobab"), std::string::npos) << e.action;
                     return Status::Ok();
                   }).ok());
}

TEST_F(PagesAccount, AChangeEndsEveryOtherSessionAndTokenAndKeepsThisBrowser) {
  Session here = SignIn("counsellor");
  Session elsewhere = SignIn("counsellor");
  Session colleague = SignIn("thies");
  const engine::Account account = AccountOf("counsellor");
  const std::string token = server::RandomToken();
  {
    auto store = server.OpenStore();
    ASSERT_TRUE(store->AddApiToken(server::Sha256Hex(token), account.id, "test").ok());
  }
  const httplib::Headers bearer = {{"Authorization", "Bearer " + token}};
  ASSERT_EQ(server.Send("GET", "/api/v1/session", bearer).status, 200);

  Answer done = Post(here, "/compte/mot-de-passe", ChangeBody(kPassword, kNew, kNew));
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.header("Location"), "/compte?fait=password");
  const std::string set_cookie = done.header("Set-Cookie");
  ASSERT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  Session renewed;
  renewed.cookie = set_cookie.substr(0, set_cookie.find(';'));
  ASSERT_NE(renewed.cookie, here.cookie);
  // This browser, with its new cookie, stays signed in; every other session
  // and the API token of the account end; a colleague's do not.
  Answer page = Get(renewed, "/compte?fait=password");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Mot de passe changé. Vos autres sessions et vos jetons d'API sont "
                           "fermés."),
            std::string::npos);
  renewed.csrf = CsrfOf(page.body);
  EXPECT_NE(renewed.csrf, here.csrf);
  EXPECT_FALSE(Alive(here));
  EXPECT_FALSE(Alive(elsewhere));
  EXPECT_TRUE(Alive(colleague));
  EXPECT_EQ(server.Send("GET", "/api/v1/session", bearer).status, 401);
  // The old token of this browser is dead, the new one works.
  EXPECT_EQ(Post(renewed, "/compte/mot-de-passe", ChangeBody(kNew, kNew, kNew), true).status, 422);
  ASSERT_EQ(AuditEntries("account.password.self").size(), 1u);
  EXPECT_EQ(AuditEntries("account.password.self")[0].record, std::to_string(account.id));
  EXPECT_EQ(AuditEntries("account.password.self")[0].actor, std::to_string(account.id));
  EXPECT_FALSE(SignsIn("counsellor", kPassword));
  EXPECT_TRUE(SignsIn("counsellor", kNew));
}

TEST_F(PagesAccount, GuessingTheCurrentPasswordIsThrottledLikeALogin) {
  Session session = SignIn("counsellor");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Post(session, "/compte/mot-de-passe", ChangeBody("essai " + std::to_string(i), kNew,
                                                                kNew))
                  .status,
              422);
  }
  // After three, the person must wait: even the right password is not
  // checked until the delay is over.
  Answer held = Post(session, "/compte/mot-de-passe", ChangeBody(kPassword, kNew, kNew));
  EXPECT_EQ(held.status, 429);
  EXPECT_FALSE(held.header("Retry-After").empty());
  EXPECT_NE(held.body.find("Trop d'essais manqués. Réessayez dans"), std::string::npos);
  EXPECT_GE(AuditEntries("account.password.throttled").size(), 1u);
  EXPECT_EQ(AuditEntries("account.password.self").size(), 0u);
  // The login form is held for the account as well.
  EXPECT_EQ(SignIn("counsellor", kPassword).status, 429);
  server.Advance(3600);
  session = SignIn("counsellor");
  EXPECT_EQ(Post(session, "/compte/mot-de-passe", ChangeBody(kPassword, kNew, kNew)).status, 303);
}

TEST_F(PagesAccount, TheApiChangesTheSessionsPasswordButNotAToken) {
  Session session = server.Login("employer_relations");
  ASSERT_EQ(session.status, 200);
  const engine::Account account = AccountOf("employer_relations");
  // Wrong current password, then missing fields: 422 with the field.
  Answer wrong = server.As(session, "PUT", "/api/v1/session/password",
                           nlohmann::json{{"current", "faux"}, {"password", kNew}}.dump());
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["error"]["code"], "current_wrong");
  EXPECT_EQ(wrong.json()["error"]["field"], "current");
  Answer missing = server.As(session, "PUT", "/api/v1/session/password",
                             nlohmann::json{{"current", kPassword}}.dump());
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json()["error"]["field"], "password");
  // Without the CSRF header: 403.
  httplib::Headers no_csrf = server.SameOrigin();
  no_csrf.emplace("Cookie", session.cookie);
  EXPECT_EQ(server.Send("PUT", "/api/v1/session/password", no_csrf,
                        nlohmann::json{{"current", kPassword}, {"password", kNew}}.dump())
                .status,
            403);
  // An API token cannot change the password (a leaked integration token
  // must not become the account's password).
  const std::string token = server::RandomToken();
  {
    auto store = server.OpenStore();
    ASSERT_TRUE(store->AddApiToken(server::Sha256Hex(token), account.id, "test").ok());
  }
  Answer by_token =
      server.Send("PUT", "/api/v1/session/password", {{"Authorization", "Bearer " + token}},
                  nlohmann::json{{"current", kPassword}, {"password", kNew}}.dump());
  EXPECT_EQ(by_token.status, 403);
  EXPECT_EQ(by_token.json()["error"]["code"], "session_required");
  // Done: a new session in the answer, the old one ended.
  Answer done = server.As(session, "PUT", "/api/v1/session/password",
                          nlohmann::json{{"current", kPassword}, {"password", kNew}}.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["account"]["login"], "employer_relations");
  Session renewed;
  renewed.cookie = done.header("Set-Cookie").substr(0, done.header("Set-Cookie").find(';'));
  renewed.csrf = done.json()["csrf"];
  EXPECT_NE(renewed.csrf, session.csrf);
  EXPECT_EQ(server.As(session, "GET", "/api/v1/session").status, 401);
  EXPECT_EQ(server.As(renewed, "GET", "/api/v1/session").status, 200);
  EXPECT_EQ(server.Send("GET", "/api/v1/session", {{"Authorization", "Bearer " + token}}).status,
            401);
  EXPECT_EQ(server.Login("employer_relations", kNew).status, 200);
}

TEST_F(PagesAccount, AnAdminRemovesAnothersLostSecondFactorNeverHisOwn) {
  Session admin = SignIn("admin");
  Session supervisor = SignIn("supervisor");
  ASSERT_EQ(supervisor.status, 303);
  const engine::Account target = AccountOf("supervisor");
  const std::string path = "/administration/comptes/" + std::to_string(target.id);
  // No factor: nothing to remove, no button.
  EXPECT_EQ(Get(admin, path).body.find("Retirer la double authentification"), std::string::npos);
  Answer none = Post(admin, path + "/double-facteur", "");
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("Ce compte n'a pas de double authentification."), std::string::npos);

  PlantSecondFactor("supervisor");
  ASSERT_TRUE(Alive(supervisor));
  // Not without the token, not by a supervisor for himself (403: accounts).
  EXPECT_EQ(Post(admin, path + "/double-facteur", "", false).status, 403);
  EXPECT_EQ(Post(supervisor, path + "/double-facteur", "").status, 403);
  EXPECT_FALSE(AccountOf("supervisor").totp_secret.empty());
  EXPECT_NE(Get(admin, path).body.find("Retirer la double authentification"), std::string::npos);
  Answer removed = Post(admin, path + "/double-facteur", "");
  ASSERT_EQ(removed.status, 303);
  EXPECT_EQ(removed.header("Location"), path + "?fait=totp");
  EXPECT_TRUE(AccountOf("supervisor").totp_secret.empty());
  EXPECT_FALSE(Alive(supervisor)) << "the account's sessions end";
  EXPECT_EQ(AuditCount("account.totp.disable", std::to_string(target.id)), 1);
  EXPECT_NE(Get(admin, path + "?fait=totp").body.find("Double authentification retirée"),
            std::string::npos);

  // His own: no button, and the route refuses (a stolen admin session must
  // not drop the factor that guards the next login).
  PlantSecondFactor("admin");  // leaves the admin's session open
  const std::string own = "/administration/comptes/" + std::to_string(AccountOf("admin").id);
  Answer page = Get(admin, own);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("Retirer la double authentification"), std::string::npos);
  Answer self = Post(admin, own + "/double-facteur", "");
  EXPECT_EQ(self.status, 422);
  EXPECT_NE(self.body.find("Vous ne pouvez pas retirer votre propre double authentification."),
            std::string::npos);
  EXPECT_FALSE(AccountOf("admin").totp_secret.empty());
  EXPECT_EQ(AuditEntries("account.totp.disable").size(), 1u);
}

// The command line's `users totp disable` shares RemoveSecondFactor: an
// account without one is said so, and an enrolled one loses it, audited.
TEST_F(PagesAccount, TheCommandLineRemovesASecondFactorWithTheSameRule) {
  TempDir scratch;
  Outcome none = Shell(std::string(SKILLMATCH_BINARY) + " users totp disable --db " +
                           server.db() + " --login supervisor",
                       scratch);
  EXPECT_EQ(none.code, 0) << none.err;
  EXPECT_NE(none.err.find("'supervisor' has no second factor: nothing to do"), std::string::npos)
      << none.err;
  PlantSecondFactor("supervisor");
  Outcome off = Shell(std::string(SKILLMATCH_BINARY) + " users totp disable --db " +
                          server.db() + " --login supervisor",
                      scratch);
  EXPECT_EQ(off.code, 0) << off.err;
  EXPECT_TRUE(AccountOf("supervisor").totp_secret.empty());
  ASSERT_EQ(AuditEntries("account.totp.disable").size(), 1u);
  EXPECT_EQ(AuditEntries("account.totp.disable")[0].actor, "cli");
}

// ---------------------------------------------------------------- Own second factor

// The enrolment page's key and pending text, and the code an independent
// authenticator (oathtool) gives for that key at `unix_time`.
struct Enrolment {
  std::string base32, pending;
};
Enrolment EnrolmentOf(const std::string& page) {
  Enrolment e;
  static const std::regex key("secret=([A-Z2-7]+)&amp;");
  static const std::regex pending("name=\"en_attente\" value=\"([0-9a-f]+)\"");
  std::smatch match;
  if (std::regex_search(page, match, key)) e.base32 = match[1];
  if (std::regex_search(page, match, pending)) e.pending = match[1];
  return e;
}
std::string OathCode(const std::string& base32, int64_t unix_time) {
  TempDir scratch;
  Outcome code = Shell("oathtool --totp -b " + base32 + " -N @" + std::to_string(unix_time),
                       scratch);
  EXPECT_EQ(code.code, 0) << code.err;
  return code.out.substr(0, 6);
}

TEST_F(PagesAccount, ASupervisorEnrolsHisOwnSecondFactorWithAnAuthenticator) {
  int64_t now = 1'800'000'000;
  Session session = SignIn("supervisor");
  Session other = SignIn("supervisor");
  Answer page = Get(session, "/compte");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("action=\"/compte/double-facteur#h-moi-2fa\""), std::string::npos);
  // A wrong password: refused beside the field, audited, nothing started.
  Answer wrong = Post(session, "/compte/double-facteur", "actuel=nope");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("id=\"t-actuel-err\""), std::string::npos);
  EXPECT_EQ(EnrolmentOf(wrong.body).pending, "");
  const std::string id = std::to_string(AccountOf("supervisor").id);
  EXPECT_EQ(AuditCount("account.password.failure", id), 1);
  // The right one: the QR code, the key grouped, and the URI; nothing
  // stored yet. The QR code, as zbar reads it, is the URI shown.
  Answer start = Post(session, "/compte/double-facteur", "actuel=" + Encode(kPassword));
  ASSERT_EQ(start.status, 200);
  const Enrolment e = EnrolmentOf(start.body);
  ASSERT_EQ(e.base32.size(), 32u) << start.body;
  const size_t qr = start.body.find("<div class=\"qr\" id=\"t-qr\"><svg ");
  ASSERT_NE(qr, std::string::npos);
  const std::string svg = start.body.substr(qr, start.body.find("</svg>", qr) - qr);
  EXPECT_NE(svg.find("role=\"img\" aria-label=\"Code QR de la clé"), std::string::npos);
  std::optional<testing::QrBitmap> symbol = testing::BitmapOfSvg(svg);
  ASSERT_TRUE(symbol.has_value()) << svg;
  EXPECT_EQ(testing::ZbarRead(*symbol), "otpauth://totp/skillmatch:supervisor?secret=" +
                                            e.base32 +
                                            "&issuer=skillmatch&algorithm=SHA1&digits=6&period=30\n");
  ASSERT_FALSE(e.pending.empty());
  EXPECT_NE(start.body.find(e.base32.substr(0, 4) + " " + e.base32.substr(4, 4)),
            std::string::npos);
  EXPECT_EQ(start.body.find(e.base32), start.body.find("secret=") + 7) << "the key once in clear";
  EXPECT_TRUE(AccountOf("supervisor").totp_secret.empty());
  EXPECT_EQ(e.pending.find(e.base32), std::string::npos);
  // A wrong code: the same key shown again, still nothing stored.
  const std::string right = OathCode(e.base32, now);
  const std::string bad = right == "000000" ? "111111" : "000000";
  Answer refused = Post(session, "/compte/double-facteur/confirmer",
                        "en_attente=" + e.pending + "&code=" + bad);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("id=\"t-code-err\""), std::string::npos);
  EXPECT_EQ(EnrolmentOf(refused.body).base32, e.base32);
  EXPECT_TRUE(AccountOf("supervisor").totp_secret.empty());
  // The authenticator's code: stored (sealed), audited, sessions renewed.
  Answer done = Post(session, "/compte/double-facteur/confirmer",
                     "en_attente=" + e.pending + "&code=" + right);
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(done.header("Location"), "/compte?fait=totp");
  const engine::Account enrolled = AccountOf("supervisor");
  EXPECT_FALSE(enrolled.totp_secret.empty());
  EXPECT_EQ(enrolled.totp_secret.find(e.base32), std::string::npos);
  EXPECT_EQ(AuditCount("account.totp.enable", id), 1);
  EXPECT_FALSE(Alive(other));
  Session fresh;
  fresh.cookie = done.header("Set-Cookie").substr(0, done.header("Set-Cookie").find(';'));
  EXPECT_TRUE(Alive(fresh));
  EXPECT_NE(Get(fresh, "/compte?fait=totp").body.find("Double authentification activée"),
            std::string::npos);
  // From now on the login needs the code; the one just typed is spent.
  auto login = [&](const std::string& code) {
    std::string body = "login=supervisor&password=" + Encode(kPassword);
    if (!code.empty()) body += "&code=" + code;
    return server.Send("POST", "/connexion", server.SameOrigin(), body,
                       "application/x-www-form-urlencoded");
  };
  EXPECT_NE(login("").status, 303);
  EXPECT_NE(login(right).status, 303) << "a code is used once";
  server.Advance(3600);
  now += 3600;
  EXPECT_EQ(login(OathCode(e.base32, now)).status, 303);
  // Neither the key nor the pending text in the server's log.
  EXPECT_EQ(server.Log().find(e.base32), std::string::npos);
  EXPECT_EQ(server.Log().find(e.pending.substr(0, 24)), std::string::npos);
  // Enrolled: the start form is gone and a second start is refused.
  Session again = SignIn("supervisor");
  EXPECT_NE(again.status, 303);
}

TEST_F(PagesAccount, TheEnrolmentCannotBeForgedExpiredOrTakenByAnotherAccount) {
  const int64_t now = 1'800'000'000;
  Session admin = SignIn("admin");
  Session supervisor = SignIn("supervisor");
  Answer started = Post(admin, "/compte/double-facteur", "actuel=" + Encode(kPassword));
  ASSERT_EQ(started.status, 200);
  const Enrolment e = EnrolmentOf(started.body);
  ASSERT_FALSE(e.pending.empty());
  const std::string code = OathCode(e.base32, now);
  // The admin's enrolment sent by another account's session: refused.
  Answer stolen = Post(supervisor, "/compte/double-facteur/confirmer",
                       "en_attente=" + e.pending + "&code=" + code);
  EXPECT_EQ(stolen.status, 422);
  EXPECT_TRUE(AccountOf("supervisor").totp_secret.empty());
  EXPECT_TRUE(AccountOf("admin").totp_secret.empty());
  // Altered: one hex digit changed.
  std::string altered = e.pending;
  altered[40] = altered[40] == 'a' ? 'b' : 'a';
  Answer forged = Post(admin, "/compte/double-facteur/confirmer",
                       "en_attente=" + altered + "&code=" + code);
  EXPECT_EQ(forged.status, 422);
  EXPECT_NE(forged.body.find("n'a pas pu être vérifiée"), std::string::npos);
  EXPECT_EQ(Post(admin, "/compte/double-facteur/confirmer", "en_attente=zz&code=" + code).status,
            422);
  // No CSRF token: refused before anything.
  EXPECT_EQ(Post(admin, "/compte/double-facteur/confirmer",
                 "en_attente=" + e.pending + "&code=" + code, false)
                .status,
            403);
  // Ten minutes later: expired, even with a right code of that time.
  server.Advance(601);
  Session admin_later = SignIn("admin");
  Answer late = Post(admin_later, "/compte/double-facteur/confirmer",
                     "en_attente=" + e.pending + "&code=" + OathCode(e.base32, now + 601));
  EXPECT_EQ(late.status, 422);
  EXPECT_NE(late.body.find("a expiré"), std::string::npos);
  EXPECT_TRUE(AccountOf("admin").totp_secret.empty());
  // Roles without a second factor never get the form.
  Session counsellor = SignIn("counsellor");
  EXPECT_EQ(Get(counsellor, "/compte").body.find("/compte/double-facteur"), std::string::npos);
  EXPECT_EQ(Post(counsellor, "/compte/double-facteur", "actuel=" + Encode(kPassword)).status,
            400);
  EXPECT_TRUE(AccountOf("counsellor").totp_secret.empty());
  // An account that has one: no second enrolment over it.
  PlantSecondFactor("employer_relations");
  PlantSecondFactor("supervisor");
  Answer twice = Post(supervisor, "/compte/double-facteur", "actuel=" + Encode(kPassword));
  EXPECT_NE(twice.status, 200);
  EXPECT_EQ(EnrolmentOf(twice.body).pending, "");
}

}  // namespace
}  // namespace skillmatch::testing
