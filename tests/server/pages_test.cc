// The pages (tools/server/pages): the escaping layer attacked with
// injections, the French formatting, the catalogue, and the pages through
// the running server (login, CSRF, Origin, roles, agencies, audit,
// no-store, validation next to the field).
#include <gtest/gtest.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <map>
#include <ctime>
#include <regex>
#include <set>
#include <thread>

#include "pages/french.h"
#include "pages/html.h"
#include "pages/kit.h"
#include "pages/messages.h"
#include "pages/pages.h"
#include "server/pages_fixture.h"
#include "skillmatch/model/geography.h"

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
  EXPECT_EQ(pages::FormatTimestamp("2026-12-07T14:05:09Z"), "07/12/2026 14:05:09 UTC");
  EXPECT_EQ(pages::FormatTimestamp("2026-12-07"), "2026-12-07");
  EXPECT_EQ(pages::FormatTimestamp("2026-12-07 14:05:09"), "2026-12-07 14:05:09");
  EXPECT_EQ(pages::FormatTimestamp("hier"), "hier");
}

TEST(PagesFrench, NoBreakSpacesBeforeHighPunctuation) {
  EXPECT_EQ(pages::FrenchTypography("Motif : oui ; non ! Vraiment ?"),
            "Motif" + kNbsp + ": oui" + kNarrow + "; non" + kNarrow + "! Vraiment" + kNarrow + "?");
  EXPECT_EQ(pages::FrenchTypography("« chauffeur »"), "«" + kNbsp + "chauffeur" + kNbsp + "»");
  // A time or a URL keeps its colon.
  EXPECT_EQ(pages::FrenchTypography("à 14:05, http://x"), "à 14:05, http://x");
}

// Two entries with one id: the map keeps the last, so one screen showed
// the other's text ("Projet de mobilité" as the file's mobility label).
TEST(PagesMessages, NoIdTwice) {
  const pages::Message twice[] = {{"a", "un"}, {"b", "deux"}, {"a", "trois"}};
  const pages::Catalogue catalogue("fr", twice, 3);
  EXPECT_EQ(catalogue.Duplicates(), std::vector<std::string>{"a"});
  EXPECT_EQ(pages::French().Duplicates(), std::vector<std::string>{});
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

class Pages : public PagesFixture {
 protected:
  using PagesFixture::PagesFixture;
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

// An upload answers at once with a redirection to the import's page
// (303): polls its state as the page does, until htmx's "stop" (286), then
// reads the page. Any other answer is returned as is.
Answer AwaitImport(TestServer& server, const std::string& cookie, const Answer& posted) {
  if (posted.status != 303) return posted;
  const std::string page = posted.header("Location");
  EXPECT_EQ(page.rfind("/import/suivi/", 0), 0u) << page;
  httplib::Headers headers{{"Cookie", cookie}, {"HX-Request", "true"}};
  for (int attempt = 0; attempt < 1200; ++attempt) {
    Answer state = server.Send("GET", page + "/etat", headers);
    if (state.status == 286) break;
    EXPECT_EQ(state.status, 200) << state.body;
    if (state.status != 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return server.Send("GET", page, {{"Cookie", cookie}});
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
    return AwaitImport(server, session.cookie,
                       server.Send("POST", "/import", headers, Multipart(all),
                                   "multipart/form-data; boundary=skillmatchboundary"));
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
  EXPECT_EQ(report.body.rfind("file,line,outcome,offer_id,needs_review,field,message,value,code", 0), 0u);
  EXPECT_NE(report.body.find(",inserted,dakar-anpe:"), std::string::npos);
  // The agency's supervisor sees the agency's imports and their reports.
  EXPECT_EQ(Get(SignIn("supervisor"), link[1]).status, 200);
  EXPECT_EQ(Get(SignIn("counsellor"), link[1]).status, 404);
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
  // A title naming two jobs: the second is a line of the report, in French.
  std::string two_jobs = csv;
  const size_t mason = two_jobs.find(";Maçon qualifié;");
  ASSERT_NE(mason, std::string::npos);
  two_jobs.replace(mason, std::string(";Maçon qualifié;").size(), ";Maçon / Plombier;");
  Answer several = upload({{"fichier", "offres.csv", two_jobs}, {"source", "", "anpe3"},
                           {"correspondance", "national-csv.mapping.json",
                            ReadSource("data/import/national-csv.mapping.json")}});
  ASSERT_EQ(several.status, 200) << several.body;
  ASSERT_TRUE(std::regex_search(several.body, link,
                                std::regex("href=\"(/import/rapports/[0-9a-f]{64})\"")));
  const std::string lines = Get(session, link[1]).body;
  EXPECT_NE(lines.find("\noffres.csv,4,other_coding,dakar-anpe3:ANPEJ-TH-2026-0102,1,intitule,"
                       "\"offres.csv:4:intitule: l'intitulé nomme aussi «\u00a0Plombier\u00a0»\u00a0: F1602 "
                       "Plomberie et installations sanitaires (confiance 1,00)\",Plombier,\n"),
            std::string::npos)
      << lines;
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

// The offers proposed are the caller's agency's, the best of them: when
// other agencies hold the offers that fit best, the agency's next ones are
// proposed (the page used to drop them after choosing the best three of
// the country, and proposed none), and the page says how many fit
// elsewhere and where.
TEST_F(PagesMobility, OffersOfOtherAgenciesAreCountedNotProposed) {
  Session session = SignIn("counsellor");
  const std::string base = "/demandeurs/" + server.dakar_profile + "/mobilite";
  auto store = server.OpenStore();
  auto proposed = [&]() {
    Answer result = Post(session, base, "pays=FR&metier=");
    EXPECT_EQ(result.status, 200) << result.body;
    std::vector<std::string> ids;
    static const std::regex link("<p><a href=\"/offres/([^\"]+)\">");
    for (auto it = std::sregex_iterator(result.body.begin(), result.body.end(), link);
         it != std::sregex_iterator(); ++it) {
      ids.push_back((*it)[1]);
    }
    return std::pair{ids, result.body};
  };
  // Offers made for the person (the occupation sought, the skills held, at
  // home, open on the server's day 2027-01-15), in the agency, before the
  // first assessment builds the market: FIT-1 to FIT-3 ask exactly the
  // skills held, FIT-4 one more, so it fits less.
  Result<engine::Profile> person = store->GetProfile(server.dakar_profile);
  ASSERT_TRUE(person.ok());
  ASSERT_FALSE(person->target_occupations.empty());
  ASSERT_GE(person->skills.size(), 2u);
  Result<engine::Offer> model = store->GetOffer(server.dakar_offer);
  ASSERT_TRUE(model.ok());
  for (const std::string id : {"FIT-1", "FIT-2", "FIT-3", "FIT-4"}) {
    engine::Offer offer = *model;
    offer.id = id;
    offer.source_ref = id;
    offer.occupation = person->target_occupations[0];
    offer.location = person->location;
    offer.international = false;
    offer.published = "2027-01-02";
    offer.expires.reset();
    offer.closed.reset();
    offer.closing_reason.clear();
    offer.hired.clear();
    offer.skills.clear();
    for (const engine::SkillClaim& claim : person->skills) {
      offer.skills.push_back({claim.skill_id, true, 0});
    }
    if (id == "FIT-4") offer.skills.push_back({"T9999-not-held", true, 0});
    ASSERT_TRUE(store->UpsertOffer(offer).ok());
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kOffer, id, "dakar").ok());
  }
  // All in the agency: the three best proposed, nothing said of others.
  const auto [all, all_page] = proposed();
  ASSERT_EQ(all.size(), 3u) << all_page;
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()),
            (std::set<std::string>{"FIT-1", "FIT-2", "FIT-3"}));
  EXPECT_EQ(all_page.find("class=\"consigne\">"), std::string::npos);
  // Those three followed by Thiès: the agency's FIT-4 proposed, the three
  // counted with their agency, none of them on the page.
  for (const std::string& id : all) {
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kOffer, id, "thies").ok());
  }
  const auto [some, some_page] = proposed();
  EXPECT_EQ(some, std::vector<std::string>{"FIT-4"}) << some_page;
  EXPECT_NE(some_page.find("<p class=\"consigne\">3 autres offres ouvertes qui correspondent au "
                           "profil sont suivies par d'autres agences" + kNbsp + ": thies (3)."),
            std::string::npos)
      << some_page;
  for (const std::string& id : all) EXPECT_EQ(some_page.find(id), std::string::npos) << id;
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
  // The agency's open offer, and every agency's (Thiès's too): counts only.
  EXPECT_NE(card.find("1 offre ouverte dans l'agence pour ce métier, 2 dans l'ensemble des "
                      "agences."),
            std::string::npos)
      << card;
  EXPECT_EQ(card.find("REO-THIES"), std::string::npos);
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

