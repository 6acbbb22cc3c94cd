# ui/discovery, browsing (App.browse): the home feed, trending with category chips, channel pages; included by
# ui/CMakeLists.txt.
set(FRAMECAST_UI_BROWSE_SOURCES
    discovery/browse_controller.h discovery/browse_controller.cpp
)
