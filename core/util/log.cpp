#include "core/util/log.h"

#include "core/util/time.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace fc {
namespace {

std::mutex g_sinkMutex;
LogSink g_sink;
std::atomic<int> g_minimum{static_cast<int>(LogLevel::Info)};

const char* levelName(LogLevel level) {
    switch (level) {
    case LogLevel::Debug:
        return "debug";
    case LogLevel::Info:
        return "info";
    case LogLevel::Warn:
        return "warn";
    case LogLevel::Error:
        return "error";
    }
    return "?";
}

} // namespace

void setLogSink(LogSink sink) {
    std::lock_guard lock(g_sinkMutex);
    g_sink = std::move(sink);
}

void setLogLevel(LogLevel minimum) {
    g_minimum = static_cast<int>(minimum);
}

std::optional<LogLevel> parseLogLevel(std::string_view name) {
    if (name == "debug")
        return LogLevel::Debug;
    if (name == "info")
        return LogLevel::Info;
    if (name == "warn")
        return LogLevel::Warn;
    if (name == "error")
        return LogLevel::Error;
    return std::nullopt;
}

void logLine(LogLevel level, std::string_view line) {
    if (static_cast<int>(level) < g_minimum.load())
        return;
    std::lock_guard lock(g_sinkMutex);
    if (g_sink) {
        g_sink(level, line);
        return;
    }
    std::fprintf(stderr, "%s %-5s %.*s\n", toRfc3339(unixMillisNow()).c_str(), levelName(level),
                 static_cast<int>(line.size()), line.data());
}

} // namespace fc
