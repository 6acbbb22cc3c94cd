#pragma once
// The preview's sampled frames for QML: "image://framecastpreview/<original|encoded>/<index>?<generation>"
// (the generation changes with every result, so QML never shows a cached frame of an older one). The
// controller publishes each result's images into a PreviewImageStore shared with the provider, which the
// engine's image threads read.
#include <QImage>
#include <QList>
#include <QMutex>
#include <QQuickImageProvider>
#include <QUrl>

#include <memory>

class QQmlEngine;

namespace fc::ui {

class PreviewController;

inline constexpr char kPreviewImageProviderId[] = "framecastpreview";

enum class PreviewFrameKind { Invalid = 0, Original, Encoded };

// "image://framecastpreview/encoded/2?7"
QUrl previewFrameUrl(PreviewFrameKind kind, int index, int generation);

class PreviewImageStore {
public:
    void publish(QList<QImage> original, QList<QImage> encoded);
    void clear();
    // A null image for an unknown id or index. id as the provider gets it: "encoded/2?7" (query ignored).
    QImage image(const QString& id) const;
    QImage image(PreviewFrameKind kind, int index) const;

private:
    mutable QMutex m_mutex;
    QList<QImage> m_original;
    QList<QImage> m_encoded;
};

class PreviewImageProvider : public QQuickImageProvider {
public:
    explicit PreviewImageProvider(std::shared_ptr<const PreviewImageStore> store);
    QImage requestImage(const QString& id, QSize* size, const QSize& requested_size) override;

private:
    std::shared_ptr<const PreviewImageStore> m_store;
};

// Registers the provider as "framecastpreview" on engine (which owns it). app/app_shell.cpp calls it before
// loading Main.qml.
void installPreviewImageProvider(QQmlEngine& engine, PreviewController& controller);

} // namespace fc::ui
