// The pages (tools/server/pages): the escaping layer attacked with
// injections, the French formatting, the catalogue, and the pages through
// the running server (login, CSRF, Origin, roles, agencies, audit,
// no-store, validation next to the field).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "pages/french.h"
#include "pages/html.h"
#include "pages/kit.h"
#include "pages/messages.h"
#include "pages/pages.h"
#include "server/server_fixture.h"

namespace skillmatch::testing {
namespace {

using pages::Html;
using pages::List;
using pages::Template;
using pages::View;

const std::string kNarrow = "\u202F";
const std::string kNbsp = "\u00A0";

std::string RenderText(std::string_view source, const View& view) {
  auto compiled = Template::Compile("test.html", source, pages::French());
  EXPECT_TRUE(compiled.ok()) << compiled.status().message();
  return compiled.ok() ? compiled->Render(view).str() : "";
}

std::string CompileError(std::string_view source) {
  auto compiled = Template::Compile("test.html", source, pages::French());
  return compiled.ok() ? "" : compiled.status().message();
}

// ---------------------------------------------------------------- Escaping

TEST(PagesHtml, ValuesAreEscapedInTextAndAttributes) {
  View view;
  view.Set("name", "<script>alert('x')</script> & \"co\"");
  EXPECT_EQ(RenderText("<p>{{name}}</p>", view),
            "<p>&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"co\"</p>");
  // Breaking out of a double- or single-quoted attribute.
  View attack;
  attack.Set("v", "x\" onmouseover=\"alert(1)").Set("w", "x' autofocus onfocus='alert(1)");
  const std::string out = RenderText("<input value=\"{{v}}\" title='{{w}}'>", attack);
  EXPECT_EQ(out,
            "<input value=\"x&quot; onmouseover=&quot;alert(1)\" "
            "title='x&#39; autofocus onfocus=&#39;alert(1)'>");
  EXPECT_EQ(out.find("onmouseover=\""), std::string::npos);
}

TEST(PagesHtml, TrustedHtmlGoesInAsIsOnlyInText) {
  View view;
  view.Set("frag", Html::Trusted("<b>ok</b>"));
  EXPECT_EQ(RenderText("<div>{{frag}}</div>", view), "<div><b>ok</b></div>");
  // The same value in an attribute is text again.
  EXPECT_EQ(RenderText("<div title=\"{{frag}}\"></div>", view),
            "<div title=\"&lt;b&gt;ok&lt;/b&gt;\"></div>");
  // Html::Text escapes.
  EXPECT_EQ(Html::Text("<i>").str(), "&lt;i&gt;");
}

TEST(PagesHtml, UrlAttributesTakeOnlyPathsOfThisSite) {
  for (const char* bad : {"javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:x",
                          "data:text/html,<script>", "https://evil.example/x", "//evil.example",
                          "/\\evil.example", "/x\ny", ""}) {
    View view;
    view.Set("u", bad);
    EXPECT_EQ(RenderText("<a href=\"{{u}}\">x</a>", view), "<a href=\"#\">x</a>") << bad;
    EXPECT_EQ(RenderText("<form action=\"{{u}}\"></form>", view), "<form action=\"#\"></form>")
        << bad;
    EXPECT_EQ(RenderText("<button hx-post=\"{{u}}\"></button>", view),
              "<button hx-post=\"#\"></button>")
        << bad;
  }
  View good;
  good.Set("u", "/demandeurs/SN-1?a=\"b\"");
  EXPECT_EQ(RenderText("<a href=\"{{u}}\">x</a>", good),
            "<a href=\"/demandeurs/SN-1?a=&quot;b&quot;\">x</a>");
}

TEST(PagesHtml, PlacesWhereEscapingIsNotEnoughDoNotCompile) {
  EXPECT_EQ(CompileError("<script>var x = {{v}};</script>"),
            "test.html:1: {{v}} inside <script> or <style>");
  EXPECT_EQ(CompileError("<style>\np { color: {{v}} }</style>"),
            "test.html:2: {{v}} inside <script> or <style>");
  EXPECT_EQ(CompileError("<a href={{v}}>x</a>"), "test.html:1: {{v}} in an unquoted attribute");
  EXPECT_EQ(CompileError("<a onclick=\"{{v}}\">x</a>"),
            "test.html:1: {{v}} in the onclick attribute (script or style)");
  EXPECT_EQ(CompileError("<a style=\"{{v}}\">x</a>"),
            "test.html:1: {{v}} in the style attribute (script or style)");
  EXPECT_EQ(CompileError("<p{{v}}>"), "test.html:1: {{v}} in a tag or attribute name");
  // Right after "<" a value would name a tag: <{{v}}> with
  // v = "img src=x onerror=alert(1)".
  EXPECT_EQ(CompileError("<{{v}}>"), "test.html:1: {{v}} in a tag or attribute name");
  EXPECT_EQ(CompileError("</{{v}}>"), "test.html:1: {{v}} in a tag or attribute name");
  EXPECT_EQ(CompileError("a < b: {{v}}"), "");
  EXPECT_EQ(CompileError("<a {{v}}>"), "test.html:1: {{v}} in a tag or attribute name");
  EXPECT_EQ(CompileError("<!-- {{v}} -->"), "test.html:1: {{v}} inside a comment");
  EXPECT_EQ(CompileError("<p>{{t:no.such.message}}</p>"),
            "test.html:1: no message no.such.message in the catalogue");
  EXPECT_EQ(CompileError("{{#a}}<p>"), "test.html:1: {{#a}} is never closed");
  EXPECT_EQ(CompileError("{{#a}}{{/b}}"), "test.html:1: {{/b}} where {{/a}} was expected");
  EXPECT_EQ(CompileError("<p>{{v</p>"), "test.html:1: {{ without }}");
  EXPECT_EQ(CompileError("<p"), "test.html:1: the template ends inside a tag or comment");
  // After </script> values are allowed again; sections may open in a tag.
  EXPECT_EQ(CompileError("<script src=\"/a.js\"></script><p>{{v}}</p>"), "");
  EXPECT_EQ(CompileError("<input{{#c}} checked{{/c}}>"), "");
}

TEST(PagesHtml, SectionsLoopAndTest) {
  View view;
  List items;
  for (const char* name : {"a<", "b"}) {
    View item;
    item.Set("name", name);
    items.push_back(item);
  }
  view.Set("items", items).Set("outer", "O").Set("yes", true).Set("no", false);
  EXPECT_EQ(RenderText("{{#items}}[{{name}}{{outer}}]{{/items}}", view), "[a&lt;O][bO]");
  EXPECT_EQ(RenderText("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}{{^missing}}m{{/missing}}",
                       view),
            "Ynm");
  EXPECT_EQ(RenderText("{{^items}}empty{{/items}}", view), "");
  // {{?list}}: once around the loop, not once per item.
  EXPECT_EQ(RenderText("{{?items}}<ul>{{#items}}<li>{{name}}</li>{{/items}}</ul>{{/items}}", view),
            "<ul><li>a&lt;</li><li>b</li></ul>");
  EXPECT_EQ(RenderText("{{?none}}<ul></ul>{{/none}}", view), "");
  EXPECT_EQ(RenderText("<p>{{t:login.submit}}</p>", view), "<p>Se connecter</p>");
}

TEST(PagesTemplates, EveryTemplateCompiles) {
  Status status = pages::CompileAllTemplates();
  EXPECT_TRUE(status.ok()) << status.message();
  EXPECT_GE(pages::TemplateNames().size(), 10u);
}

// ---------------------------------------------------------------- French

TEST(PagesFrench, NumbersPercentagesAndDates) {
  EXPECT_EQ(pages::FormatInteger(12345), "12" + kNarrow + "345");
  EXPECT_EQ(pages::FormatInteger(-1234567), "-1" + kNarrow + "234" + kNarrow + "567");
  EXPECT_EQ(pages::FormatInteger(999), "999");
  EXPECT_EQ(pages::FormatInteger(0), "0");
  EXPECT_EQ(pages::FormatDecimal(1234.5, 2), "1" + kNarrow + "234,50");
  EXPECT_EQ(pages::FormatDecimal(3.25, 1), "3,3");
  EXPECT_EQ(pages::FormatDecimal(-0.04, 1), "0,0");
  EXPECT_EQ(pages::FormatDecimal(12.0, 0), "12");
  EXPECT_EQ(pages::FormatPercent(0.87), "87" + kNbsp + "%");
  EXPECT_EQ(pages::FormatPercent(0.8749, 1), "87,5" + kNbsp + "%");
  EXPECT_EQ(pages::FormatDate("2026-12-07"), "07/12/2026");
  EXPECT_EQ(pages::FormatDate("2026-12-07T14:05:00Z"), "07/12/2026");
  EXPECT_EQ(pages::FormatDate("07/12/2026"), std::nullopt);
  EXPECT_EQ(pages::FormatDate("2026-12-0"), std::nullopt);
  EXPECT_EQ(pages::FormatDay(1'796'601'600), "07/12/2026");
}

TEST(PagesFrench, NoBreakSpacesBeforeHighPunctuation) {
  EXPECT_EQ(pages::FrenchTypography("Motif : oui ; non ! Vraiment ?"),
            "Motif" + kNbsp + ": oui" + kNarrow + "; non" + kNarrow + "! Vraiment" + kNarrow + "?");
  EXPECT_EQ(pages::FrenchTypography("« chauffeur »"), "«" + kNbsp + "chauffeur" + kNbsp + "»");
  // A time or a URL keeps its colon.
  EXPECT_EQ(pages::FrenchTypography("à 14:05, http://x"), "à 14:05, http://x");
}

TEST(PagesMessages, CatalogueIsTypesetAndFormats) {
  const pages::Catalogue& fr = pages::French();
  EXPECT_EQ(fr.language(), "fr");
  for (const std::string& id : fr.Ids()) {
    const std::string& text = fr.Get(id);
    for (const char* bad : {" :", " ;", " !", " ?"}) {
      EXPECT_EQ(text.find(bad), std::string::npos) << id << ": " << text;
    }
  }
  EXPECT_EQ(fr.Format("login.throttled", {"12"}),
            "Trop d'essais manqués. Réessayez dans 12 secondes.");
  EXPECT_EQ(fr.Get("no.such.id"), "[no.such.id]");
}

// ---------------------------------------------------------------- Through the server

class Pages : public ::testing::Test {
 protected:
  Pages() = default;
  // A fixture whose server needs options of its own (PagesMobility).
  explicit Pages(server::ServerOptions options) : server(std::move(options)) {}

  TestServer server;

  // Signs in through the login form: the session cookie and the CSRF
  // token read from the home page.
  Session SignIn(const std::string& login) {
    Answer answer = server.Send("POST", "/connexion", server.SameOrigin(),
                                "login=" + Encode(login) + "&password=" + Encode(kPassword),
                                "application/x-www-form-urlencoded");
    Session session;
    session.status = answer.status;
    const std::string set_cookie = answer.header("Set-Cookie");
    session.cookie = set_cookie.substr(0, set_cookie.find(';'));
    if (answer.status == 303) {
      Answer home = Get(session, "/accueil");
      std::smatch match;
      static const std::regex csrf("name=\"csrf\" value=\"([0-9a-f]{64})\"");
      if (std::regex_search(home.body, match, csrf)) session.csrf = match[1];
    }
    return session;
  }
  Answer Get(const Session& session, const std::string& path) {
    httplib::Headers headers;
    if (!session.cookie.empty()) headers.emplace("Cookie", session.cookie);
    return server.Send("GET", path, headers);
  }
  // A form POST as the browser sends it: same origin, cookie, form body
  // with the hidden csrf field (unless `csrf` is false).
  Answer Post(const Session& session, const std::string& path, const std::string& body,
              bool csrf = true, httplib::Headers headers = {}) {
    if (headers.find("Origin") == headers.end()) {
      for (const auto& h : server.SameOrigin()) headers.insert(h);
    }
    if (!session.cookie.empty()) headers.emplace("Cookie", session.cookie);
    std::string form = body;
    if (csrf) form += (form.empty() ? "" : "&") + std::string("csrf=") + session.csrf;
    return server.Send("POST", path, headers, form, "application/x-www-form-urlencoded");
  }
  int64_t AuditCount(const std::string& action, const std::string& record) {
    auto store = server.OpenStore();
    int64_t n = 0;
    EXPECT_TRUE(store->ForEachAudit([&](engine::AuditEntry&& e) {
                       if (e.action == action && e.record == record) ++n;
                       return Status::Ok();
                     }).ok());
    return n;
  }
};

TEST_F(Pages, LoginPageIsFrenchAndLoginSetsTheSessionCookie) {
  Answer page = server.Send("GET", "/connexion");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(page.body.find("<label for=\"login\">Identifiant</label>"), std::string::npos);
  EXPECT_EQ(page.header("Cache-Control"), "no-store");
  EXPECT_NE(page.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);

  Session session = SignIn("counsellor");
  ASSERT_EQ(session.status, 303);
  EXPECT_NE(session.cookie.find("sm_session="), std::string::npos);
  EXPECT_EQ(session.csrf.size(), 64u);
  Answer home = Get(session, "/accueil");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Mes demandeurs d'emploi"), std::string::npos);
  EXPECT_NE(home.body.find(server.dakar_profile), std::string::npos);
  EXPECT_EQ(home.body.find(server.thies_profile), std::string::npos);  // another agency
}

TEST_F(Pages, WrongPasswordSaysSoWithoutSayingWhichAndKeepsNoPassword) {
  Answer answer = server.Send("POST", "/connexion", server.SameOrigin(),
                              "login=counsellor&password=wrong-password-123",
                              "application/x-www-form-urlencoded");
  EXPECT_EQ(answer.status, 401);
  EXPECT_NE(answer.body.find("Identifiant ou mot de passe incorrect."), std::string::npos);
  EXPECT_EQ(answer.body.find("wrong-password-123"), std::string::npos);
  EXPECT_EQ(answer.header("Set-Cookie"), "");
  Answer unknown = server.Send("POST", "/connexion", server.SameOrigin(),
                               "login=nobody&password=wrong-password-123",
                               "application/x-www-form-urlencoded");
  EXPECT_EQ(unknown.status, 401);
}

TEST_F(Pages, AnonymousVisitorsAreSentToTheLoginPage) {
  for (const std::string& path : {std::string("/accueil"), "/demandeurs/" + server.dakar_profile,
                                  "/demandeurs/" + server.dakar_profile + "/offres"}) {
    Answer answer = server.Send("GET", path);
    EXPECT_EQ(answer.status, 303) << path;
    EXPECT_EQ(answer.header("Location"), "/connexion") << path;
  }
  Answer htmx = server.Send("POST", "/metiers/recherche",
                            {{"HX-Request", "true"},
                             {"Origin", "http://127.0.0.1:" + std::to_string(server.port())}},
                            "metier_q=comptable", "application/x-www-form-urlencoded");
  EXPECT_EQ(htmx.header("HX-Redirect"), "/connexion");
  EXPECT_EQ(htmx.status, 200);  // not a 303, which fetch would follow itself
  EXPECT_EQ(htmx.header("Location"), "");
  EXPECT_EQ(htmx.body, "");
}

TEST_F(Pages, FormsNeedTheSessionsCsrfTokenAndThisSitesOrigin) {
  Session session = SignIn("counsellor");
  ASSERT_EQ(session.csrf.size(), 64u);
  const std::string path = "/demandeurs/" + server.dakar_profile + "/decisions";
  const std::string body = "offre=" + server.dakar_offer + "&statut=proposed&motif=ok";
  // No token, a wrong one, another session's.
  Answer none = Post(session, path, body, /*csrf=*/false);
  EXPECT_EQ(none.status, 403);
  EXPECT_NE(none.body.find("Le formulaire a expiré"), std::string::npos);
  Answer wrong = Post(session, path, body + "&csrf=" + std::string(64, 'a'), false);
  EXPECT_EQ(wrong.status, 403);
  Session other = SignIn("supervisor");
  Answer stolen = Post(session, path, body + "&csrf=" + other.csrf, false);
  EXPECT_EQ(stolen.status, 403);
  // Another site's form.
  Answer foreign = Post(session, path, body, true, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_NE(foreign.body.find("autre site"), std::string::npos);
  // "Origin: null" (what a browser sends under Referrer-Policy:
  // no-referrer) passes only with Sec-Fetch-Site: same-origin.
  Answer null_cross = Post(session, path, body, true,
                           {{"Origin", "null"}, {"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(null_cross.status, 403);
  Answer null_bare = Post(session, path, body, true, {{"Origin", "null"}});
  EXPECT_EQ(null_bare.status, 403);
  // A login posted from another site.
  Answer login = server.Send("POST", "/connexion", {{"Origin", "https://evil.example"}},
                             "login=counsellor&password=" + Encode(kPassword),
                             "application/x-www-form-urlencoded");
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(login.header("Set-Cookie"), "");
  // Nothing was recorded; then the right token records it.
  auto store = server.OpenStore();
  EXPECT_TRUE(store->ListDecisions({server.dakar_profile, ""})->empty());
  Answer ok = Post(session, path, body, true,
                   {{"Origin", "null"}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(ok.status, 303);
  auto decisions = store->ListDecisions({server.dakar_profile, ""});
  ASSERT_EQ(decisions->size(), 1u);
  EXPECT_EQ((*decisions)[0].status, "proposed");
  EXPECT_EQ((*decisions)[0].counsellor, "counsellor");
  // The htmx header works as the hidden field does.
  httplib::Headers headers = {{"X-CSRF-Token", session.csrf}, {"HX-Request", "true"}};
  Answer htmx = Post(session, path, "offre=" + server.dakar_offer + "&statut=accepted", false, headers);
  EXPECT_EQ(htmx.status, 200);
  EXPECT_NE(htmx.body.find("Décision enregistrée"), std::string::npos);
}

TEST_F(Pages, StatisticianSeesNoNamedPersonThroughThePages) {
  Session session = SignIn("statistician");
  ASSERT_EQ(session.status, 303);
  Answer home = Get(session, "/accueil");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Effectifs par agence"), std::string::npos);
  EXPECT_NE(home.body.find("moins de 5"), std::string::npos);  // 2 in dakar: suppressed
  for (const std::string& id : {server.dakar_profile, server.dakar_profile2, server.thies_profile}) {
    EXPECT_EQ(home.body.find(id), std::string::npos) << id;
    for (const std::string& path : {"/demandeurs/" + id, "/demandeurs/" + id + "/offres",
                                    "/demandeurs/" + id + "/fiche",
                                    "/demandeurs/" + id + "/modifier"}) {
      Answer answer = Get(session, path);
      EXPECT_EQ(answer.status, 403) << path;
      EXPECT_EQ(answer.body.find(id), std::string::npos) << path;
    }
  }
  Answer search = Post(session, "/demandeurs/recherche", "q=SN");
  EXPECT_EQ(search.status, 403);
  Answer decide = Post(session, "/demandeurs/" + server.dakar_profile + "/decisions",
                       "offre=" + server.dakar_offer + "&statut=proposed");
  EXPECT_EQ(decide.status, 403);
  // Admins and auditors neither.
  for (const char* login : {"admin", "auditor", "employer_relations"}) {
    Session other = SignIn(login);
    Answer answer = Get(other, "/demandeurs/" + server.dakar_profile);
    EXPECT_EQ(answer.status, 403) << login;
  }
}

TEST_F(Pages, EveryPageRouteRefusesEveryRoleWithoutItsCapability) {
  std::map<std::string, Session> sessions;
  for (const char* login : {"admin", "supervisor", "counsellor", "employer_relations",
                            "statistician", "auditor"}) {
    sessions[login] = SignIn(login);
    ASSERT_EQ(sessions[login].status, 303) << login;
  }
  int checked = 0;
  for (const server::Route& route : pages::PageRoutes()) {
    // Public pages, and the logout, which would end the sessions (every
    // role may log out: Pages.FormsNeed... and the browser test cover it).
    if (route.capability == server::Capability::kPublic || route.pattern == "/deconnexion") {
      continue;
    }
    std::string path = route.pattern;
    const size_t brace = path.find('{');
    if (brace != std::string::npos) {
      path = path.substr(0, brace) + server.dakar_profile + path.substr(path.find('}') + 1);
    }
    for (const auto& [login, session] : sessions) {
      const server::Role role = *server::ParseRole(login);
      Answer answer = route.method == "GET" ? Get(session, path) : Post(session, path, "");
      if (server::RoleCan(role, route.capability)) {
        EXPECT_NE(answer.status, 403) << route.method << " " << path << " as " << login;
      } else {
        ++checked;
        EXPECT_EQ(answer.status, 403) << route.method << " " << path << " as " << login;
        EXPECT_EQ(answer.body.find(server.dakar_profile), std::string::npos) << path;
      }
    }
    // Anonymous: to the login page, never the content.
    Answer anonymous = route.method == "GET" ? Get(Session{}, path) : Post(Session{}, path, "");
    EXPECT_EQ(anonymous.status, 303) << path;
    EXPECT_EQ(anonymous.header("Location"), "/connexion") << path;
  }
  EXPECT_GT(checked, 20);
}

TEST_F(Pages, JobseekersOfAnotherAgencyAreNotFoundAndViewsAreAudited) {
  Session session = SignIn("counsellor");
  Answer other = Get(session, "/demandeurs/" + server.thies_profile);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find(server.thies_profile), std::string::npos);
  Answer missing = Get(session, "/demandeurs/NO-SUCH-ID");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(other.body, missing.body);  // cannot be told apart

  EXPECT_EQ(AuditCount("jobseeker.view", server.dakar_profile), 0);
  Answer view = Get(session, "/demandeurs/" + server.dakar_profile);
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(view.header("Cache-Control"), "no-store");
  EXPECT_NE(view.body.find("Dossier du demandeur d'emploi " + server.dakar_profile),
            std::string::npos);
  EXPECT_EQ(AuditCount("jobseeker.view", server.dakar_profile), 1);
  Answer offers = Get(session, "/demandeurs/" + server.dakar_profile + "/offres");
  ASSERT_EQ(offers.status, 200);
  EXPECT_EQ(AuditCount("jobseeker.match", server.dakar_profile), 1);
  Answer sheet = Get(session, "/demandeurs/" + server.dakar_profile + "/fiche");
  ASSERT_EQ(sheet.status, 200);
  EXPECT_EQ(AuditCount("jobseeker.sheet", server.dakar_profile), 1);
  // Searches go by POST: no id or text in a URL.
  EXPECT_EQ(Get(session, "/demandeurs/recherche?q=SN").status, 404);
  Answer search = Post(session, "/demandeurs/recherche", "q=" + server.dakar_profile.substr(0, 4));
  EXPECT_EQ(search.status, 200);
  EXPECT_NE(search.body.find(server.dakar_profile), std::string::npos);
  EXPECT_EQ(search.body.find(server.thies_profile), std::string::npos);
}

TEST_F(Pages, RecommendedOffersExplainEachScoreInNumbersAndWords) {
  Session session = SignIn("counsellor");
  Answer offers = Get(session, "/demandeurs/" + server.dakar_profile2 + "/offres");
  ASSERT_EQ(offers.status, 200);
  // Each block by name, with its points and share as text beside the bar.
  for (const char* block : {"Métier", "Compétences techniques", "Savoir-être", "Langues",
                            "Formation", "Expérience"}) {
    EXPECT_NE(offers.body.find("<th scope=\"row\">" + std::string(block) + "</th>"),
              std::string::npos)
        << block;
  }
  EXPECT_NE(offers.body.find("sur 100"), std::string::npos);
  EXPECT_NE(offers.body.find(kNbsp + "%"), std::string::npos);
  EXPECT_NE(offers.body.find("Compétences manquantes"), std::string::npos);
  EXPECT_EQ(offers.body.find(server.thies_offer), std::string::npos);
  // Setting an offer aside needs a reason.
  Answer refused = Post(session, "/demandeurs/" + server.dakar_profile2 + "/decisions",
                        "offre=" + server.dakar_offer + "&statut=refused&motif=");
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Indiquez le motif"), std::string::npos);
  // An offer of another agency cannot be decided on.
  Answer foreign = Post(session, "/demandeurs/" + server.dakar_profile2 + "/decisions",
                        "offre=" + server.thies_offer + "&statut=proposed");
  EXPECT_EQ(foreign.status, 404);
  auto store = server.OpenStore();
  EXPECT_TRUE(store->ListDecisions({server.dakar_profile2, ""})->empty());
}

TEST_F(Pages, OfferPageRanksCandidatesAndKeepsTheShortlistStages) {
  // Employer-relations staff: the offer, its candidates (ids and scores),
  // no decision form, no link into a jobseeker's file.
  Session relations = SignIn("employer_relations");
  Answer seen = Get(relations, "/offres/" + server.dakar_offer);
  ASSERT_EQ(seen.status, 200);
  EXPECT_NE(seen.body.find("Candidats recommandés"), std::string::npos);
  EXPECT_NE(seen.body.find(server.dakar_profile2), std::string::npos);
  EXPECT_EQ(seen.body.find(server.thies_profile), std::string::npos);
  EXPECT_EQ(seen.body.find("href=\"/demandeurs/"), std::string::npos);
  EXPECT_EQ(seen.body.find("class=\"decision\""), std::string::npos);
  EXPECT_EQ(AuditCount("offer.candidates", server.dakar_offer), 1);
  EXPECT_EQ(Get(relations, "/offres/" + server.thies_offer).status, 404);
  Answer refused = Post(relations, "/offres/" + server.dakar_offer + "/decisions",
                        "demandeur=" + server.dakar_profile2 + "&statut=proposed");
  EXPECT_EQ(refused.status, 403);

  // A counsellor moves a candidate through the stages.
  Session session = SignIn("counsellor");
  const std::string path = "/offres/" + server.dakar_offer + "/decisions";
  EXPECT_EQ(Post(session, path, "demandeur=" + server.dakar_profile2 + "&statut=proposed").status,
            303);
  Answer no_reason = Post(session, path, "demandeur=" + server.dakar_profile2 + "&statut=refused");
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(Post(session, path, "demandeur=" + server.thies_profile + "&statut=proposed").status,
            404);
  EXPECT_EQ(Post(session, path, "demandeur=" + server.dakar_profile2 +
                                    "&statut=refused&motif=" + Encode("<b>pas disponible</b>"))
                .status,
            303);
  Answer page = Get(session, "/offres/" + server.dakar_offer);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<td>refusé</td><td>&lt;b&gt;pas disponible&lt;/b&gt;</td>"),
            std::string::npos);
  EXPECT_NE(page.body.find("href=\"/demandeurs/" + server.dakar_profile2 + "\""), std::string::npos);
  auto store = server.OpenStore();
  auto decisions = store->ListDecisions({server.dakar_profile2, server.dakar_offer});
  ASSERT_EQ(decisions->size(), 2u);
  EXPECT_EQ((*decisions)[1].status, "refused");
}

TEST_F(Pages, SupervisorConfirmsOrCorrectsAnImportedOffersOccupation) {
  {
    auto store = server.OpenStore();
    for (const std::string& id : {server.dakar_offer2, server.thies_offer}) {
      auto offer = store->GetOffer(id);
      ASSERT_TRUE(offer.ok());
      offer->needs_review = true;
      ASSERT_TRUE(store->UpsertOffer(*offer).ok());
    }
  }
  Session supervisor = SignIn("supervisor");
  Answer queue = Get(supervisor, "/verifier");
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("/verifier/" + server.dakar_offer2), std::string::npos);
  EXPECT_EQ(queue.body.find(server.thies_offer), std::string::npos);  // another agency
  EXPECT_NE(queue.body.find("fiabilité"), std::string::npos);
  // A code that is not an occupation: said, nothing changed.
  Answer bad = Post(supervisor, "/verifier/" + server.dakar_offer2, "code=M1201&autre=zz9");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("ZZ9"), std::string::npos);
  EXPECT_EQ(Post(supervisor, "/verifier/" + server.thies_offer, "code=M1201").status, 404);
  Answer done = Post(supervisor, "/verifier/" + server.dakar_offer2, "code=M1201&autre=+m1202+");
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.header("Location"), "/verifier?enregistre=M1202");
  auto store = server.OpenStore();
  auto offer = store->GetOffer(server.dakar_offer2);
  EXPECT_EQ(offer->occupation, "M1202");
  EXPECT_FALSE(offer->needs_review);
  EXPECT_EQ(AuditCount("offer.review", server.dakar_offer2), 1);
  Answer after = Get(supervisor, "/verifier?enregistre=M1202");
  EXPECT_EQ(after.body.find("/verifier/" + server.dakar_offer2), std::string::npos);
  // Counsellors have no review queue.
  EXPECT_EQ(Get(SignIn("counsellor"), "/verifier").status, 403);
}

TEST_F(Pages, RegisteringShowsEachErrorNextToItsFieldAndStoresScriptAsText) {
  Session session = SignIn("counsellor");
  Answer form = Get(session, "/demandeurs/nouveau");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Savoir-être"), std::string::npos);
  EXPECT_NE(form.body.find("Organisation et méthode"), std::string::npos);
  // Bad id, unknown occupation, bad number and date.
  Answer bad = Post(session, "/demandeurs/nouveau",
                    "id=bad%20id&metier=ZZ999&metier=&metier=&experience=beaucoup&disponible=31/13/2026");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"f-id-err\" class=\"erreur-champ\">L'identifiant est obligatoire"),
            std::string::npos);
  EXPECT_NE(bad.body.find("aria-describedby=\"f-metier-1-aide f-metier-1-err\" aria-invalid=\"true\""),
            std::string::npos);
  EXPECT_NE(bad.body.find("ZZ999"), std::string::npos);  // typed value kept
  EXPECT_NE(bad.body.find("id=\"f-experience-err\""), std::string::npos);
  EXPECT_NE(bad.body.find("id=\"f-dispo-err\""), std::string::npos);
  // The summary names each field and links to it.
  EXPECT_NE(bad.body.find("<a href=\"#f-metier-1\">Métier recherché 1 (code)\u00A0: «\u00A0ZZ999\u00A0»"),
            std::string::npos);
  auto store = server.OpenStore();
  EXPECT_EQ(*store->CountProfiles(), 3);

  // A valid file, with script in a free-text field.
  const std::string script = "<script>alert(1)</script>";
  Answer made = Post(session, "/demandeurs/nouveau",
                     "id=SN-2026-999001&metier=M1201&metier=&metier=&competence_code=K0092"
                     "&competence_niveau=3&competence_valide=0&savoir_etre=S003&langue_code=wo"
                     "&langue_niveau=5&experience=4,5&pays=sn&region=" + Encode(script) +
                         "&ville=Dakar&rayon=30&national=1&communaute=ECOWAS&permis=B"
                         "&disponible=07/12/2026&contrat=permanent");
  ASSERT_EQ(made.status, 303) << made.body.substr(0, 2000);
  EXPECT_EQ(made.header("Location"), "/demandeurs/SN-2026-999001?enregistre=2");
  auto profile = store->GetProfile("SN-2026-999001");
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->target_occupations, std::vector<std::string>{"M1201"});
  ASSERT_EQ(profile->skills.size(), 1u);
  EXPECT_EQ(profile->skills[0].level, 3);
  EXPECT_TRUE(profile->skills[0].validated);
  EXPECT_EQ(profile->experience_years, 4.5);
  EXPECT_EQ(profile->location.country, "SN");
  EXPECT_EQ(profile->location.region, script);
  EXPECT_EQ(profile->available_from, "2026-12-07");
  EXPECT_EQ(profile->mobility.communities, std::vector<std::string>{"ECOWAS"});
  EXPECT_EQ(*store->GetAgency(engine::AgencyRecord::kProfile, "SN-2026-999001"), "dakar");
  EXPECT_EQ(AuditCount("jobseeker.create", "SN-2026-999001"), 1);
  Answer view = Get(session, "/demandeurs/SN-2026-999001");
  EXPECT_EQ(view.body.find(script), std::string::npos);
  EXPECT_NE(view.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(view.body.find("07/12/2026"), std::string::npos);
  // The request log names routes, never a path, an id or typed text.
  server.Stop();
  const std::string log = server.Log();
  EXPECT_NE(log.find("\"route\":\"/demandeurs/{id}\""), std::string::npos);
  for (const std::string& secret : {std::string("SN-2026-999001"), std::string("alert(1)"),
                                    std::string(kPassword), std::string("Dakar")}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
}

TEST_F(Pages, AnIdAlreadyUsedIsRefusedNextToItsField) {
  Session session = SignIn("counsellor");
  Answer made = Post(session, "/demandeurs/nouveau", "id=SN-2026-999001&metier=M1201");
  ASSERT_EQ(made.status, 303);
  // The same id again is refused, next to the field.
  Answer again = Post(session, "/demandeurs/nouveau", "id=SN-2026-999001&metier=M1201");
  EXPECT_EQ(again.status, 422);
  // Also when the id belongs to another agency (said the same way).
  Answer other = Post(session, "/demandeurs/nouveau", "id=" + server.thies_profile + "&metier=M1201");
  EXPECT_EQ(other.status, 422);
  EXPECT_NE(other.body.find("Cet identifiant est déjà utilisé."), std::string::npos);
  EXPECT_NE(again.body.find("Cet identifiant est déjà utilisé."), std::string::npos);
}

TEST_F(Pages, OccupationSearchBoxProposesCodesWithConfidence) {
  Session session = SignIn("counsellor");
  httplib::Headers headers = {{"X-CSRF-Token", session.csrf}, {"HX-Request", "true"}};
  Answer answer = Post(session, "/metiers/recherche", "metier_q=comptable", false, headers);
  ASSERT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body.find("<html"), std::string::npos);  // a fragment
  EXPECT_NE(answer.body.find("data-code=\"M1201\""), std::string::npos) << answer.body;
  EXPECT_NE(answer.body.find("fiabilité"), std::string::npos);
  // One list (not one per candidate), the best first, none under 1 %.
  EXPECT_EQ(answer.body.find("<ul"), answer.body.rfind("<ul"));
  EXPECT_LT(answer.body.find("M1201"), answer.body.find("M1202"));
  EXPECT_EQ(answer.body.find(" 0" + kNbsp + "%"), std::string::npos) << answer.body;
}

TEST_F(Pages, AssetsAreServedFromTheBinary) {
  Answer htmx = server.Send("GET", "/assets/htmx.min.js");
  EXPECT_EQ(htmx.status, 200);
  EXPECT_EQ(htmx.header("Content-Type"), "text/javascript; charset=utf-8");
  // The vendored file is the version package.json pins.
  std::ifstream pin(std::string(SKILLMATCH_SOURCE_DIR) + "/tools/server/pages/package.json");
  const std::string version = nlohmann::json::parse(pin)["dependencies"]["htmx.org"];
  EXPECT_EQ(version.substr(0, 2), "2.");
  EXPECT_NE(htmx.body.find("version:\"" + version + "\""), std::string::npos);
  EXPECT_EQ(server.Send("GET", "/assets/skillmatch.css").status, 200);
  EXPECT_EQ(server.Send("GET", "/assets/nothing.js").status, 404);
  Answer page404 = server.Send("GET", "/nulle-part");
  EXPECT_EQ(page404.status, 404);
  EXPECT_NE(page404.body.find("<html lang=\"fr\">"), std::string::npos);
  // The API keeps its JSON errors.
  EXPECT_EQ(server.Send("GET", "/api/v1/nothing").json()["error"]["code"], "not_found");
}

// ---------------------------------------------------------------- Import

// A multipart/form-data body as a browser sends a file upload.
std::string Multipart(const std::vector<std::tuple<std::string, std::string, std::string>>& parts) {
  std::string body;
  for (const auto& [name, filename, content] : parts) {
    body += "--skillmatchboundary\r\nContent-Disposition: form-data; name=\"" + name + "\"";
    if (!filename.empty()) body += "; filename=\"" + filename + "\"\r\nContent-Type: text/csv";
    body += "\r\n\r\n" + content + "\r\n";
  }
  return body + "--skillmatchboundary--\r\n";
}

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(SKILLMATCH_SOURCE_DIR) + "/" + relative, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST_F(Pages, AnImportRunsFromUploadToTheRowByRowReport) {
  const std::string csv = ReadSource("data/import/national-offres.csv");
  ASSERT_FALSE(csv.empty());
  Session session = SignIn("employer_relations");
  ASSERT_EQ(Get(session, "/import").status, 200);
  auto upload = [&](const std::vector<std::tuple<std::string, std::string, std::string>>& parts,
                    bool csrf = true) {
    auto all = parts;
    if (csrf) all.emplace_back("csrf", "", session.csrf);
    httplib::Headers headers = server.SameOrigin();
    headers.emplace("Cookie", session.cookie);
    return server.Send("POST", "/import", headers, Multipart(all),
                       "multipart/form-data; boundary=skillmatchboundary");
  };
  // No CSRF token: refused, nothing imported.
  EXPECT_EQ(upload({{"fichier", "offres.csv", csv}, {"source", "", "anpe"}}, false).status, 403);
  // No file, a bad source name, a mapping that is not JSON: each next to its field.
  Answer no_file = upload({{"source", "", "anpe"}});
  EXPECT_EQ(no_file.status, 422);
  EXPECT_NE(no_file.body.find("id=\"i-fichier-err\""), std::string::npos);
  Answer bad_source = upload({{"fichier", "offres.csv", csv}, {"source", "", "a/b"}});
  EXPECT_EQ(bad_source.status, 422);
  EXPECT_NE(bad_source.body.find("id=\"i-source-err\""), std::string::npos);
  Answer bad_mapping = upload({{"fichier", "offres.csv", csv}, {"source", "", "anpe"},
                               {"correspondance", "m.json", "{pas du json"}});
  EXPECT_EQ(bad_mapping.status, 422);
  EXPECT_NE(bad_mapping.body.find("m.json n'est pas un fichier JSON lisible"), std::string::npos)
      << bad_mapping.body;
  auto store = server.OpenStore();
  auto count_offers = [&](const std::string& prefix) {
    int n = 0;
    EXPECT_TRUE(store->ForEachAgencyOffer("dakar", [&](engine::Offer&& o) {
                       if (o.id.rfind(prefix, 0) == 0) ++n;
                       return Status::Ok();
                     }).ok());
    return n;
  };
  // A dry run writes nothing.
  Answer dry = upload({{"fichier", "offres.csv", csv}, {"source", "", "anpe"}, {"essai", "", "1"}});
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_NE(dry.body.find("rien n'a été enregistré"), std::string::npos);
  EXPECT_EQ(count_offers("dakar-anpe:"), 0);
  // The import with the drafted mapping: the summary, the draft's columns.
  Answer done = upload({{"fichier", "offres.csv", csv}, {"source", "", "anpe"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("Import terminé"), std::string::npos);
  EXPECT_NE(done.body.find("<th scope=\"row\">intitule</th><td>title</td>"), std::string::npos)
      << done.body;
  const int imported = count_offers("dakar-anpe:");
  EXPECT_GT(imported, 5);
  std::smatch created;
  ASSERT_TRUE(std::regex_search(done.body, created,
                                std::regex("Offres créées</th><td class=\"nombre\">([0-9]+)<")));
  EXPECT_EQ(std::stoi(created[1]), imported);
  EXPECT_EQ(AuditCount("import.offers", "dakar-anpe"), 1);
  // The report: one line per row, downloadable by its author alone.
  std::smatch link;
  ASSERT_TRUE(std::regex_search(done.body, link, std::regex("href=\"(/import/rapports/[0-9a-f]{64})\"")));
  Answer report = Get(session, link[1]);
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(report.header("Content-Disposition"), "attachment; filename=\"rapport-offres.csv\"");
  EXPECT_EQ(report.body.rfind("file,line,outcome,offer_id,needs_review,field,message,value", 0), 0u);
  EXPECT_NE(report.body.find(",inserted,dakar-anpe:"), std::string::npos);
  EXPECT_EQ(Get(SignIn("supervisor"), link[1]).status, 404);
  EXPECT_EQ(Get(SignIn("thies"), link[1]).status, 404);
  // Imported again: unchanged, nothing new; the other agency never sees them.
  Answer again = upload({{"fichier", "offres.csv", csv}, {"source", "", "anpe"}});
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(count_offers("dakar-anpe:"), imported);
  int thies_seen = 0;
  EXPECT_TRUE(store->ForEachAgencyOffer("thies", [&](engine::Offer&& o) {
                     if (o.id.rfind("dakar-anpe:", 0) == 0) ++thies_seen;
                     return Status::Ok();
                   }).ok());
  EXPECT_EQ(thies_seen, 0);
  // With a mapping file of the PES: the same offers, as is.
  Answer mapped = upload({{"fichier", "offres.csv", csv}, {"source", "", "anpe2"},
                          {"correspondance", "national-csv.mapping.json",
                           ReadSource("data/import/national-csv.mapping.json")}});
  // (The same offers from another source: linked as duplicates, not copied.)
  ASSERT_EQ(mapped.status, 200) << mapped.body;
  EXPECT_EQ(mapped.body.find("id=\"h-brouillon\""), std::string::npos);
  std::smatch duplicates;
  ASSERT_TRUE(std::regex_search(mapped.body, duplicates,
                                std::regex("autre source</th><td class=\"nombre\">([0-9]+)<")));
  EXPECT_EQ(std::stoi(duplicates[1]) + count_offers("dakar-anpe2:"), imported) << mapped.body;
}

// ---------------------------------------------------------------- Projet de mobilité

// The server with the embedded rule pack and training catalogue, as
// `skillmatch serve` runs by default.
server::ServerOptions MobilityOptions() {
  server::ServerOptions options;
  options.rule_pack = std::string(SKILLMATCH_SOURCE_DIR) + "/data/migration/pack";
  options.training = std::string(SKILLMATCH_SOURCE_DIR) + "/data/training/catalogue.csv";
  return options;
}

// The pages' helpers, on a server given the rule pack and the training
// catalogue.
class PagesMobility : public Pages {
 protected:
  PagesMobility() : Pages(MobilityOptions()) {}

  static int Count(const std::string& text, const std::string& what) {
    int n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }
};

TEST_F(PagesMobility, CounsellorAssessesAProjectAndSeesRulesGapsAndAlternatives) {
  Session session = SignIn("counsellor");
  ASSERT_EQ(session.csrf.size(), 64u);
  const std::string base = "/demandeurs/" + server.dakar_profile + "/mobilite";
  // The dossier links to the screen.
  Answer file = Get(session, "/demandeurs/" + server.dakar_profile);
  EXPECT_NE(file.body.find("href=\"" + base + "\""), std::string::npos);
  Answer form = Get(session, base);
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.header("Cache-Control"), "no-store");
  EXPECT_NE(form.body.find("<option value=\"FR\""), std::string::npos);
  EXPECT_NE(form.body.find("Aucune décision de mobilité enregistrée."), std::string::npos);
  EXPECT_EQ(AuditCount("mobility.view", server.dakar_profile), 1);

  EXPECT_EQ(AuditCount("mobility.assess", server.dakar_profile), 0);
  Answer result = Post(session, base, "pays=FR&metier=");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.header("Cache-Control"), "no-store");
  EXPECT_EQ(AuditCount("mobility.assess", server.dakar_profile), 1);
  EXPECT_NE(result.body.find("Règles applicables"), std::string::npos);
  // Each rule with its source and date, or the plain "no route listed".
  const bool rules = result.body.find("Texte signé le") != std::string::npos;
  const bool none = result.body.find("Aucune voie listée") != std::string::npos;
  EXPECT_NE(rules, none);
  EXPECT_NE(result.body.find("Signaux de demande"), std::string::npos);
  EXPECT_NE(result.body.find("Compétences essentielles"), std::string::npos);
  EXPECT_NE(result.body.find("niveau demandé A2"), std::string::npos);  // the pack's FR level
  EXPECT_NE(result.body.find("Alternatives nationales"), std::string::npos);
  // Every national alternative of the engine (the JSON route's, same
  // server), each with its reasons; at least three on the full sample
  // (the browser test), this small store has fewer.
  Session api = server.Login("counsellor");
  Answer route = server.As(api, "GET", "/api/v1/jobseekers/" + server.dakar_profile +
                                           "/mobility?country=FR");
  ASSERT_EQ(route.status, 200);
  int national = 0;
  const nlohmann::json body = route.json();
  for (const auto& alt : body["alternatives"]) {
    if (alt["kind"] == "training") continue;
    ++national;
    for (const auto& reason : alt["reasons"]) {
      EXPECT_NE(result.body.find(pages::EscapeText(reason.get<std::string>())), std::string::npos)
          << reason;
    }
  }
  EXPECT_GE(national, 1);
  EXPECT_EQ(Count(result.body, "<li><h3>"), national) << result.body;
  EXPECT_NE(result.body.find("Imprimer la fiche conseil"), std::string::npos);
  // The destination went by POST; nothing personal in a URL of the page.
  EXPECT_EQ(result.body.find("mobilite?"), std::string::npos);

  // An unknown country or occupation: the form again, with the reason.
  Answer bad = Post(session, base, "pays=France");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Choisissez un pays de destination"), std::string::npos);
  Answer unknown = Post(session, base, "pays=FR&metier=F15");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("n'existe pas dans la nomenclature"), std::string::npos);

  // The advice sheet: printable, audited.
  Answer sheet = Post(session, base + "/fiche", "pays=FR&metier=");
  ASSERT_EQ(sheet.status, 200);
  EXPECT_NE(sheet.body.find("class=\"fiche\""), std::string::npos);
  EXPECT_NE(sheet.body.find("class=\"imprimer\""), std::string::npos);
  EXPECT_NE(sheet.body.find("Alternatives nationales"), std::string::npos);
  EXPECT_EQ(AuditCount("mobility.sheet", server.dakar_profile), 1);
}

TEST_F(PagesMobility, OtherAgenciesStatisticiansAndFormsWithoutTokenAreRefused) {
  const std::string base = "/demandeurs/" + server.dakar_profile + "/mobilite";
  Session thies = SignIn("thies");
  Answer other = Post(thies, base, "pays=FR");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find(server.dakar_profile), std::string::npos);
  EXPECT_EQ(Get(thies, base).status, 404);
  EXPECT_EQ(Post(thies, base + "/decisions", "pays=FR&choix=undecided").status, 404);
  Session statistician = SignIn("statistician");
  Answer refused = Post(statistician, base, "pays=FR");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body.find(server.dakar_profile), std::string::npos);
  Session counsellor = SignIn("counsellor");
  EXPECT_EQ(Post(counsellor, base, "pays=FR", /*csrf=*/false).status, 403);
  EXPECT_EQ(Post(counsellor, base + "/decisions", "pays=FR&choix=undecided", false).status, 403);
  EXPECT_EQ(AuditCount("mobility.assess", server.dakar_profile), 0);
  auto store = server.OpenStore();
  EXPECT_TRUE(store->ListMobilityDecisions(server.dakar_profile)->empty());
}

