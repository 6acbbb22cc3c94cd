# The Studio (ui/studio, qml/Studio) against a real framecastd.
framecast_add_test(test_studio_videos integration SOURCES test_studio_videos.cpp test_studio_support.h
    LIBS framecast_ui_test_support Qt6::Concurrent)
framecast_add_test(test_studio_page integration SOURCES test_studio_page.cpp test_studio_support.h
    LIBS framecast_ui_test_support)
