// Synthetic jobseeker profiles and job offers drawn from a taxonomy, with
// the hidden facts used to draw them (the ground truth of evaluations).
//
// Determinism. Record i of a kind is a pure function of (taxonomy, options,
// i): it is drawn from random streams seeded from (options.seed, kind, i)
// alone, so records can be made in any order and on any number of threads,
// and the files are byte-identical whatever the thread count. The generator
// uses the project's PRNG and draws (classification/random.h: xoshiro256**
// seeded by splitmix64) and its own distributions on top: never <random>'s
// distributions, whose output differs between standard libraries, and no
// libm function such as log or cos, whose last bit may differ between
// platforms.
//
// Twins. A profile's protected attributes (gender, age band, disability,
// rural) come from a stream of their own, drawn after the content and never
// read by it. GenerateTwin(i, attributes) is therefore profile i with only
// its protected attributes changed: the fairness audit compares the scores
// of such twins.
//
// Geography. Home countries are BJ, CM, ML, NE, SN and TG, each with a
// handful of real regions and their main city (approximate public
// coordinates, rounded to 0.01 degree). International offers are located in
// FR, BE, ES, IT or DE and come from "eures". Dates fall within kDataYear.
//
// Thread safety: a Generator is immutable after Create; its const methods
// may be called from any number of threads at once. It keeps a pointer to
// the taxonomy, which must outlive it.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/model/date.h"
#include "skillmatch/model/model.h"

namespace skillmatch::engine {

// Generated dates (available_from, published, expires) fall in this year.
inline constexpr int kDataYear = 2026;

// The day generated records are scored as of (ScoringConfig::today): 1
// January of kDataYear, before any generated offer expires. The scorer's
// default, the system date, would drop every offer expired since.
inline Date GeneratedAsOf() { return *Date::FromCivil(kDataYear, 1, 1); }

// The largest number of records of one kind that WriteDataset accepts.
inline constexpr uint64_t kMaxGeneratedRecords = 10'000'000;

// A value attached to a code prefix: "" matches every occupation, "D" a
// domain, "D12" an area, "D1201" one occupation. For each occupation the
// longest matching prefix wins, so specific entries override general ones.
struct PrefixValue {
  std::string prefix;
  double value = 0;
};

struct CountryWeight {
  std::string country;  // ISO 3166-1 alpha-2
  double weight = 0;
};

// Maps a licence skill of the taxonomy to the licence category it stands
// for; skills missing from the taxonomy are ignored.
struct LicenceSkill {
  std::string skill_id;
  std::string category;  // "A", "B", "C", "D", "E"
};

// A factor per calendar month (January first) for the occupations under a
// code prefix (longest prefix wins, as PrefixValue).
struct SeasonalPattern {
  std::string prefix;
  std::array<double, 12> factors{};
};

// Flows over time (issue 16): when each offer was published and closed, and
// why; when each jobseeker registered and left, and why. Drawn from a
// stream of their own (seed, "FLOW", index), so turning them on changes no
// other field of a record but an offer's `published` and `expires` (moved
// into the window, the same number of days apart); off by default, so the
// matching evaluation draws exactly what it drew before. engine/eval/
// README.md, "Flows", explains the model.
struct FlowOptions {
  bool enabled = false;
  // The window of months the flows cover: first_month of first_year and
  // the months after. Records end after its last day are left open.
  int first_year = 2025;
  int first_month = 1;  // 1..12
  int months = 24;      // 1..120

