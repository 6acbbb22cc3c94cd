#pragma once
// One writer per upload at a time: a PATCH holds its upload's lock from admission to its answer, so a second
// concurrent PATCH is refused (409) instead of interleaving bytes. In memory only; a crash frees every lock.
// The table is process-wide because the HTTP routes and the maintenance sweep must see the same locks.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace fc::server::uploads {

class UploadLockTable;

class UploadLock {
public:
    UploadLock(UploadLock&& other) noexcept;
    UploadLock& operator=(UploadLock&& other) noexcept;
    UploadLock(const UploadLock&) = delete;
    UploadLock& operator=(const UploadLock&) = delete;
    ~UploadLock() { release(); }
    void release();

private:
    friend class UploadLockTable;
    UploadLock(UploadLockTable* table, std::string id) : m_table(table), m_id(std::move(id)) {}
    UploadLockTable* m_table = nullptr;
    std::string m_id;
};

class UploadLockTable {
public:
    // Waiting pins a request worker, so few may wait at once: one per upload, kMaxWaiting in all.
    static constexpr size_t kMaxWaiting = 2;
    enum class Outcome { Acquired, Busy, TimedOut }; // Busy: held and nobody more may wait; not waited
    struct Attempt {
        Outcome outcome;
        std::optional<UploadLock> lock; // when Acquired
    };

    std::optional<UploadLock> tryLock(const std::string& upload_id);
    // Waits up to timeout for a writer to finish (termination after a client aborted its PATCH), unless
    // someone already waits for this upload or kMaxWaiting requests wait.
    Attempt lockWithin(const std::string& upload_id, std::chrono::milliseconds timeout);
    size_t waitingCount();

private:
    friend class UploadLock;
    void unlock(const std::string& upload_id);
    std::mutex m_mutex;
    std::condition_variable m_released;
    std::set<std::string> m_locked;
    std::set<std::string> m_waiting;
};

UploadLockTable& uploadLocks();

} // namespace fc::server::uploads
