#pragma once
#include "core/util/result.h"
#include "server/store/database.h"

namespace fc::server::store {

// Applies the numbered sql/NNN_name.sql files (compiled in) that the database has not seen yet, in order,
// each in its own transaction; PRAGMA user_version records the last one applied.
Result<int> applyMigrations(Database& database);

} // namespace fc::server::store
