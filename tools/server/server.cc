#include "server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "offer_cache.h"
#include "pages/import_jobs.h"
#include "pages/pages.h"
#include "routes.h"
#include "skillmatch/store/store.h"

namespace skillmatch::server {

namespace {

using nlohmann::ordered_json;

// ---------------------------------------------------------------- Stores

// One store connection per worker at a time (a Store is not for concurrent
// use); connections are kept for the next request.
class StorePool {
 public:
  explicit StorePool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<engine::Store> store)
        : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (store_) pool_->Return(std::move(store_));
    }
    engine::Store* get() const { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<engine::Store> store_;
  };

  Result<Lease> Acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        std::unique_ptr<engine::Store> store = std::move(free_.back());
        free_.pop_back();
        return Lease(this, std::move(store));
      }
    }
    engine::StoreOptions options;
    options.create_if_missing = false;
    SKILLMATCH_ASSIGN_OR_RETURN(store, engine::Store::Open(path_, options));
    return Lease(this, std::move(store));
  }

 private:
  void Return(std::unique_ptr<engine::Store> store) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(store));
  }
  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<engine::Store>> free_;
};

// ---------------------------------------------------------------- Request log

// What the request log says of the request this thread is serving. httplib
// serves a request on one worker thread from the first byte to the logger
// call, so a thread-local is the request's own.
struct RequestInfo {
  bool active = false;   // set by the filter, which sees every parsed request
  bool logged = false;   // the filter logged a refusal itself
  std::string id;
  std::string user;      // account id, or empty
  std::string route = "-";  // the route's pattern, never the path
  std::chrono::steady_clock::time_point start;
};
thread_local RequestInfo t_request;

std::string NewRequestId() {
  static const std::string prefix = RandomToken().substr(0, 8);
  static std::atomic<uint64_t> counter{0};
  return prefix + "-" + std::to_string(++counter);
}

std::string IsoNow() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[40];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

// One JSON line: request id, user id, method, route, status, duration. No
// path, query, header or body is written: they may carry a person's data.
void LogRequest(spdlog::logger& log, const std::string& method, int status) {
  ordered_json line;
  line["ts"] = IsoNow();
  line["req"] = t_request.active ? t_request.id : "-";
  line["user"] = t_request.user.empty() ? ordered_json(nullptr)
                                        : ordered_json(t_request.user);
  // Only the methods httplib routes; anything else is named "other".
  static const char* kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH",
                                   "HEAD", "OPTIONS"};
  std::string shown = "other";
  for (const char* m : kMethods) {
    if (method == m) shown = m;
  }
  line["method"] = shown;
  line["route"] = t_request.route;
  line["status"] = status;
  line["ms"] = t_request.active
                   ? std::chrono::duration<double, std::milli>(
                         std::chrono::steady_clock::now() - t_request.start)
                         .count()
                   : 0.0;
  log.info(line.dump());
}

// JSON text safe to land anywhere: '<', '>' and '&' (which JSON allows raw
// only inside strings) are written as \u escapes, so a stored "<script>"
// comes back inert even if a client mislabels the response as HTML.
std::string SafeDump(const ordered_json& body) {
  std::string text = body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

void WriteReply(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  // A reply's header replaces the server's default of that name (the
  // statistics dashboard's CSP allows its inline style by hash).
  for (const auto& [name, value] : reply.headers) {
    res.headers.erase(name);
    res.set_header(name, value);
  }
  if (!reply.content_type.empty()) {
    res.set_content(reply.text, reply.content_type);  // pages and assets
  } else if (reply.status != 204) {
    res.set_content(SafeDump(reply.body), "application/json; charset=utf-8");
  }
}

// The pattern "/api/v1/jobseekers/{id}" as a regex with one group per
// parameter.
std::string PatternRegex(const std::string& pattern) {
  static const std::regex param(R"(\{[a-z_]+\})");
  return std::regex_replace(pattern, param, "([^/]+)");
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  // The first cookie of that name wins; a second (planted by a sibling
  // domain) is ignored.
  for (size_t i = 0; i < req.get_header_value_count("Cookie"); ++i) {
    const std::string header = req.get_header_value("Cookie", i);
    size_t pos = 0;
    while (pos < header.size()) {
      size_t end = header.find(';', pos);
      if (end == std::string::npos) end = header.size();
      std::string pair = header.substr(pos, end - pos);
      size_t start = pair.find_first_not_of(' ');
      if (start != std::string::npos) pair = pair.substr(start);
      if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
      pos = end + 1;
    }
  }
  return "";
}

bool IsHexToken(const std::string& text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) {
           return std::isdigit(c) || (c >= 'a' && c <= 'f');
         });
}

