# ABR controllers, throughput traces, the session simulator and the offline optimum (paths relative to core/).
set(FRAMECAST_ABR_SOURCES
)
