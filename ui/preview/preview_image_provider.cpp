#include "ui/preview/preview_image_provider.h"

#include <QMutexLocker>
#include <QQmlEngine>

#include "ui/preview/preview_controller.h"

namespace fc::ui {

QUrl previewFrameUrl(PreviewFrameKind kind, int index, int generation) {
    const QString which =
        kind == PreviewFrameKind::Original ? QStringLiteral("original") : QStringLiteral("encoded");
    return QUrl(QStringLiteral("image://%1/%2/%3?%4")
                    .arg(QLatin1String(kPreviewImageProviderId), which)
                    .arg(index)
                    .arg(generation));
}

void PreviewImageStore::publish(QList<QImage> original, QList<QImage> encoded) {
    QMutexLocker lock(&m_mutex);
    m_original = std::move(original);
    m_encoded = std::move(encoded);
}

void PreviewImageStore::clear() {
    publish({}, {});
}

QImage PreviewImageStore::image(PreviewFrameKind kind, int index) const {
    QMutexLocker lock(&m_mutex);
    const QList<QImage>& images = kind == PreviewFrameKind::Original ? m_original : m_encoded;
    if (kind == PreviewFrameKind::Invalid || index < 0 || index >= images.size())
        return {};
    return images[index]; // implicitly shared: no pixel copy
}

QImage PreviewImageStore::image(const QString& id) const {
    const QStringList parts = id.section(QLatin1Char('?'), 0, 0).split(QLatin1Char('/'));
    if (parts.size() != 2)
        return {};
    bool number = false;
    const int index = parts[1].toInt(&number);
    PreviewFrameKind kind = PreviewFrameKind::Invalid;
    if (parts[0] == QLatin1String("original"))
        kind = PreviewFrameKind::Original;
    else if (parts[0] == QLatin1String("encoded"))
        kind = PreviewFrameKind::Encoded;
    return number ? image(kind, index) : QImage();
}

PreviewImageProvider::PreviewImageProvider(std::shared_ptr<const PreviewImageStore> store)
    : QQuickImageProvider(QQuickImageProvider::Image), m_store(std::move(store)) {}

QImage PreviewImageProvider::requestImage(const QString& id, QSize* size, const QSize& requested_size) {
    QImage image = m_store->image(id);
    if (!image.isNull() && requested_size.isValid() && !requested_size.isEmpty())
        image = image.scaled(requested_size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (size)
        *size = image.size();
    return image;
}

void installPreviewImageProvider(QQmlEngine& engine, PreviewController& controller) {
    engine.addImageProvider(QLatin1String(kPreviewImageProviderId),
                            new PreviewImageProvider(controller.imageStore()));
}

} // namespace fc::ui
