# ui/discovery, searching (App.search): search results with filters, suggestions as you type, related videos
# beside the player; included by ui/CMakeLists.txt.
set(FRAMECAST_UI_SEARCH_SOURCES
    discovery/search_controller.h discovery/search_controller.cpp
)
