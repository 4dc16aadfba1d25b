#include "accounts.h"

#include <ctime>

#include "audit.h"
#include "auth.h"
#include "roles.h"
#include "server.h"
#include "totp.h"

namespace skillmatch::server {

namespace {

bool LowerOrDigit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool LetterOrDigit(char c) { return LowerOrDigit(c) || (c >= 'A' && c <= 'Z'); }

AccountRefusal Refuse(std::string field, std::string code, std::string message) {
  return {std::move(field), std::move(code), std::move(message)};
}

}  // namespace

AuditWriter CallAuditWriter(Call& call) {
  return [&call](const std::string& action, const std::string& record) -> Status {
    engine::AuditEntry entry;
    entry.at = IsoTime(call.now);
    entry.actor = call.account ? std::to_string(call.account->id) : "-";
    entry.action = action;
    entry.record = record;
    entry.address = call.address;
    Result<engine::AuditEntry> appended = call.store->AppendAudit(entry, AuditHash);
    return appended.ok() ? Status::Ok() : appended.status();
  };
}

std::optional<AccountRefusal> CheckLogin(std::string_view login) {
  if (login.empty()) return Refuse("login", "login_required", "--login: required");
  if (login.size() < 2 || login.size() > 64) {
    return Refuse("login", "login_length", "--login: 2 to 64 characters");
  }
  if (!LowerOrDigit(login[0])) {
    return Refuse("login", "login_chars",
                  "--login: a lower-case letter or a digit first, then a-z, 0-9, '.', '_', '-'");
  }
  for (char c : login) {
    if (!LowerOrDigit(c) && c != '.' && c != '_' && c != '-') {
      return Refuse("login", "login_chars",
                    "--login: a lower-case letter or a digit first, then a-z, 0-9, '.', '_', '-'");
    }
  }
  return std::nullopt;
}

std::optional<AccountRefusal> CheckAgencyName(std::string_view agency, const std::string& field) {
  if (agency.empty()) return Refuse(field, field + "_required", "--" + field + ": required");
  bool ok = agency.size() <= 64 && LetterOrDigit(agency[0]);
  for (char c : agency) ok = ok && (LetterOrDigit(c) || c == '-' || c == '_' || c == '.');
  if (!ok) {
    return Refuse(field, field + "_chars",
                  "--" + field + ": 1 to 64 letters, digits, '-', '_' or '.', a letter or digit first");
  }
  return std::nullopt;
}

std::optional<AccountRefusal> CheckRoleAgency(std::string_view role, std::string_view agency,
                                              std::string_view region) {
  std::optional<Role> parsed = ParseRole(role);
  if (!parsed) {
    return Refuse("role", "role_unknown",
                  "--role: expected admin, supervisor, counsellor, employer_relations, "
                  "statistician or auditor");
  }
  if (NeedsAgency(*parsed)) {
    if (agency.empty()) {
      return Refuse("agency", "agency_required",
                    "--agency: required for the role " + std::string(role));
    }
    if (auto bad = CheckAgencyName(agency)) return bad;
  } else if (!agency.empty()) {
    return Refuse("agency", "agency_not_for_role",
                  "--agency: the role " + std::string(role) + " sees no record, so has no agency");
  }
  if (!region.empty()) {
    if (*parsed != Role::kSupervisor) {
      return Refuse("region", "region_not_for_role",
                    "--region: only for supervisors (other roles see their agency)");
    }
    if (auto bad = CheckAgencyName(region, "region")) return bad;
  }
  return std::nullopt;
}

std::optional<AccountRefusal> CheckNewPassword(std::string_view login, std::string_view password,
                                               const std::optional<std::string>& again) {
  if (again && *again != password) {
    return Refuse("password", "password_differs", "the passwords differ");
  }
  Status policy = CheckPasswordPolicy(login, password);
  if (!policy.ok()) {
    // The policy's reasons, by their words (auth.cc): too short, too long,
    // the login inside, a common password.
    const std::string& why = policy.message();
    const char* code = why.find("short") != std::string::npos   ? "password_short"
                       : why.find("long") != std::string::npos  ? "password_long"
                       : why.find("login") != std::string::npos ? "password_login"
                                                                : "password_common";
    return Refuse("password", code, why);
  }
  return std::nullopt;
}

Result<std::optional<AccountRefusal>> CheckAdminKept(engine::Store& store,
                                                     const engine::Account& target,
                                                     const engine::Account* actor, bool disable,
                                                     std::string_view new_role) {
  const bool was_active_admin = target.role == "admin" && !target.disabled;
  const bool stops = disable || (!new_role.empty() && new_role != "admin");
  if (!was_active_admin || !stops) return std::optional<AccountRefusal>();
  if (actor && actor->id == target.id) {
    return std::optional<AccountRefusal>(
        disable ? Refuse("", "self_disable", "an administrator cannot disable his own account")
                : Refuse("role", "self_demote", "an administrator cannot change his own role"));
  }
  SKILLMATCH_ASSIGN_OR_RETURN(accounts, store.ListAccounts());
  int64_t others = 0;
  for (const engine::Account& account : accounts) {
    if (account.role == "admin" && !account.disabled && account.id != target.id) ++others;
  }
  if (others == 0) {
    return std::optional<AccountRefusal>(
        Refuse(disable ? "" : "role", "last_admin",
               "'" + target.login + "' is the last active administrator"));
  }
  return std::optional<AccountRefusal>();
}

Result<int64_t> CreateAccount(engine::Store& store, const engine::Account& account,
                              const AuditWriter& audit) {
  int64_t id = 0;
  Status done = store.InTransaction([&]() -> Status {
    SKILLMATCH_ASSIGN_OR_RETURN(added, store.AddAccount(account));
    id = added;
    return audit("account.create", std::to_string(id));
  });
  if (!done.ok()) return done;
  return id;
}

Status UpdateAccount(engine::Store& store, const engine::Account& target, const std::string& role,
                     const std::string& agency, const std::string& region,
                     const AuditWriter& audit) {
  return store.InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR(store.SetAccountRoleAgency(target.login, role, agency, region));
    return audit("account.update", std::to_string(target.id));
  });
}

