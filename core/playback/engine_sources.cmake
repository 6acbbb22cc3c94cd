# The player engine: fetch, buffer, demux/decode, A/V sync (paths relative to core/).
set(FRAMECAST_ENGINE_SOURCES
)
