#include "roles.h"

namespace skillmatch::server {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kSupervisor: return "supervisor";
    case Role::kCounsellor: return "counsellor";
    case Role::kEmployerRelations: return "employer_relations";
    case Role::kStatistician: return "statistician";
    case Role::kAuditor: return "auditor";
  }
  return "?";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (Role role : kAllRoles) {
    if (ToString(role) == text) return role;
  }
  return std::nullopt;
}

std::string_view ToString(Capability capability) {
  switch (capability) {
    case Capability::kPublic: return "public";
    case Capability::kSignedIn: return "signed-in";
    case Capability::kTaxonomy: return "taxonomy";
    case Capability::kJobseekerRead: return "jobseeker-read";
    case Capability::kJobseekerWrite: return "jobseeker-write";
    case Capability::kOfferRead: return "offer-read";
    case Capability::kOfferWrite: return "offer-write";
    case Capability::kMatchJobseeker: return "match-jobseeker";
    case Capability::kShortlist: return "shortlist";
    case Capability::kDecide: return "decide";
    case Capability::kReview: return "review";
    case Capability::kStatistics: return "statistics";
    case Capability::kAudit: return "audit";
    case Capability::kAccounts: return "accounts";
    case Capability::kAssign: return "assign";
  }
  return "?";
}

bool RoleCan(Role role, Capability capability) {
  using C = Capability;
  switch (capability) {
    case C::kPublic:
    case C::kSignedIn:
    case C::kTaxonomy:
      return true;
    case C::kJobseekerRead:
    case C::kJobseekerWrite:
    case C::kMatchJobseeker:
    case C::kDecide:
      return role == Role::kSupervisor || role == Role::kCounsellor;
    case C::kOfferRead:
    case C::kOfferWrite:
    case C::kShortlist:
      return role == Role::kSupervisor || role == Role::kCounsellor ||
             role == Role::kEmployerRelations;
    case C::kReview:
      return role == Role::kSupervisor;
    case C::kStatistics:
      return role == Role::kStatistician;
    case C::kAudit:
      return role == Role::kAuditor;
    case C::kAccounts:
      return role == Role::kAdmin;
    case C::kAssign:
      return role == Role::kSupervisor;
  }
  return false;
}

}  // namespace skillmatch::server
