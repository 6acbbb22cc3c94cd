# framecast_recs: the recommendation model (no SQLite, no Beast, no threads of its own), the offline evaluation
# (metrics, temporal split, baselines, synthetic logs) and the framecast-receval tool. Included by
# server/CMakeLists.txt.
add_library(framecast_recs STATIC
    discovery/recs/cf_model.cpp
    discovery/recs/content_model.cpp
    discovery/recs/rec_builder.cpp
    discovery/recs/rec_index.cpp
    discovery/recs/rec_ranking.cpp
    discovery/recs/text_features.cpp
    discovery/recs/eval/evaluation.cpp
    discovery/recs/eval/interaction_log.cpp
    discovery/recs/eval/latency_bench.cpp
    discovery/recs/eval/metrics.cpp
    discovery/recs/eval/synthetic_log.cpp
    discovery/recs/eval/temporal_split.cpp
)
target_include_directories(framecast_recs PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(framecast_recs PUBLIC Threads::Threads)

add_executable(framecast-receval discovery/recs/eval/receval_main.cpp)
target_link_libraries(framecast-receval PRIVATE framecast_recs)
install(TARGETS framecast-receval RUNTIME DESTINATION bin)
