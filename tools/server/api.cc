// The handlers of the JSON API /api/v1 and its route table. Thin: parse and
// validate, check the agency scope, call the store and engine/match, render.
//
// Agency scope: a record (jobseeker or offer) is visible to an account only
// when the record's agency is one of the account's (Call::agencies: its own,
// plus every agency of its region for a supervisor with one). A record
// outside the scope answers 404, exactly like a missing one, so ids cannot
// be probed; lists and match results are drawn from those agencies alone.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "accounts.h"
#include "audit.h"
#include "followup.h"
#include "offer_cache.h"
#include "routes.h"
#include "server.h"
#include "totp.h"
#include "skillmatch/match/retrieval.h"
#include "skillmatch/mobility/assessment.h"
#include "skillmatch/model/model_check.h"
#include "skillmatch/model/model_json.h"

namespace skillmatch::server {

namespace {

using engine::AgencyRecord;
using nlohmann::ordered_json;

constexpr int kMaxTop = 100;
constexpr int kMaxList = 200;
// The refusal of ValidId, as a record's reader says it.
constexpr char kBadIdMessage[] = "id: 1 to 64 letters, digits or - _ . :";

}  // namespace

std::string IsoTime(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

// Record ids and codes: what the importers accept in practice. Anything
// else (quotes, slashes, spaces, control characters) cannot name a record.
bool ValidId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
  });
}

static Reply NotFound(const char* what) {
  return ErrorReply(404, "not_found", std::string("no such ") + what);
}

// A store failure as an answer. Messages of the store may quote input
// values, so only the kind of failure is said.
Reply StoreFailure(const Status& status) {
  switch (status.code()) {
    case StatusCode::kNotFound:
      return ErrorReply(404, "not_found", "not found");
    case StatusCode::kDataError:
      return ErrorReply(409, "conflict",
                        "the store refused the change (a reference or id "
                        "already used, or a rule of the schema)");
    case StatusCode::kIoError:
      return ErrorReply(503, "unavailable", "the store is busy; try again");
    default:
      return ErrorReply(500, "internal", "internal error");
  }
}

// The JSON body of a request; a Reply when it is not a JSON object.
std::optional<Reply> ParseBody(const Call& call, nlohmann::json* out) {
  const std::string type = call.req->get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    return ErrorReply(415, "unsupported_media_type",
                      "send the body as application/json");
  }
  try {
    *out = nlohmann::json::parse(call.req->body);
  } catch (const nlohmann::json::exception&) {
    return ErrorReply(400, "bad_json", "the body is not valid JSON");
  }
  if (!out->is_object()) {
    return ErrorReply(400, "bad_json", "the body must be a JSON object");
  }
  return std::nullopt;
}

// An integer query parameter in [1, max]; `fallback` when absent.
static std::optional<Reply> IntParam(const Call& call, const char* name, int fallback,
                              int max, int* out) {
  *out = fallback;
  if (!call.req->has_param(name)) return std::nullopt;
  const std::string text = call.req->get_param_value(name);
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 ||
      value > max) {
    return ErrorReply(400, "bad_parameter",
                      std::string(name) + ": expected an integer from 1 to " +
                          std::to_string(max),
                      name);
  }
  *out = value;
  return std::nullopt;
}

bool InAgencies(const Call& call, const std::string& agency) {
  return !agency.empty() && std::find(call.agencies.begin(), call.agencies.end(),
                                      agency) != call.agencies.end();
}

// Whether record `id` of `kind` exists in the caller's scope; a Reply (404
// for other agencies and missing ids alike) when not. `record_agency`, if
// given, receives the record's agency.
std::optional<Reply> InScope(Call& call, AgencyRecord kind,
                             const std::string& id,
                             std::string* record_agency) {
  const char* what = kind == AgencyRecord::kProfile ? "jobseeker" : "offer";
  if (!ValidId(id)) return NotFound(what);
  Result<std::string> agency = call.store->GetAgency(kind, id);
  if (!agency.ok()) {
    if (agency.status().code() == StatusCode::kNotFound) return NotFound(what);
    return StoreFailure(agency.status());
  }
  if (!InAgencies(call, *agency)) return NotFound(what);
  if (record_agency) *record_agency = *agency;
  return std::nullopt;
}

namespace {

// Returns a failure reply from the enclosing handler when `expr` (a Status,
// such as the audit of a view) is not OK: no view goes unaudited.
#define SKILLMATCH_RETURN_IF_ERROR_REPLY(expr)           \
  do {                                                   \
    ::skillmatch::Status _sm_reply_status = (expr);      \
    if (!_sm_reply_status.ok()) return StoreFailure(_sm_reply_status); \
  } while (0)

// ---------------------------------------------------------------- Session

std::string CookieName(const Services& s) {
  // __Host- binds the cookie to this origin (Secure, Path=/, no Domain).
  return s.options->tls_in_front ? "__Host-sm_session" : "sm_session";
}

std::string SessionCookie(const Services& s, const std::string& value,
                          bool clear) {
  std::string cookie = CookieName(s) + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict";
  if (s.options->tls_in_front) cookie += "; Secure";
  if (clear) cookie += "; Max-Age=0";
  return cookie;
}

ordered_json AccountJson(const engine::Account& account) {
  return {{"id", account.id},
          {"login", account.login},
          {"role", account.role},
          {"agency", account.agency},
          {"region", account.region},
          {"totp", !account.totp_secret.empty()},
          {"password_change_required", account.password_change_required}};
}

// Roles that the second factor is for (issue 14: admins, supervisors).
bool TotpRole(const std::string& role) {
  return role == "admin" || role == "supervisor";
}

Reply Login(const Services& s, Call& call) {
  nlohmann::json body;
  if (auto bad = ParseBody(call, &body)) return *bad;
  if (!body.contains("login") || !body["login"].is_string()) {
    return ErrorReply(422, "invalid", "login: expected a string", "login");
  }
  if (!body.contains("password") || !body["password"].is_string()) {
    return ErrorReply(422, "invalid", "password: expected a string",
                      "password");
  }
  std::optional<std::string> code;
  if (body.contains("code")) {
    if (!body["code"].is_string()) {
      return ErrorReply(422, "invalid", "code: expected a string of 6 digits",
                        "code");
    }
    code = body["code"].get<std::string>();
  }
  return SignIn(s, call, body["login"], body["password"], code);
}

}  // namespace

