#include "skillmatch/classification/importers.h"

namespace skillmatch::classification {

Result<Taxonomy> ImportRomeV3(const std::string& dir, const ImportOptions&) {
  return Status::Internal(dir + ": ROME v3 import is being written");
}

Result<Taxonomy> ImportRomeV4(const std::string& dir, const ImportOptions&) {
  return Status::Internal(dir + ": ROME 4.0 import is being written");
}

}  // namespace skillmatch::classification