  // --- Offers ---
  // Typical days from publication to filling, by occupation prefix: slow
  // for professionals (health, IT, engineering, teaching), fast for
  // farm labour, sales, transport and domestic work.
  // clang-format off
  std::vector<PrefixValue> vacancy_days = {
      {"", 35},
      {"A", 20},  {"A14", 12},  {"A1408", 8},  {"A15", 18},
      {"C", 60},  {"D12", 14},  {"E", 55},     {"F", 25},   {"F17", 22},
      {"H", 40},  {"I", 45},    {"J", 75},     {"K11", 16}, {"K13", 50},
      {"L", 40},  {"M", 55},    {"M18", 85},   {"N", 20},   {"N13", 10},
  };
  // Publications per calendar month: the agricultural campaign (sowing
  // May-July, harvest October-December; the lean dry season January-April
  // hires little), building in the dry season, commerce before year-end.
  std::vector<SeasonalPattern> offer_seasons = {
      {"A",   {0.5, 0.5, 0.6, 0.8, 1.8, 2.4, 2.2, 1.2, 1.0, 1.8, 2.0, 1.4}},
      {"A16", {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},  // livestock, all year
      {"F",   {1.3, 1.3, 1.3, 1.2, 1.1, 0.8, 0.6, 0.5, 0.6, 1.0, 1.2, 1.3}},
      {"D12", {0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.1, 1.3, 1.6}},
  };
  // clang-format on
  // Shares of how offers close (the rest expire at their `expires` date);
  // a filling drawn later than 60 days after the expiry becomes an expiry.
  double filled_share = 0.62;
  double withdrawn_share = 0.08;
  double cancelled_share = 0.04;
  // Share of fillings that are hard (their duration times 2.5).
  double hard_to_fill_share = 0.25;

  // --- Jobseekers ---
  // Typical days from registration to exit, by occupation prefix.
  std::vector<PrefixValue> registration_days = {
      {"", 240}, {"A", 150}, {"A14", 130}, {"D12", 270}, {"J", 120},
      {"K11", 300}, {"M", 160}, {"M18", 110}, {"N13", 200},
  };
  // Registrations per calendar month: farm workers register in the lean
  // season, everyone after the school year (September-October).
  // clang-format off
  std::vector<SeasonalPattern> registration_seasons = {
      {"",  {1.0, 1.0, 1.0, 1.0, 1.0, 0.9, 0.9, 0.9, 1.3, 1.3, 1.0, 0.8}},
      {"A", {1.8, 1.8, 1.6, 1.3, 0.7, 0.5, 0.5, 0.6, 1.0, 0.8, 0.7, 1.2}},
  };
  // clang-format on
  // Share of jobseekers registered in the year before the window (the
  // stock at its start).
  double prior_share = 0.30;
  // Exit reasons, relative weights in the model's order: employment,
  // training, self_employment, other, unknown.
  std::array<double, 5> exit_weights = {0.38, 0.10, 0.12, 0.22, 0.18};
  // Self-employment weight times this, by prefix (farming, trade, crafts).
  std::vector<PrefixValue> self_employment_factors = {
      {"", 1.0}, {"A", 2.5}, {"D12", 2.0}, {"B", 2.0}, {"D15", 1.5}};

  // --- Regions ---
  // Durations (both kinds) times these in a country's main region (its
  // first city's: Dakar, Littoral, ...) and elsewhere: the capital's
  // larger market fills and places faster.
  double main_region_speed = 0.75;
  double other_region_speed = 1.30;
  // Share of the records of a region that fall in the window, the others
  // ending before it: offers concentrate in the main regions, jobseekers
  // less so, hence the geographic mismatch.
  double offers_elsewhere_in_window = 0.60;
  double jobseekers_main_in_window = 0.75;

  // --- Tension ---
  // Share of an occupation's offers, and of its jobseekers, that fall in
  // the window (times the regional share above; the others end before
  // it), by prefix: the generator draws one occupation mix for both, so
  // these make shortages (health, IT, building, mechanics, drivers: few
  // jobseekers for the offers) and surpluses (trade, domestic work,
  // secretarial and admin jobs: few offers for the jobseekers).
  std::vector<PrefixValue> offer_window_shares = {
      {"", 1.0}, {"D12", 0.55}, {"K11", 0.5}, {"M16", 0.45}, {"G", 0.7}};
  std::vector<PrefixValue> jobseeker_window_shares = {
      {"", 1.0},  {"J", 0.45}, {"M18", 0.4}, {"F", 0.6},
      {"I", 0.55}, {"N", 0.7}};
};

// Tunables. Shares and rates are probabilities in [0, 1]; weights are
// relative (>= 0, they need not sum to 1). Defaults aim at a realistic PES
// of francophone West and Central Africa; engine/eval/README.md explains them.
struct GeneratorOptions {
  // Seeds every random stream. Same seed, same files; different seeds give
  // different records.
  uint64_t seed = 1;

