#include "skillmatch/classification/importers.h"

namespace skillmatch::classification {

Result<Taxonomy> ImportEsco(const EscoSources& sources, const ImportOptions&) {
  return Status::Internal(sources.en_dir + ": ESCO import is being written");
}

}  // namespace skillmatch::classification
