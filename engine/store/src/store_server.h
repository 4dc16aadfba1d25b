// Private to the store: the schema step of the server's tables (migration 3,
// defined in store_accounts.cc beside the code that uses it, appended to
// kMigrations in store.cc). Described in engine/store/README.md, "Schema
// version 3".
#pragma once

namespace skillmatch::engine {

extern const char kSchemaV3Server[];
// Migration 4: regions, the TOTP second factor (store_accounts.cc).
extern const char kSchemaV4Server[];
// Migration 5, the table of migration counselling (store_mobility.cc).
extern const char kSchemaV5Mobility[];
// Schema version 6, the records' time (store_spells.cc; README "Schema
// version 6").
extern const char kSchemaV6Flows[];
// Migration 7: reserved (branch offerform); migration 8, a counsellor's
// follow-up: notes, next actions, assignments (store_followup.cc).
extern const char kSchemaV8FollowUp[];
extern const char kSchemaV9TemporaryPassword[];

}  // namespace skillmatch::engine