bool IsStateChanging(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// httplib's server with its listening socket reachable, to set a larger
// backlog than the 5 compiled into Debian's library.
class Http : public httplib::Server {
 public:
  int socket() const { return svr_sock_; }
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<engine::Store> startup_store;
  std::unique_ptr<classification::Taxonomy> taxonomy;
  std::unique_ptr<engine::Scorer> scorer;
  std::unique_ptr<classification::Coder> coder;
  std::unique_ptr<LoginThrottle> throttle;
  std::unique_ptr<OfferIndexCache> offer_indexes;
  std::unique_ptr<MarketCache> markets;
  mobility::RulePack rule_pack;
  std::vector<mobility::Training> training;
  std::unique_ptr<StorePool> pool;
  Services services;
  Http http;
  std::vector<std::regex> patterns;  // one per route
  int port = 0;
  // Last: destroyed first, so a background import never outlives the
  // taxonomy, coder and caches it uses.
  std::unique_ptr<pages::ImportJobs> import_jobs =
      std::make_unique<pages::ImportJobs>();

  void Configure();
  httplib::Server::HandlerResponse Filter(const httplib::Request& req,
                                          httplib::Response& res);
  void Refuse(httplib::Response& res, int status, const std::string& code,
              const std::string& message, const std::string& method);
  // The same with a reply of its own (a page).
  void RefuseWith(httplib::Response& res, const Reply& reply,
                  const std::string& method);
  // `page`: a route of pages::PageRoutes() (CSRF token also from a form
  // field, refusals rendered as pages).
  void Dispatch(const Route& route, const httplib::Request& req,
                httplib::Response& res, bool page = false);
  std::optional<Reply> Authenticate(const Route& route,
                                    const httplib::Request& req, Call& call,
                                    bool page);
  bool OriginAllowed(const httplib::Request& req) const;
};

void Server::Impl::Refuse(httplib::Response& res, int status,
                          const std::string& code, const std::string& message,
                          const std::string& method) {
  // The request's body (if any) was not read: the connection cannot carry
  // another request safely, so it is closed after this answer. httplib
  // closes a connection when writing the body fails, hence a provider that
  // writes the whole answer and then reports failure.
  res.status = status;
  auto body = std::make_shared<std::string>(
      SafeDump(ErrorReply(status, code, message).body));
  res.set_header("Connection", "close");
  res.set_content_provider(
      body->size(), "application/json; charset=utf-8",
      [body](size_t offset, size_t length, httplib::DataSink& sink) {
        sink.write(body->data() + offset, length);
        return false;
      });
  LogRequest(*options.log, method, status);
  t_request.logged = true;
}

void Server::Impl::RefuseWith(httplib::Response& res, const Reply& reply,
                              const std::string& method) {
  // As Refuse: the body was not read, so the connection is closed.
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) {
    res.headers.erase(name);
    res.set_header(name, value);
  }
  auto body = std::make_shared<std::string>(reply.text);
  res.set_header("Connection", "close");
  res.set_content_provider(
      body->size(), reply.content_type,
      [body](size_t offset, size_t length, httplib::DataSink& sink) {
        sink.write(body->data() + offset, length);
        return false;
      });
  LogRequest(*options.log, method, reply.status);
  t_request.logged = true;
}

