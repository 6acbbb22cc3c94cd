#include "ui/studio/my_videos_model.h"

#include <QUrl>

#include <algorithm>

#include "ui/api/api_client.h"
#include "ui/realtime/realtime_client.h"
#include "ui/studio/api_image_provider.h"

namespace fc::ui {
namespace {
constexpr int kMaxPageSize = 100; // the server clamps to this

// How far along the pipeline a status is: answers read from the server never move a row backwards past an
// event that arrived while the read was under way.
int statusRank(const QString& status) {
    if (status == QLatin1String("uploading"))
        return 0;
    if (status == QLatin1String("queued"))
        return 1;
    if (status == QLatin1String("processing"))
        return 2;
    return 3; // ready, failed
}

} // namespace

MyVideosModel::MyVideosModel(ApiClient& api, RealtimeClient& realtime, QObject* parent)
    : QAbstractListModel(parent), m_api(api), m_realtime(realtime) {
    connect(&m_realtime, &RealtimeClient::eventReceived, this, &MyVideosModel::onRealtimeEvent);
    connect(&m_realtime, &RealtimeClient::subscribed, this, &MyVideosModel::onSubscribed);
    connect(&m_realtime, &RealtimeClient::topicLost, this, [this](const QString& topic, const QString&) {
        const QString id = videoIdFromStatusTopic(topic);
        if (m_followed.remove(id))
            reloadVideo(id); // deleted elsewhere: the re-read answers 404 and the row goes
    });
}

int MyVideosModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant MyVideosModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const VideoRow& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return row.title;
    case VideoIdRole:
        return row.id;
    case DescriptionRole:
        return row.description;
    case TagsRole:
        return row.tags;
    case CategoryRole:
        return row.category;
    case VisibilityRole:
        return row.visibility;
    case StatusRole:
        return row.status;
    case ProgressRole:
        return row.progress;
    case FailureMessageRole:
        return row.failure_message;
    case PlayableRole:
        return row.playable;
    case ViewsRole:
        return row.views;
    case DurationMsRole:
        return row.duration_ms;
    case CreatedAtRole:
        return row.created_at;
    case ThumbnailUrlRole:
        return apiImageUrl(row.thumbnail_path);
    case StatusTextRole:
        return statusText(row);
    case DurationTextRole:
        return durationText(row.duration_ms);
    default:
        return {};
    }
}

QHash<int, QByteArray> MyVideosModel::roleNames() const {
    return {{VideoIdRole, "videoId"},
            {TitleRole, "title"},
            {DescriptionRole, "description"},
            {TagsRole, "tags"},
            {CategoryRole, "category"},
            {VisibilityRole, "visibility"},
            {StatusRole, "status"},
            {ProgressRole, "progress"},
            {FailureMessageRole, "failureMessage"},
            {PlayableRole, "playable"},
            {ViewsRole, "views"},
            {DurationMsRole, "durationMs"},
            {CreatedAtRole, "createdAt"},
            {ThumbnailUrlRole, "thumbnailUrl"},
            {StatusTextRole, "statusText"},
            {DurationTextRole, "durationText"}};
}

bool MyVideosModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_hasMore && !m_loading;
}

void MyVideosModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        requestPage(m_nextCursor);
}

void MyVideosModel::setPageSize(int page_size) {
    page_size = std::clamp(page_size, 1, kMaxPageSize);
    if (page_size == m_pageSize)
        return;
    m_pageSize = page_size;
    emit pageSizeChanged();
}

void MyVideosModel::refresh() {
    ++m_generation;
    requestPage({});
}

void MyVideosModel::clear() {
    ++m_generation;
    unfollowAll();
    beginResetModel();
    m_rows.clear();
    m_nextCursor.clear();
    m_hasMore = false;
    endResetModel();
    m_loaded = false;
    m_loading = false;
    emit loadingChanged();
    setError({});
    emit countChanged();
}

void MyVideosModel::clearError() {
    setError({});
}

