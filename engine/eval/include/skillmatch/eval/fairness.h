// Fairness audit of rankings of jobseekers: exposure of groups in the top k,
// the four-fifths rule on their rates, score distributions per group, and
// the twin check that proves the score never reads protected attributes.
//
// Groups. Each profile falls in one group per attribute (GroupOf):
//   gender      "f", "m", "x", "unknown"
//   age_band    "15-24", "25-34", "35-44", "45-54", "55+", "unknown"
//   disability  "yes", "no", "unknown"
//   region      "<country> <region>" ("SN Dakar"), "unknown"
//   rural       "rural", "urban", "unknown"
// Region is not a protected attribute of the profile record: it is where the
// jobseeker lives, which the location filter reads on purpose. It is audited
// for exposure (a PES wants to know which regions its offers reach) but has
// no twin check.
//
// Exposure (AuditExposure), over R rankings of jobseekers (one per offer,
// the k best, rank r = 1..k):
//   appearances(g) = slots of the rankings held by members of g;
//   exposure(g)    = sum over those slots of 1 / log2(r + 1) (rank 1 counts
//                    1, rank 3 counts 0.5, as the nDCG discount);
//   shares         = appearances(g) / all slots, exposure(g) / all exposure,
//                    beside the group's share of the population;
//   rates          = appearances(g) / (members(g) * R), exposure likewise:
//                    per member and per ranking, so groups of any size
//                    compare;
//   ratios         = a group's rate / the best group's rate; below
//                    four_fifths (0.8) the group is flagged (the EEOC's
//                    four-fifths rule of thumb for selection rates). The best
//                    group is taken among groups of at least min_group_size
//                    members when there is one, since the rate of a handful
//                    of people is mostly noise.
// Differences in exposure may come from the data (groups differ in
// occupations and skills, and the offers' mix follows the labour market):
// the twin check is what shows that the score itself treats equally
// qualified people alike.
//
// Thread safety: plain functions of their arguments.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/model/model.h"
#include "skillmatch/match/retrieval.h"

namespace skillmatch::engine {

enum class AuditAttribute { kGender, kAgeBand, kDisability, kRegion, kRural };
inline constexpr int kAuditAttributeCount = 5;
inline constexpr std::array<AuditAttribute, kAuditAttributeCount>
    kAuditAttributes = {AuditAttribute::kGender, AuditAttribute::kAgeBand,
                        AuditAttribute::kDisability, AuditAttribute::kRegion,
                        AuditAttribute::kRural};
// "gender", "age_band", "disability", "region", "rural".
std::string_view ToString(AuditAttribute attribute);

// The profile's group for `attribute` (see the file comment).
std::string GroupOf(const Profile& profile, AuditAttribute attribute);

struct FairnessOptions {
  // Depth of the rankings audited: slots 1..top_k of each. Default 10 (what
  // a counsellor or an employer reads).
  int top_k = 10;
  // Bins of the score histograms over [0, 1]. Default 10.
  int histogram_bins = 10;
  // A group whose rate is below this share of the best group's is flagged.
  // Default 0.8 (the four-fifths rule).
  double four_fifths = 0.8;
  // Groups with fewer members are marked small; the best group is chosen
  // among the others when there are. Default 30.
  int64_t min_group_size = 30;
};

struct GroupAudit {
  std::string group;
  int64_t members = 0;
  double population_share = 0;
  int64_t appearances = 0;
  double appearance_share = 0;
  double appearance_rate = 0;   // per member and per ranking
  double appearance_ratio = 0;  // appearance_rate / the best group's
  double exposure = 0;
  double exposure_share = 0;
  double exposure_rate = 0;
  double exposure_ratio = 0;
  bool small = false;            // members < min_group_size
  bool appearance_flag = false;  // appearance_ratio < four_fifths
  bool exposure_flag = false;    // exposure_ratio < four_fifths
  // Scores of the group's members (those that have one), binned over [0, 1]
  // (bin b holds [b/n, (b+1)/n), the last one includes 1), their count and
  // mean.
  std::vector<int64_t> histogram;
  int64_t scored = 0;
  double mean_score = 0;
};

struct AttributeAudit {
  AuditAttribute attribute = AuditAttribute::kGender;
  std::string best_group;          // the reference of the ratios
  std::vector<GroupAudit> groups;  // by group name, byte order
};

// Audits `rankings` (each the hits of one offer's ranking of `profiles`,
// best first; hits beyond options.top_k are ignored) and the per-profile
// `scores` (same length as profiles; nullopt = none, e.g. no offer passes
// the filters), for every attribute in kAuditAttributes order.
std::vector<AttributeAudit> AuditExposure(
    const std::vector<Profile>& profiles,
    const std::vector<std::vector<Hit>>& rankings,
    const std::vector<std::optional<float>>& scores,
    const FairnessOptions& options = {});

// Every variant of `own` that changes exactly one protected attribute
// (gender, age band, disability, rural) to another of its values, the
// unset value included: gender among "", "f", "m", "x"; age band among "",
// the five bands; disability and rural among unset, false, true.
std::vector<ProtectedAttributes> TwinVariants(const ProtectedAttributes& own);

struct TwinCheck {
  int64_t profiles = 0;   // profiles checked
  int64_t twins = 0;      // twin profiles made
  int64_t pairs = 0;      // (twin, offer) scores compared
  int64_t differing = 0;  // scores not bit-identical to the original's
  // The first few differences,
  // "P00000003 gender f->m offer #12: 0.61 vs 0.62".
  std::vector<std::string> examples;
};

// The scores of one profile against every offer, in the offers' order.
using ScoreAll = std::function<std::vector<float>(const Profile& profile)>;
// Profile number `item` (0..count-1) of the check, with `attributes` in place
// of its own protected attributes when not null.
using MakeProfile =
    std::function<Profile(size_t item, const ProtectedAttributes* attributes)>;

// For profiles 0..count-1 of `make`, every TwinVariants twin is scored
// against every offer with `score_all` and compared bit for bit with the
// original's scores.
TwinCheck CheckTwins(size_t count, const MakeProfile& make,
                     const ScoreAll& score_all);

}  // namespace skillmatch::engine
