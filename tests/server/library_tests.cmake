# Playlists, Watch later, history, share links (docs/API.md); included by tests/server/CMakeLists.txt.
framecast_add_test(test_playlists integration SOURCES test_playlists.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_history_edits integration SOURCES test_history_edits.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_share integration SOURCES test_share.cpp LIBS PkgConfig::SQLITE3)
