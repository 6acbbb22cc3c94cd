# Search and suggestions (docs/API.md §17); included by server/CMakeLists.txt.
target_sources(framecast_server_lib PRIVATE
    api/search_api.cpp
    discovery/search_service.cpp
)
