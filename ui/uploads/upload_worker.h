#pragma once
// One upload attempt on its own thread: checks that the file is still the one that was added, creates the tus
// upload if there is none yet, asks the server's offset (HEAD) and sends the rest in checksummed chunks
// (core/transfer TusClient). Cancelling can also terminate the upload on the server (DELETE). Results come
// back as signals on the GUI thread; a worker reports nothing after it is destroyed.
#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>

#include "core/transfer/tus_client.h"
#include "ui/uploads/upload_outcome.h"

namespace fc::ui {

struct UploadJob {
    enum class Mode { Invalid = 0, Upload, Terminate };
    Mode mode = Mode::Upload;
    QString endpoint_url; // absolute creation URL (…/api/v1/uploads)
    QString upload_url;   // absolute; empty: create the upload first
    transfer::TusMetadata metadata;
    QString file_path;
    qint64 file_size_bytes = 0;
    qint64 file_mtime_ms = 0;
    QString access_token;
    int64_t chunk_size_bytes = 8LL << 20;
};

class UploadWorker : public QObject {
    Q_OBJECT
public:
    // send_limit: bytes per second for this upload (0 = none), read before each chunk; must outlive the
    // worker.
    UploadWorker(UploadJob job, const std::atomic<int64_t>* send_limit, QObject* parent = nullptr);
    ~UploadWorker() override; // stops the attempt and waits for the thread

    void start();
    // Stops sending (the attempt ends as Stopped). With TerminateOnServer the upload is also deleted on the
    // server once the transfer has stopped; KeepOnServer also abandons a termination under way.
    enum class StopMode { Invalid = 0, KeepOnServer, TerminateOnServer };
    void stop(StopMode mode);

    const UploadJob& job() const { return m_job; }
    bool stopping() const { return m_stop.load(); }

signals:
    void created(const QString& upload_url, const QString& video_id);
    void progressed(qint64 acknowledged_bytes, qint64 sent_bytes);
    void finished(const fc::ui::UploadOutcome& outcome);

private:
    void run();
    UploadOutcome upload(transfer::TusClient& tus, QString& upload_url);
    UploadOutcome terminate(transfer::TusClient& tus, const QString& upload_url);
    void post(std::function<void()> on_gui_thread);

    UploadJob m_job;
    const std::atomic<int64_t>* m_sendLimit = nullptr;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_terminate{false}; // delete the upload on the server before finishing
    std::thread m_thread;
};

// Whether the file at path is still the one added (same size and modification time); a readable reason if
// not.
UploadOutcome checkSourceFile(const QString& path, qint64 size_bytes, qint64 mtime_ms);

} // namespace fc::ui
