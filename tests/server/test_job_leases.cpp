// Job leases across processes sharing one data dir: starting a node requeues only running jobs whose
// process is provably gone (a dead pid on this host, or an expired lease), a live node's job stays its own
// (a second framecastd with --job-kinds leaves it alone; a node whose job was taken over stops writing to
// it), and a job whose runs used up its attempts is failed, not run again, with its video failed and the
// partial outputs removed.
#include <QCoreApplication>
#include <QDir>
#include <QtTest>

#include <unistd.h>

#include "core/util/ids.h"
#include "core/util/time.h"
#include "tests/server/direct_database.h"
#include "tests/server/test_upload_helpers.h"

using namespace fc;
using namespace fc::test;
using nlohmann::json;

namespace {

constexpr int64_t kHourMs = 3'600'000;

std::string thisHost() {
    char name[256] = {};
    return ::gethostname(name, sizeof(name) - 1) == 0 ? std::string(name) : std::string("localhost");
}

// The pid of a process that has exited (and been reaped): nothing runs under it any more.
int64_t exitedPid() {
    QProcess process;
    process.start("true", {});
    if (!process.waitForStarted())
        return -1;
    const int64_t pid = process.processId();
    process.waitForFinished();
    return pid;
}

// A job row as a claim by `owner` leaves it; its id, or -1.
int64_t insertRunningJob(DirectDatabase& db, const std::string& kind, const std::optional<std::string>& video,
                         const std::string& owner, int64_t lease_expires_at_ms) {
    const std::string now = std::to_string(unixMillisNow());
    const auto id = db.scalar(
        "INSERT INTO jobs (kind, video_id, state, attempts, run_after, created_at, updated_at, started_at, "
        "lease_owner, lease_expires_at) VALUES (?, NULLIF(?, ''), 'running', 1, ?, ?, ?, ?, ?, ?) RETURNING "
        "id",
        {kind, video.value_or(""), now, now, now, now, owner, std::to_string(lease_expires_at_ms)});
    return id ? std::stoll(*id) : -1;
}

std::string column(DirectDatabase& db, const std::string& name, int64_t job_id) {
    return db.scalar("SELECT " + name + " FROM jobs WHERE id = ?", {std::to_string(job_id)}).value_or("NULL");
}

// Waits until the video is processing with its first segments out, i.e. its transcode is well under way.
bool waitUntilPlayable(ApiClient& api, const std::string& token, const std::string& id) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 120000) {
        const json status = api.get("/api/v1/videos/" + id + "/status", token).json;
        const std::string state = status.value("status", "");
        if (state == "ready" || state == "failed")
            return false;
        if (state == "processing" && status.value("playable", false))
            return true;
        QThread::msleep(50);
    }
    return false;
}

} // namespace

