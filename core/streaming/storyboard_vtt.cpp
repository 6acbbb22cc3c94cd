#include "core/streaming/storyboard_vtt.h"

#include <algorithm>
#include <optional>

#include "core/streaming/manifest_text.h"
#include "core/streaming/uri.h"

namespace fc::streaming {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> lines(std::string_view text) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = text.find('\n', start);
        out.push_back(
            trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return out;
}

// "hh:mm:ss.ttt" or "mm:ss.ttt" (WebVTT timestamps; hours may have more than two digits).
std::optional<double> parseTimestamp(std::string_view text) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t colon = text.find(':'); colon != std::string_view::npos; colon = text.find(':', start)) {
        parts.push_back(text.substr(start, colon - start));
        start = colon + 1;
    }
    parts.push_back(text.substr(start));
    if (parts.size() < 2 || parts.size() > 3)
        return std::nullopt;
    double seconds = 0;
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
        const auto value = parseInt64(parts[i]);
        if (!value || *value < 0)
            return std::nullopt;
        seconds = seconds * 60 + double(*value);
    }
    const auto last = parseDecimal(parts.back());
    if (!last || *last < 0 || *last >= 60)
        return std::nullopt;
    return seconds * 60 + *last;
}

// "a --> b [settings]"
bool parseTiming(std::string_view line, double& start_s, double& end_s) {
    const size_t arrow = line.find("-->");
    if (arrow == std::string_view::npos)
        return false;
    std::string_view end_text = trim(line.substr(arrow + 3));
    end_text = end_text.substr(0, end_text.find_first_of(" \t"));
    const auto start = parseTimestamp(trim(line.substr(0, arrow)));
    const auto end = parseTimestamp(end_text);
    if (!start || !end)
        return false;
    start_s = *start;
    end_s = *end;
    return true;
}

// "sheet_001.jpg#xywh=0,0,160,90" (the pixel form; "xywh=pixel:" is accepted too).
bool parseTileReference(std::string_view text, std::string_view base_uri, StoryboardTile& tile) {
    const size_t hash = text.rfind("#xywh=");
    if (hash == std::string_view::npos || hash == 0)
        return false;
    std::string_view spec = text.substr(hash + 6);
    if (spec.substr(0, 6) == "pixel:")
        spec.remove_prefix(6);
    int values[4] = {};
    for (int i = 0; i < 4; ++i) {
        const size_t comma = spec.find(',');
        if ((i < 3) == (comma == std::string_view::npos))
            return false;
        const auto value = parseInt64(spec.substr(0, comma));
        if (!value || *value < 0 || *value > 1'000'000)
            return false;
        values[i] = static_cast<int>(*value);
        spec = i < 3 ? spec.substr(comma + 1) : std::string_view{};
    }
    if (values[2] == 0 || values[3] == 0)
        return false;
    const std::string_view image = text.substr(0, hash);
    tile.image_uri = base_uri.empty() ? std::string(image) : resolveUri(base_uri, image);
    tile.x = values[0];
    tile.y = values[1];
    tile.width = values[2];
    tile.height = values[3];
    return true;
}

} // namespace

const StoryboardTile* StoryboardIndex::tileAt(double seconds) const {
    if (tiles.empty())
        return nullptr;
    // The last cue starting at or before `seconds`; before the first cue, the first.
    const auto after =
        std::upper_bound(tiles.begin(), tiles.end(), seconds,
                         [](double s, const StoryboardTile& tile) { return s < tile.start_s; });
    return after == tiles.begin() ? &tiles.front() : &*(after - 1);
}

Result<StoryboardIndex> parseStoryboardVtt(std::string_view text, std::string_view base_uri) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") // a UTF-8 byte order mark
        text.remove_prefix(3);
    const std::vector<std::string_view> all = lines(text);
    if (all.empty() || all.front().substr(0, 6) != "WEBVTT" ||
        (all.front().size() > 6 && all.front()[6] != ' ' && all.front()[6] != '\t'))
        return makeError("invalid_storyboard", "not a WebVTT file (no WEBVTT header)");

    StoryboardIndex index;
    for (size_t i = 1; i < all.size(); ++i) {
        double start_s = 0;
        double end_s = 0;
        if (all[i].find("-->") == std::string_view::npos)
            continue; // blank lines, cue identifiers, NOTE blocks
        if (!parseTiming(all[i], start_s, end_s))
            return makeError("invalid_storyboard", "a cue timing that is not one: " + std::string(all[i]));
        if (end_s < start_s)
            return makeError("invalid_storyboard", "a cue ends before it starts: " + std::string(all[i]));
        StoryboardTile tile;
        tile.start_s = start_s;
        tile.end_s = end_s;
        if (i + 1 >= all.size() || !parseTileReference(all[i + 1], base_uri, tile))
            return makeError("invalid_storyboard",
                             "a cue without an image#xywh= reference after " + std::string(all[i]));
        index.tiles.push_back(std::move(tile));
        ++i;
    }
    std::stable_sort(index.tiles.begin(), index.tiles.end(),
                     [](const StoryboardTile& a, const StoryboardTile& b) { return a.start_s < b.start_s; });
    return index;
}

} // namespace fc::streaming
