// The office deployment: tools/deploy/nginx-skillmatch.conf in front of the
// server, with only its ports and paths replaced (the lines marked
// "(test)"). Needs nginx and openssl (tools/install-deps.sh); skipped when
// nginx is missing, failed instead under CI.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>

#include "server/server_fixture.h"
#include "support/shell.h"

namespace skillmatch::testing {
namespace {

using nlohmann::json;

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t size = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  ::close(fd);
  return ntohs(addr.sin_port);
}

void Replace(std::string& text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  while (at != std::string::npos) {
    text.replace(at, from.size(), to);
    at = text.find(from, at + to.size());
  }
}

bool Listening(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

class Nginx : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx") != 0) {
      if (std::getenv("CI") != nullptr) FAIL() << "nginx is not installed";
      GTEST_SKIP() << "nginx is not installed (tools/install-deps.sh)";
    }
    nginx_ = std::filesystem::exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
    https_port_ = FreePort();
    http_port_ = FreePort();
    server::ServerOptions options;
    options.tls_in_front = true;
    options.allowed_origins = {"https://pes.example.org"};
    options.trusted_proxies = {"127.0.0.1"};
    app_ = std::make_unique<TestServer>(options);

    const std::string d = dir_.path();
    Outcome cert = Shell("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=pes.example.org -keyout " +
                             d + "/key.pem -out " + d + "/cert.pem",
                         dir_);
    ASSERT_EQ(cert.code, 0) << cert.err;
    std::string site = Slurp(std::string(SKILLMATCH_SOURCE_DIR) +
                             "/tools/deploy/nginx-skillmatch.conf");
    Replace(site, "server 127.0.0.1:8080;", "server 127.0.0.1:" + std::to_string(app_->port()) + ";");
    Replace(site, "listen 80;", "listen 127.0.0.1:" + std::to_string(http_port_) + ";");
    Replace(site, "listen 443 ssl;", "listen 127.0.0.1:" + std::to_string(https_port_) + " ssl;");
    Replace(site, "/etc/ssl/certs/pes.example.org.pem", d + "/cert.pem");
    Replace(site, "/etc/ssl/private/pes.example.org.key", d + "/key.pem");
    Replace(site, "/var/log/nginx/skillmatch.access.log", d + "/access.log");
    dir_.Write("skillmatch.conf", site);
    for (const char* sub : {"body", "proxy", "fcgi", "uwsgi", "scgi"}) {
      std::filesystem::create_directories(d + "/" + sub);
    }
    dir_.Write("nginx.conf",
               "daemon off;\nmaster_process off;\nworker_processes 1;\npid " + d +
                   "/nginx.pid;\nerror_log " + d + "/error.log;\nevents { worker_connections 64; }\n"
                   "http {\n  access_log off;\n  client_body_temp_path " + d + "/body;\n"
                   "  proxy_temp_path " + d + "/proxy;\n  fastcgi_temp_path " + d + "/fcgi;\n"
                   "  uwsgi_temp_path " + d + "/uwsgi;\n  scgi_temp_path " + d + "/scgi;\n"
                   "  include " + d + "/skillmatch.conf;\n}\n");
    Outcome check = Shell(nginx_ + " -t -p " + d + " -c " + d + "/nginx.conf", dir_);
    ASSERT_EQ(check.code, 0) << check.err;
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string conf = d + "/nginx.conf";
      ::execl(nginx_.c_str(), "nginx", "-p", d.c_str(), "-c", conf.c_str(), nullptr);
      ::_exit(127);
    }
    for (int i = 0; i < 300 && !Listening(https_port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(Listening(https_port_)) << Slurp(d + "/error.log");
  }

  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }

  Answer Https(const std::string& method, const std::string& path,
               httplib::Headers headers = {}, const std::string& body = "") {
    httplib::SSLClient client("127.0.0.1", https_port_);
    client.enable_server_certificate_verification(false);
    client.set_read_timeout(10, 0);
    client.set_url_encode(false);
    headers.emplace("Host", "pes.example.org");
    httplib::Result result = [&] {
      if (method == "POST") return client.Post(path, headers, body, "application/json");
      return client.Get(path, headers);
    }();
    Answer answer;
    if (!result) return answer;
    answer.status = result->status;
    answer.body = result->body;
    answer.headers = result->headers;
    return answer;
  }

  Answer Login(const std::string& password, httplib::Headers extra = {}) {
    extra.emplace("Origin", "https://pes.example.org");
    return Https("POST", "/api/v1/session", extra,
                 json{{"login", "counsellor"}, {"password", password}}.dump());
  }

  static size_t Count(const Answer& a, const std::string& name) {
    return a.headers.count(name);
  }

  TempDir dir_;
  std::string nginx_;
  std::unique_ptr<TestServer> app_;
  int https_port_ = 0;
  int http_port_ = 0;
  pid_t pid_ = -1;
};

