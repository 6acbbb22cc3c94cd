# The social layer of the client (ui/social, qml/Comments): comments, ratings, subscriptions, notifications
# and share links, against a real framecastd; and its pure parts.
framecast_add_test(test_social_text unit SOURCES test_social_text.cpp LIBS framecast_ui_test_support)
framecast_add_test(test_social_comments integration SOURCES test_social_comments.cpp test_social_support.h
    LIBS framecast_ui_test_support PkgConfig::SQLITE3)
framecast_add_test(test_social_controller integration SOURCES test_social_controller.cpp test_social_support.h
    LIBS framecast_ui_test_support PkgConfig::SQLITE3)
