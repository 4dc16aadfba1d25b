// The route table of the JSON API: every route names its method, the
// capability it needs (roles.h) and its handler, so that a test can walk the
// table and try every route with every role (tests/server). Handlers are
// thin: parse and validate, call the engine's libraries, render JSON. No SQL
// and no scoring here; the store and engine/match do that.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth.h"
#include "roles.h"
#include "skillmatch/classification/coder.h"
#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/match/scoring.h"
#include "skillmatch/mobility/rule_pack.h"
#include "skillmatch/mobility/training.h"
#include "skillmatch/store/store.h"

namespace skillmatch::pages {
class ImportJobs;
}

namespace skillmatch::server {

struct ServerOptions;
class OfferIndexCache;
class MarketCache;

// What every handler may use, shared by all requests (read-only after
// start, or thread-safe).
struct Services {
  const ServerOptions* options = nullptr;
  const classification::Taxonomy* taxonomy = nullptr;
  const engine::Scorer* scorer = nullptr;
  const classification::Coder* coder = nullptr;
  LoginThrottle* throttle = nullptr;
  OfferIndexCache* offer_indexes = nullptr;  // per agency, between requests
  // Migration counselling: the rule pack and training catalogue loaded at
  // start (ServerOptions::rule_pack, training; empty ones when not given).
  const mobility::RulePack* rule_pack = nullptr;
  const std::vector<mobility::Training>* training = nullptr;
  MarketCache* markets = nullptr;  // the assessment's market, between requests
  std::function<int64_t()> now;
  // The pages' background imports (pages/import_jobs.h); owned by the
  // server, which stops them before the rest of Services goes.
  pages::ImportJobs* import_jobs = nullptr;
};

// One request as a handler sees it.
struct Call {
  const httplib::Request* req = nullptr;
  engine::Store* store = nullptr;  // this worker's connection
  std::string address;             // client address, from the socket
  std::optional<engine::Account> account;  // empty on public routes
  Role role = Role::kAdmin;        // valid when account is set
  // The agencies whose records the account sees (roles.h, "Scope"): its
  // own first, then, for a supervisor with a region, every agency of that
  // region. Empty for roles that see no personal record.
  std::vector<std::string> agencies;
  std::string session_hash;        // the session's token hash, if any
  std::string session_csrf;
  std::vector<std::string> params; // path parameters, in pattern order
  int64_t now = 0;
};

// What a handler returns: a status and a JSON body, plus headers.
struct Reply {
  int status = 200;
  nlohmann::ordered_json body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A body other than JSON (the pages' HTML, their assets): when
  // content_type is set, `text` is sent as is instead of `body`.
  std::string content_type;
  std::string text;
};

// {"error": {"code", "message", "field"}}.
Reply ErrorReply(int status, std::string code, std::string message,
                 std::string field = "");

using Handler = Reply (*)(const Services& services, Call& call);

struct Route {
  std::string method;      // GET, POST, PUT, DELETE
  std::string pattern;     // OpenAPI style: /api/v1/jobseekers/{id}
  Capability capability;
  Handler handler;
  // Names a person (a jobseeker): audited, never for statisticians, admins.
  bool personal = false;
  // Open to an account whose password is temporary (Account::
  // password_change_required): the routes that lead to changing it (one's
  // session, « Mon compte », logout). Every other route answers 403
  // "password_change_required" (a page: a redirection to /compte).
  bool before_password_change = false;
};

// The table, in the order of openapi.yaml.
const std::vector<Route>& Routes();

// Shared by the API and the pages (pages/): the login and logout
// themselves (throttling, password check, new session, audit; the reply
// carries the Set-Cookie header and, on success, the account and CSRF
// token in its JSON body), the id rule, the agency scope and the answer to
// a store failure.
// `code`: the second factor's 6 digits, for accounts enrolled in TOTP.
Reply SignIn(const Services& services, Call& call, const std::string& login,
             const std::string& password,
             const std::optional<std::string>& code = std::nullopt);
Reply SignOut(const Services& services, Call& call);
// A new session of `account` for this client (what a login ends with):
// its Set-Cookie header value and CSRF token. `call.session_hash` and
// `call.session_csrf` become the new session's.
struct NewSession {
  std::string set_cookie;
  std::string csrf;
};
[[nodiscard]] Result<NewSession> StartSession(const Services& services, Call& call,
                                              const engine::Account& account);
bool ValidId(const std::string& id);
// Unix seconds as the audit trail and the records write them:
// "2026-12-07T09:30:00Z" (UTC).
std::string IsoTime(int64_t seconds);
// 404 (the very answer of a missing id) when record `id` of `kind` is not
// in the caller's scope (its agency, or its region's agencies for a
// supervisor: `Call::agencies`). `record_agency`, if given, receives the
// record's agency.
std::optional<Reply> InScope(Call& call, engine::AgencyRecord kind,
                             const std::string& id,
                             std::string* record_agency = nullptr);
// Whether `agency` is in the caller's scope.
bool InAgencies(const Call& call, const std::string& agency);
Reply StoreFailure(const Status& status);

// The checks of an offer's document, the very ones of POST and PUT
// /api/v1/offers (the pages' offer form calls it too, so that the two never
// disagree): engine::OfferFromJson, the id rule (ValidId), the taxonomy's
// codes (engine::CheckCodes). The first problem is returned (kDataError),
// "<where>: <field path>: <what>" as model_json.h writes it, or, for the id,
// "id: 1 to 64 letters, digits or - _ . :".
Result<engine::Offer> CheckOffer(const Services& services,
                                 const nlohmann::json& document,
                                 const std::string& where);

// Appends an audit entry for the call (actor, address and time from it).
// Failures are returned: a request whose view cannot be audited fails.
[[nodiscard]] Status Audit(Call& call, const std::string& action,
                           const std::string& record);

}  // namespace skillmatch::server
