// skillmatch serve: the PES server over a store (tools/server/server.h).
#include <signal.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <thread>

#include "cli.h"
#include "server.h"

namespace skillmatch::cli {

namespace {

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  int threads = 16;
  bool tls_in_front = false;
  std::vector<std::string> origins;
  std::vector<std::string> trusted_proxies;
  bool require_totp = false;
  int index_poll_ms = 5000;
  std::string pack;
  std::string training;
};

int RunServe(const ServeArgs& args) {
  server::ServerOptions options;
  options.db = args.db;
  const size_t colon = args.listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Fail(Status::InvalidArgument("--listen: expected HOST:PORT, got '" +
                                        args.listen + "'"));
  }
  options.host = args.listen.substr(0, colon);
  try {
    size_t used = 0;
    options.port = std::stoi(args.listen.substr(colon + 1), &used);
    if (used != args.listen.size() - colon - 1 || options.port < 0 ||
        options.port > 65535) {
      throw std::out_of_range("port");
    }
  } catch (const std::exception&) {
    return Fail(Status::InvalidArgument("--listen: bad port in '" + args.listen + "'"));
  }
  options.threads = args.threads;
  options.tls_in_front = args.tls_in_front;
  options.allowed_origins = args.origins;
  options.trusted_proxies = args.trusted_proxies;
  options.require_totp = args.require_totp;
  options.offer_index_poll_ms = args.index_poll_ms;
  options.rule_pack = args.pack.empty() ? DefaultRulePackPath() : args.pack;
  options.training = args.training.empty() ? SKILLMATCH_DEFAULT_TRAINING : args.training;

  // SIGINT and SIGTERM stop the server from a thread of their own (stopping
  // it is not async-signal-safe); the worker threads inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto made = server::Server::Create(options);
  if (!made.ok()) return Fail(made.status());
  server::Server& srv = **made;
  if (Status bound = srv.Bind(); !bound.ok()) return Fail(bound);
  spdlog::info("serving {} on http://{}:{} ({} threads); stop with Ctrl-C", args.db,
               options.host, srv.port(), options.threads);
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    srv.Stop();
  });
  Status served = srv.Listen();
  // Wake the waiter if the server stopped on its own.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!served.ok()) return Fail(served);
  spdlog::info("stopped");
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "The PES server: JSON API /api/v1 with accounts, roles, "
               "agencies, sessions and an audit trail (tools/server)");
  cmd->add_option("--db", args->db, "Store (skillmatch db init)")->required();
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on")
      ->capture_default_str();
  cmd->add_option("--threads", args->threads,
                  "Worker threads (each open keep-alive connection holds one)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_flag("--tls-in-front", args->tls_in_front,
                "TLS ends in a reverse proxy before this server: cookies get "
                "Secure and the __Host- prefix");
  cmd->add_option("--origin", args->origins,
                  "Origin allowed on state-changing requests, e.g. "
                  "https://pes.example.org (repeatable; default: the Host "
                  "header's own)");
  cmd->add_option("--pack", args->pack,
                  "Migration rule pack (default: $SKILLMATCH_RULES or the embedded pack)");
  cmd->add_option("--training", args->training,
                  "Training catalogue CSV (default: the embedded sample)");
  cmd->add_option("--trusted-proxy", args->trusted_proxies,
                  "Address of a reverse proxy whose X-Real-IP header names the "
                  "client (repeatable; e.g. 127.0.0.1 behind nginx on the same "
                  "machine)");
  cmd->add_flag("--require-totp", args->require_totp,
                "Admins and supervisors without a TOTP second factor cannot "
                "log in (skillmatch users totp enable); those with one always "
                "give its code");
  cmd->add_option("--index-poll-ms", args->index_poll_ms,
                  "How often the offer indexes look for offers changed by "
                  "another process (skillmatch import), in milliseconds")
      ->check(CLI::Range(100, 3600000))
      ->capture_default_str();
  cmd->callback([args, exit_code] { *exit_code = RunServe(*args); });
}

}  // namespace skillmatch::cli
