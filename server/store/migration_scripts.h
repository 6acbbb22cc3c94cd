#pragma once
// Generated at build time from server/store/sql/NNN_name.sql (see server/CMakeLists.txt).
#include <span>
#include <string_view>

namespace fc::server::store {

struct MigrationScript {
    int version = 0;
    std::string_view name;
    std::string_view sql;
};

std::span<const MigrationScript> migrationScripts();

} // namespace fc::server::store
