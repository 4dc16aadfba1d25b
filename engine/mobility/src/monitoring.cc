#include "skillmatch/mobility/monitoring.h"

#include <map>
#include <tuple>

namespace skillmatch::mobility {

std::vector<MonitoringRow> Monitor(const std::vector<engine::MobilityDecision>& decisions,
                                   int min_count, int* total) {
  std::map<std::tuple<std::string, std::string, std::string, std::string>, int> counts;
  for (const auto& d : decisions) {
    counts[{d.destination, d.choice, d.outcome_3m, d.outcome_6m}] += 1;
  }
  if (total) *total = static_cast<int>(decisions.size());
  std::vector<MonitoringRow> out;
  for (const auto& [key, count] : counts) {
    MonitoringRow row{std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key),
                      std::nullopt};
    if (count >= min_count) row.count = count;
    out.push_back(row);
  }
  return out;
}

}  // namespace skillmatch::mobility
