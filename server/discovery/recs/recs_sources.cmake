# framecast_recs: the recommendation model (no SQLite, no Beast, no threads of its own), the offline evaluation
# (metrics, temporal split, baselines, synthetic logs) and the framecast-receval tool. Included by
# server/CMakeLists.txt.
add_library(framecast_recs STATIC
    discovery/recs/rec_builder.cpp
    discovery/recs/rec_index.cpp
)
target_include_directories(framecast_recs PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(framecast_recs PUBLIC Threads::Threads)
