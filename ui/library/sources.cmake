# ui/library sources (subscriptions feed, history, Watch later, playlists, comment review); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_LIBRARY_SOURCES
    library/library_controller.h library/library_controller.cpp
    library/library_text.h library/library_text.cpp
    library/subscriptions_feed_model.h
    library/subscribed_channels_model.h library/subscribed_channels_model.cpp
    library/history_model.h library/history_model.cpp
    library/playlists_model.h library/playlists_model.cpp
    library/playlist_items_model.h library/playlist_items_model.cpp
    library/comment_review_model.h library/comment_review_model.cpp
    library/comments_mode_setting.h library/comments_mode_setting.cpp
)
