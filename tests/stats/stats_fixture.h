// Spells shared by the stats tests: small, hand-made, with the figures worked
// out in the tests that use them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "skillmatch/stats/spells.h"

namespace skillmatch::engine::stats::testing {

inline int Day(const std::string& text) { return ParseDay(text).value(); }
inline int Month(const std::string& text) { return ParseMonth(text).value(); }

inline OfferSpell Offer(std::string id, std::string occupation,
                        std::string region, std::string published,
                        std::optional<std::string> closed = std::nullopt,
                        CloseReason reason = CloseReason::kFilled,
                        std::vector<std::string> skills = {},
                        std::string source = "anpe") {
  OfferSpell offer;
  offer.offer_id = std::move(id);
  offer.area = occupation.substr(0, 3);
  offer.domain = occupation.substr(0, 1);
  offer.occupation = std::move(occupation);
  offer.country = region.substr(0, 2);
  offer.region = std::move(region);
  offer.published_day = Day(published);
  if (closed) offer.closed_day = Day(*closed);
  offer.reason = reason;
  offer.skills = std::move(skills);
  offer.source = std::move(source);
  return offer;
}

inline JobseekerSpell Jobseeker(std::string id, std::string occupation,
                                std::string region, std::string registered,
                                std::optional<std::string> exit = std::nullopt,
                                ExitReason reason = ExitReason::kEmployment,
                                std::vector<std::string> skills = {}) {
  JobseekerSpell jobseeker;
  jobseeker.jobseeker_id = std::move(id);
  jobseeker.area = occupation.substr(0, 3);
  jobseeker.domain = occupation.substr(0, 1);
  jobseeker.occupation = std::move(occupation);
  jobseeker.country = region.substr(0, 2);
  jobseeker.region = std::move(region);
  jobseeker.registered_day = Day(registered);
  if (exit) jobseeker.exit_day = Day(*exit);
  jobseeker.exit_reason = reason;
  jobseeker.skills = std::move(skills);
  jobseeker.source = "anpe";
  return jobseeker;
}

}  // namespace skillmatch::engine::stats::testing