// ---------------------------------------------------------------- Fiche offre: register and edit

// The day part of a new offer's id, from the fixture's clock.
std::string IdDay() {
  std::time_t t = 1'800'000'000;  // TestServer's clock
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[16];
  std::strftime(out, sizeof out, "%Y%m%d", &tm);
  return out;
}

TEST_F(Pages, OfferFormIsRefusedToRolesWithoutOfferWriteAndOtherAgencies) {
  for (const char* login : {"statistician", "admin", "auditor"}) {
    Session session = SignIn(login);
    EXPECT_EQ(Get(session, "/offres/nouvelle").status, 403) << login;
    EXPECT_EQ(Post(session, "/offres/nouvelle", "titre=Comptable&metier=M1201").status, 403) << login;
    EXPECT_EQ(Get(session, "/offres/" + server.dakar_offer + "/modifier").status, 403) << login;
    EXPECT_EQ(Post(session, "/offres/metier", "titre=comptable").status, 403) << login;
  }
  Session relations = SignIn("employer_relations");
  // Another agency's offer: 404 as a missing one, for the form and the save.
  Answer other = Get(relations, "/offres/" + server.thies_offer + "/modifier");
  Answer missing = Get(relations, "/offres/NO-SUCH-OFFER/modifier");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(other.body, missing.body);
  auto store = server.OpenStore();
  const engine::Offer before = *store->GetOffer(server.thies_offer);
  EXPECT_EQ(Post(relations, "/offres/" + server.thies_offer + "/modifier",
                 "titre=Pirate&metier=M1201&postes=1")
                .status,
            404);
  EXPECT_EQ(*store->GetOffer(server.thies_offer), before);
  // Without the session's token, or from another site: nothing written.
  const int64_t offers = *store->CountOffers();
  Answer no_token = Post(relations, "/offres/nouvelle", "titre=Comptable&metier=M1201", false);
  EXPECT_EQ(no_token.status, 403);
  Answer foreign = Post(relations, "/offres/nouvelle", "titre=Comptable&metier=M1201", true,
                        {{"Origin", "https://evil.example"}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(*store->CountOffers(), offers);
  EXPECT_EQ(AuditCount("offer.create", "dakar-saisie:" + IdDay() + "-1"), 0);
  // The link from the home page of a role with offer-write, and from the fiche offre.
  EXPECT_NE(Get(relations, "/accueil").body.find("href=\"/offres/nouvelle\""), std::string::npos);
  EXPECT_EQ(Get(SignIn("statistician"), "/accueil").body.find("/offres/nouvelle"), std::string::npos);
  EXPECT_NE(Get(relations, "/offres/" + server.dakar_offer)
                .body.find("href=\"/offres/" + server.dakar_offer + "/modifier\""),
            std::string::npos);
}

TEST_F(Pages, OfferFormShowsEachRefusedFieldBesideItAndKeepsTheTypedValues) {
  Session session = SignIn("employer_relations");
  Answer form = Get(session, "/offres/nouvelle");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("hx-trigger=\"input changed delay:400ms\""), std::string::npos);
  EXPECT_NE(form.body.find("Sénégal (SN)"), std::string::npos);  // data/geography
  auto store = server.OpenStore();
  const int64_t offers = *store->CountOffers();
  Answer bad = Post(session, "/offres/nouvelle",
                    "titre=&employeur=" + Encode("Hôtel <Teranga>") +
                        "&postes=0&expire=31/13/2026&experience=beaucoup"
                        "&langue_code=FR&langue_niveau=4&pays=SN&contrat=forever");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(*store->CountOffers(), offers);
  for (const auto& [anchor, err] : std::vector<std::pair<std::string, std::string>>{
           {"f-titre", "f-titre-err"}, {"f-postes", "f-postes-err"}, {"f-expire", "f-expire-err"},
           {"f-experience", "f-experience-err"}, {"f-langue-1-code", "f-langue-1-err"},
           {"f-contrat", "f-contrat-err"}}) {
    EXPECT_NE(bad.body.find("id=\"" + err + "\" class=\"erreur-champ\""), std::string::npos) << err;
    // Tied to its field, and linked from the summary at the top.
    EXPECT_TRUE(std::regex_search(bad.body, std::regex("aria-describedby=\"[^\"]*" + err + "\"")))
        << err;
    EXPECT_NE(bad.body.find("<a href=\"#" + anchor + "\">"), std::string::npos) << anchor;
  }
  EXPECT_NE(bad.body.find("id=\"f-metier-err\""), std::string::npos);  // no occupation chosen
  // The model's own check, worded in French beside the field.
  EXPECT_NE(bad.body.find("Un nombre entier de postes, 1 au moins, est attendu."), std::string::npos);
  EXPECT_NE(bad.body.find("Une date JJ/MM/AAAA est attendue"), std::string::npos);
  // Values come back as typed, escaped.
  EXPECT_NE(bad.body.find("value=\"Hôtel &lt;Teranga&gt;\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"31/13/2026\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"beaucoup\""), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"FR\""), std::string::npos);
  // The same document refused by the API's POST /api/v1/offers, which uses
  // the same check: positions 0 is refused there too.
  nlohmann::json body = {{"id", "X-1"}, {"title", "Comptable"}, {"occupation", "M1201"},
                         {"positions", 0}};
  Answer api = server.Send("POST", "/api/v1/offers",
                           {{"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf},
                            {"Origin", server.SameOrigin().begin()->second}},
                           body.dump());
  EXPECT_EQ(api.status, 422);
  EXPECT_NE(api.body.find("positions"), std::string::npos);
}

TEST_F(Pages, AnOfferIsRegisteredAsTypedInItsAgencyAndAudited) {
  Session session = SignIn("employer_relations");
  const auto& taxonomy = SampleTaxonomy();
  auto node = taxonomy.FindNode("M1201");
  ASSERT_NE(node, classification::kNoNode);
  std::vector<std::string> essential, optional;
  for (const auto& link : taxonomy.SkillsOf(node)) {
    (link.relation == classification::SkillRelation::kEssential ? essential : optional)
        .push_back(taxonomy.skills()[link.skill].id);
  }
  ASSERT_FALSE(essential.empty());
  const std::string script = "<script>alert(1)</script>";
  std::string body = "titre=" + Encode("Comptable confirmé") + "&employeur=" + Encode("Cabinet Ndiaye") +
                     "&metier=M1201&competence=" + essential[0] + "&exigence_" + essential[0] +
                     "=exigee";
  if (!optional.empty()) {
    body += "&competence=" + optional[0] + "&exigence_" + optional[0] + "=souhaitee";
  }
  body += "&langue_code=fr&langue_niveau=4&langue_code=wo&langue_niveau=3&langue_code=&langue_niveau=3"
          "&niveau_etudes=5&experience=2,5&pays=SN&region=Dakar&ville=Dakar&contrat=fixed_term"
          "&postes=3&expire=28/02/2027&permis=B&description=" + Encode(script);
  Answer made = Post(session, "/offres/nouvelle", body);
  ASSERT_EQ(made.status, 303) << made.body.substr(0, 3000);
  const std::string id = "dakar-saisie:" + IdDay() + "-1";
  EXPECT_EQ(made.header("Location"), "/offres/" + id + "?enregistre=2");
  auto store = server.OpenStore();
  auto offer = store->GetOffer(id);
  ASSERT_TRUE(offer.ok()) << offer.status().message();
  EXPECT_EQ(offer->title, "Comptable confirmé");
  EXPECT_EQ(offer->employer, "Cabinet Ndiaye");
  EXPECT_EQ(offer->source, "dakar-saisie");
  EXPECT_EQ(offer->source_ref, IdDay() + "-1");
  EXPECT_EQ(offer->occupation, "M1201");
  EXPECT_FALSE(offer->needs_review);
  ASSERT_GE(offer->skills.size() + offer->soft_skills.size(), optional.empty() ? 1u : 2u);
  std::map<std::string, bool> required;
  for (const auto& r : offer->skills) required[r.skill_id] = r.essential;
  for (const auto& r : offer->soft_skills) required[r.skill_id] = r.essential;
  EXPECT_TRUE(required.at(essential[0]));
  if (!optional.empty()) EXPECT_FALSE(required.at(optional[0]));
  ASSERT_EQ(offer->languages.size(), 2u);
  EXPECT_EQ(offer->languages[0].code, "fr");
  EXPECT_EQ(offer->languages[0].level, 4);
  EXPECT_EQ(offer->languages[1].code, "wo");
  EXPECT_EQ(offer->min_education, 5);
  EXPECT_EQ(offer->min_experience_years, 2.5);
  EXPECT_EQ(offer->location.country, "SN");
  EXPECT_EQ(offer->location.region, "Dakar");
  EXPECT_EQ(offer->location.city, "Dakar");
  const engine::GeoCity* dakar = engine::Geography::Embedded().FindCity("SN", "Dakar");
  ASSERT_NE(dakar, nullptr);
  EXPECT_EQ(offer->location.lat, dakar->lat);
  EXPECT_EQ(offer->location.lon, dakar->lon);
  EXPECT_EQ(offer->contract, engine::ContractType::kFixedTerm);
  EXPECT_EQ(offer->positions, 3);
  EXPECT_EQ(offer->expires, "2027-02-28");
  EXPECT_EQ(offer->licences_required, std::vector<std::string>{"B"});
  EXPECT_EQ(offer->description, script);
  EXPECT_EQ(*store->GetAgency(engine::AgencyRecord::kOffer, id), "dakar");
  EXPECT_EQ(AuditCount("offer.create", id), 1);
  // The fiche offre shows it, the script as text.
  Answer page = Get(session, "/offres/" + id + "?enregistre=2");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("L'offre " + id + " est enregistrée."), std::string::npos);
  EXPECT_EQ(page.body.find(script), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  // A second offer of the day takes the next number; a counsellor of
  // another agency cannot see either.
  Answer second = Post(session, "/offres/nouvelle", "titre=Comptable&metier=M1201&postes=1");
  ASSERT_EQ(second.status, 303);
  EXPECT_EQ(second.header("Location"), "/offres/dakar-saisie:" + IdDay() + "-2?enregistre=2");
  Session thies = SignIn("thies");
  EXPECT_EQ(Get(thies, "/offres/" + id).status, 404);
}

TEST_F(Pages, EditingAnOfferKeepsWhatTheFormDoesNotShowAndIsAudited) {
  Session session = SignIn("counsellor");
  auto store = server.OpenStore();
  const engine::Offer before = *store->GetOffer(server.dakar_offer);
  Answer form = Get(session, "/offres/" + server.dakar_offer + "/modifier");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"" + before.title + "\""), std::string::npos);
  // The stored occupation is the chosen radio.
  EXPECT_NE(form.body.find("value=\"" + before.occupation + "\" checked"), std::string::npos);
  // Read the form's own fields back, change the title and positions.
  std::string body = "titre=" + Encode("Nouvel intitulé") + "&metier=" + before.occupation +
                     "&postes=7&pays=" + before.location.country;
  for (const auto& r : before.skills) {
    body += "&competence=" + r.skill_id + "&exigence_" + r.skill_id + (r.essential ? "=exigee" : "=souhaitee");
  }
  for (const auto& r : before.soft_skills) {
    body += "&competence=" + r.skill_id + "&exigence_" + r.skill_id + (r.essential ? "=exigee" : "=souhaitee");
  }
  Answer saved = Post(session, "/offres/" + server.dakar_offer + "/modifier", body);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
  engine::Offer after = *store->GetOffer(server.dakar_offer);
  EXPECT_EQ(after.title, "Nouvel intitulé");
  EXPECT_EQ(after.positions, 7);
  EXPECT_EQ(after.skills, before.skills);
  EXPECT_EQ(after.soft_skills, before.soft_skills);
  // Kept: what the form does not show.
  EXPECT_EQ(after.source, before.source);
  EXPECT_EQ(after.published, before.published);
  EXPECT_EQ(after.salary_min, before.salary_min);
  EXPECT_EQ(after.salary_currency, before.salary_currency);
  EXPECT_EQ(AuditCount("offer.update", server.dakar_offer), 1);
  // A refused edit changes nothing.
  Answer bad = Post(session, "/offres/" + server.dakar_offer + "/modifier",
                    "titre=X&metier=ZZ999&postes=1");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("id=\"f-metier-err\""), std::string::npos);
  EXPECT_EQ(*store->GetOffer(server.dakar_offer), after);
  EXPECT_EQ(AuditCount("offer.update", server.dakar_offer), 1);
}

