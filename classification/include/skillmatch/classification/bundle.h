// Reading and writing taxonomy bundles (format in classification/README.md).
#pragma once

#include <string>

#include "skillmatch/classification/status.h"
#include "skillmatch/classification/taxonomy.h"

namespace skillmatch::classification {

struct BundleReadOptions {
  // Null (the default): strict, the first problem is returned as the error.
  // Non-null: lenient, every problem is reported, its row is skipped, and the
  // rest is loaded. Problems that make the bundle unusable (no bundle.json,
  // a missing required file or column) are errors in both modes.
  Reporter* reporter = nullptr;
};

// Reads the bundle in folder `dir`. Error messages start with
// "<dir>/<file>:<line>:<column>: ".
[[nodiscard]] Result<Taxonomy> ReadBundle(const std::string& dir,
                                          const BundleReadOptions& options = {});

// Writes `taxonomy` as a bundle into folder `dir` (created if missing; files
// of the same names are replaced). Optional files are written only when they
// have rows. Output is deterministic: nodes, skills and links in the
// taxonomy's order.
[[nodiscard]] Status WriteBundle(const Taxonomy& taxonomy,
                                 const std::string& dir);

}  // namespace skillmatch::classification
