// Account administration shared by `skillmatch users` (tools/skillmatch/
// cmd_users.cc) and the administration pages (pages/page_admin.cc): the
// rules a new account or a change must follow, and the changes themselves,
// each written with its audit entry in one transaction. One implementation:
// the pages call these, never the store's account writes directly.
//
// Refusals carry the field they concern, a code (the pages show the French
// message "admin.error.<code>" next to that field) and an English message
// (what the command line prints). Store failures are Status.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "routes.h"
#include "skillmatch/classification/status.h"
#include "skillmatch/store/store.h"

namespace skillmatch::server {

struct AccountRefusal {
  std::string field;    // "login", "role", "agency", "region", "password", "" (the request)
  std::string code;     // e.g. "login_taken", "agency_required", "last_admin"
  std::string message;  // English, for the command line
};

// Appends one audit entry (action, record) inside the caller's transaction.
using AuditWriter =
    std::function<Status(const std::string& action, const std::string& record)>;

// The server's writer for `call`: actor = the account's id, address and
// time from the call. Appends through call.store directly (not the group
// commit of server::Audit, whose writer may be another connection that
// would wait for this transaction's lock).
AuditWriter CallAuditWriter(Call& call);

// A login: 2 to 64 characters among a-z, 0-9, '.', '_', '-', starting
// with a letter or a digit (it is typed at every login and shown in the
// audit trail: no spaces, no capitals to confuse).
std::optional<AccountRefusal> CheckLogin(std::string_view login);
// An agency or region name: 1 to 64 characters, a letter or digit first,
// then letters, digits, '-', '_' or '.' (they are keys of the store).
std::optional<AccountRefusal> CheckAgencyName(std::string_view agency,
                                              const std::string& field = "agency");
// The role, agency and region of an account: a known role; an agency for
// the roles that read records (NeedsAgency), none for the others (they
// see no record, so an agency would mean nothing); a region only for
// supervisors.
std::optional<AccountRefusal> CheckRoleAgency(std::string_view role, std::string_view agency,
                                              std::string_view region);
// A new password: the two copies equal (`again` = nullopt when there is
// only one, from a pipe) and CheckPasswordPolicy.
std::optional<AccountRefusal> CheckNewPassword(std::string_view login, std::string_view password,
                                               const std::optional<std::string>& again);

// The administrators' safety rule, for a change of `target` that disables
// it (`disable`) or gives it `new_role`: an admin may not disable or demote
// himself (`actor`, nullptr from the command line), and the last active
// admin may be neither disabled nor demoted by anyone, so that the server
// always keeps one account able to manage the others.
[[nodiscard]] Result<std::optional<AccountRefusal>> CheckAdminKept(
    engine::Store& store, const engine::Account& target, const engine::Account* actor,
    bool disable, std::string_view new_role);

// The writes, each with its audit entry, in one transaction.
// `account.password_hash` is already hashed. kDataError when the login is
// taken (a race with another creation).
[[nodiscard]] Result<int64_t> CreateAccount(engine::Store& store, const engine::Account& account,
                                            const AuditWriter& audit);  // account.create
// Role, agency and region at once; ends the account's sessions.
[[nodiscard]] Status UpdateAccount(engine::Store& store, const engine::Account& target,
                                   const std::string& role, const std::string& agency,
                                   const std::string& region,
                                   const AuditWriter& audit);  // account.update
// Ends the account's sessions either way.
[[nodiscard]] Status SetAccountActive(engine::Store& store, const engine::Account& target,
                                      bool active,
                                      const AuditWriter& audit);  // account.enable|disable
// `change_required`: a temporary password, which its owner must replace at
// his next login before doing anything else (Account::
// password_change_required; the pages' default, `users passwd --temporary`).
[[nodiscard]] Status ResetPassword(engine::Store& store, const engine::Account& target,
                                   const std::string& password_hash, bool change_required,
                                   const AuditWriter& audit);  // account.password
// Removes the account's second factor (a lost phone): its sessions and API
// tokens end; it signs in with its password alone until the operator
// enrols a new one (`skillmatch users totp enable`), or not at all while
// the server runs with --require-totp. Refused for the caller's own
// account (`actor`; nullptr from the command line) and for an account
// without one (code "totp_none").
[[nodiscard]] Result<std::optional<AccountRefusal>> RemoveSecondFactor(
    engine::Store& store, const engine::Account& target, const engine::Account* actor,
    const AuditWriter& audit);  // account.totp.disable

// A signed-in person changes his own password (the pages' "Mon compte",
// the API's PUT /api/v1/session/password), giving the current one:
// - only from a session (an API token is refused: "session_required"), as
//   the login throttle counts a wrong current password as a failed login
//   (429 with `retry_after` seconds while it makes the person wait);
// - the current password wrong: refused ("current", "current_wrong"),
//   audited account.password.failure; the new one must pass
//   CheckNewPassword and differ from the current one ("password_same");
// - done: the hash written and audited (account.password.self) in one
//   transaction, which ends every session and API token of the account
//   and clears Account::password_change_required, then a new session for
//   this client (`session`), so the person stays signed in here and
//   nowhere else.
struct OwnPasswordChange {
  std::optional<AccountRefusal> refusal;
  int64_t retry_after = 0;          // > 0: throttled, nothing checked
  std::optional<NewSession> session;  // set when done
};
[[nodiscard]] Result<OwnPasswordChange> ChangeOwnPassword(const Services& services, Call& call,
                                                          const std::string& current,
                                                          const std::string& password,
                                                          const std::optional<std::string>& again);

// A person enrols his own second factor (the pages' « Mon compte »), in two
// steps, with nothing stored between them:
// - StartOwnTotp: only admins and supervisors ("totp_role"), only without
//   a factor ("totp_already"), from a session ("session_required"), with
//   the current password, throttled and audited as ChangeOwnPassword. Done:
//   a new secret (to show once, with its otpauth URI) and `pending`, that
//   secret sealed under the store's TOTP key with the account's id and the
//   time, which the page carries to the second step.
// - ConfirmOwnTotp: `pending` opened (altered or another key:
//   "totp_pending"; another account's, or older than 10 minutes:
//   "totp_expired") and a code of the authenticator that matches it
//   ("totp_code", the secret given back to show again). Done: the sealed
//   secret stored with the code's step used and audited
//   account.totp.enable in one transaction, which ends every session and
//   API token of the account, then a new session for this client.
struct OwnTotpStart {
  std::optional<AccountRefusal> refusal;
  int64_t retry_after = 0;
  std::string secret;   // raw bytes: Base32 and OtpAuthUri show them
  std::string pending;  // hex
};
[[nodiscard]] Result<OwnTotpStart> StartOwnTotp(const Services& services, Call& call,
                                                const std::string& current);
struct OwnTotpConfirm {
  std::optional<AccountRefusal> refusal;
  std::string secret;  // when refused with a pending still valid
  std::optional<NewSession> session;
};
[[nodiscard]] Result<OwnTotpConfirm> ConfirmOwnTotp(const Services& services, Call& call,
                                                    const std::string& pending,
                                                    const std::string& code);
inline constexpr int64_t kTotpPendingSeconds = 600;

// Creates an agency (kDataError if it exists) or moves one to `region`.
[[nodiscard]] Status CreateAgency(engine::Store& store, const std::string& agency,
                                  const std::string& region,
                                  const AuditWriter& audit);  // agency.create
[[nodiscard]] Status SetAgencyRegion(engine::Store& store, const std::string& agency,
                                     const std::string& region,
                                     const AuditWriter& audit);  // agency.region

}  // namespace skillmatch::server