httplib::Server::HandlerResponse Server::Impl::Filter(
    const httplib::Request& req, httplib::Response& res) {
  using R = httplib::Server::HandlerResponse;
  t_request = RequestInfo();
  t_request.active = true;
  t_request.id = NewRequestId();
  t_request.start = std::chrono::steady_clock::now();
  res.set_header("X-Request-Id", t_request.id);
  // Refused before routing: the known weaknesses of cpp-httplib 0.11.4 lie
  // in chunked bodies (no size limit), compressed bodies (decompression
  // without a limit), ranges (many ranges, large responses), and bodies
  // without a length.
  if (req.target.size() > options.max_target) {
    Refuse(res, 414, "uri_too_long", "request target too long", req.method);
    return R::Handled;
  }
  if (req.headers.size() > options.max_headers + 4) {  // + httplib's own
    Refuse(res, 431, "headers_too_large", "too many header fields", req.method);
    return R::Handled;
  }
  if (req.has_header("Transfer-Encoding")) {
    Refuse(res, 411, "length_required",
           "Transfer-Encoding is not accepted; send Content-Length", req.method);
    return R::Handled;
  }
  if (req.has_header("Content-Encoding")) {
    Refuse(res, 415, "unsupported_encoding",
           "Content-Encoding is not accepted", req.method);
    return R::Handled;
  }
  if (req.has_header("Range") || req.has_header("If-Range")) {
    Refuse(res, 416, "range_not_accepted", "Range is not accepted", req.method);
    return R::Handled;
  }
  const size_t lengths = req.get_header_value_count("Content-Length");
  if (lengths > 1) {
    Refuse(res, 400, "bad_request", "more than one Content-Length", req.method);
    return R::Handled;
  }
  if (lengths == 0 &&
      (req.method == "POST" || req.method == "PUT" || req.method == "PATCH")) {
    Refuse(res, 411, "length_required", "Content-Length is required",
           req.method);
    return R::Handled;
  }
  if (lengths == 1) {
    const std::string text = req.get_header_value("Content-Length");
    if (text.empty() || text.size() > 12 ||
        !std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isdigit(c); })) {
      Refuse(res, 400, "bad_request", "Content-Length is not a number",
             req.method);
      return R::Handled;
    }
    if (std::stoull(text) > options.max_body) {
      if (req.path.rfind("/api/", 0) != 0) {
        // A page route (an upload): a French page; the API keeps its JSON.
        RefuseWith(res, pages::PageTooLarge(options.max_body), req.method);
      } else {
        Refuse(res, 413, "payload_too_large",
               "body larger than " + std::to_string(options.max_body) +
                   " bytes",
               req.method);
      }
      return R::Handled;
    }
  }
  return R::Unhandled;
}

bool Server::Impl::OriginAllowed(const httplib::Request& req) const {
  const std::string origin = req.get_header_value("Origin");
  if (origin.empty()) {
    // No Origin (a non-browser client, or an old browser): the CSRF token
    // still guards session requests; a cross-site fetch says so here.
    const std::string site = req.get_header_value("Sec-Fetch-Site");
    return site.empty() || site == "same-origin" || site == "none";
  }
  if (origin == "null") {
    // A browser says "null" for a form posted from a page served with
    // Referrer-Policy: no-referrer (the pages'). Sec-Fetch-Site, which no
    // page script can set, then tells whether it came from this site.
    return req.get_header_value("Sec-Fetch-Site") == "same-origin";
  }
  if (!options.allowed_origins.empty()) {
    return std::find(options.allowed_origins.begin(),
                     options.allowed_origins.end(),
                     origin) != options.allowed_origins.end();
  }
  const std::string host = req.get_header_value("Host");
  if (host.empty()) return false;
  return origin == (options.tls_in_front ? "https://" : "http://") + host;
}

