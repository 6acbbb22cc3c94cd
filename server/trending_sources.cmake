# Trending, categories, shares and channel page sorts (docs/API.md §17); included by server/CMakeLists.txt.
target_sources(framecast_server_lib PRIVATE
    api/trending_api.cpp
    discovery/trending_model.cpp
    discovery/trending_service.cpp
    discovery/trending_store.cpp
)