TEST_F(PagesMobility, DecisionAndFollowUpAreRecordedListedAndAudited) {
  Session session = SignIn("counsellor");
  const std::string base = "/demandeurs/" + server.dakar_profile + "/mobilite";
  // A choice outside the set, a detail too long: refused, nothing stored.
  EXPECT_EQ(Post(session, base + "/decisions", "pays=FR&choix=emigrate").status, 422);
  EXPECT_EQ(Post(session, base + "/decisions",
                 "pays=FR&choix=training&detail=" + std::string(501, 'x')).status, 422);
  Answer saved = Post(session, base + "/decisions",
                      "pays=FR&metier=&choix=training&detail=" + Encode("<b>TR-001</b>"));
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto store = server.OpenStore();
  auto decisions = store->ListMobilityDecisions(server.dakar_profile);
  ASSERT_EQ(decisions->size(), 1u);
  const engine::MobilityDecision d = (*decisions)[0];
  EXPECT_EQ(d.choice, "training");
  EXPECT_EQ(d.destination, "FR");
  EXPECT_EQ(d.counsellor, "counsellor");
  EXPECT_FALSE(d.occupation.empty());  // the person's first target
  EXPECT_EQ(saved.header("Location"), base + "?enregistre=" + std::to_string(d.id));
  EXPECT_EQ(AuditCount("mobility.decide", server.dakar_profile), 1);
  Answer listed = Get(session, saved.header("Location"));
  ASSERT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find("Décision n°"), std::string::npos);
  EXPECT_NE(listed.body.find("&lt;b&gt;TR-001&lt;/b&gt;"), std::string::npos);  // escaped
  EXPECT_EQ(listed.body.find("<b>TR-001"), std::string::npos);

  const std::string number = std::to_string(d.id);
  EXPECT_EQ(Post(session, base + "/suivi", "decision=" + number + "&mois=4&resultat=seeking").status, 422);
  EXPECT_EQ(Post(session, base + "/suivi", "decision=" + number + "&mois=3&resultat=rich").status, 422);
  EXPECT_EQ(Post(session, base + "/suivi", "decision=999999&mois=3&resultat=seeking").status, 404);
  Answer followed = Post(session, base + "/suivi", "decision=" + number + "&mois=3&resultat=in-training");
  ASSERT_EQ(followed.status, 303);
  Answer six = Post(session, base + "/suivi", "decision=" + number + "&mois=6&resultat=employed-home");
  ASSERT_EQ(six.status, 303);
  decisions = store->ListMobilityDecisions(server.dakar_profile);
  EXPECT_EQ((*decisions)[0].outcome_3m, "in-training");
  EXPECT_EQ((*decisions)[0].outcome_6m, "employed-home");
  EXPECT_EQ(AuditCount("mobility.follow-up", server.dakar_profile), 2);
  Answer page = Get(session, base);
  EXPECT_NE(page.body.find("En formation"), std::string::npos);
  EXPECT_NE(page.body.find("En emploi au pays"), std::string::npos);
  // Another agency's counsellor cannot follow it up through its own
  // jobseeker's path.
  Session thies = SignIn("thies");
  EXPECT_EQ(Post(thies, "/demandeurs/" + server.thies_profile + "/mobilite/suivi",
                 "decision=" + number + "&mois=3&resultat=unknown").status, 404);
  EXPECT_EQ(store->ListMobilityDecisions(server.dakar_profile)->at(0).outcome_3m, "in-training");
}

