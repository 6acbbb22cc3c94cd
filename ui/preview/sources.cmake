# ui/preview sources (owned by the preview feature); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_PREVIEW_SOURCES
    preview/preview_controller.h preview/preview_controller.cpp
)
