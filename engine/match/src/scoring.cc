#include "skillmatch/match/scoring.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "skillmatch/classification/normalize.h"
#include "skillmatch/model/geography.h"
#include "skillmatch/model/model_json.h"

namespace skillmatch::engine {

namespace {

using classification::kNoNode;
using classification::NodeIndex;
using classification::SkillIndex;
using classification::Taxonomy;

constexpr std::array<std::string_view, kBlockCount> kBlockNames = {
    "occupation", "skills", "soft_skills", "languages", "education",
    "experience"};
constexpr int kSkillLevels = 4;
constexpr int kLanguageLevels = 6;
constexpr int kEducationLevels = 9;  // ISCED 0..8
// Experience requirements are rounded down to one of these steps (years).
constexpr std::array<float, 8> kExperienceSteps = {0.5f, 1, 2, 3, 5, 8, 10, 15};
// Language codes of 2 or 3 letters map to ids below this bound.
constexpr uint32_t kLanguageIds = 27 * 27 * 27;

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthKm = 6371.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad;
  double dlon = (lon2 - lon1) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) *
                 std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

int32_t LanguageId(const std::string& code) {
  if (code.size() < 2 || code.size() > 3) return -1;
  int32_t id = 0;
  for (size_t pos = 0; pos < 3; ++pos) {
    int digit = 0;
    if (pos < code.size()) {
      char c = code[pos];
      if (c < 'a' || c > 'z') return -1;
      digit = c - 'a' + 1;
    }
    id = id * 27 + digit;
  }
  return id;
}

void Normalize(SparseVector* v) {
  std::sort(v->begin(), v->end());
  // Merge duplicates by keeping the largest value (a feature set twice by
  // two claims of one skill counts once).
  size_t out = 0;
  for (size_t pos = 0; pos < v->size(); ++pos) {
    if (out > 0 && (*v)[out - 1].first == (*v)[pos].first) {
      (*v)[out - 1].second = std::max((*v)[out - 1].second, (*v)[pos].second);
    } else {
      (*v)[out++] = (*v)[pos];
    }
  }
  v->resize(out);
}

}  // namespace

std::string_view ToString(Block block) {
  return kBlockNames[static_cast<size_t>(block)];
}

std::string_view ToString(FilterReason reason) {
  switch (reason) {
    case FilterReason::kNone: return "none";
    case FilterReason::kLocation: return "location";
    case FilterReason::kLicence: return "licence";
    case FilterReason::kLanguage: return "language";
    case FilterReason::kExpired: return "expired";
    case FilterReason::kOccupation: return "occupation";
    case FilterReason::kClosed: return "closed";
  }
  return "none";
}

std::string_view ToString(ProximityReason reason) {
  switch (reason) {
    case ProximityReason::kNone: return "none";
    case ProximityReason::kSame: return "same occupation";
    case ProximityReason::kCloseMobility: return "close mobility link";
    case ProximityReason::kEvolutionMobility: return "evolution mobility link";
    case ProximityReason::kSkillProfile: return "similar skills";
    case ProximityReason::kSameArea: return "same professional area";
    case ProximityReason::kSameDomain: return "same domain";
  }
  return "none";
}

float Dot(const SparseVector& a, const SparseVector& b) {
  float sum = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (a[i].first > b[j].first) {
      ++j;
    } else {
      sum += a[i].second * b[j].second;
      ++i;
      ++j;
    }
  }
  return sum;
}

// ------------------------------------------------------------ config JSON

Result<ScoringConfig> ScoringConfig::FromJson(const nlohmann::json& json,
                                              const std::string& where) {
  ScoringConfig config;
  if (!json.is_object()) {
    return Status::DataError(where + ": expected a JSON object");
  }
  // `unit`: the value must lie in [0, 1] (a credit, a share, a proximity);
  // else >= 0 (a weight that is normalised before use).
  auto number = [&](const std::string& key, const nlohmann::json& value,
                    float* out, bool unit) -> Status {
    if (!value.is_number()) {
      return Status::DataError(where + ": " + key + ": expected a number, got " +
                               DescribeJson(value));
    }
    double v = value.get<double>();
    if (unit && !(std::isfinite(v) && v >= 0 && v <= 1)) {
      return Status::DataError(where + ": " + key +
                               ": expected a number in [0, 1], got " + value.dump());
    }
    // Finite as a float too: 1e39 would be stored as inf and turn the
    // normalised weights into NaN.
    if (!std::isfinite(static_cast<float>(v)) || v < 0) {
      return Status::DataError(where + ": " + key +
                               ": expected a number >= 0, got " + DescribeJson(value));
    }
    *out = static_cast<float>(v);
    return Status::Ok();
  };
  auto boolean = [&](const std::string& key, const nlohmann::json& value,
                     bool* out) -> Status {
    if (!value.is_boolean()) {
      return Status::DataError(where + ": " + key + ": expected true or false, got " +
                               DescribeJson(value));
    }
    *out = value.get<bool>();
    return Status::Ok();
  };
  // In [0, 1]: each is a credit, a relative weight, a proximity or a
  // threshold on one, and the score stays in [0, 1] only if they do.
  const std::map<std::string, float*> unit_numbers = {
      {"no_data_credit", &config.no_data_credit},
      {"inferred_skills_weight", &config.inferred_skills_weight},
      {"optional_weight", &config.optional_weight},
      {"lower_level_credit", &config.lower_level_credit},
      {"declared_credit", &config.declared_credit},
      {"related_skill_credit", &config.related_skill_credit},
      {"related_min_similarity", &config.related_min_similarity},
      {"next_target_weight", &config.next_target_weight},
      {"past_occupation_weight", &config.past_occupation_weight},
      {"proximity_close_first", &config.proximity_close_first},
      {"proximity_close_step", &config.proximity_close_step},
      {"proximity_close_floor", &config.proximity_close_floor},
      {"proximity_evolution", &config.proximity_evolution},
      {"proximity_skills", &config.proximity_skills},
      {"proximity_same_area", &config.proximity_same_area},
      {"proximity_same_domain", &config.proximity_same_domain},
      {"education_one_below_credit", &config.education_one_below_credit},
      {"min_occupation_proximity", &config.min_occupation_proximity}};
  // >= 0: weights of a weighted mean (normalised) and ranking bonuses of
  // SimilarOccupations, which is not the score.
  const std::map<std::string, float*> numbers = {
      {"skill_words_weight", &config.skill_words_weight},
      {"title_words_weight", &config.title_words_weight},
      {"similar_same_area_bonus", &config.similar_same_area_bonus},
      {"similar_same_domain_bonus", &config.similar_same_domain_bonus}};
  const std::map<std::string, bool*> booleans = {
      {"filter_location", &config.filter_location},
      {"filter_licence", &config.filter_licence},
      {"filter_language", &config.filter_language},
      {"filter_expired", &config.filter_expired},
      {"filter_closed", &config.filter_closed}};
  for (const auto& [key, value] : json.items()) {
    if (auto unit = unit_numbers.find(key); unit != unit_numbers.end()) {
      SKILLMATCH_RETURN_IF_ERROR(number(key, value, unit->second, true));
    } else if (auto it = numbers.find(key); it != numbers.end()) {
      SKILLMATCH_RETURN_IF_ERROR(number(key, value, it->second, false));
    } else if (auto b = booleans.find(key); b != booleans.end()) {
      SKILLMATCH_RETURN_IF_ERROR(boolean(key, value, b->second));
    } else if (key == "related_per_skill") {
      if (!value.is_number_integer() || value.get<int>() < 0 ||
          value.get<int>() > 100) {
        return Status::DataError(where + ": related_per_skill: expected an "
                                 "integer from 0 to 100, got " + DescribeJson(value));
      }
      config.related_per_skill = value.get<int>();
    } else if (key == "today") {
      // null: the system date, as when the key is absent.
      if (value.is_null()) {
        config.today.reset();
        continue;
      }
      std::optional<Date> day;
      if (value.is_string()) day = Date::Parse(value.get<std::string>());
      if (!day) {
        return Status::DataError(where + ": today: expected a date " +
                                 std::string(Date::kForm) + ", got " + value.dump());
      }
      config.today = day;
    } else if (key == "weights") {
      if (!value.is_object()) {
        return Status::DataError(where + ": weights: expected an object");
      }
      for (const auto& [block, weight] : value.items()) {
        auto name = std::find(kBlockNames.begin(), kBlockNames.end(), block);
        if (name == kBlockNames.end()) {
          return Status::DataError(where + ": weights: unknown block '" +
                                   block + "'");
        }
        SKILLMATCH_RETURN_IF_ERROR(number(
            "weights." + block, weight,
            &config.weights[static_cast<size_t>(name - kBlockNames.begin())],
            false));
      }
      float total = 0;
      for (float block_weight : config.weights) total += block_weight;
      if (!(total > 0)) {
        return Status::DataError(where + ": weights: expected at least one "
                                 "block weight > 0, got " + value.dump());
      }
    } else {
      return Status::DataError(where + ": unknown key '" + key + "'");
    }
  }
  return config;
}