void MyVideosModel::requestPage(const QString& cursor) {
    QString path = QStringLiteral("/api/v1/users/me/videos?limit=%1").arg(m_pageSize);
    if (!cursor.isEmpty())
        path += QStringLiteral("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
    const bool first_page = cursor.isEmpty();
    const int generation = m_generation;
    setLoading(true);
    m_api.get(path, this, [this, generation, first_page](const ApiResult& result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            setLoading(false);
            setError(tr("Could not load your videos: %1").arg(ApiClient::describe(result.error)));
            return;
        }
        setError({});
        onPage(result.object(), first_page);
        setLoading(false);
    });
}

void MyVideosModel::onPage(const QJsonObject& body, bool first_page) {
    QList<VideoRow> page;
    for (const QJsonValue& item : body.value(QStringLiteral("items")).toArray())
        page.append(videoRowFromJson(item.toObject()));
    m_nextCursor = body.value(QStringLiteral("next_cursor")).toString();
    m_hasMore = !m_nextCursor.isEmpty();
    const int before = count();
    if (first_page) {
        // A list read does not carry upload or transcode progress: keep what events said for unchanged rows.
        for (VideoRow& row : page) {
            const int old = rowOf(row.id);
            if (old >= 0 && m_rows.at(old).status == row.status && !isSettledStatus(row.status))
                row.progress = m_rows.at(old).progress;
        }
        beginResetModel();
        m_rows = page;
        endResetModel();
    } else {
        page.erase(std::remove_if(page.begin(), page.end(),
                                  [this](const VideoRow& row) { return rowOf(row.id) >= 0; }),
                   page.end());
        if (!page.isEmpty()) {
            beginInsertRows({}, before, before + static_cast<int>(page.size()) - 1);
            m_rows.append(page);
            endInsertRows();
        }
    }
    m_loaded = true;
    for (const VideoRow& row : std::as_const(page))
        follow(row);
    if (count() != before)
        emit countChanged();
}

int MyVideosModel::rowOf(const QString& video_id) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == video_id)
            return i;
    return -1;
}

void MyVideosModel::applyVideo(const QJsonObject& video) {
    VideoRow fresh = videoRowFromJson(video);
    if (fresh.id.isEmpty())
        return;
    const int index = rowOf(fresh.id);
    if (index < 0) {
        // Not listed yet: a new upload, and the list is newest first.
        beginInsertRows({}, 0, 0);
        m_rows.prepend(fresh);
        endInsertRows();
        emit countChanged();
        follow(fresh);
        return;
    }
    const VideoRow& current = m_rows.at(index);
    if (statusRank(fresh.status) < statusRank(current.status) ||
        (fresh.status == current.status && !isSettledStatus(fresh.status))) {
        // The live state is at least as new as this answer.
        fresh.status = current.status;
        fresh.progress = current.progress;
        fresh.playable = current.playable || fresh.playable;
        fresh.failure_code = current.failure_code;
        fresh.failure_message = current.failure_message;
    }
    updateRow(index, fresh);
    if (isSettledStatus(fresh.status))
        unfollow(fresh.id);
}

void MyVideosModel::setThumbnailPath(const QString& video_id, const QString& path) {
    const int index = rowOf(video_id);
    if (index < 0)
        return;
    VideoRow row = m_rows.at(index);
    row.thumbnail_path = path;
    updateRow(index, row);
}

void MyVideosModel::removeVideo(const QString& video_id) {
    unfollow(video_id);
    const int index = rowOf(video_id);
    if (index < 0)
        return;
    beginRemoveRows({}, index, index);
    m_rows.removeAt(index);
    endRemoveRows();
    emit countChanged();
}

void MyVideosModel::reloadVideo(const QString& video_id) {
    const int generation = m_generation;
    m_api.get(videoApiPath(video_id), this, [this, generation, video_id](const ApiResult& result) {
        if (generation != m_generation)
            return;
        if (result.ok())
            applyVideo(result.object());
        else if (result.status == 404)
            removeVideo(video_id);
    });
}

void MyVideosModel::updateRow(int index, const VideoRow& row) {
    m_rows[index] = row;
    const QModelIndex changed = this->index(index);
    emit dataChanged(changed, changed);
}

