#include "ui/player/qt_audio_sink_adapter.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QMediaDevices>
#include <QMetaObject>
#include <QTimer>

#include <algorithm>
#include <cstring>

namespace fc::ui {
namespace {
constexpr double kRingSeconds = 1.0; // what the engine may queue ahead of the device
constexpr int kClockInterval_ms = 5; // how often the played position is sampled
} // namespace

// --- PcmRingBuffer -------------------------------------------------------------------------------------

PcmRingBuffer::PcmRingBuffer(int64_t capacity_bytes) : m_buffer(qsizetype(capacity_bytes), '\0') {}

int64_t PcmRingBuffer::push(const char* data, int64_t bytes) {
    bool was_empty = false;
    int64_t taken = 0;
    {
        std::lock_guard lock(m_mutex);
        was_empty = m_size == 0;
        const int64_t capacity = m_buffer.size();
        taken = std::min(bytes, capacity - m_size);
        for (int64_t done = 0; done < taken;) {
            const int64_t at = (m_readAt + m_size) % capacity;
            const int64_t chunk = std::min(taken - done, capacity - at);
            std::memcpy(m_buffer.data() + at, data + done, size_t(chunk));
            done += chunk;
            m_size += chunk;
        }
    }
    // A QAudioSink that found the ring empty stops pulling until readyRead: without it the sound (and the
    // engine's clock) would stay stopped after any underrun. Emitted unlocked; queued to the sink's thread.
    if (taken > 0 && was_empty)
        emit readyRead();
    return taken;
}

void PcmRingBuffer::clear() {
    std::lock_guard lock(m_mutex);
    m_readAt = 0;
    m_size = 0;
    m_consumed = 0;
}

int64_t PcmRingBuffer::queuedBytes() const {
    std::lock_guard lock(m_mutex);
    return m_size;
}

int64_t PcmRingBuffer::consumedBytes() const {
    std::lock_guard lock(m_mutex);
    return m_consumed;
}

qint64 PcmRingBuffer::bytesAvailable() const {
    return queuedBytes() + QIODevice::bytesAvailable();
}

qint64 PcmRingBuffer::readData(char* data, qint64 max_bytes) {
    std::lock_guard lock(m_mutex);
    const int64_t capacity = m_buffer.size();
    const int64_t taken = std::min<int64_t>(max_bytes, m_size);
    for (int64_t done = 0; done < taken;) {
        const int64_t chunk = std::min(taken - done, capacity - m_readAt);
        std::memcpy(data + done, m_buffer.constData() + m_readAt, size_t(chunk));
        m_readAt = (m_readAt + chunk) % capacity;
        m_size -= chunk;
        done += chunk;
    }
    m_consumed += taken;
    return taken; // 0 when empty: an underrun, the device plays silence and asks again
}

qint64 PcmRingBuffer::writeData(const char*, qint64) {
    return -1; // the engine writes through push()
}

// --- QtAudioSinkAdapter --------------------------------------------------------------------------------

QtAudioSinkAdapter::QtAudioSinkAdapter() {
    m_thread.setObjectName(QStringLiteral("framecast-audio"));
    m_context = new QObject; // moved to the thread, deleted there when it finishes
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

QtAudioSinkAdapter::~QtAudioSinkAdapter() {
    onAudioThread([this] { closeDevice(); }, true);
    m_thread.quit();
    m_thread.wait();
}

bool QtAudioSinkAdapter::hasAudioOutput() {
    return !QMediaDevices::defaultAudioOutput().isNull();
}

template <class F> void QtAudioSinkAdapter::onAudioThread(F work, bool wait) {
    if (QThread::currentThread() == &m_thread) {
        work();
        return;
    }
    QMetaObject::invokeMethod(m_context, std::move(work),
                              wait ? Qt::BlockingQueuedConnection : Qt::QueuedConnection);
}

bool QtAudioSinkAdapter::open(int sample_rate_hz, int channels) {
    if (sample_rate_hz <= 0 || channels <= 0)
        return false;
    bool ok = false;
    onAudioThread(
        [&] {
            closeDevice();
            const QAudioDevice device = QMediaDevices::defaultAudioOutput();
            if (device.isNull())
                return;
            QAudioFormat format;
            format.setSampleRate(sample_rate_hz);
            format.setChannelCount(channels);
            format.setSampleFormat(QAudioFormat::Int16);
            if (!device.isFormatSupported(format))
                return;
            m_bytesPerFrame = format.bytesPerFrame();
            m_ring =
                std::make_unique<PcmRingBuffer>(int64_t(kRingSeconds * sample_rate_hz) * m_bytesPerFrame);
            m_ring->open(QIODevice::ReadOnly);
            m_sink = new QAudioSink(device, format, m_context);
            m_sink->setVolume(float(m_volume.load()));
            m_sink->start(m_ring.get());
            if (m_sink->error() != QAudio::NoError) {
                closeDevice();
                return;
            }
            m_clock = new QTimer(m_context);
            m_clock->setInterval(kClockInterval_ms);
            QObject::connect(m_clock, &QTimer::timeout, m_context, [this] { samplePlayed(); });
            m_clock->start();
            m_playedFrames = 0;
            m_open = true;
            ok = true;
        },
        true);
    return ok;
}

void QtAudioSinkAdapter::closeDevice() {
    m_open = false;
    delete m_clock;
    m_clock = nullptr;
    if (m_sink) {
        m_sink->stop();
        delete m_sink;
        m_sink = nullptr;
    }
    m_ring.reset();
}

void QtAudioSinkAdapter::samplePlayed() {
    if (!m_sink || !m_ring)
        return;
    // What left our ring minus what the QAudioSink still holds unplayed.
    const int64_t in_device = std::max<int64_t>(0, int64_t(m_sink->bufferSize()) - m_sink->bytesFree());
    const int64_t played = std::max<int64_t>(0, m_ring->consumedBytes() - in_device) / m_bytesPerFrame;
    if (played > m_playedFrames.load())
        m_playedFrames = played;
}

int64_t QtAudioSinkAdapter::write(const int16_t* interleaved, int64_t frames) {
    if (!m_open || !m_ring || frames <= 0)
        return 0;
    const int64_t bytes = m_ring->push(reinterpret_cast<const char*>(interleaved), frames * m_bytesPerFrame);
    return bytes / m_bytesPerFrame;
}

int64_t QtAudioSinkAdapter::playedFrames() const {
    return m_playedFrames.load();
}

void QtAudioSinkAdapter::setPaused(bool paused) {
    onAudioThread(
        [this, paused] {
            if (!m_sink)
                return;
            if (paused)
                m_sink->suspend();
            else
                m_sink->resume();
        },
        false);
}

void QtAudioSinkAdapter::flush() {
    // Blocking: the engine expects playedFrames() to restart at 0 as soon as this returns.
    onAudioThread(
        [this] {
            if (!m_sink || !m_ring)
                return;
            const bool suspended = m_sink->state() == QAudio::SuspendedState;
            m_sink->stop(); // drops the device's own buffer
            m_ring->clear();
            m_playedFrames = 0;
            m_sink->start(m_ring.get());
            if (suspended)
                m_sink->suspend();
        },
        true);
}

void QtAudioSinkAdapter::setVolume(double linear_0_to_1) {
    m_volume = std::clamp(linear_0_to_1, 0.0, 1.0);
    onAudioThread(
        [this] {
            if (m_sink)
                m_sink->setVolume(float(m_volume.load()));
        },
        false);
}

} // namespace fc::ui
