#pragma once
// Token buckets per (route group, subject), where the subject is a user id or, when anonymous, an IP.
// A bucket holds up to `requests` tokens and refills continuously at requests/period.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

#include "server/config/server_config.h"

namespace fc::server {

struct RateDecision {
    bool allowed = true;
    int64_t retry_after_s = 0; // when refused: whole seconds until a token is back (at least 1)
    int64_t remaining = 0;     // tokens left after this request
    int64_t limit = 0;         // 0: the group is unlimited
};

class RateLimiter {
public:
    explicit RateLimiter(std::map<std::string, RateLimitRule> rules) : m_rules(std::move(rules)) {}

    // Takes one token from the bucket (group, subject) at monotonic time now_ms.
    RateDecision take(const std::string& group, const std::string& subject, int64_t now_ms);

    size_t bucketCount();

private:
    struct Bucket {
        double tokens = 0;
        int64_t updated_ms = 0;
        int64_t full_at_ms = 0; // from then on the bucket is indistinguishable from a new one
    };
    std::map<std::string, RateLimitRule> m_rules;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
    int64_t m_lastSweep_ms = 0;
};

} // namespace fc::server
