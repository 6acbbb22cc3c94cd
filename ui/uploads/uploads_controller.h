#pragma once
// The upload queue (App.uploads): files added by drag-and-drop or the file picker start uploading at once
// (tus, at most kMaxActiveUploads at a time, each on its own worker thread) while the creator fills in the
// form. Transient failures retry with backoff by themselves; a 401 renews the session or waits for sign-in;
// an upload the server lost is started again. The queue is saved per server and account (uploads.json) on
// every state change and resumes from the server's offset after a restart. Once the last byte is in, the
// item follows the server's processing (realtime video:<id>:status, with a status poll as a fallback).
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <cstdint>

#include "ui/uploads/upload_outcome.h"
#include "ui/uploads/upload_queue_model.h"
#include "ui/uploads/upload_queue_store.h"

namespace fc::ui {

class AppContext;
class UploadWorker;

class UploadsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("UploadsController belongs to App")
    Q_PROPERTY(fc::ui::UploadQueueModel* queue READ queue CONSTANT)
    Q_PROPERTY(int activeCount READ activeCount NOTIFY summaryChanged)
    Q_PROPERTY(int unfinishedCount READ unfinishedCount NOTIFY summaryChanged)
    Q_PROPERTY(QString summary READ summary NOTIFY summaryChanged)
    Q_PROPERTY(QStringList categories READ categories CONSTANT)
    // The file picker's filter: "Videos (*.mp4 *.m4v …)".
    Q_PROPERTY(QString videoNameFilter READ videoNameFilter CONSTANT)
public:
    static constexpr int kMaxActiveUploads = 2;

    explicit UploadsController(AppContext* app);
    ~UploadsController() override; // saves the queue and stops the workers (uploads resume next time)

    UploadQueueModel* queue() { return m_queue; }
    int activeCount() const; // uploads sending now
    int unfinishedCount() const;
    QString summary() const;        // "1 uploading · 2 waiting · 1 processing"
    QStringList categories() const; // the form's choices; the first, "", is no category
    QString queueFilePath() const { return m_store.path(); }
    QString videoNameFilter() const;

    // The local files among urls whose extension is a video container's (the picker's filter): what a drop
    // anywhere on the window takes, so a dragged link or image is not mistaken for an upload.
    Q_INVOKABLE QList<QUrl> videoFiles(const QList<QUrl>& urls) const;

    // Local files (file:// URLs) join the queue and start uploading; folders, empty and unreadable files are
    // listed as failed with the reason.
    Q_INVOKABLE void addFiles(const QList<QUrl>& urls);

    // The form (row as in the queue model). Before the upload exists the values go with its creation; after,
    // they are saved to the video (PATCH) shortly after the last edit.
    Q_INVOKABLE void setTitle(int row, const QString& title);
    Q_INVOKABLE void setDescription(int row, const QString& description);
    Q_INVOKABLE void setTags(int row, const QString& comma_separated);
    Q_INVOKABLE void setCategory(int row, const QString& category);
    Q_INVOKABLE void setVisibility(int row, const QString& visibility); // "public", "unlisted", "private"

    Q_INVOKABLE void pause(int row);
    Q_INVOKABLE void resume(int row);
    Q_INVOKABLE void cancel(int row); // terminates the upload on the server and deletes its video
    Q_INVOKABLE void retry(int row);  // a failed upload, from the server's offset
    Q_INVOKABLE void remove(int row); // a finished (or processing) item leaves the list
    Q_INVOKABLE void clearFinished();
    // The local file an upload in the queue sent for this video ("" when none): the transcode preview
    // compares the server's renditions with it.
    Q_INVOKABLE QString localPathForVideo(const QString& video_id) const;

signals:
    void summaryChanged();
    void videoUploaded(const QString& video_id); // every byte is on the server (the Studio list can refresh)

private:
    // Account switching.
    void activate();
    void deactivate();
    bool canUpload() const;

    // Uploads.
    void schedule();
    void startUpload(int row);
    void startCleanup(int row);
    void retireWorker(const QString& id); // stops it (keeping the server upload) and forgets it
    void onCreated(UploadWorker* worker, const QString& upload_url, const QString& video_id);
    void onProgressed(UploadWorker* worker, qint64 acknowledged_bytes, qint64 sent_bytes);
    void onFinished(UploadWorker* worker, const UploadOutcome& outcome);
    void handleFailure(int row, const UploadOutcome& outcome, const QString& used_token);
    void onCleanupFinished(int row, const UploadOutcome& outcome);
    void deleteVideo(const QString& id);
    void refreshSessionFor(const QString& id);
    void updateSendLimit();
    void tick();
    void ensureTicking();

    // The form.
    template <class Change> void editForm(int row, Change change);
    void syncMetadata();

    // Processing.
    void track(int row);
    void untrack(const UploadItem& item);
    void fetchStatus(const QString& video_id);
    void applyServerStatus(const QString& video_id, const QJsonObject& status);
    void onRealtimeEvent(const QString& topic, const QString& type, const QJsonObject& data);
    void pollProcessing();

    void persist();
    void changed(int row);

    AppContext* m_app = nullptr;
    UploadQueueModel* m_queue = nullptr;
    UploadQueueStore m_store;
    UploadQueueKey m_key;                    // whose queue is loaded; invalid when nobody is signed in
    QHash<QString, UploadWorker*> m_workers; // item id → its current worker (upload or cleanup)
    QHash<UploadWorker*, QString> m_retired; // stopped workers winding down (→ item id); deleted when done
    std::atomic<int64_t> m_sendLimitPerUpload{0};
    QTimer m_tick;          // retry countdowns and due attempts
    QTimer m_metadataTimer; // debounces form edits into one PATCH
    QTimer m_saveTimer;     // debounces saving form edits
    QTimer m_pollTimer;     // processing status fallback
};

} // namespace fc::ui