TEST_F(Pages, TheTitleIsCodedAsTypedAndTheOccupationsSkillsAreSuggested) {
  Session session = SignIn("employer_relations");
  httplib::Headers headers = {{"X-CSRF-Token", session.csrf}, {"HX-Request", "true"}};
  Answer coded = Post(session, "/offres/metier", "titre=comptable", false, headers);
  ASSERT_EQ(coded.status, 200);
  EXPECT_EQ(coded.body.find("<html"), std::string::npos);
  EXPECT_NE(coded.body.find("type=\"radio\" name=\"metier\" value=\"M1201\""), std::string::npos)
      << coded.body;
  EXPECT_NE(coded.body.find("fiabilité"), std::string::npos);
  EXPECT_NE(coded.body.find("hx-post=\"/offres/competences\""), std::string::npos);
  // The chosen code stays checked while the title changes.
  Answer kept = Post(session, "/offres/metier", "titre=chauffeur&metier=M1201", false, headers);
  EXPECT_NE(kept.body.find("value=\"M1201\" checked"), std::string::npos) << kept.body;

  const auto& taxonomy = SampleTaxonomy();
  auto node = taxonomy.FindNode("M1201");
  std::vector<std::string> essential, optional;
  for (const auto& link : taxonomy.SkillsOf(node)) {
    (link.relation == classification::SkillRelation::kEssential ? essential : optional)
        .push_back(taxonomy.skills()[link.skill].id);
  }
  Answer skills = Post(session, "/offres/competences", "metier=M1201", false, headers);
  ASSERT_EQ(skills.status, 200);
  size_t last_essential = 0, first_optional = std::string::npos;
  for (const std::string& id : essential) {
    const size_t at = skills.body.find("value=\"" + id + "\"");
    ASSERT_NE(at, std::string::npos) << id;
    last_essential = std::max(last_essential, at);
  }
  for (const std::string& id : optional) {
    const size_t at = skills.body.find("value=\"" + id + "\"");
    ASSERT_NE(at, std::string::npos) << id;
    first_optional = std::min(first_optional, at);
  }
  if (!optional.empty()) EXPECT_LT(last_essential, first_optional);
  EXPECT_NE(skills.body.find("<caption>"), std::string::npos);
  EXPECT_NE(skills.body.find("souhaitée"), std::string::npos);
  // A skill found by the search is added checked, the others kept.
  std::string other;
  for (const auto& skill : taxonomy.skills()) {
    if (std::find(essential.begin(), essential.end(), skill.id) == essential.end() &&
        std::find(optional.begin(), optional.end(), skill.id) == optional.end()) {
      other = skill.id;
      break;
    }
  }
  ASSERT_FALSE(other.empty());
  const std::string name = taxonomy.SkillName(taxonomy.FindSkill(other), taxonomy.main_language());
  Answer found = Post(session, "/offres/competences/recherche", "competence_q=" + Encode(name), false, headers);
  EXPECT_NE(found.body.find("/offres/competences?ajout=" + other), std::string::npos) << found.body;
  Answer added = server.Send("POST", "/offres/competences?ajout=" + other,
                             {{"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf},
                              {"HX-Request", "true"}, {"Origin", server.SameOrigin().begin()->second}},
                             "metier=M1201&competence=" + essential[0],
                             "application/x-www-form-urlencoded");
  ASSERT_EQ(added.status, 200);
  EXPECT_NE(added.body.find("value=\"" + other + "\" checked"), std::string::npos);
  EXPECT_NE(added.body.find("value=\"" + essential[0] + "\" checked"), std::string::npos);
}

TEST_F(Pages, TheShortlistMovesFromProposedToPresentedToRetained) {
  Session counsellor = SignIn("counsellor");
  Session relations = SignIn("employer_relations");
  const std::string stages = "/offres/" + server.dakar_offer + "/etapes";
  // Not yet on the shortlist: employer-relations staff cannot present.
  EXPECT_EQ(Post(relations, stages, "demandeur=" + server.dakar_profile2 + "&statut=presented").status,
            404);
  // Proposing stays the counsellor's.
  EXPECT_EQ(Post(relations, stages, "demandeur=" + server.dakar_profile2 + "&statut=proposed").status,
            403);
  ASSERT_EQ(Post(counsellor, stages, "demandeur=" + server.dakar_profile2 + "&statut=proposed").status,
            303);
  Answer page = Get(relations, "/offres/" + server.dakar_offer);
  EXPECT_NE(page.body.find("Présenter " + server.dakar_profile2 + " à l'employeur"), std::string::npos);
  EXPECT_NE(page.body.find("présenté à l'employeur"), std::string::npos);  // the legend
  // Without the token: refused, nothing recorded.
  EXPECT_EQ(Post(relations, stages, "demandeur=" + server.dakar_profile2 + "&statut=presented", false)
                .status,
            403);
  Answer presented = Post(relations, stages, "demandeur=" + server.dakar_profile2 + "&statut=presented");
  EXPECT_EQ(presented.status, 303);
  Answer after = Get(relations, "/offres/" + server.dakar_offer);
  EXPECT_NE(after.body.find("<td>présenté à l'employeur</td>"), std::string::npos);
  EXPECT_NE(after.body.find(server.dakar_profile2 + " retenu par l'employeur"), std::string::npos);
  EXPECT_NE(after.body.find("Motif du refus de " + server.dakar_profile2), std::string::npos);
  // A refusal needs its reason; a jobseeker of another agency is not found.
  EXPECT_EQ(Post(relations, stages, "demandeur=" + server.dakar_profile2 + "&statut=refused").status,
            422);
  EXPECT_EQ(Post(relations, stages, "demandeur=" + server.thies_profile + "&statut=accepted").status,
            404);
  EXPECT_EQ(Post(relations, stages, "demandeur=" + server.dakar_profile2 + "&statut=accepted").status,
            303);
  auto store = server.OpenStore();
  auto decisions = store->ListDecisions({server.dakar_profile2, server.dakar_offer});
  ASSERT_EQ(decisions->size(), 3u);
  EXPECT_EQ((*decisions)[0].status, "proposed");
  EXPECT_EQ((*decisions)[1].status, "presented");
  EXPECT_EQ((*decisions)[1].counsellor, "employer_relations");
  EXPECT_EQ((*decisions)[2].status, "accepted");
  EXPECT_EQ(AuditCount("decision.create", server.dakar_profile2), 3);
  // The API records the fourth status too.
  nlohmann::json body = {{"jobseeker", server.dakar_profile}, {"offer", server.dakar_offer},
                         {"status", "presented"}};
  Answer api = server.Send("POST", "/api/v1/decisions",
                           {{"Cookie", counsellor.cookie}, {"X-CSRF-Token", counsellor.csrf},
                            {"Origin", server.SameOrigin().begin()->second}},
                           body.dump());
  EXPECT_EQ(api.status, 201) << api.body;
}

// ---------------------------------------------------------------- Suivi: notes, next actions, assignment (page_notes.cc)

// The note id of a redirection "/demandeurs/X?enregistre=3#note-N".
int64_t NoteOf(const Answer& answer) {
  const std::string location = answer.header("Location");
  const size_t at = location.find("#note-");
  return at == std::string::npos ? 0 : std::stoll(location.substr(at + 6));
}

// The fixture's clock: 1'800'000'000 s = 15/01/2027.
TEST_F(Pages, ACounsellorWritesADatedNoteWithANextActionFindsItOnTheHomePageAndMarksItDone) {
  Session session = SignIn("counsellor");
  const std::string file = "/demandeurs/" + server.dakar_profile;
  Answer first = Post(session, file + "/notes", "texte=" + Encode("Entretien : veut conduire des bus"));
  ASSERT_EQ(first.status, 303) << first.body;
  const std::string secret = "Rappeler M. Ndiaye au 77 000 00 00";
  Answer second = Post(session, file + "/notes",
                       "texte=" + Encode("Appel de l'employeur\r\nà rappeler") + "&action=" +
                           Encode(secret) + "&echeance=15%2F01%2F2027");
  ASSERT_EQ(second.status, 303);
  const int64_t note = NoteOf(second);
  ASSERT_GT(note, NoteOf(first));
  EXPECT_EQ(second.header("Location"),
            file + "?enregistre=3#note-" + std::to_string(note));
  EXPECT_EQ(AuditCount("jobseeker.note", server.dakar_profile), 2);

  // The file: newest first, dated, with its author and the action due.
  Answer view = Get(session, file + "?enregistre=3");
  ASSERT_EQ(view.status, 200);
  EXPECT_NE(view.body.find("La note est enregistrée."), std::string::npos);
  const size_t newest = view.body.find("id=\"note-" + std::to_string(note) + "\"");
  const size_t oldest = view.body.find("id=\"note-" + std::to_string(NoteOf(first)) + "\"");
  ASSERT_NE(newest, std::string::npos);
  ASSERT_NE(oldest, std::string::npos);
  EXPECT_LT(newest, oldest);
  EXPECT_NE(view.body.find("Le 15/01/2027 par counsellor"), std::string::npos);
  EXPECT_NE(view.body.find("Appel de l'employeur\nà rappeler"), std::string::npos);
  EXPECT_NE(view.body.find("échéance le 15/01/2027"), std::string::npos);
  EXPECT_NE(view.body.find("<em>aujourd'hui</em>"), std::string::npos);

  // The home page: the action is due today, the jobseeker (nobody's) is in
  // the agency's list without counsellor.
  Answer home = Get(session, "/accueil");
  ASSERT_EQ(home.status, 200);
  const size_t actions = home.body.find("Actions à faire");
  ASSERT_NE(actions, std::string::npos);
  EXPECT_NE(home.body.find(secret, actions), std::string::npos);
  EXPECT_NE(home.body.find("Demandeurs de l'agence sans conseiller attitré"), std::string::npos);

  // "Fait" through htmx: the section comes back, the focus on that note.
  httplib::Headers htmx = {{"HX-Request", "true"}};
  Answer done = Post(session, file + "/notes/fait", "note=" + std::to_string(note), true, htmx);
  ASSERT_EQ(done.status, 200);
  EXPECT_EQ(done.body.find("<html"), std::string::npos);  // a fragment
  EXPECT_NE(done.body.find("id=\"note-" + std::to_string(note) + "\" class=\"note\" tabindex=\"-1\" data-focus=\"1\""),
            std::string::npos);
  EXPECT_NE(done.body.find("Faite le 15/01/2027 par counsellor"), std::string::npos);
  EXPECT_EQ(AuditCount("jobseeker.note", server.dakar_profile), 3);
  // Twice: said, nothing changes.
  Answer again = Post(session, file + "/notes/fait", "note=" + std::to_string(note), true, htmx);
  EXPECT_NE(again.body.find("Cette action est déjà faite."), std::string::npos);
  EXPECT_EQ(AuditCount("jobseeker.note", server.dakar_profile), 3);
  Answer after = Get(session, "/accueil");
  EXPECT_EQ(after.body.find(secret), std::string::npos);
  EXPECT_NE(after.body.find("Aucune action à faire aujourd'hui."), std::string::npos);
  // A note without action has nothing to close.
  Answer plain = Post(session, file + "/notes/fait", "note=" + std::to_string(NoteOf(first)), true, htmx);
  EXPECT_NE(plain.body.find("Cette action est déjà faite."), std::string::npos);

  // Nothing of the notes in the request log.
  server.Stop();
  const std::string log = server.Log();
  EXPECT_NE(log.find("/demandeurs/{id}/notes"), std::string::npos);
  EXPECT_EQ(log.find("Ndiaye"), std::string::npos);
  EXPECT_EQ(log.find("veut conduire"), std::string::npos);
}

TEST_F(Pages, NotesAreRefusedWithTheirMessageNextToTheField) {
  Session session = SignIn("counsellor");
  const std::string path = "/demandeurs/" + server.dakar_profile + "/notes";
  struct Case {
    std::string body;
    std::string field;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"texte=", "n-texte", "Écrivez la note."},
      {"texte=%20%0D%0A", "n-texte", "Écrivez la note."},
      {"texte=caf%E9", "n-texte", "Le texte contient des caractères illisibles"},
      {"texte=a%00b", "n-texte", "Le texte contient des caractères de contrôle"},
      {"texte=" + std::string(2001, 'a'), "n-texte", "La note dépasse 2" + kNarrow + "000 caractères (2" + kNarrow + "001)."},
      {"texte=ok&action=" + std::string(201, 'b'), "n-action", "L'action dépasse 200 caractères (201)."},
      {"texte=ok&action=Appeler", "n-echeance", "Indiquez l'échéance de l'action."},
      {"texte=ok&echeance=20%2F01%2F2027", "n-echeance", "Une échéance va avec une action"},
      {"texte=ok&action=Appeler&echeance=31%2F02%2F2027", "n-echeance", "Date non reconnue"},
      {"texte=ok&action=Appeler&echeance=14%2F01%2F2027", "n-echeance", "L'échéance est déjà passée"},
  };
  for (const Case& c : cases) {
    Answer answer = Post(session, path, c.body);
    EXPECT_EQ(answer.status, 422) << c.body;
    EXPECT_NE(answer.body.find("id=\"" + c.field + "-err\" class=\"erreur-champ\">" + c.message),
              std::string::npos)
        << c.body.substr(0, 60) << "\n"
        << answer.body.substr(std::min(answer.body.size(), answer.body.find("erreur-champ")), 200);
    EXPECT_NE(answer.body.find("aria-describedby=\"" + c.field + "-aide " + c.field + "-err\" aria-invalid=\"true\""),
              std::string::npos)
        << c.body;
    // A whole page without script; htmx gets the section.
    EXPECT_NE(answer.body.find("Notes du dossier " + server.dakar_profile), std::string::npos);
  }
  // The bad bytes are not echoed back (the page stays UTF-8).
  Answer bad = Post(session, path, "texte=caf%E9", true, {{"HX-Request", "true"}});
  EXPECT_EQ(bad.status, 200);  // htmx swaps only 2xx answers
  EXPECT_EQ(bad.body.find("caf\xE9"), std::string::npos);
  EXPECT_NE(bad.body.find("role=\"alert\" tabindex=\"-1\" id=\"n-erreurs\""), std::string::npos);
  auto store = server.OpenStore();
  EXPECT_TRUE(store->ListNotes(server.dakar_profile)->empty());
  EXPECT_EQ(AuditCount("jobseeker.note", server.dakar_profile), 0);
}

