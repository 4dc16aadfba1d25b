// skillmatch users add|passwd|disable|enable|role|list|token|region|totp,
// skillmatch audit verify, skillmatch agencies assign|region: the server's
// accounts, their second factor, its audit trail, the agency of records and
// the region of agencies, from the command line. The first
// administrator is made here: the server has no default password.
#include <termios.h>
#include <unistd.h>

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "accounts.h"
#include "audit.h"
#include "auth.h"
#include "cli.h"
#include "qr.h"
#include "roles.h"
#include "totp.h"
#include "skillmatch/store/store.h"

namespace skillmatch::cli {

namespace {

struct UsersArgs {
  std::string db;
  std::string login;
  std::string role;
  std::string agency;
  std::string region;
  std::string label;
  std::string format = "table";
  bool fast_hash = false;  // tests only: libsodium's minimum limits
  bool temporary = false;  // add, passwd: the owner must change it first
  bool qr = false;         // totp enable: the URI's QR code after it
  bool unassigned = false;
  std::vector<std::string> profiles;
  std::vector<std::string> offers;
};

Result<std::unique_ptr<engine::Store>> OpenStore(const std::string& db) {
  engine::StoreOptions options;
  options.create_if_missing = false;
  return engine::Store::Open(db, options);
}

// One line of standard input, without echo when it is a terminal. Never
// from the command line, where other users could read it (ps).
Result<std::string> ReadSecret(const std::string& prompt) {
  const bool tty = ::isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    std::cerr << prompt << std::flush;
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!read) return Status::InvalidArgument("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// A new password, checked against the policy (accounts.h, as the
// administration pages) and hashed.
Result<std::string> NewPasswordHash(const UsersArgs& args) {
  SKILLMATCH_ASSIGN_OR_RETURN(password, ReadSecret("New password: "));
  std::optional<std::string> again;
  if (::isatty(STDIN_FILENO)) {
    SKILLMATCH_ASSIGN_OR_RETURN(typed, ReadSecret("Again: "));
    again = typed;
  }
  if (auto refused = server::CheckNewPassword(args.login, password, again)) {
    return refused->code == "password_differs" ? Status::InvalidArgument(refused->message)
                                               : Status::DataError(refused->message);
  }
  server::PasswordOptions options;
  if (args.fast_hash) {
    options.opslimit = 1;
    options.memlimit = 8192;
  }
  return server::HashPassword(password, options);
}

Status AuditCli(engine::Store& store, const std::string& action,
                const std::string& record) {
  engine::AuditEntry entry;
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char at[32];
  std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
  entry.at = at;
  entry.actor = "cli";
  entry.action = action;
  entry.record = record;
  entry.address = "local";
  Result<engine::AuditEntry> done = store.AppendAudit(entry, server::AuditHash);
  return done.ok() ? Status::Ok() : done.status();
}

server::AuditWriter CliAudit(engine::Store& store) {
  return [&store](const std::string& action, const std::string& record) {
    return AuditCli(store, action, record);
  };
}

int RunAdd(const UsersArgs& args) {
  // The rules of accounts.h, shared with the administration pages.
  if (auto refused = server::CheckRoleAgency(args.role, args.agency, args.region)) {
    return Fail(Status::InvalidArgument(refused->message));
  }
  if (auto refused = server::CheckLogin(args.login)) {
    return Fail(Status::InvalidArgument(refused->message));
  }
  if (!server::InitCrypto()) return Fail(Status::Internal("libsodium cannot start"));
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  if ((*store)->GetAccount(args.login).ok()) {
    return Fail(Status::DataError("account '" + args.login + "' exists already"));
  }
  auto hash = NewPasswordHash(args);
  if (!hash.ok()) return Fail(hash.status());
  engine::Account account;
  account.login = args.login;
  account.role = args.role;
  account.agency = args.agency;
  account.region = args.region;
  account.password_hash = *hash;
  account.password_change_required = args.temporary;
  auto id = server::CreateAccount(**store, account, CliAudit(**store));
  if (!id.ok()) return Fail(id.status());
  std::cerr << "account '" << args.login << "' (" << args.role
            << (args.agency.empty() ? "" : ", agency " + args.agency)
            << ") created"
            << (args.temporary ? "; its owner must change the password at the first login" : "")
            << "\n";
  return kExitOk;
}

int RunPasswd(const UsersArgs& args) {
  if (!server::InitCrypto()) return Fail(Status::Internal("libsodium cannot start"));
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto account = (*store)->GetAccount(args.login);
  if (!account.ok()) return Fail(account.status());
  auto hash = NewPasswordHash(args);
  if (!hash.ok()) return Fail(hash.status());
  if (Status set = server::ResetPassword(**store, *account, *hash, args.temporary,
                                         CliAudit(**store));
      !set.ok()) {
    return Fail(set);
  }
  std::cerr << "password of '" << args.login << "' changed; its sessions ended"
            << (args.temporary ? "; its owner must change it at the next login" : "") << "\n";
  return kExitOk;
}

int RunDisable(const UsersArgs& args, bool disabled) {
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto account = (*store)->GetAccount(args.login);
  if (!account.ok()) return Fail(account.status());
  if (Status set = server::SetAccountActive(**store, *account, !disabled, CliAudit(**store));
      !set.ok()) {
    return Fail(set);
  }
  std::cerr << "account '" << args.login << "' " << (disabled ? "disabled" : "enabled")
            << "\n";
  return kExitOk;
}

// An account's role, agency and region at once (accounts.h, as the pages):
// ends its sessions and API tokens. The command line is the operator's
// break-glass (it can always add an administrator), so the pages' rule
// keeping the last active administrator (CheckAdminKept) does not hold
// it, here or in `users disable`.
int RunRole(const UsersArgs& args) {
  if (auto refused = server::CheckRoleAgency(args.role, args.agency, args.region)) {
    return Fail(Status::InvalidArgument(refused->message));
  }
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto account = (*store)->GetAccount(args.login);
  if (!account.ok()) return Fail(account.status());
  if (Status set = server::UpdateAccount(**store, *account, args.role, args.agency, args.region,
                                         CliAudit(**store));
      !set.ok()) {
    return Fail(set);
  }
  std::cerr << "account '" << args.login << "': " << args.role
            << (args.agency.empty() ? "" : ", agency " + args.agency)
            << (args.region.empty() ? "" : ", region " + args.region)
            << "; its sessions ended\n";
  return kExitOk;
}

int RunList(const UsersArgs& args) {
  engine::StoreOptions options;
  options.create_if_missing = false;
  options.read_only = true;
  auto store = engine::Store::Open(args.db, options);
  if (!store.ok()) return Fail(store.status());
  auto accounts = (*store)->ListAccounts();
  if (!accounts.ok()) return Fail(accounts.status());
  if (args.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& a : *accounts) {
      out.push_back({{"id", a.id}, {"login", a.login}, {"role", a.role},
                     {"agency", a.agency}, {"region", a.region},
                     {"totp", !a.totp_secret.empty()}, {"disabled", a.disabled},
                     {"password_change_required", a.password_change_required},
                     {"created_at", a.created_at}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << std::left << std::setw(5) << "id" << std::setw(20) << "login"
            << std::setw(20) << "role" << std::setw(16) << "agency"
            << std::setw(16) << "region" << std::setw(6) << "totp"
            << "state\n";
  for (const auto& a : *accounts) {
    std::cout << std::left << std::setw(5) << a.id << std::setw(20) << a.login
              << std::setw(20) << a.role << std::setw(16) << a.agency
              << std::setw(16) << a.region << std::setw(6)
              << (a.totp_secret.empty() ? "no" : "yes")
              << (a.disabled                     ? "disabled"
                  : a.password_change_required ? "active, password to change"
                                               : "active")
              << "\n";
  }
  return kExitOk;
}

int RunToken(const UsersArgs& args) {
  if (!server::InitCrypto()) return Fail(Status::Internal("libsodium cannot start"));
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto account = (*store)->GetAccount(args.login);
  if (!account.ok()) return Fail(account.status());
  const std::string token = server::RandomToken();
  if (Status added = (*store)->AddApiToken(server::Sha256Hex(token), account->id, args.label);
      !added.ok()) {
    return Fail(added);
  }
  if (Status audited = AuditCli(**store, "token.create", std::to_string(account->id));
      !audited.ok()) {
    return Fail(audited);
  }
  // Shown once: the store keeps only its hash.
  std::cout << token << "\n";
  std::cerr << "API token for '" << args.login
            << "' (send it as 'Authorization: Bearer <token>'; it is shown only "
               "now)\n";
  return kExitOk;
}

// A supervisor's region: it sees every agency of the region besides its own.
int RunRegion(const UsersArgs& args) {
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto account = (*store)->GetAccount(args.login);
  if (!account.ok()) return Fail(account.status());
  if (!args.region.empty() && account->role != "supervisor") {
    return Fail(Status::InvalidArgument(
        "--region: only for supervisors ('" + args.login + "' is " +
        account->role + ")"));
  }
  Status done = (*store)->InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR((*store)->SetAccountRegion(args.login, args.region));
    return AuditCli(**store, "account.region", std::to_string(account->id));
  });
  if (!done.ok()) return Fail(done);
  std::cerr << "account '" << args.login << "': "
            << (args.region.empty() ? "no region (its agency only)"
                                    : "region " + args.region)
            << "\n";
  return kExitOk;
}

// Enrols (or re-enrols) the account's TOTP second factor: a new secret,
// sealed in the store under the key file beside it, the otpauth URI printed
// once on stdout for the authenticator app (as a QR code or typed in).
int RunTotpEnable(const UsersArgs& args) {
  if (!server::InitCrypto()) return Fail(Status::Internal("libsodium cannot start"));
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto account = (*store)->GetAccount(args.login);
  if (!account.ok()) return Fail(account.status());
  if (account->role != "admin" && account->role != "supervisor") {
    return Fail(Status::InvalidArgument(
        "the second factor is for admins and supervisors ('" + args.login +
        "' is " + account->role + ")"));
  }
  auto key = server::LoadTotpKey(args.db, true);
  if (!key.ok()) return Fail(key.status());
  const std::string secret = server::NewTotpSecret();
  auto sealed = server::SealTotpSecret(*key, secret);
  if (!sealed.ok()) return Fail(sealed.status());
  const std::string uri = server::OtpAuthUri("skillmatch", args.login, secret);
  // Drawn before anything is stored: a URI of about a hundred bytes always
  // fits a symbol, so a refusal would be a bug, and it changes nothing.
  std::string drawing;
  if (args.qr) {
    Result<server::QrCode> qr = server::EncodeQr(uri);
    if (!qr.ok()) return Fail(qr.status());
    drawing = server::QrTerminal(*qr);
  }
  Status done = (*store)->InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR((*store)->SetAccountTotp(args.login, *sealed));
    return AuditCli(**store, "account.totp.enable", std::to_string(account->id));
  });
  if (!done.ok()) return Fail(done);
  std::cout << uri << "\n" << drawing;
  std::cerr << "second factor of '" << args.login
            << "' enrolled: "
            << (args.qr ? "scan the QR code above with an authenticator app, or add the URI"
                        : "add the URI above to an authenticator app")
            << " (shown only now); its sessions ended. The secret is sealed under "
            << server::TotpKeyPath(args.db)
            << ", which must stay beside the store and be backed up with it\n";
  return kExitOk;
}

int RunTotpDisable(const UsersArgs& args) {
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  auto account = (*store)->GetAccount(args.login);
  if (!account.ok()) return Fail(account.status());
  // The administration page's rules and audit (accounts.h); the operator
  // may remove his own.
  auto removed = server::RemoveSecondFactor(**store, *account, nullptr, CliAudit(**store));
  if (!removed.ok()) return Fail(removed.status());
  if (*removed) {
    std::cerr << "'" << args.login << "' has no second factor: nothing to do\n";
    return kExitOk;
  }
  std::cerr << "second factor of '" << args.login << "' removed; its sessions ended\n";
  return kExitOk;
}

int RunAgencyRegion(const UsersArgs& args) {
  if (args.agency.empty()) return Fail(Status::InvalidArgument("--agency: required"));
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  Status done = (*store)->InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR((*store)->SetAgencyRegion(args.agency, args.region));
    return AuditCli(**store, "agency.region", args.agency);
  });
  if (!done.ok()) return Fail(done);
  std::cerr << "agency " << args.agency << ": "
            << (args.region.empty() ? "no region" : "region " + args.region) << "\n";
  return kExitOk;
}

