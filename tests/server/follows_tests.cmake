# Ratings, subscriptions, notifications (docs/API.md); included by tests/server/CMakeLists.txt.
framecast_add_test(test_ratings integration SOURCES test_ratings.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_subscriptions integration SOURCES test_subscriptions.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_notifications integration SOURCES test_notifications.cpp LIBS PkgConfig::SQLITE3)