// ---------------------------------------------------------------- Statistiques

// A minimal RFC 4180 reader for the exports (labels may hold commas).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// The store of the statistics tests, 2025, national (every spell in Dakar
// or Thiès), written out so that one occupation has few jobseekers:
//
//   occupation  jobseekers registered (the 5th of month 1 + i % 12)   offers
//   F1701       12, every other one exits to work 2 months later      14
//   F1702       10, idem                                              12
//   F1703        8, idem                                              10
//   A1401        3 (under the threshold of 5: every count of them      6
//                is suppressed, and what would give them back)
//
// Offers are published the 10th of month 1 + i % 12, every third one
// closed as filled on the 28th; every offer asks for skill T0001, which
// the first jobseeker of each occupation holds.
class PagesStatistics : public Pages {
 protected:
  void SetUp() override {
    auto store = server.OpenStore();
    ASSERT_NE(store, nullptr);
    const std::vector<std::tuple<std::string, int, int>> plan = {
        {"F1701", 12, 14}, {"F1702", 10, 12}, {"F1703", 8, 10}, {"A1401", 3, 6}};
    auto day = [](int month, int dom) {
      char text[16];
      std::snprintf(text, sizeof text, "2025-%02d-%02d", month, dom);
      return std::string(text);
    };
    for (const auto& [code, people, offers] : plan) {
      for (int i = 0; i < people; ++i) {
        engine::Profile p;
        p.id = "STAT-" + code + "-J" + std::to_string(i);
        p.target_occupations = {code};
        p.location = {"SN", i % 2 ? "Dakar" : "Thiès", "", std::nullopt, std::nullopt};
        p.registered = day(1 + i % 12, 5);
        if (i % 2 == 0 && 1 + i % 12 <= 10) {
          p.exited = day(3 + i % 12, 5);
          p.exit_reason = std::string(engine::kExitEmployment);
        }
        if (i == 0) p.skills = {{"T0001", 2, false}};
        ASSERT_TRUE(store->UpsertProfile(p).ok()) << p.id;
        person_ids.push_back(p.id);
      }
      for (int i = 0; i < offers; ++i) {
        engine::Offer o;
        o.id = "STAT-" + code + "-O" + std::to_string(i);
        o.title = "Offre " + code;
        o.occupation = code;
        o.location = {"SN", i % 2 ? "Dakar" : "Thiès", "", std::nullopt, std::nullopt};
        o.published = day(1 + i % 12, 10);
        if (i % 3 == 0) {
          o.closed = day(1 + i % 12, 28);
          o.closing_reason = std::string(engine::kClosingFilled);
        }
        o.skills = {{"T0001", true, 0}};
        ASSERT_TRUE(store->UpsertOffer(o).ok()) << o.id;
      }
    }
    for (const std::string& id :
         {server.dakar_profile, server.dakar_profile2, server.thies_profile}) {
      person_ids.push_back(id);
    }
  }
  // No jobseeker's id anywhere in `text`.
  void ExpectNoPerson(const std::string& text, const std::string& what) {
    for (const std::string& id : person_ids) {
      EXPECT_EQ(text.find(id), std::string::npos) << what << " names " << id;
    }
  }
  std::vector<std::string> person_ids;
};