std::optional<Reply> Server::Impl::Authenticate(const Route& route,
                                                const httplib::Request& req,
                                                Call& call, bool page) {
  const bool changing = IsStateChanging(route.method);
  if (changing && !OriginAllowed(req)) {
    (void)Audit(call, "request.bad_origin", "");
    return ErrorReply(403, "bad_origin",
                      "the request comes from another site (Origin)");
  }
  const std::string authorization = req.get_header_value("Authorization");
  bool by_token = false;
  if (authorization.rfind("Bearer ", 0) == 0) {
    const std::string token = authorization.substr(7);
    Result<int64_t> account_id =
        IsHexToken(token) ? call.store->GetApiTokenAccount(Sha256Hex(token))
                          : Result<int64_t>(Status::NotFound("bad token"));
    if (!account_id.ok()) {
      (void)Audit(call, "token.failure", "");
      return ErrorReply(401, "unauthenticated", "unknown API token");
    }
    Result<engine::Account> account = call.store->GetAccountById(*account_id);
    if (!account.ok()) return ErrorReply(401, "unauthenticated", "unknown API token");
    call.account = *account;
    by_token = true;
  } else {
    const std::string cookie_name =
        options.tls_in_front ? "__Host-sm_session" : "sm_session";
    const std::string token = CookieValue(req, cookie_name);
    if (!token.empty() && IsHexToken(token)) {
      const std::string hash = Sha256Hex(token);
      Result<engine::SessionRecord> session = call.store->GetSession(hash);
      if (session.ok()) {
        const bool idle = call.now - session->last_seen > options.session_idle_s;
        const bool old = call.now - session->created > options.session_max_s;
        if (idle || old) {
          (void)call.store->DeleteSession(hash);
          if (route.capability != Capability::kPublic) {
            Reply reply = ErrorReply(401, "session_expired",
                                     "the session has expired; log in again");
            reply.headers.emplace_back(
                "Set-Cookie", cookie_name + "=; Path=/; HttpOnly; "
                              "SameSite=Strict; Max-Age=0" +
                                  (options.tls_in_front ? "; Secure" : ""));
            return reply;
          }
        } else {
          Result<engine::Account> account =
              call.store->GetAccountById(session->account_id);
          if (account.ok()) {
            call.account = *account;
            call.session_hash = hash;
            call.session_csrf = session->csrf;
            if (call.now - session->last_seen >= 60) {
              (void)call.store->TouchSession(hash, call.now);
            }
          }
        }
      }
    }
  }
  if (call.account && call.account->disabled) call.account.reset();
  if (call.account) {
    std::optional<Role> role = ParseRole(call.account->role);
    if (!role) return ErrorReply(403, "forbidden", "unknown role");
    call.role = *role;
    t_request.user = std::to_string(call.account->id);
  }
  if (route.capability == Capability::kPublic) return std::nullopt;
  if (!call.account) {
    return ErrorReply(401, "unauthenticated", "log in first");
  }
  // CSRF: a session (cookie) request that changes state carries the
  // session's token in X-CSRF-Token. API tokens are not sent by browsers on
  // their own, so they need none.
  if (changing && !by_token) {
    const std::string sent = page ? pages::PageCsrfToken(req)
                                  : req.get_header_value("X-CSRF-Token");
    if (!SameSecret(sent, call.session_csrf)) {
      (void)Audit(call, "request.bad_csrf", "");
      return ErrorReply(403, "bad_csrf", "missing or wrong CSRF token");
    }
  }
  // A temporary password, set by an administrator, is replaced by its
  // owner before anything else: whoever else knows it (the administrator,
  // whoever carried it) cannot use the account beyond that change.
  if (call.account->password_change_required && !route.before_password_change) {
    return ErrorReply(403, "password_change_required",
                      "your password was set by an administrator: change it first "
                      "(PUT /api/v1/session/password)");
  }
  if (!RoleCan(call.role, route.capability)) {
    (void)Audit(call, "access.denied " + route.method + " " + route.pattern, "");
    return ErrorReply(403, "forbidden", "your role may not do this");
  }
  if (NeedsAgency(call.role) && call.account->agency.empty()) {
    return ErrorReply(403, "forbidden", "your account has no agency");
  }
  if (NeedsAgency(call.role)) {
    call.agencies = {call.account->agency};
    // A supervisor's region widens its scope to every agency of the region
    // (table agencies); other roles keep their agency whatever their row
    // says (the CLI refuses a region for them).
    if (call.role == Role::kSupervisor && !call.account->region.empty()) {
      Result<std::vector<std::string>> region =
          call.store->ListRegionAgencies(call.account->region);
      if (!region.ok()) {
        return ErrorReply(503, "unavailable", "the store is busy; try again");
      }
      for (std::string& agency : *region) {
        if (std::find(call.agencies.begin(), call.agencies.end(), agency) ==
            call.agencies.end()) {
          call.agencies.push_back(std::move(agency));
        }
      }
    }
  }
  return std::nullopt;
}

void Server::Impl::Dispatch(const Route& route, const httplib::Request& req,
                            httplib::Response& res, bool page) {
  t_request.route = route.pattern;
  Result<StorePool::Lease> lease = pool->Acquire();
  if (!lease.ok()) {
    WriteReply(res, ErrorReply(503, "unavailable", "the store cannot be opened"));
    return;
  }
  Call call;
  call.req = &req;
  call.store = lease->get();
  // The socket's peer; a header only when that peer is a trusted proxy,
  // which sets it itself.
  call.address = req.remote_addr;
  if (std::find(options.trusted_proxies.begin(), options.trusted_proxies.end(),
                req.remote_addr) != options.trusted_proxies.end()) {
    const std::string real = req.get_header_value("X-Real-IP");
    if (!real.empty() && real.size() <= 45 &&
        std::all_of(real.begin(), real.end(), [](unsigned char c) {
          return std::isxdigit(c) || c == '.' || c == ':';
        })) {
      call.address = real;
    }
  }
  call.now = services.now();
  for (size_t i = 1; i < req.matches.size(); ++i) {
    call.params.push_back(req.matches[i].str());
  }
  if (std::optional<Reply> refused = Authenticate(route, req, call, page)) {
    WriteReply(res, page ? pages::PageRefusal(*refused, call) : *refused);
    return;
  }
  Reply reply;
  try {
    reply = route.handler(services, call);
  } catch (const std::exception&) {
    // The message may quote input; only the fact is logged.
    spdlog::error("{{\"req\":\"{}\",\"error\":\"handler threw\"}}", t_request.id);
    reply = ErrorReply(500, "internal", "internal error");
  }
  // A login names its account only now.
  if (call.account) t_request.user = std::to_string(call.account->id);
  WriteReply(res, reply);
}

