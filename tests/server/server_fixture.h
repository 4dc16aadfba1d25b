// A skillmatch server started in-process on a free loopback port over a
// fresh store, for the server tests: the embedded sample taxonomy, the three
// example jobseekers and offers (two of each in agency "dakar", one in
// "thies"), one account per role in "dakar" plus a counsellor in "thies",
// an injectable clock and the request log captured in memory.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server.h"
#include "skillmatch/model/model_json.h"
#include "skillmatch/store/store.h"
#include "support/sample_taxonomy.h"
#include "support/temp_dir.h"

namespace skillmatch::testing {

inline constexpr char kPassword[] = "correct horse battery";

struct Answer {
  int status = 0;  // 0: no answer (connection failed)
  std::string body;
  httplib::Headers headers;
  nlohmann::json json() const {
    try {
      return nlohmann::json::parse(body);
    } catch (...) {
      return nullptr;
    }
  }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// A signed-in browser: its cookie and CSRF token.
struct Session {
  std::string cookie;  // "sm_session=..."
  std::string csrf;
  int status = 0;      // of the login
};

// Percent-encodes every byte but unreserved ones (RFC 3986), for paths and
// query values.
inline std::string Encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class TestServer {
 public:
  explicit TestServer(server::ServerOptions extra = {}) {
    hold_indexes_ = static_cast<bool>(extra.offer_index_before_build);
    db_ = dir_.Child("pes.db");
    Populate();
    server::ServerOptions options = std::move(extra);
    options.db = db_;
    options.host = "127.0.0.1";
    options.port = 0;
    if (options.threads == 16) options.threads = 4;
    options.now = [this] { return clock_.load(); };
    options.passwords.opslimit = 1;
    options.passwords.memlimit = 8192;
    static std::atomic<int> loggers{0};
    log_sink_ = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    options.log = std::make_shared<spdlog::logger>(
        "test-http-" + std::to_string(loggers++), log_sink_);
    options.log->set_pattern("%v");
    auto made = server::Server::Create(options);
    if (!made.ok()) {
      ADD_FAILURE() << made.status().message();
      return;
    }
    server_ = std::move(*made);
    Status bound = server_->Bind();
    if (!bound.ok()) {
      ADD_FAILURE() << bound.message();
      return;
    }
    thread_ = std::thread([this] { (void)server_->Listen(); });
    for (int i = 0; i < 500 && !server_->running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // The offer indexes are built in the background at start-up; the tests
    // start once they are (a test of the building itself holds them).
    if (!hold_indexes_) EXPECT_TRUE(server_->WaitForOfferIndexes(30000));
  }
  // Waits for the offer indexes queued so far (after an offer write).
  bool WaitForIndexes() { return server_->WaitForOfferIndexes(30000); }
  ~TestServer() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  int port() const { return server_->port(); }
  // Stops the server (all requests logged), e.g. before reading Log().
  void Stop() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  const std::string& db() const { return db_; }
  void Advance(int64_t seconds) { clock_ += seconds; }
  std::string Log() {
    options_flush();
    std::lock_guard lock(log_mutex_);
    return log_.str();
  }

  // Ids of the records, by agency.
  std::string dakar_profile, dakar_profile2, thies_profile;
  std::string dakar_offer, dakar_offer2, thies_offer;

  std::unique_ptr<engine::Store> OpenStore() const {
    auto store = engine::Store::Open(db_);
    EXPECT_TRUE(store.ok()) << store.status().message();
    return store.ok() ? std::move(*store) : nullptr;
  }

  Answer Send(const std::string& method, const std::string& path,
              const httplib::Headers& headers = {},
              const std::string& body = "",
              const std::string& type = "application/json") {
    httplib::Client client("127.0.0.1", port());
    client.set_read_timeout(10, 0);
    client.set_url_encode(false);  // paths are given encoded (Encode)
    httplib::Result result = [&] {
      if (method == "POST") return client.Post(path, headers, body, type);
      if (method == "PUT") return client.Put(path, headers, body, type);
      if (method == "DELETE") {
        return body.empty() ? client.Delete(path, headers)
                            : client.Delete(path, headers, body, type);
      }
      return client.Get(path, headers);
    }();
    Answer answer;
    if (!result) return answer;
    answer.status = result->status;
    answer.body = result->body;
    answer.headers = result->headers;
    return answer;
  }

  httplib::Headers SameOrigin() const {
    return {{"Origin", "http://127.0.0.1:" + std::to_string(port())}};
  }

  Session Login(const std::string& login, const std::string& password = kPassword,
                const httplib::Headers& extra = {}) {
    httplib::Headers headers = SameOrigin();
    for (const auto& h : extra) headers.insert(h);
    nlohmann::json body = {{"login", login}, {"password", password}};
    Answer answer = Send("POST", "/api/v1/session", headers, body.dump());
    Session session;
    session.status = answer.status;
    const std::string set_cookie = answer.header("Set-Cookie");
    session.cookie = set_cookie.substr(0, set_cookie.find(';'));
    if (answer.status == 200) session.csrf = answer.json()["csrf"];
    return session;
  }

  // A request as the signed-in browser would send it.
  Answer As(const Session& session, const std::string& method,
            const std::string& path, const std::string& body = "") {
    httplib::Headers headers = SameOrigin();
    headers.emplace("Cookie", session.cookie);
    if (method != "GET") headers.emplace("X-CSRF-Token", session.csrf);
    return Send(method, path, headers, body);
  }

  // Sends raw bytes on a fresh connection and reads until the server closes
  // it or `wait_ms` pass; `closed` says whether it closed.
  std::string Raw(const std::string& bytes, int wait_ms = 3000,
                  bool* closed = nullptr) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd);
      return "";
    }
    timeval timeout{wait_ms / 1000, (wait_ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    std::string out;
    char buffer[4096];
    bool eof = false;
    while (true) {
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n == 0) {
        eof = true;
        break;
      }
      if (n < 0) break;  // timeout: still open
      out.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    if (closed) *closed = eof;
    return out;
  }

 private:
  void options_flush() {
    if (log_sink_) log_sink_->flush();
  }

  void Populate() {
    auto store = engine::Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE((*store)->LoadTaxonomy(SampleTaxonomy()).ok());
    const std::string examples =
        std::string(SKILLMATCH_SOURCE_DIR) + "/engine/model/schema/examples/";
    std::vector<std::string> profiles;
    std::vector<std::string> offers;
    ASSERT_TRUE(engine::ReadProfiles(examples + "profiles.jsonl",
                                     [&](engine::Profile&& p) {
                                       profiles.push_back(p.id);
                                       return (*store)->UpsertProfile(p).status();
                                     })
                    .ok());
    ASSERT_TRUE(engine::ReadOffers(examples + "offers.jsonl",
                                   [&](engine::Offer&& o) {
                                     offers.push_back(o.id);
                                     return (*store)->UpsertOffer(o).status();
                                   })
                    .ok());
    ASSERT_EQ(profiles.size(), 3u);
    ASSERT_EQ(offers.size(), 3u);
    dakar_profile = profiles[0];
    dakar_profile2 = profiles[1];
    thies_profile = profiles[2];
    dakar_offer = offers[0];
    dakar_offer2 = offers[1];
    thies_offer = offers[2];
    using engine::AgencyRecord;
    for (auto [kind, id, agency] :
         {std::tuple{AgencyRecord::kProfile, dakar_profile, "dakar"},
          std::tuple{AgencyRecord::kProfile, dakar_profile2, "dakar"},
          std::tuple{AgencyRecord::kProfile, thies_profile, "thies"},
          std::tuple{AgencyRecord::kOffer, dakar_offer, "dakar"},
          std::tuple{AgencyRecord::kOffer, dakar_offer2, "dakar"},
          std::tuple{AgencyRecord::kOffer, thies_offer, "thies"}}) {
      ASSERT_TRUE((*store)->SetAgency(kind, id, agency).ok());
    }
    server::PasswordOptions fast;
    fast.opslimit = 1;
    fast.memlimit = 8192;
    ASSERT_TRUE(server::InitCrypto());
    auto hash = server::HashPassword(kPassword, fast);
    ASSERT_TRUE(hash.ok());
    for (auto [login, role, agency] :
         {std::tuple{"admin", "admin", ""},
          std::tuple{"supervisor", "supervisor", "dakar"},
          std::tuple{"counsellor", "counsellor", "dakar"},
          std::tuple{"employer_relations", "employer_relations", "dakar"},
          std::tuple{"statistician", "statistician", ""},
          std::tuple{"auditor", "auditor", ""},
          std::tuple{"thies", "counsellor", "thies"}}) {
      engine::Account account;
      account.login = login;
      account.role = role;
      account.agency = agency;
      account.password_hash = *hash;
      ASSERT_TRUE((*store)->AddAccount(account).ok());
    }
  }

  TempDir dir_;
  std::string db_;
  bool hold_indexes_ = false;
  std::atomic<int64_t> clock_{1'800'000'000};
  std::ostringstream log_;
  std::mutex log_mutex_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> log_sink_;
  std::unique_ptr<server::Server> server_;
  std::thread thread_;
};

}  // namespace skillmatch::testing
