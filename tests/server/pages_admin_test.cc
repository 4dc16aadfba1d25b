// The administration pages (tools/server/pages/page_admin.cc) and the
// regional supervisor's scope through the pages, tried through the running
// server: only admins, CSRF on every change, an admin cannot lock himself
// out nor remove the last admin, a login taken is said next to its field,
// passwords never come back (page, log, audit), every change audited; a
// regional supervisor sees his region's files in every page and nothing of
// another region.
#include <gtest/gtest.h>

#include <regex>

#include "accounts.h"
#include "auth.h"
#include "pages/pages.h"
#include "server/pages_fixture.h"
#include "support/shell.h"

namespace skillmatch::testing {
namespace {

const char kNewPassword[] = "Baobab du fleuve 2026";

class PagesAdmin : public PagesFixture {
 protected:
  std::string PathOf(const std::string& login) {
    return "/administration/comptes/" + std::to_string(AccountOf(login).id);
  }
  std::string NewAccountBody(const std::string& login, const std::string& role,
                             const std::string& agency, const std::string& password,
                             const std::string& again, const std::string& region = "") {
    return "login=" + Encode(login) + "&role=" + role + "&agence=" + Encode(agency) +
           "&region=" + Encode(region) + "&mot_de_passe=" + Encode(password) +
           "&mot_de_passe_2=" + Encode(again);
  }
};

// Every route of the administration, a path for each.
std::vector<std::pair<std::string, std::string>> AdminRoutes(const std::string& admin_id) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const server::Route& route : pages::PageRoutes()) {
    if (!route.pattern.starts_with("/administration")) continue;
    EXPECT_EQ(route.capability, server::Capability::kAccounts) << route.pattern;
    std::string path = route.pattern;
    path = std::regex_replace(path, std::regex("\\{id\\}"), admin_id);
    path = std::regex_replace(path, std::regex("\\{name\\}"), "dakar");
    out.emplace_back(route.method, path);
  }
  return out;
}

TEST_F(PagesAdmin, OnlyAdminsReachTheAdministrationAndEveryChangeNeedsTheCsrfToken) {
  const std::string admin_id = std::to_string(AccountOf("admin").id);
  const auto routes = AdminRoutes(admin_id);
  EXPECT_GE(routes.size(), 13u);
  const engine::Account before = AccountOf("admin");
  int refused = 0;
  for (const char* login : {"supervisor", "counsellor", "employer_relations", "statistician",
                            "auditor"}) {
    Session session = SignIn(login);
    ASSERT_EQ(session.status, 303) << login;
    for (const auto& [method, path] : routes) {
      // The most harmful bodies: make an admin, disable the admin.
      const std::string body = path.ends_with("/etat") ? "actif=0"
                               : path.ends_with("/nouveau")
                                   ? NewAccountBody("intrus", "admin", "", kNewPassword,
                                                    kNewPassword)
                                   : "role=counsellor&agence=dakar&mot_de_passe=" +
                                         Encode(kNewPassword) + "&mot_de_passe_2=" +
                                         Encode(kNewPassword) + "&nom=x1&region=r1";
      Answer answer = method == "GET" ? Get(session, path) : Post(session, path, body);
      EXPECT_EQ(answer.status, 403) << method << " " << path << " as " << login;
      EXPECT_EQ(answer.body.find("intrus"), std::string::npos);
      ++refused;
    }
  }
  EXPECT_EQ(refused, 5 * static_cast<int>(routes.size()));
  // Anonymous: the login page.
  for (const auto& [method, path] : routes) {
    Answer answer = method == "GET" ? Get(Session{}, path) : Post(Session{}, path, "", false);
    EXPECT_EQ(answer.status, 303) << path;
    EXPECT_EQ(answer.header("Location"), "/connexion") << path;
  }
  // The admin without the token, or with another session's: 403, and
  // nothing changed.
  Session admin = SignIn("admin");
  Session other = SignIn("admin");
  ASSERT_NE(admin.csrf, other.csrf);
  const std::string counsellor = PathOf("counsellor");
  for (const auto& [path, body] :
       std::vector<std::pair<std::string, std::string>>{
           {"/administration/comptes/nouveau",
            NewAccountBody("intrus", "admin", "", kNewPassword, kNewPassword)},
           {counsellor + "/role", "role=admin&agence=&region="},
           {counsellor + "/etat", "actif=0"},
           {counsellor + "/mot-de-passe", "mot_de_passe=" + Encode(kNewPassword) +
                                              "&mot_de_passe_2=" + Encode(kNewPassword)},
           {"/administration/agences", "nom=intrus&region=sud"},
           {"/administration/agences/dakar", "region=intrus"}}) {
    EXPECT_EQ(Post(admin, path, body, false).status, 403) << path;
    EXPECT_EQ(Post(admin, path, body + "&csrf=" + std::string(64, '0'), false).status, 403)
        << path;
    EXPECT_EQ(Post(admin, path, body + "&csrf=" + other.csrf, false).status, 403) << path;
  }
  auto store = server.OpenStore();
  EXPECT_FALSE(store->GetAccount("intrus").ok());
  const engine::Account after = AccountOf("counsellor");
  EXPECT_EQ(after.role, "counsellor");
  EXPECT_FALSE(after.disabled);
  EXPECT_EQ(SignIn("counsellor").status, 303);  // same password
  EXPECT_EQ(*store->GetAgencyRegion("intrus"), "");
  EXPECT_EQ(*store->GetAgencyRegion("dakar"), "");
  EXPECT_EQ(AccountOf("admin"), before);
  EXPECT_TRUE(AuditEntries("account.create").empty());
  EXPECT_TRUE(AuditEntries("account.update").empty());
}

