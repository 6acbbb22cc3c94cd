# The upload queue (ui/uploads, qml/Uploads): its pure rules and file format, then the queue against a real
# framecastd (uploads, form, pause/resume/cancel, failures) and its recovery (restart, server loss, expiry).
framecast_add_test(test_uploads_rules unit SOURCES test_uploads_rules.cpp LIBS framecast_ui Qt6::Test)
framecast_add_test(test_uploads_queue integration SOURCES test_uploads_queue.cpp test_uploads_support.h
    LIBS framecast_ui_test_support)
framecast_add_test(test_uploads_recovery integration SOURCES test_uploads_recovery.cpp test_uploads_support.h
    LIBS framecast_ui_test_support)
framecast_add_test(test_uploads_panel integration SOURCES test_uploads_panel.cpp test_uploads_support.h
    LIBS framecast_ui_test_support framecast_ui_driver)
