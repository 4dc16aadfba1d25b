// LoadSpells (spells.h): the store's records as the statistics' spells.
#include "skillmatch/store/spells.h"

namespace skillmatch::engine {

Result<StatsInput> LoadSpells(Store& store,
                              const classification::Taxonomy& taxonomy,
                              const LoadSpellsOptions& options) {
  (void)taxonomy;
  (void)options;
  return Status::Internal(store.path() +
                          ": reading spells is not implemented yet");
}

}  // namespace skillmatch::engine
