#include "server/jobs/job_queue.h"

#include <algorithm>
#include <chrono>

#include "core/util/log.h"
#include "core/util/time.h"

namespace fc::server::jobs {

class JobQueue::Control : public JobControl {
public:
    Control(JobQueue& queue, const JobRecord& job) : m_queue(queue), m_job(job) {}
    bool cancelled() const override {
        return m_cancelled.load() || m_leaseLost.load() || m_queue.m_stopping.load();
    }
    void cancel() { m_cancelled = true; }
    bool cancelledByUser() const { return m_cancelled.load(); }
    // Another node took the job over (our lease ran out): stop, and write nothing more to its row.
    void loseLease() {
        if (!m_leaseLost.exchange(true) && !m_cancelled.load())
            logWarn("jobs: job " + std::to_string(m_job.id) +
                    " was taken over by another node; stopping it here");
    }
    void reportProgress(double fraction, std::optional<int64_t> eta_ms) override {
        fraction = std::clamp(fraction, 0.0, 1.0);
        const int64_t now = unixMillisNow();
        // Each report renews the lease too; a row no longer ours is left alone.
        auto owned = m_queue.m_database.write([&](store::Connection& db) -> Result<bool> {
            auto run =
                db.run("UPDATE jobs SET progress = ?, eta_ms = ?, lease_expires_at = ?, updated_at = ? "
                       "WHERE id = ? AND state = 'running' AND lease_owner = ?",
                       fraction, eta_ms, now + kLeaseDurationMs, now, m_job.id, m_queue.m_ownerText);
            if (!run)
                return run.error();
            return db.changes() == 1;
        });
        if (owned && !*owned) {
            loseLease();
            return;
        }
        if (m_queue.m_observer)
            m_queue.m_observer(m_job, "running", fraction);
    }

private:
    JobQueue& m_queue;
    const JobRecord& m_job;
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_leaseLost{false};
};

namespace {

JobRecord jobFromRow(const store::Statement& row) {
    JobRecord job;
    job.id = row.int64(0);
    job.kind = row.text(1);
    job.video_id = row.optionalText(2);
    job.payload = nlohmann::json::parse(row.text(3), nullptr, false);
    job.attempts = static_cast<int>(row.int64(4));
    job.max_attempts = static_cast<int>(row.int64(5));
    return job;
}

constexpr const char* kJobColumns = "id, kind, video_id, payload, attempts, max_attempts";

// Rows a worker may take, with ?1 = now, ?2 = this process's owner, ?3 = JSON array of the ids it runs, then
// the kinds: queued ones past their backoff, and running ones whose lease has expired (their process died
// or hung), except the ones this process is running itself.
std::string claimableCondition(size_t kind_count) {
    std::string kinds;
    for (size_t i = 0; i < kind_count; ++i)
        kinds += (i ? ", ?" : "?") + std::to_string(i + 4);
    return "state IN ('queued', 'running') AND kind IN (" + kinds +
           ") AND CASE state WHEN 'queued' THEN run_after <= ?1 ELSE COALESCE(lease_expires_at, 0) <= ?1 "
           "AND (lease_owner IS NOT ?2 OR id NOT IN (SELECT value FROM json_each(?3))) END";
}

void bindClaimable(store::Statement& statement, int64_t now_ms, const std::string& owner,
                   const std::string& running_ids_json, const std::vector<std::string>& kinds) {
    statement.bind(1, now_ms).bind(2, owner).bind(3, running_ids_json);
    for (size_t i = 0; i < kinds.size(); ++i)
        statement.bind(static_cast<int>(i) + 4, kinds[i]);
}

} // namespace

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
    // Only rows whose process is provably gone: another node sharing the database may be running the rest.
    auto requeued = m_database.write([&](store::Connection& db) -> Result<int64_t> {
        const int64_t now = unixMillisNow();
        std::vector<int64_t> dead;
        auto running =
            db.prepare("SELECT id, lease_owner, lease_expires_at FROM jobs WHERE state = 'running'");
        while (running.step())
            if (judgeLease(running.optionalText(1), running.optionalInt64(2), m_owner, now) ==
                LeaseState::Dead)
                dead.push_back(running.int64(0));
        if (running.error())
            return *running.error();
        for (const int64_t id : dead)
            if (auto run =
                    db.run("UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, "
                           "updated_at = ? WHERE id = ?",
                           now, id);
                !run)
                return run.error();
        return static_cast<int64_t>(dead.size());
    });
    if (requeued && *requeued > 0)
        logInfo("jobs: requeued " + std::to_string(*requeued) +
                " jobs whose process is gone (crashed or killed)");
    m_stopping = false;
    m_leaseStopping = false;
    for (int i = 0; i < m_workerCount; ++i)
        m_threads.emplace_back([this] { workerLoop(); });
    m_leaseThread = std::thread([this] { leaseLoop(); });
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
    // Only now: a job slow to notice the shutdown keeps its lease until finish() has requeued it.
    {
        std::lock_guard lock(m_mutex);
        m_leaseStopping = true;
    }
    m_leaseWake.notify_all();
    if (m_leaseThread.joinable())
        m_leaseThread.join();
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

Result<std::vector<JobRecord>> JobQueue::failExhausted(store::Connection& db, const std::string& condition,
                                                       const std::vector<std::string>& kinds, int64_t now_ms,
                                                       const std::string& running_ids_json) {
    // Only a run that never reported back (its process died, e.g. a libav crash or the OOM killer) leaves a
    // claimable row with no attempt left: starting it again would crash-loop the node.
    auto statement = db.prepare(
        "UPDATE jobs SET state = 'failed', last_error = 'attempts exhausted: ' || attempts || ' of ' || "
        "max_attempts || ' runs started, the last one ended without a result (its process died or lost its "
        "lease)', lease_expires_at = NULL, finished_at = ?1, updated_at = ?1 WHERE " +
        condition + " AND attempts >= max_attempts RETURNING " + kJobColumns);
    bindClaimable(statement, now_ms, m_ownerText, running_ids_json, kinds);
    std::vector<JobRecord> failed;
    while (statement.step())
        failed.push_back(jobFromRow(statement));
    if (statement.error())
        return *statement.error();
    return failed;
}

std::optional<JobRecord> JobQueue::claim() {
    const std::vector<std::string> kinds = registeredKinds();
    if (kinds.empty())
        return std::nullopt;
    std::string runningIds = "[";
    {
        std::lock_guard lock(m_runningMutex);
        for (const auto& [id, control] : m_running)
            runningIds += (runningIds.size() > 1 ? "," : "") + std::to_string(id);
    }
    runningIds += "]";
    const std::string condition = claimableCondition(kinds.size());
    struct Claimed {
        std::optional<JobRecord> job;
        std::optional<std::string> taken_from; // the owner of an expired lease taken over
        std::vector<JobRecord> exhausted;
    };
    auto claimed = m_database.write([&](store::Connection& db) -> Result<Claimed> {
        const int64_t now = unixMillisNow();
        Claimed out;
        auto exhausted = failExhausted(db, condition, kinds, now, runningIds);
        if (!exhausted)
            return exhausted.error();
        out.exhausted = std::move(*exhausted);
        auto next = db.prepare("SELECT id, state, lease_owner FROM jobs WHERE " + condition +
                               " AND attempts < max_attempts ORDER BY priority DESC, id LIMIT 1");
        bindClaimable(next, now, m_ownerText, runningIds, kinds);
        if (!next.step()) {
            if (next.error())
                return *next.error();
            return out;
        }
        const int64_t id = next.int64(0);
        if (next.text(1) == "running")
            out.taken_from = next.optionalText(2).value_or("an unknown process");
        auto update =
            db.prepare("UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = ?, "
                       "updated_at = ?, lease_owner = ?, lease_expires_at = ? WHERE id = ? RETURNING " +
                       std::string(kJobColumns));
        update.bindAll(now, now, m_ownerText, now + kLeaseDurationMs, id);
        if (!update.step())
            return update.error() ? *update.error() : makeError("database_error", "the claimed job vanished");
        out.job = jobFromRow(update);
        (void)update.step(); // finish the statement so the transaction can commit
        return out;
    });
    if (!claimed)
        return std::nullopt;
    for (const JobRecord& job : claimed->exhausted) {
        logWarn("jobs: job " + std::to_string(job.id) + " (" + job.kind + ") failed: its " +
                std::to_string(job.attempts) + " attempts are used up");
        if (m_observer)
            m_observer(job, "failed", 0.0);
    }
    if (claimed->job && claimed->taken_from)
        logInfo("jobs: took over job " + std::to_string(claimed->job->id) + " from " + *claimed->taken_from +
                ", whose lease expired");
    return std::move(claimed->job);
}

void JobQueue::finish(const JobRecord& job, const JobResult& result, bool stopping) {
    const int64_t now = unixMillisNow();
    std::string state;
    // Every update applies only while the row is still this process's: a run whose job was taken over (its
    // lease expired) must not overwrite the new run's state.
    auto applied = m_database.write([&](store::Connection& db) -> Result<bool> {
        Result<void> run;
        if (stopping) {
            // Cut off by shutdown: not the job's fault, so the attempt is given back.
            state = "queued";
            run = db.run("UPDATE jobs SET state = 'queued', attempts = attempts - 1, lease_owner = NULL, "
                         "lease_expires_at = NULL, updated_at = ? WHERE id = ? AND state = 'running' AND "
                         "lease_owner = ?",
                         now, job.id, m_ownerText);
        } else if (result.outcome == JobOutcome::Done) {
            state = "done";
            run = db.run(
                "UPDATE jobs SET state = 'done', progress = 1, eta_ms = 0, lease_expires_at = NULL, "
                "finished_at = ?, updated_at = ? WHERE id = ? AND state = 'running' AND lease_owner = ?",
                now, now, job.id, m_ownerText);
        } else if (result.outcome == JobOutcome::Retry && job.attempts < job.max_attempts) {
            state = "queued";
            // Backoff: 2 s, 8 s, 32 s, ... capped at 10 minutes.
            const int64_t delay_ms =
                std::min<int64_t>(600'000, 2000LL << (2 * std::min(job.attempts - 1, 8)));
            run =
                db.run("UPDATE jobs SET state = 'queued', last_error = ?, run_after = ?, lease_owner = NULL, "
                       "lease_expires_at = NULL, updated_at = ? WHERE id = ? AND state = 'running' AND "
                       "lease_owner = ?",
                       result.error, now + delay_ms, now, job.id, m_ownerText);
        } else {
            state = "failed";
            run = db.run(
                "UPDATE jobs SET state = 'failed', last_error = ?, lease_expires_at = NULL, "
                "finished_at = ?, updated_at = ? WHERE id = ? AND state = 'running' AND lease_owner = ?",
                result.error, now, now, job.id, m_ownerText);
        }
        if (!run)
            return run.error();
        return db.changes() == 1;
    });
    if (applied && !*applied) {
        logWarn("jobs: job " + std::to_string(job.id) + " is no longer this node's; its result (" + state +
                ") is dropped");
        return;
    }
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

void JobQueue::leaseLoop() {
    std::unique_lock lock(m_mutex);
    while (!m_leaseStopping) {
        if (m_leaseWake.wait_for(lock, std::chrono::milliseconds(kLeaseRenewIntervalMs),
                                 [&] { return m_leaseStopping; }))
            break;
        lock.unlock();
        renewLeases();
        lock.lock();
    }
}

// Progress reports renew a lease too, but a long step without them (an ingest hashing a large file) must not
// look dead to the other nodes.
void JobQueue::renewLeases() {
    std::vector<int64_t> ids;
    {
        std::lock_guard lock(m_runningMutex);
        for (const auto& [id, control] : m_running)
            ids.push_back(id);
    }
    if (ids.empty())
        return;
    // The database write runs without m_runningMutex: cancelForVideo takes that mutex inside a write.
    std::vector<int64_t> lost;
    auto renewed = m_database.write([&](store::Connection& db) -> Result<void> {
        const int64_t now = unixMillisNow();
        for (const int64_t id : ids) {
            auto run = db.run("UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND state = 'running' AND "
                              "lease_owner = ?",
                              now + kLeaseDurationMs, id, m_ownerText);
            if (!run)
                return run;
            if (db.changes() == 0)
                lost.push_back(id);
        }
        return {};
    });
    if (!renewed) {
        logWarn("jobs: cannot renew job leases: " + renewed.error().message);
        return;
    }
    std::lock_guard lock(m_runningMutex);
    for (const int64_t id : lost)
        if (auto it = m_running.find(id); it != m_running.end())
            it->second->loseLease();
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
