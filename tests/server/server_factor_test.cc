// The TOTP second factor of admins and supervisors, and supervisors' regions
// (issue 14): each case tries to get past the rule and asserts the refusal.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <optional>
#include <set>
#include <thread>

#include "audit.h"
#include "server/qr_decode.h"
#include "server_fixture.h"
#include "support/shell.h"
#include "totp.h"

namespace skillmatch::testing {
namespace {

using nlohmann::json;

// Enrols `login` as `skillmatch users totp enable` does; returns the secret.
std::string Enrol(TestServer& s, const std::string& login) {
  auto key = server::LoadTotpKey(s.db(), true);
  EXPECT_TRUE(key.ok()) << key.status().message();
  const std::string secret = server::NewTotpSecret();
  auto sealed = server::SealTotpSecret(*key, secret);
  EXPECT_TRUE(sealed.ok());
  auto store = s.OpenStore();
  EXPECT_TRUE(store->SetAccountTotp(login, *sealed).ok());
  return secret;
}

// `skillmatch users totp enable` run on the server's store for `login`, with
// `flags` after it.
Outcome EnrolFromCommandLine(TestServer& s, const TempDir& scratch, const std::string& login,
                             const std::string& flags = "") {
  return Shell(std::string(SKILLMATCH_BINARY) + " users totp enable --db " + s.db() +
                   " --login " + login + flags,
               scratch);
}

Answer LoginWith(TestServer& s, const std::string& login,
                 const std::string& password, const json& code) {
  json body = {{"login", login}, {"password", password}};
  if (!code.is_null()) body["code"] = code;
  return s.Send("POST", "/api/v1/session", s.SameOrigin(), body.dump());
}

std::vector<std::string> AuditActions(TestServer& s) {
  auto store = s.OpenStore();
  auto entries = store->ListAudit(0, 10000);
  EXPECT_TRUE(entries.ok());
  std::vector<std::string> actions;
  for (const auto& e : *entries) actions.push_back(e.action);
  return actions;
}

bool Has(const std::vector<std::string>& actions, const std::string& action) {
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

// ---------------------------------------------------------------- TOTP

TEST(ServerTotp, NoWrongOrMissingCodeGetsIn) {
  TestServer s;
  const std::string secret = Enrol(s, "supervisor");
  const int64_t now = 1'800'000'000;  // the fixture's clock
  // No code: 401, no cookie, and nothing says whether the code would be
  // right.
  Answer none = LoginWith(s, "supervisor", kPassword, nullptr);
  EXPECT_EQ(none.status, 401) << none.body;
  EXPECT_EQ(none.json()["error"]["code"], "totp_required");
  EXPECT_EQ(none.json()["error"]["field"], "code");
  EXPECT_TRUE(none.header("Set-Cookie").empty());
  // Wrong codes: malformed, wrong digits, an empty string, a number.
  const std::string right = server::TotpCode(secret, now);
  ASSERT_EQ(right.size(), 6u);
  std::string wrong = right;
  wrong[5] = wrong[5] == '9' ? '0' : static_cast<char>(wrong[5] + 1);
  for (const json& code : {json(wrong), json(""), json("12345"), json("1234567"),
                           json(right + " "), json("abcdef")}) {
    Answer a = LoginWith(s, "supervisor", kPassword, code);
    EXPECT_EQ(a.status, 401) << code << " " << a.body;
    EXPECT_EQ(a.json()["error"]["code"], "bad_totp") << code;
    EXPECT_TRUE(a.header("Set-Cookie").empty());
    s.Advance(60);  // past the throttle's delays, a step further each time
  }
  Answer number = LoginWith(s, "supervisor", kPassword, std::stoi(right));
  EXPECT_EQ(number.status, 422) << number.body;
  // The right code with a wrong password: refused as a wrong password, and
  // the code is not spent.
  const int64_t later = now + 6 * 60;
  Answer bad_password =
      LoginWith(s, "supervisor", "wrong password here", server::TotpCode(secret, later));
  EXPECT_EQ(bad_password.status, 401);
  EXPECT_EQ(bad_password.json()["error"]["code"], "bad_credentials");
  s.Advance(20);  // past the throttle's delay (16 s), within the code's window
  Answer ok = LoginWith(s, "supervisor", kPassword, server::TotpCode(secret, later));
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_FALSE(ok.header("Set-Cookie").empty());
  EXPECT_EQ(ok.json()["account"]["totp"], true);
  const auto actions = AuditActions(s);
  EXPECT_TRUE(Has(actions, "login.totp_required"));
  EXPECT_TRUE(Has(actions, "login.failure.totp"));
}

TEST(ServerTotp, ACodeIsUsedOnceAndOnlyWithinOneStep) {
  TestServer s;
  const std::string secret = Enrol(s, "admin");
  const int64_t now = 1'800'000'000;
  const std::string code = server::TotpCode(secret, now);
  ASSERT_EQ(LoginWith(s, "admin", kPassword, code).status, 200);
  // Replayed (another login with the same code, in the same step): refused.
  Answer replay = LoginWith(s, "admin", kPassword, code);
  EXPECT_EQ(replay.status, 401) << replay.body;
  EXPECT_EQ(replay.json()["error"]["code"], "bad_totp");
  EXPECT_TRUE(Has(AuditActions(s), "login.failure.totp_replay"));
  // The previous step's code, valid in the window, comes after a later one
  // was used: refused too.
  EXPECT_EQ(LoginWith(s, "admin", kPassword,
                      server::TotpCode(secret, now - server::kTotpStepSeconds))
                .status,
            401);
  // The next step's code (a phone's clock a little ahead) is accepted once.
  s.Advance(60);  // the throttle's delay after two failures... and 2 steps on
  const int64_t t = now + 60;
  Answer ahead = LoginWith(s, "admin", kPassword,
                           server::TotpCode(secret, t + server::kTotpStepSeconds));
  EXPECT_EQ(ahead.status, 200) << ahead.body;
  // Two steps away, either side: refused.
  s.Advance(300);
  int64_t clock = t + 300;
  for (int64_t offset : {-2, 2}) {
    Answer far = LoginWith(s, "admin", kPassword,
                           server::TotpCode(secret, clock + offset * server::kTotpStepSeconds));
    EXPECT_EQ(far.status, 401) << offset << " " << far.body;
    s.Advance(60);
    clock += 60;
  }
  // The previous step's code, when no later one was used: accepted.
  Answer behind = LoginWith(s, "admin", kPassword,
                            server::TotpCode(secret, clock - server::kTotpStepSeconds));
  EXPECT_EQ(behind.status, 200) << behind.body;
}

TEST(ServerTotp, AnotherUsersCodeIsRefused) {
  TestServer s;
  const std::string admin_secret = Enrol(s, "admin");
  const std::string supervisor_secret = Enrol(s, "supervisor");
  ASSERT_NE(admin_secret, supervisor_secret);
  const int64_t now = 1'800'000'000;
  const std::string admins = server::TotpCode(admin_secret, now);
  ASSERT_NE(admins, server::TotpCode(supervisor_secret, now))
      << "one chance in a million: the two codes collide";
  Answer a = LoginWith(s, "supervisor", kPassword, admins);
  EXPECT_EQ(a.status, 401) << a.body;
  // And the admin's code still works for the admin (not spent by the try).
  EXPECT_EQ(LoginWith(s, "admin", kPassword, admins).status, 200);
}

TEST(ServerTotp, GuessingCodesIsThrottled) {
  TestServer s;
  const std::string secret = Enrol(s, "supervisor");
  const std::string right = server::TotpCode(secret, 1'800'000'000);
  int throttled = 0;
  for (int i = 0; i < 8; ++i) {
    std::string guess = std::to_string(100000 + i);
    if (guess == right) guess = "999999";
    Answer a = LoginWith(s, "supervisor", kPassword, guess);
    if (a.status == 429) ++throttled;
  }
  EXPECT_GE(throttled, 4);
  // Even the right code waits while throttled.
  Answer a = LoginWith(s, "supervisor", kPassword, right);
  EXPECT_EQ(a.status, 429) << a.body;
}

// The login page runs the same SignIn: an enrolled supervisor cannot get in
// through the form without the code, with a wrong one, or by replaying it.
TEST(ServerTotp, TheLoginPageAsksForTheCodeToo) {
  TestServer s;
  const std::string secret = Enrol(s, "supervisor");
  const int64_t now = 1'800'000'000;  // the fixture's clock
  auto form = [&](const std::string& code) {
    std::string body = "login=supervisor&password=correct+horse+battery";
    if (!code.empty()) body += "&code=" + code;
    return s.Send("POST", "/connexion", s.SameOrigin(), body,
                  "application/x-www-form-urlencoded");
  };
  Answer none = form("");
  EXPECT_EQ(none.status, 401) << none.body;
  EXPECT_TRUE(none.header("Set-Cookie").empty());
  EXPECT_NE(none.body.find("Identifiant ou mot de passe incorrect."), std::string::npos);
  s.Advance(60);  // past the throttle's delay
  const std::string right = server::TotpCode(secret, now + 60);
  std::string wrong = right;
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  Answer bad = form(wrong);
  EXPECT_EQ(bad.status, 401) << bad.body;
  EXPECT_TRUE(bad.header("Set-Cookie").empty());
  s.Advance(20);  // past the throttle's delay, still within the code's window
  Answer ok = form(server::TotpCode(secret, now + 80));
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.header("Location"), "/accueil");
  EXPECT_FALSE(ok.header("Set-Cookie").empty());
  Answer replay = form(server::TotpCode(secret, now + 80));
  EXPECT_EQ(replay.status, 401) << replay.body;
  EXPECT_TRUE(replay.header("Set-Cookie").empty());
  const auto actions = AuditActions(s);
  EXPECT_TRUE(Has(actions, "login.totp_required"));
  EXPECT_TRUE(Has(actions, "login.failure.totp"));
  EXPECT_TRUE(Has(actions, "login.failure.totp_replay"));
}

TEST(ServerTotp, RequiredForAdminsAndSupervisorsWhenAsked) {
  server::ServerOptions options;
  options.require_totp = true;
  TestServer s(options);
  for (const char* login : {"admin", "supervisor"}) {
    Answer a = LoginWith(s, login, kPassword, nullptr);
    EXPECT_EQ(a.status, 403) << login << " " << a.body;
    EXPECT_EQ(a.json()["error"]["code"], "totp_enrolment_required");
    EXPECT_TRUE(a.header("Set-Cookie").empty());
  }
  // Other roles log in with their password.
  EXPECT_EQ(s.Login("counsellor").status, 200);
  EXPECT_EQ(s.Login("auditor").status, 200);
  const std::string secret = Enrol(s, "admin");
  s.Advance(3600);
  EXPECT_EQ(LoginWith(s, "admin", kPassword,
                      server::TotpCode(secret, 1'800'000'000 + 3600))
                .status,
            200);
}

TEST(ServerTotp, SecretIsSealedAndItsKeyPrivate) {
  TestServer s;
  const std::string secret = Enrol(s, "admin");
  auto store = s.OpenStore();
  auto account = store->GetAccount("admin");
  ASSERT_TRUE(account.ok());
  ASSERT_FALSE(account->totp_secret.empty());
  EXPECT_EQ(account->totp_secret.find(server::Base32(secret)), std::string::npos);
  std::string hex;
  for (unsigned char c : secret) {
    static const char* digits = "0123456789abcdef";
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  EXPECT_EQ(account->totp_secret.find(hex), std::string::npos);
  struct stat info {};
  ASSERT_EQ(::stat(server::TotpKeyPath(s.db()).c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  // Another key cannot open it; an altered box is refused.
  const std::string other(32, 'k');
  EXPECT_FALSE(server::OpenTotpSecret(other, account->totp_secret).ok());
  std::string altered = account->totp_secret;
  altered.back() = altered.back() == '0' ? '1' : '0';
  auto key = server::LoadTotpKey(s.db(), false);
  ASSERT_TRUE(key.ok());
  EXPECT_FALSE(server::OpenTotpSecret(*key, altered).ok());
  EXPECT_EQ(*server::OpenTotpSecret(*key, account->totp_secret), secret);
  // The key file gone: the account cannot log in (503, the operator's
  // problem), and no one gets in without the factor.
  ASSERT_EQ(::unlink(server::TotpKeyPath(s.db()).c_str()), 0);
  Answer a = LoginWith(s, "admin", kPassword, server::TotpCode(secret, 1'800'000'000));
  EXPECT_EQ(a.status, 503) << a.body;
  EXPECT_TRUE(a.header("Set-Cookie").empty());
  // Nor does the secret or a code reach the request log.
  s.Stop();
  EXPECT_EQ(s.Log().find(server::Base32(secret)), std::string::npos);
}

TEST(ServerTotp, CodesMatchRfc6238) {
  // RFC 6238, appendix B, SHA-1 (8 digits there; the last 6 here).
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(server::TotpCode(secret, 59), "287082");
  EXPECT_EQ(server::TotpCode(secret, 1111111109), "081804");
  EXPECT_EQ(server::TotpCode(secret, 2000000000), "279037");
  EXPECT_EQ(server::Base32(secret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(server::MatchTotp(secret, "081804", 1111111109), 1111111109 / 30);
  EXPECT_EQ(server::MatchTotp(secret, "081804", 1111111109 + 30), 1111111109 / 30);
  EXPECT_FALSE(server::MatchTotp(secret, "081804", 1111111109 + 60).has_value());
  EXPECT_FALSE(server::MatchTotp(secret, "08180", 1111111109).has_value());
}

// The command line enrols, and an authenticator that knows only the URI
// (oathtool, independent of the server's code) gives codes that log in.
TEST(ServerTotp, EnrolmentFromTheCommandLineWorksWithAnAuthenticator) {
  TestServer s;
  TempDir scratch;
  Outcome enrol = EnrolFromCommandLine(s, scratch, "supervisor");
  ASSERT_EQ(enrol.code, 0) << enrol.err;
  const std::string uri = enrol.out.substr(0, enrol.out.find('\n'));
  ASSERT_EQ(uri.rfind("otpauth://totp/skillmatch:supervisor?secret=", 0), 0u) << uri;
  EXPECT_NE(uri.find("&digits=6&period=30"), std::string::npos);
  const size_t at = uri.find("secret=") + 7;
  const std::string base32 = uri.substr(at, uri.find('&', at) - at);
  EXPECT_EQ(base32.size(), 32u);  // 160 bits
  // Shown once, on stdout: not on stderr, not in the store, not in the
  // audit trail.
  EXPECT_EQ(enrol.err.find(base32), std::string::npos);
  // Searched by another process: closing a descriptor of the live store in
  // this one would drop the server's SQLite locks (POSIX locks are per
  // process).
  Outcome grep = Shell("cat " + s.db() + " " + s.db() + "-wal | grep -c " + base32, scratch);
  EXPECT_EQ(grep.out, "0\n") << "the plain secret is in the store";
  Outcome code = Shell("oathtool --totp -b " + base32 + " -N @1800000000", scratch);
  ASSERT_EQ(code.code, 0) << code.err;
  const std::string six = code.out.substr(0, 6);
  Answer a = LoginWith(s, "supervisor", kPassword, six);
  EXPECT_EQ(a.status, 200) << a.body;
  // Counsellors get none; re-enrolling changes the secret (the old URI's
  // codes stop working).
  Outcome counsellor = EnrolFromCommandLine(s, scratch, "counsellor");
  EXPECT_EQ(counsellor.code, 64) << counsellor.err;
  Outcome again = EnrolFromCommandLine(s, scratch, "supervisor");
  ASSERT_EQ(again.code, 0);
  EXPECT_NE(again.out, enrol.out);
  s.Advance(60);
  Outcome old_code = Shell("oathtool --totp -b " + base32 + " -N @1800000060", scratch);
  EXPECT_EQ(LoginWith(s, "supervisor", kPassword, old_code.out.substr(0, 6)).status, 401);
  // Disabled: the password alone again.
  Outcome off = Shell(std::string(SKILLMATCH_BINARY) + " users totp disable --db " +
                          s.db() + " --login supervisor",
                      scratch);
  ASSERT_EQ(off.code, 0) << off.err;
  s.Advance(60);
  EXPECT_EQ(s.Login("supervisor").status, 200);
}

// With --qr the URI is followed by its QR code, drawn for a terminal, which
// zbar reads back as the URI; nothing of it on stderr.
TEST(ServerTotp, TheCommandLineDrawsTheUrisQrCode) {
  TestServer s;
  TempDir scratch;
  Outcome enrol = EnrolFromCommandLine(s, scratch, "supervisor", " --qr");
  ASSERT_EQ(enrol.code, 0) << enrol.err;
  const size_t end = enrol.out.find('\n');
  const std::string uri = enrol.out.substr(0, end);
  ASSERT_EQ(uri.rfind("otpauth://totp/skillmatch:supervisor?secret=", 0), 0u) << uri;
  std::optional<testing::QrBitmap> symbol = testing::BitmapOfTerminal(enrol.out.substr(end + 1));
  ASSERT_TRUE(symbol.has_value()) << enrol.out;
  EXPECT_EQ(testing::ZbarRead(*symbol), uri + "\n");
  EXPECT_NE(enrol.err.find("scan the QR code above"), std::string::npos) << enrol.err;
  const size_t at = uri.find("secret=") + 7;
  EXPECT_EQ(enrol.err.find(uri.substr(at, 32)), std::string::npos);
}

// The password hashes' two slots are granted in arrival order: under a rush
// of logins no one is passed over by later arrivals.
TEST(ServerLogin, HashSlotsServeFirstComeFirstServed) {
  server::FifoSlots slots(2);
  slots.Acquire();
  slots.Acquire();
  std::mutex mutex;
  std::vector<int> order;
  std::atomic<int> holding{2};
  std::atomic<int> most{2};
  std::vector<std::thread> waiters;
  for (int i = 0; i < 6; ++i) {
    waiters.emplace_back([&, i] {
      slots.Acquire();
      const int now = ++holding;
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      {
        std::lock_guard lock(mutex);
        order.push_back(i);
      }
      --holding;
      slots.Release();
    });
    // The next thread starts once this one holds its ticket.
    for (int tries = 0; tries < 1000 && slots.waiting() != static_cast<uint64_t>(i + 1);
         ++tries) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_EQ(slots.waiting(), static_cast<uint64_t>(i + 1));
  }
  // One slot freed (the other kept): the waiters pass it on one by one,
  // so the order they record is the order they were granted.
  --holding;
  slots.Release();
  for (std::thread& waiter : waiters) waiter.join();
  --holding;
  slots.Release();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_LE(most.load(), 2);
  EXPECT_EQ(slots.waiting(), 0u);
}

// Audit entries are committed in groups (api.cc, "Group commit"): views made
// at the same moment by many requests each get their entry, in one
// unbroken chain.
TEST(ServerAudit, ConcurrentViewsAreEachAuditedInOneChain) {
  server::ServerOptions options;
  options.threads = 8;
  TestServer s(options);
  Session c = s.Login("counsellor");
  const size_t before = AuditActions(s).size();
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int client = 0; client < 8; ++client) {
    clients.emplace_back([&] {
      for (int view = 0; view < 10; ++view) {
        if (s.As(c, "GET", "/api/v1/jobseekers/" + s.dakar_profile).status == 200) ++ok;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(ok.load(), 80);
  const auto actions = AuditActions(s);
  EXPECT_EQ(static_cast<int>(std::count(actions.begin() + before, actions.end(),
                                        "jobseeker.view")),
            80);
  auto store = s.OpenStore();
  auto report = server::VerifyAudit(*store);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems[0]);
  EXPECT_EQ(report->entries, static_cast<int64_t>(actions.size()));
}

// ---------------------------------------------------------------- Regions

// dakar and thies in region "ouest", ziguinchor in "sud" (one jobseeker and
// one offer of the fixture moved there), and a supervisor of dakar with the
// region "ouest".
class ServerRegions : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = s_.OpenStore();
    ASSERT_TRUE(store->SetAgencyRegion("dakar", "ouest").ok());
    ASSERT_TRUE(store->SetAgencyRegion("thies", "ouest").ok());
    ASSERT_TRUE(store->SetAgencyRegion("ziguinchor", "sud").ok());
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kProfile, s_.dakar_profile2,
                                 "ziguinchor").ok());
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kOffer, s_.dakar_offer2,
                                 "ziguinchor").ok());
    engine::Account regional = *store->GetAccount("supervisor");
    regional.login = "regional";
    regional.region = "ouest";
    ASSERT_TRUE(store->AddAccount(regional).ok());
    ASSERT_TRUE(s_.WaitForIndexes());
  }
  std::set<std::string> Ids(const Session& session, const std::string& path,
                            const std::string& list, const std::string& key) {
    Answer a = s_.As(session, "GET", path);
    EXPECT_EQ(a.status, 200) << path << " " << a.body;
    std::set<std::string> ids;
    const json body = a.json();
    for (const auto& item : body[list]) ids.insert(item[key].get<std::string>());
    return ids;
  }
  static server::ServerOptions FastPoll() {
    server::ServerOptions options;
    options.offer_index_poll_ms = 50;
    return options;
  }
  TestServer s_{FastPoll()};
};

TEST_F(ServerRegions, RegionalSupervisorSeesItsRegionAndNothingElse) {
  Session r = s_.Login("regional");
  ASSERT_EQ(r.status, 200);
  // By id: thies (same region) yes, ziguinchor (another region) 404 as a
  // missing id.
  EXPECT_EQ(s_.As(r, "GET", "/api/v1/jobseekers/" + s_.dakar_profile).status, 200);
  EXPECT_EQ(s_.As(r, "GET", "/api/v1/jobseekers/" + s_.thies_profile).status, 200);
  Answer other = s_.As(r, "GET", "/api/v1/jobseekers/" + s_.dakar_profile2);
  Answer missing = s_.As(r, "GET", "/api/v1/jobseekers/NO-SUCH-ID");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body, missing.body);
  EXPECT_EQ(s_.As(r, "GET", "/api/v1/offers/" + s_.thies_offer).status, 200);
  EXPECT_EQ(s_.As(r, "GET", "/api/v1/offers/" + s_.dakar_offer2).status, 404);
  // Lists, paged one by one so that paging cannot step out either.
  std::set<std::string> listed;
  std::string after;
  for (int page = 0; page < 10; ++page) {
    Answer a = s_.As(r, "GET", "/api/v1/jobseekers?limit=1" +
                                   (after.empty() ? "" : "&after=" + after));
    ASSERT_EQ(a.status, 200);
    const json body = a.json();
    for (const auto& item : body["items"]) listed.insert(item["id"].get<std::string>());
    if (!body.contains("next")) break;
    after = body["next"];
  }
  EXPECT_EQ(listed, (std::set<std::string>{s_.dakar_profile, s_.thies_profile}));
  EXPECT_EQ(Ids(r, "/api/v1/offers", "items", "id"),
            (std::set<std::string>{s_.dakar_offer, s_.thies_offer}));
  // Matching draws on the offers of every agency of the region, and of no
  // other: a jobseeker filed in thies is offered thies's and dakar's offers,
  // never the one moved to ziguinchor (all three copies of one offer).
  {
    auto store = s_.OpenStore();
    engine::Profile profile = *store->GetProfile(s_.dakar_profile2);
    profile.id = "THIES-P";
    ASSERT_TRUE(store->UpsertProfile(profile).ok());
    engine::Offer copy = *store->GetOffer(s_.dakar_offer);
    copy.id = "THIES-O";
    copy.source_ref = "THIES-REF";
    ASSERT_TRUE(store->UpsertOffer(copy).ok());
    copy.id = "ZIG-O";
    copy.source_ref = "ZIG-REF";
    ASSERT_TRUE(store->UpsertOffer(copy).ok());
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kProfile, "THIES-P", "thies").ok());
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kOffer, "THIES-O", "thies").ok());
    ASSERT_TRUE(store->SetAgency(engine::AgencyRecord::kOffer, "ZIG-O", "ziguinchor").ok());
  }
  std::set<std::string> offers;
  for (int attempt = 0; attempt < 100 && !offers.count("THIES-O"); ++attempt) {
    // thies's index sees the new offer at its next poll.
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    offers = Ids(r, "/api/v1/jobseekers/THIES-P/offers?top=50", "offers", "offer");
  }
  EXPECT_TRUE(offers.count("THIES-O"));
  EXPECT_TRUE(offers.count(s_.dakar_offer));
  EXPECT_FALSE(offers.count("ZIG-O"));
  EXPECT_FALSE(offers.count(s_.dakar_offer2));
  // The plain supervisor of dakar is not offered thies's.
  Session plain = s_.Login("supervisor");
  EXPECT_EQ(s_.As(plain, "GET", "/api/v1/jobseekers/THIES-P/offers").status, 404);
  std::set<std::string> own = Ids(plain, "/api/v1/jobseekers/" + s_.dakar_profile +
                                             "/offers?top=50", "offers", "offer");
  EXPECT_FALSE(own.count("THIES-O"));
  std::set<std::string> candidates =
      Ids(r, "/api/v1/offers/" + s_.thies_offer + "/candidates?top=50", "candidates",
          "jobseeker");
  EXPECT_FALSE(candidates.count(s_.dakar_profile2));
  EXPECT_EQ(s_.As(r, "GET", "/api/v1/jobseekers/" + s_.dakar_profile2 + "/offers").status,
            404);
  // Decisions and reviews outside the region: 404.
  EXPECT_EQ(s_.As(r, "POST", "/api/v1/decisions",
                  json{{"jobseeker", s_.dakar_profile2}, {"offer", s_.thies_offer},
                       {"status", "proposed"}}
                      .dump())
                .status,
            404);
  EXPECT_EQ(s_.As(r, "POST", "/api/v1/decisions",
                  json{{"jobseeker", s_.thies_profile}, {"offer", s_.thies_offer},
                       {"status", "proposed"}}
                      .dump())
                .status,
            201);
  EXPECT_EQ(s_.As(r, "POST", "/api/v1/review/" + s_.dakar_offer2,
                  json{{"code", "M1201"}}.dump())
                .status,
            404);
  // What it creates is filed under its own agency.
  json p = json::parse(s_.As(r, "GET", "/api/v1/jobseekers/" + s_.thies_profile).body);
  p["id"] = "REGIONAL-NEW";
  ASSERT_EQ(s_.As(r, "POST", "/api/v1/jobseekers", p.dump()).status, 201);
  EXPECT_EQ(*s_.OpenStore()->GetAgency(engine::AgencyRecord::kProfile, "REGIONAL-NEW"),
            "dakar");
}

TEST_F(ServerRegions, NoRegionNoRoleAndNoHeaderWidensTheScope) {
  // The supervisor without a region keeps its agency.
  Session plain = s_.Login("supervisor");
  EXPECT_EQ(s_.As(plain, "GET", "/api/v1/jobseekers/" + s_.thies_profile).status, 404);
  // A counsellor whose row was given a region behind the CLI's back still
  // sees its agency only: regions are for supervisors.
  ASSERT_TRUE(s_.OpenStore()->SetAccountRegion("counsellor", "ouest").ok());
  Session c = s_.Login("counsellor");
  EXPECT_EQ(s_.As(c, "GET", "/api/v1/jobseekers/" + s_.thies_profile).status, 404);
  EXPECT_EQ(Ids(c, "/api/v1/jobseekers", "items", "id"),
            (std::set<std::string>{s_.dakar_profile}));
  // A region named in the request means nothing.
  Session r = s_.Login("regional");
  httplib::Headers headers = s_.SameOrigin();
  headers.emplace("Cookie", r.cookie);
  headers.emplace("X-Region", "sud");
  EXPECT_EQ(s_.Send("GET", "/api/v1/jobseekers/" + s_.dakar_profile2 + "?region=sud",
                    headers)
                .status,
            404);
}

TEST_F(ServerRegions, MovingAnAgencyOutOfTheRegionEndsItsVisibilityAtOnce) {
  Session r = s_.Login("regional");
  ASSERT_EQ(s_.As(r, "GET", "/api/v1/jobseekers/" + s_.thies_profile).status, 200);
  ASSERT_TRUE(s_.OpenStore()->SetAgencyRegion("thies", "nord").ok());
  EXPECT_EQ(s_.As(r, "GET", "/api/v1/jobseekers/" + s_.thies_profile).status, 404);
  EXPECT_FALSE(Ids(r, "/api/v1/jobseekers", "items", "id").count(s_.thies_profile));
  // And a region removed from the account: back to its agency.
  ASSERT_TRUE(s_.OpenStore()->SetAgencyRegion("ziguinchor", "ouest").ok());
  EXPECT_EQ(s_.As(r, "GET", "/api/v1/jobseekers/" + s_.dakar_profile2).status, 200);
  ASSERT_TRUE(s_.OpenStore()->SetAccountRegion("regional", "").ok());
  EXPECT_EQ(s_.As(r, "GET", "/api/v1/jobseekers/" + s_.dakar_profile2).status, 404);
  EXPECT_EQ(Ids(r, "/api/v1/jobseekers", "items", "id"),
            (std::set<std::string>{s_.dakar_profile}));
}

TEST(RegionsCli, OnlySupervisorsGetARegion) {
  TestServer s;
  TempDir scratch;
  const std::string bin = std::string(SKILLMATCH_BINARY);
  Outcome agency = Shell(bin + " agencies region --db " + s.db() +
                             " --agency thies --region ouest",
                         scratch);
  ASSERT_EQ(agency.code, 0) << agency.err;
  EXPECT_EQ(agency.err, "agency thies: region ouest\n");
  Outcome counsellor = Shell(bin + " users region --db " + s.db() +
                                 " --login counsellor --region ouest",
                             scratch);
  EXPECT_EQ(counsellor.code, 64);
  EXPECT_NE(counsellor.err.find("only for supervisors"), std::string::npos) << counsellor.err;
  Outcome add = Shell("echo 'another long phrase' | " + bin +
                          " users add --fast-hash --db " + s.db() +
                          " --login c2 --role counsellor --agency dakar --region ouest",
                      scratch);
  EXPECT_EQ(add.code, 64) << add.err;
  Outcome supervisor = Shell(bin + " users region --db " + s.db() +
                                 " --login supervisor --region ouest",
                             scratch);
  ASSERT_EQ(supervisor.code, 0) << supervisor.err;
  Session sup = s.Login("supervisor");
  EXPECT_EQ(s.As(sup, "GET", "/api/v1/jobseekers/" + s.thies_profile).status, 200);
  Outcome list = Shell(bin + " users list --db " + s.db() + " --format json", scratch);
  ASSERT_EQ(list.code, 0);
  bool found = false;
  for (const auto& account : json::parse(list.out)) {
    if (account["login"] == "supervisor") {
      found = true;
      EXPECT_EQ(account["region"], "ouest");
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace skillmatch::testing
