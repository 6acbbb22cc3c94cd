# Comments and their moderation (docs/API.md §13); included by server/CMakeLists.txt.
target_sources(framecast_server_lib PRIVATE
    api/comments_api.cpp
    api/moderation_api.cpp
)
