# Ratings, subscriptions, notifications (docs/API.md); included by tests/server/CMakeLists.txt.