TEST_F(Pages, NotesOfAnotherAgencyCsrfAndRolesAreRefused) {
  auto store = server.OpenStore();
  auto thies = store->GetAccount("thies");
  ASSERT_TRUE(thies.ok());
  engine::Note theirs;
  theirs.profile_id = server.thies_profile;
  theirs.agency = "thies";
  theirs.author = thies->id;
  theirs.text = "note de Thiès";
  theirs.action = "Rappeler";
  theirs.due = "2027-01-15";
  auto their_note = store->AddNote(theirs);
  ASSERT_TRUE(their_note.ok());

  Session session = SignIn("counsellor");
  // Another agency's jobseeker: 404, as a missing one.
  Answer other = Post(session, "/demandeurs/" + server.thies_profile + "/notes", "texte=intrus");
  EXPECT_EQ(other.status, 404);
  Answer missing = Post(session, "/demandeurs/NO-SUCH-ID/notes", "texte=intrus");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(other.body, missing.body);
  // Their note, closed through our jobseeker's path: 404, still open.
  Answer cross = Post(session, "/demandeurs/" + server.dakar_profile + "/notes/fait",
                      "note=" + std::to_string(*their_note));
  EXPECT_EQ(cross.status, 404);
  Answer junk = Post(session, "/demandeurs/" + server.dakar_profile + "/notes/fait", "note=1%20OR%201");
  EXPECT_EQ(junk.status, 404);
  EXPECT_EQ(store->GetNote(*their_note)->done_at, "");
  // Their note is not on our home page, nor on our file.
  EXPECT_EQ(Get(session, "/accueil").body.find("note de Thiès"), std::string::npos);
  // No CSRF token, another site: refused, nothing written.
  Answer no_token = Post(session, "/demandeurs/" + server.dakar_profile + "/notes", "texte=sans", false);
  EXPECT_EQ(no_token.status, 403);
  Answer foreign = Post(session, "/demandeurs/" + server.dakar_profile + "/notes", "texte=ailleurs",
                        true, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(foreign.status, 403);
  // The statistician, the admin, the employer-relations officer: 403.
  for (const char* login : {"statistician", "admin", "employer_relations", "auditor"}) {
    Session other_role = SignIn(login);
    Answer answer = Post(other_role, "/demandeurs/" + server.dakar_profile + "/notes", "texte=x");
    EXPECT_EQ(answer.status, 403) << login;
    Answer done = Post(other_role, "/demandeurs/" + server.dakar_profile + "/notes/fait", "note=1");
    EXPECT_EQ(done.status, 403) << login;
  }
  EXPECT_TRUE(store->ListNotes(server.dakar_profile)->empty());
}

TEST_F(Pages, ARegisteredJobseekerIsTheCounsellorsAndASupervisorReassignsHim) {
  Session counsellor = SignIn("counsellor");
  Answer made = Post(counsellor, "/demandeurs/nouveau", "id=SN-2026-777001&metier=M1201");
  ASSERT_EQ(made.status, 303) << made.body;
  auto store = server.OpenStore();
  auto mine = store->ListAssignments({"SN-2026-777001", 0, "", 0});
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].login, "counsellor");
  Answer home = Get(counsellor, "/accueil");
  const size_t followed = home.body.find("Les demandeurs d'emploi que vous suivez (1)");
  ASSERT_NE(followed, std::string::npos);
  EXPECT_LT(home.body.find("SN-2026-777001", followed),
            home.body.find("Demandeurs de l'agence sans conseiller attitré"));
  Answer file = Get(counsellor, "/demandeurs/SN-2026-777001");
  EXPECT_NE(file.body.find("counsellor, depuis le 15/01/2027"), std::string::npos);
  EXPECT_EQ(file.body.find("name=\"conseiller\""), std::string::npos);  // no select for a counsellor

  // A second counsellor in the agency, one disabled, one elsewhere.
  for (auto [login, agency, disabled] : {std::tuple{"aminata", "dakar", false},
                                         std::tuple{"ancien", "dakar", true}}) {
    engine::Account a;
    a.login = login;
    a.role = "counsellor";
    a.agency = agency;
    a.password_hash = "x";
    a.disabled = disabled;
    ASSERT_TRUE(store->AddAccount(a).ok());
  }
  // A counsellor may not reassign.
  Answer refused = Post(counsellor, "/demandeurs/SN-2026-777001/conseiller", "conseiller=aminata");
  EXPECT_EQ(refused.status, 403);

  Session supervisor = SignIn("supervisor");
  Answer supervised = Get(supervisor, "/demandeurs/SN-2026-777001");
  EXPECT_NE(supervised.body.find("<option value=\"aminata\">aminata</option>"), std::string::npos);
  EXPECT_NE(supervised.body.find("<option value=\"counsellor\" selected>counsellor</option>"),
            std::string::npos);
  EXPECT_EQ(supervised.body.find("value=\"ancien\""), std::string::npos);
  EXPECT_EQ(supervised.body.find("value=\"thies\""), std::string::npos);
  for (const char* bad : {"thies", "ancien", "supervisor", "nobody", ""}) {
    Answer answer = Post(supervisor, "/demandeurs/SN-2026-777001/conseiller",
                         std::string("conseiller=") + bad);
    EXPECT_EQ(answer.status, 422) << bad;
    EXPECT_NE(answer.body.find("id=\"n-conseiller-err\" class=\"erreur-champ\">Choisissez un conseiller actif"),
              std::string::npos)
        << bad;
  }
  EXPECT_EQ(AuditCount("jobseeker.assign", "SN-2026-777001"), 0);
  Answer moved = Post(supervisor, "/demandeurs/SN-2026-777001/conseiller", "conseiller=aminata");
  EXPECT_EQ(moved.status, 303);
  EXPECT_EQ(moved.header("Location"), "/demandeurs/SN-2026-777001?enregistre=5");
  EXPECT_EQ(AuditCount("jobseeker.assign", "SN-2026-777001"), 1);
  EXPECT_EQ((*store->ListAssignments({"SN-2026-777001", 0, "", 0}))[0].login, "aminata");
  // Another agency's jobseeker: 404.
  Answer other = Post(supervisor, "/demandeurs/" + server.thies_profile + "/conseiller",
                      "conseiller=aminata");
  EXPECT_EQ(other.status, 404);
  // The supervisor's home: the agency's jobseekers with their counsellor.
  Answer board = Get(supervisor, "/accueil");
  EXPECT_NE(board.body.find("<th scope=\"col\">Conseiller</th>"), std::string::npos);
  EXPECT_NE(board.body.find("<td>aminata</td>"), std::string::npos);
  // The first counsellor no longer lists him.
  Answer before = Get(counsellor, "/accueil");
  EXPECT_NE(before.body.find("Aucun demandeur ne vous est attribué."), std::string::npos);
}