TEST_F(PagesStatistics, TheStatisticianSeesTheTablesWithSmallCellsSuppressed) {
  Session session = SignIn("statistician");
  ASSERT_EQ(session.status, 303);
  Answer home = Get(session, "/accueil");
  EXPECT_NE(home.body.find("href=\"/statistiques\""), std::string::npos);

  Answer page = Get(session, "/statistiques?de=2025-01&a=2025-12");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("Cache-Control"), "no-store");
  const std::string& body = page.body;
  // The tension table of the rolling 12 months, every occupation levelled.
  EXPECT_NE(body.find("Niveau de tension par métier, du 01/01/2025 au 31/12/2025"),
            std::string::npos) << body;
  EXPECT_NE(body.find("<th scope=\"col\" class=\"nombre\">Niveau</th>"), std::string::npos);
  EXPECT_EQ(body.find("hiring_difficulty"), std::string::npos);  // named in French
  // The period, the sources and the legend are stated.
  EXPECT_NE(body.find("Période couverte" + kNbsp + ": du 01/01/2025 au 31/12/2025."),
            std::string::npos);
  EXPECT_NE(body.find("Sources comptées" + kNbsp + ": offres de pes"), std::string::npos);
  EXPECT_NE(body.find("s" + kNbsp + ": secret statistique"), std::string::npos);
  EXPECT_NE(body.find("id=\"stats-durations\""), std::string::npos);
  EXPECT_NE(body.find("id=\"stats-skills\""), std::string::npos);
  EXPECT_NE(body.find("href=\"/statistiques/export/tension?de=2025-01&amp;a=2025-12\""),
            std::string::npos);

  // The skills table: A1401's 3 jobseekers are "s", never a figure under 5.
  const size_t skills_at = body.find("id=\"stats-skills\"");
  ASSERT_NE(skills_at, std::string::npos);
  const std::string skills = body.substr(skills_at);
  std::vector<std::string> headers;
  static const std::regex th("<th scope=\"col\"[^>]*>([^<]*)</th>");
  for (std::sregex_iterator it(skills.begin(), skills.end(), th), end; it != end; ++it) {
    headers.push_back((*it)[1]);
  }
  const auto people_col = std::find(headers.begin(), headers.end(), "Demandeurs");
  ASSERT_NE(people_col, headers.end());
  static const std::regex tr("<tr><th scope=\"row\">([^<]*)</th>(.*?)</tr>");
  static const std::regex td("<td class=\"[^\"]*\">([^<]*)(<sup>[^<]*</sup>)?</td>");
  int a1401_rows = 0, rows = 0;
  for (std::sregex_iterator it(skills.begin(), skills.end(), tr), end; it != end; ++it) {
    std::vector<std::string> cells = {(*it)[1]};
    const std::string rest = (*it)[2];
    for (std::sregex_iterator c(rest.begin(), rest.end(), td); c != end; ++c) {
      cells.push_back((*c)[1]);
    }
    ASSERT_EQ(cells.size(), headers.size()) << (*it)[0];
    const std::string people = cells[people_col - headers.begin()];
    ++rows;
    if (cells[0] == "A1401") {
      ++a1401_rows;
      EXPECT_EQ(people, "s");
    }  // another may be "s" too: the secondary suppression protecting it
    for (const char* small : {"1", "2", "3", "4"}) EXPECT_NE(people, small) << cells[0];
  }
  EXPECT_EQ(rows, 4);  // one skill asked for, four occupations
  EXPECT_EQ(a1401_rows, 1);
  EXPECT_NE(body.find("<td class=\"nombre secret\">s</td>"), std::string::npos);
  ExpectNoPerson(body, "the page");
}

