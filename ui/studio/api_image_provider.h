#pragma once
// Images from framecastd for QML: "image://framecast/api/v1/videos/<id>/files/thumbs/thumb_2.jpg" is fetched
// with the session's bearer token (a private video's thumbnail needs it), off the GUI thread, and decoded
// there. An expired access token is refreshed through App.api once and the fetch repeated.
#include <QPointer>
#include <QQuickAsyncImageProvider>
#include <QSize>
#include <QString>
#include <QThreadPool>
#include <QUrl>

class QQmlEngine;

namespace fc::ui {

class ApiClient;
class AppContext;
class ApiImageResponse;

inline constexpr char kImageProviderId[] = "framecast";

// "/api/v1/images/k.jpg" → image://framecast/api/v1/images/k.jpg; an empty path gives an empty URL.
QUrl apiImageUrl(const QString& api_path);

class ApiImageProvider : public QQuickAsyncImageProvider {
public:
    explicit ApiImageProvider(ApiClient& api);
    ~ApiImageProvider() override; // waits for fetches in flight

    // Called on the engine's image reader threads.
    QQuickImageResponse* requestImageResponse(const QString& id, const QSize& requested_size) override;

private:
    // GUI thread: reads the base URL and token, then fetches on the pool.
    void start(ApiImageResponse* response, const QString& api_path, QSize requested_size, bool after_refresh);

    QPointer<ApiClient> m_api;
    QThreadPool m_pool;
};

// Registers the provider as "framecast" on engine (which owns it). Call before loading QML that shows
// thumbnails; app/app_shell.cpp does so for the app.
void installImageProvider(QQmlEngine& engine, AppContext& app);

} // namespace fc::ui
