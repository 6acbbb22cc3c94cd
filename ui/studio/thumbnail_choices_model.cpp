#include "ui/studio/thumbnail_choices_model.h"

#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QJsonArray>
#include <QMimeDatabase>
#include <QtConcurrent/QtConcurrentRun>

#include "ui/api/api_client.h"
#include "ui/studio/api_image_provider.h"

namespace fc::ui {
namespace {
// Far above the server's default image limit (10 MiB), only there so a wrong pick is not read into memory.
constexpr qint64 kMaxImageFileBytes = 64LL << 20;

struct ImageFile {
    QByteArray bytes;
    QByteArray content_type;
    QString error;
};

// Runs on a pool thread: nothing waits on the disk on the GUI thread.
ImageFile readImageFile(const QString& path) {
    ImageFile file;
    const QFileInfo info(path);
    if (!info.isFile()) {
        file.error = QObject::tr("%1 is not a file.").arg(path);
        return file;
    }
    if (info.size() > kMaxImageFileBytes) {
        file.error = QObject::tr("%1 is too large for a thumbnail.").arg(info.fileName());
        return file;
    }
    QFile input(path);
    if (!input.open(QIODevice::ReadOnly)) {
        file.error = QObject::tr("Cannot read %1: %2").arg(info.fileName(), input.errorString());
        return file;
    }
    file.bytes = input.readAll();
    // The server checks type and bytes again; the content type only has to say what the file is.
    file.content_type = QMimeDatabase().mimeTypeForFileNameAndData(path, file.bytes).name().toLatin1();
    return file;
}

} // namespace

ThumbnailChoicesModel::ThumbnailChoicesModel(ApiClient& api, QObject* parent)
    : QAbstractListModel(parent), m_api(api) {}

int ThumbnailChoicesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_candidates.size());
}

QVariant ThumbnailChoicesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Candidate& candidate = m_candidates.at(index.row());
    switch (role) {
    case PositionRole:
        return candidate.position;
    case ImageUrlRole:
        return apiImageUrl(candidate.path);
    case TimeMsRole:
        return candidate.time_ms;
    case BlackRole:
        return candidate.black;
    case SelectedRole:
        return candidate.selected;
    default:
        return {};
    }
}

QHash<int, QByteArray> ThumbnailChoicesModel::roleNames() const {
    return {{PositionRole, "position"},
            {ImageUrlRole, "imageUrl"},
            {TimeMsRole, "timeMs"},
            {BlackRole, "black"},
            {SelectedRole, "selected"}};
}

QUrl ThumbnailChoicesModel::customImageUrl() const {
    return apiImageUrl(m_customPath);
}

void ThumbnailChoicesModel::load(const QString& video_id) {
    const int generation = ++m_generation;
    if (video_id != m_videoId) {
        beginResetModel();
        m_candidates.clear();
        m_videoId = video_id;
        endResetModel();
        m_customPath.clear();
        emit videoIdChanged();
        emit customImageUrlChanged();
        setError({});
    }
    beginBusy();
    m_api.get(videoApiPath(video_id) + QStringLiteral("/thumbnails"), this,
              [this, generation](const ApiResult& result) {
                  endBusy();
                  if (generation != m_generation)
                      return;
                  if (!result.ok()) {
                      setError(
                          tr("Could not load the thumbnails: %1").arg(ApiClient::describe(result.error)));
                      return;
                  }
                  applyCandidates(result.object());
              });
}

void ThumbnailChoicesModel::applyCandidates(const QJsonObject& body) {
    QList<Candidate> candidates;
    for (const QJsonValue& value : body.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        candidates.append(
            {item.value(QStringLiteral("position")).toInt(), item.value(QStringLiteral("url")).toString(),
             item.value(QStringLiteral("time_ms")).toInteger(), item.value(QStringLiteral("black")).toBool(),
             item.value(QStringLiteral("selected")).toBool()});
    }
    beginResetModel();
    m_candidates = candidates;
    endResetModel();
    const QString custom = body.value(QStringLiteral("custom_url")).toString();
    if (custom != m_customPath) {
        m_customPath = custom;
        emit customImageUrlChanged();
    }
}

void ThumbnailChoicesModel::choose(int position) {
    if (m_videoId.isEmpty())
        return;
    ApiRequest request;
    request.json = QJsonObject{{QStringLiteral("position"), position}};
    sendThumbnail(m_videoId, std::move(request));
}

void ThumbnailChoicesModel::uploadFile(const QUrl& file) {
    if (m_videoId.isEmpty())
        return;
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    const QString video_id = m_videoId;
    beginBusy();
    QtConcurrent::run(readImageFile, path).then(this, [this, video_id](const ImageFile& image) {
        endBusy();
        if (!image.error.isEmpty()) {
            setError(tr("Could not set the thumbnail: %1").arg(image.error));
            return;
        }
        ApiRequest request;
        request.raw_body = image.bytes;
        request.content_type = image.content_type;
        sendThumbnail(video_id, std::move(request));
    });
}

void ThumbnailChoicesModel::sendThumbnail(const QString& video_id, ApiRequest request) {
    request.method = "PUT";
    request.path = videoApiPath(video_id) + QStringLiteral("/thumbnail");
    request.timeout_ms = 60000;
    setError({});
    beginBusy();
    m_api.call(request, this, [this, video_id](const ApiResult& result) {
        endBusy();
        onThumbnailSet(video_id, result);
    });
}

void ThumbnailChoicesModel::onThumbnailSet(const QString& video_id, const ApiResult& result) {
    if (!result.ok()) {
        if (video_id == m_videoId)
            setError(tr("Could not set the thumbnail: %1").arg(ApiClient::describe(result.error)));
        return;
    }
    emit thumbnailChanged(video_id, result.object().value(QStringLiteral("thumbnail_url")).toString());
    if (video_id == m_videoId)
        load(video_id); // which candidate is selected, and the custom image
}

void ThumbnailChoicesModel::clearError() {
    setError({});
}

void ThumbnailChoicesModel::beginBusy() {
    if (m_busy++ == 0)
        emit busyChanged();
}

void ThumbnailChoicesModel::endBusy() {
    if (--m_busy == 0)
        emit busyChanged();
}

void ThumbnailChoicesModel::setError(const QString& message) {
    if (m_error == message)
        return;
    m_error = message;
    emit errorMessageChanged();
}

} // namespace fc::ui
