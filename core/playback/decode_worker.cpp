#include "core/playback/decode_worker.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/playback/av_sync.h"

namespace fc::playback {
namespace {

constexpr size_t kMaxVideoFrames = 6;
constexpr int64_t kMaxAudioFrames = sync::kOutputRateHz / 4; // 250 ms of output

// Cuts the part of a chunk before `before_s` (seek accuracy for audio); false when nothing is left.
bool trimChunk(AudioChunk& chunk, double before_s) {
    const double chunk_end_s = chunk.media_start_s + double(chunk.frames) * chunk.speed / sync::kOutputRateHz;
    if (chunk_end_s <= before_s)
        return false;
    if (chunk.media_start_s >= before_s)
        return true;
    const auto cut = std::min<int64_t>(
        chunk.frames, std::llround((before_s - chunk.media_start_s) / chunk.speed * sync::kOutputRateHz));
    chunk.samples.erase(chunk.samples.begin(), chunk.samples.begin() + cut * sync::kOutputChannels);
    chunk.frames -= cut;
    chunk.media_start_s += double(cut) * chunk.speed / sync::kOutputRateHz;
    return chunk.frames > 0;
}

} // namespace

DecodeWorker::DecodeWorker(TrackKind kind, SegmentFetcher& fetcher, double frame_interval_s,
                           std::function<void()> wake, std::function<void(const std::string&)> fail)
    : m_kind(kind), m_fetcher(fetcher), m_frame_interval_s(frame_interval_s), m_wake(std::move(wake)),
      m_fail(std::move(fail)) {}

DecodeWorker::~DecodeWorker() {
    stop();
}

void DecodeWorker::start(uint64_t generation, double discard_before_s) {
    m_generation = generation;
    m_discard_before_s = discard_before_s;
    m_thread = std::thread([this] { run(); });
}

void DecodeWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_fetcher.cancelWaiters();
    if (m_thread.joinable())
        m_thread.join();
}

void DecodeWorker::restart(uint64_t generation, double discard_before_s) {
    {
        std::lock_guard lock(m_mutex);
        m_generation = generation;
        m_discard_before_s = discard_before_s;
        m_queue.clear();
        m_queued_audio_frames = 0;
    }
    m_changed.notify_all();
    m_fetcher.cancelWaiters();
}

bool DecodeWorker::current(uint64_t generation) const {
    std::lock_guard lock(m_mutex);
    return !m_stop && m_generation == generation;
}

std::optional<DecodedItem> DecodeWorker::take() {
    std::optional<DecodedItem> item;
    {
        std::lock_guard lock(m_mutex);
        while (!m_queue.empty() && m_queue.front().generation != m_generation)
            m_queue.pop_front();
        if (m_queue.empty())
            return std::nullopt;
        item = std::move(m_queue.front());
        m_queue.pop_front();
        m_queued_audio_frames -= item->chunk.frames;
    }
    m_changed.notify_all();
    return item;
}

size_t DecodeWorker::queued() const {
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

std::string DecodeWorker::codecName() const {
    std::lock_guard lock(m_mutex);
    return m_codec_name;
}

bool DecodeWorker::push(DecodedItem item, uint64_t generation) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] {
        if (m_stop || m_generation != generation)
            return true;
        return m_kind == TrackKind::Video ? m_queue.size() < kMaxVideoFrames
                                          : m_queued_audio_frames < kMaxAudioFrames;
    });
    if (m_stop || m_generation != generation)
        return false;
    m_queued_audio_frames += item.chunk.frames;
    item.generation = generation;
    m_queue.push_back(std::move(item));
    lock.unlock();
    m_wake();
    return true;
}

void DecodeWorker::run() {
    uint64_t generation = 0;
    while (true) {
        double discard_before_s = 0;
        {
            std::lock_guard lock(m_mutex);
            if (m_stop)
                return;
            if (generation != m_generation) { // a seek: start clean
                generation = m_generation;
                m_audio.reset();
            }
            discard_before_s = m_discard_before_s;
        }
        std::optional<FetchedSegment> segment = m_fetcher.pop(generation);
        if (!segment)
            continue; // stopped (checked above) or superseded by a seek
        if (segment->end_of_stream) {
            if (m_kind == TrackKind::Audio) {
                std::vector<AudioChunk> tail;
                (void)m_audio.finish(tail);
                for (AudioChunk& chunk : tail)
                    if (trimChunk(chunk, discard_before_s))
                        push(DecodedItem{0, false, nullptr, 0, 0, {}, std::move(chunk)}, generation);
            }
            DecodedItem end;
            end.end_of_stream = true;
            push(std::move(end), generation);
            continue;
        }
        std::vector<AudioChunk> chunks;
        auto decoded =
            m_decoder.decode(segment->init, segment->data, [&](media::FramePtr frame, double pts_s) {
                if (!current(generation))
                    return false;
                if (m_kind == TrackKind::Video) {
                    // Accurate seek: frames wholly before the target are decoded (references) but not shown.
                    if (pts_s < discard_before_s - m_frame_interval_s / 2)
                        return true;
                    DecodedItem item;
                    item.pts_s = pts_s;
                    item.rung = segment->rung;
                    item.reason = segment->reason;
                    item.frame =
                        std::make_unique<DecodedVideoFrame>(std::move(frame), std::llround(pts_s * 1e6));
                    return push(std::move(item), generation);
                }
                chunks.clear();
                if (auto pushed = m_audio.push(frame.get(), pts_s, m_speed, chunks); !pushed) {
                    m_fail(pushed.error().message);
                    return false;
                }
                for (AudioChunk& chunk : chunks)
                    if (trimChunk(chunk, discard_before_s) &&
                        !push(DecodedItem{0, false, nullptr, 0, 0, {}, std::move(chunk)}, generation))
                        return false;
                return true;
            });
        {
            std::lock_guard lock(m_mutex);
            m_codec_name = m_decoder.codecName();
        }
        if (!decoded && current(generation)) {
            m_fail(decoded.error().message);
            std::unique_lock lock(m_mutex); // a failed session idles until stopped
            m_changed.wait(lock, [&] { return m_stop; });
            return;
        }
    }
}

} // namespace fc::playback
