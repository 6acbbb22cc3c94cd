#include "server/jobs/job_queue.h"

#include <algorithm>
#include <chrono>

#include "core/util/log.h"
#include "core/util/time.h"

namespace fc::server::jobs {

class JobQueue::Control : public JobControl {
public:
    Control(JobQueue& queue, const JobRecord& job) : m_queue(queue), m_job(job) {}
    bool cancelled() const override { return m_cancelled.load() || m_queue.m_stopping.load(); }
    void cancel() { m_cancelled = true; }
    bool cancelledByUser() const { return m_cancelled.load(); }
    void reportProgress(double fraction, std::optional<int64_t> eta_ms) override {
        fraction = std::clamp(fraction, 0.0, 1.0);
        (void)m_queue.m_database.write([&](store::Connection& db) -> Result<void> {
            return db.run("UPDATE jobs SET progress = ?, eta_ms = ?, updated_at = ? WHERE id = ?", fraction,
                          eta_ms, unixMillisNow(), m_job.id);
        });
        if (m_queue.m_observer)
            m_queue.m_observer(m_job, "running", fraction);
    }

private:
    JobQueue& m_queue;
    const JobRecord& m_job;
    std::atomic<bool> m_cancelled{false};
};

JobQueue::JobQueue(store::Database& database, int worker_count)
    : m_database(database), m_workerCount(worker_count) {}

JobQueue::~JobQueue() {
    stop();
}

void JobQueue::registerKind(const std::string& kind, JobRunner runner) {
    m_runners[kind] = std::move(runner);
}
void JobQueue::setObserver(JobObserver observer) {
    m_observer = std::move(observer);
}

Result<int64_t> JobQueue::enqueue(store::Connection& db, const std::string& kind,
                                  const std::optional<std::string>& video_id, const nlohmann::json& payload,
                                  const EnqueueOptions& options) {
    const int64_t now = unixMillisNow();
    auto inserted =
        db.run("INSERT INTO jobs (kind, video_id, payload, priority, max_attempts, run_after, created_at, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               kind, video_id, payload.dump(), options.priority, options.max_attempts, now + options.delay_ms,
               now, now);
    if (!inserted)
        return inserted.error();
    return db.lastInsertRowId();
}

Result<void> JobQueue::cancelForVideo(store::Connection& db, const std::string& video_id) {
    auto updated = db.run("UPDATE jobs SET state = 'cancelled', finished_at = ?, updated_at = ? "
                          "WHERE video_id = ? AND state IN ('queued', 'running')",
                          unixMillisNow(), unixMillisNow(), video_id);
    std::lock_guard lock(m_runningMutex);
    auto statement = db.prepare("SELECT id FROM jobs WHERE video_id = ?");
    statement.bindAll(video_id);
    while (statement.step())
        if (auto it = m_running.find(statement.int64(0)); it != m_running.end())
            it->second->cancel();
    return updated;
}

void JobQueue::start() {
    auto requeued = m_database.write([](store::Connection& db) -> Result<int64_t> {
        auto updated = db.run("UPDATE jobs SET state = 'queued', updated_at = ? WHERE state = 'running'",
                              unixMillisNow());
        if (!updated)
            return updated.error();
        return db.changes();
    });
    if (requeued && *requeued > 0)
        logInfo("jobs: requeued " + std::to_string(*requeued) + " jobs cut off by the last shutdown");
    m_stopping = false;
    for (int i = 0; i < m_workerCount; ++i)
        m_threads.emplace_back([this] { workerLoop(); });
}

void JobQueue::stop() {
    if (m_threads.empty())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& thread : m_threads)
        thread.join();
    m_threads.clear();
}

void JobQueue::wake() {
    {
        // Counted under the lock: a worker between an empty claim() and its wait does not miss the news.
        std::lock_guard lock(m_mutex);
        ++m_wakeups;
    }
    m_wake.notify_one();
}

std::vector<std::string> JobQueue::registeredKinds() {
    std::vector<std::string> kinds;
    for (const auto& [kind, runner] : m_runners)
        kinds.push_back(kind);
    return kinds;
}

