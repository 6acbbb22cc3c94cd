# Discovery tests (trending, docs/API.md §17); included by tests/server/CMakeLists.txt.
framecast_add_test(test_trending_unit unit SOURCES test_trending_unit.cpp LIBS framecast_server_lib)
framecast_add_test(test_trending integration SOURCES test_trending.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_trending_counts integration SOURCES test_trending_counts.cpp LIBS PkgConfig::SQLITE3)
