// A counsellor's decision on proposing an offer to a jobseeker: the record
// the store keeps (table decisions) and the evaluation reads as judgements.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace skillmatch::engine {

// The values of Decision::status (a CHECK constraint of the schema), the
// stages of a shortlist: proposed to the jobseeker, presented to the
// employer (store schema 7), then accepted (retained) or refused. A later
// decision on the same pair moves it on; the last one is its stage.
inline constexpr std::string_view kDecisionProposed = "proposed";
inline constexpr std::string_view kDecisionPresented = "presented";
inline constexpr std::string_view kDecisionAccepted = "accepted";
inline constexpr std::string_view kDecisionRefused = "refused";

// Whether `status` is one of the four (the API, the pages, the CLI check
// it before the store's CHECK does, to answer in their own words).
inline bool IsDecisionStatus(std::string_view status) {
  return status == kDecisionProposed || status == kDecisionPresented ||
         status == kDecisionAccepted || status == kDecisionRefused;
}

// A counsellor's decision on proposing an offer to a jobseeker.
struct Decision {
  int64_t id = 0;          // given by the store; ignored by RecordDecision
  std::string profile_id;  // must be a stored profile
  std::string offer_id;    // must be a stored offer
  std::string status;      // kDecisionProposed, ...Presented, ...Accepted or ...Refused
  std::string reason;      // free text, may be empty
  std::string counsellor;  // who decided, may be empty
  // UTC, "YYYY-MM-DDTHH:MM:SSZ". Empty in RecordDecision: now.
  std::string decided_at;
  bool operator==(const Decision&) const = default;
};

}  // namespace skillmatch::engine