TEST_F(PagesAdmin, AnAdminCreatesACounsellorWhoSignsInAndNoPasswordIsEverShown) {
  Session admin = SignIn("admin");
  ASSERT_EQ(admin.status, 303);
  Answer form = Get(admin, "/administration/comptes/nouveau");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<label for=\"a-login\">Identifiant</label>"), std::string::npos);
  EXPECT_NE(form.body.find("autocomplete=\"new-password\""), std::string::npos);

  Answer created = Post(admin, "/administration/comptes/nouveau",
                        NewAccountBody("a.diallo", "counsellor", "dakar", kNewPassword,
                                       kNewPassword));
  ASSERT_EQ(created.status, 303) << created.body;
  const engine::Account account = AccountOf("a.diallo");
  EXPECT_EQ(account.role, "counsellor");
  EXPECT_EQ(account.agency, "dakar");
  EXPECT_EQ(account.password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(created.header("Location"), "/administration/comptes?cree=" + std::to_string(account.id));
  Answer list = Get(admin, created.header("Location"));
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Compte a.diallo créé"), std::string::npos);
  EXPECT_NE(list.body.find(">a.diallo</a>"), std::string::npos);
  EXPECT_NE(list.body.find("<th scope=\"col\">Dernière connexion</th>"), std::string::npos);
  // Audited in the admin's name, the record the new account's id.
  auto entries = AuditEntries("account.create");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].record, std::to_string(account.id));
  EXPECT_EQ(entries[0].actor, std::to_string(AccountOf("admin").id));

  // The new counsellor signs in with the typed password, sees her agency.
  Session fresh = SignIn("a.diallo", kNewPassword);
  ASSERT_EQ(fresh.status, 303);
  Answer home = Get(fresh, "/accueil");
  EXPECT_NE(home.body.find(server.dakar_profile), std::string::npos);
  EXPECT_EQ(home.body.find(server.thies_profile), std::string::npos);
  // Her last login shows in the list (from the audit trail).
  Answer again = Get(admin, "/administration/comptes");
  const size_t row = again.body.find(">a.diallo</a>");
  ASSERT_NE(row, std::string::npos);
  const std::string line = again.body.substr(row, again.body.find("</tr>", row) - row);
  EXPECT_EQ(line.find("jamais"), std::string::npos) << line;
  EXPECT_NE(line.find(" UTC"), std::string::npos) << line;

  // Refusals, each next to its field, the passwords never sent back.
  struct Case {
    std::string body, field, message;
  };
  const std::string weak = "motdepasse";
  for (const Case& c : std::vector<Case>{
           {NewAccountBody("a.diallo", "counsellor", "dakar", kNewPassword, kNewPassword),
            "a-login", "Cet identifiant est déjà pris"},
           {NewAccountBody("Awa Diallo", "counsellor", "dakar", kNewPassword, kNewPassword),
            "a-login", "L'identifiant commence par une lettre minuscule"},
           {NewAccountBody("b.sow", "counsellor", "", kNewPassword, kNewPassword), "a-agence",
            "Ce rôle exige une agence"},
           {NewAccountBody("b.sow", "counsellor", "dakar", kNewPassword, kNewPassword, "ouest"),
            "a-region", "Seuls les superviseurs ont une région"},
           {NewAccountBody("b.sow", "boss", "dakar", kNewPassword, kNewPassword), "a-role",
            "Choisissez un rôle de la liste"},
           {NewAccountBody("b.sow", "counsellor", "dakar", kNewPassword, "Baobab du fleuve 2027"),
            "a-mdp", "Les deux mots de passe diffèrent"},
           {NewAccountBody("b.sow", "counsellor", "dakar", "court", "court"), "a-mdp",
            "au moins 10 caractères"},
           {NewAccountBody("b.sow", "counsellor", "dakar", "b.sow-2026-secret",
                           "b.sow-2026-secret"),
            "a-mdp", "ne doit pas contenir l'identifiant"},
       }) {
    Answer answer = Post(admin, "/administration/comptes/nouveau", c.body);
    EXPECT_EQ(answer.status, 422) << c.body;
    // The message in the field's error element, which the field names.
    const std::string err = "<span id=\"" + c.field + "-err\" class=\"erreur-champ\">";
    const size_t at = answer.body.find(err);
    ASSERT_NE(at, std::string::npos) << c.body;
    EXPECT_NE(answer.body.substr(at, 300).find(c.message), std::string::npos) << c.body;
    EXPECT_TRUE(std::regex_search(
        answer.body, std::regex("id=\"" + c.field + "\"[^>]*aria-describedby=\"[^\"]*" +
                                c.field + "-err\" aria-invalid=\"true\"")))
        << c.body;
    for (const std::string& secret :
         {std::string(kNewPassword), std::string("Baobab du fleuve 2027"),
          std::string("b.sow-2026-secret"), std::string("value=\"court\"")}) {
      EXPECT_EQ(answer.body.find(secret), std::string::npos) << c.body;
    }
  }
  auto store = server.OpenStore();
  EXPECT_FALSE(store->GetAccount("b.sow").ok());
  EXPECT_EQ(AuditEntries("account.create").size(), 1u);
  // Nothing of the passwords in the request log or the audit trail.
  server.Stop();
  const std::string log = server.Log();
  EXPECT_NE(log.find("/administration/comptes/nouveau"), std::string::npos);
  for (const std::string& secret :
       {std::string(kNewPassword), Encode(kNewPassword), std::string("b.sow-2026-secret")}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
  EXPECT_TRUE(store->ForEachAudit([&](engine::AuditEntry&& e) {
                     EXPECT_EQ(e.record.find("Baobab"), std::string::npos);
                     EXPECT_EQ(e.action.find("Baobab"), std::string::npos);
                     return Status::Ok();
                   }).ok());
}