void MyVideosModel::onRealtimeEvent(const QString& topic, const QString& type, const QJsonObject& data) {
    const QString id = videoIdFromStatusTopic(topic);
    const int index = m_followed.contains(id) ? rowOf(id) : -1;
    if (index < 0)
        return;
    VideoRow row = m_rows.at(index);
    if (type == QLatin1String("upload_progress")) {
        const double length = data.value(QStringLiteral("length_bytes")).toDouble();
        if (row.status != QLatin1String("uploading") || length <= 0)
            return;
        row.progress = std::clamp(data.value(QStringLiteral("offset_bytes")).toDouble() / length, 0.0, 1.0);
        updateRow(index, row);
    } else if (type == QLatin1String("processing_progress")) {
        if (isSettledStatus(row.status))
            return;
        row.status = QStringLiteral("processing"); // the status event may have come before the subscription
        row.progress = std::clamp(data.value(QStringLiteral("progress")).toDouble(), 0.0, 1.0);
        updateRow(index, row);
    } else if (type == QLatin1String("status_changed")) {
        const QString status = data.value(QStringLiteral("status")).toString();
        if (status == row.status && status == QLatin1String("processing")) {
            row.playable = data.value(QStringLiteral("playable")).toBool();
            updateRow(index, row);
            return;
        }
        row.status = status;
        row.progress = status == QLatin1String("ready") ? 1.0 : 0.0;
        row.playable = data.value(QStringLiteral("playable")).toBool();
        const QJsonObject failure = data.value(QStringLiteral("failure")).toObject();
        row.failure_code = failure.value(QStringLiteral("code")).toString();
        row.failure_message = failure.value(QStringLiteral("message")).toString();
        updateRow(index, row);
        if (isSettledStatus(status))
            unfollow(id);
        reloadVideo(id); // duration after ingest; renditions and thumbnail at the end
    }
}

void MyVideosModel::onSubscribed(const QString& topic) {
    const QString id = videoIdFromStatusTopic(topic);
    if (!m_followed.contains(id))
        return;
    const int generation = m_generation;
    m_api.get(videoApiPath(id) + QStringLiteral("/status"), this,
              [this, generation, id](const ApiResult& result) {
                  if (generation != m_generation)
                      return;
                  if (result.ok())
                      onStatusRead(id, result.object());
                  else if (result.status == 404)
                      removeVideo(id);
              });
}

void MyVideosModel::onStatusRead(const QString& video_id, const QJsonObject& status) {
    const int index = rowOf(video_id);
    if (index < 0)
        return;
    VideoRow row = m_rows.at(index);
    const QString now = status.value(QStringLiteral("status")).toString();
    if (statusRank(now) < statusRank(row.status))
        return;
    const bool changed = now != row.status;
    row.status = now;
    row.playable = status.value(QStringLiteral("playable")).toBool();
    if (now != QLatin1String("uploading")) // upload progress is only in events
        row.progress = std::clamp(status.value(QStringLiteral("progress")).toDouble(), 0.0, 1.0);
    const QJsonObject failure = status.value(QStringLiteral("failure")).toObject();
    row.failure_code = failure.value(QStringLiteral("code")).toString();
    row.failure_message = failure.value(QStringLiteral("message")).toString();
    updateRow(index, row);
    if (isSettledStatus(now))
        unfollow(video_id);
    if (changed)
        reloadVideo(video_id);
}

void MyVideosModel::follow(const VideoRow& row) {
    if (isSettledStatus(row.status) || m_followed.contains(row.id))
        return;
    m_followed.insert(row.id);
    m_realtime.subscribe(videoStatusTopic(row.id));
}

void MyVideosModel::unfollow(const QString& video_id) {
    if (m_followed.remove(video_id))
        m_realtime.unsubscribe(videoStatusTopic(video_id));
}

void MyVideosModel::unfollowAll() {
    for (const QString& id : std::exchange(m_followed, {}))
        m_realtime.unsubscribe(videoStatusTopic(id));
}

void MyVideosModel::setLoading(bool loading) {
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged();
}

void MyVideosModel::setError(const QString& message) {
    if (m_error == message)
        return;
    m_error = message;
    emit errorMessageChanged();
}

} // namespace fc::ui
