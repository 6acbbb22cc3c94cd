#include "server/uploads/upload_locks.h"

namespace fc::server::uploads {

UploadLock::UploadLock(UploadLock&& other) noexcept : m_table(other.m_table), m_id(std::move(other.m_id)) {
    other.m_table = nullptr;
}

UploadLock& UploadLock::operator=(UploadLock&& other) noexcept {
    if (this != &other) {
        release();
        m_table = other.m_table;
        m_id = std::move(other.m_id);
        other.m_table = nullptr;
    }
    return *this;
}

void UploadLock::release() {
    if (m_table)
        m_table->unlock(m_id);
    m_table = nullptr;
}

std::optional<UploadLock> UploadLockTable::tryLock(const std::string& upload_id) {
    std::lock_guard lock(m_mutex);
    if (!m_locked.insert(upload_id).second)
        return std::nullopt;
    return UploadLock(this, upload_id);
}

UploadLockTable::Attempt UploadLockTable::lockWithin(const std::string& upload_id,
                                                     std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    if (m_locked.contains(upload_id)) {
        if (m_waiting.contains(upload_id) || m_waiting.size() >= kMaxWaiting)
            return {Outcome::Busy, std::nullopt};
        m_waiting.insert(upload_id);
        const bool released =
            m_released.wait_for(lock, timeout, [&] { return !m_locked.contains(upload_id); });
        m_waiting.erase(upload_id);
        if (!released)
            return {Outcome::TimedOut, std::nullopt};
    }
    m_locked.insert(upload_id);
    return {Outcome::Acquired, UploadLock(this, upload_id)};
}

size_t UploadLockTable::waitingCount() {
    std::lock_guard lock(m_mutex);
    return m_waiting.size();
}

void UploadLockTable::unlock(const std::string& upload_id) {
    {
        std::lock_guard lock(m_mutex);
        m_locked.erase(upload_id);
    }
    m_released.notify_all();
}

UploadLockTable& uploadLocks() {
    static UploadLockTable table;
    return table;
}

} // namespace fc::server::uploads
