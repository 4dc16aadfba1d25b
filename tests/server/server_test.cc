// The security suite of `skillmatch serve` (issue 14): each case tries to
// break one rule and asserts the refusal. The server runs in-process on a
// free loopback port (server_fixture.h).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <regex>
#include <set>

#include "audit.h"
#include "auth.h"
#include "routes.h"
#include "server_fixture.h"
#include "support/shell.h"

namespace skillmatch::testing {
namespace {

using nlohmann::json;

// The expected role matrix, written out here rather than derived from
// RoleCan, so that a change of roles.cc shows as a failing test. "*" = any
// signed-in role (or the public login).
const std::map<std::string, std::set<std::string>>& ExpectedMatrix() {
  static const std::map<std::string, std::set<std::string>> matrix = {
      {"POST /api/v1/session", {"*"}},
      {"GET /api/v1/session", {"*"}},
      {"DELETE /api/v1/session", {"*"}},
      {"PUT /api/v1/session/password", {"*"}},
      {"GET /api/v1/jobseekers", {"supervisor", "counsellor"}},
      {"POST /api/v1/jobseekers", {"supervisor", "counsellor"}},
      {"GET /api/v1/jobseekers/{id}", {"supervisor", "counsellor"}},
      {"PUT /api/v1/jobseekers/{id}", {"supervisor", "counsellor"}},
      {"GET /api/v1/jobseekers/{id}/offers", {"supervisor", "counsellor"}},
      {"GET /api/v1/jobseekers/{id}/mobility", {"supervisor", "counsellor"}},
      {"GET /api/v1/offers", {"supervisor", "counsellor", "employer_relations"}},
      {"POST /api/v1/offers", {"supervisor", "counsellor", "employer_relations"}},
      {"GET /api/v1/offers/{id}", {"supervisor", "counsellor", "employer_relations"}},
      {"PUT /api/v1/offers/{id}", {"supervisor", "counsellor", "employer_relations"}},
      {"GET /api/v1/offers/{id}/candidates",
       {"supervisor", "counsellor", "employer_relations"}},
      {"POST /api/v1/decisions", {"supervisor", "counsellor"}},
      {"GET /api/v1/review", {"supervisor"}},
      {"POST /api/v1/review/{offer}", {"supervisor"}},
      {"GET /api/v1/occupations/search", {"*"}},
      {"GET /api/v1/occupations/{code}/similar", {"*"}},
      {"POST /api/v1/code", {"*"}},
      {"GET /api/v1/audit", {"auditor"}},
      {"GET /api/v1/stats", {"statistician"}},
      {"GET /api/v1/users", {"admin"}},
      {"GET /healthz", {"*"}},
      {"GET /api/v1/jobseekers/{id}/notes", {"supervisor", "counsellor"}},
      {"POST /api/v1/jobseekers/{id}/notes", {"supervisor", "counsellor"}},
  };
  return matrix;
}

const std::vector<std::string> kRoles = {"admin",        "supervisor",
                                         "counsellor",   "employer_relations",
                                         "statistician", "auditor"};

std::string ProfileJson(TestServer& s, const std::string& id) {
  auto store = s.OpenStore();
  auto profile = store->GetProfile(id);
  EXPECT_TRUE(profile.ok());
  return engine::ToJson(*profile).dump();
}

std::string OfferJson(TestServer& s, const std::string& id) {
  auto store = s.OpenStore();
  auto offer = store->GetOffer(id);
  EXPECT_TRUE(offer.ok());
  return engine::ToJson(*offer).dump();
}

// A concrete path and a plausible body for a route, on dakar's records.
std::pair<std::string, std::string> Concrete(TestServer& s,
                                             const server::Route& route,
                                             const std::string& role) {
  std::string path = route.pattern;
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = path.find(from);
    if (at != std::string::npos) path.replace(at, from.size(), to);
  };
  const bool jobseeker = path.find("/jobseekers/{id}") != std::string::npos;
  replace("{id}", jobseeker ? s.dakar_profile : s.dakar_offer);
  replace("{offer}", s.dakar_offer);
  replace("{code}", "M1201");
  if (route.pattern == "/api/v1/occupations/search") path += "?q=comptable";
  if (route.pattern == "/api/v1/jobseekers/{id}/mobility") path += "?country=FR";
  std::string body;
  const std::string key = route.method + " " + route.pattern;
  if (key == "POST /api/v1/session") {
    body = json{{"login", role}, {"password", kPassword}}.dump();
  } else if (key == "POST /api/v1/jobseekers") {
    json p = json::parse(ProfileJson(s, s.dakar_profile));
    p["id"] = "NEW-" + role;
    body = p.dump();
  } else if (key == "PUT /api/v1/jobseekers/{id}") {
    body = ProfileJson(s, s.dakar_profile);
  } else if (key == "POST /api/v1/offers") {
    json o = json::parse(OfferJson(s, s.dakar_offer));
    o["id"] = "NEW-OFFER-" + role;
    o["source_ref"] = "REF-" + role;
    body = o.dump();
  } else if (key == "PUT /api/v1/offers/{id}") {
    body = OfferJson(s, s.dakar_offer);
  } else if (key == "POST /api/v1/decisions") {
    body = json{{"jobseeker", s.dakar_profile}, {"offer", s.dakar_offer},
                {"status", "proposed"}}
               .dump();
  } else if (key == "POST /api/v1/review/{offer}") {
    body = json{{"code", "M1201"}}.dump();
  } else if (key == "POST /api/v1/code") {
    body = json{{"title", "comptable"}}.dump();
  } else if (key == "PUT /api/v1/session/password") {
    // A wrong current password: 422, nothing changed (the test's sessions
    // and password go on).
    body = json{{"current", "not the password"}, {"password", "Baobab du fleuve 2026"}}.dump();
  } else if (key == "POST /api/v1/jobseekers/{id}/notes") {
    body = json{{"text", "Entretien de " + role}}.dump();
  }
  return {path, body};
}

void ExpectSecurityHeaders(const Answer& a, const std::string& what) {
  EXPECT_NE(a.header("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos)
      << what;
  EXPECT_NE(a.header("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos)
      << what;
  EXPECT_EQ(a.header("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(a.header("Referrer-Policy"), "no-referrer") << what;
  EXPECT_EQ(a.header("Cache-Control"), "no-store") << what;
}

// ---------------------------------------------------------------- Roles

TEST(ServerRoles, EveryRouteWithEveryRole) {
  TestServer s;
  const auto& expected = ExpectedMatrix();
  ASSERT_EQ(server::Routes().size(), expected.size())
      << "a route was added: add it to ExpectedMatrix";
  for (const server::Route& route : server::Routes()) {
    const std::string key = route.method + " " + route.pattern;
    ASSERT_TRUE(expected.count(key)) << key << " is missing from the matrix";
    const std::set<std::string>& allowed = expected.at(key);
    for (const std::string& role : kRoles) {
      Session session = s.Login(role);
      ASSERT_EQ(session.status, 200) << role;
      auto [path, body] = Concrete(s, route, role);
      Answer a = s.As(session, route.method, path, body);
      const bool may = allowed.count("*") || allowed.count(role);
      const std::string what = key + " as " + role + " -> " +
                               std::to_string(a.status) + " " + a.body;
      if (may) {
        EXPECT_NE(a.status, 401) << what;
        EXPECT_NE(a.status, 403) << what;
        EXPECT_LT(a.status, 500) << what;
      } else {
        EXPECT_EQ(a.status, 403) << what;
        EXPECT_EQ(a.json()["error"]["code"], "forbidden") << what;
      }
      ExpectSecurityHeaders(a, what);
      EXPECT_EQ(a.header("Content-Type").rfind("application/json", 0),
                a.status == 204 ? std::string::npos : 0u)
          << what;
    }
    // Without an account: 401 everywhere but the login.
    auto [path, body] = Concrete(s, route, "counsellor");
    Answer anonymous = s.Send(route.method, path, s.SameOrigin(), body);
    if (route.capability == server::Capability::kPublic) {
      EXPECT_EQ(anonymous.status, 200) << key;
    } else {
      EXPECT_EQ(anonymous.status, 401) << key << " " << anonymous.body;
    }
  }
}

// The API documentation keeps in step with the route table: every route's
// path and method are in openapi.yaml, with the roles of its capability.
TEST(ServerRoles, OpenApiNamesEveryRoute) {
  const std::string yaml = Slurp(std::string(SKILLMATCH_SOURCE_DIR) +
                                 "/tools/server/openapi.yaml");
  ASSERT_FALSE(yaml.empty());
  const std::vector<std::string> lines = Lines(yaml);
  for (const server::Route& route : server::Routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    auto path = std::find(lines.begin(), lines.end(), "  " + route.pattern + ":");
    ASSERT_NE(path, lines.end()) << route.pattern << " is not in openapi.yaml";
    bool found = false;
    for (auto line = path + 1; line != lines.end() && line->rfind("  /", 0) != 0; ++line) {
      if (*line == "    " + method + ":") found = true;
    }
    EXPECT_TRUE(found) << route.method << " " << route.pattern << " is not in openapi.yaml";
  }
}

TEST(ServerRoles, StatisticianGetsSuppressedAggregates) {
  TestServer s;
  Session stat = s.Login("statistician");
  Answer a = s.As(stat, "GET", "/api/v1/stats");
  ASSERT_EQ(a.status, 200) << a.body;
  // Two jobseekers in dakar, one in thies: both below 5, so suppressed.
  const json stats = a.json();
  ASSERT_FALSE(stats["jobseekers"].empty());
  for (const auto& line : stats["jobseekers"]) {
    EXPECT_TRUE(line["count"].is_null()) << a.body;
  }
}

// ---------------------------------------------------------------- Agencies

TEST(ServerAgencies, NoJobseekerOfAnotherAgencyById) {
  TestServer s;
  Session thies = s.Login("thies");
  for (const std::string& path :
       {"/api/v1/jobseekers/" + s.dakar_profile,
        "/api/v1/jobseekers/" + s.dakar_profile + "/offers",
        "/api/v1/offers/" + s.dakar_offer,
        "/api/v1/offers/" + s.dakar_offer + "/candidates"}) {
    Answer a = s.As(thies, "GET", path);
    EXPECT_EQ(a.status, 404) << path << " " << a.body;
    EXPECT_EQ(a.json()["error"]["code"], "not_found");
  }
  // The same answer as for an id that does not exist: nothing to probe.
  Answer missing = s.As(thies, "GET", "/api/v1/jobseekers/NO-SUCH-ID");
  Answer other = s.As(thies, "GET", "/api/v1/jobseekers/" + s.dakar_profile);
  EXPECT_EQ(missing.body, other.body);
  // Nor by writing to it, nor through a decision.
  Answer put = s.As(thies, "PUT", "/api/v1/jobseekers/" + s.dakar_profile,
                    ProfileJson(s, s.dakar_profile));
  EXPECT_EQ(put.status, 404);
  Answer decide = s.As(thies, "POST", "/api/v1/decisions",
                       json{{"jobseeker", s.dakar_profile},
                            {"offer", s.thies_offer},
                            {"status", "accepted"}}
                           .dump());
  EXPECT_EQ(decide.status, 404) << decide.body;
  // Its own agency's jobseeker opens.
  EXPECT_EQ(s.As(thies, "GET", "/api/v1/jobseekers/" + s.thies_profile).status, 200);
}

TEST(ServerAgencies, ListsAndMatchesHoldOneAgency) {
  TestServer s;
  Session thies = s.Login("thies");
  Answer list = s.As(thies, "GET", "/api/v1/jobseekers");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["items"].size(), 1u) << list.body;
  EXPECT_EQ(list.json()["items"][0]["id"], s.thies_profile);
  Answer offers = s.As(thies, "GET", "/api/v1/offers");
  ASSERT_EQ(offers.json()["items"].size(), 1u) << offers.body;
  // Paging cannot step out of the agency.
  Answer after = s.As(thies, "GET", "/api/v1/jobseekers?after=" + s.thies_profile);
  EXPECT_EQ(after.json()["items"].size(), 0u);
  // A perfect candidate for dakar's offer, filed in thies, is not on
  // dakar's shortlist; dakar's own is.
  json twin = json::parse(ProfileJson(s, s.dakar_profile2));
  twin["id"] = "THIES-TWIN";
  ASSERT_EQ(s.As(thies, "POST", "/api/v1/jobseekers", twin.dump()).status, 201);
  Session dakar_counsellor = s.Login("counsellor");
  Answer candidates = s.As(dakar_counsellor, "GET",
                           "/api/v1/offers/" + s.dakar_offer + "/candidates?top=50");
  ASSERT_EQ(candidates.status, 200) << candidates.body;
  const json shortlist = candidates.json();
  std::set<std::string> shortlisted;
  for (const auto& c : shortlist["candidates"]) {
    shortlisted.insert(c["jobseeker"].get<std::string>());
  }
  EXPECT_TRUE(shortlisted.count(s.dakar_profile2)) << candidates.body;
  EXPECT_FALSE(shortlisted.count("THIES-TWIN"));
  EXPECT_FALSE(shortlisted.count(s.thies_profile));
  // Best offers for dakar's jobseeker are dakar's offers only, even when
  // thies holds a twin of the best one.
  json offer_twin = json::parse(OfferJson(s, s.dakar_offer));
  offer_twin["id"] = "THIES-OFFER-TWIN";
  offer_twin["source_ref"] = "THIES-REF";
  ASSERT_EQ(s.As(thies, "POST", "/api/v1/offers", offer_twin.dump()).status, 201);
  Session dakar = s.Login("counsellor");
  Answer best = s.As(dakar, "GET",
                     "/api/v1/jobseekers/" + s.dakar_profile2 + "/offers?top=50");
  ASSERT_EQ(best.status, 200) << best.body;
  const json ranked = best.json();
  ASSERT_FALSE(ranked["offers"].empty());
  for (const auto& o : ranked["offers"]) {
    EXPECT_NE(o["offer"], s.thies_offer);
    EXPECT_NE(o["offer"], "THIES-OFFER-TWIN");
  }
  EXPECT_EQ(ranked["offers"][0]["offer"], s.dakar_offer);
  Answer dakar_list = s.As(dakar, "GET", "/api/v1/jobseekers");
  EXPECT_EQ(dakar_list.json()["items"].size(), 2u);
}

TEST(ServerAgencies, CreatedRecordsBelongToTheCreatorsAgency) {
  TestServer s;
  Session dakar = s.Login("counsellor");
  json p = json::parse(ProfileJson(s, s.dakar_profile));
  p["id"] = "DK-NEW-1";
  Answer made = s.As(dakar, "POST", "/api/v1/jobseekers", p.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  Answer again = s.As(dakar, "POST", "/api/v1/jobseekers", p.dump());
  EXPECT_EQ(again.status, 409);
  Session thies = s.Login("thies");
  EXPECT_EQ(s.As(thies, "GET", "/api/v1/jobseekers/DK-NEW-1").status, 404);
  EXPECT_EQ(s.As(dakar, "GET", "/api/v1/jobseekers/DK-NEW-1").status, 200);
}

// ---------------------------------------------------------------- CSRF, Origin

TEST(ServerCsrf, StateChangesNeedTheSessionsToken) {
  TestServer s;
  Session c = s.Login("counsellor");
  const std::string decision = json{{"jobseeker", s.dakar_profile},
                                    {"offer", s.dakar_offer},
                                    {"status", "proposed"}}
                                   .dump();
  httplib::Headers headers = s.SameOrigin();
  headers.emplace("Cookie", c.cookie);
  Answer none = s.Send("POST", "/api/v1/decisions", headers, decision);
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(none.json()["error"]["code"], "bad_csrf");
  headers.emplace("X-CSRF-Token", std::string(64, 'a'));
  Answer wrong = s.Send("POST", "/api/v1/decisions", headers, decision);
  EXPECT_EQ(wrong.status, 403);
  // Another session's token is wrong too.
  Session other = s.Login("supervisor");
  httplib::Headers crossed = s.SameOrigin();
  crossed.emplace("Cookie", c.cookie);
  crossed.emplace("X-CSRF-Token", other.csrf);
  EXPECT_EQ(s.Send("POST", "/api/v1/decisions", crossed, decision).status, 403);
  // Logout needs it too.
  httplib::Headers logout = s.SameOrigin();
  logout.emplace("Cookie", c.cookie);
  EXPECT_EQ(s.Send("DELETE", "/api/v1/session", logout).status, 403);
  // Nothing was written.
  auto store = s.OpenStore();
  EXPECT_EQ(store->ListDecisions({})->size(), 0u);
  // The right one passes.
  EXPECT_EQ(s.As(c, "POST", "/api/v1/decisions", decision).status, 201);
}

TEST(ServerCsrf, ForeignOriginIsRefused) {
  TestServer s;
  Session c = s.Login("counsellor");
  httplib::Headers headers = {{"Origin", "http://evil.example"},
                              {"Cookie", c.cookie},
                              {"X-CSRF-Token", c.csrf}};
  Answer a = s.Send("POST", "/api/v1/decisions", headers,
                    json{{"jobseeker", s.dakar_profile},
                         {"offer", s.dakar_offer},
                         {"status", "proposed"}}
                        .dump());
  EXPECT_EQ(a.status, 403);
  EXPECT_EQ(a.json()["error"]["code"], "bad_origin");
  // A cross-site fetch without Origin says so in Sec-Fetch-Site.
  httplib::Headers fetch = {{"Sec-Fetch-Site", "cross-site"},
                            {"Cookie", c.cookie},
                            {"X-CSRF-Token", c.csrf}};
  EXPECT_EQ(s.Send("DELETE", "/api/v1/session", fetch).status, 403);
  // Login from another site is refused too (login CSRF).
  Answer login = s.Send("POST", "/api/v1/session", {{"Origin", "http://evil.example"}},
                        json{{"login", "counsellor"}, {"password", kPassword}}.dump());
  EXPECT_EQ(login.status, 403);
  EXPECT_TRUE(login.header("Set-Cookie").empty());
}

// ---------------------------------------------------------------- Sessions

TEST(ServerSessions, CookieIsHttpOnlyStrictAndRenewedAtLogin) {
  TestServer s;
  const std::string planted = "sm_session=" + std::string(64, 'b');
  // The planted cookie is not a session...
  Answer before = s.Send("GET", "/api/v1/session", {{"Cookie", planted}});
  EXPECT_EQ(before.status, 401);
  // ...and logging in with it gives another one (fixation).
  httplib::Headers origin = s.SameOrigin();
  origin.emplace("Cookie", planted);
  Answer login = s.Send("POST", "/api/v1/session", origin,
                        json{{"login", "counsellor"}, {"password", kPassword}}.dump());
  ASSERT_EQ(login.status, 200);
  const std::string cookie = login.header("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // no TLS in front
  EXPECT_EQ(cookie.rfind(planted, 0), std::string::npos);
  EXPECT_EQ(s.Send("GET", "/api/v1/session", {{"Cookie", planted}}).status, 401);
  const std::string fresh = cookie.substr(0, cookie.find(';'));
  EXPECT_EQ(s.Send("GET", "/api/v1/session", {{"Cookie", fresh}}).status, 200);
  // A second login gives a new token again; the store holds only hashes.
  Session second = s.Login("counsellor");
  EXPECT_NE(second.cookie, fresh);
  auto store = s.OpenStore();
  const std::string token = fresh.substr(fresh.find('=') + 1);
  EXPECT_FALSE(store->GetSession(token).ok());
  EXPECT_TRUE(store->GetSession(server::Sha256Hex(token)).ok());
}

TEST(ServerSessions, SecureCookieBehindTls) {
  server::ServerOptions options;
  options.tls_in_front = true;
  options.allowed_origins = {"https://pes.example.org"};
  TestServer s(options);
  Answer login = s.Send("POST", "/api/v1/session", {{"Origin", "https://pes.example.org"}},
                        json{{"login", "counsellor"}, {"password", kPassword}}.dump());
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = login.header("Set-Cookie");
  EXPECT_EQ(cookie.rfind("__Host-sm_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);
}

TEST(ServerSessions, IdleSessionExpires) {
  TestServer s;
  Session c = s.Login("counsellor");
  s.Advance(29 * 60);
  EXPECT_EQ(s.As(c, "GET", "/api/v1/session").status, 200);
  s.Advance(29 * 60);  // active 29 minutes ago: still open
  EXPECT_EQ(s.As(c, "GET", "/api/v1/session").status, 200);
  s.Advance(31 * 60);
  Answer late = s.As(c, "GET", "/api/v1/session");
  EXPECT_EQ(late.status, 401);
  EXPECT_EQ(late.json()["error"]["code"], "session_expired");
  // Deleted, not only refused: coming back in time does not revive it.
  auto store = s.OpenStore();
  const std::string token = c.cookie.substr(c.cookie.find('=') + 1);
  EXPECT_FALSE(store->GetSession(server::Sha256Hex(token)).ok());
}

TEST(ServerSessions, ExpiredSessionsAreDeletedAtTheNextLogin) {
  TestServer s;
  Session first = s.Login("counsellor");
  Session second = s.Login("supervisor");
  s.Advance(31 * 60);
  Session third = s.Login("auditor");
  auto store = s.OpenStore();
  for (const Session* gone : {&first, &second}) {
    const std::string token = gone->cookie.substr(gone->cookie.find('=') + 1);
    EXPECT_FALSE(store->GetSession(server::Sha256Hex(token)).ok());
  }
  const std::string live = third.cookie.substr(third.cookie.find('=') + 1);
  EXPECT_TRUE(store->GetSession(server::Sha256Hex(live)).ok());
}

TEST(ServerSessions, ActiveSessionEndsAfterTenHours) {
  TestServer s;
  Session c = s.Login("counsellor");
  for (int step = 0; step < 29; ++step) {  // 29 x 20 min = 9 h 40
    s.Advance(20 * 60);
    ASSERT_EQ(s.As(c, "GET", "/api/v1/session").status, 200) << step;
  }
  s.Advance(25 * 60);  // 10 h 05 after login, idle 25 min only
  EXPECT_EQ(s.As(c, "GET", "/api/v1/session").status, 401);
}

TEST(ServerSessions, LogoutDeletesTheSession) {
  TestServer s;
  Session c = s.Login("counsellor");
  Answer out = s.As(c, "DELETE", "/api/v1/session");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(s.As(c, "GET", "/api/v1/session").status, 401);
}

TEST(ServerSessions, DisabledAccountLosesItsSessions) {
  TestServer s;
  Session c = s.Login("counsellor");
  {
    auto store = s.OpenStore();
    ASSERT_TRUE(store->SetAccountDisabled("counsellor", true).ok());
  }
  EXPECT_EQ(s.As(c, "GET", "/api/v1/session").status, 401);
  EXPECT_EQ(s.Login("counsellor").status, 401);
}

TEST(ServerSessions, ApiTokenWorksWithoutCsrfAndWrongOnesFail) {
  TestServer s;
  const std::string token = server::RandomToken();
  {
    auto store = s.OpenStore();
    auto account = store->GetAccount("counsellor");
    ASSERT_TRUE(store->AddApiToken(server::Sha256Hex(token), account->id, "test").ok());
  }
  httplib::Headers bearer = {{"Authorization", "Bearer " + token}};
  EXPECT_EQ(s.Send("GET", "/api/v1/jobseekers", bearer).status, 200);
  EXPECT_EQ(s.Send("POST", "/api/v1/decisions", bearer,
                   json{{"jobseeker", s.dakar_profile},
                        {"offer", s.dakar_offer},
                        {"status", "refused"}}
                       .dump())
                .status,
            201);
  httplib::Headers wrong = {{"Authorization", "Bearer " + std::string(64, 'c')}};
  EXPECT_EQ(s.Send("GET", "/api/v1/jobseekers", wrong).status, 401);
  // Role and agency apply to tokens too.
  EXPECT_EQ(s.Send("GET", "/api/v1/jobseekers/" + s.thies_profile, bearer).status, 404);
  EXPECT_EQ(s.Send("GET", "/api/v1/audit", bearer).status, 403);
}

// ---------------------------------------------------------------- Logins

TEST(ServerLogin, BruteForceIsThrottledWithoutLockOut) {
  TestServer s;
  std::vector<int> statuses;
  for (int attempt = 0; attempt < 10; ++attempt) {
    statuses.push_back(s.Login("counsellor", "wrong password " + std::to_string(attempt)).status);
  }
  // Three tries, then every attempt waits (the clock does not move).
  EXPECT_EQ(statuses, (std::vector<int>{401, 401, 401, 429, 429, 429, 429, 429,
                                        429, 429}));
  Answer throttled = s.Send("POST", "/api/v1/session", s.SameOrigin(),
                            json{{"login", "counsellor"}, {"password", kPassword}}.dump());
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.header("Retry-After"), "1");
  // The delay grows: 1 s, then 2 s after the next failure.
  s.Advance(1);
  EXPECT_EQ(s.Login("counsellor", "wrong again").status, 401);
  s.Advance(1);
  EXPECT_EQ(s.Login("counsellor", "wrong again").status, 429);
  s.Advance(1);
  // No lock-out: once the delay has passed, the right password works.
  EXPECT_EQ(s.Login("counsellor").status, 200);
  // Every failure is in the audit trail.
  auto store = s.OpenStore();
  auto entries = store->ListAudit(0, 1000);
  ASSERT_TRUE(entries.ok());
  int failures = 0;
  int throttles = 0;
  for (const auto& e : *entries) {
    if (e.action == "login.failure") ++failures;
    if (e.action == "login.throttled") ++throttles;
  }
  EXPECT_EQ(failures, 4);
  EXPECT_EQ(throttles, 9);
}

TEST(ServerLogin, AccountDelayIsCappedSoNoOneIsLockedOut) {
  int64_t now = 1000;
  server::LoginThrottle throttle({}, [&] { return now; });
  for (int i = 0; i < 200; ++i) throttle.Failure("awa", "10.0.0.66");
  // The attacker's address waits long; the counsellor elsewhere at most 30 s.
  EXPECT_EQ(throttle.WaitFor("other", "10.0.0.66"), 900);
  EXPECT_EQ(throttle.WaitFor("awa", "10.0.0.7"), 30);
  now += 30;
  EXPECT_EQ(throttle.WaitFor("awa", "10.0.0.7"), 0);
}

TEST(ServerLogin, AFloodOfMadeUpLoginsIsForgotten) {
  int64_t now = 1000;
  server::LoginThrottle throttle({}, [&] { return now; });
  for (int i = 0; i < 30000; ++i) {
    throttle.Failure("user" + std::to_string(i), "10.0.0.66");
    if (i % 100 == 0) ++now;
  }
  EXPECT_LE(throttle.tracked(), server::LoginThrottle::kMaxTracked + 2);
  // The flooding address is remembered and waits.
  EXPECT_EQ(throttle.WaitFor("anyone", "10.0.0.66"), 900);
}

TEST(ServerLogin, UnknownLoginsFailAlikeAndAreAudited) {
  TestServer s;
  Answer unknown = s.Send("POST", "/api/v1/session", s.SameOrigin(),
                          json{{"login", "nobody"}, {"password", "whatever it is"}}.dump());
  Answer wrong = s.Send("POST", "/api/v1/session", s.SameOrigin(),
                        json{{"login", "auditor"}, {"password", "whatever it is"}}.dump());
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);
  auto store = s.OpenStore();
  auto entries = store->ListAudit(0, 100);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].action, "login.failure.unknown");
  EXPECT_EQ((*entries)[0].record, "");  // the typed login is not kept
  EXPECT_EQ((*entries)[1].action, "login.failure");
}

TEST(ServerLogin, PasswordPolicy) {
  EXPECT_FALSE(server::CheckPasswordPolicy("awa", "short").ok());
  EXPECT_FALSE(server::CheckPasswordPolicy("awa", "motdepasse123").ok());
  EXPECT_FALSE(server::CheckPasswordPolicy("awa", "Password123").ok());
  EXPECT_FALSE(server::CheckPasswordPolicy("awa", "aaaaaaaaaaaa").ok());
  EXPECT_FALSE(server::CheckPasswordPolicy("awandiaye", "AwaNdiaye2026").ok());
  EXPECT_TRUE(server::CheckPasswordPolicy("awa", "correct horse battery").ok());
  ASSERT_TRUE(server::InitCrypto());
  server::PasswordOptions fast{1, 8192};
  auto hash = server::HashPassword("correct horse battery", fast);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(server::VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(server::VerifyPassword("correct horse batterY", *hash));
}

// ---------------------------------------------------------------- Injection

TEST(ServerInjection, SqlInParametersIsRefusedAndTheStoreIntact) {
  TestServer s;
  Session c = s.Login("counsellor");
  const std::vector<std::string> attacks = {
      "1' OR '1'='1", "x'; DROP TABLE profiles; --", "\" OR 1=1 --",
      "1 UNION SELECT password_hash FROM accounts", "%' OR agency LIKE '%"};
  for (const std::string& attack : attacks) {
    const std::string e = Encode(attack);
    for (const std::string& path :
         {"/api/v1/jobseekers/" + e, "/api/v1/jobseekers/" + e + "/offers",
          "/api/v1/offers/" + e, "/api/v1/offers/" + e + "/candidates",
          "/api/v1/occupations/" + e + "/similar"}) {
      Answer a = s.As(c, "GET", path);
      EXPECT_EQ(a.status, 404) << path;
    }
    for (const std::string& path :
         {"/api/v1/jobseekers?after=" + e, "/api/v1/offers?limit=" + e,
          "/api/v1/jobseekers/" + s.dakar_profile + "/offers?top=" + e}) {
      Answer a = s.As(c, "GET", path);
      EXPECT_EQ(a.status, 400) << path << " " << a.body;
    }
    Answer search = s.As(c, "GET", "/api/v1/occupations/search?q=" + e);
    EXPECT_EQ(search.status, 200) << attack;  // free text, coded, not queried
    Answer decision = s.As(c, "POST", "/api/v1/decisions",
                           json{{"jobseeker", attack}, {"offer", s.dakar_offer},
                                {"status", "proposed"}}
                               .dump());
    EXPECT_EQ(decision.status, 404) << attack;
    Answer status = s.As(c, "POST", "/api/v1/decisions",
                         json{{"jobseeker", s.dakar_profile}, {"offer", s.dakar_offer},
                              {"status", attack}}
                             .dump());
    EXPECT_EQ(status.status, 422) << attack;
    Answer login = s.Send("POST", "/api/v1/session", s.SameOrigin(),
                          json{{"login", attack}, {"password", attack}}.dump());
    EXPECT_TRUE(login.status == 401 || login.status == 429) << login.status;
    s.Advance(60);  // past any login delay; the session stays active
  }
  auto store = s.OpenStore();
  EXPECT_EQ(*store->CountProfiles(), 3);
  EXPECT_EQ(*store->CountOffers(), 3);
  EXPECT_EQ(store->ListAccounts()->size(), 7u);
  EXPECT_EQ(store->ListDecisions({})->size(), 0u);
}

TEST(ServerInjection, ScriptIsStoredAsTextAndReturnedEscaped) {
  TestServer s;
  Session c = s.Login("counsellor");
  json p = json::parse(ProfileJson(s, s.dakar_profile));
  p["id"] = "XSS-1";
  p["education_field"] = "<script>alert('x')</script>&<img src=x onerror=alert(1)>";
  ASSERT_EQ(s.As(c, "POST", "/api/v1/jobseekers", p.dump()).status, 201);
  Answer a = s.As(c, "GET", "/api/v1/jobseekers/XSS-1");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body.find("<script"), std::string::npos) << a.body;
  EXPECT_EQ(a.body.find("<img"), std::string::npos);
  EXPECT_NE(a.body.find("\\u003cscript\\u003e"), std::string::npos);
  EXPECT_EQ(a.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(a.header("X-Content-Type-Options"), "nosniff");
  // Decoded, it is the same text: stored as given, escaped on the way out.
  EXPECT_EQ(a.json()["education_field"], p["education_field"]);
  // Reflected input (an error naming a field) is escaped too.
  Answer reflected = s.As(c, "GET", "/api/v1/occupations/search?q=%3Cscript%3E");
  EXPECT_EQ(reflected.body.find("<script"), std::string::npos);
}

// ---------------------------------------------------------------- HTTP

TEST(ServerHttp, ChunkedBodyIsRefusedAndTheConnectionClosed) {
  TestServer s;
  bool closed = false;
  const std::string reply = s.Raw(
      "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/json\r\n\r\n"
      "0\r\n\r\nGET /api/v1/session HTTP/1.1\r\nHost: x\r\n\r\n",
      3000, &closed);
  EXPECT_EQ(reply.rfind("HTTP/1.1 411", 0), 0u) << reply;
  EXPECT_TRUE(closed);
  // The request smuggled after the body got no answer.
  EXPECT_EQ(reply.find("HTTP/1.1", 5), std::string::npos) << reply;
}

TEST(ServerHttp, EachKnownWeaknessIsRefused) {
  server::ServerOptions options;
  options.read_timeout_s = 1;
  TestServer s(options);
  struct Case {
    const char* name;
    std::string request;
    const char* status;
  };
  std::string many_headers = "GET /api/v1/session HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 100; ++i) many_headers += "X-H" + std::to_string(i) + ": v\r\n";
  many_headers += "\r\n";
  const std::vector<Case> cases = {
      {"content-encoding",
       "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\n"
       "Content-Length: 4\r\n\r\nabcd",
       "415"},
      {"range", "GET /api/v1/occupations/search?q=a HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1,2-3\r\n\r\n",
       "416"},
      {"bad range", "GET /api/v1/session HTTP/1.1\r\nHost: x\r\nRange: bytes=9-1\r\n\r\n", "416"},
      {"no content-length", "POST /api/v1/session HTTP/1.1\r\nHost: x\r\n\r\n{}", "411"},
      {"two content-lengths",
       "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
       "Content-Length: 40\r\n\r\n{}",
       "400"},
      {"content-length not a number",
       "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", "400"},
      {"oversized body",
       "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n{", "413"},
      {"long target", "GET /api/v1/occupations/search?q=" + std::string(3000, 'a') +
                          " HTTP/1.1\r\nHost: x\r\n\r\n",
       "414"},
      {"very long target", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n",
       "414"},
      {"many headers", many_headers, "431"},
      {"malformed request line", "HELLO\r\n\r\n", "400"},
      {"unknown route", "GET /etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", "404"},
  };
  for (const Case& c : cases) {
    const std::string reply = s.Raw(c.request, 3000);
    EXPECT_EQ(reply.substr(0, 12), std::string("HTTP/1.1 ") + c.status)
        << c.name << ": " << reply.substr(0, 200);
    EXPECT_NE(reply.find("Content-Security-Policy: default-src 'self'"), std::string::npos)
        << c.name;
    EXPECT_NE(reply.find("X-Content-Type-Options: nosniff"), std::string::npos) << c.name;
    EXPECT_NE(reply.find("Cache-Control: no-store"), std::string::npos) << c.name;
  }
  // A slow client (headers never finished) is dropped after the read timeout.
  bool closed = false;
  s.Raw("GET /api/v1/session HTTP/1.1\r\nHost: x\r\n", 4000, &closed);
  EXPECT_TRUE(closed);
  // The server still serves.
  EXPECT_EQ(s.Send("GET", "/api/v1/session").status, 401);
}

TEST(ServerHttp, ClientAddressComesFromTheSocket) {
  TestServer s;
  s.Send("POST", "/api/v1/session",
         {{"X-Forwarded-For", "6.6.6.6"}, {"X-Real-IP", "6.6.6.6"},
          {"REMOTE_ADDR", "6.6.6.6"}},
         json{{"login", "counsellor"}, {"password", "not the password"}}.dump());
  auto store = s.OpenStore();
  auto entries = store->ListAudit(0, 10);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].address, "127.0.0.1");
}

TEST(ServerHttp, RealIpOnlyFromATrustedProxy) {
  server::ServerOptions options;
  options.trusted_proxies = {"127.0.0.1"};
  TestServer s(options);
  s.Send("POST", "/api/v1/session", {{"X-Real-IP", "10.1.2.3"}},
         json{{"login", "counsellor"}, {"password", "not the password"}}.dump());
  // Not an address: ignored.
  s.Send("POST", "/api/v1/session", {{"X-Real-IP", "<script>"}},
         json{{"login", "counsellor"}, {"password", "not the password"}}.dump());
  auto store = s.OpenStore();
  auto entries = store->ListAudit(0, 10);
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].address, "10.1.2.3");
  EXPECT_EQ((*entries)[1].address, "127.0.0.1");
}

TEST(ServerHttp, ListenBacklogIsRaised) {
  TestServer s;
  // ss shows a listening socket's backlog in Send-Q.
  TempDir scratch;
  Outcome ss = Shell("ss -ltnH 'sport = :" + std::to_string(s.port()) + "'", scratch);
  if (ss.code != 0) GTEST_SKIP() << "no ss";
  std::istringstream line(ss.out);
  std::string state, recv_q, send_q;
  line >> state >> recv_q >> send_q;
  EXPECT_EQ(send_q, "1024") << ss.out;
}

TEST(ServerHttp, ErrorsHaveOneShape) {
  TestServer s;
  Session c = s.Login("counsellor");
  Answer bad_json = s.As(c, "POST", "/api/v1/decisions", "{not json");
  EXPECT_EQ(bad_json.status, 400);
  Answer missing = s.As(c, "POST", "/api/v1/decisions", "{}");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json()["error"]["field"], "jobseeker");
  Answer top = s.As(c, "GET", "/api/v1/jobseekers/" + s.dakar_profile + "/offers?top=0");
  EXPECT_EQ(top.status, 400);
  EXPECT_EQ(top.json()["error"]["field"], "top");
  for (const Answer& a : {bad_json, missing, top}) {
    json e = a.json()["error"];
    EXPECT_TRUE(e["code"].is_string());
    EXPECT_TRUE(e["message"].is_string());
    EXPECT_TRUE(e.contains("field"));
  }
  Answer unknown_code = s.As(c, "POST", "/api/v1/jobseekers",
                             [&] {
                               json p = json::parse(ProfileJson(s, s.dakar_profile));
                               p["id"] = "BAD-CODE";
                               p["target_occupations"] = {"Z9999"};
                               return p.dump();
                             }());
  EXPECT_EQ(unknown_code.status, 422) << unknown_code.body;
}

// ---------------------------------------------------------------- Matching

TEST(ServerMatching, ExplanationsAsInTheCommandLine) {
  TestServer s;
  Session c = s.Login("counsellor");
  Answer best = s.As(c, "GET", "/api/v1/jobseekers/" + s.dakar_profile2 + "/offers?top=5");
  ASSERT_EQ(best.status, 200) << best.body;
  json offers = best.json()["offers"];
  ASSERT_FALSE(offers.empty());
  EXPECT_EQ(offers[0]["rank"], 1);
  EXPECT_TRUE(offers[0]["explanation"].contains("blocks")) << offers[0].dump();
  Answer similar = s.As(c, "GET", "/api/v1/occupations/F1701/similar?top=3");
  ASSERT_EQ(similar.status, 200);
  EXPECT_EQ(similar.json()["similar"].size(), 3u);
  Answer search = s.As(c, "GET", "/api/v1/occupations/search?q=ma%C3%A7on");
  ASSERT_EQ(search.status, 200);
  EXPECT_FALSE(search.json()["occupations"].empty());
}

TEST(ServerMatching, CachedOfferIndexFollowsWritesAndNeverLeavesTheAgency) {
  // Stamps polled every 50 ms: offers written by another process show soon.
  server::ServerOptions options;
  options.offer_index_poll_ms = 50;
  TestServer s(options);
  Session c = s.Login("counsellor");
  const std::string best = "/api/v1/jobseekers/" + s.dakar_profile2 + "/offers?top=20";
  auto offers = [&] {
    std::set<std::string> ids;
    Answer a = s.As(c, "GET", best);
    EXPECT_EQ(a.status, 200) << a.body;
    const json body = a.json();  // kept: the loop below refers into it
    for (const auto& o : body["offers"]) ids.insert(o["offer"].get<std::string>());
    return ids;
  };
  ASSERT_TRUE(offers().count(s.dakar_offer))
      << s.As(c, "GET", best).body << " " << s.dakar_offer << " " << s.dakar_profile2;
  // An offer written through the server is ranked once its agency's index
  // is rebuilt in the background.
  json o = json::parse(OfferJson(s, s.dakar_offer));
  o["id"] = "NEW-OFF";
  o["source_ref"] = "NEW-REF";
  ASSERT_EQ(s.As(c, "POST", "/api/v1/offers", o.dump()).status, 201);
  ASSERT_TRUE(s.WaitForIndexes());
  EXPECT_TRUE(offers().count("NEW-OFF"));
  // An offer moved to another agency behind the server's back is never
  // shown, even from the index built before the move; an offer imported by
  // another process is ranked after the next poll sees the agency's stamp
  // change.
  {
    auto store = s.OpenStore();
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kOffer, s.dakar_offer, "thies").ok());
  }
  EXPECT_FALSE(offers().count(s.dakar_offer));
  {
    auto store = s.OpenStore();
    auto decoded = engine::OfferFromJson(o, "test");
    decoded->id = "EXT-OFF";
    decoded->source_ref = "EXT-REF";
    ASSERT_TRUE(store->UpsertOffer(*decoded).ok());
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kOffer, "EXT-OFF", "dakar").ok());
  }
  bool seen = false;
  for (int attempt = 0; attempt < 200 && !seen; ++attempt) {  // at most ~10 s
    std::set<std::string> now = offers();
    EXPECT_FALSE(now.count(s.dakar_offer));
    seen = now.count("EXT-OFF") > 0;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(seen) << "an offer imported by another process was never ranked";
  // Nor does the rebuilt index of thies, now holding the moved offer, leak
  // it to dakar's counsellor, nor dakar's offers to thies's.
  Session t = s.Login("thies");
  Answer thies = s.As(t, "GET", "/api/v1/jobseekers/" + s.thies_profile + "/offers?top=50");
  ASSERT_EQ(thies.status, 200) << thies.body;
  for (const auto& offer : thies.json()["offers"]) {
    EXPECT_NE(offer["offer"], "NEW-OFF");
    EXPECT_NE(offer["offer"], "EXT-OFF");
  }
}