Reply SignIn(const Services& s, Call& call, const std::string& login,
             const std::string& password,
             const std::optional<std::string>& code) {
  if (login.empty() || login.size() > 64 || password.size() > 256) {
    return ErrorReply(422, "invalid", "login: 1 to 64 characters", "login");
  }
  if (int64_t wait = s.throttle->WaitFor(login, call.address); wait > 0) {
    SKILLMATCH_RETURN_IF_ERROR_REPLY(Audit(call, "login.throttled", ""));
    Reply reply = ErrorReply(429, "too_many_attempts",
                             "too many failed logins; try again in " +
                                 std::to_string(wait) + " s");
    reply.headers.emplace_back("Retry-After", std::to_string(wait));
    return reply;
  }
  Result<engine::Account> account = call.store->GetAccount(login);
  if (!account.ok() && account.status().code() != StatusCode::kNotFound) {
    return StoreFailure(account.status());
  }
  // The same work whether or not the login exists, so timing does not tell.
  static const std::string dummy = [&] {
    Result<std::string> hash = HashPassword("not a password at all", s.options->passwords);
    return hash.ok() ? *hash : std::string();
  }();
  const bool known = account.ok();
  const bool match = VerifyPassword(password, known ? account->password_hash : dummy);
  if (!known || !match || account->disabled) {
    s.throttle->Failure(login, call.address);
    // The record is the account's id when the login exists, never the
    // typed login (it may be a password typed in the wrong field).
    SKILLMATCH_RETURN_IF_ERROR_REPLY(Audit(
        call, known ? (account->disabled ? "login.failure.disabled" : "login.failure")
                    : "login.failure.unknown",
        known ? std::to_string(account->id) : ""));
    return ErrorReply(401, "bad_credentials", "wrong login or password");
  }
  // The second factor, for every account that has one (admins and
  // supervisors: the CLI enrols no other role), after the password so that
  // a wrong password says nothing of it. A wrong or replayed code counts as
  // a failed login for the throttle, so 6 digits cannot be tried at speed.
  if (!account->totp_secret.empty()) {
    if (!code) {
      SKILLMATCH_RETURN_IF_ERROR_REPLY(
          Audit(call, "login.totp_required", std::to_string(account->id)));
      return ErrorReply(401, "totp_required",
                        "second factor: send the 6-digit code of your "
                        "authenticator app in \"code\"",
                        "code");
    }
    Result<std::string> key = LoadTotpKey(s.options->db, false);
    Result<std::string> secret =
        key.ok() ? OpenTotpSecret(*key, account->totp_secret) : key.status();
    if (!secret.ok()) {
      // The operator's problem (key file lost or replaced), not the user's:
      // said in the server's log, by kind only.
      spdlog::error("{{\"totp\":\"cannot open the second factor of an account\","
                    "\"account\":{}}}",
                    account->id);
      return ErrorReply(503, "totp_unavailable",
                        "the second factor cannot be checked on this server; "
                        "tell the administrator");
    }
    std::optional<int64_t> step =
        MatchTotp(*secret, *code, call.now);
    bool fresh = false;
    if (step) {
      Result<bool> used = call.store->UseTotpStep(account->id, *step);
      if (!used.ok()) return StoreFailure(used.status());
      fresh = *used;
    }
    if (!fresh) {
      s.throttle->Failure(login, call.address);
      SKILLMATCH_RETURN_IF_ERROR_REPLY(
          Audit(call, step ? "login.failure.totp_replay" : "login.failure.totp",
                std::to_string(account->id)));
      return ErrorReply(401, "bad_totp", "wrong or already used code", "code");
    }
  } else if (s.options->require_totp && TotpRole(account->role)) {
    s.throttle->Failure(login, call.address);
    SKILLMATCH_RETURN_IF_ERROR_REPLY(
        Audit(call, "login.failure.no_totp", std::to_string(account->id)));
    return ErrorReply(403, "totp_enrolment_required",
                      "this role needs a second factor: an administrator runs "
                      "skillmatch users totp enable");
  }
  s.throttle->Success(login, call.address);
  // A new token at every login, whatever cookie came with the request: a
  // token planted before login (fixation) is never made valid. The old
  // session, if the request carried one, ends.
  if (!call.session_hash.empty()) {
    (void)call.store->DeleteSession(call.session_hash);
  }
  Result<NewSession> session = StartSession(s, call, *account);
  if (!session.ok()) return StoreFailure(session.status());
  call.account = *account;
  SKILLMATCH_RETURN_IF_ERROR_REPLY(Audit(call, "login.success", std::to_string(account->id)));
  Reply reply;
  reply.body = {{"account", AccountJson(*account)}, {"csrf", session->csrf}};
  reply.headers.emplace_back("Set-Cookie", session->set_cookie);
  return reply;
}

