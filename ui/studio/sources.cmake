# ui/studio sources (owned by the studio feature); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_STUDIO_SOURCES
    studio/studio_controller.h studio/studio_controller.cpp
)
