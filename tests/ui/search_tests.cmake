# Search (ui/discovery App.search: results, suggestions, related videos; qml/Pages SearchPage, the Shell's
# suggestions, qml/Player RelatedVideos) against a real framecastd.
framecast_add_test(test_search_text unit SOURCES test_search_text.cpp LIBS framecast_ui_test_support)
framecast_add_test(test_search_models integration SOURCES test_search_models.cpp test_search_support.h
    LIBS framecast_ui_test_support PkgConfig::SQLITE3)
framecast_add_test(test_search_pages integration SOURCES test_search_pages.cpp test_search_support.h
    LIBS framecast_ui_test_support PkgConfig::SQLITE3)