TEST_F(PagesStatistics, ExportsAreTheCsvOfEachTableWithSmallCountsSuppressed) {
  Session session = SignIn("statistician");
  const std::vector<std::string> person_columns = {"new_jobseekers", "exits_to_work",
                                                   "jobseekers_end", "jobseekers",
                                                   "jobseekers_holding"};
  int suppressed = 0;
  for (const std::string table : {"cube", "tension", "durations", "skills"}) {
    Answer csv = Get(session, "/statistiques/export/" + table + "?de=2025-01&a=2025-12");
    ASSERT_EQ(csv.status, 200) << table << csv.body;
    EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv.header("Content-Disposition"),
              "attachment; filename=\"statistiques-" + table + "-2025-01-2025-12.csv\"");
    ExpectNoPerson(csv.body, table);
    const auto rows = ParseCsv(csv.body);
    ASSERT_GE(rows.size(), 2u) << table;
    const auto& header = rows[0];
    EXPECT_NE(std::find(header.begin(), header.end(), "window"), header.end());
    EXPECT_NE(std::find(header.begin(), header.end(), "sources"), header.end());
    for (size_t r = 1; r < rows.size(); ++r) {
      ASSERT_EQ(rows[r].size(), header.size()) << table << " row " << r;
      for (size_t c = 0; c < header.size(); ++c) {
        if (std::find(person_columns.begin(), person_columns.end(), header[c]) ==
            person_columns.end()) {
          continue;
        }
        const std::string& v = rows[r][c];
        if (v == "s") ++suppressed;
        for (const char* small : {"1", "2", "3", "4"}) {
          EXPECT_NE(v, small) << table << " row " << r << " " << header[c];
        }
      }
    }
    if (table == "skills") {
      const int occupation = static_cast<int>(
          std::find(header.begin(), header.end(), "occupation") - header.begin());
      const int people = static_cast<int>(
          std::find(header.begin(), header.end(), "jobseekers") - header.begin());
      bool seen = false;
      for (size_t r = 1; r < rows.size(); ++r) {
        if (rows[r][occupation] != "A1401") continue;
        seen = true;
        EXPECT_EQ(rows[r][people], "s");
      }
      EXPECT_TRUE(seen);
    }
  }
  EXPECT_GT(suppressed, 0);
  Answer unknown = Get(session, "/statistiques/export/jobseekers?de=2025-01&a=2025-12");
  EXPECT_EQ(unknown.status, 404);
}

