#pragma once
// fc::playback::AudioSink over a QAudioSink. The QAudioSink lives on its own QThread in pull mode: it reads
// from a locked ring buffer that the engine's write() fills without blocking. playedFrames() — the engine's
// clock — is what the device has consumed from the ring minus what still sits in the QAudioSink's own
// buffer, sampled on the audio thread every few milliseconds and never allowed to go backwards.
// open() returns false when the system has no audio output (CI machines), and the engine runs on a wall
// clock.
#include <QByteArray>
#include <QIODevice>
#include <QThread>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "core/playback/media_sinks.h"

class QAudioSink;
class QTimer;

namespace fc::ui {

// Interleaved 16-bit PCM between the engine (write) and the QAudioSink (read). Thread-safe.
class PcmRingBuffer : public QIODevice {
public:
    explicit PcmRingBuffer(int64_t capacity_bytes);

    int64_t push(const char* data, int64_t bytes); // takes what fits; returns how much
    void clear();                                  // drops queued bytes; resets consumedBytes()
    int64_t queuedBytes() const;
    int64_t consumedBytes() const; // read by the device since the last clear()

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char* data, qint64 max_bytes) override;
    qint64 writeData(const char* data, qint64 bytes) override;

private:
    mutable std::mutex m_mutex;
    QByteArray m_buffer;
    int64_t m_readAt = 0;
    int64_t m_size = 0;
    int64_t m_consumed = 0;
};

class QtAudioSinkAdapter : public playback::AudioSink {
public:
    QtAudioSinkAdapter();
    ~QtAudioSinkAdapter() override; // stops the device and its thread

    // True when the system has a default audio output at all.
    static bool hasAudioOutput();

    bool open(int sample_rate_hz, int channels) override;
    int64_t write(const int16_t* interleaved, int64_t frames) override;
    int64_t playedFrames() const override;
    void setPaused(bool paused) override;
    void flush() override;
    void setVolume(double linear_0_to_1) override;

private:
    void closeDevice();  // audio thread
    void samplePlayed(); // audio thread: updates m_playedFrames
    template <class F> void onAudioThread(F work, bool wait);

    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread: queued work runs there
    std::unique_ptr<PcmRingBuffer> m_ring;
    QAudioSink* m_sink = nullptr; // created, used and destroyed on m_thread
    QTimer* m_clock = nullptr;    // on m_thread
    int m_bytesPerFrame = 4;
    std::atomic<int64_t> m_playedFrames{0};
    std::atomic<bool> m_open{false};
    std::atomic<double> m_volume{1.0};
};

} // namespace fc::ui
