#include "server/jobs/job_lease.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace fc::server::jobs {
namespace {

bool processExists(int64_t pid) {
    if (pid <= 0)
        return false;
    // EPERM: the process exists but belongs to someone else.
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

} // namespace

LeaseOwner LeaseOwner::thisProcess() {
    char name[256] = {};
    if (::gethostname(name, sizeof(name) - 1) != 0)
        name[0] = '\0';
    return LeaseOwner{name[0] ? std::string(name) : std::string("localhost"),
                      static_cast<int64_t>(::getpid())};
}

std::optional<LeaseOwner> LeaseOwner::parse(const std::string& text) {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        return std::nullopt;
    int64_t pid = 0;
    for (size_t i = colon + 1; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9' || pid > 1'000'000'000)
            return std::nullopt;
        pid = pid * 10 + (text[i] - '0');
    }
    return LeaseOwner{text.substr(0, colon), pid};
}

LeaseState judgeLease(const std::optional<std::string>& owner, const std::optional<int64_t>& expires_at_ms,
                      const LeaseOwner& self, int64_t now_ms) {
    if (!owner || !expires_at_ms || *expires_at_ms <= now_ms)
        return LeaseState::Dead;
    const auto parsed = LeaseOwner::parse(*owner);
    if (!parsed || parsed->host != self.host)
        return LeaseState::Held; // another host's process: only its lease can tell
    // Our own pid on a row at start-up is a dead process whose pid was reused: we hold nothing yet.
    if (parsed->pid == self.pid || !processExists(parsed->pid))
        return LeaseState::Dead;
    return LeaseState::Held;
}

} // namespace fc::server::jobs