// The offer indexes are built by a background thread: while a build is under
// way (held here by the test hook) requests are answered at once, from the
// previous index, or with 503 "index en construction" and Retry-After for an
// agency that has none yet.
TEST(ServerMatching, RequestsNeverWaitForAnIndexBuild) {
  std::mutex mutex;
  std::condition_variable released;
  bool hold = false;
  std::atomic<int> held{0};
  server::ServerOptions options;
  options.offer_index_before_build = [&](const std::string&) {
    std::unique_lock lock(mutex);
    if (hold) ++held;
    // Bounded, so that a failing test cannot hang.
    released.wait_for(lock, std::chrono::seconds(20), [&] { return !hold; });
  };
  TestServer s(options);
  ASSERT_TRUE(s.WaitForIndexes());
  Session c = s.Login("counsellor");
  const std::string best = "/api/v1/jobseekers/" + s.dakar_profile2 + "/offers?top=20";
  Answer before = s.As(c, "GET", best);
  ASSERT_EQ(before.status, 200) << before.body;
  {
    std::lock_guard lock(mutex);
    hold = true;
  }
  json o = json::parse(OfferJson(s, s.dakar_offer));
  o["id"] = "HELD-OFF";
  o["source_ref"] = "HELD-REF";
  ASSERT_EQ(s.As(c, "POST", "/api/v1/offers", o.dump()).status, 201);
  for (int i = 0; i < 400 && held.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(held.load(), 1) << "the rebuild did not start";
  // The rebuild is held: the request is served from the previous index.
  Answer during = s.As(c, "GET", best);
  ASSERT_EQ(during.status, 200) << during.body;
  EXPECT_EQ(during.json()["offers"], before.json()["offers"]);
  // An agency the server had no index for: 503 at once, with Retry-After.
  {
    // A jobseeker and an offer that match (copies of dakar's), in louga.
    auto store = s.OpenStore();
    engine::Profile profile = *store->GetProfile(s.dakar_profile2);
    profile.id = "LOUGA-P";
    ASSERT_TRUE(store->UpsertProfile(profile).ok());
    engine::Offer offer = *store->GetOffer(s.dakar_offer);
    offer.id = "LOUGA-O";
    offer.source_ref = "LOUGA-REF";
    ASSERT_TRUE(store->UpsertOffer(offer).ok());
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kProfile, "LOUGA-P", "louga").ok());
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kOffer, "LOUGA-O", "louga").ok());
    engine::Account louga = *store->GetAccount("thies");
    louga.login = "louga";
    louga.agency = "louga";
    ASSERT_TRUE(store->AddAccount(louga).ok());
  }
  Session l = s.Login("louga");
  const std::string louga_best = "/api/v1/jobseekers/LOUGA-P/offers";
  Answer building = s.As(l, "GET", louga_best);
  EXPECT_EQ(building.status, 503) << building.body;
  EXPECT_EQ(building.json()["error"]["code"], "index_building");
  EXPECT_NE(building.json()["error"]["message"].get<std::string>().find(
                "index en construction"),
            std::string::npos);
  const std::string retry = building.header("Retry-After");
  ASSERT_FALSE(retry.empty());
  EXPECT_GE(std::stoi(retry), 1);
  EXPECT_EQ(held.load(), 1) << "the held build finished during the requests";
  // Released: the new offer is ranked, and louga's index is built.
  {
    std::lock_guard lock(mutex);
    hold = false;
  }
  released.notify_all();
  ASSERT_TRUE(s.WaitForIndexes());
  std::set<std::string> after;
  const json after_body = s.As(c, "GET", best).json();  // kept for the loop
  for (const auto& offer : after_body["offers"]) {
    after.insert(offer["offer"].get<std::string>());
  }
  EXPECT_TRUE(after.count("HELD-OFF"));
  Answer built = s.As(l, "GET", louga_best);
  ASSERT_EQ(built.status, 200) << built.body;
  ASSERT_EQ(built.json()["offers"].size(), 1u) << built.body;
  EXPECT_EQ(built.json()["offers"][0]["offer"], "LOUGA-O");
}

