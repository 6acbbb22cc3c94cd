#include "ui/api/api_client.h"

#include <QUrl>

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QRunnable>

#include "core/transfer/http_client.h"

namespace fc::ui {
namespace {

transfer::HttpClient& threadHttpClient() {
    // One libcurl handle per pool thread: keep-alive connections are reused between calls.
    thread_local transfer::HttpClient client;
    return client;
}

QString defaultMessage(int status) {
    switch (status) {
    case 401:
        return QStringLiteral("You need to sign in again.");
    case 403:
        return QStringLiteral("You are not allowed to do that.");
    case 404:
        return QStringLiteral("It no longer exists on the server.");
    case 413:
        return QStringLiteral("The server refused it as too large.");
    case 429:
        return QStringLiteral("Too many requests; wait a moment and try again.");
    default:
        return status >= 500 ? QStringLiteral("The server had a problem (HTTP %1); try again.").arg(status)
                             : QStringLiteral("The server refused the request (HTTP %1).").arg(status);
    }
}

} // namespace

QString videoApiPath(const QString& video_id) {
    return QStringLiteral("/api/v1/videos/") + QString::fromLatin1(QUrl::toPercentEncoding(video_id));
}

ApiResult makeApiResult(int status, const QByteArray& body, const QString& transport_error_code,
                        const QString& transport_error_message) {
    ApiResult result;
    result.status = status;
    if (status == 0) {
        result.error = {
            0, transport_error_code.isEmpty() ? QStringLiteral("server_unreachable") : transport_error_code,
            transport_error_message};
        return result;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        result.body = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    if (result.ok())
        return result;
    const QJsonObject envelope = result.body.toObject().value(QStringLiteral("error")).toObject();
    result.error.status = status;
    result.error.code = envelope.value(QStringLiteral("code")).toString();
    result.error.message = envelope.value(QStringLiteral("message")).toString();
    if (result.error.code.isEmpty())
        result.error.code = QStringLiteral("http_%1").arg(status);
    if (result.error.message.isEmpty())
        result.error.message = defaultMessage(status);
    return result;
}

ApiClient::ApiClient(QObject* parent) : QObject(parent) {
    m_pool.setMaxThreadCount(4);
    m_pool.setExpiryTimeout(30000);
}

ApiClient::~ApiClient() {
    m_pool.waitForDone();
}

void ApiClient::setBaseUrl(const QUrl& url) {
    QUrl cleaned = url;
    cleaned.setPath(cleaned.path().endsWith('/') ? cleaned.path().chopped(1) : cleaned.path());
    m_baseUrl = cleaned;
}

QString ApiClient::urlFor(const QString& path) const {
    if (path.startsWith(QLatin1String("http://")) || path.startsWith(QLatin1String("https://")))
        return path;
    return m_baseUrl.toString() + path;
}

void ApiClient::setTokens(const SessionTokens& tokens) {
    m_tokens = tokens;
    emit tokensChanged();
}

void ApiClient::clearTokens() {
    setTokens({});
}

void ApiClient::get(const QString& path, QObject* context, Callback done) {
    ApiRequest request;
    request.path = path;
    call(request, context, std::move(done));
}

void ApiClient::call(const ApiRequest& request, QObject* context, Callback done) {
    dispatch(Pending{request, context, std::move(done), {}}, false);
}

void ApiClient::dispatch(Pending pending, bool retried_after_refresh) {
    transfer::HttpCall call;
    call.method = pending.request.method.toStdString();
    call.url = urlFor(pending.request.path).toStdString();
    call.timeout_ms = pending.request.timeout_ms;
    call.headers.emplace_back("Accept", "application/json");
    pending.sent_token.clear();
    if (pending.request.auth == ApiAuth::Bearer && !m_tokens.access_token.isEmpty()) {
        pending.sent_token = m_tokens.access_token;
        call.headers.emplace_back("Authorization", "Bearer " + m_tokens.access_token.toStdString());
    }
    if (!pending.request.json.isUndefined()) {
        const QJsonDocument document = pending.request.json.isArray()
                                           ? QJsonDocument(pending.request.json.toArray())
                                           : QJsonDocument(pending.request.json.toObject());
        call.body = document.toJson(QJsonDocument::Compact).toStdString();
        call.headers.emplace_back("Content-Type", "application/json");
    } else if (!pending.request.raw_body.isNull()) {
        call.body = pending.request.raw_body.toStdString();
        call.headers.emplace_back("Content-Type", pending.request.content_type.toStdString());
    }
    const QString server = m_baseUrl.toString();
    m_pool.start([this, call = std::move(call), pending = std::move(pending), retried_after_refresh,
                  server]() mutable {
        auto reply = threadHttpClient().perform(call);
        ApiResult result;
        if (reply)
            result = makeApiResult(reply->status, QByteArray::fromStdString(reply->body), {}, {});
        else if (reply.error().code == "timeout")
            result = makeApiResult(0, {}, QStringLiteral("timeout"),
                                   QStringLiteral("The server at %1 did not answer in time.").arg(server));
        else
            result = makeApiResult(0, {}, QStringLiteral("server_unreachable"),
                                   QStringLiteral("Cannot reach the server at %1 (%2). Is it running?")
                                       .arg(server, QString::fromStdString(reply.error().message)));
        // Completion is posted to this object (it outlives the pool); the caller's context is checked there.
        QMetaObject::invokeMethod(
            this,
            [this, pending = std::move(pending), result, retried_after_refresh]() mutable {
                finish(std::move(pending), result, retried_after_refresh);
            },
            Qt::QueuedConnection);
    });
}

namespace {

ApiResult sessionExpiredResult() {
    ApiResult expired;
    expired.status = 401;
    expired.error = {401, QStringLiteral("session_expired"),
                     QStringLiteral("Your session has expired; sign in again.")};
    return expired;
}

} // namespace

void ApiClient::finish(Pending pending, const ApiResult& result, bool retried_after_refresh) {
    if (result.status == 401 && !pending.sent_token.isEmpty() && !retried_after_refresh) {
        // Other requests may have settled the session while this one was out: a refresh that failed cleared
        // it (so this one ended with it), one that worked gave a new token to try once.
        if (!hasSession()) {
            if (pending.context && pending.done)
                pending.done(sessionExpiredResult());
            return;
        }
        if (m_tokens.access_token != pending.sent_token) {
            dispatch(std::move(pending), true);
            return;
        }
        m_waitingForRefresh.append(std::move(pending));
        startRefresh();
        return;
    }
    if (result.status == 0)
        emit serverUnreachable(result.error.message);
    if (pending.context && pending.done)
        pending.done(result);
}

void ApiClient::refreshTokens(QObject* context, std::function<void(bool)> done) {
    QPointer<QObject> guard(context);
    m_refreshWaiters.append([guard, done = std::move(done)](bool ok) {
        if (guard && done)
            done(ok);
    });
    startRefresh();
}

void ApiClient::startRefresh() {
    if (m_refreshing)
        return;
    if (m_tokens.refresh_token.isEmpty()) {
        completeRefresh(false);
        return;
    }
    m_refreshing = true;
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/api/v1/auth/refresh");
    request.auth = ApiAuth::Anonymous;
    request.json = QJsonObject{{QStringLiteral("refresh_token"), m_tokens.refresh_token}};
    dispatch(Pending{request,
                     this,
                     [this](const ApiResult& result) {
                         m_refreshing = false;
                         if (result.ok()) {
                             const QJsonObject session = result.object();
                             setTokens({session.value(QStringLiteral("access_token")).toString(),
                                        session.value(QStringLiteral("refresh_token")).toString(),
                                        QDateTime::currentMSecsSinceEpoch() +
                                            session.value(QStringLiteral("expires_in")).toInteger() * 1000});
                             completeRefresh(true);
                         } else if (result.status == 0) {
                             completeRefresh(false); // offline: the session may still be good later
                         } else {
                             clearTokens();
                             completeRefresh(false);
                             emit sessionExpired();
                         }
                     },
                     {}},
             true);
}

void ApiClient::completeRefresh(bool ok) {
    auto waiting = std::exchange(m_waitingForRefresh, {});
    auto waiters = std::exchange(m_refreshWaiters, {});
    for (auto& pending : waiting) {
        if (ok) {
            dispatch(std::move(pending), true);
        } else if (pending.context && pending.done) {
            pending.done(sessionExpiredResult());
        }
    }
    for (auto& waiter : waiters)
        waiter(ok);
}

QString ApiClient::describe(const ApiError& error) {
    if (error.code == QLatin1String("quota_exceeded"))
        return QStringLiteral("Your storage quota is full: %1").arg(error.message);
    return error.message;
}

} // namespace fc::ui