nlohmann::ordered_json ScoringConfig::ToJson() const {
  nlohmann::ordered_json out;
  nlohmann::ordered_json w;
  for (int block = 0; block < kBlockCount; ++block) {
    w[std::string(kBlockNames[block])] = weights[block];
  }
  out["weights"] = w;
  out["no_data_credit"] = no_data_credit;
  out["inferred_skills_weight"] = inferred_skills_weight;
  out["optional_weight"] = optional_weight;
  out["lower_level_credit"] = lower_level_credit;
  out["declared_credit"] = declared_credit;
  out["related_skill_credit"] = related_skill_credit;
  out["related_per_skill"] = related_per_skill;
  out["related_min_similarity"] = related_min_similarity;
  out["next_target_weight"] = next_target_weight;
  out["past_occupation_weight"] = past_occupation_weight;
  out["proximity_close_first"] = proximity_close_first;
  out["proximity_close_step"] = proximity_close_step;
  out["proximity_close_floor"] = proximity_close_floor;
  out["proximity_evolution"] = proximity_evolution;
  out["proximity_skills"] = proximity_skills;
  out["skill_words_weight"] = skill_words_weight;
  out["title_words_weight"] = title_words_weight;
  out["proximity_same_area"] = proximity_same_area;
  out["proximity_same_domain"] = proximity_same_domain;
  out["education_one_below_credit"] = education_one_below_credit;
  out["similar_same_area_bonus"] = similar_same_area_bonus;
  out["similar_same_domain_bonus"] = similar_same_domain_bonus;
  out["filter_location"] = filter_location;
  out["filter_licence"] = filter_licence;
  out["filter_language"] = filter_language;
  out["filter_expired"] = filter_expired;
  out["filter_closed"] = filter_closed;
  out["min_occupation_proximity"] = min_occupation_proximity;
  out["today"] = today ? nlohmann::ordered_json(today->ToString())
                      : nlohmann::ordered_json();
  return out;
}

// ------------------------------------------------------------ the scorer

struct Scorer::Impl {
  const Taxonomy* taxonomy = nullptr;
  ScoringConfig config;
  std::array<float, kBlockCount> weight{};  // normalised block weights
  std::string today_text;  // config.today as YYYY-MM-DD, for the filter
  // Occupations: slot <-> node.
  std::vector<int32_t> slot_of_node;  // -1 for non-occupations
  std::vector<NodeIndex> node_of_slot;
  size_t occ_count = 0;
  std::vector<float> proximity;             // slot x slot, row = profile's
  std::vector<ProximityReason> reason;      // same layout
  std::vector<float> skill_cosine;          // slot x slot
  std::vector<float> similarity;            // slot x slot, in [0, 1]
  // Related skills: skill -> (skill, similarity), best first; only skills
  // of the same kind (soft with soft, the others together), so that a credit
  // in a skills block comes only from a claim of that block's kind.
  std::vector<std::vector<std::pair<SkillIndex, float>>> related;
  // Per occupation slot, its essential skills: [0] technical and knowledge,
  // [1] soft; they stand in for an offer's skills of that kind when it
  // lists none (ScoringConfig::inferred_skills_weight).
  std::vector<std::array<std::vector<SkillIndex>, 2>> essentials;
  // Feature layout.
  uint32_t base_occ = 0, base_skill = 0, base_lang = 0, base_edu = 0,
           base_exp = 0, feature_count = 0;

