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

std::optional<UploadLock> UploadLockTable::lockWithin(const std::string& upload_id,
                                                      std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    if (!m_released.wait_for(lock, timeout, [&] { return !m_locked.contains(upload_id); }))
        return std::nullopt;
    m_locked.insert(upload_id);
    return UploadLock(this, upload_id);
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