  // --- Occupation mix (profiles and offers alike) ---
  // Weight of one occupation = the value of its longest matching prefix
  // times isco_major_factors[its ISCO-08 major group]. The defaults favour
  // the big informal and service sectors (markets and shops, crops and
  // livestock, moto-taxis and drivers, building trades, tailoring,
  // hairdressing, street food, domestic work, guards) over rare ones.
  // clang-format off
  std::vector<PrefixValue> occupation_weights = {
      {"", 1.0},
      {"A", 3.0},  {"A14", 8.0},  {"A15", 5.0},  {"A16", 5.0},
      {"B", 2.0},  {"B12", 5.0},
      {"C", 1.0},  {"C12", 1.5},
      {"D", 3.0},  {"D11", 4.0},  {"D12", 8.0},  {"D15", 6.0},
      {"E", 0.5},
      {"F", 3.0},  {"F16", 4.0},  {"F17", 6.0},
      {"G", 2.0},  {"G14", 5.0},
      {"H", 1.5},  {"H11", 3.0},
      {"I", 2.0},  {"I11", 4.0},
      {"J", 1.0},
      {"K", 1.5},  {"K11", 7.0},  {"K15", 3.0},  {"K16", 2.5},
      {"L", 0.5},
      {"M", 1.0},
      {"N", 3.0},  {"N11", 3.0},  {"N13", 7.0},
  };
  // clang-format on
  // Indexed by ISCO-08 major group (0 = armed forces, 1 = managers ...
  // 9 = elementary occupations), read from the occupation's "isco08"
  // crosswalk; an occupation without one gets factor 1. Fewer jobs and
  // jobseekers are managers and professionals than elementary workers.
  std::array<double, 10> isco_major_factors = {0.2, 0.4, 0.4, 0.7, 0.8,
                                               1.0, 1.0, 1.0, 1.0, 1.2};

  // --- Where ---
  // Home countries of profiles and of domestic offers: BJ, CM, ML, NE, SN,
  // TG only (the generator knows their regions, cities and languages).
  std::vector<CountryWeight> countries = {{"BJ", 0.14}, {"CM", 0.22},
                                          {"ML", 0.17}, {"NE", 0.15},
                                          {"SN", 0.20}, {"TG", 0.12}};
  // Countries of international offers: FR, BE, ES, IT, DE only.
  std::vector<CountryWeight> abroad_countries = {
      {"FR", 0.40}, {"BE", 0.15}, {"ES", 0.15}, {"IT", 0.15}, {"DE", 0.15}};

  // --- Profiles ---
  // Chance that a profile also targets a mobility neighbour of its true
  // occupation (close links twice as likely as evolution links).
  double second_target_rate = 0.30;
  // Chance that the declared first target is a close neighbour of the true
  // occupation (a counsellor's coding slip); truth keeps the true one.
  double miscoded_target_rate = 0.05;
  // Chance that each essential skill of the true occupation is missing (a
  // gap). At least two essentials are always held.
  double essential_gap_rate = 0.15;
  // Chance that each optional skill of the true occupation is held.
  double optional_skill_rate = 0.35;
  // Chance that each essential skill of a previous, different occupation
  // is held (transferable skills).
  double past_skill_rate = 0.30;
  // Chance of each unrelated skill added to the declaration, repeated
  // while it succeeds, at most 3 (noise: declared but not held).
  double noise_skill_rate = 0.30;
  // Chance that a skill held is left out of the declaration (held, not
  // declared). At least one skill is always declared.
  double undeclared_skill_rate = 0.05;
  // Chance that a declared skill is validated (counsellor, test, diploma);
  // +0.15 for upper secondary education (ISCED >= 3) and above.
  double validated_rate = 0.25;
  // Chance of English besides French (+0.15 for ISCED >= 5).
  double english_rate = 0.12;

