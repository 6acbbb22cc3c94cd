#include "ui/uploads/upload_queue_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QtDebug>

namespace fc::ui {
namespace {

constexpr int kFormatVersion = 1;

QJsonObject readRoot(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    return root.value(QStringLiteral("version")).toInt() == kFormatVersion ? root : QJsonObject{};
}

bool matches(const QJsonObject& queue, const UploadQueueKey& key) {
    return queue.value(QStringLiteral("server")).toString() == key.server &&
           queue.value(QStringLiteral("user_id")).toString() == key.user_id;
}

// Replaces this account's queue in the file (or drops it when empty) and writes the file atomically.
void writeQueue(const QString& path, const UploadQueueKey& key, const QJsonArray& items) {
    const QJsonArray queues = readRoot(path).value(QStringLiteral("queues")).toArray();
    QJsonArray kept;
    for (const QJsonValue& queue : queues)
        if (!matches(queue.toObject(), key))
            kept.append(queue);
    if (!items.isEmpty())
        kept.append(QJsonObject{{QStringLiteral("server"), key.server},
                                {QStringLiteral("user_id"), key.user_id},
                                {QStringLiteral("items"), items}});
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion}, {QStringLiteral("queues"), kept}};
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !file.commit())
        qWarning("uploads: could not save the upload queue to %s: %s", qPrintable(path),
                 qPrintable(file.errorString()));
}

} // namespace

UploadQueueStore::UploadQueueStore(QString path) : m_path(std::move(path)) {
    m_writer.setMaxThreadCount(1);
}

UploadQueueStore::~UploadQueueStore() {
    flush();
}

void UploadQueueStore::flush() {
    m_writer.waitForDone();
}

QList<UploadItem> UploadQueueStore::load(const UploadQueueKey& key) {
    flush();
    QList<UploadItem> items;
    const QJsonArray queues = readRoot(m_path).value(QStringLiteral("queues")).toArray();
    for (const QJsonValue& queue : queues) {
        if (!matches(queue.toObject(), key))
            continue;
        for (const QJsonValue& entry : queue.toObject().value(QStringLiteral("items")).toArray())
            if (auto item = fromJson(entry.toObject()))
                items.append(std::move(*item));
    }
    return items;
}

void UploadQueueStore::save(const UploadQueueKey& key, const QList<UploadItem>& items) {
    if (!key.valid())
        return;
    QJsonArray array;
    for (const UploadItem& item : items)
        array.append(toJson(item));
    m_writer.start([path = m_path, key, array] { writeQueue(path, key, array); });
}

QJsonObject UploadQueueStore::toJson(const UploadItem& item) {
    return {
        {QStringLiteral("id"), item.id},
        {QStringLiteral("file_path"), item.file_path},
        {QStringLiteral("file_size_bytes"), item.file_size_bytes},
        {QStringLiteral("file_mtime_ms"), item.file_mtime_ms},
        {QStringLiteral("title"), item.form.title},
        {QStringLiteral("description"), item.form.description},
        {QStringLiteral("tags"), QJsonArray::fromStringList(item.form.tags)},
        {QStringLiteral("category"), item.form.category},
        {QStringLiteral("visibility"), item.form.visibility},
        {QStringLiteral("upload_path"), item.upload_path},
        {QStringLiteral("video_id"), item.video_id},
        {QStringLiteral("state"), uploadStateName(item.state)},
        {QStringLiteral("acknowledged_bytes"), item.acknowledged_bytes},
        {QStringLiteral("message"), item.message},
        {QStringLiteral("notice"), item.notice},
        {QStringLiteral("metadata_pending"), item.metadata_pending},
        {QStringLiteral("cleanup_pending"), item.cleanup_pending},
        {QStringLiteral("server_status"), item.server_status},
    };
}

std::optional<UploadItem> UploadQueueStore::fromJson(const QJsonObject& object) {
    UploadItem item;
    item.id = object.value(QStringLiteral("id")).toString();
    item.file_path = object.value(QStringLiteral("file_path")).toString();
    item.state = uploadStateFromName(object.value(QStringLiteral("state")).toString());
    if (item.id.isEmpty() || item.file_path.isEmpty() || item.state == UploadState::Invalid)
        return std::nullopt;
    item.file_size_bytes = object.value(QStringLiteral("file_size_bytes")).toInteger();
    item.file_mtime_ms = object.value(QStringLiteral("file_mtime_ms")).toInteger();
    item.form.title = object.value(QStringLiteral("title")).toString();
    item.form.description = object.value(QStringLiteral("description")).toString();
    for (const QJsonValue& tag : object.value(QStringLiteral("tags")).toArray())
        item.form.tags.append(tag.toString());
    item.form.category = object.value(QStringLiteral("category")).toString();
    item.form.visibility = object.value(QStringLiteral("visibility")).toString(QStringLiteral("private"));
    item.upload_path = object.value(QStringLiteral("upload_path")).toString();
    item.video_id = object.value(QStringLiteral("video_id")).toString();
    item.acknowledged_bytes = object.value(QStringLiteral("acknowledged_bytes")).toInteger();
    item.message = object.value(QStringLiteral("message")).toString();
    item.notice = object.value(QStringLiteral("notice")).toString();
    item.metadata_pending = object.value(QStringLiteral("metadata_pending")).toBool();
    item.cleanup_pending = object.value(QStringLiteral("cleanup_pending")).toBool();
    item.server_status = object.value(QStringLiteral("server_status")).toString();
    return item;
}

} // namespace fc::ui