std::optional<JobRecord> JobQueue::claim() {
    const std::vector<std::string> kinds = registeredKinds();
    if (kinds.empty())
        return std::nullopt;
    std::string placeholders;
    for (size_t i = 0; i < kinds.size(); ++i)
        placeholders += i ? ", ?" : "?";
    auto claimed = m_database.write([&](store::Connection& db) -> Result<std::optional<JobRecord>> {
        const int64_t now = unixMillisNow();
        auto statement =
            db.prepare("UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = ?, "
                       "updated_at = ? WHERE id = "
                       "(SELECT id FROM jobs WHERE state = 'queued' AND run_after <= ? AND kind IN (" +
                       placeholders +
                       ") ORDER BY priority DESC, id LIMIT 1) RETURNING id, kind, video_id, payload, "
                       "attempts, max_attempts");
        statement.bind(1, now).bind(2, now).bind(3, now);
        for (size_t i = 0; i < kinds.size(); ++i)
            statement.bind(static_cast<int>(i) + 4, kinds[i]);
        if (!statement.step())
            return statement.error() ? Result<std::optional<JobRecord>>(*statement.error())
                                     : Result<std::optional<JobRecord>>(std::nullopt);
        JobRecord job;
        job.id = statement.int64(0);
        job.kind = statement.text(1);
        job.video_id = statement.optionalText(2);
        job.payload = nlohmann::json::parse(statement.text(3), nullptr, false);
        job.attempts = static_cast<int>(statement.int64(4));
        job.max_attempts = static_cast<int>(statement.int64(5));
        (void)statement.step(); // finish the statement so the transaction can commit
        return std::optional<JobRecord>(std::move(job));
    });
    if (!claimed)
        return std::nullopt;
    return *claimed;
}

void JobQueue::finish(const JobRecord& job, const JobResult& result, bool stopping) {
    const int64_t now = unixMillisNow();
    std::string state;
    (void)m_database.write([&](store::Connection& db) -> Result<void> {
        if (stopping) {
            // Cut off by shutdown: not the job's fault, so the attempt is given back.
            state = "queued";
            return db.run(
                "UPDATE jobs SET state = 'queued', attempts = attempts - 1, updated_at = ? WHERE id = ? "
                "AND state = 'running'",
                now, job.id);
        }
        if (result.outcome == JobOutcome::Done) {
            state = "done";
            return db.run(
                "UPDATE jobs SET state = 'done', progress = 1, eta_ms = 0, finished_at = ?, updated_at = ? "
                "WHERE id = ? AND state = 'running'",
                now, now, job.id);
        }
        if (result.outcome == JobOutcome::Retry && job.attempts < job.max_attempts) {
            state = "queued";
            // Backoff: 2 s, 8 s, 32 s, ... capped at 10 minutes.
            const int64_t delay_ms =
                std::min<int64_t>(600'000, 2000LL << (2 * std::min(job.attempts - 1, 8)));
            return db.run("UPDATE jobs SET state = 'queued', last_error = ?, run_after = ?, updated_at = ? "
                          "WHERE id = ? AND state = 'running'",
                          result.error, now + delay_ms, now, job.id);
        }
        state = "failed";
        return db.run("UPDATE jobs SET state = 'failed', last_error = ?, finished_at = ?, updated_at = ? "
                      "WHERE id = ? AND state = 'running'",
                      result.error, now, now, job.id);
    });
    if (m_observer && !stopping)
        m_observer(job, state, state == "done" ? 1.0 : 0.0);
}

void JobQueue::workerLoop() {
    while (!m_stopping.load()) {
        uint64_t seen = 0;
        {
            std::lock_guard lock(m_mutex);
            seen = m_wakeups;
        }
        std::optional<JobRecord> job = claim();
        if (!job) {
            std::unique_lock lock(m_mutex);
            // wake() answers jobs enqueued by this process at once; the poll only finds jobs enqueued by
            // other nodes sharing the database, or whose backoff has passed, so it can be slow and cheap when
            // idle.
            m_wake.wait_for(lock, std::chrono::seconds(2),
                            [&] { return m_stopping.load() || m_wakeups != seen; });
            continue;
        }
        Control control(*this, *job);
        {
            std::lock_guard lock(m_runningMutex);
            m_running[job->id] = &control;
        }
        JobResult result;
        const auto runner = m_runners.find(job->kind);
        try {
            result = runner->second(*job, control);
        } catch (const std::exception& error) {
            result = {JobOutcome::Retry, std::string("unexpected error: ") + error.what()};
        }
        {
            std::lock_guard lock(m_runningMutex);
            m_running.erase(job->id);
        }
        if (control.cancelledByUser())
            continue; // the row already says 'cancelled'
        finish(*job, result, m_stopping.load());
    }
}

std::map<std::string, double> JobQueue::countsByState() {
    std::map<std::string, double> counts = {
        {"queued", 0}, {"running", 0}, {"done", 0}, {"failed", 0}, {"cancelled", 0}};
    (void)m_database.read([&](store::Connection& db) -> Result<void> {
        auto statement = db.prepare("SELECT state, COUNT(*) FROM jobs GROUP BY state");
        while (statement.step())
            counts[statement.text(0)] = static_cast<double>(statement.int64(1));
        return {};
    });
    return counts;
}

} // namespace fc::server::jobs
