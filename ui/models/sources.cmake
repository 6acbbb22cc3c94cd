# ui/models: list models shared by features (a server list read page by page; video cards); included by
# ui/CMakeLists.txt.
set(FRAMECAST_UI_MODELS_SOURCES
    models/json_list_model.h models/json_list_model.cpp
    models/video_list_model.h models/video_list_model.cpp
    models/relative_age.h models/relative_age.cpp
)
