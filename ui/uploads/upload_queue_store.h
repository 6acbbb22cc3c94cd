#pragma once
// <data dir>/uploads.json: the upload queues of every account on every server this app has used, so the queue
// of one account never shows under another. Writes go to a temporary file renamed over the old one
// (QSaveFile) on the store's own thread, so the GUI never waits for the disk; the newest snapshot of a queue
// wins.
//
//   {"version": 1, "queues": [{"server": "bundled", "user_id": "wmUOKgwKF58", "items": [{…}, …]}, …]}
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QThreadPool>

#include <optional>

#include "ui/uploads/upload_item.h"

namespace fc::ui {

struct UploadQueueKey {
    QString server;  // AppContext::serverIdentity(): "bundled" or the server's URL
    QString user_id; // the signed-in user

    bool valid() const { return !server.isEmpty() && !user_id.isEmpty(); }
    friend bool operator==(const UploadQueueKey&, const UploadQueueKey&) = default;
};

class UploadQueueStore {
public:
    explicit UploadQueueStore(QString path);
    ~UploadQueueStore(); // finishes pending writes
    UploadQueueStore(const UploadQueueStore&) = delete;
    UploadQueueStore& operator=(const UploadQueueStore&) = delete;

    QString path() const { return m_path; }

    // The queue saved for this account (empty when there is none or the file is unreadable). Waits for
    // pending writes first, so it reads what was last saved.
    QList<UploadItem> load(const UploadQueueKey& key);
    // Saves this account's queue; other accounts' queues in the file are kept.
    void save(const UploadQueueKey& key, const QList<UploadItem>& items);
    void flush(); // waits until every save so far is on disk

    // The file format of one item (persisted fields only); nullopt for an entry that cannot be used.
    static QJsonObject toJson(const UploadItem& item);
    static std::optional<UploadItem> fromJson(const QJsonObject& object);

private:
    QString m_path;
    QThreadPool m_writer; // one thread: snapshots are written in the order they were taken
};

} // namespace fc::ui
