// Geographic mismatch: Duncan's dissimilarity index between the regional
// distribution of an occupation's offers and that of its jobseekers.
//
//   D = 1/2 * sum over regions r of | o_r / O - j_r / J |
//
// with o_r the offers and j_r the jobseekers of the occupation in region r,
// O and J their totals. D is 0 when both are spread alike, 1 when no region
// has both; it is the share of jobseekers (or of offers) that would have to
// move for the two distributions to match. Undefined when O or J is 0.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "skillmatch/classification/status.h"
#include "skillmatch/stats/cube.h"

namespace skillmatch::engine::stats {

// The index of two distributions over the same units (same length).
std::optional<double> DuncanIndex(std::span<const int64_t> offers,
                                  std::span<const int64_t> jobseekers);

enum class MismatchBasis {
  kFlows,   // new offers and new jobseekers of the period (default)
  kStocks,  // open offers and registered jobseekers at the period's end
};

struct MismatchRow {
  std::string occupation;
  Period period;
  std::optional<double> index;  // D
  int64_t offers = 0;           // O
  int64_t jobseekers = 0;       // J
  int units = 0;                // geographic units with an offer or a jobseeker
  Quality quality = Quality::kFewRecords;  // on min(O, J)
};

struct MismatchTable {
  Provenance provenance;
  GeographyLevel geography_level = GeographyLevel::kRegion;
  MismatchBasis basis = MismatchBasis::kFlows;
  std::vector<MismatchRow> rows;  // by occupation, then period
};

// From a cube at some occupation level x region (or country) level: one row
// per occupation and period. InvalidArgument "geographic mismatch needs a
// cube by region or country" for a cube with GeographyLevel::kAll.
Result<MismatchTable> ComputeMismatch(
    const Cube& cube, MismatchBasis basis = MismatchBasis::kFlows);

}  // namespace skillmatch::engine::stats
