# Recommendations and related videos over the pure model in discovery/recs (docs/API.md §17); included by
# server/CMakeLists.txt.
target_sources(framecast_server_lib PRIVATE
    api/recommendations_api.cpp
    discovery/recommendation_service.cpp
    discovery/recs_feed_cache.cpp
    discovery/recs_model_keeper.cpp
    discovery/recs_pages.cpp
    discovery/recs_repository.cpp
)
target_link_libraries(framecast_server_lib PUBLIC framecast_recs)