  // Position of (a, b) in the slot x slot matrices (proximity, reason,
  // skill_cosine, similarity); -1 unless both nodes are occupations.
  int64_t Cell(NodeIndex a, NodeIndex b) const {
    int32_t sa = slot_of_node[a], sb = slot_of_node[b];
    if (sa < 0 || sb < 0) return -1;
    return static_cast<int64_t>(sa) * static_cast<int64_t>(occ_count) + sb;
  }
  static uint32_t None(Block b) { return 2 * static_cast<uint32_t>(b); }
  static uint32_t Unknown(Block b) { return 2 * static_cast<uint32_t>(b) + 1; }
  uint32_t SkillFeature(SkillIndex skill, int level) const {
    return base_skill + static_cast<uint32_t>(skill) * kSkillLevels +
           static_cast<uint32_t>(std::clamp(level, 1, kSkillLevels) - 1);
  }
  uint32_t LanguageFeature(int32_t lang, int level) const {
    return base_lang + static_cast<uint32_t>(lang) * kLanguageLevels +
           static_cast<uint32_t>(std::clamp(level, 1, kLanguageLevels) - 1);
  }
  bool IsSoft(SkillIndex skill) const {
    return taxonomy->skill(skill).kind == classification::SkillKind::kSoft;
  }
  // The block of a skill's features: its kind decides, not the list that
  // names it.
  Block SkillBlock(SkillIndex skill) const {
    return IsSoft(skill) ? Block::kSoftSkills : Block::kSkills;
  }
  Block BlockOf(uint32_t feature) const {
    if (feature < base_occ) return static_cast<Block>(feature / 2);
    if (feature < base_skill) return Block::kOccupation;
    if (feature < base_lang) {
      return SkillBlock(static_cast<SkillIndex>((feature - base_skill) / kSkillLevels));
    }
    if (feature < base_edu) return Block::kLanguages;
    if (feature < base_exp) return Block::kEducation;
    return Block::kExperience;
  }
  void Build();
  void BuildProximity();
  void BuildRelatedSkills();
  // Profile's skill credits: skill -> (credit at each level, source skill).
  struct SkillCredit {
    std::array<float, kSkillLevels> credit{};
    SkillIndex via = classification::kNoSkill;
  };
  std::unordered_map<SkillIndex, SkillCredit> SkillCredits(
      const Profile& profile) const;
  // Occupation weights of a profile: slot -> weight (sums to 1).
  std::vector<std::pair<int32_t, float>> OccupationWeights(
      const Profile& profile) const;
  // What an offer asks in the skills block or the soft skills block: its
  // skills of that kind from either list, in list order (skills, then
  // soft_skills); when there are none, its occupation's essential skills of
  // that kind, marked inferred. Codes the taxonomy does not know are kept
  // (skill = kNoSkill) for the explanation, in the block of the list that
  // names them; they add nothing to psi.
  struct Requirement {
    SkillIndex skill = classification::kNoSkill;
    std::string skill_id;
    bool essential = true;
    int min_level = 0;
    bool inferred = false;  // from the occupation, not asked by the offer
  };
  struct BlockRequirements {
    std::vector<Requirement> list;
    bool inferred = false;
    bool asks() const {
      return std::any_of(list.begin(), list.end(), [](const Requirement& r) {
        return r.skill != classification::kNoSkill;
      });
    }
  };
  // [0] the skills block, [1] the soft skills block.
  std::array<BlockRequirements, 2> SkillRequirements(const Offer& offer) const;
};

void Scorer::Impl::Build() {
  const Taxonomy& tax = *taxonomy;
  float total = 0;
  for (float w : config.weights) total += w;
  for (int block = 0; block < kBlockCount; ++block) {
    weight[block] = total > 0 ? config.weights[block] / total : 0;
  }
  slot_of_node.assign(tax.node_count(), -1);
  for (NodeIndex node : tax.occupations()) {
    slot_of_node[node] = static_cast<int32_t>(node_of_slot.size());
    node_of_slot.push_back(node);
  }
  occ_count = node_of_slot.size();
  essentials.assign(occ_count, {});
  for (size_t slot = 0; slot < occ_count; ++slot) {
    for (const auto& link : tax.SkillsOf(node_of_slot[slot])) {
      if (link.relation != classification::SkillRelation::kEssential) continue;
      essentials[slot][IsSoft(link.skill) ? 1 : 0].push_back(link.skill);
    }
  }
  base_occ = 2 * kBlockCount;
  base_skill = base_occ + static_cast<uint32_t>(occ_count);
  base_lang = base_skill + static_cast<uint32_t>(tax.skill_count()) * kSkillLevels;
  base_edu = base_lang + kLanguageIds * kLanguageLevels;
  base_exp = base_edu + kEducationLevels;
  feature_count = base_exp + static_cast<uint32_t>(kExperienceSteps.size());
  BuildProximity();
  BuildRelatedSkills();
}

namespace {
// Cosines between all pairs of `profiles` (row = one profile: feature ->
// weight), each feature weighted by its IDF log(n / df), through an inverted
// index. Returns an n x n row-major matrix; 0 where either profile is empty.
std::vector<float> IdfCosines(
    const std::vector<std::vector<std::pair<uint32_t, float>>>& profiles,
    size_t feature_count) {
  const size_t n = profiles.size();
  std::vector<float> df(feature_count, 0);
  for (const auto& profile : profiles) {
    for (const auto& [feature, weight] : profile) df[feature] += 1;
  }
  std::vector<std::vector<std::pair<int32_t, float>>> by_feature(feature_count);
  std::vector<float> norm(n, 0);
  for (size_t row = 0; row < n; ++row) {
    for (const auto& [feature, weight] : profiles[row]) {
      float w = weight * std::log(static_cast<float>(n) / df[feature]);
      if (w <= 0) continue;
      by_feature[feature].emplace_back(static_cast<int32_t>(row), w);
      norm[row] += w * w;
    }
  }
  std::vector<float> cosine(n * n, 0);
  for (const auto& list : by_feature) {
    for (const auto& [a, wa] : list) {
      for (const auto& [b, wb] : list) cosine[a * n + b] += wa * wb;
    }
  }
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b < n; ++b) {
      float d = std::sqrt(norm[a] * norm[b]);
      cosine[a * n + b] = d > 0 ? std::min(cosine[a * n + b] / d, 1.0f) : 0;
    }
  }
  return cosine;
}
}  // namespace

