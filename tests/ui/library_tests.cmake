# The library (ui/library, qml/Pages Subscriptions + Library, the Studio's Comments tab) against a real
# framecastd.
framecast_add_test(test_library_models integration SOURCES test_library_models.cpp test_library_support.h
    LIBS framecast_ui_test_support)
framecast_add_test(test_comment_review integration SOURCES test_comment_review.cpp test_library_support.h
    LIBS framecast_ui_test_support)
framecast_add_test(test_library_pages integration SOURCES test_library_pages.cpp test_library_support.h
    LIBS framecast_ui_test_support)
framecast_add_test(test_library_text unit SOURCES test_library_text.cpp LIBS framecast_ui_test_support)