  // --- Protected attributes (a separate stream, see the file comment) ---
  // Share of women per occupation prefix, among "f" and "m".
  std::vector<PrefixValue> female_shares = {
      {"", 0.40},      {"A", 0.35},     {"A1101", 0.03}, {"A14", 0.45},
      {"A1403", 0.55}, {"A1603", 0.90}, {"B11", 0.20},   {"B1105", 0.03},
      {"B12", 0.60},   {"B1205", 0.15}, {"B1206", 0.70}, {"C", 0.45},
      {"D", 0.55},     {"D1101", 0.05}, {"D1104", 0.80}, {"D12", 0.65},
      {"D1201", 0.75}, {"D15", 0.85},   {"F", 0.04},     {"F11", 0.20},
      {"G13", 0.55},   {"G14", 0.60},   {"G1405", 0.90}, {"H11", 0.70},
      {"H1101", 0.85}, {"H13", 0.70},   {"H14", 0.05},   {"I", 0.06},
      {"J", 0.50},     {"J12", 0.70},   {"J1202", 0.97}, {"K11", 0.80},
      {"K1102", 0.92}, {"K13", 0.40},   {"K15", 0.10},   {"K16", 0.35},
      {"M16", 0.70},   {"M18", 0.20},   {"N", 0.05},     {"N11", 0.10},
  };
  // Share of "x" (another gender) before the f/m split.
  double other_gender_share = 0.0;
  // Relative weights of the age bands "15-24", "25-34", "35-44", "45-54",
  // "55+"; bands too young for the profile's experience are left out.
  std::array<double, 5> age_band_weights = {0.30, 0.36, 0.20, 0.10, 0.04};
  double disability_rate = 0.03;
  // Share of rural residents per occupation prefix.
  std::vector<PrefixValue> rural_shares = {
      {"", 0.25},      {"A", 0.75},     {"F14", 0.60},
      {"H1101", 0.50}, {"H1104", 0.60}, {"J1305", 0.50},
  };

  // --- Offers ---
  // Share of offers located abroad (EU countries, source "eures").
  double international_share = 0.10;
  // For international offers only, the occupation weight is also
  // multiplied by the longest matching prefix here: EURES vacancies open to
  // non-EU workers are seasonal farm work, building, hospitality, care,
  // nursing and lorry driving, not market trade, moto-taxis or mobile money.
  std::vector<PrefixValue> abroad_occupation_factors = {
      {"", 0.5},      {"A14", 1.5},   {"A1408", 3.0}, {"A15", 0.3},
      {"A16", 0.3},   {"C12", 0.05},  {"D12", 0.05},  {"F", 1.5},
      {"G", 1.5},     {"G1405", 0.0}, {"H", 1.0},     {"I11", 1.5},
      {"J", 2.0},     {"J1305", 0.0}, {"K11", 1.5},   {"K14", 0.0},
      {"K1306", 0.0}, {"L1102", 0.0}, {"N11", 1.5},   {"N13", 0.3},
      {"N1301", 0.0}, {"N1305", 0.0}, {"N14", 2.0},
  };
  // Chance that each essential skill is required (licence skills that are
  // essential always are; at least two are); then each optional skill is
  // listed as a plus with offer_optional_rate.
  double offer_essential_rate = 0.85;
  double offer_optional_rate = 0.35;
  // Chance that a title is decorated as offers are written: upper case,
  // "(H/F)", "URGENT - ", a count such as "02 ".
  double title_decoration_rate = 0.35;
  // Share of offers that state a salary.
  double salary_rate = 0.70;

  // Licence skills of the taxonomy (those of the embedded sample).
  std::vector<LicenceSkill> licence_skills = {
      {"T0001", "A"}, {"T0002", "B"}, {"T0003", "C"}, {"T0004", "D"}};