TEST_F(PagesAdmin, AnAdminCannotLockHimselfOutNorRemoveTheLastAdmin) {
  Session admin = SignIn("admin");
  const std::string self = PathOf("admin");
  Answer page = Get(admin, self);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("C'est votre propre compte"), std::string::npos);
  Answer disable = Post(admin, self + "/etat", "actif=0");
  EXPECT_EQ(disable.status, 422);
  EXPECT_NE(disable.body.find("Vous ne pouvez pas désactiver votre propre compte."),
            std::string::npos);
  for (const char* role : {"counsellor", "auditor", "statistician"}) {
    Answer demote = Post(admin, self + "/role",
                         std::string("role=") + role + "&agence=dakar&region=");
    EXPECT_EQ(demote.status, 422) << role;
    EXPECT_NE(demote.body.find("Vous ne pouvez pas changer le rôle de votre propre compte."),
              std::string::npos);
  }
  const engine::Account still = AccountOf("admin");
  EXPECT_EQ(still.role, "admin");
  EXPECT_FALSE(still.disabled);
  EXPECT_EQ(Get(admin, "/administration/comptes").status, 200);  // session kept

  // The last active admin, whoever asks (the rule itself, as the pages and
  // any future caller use it): a second admin disabled does not count.
  auto store = server.OpenStore();
  engine::Account second;
  second.login = "admin2";
  second.role = "admin";
  second.password_hash = still.password_hash;
  second.disabled = true;
  ASSERT_TRUE(store->AddAccount(second).ok());
  auto last = server::CheckAdminKept(*store, still, nullptr, true, "");
  ASSERT_TRUE(last.ok());
  ASSERT_TRUE(last->has_value());
  EXPECT_EQ((*last)->code, "last_admin");
  auto demoted = server::CheckAdminKept(*store, still, nullptr, false, "auditor");
  ASSERT_TRUE(demoted.ok() && demoted->has_value());
  EXPECT_EQ((*demoted)->code, "last_admin");
  // admin2 reactivated (through the page): admin may now be disabled by
  // admin2, one active admin (admin2) remaining.
  Answer enable = Post(admin, PathOf("admin2") + "/etat", "actif=1");
  ASSERT_EQ(enable.status, 303);
  EXPECT_FALSE(AccountOf("admin2").disabled);
  EXPECT_EQ(AuditEntries("account.enable").size(), 1u);
  auto now_fine = server::CheckAdminKept(*store, AccountOf("admin"), nullptr, true, "");
  ASSERT_TRUE(now_fine.ok());
  EXPECT_FALSE(now_fine->has_value());
  Session admin2 = SignIn("admin2");
  ASSERT_EQ(admin2.status, 303);
  Answer by_other = Post(admin2, self + "/etat", "actif=0");
  EXPECT_EQ(by_other.status, 303);
  EXPECT_TRUE(AccountOf("admin").disabled);
  // admin's session ended with it; admin2, now the last, cannot go.
  EXPECT_EQ(Get(admin, "/administration/comptes").status, 303);
  Answer last_one = Post(admin2, PathOf("admin2") + "/etat", "actif=0");
  EXPECT_EQ(last_one.status, 422);
  EXPECT_FALSE(AccountOf("admin2").disabled);
  EXPECT_EQ(AuditEntries("account.disable").size(), 1u);
}