void Scorer::Impl::BuildProximity() {
  const Taxonomy& tax = *taxonomy;
  const size_t n = occ_count;
  // Three profiles per occupation, each IDF-weighted and compared by cosine
  // through an inverted index (feature -> occupations), so the cost follows
  // the shared features, not n^2 x features.
  std::vector<std::vector<std::pair<uint32_t, float>>> skills(n), skill_words(n),
      title_words(n);
  std::unique_ptr<text::Normalizer> normalizer =
      text::Normalizer::Create(tax.main_language());
  std::unordered_map<std::string, uint32_t> stem_ids;
  auto add_words = [&](std::string_view label, float weight,
                       std::map<uint32_t, float>* counts) {
    for (std::string& stem : normalizer->Normalize(label).stems) {
      auto [it, added] =
          stem_ids.try_emplace(std::move(stem), static_cast<uint32_t>(stem_ids.size()));
      (*counts)[it->second] += weight;
    }
  };
  for (size_t slot = 0; slot < n; ++slot) {
    const NodeIndex node = node_of_slot[slot];
    std::map<uint32_t, float> word_counts, title_counts;
    for (const auto& link : tax.SkillsOf(node)) {
      skills[slot].emplace_back(static_cast<uint32_t>(link.skill), link.EffectiveWeight());
      if (config.skill_words_weight > 0 &&
          tax.skill(link.skill).kind != classification::SkillKind::kSoft) {
        add_words(tax.SkillName(link.skill, tax.main_language()),
                  link.EffectiveWeight(), &word_counts);
      }
    }
    if (config.title_words_weight > 0) {
      add_words(tax.node(node).label, 1.0f, &title_counts);
    }
    // Words repeated over many skill labels count sublinearly (1 + log of
    // the weights' sum). A word named only by minor skills (weights summing
    // below 1) counts the square root of that sum: counting it 1, as a main
    // skill's word, let two occupations with the same skills and swapped
    // weights look alike (engine/match/README.md, "Quality: occupation
    // similarity": the power 0.5 chosen among 0, 0.5 and 1 on ROME v3's
    // "Proche" links).
    for (const auto& [word, count] : word_counts) {
      skill_words[slot].emplace_back(
          word, count < 1.0f ? std::sqrt(count) : 1.0f + std::log(count));
    }
    for (const auto& [word, count] : title_counts) title_words[slot].emplace_back(word, 1.0f);
  }
  skill_cosine = IdfCosines(skills, tax.skill_count());
  similarity = skill_cosine;
  float total = 1;
  for (auto [weight, profiles] :
       {std::pair{config.skill_words_weight, &skill_words},
        std::pair{config.title_words_weight, &title_words}}) {
    if (weight <= 0) continue;
    std::vector<float> cosines = IdfCosines(*profiles, stem_ids.size());
    for (size_t cell = 0; cell < n * n; ++cell) similarity[cell] += weight * cosines[cell];
    total += weight;
  }
  for (float& value : similarity) value /= total;
  proximity.assign(n * n, 0);
  reason.assign(n * n, ProximityReason::kNone);
  auto offer = [&](size_t a, size_t b, float value, ProximityReason why) {
    if (value > proximity[a * n + b]) {
      proximity[a * n + b] = value;
      reason[a * n + b] = why;
    }
  };
  for (size_t a = 0; a < n; ++a) {
    const NodeIndex na = node_of_slot[a];
    for (size_t b = 0; b < n; ++b) {
      const NodeIndex nb = node_of_slot[b];
      if (a == b) {
        offer(a, b, 1.0f, ProximityReason::kSame);
        continue;
      }
      offer(a, b, config.proximity_skills * similarity[a * n + b],
            ProximityReason::kSkillProfile);
      const auto& node_a = tax.node(na);
      const auto& node_b = tax.node(nb);
      if (node_a.parent != kNoNode && node_a.parent == node_b.parent) {
        offer(a, b, config.proximity_same_area, ProximityReason::kSameArea);
      } else if (tax.LowestCommonAncestor(na, nb) != kNoNode) {
        offer(a, b, config.proximity_same_domain, ProximityReason::kSameDomain);
      }
    }
    for (const auto& link : tax.MobilityFrom(na)) {
      int32_t b = slot_of_node[link.to];
      if (b < 0) continue;
      if (link.kind == classification::MobilityKind::kClose) {
        float value = config.proximity_close_first;
        if (link.rank > 1) {
          value = std::max(config.proximity_close_floor,
                           value - config.proximity_close_step * (link.rank - 1));
        }
        offer(a, b, value, ProximityReason::kCloseMobility);
      } else {
        offer(a, b, config.proximity_evolution,
              ProximityReason::kEvolutionMobility);
      }
    }
  }
}

