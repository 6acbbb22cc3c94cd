# ui/discovery, searching (App.search): search results with filters, suggestions as you type, related videos
# beside the player; included by ui/CMakeLists.txt.
set(FRAMECAST_UI_SEARCH_SOURCES
    discovery/search_controller.h discovery/search_controller.cpp
    discovery/search_text.h discovery/search_text.cpp
    discovery/search_results_model.h discovery/search_results_model.cpp
    discovery/search_suggestions_model.h discovery/search_suggestions_model.cpp
    discovery/related_videos_model.h discovery/related_videos_model.cpp
)
