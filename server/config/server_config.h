#pragma once
// framecastd configuration: command-line flags > FRAMECAST_* environment > config file > defaults.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace fc::server {

struct RateLimitRule {
    int64_t requests = 0; // 0: unlimited
    int64_t period_ms = 0;
};

struct ServerConfig {
    std::string listen_host = "127.0.0.1";
    uint16_t listen_port = 8080;
    std::string data_dir;      // default: $XDG_DATA_HOME/framecast (~/.local/share/framecast)
    std::string database_path; // default: <data_dir>/framecast.sqlite
    std::string uploads_dir;   // default: <data_dir>/uploads
    std::string media_dir;     // default: <data_dir>/media
    std::string config_file;   // the file that was read, if any

    int io_threads = 2;     // network only
    int worker_threads = 6; // handlers: SQLite and disk work
    int job_workers = 1;    // processing pipeline
    std::string job_kinds;  // comma-separated job kinds this node runs (ingest, transcode); empty: all

    int64_t max_upload_bytes = 10LL << 30;
    int64_t default_quota_bytes = 100LL << 30;
    int64_t upload_expiry_s = 24 * 3600;
    int64_t max_json_body_bytes = 1 << 20;
    int64_t max_image_bytes = 10 << 20;
    int64_t upload_checkpoint_bytes = 64 << 20; // a long PATCH without checksum is made durable this often

    int header_timeout_s = 30;
    int idle_timeout_s = 75;
    int body_timeout_s = 60; // with no byte arriving
    int shutdown_grace_s = 10;
    int maintenance_interval_s = 60;

    std::string transcode_preset = "veryfast"; // x264 preset for every rung
    int segment_duration_ms = 4000;            // CMAF segment length (VOD)
    int ladder_max_height = 2160;              // the largest rung (short side)

    int64_t access_token_ttl_s = 3600;
    int64_t refresh_token_ttl_s = 30 * 24 * 3600;

    // The URL viewers reach this server by ("https://videos.example.org", no trailing slash): share links and
    // watch pages use it. Empty: the Host the client used, over http (right on a LAN, wrong behind TLS).
    std::string public_url;

    // Signed playback URLs: HMAC secret (empty: DATA_DIR/url_signing.key, made on first start) and lifetime.
    std::string url_signing_secret;
    int64_t signed_url_ttl_s = 4 * 3600;

    // Library limits (docs/API.md §16).
    int64_t max_playlists_per_user = 1000;
    int64_t max_playlist_items = 5000;

    // Discovery (docs/API.md §17): how often the trending ranking and the recommendation model catch up.
    int64_t trending_refresh_s = 60;
    int64_t recs_refresh_s = 30;

    std::string cors_origins = "*";
    std::string log_level = "info";
    bool access_log = true;

    std::map<std::string, RateLimitRule> rate_limits; // by route group
};

struct ConfigLoad {
    ServerConfig config;
    bool show_help = false;
};

// argv as given to main; environment as "NAME=value" strings.
Result<ConfigLoad> loadServerConfig(const std::vector<std::string>& args,
                                    const std::vector<std::string>& environment);
std::string serverHelpText();
Result<RateLimitRule> parseRateLimitRule(const std::string& text); // "100/min", "10/h", "5/s", "0"

} // namespace fc::server
