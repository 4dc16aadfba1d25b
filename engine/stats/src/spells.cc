#include "skillmatch/stats/spells.h"

namespace skillmatch::engine::stats {

namespace {
const std::string kAllCode = "*";
}  // namespace

std::string_view CloseReasonName(CloseReason reason) {
  switch (reason) {
    case CloseReason::kFilled:
      return "filled";
    case CloseReason::kWithdrawn:
      return "withdrawn";
    case CloseReason::kExpired:
      return "expired";
    case CloseReason::kCancelled:
      return "cancelled";
  }
  return "";
}

std::string_view ExitReasonName(ExitReason reason) {
  switch (reason) {
    case ExitReason::kEmployment:
      return "employment";
    case ExitReason::kTraining:
      return "training";
    case ExitReason::kSelfEmployment:
      return "self_employment";
    case ExitReason::kOther:
      return "other";
    case ExitReason::kUnknown:
      return "unknown";
  }
  return "";
}

Status CheckSpells(std::span<const OfferSpell> offers,
                   std::span<const JobseekerSpell> jobseekers) {
  for (const OfferSpell& offer : offers) {
    if (offer.closed_day && *offer.closed_day < offer.published_day) {
      return Status::DataError("offer " + offer.offer_id + ": closed on " +
                               FormatDay(*offer.closed_day) +
                               " before its publication on " +
                               FormatDay(offer.published_day));
    }
  }
  for (const JobseekerSpell& jobseeker : jobseekers) {
    if (jobseeker.exit_day && *jobseeker.exit_day < jobseeker.registered_day) {
      return Status::DataError("jobseeker " + jobseeker.jobseeker_id +
                               ": exit on " + FormatDay(*jobseeker.exit_day) +
                               " before its registration on " +
                               FormatDay(jobseeker.registered_day));
    }
  }
  return Status::Ok();
}

namespace {

template <typename Spell>
const std::string& OccupationOf(const Spell& spell, OccupationLevel level) {
  switch (level) {
    case OccupationLevel::kOccupation:
      return spell.occupation;
    case OccupationLevel::kArea:
      return spell.area;
    case OccupationLevel::kDomain:
      return spell.domain;
    case OccupationLevel::kAll:
      break;
  }
  return kAllCode;
}

template <typename Spell>
const std::string& GeographyOf(const Spell& spell, GeographyLevel level) {
  switch (level) {
    case GeographyLevel::kRegion:
      return spell.region;
    case GeographyLevel::kCountry:
      return spell.country;
    case GeographyLevel::kAll:
      break;
  }
  return kAllCode;
}

}  // namespace

const std::string& OccupationCode(const OfferSpell& spell,
                                  OccupationLevel level) {
  return OccupationOf(spell, level);
}
const std::string& OccupationCode(const JobseekerSpell& spell,
                                  OccupationLevel level) {
  return OccupationOf(spell, level);
}
const std::string& GeographyCode(const OfferSpell& spell,
                                 GeographyLevel level) {
  return GeographyOf(spell, level);
}
const std::string& GeographyCode(const JobseekerSpell& spell,
                                 GeographyLevel level) {
  return GeographyOf(spell, level);
}

std::string_view OccupationLevelName(OccupationLevel level) {
  switch (level) {
    case OccupationLevel::kOccupation:
      return "occupation";
    case OccupationLevel::kArea:
      return "area";
    case OccupationLevel::kDomain:
      return "domain";
    case OccupationLevel::kAll:
      return "all";
  }
  return "";
}

std::string_view GeographyLevelName(GeographyLevel level) {
  switch (level) {
    case GeographyLevel::kRegion:
      return "region";
    case GeographyLevel::kCountry:
      return "country";
    case GeographyLevel::kAll:
      return "all";
  }
  return "";
}

std::string_view QualityName(Quality quality) {
  switch (quality) {
    case Quality::kReliable:
      return "reliable";
    case Quality::kFewRecords:
      return "few-records";
    case Quality::kFewEvents:
      return "few-events";
  }
  return "";
}

}  // namespace skillmatch::engine::stats
