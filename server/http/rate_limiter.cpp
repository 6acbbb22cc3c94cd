#include "server/http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace fc::server {
namespace {

constexpr int64_t kSweepInterval_ms = 60'000;

} // namespace

RateDecision RateLimiter::take(const std::string& group, const std::string& subject, int64_t now_ms) {
    const auto rule = m_rules.find(group);
    if (rule == m_rules.end() || rule->second.requests <= 0 || rule->second.period_ms <= 0)
        return RateDecision{};
    const double capacity = static_cast<double>(rule->second.requests);
    const double refill_per_ms = capacity / static_cast<double>(rule->second.period_ms);

    std::lock_guard lock(m_mutex);
    // Forget buckets that have refilled completely: a new bucket starts full, so nothing is lost, and memory
    // stays proportional to the subjects active within one period.
    if (now_ms - m_lastSweep_ms >= kSweepInterval_ms) {
        std::erase_if(m_buckets, [&](const auto& entry) { return now_ms >= entry.second.full_at_ms; });
        m_lastSweep_ms = now_ms;
    }
    auto [it, inserted] = m_buckets.try_emplace(group + '\n' + subject, Bucket{capacity, now_ms, now_ms});
    Bucket& bucket = it->second;
    if (!inserted && now_ms > bucket.updated_ms) {
        bucket.tokens = std::min(capacity, bucket.tokens + static_cast<double>(now_ms - bucket.updated_ms) *
                                                               refill_per_ms);
        bucket.updated_ms = now_ms;
    }
    RateDecision decision;
    decision.limit = rule->second.requests;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        bucket.full_at_ms =
            now_ms + static_cast<int64_t>(std::ceil((capacity - bucket.tokens) / refill_per_ms));
        decision.remaining = static_cast<int64_t>(bucket.tokens);
        return decision;
    }
    decision.allowed = false;
    decision.retry_after_s =
        std::max<int64_t>(1, static_cast<int64_t>(std::ceil((1.0 - bucket.tokens) / refill_per_ms / 1000.0)));
    return decision;
}

size_t RateLimiter::bucketCount() {
    std::lock_guard lock(m_mutex);
    return m_buckets.size();
}

} // namespace fc::server
