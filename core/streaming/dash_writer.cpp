#include "core/streaming/dash_writer.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include <pugixml.hpp>

#include "core/streaming/manifest_text.h"
#include "core/util/time.h"

namespace fc::streaming {
namespace {

constexpr const char* kChannelScheme = "urn:mpeg:dash:23003:3:audio_channel_configuration:2011";

void setAttribute(pugi::xml_node node, const char* name, const std::string& value) {
    node.append_attribute(name).set_value(value.c_str());
}
void setAttribute(pugi::xml_node node, const char* name, int64_t value) {
    setAttribute(node, name, std::to_string(value));
}

// <S t d r>: one element per run of equal, contiguous durations; t only where the timeline starts or jumps.
void writeTimeline(pugi::xml_node parent, const Rendition& rendition) {
    pugi::xml_node timeline = parent.append_child("SegmentTimeline");
    pugi::xml_node run;
    int64_t run_duration = 0;
    int64_t repeats = 0;
    int64_t expected_start = 0;
    auto closeRun = [&] {
        if (run && repeats > 0)
            setAttribute(run, "r", repeats);
    };
    for (size_t i = 0; i < rendition.segments.size(); ++i) {
        Segment segment = rendition.segments[i];
        if (segment.start < 0) { // S@t is unsigned: present from 0 (renditionFromSummary already does so)
            segment.duration = std::max<int64_t>(segment.start + segment.duration, 0);
            segment.start = 0;
        }
        const bool contiguous = i > 0 && segment.start == expected_start;
        if (contiguous && segment.duration == run_duration) {
            ++repeats;
        } else {
            closeRun();
            run = timeline.append_child("S");
            if (!contiguous)
                setAttribute(run, "t", segment.start);
            setAttribute(run, "d", segment.duration);
            run_duration = segment.duration;
            repeats = 0;
        }
        expected_start = segment.start + segment.duration;
    }
    closeRun();
}

void writeSegmentInfo(pugi::xml_node representation, const Rendition& rendition) {
    if (!rendition.segment_template.empty()) {
        pugi::xml_node segment_template = representation.append_child("SegmentTemplate");
        setAttribute(segment_template, "timescale", rendition.timescale);
        setAttribute(segment_template, "initialization", rendition.init_uri);
        setAttribute(segment_template, "media", rendition.segment_template);
        setAttribute(segment_template, "startNumber", rendition.segments.front().number);
        writeTimeline(segment_template, rendition);
        return;
    }
    pugi::xml_node list = representation.append_child("SegmentList");
    setAttribute(list, "timescale", rendition.timescale);
    setAttribute(list, "startNumber", rendition.segments.front().number);
    if (!rendition.init_uri.empty())
        setAttribute(list.append_child("Initialization"), "sourceURL", rendition.init_uri);
    writeTimeline(list, rendition);
    for (const Segment& segment : rendition.segments)
        setAttribute(list.append_child("SegmentURL"), "media", segment.uri);
}

bool listed(const Rendition& rendition, MediaKind kind) {
    return rendition.kind == kind && !rendition.segments.empty() && rendition.timescale > 0;
}

int64_t longestSegmentMs(const Presentation& presentation) {
    double longest_s = 0;
    for (const Rendition& rendition : presentation.renditions)
        if (rendition.timescale > 0)
            for (const Segment& segment : rendition.segments)
                longest_s = std::max(longest_s, double(segment.duration) / rendition.timescale);
    return clampedMillis(std::ceil(longest_s * 1000 - 1e-6) / 1000);
}

} // namespace

std::string dashFrameRate(double frames_per_second) {
    if (!(frames_per_second > 0) || frames_per_second > 1e6)
        return {};
    const int64_t whole = std::llround(frames_per_second);
    if (std::abs(frames_per_second - double(whole)) < 1e-6)
        return std::to_string(whole);
    const int64_t ntsc = std::llround(frames_per_second * 1001);
    if (ntsc % 1000 == 0 && std::abs(frames_per_second - double(ntsc) / 1001) < 1e-6)
        return std::to_string(ntsc) + "/1001";
    const int64_t millis = std::llround(frames_per_second * 1000);
    const int64_t divisor = std::gcd(millis, int64_t(1000));
    return std::to_string(millis / divisor) + "/" + std::to_string(1000 / divisor);
}

std::string writeDashMpd(const Presentation& presentation, const DashWriteOptions& options) {
    pugi::xml_document document;
    pugi::xml_node declaration = document.append_child(pugi::node_declaration);
    declaration.append_attribute("version").set_value("1.0");
    declaration.append_attribute("encoding").set_value("UTF-8");

    pugi::xml_node mpd = document.append_child("MPD");
    setAttribute(mpd, "xmlns", std::string("urn:mpeg:dash:schema:mpd:2011"));
    setAttribute(mpd, "profiles", std::string("urn:mpeg:dash:profile:isoff-live:2011"));
    const int64_t target_ms = std::max(presentation.target_segment_ms, 1000);
    if (presentation.state == PresentationState::Complete) {
        setAttribute(mpd, "type", std::string("static"));
        setAttribute(mpd, "mediaPresentationDuration",
                     formatIsoDuration(clampedMillis(presentation.durationSeconds())));
    } else {
        setAttribute(mpd, "type", std::string("dynamic"));
        setAttribute(mpd, "availabilityStartTime", toRfc3339(presentation.availability_start_unix_ms));
        setAttribute(mpd, "publishTime",
                     toRfc3339(options.publish_unix_ms > 0 ? options.publish_unix_ms : unixMillisNow()));
        setAttribute(mpd, "minimumUpdatePeriod", formatIsoDuration(target_ms));
    }
    setAttribute(mpd, "maxSegmentDuration",
                 formatIsoDuration(std::max(longestSegmentMs(presentation), target_ms)));
    setAttribute(mpd, "minBufferTime", formatIsoDuration(target_ms));

    pugi::xml_node period = mpd.append_child("Period");
    setAttribute(period, "id", std::string("0"));
    setAttribute(period, "start", std::string("PT0S"));

    int adaptation_id = 0;
    for (MediaKind kind : {MediaKind::Video, MediaKind::Audio}) {
        std::vector<const Rendition*> renditions;
        for (const Rendition& rendition : presentation.renditions)
            if (listed(rendition, kind))
                renditions.push_back(&rendition);
        if (renditions.empty())
            continue;
        const bool video = kind == MediaKind::Video;
        pugi::xml_node set = period.append_child("AdaptationSet");
        setAttribute(set, "id", adaptation_id++);
        setAttribute(set, "contentType", std::string(video ? "video" : "audio"));
        setAttribute(set, "mimeType", std::string(video ? "video/mp4" : "audio/mp4"));
        if (!video)
            setAttribute(set, "lang", std::string("und"));
        setAttribute(set, "segmentAlignment", std::string("true"));
        setAttribute(set, "startWithSAP", 1);
        if (video) {
            int max_width = 0, max_height = 0;
            double max_rate = 0;
            for (const Rendition* rendition : renditions) {
                max_width = std::max(max_width, rendition->width);
                max_height = std::max(max_height, rendition->height);
                max_rate = std::max(max_rate, rendition->frame_rate);
            }
            setAttribute(set, "maxWidth", max_width);
            setAttribute(set, "maxHeight", max_height);
            if (max_rate > 0)
                setAttribute(set, "maxFrameRate", dashFrameRate(max_rate));
        }
        for (const Rendition* rendition : renditions) {
            pugi::xml_node representation = set.append_child("Representation");
            setAttribute(representation, "id", rendition->id);
            setAttribute(representation, "bandwidth", rendition->bandwidth_bps);
            if (!rendition->codecs.empty())
                setAttribute(representation, "codecs", rendition->codecs);
            if (video) {
                setAttribute(representation, "width", rendition->width);
                setAttribute(representation, "height", rendition->height);
                if (rendition->frame_rate > 0)
                    setAttribute(representation, "frameRate", dashFrameRate(rendition->frame_rate));
                setAttribute(representation, "sar", std::string("1:1"));
            } else {
                if (rendition->sample_rate_hz > 0)
                    setAttribute(representation, "audioSamplingRate", rendition->sample_rate_hz);
                if (rendition->channels > 0) {
                    pugi::xml_node channels = representation.append_child("AudioChannelConfiguration");
                    setAttribute(channels, "schemeIdUri", std::string(kChannelScheme));
                    setAttribute(channels, "value", rendition->channels);
                }
            }
            writeSegmentInfo(representation, *rendition);
        }
    }

    std::ostringstream out;
    document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

} // namespace fc::streaming
