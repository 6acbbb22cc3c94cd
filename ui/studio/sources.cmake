# ui/studio sources (owned by the studio feature); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_STUDIO_SOURCES
    studio/studio_controller.h studio/studio_controller.cpp
    studio/my_videos_model.h studio/my_videos_model.cpp
    studio/video_row.h studio/video_row.cpp
    studio/video_filter_model.h studio/video_filter_model.cpp
    studio/thumbnail_choices_model.h studio/thumbnail_choices_model.cpp
    studio/api_image_provider.h studio/api_image_provider.cpp
)