int RunVerify(const UsersArgs& args) {
  engine::StoreOptions options;
  options.create_if_missing = false;
  options.read_only = true;
  auto store = engine::Store::Open(args.db, options);
  if (!store.ok()) return Fail(store.status());
  auto report = server::VerifyAudit(**store);
  if (!report.ok()) return Fail(report.status());
  for (const std::string& problem : report->problems) {
    std::cout << args.db << ": audit " << problem << "\n";
  }
  if (!report->ok()) {
    std::cerr << "audit trail damaged: " << report->problems.size()
              << " problem(s) in " << report->entries << " entries\n";
    return kExitDataErr;
  }
  std::cout << "audit trail intact: " << report->entries << " entries\n";
  return kExitOk;
}

int RunAssign(const UsersArgs& args) {
  if (args.agency.empty()) return Fail(Status::InvalidArgument("--agency: required"));
  if (!args.unassigned && args.profiles.empty() && args.offers.empty()) {
    return Fail(Status::InvalidArgument(
        "give --unassigned, or --profile ID and --offer ID (repeatable)"));
  }
  auto store = OpenStore(args.db);
  if (!store.ok()) return Fail(store.status());
  int64_t profiles = 0;
  int64_t offers = 0;
  Status done = (*store)->InTransaction([&]() -> Status {
    if (args.unassigned) {
      SKILLMATCH_ASSIGN_OR_RETURN(p, (*store)->AssignUnassigned(
                                         engine::AgencyRecord::kProfile, args.agency));
      SKILLMATCH_ASSIGN_OR_RETURN(o, (*store)->AssignUnassigned(
                                         engine::AgencyRecord::kOffer, args.agency));
      profiles += p;
      offers += o;
    }
    for (const std::string& id : args.profiles) {
      SKILLMATCH_RETURN_IF_ERROR(
          (*store)->SetAgency(engine::AgencyRecord::kProfile, id, args.agency));
      ++profiles;
    }
    for (const std::string& id : args.offers) {
      SKILLMATCH_RETURN_IF_ERROR(
          (*store)->SetAgency(engine::AgencyRecord::kOffer, id, args.agency));
      ++offers;
    }
    return AuditCli(**store, "agency.assign", args.agency);
  });
  if (!done.ok()) return Fail(done);
  std::cerr << "agency " << args.agency << ": " << profiles << " jobseekers, "
            << offers << " offers assigned\n";
  return kExitOk;
}

}  // namespace