void Scorer::Impl::BuildRelatedSkills() {
  const Taxonomy& tax = *taxonomy;
  related.assign(tax.skill_count(), {});
  if (config.related_per_skill <= 0 || config.related_skill_credit <= 0) return;
  // Skills as vectors over occupations; cosine through each occupation's
  // skill list.
  std::vector<float> norm(tax.skill_count(), 0);
  for (NodeIndex node : tax.occupations()) {
    for (const auto& link : tax.SkillsOf(node)) {
      norm[link.skill] += link.EffectiveWeight() * link.EffectiveWeight();
    }
  }
  std::vector<float> acc(tax.skill_count(), 0);
  std::vector<SkillIndex> touched;
  // Occupation lists per skill.
  std::vector<std::vector<std::pair<NodeIndex, float>>> occs(tax.skill_count());
  for (NodeIndex node : tax.occupations()) {
    for (const auto& link : tax.SkillsOf(node)) {
      occs[link.skill].emplace_back(node, link.EffectiveWeight());
    }
  }
  for (size_t skill = 0; skill < tax.skill_count(); ++skill) {
    if (norm[skill] == 0) continue;
    const bool soft = IsSoft(static_cast<SkillIndex>(skill));
    for (const auto& [node, w] : occs[skill]) {
      for (const auto& link : tax.SkillsOf(node)) {
        if (link.skill == static_cast<SkillIndex>(skill)) continue;
        // A soft skill vouches for no technical one, nor the reverse: a
        // credit in a block comes from a claim of that block's kind.
        if (IsSoft(link.skill) != soft) continue;
        if (acc[link.skill] == 0) touched.push_back(link.skill);
        acc[link.skill] += w * link.EffectiveWeight();
      }
    }
    std::vector<std::pair<SkillIndex, float>> list;
    for (SkillIndex other : touched) {
      float sim = acc[other] / std::sqrt(norm[skill] * norm[other]);
      acc[other] = 0;
      if (sim >= config.related_min_similarity) list.emplace_back(other, sim);
    }
    touched.clear();
    std::sort(list.begin(), list.end(), [](const auto& x, const auto& y) {
      return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
    if (list.size() > static_cast<size_t>(config.related_per_skill)) {
      list.resize(config.related_per_skill);
    }
    related[skill] = std::move(list);
  }
}

std::unordered_map<SkillIndex, Scorer::Impl::SkillCredit>
Scorer::Impl::SkillCredits(const Profile& profile) const {
  std::unordered_map<SkillIndex, SkillCredit> credits;
  auto add_claims = [&](const std::vector<SkillClaim>& claims) {
    for (const SkillClaim& claim : claims) {
      SkillIndex skill = taxonomy->FindSkill(claim.skill_id);
      if (skill == classification::kNoSkill) continue;
      const float base = claim.validated ? 1.0f : config.declared_credit;
      SkillCredit& c = credits[skill];
      for (int level = 1; level <= kSkillLevels; ++level) {
        float value = level <= claim.level ? base : base * config.lower_level_credit;
        c.credit[level - 1] = std::max(c.credit[level - 1], value);
      }
      c.via = skill;
    }
  };
  add_claims(profile.skills);
  add_claims(profile.soft_skills);
  // Related skills of the ones held, where they are not held themselves.
  std::vector<std::pair<SkillIndex, SkillCredit>> extra;
  for (const auto& [skill, held] : credits) {
    const float best = *std::max_element(held.credit.begin(), held.credit.end());
    for (const auto& [other, sim] : related[skill]) {
      if (credits.count(other)) continue;
      SkillCredit c;
      c.credit.fill(config.related_skill_credit * sim * best);
      c.via = skill;
      extra.emplace_back(other, c);
    }
  }
  // Deterministic: the best source for each related skill, ties by index.
  std::sort(extra.begin(), extra.end(), [](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    if (x.second.credit[0] != y.second.credit[0]) {
      return x.second.credit[0] > y.second.credit[0];
    }
    return x.second.via < y.second.via;
  });
  for (const auto& [skill, c] : extra) credits.emplace(skill, c);
  return credits;
}

std::vector<std::pair<int32_t, float>> Scorer::Impl::OccupationWeights(
    const Profile& profile) const {
  std::vector<std::pair<int32_t, float>> out;
  float w = 1;
  for (const std::string& code : profile.target_occupations) {
    NodeIndex node = taxonomy->FindNode(code);
    if (node != kNoNode && slot_of_node[node] >= 0) {
      out.emplace_back(slot_of_node[node], w);
      w *= config.next_target_weight;
    }
  }
  for (const PastOccupation& past : profile.past_occupations) {
    NodeIndex node = taxonomy->FindNode(past.code);
    if (node != kNoNode && slot_of_node[node] >= 0) {
      out.emplace_back(slot_of_node[node], config.past_occupation_weight);
    }
  }
  // One occupation listed twice keeps its largest weight.
  std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second > y.second;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const auto& x, const auto& y) {
                          return x.first == y.first;
                        }),
            out.end());
  float total = 0;
  for (const auto& [slot, weight_value] : out) total += weight_value;
  for (auto& [slot, weight_value] : out) weight_value /= total;
  return out;
}

std::array<Scorer::Impl::BlockRequirements, 2> Scorer::Impl::SkillRequirements(
    const Offer& offer) const {
  std::array<BlockRequirements, 2> out;
  auto add = [&](const std::vector<RequiredSkill>& list, int list_block) {
    for (const RequiredSkill& req : list) {
      const SkillIndex skill = taxonomy->FindSkill(req.skill_id);
      const int block = skill == classification::kNoSkill
                            ? list_block
                            : (IsSoft(skill) ? 1 : 0);
      out[block].list.push_back({skill, req.skill_id, req.essential, req.min_level});
    }
  };
  add(offer.skills, 0);
  add(offer.soft_skills, 1);
  if (config.inferred_skills_weight <= 0) return out;
  const NodeIndex node = taxonomy->FindNode(offer.occupation);
  const int32_t slot = node == kNoNode ? -1 : slot_of_node[node];
  if (slot < 0) return out;
  for (int block = 0; block < 2; ++block) {
    if (out[block].asks() || essentials[slot][block].empty()) continue;
    out[block].inferred = true;
    for (SkillIndex skill : essentials[slot][block]) {
      out[block].list.push_back({skill, taxonomy->skill(skill).id, true, 0, true});
    }
  }
  return out;
}

Scorer::Scorer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Scorer::~Scorer() = default;

Result<std::unique_ptr<Scorer>> Scorer::Create(const Taxonomy& taxonomy,
                                               const ScoringConfig& config) {
  float total = 0;
  for (float w : config.weights) {
    if (!(w >= 0)) return Status::InvalidArgument("block weights must be >= 0");
    total += w;
  }
  if (total <= 0) {
    return Status::InvalidArgument("at least one block weight must be > 0");
  }
  if (taxonomy.occupations().empty()) {
    return Status::DataError(taxonomy.info().name + ": no occupations to match on");
  }
  auto impl = std::make_unique<Impl>();
  impl->taxonomy = &taxonomy;
  impl->config = config;
  // No day given: today's, never "no expiry check".
  if (!impl->config.today) impl->config.today = Date::Today();
  impl->today_text = impl->config.today->ToString();
  impl->Build();
  return std::unique_ptr<Scorer>(new Scorer(std::move(impl)));
}

