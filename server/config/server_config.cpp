#include "server/config/server_config.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace fc::server {
namespace {

using Setter = std::function<Result<void>(ServerConfig&, const std::string&)>;

struct Option {
    std::string name; // flag without "--", file key; env is FRAMECAST_ + upper-case with '_'
    std::string value_hint;
    std::string help;
    Setter set;
};

Result<int64_t> parseInteger(const std::string& name, const std::string& text) {
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return makeError("invalid_config", "--" + name + " expects a whole number, got '" + text + "'");
    return value;
}

template <class T> Setter integerSetter(std::string name, T ServerConfig::*member, int64_t minimum) {
    return [name, member, minimum](ServerConfig& config, const std::string& text) -> Result<void> {
        auto value = parseInteger(name, text);
        if (!value)
            return value.error();
        if (*value < minimum)
            return makeError("invalid_config", "--" + name + " must be at least " + std::to_string(minimum));
        config.*member = static_cast<T>(*value);
        return {};
    };
}

Setter stringSetter(std::string ServerConfig::*member) {
    return [member](ServerConfig& config, const std::string& text) -> Result<void> {
        config.*member = text;
        return {};
    };
}

Result<void> setListen(ServerConfig& config, const std::string& text) {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos)
        return makeError("invalid_config", "--listen expects HOST:PORT, got '" + text + "'");
    std::string host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    auto port = parseInteger("listen", text.substr(colon + 1));
    if (!port || *port < 0 || *port > 65535)
        return makeError("invalid_config",
                         "--listen port must be 0-65535, got '" + text.substr(colon + 1) + "'");
    config.listen_host = host.empty() ? "0.0.0.0" : host;
    config.listen_port = static_cast<uint16_t>(*port);
    return {};
}

Result<void> setBool(bool& target, const std::string& name, const std::string& text) {
    if (text == "1" || text == "true" || text == "yes" || text == "on") {
        target = true;
        return {};
    }
    if (text == "0" || text == "false" || text == "no" || text == "off") {
        target = false;
        return {};
    }
    return makeError("invalid_config", "--" + name + " expects true or false, got '" + text + "'");
}

Result<void> setRateLimits(ServerConfig& config, const std::string& text) {
    std::stringstream items(text);
    std::string item;
    while (std::getline(items, item, ',')) {
        if (item.empty())
            continue;
        const size_t eq = item.find('=');
        if (eq == std::string::npos)
            return makeError("invalid_config",
                             "--rate-limits expects GROUP=N/PERIOD items, got '" + item + "'");
        auto rule = parseRateLimitRule(item.substr(eq + 1));
        if (!rule)
            return rule.error();
        config.rate_limits[item.substr(0, eq)] = *rule;
    }
    return {};
}

