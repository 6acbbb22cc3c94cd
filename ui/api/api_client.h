#pragma once
// The app's REST client for framecastd: calls run on a small thread pool over core/transfer's libcurl client
// (connections are reused per thread) and complete on the GUI thread. It holds the session's tokens: an
// authenticated call answered 401 refreshes the tokens once and is retried; when the refresh is refused the
// session has expired (sessionExpired) and the call fails with code "session_expired".
#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>
#include <QUrl>

#include <functional>
#include <optional>

#include "ui/api/api_result.h"

namespace fc::ui {

enum class ApiAuth { Invalid = 0, Anonymous, Bearer };

struct ApiRequest {
    QByteArray method = "GET";
    QString path;                           // "/api/v1/users/me" (joined to the base URL) or an absolute URL
    QJsonValue json{QJsonValue::Undefined}; // sent as application/json unless Undefined
    QByteArray raw_body;                    // sent as is with content_type when json is Undefined
    QByteArray content_type;
    ApiAuth auth = ApiAuth::Bearer;
    int timeout_ms = 20000;
};

struct SessionTokens {
    QString access_token;
    QString refresh_token;
    qint64 expires_at_ms = 0;
};

// "/api/v1/videos/<id>" with the id percent-encoded: the base of every per-video route.
QString videoApiPath(const QString& video_id);

class ApiClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResult&)>;

    explicit ApiClient(QObject* parent = nullptr);
    ~ApiClient() override; // waits for calls in flight (their callbacks are dropped)

    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl& url);
    QString urlFor(const QString& path) const; // absolute URL of an API path

    SessionTokens tokens() const { return m_tokens; }
    void setTokens(const SessionTokens& tokens); // emits tokensChanged
    void clearTokens();
    bool hasSession() const { return !m_tokens.refresh_token.isEmpty(); }

    // done runs on the GUI thread unless context was destroyed first.
    void call(const ApiRequest& request, QObject* context, Callback done);
    void get(const QString& path, QObject* context, Callback done);
    // Refresh the tokens now (e.g. after a tus upload was refused with 401); done(ok).
    void refreshTokens(QObject* context, std::function<void(bool)> done);

    // A readable sentence for a failed call, prefixed by what was being done ("Could not save: ...").
    static QString describe(const ApiError& error);

signals:
    void tokensChanged();
    void sessionExpired(); // the refresh token was refused: ask the user to sign in again
    void serverUnreachable(const QString& message);

private:
    struct Pending {
        ApiRequest request;
        QPointer<QObject> context;
        Callback done;
        QString sent_token; // the access token the request went out with; empty when sent without one
    };
    void dispatch(Pending pending, bool retried_after_refresh);
    void finish(Pending pending, const ApiResult& result, bool retried_after_refresh);
    void startRefresh();
    void completeRefresh(bool ok);

    QThreadPool m_pool;
    QUrl m_baseUrl;
    SessionTokens m_tokens;
    bool m_refreshing = false;
    QList<Pending> m_waitingForRefresh;
    QList<std::function<void(bool)>> m_refreshWaiters;
};

// Parses a reply body + status into an ApiResult (the error envelope, or a readable fallback). Pure: tested.
ApiResult makeApiResult(int status, const QByteArray& body, const QString& transport_error_code,
                        const QString& transport_error_message);

} // namespace fc::ui
