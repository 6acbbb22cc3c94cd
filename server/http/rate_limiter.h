#pragma once
// Token buckets per (route group, subject), where the subject is a user id or, when anonymous, an IP.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

#include "server/config/server_config.h"

namespace fc::server {

struct RateDecision {
    bool allowed = true;
    int64_t retry_after_s = 0;
    int64_t remaining = 0;
    int64_t limit = 0;
};

class RateLimiter {
public:
    explicit RateLimiter(std::map<std::string, RateLimitRule> rules) : m_rules(std::move(rules)) {}

    // Takes one token from the bucket (group, subject) at monotonic time now_ms.
    RateDecision take(const std::string& group, const std::string& subject, int64_t now_ms);

private:
    struct Bucket {
        double tokens = 0;
        int64_t updated_ms = 0;
    };
    std::map<std::string, RateLimitRule> m_rules;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
    int64_t m_lastSweep_ms = 0;
};

} // namespace fc::server