TEST_F(PagesStatistics, TheDashboardIsServedWithItsStyleAllowedByHashAndNoScript) {
  Session session = SignIn("statistician");
  Answer dashboard = Get(session, "/statistiques/tableau-de-bord?de=2025-01&a=2025-12");
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  EXPECT_EQ(dashboard.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(dashboard.body.find("Statistiques du marché du travail"), std::string::npos);
  EXPECT_EQ(dashboard.body.find("<script"), std::string::npos);
  // One policy, the dashboard's: nothing fetched, its one style by hash.
  EXPECT_EQ(dashboard.headers.count("Content-Security-Policy"), 1u);
  const std::string csp = dashboard.header("Content-Security-Policy");
  EXPECT_EQ(csp.find("default-src 'none'; style-src 'sha256-"), 0u) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(dashboard.header("Cache-Control"), "no-store");
  EXPECT_EQ(dashboard.header("X-Content-Type-Options"), "nosniff");
  ExpectNoPerson(dashboard.body, "the dashboard");
  // Other pages keep the server's policy.
  Answer page = Get(session, "/statistiques");
  EXPECT_EQ(page.headers.count("Content-Security-Policy"), 1u);
  EXPECT_NE(page.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
}

TEST_F(PagesStatistics, AMonthMistypedIsSaidInFrenchAndOtherRolesAreRefused) {
  Session session = SignIn("statistician");
  Answer bad = Get(session, "/statistiques?de=2025-13&a=2025-12");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Un mois s'écrit AAAA-MM"), std::string::npos);
  EXPECT_EQ(bad.body.find("id=\"stats-tension\""), std::string::npos);
  Answer order = Get(session, "/statistiques?de=2025-12&a=2025-01");
  EXPECT_EQ(order.status, 400);
  EXPECT_EQ(Get(session, "/statistiques/export/tension?de=x").status, 400);
  // Aggregates are the statistician's (roles.cc: the statistics capability).
  for (const char* login : {"counsellor", "employer_relations", "supervisor", "admin", "auditor"}) {
    Session other = SignIn(login);
    ASSERT_EQ(other.status, 303) << login;
    for (const char* path : {"/statistiques", "/statistiques/tableau-de-bord",
                             "/statistiques/export/tension"}) {
      Answer refused = Get(other, path);
      EXPECT_EQ(refused.status, 403) << login << " " << path;
      EXPECT_EQ(refused.body.find("Tensions par métier"), std::string::npos);
    }
    EXPECT_EQ(Get(other, "/accueil").body.find("href=\"/statistiques\""), std::string::npos)
        << login;
  }
  Answer anonymous = server.Send("GET", "/statistiques/export/cube");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.body.find("occupation"), std::string::npos);
}

// ---------------------------------------------------------------- Réorientation

// The pages' helpers on a server with the training catalogue; the card of
// one close occupation cut out of the page.
class PagesReorientation : public Pages {
 protected:
  PagesReorientation() : Pages(MobilityOptions()) {}

  std::string Base() const { return "/demandeurs/" + server.dakar_profile + "/reorientation"; }

  // The <li> of the card whose heading names `code`, "" when none.
  static std::string Card(const std::string& page, const std::string& code) {
    size_t at = page.find("<span class=\"code\">(" + code + ")</span></h2>");
    if (at == std::string::npos) return "";
    const size_t start = page.rfind("<li class=\"carte\"", at);
    const size_t end = page.find("\n</li>\n", at);
    return page.substr(start, end - start);
  }
  // The texts of the <li> of the list following `heading` in `html`.
  static std::vector<std::string> ListAfter(const std::string& html, const std::string& heading) {
    std::vector<std::string> out;
    size_t at = html.find("<h3>" + heading + "</h3>");
    if (at == std::string::npos) return out;
    const size_t end = html.find("</div>", at);
    static const std::regex item("<li>([^<]*)</li>");
    const std::string part = html.substr(at, end - at);
    for (std::sregex_iterator it(part.begin(), part.end(), item), stop; it != stop; ++it) {
      std::string text = (*it)[1];
      for (const auto& [from, to] : {std::pair{"&#39;", "'"}, std::pair{"&quot;", "\""},
                                     std::pair{"&lt;", "<"}, std::pair{"&gt;", ">"},
                                     std::pair{"&amp;", "&"}}) {
        for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) {
          text.replace(at, std::string(from).size(), to);
        }
      }
      out.push_back(text);
    }
    return out;
  }
};

