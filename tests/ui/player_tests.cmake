# The player (ui/player, qml/Player): the controller against a real framecastd playing into a QVideoSink (and
# renewing expiring signed URLs: test_player_renewal), and its pure parts (event mapping, watched time, labels).
framecast_add_test(test_player_controller integration SOURCES test_player_controller.cpp
    LIBS framecast_ui_test_support TIMEOUT 300)
framecast_add_test(test_player_renewal integration SOURCES test_player_renewal.cpp
    LIBS framecast_ui_test_support TIMEOUT 300)
framecast_add_test(test_player_reporter unit SOURCES test_player_reporter.cpp
    LIBS framecast_ui_test_support)
framecast_add_test(test_player_sinks unit SOURCES test_player_sinks.cpp
    LIBS framecast_ui_test_support)
framecast_add_test(test_audio_device integration SOURCES test_audio_device.cpp
    LIBS framecast_ui_test_support TIMEOUT 300)
