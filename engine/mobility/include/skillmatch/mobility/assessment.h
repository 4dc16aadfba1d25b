// The assessment of a migration project: a project card (rules, demand
// signals, the person's distance) and national alternatives, each with its
// reasons. engine/mobility/README.md, "Assessment", gives every rule of it.
//
// Reads the store once (offers and jobseekers, streamed) and keeps only
// counts and the offer index. The assessment is a record about a person:
// the caller audits it (the command line and the server do); this library
// logs nothing.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/match/scoring.h"
#include "skillmatch/mobility/rule_pack.h"
#include "skillmatch/mobility/training.h"
#include "skillmatch/model/date.h"
#include "skillmatch/model/model.h"
#include "skillmatch/store/store.h"

namespace skillmatch::mobility {

struct AssessOptions {
  std::string destination;  // ISO alpha-2, required
  // Target occupation; "" = the jobseeker's first target occupation.
  std::string occupation;
  // Nationality the rules are read for; "" = the home country (the
  // profile's location.country): a PES serves its nationals.
  std::string nationality;
  engine::Date today;  // the day rules and offers are judged on
  // Alternatives shown per kind (regions, close occupations, offers,
  // trainings). Default 3.
  int per_kind = 3;
  // An offer the person fits: a score at least this (the matching score,
  // 0..1). Default 0.4: on the sample, offers of unrelated occupations
  // score up to about 0.3 on languages, education and place alone.
  float min_offer_score = 0.4f;
  // When set, only the offers it accepts are proposed (a server proposes a
  // counsellor his agency's), chosen among the engine's nearest (the best
  // 50, or ten a shown offer); it is asked about each of them that
  // qualifies (the score, at home, not international), in rank order, so
  // that the caller may count those it refuses.
  std::function<bool(const std::string& offer_id)> offer_visible;
  // Share of the occupation's essential skills held below which the person
  // is "far" from it. Default 0.5.
  double far_below = 0.5;
  // Domains of the taxonomy whose occupations are often exercised on one's
  // own (self-employment suggested): agriculture, crafts, commerce,
  // building trades, hospitality, installation and repair, personal
  // services, transport (A B D F G I K N). A PES may narrow it.
  std::vector<std::string> self_employment_domains = {"A", "B", "D", "F",
                                                      "G", "I", "K", "N"};
};

// A rule that bears on the project and how it was matched.
struct AppliedRule {
  Rule rule;
  // "exact" (same occupation code), "isco" (same ISCO-08 group, another
  // code: to check), "unconfirmed" (the label awaits review and the coder
  // suggests this occupation).
  std::string match;
};

struct SkillRef {
  std::string id;
  std::string label;
};

struct Distance {
  int essential_total = 0;         // essential skills of the occupation
  std::vector<SkillRef> held;      // essential skills the person holds
  std::vector<SkillRef> missing;   // essential skills the person lacks
  bool far = false;                // held share below AssessOptions::far_below
  // Language: the destination's requirement and the person's level.
  std::string language;            // "" = the pack states none
  int required_level = 0;          // CEFR 1..6; 0 = none
  std::optional<int> held_level;
  bool language_ok = true;
  std::string language_note;       // what the level is for, and its source
  // Regulated profession: the diploma asked and the person's education.
  bool regulated = false;
  std::string diploma;
  std::optional<int> education_level;  // ISCED
  std::string education_field;
};

struct ProjectCard {
  std::string occupation;
  std::string occupation_label;
  std::string isco08;
  std::string destination;
  std::string destination_name;  // French name
  std::string nationality;
  std::vector<AppliedRule> rules;  // exact first, then isco, unconfirmed
  std::vector<Gap> gaps;           // published lists missing for this case
  bool listed = false;             // an exact rule applies
  // Demand signals.
  int international_offers = 0;    // open, this occupation and country
  int international_positions = 0;
  std::vector<std::string> offer_ids;  // the first few, by id
  Distance distance;
};

struct Alternative {
  // "region", "close-occupation", "offer", "training", "self-employment".
  std::string kind;
  std::string occupation;  // code
  std::string occupation_label;
  std::string region;      // for "region" and offers
  std::string offer_id;    // for "offer"
  std::string training_id; // for "training"
  std::string title;       // offer or training title, employer / provider
  int open_offers = 0;     // national, this occupation (and region)
  int jobseekers = 0;      // wanting this occupation (and region)
  std::optional<double> tension;  // open positions per jobseeker
  std::optional<float> score;     // matching score (offers), proximity
  std::vector<SkillRef> missing;  // skills still to acquire
  std::vector<SkillRef> covers;   // for "training": missing skills taught
  std::vector<std::string> reasons;  // plain words, French
};

struct Assessment {
  std::string jobseeker_id;
  std::string today;
  std::string home_country;
  std::string home_region;
  std::string pack;  // "name version"
  ProjectCard card;
  std::vector<Alternative> alternatives;  // by kind, in the order above
  nlohmann::ordered_json ToJson() const;
};

// Everything the assessment reads, gathered once: the taxonomy's scorer,
// the offer index and counts by occupation and place. Build it per store;
// Assess may then run many times (the server keeps one).
class Market {
 public:
  // Streams the store's offers and jobseekers. The scorer must outlive it.
  [[nodiscard]] static Result<std::unique_ptr<Market>> Build(
      engine::Store& store, const engine::Scorer& scorer, engine::Date today);
  ~Market();
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit Market(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Assesses `profile`'s project. kInvalidArgument for a destination that is
// not an ISO code, a profile without target occupation and no
// options.occupation; kNotFound for an occupation not in the taxonomy.
[[nodiscard]] Result<Assessment> Assess(
    const engine::Profile& profile, const RulePack& pack,
    const std::vector<Training>& catalogue, const engine::Scorer& scorer,
    const Market& market, engine::Store& store, const AssessOptions& options);

// The assessment as text for the counsellor (English labels, as the rest of
// the command line), and the advice sheet for the person: a self-contained
// HTML page in French, printable, every value escaped.
std::string RenderText(const Assessment& assessment);
std::string RenderAdviceSheet(const Assessment& assessment);

}  // namespace skillmatch::mobility
