# Discovery tests (search, docs/API.md §17); included by tests/server/CMakeLists.txt.
