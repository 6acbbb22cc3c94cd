#pragma once
// The storyboard's WebVTT index (core/media/stills writes it): one cue per tile, its text an image reference
// with a media fragment, "sheet_001.jpg#xywh=160,0,160,90". The player reads it to show the tile under the
// pointer on the seek bar.
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.h"

namespace fc::streaming {

struct StoryboardTile {
    double start_s = 0;
    double end_s = 0;
    std::string image_uri; // the sheet, resolved against the index's own URI when one was given
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

struct StoryboardIndex {
    std::vector<StoryboardTile> tiles; // in cue order (start times ascending)

    // The tile whose cue covers `seconds` (the last one for times past the end); nullptr when empty.
    const StoryboardTile* tileAt(double seconds) const;
};

// Parses the index. base_uri (the VTT's URL) resolves relative sheet references; empty keeps them as written.
// Cues without an #xywh fragment are refused (a storyboard always has one); an index without cues is valid.
Result<StoryboardIndex> parseStoryboardVtt(std::string_view text, std::string_view base_uri = {});

} // namespace fc::streaming
