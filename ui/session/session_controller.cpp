#include "ui/session/session_controller.h"

#include <QDateTime>

#include "ui/api/api_client.h"

namespace fc::ui {

SessionController::SessionController(ApiClient& api, TokenStore store, QObject* parent)
    : QObject(parent), m_api(api), m_store(std::move(store)) {
    connect(&m_api, &ApiClient::tokensChanged, this, [this] {
        if (m_state == State::SignedIn && m_api.hasSession())
            persist(); // rotated by a refresh
    });
    connect(&m_api, &ApiClient::sessionExpired, this, [this] {
        if (m_state == State::SignedIn) {
            m_store.clear();
            setError(QStringLiteral(
                "Your session has expired. Sign in again to continue; your uploads are kept."));
            setState(State::Expired);
        }
    });
}

QString SessionController::displayName() const {
    const QString name = m_user.value(QStringLiteral("display_name")).toString();
    return name.isEmpty() ? username() : name;
}

void SessionController::restore(std::function<void(bool)> done) {
    const auto stored = m_store.load();
    if (!stored || stored->server_url != m_identity) {
        setState(State::SignedOut);
        done(false);
        return;
    }
    m_api.setTokens(stored->tokens);
    m_user = stored->user;
    emit userChanged();
    setBusy(true);
    m_api.get(QStringLiteral("/api/v1/users/me"), this, [this, done](const ApiResult& result) {
        setBusy(false);
        if (result.ok()) {
            m_user = result.object();
            emit userChanged();
            persist();
            setState(State::SignedIn);
            emit signedIn();
            done(true);
            return;
        }
        if (result.status == 0) {
            setError(result.error.message);
        } else {
            m_api.clearTokens();
            m_store.clear();
        }
        setState(State::SignedOut);
        done(false);
    });
}

void SessionController::signIn(const QString& username_or_email, const QString& password) {
    if (username_or_email.trimmed().isEmpty() || password.isEmpty()) {
        setError(QStringLiteral("Enter your username or email and your password."));
        return;
    }
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/api/v1/auth/login");
    request.auth = ApiAuth::Anonymous;
    request.json = QJsonObject{{QStringLiteral("username_or_email"), username_or_email.trimmed()},
                               {QStringLiteral("password"), password}};
    setBusy(true);
    setError({});
    m_api.call(request, this, [this](const ApiResult& result) {
        setBusy(false);
        if (!result.ok()) {
            setError(result.error.code == QLatin1String("invalid_credentials")
                         ? QStringLiteral("That username or password is not right.")
                         : ApiClient::describe(result.error));
            return;
        }
        acceptSession(result.object());
    });
}

void SessionController::signUp(const QString& username, const QString& email, const QString& password) {
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/api/v1/auth/register");
    request.auth = ApiAuth::Anonymous;
    request.json = QJsonObject{{QStringLiteral("username"), username.trimmed()},
                               {QStringLiteral("email"), email.trimmed()},
                               {QStringLiteral("password"), password}};
    setBusy(true);
    setError({});
    m_api.call(request, this, [this](const ApiResult& result) {
        setBusy(false);
        if (!result.ok()) {
            setError(ApiClient::describe(result.error));
            return;
        }
        acceptSession(result.object());
    });
}

void SessionController::signOut() {
    if (m_api.hasSession()) {
        ApiRequest request;
        request.method = "POST";
        request.path = QStringLiteral("/api/v1/auth/logout");
        m_api.call(request, this, [](const ApiResult&) {}); // best effort: the local session ends regardless
    }
    m_api.clearTokens();
    m_store.clear();
    m_user = {};
    emit userChanged();
    setError({});
    setState(State::SignedOut);
}

void SessionController::clearError() {
    setError({});
}

void SessionController::acceptSession(const QJsonObject& session) {
    m_api.setTokens({session.value(QStringLiteral("access_token")).toString(),
                     session.value(QStringLiteral("refresh_token")).toString(),
                     QDateTime::currentMSecsSinceEpoch() +
                         session.value(QStringLiteral("expires_in")).toInteger() * 1000});
    m_user = session.value(QStringLiteral("user")).toObject();
    emit userChanged();
    setError({}); // before persist(), whose failure is the message to keep
    persist();
    setState(State::SignedIn);
    emit signedIn();
}

void SessionController::persist() {
    if (!m_store.save({m_identity, m_api.tokens(), m_user}))
        setError(QStringLiteral("Could not save your session in %1; you will have to sign in next time.")
                     .arg(m_store.path()));
}

void SessionController::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged();
}

void SessionController::setBusy(bool busy) {
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void SessionController::setError(const QString& message) {
    if (m_error == message)
        return;
    m_error = message;
    emit errorMessageChanged();
}

} // namespace fc::ui
