// Making an older store for the migration tests: a store is created at the
// latest version, then the migrations that only add (tables, columns) are
// undone in SQL, newest first, and PRAGMA user_version set back by the test.
// Keep in step with engine/store/src/store.cc's kMigrations: a new migration
// that adds something adds its undoing here.
#pragma once

namespace skillmatch::testing {

// Undoes migrations 9 (accounts.password_change_required) and 8 (notes,
// assignments); the test sets user_version to 7 or below after it.
inline constexpr char kUndoMigrations9And8[] = R"sql(
ALTER TABLE accounts DROP COLUMN password_change_required;
DROP TABLE notes;
DROP TABLE assignments;
)sql";

}  // namespace skillmatch::testing
