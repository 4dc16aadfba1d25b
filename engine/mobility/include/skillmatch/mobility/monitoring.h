// Anonymised monitoring of migration counselling: counts of decisions by
// destination, choice and outcome, with small counts suppressed. No id,
// occupation-and-person pair or date below the month leaves it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "skillmatch/store/store.h"

namespace skillmatch::mobility {

struct MonitoringRow {
  std::string destination;
  std::string choice;
  std::string outcome_3m;  // "" = not followed up yet
  std::string outcome_6m;
  std::optional<int> count;  // none = suppressed (fewer than min_count)
};

// One row per (destination, choice, outcome at 3 months, outcome at 6
// months) met, sorted by those fields; a row counting fewer than
// `min_count` decisions (but at least one) has its count suppressed, as
// the statisticians' aggregate does (README, "Personal data").
// `total` receives the number of decisions when given.
std::vector<MonitoringRow> Monitor(const std::vector<engine::MobilityDecision>& decisions,
                                   int min_count, int* total = nullptr);

}  // namespace skillmatch::mobility