TEST_F(Pages, TheNotesApiHasTheRulesOfThePages) {
  Session counsellor = server.Login("counsellor");
  const std::string path = "/api/v1/jobseekers/" + server.dakar_profile + "/notes";
  Answer added = server.As(counsellor, "POST", path,
                           R"({"text":"Entretien","action":"Envoyer le CV","due":"2027-01-20"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const int64_t id = added.json()["id"];
  ASSERT_EQ(server.As(counsellor, "POST", path, R"({"text":"Plus récente"})").status, 201);
  EXPECT_EQ(AuditCount("jobseeker.note", server.dakar_profile), 2);
  Answer list = server.As(counsellor, "GET", path);
  ASSERT_EQ(list.status, 200);
  auto notes = list.json()["notes"];
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0]["text"], "Plus récente");
  EXPECT_FALSE(notes[0].contains("action"));
  EXPECT_EQ(notes[1]["id"], id);
  EXPECT_EQ(notes[1]["author"], "counsellor");
  EXPECT_EQ(notes[1]["due"], "2027-01-20");
  EXPECT_TRUE(notes[1]["done_at"].is_null());
  EXPECT_EQ(notes[1]["written_at"], "2027-01-15T08:00:00Z");
  struct Case {
    std::string body;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{{R"({})", "text"},
                                         {R"({"text":""})", "text"},
                                         {R"({"text":7})", "text"},
                                         {"{\"text\":\"" + std::string(2001, 'a') + "\"}", "text"},
                                         {R"({"text":"a\u0007b"})", "text"},
                                         {R"({"text":"ok","action":"x"})", "due"},
                                         {R"({"text":"ok","due":"2027-01-20"})", "due"},
                                         {R"({"text":"ok","action":"x","due":"20/01/2027"})", "due"},
                                         {R"({"text":"ok","action":"x","due":"2027-01-14"})", "due"}}) {
    Answer answer = server.As(counsellor, "POST", path, c.body);
    EXPECT_EQ(answer.status, 422) << c.body;
    EXPECT_EQ(answer.json()["error"]["field"], c.field) << c.body;
  }
  // Invalid UTF-8 never reaches the store: the JSON parser refuses it.
  Answer bytes = server.As(counsellor, "POST", path, "{\"text\":\"caf\xE9\"}");
  EXPECT_EQ(bytes.status, 400);
  // Another agency's jobseeker, a statistician, no CSRF token.
  const std::string theirs = "/api/v1/jobseekers/" + server.thies_profile + "/notes";
  EXPECT_EQ(server.As(counsellor, "GET", theirs).status, 404);
  EXPECT_EQ(server.As(counsellor, "POST", theirs, R"({"text":"x"})").status, 404);
  Session statistician = server.Login("statistician");
  EXPECT_EQ(server.As(statistician, "GET", path).status, 403);
  EXPECT_EQ(server.As(statistician, "POST", path, R"({"text":"x"})").status, 403);
  Session forged = counsellor;
  forged.csrf = std::string(64, 'a');
  EXPECT_EQ(server.As(forged, "POST", path, R"({"text":"x"})").status, 403);
  auto store = server.OpenStore();
  EXPECT_EQ(store->ListNotes(server.dakar_profile)->size(), 2u);
  EXPECT_TRUE(store->ListNotes(server.thies_profile)->empty());
}


