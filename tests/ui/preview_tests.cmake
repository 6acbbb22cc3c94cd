# The transcode preview (ui/preview, qml/Preview): before upload on a local clip (metrics, frames through the
# image provider, rung ranking, cancel, errors, the page), and after processing against the server's segments.
framecast_add_test(test_preview_local integration SOURCES test_preview_local.cpp
    LIBS framecast_ui_test_support)
framecast_add_test(test_preview_server integration SOURCES test_preview_server.cpp
    LIBS framecast_ui_test_support)