void AddUsersCommands(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<UsersArgs>();
  CLI::App* users = app.add_subcommand(
      "users", "Accounts of the server (skillmatch serve): add, passwd, "
               "disable, enable, role, list, token, region, totp");
  users->require_subcommand(1);
  auto db = [&](CLI::App* cmd) {
    cmd->add_option("--db", args->db, "Store (skillmatch db init)")->required();
  };
  auto login = [&](CLI::App* cmd) {
    cmd->add_option("--login", args->login, "Account login")->required();
  };
  auto fast = [&](CLI::App* cmd) {
    cmd->add_flag("--fast-hash", args->fast_hash,
                  "Weakest password hashing (for tests only)")
        ->group("");
  };

  CLI::App* add = users->add_subcommand(
      "add", "Create an account; the password is read from standard input "
             "(prompted twice on a terminal), never from the command line");
  db(add);
  login(add);
  add->add_option("--role", args->role,
                  "admin, supervisor, counsellor, employer_relations, "
                  "statistician or auditor")
      ->required();
  add->add_option("--agency", args->agency,
                  "Agency whose records the account sees (required for "
                  "supervisor, counsellor, employer_relations)");
  add->add_option("--region", args->region,
                  "Supervisors only: also see every agency of this region "
                  "(skillmatch agencies region)");
  auto temporary = [&](CLI::App* cmd) {
    cmd->add_flag("--temporary", args->temporary,
                  "A temporary password: at his next login the account's owner "
                  "must choose his own before anything else");
  };
  temporary(add);
  fast(add);
  add->callback([args, exit_code] { *exit_code = RunAdd(*args); });

  CLI::App* passwd = users->add_subcommand(
      "passwd", "Set a new password (from standard input); ends the account's "
                "sessions and API tokens");
  db(passwd);
  login(passwd);
  temporary(passwd);
  fast(passwd);
  passwd->callback([args, exit_code] { *exit_code = RunPasswd(*args); });

  CLI::App* disable = users->add_subcommand(
      "disable", "Disable an account; ends its sessions and API tokens");
  db(disable);
  login(disable);
  disable->callback([args, exit_code] { *exit_code = RunDisable(*args, true); });
  CLI::App* enable = users->add_subcommand("enable", "Enable a disabled account");
  db(enable);
  login(enable);
  enable->callback([args, exit_code] { *exit_code = RunDisable(*args, false); });

  CLI::App* role = users->add_subcommand(
      "role", "Change an account's role, agency and region at once; ends its "
              "sessions and API tokens");
  db(role);
  login(role);
  role->add_option("--role", args->role, "The new role")->required();
  role->add_option("--agency", args->agency, "Agency (roles that read records)");
  role->add_option("--region", args->region, "Supervisors only: their region");
  role->callback([args, exit_code] { *exit_code = RunRole(*args); });

  CLI::App* list = users->add_subcommand("list", "List the accounts");
  db(list);
  list->add_option("--format", args->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  list->callback([args, exit_code] { *exit_code = RunList(*args); });

  CLI::App* token = users->add_subcommand(
      "token", "Make an API token for an integrator (printed once on stdout)");
  db(token);
  login(token);
  token->add_option("--label", args->label, "What the token is for");
  token->callback([args, exit_code] { *exit_code = RunToken(*args); });

  CLI::App* region = users->add_subcommand(
      "region", "Set a supervisor's region (it then sees every agency of the "
                "region); --region '' removes it");
  db(region);
  login(region);
  region->add_option("--region", args->region, "Region name")->required();
  region->callback([args, exit_code] { *exit_code = RunRegion(*args); });

  CLI::App* totp = users->add_subcommand(
      "totp", "The TOTP second factor of admins and supervisors");
  totp->require_subcommand(1);
  CLI::App* totp_enable = totp->add_subcommand(
      "enable", "Enrol a new secret; prints the otpauth URI once on stdout; "
                "ends the account's sessions");
  db(totp_enable);
  login(totp_enable);
  totp_enable->add_flag("--qr", args->qr,
                        "Also print the URI as a QR code, for the phone's "
                        "authenticator app to scan from the terminal");
  totp_enable->callback([args, exit_code] { *exit_code = RunTotpEnable(*args); });
  CLI::App* totp_disable = totp->add_subcommand(
      "disable", "Remove the second factor (a lost phone); ends the account's "
                 "sessions");
  db(totp_disable);
  login(totp_disable);
  totp_disable->callback([args, exit_code] { *exit_code = RunTotpDisable(*args); });

  CLI::App* audit = app.add_subcommand("audit", "The server's audit trail");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand(
      "verify", "Check the hash chain; names every modified or deleted entry "
                "(exit 65 when damaged)");
  db(verify);
  verify->callback([args, exit_code] { *exit_code = RunVerify(*args); });

  CLI::App* agencies = app.add_subcommand("agencies", "Agencies of records");
  agencies->require_subcommand(1);
  CLI::App* assign = agencies->add_subcommand(
      "assign", "File jobseekers and offers under an agency");
  db(assign);
  assign->add_option("--agency", args->agency, "Agency name")->required();
  assign->add_flag("--unassigned", args->unassigned,
                   "Every jobseeker and offer that has no agency yet");
  assign->add_option("--profile", args->profiles, "Jobseeker id (repeatable)");
  assign->add_option("--offer", args->offers, "Offer id (repeatable)");
  assign->callback([args, exit_code] { *exit_code = RunAssign(*args); });
  CLI::App* agency_region = agencies->add_subcommand(
      "region", "Put an agency in a region (its supervisors with that region "
                "see its records); --region '' removes it");
  db(agency_region);
  agency_region->add_option("--agency", args->agency, "Agency name")->required();
  agency_region->add_option("--region", args->region, "Region name")->required();
  agency_region->callback([args, exit_code] { *exit_code = RunAgencyRegion(*args); });
}

}  // namespace skillmatch::cli