TEST_F(Pages, PastOccupationsHaveTheirOwnSearchBox) {
  Session session = SignIn("counsellor");
  Answer form = Get(session, "/demandeurs/" + server.dakar_profile + "/modifier");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<div class=\"recherche-metier\" data-champs=\"code-passe\">"),
            std::string::npos);
  EXPECT_NE(form.body.find("<label for=\"f-passe-q\">Chercher un métier exercé</label>"),
            std::string::npos);
  EXPECT_NE(form.body.find("id=\"f-passe-1-code\" name=\"passe_code\" type=\"text\""),
            std::string::npos);
  EXPECT_NE(form.body.find("class=\"code-passe\""), std::string::npos);
  // The box's field goes to the coder as the targets' does.
  Answer found = Post(session, "/metiers/recherche", "passe_q=" + Encode("comptable"), true,
                      {{"HX-Request", "true"}});
  ASSERT_EQ(found.status, 200);
  EXPECT_NE(found.body.find("class=\"choisir-metier\" data-code=\"M1201\""), std::string::npos)
      << found.body;
}

// ---------------------------------------------------------------- Import: progress, French, 413

// Imports held at their start until the test opens the gate (the server's
// test hook import_before_run), so that the running state can be read.
struct ImportGate {
  std::mutex mutex;
  std::condition_variable opened_cv;
  bool opened = false;
  int waiting = 0;
  void Wait() {
    std::unique_lock<std::mutex> lock(mutex);
    ++waiting;
    opened_cv.wait(lock, [&] { return opened; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mutex);
    opened = true;
    opened_cv.notify_all();
  }
};

server::ServerOptions GatedOptions(const std::shared_ptr<ImportGate>& gate) {
  server::ServerOptions options;
  options.import_before_run = [gate](const std::string&) { gate->Wait(); };
  return options;
}

class PagesImport : public Pages {
 protected:
  PagesImport() : PagesImport(std::make_shared<ImportGate>()) {}
  explicit PagesImport(std::shared_ptr<ImportGate> gate) : Pages(GatedOptions(gate)), gate(gate) {}
  ~PagesImport() override { gate->Open(); }