Result<NewSession> StartSession(const Services& s, Call& call, const engine::Account& account) {
  // Sessions that expired without a logout are deleted at each login, so
  // the table holds live sessions only.
  (void)call.store->DeleteExpiredSessions(call.now - s.options->session_idle_s,
                                          call.now - s.options->session_max_s);
  const std::string token = RandomToken();
  engine::SessionRecord session;
  session.token_hash = Sha256Hex(token);
  session.account_id = account.id;
  session.csrf = RandomToken();
  session.created = call.now;
  session.last_seen = call.now;
  SKILLMATCH_RETURN_IF_ERROR(call.store->CreateSession(session));
  call.session_hash = session.token_hash;
  call.session_csrf = session.csrf;
  return NewSession{SessionCookie(s, token, false), session.csrf};
}

Reply SignOut(const Services& s, Call& call) {
  if (!call.session_hash.empty()) {
    if (Status done = call.store->DeleteSession(call.session_hash); !done.ok()) {
      return StoreFailure(done);
    }
  }
  SKILLMATCH_RETURN_IF_ERROR_REPLY(Audit(call, "logout", std::to_string(call.account->id)));
  Reply reply;
  reply.status = 204;
  reply.headers.emplace_back("Set-Cookie", SessionCookie(s, "", true));
  return reply;
}

namespace {

Reply Logout(const Services& s, Call& call) { return SignOut(s, call); }

// PUT /api/v1/session/password {"current", "password"}: the rules of
// ChangeOwnPassword (accounts.h), shared with the page "Mon compte".
Reply ChangePassword(const Services& s, Call& call) {
  nlohmann::json body;
  if (auto bad = ParseBody(call, &body)) return *bad;
  for (const char* key : {"current", "password"}) {
    if (!body.contains(key) || !body[key].is_string()) {
      return ErrorReply(422, "invalid", std::string(key) + ": expected a string", key);
    }
  }
  Result<OwnPasswordChange> change = ChangeOwnPassword(
      s, call, body["current"].get<std::string>(), body["password"].get<std::string>(),
      std::nullopt);
  if (!change.ok()) return StoreFailure(change.status());
  if (change->retry_after > 0) {
    const std::string wait = std::to_string(change->retry_after);
    Reply reply = ErrorReply(429, "too_many_attempts",
                             "too many wrong passwords; try again in " + wait + " s");
    reply.headers.emplace_back("Retry-After", wait);
    return reply;
  }
  if (change->refusal) {
    const AccountRefusal& refused = *change->refusal;
    return ErrorReply(refused.code == "session_required" ? 403 : 422, refused.code,
                      refused.message, refused.field);
  }
  Reply reply;
  reply.body = {{"account", AccountJson(*call.account)}, {"csrf", change->session->csrf}};
  reply.headers.emplace_back("Set-Cookie", change->session->set_cookie);
  return reply;
}

Reply WhoAmI(const Services&, Call& call) {
  Reply reply;
  reply.body = {{"account", AccountJson(*call.account)}};
  if (!call.session_csrf.empty()) reply.body["csrf"] = call.session_csrf;
  return reply;
}

// ---------------------------------------------------------------- Records

template <typename Record>
ordered_json Summary(const Record& record);

template <>
ordered_json Summary(const engine::Profile& p) {
  return {{"id", p.id},
          {"occupation", p.target_occupations.empty() ? std::string()
                                                      : p.target_occupations[0]},
          {"region", p.location.region}};
}

template <>
ordered_json Summary(const engine::Offer& o) {
  return {{"id", o.id},
          {"title", o.title},
          {"occupation", o.occupation},
          {"employer", o.employer}};
}

template <typename Record>
Result<Record> GetRecord(engine::Store& store, const std::string& id) {
  if constexpr (std::is_same_v<Record, engine::Profile>) {
    return store.GetProfile(id);
  } else {
    return store.GetOffer(id);
  }
}

template <typename Record>
Result<Record> RecordFromJson(const nlohmann::json& json, const std::string& where) {
  if constexpr (std::is_same_v<Record, engine::Profile>) {
    return engine::ProfileFromJson(json, where);
  } else {
    return engine::OfferFromJson(json, where);
  }
}

template <typename Record>
Result<engine::UpsertOutcome> Upsert(engine::Store& store, const Record& r) {
  if constexpr (std::is_same_v<Record, engine::Profile>) {
    return store.UpsertProfile(r);
  } else {
    return store.UpsertOffer(r);
  }
}

template <typename Record>
constexpr AgencyRecord KindOf() {
  return std::is_same_v<Record, engine::Profile> ? AgencyRecord::kProfile
                                                 : AgencyRecord::kOffer;
}

template <typename Record>
constexpr const char* NounOf() {
  return std::is_same_v<Record, engine::Profile> ? "jobseeker" : "offer";
}

template <typename Record>
Reply ListRecords(const Services&, Call& call) {
  int limit = 50;
  if (auto bad = IntParam(call, "limit", 50, kMaxList, &limit)) return *bad;
  std::string after = call.req->has_param("after")
                          ? call.req->get_param_value("after")
                          : std::string();
  if (!after.empty() && !ValidId(after)) {
    return ErrorReply(400, "bad_parameter", "after: not an id", "after");
  }
  Result<std::vector<std::string>> ids = call.store->ListScopeIds(
      KindOf<Record>(), call.agencies, after, limit);
  if (!ids.ok()) return StoreFailure(ids.status());
  ordered_json items = ordered_json::array();
  for (const std::string& id : *ids) {
    Result<Record> record = GetRecord<Record>(*call.store, id);
    if (!record.ok()) return StoreFailure(record.status());
    items.push_back(Summary(*record));
  }
  SKILLMATCH_RETURN_IF_ERROR_REPLY(
      Audit(call, std::string(NounOf<Record>()) + ".list", ""));
  Reply reply;
  reply.body = {{"items", items}};
  if (static_cast<int>(ids->size()) == limit) reply.body["next"] = ids->back();
  return reply;
}

template <typename Record>
Reply GetOne(const Services&, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = InScope(call, KindOf<Record>(), id)) return *out;
  Result<Record> record = GetRecord<Record>(*call.store, id);
  if (!record.ok()) return StoreFailure(record.status());
  // Every view of a jobseeker's file is audited, not only changes.
  SKILLMATCH_RETURN_IF_ERROR_REPLY(
      Audit(call, std::string(NounOf<Record>()) + ".view", id));
  Reply reply;
  reply.body = engine::ToJson(*record);
  return reply;
}

