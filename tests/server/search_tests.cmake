# Discovery tests (search, docs/API.md §17); included by tests/server/CMakeLists.txt.
framecast_add_test(test_search_unit unit SOURCES test_search_unit.cpp LIBS framecast_server_lib)
framecast_add_test(test_search integration SOURCES test_search.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_search_visibility integration SOURCES test_search_visibility.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_search_suggest integration SOURCES test_search_suggest.cpp LIBS PkgConfig::SQLITE3)