SparseVector Scorer::Phi(const Profile& profile) const {
  const Impl& m = *impl_;
  SparseVector phi;
  // Every profile takes the full weight of blocks an offer says nothing of.
  for (int block = 0; block < kBlockCount; ++block) {
    phi.emplace_back(Impl::None(static_cast<Block>(block)), 1.0f);
  }
  auto unknown = [&](Block b) {
    phi.emplace_back(Impl::Unknown(b), m.config.no_data_credit);
  };
  // Occupation.
  auto occupations = m.OccupationWeights(profile);
  if (occupations.empty()) unknown(Block::kOccupation);
  for (const auto& [slot, w] : occupations) phi.emplace_back(m.base_occ + slot, w);
  // Skills (technical, knowledge and soft share the skill features; the
  // skill's kind decides the block). "No data" for a block only when no
  // claim in either list is of its kind: a soft skill listed among `skills`
  // is soft data, and the neutral share must not add to what it earns.
  bool has_kind[2] = {false, false};
  for (const auto* claims : {&profile.skills, &profile.soft_skills}) {
    for (const SkillClaim& claim : *claims) {
      const SkillIndex skill = m.taxonomy->FindSkill(claim.skill_id);
      if (skill != classification::kNoSkill) has_kind[m.IsSoft(skill) ? 1 : 0] = true;
    }
  }
  if (!has_kind[0]) unknown(Block::kSkills);
  if (!has_kind[1]) unknown(Block::kSoftSkills);
  for (const auto& [skill, credit] : m.SkillCredits(profile)) {
    for (int level = 1; level <= kSkillLevels; ++level) {
      if (credit.credit[level - 1] > 0) {
        phi.emplace_back(m.SkillFeature(skill, level), credit.credit[level - 1]);
      }
    }
  }
  // Languages.
  if (profile.languages.empty()) unknown(Block::kLanguages);
  for (const LanguageLevel& lang : profile.languages) {
    int32_t id = LanguageId(lang.code);
    if (id < 0) continue;
    for (int level = 1; level <= kLanguageLevels; ++level) {
      float value = level <= lang.level ? 1.0f : m.config.lower_level_credit;
      phi.emplace_back(m.LanguageFeature(id, level), value);
    }
  }
  // Education.
  if (!profile.education_level) {
    unknown(Block::kEducation);
  } else {
    const int e = std::clamp(*profile.education_level, 0, kEducationLevels - 1);
    for (int level = 0; level < kEducationLevels; ++level) {
      float value = level <= e ? 1.0f
                               : level == e + 1 ? m.config.education_one_below_credit
                                                : 0.0f;
      if (value > 0) phi.emplace_back(m.base_edu + level, value);
    }
  }
  // Experience.
  if (!profile.experience_years) {
    unknown(Block::kExperience);
  } else {
    const float years = static_cast<float>(std::max(0.0, *profile.experience_years));
    for (size_t step = 0; step < kExperienceSteps.size(); ++step) {
      float value = std::min(1.0f, years / kExperienceSteps[step]);
      if (value > 0) phi.emplace_back(m.base_exp + step, value);
    }
  }
  Normalize(&phi);
  return phi;
}

SparseVector Scorer::Psi(const Offer& offer) const {
  const Impl& m = *impl_;
  SparseVector psi;
  auto none = [&](Block b) { psi.emplace_back(Impl::None(b), m.weight[static_cast<int>(b)]); };
  auto unknown = [&](Block b, float share) {
    psi.emplace_back(Impl::Unknown(b), share * m.weight[static_cast<int>(b)]);
  };
  // Occupation: the proximity column of the offer's occupation.
  NodeIndex node = m.taxonomy->FindNode(offer.occupation);
  int32_t slot = node == kNoNode ? -1 : m.slot_of_node[node];
  if (slot < 0) {
    none(Block::kOccupation);
  } else {
    const float w = m.weight[static_cast<int>(Block::kOccupation)];
    unknown(Block::kOccupation, 1.0f);
    for (size_t from = 0; from < m.occ_count; ++from) {
      float p = m.proximity[from * m.occ_count + slot];
      if (p > 0) psi.emplace_back(m.base_occ + from, w * p);
    }
  }
  // Skills and soft skills: requirement weights spread over (skill, level).
  // Inferred requirements (the offer asks no skill of the kind) carry the
  // share inferred_skills_weight of the block; the rest is "not asked".
  const auto skill_requirements = m.SkillRequirements(offer);
  for (int kind = 0; kind < 2; ++kind) {
    const Block block = kind == 0 ? Block::kSkills : Block::kSoftSkills;
    const auto& reqs = skill_requirements[kind];
    std::vector<std::pair<uint32_t, float>> parts;
    float total = 0;
    for (const auto& req : reqs.list) {
      if (req.skill == classification::kNoSkill) continue;
      float r = req.essential ? 1.0f : m.config.optional_weight;
      parts.emplace_back(m.SkillFeature(req.skill, std::max(req.min_level, 1)), r);
      total += r;
    }
    if (parts.empty()) {
      none(block);
      continue;
    }
    const float share = reqs.inferred ? m.config.inferred_skills_weight : 1.0f;
    const float w = share * m.weight[static_cast<int>(block)];
    if (share < 1.0f) {
      psi.emplace_back(Impl::None(block),
                       (1.0f - share) * m.weight[static_cast<int>(block)]);
    }
    unknown(block, share);
    for (auto& [feature, r] : parts) psi.emplace_back(feature, w * r / total);
  }
  // Languages.
  {
    std::vector<uint32_t> features;
    for (const LanguageLevel& lang : offer.languages) {
      int32_t id = LanguageId(lang.code);
      if (id >= 0) features.push_back(m.LanguageFeature(id, lang.level));
    }
    if (features.empty()) {
      none(Block::kLanguages);
    } else {
      const float w = m.weight[static_cast<int>(Block::kLanguages)];
      unknown(Block::kLanguages, 1.0f);
      for (uint32_t f : features) psi.emplace_back(f, w / features.size());
    }
  }
  // Education.
  if (!offer.min_education || *offer.min_education <= 0) {
    none(Block::kEducation);
  } else {
    unknown(Block::kEducation, 1.0f);
    psi.emplace_back(m.base_edu + std::min(*offer.min_education, kEducationLevels - 1),
                     m.weight[static_cast<int>(Block::kEducation)]);
  }
  // Experience: the requirement rounded down to a step.
  int step = -1;
  if (offer.min_experience_years) {
    for (size_t s = 0; s < kExperienceSteps.size(); ++s) {
      if (*offer.min_experience_years >= kExperienceSteps[s]) step = static_cast<int>(s);
    }
  }
  if (step < 0) {
    none(Block::kExperience);
  } else {
    unknown(Block::kExperience, 1.0f);
    psi.emplace_back(m.base_exp + step, m.weight[static_cast<int>(Block::kExperience)]);
  }
  Normalize(&psi);
  return psi;
}

std::vector<Block> Scorer::InferredBlocks(const Offer& offer) const {
  std::vector<Block> out;
  const auto requirements = impl_->SkillRequirements(offer);
  if (requirements[0].inferred) out.push_back(Block::kSkills);
  if (requirements[1].inferred) out.push_back(Block::kSoftSkills);
  return out;
}

