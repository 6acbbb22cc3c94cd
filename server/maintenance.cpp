#include "server/maintenance.h"

#include "core/util/log.h"
#include "core/util/time.h"
#include "server/store/database.h"
#include "server/uploads/upload_lifecycle.h"

namespace fc::server {

void Maintenance::start() {
    m_thread = std::thread([this] {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            lock.unlock();
            runOnce();
            lock.lock();
            m_wake.wait_for(lock, std::chrono::seconds(m_server.config.maintenance_interval_s),
                            [this] { return m_stopping; });
        }
    });
}

void Maintenance::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void Maintenance::runOnce() {
    const int64_t now = unixMillisNow();
    (void)m_server.database.write([&](store::Connection& db) -> Result<void> {
        return db.run("DELETE FROM sessions WHERE refresh_expires_at <= ?", now);
    });
    uploads::expireStaleUploads(m_server);
}

} // namespace fc::server
