#include "core/streaming/presentation.h"

#include <algorithm>

namespace fc::streaming {

double Rendition::durationSeconds() const {
    if (timescale <= 0)
        return 0;
    int64_t total = 0;
    for (const Segment& segment : segments)
        total += segment.duration;
    return double(total) / timescale;
}

const Rendition* Presentation::find(const std::string& id) const {
    for (const Rendition& rendition : renditions)
        if (rendition.id == id)
            return &rendition;
    return nullptr;
}

double Presentation::durationSeconds() const {
    double longest = 0;
    for (const Rendition& rendition : renditions)
        longest = std::max(longest, rendition.durationSeconds());
    return longest;
}

} // namespace fc::streaming