  Answer Upload(const Session& session,
                const std::vector<std::tuple<std::string, std::string, std::string>>& parts) {
    auto all = parts;
    all.emplace_back("csrf", "", session.csrf);
    httplib::Headers headers = server.SameOrigin();
    headers.emplace("Cookie", session.cookie);
    return server.Send("POST", "/import", headers, Multipart(all),
                       "multipart/form-data; boundary=skillmatchboundary");
  }
  Answer State(const Session& session, const std::string& page) {
    return server.Send("GET", page + "/etat", {{"Cookie", session.cookie}, {"HX-Request", "true"}});
  }
  // The state fragment once the job has finished (polled every 50 ms, a
  // minute at most): 286, or what ended the polling.
  Answer Finished(const Session& session, const std::string& page) {
    Answer last;
    for (int attempt = 0; attempt < 1200; ++attempt) {
      last = State(session, page);
      if (last.status != 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return last;
  }

  std::shared_ptr<ImportGate> gate;
};

TEST_F(PagesImport, TheProgressShowsWhileItRunsThenTheSummaryAndOnlyToItsAuthor) {
  const std::string csv = ReadSource("data/import/national-offres.csv");
  Session session = SignIn("employer_relations");
  Answer started = Upload(session, {{"fichier", "offres.csv", csv}, {"source", "", "anpe"}});
  ASSERT_EQ(started.status, 303) << started.body;
  const std::string page = started.header("Location");
  ASSERT_TRUE(std::regex_match(page, std::regex("/import/suivi/[0-9a-f]{64}"))) << page;
  // Running (held at its start): the progress bar with its text value,
  // the counts so far (0 takes the singular), polled every second.
  Answer running = State(session, page);
  ASSERT_EQ(running.status, 200) << running.body;
  EXPECT_NE(running.body.find("<progress id=\"import-avance\" max=\"100\" value=\"0\""), std::string::npos)
      << running.body;
  EXPECT_NE(running.body.find(">0" + kNbsp + "%</progress>"), std::string::npos) << running.body;
  EXPECT_NE(running.body.find("0 ligne traitée (le fichier compte"), std::string::npos) << running.body;
  EXPECT_EQ(running.body.find("role=\"status\""), std::string::npos);  // no focus theft while polling
  Answer whole = Get(session, page);
  ASSERT_EQ(whole.status, 200);
  EXPECT_NE(whole.body.find("hx-get=\"" + page + "/etat\" hx-trigger=\"every 1s\""), std::string::npos);
  EXPECT_NE(whole.body.find("<title>Suivi de l'import"), std::string::npos);
  // The agency has one import at a time.
  Answer second = Upload(session, {{"fichier", "offres.csv", csv}, {"source", "", "autre"}});
  EXPECT_EQ(second.status, 409);
  EXPECT_NE(second.body.find("Un import de votre agence est déjà en cours"), std::string::npos);
  // Another account of the agency, another agency: not found; the agency's
  // supervisor sees it.
  for (const char* login : {"counsellor", "thies"}) {
    Session other = SignIn(login);
    EXPECT_EQ(Get(other, page).status, 404) << login;
    EXPECT_EQ(State(other, page).status, 404) << login;
    EXPECT_EQ(Get(other, page).body.find("offres.csv"), std::string::npos) << login;
  }
  EXPECT_EQ(State(SignIn("supervisor"), page).status, 200);
  EXPECT_EQ(State(session, "/import/suivi/" + std::string(64, 'a')).status, 404);

  gate->Open();
  Answer last = Finished(session, page);
  // Done: 286 stops htmx's polling; the result takes the focus (status).
  ASSERT_EQ(last.status, 286) << last.body;
  EXPECT_NE(last.body.find("role=\"status\" tabindex=\"-1\">Import terminé"), std::string::npos) << last.body;
  EXPECT_EQ(last.body.find("<progress"), std::string::npos);
  EXPECT_NE(last.body.find("href=\"/import/rapports/"), std::string::npos);
  std::smatch created;
  ASSERT_TRUE(std::regex_search(last.body, created,
                                std::regex("Offres créées</th><td class=\"nombre\">([0-9]+)<")));
  EXPECT_GT(std::stoi(created[1]), 5);
  // The sentence counts in French plural forms.
  EXPECT_NE(last.body.find(created[1].str() + " offres créées"), std::string::npos) << last.body;
  Answer after = Get(session, page);
  EXPECT_EQ(after.body.find("hx-trigger"), std::string::npos);
  EXPECT_NE(after.body.find("<title>Résultat de l'import"), std::string::npos);
  EXPECT_EQ(AuditCount("import.offers", "dakar-anpe"), 1);
}

// The form lists the agency's last imports as the store recorded them, so
// that they outlive a restart: an unfinished run is said interrupted, or
// under way while a job imports that file again (linked to its page); a
// finished job's report is linked for those who may download it; another
// agency's imports are not listed.
TEST_F(PagesImport, TheFormListsTheAgencysLastImportsFromTheStore) {
  Session officer = SignIn("employer_relations");
  EXPECT_NE(Get(officer, "/import").body.find("Aucun fichier importé dans l'agence"),
            std::string::npos);
  {
    // Runs as an earlier server left them: one done, one cut short, and
    // one of another agency.
    auto store = server.OpenStore();
    auto writer = store->NewImportWriter();
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Begin().ok());
    engine::ImportCounts counts;
    auto finished = (*writer)->StartRun("dakar-anpe", "offres.csv", "h1", true, false, &counts);
    ASSERT_TRUE(finished.ok());
    ASSERT_TRUE((*writer)->FinishRun(*finished, {.rows = 12, .inserted = 9, .rejected = 3}).ok());
    auto cut = (*writer)->StartRun("dakar-emploi", "gros.csv", "h2", true, false, &counts);
    ASSERT_TRUE(cut.ok());
    ASSERT_TRUE((*writer)->Progress(*cut, {.rows = 1400, .inserted = 1380, .updated = 20}).ok());
    ASSERT_TRUE((*writer)->StartRun("thies-anpe", "thies.csv", "h3", true, false, &counts).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  // Date, file, source, state, then the seven counts.
  auto rows = [](const std::string& body) {
    static const std::regex row(
        "<tr><td>([0-9/]{10} [0-9:]{8} UTC)</td><th scope=\"row\">([^<]*)</th><td>([^<]*)</td>"
        "<td>(.*?)</td><td class=\"nombre\">([^<]*)</td><td class=\"nombre\">([^<]*)</td>"
        "<td class=\"nombre\">([^<]*)</td><td class=\"nombre\">([^<]*)</td>"
        "<td class=\"nombre\">([^<]*)</td><td class=\"nombre\">([^<]*)</td>"
        "<td class=\"nombre\">([^<]*)</td></tr>");
    std::vector<std::vector<std::string>> out;
    for (auto it = std::sregex_iterator(body.begin(), body.end(), row);
         it != std::sregex_iterator(); ++it) {
      std::vector<std::string> cells;
      for (size_t i = 2; i < it->size(); ++i) cells.push_back((*it)[i]);
      out.push_back(cells);
    }
    return out;
  };
  Answer before = Get(officer, "/import");
  ASSERT_EQ(before.status, 200);
  const auto listed = rows(before.body);
  ASSERT_EQ(listed.size(), 2u) << before.body;
  EXPECT_EQ(listed[0], (std::vector<std::string>{"gros.csv", "emploi", "<strong>interrompu</strong>",
                                                 "1" + kNarrow + "400",
                                                 "1" + kNarrow + "380", "20", "0", "0", "0",
                                                 "0"}));
  EXPECT_EQ(listed[1], (std::vector<std::string>{"offres.csv", "anpe", "terminé", "12", "9", "0",
                                                 "0", "0", "3", "0"}));
  EXPECT_EQ(before.body.find("thies.csv"), std::string::npos);
  // The interrupted file uploaded again: under way, its page linked.
  const std::string csv = ReadSource("data/import/national-offres.csv");
  Answer started = Upload(officer, {{"fichier", "gros.csv", csv}, {"source", "", "emploi"}});
  ASSERT_EQ(started.status, 303) << started.body;
  const std::string page = started.header("Location");
  EXPECT_EQ(rows(Get(officer, "/import").body)[0][2], "en cours <a href=\"" + page + "\">suivre</a>");
  EXPECT_EQ(rows(Get(SignIn("supervisor"), "/import").body)[0][2],
            "en cours <a href=\"" + page + "\">suivre</a>");
  gate->Open();
  Answer last = Finished(officer, page);
  ASSERT_EQ(last.status, 286) << last.body;
  std::smatch report;
  ASSERT_TRUE(std::regex_search(last.body, report, std::regex("href=\"(/import/rapports/[0-9a-f]{64})\"")));
  // Done: its report linked for its author and the agency's supervisor; the
  // earlier cut-short run (another content) stays interrupted.
  for (const char* login : {"employer_relations", "supervisor"}) {
    const auto after = rows(Get(SignIn(login), "/import").body);
    ASSERT_EQ(after.size(), 3u) << login;
    EXPECT_EQ(after[0][0], "gros.csv");
    EXPECT_EQ(after[0][2], "terminé <a href=\"" + report[1].str() + "\">rapport</a>") << login;
    EXPECT_EQ(after[1][2], "<strong>interrompu</strong>");
  }
}

TEST_F(PagesImport, ABrokenRowIsExplainedInFrenchOnThePageAndInTheReport) {
  gate->Open();
  Session session = SignIn("supervisor");
  Answer done = AwaitImport(
      server, session.cookie,
      Upload(session, {{"fichier", "bad_rows.csv", ReadSource("tests/fixtures/import/bad_rows.csv")},
                       {"source", "", "jobs"},
                       {"correspondance", "national-csv.mapping.json",
                        ReadSource("data/import/national-csv.mapping.json")}}));
  ASSERT_EQ(done.status, 200) << done.body;
  // File, line, field and value kept; the reason in French.
  for (const std::string& expected :
       {std::string("<th scope=\"row\" class=\"nombre\">7</th><td>ligne rejetée</td><td>intitule</td><td></td>"
                    "<td>valeur manquante (intitulé est obligatoire)</td>"),
        std::string("<td>pays</td><td>Wakanda</td><td>pays non reconnu «" + kNbsp + "Wakanda" + kNbsp + "»"),
        std::string("<td>ligne illisible" + kNbsp + ": 21 champs attendus, comme dans l'en-tête</td>"),
        std::string("<td>date_publication</td><td>31/13/2024</td><td>date illisible «" + kNbsp + "31/13/2024" +
                    kNbsp + "» (formats attendus" + kNbsp + ": JJ/MM/AAAA ou AAAA-MM-JJ)" + kNarrow +
                    "; champ laissé vide</td>"),
        std::string("type de contrat inconnu «" + kNbsp + "CDI à temps partiel" + kNbsp + "»"),
        std::string("date «" + kNbsp + "01/10/2026" + kNbsp + "» antérieure à la publication (02/11/2026)"),
        std::string("code ISCO-08 inconnu «" + kNbsp + "9999" + kNbsp + "»"),
        std::string("11 problèmes relevés")}) {
    EXPECT_NE(done.body.find(expected), std::string::npos) << expected << "\n" << done.body;
  }
  EXPECT_EQ(done.body.find("expected a date"), std::string::npos);
  EXPECT_EQ(done.body.find("missing value"), std::string::npos);
  std::smatch link;
  ASSERT_TRUE(std::regex_search(done.body, link, std::regex("href=\"(/import/rapports/[0-9a-f]{64})\"")));
  Answer report = Get(session, link[1]);
  ASSERT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("bad_rows.csv,7,rejected,,0,intitule,bad_rows.csv:7:intitule: valeur manquante "
                             "(intitulé est obligatoire),,required\n"),
            std::string::npos)
      << report.body;
  EXPECT_NE(report.body.find("bad_rows.csv,2,warning,dakar-jobs:B1,"), std::string::npos);
  EXPECT_NE(report.body.find("date_publication,bad_rows.csv:2:date_publication: date illisible"),
            std::string::npos)
      << report.body;
  EXPECT_NE(report.body.find(",31/13/2024,date\n"), std::string::npos) << report.body;
  EXPECT_EQ(report.body.find("expected"), std::string::npos) << report.body;
}

TEST_F(PagesImport, ABodyOverTheLimitIsAFrenchPageOnPagesAndJsonOnTheApi) {
  gate->Open();
  Session session = SignIn("employer_relations");
  // The form says the limit.
  EXPECT_NE(Get(session, "/import").body.find("CSV, JSON ou JSON Lines, 1" + kNbsp + "Mio au plus."),
            std::string::npos);
  // Refused on its headers, before the body is read (the connection is
  // closed after the answer): a French page on a page route...
  const std::string length = std::to_string(server::ServerOptions().max_body + 1);
  const std::string page = server.Raw(
      "POST /import HTTP/1.1\r\nHost: x\r\nCookie: " + session.cookie +
      "\r\nContent-Type: multipart/form-data; boundary=skillmatchboundary\r\nContent-Length: " +
      length + "\r\n\r\n--skillmatchboundary\r\n");
  EXPECT_EQ(page.rfind("HTTP/1.1 413", 0), 0u) << page.substr(0, 300);
  EXPECT_NE(page.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(page.find("Cache-Control: no-store"), std::string::npos);
  EXPECT_NE(page.find("<html lang=\"fr\""), std::string::npos);
  EXPECT_NE(page.find("<title>Fichier trop volumineux"), std::string::npos);
  EXPECT_NE(page.find("dépasse la taille acceptée par le serveur (1" + kNbsp + "Mio)"), std::string::npos)
      << page;
  // ... the JSON error on the API.
  const std::string api = server.Raw("POST /api/v1/offers HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                     "application/json\r\nContent-Length: " + length + "\r\n\r\n{");
  EXPECT_EQ(api.rfind("HTTP/1.1 413", 0), 0u) << api.substr(0, 300);
  EXPECT_NE(api.find("\"code\":\"payload_too_large\""), std::string::npos) << api;
  EXPECT_EQ(api.find("<html"), std::string::npos);
  // Nothing was imported.
  EXPECT_EQ(AuditCount("import.offers", "dakar-anpe"), 0);
}

// Stopping the server stops a running import after the batch being
// written (200 rows): the batches committed stay, with their offers in the
// agency, and Stop waits for the import's thread.
TEST_F(PagesImport, AServerStoppingStopsTheImportAfterItsCurrentBatch) {
  std::string csv = "reference;intitule;ville;date_publication\n";
  for (int row = 1; row <= 1000; ++row) {
    csv += "R" + std::to_string(row) + ";Comptable " + std::to_string(row) + ";Dakar;02/11/2026\n";
  }
  Session session = SignIn("employer_relations");
  Answer started = Upload(session, {{"fichier", "long.csv", csv}, {"source", "", "long"}});
  ASSERT_EQ(started.status, 303) << started.body;
  // The import is held at its start; the server is told to stop, then the
  // import goes: it sees the stop after its first batch.
  std::thread stopping([&] { server.Stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  gate->Open();
  stopping.join();  // returns once the import's thread has ended
  auto store = server.OpenStore();
  int kept = 0;
  ASSERT_TRUE(store->ForEachAgencyOffer("dakar", [&](engine::Offer&& o) {
                       if (o.id.rfind("dakar-long:", 0) == 0) ++kept;
                       return Status::Ok();
                     }).ok());
  EXPECT_EQ(kept, 200);
}

TEST(PagesMessages, PluralFormsFollowTheLanguagesRule) {
  const pages::Message messages[] = {{"n.rows", "{0} lignes"}, {"n.rows.one", "{0} ligne"}};
  const pages::Catalogue fr("fr", messages, 2);
  EXPECT_EQ(fr.Plural("n.rows", 0, {"0"}), "0 ligne");  // French: 0 is singular
  EXPECT_EQ(fr.Plural("n.rows", 1, {"1"}), "1 ligne");
  EXPECT_EQ(fr.Plural("n.rows", 2, {"2"}), "2 lignes");
  EXPECT_EQ(fr.Plural("n.rows", 1500, {"1 500"}), "1 500 lignes");
  const pages::Message english[] = {{"n.rows", "{0} rows"}, {"n.rows.one", "{0} row"}};
  const pages::Catalogue en("en", english, 2);
  EXPECT_EQ(en.Plural("n.rows", 0, {"0"}), "0 rows");
  EXPECT_EQ(en.Plural("n.rows", 1, {"1"}), "1 row");
  // Every singular form of the French catalogue has its plural, with the
  // same placeholders.
  const pages::Catalogue& catalogue = pages::French();
  int singular = 0;
  for (const std::string& id : catalogue.Ids()) {
    if (id.size() < 4 || id.compare(id.size() - 4, 4, ".one") != 0) continue;
    ++singular;
    const std::string plural = id.substr(0, id.size() - 4);
    ASSERT_TRUE(catalogue.Has(plural)) << id;
    for (const char* slot : {"{0}", "{1}", "{2}"}) {
      EXPECT_EQ(catalogue.Get(id).find(slot) == std::string::npos,
                catalogue.Get(plural).find(slot) == std::string::npos)
          << id << " " << slot;
    }
  }
  EXPECT_GT(singular, 5);
}

}  // namespace
}  // namespace skillmatch::testing
