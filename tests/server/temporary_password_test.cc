// Temporary passwords (Account::password_change_required, migration 9): a
// password an administrator sets (a new account, a reset) must be replaced
// by its owner before the account may do anything else. Each rule is tried
// from the outside: every page and every API route with a session, every
// API route with a token, htmx requests, the administrator's box left
// unticked, the command line, and an old store migrated.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "pages/pages.h"
#include "routes.h"
#include "server/pages_fixture.h"
#include "support/shell.h"
#include "support/temp_dir.h"

namespace skillmatch::testing {
namespace {

const char kTemporary[] = "Provisoire du matin 41";
const char kOwn[] = "Fromager de Kaolack 2026";

class TemporaryPassword : public PagesFixture {
 protected:
  // Sets the flag behind the store's back: the sessions already open stay
  // (the store's own writes would end them), so that the check of every
  // request, not only the login, is what is tried.
  void Flag(const std::string& login) {
    SetAccountColumn(login, "password_change_required = 1");
  }
  // A path of `pattern` with its parameter filled.
  std::string PathOf(const std::string& pattern) {
    std::string path = pattern;
    const size_t brace = path.find('{');
    if (brace != std::string::npos) {
      path = path.substr(0, brace) + server.dakar_profile + path.substr(path.find('}') + 1);
    }
    return path;
  }
  // Signs in through the form with a temporary password: the CSRF token
  // comes from « Mon compte », where the login leads.
  Session SignInTemporary(const std::string& login, const std::string& password) {
    Answer answer = server.Send("POST", "/connexion", server.SameOrigin(),
                                "login=" + Encode(login) + "&password=" + Encode(password),
                                "application/x-www-form-urlencoded");
    Session session;
    session.status = answer.status;
    EXPECT_EQ(answer.header("Location"), "/compte");
    const std::string set_cookie = answer.header("Set-Cookie");
    session.cookie = set_cookie.substr(0, set_cookie.find(';'));
    session.csrf = CsrfOf(Get(session, "/compte").body);
    return session;
  }
};

TEST_F(TemporaryPassword, EveryPageButMonCompteLeadsToIt) {
  Session session = SignIn("admin");
  ASSERT_EQ(session.status, 303);
  Flag("admin");
  int closed = 0;
  for (const server::Route& route : pages::PageRoutes()) {
    if (route.capability == server::Capability::kPublic) continue;
    const std::string path = PathOf(route.pattern);
    if (route.before_password_change) continue;  // tried below
    Answer answer = route.method == "GET" ? Get(session, path) : Post(session, path, "");
    EXPECT_EQ(answer.status, 303) << route.method << " " << path;
    EXPECT_EQ(answer.header("Location"), "/compte") << route.method << " " << path;
    EXPECT_EQ(answer.body.find(server.dakar_profile), std::string::npos) << path;
    ++closed;
  }
  EXPECT_GT(closed, 50);
  // htmx swaps fragments: it is told to load « Mon compte » as a page.
  httplib::Headers htmx = {{"HX-Request", "true"}, {"Cookie", session.cookie}};
  Answer fragment = server.Send("GET", "/import/suivi/1/etat", htmx);
  EXPECT_EQ(fragment.header("HX-Redirect"), "/compte");
  EXPECT_EQ(fragment.body, "");
  // « Mon compte » says why; the logout works.
  Answer own = Get(session, "/compte");
  ASSERT_EQ(own.status, 200);
  EXPECT_NE(own.body.find("fixé par un administrateur"), std::string::npos);
  EXPECT_NE(own.body.find("class=\"consigne\" role=\"alert\""), std::string::npos);
  EXPECT_EQ(own.body.find("<li><a href=\"/accueil\""), std::string::npos) << "no menu to pages it cannot open";
  session.csrf = CsrfOf(own.body);
  Answer out = Post(session, "/deconnexion", "");
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.header("Location"), "/connexion");
  EXPECT_EQ(Get(session, "/compte").header("Location"), "/connexion");
}

TEST_F(TemporaryPassword, EveryApiRouteRefusesSessionsAndTokensUntilTheChange) {
  Session session = server.Login("counsellor");
  ASSERT_EQ(session.status, 200);
  const std::string token(64, 'e');
  {
    auto store = server.OpenStore();
    auto account = store->GetAccount("counsellor");
    ASSERT_TRUE(account.ok());
    ASSERT_TRUE(store->AddApiToken(server::Sha256Hex(token), account->id, "test").ok());
  }
  Flag("counsellor");
  httplib::Headers bearer = {{"Authorization", "Bearer " + token}};
  int closed = 0;
  for (const server::Route& route : server::Routes()) {
    if (route.capability == server::Capability::kPublic || route.before_password_change) {
      continue;
    }
    std::string path = route.pattern;
    if (const size_t brace = path.find('{'); brace != std::string::npos) {
      path = path.substr(0, brace) + server.dakar_profile + path.substr(path.find('}') + 1);
    }
    for (bool by_token : {false, true}) {
      Answer answer = by_token ? server.Send(route.method, path, bearer, "{}")
                               : server.As(session, route.method, path, "{}");
      ASSERT_EQ(answer.status, 403) << route.method << " " << path << " token " << by_token;
      EXPECT_EQ(answer.json()["error"]["code"], "password_change_required") << path;
      EXPECT_EQ(answer.body.find(server.dakar_profile), std::string::npos) << path;
      ++closed;
    }
  }
  EXPECT_GT(closed, 40);
  // The session says so, and the change itself is open (a token may not
  // make it: session_required, as for any account).
  Answer who = server.As(session, "GET", "/api/v1/session");
  ASSERT_EQ(who.status, 200);
  EXPECT_EQ(who.json()["account"]["password_change_required"], true);
  const nlohmann::json change = {{"current", kPassword}, {"password", kOwn}};
  Answer by_token = server.Send("PUT", "/api/v1/session/password", bearer, change.dump());
  EXPECT_EQ(by_token.status, 403);
  EXPECT_EQ(by_token.json()["error"]["code"], "session_required");
  Answer changed = server.As(session, "PUT", "/api/v1/session/password", change.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["account"]["password_change_required"], false);
  EXPECT_FALSE(AccountOf("counsellor").password_change_required);
  // The new session (its cookie in the answer) may work again.
  Session after = server.Login("counsellor", kOwn);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(server.As(after, "GET", "/api/v1/jobseekers/" + server.dakar_profile).status, 200);
}

TEST_F(TemporaryPassword, AnAdministratorsResetIsTemporaryUnlessHeSaysOtherwise) {
  Session admin = SignIn("admin");
  const engine::Account counsellor = AccountOf("counsellor");
  const std::string page = "/administration/comptes/" + std::to_string(counsellor.id);
  // The box is ticked on the form.
  Answer form = Get(admin, page);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"temporaire\" type=\"checkbox\" value=\"1\" "
                           "aria-describedby=\"a-provisoire-aide\" checked>"),
            std::string::npos);
  const std::string body = "mot_de_passe=" + Encode(kTemporary) +
                           "&mot_de_passe_2=" + Encode(kTemporary);
  // Left unticked: the password is the person's own from now on.
  Answer plain = Post(admin, page + "/mot-de-passe", body);
  ASSERT_EQ(plain.status, 303);
  EXPECT_EQ(plain.header("Location"), page + "?fait=password");
  EXPECT_FALSE(AccountOf("counsellor").password_change_required);
  EXPECT_EQ(SignIn("counsellor", kTemporary).status, 303);
  // Ticked: the person's next login leads to « Mon compte » and nowhere
  // else, and the administrator's page says so.
  Answer temporary = Post(admin, page + "/mot-de-passe", body + "&temporaire=1");
  ASSERT_EQ(temporary.status, 303);
  EXPECT_EQ(temporary.header("Location"), page + "?fait=password");
  EXPECT_TRUE(AccountOf("counsellor").password_change_required);
  EXPECT_NE(Get(admin, page).body.find("actif, mot de passe provisoire"), std::string::npos);
  Session person = SignInTemporary("counsellor", kTemporary);
  ASSERT_FALSE(person.csrf.empty());
  EXPECT_EQ(Get(person, "/accueil").header("Location"), "/compte");
  // A wrong current password changes nothing; the right one ends it.
  Answer wrong = Post(person, "/compte/mot-de-passe",
                      "actuel=nope&mot_de_passe=" + Encode(kOwn) +
                          "&mot_de_passe_2=" + Encode(kOwn));
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(AccountOf("counsellor").password_change_required);
  Answer done = Post(person, "/compte/mot-de-passe",
                     "actuel=" + Encode(kTemporary) + "&mot_de_passe=" + Encode(kOwn) +
                         "&mot_de_passe_2=" + Encode(kOwn));
  ASSERT_EQ(done.status, 303);
  EXPECT_FALSE(AccountOf("counsellor").password_change_required);
  Session fresh;
  fresh.cookie = done.header("Set-Cookie").substr(0, done.header("Set-Cookie").find(';'));
  EXPECT_EQ(Get(fresh, "/accueil").status, 200);
  // A form sent back with an error keeps the box as it was sent.
  Answer refused = Post(admin, page + "/mot-de-passe", "mot_de_passe=short&mot_de_passe_2=short");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.body.find("aria-describedby=\"a-provisoire-aide\" checked>"),
            std::string::npos);
}