// ---------------------------------------------------------------- Audit

TEST(ServerMobility, AssessmentWithTheEmbeddedPackIsAuditedAndStaysInTheAgency) {
  server::ServerOptions options;
  options.rule_pack = std::string(SKILLMATCH_SOURCE_DIR) + "/data/migration/pack";
  options.training = std::string(SKILLMATCH_SOURCE_DIR) + "/data/training/catalogue.csv";
  TestServer s(options);
  Session c = s.Login("counsellor");
  const std::string path = "/api/v1/jobseekers/" + s.dakar_profile + "/mobility";
  Answer card = s.As(c, "GET", path + "?country=FR");
  ASSERT_EQ(card.status, 200) << card.body;
  json j = card.json();
  EXPECT_EQ(j["project"]["destination"], "FR");
  EXPECT_TRUE(j["project"].contains("rules"));
  EXPECT_TRUE(j["project"]["distance"].contains("missing"));
  auto store = s.OpenStore();
  for (const auto& alt : j["alternatives"]) {
    if (alt["kind"] != "offer") continue;
    auto agency = store->GetAgency(engine::AgencyRecord::kOffer, alt["offer"].get<std::string>());
    ASSERT_TRUE(agency.ok());
    EXPECT_EQ(*agency, store->GetAccount("counsellor")->agency) << alt.dump();
  }
  int audited = 0;
  auto entries = store->ListAudit(0, 1000);
  ASSERT_TRUE(entries.ok());
  for (const auto& e : *entries) {
    if (e.action == "mobility.assess") {
      ++audited;
      EXPECT_EQ(e.record, s.dakar_profile);
    }
  }
  EXPECT_EQ(audited, 1);
  EXPECT_EQ(s.As(c, "GET", path + "?country=France").status, 400);
  EXPECT_EQ(s.As(c, "GET", path).status, 400);
  EXPECT_EQ(s.As(c, "GET", path + "?country=FR&occupation=F15").status, 404);
  Session stat = s.Login("statistician");
  EXPECT_EQ(s.As(stat, "GET", path + "?country=FR").status, 403);
}