// Validates a record body against the schema and the stored taxonomy: the
// model's reader, the id rule, the codes. `where` prefixes the messages.
template <typename Record>
Result<Record> CheckRecord(const Services& s, const nlohmann::json& body,
                           const std::string& where) {
  Result<Record> record = RecordFromJson<Record>(body, where);
  // "body: skills[2].level: expected ..." (no personal values: the model's
  // messages name fields and expected forms).
  if (!record.ok()) return record.status();
  if (!ValidId(record->id)) {
    return Status::DataError(kBadIdMessage);
  }
  if (Status codes = engine::CheckCodes(*record, *s.taxonomy, where);
      !codes.ok()) {
    return codes;
  }
  return record;
}

template <typename Record>
std::optional<Reply> ReadRecord(const Services& s, const Call& call,
                                Record* out) {
  nlohmann::json body;
  if (auto bad = ParseBody(call, &body)) return *bad;
  Result<Record> record = CheckRecord<Record>(s, body, "body");
  if (!record.ok()) {
    const bool id = record.status().message() == kBadIdMessage;
    return ErrorReply(422, "invalid", record.status().message(), id ? "id" : "");
  }
  *out = std::move(*record);
  return std::nullopt;
}

template <typename Record>
Reply Create(const Services& s, Call& call) {
  Record record;
  if (auto bad = ReadRecord(s, call, &record)) return *bad;
  Result<std::string> existing = call.store->GetAgency(KindOf<Record>(), record.id);
  if (existing.ok()) {
    // Said whatever the agency: the id is taken in the whole store.
    return ErrorReply(409, "conflict", "this id is already used", "id");
  }
  if (existing.status().code() != StatusCode::kNotFound) {
    return StoreFailure(existing.status());
  }
  Status written = call.store->InTransaction([&]() -> Status {
    Result<engine::UpsertOutcome> done = Upsert(*call.store, record);
    if (!done.ok()) return done.status();
    return call.store->SetAgency(KindOf<Record>(), record.id,
                                 call.account->agency);
  });
  if (!written.ok()) return StoreFailure(written);
  if (KindOf<Record>() == AgencyRecord::kOffer) {
    s.offer_indexes->Invalidate(call.account->agency);
  }
  SKILLMATCH_RETURN_IF_ERROR_REPLY(
      Audit(call, std::string(NounOf<Record>()) + ".create", record.id));
  Reply reply;
  reply.status = 201;
  reply.body = {{"id", record.id}};
  reply.headers.emplace_back("Location", std::string("/api/v1/") +
                                             (KindOf<Record>() == AgencyRecord::kProfile
                                                  ? "jobseekers/"
                                                  : "offers/") +
                                             record.id);
  return reply;
}

template <typename Record>
Reply Update(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  std::string agency;
  if (auto out = InScope(call, KindOf<Record>(), id, &agency)) return *out;
  Record record;
  if (auto bad = ReadRecord(s, call, &record)) return *bad;
  if (record.id != id) {
    return ErrorReply(422, "invalid", "id: differs from the id of the path",
                      "id");
  }
  Result<engine::UpsertOutcome> done = Upsert(*call.store, record);
  if (!done.ok()) return StoreFailure(done.status());
  if (KindOf<Record>() == AgencyRecord::kOffer) s.offer_indexes->Invalidate(agency);
  SKILLMATCH_RETURN_IF_ERROR_REPLY(
      Audit(call, std::string(NounOf<Record>()) + ".update", id));
  Reply reply;
  reply.body = {{"id", id}};
  return reply;
}

}  // namespace