class TestJobLeases : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // A slower preset and a longer clip leave time to act while the first segments exist.
        m_clip = makeClip(m_dir.path(), sharedMedia("big_buck_bunny.mp4"), 0, 40, {}, "bbb40.mp4");
        QVERIFY(!m_clip.isEmpty());
    }

    void startRequeuesOnlyJobsWhoseProcessIsGone() {
        TestServer server({"--job-kinds", "ingest"});
        QVERIFY2(server.start(), qPrintable(server.log()));
        auto owner = ApiClient(server).signUp("leases");
        QVERIFY(owner);
        QVERIFY2(server.terminate(), qPrintable(server.log()));

        DirectDatabase db(server.dataDir());
        QVERIFY(db.isOpen());
        const std::string host = thisHost();
        const int64_t now = unixMillisNow();
        const int64_t deadPid = exitedPid();
        QVERIFY(deadPid > 0);
        // An ingest of a video that is ready already finishes at once when it runs.
        const std::string ready = newVideo(db, *owner, "ready");
        QVERIFY(!ready.empty());
        // Leases that have not run out: only the process check can tell the first one is dead.
        const int64_t deadHere = insertRunningJob(db, "transcode", std::nullopt,
                                                  host + ":" + std::to_string(deadPid), now + kHourMs);
        const std::string aliveOwner = host + ":" + std::to_string(QCoreApplication::applicationPid());
        const int64_t aliveHere = insertRunningJob(db, "ingest", std::nullopt, aliveOwner, now + kHourMs);
        const int64_t elsewhere =
            insertRunningJob(db, "ingest", std::nullopt, "elsewhere.invalid:4242", now + kHourMs);
        // Another host's node that stopped renewing before this one started: its lease has run out.
        const int64_t expiredBefore =
            insertRunningJob(db, "ingest", ready, "elsewhere.invalid:4343", now - 1000);
        QVERIFY(deadHere > 0 && aliveHere > 0 && elsewhere > 0 && expiredBefore > 0);

        QVERIFY2(server.start(), qPrintable(server.log()));
        QTRY_VERIFY2_WITH_TIMEOUT(server.log().contains("requeued 2 jobs"),
                                  qPrintable(server.log().right(800)), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(column(db, "state", expiredBefore), std::string("done"), 30000);
        QCOMPARE(column(db, "attempts", expiredBefore), std::string("2"));
        QCOMPARE(column(db, "state", deadHere), std::string("queued")); // this node does not run transcodes
        QCOMPARE(column(db, "lease_owner", deadHere), std::string("NULL"));

        // One whose lease runs out while this node is up is taken over by its next claim.
        const int64_t expiredLater =
            insertRunningJob(db, "ingest", ready, "elsewhere.invalid:4444", unixMillisNow() - 1000);
        QVERIFY(expiredLater > 0);
        QTRY_COMPARE_WITH_TIMEOUT(column(db, "state", expiredLater), std::string("done"), 30000);
        QCOMPARE(column(db, "attempts", expiredLater), std::string("2"));
        QVERIFY(column(db, "lease_owner", expiredLater).rfind(host + ":", 0) == 0);
        QTRY_VERIFY2_WITH_TIMEOUT(server.log().contains("took over job " + QString::number(expiredLater)),
                                  qPrintable(server.log().right(800)), 10000);

        // The worker has claimed twice since start and left the live ones alone.
        for (const int64_t id : {aliveHere, elsewhere}) {
            QCOMPARE(column(db, "state", id), std::string("running"));
            QCOMPARE(column(db, "attempts", id), std::string("1"));
        }
        QCOMPARE(column(db, "lease_owner", aliveHere), aliveOwner);
        QCOMPARE(column(db, "lease_owner", elsewhere), std::string("elsewhere.invalid:4242"));
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

    void secondNodeLeavesTheFirstNodesJobAlone() {
        TestServer first({"--transcode-preset", "medium"});
        const auto transcoding = startTranscoding(first, "sharer");
        QVERIFY2(transcoding, qPrintable(first.log().right(800)));
        const auto& [owner, id] = *transcoding;
        ApiClient api(first);
        DirectDatabase db(first.dataDir());
        const int64_t jobId = transcodeJobId(db, id);
        QVERIFY(jobId > 0);
        const std::string firstOwner = column(db, "lease_owner", jobId);
        QCOMPARE(column(db, "state", jobId), std::string("running"));

        // A front node that only ingests, started on the same data dir while the first one transcodes.
        TestServer second({"--job-kinds", "ingest", "--data-dir", first.dataDir()});
        QVERIFY2(second.start(), qPrintable(second.log()));
        QCOMPARE(column(db, "state", jobId), std::string("running"));
        QCOMPARE(column(db, "lease_owner", jobId), firstOwner);
        QCOMPARE(column(db, "attempts", jobId), std::string("1"));
        QVERIFY2(second.terminate(), qPrintable(second.log()));
        QVERIFY2(!second.log().contains("requeued"), qPrintable(second.log().right(800)));

        // Had another node taken the job over (as after an expired lease), the first stops and writes
        // nothing.
        const std::string taker = "elsewhere.invalid:77";
        QVERIFY(db.exec("UPDATE jobs SET lease_owner = ?, lease_expires_at = ? WHERE id = ?",
                        {taker, std::to_string(unixMillisNow() + kHourMs), std::to_string(jobId)}));
        QTRY_VERIFY2_WITH_TIMEOUT(
            first.log().contains("job " + QString::number(jobId) + " is no longer this node's"),
            qPrintable(first.log().right(800)), 60000);
        QCOMPARE(column(db, "state", jobId), std::string("running"));
        QCOMPARE(column(db, "lease_owner", jobId), taker);
        QCOMPARE(column(db, "attempts", jobId), std::string("1"));
        QVERIFY(api.get("/api/v1/videos/" + id + "/status", owner.access_token).json.value("status", "") !=
                "ready");
        QVERIFY2(first.terminate(), qPrintable(first.log()));
    }

    void exhaustedJobIsFailedNotRun() {
        TestServer server({"--transcode-preset", "medium"});
        const auto transcoding = startTranscoding(server, "crashloop");
        QVERIFY2(transcoding, qPrintable(server.log().right(800)));
        const auto& [owner, id] = *transcoding;
        server.kill(); // as a libav crash or the OOM killer would, in the middle of the transcode

        const QString media = server.dataDir() + "/media/" + QString::fromStdString(id);
        QVERIFY(QDir(media + "/cmaf").exists());
        DirectDatabase db(server.dataDir());
        const int64_t jobId = transcodeJobId(db, id);
        QVERIFY(jobId > 0);
        QCOMPARE(column(db, "state", jobId), std::string("running"));
        // As if this had been the last of its attempts to take the server down; the lease, still valid,
        // leaves the dead pid as the only sign that the run is over.
        QVERIFY(db.exec("UPDATE jobs SET attempts = max_attempts, lease_expires_at = ? WHERE id = ?",
                        {std::to_string(unixMillisNow() + kHourMs), std::to_string(jobId)}));

        QVERIFY2(server.start(), qPrintable(server.log()));
        ApiClient again(server);
        const json video = waitForVideoStatus(again, owner.access_token, id, {"ready", "failed"}, 60000);
        QCOMPARE(video.value("status", ""), std::string("failed"));
        QCOMPARE(video["failure"].value("code", ""), std::string("processing_failed"));
        QCOMPARE(column(db, "state", jobId), std::string("failed"));
        QCOMPARE(column(db, "attempts", jobId), column(db, "max_attempts", jobId));
        QVERIFY2(column(db, "last_error", jobId).find("attempts exhausted") != std::string::npos,
                 column(db, "last_error", jobId).c_str());
        QTRY_VERIFY2_WITH_TIMEOUT(server.log().contains("requeued 1 jobs"),
                                  qPrintable(server.log().right(800)), 10000);
        // The partial outputs are gone (nothing half-made stays downloadable); the source stays with the
        // video.
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(media + "/cmaf").exists(), 10000);
        QVERIFY(!QDir(media + "/thumbs").exists());
        QVERIFY(!QDir(media + "/storyboard").exists());
        QVERIFY(QFileInfo::exists(media + "/source"));
        QCOMPARE(again.get("/api/v1/videos/" + id + "/files/cmaf/master.m3u8", owner.access_token).status,
                 404);
        QVERIFY2(server.terminate(), qPrintable(server.log()));
    }

private:
    struct Transcoding {
        SignedUpUser owner;
        std::string video_id;
    };
    // Starts the server, signs a user up and uploads the clip; returns once its transcode is well under way
    // (processing, first segments out).
    std::optional<Transcoding> startTranscoding(TestServer& server, const std::string& prefix) {
        if (!server.start())
            return std::nullopt;
        ApiClient api(server);
        auto owner = api.signUp(prefix);
        if (!owner)
            return std::nullopt;
        const std::string id = uploadWithTus(server, owner->access_token, m_clip);
        if (id.empty() || !waitUntilPlayable(api, owner->access_token, id))
            return std::nullopt;
        return Transcoding{*owner, id};
    }

    static int64_t transcodeJobId(DirectDatabase& db, const std::string& video_id) {
        const auto id =
            db.scalar("SELECT id FROM jobs WHERE video_id = ? AND kind = 'transcode'", {video_id});
        return id ? std::stoll(*id) : -1;
    }

    static std::string newVideo(DirectDatabase& db, const SignedUpUser& owner, const std::string& status) {
        DirectDatabase::VideoRow row;
        row.id = newId();
        row.channel_id = owner.channel_id;
        row.owner_id = owner.id;
        row.status = status;
        row.created_at_ms = unixMillisNow();
        return db.insertVideo(row) ? row.id : std::string();
    }

    QTemporaryDir m_dir;
    QString m_clip;
};

QTEST_GUILESS_MAIN(TestJobLeases)
#include "test_job_leases.moc"