TEST(ServerAudit, EveryViewOfAJobseekerIsLogged) {
  TestServer s;
  Session c = s.Login("counsellor");
  ASSERT_EQ(s.As(c, "GET", "/api/v1/jobseekers/" + s.dakar_profile).status, 200);
  ASSERT_EQ(s.As(c, "GET", "/api/v1/jobseekers/" + s.dakar_profile).status, 200);
  auto store = s.OpenStore();
  auto account = store->GetAccount("counsellor");
  int views = 0;
  auto entries = store->ListAudit(0, 100);
  ASSERT_TRUE(entries.ok());
  for (const auto& e : *entries) {
    if (e.action == "jobseeker.view") {
      ++views;
      EXPECT_EQ(e.record, s.dakar_profile);
      EXPECT_EQ(e.actor, std::to_string(account->id));
      EXPECT_EQ(e.address, "127.0.0.1");
      EXPECT_EQ(e.at, "2027-01-15T08:00:00Z");
    }
  }
  EXPECT_EQ(views, 2);
}

TEST(ServerAudit, TrailIsAppendOnly) {
  TestServer s;
  s.Login("counsellor");
  auto store = s.OpenStore();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(s.db().c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit SET actor = '9'", nullptr, nullptr, &error),
            SQLITE_OK);
  sqlite3_free(error);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit", nullptr, nullptr, &error), SQLITE_OK);
  sqlite3_free(error);
  sqlite3_close(db);
}

