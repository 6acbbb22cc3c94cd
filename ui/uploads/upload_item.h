#pragma once
// One file in the upload queue: what the creator filled in, where its bytes are on the server, and how far it
// got. The persisted part survives restarts (uploads.json); the rest is live state of this run.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

// The states an upload goes through, as QML sees them (UploadState.Uploading).
namespace UploadState {
Q_NAMESPACE
QML_ELEMENT
enum Value {
    Invalid = 0,
    Waiting,     // queued for one of the upload slots
    Uploading,   // a worker is creating or sending it
    Paused,      // by the creator
    Retrying,    // a transient failure; next attempt at next_attempt_ms
    NeedsSignIn, // the session ended; continues after signing in again
    Processing,  // every byte is on the server; the server ingests and transcodes it
    Ready,       // processed
    Failed,      // message says why
    Cancelled,   // terminated on the server
};
Q_ENUM_NS(Value)
} // namespace UploadState

// Short stable names for the file format (never translated).
QString uploadStateName(UploadState::Value state);
UploadState::Value uploadStateFromName(const QString& name);

struct UploadForm {
    QString title;
    QString description;
    QStringList tags;
    QString category;
    QString visibility = QStringLiteral("private");

    friend bool operator==(const UploadForm&, const UploadForm&) = default;
};

struct UploadItem {
    // Persisted.
    QString id; // local id, stable across restarts
    QString file_path;
    qint64 file_size_bytes = 0;
    qint64 file_mtime_ms = 0; // with the size: the file must be the one that was added
    UploadForm form;
    QString upload_path; // "/api/v1/uploads/<id>": a path, since the bundled server's port changes per start
    QString video_id;
    UploadState::Value state = UploadState::Waiting;
    qint64 acknowledged_bytes = 0; // durable on the server (as last heard)
    QString message;               // why it failed or is retrying; readable
    QString notice;                // something worth knowing that is not an error (the upload was re-created)
    bool metadata_pending = false; // form values not yet on the server (tags and category go by PATCH)
    bool cleanup_pending = false;  // cancelled, but the server upload/video is not deleted yet
    QString server_status; // the video's status once the bytes are in (queued/processing/ready/failed)

    // Live only.
    qint64 sent_bytes = 0;
    double speed_bytes_per_s = 0; // smoothed
    qint64 speed_sample_ms = 0;   // when speed was last updated
    qint64 speed_sample_bytes = 0;
    qint64 next_attempt_ms = 0; // Retrying: epoch ms of the next attempt
    int failures = 0;           // consecutive transient failures (backoff)
    int recreations = 0;        // times the server had lost the upload in this run
    double processing_progress = 0;
    qint64 processing_eta_ms = -1;
    QString form_error;    // the form cannot be saved as is (or the server refused it)
    int form_revision = 0; // bumped by each edit; a PATCH that carried the latest clears metadata_pending
    int form_revision_sent = -1;     // the revision of the PATCH in flight, -1 when none
    int creation_form_revision = -1; // the revision the tus creation metadata was taken from

    QString fileName() const;
    bool finished() const {
        return state == UploadState::Ready || state == UploadState::Failed || state == UploadState::Cancelled;
    }
};

} // namespace fc::ui
