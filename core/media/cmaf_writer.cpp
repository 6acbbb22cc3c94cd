#include "core/media/cmaf_writer.h"

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

extern "C" {
#include <libavutil/opt.h>
}

namespace fc::media {
namespace {

constexpr int kAvioBufferBytes = 1 << 16;

uint32_t readBigEndian32(const char* bytes) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes);
    return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | uint32_t(b[3]);
}

// With delay_moov the muxer emits ftyp+moov together with the first fragment: everything before the first
// 'styp'/'sidx'/'moof' box is the init segment.
size_t initSegmentLength(std::string_view bytes) {
    size_t offset = 0;
    while (offset + 8 <= bytes.size()) {
        const uint32_t size = readBigEndian32(bytes.data() + offset);
        const std::string_view type = bytes.substr(offset + 4, 4);
        if (type == "moof" || type == "styp" || type == "sidx" || type == "emsg" || size < 8)
            return offset;
        offset += size;
    }
    return std::min(offset, bytes.size());
}

} // namespace

Result<void> writeFileAtomically(const std::string& path, std::string_view bytes) {
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return makeError("write_failed", "cannot create " + temporary);
    size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n <= 0) {
            ::close(fd);
            ::unlink(temporary.c_str());
            return makeError("write_failed", "cannot write " + temporary);
        }
        written += static_cast<size_t>(n);
    }
    ::fdatasync(fd);
    ::close(fd);
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        ::unlink(temporary.c_str());
        return makeError("write_failed", "cannot rename " + temporary);
    }
    return {};
}

std::string CmafWriter::segmentFileName(int number) {
    char name[32];
    std::snprintf(name, sizeof name, "seg_%05d.m4s", number);
    return name;
}

int CmafWriter::onWrite(void* opaque, uint8_t* data, int size) {
    static_cast<CmafWriter*>(opaque)->m_pending.append(reinterpret_cast<const char*>(data), size);
    return size;
}

Result<std::unique_ptr<CmafWriter>>
CmafWriter::open(const std::string& directory, const AVCodecContext* encoder, int first_segment_number) {
    std::unique_ptr<CmafWriter> writer(new CmafWriter());
    writer->m_directory = directory;
    writer->m_nextNumber = first_segment_number;
    writer->m_encoderTimeBase = encoder->time_base;

    AVFormatContext* raw = nullptr;
    if (int rc = avformat_alloc_output_context2(&raw, nullptr, "mp4", nullptr); rc < 0)
        return makeError("mux_failed", "mp4 muxer unavailable: " + avErrorText(rc));
    writer->m_format.reset(raw);
    auto* buffer = static_cast<unsigned char*>(av_malloc(kAvioBufferBytes));
    raw->pb =
        avio_alloc_context(buffer, kAvioBufferBytes, 1, writer.get(), nullptr, &CmafWriter::onWrite, nullptr);
    raw->flags |= AVFMT_FLAG_CUSTOM_IO;

    AVStream* stream = avformat_new_stream(raw, nullptr);
    if (!stream)
        return makeError("mux_failed", "cannot add a stream");
    if (int rc = avcodec_parameters_from_context(stream->codecpar, encoder); rc < 0)
        return makeError("mux_failed", "codec parameters: " + avErrorText(rc));
    stream->time_base = encoder->time_base;
    if (encoder->codec_type == AVMEDIA_TYPE_VIDEO)
        stream->avg_frame_rate = encoder->framerate;

    AVDictionary* options = nullptr;
    // frag_custom: we decide where fragments end (segment boundaries); delay_moov: the moov (with its edit
    // list for B-frame delay) is written once the first fragment's timing is known; cmaf/dash:
    // CMAF-compatible boxes.
    av_dict_set(&options, "movflags",
                "+frag_custom+dash+cmaf+delay_moov+skip_sidx+skip_trailer+default_base_moof", 0);
    // B-frame reordering and AAC priming start the first packets before zero; an edit list in the init
    // segment says so, keeping video and audio in step (the muxer would otherwise start video two frames
    // late).
    av_dict_set(&options, "use_editlist", "1", 0);
    const int rc = avformat_write_header(raw, &options);
    av_dict_free(&options);
    if (rc < 0)
        return makeError("mux_failed", "cannot start the mp4 muxer: " + avErrorText(rc));
    writer->m_timescale = stream->time_base.den;
    return writer;
}

CmafWriter::~CmafWriter() {
    if (m_format && m_format->pb) {
        av_freep(&m_format->pb->buffer);
        avio_context_free(&m_format->pb);
    }
}

Result<void> CmafWriter::write(AVPacket* packet) {
    AVStream* stream = m_format->streams[0];
    av_packet_rescale_ts(packet, m_encoderTimeBase, stream->time_base);
    packet->stream_index = 0;
    const int64_t pts = packet->pts;
    const int64_t end = pts + std::max<int64_t>(packet->duration, 0);
    if (!m_segmentHasSamples) {
        m_segmentStartPts = pts;
        m_segmentEndPts = end;
        m_segmentHasSamples = true;
    } else {
        m_segmentStartPts = std::min(m_segmentStartPts, pts);
        m_segmentEndPts = std::max(m_segmentEndPts, end);
    }
    if (int rc = av_write_frame(m_format.get(), packet); rc < 0)
        return makeError("mux_failed", "cannot write a packet: " + avErrorText(rc));
    return {};
}

Result<void> CmafWriter::writeInit(std::string_view bytes) {
    if (auto written = writeFileAtomically(m_directory + "/" + kInitFileName, bytes); !written)
        return written;
    m_initWritten = true;
    return {};
}

Result<std::optional<SegmentInfo>> CmafWriter::cut() {
    if (!m_segmentHasSamples)
        return std::optional<SegmentInfo>();
    if (int rc = av_write_frame(m_format.get(), nullptr); rc < 0) // flush one fragment
        return makeError("mux_failed", "cannot end a fragment: " + avErrorText(rc));
    avio_flush(m_format->pb);
    // With delay_moov the first flush writes only ftyp+moov; the samples come out with a second flush.
    if (!m_initWritten && initSegmentLength(m_pending) == m_pending.size()) {
        if (int rc = av_write_frame(m_format.get(), nullptr); rc < 0)
            return makeError("mux_failed", "cannot end a fragment: " + avErrorText(rc));
        avio_flush(m_format->pb);
    }
    std::string_view bytes = m_pending;
    if (!m_initWritten) {
        const size_t init_length = initSegmentLength(bytes);
        if (auto written = writeInit(bytes.substr(0, init_length)); !written)
            return written.error();
        bytes.remove_prefix(init_length);
    }
    SegmentInfo segment;
    segment.number = m_nextNumber++;
    segment.start_pts = m_segmentStartPts;
    segment.duration = m_segmentEndPts - m_segmentStartPts;
    segment.size_bytes = static_cast<int64_t>(bytes.size());
    if (auto written = writeFileAtomically(m_directory + "/" + segmentFileName(segment.number), bytes);
        !written)
        return written.error();
    m_pending.clear();
    m_segmentHasSamples = false;
    return std::optional<SegmentInfo>(segment);
}

Result<std::optional<SegmentInfo>> CmafWriter::finish() {
    if (m_finished)
        return std::optional<SegmentInfo>();
    auto last = cut();
    m_finished = true;
    av_write_trailer(m_format.get()); // skip_trailer: writes nothing but frees the muxer's state
    m_pending.clear();
    return last;
}

} // namespace fc::media
