#pragma once
// fc::playback::VideoSink over a QVideoSink (a QML VideoOutput's). The engine's presenter thread copies each
// I420 picture into a QVideoFrame and leaves it as "the latest frame"; one queued call at a time hands the
// latest frame to the QVideoSink on its own (GUI) thread. Frames that arrive while a hand-over is queued
// replace the waiting one, so the presenter never waits on the GUI thread and a slow GUI shows fewer frames
// instead of falling behind.
#include <QSize>
#include <QVideoFrame>
#include <QVideoSink>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "core/playback/media_sinks.h"

namespace fc::ui {

class QtVideoSinkAdapter : public playback::VideoSink {
public:
    QtVideoSinkAdapter();
    ~QtVideoSinkAdapter() override; // frames still queued for the GUI thread are dropped

    // GUI thread. nullptr detaches (frames are then counted and dropped).
    void setVideoSink(QVideoSink* sink);

    void presentFrame(const playback::VideoFrame& frame) override; // any thread

    int64_t framesPresented() const { return m_state->presented.load(); } // by the engine
    int64_t framesShown() const { return m_state->shown.load(); }         // handed to the QVideoSink
    QSize lastFrameSize() const;

private:
    struct State {
        std::mutex mutex;
        QVideoSink* sink = nullptr; // cleared under the mutex when it is destroyed (see setVideoSink)
        std::optional<QVideoFrame> latest;
        bool delivery_queued = false;
        bool detached = false; // the adapter is gone: queued deliveries do nothing
        QSize last_size;
        std::atomic<int64_t> presented{0};
        std::atomic<int64_t> shown{0};
    };
    static void deliver(const std::shared_ptr<State>& state);

    std::shared_ptr<State> m_state = std::make_shared<State>();
    QMetaObject::Connection m_sinkDestroyed;
};

// One I420 picture copied into a new QVideoFrame (Format_YUV420P); an invalid frame if mapping failed.
QVideoFrame toQVideoFrame(const playback::VideoFrame& frame);

} // namespace fc::ui