Result<engine::Offer> CheckOffer(const Services& services,
                                 const nlohmann::json& document,
                                 const std::string& where) {
  return CheckRecord<engine::Offer>(services, document, where);
}

namespace {

// ---------------------------------------------------------------- Matching

// 503 while an agency's offer index is first built (offer_cache.h): the
// request is answered at once, never held for the seconds a build takes.
Reply IndexBuilding(int64_t retry_after_s) {
  Reply reply = ErrorReply(
      503, "index_building",
      "index en construction: the agency's offer index is being built; try "
      "again in " + std::to_string(retry_after_s) + " s");
  reply.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  return reply;
}

Reply OffersForJobseeker(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = InScope(call, AgencyRecord::kProfile, id)) return *out;
  int top = 10;
  if (auto bad = IntParam(call, "top", 10, kMaxTop, &top)) return *bad;
  Result<engine::Profile> profile = call.store->GetProfile(id);
  if (!profile.ok()) return StoreFailure(profile.status());
  // The offers of every agency in the caller's scope, each agency's index
  // ranked on its own, the lists merged by score (ties by offer id).
  struct Candidate {
    double score;
    std::string offer;
  };
  std::vector<Candidate> candidates;
  int64_t retry_after = 0;
  for (const std::string& agency : call.agencies) {
    OfferIndexCache::Lookup index = s.offer_indexes->Get(agency);
    if (!index.index) {
      retry_after = std::max(retry_after, index.retry_after_s);
      continue;
    }
    // A few more than asked: the index may hold offers deleted or moved to
    // another agency since it was built, which are skipped below.
    for (const engine::Hit& hit : index.index->TopK(*profile, top + 10)) {
      candidates.push_back({hit.score, index.index->id(hit.index)});
    }
  }
  if (retry_after > 0) return IndexBuilding(retry_after);
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) {
              return a.score != b.score ? a.score > b.score : a.offer < b.offer;
            });
  ordered_json hits = ordered_json::array();
  for (const Candidate& candidate : candidates) {
    if (static_cast<int>(hits.size()) >= top) break;
    Result<std::string> agency =
        call.store->GetAgency(AgencyRecord::kOffer, candidate.offer);
    if (!agency.ok() || !InAgencies(call, *agency)) continue;
    Result<engine::Offer> offer = call.store->GetOffer(candidate.offer);
    if (!offer.ok()) continue;
    const size_t rank = hits.size();
    hits.push_back({{"rank", rank + 1},
                    {"offer", offer->id},
                    {"title", offer->title},
                    {"occupation", offer->occupation},
                    {"score", candidate.score},
                    {"explanation", s.scorer->Explain(*profile, *offer).ToJson()}});
  }
  SKILLMATCH_RETURN_IF_ERROR_REPLY(Audit(call, "jobseeker.match", id));
  Reply reply;
  reply.body = {{"jobseeker", id}, {"offers", hits}};
  return reply;
}

// A migration project: the card and the national alternatives
// (engine/mobility). Counts cover the whole store (aggregates); the offers
// proposed are only the account's agency's, as everywhere else.
Reply MobilityAssessment(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = InScope(call, AgencyRecord::kProfile, id)) return *out;
  const std::string country = call.req->has_param("country") ? call.req->get_param_value("country") : "";
  if (country.size() != 2 || !std::isupper(static_cast<unsigned char>(country[0])) ||
      !std::isupper(static_cast<unsigned char>(country[1]))) {
    return ErrorReply(400, "bad_parameter",
                      "country: expected an ISO 3166-1 alpha-2 code (FR, BE, ...)", "country");
  }
  Result<engine::Profile> profile = call.store->GetProfile(id);
  if (!profile.ok()) return StoreFailure(profile.status());
  const engine::Date today = engine::Date::FromDaysSinceEpoch(
      static_cast<int32_t>(call.now / 86400));
  auto market = s.markets->Get(*call.store, today);
  if (!market.ok()) return StoreFailure(market.status());
  mobility::AssessOptions options;
  options.destination = country;
  options.today = today;
  if (call.req->has_param("occupation")) options.occupation = call.req->get_param_value("occupation");
  // Offers proposed: the caller's agency's, the best of them.
  options.offer_visible = [&](const std::string& offer) {
    Result<std::string> agency = call.store->GetAgency(AgencyRecord::kOffer, offer);
    return agency.ok() && *agency == call.account->agency;
  };
  auto assessment = mobility::Assess(*profile, *s.rule_pack, *s.training, *s.scorer, **market,
                                     *call.store, options);
  if (!assessment.ok()) {
    const bool missing = assessment.status().code() == StatusCode::kNotFound;
    return ErrorReply(missing ? 404 : 400, missing ? "not_found" : "bad_parameter",
                      assessment.status().message(), "occupation");
  }
  SKILLMATCH_RETURN_IF_ERROR_REPLY(Audit(call, "mobility.assess", id));
  Reply reply;
  reply.body = assessment->ToJson();
  return reply;
}