Status SetAccountActive(engine::Store& store, const engine::Account& target, bool active,
                        const AuditWriter& audit) {
  return store.InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR(store.SetAccountDisabled(target.login, !active));
    return audit(active ? "account.enable" : "account.disable", std::to_string(target.id));
  });
}

Status ResetPassword(engine::Store& store, const engine::Account& target,
                     const std::string& password_hash, bool change_required,
                     const AuditWriter& audit) {
  return store.InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR(
        store.SetAccountPassword(target.login, password_hash, change_required));
    return audit("account.password", std::to_string(target.id));
  });
}

Result<std::optional<AccountRefusal>> RemoveSecondFactor(engine::Store& store,
                                                         const engine::Account& target,
                                                         const engine::Account* actor,
                                                         const AuditWriter& audit) {
  // Not his own: a stolen session must not be able to drop the factor that
  // protects the account's next login.
  if (actor && actor->id == target.id) {
    return std::optional<AccountRefusal>(
        Refuse("", "totp_self", "an administrator cannot remove his own second factor"));
  }
  if (target.totp_secret.empty()) {
    return std::optional<AccountRefusal>(
        Refuse("", "totp_none", "'" + target.login + "' has no second factor"));
  }
  SKILLMATCH_RETURN_IF_ERROR(store.InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR(store.SetAccountTotp(target.login, ""));
    return audit("account.totp.disable", std::to_string(target.id));
  }));
  return std::optional<AccountRefusal>();
}

namespace {

// The checks StartOwnTotp and ChangeOwnPassword share: a session, the
// throttle, the current password. `refusal` or `retry_after` set, or none.
Status CheckCurrentPassword(const Services& s, Call& call, const std::string& current,
                            std::optional<AccountRefusal>* refusal, int64_t* retry_after) {
  const engine::Account& account = *call.account;
  const std::string id = std::to_string(account.id);
  if (call.session_hash.empty()) {
    *refusal = Refuse("", "session_required",
                      "a password is changed from a signed-in session, not with an API token");
    return Status::Ok();
  }
  if (int64_t wait = s.throttle->WaitFor(account.login, call.address); wait > 0) {
    SKILLMATCH_RETURN_IF_ERROR(Audit(call, "account.password.throttled", id));
    *retry_after = wait;
    return Status::Ok();
  }
  if (current.size() > 256 || !VerifyPassword(current, account.password_hash)) {
    s.throttle->Failure(account.login, call.address);
    SKILLMATCH_RETURN_IF_ERROR(Audit(call, "account.password.failure", id));
    *refusal = Refuse("current", "current_wrong", "current: wrong password");
  }
  return Status::Ok();
}

}  // namespace

Result<OwnPasswordChange> ChangeOwnPassword(const Services& s, Call& call,
                                            const std::string& current,
                                            const std::string& password,
                                            const std::optional<std::string>& again) {
  OwnPasswordChange out;
  const engine::Account& account = *call.account;
  const std::string id = std::to_string(account.id);
  SKILLMATCH_RETURN_IF_ERROR(
      CheckCurrentPassword(s, call, current, &out.refusal, &out.retry_after));
  if (out.refusal || out.retry_after > 0) return out;
  if (auto refused = CheckNewPassword(account.login, password, again)) {
    out.refusal = std::move(refused);
    return out;
  }
  if (VerifyPassword(password, account.password_hash)) {
    out.refusal = Refuse("password", "password_same",
                         "password: the new password is the current one");
    return out;
  }
  SKILLMATCH_ASSIGN_OR_RETURN(hash, HashPassword(password, s.options->passwords));
  SKILLMATCH_RETURN_IF_ERROR(call.store->InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR(
        call.store->SetAccountPassword(account.login, hash, /*change_required=*/false));
    return CallAuditWriter(call)("account.password.self", id);
  }));
  s.throttle->Success(account.login, call.address);
  call.account->password_change_required = false;  // as the store now holds
  SKILLMATCH_ASSIGN_OR_RETURN(session, StartSession(s, call, account));
  out.session = std::move(session);
  return out;
}