TEST_F(PagesAdmin, RoleStateAndPasswordChangesEndSessionsAndAreAudited) {
  Session admin = SignIn("admin");
  Session counsellor = SignIn("counsellor");
  ASSERT_EQ(Get(counsellor, "/demandeurs/" + server.dakar_profile).status, 200);
  const std::string path = PathOf("counsellor");
  const std::string id = std::to_string(AccountOf("counsellor").id);

  // Role and agency: the old session ends, the new rights apply.
  Answer role = Post(admin, path + "/role", "role=supervisor&agence=thies&region=");
  ASSERT_EQ(role.status, 303) << role.body;
  EXPECT_EQ(role.header("Location"), path + "?fait=update");
  EXPECT_NE(Get(admin, role.header("Location")).body.find("Rôle, agence et région enregistrés"),
            std::string::npos);
  EXPECT_EQ(Get(counsellor, "/demandeurs/" + server.dakar_profile).status, 303);
  engine::Account changed = AccountOf("counsellor");
  EXPECT_EQ(changed.role, "supervisor");
  EXPECT_EQ(changed.agency, "thies");
  Session again = SignIn("counsellor");
  EXPECT_EQ(Get(again, "/demandeurs/" + server.thies_profile).status, 200);
  EXPECT_EQ(Get(again, "/demandeurs/" + server.dakar_profile).status, 404);
  EXPECT_EQ(Get(again, "/verifier").status, 200);  // a supervisor's page
  ASSERT_EQ(AuditEntries("account.update").size(), 1u);
  EXPECT_EQ(AuditEntries("account.update")[0].record, id);
  // An auditor has no agency: the selects' agency is dropped, not kept.
  ASSERT_EQ(Post(admin, path + "/role", "role=auditor&agence=thies&region=").status, 303);
  EXPECT_EQ(AccountOf("counsellor").agency, "");

  // Deactivated: the session ends and the login is refused; reactivated.
  Session before = SignIn("counsellor");
  ASSERT_EQ(before.status, 303);
  ASSERT_EQ(Post(admin, path + "/etat", "actif=0").status, 303);
  EXPECT_EQ(Get(before, "/accueil").status, 303);
  EXPECT_EQ(SignIn("counsellor").status, 401);
  ASSERT_EQ(Post(admin, path + "/etat", "actif=1").status, 303);
  EXPECT_EQ(SignIn("counsellor").status, 303);
  EXPECT_EQ(Post(admin, path + "/etat", "actif=peut-etre").status, 400);

  // A new password: the old one no longer works, the sessions end.
  Session old = SignIn("counsellor");
  Answer weak = Post(admin, path + "/mot-de-passe", "mot_de_passe=azerty&mot_de_passe_2=azerty");
  EXPECT_EQ(weak.status, 422);
  EXPECT_NE(weak.body.find("au moins 10 caractères"), std::string::npos);
  Answer reset = Post(admin, path + "/mot-de-passe",
                      "mot_de_passe=" + Encode(kNewPassword) + "&mot_de_passe_2=" +
                          Encode(kNewPassword));
  ASSERT_EQ(reset.status, 303);
  EXPECT_EQ(Get(old, "/accueil").status, 303);
  EXPECT_EQ(SignIn("counsellor").status, 401);
  EXPECT_EQ(SignIn("counsellor", kNewPassword).status, 303);
  EXPECT_EQ(Get(admin, reset.header("Location")).body.find(kNewPassword), std::string::npos);
  for (const char* action : {"account.disable", "account.enable", "account.password"}) {
    auto entries = AuditEntries(action);
    ASSERT_EQ(entries.size(), 1u) << action;
    EXPECT_EQ(entries[0].record, id) << action;
  }
  // Unknown or malformed account ids: 404 as any missing page.
  EXPECT_EQ(Get(admin, "/administration/comptes/99999").status, 404);
  EXPECT_EQ(Get(admin, "/administration/comptes/1x").status, 404);
  EXPECT_EQ(Post(admin, "/administration/comptes/99999/etat", "actif=0").status, 404);
}