Reply CandidatesForOffer(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  if (auto out = InScope(call, AgencyRecord::kOffer, id)) return *out;
  int top = 10;
  if (auto bad = IntParam(call, "top", 10, kMaxTop, &top)) return *bad;
  Result<engine::Offer> offer = call.store->GetOffer(id);
  if (!offer.ok()) return StoreFailure(offer.status());
  std::vector<engine::Profile> profiles;
  for (const std::string& agency : call.agencies) {
    Status read = call.store->ForEachAgencyProfile(
        agency, [&](engine::Profile&& profile) {
          profiles.push_back(std::move(profile));
          return Status::Ok();
        });
    if (!read.ok()) return StoreFailure(read);
  }
  auto index = engine::ProfileIndex::Build(*s.scorer, std::move(profiles));
  ordered_json hits = ordered_json::array();
  std::vector<engine::Hit> top_hits = index->TopK(*offer, top);
  for (size_t rank = 0; rank < top_hits.size(); ++rank) {
    const engine::Profile& p = index->profiles()[top_hits[rank].index];
    hits.push_back({{"rank", rank + 1},
                    {"jobseeker", p.id},
                    {"score", top_hits[rank].score},
                    {"explanation", s.scorer->Explain(p, *offer).ToJson()}});
  }
  SKILLMATCH_RETURN_IF_ERROR_REPLY(Audit(call, "offer.candidates", id));
  Reply reply;
  reply.body = {{"offer", id}, {"candidates", hits}};
  return reply;
}

Reply Decide(const Services&, Call& call) {
  nlohmann::json body;
  if (auto bad = ParseBody(call, &body)) return *bad;
  for (const char* field : {"jobseeker", "offer", "status"}) {
    if (!body.contains(field) || !body[field].is_string()) {
      return ErrorReply(422, "invalid",
                        std::string(field) + ": expected a string", field);
    }
  }
  engine::Decision decision;
  decision.profile_id = body["jobseeker"];
  decision.offer_id = body["offer"];
  decision.status = body["status"];
  if (body.contains("reason")) {
    if (!body["reason"].is_string() || body["reason"].get<std::string>().size() > 2000) {
      return ErrorReply(422, "invalid", "reason: a string of at most 2000 bytes",
                        "reason");
    }
    decision.reason = body["reason"];
  }
  if (!engine::IsDecisionStatus(decision.status)) {
    return ErrorReply(422, "invalid",
                      "status: expected proposed, presented, accepted or refused",
                      "status");
  }
  if (auto out = InScope(call, AgencyRecord::kProfile, decision.profile_id)) return *out;
  if (auto out = InScope(call, AgencyRecord::kOffer, decision.offer_id)) return *out;
  decision.counsellor = call.account->login;
  Result<int64_t> id = call.store->RecordDecision(decision);
  if (!id.ok()) return StoreFailure(id.status());
  SKILLMATCH_RETURN_IF_ERROR_REPLY(
      Audit(call, "decision.create", decision.profile_id));
  Reply reply;
  reply.status = 201;
  reply.body = {{"id", *id}};
  return reply;
}

// ---------------------------------------------------------------- Review

Reply ReviewList(const Services&, Call& call) {
  int limit = 50;
  if (auto bad = IntParam(call, "limit", 50, kMaxList, &limit)) return *bad;
  Result<std::vector<engine::ReviewItem>> items =
      call.store->ListOffersToReview("", 0);
  if (!items.ok()) return StoreFailure(items.status());
  ordered_json out = ordered_json::array();
  for (const engine::ReviewItem& item : *items) {
    if (static_cast<int>(out.size()) >= limit) break;
    Result<std::string> agency = call.store->GetAgency(AgencyRecord::kOffer, item.offer_id);
    if (!agency.ok()) return StoreFailure(agency.status());
    if (!InAgencies(call, *agency)) continue;
    ordered_json line = {{"offer", item.offer_id},
                         {"source", item.source},
                         {"title", item.title},
                         {"employer", item.employer},
                         {"suggested", item.suggested}};
    if (item.confidence) line["confidence"] = *item.confidence;
    out.push_back(line);
  }
  Reply reply;
  reply.body = {{"items", out}};
  return reply;
}

Reply ReviewSet(const Services& s, Call& call) {
  const std::string& id = call.params[0];
  std::string agency;
  if (auto out = InScope(call, AgencyRecord::kOffer, id, &agency)) return *out;
  nlohmann::json body;
  if (auto bad = ParseBody(call, &body)) return *bad;
  if (!body.contains("code") || !body["code"].is_string() ||
      !ValidId(body["code"].get<std::string>())) {
    return ErrorReply(422, "invalid", "code: expected an occupation code",
                      "code");
  }
  Status set = call.store->SetOfferCode(id, body["code"], call.account->login);
  if (!set.ok()) {
    if (set.code() == StatusCode::kNotFound || set.code() == StatusCode::kDataError) {
      return ErrorReply(422, "invalid", "code: not an occupation of the taxonomy",
                        "code");
    }
    return StoreFailure(set);
  }
  s.offer_indexes->Invalidate(agency);
  SKILLMATCH_RETURN_IF_ERROR_REPLY(Audit(call, "offer.review", id));
  Reply reply;
  reply.body = {{"offer", id}, {"code", body["code"]}};
  return reply;
}

// ---------------------------------------------------------------- Taxonomy

Reply CodeText(const Services& s, const std::string& text, int top) {
  if (text.empty() || text.size() > 500) {
    return ErrorReply(422, "invalid", "q: 1 to 500 bytes of text", "q");
  }
  classification::CodingResult result = s.coder->Code(text, top);
  ordered_json out = ordered_json::array();
  const std::string& lang = s.taxonomy->main_language();
  for (const auto& candidate : result.candidates) {
    out.push_back({{"code", s.coder->TargetCode(candidate.target)},
                   {"label", s.taxonomy->NodeLabel(candidate.target, lang)},
                   {"score", candidate.score},
                   {"confidence", candidate.confidence}});
  }
  Reply reply;
  reply.body = {{"occupations", out}};
  return reply;
}

