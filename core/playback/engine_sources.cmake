# The player engine: fetch, buffer, demux/decode, A/V sync (paths relative to core/).
set(FRAMECAST_ENGINE_SOURCES
    playback/audio_pipeline.cpp
    playback/av_sync.cpp
    playback/decode_worker.cpp
    playback/fetch_failure.cpp
    playback/hw_decode.cpp
    playback/player_core.cpp
    playback/player_engine.cpp
    playback/segment_crypto.cpp
    playback/segment_decoder.cpp
    playback/segment_fetcher.cpp
)
