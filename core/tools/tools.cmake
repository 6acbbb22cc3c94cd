# Command-line tools built on framecast_core.

# framecast-abrsim: the ABR algorithms on a directory of throughput traces (issue #5).
add_executable(framecast-abrsim tools/framecast_abrsim.cpp)
target_link_libraries(framecast-abrsim PRIVATE framecast_core)
install(TARGETS framecast-abrsim RUNTIME DESTINATION bin)
