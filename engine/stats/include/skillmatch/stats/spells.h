// The records labour-market statistics are computed from: spells.
//
// An offer spell runs from the day an offer is published to the day it is
// closed; a jobseeker spell from registration to exit. Both carry the codes of
// every level they are counted at (occupation, area, domain; region, country)
// so that the statistics need no taxonomy: the store fills them once (the
// occupation's area and domain come from the taxonomy). Days are days since
// 1970-01-01 (calendar.h).
//
// Day conventions, used by every indicator (engine/stats/README.md):
// a spell is open on every day d with start_day <= d < end_day: an offer
// closed (a jobseeker who exits) on day c is no longer counted in the stock at
// the end of day c. A spell with no end day is open until further notice.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/stats/calendar.h"

namespace skillmatch::engine::stats {

enum class CloseReason {
  kFilled = 0,  // the employer hired for it (through the PES or not)
  kWithdrawn,   // the employer withdrew it
  kExpired,     // its publication ended without a hire being reported
  kCancelled,   // cancelled by the PES (duplicate, non-compliant offer)
};
inline constexpr int kCloseReasonCount = 4;
std::string_view CloseReasonName(CloseReason reason);  // "filled", ...

enum class ExitReason {
  // The exit reasons of the model's profiles (model.h kExit*), in that order.
  kEmployment = 0,   // left the register for a job as an employee
  kTraining,         // entered a training course
  kSelfEmployment,   // set up on their own (counted as employment in the
                     // outflow rate, as France Travail's exits to work are)
  kOther,            // stopped seeking, struck off, moved away, ...
  kUnknown,          // left without a reason being recorded
};
inline constexpr int kExitReasonCount = 5;
// "employment", "training", "self_employment", "other", "unknown".
std::string_view ExitReasonName(ExitReason reason);
// Whether an exit of this reason is an exit to work (the outflow rate's
// numerator): employment and self-employment.
inline bool IsExitToWork(ExitReason reason) {
  return reason == ExitReason::kEmployment ||
         reason == ExitReason::kSelfEmployment;
}

struct OfferSpell {
  std::string offer_id;
  std::string occupation;  // occupation code (ROAME/ROME), e.g. "F1703"
  std::string area;        // its professional area, e.g. "F17"
  std::string domain;      // its domain, e.g. "F"
  std::string region;      // region code, e.g. "SN-DK"
  std::string country;     // ISO 3166-1 alpha-2, e.g. "SN"
  int published_day = 0;
  std::optional<int> closed_day;  // none: still open
  // Why it closed; read only when closed_day is set.
  CloseReason reason = CloseReason::kFilled;
  std::vector<std::string> skills;  // skill codes asked for
  std::string source;  // who published it: the PES's own name or a job board
};

struct JobseekerSpell {
  std::string jobseeker_id;
  std::string occupation;  // the target occupation of the spell
  std::string area;
  std::string domain;
  std::string region;
  std::string country;
  int registered_day = 0;
  std::optional<int> exit_day;  // none: still registered
  // Why the jobseeker left; read only when exit_day is set.
  ExitReason exit_reason = ExitReason::kUnknown;
  std::vector<std::string> skills;  // skill codes held
  std::string source;               // the register (the PES), or a partner's
};

// Checks what every computation relies on: an end day not before the start
// day. DataError "offer O12: closed on 2025-01-03 before its publication on
// 2025-01-05" (jobseekers: "jobseeker J3: exit on ... before its registration
// on ..."); the first bad record is reported.
Status CheckSpells(std::span<const OfferSpell> offers,
                   std::span<const JobseekerSpell> jobseekers);

// The levels a cell groups records at.
enum class OccupationLevel { kOccupation, kArea, kDomain, kAll };
enum class GeographyLevel { kRegion, kCountry, kAll };
// The code of `spell` at `level`; kAll gives "*".
const std::string& OccupationCode(const OfferSpell& spell,
                                  OccupationLevel level);
const std::string& OccupationCode(const JobseekerSpell& spell,
                                  OccupationLevel level);
const std::string& GeographyCode(const OfferSpell& spell, GeographyLevel level);
const std::string& GeographyCode(const JobseekerSpell& spell,
                                 GeographyLevel level);
// "occupation", "area", "domain", "all"; "region", "country", "all".
std::string_view OccupationLevelName(OccupationLevel level);
std::string_view GeographyLevelName(GeographyLevel level);

// What a figure was computed from: every output of this library carries one.
struct Provenance {
  int first_day = 0;  // the observation window, inclusive
  int last_day = 0;
  std::vector<std::string> offer_sources;      // distinct, sorted
  std::vector<std::string> jobseeker_sources;  // distinct, sorted
  int64_t offers_counted = 0;      // spells that passed the source filter
  int64_t jobseekers_counted = 0;  // and overlap the window
};

// Whether a figure rests on enough records to be read (engine/stats/README.md,
// "Quality flags"). A figure flagged is published, with the flag beside it.
enum class Quality {
  kReliable,    // enough records
  kFewRecords,  // fewer than QualityOptions::min_records records
  kFewEvents,   // a duration from under QualityOptions::min_events fillings
};
// "reliable", "few-records", "few-events".
std::string_view QualityName(Quality quality);

struct QualityOptions {
  // A count, or the denominator of a rate, below this is flagged kFewRecords.
  // 20 records: a share of 50 % then has a binomial standard error of 11
  // points, beyond which a cell is not worth reading on its own.
  int64_t min_records = 20;
  // A Kaplan-Meier median from fewer fillings than this is flagged kFewEvents:
  // with under 10 events the median jumps by whole steps of the curve.
  int64_t min_events = 10;
};

}  // namespace skillmatch::engine::stats
