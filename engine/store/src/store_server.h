// Private to the store: the schema step of the server's tables (migration 3,
// defined in store_accounts.cc beside the code that uses it, appended to
// kMigrations in store.cc). Described in engine/store/README.md, "Schema
// version 3".
#pragma once

namespace skillmatch::engine {

extern const char kSchemaV3Server[];
// Schema version 4, the records' time (store_spells.cc; README "Schema
// version 4").
extern const char kSchemaV4Flows[];

}  // namespace skillmatch::engine
