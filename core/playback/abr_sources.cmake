# ABR controllers, throughput traces, the session simulator and the offline optimum (paths relative to core/).
set(FRAMECAST_ABR_SOURCES
    playback/abr_bola.cpp
    playback/abr_controller.cpp
    playback/abr_framecast.cpp
    playback/abr_hlsjs.cpp
    playback/abr_spec.cpp
    playback/offline_optimum.cpp
    playback/session_simulator.cpp
    playback/throughput_estimator.cpp
    playback/trace.cpp
)
