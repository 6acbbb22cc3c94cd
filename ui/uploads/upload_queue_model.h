#pragma once
// The upload queue as QML sees it (App.uploads.queue): one row per file, with everything its card shows.
// The UploadsController owns the items and changes them through this model, which announces each change.
#include <QAbstractListModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

#include "ui/uploads/upload_item.h"

namespace fc::ui {

class UploadQueueModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("UploadQueueModel belongs to App.uploads")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        ItemIdRole = Qt::UserRole + 1,
        FileNameRole,
        FilePathRole,
        TitleRole,
        DescriptionRole,
        TagsRole, // comma-separated, as typed
        CategoryRole,
        VisibilityRole,
        StateRole, // UploadState.Value
        StateTextRole,
        MessageRole, // why it failed or is retrying
        NoticeRole,
        FormErrorRole,
        ProgressRole,          // 0–1 of the bytes
        BytesSentRole,         // handed to the network (the bar)
        BytesAcknowledgedRole, // durable on the server
        TotalBytesRole,
        SpeedBytesPerSecondRole,
        EtaSecondsRole, // -1 when unknown
        ProgressTextRole,
        ProcessingProgressRole, // 0–1 while the server processes
        ServerStatusRole,       // the video's status once the bytes are in: queued, processing, ready, failed
        VideoIdRole,
        CanPauseRole,
        CanResumeRole,
        CanCancelRole,
        CanRetryRole,
        CanRemoveRole,
    };
    Q_ENUM(Role)

    explicit UploadQueueModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(m_items.size()); }
    const QList<UploadItem>& items() const { return m_items; }
    const UploadItem* at(int row) const;
    UploadItem* at(int row);            // change it, then call changed(row)
    int rowOf(const QString& id) const; // -1 when absent
    int rowOfVideo(const QString& video_id) const;

    void append(QList<UploadItem> items);
    void changed(int row);
    void remove(int row);
    void reset(QList<UploadItem> items);

signals:
    void countChanged();

private:
    QList<UploadItem> m_items;
};

} // namespace fc::ui
