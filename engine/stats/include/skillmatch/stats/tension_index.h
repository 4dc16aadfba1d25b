// The composite tension index: four diagnostic components per occupation,
// each standardised across occupations over a reference period, combined with
// weights and mapped to five levels, after DARES's indicator of tension
// (published since 2021 on five levels, 1 "very low" to 5 "very high", with
// its components shown beside each level).
//
// Components, each oriented so that a higher value means more tension:
//   tension ratio        new offers / new jobseekers (DARES's first component)
//   outflow rate         exits to employment / average stock: jobseekers of an
//                        occupation leaving fast for jobs is a short queue,
//                        as DARES's "intensite d'embauches" (hires per
//                        jobseeker) reads it; kept with a + sign
//   hiring difficulty    the share of offers still unfilled 30 days after
//                        publication (Kaplan-Meier), or the median duration
//   geographic mismatch  Duncan's D between offers and jobseekers by region
// Standardisation over the reference: z_k = direction_k * (x_k - mean_k) /
// sd_k, mean and population sd across the reference's occupations that have
// the component. Score = sum_k w_k z_k / sum_k w_k over the components the
// occupation has (at least min_components of them). Levels: the score against
// four cuts, by default the quintiles of the reference's scores, kept fixed so
// that later periods are read on the reference's scale (tension can rise for
// every occupation at once).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/stats/cube.h"
#include "skillmatch/stats/mismatch.h"

namespace skillmatch::engine::stats {

enum class Component {
  kTensionRatio = 0,
  kOutflowRate,
  kHiringDifficulty,
  kGeographicMismatch,
};
inline constexpr int kComponentCount = 4;
std::string_view ComponentName(Component component);  // "tension_ratio", ...

enum class HiringDifficulty {
  kUnfilledAt30,  // S(30), share of offers unfilled 30 days on (default)
  kMedianDays,    // Kaplan-Meier median, days (none when not reached)
};

struct TensionIndexOptions {
  // Weights of the components (>= 0; not all 0). Equal by default, as DARES
  // averages its standardised components.
  std::array<double, kComponentCount> weights = {1, 1, 1, 1};
  // +1 or -1: the sign a component enters with (see the header comment).
  std::array<int, kComponentCount> directions = {1, 1, 1, 1};
  HiringDifficulty hiring_difficulty = HiringDifficulty::kUnfilledAt30;
  // An occupation with fewer components available gets no score or level.
  int min_components = 3;
  // Fixed cuts between levels 1|2|3|4|5 on the score instead of the
  // reference's quintiles; e.g. {-0.84, -0.25, 0.25, 0.84}, the quintiles of
  // a standard normal.
  std::optional<std::array<double, 4>> fixed_cuts;
  // How many components to name as explaining a level.
  int explain_top = 2;
};

// One occupation's raw components for one period.
struct TensionComponents {
  std::string occupation;
  Period period;
  std::array<std::optional<double>, kComponentCount> values;
};

// The components of every occupation and period: tension ratio, outflow rate
// and hiring difficulty from `national`, a cube at GeographyLevel::kAll (one
// cell per occupation and period), the mismatch from `mismatch` (computed
// from a cube by region over the same periods). InvalidArgument "the tension
// index needs a national cube (geography level all)" otherwise. A component
// is left empty where its figure is undefined.
Result<std::vector<TensionComponents>> GatherComponents(
    const Cube& national, const MismatchTable& mismatch,
    const TensionIndexOptions& options);

// The reference's means, standard deviations and level cuts.
struct TensionScale {
  std::vector<Period> reference_periods;
  int occupations = 0;  // with a score
  std::array<std::optional<double>, kComponentCount> means;
  // None (component left out) when fewer than two occupations have it or
  // they all share one value.
  std::array<std::optional<double>, kComponentCount> sds;
  std::array<double, 4> cuts{};
};

// InvalidArgument "no occupation of the reference has N components" when no
// score can be computed; "the weights must be >= 0 and not all 0".
Result<TensionScale> BuildTensionScale(
    std::span<const TensionComponents> reference,
    const TensionIndexOptions& options);

struct ComponentContribution {
  Component component = Component::kTensionRatio;
  double value = 0;         // raw
  double z = 0;             // oriented z-score
  double contribution = 0;  // w z / sum of the weights present
};

struct TensionLevel {
  std::string occupation;
  Period period;
  std::optional<double> score;
  std::optional<int> level;  // 1..5; none without a score
  // The components present, by decreasing |contribution| (ties, to 12
  // decimals, in component order).
  std::vector<ComponentContribution> contributions;
  // The components explaining the level: for levels 4 and 5 the largest
  // positive contributions, for 1 and 2 the largest negative ones, at most
  // explain_top; none for level 3 (no component stands out of the middle).
  std::vector<Component> explained_by;
};

// Scores `rows` (any periods) on `scale`; rows in the order given.
std::vector<TensionLevel> ScoreTension(const TensionScale& scale,
                                       std::span<const TensionComponents> rows,
                                       const TensionIndexOptions& options);

struct TensionIndex {
  Provenance provenance;  // the national cube's
  TensionScale scale;
  std::vector<TensionLevel> levels;  // every occupation and period of the cube
};

// GatherComponents, then the scale over the rows of `reference` (e.g. the
// rolling 12 months of a base year), then every row scored on it.
// InvalidArgument "the reference period 2025-Q1 is not among the cube's
// periods", or the errors above.
Result<TensionIndex> ComputeTensionIndex(
    const Cube& national, const MismatchTable& mismatch,
    const Period& reference, const TensionIndexOptions& options = {});

// The level of a score against cuts: 1 + the number of cuts below it.
int TensionLevelOf(double score, const std::array<double, 4>& cuts);

}  // namespace skillmatch::engine::stats