FilterReason Scorer::Filter(const Profile& profile, const Offer& offer) const {
  return Filter(profile, FilterKeys::Of(offer));
}

FilterReason Scorer::Filter(const Profile& profile, const FilterKeys& offer) const {
  const ScoringConfig& c = impl_->config;
  // Dates in records are YYYY-MM-DD (checked by the JSON codec and the
  // import), so the text compares as the day does.
  if (c.filter_closed && offer.closed && *offer.closed <= impl_->today_text) {
    return FilterReason::kClosed;
  }
  if (c.filter_expired && offer.expires && *offer.expires < impl_->today_text) {
    return FilterReason::kExpired;
  }
  if (c.filter_licence) {
    for (const std::string& licence : offer.licences_required) {
      if (std::find(profile.driving_licences.begin(), profile.driving_licences.end(),
                    licence) == profile.driving_licences.end()) {
        return FilterReason::kLicence;
      }
    }
  }
  if (c.filter_language) {
    for (const LanguageLevel& need : offer.languages) {
      bool ok = std::any_of(profile.languages.begin(), profile.languages.end(),
                            [&](const LanguageLevel& have) {
                              return have.code == need.code && have.level >= need.level;
                            });
      if (!ok) return FilterReason::kLanguage;
    }
  }
  if (c.filter_location) {
    const Location& home = profile.location;
    const Location& job = offer.location;
    const MobilityPreference& mob = profile.mobility;
    // Missing countries: nothing to check (neutral).
    if (!home.country.empty() && !job.country.empty()) {
      if (job.country != home.country) {
        bool ok = mob.international &&
                  (mob.countries.empty() ||
                   std::find(mob.countries.begin(), mob.countries.end(),
                             job.country) != mob.countries.end());
        // Both countries members on the scoring day (dated membership of
        // data/geography: Mali left ECOWAS on 2025-01-29).
        const Geography& geography = Geography::Embedded();
        for (const std::string& community : mob.communities) {
          ok = ok || (geography.InCommunity(community, home.country, *c.today) &&
                      geography.InCommunity(community, job.country, *c.today));
        }
        if (!ok) return FilterReason::kLocation;
      } else if (!mob.national && !(job.region.empty() || home.region.empty() ||
                                    job.region == home.region)) {
        // Same country, another region: within the radius if both places
        // have coordinates; with a radius but no coordinates, let it pass
        // (no data to decide on).
        if (!mob.radius_km) return FilterReason::kLocation;
        if (home.lat && home.lon && job.lat && job.lon &&
            HaversineKm(*home.lat, *home.lon, *job.lat, *job.lon) > *mob.radius_km) {
          return FilterReason::kLocation;
        }
      }
    }
  }
  if (c.min_occupation_proximity > 0 && !offer.occupation.empty()) {
    const Impl& m = *impl_;
    int32_t offer_slot = OccupationSlot(offer.occupation);
    // -1: the profile names no known occupation (no data, not filtered).
    float best = -1;
    auto consider = [&](const std::string& code) {
      int32_t slot = OccupationSlot(code);
      if (slot >= 0) best = std::max(best, m.proximity[slot * m.occ_count + offer_slot]);
    };
    if (offer_slot >= 0) {
      for (const std::string& code : profile.target_occupations) consider(code);
      for (const PastOccupation& past : profile.past_occupations) consider(past.code);
      if (best >= 0 && best < c.min_occupation_proximity) return FilterReason::kOccupation;
    }
  }
  return FilterReason::kNone;
}

float Scorer::Score(const Profile& profile, const Offer& offer) const {
  if (Filter(profile, offer) != FilterReason::kNone) return 0;
  return Dot(Phi(profile), Psi(offer));
}

Explanation Scorer::Explain(const Profile& profile, const Offer& offer) const {
  const Impl& m = *impl_;
  Explanation out;
  out.filtered = Filter(profile, offer);
  SparseVector phi = Phi(profile);
  SparseVector psi = Psi(offer);
  for (int block = 0; block < kBlockCount; ++block) {
    BlockExplanation b;
    b.block = static_cast<Block>(block);
    b.weight = m.weight[block];
    out.blocks.push_back(b);
  }
  // The same sum as Dot, split by block.
  size_t i = 0, j = 0;
  while (i < phi.size() && j < psi.size()) {
    if (phi[i].first < psi[j].first) {
      ++i;
    } else if (phi[i].first > psi[j].first) {
      ++j;
    } else {
      const uint32_t feature = phi[i].first;
      const float part = phi[i].second * psi[j].second;
      Block block = m.BlockOf(feature);
      BlockExplanation& b = out.blocks[static_cast<size_t>(block)];
      b.contribution += part;
      if (feature < m.base_occ) {
        if (feature % 2 == 0) b.no_requirement = true;
        else b.no_data = true;
      }
      ++i;
      ++j;
    }
  }
  const auto skill_requirements = m.SkillRequirements(offer);
  for (int kind = 0; kind < 2; ++kind) {
    if (!skill_requirements[kind].inferred) continue;
    // Judged on the occupation's skills, not "not asked", even when part of
    // the weight is given freely (inferred_skills_weight < 1).
    BlockExplanation& b =
        out.blocks[static_cast<size_t>(kind == 0 ? Block::kSkills : Block::kSoftSkills)];
    b.inferred = true;
    b.no_requirement = false;
  }
  if (out.filtered == FilterReason::kNone) {
    for (const auto& b : out.blocks) out.score += b.contribution;
  } else {
    for (auto& b : out.blocks) b.contribution = 0;
  }
  // Occupation: the profile occupation that brings most.
  NodeIndex offer_node = m.taxonomy->FindNode(offer.occupation);
  int32_t offer_slot = offer_node == kNoNode ? -1 : m.slot_of_node[offer_node];
  if (offer_slot >= 0) {
    float best = 0;
    for (const auto& [slot, w] : m.OccupationWeights(profile)) {
      float p = m.proximity[slot * m.occ_count + offer_slot];
      if (w * p > best) {
        best = w * p;
        out.closest_occupation = m.taxonomy->node(m.node_of_slot[slot]).code;
        out.proximity = p;
        out.proximity_reason = m.reason[slot * m.occ_count + offer_slot];
      }
    }
  }
  // Skills, requirement by requirement.
  auto credits = m.SkillCredits(profile);
  for (const auto& reqs : skill_requirements) {
    for (const auto& req : reqs.list) {
      SkillMatch sm;
      sm.skill_id = req.skill_id;
      sm.essential = req.essential;
      sm.required_level = req.min_level;
      sm.inferred = req.inferred;
      const SkillIndex skill = req.skill;
      auto it = skill == classification::kNoSkill ? credits.end() : credits.find(skill);
      if (it != credits.end()) {
        sm.credit = it->second.credit[std::clamp(req.min_level, 1, kSkillLevels) - 1];
        if (it->second.via != skill) sm.via = m.taxonomy->skill(it->second.via).id;
      }
      // Held at the level asked (validated or declared): matched; held lower,
      // or only a related skill held: partial.
      const bool held_at_level =
          it != credits.end() && it->second.via == skill &&
          sm.credit >= std::min(1.0f, m.config.declared_credit) - 1e-6f;
      if (held_at_level) {
        out.matched.push_back(sm);
      } else if (sm.credit > 0) {
        out.partial.push_back(sm);
      } else {
        out.missing.push_back(sm);
      }
    }
  }
  return out;
}