TEST_F(Nginx, TlsSecurityHeadersOnceAndSecureCookie) {
  Answer anonymous = Https("GET", "/api/v1/session");
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;
  for (const char* name : {"Content-Security-Policy", "X-Content-Type-Options",
                           "Referrer-Policy", "Cache-Control", "Strict-Transport-Security"}) {
    EXPECT_EQ(Count(anonymous, name), 1u) << name;
  }
  EXPECT_NE(anonymous.header("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(anonymous.header("Server"), "nginx");  // no version (server_tokens off)
  Answer login = Login(kPassword);
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = login.header("Set-Cookie");
  EXPECT_EQ(cookie.rfind("__Host-sm_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);
  // The session works through the proxy, and its address is the client's.
  Answer me = Https("GET", "/api/v1/session", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  EXPECT_EQ(me.status, 200) << me.body;
}

TEST_F(Nginx, BodyLimitAndPlainHttpRedirect) {
  Answer big = Https("POST", "/api/v1/session", {{"Origin", "https://pes.example.org"}},
                     std::string(2 << 20, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(Count(big, "Content-Security-Policy"), 1u);
  EXPECT_EQ(big.header("Cache-Control"), "no-store");
  httplib::Client plain("127.0.0.1", http_port_);
  auto redirect = plain.Get("/api/v1/session", {{"Host", "pes.example.org"}});
  ASSERT_TRUE(redirect);
  EXPECT_EQ(redirect->status, 301);
  EXPECT_EQ(redirect->get_header_value("Location"), "https://pes.example.org/api/v1/session");
}

TEST_F(Nginx, AccessLogHasNoQueryStrings) {
  Answer login = Login(kPassword);
  ASSERT_EQ(login.status, 200);
  const std::string cookie = login.header("Set-Cookie");
  Answer search = Https("GET", "/api/v1/occupations/search?q=Zzyzxowska%20775550123",
                        {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  EXPECT_EQ(search.status, 200);
  ::kill(pid_, SIGTERM);  // flushes the log
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  const std::string log = Slurp(dir_.Child("access.log"));
  EXPECT_NE(log.find("GET /api/v1/occupations/search HTTP/1.1\" 200"), std::string::npos) << log;
  EXPECT_EQ(log.find("Zzyzx"), std::string::npos) << log;
  EXPECT_EQ(log.find("775550123"), std::string::npos) << log;
}

TEST_F(Nginx, LoginRateLimitAndClientAddress) {
  // A client's own X-Real-IP is overwritten by nginx: the audit trail has
  // the address nginx saw.
  Answer spoofed = Login("wrong password 1", {{"X-Real-IP", "6.6.6.6"}});
  EXPECT_EQ(spoofed.status, 401);
  {
    auto store = app_->OpenStore();
    auto entries = store->ListAudit(0, 10);
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ((*entries)[0].address, "127.0.0.1");
  }
  // nginx answers a burst of logins with 429 itself (HTML, not the
  // server's JSON), with the security headers.
  bool proxy_limited = false;
  for (int i = 0; i < 12 && !proxy_limited; ++i) {
    Answer a = Login("wrong password");
    if (a.status == 429 && a.json().is_null()) {
      proxy_limited = true;
      EXPECT_EQ(Count(a, "Content-Security-Policy"), 1u);
    }
  }
  EXPECT_TRUE(proxy_limited);
}

}  // namespace
}  // namespace skillmatch::testing