const std::vector<Option>& options() {
    static const std::vector<Option> kOptions = {
        {"listen", "HOST:PORT", "address to serve HTTP and WebSocket on (port 0 picks a free one)",
         setListen},
        {"data-dir", "DIR", "where the database, uploads and media live",
         stringSetter(&ServerConfig::data_dir)},
        {"database", "FILE", "SQLite database file (default DATA_DIR/framecast.sqlite)",
         stringSetter(&ServerConfig::database_path)},
        {"uploads-dir", "DIR", "partial uploads (default DATA_DIR/uploads)",
         stringSetter(&ServerConfig::uploads_dir)},
        {"media-dir", "DIR", "sources and renditions (default DATA_DIR/media)",
         stringSetter(&ServerConfig::media_dir)},
        {"io-threads", "N", "network threads", integerSetter("io-threads", &ServerConfig::io_threads, 1)},
        {"worker-threads", "N", "threads for database and disk work",
         integerSetter("worker-threads", &ServerConfig::worker_threads, 1)},
        {"job-workers", "N", "processing jobs run at once",
         integerSetter("job-workers", &ServerConfig::job_workers, 0)},
        {"job-kinds", "LIST",
         "job kinds this server runs, comma-separated (ingest,transcode); default all. Other kinds wait in "
         "the "
         "queue for a server that runs them",
         stringSetter(&ServerConfig::job_kinds)},
        {"max-upload-bytes", "N", "largest accepted upload (413 beyond)",
         integerSetter("max-upload-bytes", &ServerConfig::max_upload_bytes, 1)},
        {"quota-bytes", "N", "default storage quota per user",
         integerSetter("quota-bytes", &ServerConfig::default_quota_bytes, 0)},
        {"upload-expiry-s", "SECONDS", "unfinished uploads expire this long after their last byte",
         integerSetter("upload-expiry-s", &ServerConfig::upload_expiry_s, 1)},
        {"max-json-bytes", "N", "largest JSON request body",
         integerSetter("max-json-bytes", &ServerConfig::max_json_body_bytes, 1024)},
        {"max-image-bytes", "N", "largest avatar or banner upload",
         integerSetter("max-image-bytes", &ServerConfig::max_image_bytes, 1024)},
        {"upload-checkpoint-bytes", "N", "make a long upload durable every N bytes",
         integerSetter("upload-checkpoint-bytes", &ServerConfig::upload_checkpoint_bytes, 4096)},
        {"header-timeout-s", "SECONDS", "time allowed to send request headers",
         integerSetter("header-timeout-s", &ServerConfig::header_timeout_s, 1)},
        {"idle-timeout-s", "SECONDS", "keep-alive idle time",
         integerSetter("idle-timeout-s", &ServerConfig::idle_timeout_s, 1)},
        {"body-timeout-s", "SECONDS", "longest pause while a request body arrives",
         integerSetter("body-timeout-s", &ServerConfig::body_timeout_s, 1)},
        {"shutdown-grace-s", "SECONDS", "time given to requests in flight on SIGTERM",
         integerSetter("shutdown-grace-s", &ServerConfig::shutdown_grace_s, 0)},
        {"maintenance-interval-s", "SECONDS", "how often expired uploads and sessions are cleaned up",
         integerSetter("maintenance-interval-s", &ServerConfig::maintenance_interval_s, 1)},
        {"transcode-preset", "NAME", "x264 preset for the ladder (ultrafast … veryslow)",
         [](ServerConfig& c, const std::string& t) -> Result<void> {
             static const std::vector<std::string> kPresets = {"ultrafast", "superfast", "veryfast",
                                                               "faster",    "fast",      "medium",
                                                               "slow",      "slower",    "veryslow"};
             if (std::find(kPresets.begin(), kPresets.end(), t) == kPresets.end())
                 return makeError("invalid_config",
                                  "--transcode-preset must be an x264 preset, got '" + t + "'");
             c.transcode_preset = t;
             return {};
         }},
        {"segment-duration-ms", "MS", "length of a CMAF segment",
         integerSetter("segment-duration-ms", &ServerConfig::segment_duration_ms, 1000)},
        {"ladder-max-height", "PIXELS", "the largest rung planned (its short side, e.g. 1080)",
         integerSetter("ladder-max-height", &ServerConfig::ladder_max_height, 144)},
        {"access-token-ttl-s", "SECONDS", "access token lifetime",
         integerSetter("access-token-ttl-s", &ServerConfig::access_token_ttl_s, 1)},
        {"refresh-token-ttl-s", "SECONDS", "refresh token lifetime",
         integerSetter("refresh-token-ttl-s", &ServerConfig::refresh_token_ttl_s, 1)},
        {"url-signing-secret", "TEXT",
         "HMAC secret for signed playback URLs (default: DATA_DIR/url_signing.key, made on first start)",
         [](ServerConfig& c, const std::string& t) -> Result<void> {
             if (t.size() < 16)
                 return makeError("invalid_config", "--url-signing-secret must be at least 16 characters");
             c.url_signing_secret = t;
             return {};
         }},
        {"public-url", "URL",
         "the URL viewers reach this server by, e.g. https://videos.example.org (share links, watch pages); "
         "default: the Host each client used, over http",
         [](ServerConfig& c, const std::string& t) -> Result<void> {
             std::string url = t;
             while (!url.empty() && url.back() == '/')
                 url.pop_back();
             const size_t scheme = url.rfind("https://", 0) == 0 ? 8 : url.rfind("http://", 0) == 0 ? 7 : 0;
             const bool sane = scheme > 0 && url.size() > scheme &&
                               std::all_of(url.begin(), url.end(), [](unsigned char ch) {
                                   return std::isalnum(ch) || std::strchr(":/.-_[]~%", ch) != nullptr;
                               });
             if (!sane)
                 return makeError("invalid_config",
                                  "--public-url must be an http:// or https:// URL, got '" + t + "'");
             c.public_url = url;
             return {};
         }},
        {"signed-url-ttl-s", "SECONDS", "lifetime of the signed playback URLs /playback hands out",
         integerSetter("signed-url-ttl-s", &ServerConfig::signed_url_ttl_s, 1)},
        {"max-playlists-per-user", "N", "playlists a user may make (Watch later not counted)",
         integerSetter("max-playlists-per-user", &ServerConfig::max_playlists_per_user, 1)},
        {"max-playlist-items", "N", "videos one playlist may hold",
         integerSetter("max-playlist-items", &ServerConfig::max_playlist_items, 1)},
        {"trending-refresh-s", "SECONDS", "how often the trending ranking is recomputed",
         integerSetter("trending-refresh-s", &ServerConfig::trending_refresh_s, 1)},
        {"recs-refresh-s", "SECONDS", "how often the recommendation model folds in new history",
         integerSetter("recs-refresh-s", &ServerConfig::recs_refresh_s, 1)},
        {"cors-origins", "LIST", "allowed CORS origins, comma-separated, or *",
         stringSetter(&ServerConfig::cors_origins)},
        {"log-level", "LEVEL", "debug, info, warn or error", stringSetter(&ServerConfig::log_level)},
        {"access-log", "BOOL", "log one line per request",
         [](ServerConfig& c, const std::string& t) { return setBool(c.access_log, "access-log", t); }},
        {"rate-limits", "LIST",
         "per route group, e.g. search=100/min,uploads=10/h (groups: auth search metadata playback events "
         "uploads "
         "writes realtime; 0 = unlimited)",
         setRateLimits},
    };
    return kOptions;
}

