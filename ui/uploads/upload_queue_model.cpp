#include "ui/uploads/upload_queue_model.h"

#include <QDateTime>

#include "ui/uploads/upload_text.h"

namespace fc::ui {

UploadQueueModel::UploadQueueModel(QObject* parent) : QAbstractListModel(parent) {}

int UploadQueueModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant UploadQueueModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UploadItem& item = m_items.at(index.row());
    const auto state = item.state;
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return item.form.title;
    case ItemIdRole:
        return item.id;
    case FileNameRole:
        return item.fileName();
    case FilePathRole:
        return item.file_path;
    case DescriptionRole:
        return item.form.description;
    case TagsRole:
        return item.form.tags.join(QStringLiteral(", "));
    case CategoryRole:
        return item.form.category;
    case VisibilityRole:
        return item.form.visibility;
    case StateRole:
        return static_cast<int>(state);
    case StateTextRole:
        return uploadStateText(item, QDateTime::currentMSecsSinceEpoch());
    case MessageRole:
        return item.message;
    case NoticeRole:
        return item.notice;
    case FormErrorRole:
        return item.form_error;
    case ProgressRole: {
        if (state == UploadState::Processing || state == UploadState::Ready)
            return 1.0;
        if (item.file_size_bytes <= 0)
            return 0.0;
        const qint64 done = std::max(item.sent_bytes, item.acknowledged_bytes);
        return std::clamp(static_cast<double>(done) / static_cast<double>(item.file_size_bytes), 0.0, 1.0);
    }
    case BytesSentRole:
        return std::max(item.sent_bytes, item.acknowledged_bytes);
    case BytesAcknowledgedRole:
        return item.acknowledged_bytes;
    case TotalBytesRole:
        return item.file_size_bytes;
    case SpeedBytesPerSecondRole:
        return state == UploadState::Uploading ? item.speed_bytes_per_s : 0.0;
    case EtaSecondsRole:
        return uploadEtaSeconds(item);
    case ProgressTextRole:
        return uploadProgressText(item);
    case ProcessingProgressRole:
        return state == UploadState::Ready ? 1.0 : item.processing_progress;
    case ServerStatusRole:
        return item.server_status;
    case VideoIdRole:
        return item.video_id;
    case CanPauseRole:
        return state == UploadState::Waiting || state == UploadState::Uploading ||
               state == UploadState::Retrying;
    case CanResumeRole:
        return state == UploadState::Paused;
    case CanCancelRole:
        return !item.finished() && state != UploadState::Processing;
    case CanRetryRole:
        return state == UploadState::Failed && item.server_status.isEmpty();
    case CanRemoveRole:
        return (item.finished() && !item.cleanup_pending) || state == UploadState::Processing;
    default:
        return {};
    }
}

QHash<int, QByteArray> UploadQueueModel::roleNames() const {
    return {
        {ItemIdRole, "itemId"},
        {FileNameRole, "fileName"},
        {FilePathRole, "filePath"},
        {TitleRole, "title"},
        {DescriptionRole, "description"},
        {TagsRole, "tags"},
        {CategoryRole, "category"},
        {VisibilityRole, "visibility"},
        {StateRole, "uploadState"},
        {StateTextRole, "stateText"},
        {MessageRole, "message"},
        {NoticeRole, "notice"},
        {FormErrorRole, "formError"},
        {ProgressRole, "progress"},
        {BytesSentRole, "bytesSent"},
        {BytesAcknowledgedRole, "bytesAcknowledged"},
        {TotalBytesRole, "totalBytes"},
        {SpeedBytesPerSecondRole, "speedBytesPerSecond"},
        {EtaSecondsRole, "etaSeconds"},
        {ProgressTextRole, "progressText"},
        {ProcessingProgressRole, "processingProgress"},
        {ServerStatusRole, "serverStatus"},
        {VideoIdRole, "videoId"},
        {CanPauseRole, "canPause"},
        {CanResumeRole, "canResume"},
        {CanCancelRole, "canCancel"},
        {CanRetryRole, "canRetry"},
        {CanRemoveRole, "canRemove"},
    };
}

const UploadItem* UploadQueueModel::at(int row) const {
    return row >= 0 && row < count() ? &m_items.at(row) : nullptr;
}

UploadItem* UploadQueueModel::at(int row) {
    return row >= 0 && row < count() ? &m_items[row] : nullptr;
}

int UploadQueueModel::rowOf(const QString& id) const {
    for (int row = 0; row < count(); ++row)
        if (m_items.at(row).id == id)
            return row;
    return -1;
}

int UploadQueueModel::rowOfVideo(const QString& video_id) const {
    if (video_id.isEmpty())
        return -1;
    for (int row = 0; row < count(); ++row)
        if (m_items.at(row).video_id == video_id)
            return row;
    return -1;
}

void UploadQueueModel::append(QList<UploadItem> items) {
    if (items.isEmpty())
        return;
    beginInsertRows({}, count(), count() + static_cast<int>(items.size()) - 1);
    m_items.append(std::move(items));
    endInsertRows();
    emit countChanged();
}

void UploadQueueModel::changed(int row) {
    if (row < 0 || row >= count())
        return;
    const QModelIndex at = index(row);
    emit dataChanged(at, at);
}

void UploadQueueModel::remove(int row) {
    if (row < 0 || row >= count())
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    emit countChanged();
}

void UploadQueueModel::reset(QList<UploadItem> items) {
    beginResetModel();
    m_items = std::move(items);
    endResetModel();
    emit countChanged();
}

} // namespace fc::ui
