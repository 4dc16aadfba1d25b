// The one score of skillmatch, written as an inner product.
//
//   score(profile, offer) = <phi(profile), psi(offer)>        (pairs that pass
//                                                              the filters)
//
// over a sparse feature space split into named blocks: occupation, skills,
// soft_skills, languages, education, experience. Each block b contributes a
// value in [0, W_b] (its weight in ScoringConfig); weights sum to 1, so the
// score lies in [0, 1]. The feature encoding (engine/match/README.md gives it in
// full) makes requirements with minimum levels separable:
//   - an offer requiring skill s at level m puts weight on feature (s, m);
//     a profile holding s at level l has 1 on (s, k) for k <= l and a partial
//     credit above; a skill it lacks but that is close to one it holds
//     (co-occurring in the same occupations) gets a smaller credit;
//   - occupation: the profile puts its target occupations' weights on their
//     indicator features; the offer puts the proximity column P[., o] of its
//     occupation, a precomputed occupation x occupation matrix (same
//     occupation, mobility links, skill-profile similarity, same area,
//     same domain);
//   - a block the offer states nothing about gives its full weight to every
//     profile ("none" feature); a block the profile has no data for gets a
//     neutral share of the weight ("unknown" feature) and is flagged "no
//     data" in the explanation, never a silent zero;
//   - skills count in the block of their kind (soft, or technical and
//     knowledge), whichever list names them, so no block brings more than
//     its weight; an offer that asks no skill of a kind is judged on its
//     occupation's essential skills of that kind ("inferred from the
//     occupation", ScoringConfig::inferred_skills_weight).
// Hard filters (location and mobility, driving licence, language if asked,
// expiry) remove a pair before scoring and say which filter did it.
//
// One definition serves a single pair, one-to-many queries and batch runs:
// they all compute <phi, psi>, and the explanation is that same sum split by
// block, so it always adds up to the score shown (tested). Protected
// attributes of profiles are never read.
//
// A Scorer is immutable after Create and safe to share between threads. The
// taxonomy must outlive it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"
#include "skillmatch/model/date.h"
#include "skillmatch/model/model.h"