// Alters the file behind the server's back, as someone with the file would.
void Tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error ? error : "");
  sqlite3_close(db);
}

TEST(ServerAudit, VerifyNamesAModifiedEntry) {
  TestServer s;
  Session c = s.Login("counsellor");
  for (int i = 0; i < 4; ++i) s.As(c, "GET", "/api/v1/jobseekers/" + s.dakar_profile);
  s.Stop();
  {
    auto store = s.OpenStore();
    auto report = server::VerifyAudit(*store);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok());
    EXPECT_EQ(report->entries, 5);
  }
  Tamper(s.db(),
         "DROP TRIGGER audit_no_update; UPDATE audit SET record = 'someone-else' "
         "WHERE id = 3");
  auto store = s.OpenStore();
  auto report = server::VerifyAudit(*store);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->problems,
            std::vector<std::string>{"entry 3: hash does not match its content (modified)"});
}

TEST(ServerAudit, VerifyNamesARewrittenEntry) {
  TestServer s;
  Session c = s.Login("counsellor");
  for (int i = 0; i < 4; ++i) s.As(c, "GET", "/api/v1/jobseekers/" + s.dakar_profile);
  s.Stop();
  // Entry 2 changed and its own hash recomputed: entry 3's link shows it.
  engine::AuditEntry forged;
  {
    auto store = s.OpenStore();
    forged = (*store->ListAudit(1, 1))[0];
  }
  forged.actor = "42";
  const std::string hash = server::AuditHash(forged);
  Tamper(s.db(), "DROP TRIGGER audit_no_update; UPDATE audit SET actor = '42', hash = '" +
                     hash + "' WHERE id = 2");
  auto store = s.OpenStore();
  auto report = server::VerifyAudit(*store);
  EXPECT_EQ(report->problems,
            std::vector<std::string>{"entry 2: modified (entry 3 was chained to another hash)"});
}

