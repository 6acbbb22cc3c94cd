# ui/library sources (subscriptions feed, history, Watch later, playlists, comment review); included by ui/CMakeLists.txt.
set(FRAMECAST_UI_LIBRARY_SOURCES
)