namespace {

// Who may enrol his own factor: admins and supervisors without one.
std::optional<AccountRefusal> CheckCanEnrol(const engine::Account& account) {
  if (account.role != "admin" && account.role != "supervisor") {
    return Refuse("", "totp_role", "the second factor is for admins and supervisors");
  }
  if (!account.totp_secret.empty()) {
    return Refuse("", "totp_already", "this account has a second factor already");
  }
  return std::nullopt;
}

}  // namespace

Result<OwnTotpStart> StartOwnTotp(const Services& s, Call& call, const std::string& current) {
  OwnTotpStart out;
  const engine::Account& account = *call.account;
  out.refusal = CheckCanEnrol(account);
  if (out.refusal) return out;
  SKILLMATCH_RETURN_IF_ERROR(
      CheckCurrentPassword(s, call, current, &out.refusal, &out.retry_after));
  if (out.refusal || out.retry_after > 0) return out;
  s.throttle->Success(account.login, call.address);
  SKILLMATCH_ASSIGN_OR_RETURN(key, LoadTotpKey(s.options->db, /*create=*/true));
  out.secret = NewTotpSecret();
  SKILLMATCH_ASSIGN_OR_RETURN(
      pending, SealTotpSecret(key, std::to_string(account.id) + "\n" +
                                       std::to_string(call.now) + "\n" + out.secret));
  out.pending = std::move(pending);
  return out;
}

Result<OwnTotpConfirm> ConfirmOwnTotp(const Services& s, Call& call, const std::string& pending,
                                      const std::string& code) {
  OwnTotpConfirm out;
  const engine::Account& account = *call.account;
  out.refusal = CheckCanEnrol(account);
  if (out.refusal) return out;
  if (call.session_hash.empty()) {
    out.refusal = Refuse("", "session_required", "from a signed-in session only");
    return out;
  }
  SKILLMATCH_ASSIGN_OR_RETURN(key, LoadTotpKey(s.options->db, /*create=*/false));
  Result<std::string> opened =
      pending.size() > 512 ? Result<std::string>(Status::DataError("too long"))
                           : OpenTotpSecret(key, pending);
  if (!opened.ok()) {
    out.refusal = Refuse("", "totp_pending", "the enrolment sent back was altered; start again");
    return out;
  }
  const size_t first = opened->find('\n');
  const size_t second = first == std::string::npos ? first : opened->find('\n', first + 1);
  if (second == std::string::npos) {
    out.refusal = Refuse("", "totp_pending", "the enrolment sent back was altered; start again");
    return out;
  }
  const std::string owner = opened->substr(0, first);
  const int64_t issued = std::atoll(opened->substr(first + 1, second - first - 1).c_str());
  const std::string secret = opened->substr(second + 1);
  if (owner != std::to_string(account.id) || call.now < issued ||
      call.now - issued > kTotpPendingSeconds) {
    out.refusal = Refuse("", "totp_expired", "the enrolment expired; start again");
    return out;
  }
  std::optional<int64_t> step = MatchTotp(secret, code, call.now);
  if (!step) {
    out.refusal = Refuse("code", "totp_code", "code: not the authenticator's current code");
    out.secret = secret;
    return out;
  }
  SKILLMATCH_ASSIGN_OR_RETURN(sealed, SealTotpSecret(key, secret));
  SKILLMATCH_RETURN_IF_ERROR(call.store->InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR(call.store->SetAccountTotp(account.login, sealed));
    // The code just typed cannot open a login (replay).
    SKILLMATCH_ASSIGN_OR_RETURN(used, call.store->UseTotpStep(account.id, *step));
    (void)used;
    return CallAuditWriter(call)("account.totp.enable", std::to_string(account.id));
  }));
  call.account->totp_secret = sealed;  // as the store now holds
  SKILLMATCH_ASSIGN_OR_RETURN(session, StartSession(s, call, account));
  out.session = std::move(session);
  return out;
}

Status CreateAgency(engine::Store& store, const std::string& agency, const std::string& region,
                    const AuditWriter& audit) {
  return store.InTransaction([&]() -> Status {
    SKILLMATCH_ASSIGN_OR_RETURN(current, store.GetAgencyRegion(agency));
    if (!current.empty()) return Status::DataError("agency '" + agency + "' exists already");
    SKILLMATCH_RETURN_IF_ERROR(store.SetAgencyRegion(agency, region));
    return audit("agency.create", agency);
  });
}

Status SetAgencyRegion(engine::Store& store, const std::string& agency, const std::string& region,
                       const AuditWriter& audit) {
  return store.InTransaction([&]() -> Status {
    SKILLMATCH_RETURN_IF_ERROR(store.SetAgencyRegion(agency, region));
    return audit("agency.region", agency);
  });
}

}  // namespace skillmatch::server
