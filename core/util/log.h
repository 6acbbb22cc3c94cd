#pragma once
// One line per event, levelled. The sink is replaceable (tests, the desktop app's log view).
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace fc {

enum class LogLevel { Debug = 1, Info, Warn, Error };

using LogSink = std::function<void(LogLevel, std::string_view line)>;

void setLogSink(LogSink sink);
void setLogLevel(LogLevel minimum);
std::optional<LogLevel> parseLogLevel(std::string_view name);
void logLine(LogLevel level, std::string_view line);

inline void logDebug(std::string_view line) {
    logLine(LogLevel::Debug, line);
}
inline void logInfo(std::string_view line) {
    logLine(LogLevel::Info, line);
}
inline void logWarn(std::string_view line) {
    logLine(LogLevel::Warn, line);
}
inline void logError(std::string_view line) {
    logLine(LogLevel::Error, line);
}

} // namespace fc