TEST(ServerAudit, VerifyNamesDeletedEntries) {
  TestServer s;
  Session c = s.Login("counsellor");
  for (int i = 0; i < 4; ++i) s.As(c, "GET", "/api/v1/jobseekers/" + s.dakar_profile);
  s.Stop();
  Tamper(s.db(), "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id IN (2, 5)");
  auto store = s.OpenStore();
  auto report = server::VerifyAudit(*store);
  EXPECT_EQ(report->problems,
            (std::vector<std::string>{"entry 2: missing (deleted)",
                                      "entry 5: missing (deleted)"}));
}

// ---------------------------------------------------------------- Logs

TEST(ServerLogs, NoPersonalDataInAnyLogLine) {
  TestServer s;
  const std::string name = "Aminata Zzyzxowska";
  const std::string phone = "+221775550123";
  const std::string email = "aminata.zzyzx@example.sn";
  const std::string planted = name + " " + phone + " " + email;
  Session c = s.Login("counsellor");
  json p = json::parse(ProfileJson(s, s.dakar_profile));
  p["id"] = "PII-1";
  p["education_field"] = planted;
  p["location"]["city"] = name;
  ASSERT_EQ(s.As(c, "POST", "/api/v1/jobseekers", p.dump()).status, 201);
  p["education_field"] = email;
  ASSERT_EQ(s.As(c, "PUT", "/api/v1/jobseekers/PII-1", p.dump()).status, 200);
  json o = json::parse(OfferJson(s, s.dakar_offer));
  o["id"] = "PII-OFFER";
  o["source_ref"] = "PII-REF";
  o["employer"] = name;
  o["description"] = planted;
  ASSERT_EQ(s.As(c, "POST", "/api/v1/offers", o.dump()).status, 201);
  const std::string q = Encode(planted);
  s.As(c, "GET", "/api/v1/occupations/search?q=" + q);
  s.As(c, "POST", "/api/v1/code", json{{"title", planted}}.dump());
  s.As(c, "GET", "/api/v1/jobseekers/" + Encode(email));
  s.As(c, "GET", "/api/v1/jobseekers?after=" + q);
  s.As(c, "POST", "/api/v1/decisions",
       json{{"jobseeker", "PII-1"}, {"offer", "PII-OFFER"}, {"status", "proposed"},
            {"reason", planted}}
           .dump());
  s.Login(email, phone);
  s.Login("counsellor", planted);
  s.Raw("GET /api/v1/jobseekers/" + email + " HTTP/1.1\r\nHost: " + name +
            "\r\nX-Name: " + planted + "\r\n\r\n",
        500);
  s.Raw(planted + "\r\n\r\n", 500);
  // Then every route with every role.
  for (const server::Route& route : server::Routes()) {
    for (const std::string& role : kRoles) {
      Session session = s.Login(role);
      auto [path, body] = Concrete(s, route, role);
      s.As(session, route.method, path, body);
    }
    s.As(c, "GET", "/api/v1/jobseekers/PII-1");
    s.As(c, "GET", "/api/v1/jobseekers/PII-1/offers");
    s.As(c, "GET", "/api/v1/offers/PII-OFFER/candidates");
  }
  s.Stop();
  const std::string log = s.Log();
  std::vector<std::string> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  EXPECT_GT(lines.size(), 150u);
  for (const std::string& line : lines) {
    for (const std::string& secret :
         {std::string("Aminata"), std::string("Zzyzx"), std::string("zzyzx"),
          std::string("775550123"), std::string("example.sn"), std::string("PII-1"),
          std::string(kPassword)}) {
      EXPECT_EQ(line.find(secret), std::string::npos) << secret << " in " << line;
    }
    json entry = json::parse(line, nullptr, false);
    ASSERT_FALSE(entry.is_discarded()) << line;
    for (const char* key : {"ts", "req", "user", "method", "route", "status", "ms"}) {
      EXPECT_TRUE(entry.contains(key)) << key << " in " << line;
    }
  }
}

}  // namespace
}  // namespace skillmatch::testing