namespace skillmatch::engine {

enum class Block {
  kOccupation = 0,
  kSkills,
  kSoftSkills,
  kLanguages,
  kEducation,
  kExperience,
};
inline constexpr int kBlockCount = 6;
std::string_view ToString(Block block);  // "occupation", "skills", ...

// Weights and settings of the score; every field has a documented default
// and can be set from a JSON config file (see FromJson).
struct ScoringConfig {
  // Block weights; normalised to sum to 1 when the scorer is created.
  std::array<float, kBlockCount> weights = {0.35f, 0.35f, 0.08f,
                                            0.08f, 0.07f, 0.07f};
  // Share of a block's weight given when the profile has no data for it.
  // For the skills and soft skills blocks, "no data" means no claim of a
  // skill of that kind (technical and knowledge, or soft) in either of the
  // profile's lists: a claim counts for the block of its kind, whichever
  // list holds it, so the neutral share never adds to credits earned in the
  // same block (no block brings more than its weight).
  float no_data_credit = 0.5f;
  // Sparse offers: when an offer asks no skill of a kind (technical and
  // knowledge, or soft), the essential skills of that kind of its occupation
  // in the taxonomy stand in for them ("inferred from the occupation" in the
  // explanation), judged on this share of the block's weight; the rest of
  // the weight is given as "not asked". 0 turns inference off (a block not
  // asked is given in full, as before 2026-12-07). Default 1: an ad that
  // names an electrician's job and no skill still needs an electrician's
  // skills, and any share given freely is earned equally by every
  // occupation, so it lifts unrelated offers towards related ones
  // (engine/match/README.md, "Sparse offers").
  float inferred_skills_weight = 1.0f;
  // Weight of an optional skill requirement relative to an essential one.
  float optional_weight = 0.5f;
  // Credit for a skill held below the required level.
  float lower_level_credit = 0.5f;
  // Credit for a declared (not validated) skill, relative to a validated one.
  float declared_credit = 0.9f;
  // Credit for a required skill the profile lacks, times its similarity to
  // the closest skill it holds (cosine of the skills' occupation profiles).
  float related_skill_credit = 0.5f;
  // Related skills kept per skill, and the least similarity that counts.
  int related_per_skill = 5;
  float related_min_similarity = 0.3f;
  // Weight of each further target occupation relative to the first
  // (second: 0.8, third: 0.64, ...); past occupations weigh
  // past_occupation_weight each.
  float next_target_weight = 0.8f;
  float past_occupation_weight = 0.5f;
  // Occupation proximity: the largest of these that applies.
  float proximity_close_first = 0.85f;  // "close" mobility link of rank 1
  float proximity_close_step = 0.02f;   // less per further rank
  float proximity_close_floor = 0.7f;
  float proximity_evolution = 0.6f;     // "evolution" mobility link
  float proximity_skills = 0.75f;       // times the occupation similarity
  float proximity_same_area = 0.4f;
  float proximity_same_domain = 0.15f;
  // Occupation similarity (used by proximity_skills and by
  // SimilarOccupations(skills_only)): a weighted mean of three cosines of
  // IDF-weighted profiles, the occupations' skill sets (weight 1), the words
  // of their skills' labels (skill_words_weight) and the words of their
  // titles (title_words_weight). The words catch skills that are worded
  // alike but coded apart. 0 and 0 give the skill cosine alone. Chosen on
  // ROME v3 (engine/match/README.md, "Occupation similarity").
  float skill_words_weight = 0.5f;
  float title_words_weight = 0.2f;
  // SimilarOccupations(skills_only): similarity plus these bonuses.
  float similar_same_area_bonus = 0.05f;
  float similar_same_domain_bonus = 0.01f;
  // One education level below the minimum still earns this share.
  float education_one_below_credit = 0.5f;
  // Experience: share earned per year short of the minimum is linear.
  // Filters.
  bool filter_location = true;
  bool filter_licence = true;
  bool filter_language = false;  // required languages as a hard filter
  bool filter_expired = true;
  // An offer closed (filled, withdrawn, expired or cancelled: Offer::closed)
  // on or before `today` is never proposed.
  bool filter_closed = true;
  // The day the expiry filter and the communities' membership are judged
  // on. Unset: the system date (UTC) when the Scorer is created, so the
  // expiry filter is never silently off (filter_expired = false turns it
  // off); Scorer::config() then holds the day used.
  std::optional<Date> today;
  // Removes pairs whose occupation proximity (the best of the profile's
  // target and past occupations to the offer's) is below this. 0 = off, the
  // default: in a thin market a counsellor may still want distant offers,
  // ranked last. 0.15 keeps the same domain and up; 0.4 the same area,
  // similar skills and mobility links. Profiles or offers with no
  // occupation are never removed by it (no data).
  float min_occupation_proximity = 0;

  // Reads a JSON object; keys are the field names (weights as an object by
  // block name). Unknown keys are an error, so typos do not go unnoticed.
  // Every number is range-checked so that the score stays in [0, 1]
  // (engine/match/README.md, "The configuration"): credits, relative
  // weights, proximities and thresholds in [0, 1]; block weights and the
  // similarity's word weights >= 0 (they are normalised), at least one
  // block weight > 0; "today" a date YYYY-MM-DD or null. Errors are
  // kDataError "<where>: <field>: expected ..., got <value>".
  [[nodiscard]] static Result<ScoringConfig> FromJson(const nlohmann::json& json,
                                                      const std::string& where);
  nlohmann::ordered_json ToJson() const;
};

// What the hard filters read of an offer.
struct FilterKeys {
  Location location;
  std::vector<std::string> licences_required;
  std::vector<LanguageLevel> languages;
  std::optional<std::string> expires;
  std::string occupation;
  std::optional<std::string> closed;
  static FilterKeys Of(const Offer& offer) {
    return {offer.location, offer.licences_required, offer.languages,
            offer.expires, offer.occupation, offer.closed};
  }
};

// A sparse vector: (feature, value) pairs sorted by feature.
using SparseVector = std::vector<std::pair<uint32_t, float>>;
float Dot(const SparseVector& a, const SparseVector& b);

enum class FilterReason {
  kNone = 0,     // passes
  kLocation,     // outside the jobseeker's mobility
  kLicence,      // a required driving licence is missing
  kLanguage,     // a required language is missing (if enabled)
  kExpired,      // the offer expired before `today`
  kOccupation,   // occupations further apart than min_occupation_proximity
  kClosed,       // the offer closed on or before `today`
};
std::string_view ToString(FilterReason reason);

// Why two occupations are close.
enum class ProximityReason : uint8_t {
  kNone = 0,
  kSame,
  kCloseMobility,
  kEvolutionMobility,
  kSkillProfile,
  kSameArea,
  kSameDomain,
};
std::string_view ToString(ProximityReason reason);

struct BlockExplanation {
  Block block;
  float weight = 0;        // W_b
  float contribution = 0;  // this block's part of the score, in [0, W_b]
  bool no_data = false;    // the profile had nothing for it (neutral credit)
  bool no_requirement = false;  // the offer asked nothing (full credit)
  // Skills and soft skills: the offer asked no skill of the block's kind,
  // and its occupation's essential skills stood in for them
  // (ScoringConfig::inferred_skills_weight).
  bool inferred = false;
};

struct SkillMatch {
  std::string skill_id;
  bool essential = true;
  int required_level = 0;
  float credit = 0;  // 0..1: 1 = held at the level, partial otherwise
  std::string via;   // for a related skill: the skill held instead
  // Not asked by the offer: an essential skill of its occupation, standing
  // in for an offer that asks no skill of this kind.
  bool inferred = false;
};

struct Explanation {
  float score = 0;  // = sum of the blocks' contributions
  FilterReason filtered = FilterReason::kNone;
  std::vector<BlockExplanation> blocks;
  // Occupation: the profile's occupation that brings most, and why.
  std::string closest_occupation;
  ProximityReason proximity_reason = ProximityReason::kNone;
  float proximity = 0;
  std::vector<SkillMatch> matched;   // held at the level asked
  std::vector<SkillMatch> partial;   // held lower, or a related skill held
  std::vector<SkillMatch> missing;   // credit 0
  nlohmann::ordered_json ToJson() const;
};

class Scorer {
 public:
  [[nodiscard]] static Result<std::unique_ptr<Scorer>> Create(
      const classification::Taxonomy& taxonomy, const ScoringConfig& config);
  ~Scorer();

