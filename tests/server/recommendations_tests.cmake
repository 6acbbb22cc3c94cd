# Discovery tests (recommendations, docs/API.md §17); included by tests/server/CMakeLists.txt.
