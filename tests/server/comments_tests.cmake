# Comments and moderation (docs/API.md); included by tests/server/CMakeLists.txt.