TEST_F(PagesAdmin, AgenciesAreListedCreatedAndMovedAndTheRolesTableIsTheServers) {
  Session admin = SignIn("admin");
  Answer list = Get(admin, "/administration/agences");
  ASSERT_EQ(list.status, 200);
  // Known from accounts and records, without a region yet.
  EXPECT_NE(list.body.find(">dakar</a>"), std::string::npos);
  EXPECT_NE(list.body.find(">thies</a>"), std::string::npos);
  EXPECT_EQ(list.body.find(server.dakar_profile), std::string::npos);  // counts, never ids

  ASSERT_EQ(Post(admin, "/administration/agences", "nom=ziguinchor&region=sud").status, 303);
  auto store = server.OpenStore();
  EXPECT_EQ(*store->GetAgencyRegion("ziguinchor"), "sud");
  Answer taken = Post(admin, "/administration/agences", "nom=dakar&region=ouest");
  EXPECT_EQ(taken.status, 422);
  EXPECT_NE(taken.body.find("Cette agence existe déjà"), std::string::npos);
  EXPECT_EQ(*store->GetAgencyRegion("dakar"), "");
  Answer bad = Post(admin, "/administration/agences", "nom=" + Encode("<b>x</b>") + "&region=");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"g-nom-err\""), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"g-region-err\""), std::string::npos);
  EXPECT_EQ(bad.body.find("<b>x</b>"), std::string::npos);
  EXPECT_NE(bad.body.find("&lt;b&gt;x&lt;/b&gt;"), std::string::npos);

  Answer edit = Get(admin, "/administration/agences/thies");
  ASSERT_EQ(edit.status, 200);
  ASSERT_EQ(Post(admin, "/administration/agences/thies", "region=ouest").status, 303);
  EXPECT_EQ(*store->GetAgencyRegion("thies"), "ouest");
  EXPECT_EQ(Get(admin, "/administration/agences/nowhere").status, 404);
  EXPECT_EQ(Post(admin, "/administration/agences/nowhere", "region=ouest").status, 404);
  EXPECT_EQ(*store->GetAgencyRegion("nowhere"), "");
  ASSERT_EQ(AuditEntries("agency.create").size(), 1u);
  EXPECT_EQ(AuditEntries("agency.create")[0].record, "ziguinchor");
  ASSERT_EQ(AuditEntries("agency.region").size(), 1u);
  EXPECT_EQ(AuditEntries("agency.region")[0].record, "thies");

  // A supervisor may now be given the region (a select of known regions).
  Answer region = Post(admin, PathOf("supervisor") + "/role",
                       "role=supervisor&agence=dakar&region=ouest");
  ASSERT_EQ(region.status, 303);
  EXPECT_EQ(AccountOf("supervisor").region, "ouest");

  // Rôles: one row per capability, one column per role, "oui" exactly
  // where roles.cc's RoleCan says so.
  Answer roles = Get(admin, "/administration/roles");
  ASSERT_EQ(roles.status, 200);
  int expected_yes = 0;
  for (server::Capability c : server::kAllCapabilities) {
    EXPECT_NE(roles.body.find("(" + std::string(server::ToString(c)) + ")"), std::string::npos);
    for (server::Role r : server::kAllRoles) expected_yes += server::RoleCan(r, c) ? 1 : 0;
  }
  const std::regex yes("<td>oui</td>"), no("<td>non</td>");
  const auto count = [&](const std::regex& re) {
    return std::distance(std::sregex_iterator(roles.body.begin(), roles.body.end(), re),
                         std::sregex_iterator());
  };
  EXPECT_EQ(count(yes), expected_yes);
  EXPECT_EQ(count(yes) + count(no),
            static_cast<long>(std::size(server::kAllCapabilities) * std::size(server::kAllRoles)));
}