Reply SearchOccupations(const Services& s, Call& call) {
  int top = 10;
  if (auto bad = IntParam(call, "top", 10, kMaxTop, &top)) return *bad;
  return CodeText(s, call.req->get_param_value("q"), top);
}

Reply CodeTitle(const Services& s, Call& call) {
  nlohmann::json body;
  if (auto bad = ParseBody(call, &body)) return *bad;
  if (!body.contains("title") || !body["title"].is_string()) {
    return ErrorReply(422, "invalid", "title: expected a string", "title");
  }
  int top = 5;
  if (body.contains("top")) {
    if (!body["top"].is_number_integer() || body["top"].get<int64_t>() < 1 ||
        body["top"].get<int64_t>() > kMaxTop) {
      return ErrorReply(422, "invalid", "top: an integer from 1 to 100", "top");
    }
    top = body["top"].get<int>();
  }
  Reply reply = CodeText(s, body["title"], top);
  if (reply.status == 422) reply.body["error"]["field"] = "title";
  return reply;
}

Reply SimilarOccupations(const Services& s, Call& call) {
  const std::string& code = call.params[0];
  int top = 10;
  if (auto bad = IntParam(call, "top", 10, kMaxTop, &top)) return *bad;
  classification::NodeIndex node =
      ValidId(code) ? s.taxonomy->FindNode(code) : classification::kNoNode;
  if (node == classification::kNoNode || !s.taxonomy->IsOccupation(node)) {
    return NotFound("occupation");
  }
  const std::string& lang = s.taxonomy->main_language();
  ordered_json out = ordered_json::array();
  for (const auto& [other, value] : s.scorer->SimilarOccupations(node, top, false)) {
    out.push_back({{"code", s.taxonomy->node(other).code},
                   {"label", s.taxonomy->NodeLabel(other, lang)},
                   {"proximity", value},
                   {"reason", engine::ToString(s.scorer->ProximityWhy(node, other))}});
  }
  Reply reply;
  reply.body = {{"code", code}, {"similar", out}};
  return reply;
}

// ---------------------------------------------------------------- Others

Reply ReadAudit(const Services&, Call& call) {
  int limit = 100;
  if (auto bad = IntParam(call, "limit", 100, 1000, &limit)) return *bad;
  int64_t after = 0;
  if (call.req->has_param("after")) {
    const std::string text = call.req->get_param_value("after");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), after);
    if (ec != std::errc() || end != text.data() + text.size() || after < 0) {
      return ErrorReply(400, "bad_parameter", "after: expected an entry id",
                        "after");
    }
  }
  Result<std::vector<engine::AuditEntry>> entries = call.store->ListAudit(after, limit);
  if (!entries.ok()) return StoreFailure(entries.status());
  ordered_json out = ordered_json::array();
  for (const engine::AuditEntry& e : *entries) {
    out.push_back({{"id", e.id},
                   {"at", e.at},
                   {"actor", e.actor},
                   {"action", e.action},
                   {"record", e.record},
                   {"address", e.address},
                   {"hash", e.hash}});
  }
  SKILLMATCH_RETURN_IF_ERROR_REPLY(Audit(call, "audit.read", ""));
  Reply reply;
  reply.body = {{"entries", out}};
  return reply;
}

// Counts per agency; counts below 5 are suppressed (shown as null), so that
// a small agency's figure cannot single out a person.
Reply Statistics(const Services&, Call& call) {
  Reply reply;
  for (auto [kind, name] : {std::pair{AgencyRecord::kProfile, "jobseekers"},
                            std::pair{AgencyRecord::kOffer, "offers"}}) {
    Result<std::vector<engine::TableCount>> counts = call.store->CountByAgency(kind);
    if (!counts.ok()) return StoreFailure(counts.status());
    ordered_json out = ordered_json::array();
    for (const engine::TableCount& count : *counts) {
      ordered_json line = {{"agency", count.table}};
      line["count"] = count.rows < 5 ? ordered_json(nullptr) : ordered_json(count.rows);
      out.push_back(line);
    }
    reply.body[name] = out;
  }
  return reply;
}

Reply ListUsers(const Services&, Call& call) {
  Result<std::vector<engine::Account>> accounts = call.store->ListAccounts();
  if (!accounts.ok()) return StoreFailure(accounts.status());
  ordered_json out = ordered_json::array();
  for (const engine::Account& account : *accounts) {
    ordered_json line = AccountJson(account);
    line["disabled"] = account.disabled;
    out.push_back(line);
  }
  Reply reply;
  reply.body = {{"accounts", out}};
  return reply;
}

// Liveness for a monitor or a proxy, and the benchmark's baseline: no store
// read, nothing personal.
Reply Health(const Services&, Call&) {
  Reply reply;
  reply.body = {{"status", "ok"}};
  return reply;
}

}  // namespace

Reply ErrorReply(int status, std::string code, std::string message,
                 std::string field) {
  Reply reply;
  reply.status = status;
  reply.body = {{"error",
                 {{"code", std::move(code)},
                  {"message", std::move(message)},
                  {"field", field.empty() ? ordered_json(nullptr)
                                          : ordered_json(std::move(field))}}}};
  return reply;
}