TEST_F(PagesReorientation, CloseOccupationsShowTheirSourceCoverageOffersAndSkillsToAcquire) {
  Session session = SignIn("counsellor");
  // Linked from the file and from the recommended offers.
  const std::string link = "href=\"" + Base() + "\"";
  EXPECT_NE(Get(session, "/demandeurs/" + server.dakar_profile).body.find(link), std::string::npos);
  EXPECT_NE(Get(session, "/demandeurs/" + server.dakar_profile + "/offres").body.find(link),
            std::string::npos);
  // Offers of the agency for Carrelage (F1604): one open, one expired, one
  // closed; one open in another agency. Only the first counts.
  {
    auto store = server.OpenStore();
    Result<engine::Offer> model = store->GetOffer(server.dakar_offer);
    ASSERT_TRUE(model.ok());
    auto add = [&](const std::string& id, const std::string& agency, auto change) {
      engine::Offer offer = *model;
      offer.id = id;
      offer.source_ref = id;
      offer.occupation = "F1604";
      offer.expires.reset();
      offer.closed.reset();
      offer.closing_reason.clear();
      change(offer);
      ASSERT_TRUE(store->UpsertOffer(offer).ok()) << id;
      ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kOffer, id, agency).ok());
    };
    add("REO-OPEN", "dakar", [](engine::Offer&) {});
    add("REO-EXPIRED", "dakar", [](engine::Offer& o) { o.expires = "2026-06-30"; });
    add("REO-CLOSED", "dakar", [](engine::Offer& o) {
      o.published = "2026-01-05";
      o.closed = "2026-02-01";
      o.closing_reason = "withdrawn";
    });
    add("REO-THIES", "thies", [](engine::Offer&) {});
  }
  EXPECT_EQ(AuditCount("jobseeker.reorientation", server.dakar_profile), 0);
  Answer page = Get(session, Base());
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("Cache-Control"), "no-store");
  EXPECT_EQ(AuditCount("jobseeker.reorientation", server.dakar_profile), 1);
  // Both sources are named; the person's own occupations are not proposed.
  EXPECT_NE(page.body.find("fiche ROME" + kNbsp + ": mobilité proche"), std::string::npos);
  EXPECT_NE(page.body.find("compétences communes avec"), std::string::npos);
  auto store = server.OpenStore();
  Result<engine::Profile> profile = store->GetProfile(server.dakar_profile);
  ASSERT_TRUE(profile.ok());
  for (const std::string& own : profile->target_occupations) EXPECT_EQ(Card(page.body, own), "") << own;
  for (const auto& past : profile->past_occupations) EXPECT_EQ(Card(page.body, past.code), "");

  const std::string card = Card(page.body, "F1604");
  ASSERT_FALSE(card.empty()) << page.body;
  EXPECT_NE(card.find("1 offre ouverte dans l'agence pour ce métier."), std::string::npos) << card;
  // The coverage as a number in French ("62 %"), beside the bar.
  static const std::regex coverage("<strong>[0-9]{1,3}" + kNbsp + "% des compétences du métier</strong>");
  EXPECT_TRUE(std::regex_search(card, coverage)) << card;
  // The skills to acquire, computed here from the taxonomy: the
  // occupation's skills the person does not declare, essential first, then
  // by weight, then by id.
  const auto& taxonomy = SampleTaxonomy();
  std::set<std::string> declared;
  for (const auto& claim : profile->skills) declared.insert(claim.skill_id);
  for (const auto& claim : profile->soft_skills) declared.insert(claim.skill_id);
  struct Expected {
    bool essential;
    float weight;
    std::string id;
  };
  std::vector<Expected> expected;
  for (const auto& link : taxonomy.SkillsOf(taxonomy.FindNode("F1604"))) {
    const std::string& id = taxonomy.skill(link.skill).id;
    if (declared.count(id)) continue;
    expected.push_back({link.relation == classification::SkillRelation::kEssential,
                        link.EffectiveWeight(), id});
  }
  std::sort(expected.begin(), expected.end(), [](const Expected& a, const Expected& b) {
    if (a.essential != b.essential) return a.essential;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.id < b.id;
  });
  ASSERT_FALSE(expected.empty());
  std::vector<std::string> wanted;
  for (const Expected& e : expected) {
    const std::string label = taxonomy.SkillName(taxonomy.FindSkill(e.id), "fr");
    wanted.push_back(label + " (" + (e.essential ? "indispensable" : "souhaitée") + ")");
  }
  EXPECT_EQ(ListAfter(card, "Compétences à acquérir"), wanted) << card;
  // A training of the catalogue for what is missing, with what it brings.
  EXPECT_NE(card.find("Apporte"), std::string::npos) << card;
  // The form keeps the occupation by POST, with the token.
  EXPECT_NE(card.find("<input type=\"hidden\" name=\"metier\" value=\"F1604\">"), std::string::npos);
  EXPECT_NE(card.find("name=\"csrf\" value=\"" + session.csrf + "\""), std::string::npos);
  // The printable version: the print layout, no form, audited apart.
  Answer sheet = Get(session, Base() + "/fiche");
  ASSERT_EQ(sheet.status, 200);
  EXPECT_NE(sheet.body.find("class=\"imprimer\""), std::string::npos);
  EXPECT_EQ(sheet.body.find("name=\"metier\""), std::string::npos);
  EXPECT_NE(sheet.body.find("(F1604)"), std::string::npos);
  EXPECT_EQ(AuditCount("jobseeker.reorientation.sheet", server.dakar_profile), 1);
}

