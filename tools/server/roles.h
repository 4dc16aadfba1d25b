// Roles and capabilities of the server. A route names the capability it
// needs (routes.h); a role is a fixed set of capabilities. Agencies scope
// records on top of this: a role that may read jobseekers reads those of its
// own agency only (see api.cc, "Agency scope").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillmatch::server {

enum class Role {
  kAdmin,              // accounts, settings; no personal records
  kSupervisor,         // every record of its agency, the review queue
  kCounsellor,         // jobseekers and offers of its agency, matching, decisions
  kEmployerRelations,  // offers and candidate shortlists of its agency
  kStatistician,       // aggregates only: 403 on every route naming a person
  kAuditor,            // reads the audit trail
};

inline constexpr Role kAllRoles[] = {
    Role::kAdmin,        Role::kSupervisor,   Role::kCounsellor,
    Role::kEmployerRelations, Role::kStatistician, Role::kAuditor};

enum class Capability {
  kPublic,          // no account needed (login)
  kSignedIn,        // any account (logout, own session)
  kTaxonomy,        // occupation search, similar occupations, coding a title
  kJobseekerRead,   // names a person
  kJobseekerWrite,  // names a person
  kOfferRead,
  kOfferWrite,
  kMatchJobseeker,  // best offers for a jobseeker (names a person)
  kShortlist,       // best jobseekers for an offer (names persons)
  kDecide,          // record a placement decision (names a person)
  kReview,          // the occupation review queue of offers
  kStatistics,      // aggregate counts
  kAudit,           // the audit trail
  kAccounts,        // the list of accounts
  kAssign,          // (re)assign a jobseeker to a counsellor (names a person)
};

// Every capability, in the order above (the administration's "Rôles" page
// walks it with kAllRoles and RoleCan).
inline constexpr Capability kAllCapabilities[] = {
    Capability::kPublic,         Capability::kSignedIn,      Capability::kTaxonomy,
    Capability::kJobseekerRead,  Capability::kJobseekerWrite, Capability::kOfferRead,
    Capability::kOfferWrite,     Capability::kMatchJobseeker, Capability::kShortlist,
    Capability::kDecide,         Capability::kReview,        Capability::kStatistics,
    Capability::kAudit,          Capability::kAccounts};

std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view text);
std::string_view ToString(Capability capability);

// Whether `role` has `capability` (kPublic and kSignedIn: every role).
bool RoleCan(Role role, Capability capability);

// Roles that read personal records and so must belong to an agency, whose
// records alone they see.
inline bool NeedsAgency(Role role) {
  return role == Role::kSupervisor || role == Role::kCounsellor ||
         role == Role::kEmployerRelations;
}

}  // namespace skillmatch::server
