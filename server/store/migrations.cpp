#include "server/store/migrations.h"

#include <string>

#include "core/util/log.h"
#include "server/store/migration_scripts.h"

namespace fc::server::store {

Result<int> applyMigrations(Database& database) {
    return database.write([](Connection& db) -> Result<int> {
        auto statement = db.prepare("PRAGMA user_version");
        int current = statement.step() ? static_cast<int>(statement.int64(0)) : 0;
        for (const MigrationScript& script : migrationScripts()) {
            if (script.version <= current)
                continue;
            if (auto applied = db.exec(script.sql); !applied)
                return makeError("migration_failed", "migration " + std::string(script.name) + " failed");
            if (auto set = db.exec("PRAGMA user_version = " + std::to_string(script.version)); !set)
                return set.error();
            logInfo("store: applied migration " + std::string(script.name));
            current = script.version;
        }
        return current;
    });
}

} // namespace fc::server::store
