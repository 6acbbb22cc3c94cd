#pragma once
// A decoded picture handed to the UI: tightly packed RGBA8888 (stride = width × 4), no FFmpeg types.
#include <cstdint>
#include <vector>

namespace fc::media {

struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels; // width × height × 4 bytes, row after row

    bool empty() const { return width <= 0 || height <= 0 || pixels.empty(); }
};

} // namespace fc::media
