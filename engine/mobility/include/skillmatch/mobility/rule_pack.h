// The migration rule pack: which occupations a legal route opens, toward
// which destination, for which nationality, with its sources and dates.
//
// A pack is a folder (format in engine/mobility/README.md, "Rule pack"):
//   pack.json         format "skillmatch-rules/1", name, version, built_on,
//                     built_from, taxonomy, and the published lists known to
//                     be missing ("gaps")
//   rules.csv         one rule per published list entry
//   destinations.csv  one row per destination: language and level expected
//   review.csv        mappings of published labels a person must confirm
// It is data, loaded from a path at run time (a default ships in
// data/migration/pack), so a PES replaces it without a new release.
//
// Errors name the file, the line and the field:
//   rules.csv:12: destination: expected an ISO 3166-1 alpha-2 code, got 'France'
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"

namespace skillmatch::mobility {

inline constexpr const char* kRulePackFormat = "skillmatch-rules/1";

// Values of Rule::route.
inline constexpr const char* kRouteAgreement = "bilateral-agreement";
inline constexpr const char* kRouteShortageList = "shortage-list";
inline constexpr const char* kRouteEuShortage = "eu-shortage-report";

// Values of Rule::mapping: how the published label got its occupation code.
inline constexpr const char* kMappingCoder = "coder";    // coder, confident
inline constexpr const char* kMappingPerson = "person";  // confirmed by a person
inline constexpr const char* kMappingReview = "review";  // awaits a person: no code

struct Rule {
  std::string id;           // unique in the pack: "FR-SN-agreement-001"
  std::string destination;  // ISO 3166-1 alpha-2 of the country of work
  std::string nationality;  // ISO alpha-2 of the nationals it opens to; "" = any
  std::string route;        // kRouteAgreement, kRouteShortageList, ...
  std::string instrument;   // the text the list comes from, as published
  std::string signed_on;    // YYYY-MM-DD, the instrument's date as published
  std::string valid_from;   // YYYY-MM-DD
  std::string valid_to;     // YYYY-MM-DD, "" = until further notice
  int seq = 0;              // position in the published list (1-based)
  std::string label;        // the occupation label exactly as published
  std::string occupation;   // our taxonomy's code; "" while mapping is review
  std::string isco08;       // ISCO-08 unit group (4 digits) through the
                            // taxonomy's crosswalk; "" when none
  std::string mapping;      // kMappingCoder, kMappingPerson, kMappingReview
  std::optional<float> confidence;  // the coder's, for kMappingCoder
  std::string regulated;    // "yes", "no" or "" (not stated)
  std::string diploma;      // what the regulated profession asks, or ""
  bool no_labour_market_test = false;  // "la situation de l'emploi ne vous
                                       // sera pas opposée"
  std::string source;       // who published the transcription used
  std::string source_url;
  std::string legal_text_url;
  int line = 0;             // line in rules.csv (0 when built in memory)
  bool operator==(const Rule&) const = default;
};

// What a destination expects of everyone, whatever the occupation.
struct Destination {
  std::string country;   // ISO alpha-2
  std::string language;  // ISO 639-1
  int min_level = 0;     // CEFR 1 = A1 .. 6 = C2; 0 = none stated
  std::string note;      // what the level is for, in plain words
  std::string source;    // where it is stated
  bool operator==(const Destination&) const = default;
};

// A published label whose code a person must choose or confirm.
struct ReviewItem {
  std::string rule_id;
  std::string label;
  std::string suggested;        // the coder's best code, may be ""
  std::string suggested_label;  // its label in the taxonomy
  std::optional<float> confidence;
  std::string alternatives;     // next codes, "C1|C2"
  bool operator==(const ReviewItem&) const = default;
};

// A published list that is known to exist but is not in the pack.
struct Gap {
  std::string destination;
  std::string nationality;  // "" = all nationalities
  std::string what;         // plain words, from the sources' notes
  bool operator==(const Gap&) const = default;
};

struct RulePackInfo {
  std::string format = kRulePackFormat;
  std::string name;
  std::string version;
  std::string built_on;    // YYYY-MM-DD
  std::string built_from;  // the folder of published lists, as given
  std::string taxonomy;    // "name version" of the taxonomy the codes are in
  std::vector<Gap> gaps;
  bool operator==(const RulePackInfo&) const = default;
};

struct RulePack {
  RulePackInfo info;
  std::vector<Rule> rules;  // in file order
  std::vector<Destination> destinations;
  std::vector<ReviewItem> review;
  const Destination* FindDestination(const std::string& country) const;
};

// Reads and validates the pack in folder `dir`. With a taxonomy, each
// occupation code must be an occupation of it. The first problem is an
// error (kDataError "<dir>/rules.csv:12: route: unknown route 'visa',
// expected bilateral-agreement, shortage-list or eu-shortage-report");
// kNotFound for a missing folder or file.
[[nodiscard]] Result<RulePack> ReadRulePack(
    const std::string& dir, const classification::Taxonomy* taxonomy = nullptr);

// Every problem of the pack, not only the first (for `rules validate`).
std::vector<std::string> ValidateRulePack(
    const std::string& dir, const classification::Taxonomy* taxonomy = nullptr);

// A pack's codes are those of one taxonomy: kDataError when `pack` names
// another taxonomy than `taxonomy` (compared by name; "" = not stated,
// accepted):
//   rule pack 'migration-rules' is coded in taxonomy 'rome-v4', the store
//   holds 'roame-sample': rebuild it with that taxonomy
[[nodiscard]] Status CheckPackTaxonomy(const RulePack& pack,
                                       const classification::Taxonomy& taxonomy);

// Writes the pack's four files into `dir` (created if missing), each
// atomically.
[[nodiscard]] Status WriteRulePack(const RulePack& pack, const std::string& dir);

struct BuildOptions {
  std::string name = "migration-rules";
  std::string version;   // default: built_on
  std::string built_on;  // YYYY-MM-DD, required (the caller's today)
  // Hand-written inputs of the project (data/migration/*.csv); "" = none.
  std::string confirmed;     // label -> code confirmed by a person
  std::string regulated;     // regulated professions per destination
  std::string destinations;  // language expected per destination
  // A coding is kept without a person when the coder does not flag it and
  // its confidence is at least this. Default 0.8, stricter than the
  // coder's own review threshold: a wrong code here is wrong legal advice.
  float min_confidence = 0.8f;
};

// Builds a pack from the published lists in `from` (the format of
// ../shared/data/migration-rules: every *.csv with the columns country,
// agreement, date, seq, label_as_published, source_url, legal_text_url; the
// destination is the file name's prefix before '-', "fr-accord-benin.csv"
// -> FR; fr-accords-status.csv gives the gaps). Each label is coded with the
// taxonomy's occupation coder: a label confirmed by a person takes that
// code; a confident coding (not needs_review, confidence at least
// min_confidence) is kept as "coder"; the rest have no code and go to the
// review list.
[[nodiscard]] Result<RulePack> BuildRulePack(
    const std::string& from, const classification::Taxonomy& taxonomy,
    const BuildOptions& options);

}  // namespace skillmatch::mobility
