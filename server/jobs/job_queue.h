#pragma once
// The durable job queue: rows in the jobs table, claimed by a pool of worker threads. Several processes may
// share the table (--job-kinds splits): a running job is leased to the process running it (job_lease.h), and
// only jobs whose process is gone are queued again (at start, or taken over once their lease expires).
// Failures retry with exponential backoff; a job is never started more than max_attempts times.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/util/result.h"
#include "server/jobs/job_lease.h"
#include "server/store/database.h"

namespace fc::server::jobs {

struct JobRecord {
    int64_t id = 0;
    std::string kind;
    std::optional<std::string> video_id;
    nlohmann::json payload;
    int attempts = 0; // including this one
    int max_attempts = 0;
};

enum class JobOutcome { Invalid = 0, Done, Retry, Fail };

struct JobResult {
    JobOutcome outcome = JobOutcome::Invalid;
    std::string error; // for Retry and Fail
};

// Given to a running job: progress reports and the cancel flag (set when its video is deleted or on
// shutdown).
class JobControl {
public:
    virtual ~JobControl() = default;
    virtual bool cancelled() const = 0;
    virtual void reportProgress(double fraction, std::optional<int64_t> eta_ms) = 0;
};

using JobRunner = std::function<JobResult(const JobRecord& job, JobControl& control)>;
// Called on a worker thread after a job's final state is written (to publish status, count metrics).
using JobObserver = std::function<void(const JobRecord& job, const std::string& state, double progress)>;

struct EnqueueOptions {
    int priority = 0;
    int max_attempts = 3;
    int64_t delay_ms = 0;
};

class JobQueue {
public:
    JobQueue(store::Database& database, int worker_count);
    ~JobQueue();

    // Register before start(); only registered kinds are claimed (others wait for a server that knows them).
    void registerKind(const std::string& kind, JobRunner runner);
    void setObserver(JobObserver observer);

    // Inside the caller's write transaction, so the job exists exactly when the state change that needs it
    // does.
    static Result<int64_t> enqueue(store::Connection& db, const std::string& kind,
                                   const std::optional<std::string>& video_id, const nlohmann::json& payload,
                                   const EnqueueOptions& options = {});
    // Marks a video's queued and running jobs cancelled; running ones see control.cancelled().
    Result<void> cancelForVideo(store::Connection& db, const std::string& video_id);

    void start(); // requeues jobs whose process is gone, then starts the workers and the lease renewal
    void stop();  // running jobs see cancelled() and are requeued, not failed
    void wake();  // a job was enqueued: look now rather than at the next poll

    std::map<std::string, double> countsByState(); // for /metrics

private:
    class Control;
    void workerLoop();
    void leaseLoop();
    void renewLeases();
    std::optional<JobRecord> claim();
    Result<std::vector<JobRecord>> failExhausted(store::Connection& db, const std::string& condition,
                                                 const std::vector<std::string>& kinds, int64_t now_ms,
                                                 const std::string& running_ids_json);
    void finish(const JobRecord& job, const JobResult& result, bool stopping);
    std::vector<std::string> registeredKinds();

    store::Database& m_database;
    const LeaseOwner m_owner = LeaseOwner::thisProcess();
    const std::string m_ownerText = m_owner.text();
    int m_workerCount = 1;
    std::map<std::string, JobRunner> m_runners;
    JobObserver m_observer;
    std::vector<std::thread> m_threads;
    std::thread m_leaseThread;
    std::condition_variable m_leaseWake; // apart from m_wake, so wake() never wakes the lease thread instead
    std::mutex m_mutex;
    std::condition_variable m_wake;
    uint64_t m_wakeups = 0;       // guarded by m_mutex
    bool m_leaseStopping = false; // guarded by m_mutex; set once the workers have stopped
    std::atomic<bool> m_stopping{false};
    std::mutex m_runningMutex;
    std::map<int64_t, Control*> m_running;
};

} // namespace fc::server::jobs
