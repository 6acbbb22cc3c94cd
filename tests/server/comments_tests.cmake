# Comments and moderation (docs/API.md); included by tests/server/CMakeLists.txt.
framecast_add_test(test_comments integration SOURCES test_comments.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_comments_authz integration SOURCES test_comments_authz.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_comments_live integration SOURCES test_comments_live.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_comments_moderation integration SOURCES test_comments_moderation.cpp
                   LIBS PkgConfig::SQLITE3)
framecast_add_test(test_comment_filter_unit unit SOURCES test_comment_filter_unit.cpp LIBS framecast_server_lib)
