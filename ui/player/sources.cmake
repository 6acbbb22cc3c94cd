# ui/player sources (owned by the player feature); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_PLAYER_SOURCES
    player/qt_video_sink_adapter.h player/qt_video_sink_adapter.cpp
    player/qt_audio_sink_adapter.h player/qt_audio_sink_adapter.cpp
    player/player_reporter.h player/player_reporter.cpp
    player/player_controller.h player/player_controller.cpp
    player/player_text.h player/player_text.cpp
)
