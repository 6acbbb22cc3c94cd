# Ratings, subscriptions and notifications (docs/API.md §14–15); included by server/CMakeLists.txt.
target_sources(framecast_server_lib PRIVATE
    api/ratings_api.cpp
    api/subscriptions_api.cpp
    api/notifications_api.cpp
    store/notification_repository.cpp
    store/rating_repository.cpp
    store/subscription_repository.cpp
    realtime/notification_events.cpp
)