  // The feature maps. Unknown occupation or skill codes are skipped (an
  // import validates codes before records get here).
  SparseVector Phi(const Profile& profile) const;
  SparseVector Psi(const Offer& offer) const;
  // The blocks (kSkills, kSoftSkills, in that order) in which `offer` asks
  // no skill of the block's kind and is judged on its occupation's
  // essential skills instead; empty when none is (or inference is off).
  std::vector<Block> InferredBlocks(const Offer& offer) const;
  // The first filter that removes the pair, or kNone.
  FilterReason Filter(const Profile& profile, const Offer& offer) const;
  // The same on the few fields of an offer that the filters read, so that
  // an index can keep them without the whole record.
  FilterReason Filter(const Profile& profile, const FilterKeys& keys) const;
  // <Phi, Psi> for a pair that passes the filters, else 0.
  float Score(const Profile& profile, const Offer& offer) const;
  Explanation Explain(const Profile& profile, const Offer& offer) const;

  // Occupation proximity P[a][b] in [0, 1] and its reason (node indexes of
  // occupations; 0 and kNone for non-occupations).
  float Proximity(classification::NodeIndex a, classification::NodeIndex b) const;
  ProximityReason ProximityWhy(classification::NodeIndex a,
                               classification::NodeIndex b) const;
  // Occupations ranked by proximity to `code` (itself excluded), best first,
  // ties by code.
  // With skills_only, mobility links are left out: the skill-profile
  // similarity, same area and same domain remain (for evaluating against
  // mobility links).
  std::vector<std::pair<classification::NodeIndex, float>> SimilarOccupations(
      classification::NodeIndex occupation, int top_k, bool skills_only) const;
  // The skill-profile cosine alone (IDF-weighted skill sets): the baseline
  // of `eval mobility`.
  float SkillCosine(classification::NodeIndex a, classification::NodeIndex b) const;
  // The occupation similarity described at ScoringConfig::skill_words_weight,
  // in [0, 1]; 0 for non-occupations.
  float OccupationSimilarity(classification::NodeIndex a,
                             classification::NodeIndex b) const;

  // For retrieval (retrieval.h), which computes the same inner product with
  // an inverted index: the occupation block of <phi, psi> for an offer of
  // occupation slot s is (*per_slot)[s] after OccupationScores(phi, ...).
  // Slots number the taxonomy's occupations; -1 = not an occupation.
  int32_t OccupationSlot(const std::string& code) const;
  bool IsOccupationFeature(uint32_t feature) const;
  void OccupationScores(const SparseVector& phi,
                        std::vector<float>* per_slot) const;

  const ScoringConfig& config() const;
  const classification::Taxonomy& taxonomy() const;

 private:
  struct Impl;
  explicit Scorer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace skillmatch::engine
