#include "skillmatch/stats/mismatch.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace skillmatch::engine::stats {

std::optional<double> DuncanIndex(std::span<const int64_t> offers,
                                  std::span<const int64_t> jobseekers) {
  int64_t offer_total = 0, jobseeker_total = 0;
  for (int64_t count : offers) offer_total += count;
  for (int64_t count : jobseekers) jobseeker_total += count;
  if (offer_total == 0 || jobseeker_total == 0) return std::nullopt;
  double sum = 0;
  for (size_t unit = 0; unit < offers.size(); ++unit) {
    sum += std::fabs(static_cast<double>(offers[unit]) / offer_total -
                     static_cast<double>(jobseekers[unit]) / jobseeker_total);
  }
  return sum / 2;
}

Result<MismatchTable> ComputeMismatch(const Cube& cube, MismatchBasis basis) {
  if (cube.options.geography_level == GeographyLevel::kAll) {
    return Status::InvalidArgument(
        "geographic mismatch needs a cube by region or country");
  }
  MismatchTable table;
  table.provenance = cube.provenance;
  table.geography_level = cube.options.geography_level;
  table.basis = basis;
  // Cells are sorted by occupation, geography, period: one occupation's cells
  // are contiguous, and within it each geography holds every period once.
  size_t begin = 0;
  std::vector<int64_t> offers, jobseekers;
  while (begin < cube.cells.size()) {
    size_t end = begin;
    while (end < cube.cells.size() &&
           cube.cells[end].occupation == cube.cells[begin].occupation) {
      ++end;
    }
    for (size_t period_idx = 0; period_idx < cube.periods.size();
         ++period_idx) {
      offers.clear();
      jobseekers.clear();
      MismatchRow row;
      row.occupation = cube.cells[begin].occupation;
      row.period = cube.periods[period_idx];
      for (size_t cell_idx = begin + period_idx; cell_idx < end;
           cell_idx += cube.periods.size()) {
        const CellStats& cell = cube.cells[cell_idx];
        const bool flows = basis == MismatchBasis::kFlows;
        offers.push_back(flows ? cell.new_offers : cell.open_offers_end);
        jobseekers.push_back(flows ? cell.new_jobseekers : cell.jobseekers_end);
        row.offers += offers.back();
        row.jobseekers += jobseekers.back();
        row.units += offers.back() > 0 || jobseekers.back() > 0;
      }
      row.index = DuncanIndex(offers, jobseekers);
      row.quality = std::min(row.offers, row.jobseekers) >=
                            cube.options.quality.min_records
                        ? Quality::kReliable
                        : Quality::kFewRecords;
      table.rows.push_back(std::move(row));
    }
    begin = end;
  }
  return table;
}

}  // namespace skillmatch::engine::stats