std::string envName(const std::string& option) {
    std::string name = "FRAMECAST_";
    for (char c : option)
        name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

const Option* findOption(const std::string& name) {
    for (const Option& option : options())
        if (option.name == name)
            return &option;
    return nullptr;
}

std::string defaultDataDir(const std::map<std::string, std::string>& env) {
    if (auto it = env.find("XDG_DATA_HOME"); it != env.end() && !it->second.empty())
        return it->second + "/framecast";
    if (auto it = env.find("HOME"); it != env.end() && !it->second.empty())
        return it->second + "/.local/share/framecast";
    return "./framecast-data";
}

std::string trim(const std::string& text) {
    const size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

Result<void> applyConfigFile(ServerConfig& config, const std::string& path) {
    std::ifstream file(path);
    if (!file)
        return makeError("invalid_config", "cannot read config file " + path);
    std::string line;
    int number = 0;
    while (std::getline(file, line)) {
        ++number;
        line = trim(line);
        if (line.empty() || line[0] == '#')
            continue;
        const size_t eq = line.find('=');
        if (eq == std::string::npos)
            return makeError("invalid_config",
                             path + ":" + std::to_string(number) + ": expected key = value");
        const std::string key = trim(line.substr(0, eq));
        const Option* option = findOption(key);
        if (!option)
            return makeError("invalid_config",
                             path + ":" + std::to_string(number) + ": unknown key '" + key + "'");
        if (auto set = option->set(config, trim(line.substr(eq + 1))); !set)
            return makeError("invalid_config",
                             path + ":" + std::to_string(number) + ": " + set.error().message);
    }
    config.config_file = path;
    return {};
}

ServerConfig defaults() {
    ServerConfig config;
    config.rate_limits = {
        {"auth", {30, 60'000}},           {"search", {100, 60'000}},      {"metadata", {1000, 3'600'000}},
        {"playback", {10000, 3'600'000}}, {"events", {10000, 3'600'000}}, {"uploads", {10, 3'600'000}},
        {"writes", {600, 3'600'000}},     {"realtime", {600, 60'000}},    {"comments", {10, 60'000}},
        {"social", {600, 3'600'000}},
    };
    return config;
}

} // namespace

Result<RateLimitRule> parseRateLimitRule(const std::string& text) {
    if (text == "0")
        return RateLimitRule{};
    const size_t slash = text.find('/');
    if (slash == std::string::npos)
        return makeError("invalid_config", "rate limit '" + text + "' must look like 100/min");
    auto count = parseInteger("rate-limits", text.substr(0, slash));
    if (!count || *count < 0)
        return makeError("invalid_config", "rate limit '" + text + "' needs a count");
    const std::string unit = text.substr(slash + 1);
    int64_t period_ms = 0;
    if (unit == "s" || unit == "sec")
        period_ms = 1000;
    else if (unit == "min" || unit == "m")
        period_ms = 60'000;
    else if (unit == "h" || unit == "hour")
        period_ms = 3'600'000;
    else if (unit == "day" || unit == "d")
        period_ms = 86'400'000;
    else
        return makeError("invalid_config", "rate limit '" + text + "': period must be s, min, h or day");
    return RateLimitRule{*count, period_ms};
}

Result<ConfigLoad> loadServerConfig(const std::vector<std::string>& args,
                                    const std::vector<std::string>& environment) {
    std::map<std::string, std::string> env;
    for (const std::string& entry : environment)
        if (const size_t eq = entry.find('='); eq != std::string::npos)
            env[entry.substr(0, eq)] = entry.substr(eq + 1);

    // Flags first, into a list, so --config and --help are known before anything is applied.
    std::vector<std::pair<const Option*, std::string>> flags;
    std::string configFile;
    ConfigLoad load;
    for (size_t i = 1; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg == "--help" || arg == "-h") {
            load.show_help = true;
            return load;
        }
        if (arg.rfind("--", 0) != 0)
            return makeError("invalid_config", "unexpected argument '" + arg + "' (see --help)");
        std::string name = arg.substr(2);
        std::string value;
        if (const size_t eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            return makeError("invalid_config", "--" + name + " needs a value");
        }
        if (name == "config") {
            configFile = value;
            continue;
        }
        const Option* option = findOption(name);
        if (!option)
            return makeError("invalid_config", "unknown option --" + name + " (see --help)");
        flags.emplace_back(option, value);
    }

    ServerConfig config = defaults();
    if (configFile.empty())
        if (auto it = env.find("FRAMECAST_CONFIG"); it != env.end())
            configFile = it->second;
    if (!configFile.empty())
        if (auto applied = applyConfigFile(config, configFile); !applied)
            return applied.error();
    for (const Option& option : options())
        if (auto it = env.find(envName(option.name)); it != env.end())
            if (auto set = option.set(config, it->second); !set)
                return makeError("invalid_config", envName(option.name) + ": " + set.error().message);
    for (const auto& [option, value] : flags)
        if (auto set = option->set(config, value); !set)
            return set.error();

    if (config.data_dir.empty())
        config.data_dir = defaultDataDir(env);
    if (config.database_path.empty())
        config.database_path = config.data_dir + "/framecast.sqlite";
    if (config.uploads_dir.empty())
        config.uploads_dir = config.data_dir + "/uploads";
    if (config.media_dir.empty())
        config.media_dir = config.data_dir + "/media";
    load.config = std::move(config);
    return load;
}

std::string serverHelpText() {
    std::ostringstream out;
    out << "framecastd - the Framecast server: accounts, uploads, processing, delivery.\n\n"
           "Usage: framecastd [OPTIONS]\n\n"
           "Each option can also be set as an environment variable (FRAMECAST_LISTEN=...) or as\n"
           "'key = value' in a config file given by --config FILE or FRAMECAST_CONFIG.\n"
           "Precedence: flags > environment > config file > defaults.\n\n"
           "  --config FILE\n      read settings from FILE\n";
    for (const Option& option : options())
        out << "  --" << option.name << ' ' << option.value_hint << "   [" << envName(option.name)
            << "]\n      " << option.help << '\n';
    out << "  --help\n      show this text\n";
    return out.str();
}

} // namespace fc::server
