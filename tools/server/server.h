// `skillmatch serve`: the PES server over one store, with accounts, roles,
// agencies, sessions, CSRF, login throttling, an audit trail and the JSON
// API /api/v1 (openapi.yaml). HTTP is Debian's cpp-httplib 0.11.4, hardened
// in front of its routing (server.cc, "Request filter").
//
//   auto server = Server::Create(options);
//   if (!server.ok()) return server.status();
//   (*server)->Listen();   // blocks until Stop()
//
// Thread safety: Listen runs the accept loop and a pool of options.threads
// workers; Stop may be called from any thread.
#pragma once

#include <spdlog/logger.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "auth.h"
#include "skillmatch/classification/status.h"

namespace skillmatch::server {

struct ServerOptions {
  // The store (skillmatch db init); must exist and hold a taxonomy.
  std::string db;
  // Address and port to listen on. Default loopback: a laptop's server is
  // not reachable from the network unless asked (use 0.0.0.0 behind nginx
  // only with a firewall). Port 0 picks a free port (tests).
  std::string host = "127.0.0.1";
  int port = 8080;
  // Worker threads. Each keep-alive connection holds one while open, so
  // size for the counsellors connected at once. Default 16.
  int threads = 16;
  // TLS terminated in front (nginx): cookies get the Secure flag. Default
  // false (plain HTTP on loopback).
  bool tls_in_front = false;
  // Origins allowed on state-changing requests, e.g.
  // "https://pes.example.org". Empty: "http://<Host header>" (and https when
  // tls_in_front), which fits a laptop on loopback.
  std::vector<std::string> allowed_origins;
  // Reverse proxies whose X-Real-IP header gives the client's address
  // (nginx: proxy_set_header X-Real-IP $remote_addr). Only when the
  // socket's peer is one of these; otherwise the socket's address is the
  // client's and every header is ignored. Default empty.
  std::vector<std::string> trusted_proxies;
  // Limits. Bodies above max_body are 413; headers beyond max_headers 431.
  size_t max_body = 1u << 20;
  size_t max_headers = 64;
  size_t max_target = 2048;
  int read_timeout_s = 10;
  int write_timeout_s = 10;
  int keep_alive_timeout_s = 5;
  size_t keep_alive_max = 100;
  int listen_backlog = 1024;
  // Sessions: idle timeout and absolute limit, in seconds.
  int64_t session_idle_s = 30 * 60;
  int64_t session_max_s = 10 * 3600;
  // Each agency's offer index is built in the background (offer_cache.h):
  // at start-up, after the server's own offer writes, and when the stamps
  // read every `offer_index_poll_ms` show offers changed by another process
  // (skillmatch import); rebuilt anyway when older than
  // `offer_index_max_age_s`. Defaults 5000 ms and 3600 s.
  int offer_index_poll_ms = 5000;
  int64_t offer_index_max_age_s = 3600;
  // Tests only: called on the index builder's thread before each build.
  std::function<void(const std::string& agency)> offer_index_before_build;
  // Admins and supervisors must have a TOTP second factor to log in
  // (`skillmatch users totp enable`). Default false: the factor is asked of
  // every account that has one, and those without log in with a password.
  bool require_totp = false;
  // Migration counselling (GET /api/v1/jobseekers/{id}/mobility): the rule
  // pack folder and the training catalogue, read at start. Empty: no rules
  // (every card says "no listed route") and no training.
  std::string rule_pack;
  std::string training;
  // The clock, Unix seconds. Tests inject one to expire sessions.
  std::function<int64_t()> now;
  PasswordOptions passwords;
  LoginThrottle::Options throttle;
  // Request log (JSON lines); default: a logger "http" on stderr.
  std::shared_ptr<spdlog::logger> log;
  // Tests only: called on a page import's thread before the import starts
  // (pages/import_jobs.h), to hold it while its progress is read.
  std::function<void(const std::string& agency)> import_before_run;
};

class Server {
 public:
  // Opens the store, reads its taxonomy, builds the scorer and the coder.
  [[nodiscard]] static Result<std::unique_ptr<Server>> Create(
      ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address (port 0: a free one, see port()). kIoError if taken.
  [[nodiscard]] Status Bind();
  int port() const;
  // Serves until Stop(); Bind first.
  [[nodiscard]] Status Listen();
  void Stop();
  bool running() const;
  // Waits until every offer index queued at start-up (or since) is built,
  // at most `timeout_ms`; true when none is pending. For tests and
  // benchmarks: requests never wait for an index themselves.
  bool WaitForOfferIndexes(int timeout_ms);

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace skillmatch::server
