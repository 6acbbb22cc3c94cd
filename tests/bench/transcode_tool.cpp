// framecast-transcode-bench: runs the one-pass ladder transcoder on a file and prints what it measured, for
// tests/bench/transcode_bench.py. --plan prints the ladder only (the reference ffmpeg runs use the same
// rungs).
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>
#include <string>

#include "core/media/ladder_transcoder.h"
#include "core/media/probe.h"

using namespace fc::media;

namespace {

std::set<std::string> parseRungs(const std::string& list) {
    std::set<std::string> rungs;
    std::stringstream items(list);
    std::string item;
    while (std::getline(items, item, ','))
        if (!item.empty())
            rungs.insert(item + "p");
    return rungs;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: framecast-transcode-bench SOURCE OUTPUT_DIR|--plan [--rungs 240,360,...] "
                     "[--preset veryfast]\n");
        return 2;
    }
    const std::string source = argv[1];
    const std::string output = argv[2];
    std::set<std::string> wanted;
    LadderSettings settings;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--rungs") == 0)
            wanted = parseRungs(argv[i + 1]);
        else if (std::strcmp(argv[i], "--preset") == 0)
            settings.x264_preset = argv[i + 1];
    }
    auto info = probeMedia(source);
    if (!info) {
        std::fprintf(stderr, "%s\n", info.error().message.c_str());
        return 1;
    }
    TranscodeJob job;
    job.source_path = source;
    job.output_dir = output;
    job.ladder = planLadder(*info, settings);
    if (!wanted.empty())
        std::erase_if(job.ladder.video, [&](const VideoRung& rung) { return !wanted.count(rung.name); });
    if (output == "--plan") {
        for (const VideoRung& rung : job.ladder.video)
            std::printf("rung %s %d %d %.3f %d %d %d\n", rung.name.c_str(), rung.width, rung.height,
                        rung.frame_rate, rung.bitrate_kbps, rung.maxrate_kbps, rung.bufsize_kbits);
        if (job.ladder.audio)
            std::printf("audio %d %d %d\n", job.ladder.audio->bitrate_kbps, job.ladder.audio->sample_rate_hz,
                        job.ladder.audio->channels);
        std::printf("segment_ms %d\npreset %s\n", job.ladder.segment_duration_ms,
                    job.ladder.x264_preset.c_str());
        return 0;
    }
    TranscodeListener listener;
    auto result = transcodeLadder(job, listener);
    if (!result) {
        std::fprintf(stderr, "%s: %s\n", result.error().code.c_str(), result.error().message.c_str());
        return 1;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("elapsed_ms %lld\nfirst_segment_ms %lld\nduration_s %.3f\nrenditions %zu\nmax_rss_kib %ld\n",
                static_cast<long long>(result->elapsed_ms), static_cast<long long>(result->first_segment_ms),
                result->duration_s, result->renditions.size(), usage.ru_maxrss);
    return 0;
}
