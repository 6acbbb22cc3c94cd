# Discovery tests (recommendations, docs/API.md §17); included by tests/server/CMakeLists.txt.
# The recommendation model and its offline evaluation (framecast_recs): unit tests without a server.
framecast_add_test(test_rec_model unit SOURCES test_rec_model.cpp LIBS framecast_recs)
framecast_add_test(test_rec_eval unit SOURCES test_rec_eval.cpp LIBS framecast_recs)
# The home feed and related videos against a real framecastd (the model refreshing every second).
framecast_add_test(test_recommendations integration SOURCES test_recommendations.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_related integration SOURCES test_related.cpp LIBS PkgConfig::SQLITE3)
framecast_add_test(test_recommendations_unit unit SOURCES test_recommendations_unit.cpp LIBS framecast_server_lib)
