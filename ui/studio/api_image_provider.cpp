#include "ui/studio/api_image_provider.h"

#include <QImage>
#include <QMetaObject>
#include <QQmlEngine>
#include <QQuickImageResponse>
#include <QQuickTextureFactory>

#include <atomic>

#include "core/transfer/http_client.h"
#include "ui/api/api_client.h"
#include "ui/app/app_context.h"

namespace fc::ui {

// Lives until it emits finished() (the engine deletes it then), so the fetch may hold a plain pointer.
class ApiImageResponse : public QQuickImageResponse {
public:
    QQuickTextureFactory* textureFactory() const override {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override { return m_error; }
    void cancel() override { m_cancelled.store(true); }
    bool cancelled() const { return m_cancelled.load(); }

    // Exactly once, from any thread. finished() is emitted from the response's own thread (the engine's image
    // reader): the reader connects to it only after requestImageResponse returned, and a signal sent before
    // that from another thread could be lost.
    void finish(QImage image, QString error) {
        m_image = std::move(image);
        m_error = std::move(error);
        QMetaObject::invokeMethod(this, &QQuickImageResponse::finished, Qt::QueuedConnection);
    }

private:
    QImage m_image;
    QString m_error;
    std::atomic<bool> m_cancelled{false};
};

namespace {

transfer::HttpClient& threadHttpClient() {
    thread_local transfer::HttpClient client; // one keep-alive connection per pool thread
    return client;
}

QImage scaledTo(const QImage& image, QSize requested) {
    // As Image.sourceSize: fit inside the requested box keeping the aspect ratio; one side 0 = free.
    if (requested.width() <= 0 && requested.height() <= 0)
        return image;
    if (requested.width() <= 0)
        requested.setWidth(image.width() * requested.height() / std::max(1, image.height()));
    if (requested.height() <= 0)
        requested.setHeight(image.height() * requested.width() / std::max(1, image.width()));
    return image.scaled(requested, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

} // namespace

QUrl apiImageUrl(const QString& api_path) {
    if (api_path.isEmpty())
        return {};
    const QString path = api_path.startsWith(QLatin1Char('/')) ? api_path : QLatin1Char('/') + api_path;
    return QUrl(QStringLiteral("image://") + QLatin1String(kImageProviderId) + path);
}

ApiImageProvider::ApiImageProvider(ApiClient& api) : m_api(&api) {
    m_pool.setMaxThreadCount(2);
}

ApiImageProvider::~ApiImageProvider() {
    m_pool.waitForDone();
}

QQuickImageResponse* ApiImageProvider::requestImageResponse(const QString& id, const QSize& requested_size) {
    auto* response = new ApiImageResponse; // the engine owns it (the API hands it over as a raw pointer)
    const QString path = QLatin1Char('/') + id;
    // The token and base URL belong to the GUI thread.
    QMetaObject::invokeMethod(
        this, [this, response, path, requested_size] { start(response, path, requested_size, false); },
        Qt::QueuedConnection);
    return response;
}

void ApiImageProvider::start(ApiImageResponse* response, const QString& api_path, QSize requested_size,
                             bool after_refresh) {
    if (!m_api || response->cancelled()) {
        response->finish({}, QStringLiteral("cancelled"));
        return;
    }
    transfer::HttpCall call;
    call.url = m_api->urlFor(api_path).toStdString();
    call.timeout_ms = 20000;
    const QString token = m_api->tokens().access_token;
    if (!token.isEmpty())
        call.headers.emplace_back("Authorization", "Bearer " + token.toStdString());
    const bool may_refresh = !after_refresh && m_api->hasSession();
    m_pool.start([this, response, call = std::move(call), api_path, requested_size, may_refresh] {
        if (response->cancelled()) {
            response->finish({}, QStringLiteral("cancelled"));
            return;
        }
        auto reply = threadHttpClient().perform(call);
        if (!reply) {
            response->finish({}, QStringLiteral("Cannot load %1: %2")
                                     .arg(api_path, QString::fromStdString(reply.error().message)));
            return;
        }
        if (reply->status == 401 && may_refresh) {
            QMetaObject::invokeMethod(
                this,
                [this, response, api_path, requested_size] {
                    if (!m_api) {
                        response->finish({}, QStringLiteral("cancelled"));
                        return;
                    }
                    m_api->refreshTokens(this, [this, response, api_path, requested_size](bool ok) {
                        if (ok)
                            start(response, api_path, requested_size, true);
                        else
                            response->finish({}, QStringLiteral("Your session has expired; sign in again."));
                    });
                },
                Qt::QueuedConnection);
            return;
        }
        if (reply->status != 200) {
            response->finish({}, QStringLiteral("Cannot load %1 (HTTP %2)").arg(api_path).arg(reply->status));
            return;
        }
        const QImage image = QImage::fromData(QByteArray::fromStdString(reply->body));
        if (image.isNull()) {
            response->finish({}, QStringLiteral("%1 is not an image").arg(api_path));
            return;
        }
        response->finish(scaledTo(image, requested_size), {});
    });
}

void installImageProvider(QQmlEngine& engine, AppContext& app) {
    engine.addImageProvider(QLatin1String(kImageProviderId),
                            new ApiImageProvider(*app.api())); // engine owns it
}

} // namespace fc::ui
