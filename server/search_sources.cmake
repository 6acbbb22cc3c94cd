# Search and suggestions (docs/API.md §17); included by server/CMakeLists.txt.
target_sources(framecast_server_lib PRIVATE
    api/search_api.cpp
    discovery/search_functions.cpp
    discovery/search_highlight.cpp
    discovery/search_query.cpp
    discovery/search_repository.cpp
    discovery/search_service.cpp
    discovery/search_service_upkeep.cpp
    discovery/search_suggestions.cpp
    discovery/search_tokenizer.cpp
    discovery/search_vocabulary.cpp
)
