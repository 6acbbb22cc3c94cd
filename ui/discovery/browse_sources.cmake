# ui/discovery, browsing (App.browse): the home feed, trending with category chips, channel pages; included by
# ui/CMakeLists.txt. DiscoveryVideoModel is the card model of every {"video", "score", "reason"} list.
set(FRAMECAST_UI_BROWSE_SOURCES
    discovery/browse_controller.h discovery/browse_controller.cpp
    discovery/discovery_text.h discovery/discovery_text.cpp
    discovery/discovery_video_model.h discovery/discovery_video_model.cpp
    discovery/recommendations_model.h
    discovery/trending_model.h discovery/trending_model.cpp
    discovery/categories_model.h discovery/categories_model.cpp
    discovery/channel_details.h discovery/channel_details.cpp
    discovery/channel_videos_model.h discovery/channel_videos_model.cpp
)
