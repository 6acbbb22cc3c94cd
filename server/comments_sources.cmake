# Comments and their moderation (docs/API.md §13); included by server/CMakeLists.txt.
target_sources(framecast_server_lib PRIVATE
    api/comment_json.cpp
    api/comment_support.cpp
    api/comments_api.cpp
    api/moderation_api.cpp
    moderation/comment_filter.cpp
    moderation/profanity_words.cpp
    realtime/comment_events.cpp
    store/comment_cursor.cpp
    store/comment_queries.cpp
    store/comment_writes.cpp
)
