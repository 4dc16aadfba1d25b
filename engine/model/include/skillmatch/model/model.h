// Jobseeker profiles and job offers: the records the engine matches.
//
// Plain structs, copied and moved freely; the JSON codec (model_json.h)
// reads and writes them. Codes are those of a taxonomy bundle: occupation
// codes (e.g. "M1805") and skill ids (e.g. "T0005"). Optional numbers use
// std::optional: "no data" is never a silent zero (the scoring treats a
// missing value as neutral and says so in the explanation).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillmatch::engine {

// Proficiency in a skill: 1 = notions, 2 = practical, 3 = autonomous,
// 4 = expert.
inline constexpr int kMinSkillLevel = 1;
inline constexpr int kMaxSkillLevel = 4;

struct SkillClaim {
  std::string skill_id;
  int level = 2;           // kMinSkillLevel..kMaxSkillLevel
  bool validated = false;  // checked by a counsellor, a test or a diploma
  bool operator==(const SkillClaim&) const = default;
};

// A language and a level on the CEFR scale: 1 = A1 ... 6 = C2. Codes are
// ISO 639-1 where one exists ("fr", "en", "wo", "ee", "yo", "ff", "bm"),
// else ISO 639-3 ("fon", "dyu").
struct LanguageLevel {
  std::string code;
  int level = 3;  // 1..6
  bool operator==(const LanguageLevel&) const = default;
};

struct Location {
  std::string country;  // ISO 3166-1 alpha-2, "SN", "CM", "FR"
  std::string region;   // free text as the PES writes it ("Dakar", "Littoral")
  std::string city;
  std::optional<double> lat;  // degrees, WGS84; both or neither
  std::optional<double> lon;
  bool operator==(const Location&) const = default;
};

// Where a jobseeker is willing to work.
struct MobilityPreference {
  std::optional<double> radius_km;  // around the home location
  bool national = false;            // anywhere in the home country
  // Economic communities whose member states are acceptable, by canonical
  // code: "ECOWAS" (CEDEAO), "WAEMU" (UEMOA), "CEMAC", "ECCAS" (CEEAC); the
  // JSON codec accepts the French acronyms and stores the code
  // (geography.h). Membership is judged on the scoring day.
  std::vector<std::string> communities;
  bool international = false;          // abroad, see countries
  std::vector<std::string> countries;  // ISO 3166-1 alpha-2; empty = any
  bool operator==(const MobilityPreference&) const = default;
};

enum class ContractType {
  kPermanent,       // CDI
  kFixedTerm,       // CDD
  kTemporary,       // intérim, mission
  kSeasonal,
  kApprenticeship,
  kInternship,      // stage
  kFreelance,       // prestation, consultance
  kDaily,           // journalier, tâcheron
};

struct PastOccupation {
  std::string code;
  double years = 0;
  bool operator==(const PastOccupation&) const = default;
};

// Stored for the fairness audit only; never read by the scoring (tested).
struct ProtectedAttributes {
  std::string gender;    // "f", "m", "x" or empty
  std::string age_band;  // "15-24", "25-34", "35-44", "45-54", "55+" or empty
  std::optional<bool> disability;
  std::optional<bool> rural;
  bool operator==(const ProtectedAttributes&) const = default;
};

// The closed sets of the records' time fields (issue 16), as written in JSON.
// Why an offer closed (Offer::closing_reason).
inline constexpr std::string_view kClosingFilled = "filled";        // a hire
inline constexpr std::string_view kClosingWithdrawn = "withdrawn";  // employer
inline constexpr std::string_view kClosingExpired = "expired";  // no hire known
inline constexpr std::string_view kClosingCancelled = "cancelled";  // by the PES
// Why a jobseeker left the register (Profile::exit_reason).
inline constexpr std::string_view kExitEmployment = "employment";
inline constexpr std::string_view kExitTraining = "training";
inline constexpr std::string_view kExitSelfEmployment = "self_employment";
inline constexpr std::string_view kExitOther = "other";
inline constexpr std::string_view kExitUnknown = "unknown";

struct Profile {
  std::string id;
  std::vector<std::string> target_occupations;  // codes, most wanted first
  std::vector<PastOccupation> past_occupations;
  std::vector<SkillClaim> skills;       // technical know-how and knowledge
  std::vector<SkillClaim> soft_skills;  // savoir-être
  std::vector<LanguageLevel> languages;
  std::optional<int> education_level;  // ISCED 2011 level 0..8
  std::string education_field;         // free text or a training-field code
  std::optional<double> experience_years;
  Location location;
  MobilityPreference mobility;
  // Categories in canonical form, "A", "B", "C1"... (licence.h).
  std::vector<std::string> driving_licences;
  std::optional<std::string> available_from;  // YYYY-MM-DD, a Date's text
  std::vector<ContractType> wanted_contracts;  // empty = any
  ProtectedAttributes protected_attributes;
  // The registration at the PES (dates YYYY-MM-DD, as `available_from`):
  // registered, then exited (not before registered) with exit_reason, one of
  // the kExit* names; a reason needs an exit date, an exit date without a
  // reason counts as "unknown" in the statistics.
  std::optional<std::string> registered;
  std::optional<std::string> exited;
  std::string exit_reason;
  bool operator==(const Profile&) const = default;
};

struct RequiredSkill {
  std::string skill_id;
  bool essential = true;  // false = optional (a plus)
  int min_level = 0;      // 0 = any level
  bool operator==(const RequiredSkill&) const = default;
};

struct Offer {
  std::string id;          // unique in the store
  std::string source;      // where it came from: "anpe-bj", "eures", ...
  std::string source_ref;  // the source's own reference
  std::string employer;
  std::string title;
  std::string description;
  std::string occupation;  // code in the taxonomy
  std::optional<float> coding_confidence;  // when the coder chose the code
  bool needs_review = false;               // the code awaits a person
  std::vector<RequiredSkill> skills;       // technical and knowledge
  std::vector<RequiredSkill> soft_skills;
  std::vector<LanguageLevel> languages;  // required, with minimum level
  std::optional<int> min_education;      // ISCED level
  std::optional<double> min_experience_years;
  Location location;
  bool international = false;  // the job is abroad for the PES's jobseekers
  std::optional<ContractType> contract;
  int positions = 1;
  std::optional<double> salary_min;  // per month, in salary_currency
  std::optional<double> salary_max;
  std::string salary_currency;  // ISO 4217: "XOF", "XAF", "EUR"
  // Dates as text YYYY-MM-DD (Date::ToString): the codec and the import
  // accept only real days, so the text compares as the day does.
  std::optional<std::string> published;
  std::optional<std::string> expires;
  std::vector<std::string> licences_required;  // canonical, as licence.h
  // When and why the offer closed: `closed` (not before `published`) and
  // `closing_reason` (one of the kClosing* names) come together; `hired`,
  // the id of the jobseeker hired, only for an offer closed as filled.
  std::optional<std::string> closed;
  std::string closing_reason;
  std::string hired;
  bool operator==(const Offer&) const = default;
};

}  // namespace skillmatch::engine
