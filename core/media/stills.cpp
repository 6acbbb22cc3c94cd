#include "core/media/stills.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/media/cmaf_writer.h"
#include "core/media/jpeg.h"

namespace fc::media {
namespace {

std::string vttTime(double seconds) {
    const int64_t ms = static_cast<int64_t>(std::llround(seconds * 1000));
    char text[32];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld.%03lld", static_cast<long long>(ms / 3'600'000),
                  static_cast<long long>(ms / 60'000 % 60), static_cast<long long>(ms / 1000 % 60),
                  static_cast<long long>(ms % 1000));
    return text;
}

std::string sheetName(int number) {
    char name[32];
    std::snprintf(name, sizeof name, "sheet_%03d.jpg", number);
    return name;
}

void fillBlack(AVFrame* frame) {
    for (int plane = 0; plane < 3; ++plane) {
        const int rows = plane == 0 ? frame->height : (frame->height + 1) / 2;
        for (int y = 0; y < rows; ++y)
            std::memset(frame->data[plane] + y * frame->linesize[plane], plane == 0 ? 16 : 128,
                        static_cast<size_t>(frame->linesize[plane]));
    }
}

} // namespace

double stillsIntervalSeconds(double duration_s, const StillsLayout& layout) {
    return std::max(1.0, std::ceil(duration_s / layout.max_tiles));
}

LumaStats lumaStats(const AVFrame* frame) {
    LumaStats stats;
    const int w = frame->width;
    const int h = frame->height;
    if (w < 3 || h < 3)
        return stats;
    const uint8_t* y = frame->data[0];
    const int stride = frame->linesize[0];
    double sum = 0, sum_sq = 0, lap_sum = 0, lap_sq = 0;
    int64_t n = 0, lap_n = 0;
    for (int row = 1; row < h - 1; row += 2) {
        for (int col = 1; col < w - 1; col += 2) {
            const int center = y[row * stride + col];
            sum += center;
            sum_sq += double(center) * center;
            ++n;
            const int lap = y[(row - 1) * stride + col] + y[(row + 1) * stride + col] +
                            y[row * stride + col - 1] + y[row * stride + col + 1] - 4 * center;
            lap_sum += lap;
            lap_sq += double(lap) * lap;
            ++lap_n;
        }
    }
    stats.mean = sum / n;
    stats.stddev = std::sqrt(std::max(0.0, sum_sq / n - stats.mean * stats.mean));
    const double lap_mean = lap_sum / lap_n;
    stats.laplacian_variance = lap_sq / lap_n - lap_mean * lap_mean;
    return stats;
}

StillsCollector::StillsCollector(std::string thumbs_dir, std::string storyboard_dir, double duration_s,
                                 double interval_s, StillsLayout layout)
    : m_thumbsDir(std::move(thumbs_dir)), m_storyboardDir(std::move(storyboard_dir)),
      m_duration_s(duration_s), m_interval_s(interval_s), m_layout(layout) {
    for (double fraction : {0.10, 0.25, 0.50, 0.75, 0.90})
        m_targets_s.push_back(fraction * duration_s);
    m_candidates.resize(m_targets_s.size());
    m_candidateTimes_s.assign(m_targets_s.size(), -1.0);
    m_vtt = "WEBVTT\n";
}

Result<void> StillsCollector::add(const AVFrame* still, double time_s) {
    // The fps filter may emit one still at the very end; it would index a moment past the video.
    if (m_tileCount > 0 && time_s >= m_duration_s - 1e-3)
        return {};
    // Thumbnail candidates: for each target keep the still nearest to it.
    for (size_t i = 0; i < m_targets_s.size(); ++i) {
        if (m_candidateTimes_s[i] < 0 ||
            std::abs(time_s - m_targets_s[i]) < std::abs(m_candidateTimes_s[i] - m_targets_s[i])) {
            m_candidates[i] = cloneFrame(still);
            m_candidateTimes_s[i] = time_s;
        }
    }
    // Storyboard tile.
    if (!m_sheet) {
        m_tileHeight = std::max(2, static_cast<int>(std::lround(double(m_layout.tile_width) * still->height /
                                                                std::max(1, still->width) / 2.0)) *
                                       2);
        m_sheet = makeFrame();
        m_sheet->format = AV_PIX_FMT_YUV420P;
        m_sheet->width = m_layout.tile_width * m_layout.columns;
        m_sheet->height = m_tileHeight * m_layout.rows;
        if (av_frame_get_buffer(m_sheet.get(), 0) < 0)
            return makeError("storyboard_failed", "out of memory");
        fillBlack(m_sheet.get());
        m_tilesInSheet = 0;
    }
    auto tile = scaleFrame(still, m_layout.tile_width, m_tileHeight);
    if (!tile)
        return tile.error();
    const int column = m_tilesInSheet % m_layout.columns;
    const int row = m_tilesInSheet / m_layout.columns;
    for (int plane = 0; plane < 3; ++plane) {
        const int shift = plane == 0 ? 0 : 1;
        const int x = (column * m_layout.tile_width) >> shift;
        const int y0 = (row * m_tileHeight) >> shift;
        const int rows = m_tileHeight >> shift;
        const int bytes = m_layout.tile_width >> shift;
        for (int y = 0; y < rows; ++y)
            std::memcpy(m_sheet->data[plane] + (y0 + y) * m_sheet->linesize[plane] + x,
                        (*tile)->data[plane] + y * (*tile)->linesize[plane], static_cast<size_t>(bytes));
    }
    const double start = m_tileCount * m_interval_s;
    const double end = std::min(m_duration_s, start + m_interval_s);
    m_vtt += "\n" + vttTime(start) + " --> " + vttTime(std::max(end, start + 0.001)) + "\n" +
             sheetName(static_cast<int>(m_sheets.size()) + 1) +
             "#xywh=" + std::to_string(column * m_layout.tile_width) + "," +
             std::to_string(row * m_tileHeight) + "," + std::to_string(m_layout.tile_width) + "," +
             std::to_string(m_tileHeight) + "\n";
    ++m_tileCount;
    if (++m_tilesInSheet == m_layout.columns * m_layout.rows)
        return flushSheet();
    return {};
}

Result<void> StillsCollector::flushSheet() {
    if (!m_sheet || m_tilesInSheet == 0)
        return {};
    // A partly filled sheet is cropped to the rows it uses.
    const int used_rows = (m_tilesInSheet + m_layout.columns - 1) / m_layout.columns;
    FramePtr view = cloneFrame(m_sheet.get());
    view->height = used_rows * m_tileHeight;
    auto jpeg = encodeJpeg(view.get(), 4);
    if (!jpeg)
        return jpeg.error();
    const std::string name = sheetName(static_cast<int>(m_sheets.size()) + 1);
    if (auto written = writeFileAtomically(m_storyboardDir + "/" + name, *jpeg); !written)
        return written;
    m_sheets.push_back(name);
    m_sheet.reset();
    m_tilesInSheet = 0;
    return {};
}

Result<StillsResult> StillsCollector::finish() {
    if (auto flushed = flushSheet(); !flushed)
        return flushed.error();
    StillsResult result;
    result.sheets = m_sheets;
    result.tile_width = m_layout.tile_width;
    result.tile_height = m_tileHeight;
    result.columns = m_layout.columns;
    result.rows = m_layout.rows;
    result.interval_s = m_interval_s;
    if (!m_sheets.empty()) {
        result.vtt_file = "storyboard.vtt";
        if (auto written = writeFileAtomically(m_storyboardDir + "/" + result.vtt_file, m_vtt); !written)
            return written.error();
    }
    double best_score = -1;
    for (size_t i = 0; i < m_candidates.size(); ++i) {
        if (!m_candidates[i])
            continue;
        const LumaStats stats = lumaStats(m_candidates[i].get());
        ThumbnailCandidate candidate;
        candidate.file = "thumb_" + std::to_string(result.thumbnails.size() + 1) + ".jpg";
        candidate.time_s = m_candidateTimes_s[i];
        candidate.sharpness = stats.laplacian_variance;
        candidate.mean_luma = stats.mean;
        // Black or nearly uniform frames (fades, title cards on black) make poor thumbnails.
        candidate.black = stats.mean < 24 || stats.stddev < 6;
        auto jpeg = encodeJpeg(m_candidates[i].get(), 3);
        if (!jpeg)
            return jpeg.error();
        if (auto written = writeFileAtomically(m_thumbsDir + "/" + candidate.file, *jpeg); !written)
            return written.error();
        const double score = (candidate.black ? 0.0 : 1e9) + candidate.sharpness;
        if (score > best_score) {
            best_score = score;
            result.default_thumbnail = static_cast<int>(result.thumbnails.size());
        }
        result.thumbnails.push_back(candidate);
    }
    m_candidates.clear();
    return result;
}

} // namespace fc::media
