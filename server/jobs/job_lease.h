#pragma once
// Who owns a running job: the process that claimed it ("host:pid"), for as long as it keeps renewing the
// lease. Several framecastd processes may share one database, so a node must never requeue a job that a
// live process is running; it recovers only what is provably dead.
#include <cstdint>
#include <optional>
#include <string>

namespace fc::server::jobs {

inline constexpr int64_t kLeaseDurationMs = 30'000;
inline constexpr int64_t kLeaseRenewIntervalMs = 10'000; // a few renewals fit in one lease

struct LeaseOwner {
    std::string host;
    int64_t pid = 0;

    static LeaseOwner thisProcess();
    static std::optional<LeaseOwner> parse(const std::string& text); // "host:pid"
    std::string text() const { return host + ":" + std::to_string(pid); }
};

enum class LeaseState { Invalid = 0, Held, Dead };

// A running row's lease as seen from `self` at now_ms: Dead when it has expired (or was never set), or when
// its owner is on this host and its process is gone (or is `self` starting up, holding no jobs yet).
LeaseState judgeLease(const std::optional<std::string>& owner, const std::optional<int64_t>& expires_at_ms,
                      const LeaseOwner& self, int64_t now_ms);

} // namespace fc::server::jobs
