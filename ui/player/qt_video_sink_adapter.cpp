#include "ui/player/qt_video_sink_adapter.h"

#include <QMetaObject>
#include <QVideoFrameFormat>

#include <algorithm>
#include <cstring>

namespace fc::ui {

QVideoFrame toQVideoFrame(const playback::VideoFrame& frame) {
    const int width = frame.width();
    const int height = frame.height();
    if (width <= 0 || height <= 0)
        return {};
    QVideoFrame out(QVideoFrameFormat(QSize(width, height), QVideoFrameFormat::Format_YUV420P));
    if (!out.map(QVideoFrame::WriteOnly))
        return {};
    for (int plane = 0; plane < 3; ++plane) {
        const int plane_width = plane == 0 ? width : (width + 1) / 2;
        const int plane_height = plane == 0 ? height : (height + 1) / 2;
        const uint8_t* source = frame.plane(plane);
        uchar* target = out.bits(plane);
        const int source_stride = frame.stride(plane);
        const int target_stride = out.bytesPerLine(plane);
        if (!source || !target)
            continue;
        const size_t row_bytes = size_t(std::min({plane_width, source_stride, target_stride}));
        for (int y = 0; y < plane_height; ++y)
            std::memcpy(target + size_t(y) * size_t(target_stride),
                        source + size_t(y) * size_t(source_stride), row_bytes);
    }
    out.unmap();
    out.setStartTime(frame.ptsUs());
    return out;
}

QtVideoSinkAdapter::QtVideoSinkAdapter() = default;

QtVideoSinkAdapter::~QtVideoSinkAdapter() {
    QObject::disconnect(m_sinkDestroyed);
    std::lock_guard lock(m_state->mutex);
    m_state->detached = true;
    m_state->latest.reset();
}

void QtVideoSinkAdapter::setVideoSink(QVideoSink* sink) {
    QObject::disconnect(m_sinkDestroyed);
    if (sink) {
        // Runs on the GUI thread at the start of the sink's destruction; presentFrame posts to the sink while
        // holding the mutex, so the sink cannot be destroyed between the check and the post.
        m_sinkDestroyed = QObject::connect(sink, &QObject::destroyed, [state = m_state] {
            std::lock_guard lock(state->mutex);
            state->sink = nullptr;
            state->latest.reset();
        });
    }
    std::lock_guard lock(m_state->mutex);
    m_state->sink = sink;
}

QSize QtVideoSinkAdapter::lastFrameSize() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->last_size;
}

void QtVideoSinkAdapter::presentFrame(const playback::VideoFrame& frame) {
    m_state->presented.fetch_add(1);
    QVideoFrame copy = toQVideoFrame(frame); // outside the lock: the copy is the slow part
    if (!copy.isValid())
        return;
    std::lock_guard lock(m_state->mutex);
    m_state->last_size = copy.size();
    QVideoSink* sink = m_state->sink;
    if (!sink || m_state->detached)
        return;
    m_state->latest = std::move(copy);
    if (m_state->delivery_queued)
        return; // the queued hand-over will take this newer frame
    m_state->delivery_queued = true;
    // The sink is the context: if it is destroyed first, Qt drops the queued call.
    QMetaObject::invokeMethod(
        sink, [state = m_state] { deliver(state); }, Qt::QueuedConnection);
}

void QtVideoSinkAdapter::deliver(const std::shared_ptr<State>& state) {
    std::optional<QVideoFrame> frame;
    QVideoSink* sink = nullptr;
    {
        std::lock_guard lock(state->mutex);
        state->delivery_queued = false;
        if (state->detached)
            return;
        frame.swap(state->latest);
        sink = state->sink;
    }
    if (!frame || !sink)
        return;
    sink->setVideoFrame(*frame);
    state->shown.fetch_add(1);
}

} // namespace fc::ui
