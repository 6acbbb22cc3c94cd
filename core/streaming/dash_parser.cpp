#include "core/streaming/dash_parser.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include <pugixml.hpp>

#include "core/streaming/codec_strings.h"
#include "core/streaming/manifest_text.h"
#include "core/streaming/uri.h"
#include "core/util/time.h"

namespace fc::streaming {
namespace {

constexpr size_t kMaxSegments = 500000;        // a guard against r="1000000000", not a real limit
constexpr int64_t kMaxTime = int64_t(1) << 60; // times and durations beyond this would overflow sums

Error invalid(const std::string& where, const std::string& what) {
    return makeError("invalid_manifest", where.empty() ? what : where + ": " + what);
}

// Element names compared without a namespace prefix ("mpd:Period" is a Period).
std::string_view localName(pugi::xml_node node) {
    const std::string_view name = node.name();
    const size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node childNamed(pugi::xml_node node, std::string_view name) {
    if (!node)
        return {};
    for (pugi::xml_node child : node.children())
        if (child.type() == pugi::node_element && localName(child) == name)
            return child;
    return {};
}

std::vector<pugi::xml_node> childrenNamed(pugi::xml_node node, std::string_view name) {
    std::vector<pugi::xml_node> found;
    for (pugi::xml_node child : node.children())
        if (child.type() == pugi::node_element && localName(child) == name)
            found.push_back(child);
    return found;
}

std::string trimmed(std::string_view text) {
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

// The first of the nodes (most specific first) that has the attribute.
pugi::xml_attribute inherited(std::initializer_list<pugi::xml_node> nodes, const char* name) {
    for (pugi::xml_node node : nodes)
        if (node)
            if (pugi::xml_attribute attribute = node.attribute(name))
                return attribute;
    return {};
}

Result<std::optional<int64_t>> integerOf(pugi::xml_attribute attribute, const std::string& where) {
    if (!attribute)
        return std::optional<int64_t>();
    const auto value = parseInt64(trimmed(attribute.value()));
    if (!value)
        return invalid(where, std::string("@") + attribute.name() + " is not an integer: \"" +
                                  attribute.value() + "\"");
    return std::optional<int64_t>(*value);
}

std::string withBaseUrl(const std::string& base, pugi::xml_node node) {
    const pugi::xml_node base_url = childNamed(node, "BaseURL");
    if (!base_url)
        return base;
    const std::string text = trimmed(base_url.text().get());
    return text.empty() ? base : resolveUri(base, text);
}

Result<double> frameRateOf(pugi::xml_attribute attribute, const std::string& where) {
    if (!attribute)
        return 0.0;
    const std::string text = trimmed(attribute.value());
    const size_t slash = text.find('/');
    const auto numerator = parseDecimal(std::string_view(text).substr(0, slash));
    const auto denominator = slash == std::string::npos
                                 ? std::optional<double>(1.0)
                                 : parseDecimal(std::string_view(text).substr(slash + 1));
    if (!numerator || !denominator || *numerator <= 0 || *denominator <= 0 ||
        *numerator / *denominator > 1000)
        return invalid(where, "@frameRate is not a frame rate: \"" + text + "\"");
    return *numerator / *denominator;
}

struct TimedSegment {
    int64_t start = 0;
    int64_t duration = 0;
};

// <S t d r> → one entry per segment; r="-1" repeats until the next S@t or until end_time.
Result<std::vector<TimedSegment>> expandTimeline(pugi::xml_node timeline, std::optional<int64_t> end_time,
                                                 const std::string& where) {
    std::vector<TimedSegment> segments;
    const std::vector<pugi::xml_node> entries = childrenNamed(timeline, "S");
    if (entries.empty())
        return invalid(where, "SegmentTimeline without S elements");
    int64_t time = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
        auto t = integerOf(entries[i].attribute("t"), where);
        auto d = integerOf(entries[i].attribute("d"), where);
        auto r = integerOf(entries[i].attribute("r"), where);
        if (!t)
            return t.error();
        if (!d)
            return d.error();
        if (!r)
            return r.error();
        if (!d->has_value() || **d <= 0)
            return invalid(where, "S without a positive @d");
        if (t->has_value()) {
            if (**t < 0)
                return invalid(where, "S@t is negative");
            time = **t;
        }
        const int64_t duration = **d;
        if (r->value_or(0) > int64_t(kMaxSegments))
            return invalid(where, "too many segments in SegmentTimeline");
        if (time > kMaxTime || duration > kMaxTime)
            return invalid(where, "S@t or @d out of range");
        int64_t count = r->value_or(0) + 1;
        if (r->value_or(0) < 0) {
            std::optional<int64_t> until = end_time;
            if (i + 1 < entries.size()) {
                auto next = integerOf(entries[i + 1].attribute("t"), where);
                if (!next)
                    return next.error();
                if (next->has_value())
                    until = **next;
            }
            if (!until)
                return invalid(where, "S@r=\"-1\" with no end (no next S@t and no period duration)");
            if (*until > kMaxTime)
                return invalid(where, "S@t out of range");
            count = std::max<int64_t>(0, (*until - time + duration - 1) / duration);
        }
        if (count < 0 || segments.size() + static_cast<uint64_t>(count) > kMaxSegments)
            return invalid(where, "too many segments in SegmentTimeline");
        for (int64_t k = 0; k < count; ++k) {
            segments.push_back({time, duration});
            time += duration;
            if (time > kMaxTime)
                return invalid(where, "the SegmentTimeline runs out of range");
        }
    }
    return segments;
}

// Fixed-length segments: as many as fit the period, the last one shorter.
Result<std::vector<TimedSegment>> fixedSegments(int64_t duration, int64_t offset,
                                                std::optional<int64_t> period_ticks,
                                                const std::string& where) {
    if (duration <= 0 || duration > kMaxTime || offset < 0 || offset > kMaxTime)
        return invalid(where, "@duration is not positive, or @duration/@presentationTimeOffset out of range");
    if (!period_ticks)
        return invalid(where,
                       "@duration segments need a known period duration (dynamic @duration MPDs are not "
                       "supported)");
    const int64_t count = (*period_ticks + duration - 1) / duration;
    if (count <= 0 || static_cast<uint64_t>(count) > kMaxSegments)
        return invalid(where, "the period holds no (or too many) segments");
    std::vector<TimedSegment> segments;
    for (int64_t k = 0; k < count; ++k)
        segments.push_back({offset + k * duration, std::min(duration, *period_ticks - k * duration)});
    return segments;
}

struct Context {
    std::string base;               // BaseURL chain down to the Representation
    std::optional<double> period_s; // the Period's duration, when known
    pugi::xml_node period, adaptation, representation;
    std::string where;
};

Result<void> readSegments(const Context& context, Rendition& rendition) {
    const std::initializer_list<pugi::xml_node> levels = {
        childNamed(context.representation, "SegmentTemplate"),
        childNamed(context.adaptation, "SegmentTemplate"), childNamed(context.period, "SegmentTemplate")};
    const std::initializer_list<pugi::xml_node> list_levels = {
        childNamed(context.representation, "SegmentList"), childNamed(context.adaptation, "SegmentList"),
        childNamed(context.period, "SegmentList")};
    const bool is_template =
        std::any_of(levels.begin(), levels.end(), [](pugi::xml_node n) { return bool(n); });
    const bool is_list =
        std::any_of(list_levels.begin(), list_levels.end(), [](pugi::xml_node n) { return bool(n); });
    if (!is_template && !is_list)
        return invalid(context.where, "no SegmentTemplate or SegmentList (SegmentBase is not supported)");
    const auto& chosen = is_template ? levels : list_levels;

    auto timescale = integerOf(inherited(chosen, "timescale"), context.where);
    auto start_number = integerOf(inherited(chosen, "startNumber"), context.where);
    auto fixed_duration = integerOf(inherited(chosen, "duration"), context.where);
    auto offset = integerOf(inherited(chosen, "presentationTimeOffset"), context.where);
    for (const auto* value : {&timescale, &start_number, &fixed_duration, &offset})
        if (!*value)
            return value->error();
    rendition.timescale = static_cast<int>(timescale->value_or(1));
    if (timescale->value_or(1) <= 0 || timescale->value_or(1) > INT32_MAX)
        return invalid(context.where, "@timescale is not a positive 32-bit integer");
    if (offset->value_or(0) < 0 || offset->value_or(0) > kMaxTime)
        return invalid(context.where, "@presentationTimeOffset out of range");
    const int64_t first_number = start_number->value_or(1);
    if (first_number < 0 || first_number > INT32_MAX - int64_t(kMaxSegments))
        return invalid(context.where, "@startNumber out of range");
    std::optional<int64_t> period_ticks;
    if (context.period_s && *context.period_s * rendition.timescale > double(kMaxTime))
        return invalid(context.where, "the period is too long for @timescale");
    if (context.period_s)
        period_ticks = std::llround(*context.period_s * rendition.timescale);
    std::optional<int64_t> end_time;
    if (period_ticks)
        end_time = offset->value_or(0) + *period_ticks;

    pugi::xml_node timeline;
    for (pugi::xml_node level : chosen)
        if (!timeline && level)
            timeline = childNamed(level, "SegmentTimeline");
    Result<std::vector<TimedSegment>> timed = std::vector<TimedSegment>();
    if (timeline)
        timed = expandTimeline(timeline, end_time, context.where);
    else if (fixed_duration->has_value() && is_template)
        timed = fixedSegments(**fixed_duration, offset->value_or(0), period_ticks, context.where);
    else if (is_template)
        return invalid(context.where, "SegmentTemplate has neither a SegmentTimeline nor @duration");
    if (!timed)
        return timed.error();

    // Initialization: @initialization (templates) or an <Initialization sourceURL> child.
    std::string init;
    if (pugi::xml_attribute attribute =
            is_template ? inherited(chosen, "initialization") : pugi::xml_attribute())
        init = attribute.value();
    else
        for (pugi::xml_node level : chosen)
            if (pugi::xml_node element = childNamed(level, "Initialization"); init.empty() && element)
                init = element.attribute("sourceURL").value();
    if (!init.empty()) {
        auto expanded =
            expandDashTemplate(init, rendition.id, rendition.bandwidth_bps, std::nullopt, std::nullopt);
        if (!expanded)
            return invalid(context.where, expanded.error().message);
        rendition.init_uri = resolveUri(context.base, *expanded);
    }

    if (is_template) {
        const pugi::xml_attribute media = inherited(chosen, "media");
        if (!media || !*media.value())
            return invalid(context.where, "SegmentTemplate without @media");
        auto pattern = expandDashTemplate(media.value(), rendition.id, rendition.bandwidth_bps, std::nullopt,
                                          std::nullopt);
        if (!pattern)
            return invalid(context.where, pattern.error().message);
        rendition.segment_template = resolveUri(context.base, *pattern);
        for (size_t i = 0; i < timed->size(); ++i) {
            const int64_t number = first_number + static_cast<int64_t>(i);
            auto uri = expandDashTemplate(media.value(), rendition.id, rendition.bandwidth_bps, number,
                                          (*timed)[i].start);
            if (!uri)
                return invalid(context.where, uri.error().message);
            rendition.segments.push_back(Segment{static_cast<int>(number),
                                                 (*timed)[i].start,
                                                 (*timed)[i].duration,
                                                 0,
                                                 resolveUri(context.base, *uri),
                                                 {},
                                                 {}});
        }
        return {};
    }

    pugi::xml_node list_node;
    for (pugi::xml_node level : chosen)
        if (!list_node && level && childNamed(level, "SegmentURL"))
            list_node = level;
    const std::vector<pugi::xml_node> urls =
        list_node ? childrenNamed(list_node, "SegmentURL") : std::vector<pugi::xml_node>();
    if (urls.empty())
        return invalid(context.where, "SegmentList without SegmentURL");
    if (!timeline && !fixed_duration->has_value())
        return invalid(context.where, "SegmentList has neither a SegmentTimeline nor @duration");
    if (urls.size() > kMaxSegments)
        return invalid(context.where, "too many SegmentURLs");
    if (!timeline && (**fixed_duration <= 0 || **fixed_duration > kMaxTime / int64_t(kMaxSegments)))
        return invalid(context.where, "SegmentList@duration out of range");
    // @duration: every segment that long, except a last one cut by the period end.
    if (!timeline) {
        timed->clear();
        for (size_t i = 0; i < urls.size(); ++i)
            timed->push_back({offset->value_or(0) + int64_t(i) * **fixed_duration, **fixed_duration});
        if (period_ticks && !timed->empty())
            timed->back().duration =
                std::clamp<int64_t>(*end_time - timed->back().start, 1, **fixed_duration);
    }
    if (timed->size() < urls.size())
        return invalid(context.where,
                       "SegmentList has more SegmentURLs than its SegmentTimeline has segments");
    for (size_t i = 0; i < urls.size(); ++i) {
        const char* media = urls[i].attribute("media").value();
        if (!*media)
            return invalid(context.where, "SegmentURL without @media");
        rendition.segments.push_back(Segment{static_cast<int>(first_number + int64_t(i)),
                                             (*timed)[i].start,
                                             (*timed)[i].duration,
                                             0,
                                             resolveUri(context.base, media),
                                             {},
                                             {}});
    }
    return {};
}

MediaKind kindOf(const Context& context, const std::string& codecs) {
    std::string type = context.adaptation.attribute("contentType").value();
    if (type.empty())
        type = inherited({context.representation, context.adaptation}, "mimeType").value();
    if (type.empty())
        type = inherited({context.representation, context.adaptation}, "contentType").value();
    if (type.rfind("video", 0) == 0)
        return MediaKind::Video;
    if (type.rfind("audio", 0) == 0)
        return MediaKind::Audio;
    if (!type.empty()) // text, image, application: not ours
        return MediaKind::Invalid;
    const std::vector<std::string> list = splitCodecs(codecs);
    if (list.empty())
        return MediaKind::Invalid;
    return isAudioCodec(list.front()) ? MediaKind::Audio : MediaKind::Video;
}

Result<std::optional<Rendition>> readRepresentation(const Context& context) {
    Rendition rendition;
    rendition.id = context.representation.attribute("id").value();
    const std::initializer_list<pugi::xml_node> levels = {context.representation, context.adaptation};
    rendition.codecs = inherited(levels, "codecs").value();
    rendition.kind = kindOf(context, rendition.codecs);
    if (rendition.kind == MediaKind::Invalid)
        return std::optional<Rendition>();

    auto bandwidth = integerOf(context.representation.attribute("bandwidth"), context.where);
    if (!bandwidth)
        return bandwidth.error();
    if (!bandwidth->has_value() || **bandwidth < 0)
        return invalid(context.where, "no @bandwidth");
    rendition.bandwidth_bps = **bandwidth;
    auto width = integerOf(inherited(levels, "width"), context.where);
    auto height = integerOf(inherited(levels, "height"), context.where);
    if (!width)
        return width.error();
    if (!height)
        return height.error();
    if (width->value_or(0) < 0 || width->value_or(0) > 65535 || height->value_or(0) < 0 ||
        height->value_or(0) > 65535)
        return invalid(context.where, "@width/@height out of range");
    rendition.width = static_cast<int>(width->value_or(0));
    rendition.height = static_cast<int>(height->value_or(0));
    auto frame_rate = frameRateOf(inherited(levels, "frameRate"), context.where);
    if (!frame_rate)
        return frame_rate.error();
    rendition.frame_rate = *frame_rate;
    // audioSamplingRate may be a range ("44100 48000"): the first value.
    const std::string sampling = trimmed(inherited(levels, "audioSamplingRate").value());
    if (!sampling.empty()) {
        const auto rate = parseInt64(sampling.substr(0, sampling.find(' ')));
        if (!rate || *rate <= 0 || *rate > 10000000)
            return invalid(context.where, "@audioSamplingRate is not a rate: \"" + sampling + "\"");
        rendition.sample_rate_hz = static_cast<int>(*rate);
    }
    for (pugi::xml_node level : levels)
        if (pugi::xml_node channels = childNamed(level, "AudioChannelConfiguration"); channels) {
            // Other schemes (Dolby's hexadecimal masks) do not state a count: left at 0.
            const auto count = parseInt64(trimmed(channels.attribute("value").value()));
            if (count && *count > 0 && *count <= 1024)
                rendition.channels = static_cast<int>(*count);
            break;
        }
    if (auto segments = readSegments(context, rendition); !segments)
        return segments.error();
    return std::optional<Rendition>(std::move(rendition));
}

} // namespace

Result<std::string> expandDashTemplate(std::string_view pattern, const std::string& representation_id,
                                       int64_t bandwidth_bps, std::optional<int64_t> number,
                                       std::optional<int64_t> time) {
    std::string out;
    size_t pos = 0;
    while (pos < pattern.size()) {
        const size_t open = pattern.find('$', pos);
        out.append(pattern.substr(pos, open == std::string_view::npos ? open : open - pos));
        if (open == std::string_view::npos)
            break;
        const size_t close = pattern.find('$', open + 1);
        if (close == std::string_view::npos)
            return makeError("invalid_manifest",
                             "unterminated '$' in template \"" + std::string(pattern) + "\"");
        const std::string_view token = pattern.substr(open + 1, close - open - 1);
        pos = close + 1;
        if (token.empty()) { // "$$"
            out += '$';
            continue;
        }
        const size_t percent = token.find('%');
        const std::string_view name = token.substr(0, percent);
        int width = 0;
        if (percent != std::string_view::npos) {
            // %0<width>d is the only format DASH allows.
            std::string_view format = token.substr(percent + 1);
            if (format.size() < 2 || format.back() != 'd' || name == "RepresentationID")
                return makeError("invalid_manifest",
                                 "bad format in template identifier $" + std::string(token) + "$");
            format.remove_suffix(1);
            const auto digits = parseInt64(format);
            if (!digits || *digits < 0 || *digits > 32 || format.front() == '-' || format.front() == '+')
                return makeError("invalid_manifest",
                                 "bad format in template identifier $" + std::string(token) + "$");
            width = static_cast<int>(*digits);
        }
        std::optional<int64_t> value;
        if (name == "RepresentationID") {
            out += representation_id;
            continue;
        } else if (name == "Number") {
            value = number;
        } else if (name == "Time") {
            value = time;
        } else if (name == "Bandwidth") {
            value = bandwidth_bps;
        } else {
            return makeError("invalid_manifest", "unknown template identifier $" + std::string(token) + "$");
        }
        if (!value) {
            out.append(pattern.substr(open, close - open + 1));
            continue;
        }
        std::string digits = std::to_string(*value);
        if (static_cast<int>(digits.size()) < width)
            digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
        out += digits;
    }
    return out;
}

Result<Presentation> parseDashMpd(std::string_view xml, const std::string& mpd_uri) {
    pugi::xml_document document;
    const pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
    if (!parsed)
        return invalid("", "the MPD is not XML: " + std::string(parsed.description()) + " at byte " +
                               std::to_string(parsed.offset));
    const pugi::xml_node mpd = document.document_element();
    if (localName(mpd) != "MPD")
        return invalid("", "the root element is <" + std::string(mpd.name()) + ">, not <MPD>");

    Presentation presentation;
    const std::string type = mpd.attribute("type").as_string("static");
    if (type == "static")
        presentation.state = PresentationState::Complete;
    else if (type == "dynamic")
        presentation.state = PresentationState::Growing;
    else
        return invalid("MPD", "@type is neither static nor dynamic: \"" + type + "\"");
    if (pugi::xml_attribute start = mpd.attribute("availabilityStartTime")) {
        const auto unix_ms = parseRfc3339(trimmed(start.value()));
        if (!unix_ms)
            return invalid("MPD", "@availabilityStartTime is not a date-time: \"" +
                                      std::string(start.value()) + "\"");
        presentation.availability_start_unix_ms = *unix_ms;
    }
    auto durationOf = [&](pugi::xml_node node, const char* name) -> Result<std::optional<double>> {
        pugi::xml_attribute attribute = node.attribute(name);
        if (!attribute)
            return std::optional<double>();
        const auto seconds = parseIsoDurationSeconds(trimmed(attribute.value()));
        if (!seconds || *seconds < 0 || *seconds > 1e9)
            return invalid(std::string(localName(node)), std::string("@") + name +
                                                             " is not an ISO 8601 duration: \"" +
                                                             attribute.value() + "\"");
        return seconds;
    };
    auto total = durationOf(mpd, "mediaPresentationDuration");
    auto max_segment = durationOf(mpd, "maxSegmentDuration");
    if (!total)
        return total.error();
    if (!max_segment)
        return max_segment.error();

    const std::vector<pugi::xml_node> periods = childrenNamed(mpd, "Period");
    if (periods.empty())
        return invalid("MPD", "no Period");
    if (periods.size() > 1)
        return invalid("MPD", "more than one Period is not supported");
    const pugi::xml_node period = periods.front();
    auto period_start = durationOf(period, "start");
    auto period_duration = durationOf(period, "duration");
    if (!period_start)
        return period_start.error();
    if (!period_duration)
        return period_duration.error();
    Context context;
    context.period = period;
    context.period_s = *period_duration;
    if (!context.period_s && *total)
        context.period_s = **total - period_start->value_or(0);
    const std::string period_base = withBaseUrl(withBaseUrl(mpd_uri, mpd), period);

    std::vector<Rendition> video, audio;
    std::set<std::string> ids;
    int adaptation_index = 0;
    for (pugi::xml_node adaptation : childrenNamed(period, "AdaptationSet")) {
        context.adaptation = adaptation;
        const std::string adaptation_base = withBaseUrl(period_base, adaptation);
        for (pugi::xml_node representation : childrenNamed(adaptation, "Representation")) {
            context.representation = representation;
            context.base = withBaseUrl(adaptation_base, representation);
            const std::string id = representation.attribute("id").value();
            context.where =
                "AdaptationSet " + std::to_string(adaptation_index) + " Representation \"" + id + "\"";
            if (id.empty())
                return invalid(context.where, "Representation without @id");
            if (!ids.insert(id).second)
                return invalid(context.where, "duplicate Representation @id");
            auto rendition = readRepresentation(context);
            if (!rendition)
                return rendition.error();
            if (!rendition->has_value())
                continue;
            (rendition->value().kind == MediaKind::Video ? video : audio).push_back(std::move(**rendition));
        }
        ++adaptation_index;
    }
    if (video.empty() && audio.empty())
        return invalid("Period", "no video or audio Representation");
    std::stable_sort(video.begin(), video.end(), [](const Rendition& a, const Rendition& b) {
        return a.bandwidth_bps < b.bandwidth_bps;
    });
    presentation.renditions = std::move(video);
    for (Rendition& rendition : audio)
        presentation.renditions.push_back(std::move(rendition));

    if (*max_segment && **max_segment > 0) {
        presentation.target_segment_ms =
            static_cast<int>(std::min<int64_t>(clampedMillis(**max_segment), INT32_MAX));
    } else {
        for (const Rendition& rendition : presentation.renditions)
            if (!rendition.segments.empty() && rendition.timescale > 0) {
                presentation.target_segment_ms = static_cast<int>(std::min<int64_t>(
                    clampedMillis(double(rendition.segments.front().duration) / rendition.timescale),
                    INT32_MAX));
                break;
            }
    }
    return presentation;
}

Result<Presentation> loadDashPresentation(const std::string& mpd_uri, const ManifestLoader& load) {
    auto text = load(mpd_uri);
    if (!text)
        return makeError(text.error().code, "loading " + mpd_uri + ": " + text.error().message);
    return parseDashMpd(*text, mpd_uri);
}

} // namespace fc::streaming
