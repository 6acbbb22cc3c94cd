# Browsing (ui/discovery App.browse; qml/Pages Home, Trending, Channel) against a real framecastd with a
# small corpus written into its database (hence sqlite3).
framecast_add_test(test_browse_text unit SOURCES test_browse_text.cpp LIBS framecast_ui_test_support)
framecast_add_test(test_browse_models integration SOURCES test_browse_models.cpp test_browse_support.h
    LIBS framecast_ui_test_support PkgConfig::SQLITE3)
framecast_add_test(test_browse_pages integration SOURCES test_browse_pages.cpp test_browse_support.h
    LIBS framecast_ui_test_support PkgConfig::SQLITE3)
