#include "skillmatch/stats/tension_index.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace skillmatch::engine::stats {

std::string_view ComponentName(Component component) {
  switch (component) {
    case Component::kTensionRatio:
      return "tension_ratio";
    case Component::kOutflowRate:
      return "outflow_rate";
    case Component::kHiringDifficulty:
      return "hiring_difficulty";
    case Component::kGeographicMismatch:
      return "geographic_mismatch";
  }
  return "";
}

Result<std::vector<TensionComponents>> GatherComponents(
    const Cube& national, const MismatchTable& mismatch,
    const TensionIndexOptions& options) {
  if (national.options.geography_level != GeographyLevel::kAll) {
    return Status::InvalidArgument(
        "the tension index needs a national cube (geography level all)");
  }
  std::map<std::pair<std::string, std::pair<int, int>>, std::optional<double>>
      dissimilarity;
  for (const MismatchRow& row : mismatch.rows) {
    dissimilarity[{row.occupation,
                   {row.period.first_month, row.period.last_month}}] =
        row.index;
  }
  std::vector<TensionComponents> rows;
  rows.reserve(national.cells.size());
  for (const CellStats& cell : national.cells) {
    TensionComponents row;
    row.occupation = cell.occupation;
    row.period = cell.period;
    auto at = [&row](Component component) -> std::optional<double>& {
      return row.values[static_cast<int>(component)];
    };
    at(Component::kTensionRatio) = cell.tension_ratio;
    at(Component::kOutflowRate) = cell.outflow_rate;
    if (options.hiring_difficulty == HiringDifficulty::kUnfilledAt30) {
      at(Component::kHiringDifficulty) = cell.vacancy_duration.unfilled_at_30;
    } else if (cell.vacancy_duration.median_days) {
      at(Component::kHiringDifficulty) = *cell.vacancy_duration.median_days;
    }
    auto found = dissimilarity.find(
        {cell.occupation, {cell.period.first_month, cell.period.last_month}});
    if (found != dissimilarity.end()) {
      at(Component::kGeographicMismatch) = found->second;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

struct Scored {
  std::optional<double> score;
  std::vector<ComponentContribution> contributions;
};

Scored Score(const TensionScale& scale, const TensionComponents& row,
             const TensionIndexOptions& options) {
  Scored scored;
  double weighted = 0, weights = 0;
  for (int component = 0; component < kComponentCount; ++component) {
    const double weight = options.weights[component];
    if (weight <= 0 || !row.values[component] || !scale.sds[component])
      continue;
    ComponentContribution contribution;
    contribution.component = static_cast<Component>(component);
    contribution.value = *row.values[component];
    contribution.z = options.directions[component] *
                     (contribution.value - *scale.means[component]) /
                     *scale.sds[component];
    contribution.contribution = weight * contribution.z;  // divided below
    weighted += contribution.contribution;
    weights += weight;
    scored.contributions.push_back(contribution);
  }
  if (static_cast<int>(scored.contributions.size()) < options.min_components ||
      scored.contributions.empty()) {
    return scored;
  }
  for (ComponentContribution& contribution : scored.contributions) {
    contribution.contribution /= weights;
  }
  scored.score = weighted / weights;
  // Contributions equal to 12 decimals are ties, kept in component order:
  // z-scores equal on paper differ in their last bits.
  auto key = [](const ComponentContribution& contribution) {
    return std::round(std::fabs(contribution.contribution) * 1e12);
  };
  std::stable_sort(
      scored.contributions.begin(), scored.contributions.end(),
      [&key](const ComponentContribution& a, const ComponentContribution& b) {
        return key(a) > key(b);
      });
  return scored;
}

// Hyndman and Fan's type 7 (R's default): linear between order statistics.
double Quantile(const std::vector<double>& sorted, double p) {
  const double h = (sorted.size() - 1) * p;
  const size_t below = static_cast<size_t>(std::floor(h));
  if (below + 1 >= sorted.size()) return sorted.back();
  return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
}

}  // namespace

Result<TensionScale> BuildTensionScale(
    std::span<const TensionComponents> reference,
    const TensionIndexOptions& options) {
  double weight_sum = 0;
  bool negative = false;
  for (double weight : options.weights) {
    negative = negative || weight < 0;
    weight_sum += weight;
  }
  if (negative || weight_sum <= 0) {
    return Status::InvalidArgument("the weights must be >= 0 and not all 0");
  }
  TensionScale scale;
  for (const TensionComponents& row : reference) {
    if (std::find(scale.reference_periods.begin(),
                  scale.reference_periods.end(),
                  row.period) == scale.reference_periods.end()) {
      scale.reference_periods.push_back(row.period);
    }
  }
  std::sort(scale.reference_periods.begin(), scale.reference_periods.end());
  for (int component = 0; component < kComponentCount; ++component) {
    double sum = 0;
    int count = 0;
    for (const TensionComponents& row : reference) {
      if (row.values[component]) {
        sum += *row.values[component];
        ++count;
      }
    }
    if (count == 0) continue;
    const double mean = sum / count;
    double squares = 0;
    for (const TensionComponents& row : reference) {
      if (row.values[component]) {
        squares +=
            (*row.values[component] - mean) * (*row.values[component] - mean);
      }
    }
    scale.means[component] = mean;
    const double sd = std::sqrt(squares / count);
    if (count >= 2 && sd > 0) scale.sds[component] = sd;
  }
  std::vector<double> scores;
  for (const TensionComponents& row : reference) {
    const Scored scored = Score(scale, row, options);
    if (scored.score) scores.push_back(*scored.score);
  }
  if (scores.empty()) {
    return Status::InvalidArgument("no occupation of the reference has " +
                                   std::to_string(options.min_components) +
                                   " components");
  }
  scale.occupations = static_cast<int>(scores.size());
  if (options.fixed_cuts) {
    scale.cuts = *options.fixed_cuts;
  } else {
    std::sort(scores.begin(), scores.end());
    for (int cut = 0; cut < 4; ++cut) {
      scale.cuts[cut] = Quantile(scores, 0.2 * (cut + 1));
    }
  }
  return scale;
}

int TensionLevelOf(double score, const std::array<double, 4>& cuts) {
  int level = 1;
  for (double cut : cuts) level += score > cut;
  return level;
}

std::vector<TensionLevel> ScoreTension(const TensionScale& scale,
                                       std::span<const TensionComponents> rows,
                                       const TensionIndexOptions& options) {
  std::vector<TensionLevel> levels;
  levels.reserve(rows.size());
  for (const TensionComponents& row : rows) {
    Scored scored = Score(scale, row, options);
    TensionLevel level;
    level.occupation = row.occupation;
    level.period = row.period;
    level.score = scored.score;
    if (scored.score) {
      level.level = TensionLevelOf(*scored.score, scale.cuts);
      level.contributions = std::move(scored.contributions);
      std::vector<ComponentContribution> drivers;
      for (const ComponentContribution& contribution : level.contributions) {
        if ((*level.level >= 4 && contribution.contribution > 0) ||
            (*level.level <= 2 && contribution.contribution < 0)) {
          drivers.push_back(contribution);  // already by decreasing |c|
        }
      }
      for (int driver = 0; driver < options.explain_top &&
                           driver < static_cast<int>(drivers.size());
           ++driver) {
        level.explained_by.push_back(drivers[driver].component);
      }
    }
    levels.push_back(std::move(level));
  }
  return levels;
}

Result<TensionIndex> ComputeTensionIndex(const Cube& national,
                                         const MismatchTable& mismatch,
                                         const Period& reference,
                                         const TensionIndexOptions& options) {
  SKILLMATCH_ASSIGN_OR_RETURN(rows,
                              GatherComponents(national, mismatch, options));
  std::vector<TensionComponents> reference_rows;
  for (const TensionComponents& row : rows) {
    if (row.period == reference) reference_rows.push_back(row);
  }
  if (reference_rows.empty()) {
    return Status::InvalidArgument("the reference period " + reference.Label() +
                                   " is not among the cube's periods");
  }
  TensionIndex index;
  index.provenance = national.provenance;
  SKILLMATCH_ASSIGN_OR_RETURN(scale,
                              BuildTensionScale(reference_rows, options));
  index.scale = std::move(scale);
  index.levels = ScoreTension(index.scale, rows, options);
  return index;
}

}  // namespace skillmatch::engine::stats