float Scorer::Proximity(NodeIndex a, NodeIndex b) const {
  const int64_t cell = impl_->Cell(a, b);
  return cell < 0 ? 0 : impl_->proximity[cell];
}

ProximityReason Scorer::ProximityWhy(NodeIndex a, NodeIndex b) const {
  const int64_t cell = impl_->Cell(a, b);
  return cell < 0 ? ProximityReason::kNone : impl_->reason[cell];
}

std::vector<std::pair<NodeIndex, float>> Scorer::SimilarOccupations(
    NodeIndex occupation, int top_k, bool skills_only) const {
  const Impl& m = *impl_;
  std::vector<std::pair<NodeIndex, float>> out;
  int32_t a = m.slot_of_node[occupation];
  if (a < 0) return out;
  for (size_t b = 0; b < m.occ_count; ++b) {
    if (static_cast<int32_t>(b) == a) continue;
    float value = m.proximity[a * m.occ_count + b];
    if (skills_only) {
      // The proximity without its mobility part.
      const NodeIndex na = m.node_of_slot[a], nb = m.node_of_slot[b];
      const auto& tax = *m.taxonomy;
      // Additive: the hierarchy breaks ties between similar skill profiles
      // rather than overriding them (a max() ranked whole areas first and
      // lost a third of the links).
      value = m.similarity[a * m.occ_count + b];
      if (tax.node(na).parent != kNoNode &&
          tax.node(na).parent == tax.node(nb).parent) {
        value += m.config.similar_same_area_bonus;
      } else if (tax.LowestCommonAncestor(na, nb) != kNoNode) {
        value += m.config.similar_same_domain_bonus;
      }
    }
    if (value > 0) out.emplace_back(m.node_of_slot[b], value);
  }
  const Taxonomy& tax = *m.taxonomy;
  std::sort(out.begin(), out.end(), [&](const auto& x, const auto& y) {
    if (x.second != y.second) return x.second > y.second;
    return tax.node(x.first).code < tax.node(y.first).code;
  });
  if (out.size() > static_cast<size_t>(std::max(top_k, 0))) out.resize(top_k);
  return out;
}

float Scorer::OccupationSimilarity(NodeIndex a, NodeIndex b) const {
  const int64_t cell = impl_->Cell(a, b);
  return cell < 0 ? 0 : impl_->similarity[cell];
}

float Scorer::SkillCosine(NodeIndex a, NodeIndex b) const {
  const int64_t cell = impl_->Cell(a, b);
  return cell < 0 ? 0 : impl_->skill_cosine[cell];
}

int32_t Scorer::OccupationSlot(const std::string& code) const {
  NodeIndex node = impl_->taxonomy->FindNode(code);
  return node == kNoNode ? -1 : impl_->slot_of_node[node];
}

bool Scorer::IsOccupationFeature(uint32_t feature) const {
  return feature >= impl_->base_occ && feature < impl_->base_skill;
}

void Scorer::OccupationScores(const SparseVector& phi,
                              std::vector<float>* per_slot) const {
  const Impl& m = *impl_;
  per_slot->assign(m.occ_count, 0);
  const float w = m.weight[static_cast<int>(Block::kOccupation)];
  for (const auto& [feature, value] : phi) {
    if (!IsOccupationFeature(feature)) continue;
    const size_t from = feature - m.base_occ;
    const float* row = &m.proximity[from * m.occ_count];
    for (size_t to = 0; to < m.occ_count; ++to) {
      // The same product as in Psi then Dot: value * (w * P[from][to]).
      if (row[to] > 0) (*per_slot)[to] += value * (w * row[to]);
    }
  }
}

const ScoringConfig& Scorer::config() const { return impl_->config; }
const Taxonomy& Scorer::taxonomy() const { return *impl_->taxonomy; }

nlohmann::ordered_json Explanation::ToJson() const {
  nlohmann::ordered_json out;
  out["score"] = score;
  if (filtered != FilterReason::kNone) out["filtered"] = std::string(ToString(filtered));
  nlohmann::ordered_json blocks_json = nlohmann::ordered_json::array();
  for (const auto& b : blocks) {
    nlohmann::ordered_json j = {{"block", std::string(ToString(b.block))},
                                {"weight", b.weight},
                                {"contribution", b.contribution}};
    if (b.no_data) j["no_data"] = true;
    if (b.no_requirement) j["no_requirement"] = true;
    if (b.inferred) j["inferred_from_occupation"] = true;
    blocks_json.push_back(j);
  }
  out["blocks"] = blocks_json;
  if (!closest_occupation.empty()) {
    out["occupation"] = {{"closest", closest_occupation},
                         {"proximity", proximity},
                         {"reason", std::string(ToString(proximity_reason))}};
  }
  auto skills = [](const std::vector<SkillMatch>& list) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& s : list) {
      nlohmann::ordered_json j = {{"skill_id", s.skill_id},
                                  {"essential", s.essential},
                                  {"credit", s.credit}};
      if (s.required_level > 0) j["required_level"] = s.required_level;
      if (!s.via.empty()) j["via"] = s.via;
      if (s.inferred) j["inferred_from_occupation"] = true;
      arr.push_back(j);
    }
    return arr;
  };
  out["matched_skills"] = skills(matched);
  out["partial_skills"] = skills(partial);
  out["missing_skills"] = skills(missing);
  return out;
}

}  // namespace skillmatch::engine
