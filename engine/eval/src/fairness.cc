#include "skillmatch/eval/fairness.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <map>

namespace skillmatch::engine {

namespace {

std::string Flag(const std::optional<bool>& value, const char* yes,
                 const char* no) {
  if (!value) return "unknown";
  return *value ? yes : no;
}

std::string AttributeText(const ProtectedAttributes& a, int which) {
  auto flag = [](const std::optional<bool>& value) -> std::string {
    if (!value) return "unset";
    return *value ? "true" : "false";
  };
  switch (which) {
    case 0:
      return a.gender.empty() ? "unset" : a.gender;
    case 1:
      return a.age_band.empty() ? "unset" : a.age_band;
    case 2:
      return flag(a.disability);
    default:
      return flag(a.rural);
  }
}

constexpr const char* kTwinAttributeNames[] = {"gender", "age_band",
                                               "disability", "rural"};

// Which protected attribute differs between two variants (exactly one does).
int Differing(const ProtectedAttributes& a, const ProtectedAttributes& b) {
  if (a.gender != b.gender) return 0;
  if (a.age_band != b.age_band) return 1;
  if (a.disability != b.disability) return 2;
  return 3;
}

}  // namespace

std::string_view ToString(AuditAttribute attribute) {
  switch (attribute) {
    case AuditAttribute::kGender:
      return "gender";
    case AuditAttribute::kAgeBand:
      return "age_band";
    case AuditAttribute::kDisability:
      return "disability";
    case AuditAttribute::kRegion:
      return "region";
    case AuditAttribute::kRural:
      return "rural";
  }
  return "";
}

std::string GroupOf(const Profile& profile, AuditAttribute attribute) {
  const ProtectedAttributes& a = profile.protected_attributes;
  switch (attribute) {
    case AuditAttribute::kGender:
      return a.gender.empty() ? "unknown" : a.gender;
    case AuditAttribute::kAgeBand:
      return a.age_band.empty() ? "unknown" : a.age_band;
    case AuditAttribute::kDisability:
      return Flag(a.disability, "yes", "no");
    case AuditAttribute::kRegion: {
      const Location& where = profile.location;
      if (where.country.empty() && where.region.empty()) return "unknown";
      if (where.region.empty()) return where.country;
      return where.country + " " + where.region;
    }
    case AuditAttribute::kRural:
      return Flag(a.rural, "rural", "urban");
  }
  return "unknown";
}

std::vector<AttributeAudit> AuditExposure(
    const std::vector<Profile>& profiles,
    const std::vector<std::vector<Hit>>& rankings,
    const std::vector<std::optional<float>>& scores,
    const FairnessOptions& options) {
  const int bins = std::max(1, options.histogram_bins);
  // Slots and discounts once: the same for every attribute.
  std::vector<int64_t> appearances(profiles.size(), 0);
  std::vector<double> exposure(profiles.size(), 0);
  int64_t total_slots = 0;
  double total_exposure = 0;
  for (const std::vector<Hit>& ranking : rankings) {
    const size_t depth = std::min(
        ranking.size(), static_cast<size_t>(std::max(0, options.top_k)));
    for (size_t rank = 1; rank <= depth; ++rank) {
      const int32_t profile = ranking[rank - 1].index;
      const double discount = 1.0 / std::log2(static_cast<double>(rank) + 1.0);
      ++appearances[profile];
      exposure[profile] += discount;
      ++total_slots;
      total_exposure += discount;
    }
  }
  const double ranking_count = static_cast<double>(rankings.size());

  std::vector<AttributeAudit> audits;
  for (AuditAttribute attribute : kAuditAttributes) {
    std::map<std::string, GroupAudit> groups;
    std::map<std::string, double> score_sums;
    for (size_t profile = 0; profile < profiles.size(); ++profile) {
      const std::string group = GroupOf(profiles[profile], attribute);
      GroupAudit& g = groups[group];
      if (g.histogram.empty()) {
        g.group = group;
        g.histogram.assign(bins, 0);
      }
      ++g.members;
      g.appearances += appearances[profile];
      g.exposure += exposure[profile];
      if (profile < scores.size() && scores[profile]) {
        const double score = std::clamp<double>(*scores[profile], 0.0, 1.0);
        const int bin = std::min(bins - 1, static_cast<int>(score * bins));
        ++g.histogram[bin];
        ++g.scored;
        score_sums[group] += score;
      }
    }
    AttributeAudit audit;
    audit.attribute = attribute;
    bool any_large = false;
    for (auto& [name, g] : groups) {
      g.population_share = static_cast<double>(g.members) / profiles.size();
      g.appearance_share =
          total_slots > 0 ? static_cast<double>(g.appearances) / total_slots
                          : 0;
      g.exposure_share = total_exposure > 0 ? g.exposure / total_exposure : 0;
      const double denominator = g.members * ranking_count;
      g.appearance_rate = denominator > 0 ? g.appearances / denominator : 0;
      g.exposure_rate = denominator > 0 ? g.exposure / denominator : 0;
      g.small = g.members < options.min_group_size;
      g.mean_score = g.scored > 0 ? score_sums[name] / g.scored : 0;
      any_large = any_large || !g.small;
    }
    // The reference: the best appearance rate among large groups (all
    // groups when none is large); ties to the first name.
    const GroupAudit* best = nullptr;
    for (const auto& [name, g] : groups) {
      if (any_large && g.small) continue;
      if (best == nullptr || g.appearance_rate > best->appearance_rate)
        best = &g;
    }
    double best_exposure_rate = 0;
    for (const auto& [name, g] : groups) {
      if (any_large && g.small) continue;
      best_exposure_rate = std::max(best_exposure_rate, g.exposure_rate);
    }
    audit.best_group = best != nullptr ? best->group : "";
    const double best_rate = best != nullptr ? best->appearance_rate : 0;
    for (auto& [name, g] : groups) {
      g.appearance_ratio = best_rate > 0 ? g.appearance_rate / best_rate : 0;
      g.exposure_ratio =
          best_exposure_rate > 0 ? g.exposure_rate / best_exposure_rate : 0;
      g.appearance_flag =
          best_rate > 0 && g.appearance_ratio < options.four_fifths;
      g.exposure_flag =
          best_exposure_rate > 0 && g.exposure_ratio < options.four_fifths;
      audit.groups.push_back(std::move(g));
    }
    audits.push_back(std::move(audit));
  }
  return audits;
}

std::vector<ProtectedAttributes> TwinVariants(const ProtectedAttributes& own) {
  std::vector<ProtectedAttributes> variants;
  for (const char* gender : {"", "f", "m", "x"}) {
    if (own.gender == gender) continue;
    ProtectedAttributes twin = own;
    twin.gender = gender;
    variants.push_back(twin);
  }
  for (const char* band : {"", "15-24", "25-34", "35-44", "45-54", "55+"}) {
    if (own.age_band == band) continue;
    ProtectedAttributes twin = own;
    twin.age_band = band;
    variants.push_back(twin);
  }
  const std::optional<bool> flags[] = {std::nullopt, false, true};
  for (const std::optional<bool>& flag : flags) {
    if (own.disability == flag) continue;
    ProtectedAttributes twin = own;
    twin.disability = flag;
    variants.push_back(twin);
  }
  for (const std::optional<bool>& flag : flags) {
    if (own.rural == flag) continue;
    ProtectedAttributes twin = own;
    twin.rural = flag;
    variants.push_back(twin);
  }
  return variants;
}

TwinCheck CheckTwins(size_t count, const MakeProfile& make,
                     const ScoreAll& score_all) {
  constexpr size_t kExamples = 5;
  TwinCheck check;
  for (size_t item = 0; item < count; ++item) {
    const Profile original = make(item, nullptr);
    const std::vector<float> expected = score_all(original);
    ++check.profiles;
    for (const ProtectedAttributes& attributes :
         TwinVariants(original.protected_attributes)) {
      const Profile twin = make(item, &attributes);
      const std::vector<float> got = score_all(twin);
      ++check.twins;
      const int which = Differing(original.protected_attributes, attributes);
      for (size_t offer = 0; offer < expected.size(); ++offer) {
        ++check.pairs;
        const bool same =
            offer < got.size() && std::bit_cast<uint32_t>(got[offer]) ==
                                      std::bit_cast<uint32_t>(expected[offer]);
        if (same) continue;
        ++check.differing;
        if (check.examples.size() < kExamples) {
          char text[256];
          std::snprintf(
              text, sizeof text, "%s %s %s->%s offer #%zu: %.9g vs %.9g",
              original.id.c_str(), kTwinAttributeNames[which],
              AttributeText(original.protected_attributes, which).c_str(),
              AttributeText(attributes, which).c_str(), offer,
              static_cast<double>(expected[offer]),
              offer < got.size() ? static_cast<double>(got[offer]) : 0.0);
          check.examples.push_back(text);
        }
      }
    }
  }
  return check;
}

}  // namespace skillmatch::engine