void Server::Impl::Configure() {
  services.options = &options;
  services.taxonomy = taxonomy.get();
  services.scorer = scorer.get();
  services.coder = coder.get();
  services.throttle = throttle.get();
  services.offer_indexes = offer_indexes.get();
  services.rule_pack = &rule_pack;
  services.markets = markets.get();
  services.training = &training;
  services.now = options.now;
  services.import_jobs = import_jobs.get();

  const int threads = options.threads;
  http.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  http.set_tcp_nodelay(true);
  http.set_read_timeout(options.read_timeout_s, 0);
  http.set_write_timeout(options.write_timeout_s, 0);
  http.set_keep_alive_timeout(options.keep_alive_timeout_s);
  http.set_keep_alive_max_count(options.keep_alive_max);
  http.set_payload_max_length(options.max_body);
  http.set_default_headers({
      {"Content-Security-Policy",
       "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
       "form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
      // Every answer of the API may hold personal data: never cached.
      {"Cache-Control", "no-store"},
  });
  http.set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) {
        return Filter(req, res);
      });
  for (const Route& route : Routes()) {
    const std::string regex = PatternRegex(route.pattern);
    auto handler = [this, &route](const httplib::Request& req,
                                  httplib::Response& res) {
      Dispatch(route, req, res);
    };
    if (route.method == "GET") http.Get(regex, handler);
    if (route.method == "POST") http.Post(regex, handler);
    if (route.method == "PUT") http.Put(regex, handler);
    if (route.method == "DELETE") http.Delete(regex, handler);
  }
  // The French pages (pages/README.md), through the same checks.
  for (const Route& route : pages::PageRoutes()) {
    const std::string regex = PatternRegex(route.pattern);
    auto handler = [this, &route](const httplib::Request& req,
                                  httplib::Response& res) {
      Dispatch(route, req, res, /*page=*/true);
    };
    if (route.method == "GET") http.Get(regex, handler);
    if (route.method == "POST") http.Post(regex, handler);
  }
  // Unknown routes, and httplib's own refusals (400 malformed, 413, 414,
  // 416 bad range), answer in the API's error format. After a refusal of
  // httplib's the rest of the connection's bytes cannot be trusted: it is
  // closed, as after the filter's refusals.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty() || res.content_provider_) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        if (res.status == 404) {
          WriteReply(res, req.path.rfind("/api/", 0) == 0
                              ? ErrorReply(404, "not_found", "no such route")
                              : pages::PageNotFound());
          return httplib::Server::HandlerResponse::Handled;
        }
        if (res.status == 413 && req.path.rfind("/api/", 0) != 0) {
          RefuseWith(res, pages::PageTooLarge(options.max_body), req.method);
          return httplib::Server::HandlerResponse::Handled;
        }
        const char* code = res.status == 413   ? "payload_too_large"
                           : res.status == 414 ? "uri_too_long"
                           : res.status == 416 ? "range_not_accepted"
                                               : "bad_request";
        Refuse(res, res.status, code, "malformed request", req.method);
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        WriteReply(res, ErrorReply(500, "internal", "internal error"));
      });
  http.set_logger([this](const httplib::Request& req,
                         const httplib::Response& res) {
    if (!t_request.logged) LogRequest(*options.log, req.method, res.status);
    t_request = RequestInfo();
  });
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options) {
  if (!InitCrypto()) return Status::Internal("libsodium cannot start");
  if (!options.now) {
    options.now = [] {
      return static_cast<int64_t>(std::time(nullptr));
    };
  }
  if (!options.log) {
    options.log = spdlog::get("http");
    if (!options.log) options.log = spdlog::stderr_logger_mt("http");
    options.log->set_pattern("%v");
  }
  if (options.threads < 1) {
    return Status::InvalidArgument("--threads: at least 1");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  engine::StoreOptions store_options;
  store_options.create_if_missing = false;
  SKILLMATCH_ASSIGN_OR_RETURN(store,
                              engine::Store::Open(impl->options.db, store_options));
  SKILLMATCH_ASSIGN_OR_RETURN(taxonomy, store->ReadTaxonomy());
  impl->taxonomy =
      std::make_unique<classification::Taxonomy>(std::move(taxonomy));
  SKILLMATCH_ASSIGN_OR_RETURN(scorer,
                              engine::Scorer::Create(*impl->taxonomy, {}));
  impl->scorer = std::move(scorer);
  SKILLMATCH_ASSIGN_OR_RETURN(coder,
                              classification::Coder::ForOccupations(*impl->taxonomy));
  impl->coder = std::move(coder);
  if (!impl->options.rule_pack.empty()) {
    SKILLMATCH_ASSIGN_OR_RETURN(pack, mobility::ReadRulePack(impl->options.rule_pack,
                                                             impl->taxonomy.get()));
    SKILLMATCH_RETURN_IF_ERROR(mobility::CheckPackTaxonomy(pack, *impl->taxonomy));
    impl->rule_pack = std::move(pack);
  }
  if (!impl->options.training.empty()) {
    SKILLMATCH_ASSIGN_OR_RETURN(training, mobility::ReadTrainingCatalogue(
                                              impl->options.training, impl->taxonomy.get()));
    impl->training = std::move(training);
  }
  impl->startup_store = std::move(store);
  impl->throttle = std::make_unique<LoginThrottle>(impl->options.throttle,
                                                   impl->options.now);
  {
    OfferIndexCache::Options cache_options;
    cache_options.max_age_s = impl->options.offer_index_max_age_s;
    cache_options.poll_ms = impl->options.offer_index_poll_ms;
    cache_options.before_build = impl->options.offer_index_before_build;
    const std::string db = impl->options.db;
    impl->offer_indexes = std::make_unique<OfferIndexCache>(
        *impl->scorer, cache_options,
        [db]() {
          engine::StoreOptions options;
          options.create_if_missing = false;
          return engine::Store::Open(db, options);
        },
        impl->options.now);
    // Every agency that holds offers or accounts is built at start-up, in
    // the background: the first counsellor of the day does not wait.
    std::set<std::string> agencies;
    SKILLMATCH_ASSIGN_OR_RETURN(offer_counts,
                                impl->startup_store->CountByAgency(
                                    engine::AgencyRecord::kOffer));
    for (const engine::TableCount& count : offer_counts) agencies.insert(count.table);
    SKILLMATCH_ASSIGN_OR_RETURN(accounts, impl->startup_store->ListAccounts());
    for (const engine::Account& account : accounts) agencies.insert(account.agency);
    agencies.erase("");
    impl->offer_indexes->Start({agencies.begin(), agencies.end()});
  }
  // Migration counselling's market (the offers of every agency and the
  // regions' tensions) is rebuilt on demand once a minute old: offers
  // imported by another process show within a minute.
  impl->markets = std::make_unique<MarketCache>(*impl->scorer, 60, impl->options.now);
  impl->pool = std::make_unique<StorePool>(impl->options.db);
  impl->Configure();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Bind() {
  Impl& impl = *impl_;
  if (impl.options.port == 0) {
    impl.port = impl.http.bind_to_any_port(impl.options.host);
    if (impl.port < 0) {
      return Status::IoError("cannot listen on " + impl.options.host);
    }
  } else {
    if (!impl.http.bind_to_port(impl.options.host, impl.options.port)) {
      return Status::IoError("cannot listen on " + impl.options.host + ":" +
                             std::to_string(impl.options.port) +
                             " (in use, or not an address of this machine)");
    }
    impl.port = impl.options.port;
  }
  // listen() again on a listening socket only changes its backlog (Linux).
  if (::listen(impl.http.socket(), impl.options.listen_backlog) != 0) {
    return Status::IoError("cannot set the listen backlog");
  }
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

Status Server::Listen() {
  if (!impl_->http.listen_after_bind()) {
    return Status::IoError("the server stopped on an error");
  }
  return Status::Ok();
}

void Server::Stop() {
  if (impl_->http.is_running()) impl_->http.stop();
  // Background imports stop after their current batch (pages/import_jobs.h).
  impl_->import_jobs->Shutdown();
}

bool Server::running() const { return impl_->http.is_running(); }

bool Server::WaitForOfferIndexes(int timeout_ms) {
  return impl_->offer_indexes->WaitIdle(std::chrono::milliseconds(timeout_ms));
}

}  // namespace skillmatch::server