TEST_F(TemporaryPassword, ANewAccountFromThePagesHasATemporaryPasswordByDefault) {
  Session admin = SignIn("admin");
  Answer form = Get(admin, "/administration/comptes/nouveau");
  EXPECT_NE(form.body.find("aria-describedby=\"a-provisoire-aide\" checked>"), std::string::npos);
  const std::string body = "login=fatou&role=counsellor&agence=dakar&mot_de_passe=" +
                           Encode(kTemporary) + "&mot_de_passe_2=" + Encode(kTemporary);
  ASSERT_EQ(Post(admin, "/administration/comptes/nouveau", body + "&temporaire=1").status, 303);
  EXPECT_TRUE(AccountOf("fatou").password_change_required);
  ASSERT_EQ(Post(admin, "/administration/comptes/nouveau",
                 "login=moussa&role=counsellor&agence=dakar&mot_de_passe=" + Encode(kTemporary) +
                     "&mot_de_passe_2=" + Encode(kTemporary))
                .status,
            303);
  EXPECT_FALSE(AccountOf("moussa").password_change_required);
  Session fatou = SignInTemporary("fatou", kTemporary);
  EXPECT_EQ(Get(fatou, "/demandeurs/liste").header("Location"), "/compte");
}

TEST(TemporaryPasswordCli, AddAndPasswdSetTheFlagOnlyWhenAsked) {
  TempDir dir;
  const std::string db = dir.Child("pes.db");
  ASSERT_TRUE(engine::Store::Open(db).ok());
  auto run = [&](const std::string& args) {
    dir.Write("stdin", std::string(kTemporary) + "\n");
    return Shell(std::string(SKILLMATCH_BINARY) + " " + args + " < " + dir.Child("stdin"), dir);
  };
  Outcome add = run("users add --fast-hash --temporary --db " + db +
                    " --login awa --role counsellor --agency dakar");
  ASSERT_EQ(add.code, 0) << add.err;
  EXPECT_EQ(add.err,
            "account 'awa' (counsellor, agency dakar) created; its owner must change the "
            "password at the first login\n");
  Outcome list = run("users list --db " + db + " --format json");
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_EQ(nlohmann::json::parse(list.out)[0]["password_change_required"], true);
  Outcome table = run("users list --db " + db);
  EXPECT_NE(table.out.find("active, password to change"), std::string::npos) << table.out;
  Outcome passwd = run("users passwd --fast-hash --db " + db + " --login awa");
  ASSERT_EQ(passwd.code, 0) << passwd.err;
  EXPECT_EQ(passwd.err, "password of 'awa' changed; its sessions ended\n");
  auto store = engine::Store::Open(db);
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE((*store)->GetAccount("awa")->password_change_required);
  Outcome again = run("users passwd --fast-hash --temporary --db " + db + " --login awa");
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.err,
            "password of 'awa' changed; its sessions ended; its owner must change it at the "
            "next login\n");
  EXPECT_TRUE((*store)->GetAccount("awa")->password_change_required);
}

}  // namespace
}  // namespace skillmatch::testing
