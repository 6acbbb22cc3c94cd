# Playlists, Watch later, history, share links (docs/API.md); included by tests/server/CMakeLists.txt.