  // --- Flows over time (off by default) ---
  FlowOptions flows;
};

// The hidden facts of one generated profile.
struct ProfileTruth {
  std::string id;
  std::string occupation;        // the true occupation
  std::string second_target;     // a neighbour also targeted, or empty
  bool miscoded_target = false;  // target_occupations[0] != occupation
  std::string past_occupation;   // an earlier, different occupation, or ""
  // Skill ids, each list sorted. `skills` are really held (declared minus
  // noise, plus undeclared); missing_essentials are essentials of the true
  // occupation not held; noise_skills are declared but not held.
  std::vector<std::string> skills;
  std::vector<std::string> undeclared_skills;
  std::vector<std::string> missing_essentials;
  std::vector<std::string> noise_skills;
  bool operator==(const ProfileTruth&) const = default;
};

// The hidden facts of one generated offer.
struct OfferTruth {
  std::string id;
  std::string occupation;  // the offer's occupation (never miscoded)
  std::string isco08;      // its ISCO-08 unit group, or empty
  bool international = false;
  bool decorated_title = false;
  bool operator==(const OfferTruth&) const = default;
};

// One line of truth.jsonl: {"kind":"profile","id":...} or
// {"kind":"offer","id":...}, fields as in the structs above.
nlohmann::ordered_json ToJson(const ProfileTruth& truth);
nlohmann::ordered_json ToJson(const OfferTruth& truth);

class Generator {
 public:
  // Checks the options against the taxonomy and precomputes the
  // per-occupation tables. Errors (kInvalidArgument) name the option, e.g.
  // "international_share: expected a share from 0 to 1, got 1.5".
  [[nodiscard]] static Result<Generator> Create(
      const classification::Taxonomy& taxonomy, GeneratorOptions options);

  Generator(Generator&&) noexcept;
  Generator& operator=(Generator&&) noexcept;
  ~Generator();

  const GeneratorOptions& options() const;

  // Profile `index` (any value; ids are "P" and index + 1 on at least 8
  // digits: index 0 is "P00000001"). `truth`, when not null, receives the
  // hidden facts.
  Profile GenerateProfile(uint64_t index, ProfileTruth* truth = nullptr) const;
  // Profile `index` with `attributes` in place of its own protected
  // attributes and every other field identical.
  Profile GenerateTwin(uint64_t index,
                       const ProtectedAttributes& attributes) const;
  // Offer `index` (ids "O00000001"...).
  Offer GenerateOffer(uint64_t index, OfferTruth* truth = nullptr) const;

 private:
  struct Tables;
  explicit Generator(std::unique_ptr<const Tables> tables);
  std::unique_ptr<const Tables> tables_;
};

enum class RecordKind { kProfile, kOffer };

struct WriteOptions {
  // Worker threads generating records (>= 1); the output does not depend
  // on it.
  int threads = 1;
  // Records a worker makes per turn. Memory holds about 2 x threads x
  // chunk records at once, whatever the number of records written.
  uint64_t chunk = 2048;
  // Called on the calling thread after each batch, when set.
  std::function<void(RecordKind kind, uint64_t done, uint64_t total)> progress;
};

// Writes records [0, count) of `kind` as JSON Lines (model_json.h's ToJson)
// to `records`, and their truth lines to `truth` when not null, in index
// order. Errors: kIoError when a stream fails, kInternal when a record
// cannot be serialised.
[[nodiscard]] Status WriteRecords(const Generator& generator, RecordKind kind,
                                  uint64_t count, std::ostream& records,
                                  std::ostream* truth,
                                  const WriteOptions& options = {});

// Writes `dir`/profiles.jsonl, offers.jsonl and truth.jsonl (profile truths,
// then offer truths). `dir` is created if missing; each file is written
// under a temporary name beside it (classification::AtomicFile) and renamed
// once all three are complete, so a failed run never leaves a partial file
// under a final name, nor a temporary file.
// Errors: kInvalidArgument for a count above kMaxGeneratedRecords, kIoError
// when a file or the folder cannot be written.
[[nodiscard]] Status WriteDataset(const Generator& generator, uint64_t profiles,
                                  uint64_t offers, const std::string& dir,
                                  const WriteOptions& options = {});

}  // namespace skillmatch::engine