// The command line uses the same rules and writes (accounts.h): `users
// role` changes role, agency and region at once, ends the sessions and is
// audited as the page's change; `users add` refuses what the page refuses.
TEST_F(PagesAdmin, TheCommandLineSharesTheRulesAndTheAuditActions) {
  TempDir scratch;
  const std::string bin = std::string(SKILLMATCH_BINARY) + " ";
  Session counsellor = SignIn("counsellor");
  ASSERT_EQ(counsellor.status, 303);
  Outcome role = Shell(bin + "users role --db " + server.db() +
                           " --login counsellor --role supervisor --agency thies --region ouest",
                       scratch);
  ASSERT_EQ(role.code, 0) << role.err;
  EXPECT_EQ(role.err, "account 'counsellor': supervisor, agency thies, region ouest; its sessions ended\n");
  EXPECT_EQ(Get(counsellor, "/accueil").status, 303);
  const engine::Account changed = AccountOf("counsellor");
  EXPECT_EQ(changed.role, "supervisor");
  EXPECT_EQ(changed.agency, "thies");
  EXPECT_EQ(changed.region, "ouest");
  auto entries = AuditEntries("account.update");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor, "cli");
  EXPECT_EQ(entries[0].record, std::to_string(changed.id));
  for (const std::string& args :
       {std::string("users role --login counsellor --role counsellor --agency thies --region ouest"),
        std::string("users role --login counsellor --role counsellor"),
        std::string("users role --login counsellor --role boss --agency thies"),
        std::string("users role --login auditor --role auditor --agency dakar")}) {
    Outcome refused = Shell(bin + args + " --db " + server.db(), scratch);
    EXPECT_EQ(refused.code, 64) << args << refused.err;
  }
  EXPECT_EQ(Shell(bin + "users role --db " + server.db() + " --login nobody --role auditor",
                  scratch).code,
            66);
  Outcome bad_login = Shell("echo '" + std::string(kNewPassword) + "' | " + bin +
                                "users add --fast-hash --db " + server.db() +
                                " --login 'Awa Diallo' --role auditor",
                            scratch);
  EXPECT_EQ(bad_login.code, 64) << bad_login.err;
  EXPECT_NE(bad_login.err.find("--login:"), std::string::npos) << bad_login.err;
  EXPECT_EQ(AuditEntries("account.update").size(), 1u);
}

// ---------------------------------------------------------------- Regions

