# ui/preview sources (owned by the preview feature); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_PREVIEW_SOURCES
    preview/preview_controller.h preview/preview_controller.cpp
    preview/preview_image_provider.h preview/preview_image_provider.cpp
    preview/preview_job.h preview/preview_job.cpp
    preview/preview_rung_model.h preview/preview_rung_model.cpp
    preview/preview_text.h preview/preview_text.cpp
)
