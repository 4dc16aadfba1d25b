// Store::Open: the one place that picks a backend for a path or URL.
#include <string_view>

#include "skillmatch/store/store.h"
#include "sqlite_store.h"

namespace skillmatch::engine {

Result<std::unique_ptr<Store>> Store::Open(const std::string& path,
                                           const StoreOptions& options) {
  // A PostgreSQL backend will implement Store in its own source file and be
  // chosen here; until then a URL must not become a SQLite file of that name.
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (path.starts_with(scheme)) {
      return Status::InvalidArgument(
          path + ": PostgreSQL stores are not supported yet");
    }
  }
  return SqliteStore::Open(path, options);
}

}  // namespace skillmatch::engine