namespace {

// Group commit of the audit trail. Every view is audited, so under load many
// requests append at once. Each append is a commit with an fsync (about
// 5 ms); one at a time, they queued (and, left to SQLite, the losers of the
// write lock slept in its busy handler's steps of up to 100 ms). Here the
// first request to arrive becomes the writer: it appends every entry waiting
// and commits them in one transaction, while the others wait for the
// outcome of the batch holding theirs; then the next waiting request writes
// the entries that came meanwhile. Each request still returns only after its
// entry is durable, or fails with the batch. Writers of other processes (the
// CLI) still meet SQLite's busy handler.
struct AuditBatch {
  struct Pending {
    engine::AuditEntry entry;
    Status* status;
    bool* finished;
  };
  std::mutex mutex;
  std::condition_variable done;
  bool writing = false;
  std::vector<Pending> pending;
};

AuditBatch& Batch() {
  static AuditBatch batch;
  return batch;
}

}  // namespace

Status Audit(Call& call, const std::string& action, const std::string& record) {
  engine::AuditEntry entry;
  entry.at = IsoTime(call.now);
  entry.actor = call.account ? std::to_string(call.account->id) : "-";
  entry.action = action;
  entry.record = record;
  entry.address = call.address;
  AuditBatch& batch = Batch();
  Status status;
  bool finished = false;
  std::unique_lock lock(batch.mutex);
  batch.pending.push_back({std::move(entry), &status, &finished});
  while (!finished) {
    if (batch.writing) {
      batch.done.wait(lock);
      continue;
    }
    batch.writing = true;
    std::vector<AuditBatch::Pending> mine;
    mine.swap(batch.pending);
    lock.unlock();
    const Status written = call.store->InTransaction([&]() -> Status {
      for (const AuditBatch::Pending& item : mine) {
        Result<engine::AuditEntry> appended = call.store->AppendAudit(item.entry, AuditHash);
        if (!appended.ok()) return appended.status();
      }
      return Status::Ok();
    });
    lock.lock();
    for (const AuditBatch::Pending& item : mine) {
      *item.status = written;
      *item.finished = true;
    }
    batch.writing = false;
    batch.done.notify_all();
  }
  return status;
}

const std::vector<Route>& Routes() {
  using C = Capability;
  static const std::vector<Route> routes = {
      {"POST", "/api/v1/session", C::kPublic, Login, false},
      // The last field: open to an account whose password is temporary.
      {"GET", "/api/v1/session", C::kSignedIn, WhoAmI, false, true},
      {"DELETE", "/api/v1/session", C::kSignedIn, Logout, false, true},
      {"PUT", "/api/v1/session/password", C::kSignedIn, ChangePassword, false, true},
      {"GET", "/api/v1/jobseekers", C::kJobseekerRead, ListRecords<engine::Profile>, true},
      {"POST", "/api/v1/jobseekers", C::kJobseekerWrite, Create<engine::Profile>, true},
      {"GET", "/api/v1/jobseekers/{id}", C::kJobseekerRead, GetOne<engine::Profile>, true},
      {"PUT", "/api/v1/jobseekers/{id}", C::kJobseekerWrite, Update<engine::Profile>, true},
      {"GET", "/api/v1/jobseekers/{id}/offers", C::kMatchJobseeker, OffersForJobseeker, true},
      {"GET", "/api/v1/jobseekers/{id}/mobility", C::kMatchJobseeker, MobilityAssessment, true},
      {"GET", "/api/v1/offers", C::kOfferRead, ListRecords<engine::Offer>, false},
      {"POST", "/api/v1/offers", C::kOfferWrite, Create<engine::Offer>, false},
      {"GET", "/api/v1/offers/{id}", C::kOfferRead, GetOne<engine::Offer>, false},
      {"PUT", "/api/v1/offers/{id}", C::kOfferWrite, Update<engine::Offer>, false},
      {"GET", "/api/v1/offers/{id}/candidates", C::kShortlist, CandidatesForOffer, true},
      {"POST", "/api/v1/decisions", C::kDecide, Decide, true},
      {"GET", "/api/v1/review", C::kReview, ReviewList, false},
      {"POST", "/api/v1/review/{offer}", C::kReview, ReviewSet, false},
      {"GET", "/api/v1/occupations/search", C::kTaxonomy, SearchOccupations, false},
      {"GET", "/api/v1/occupations/{code}/similar", C::kTaxonomy, SimilarOccupations, false},
      {"POST", "/api/v1/code", C::kTaxonomy, CodeTitle, false},
      {"GET", "/api/v1/audit", C::kAudit, ReadAudit, false},
      {"GET", "/api/v1/stats", C::kStatistics, Statistics, false},
      {"GET", "/api/v1/users", C::kAccounts, ListUsers, false},
      {"GET", "/healthz", C::kPublic, Health, false},
      // followup.cc: a counsellor's notes and next actions.
      {"GET", "/api/v1/jobseekers/{id}/notes", C::kJobseekerRead, ListJobseekerNotes, true},
      {"POST", "/api/v1/jobseekers/{id}/notes", C::kJobseekerWrite, AddJobseekerNote, true},
  };
  return routes;
}

}  // namespace skillmatch::server
