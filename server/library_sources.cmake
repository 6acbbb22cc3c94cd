# Playlists, Watch later, history edits and share links (docs/API.md §16); included by server/CMakeLists.txt.
target_sources(framecast_server_lib PRIVATE
    api/playlists_api.cpp
    api/playlist_items_api.cpp
    api/playlist_access.cpp
    api/playlist_json.cpp
    api/history_api.cpp
    api/share_api.cpp
    api/watch_page.cpp
    store/playlist_repository.cpp
)