TEST_F(PagesAdmin, RegionalSupervisorSeesHisRegionInEveryPageAndNothingOfAnother) {
  auto store = server.OpenStore();
  // dakar and thies in region "ouest"; kaolack in "centre", holding one
  // jobseeker and one offer moved there from dakar after the start (the
  // dakar offer index still holds the offer: it must be filtered out).
  ASSERT_TRUE(store->SetAgencyRegion("dakar", "ouest").ok());
  ASSERT_TRUE(store->SetAgencyRegion("thies", "ouest").ok());
  ASSERT_TRUE(store->SetAgencyRegion("kaolack", "centre").ok());
  ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kProfile, server.dakar_profile2, "kaolack").ok());
  ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kOffer, server.dakar_offer2, "kaolack").ok());
  // The thies offer awaits a review.
  auto offer = store->GetOffer(server.thies_offer);
  ASSERT_TRUE(offer.ok());
  offer->needs_review = true;
  ASSERT_TRUE(store->UpsertOffer(*offer).ok());

  // Without a region: his agency only.
  Session plain = SignIn("supervisor");
  EXPECT_EQ(Get(plain, "/demandeurs/" + server.thies_profile).status, 404);
  EXPECT_EQ(Get(plain, "/verifier").body.find(server.thies_offer), std::string::npos);

  ASSERT_TRUE(store->SetAccountRegion("supervisor", "ouest").ok());
  Session session = SignIn("supervisor");
  ASSERT_EQ(session.status, 303);
  // The file, the recommended offers, the sheet of another agency of the region.
  for (const std::string& suffix : {"", "/offres", "/fiche", "/modifier"}) {
    Answer answer = Get(session, "/demandeurs/" + server.thies_profile + suffix);
    EXPECT_EQ(answer.status, 200) << suffix;
  }
  EXPECT_EQ(Get(session, "/offres/" + server.thies_offer).status, 200);
  // Another region: 404, the very page of a missing id.
  Answer other = Get(session, "/demandeurs/" + server.dakar_profile2);
  Answer missing = Get(session, "/demandeurs/NO-SUCH-ID");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body, missing.body);
  EXPECT_EQ(Get(session, "/demandeurs/" + server.dakar_profile2 + "/offres").status, 404);
  EXPECT_EQ(Get(session, "/offres/" + server.dakar_offer2).status, 404);
  // Search, home lists, review queue, recommended offers, candidates.
  for (const std::string& id : {server.thies_profile, server.dakar_profile}) {
    Answer search = Post(session, "/demandeurs/recherche", "q=" + id);
    ASSERT_EQ(search.status, 200);
    EXPECT_NE(search.body.find("href=\"/demandeurs/" + id + "\""), std::string::npos) << id;
  }
  Answer search = Post(session, "/demandeurs/recherche", "q=" + server.dakar_profile2);
  ASSERT_EQ(search.status, 200);
  EXPECT_EQ(search.body.find(server.dakar_profile2), std::string::npos);
  Answer home = Get(session, "/accueil");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find(server.thies_profile), std::string::npos);
  EXPECT_NE(home.body.find(server.thies_offer), std::string::npos);
  EXPECT_NE(home.body.find("des agences dakar, thies"), std::string::npos);
  EXPECT_EQ(home.body.find(server.dakar_profile2), std::string::npos);
  EXPECT_EQ(home.body.find(server.dakar_offer2), std::string::npos);
  Answer review = Get(session, "/verifier");
  EXPECT_NE(review.body.find(server.thies_offer), std::string::npos);
  for (const std::string& id : {server.dakar_profile, server.thies_profile}) {
    Answer offers = Get(session, "/demandeurs/" + id + "/offres");
    ASSERT_EQ(offers.status, 200) << id;
    EXPECT_EQ(offers.body.find(server.dakar_offer2), std::string::npos) << id;
  }
  Answer candidates = Get(session, "/offres/" + server.dakar_offer);
  ASSERT_EQ(candidates.status, 200);
  EXPECT_EQ(candidates.body.find(server.dakar_profile2), std::string::npos);
  // A counsellor of thies keeps thies alone, whatever the regions.
  Session thies = SignIn("thies");
  EXPECT_EQ(Get(thies, "/demandeurs/" + server.dakar_profile).status, 404);
  EXPECT_EQ(Post(thies, "/demandeurs/recherche", "q=" + server.dakar_profile)
                .body.find("href=\"/demandeurs/" + server.dakar_profile),
            std::string::npos);
}

}  // namespace
}  // namespace skillmatch::testing