TEST_F(PagesReorientation, OtherAgenciesAndRolesWithoutTheRightSeeNothing) {
  Session thies = SignIn("thies");
  Answer other = Get(thies, Base());
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find(server.dakar_profile), std::string::npos);
  EXPECT_EQ(Get(thies, Base() + "/fiche").status, 404);
  EXPECT_EQ(Post(thies, Base() + "/cible", "metier=F1604").status, 404);
  for (const char* login : {"employer_relations", "statistician", "auditor", "admin"}) {
    Session session = SignIn(login);
    Answer refused = Get(session, Base());
    EXPECT_EQ(refused.status, 403) << login;
    EXPECT_EQ(refused.body.find("Carrelage"), std::string::npos) << login;
    EXPECT_EQ(Post(session, Base() + "/cible", "metier=F1604").status, 403) << login;
  }
  EXPECT_EQ(AuditCount("jobseeker.reorientation", server.dakar_profile), 0);
  auto store = server.OpenStore();
  EXPECT_EQ(store->GetProfile(server.dakar_profile)->target_occupations.size(), 2u);
}

TEST_F(PagesReorientation, AnOccupationKeptAsATargetIsWrittenOnlyWithTheTokenAndAudited) {
  Session session = SignIn("counsellor");
  const std::string add = Base() + "/cible";
  auto targets = [&] {
    return server.OpenStore()->GetProfile(server.dakar_profile)->target_occupations;
  };
  const std::vector<std::string> before = targets();
  ASSERT_EQ(before.size(), 2u);
  // No token, another session's token, another site: refused, nothing written.
  EXPECT_EQ(Post(session, add, "metier=F1604", /*csrf=*/false).status, 403);
  Session other = SignIn("supervisor");
  EXPECT_EQ(Post(session, add, "metier=F1604&csrf=" + other.csrf, false).status, 403);
  EXPECT_EQ(Post(session, add, "metier=F1604", true, {{"Origin", "https://evil.example"}}).status, 403);
  EXPECT_EQ(targets(), before);
  // An unknown code, a domain instead of an occupation, one already targeted.
  Answer unknown = Post(session, add, "metier=Z9999");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("n'existe pas dans la nomenclature"), std::string::npos);
  EXPECT_EQ(Post(session, add, "metier=F").status, 422);
  Answer already = Post(session, add, "metier=" + before[0]);
  EXPECT_EQ(already.status, 422);
  EXPECT_NE(already.body.find("déjà un métier visé"), std::string::npos);
  EXPECT_EQ(targets(), before);
  EXPECT_EQ(AuditCount("jobseeker.reorientation.target", server.dakar_profile), 0);
  // Kept: a third target, audited; the page says so and proposes it no more.
  Answer kept = Post(session, add, "metier=F1604");
  ASSERT_EQ(kept.status, 303) << kept.body;
  EXPECT_EQ(kept.header("Location"), Base() + "?ajoute=1");
  std::vector<std::string> after = before;
  after.push_back("F1604");
  EXPECT_EQ(targets(), after);
  EXPECT_EQ(AuditCount("jobseeker.reorientation.target", server.dakar_profile), 1);
  Answer page = Get(session, Base() + "?ajoute=1");
  EXPECT_NE(page.body.find("ajouté aux métiers visés"), std::string::npos);
  EXPECT_EQ(Card(page.body, "F1604"), "");
  // The file lists it; the edit form's three fields hold the three.
  EXPECT_NE(Get(session, "/demandeurs/" + server.dakar_profile).body.find("(F1604)"),
            std::string::npos);
  // A fourth would be lost by the edit form's three fields: refused, and
  // the page offers no more form.
  EXPECT_EQ(page.body.find("name=\"metier\""), std::string::npos);
  Answer full = Post(session, add, "metier=F1705");
  EXPECT_EQ(full.status, 422);
  EXPECT_NE(full.body.find("déjà 3 métiers visés"), std::string::npos);
  EXPECT_EQ(targets(), after);
}

}  // namespace
}  // namespace skillmatch::testing
