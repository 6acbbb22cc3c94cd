#pragma once
// Who is signed in: sign up, sign in, sign out, and the session restored at start-up from the token store.
// When the refresh token is refused mid-run the state becomes Expired: the shell asks to sign in again over
// whatever is on screen, and the upload queue waits instead of being lost.
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <functional>

#include "ui/api/token_store.h"

namespace fc::ui {

class ApiClient;

class SessionController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SessionController belongs to App")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    Q_PROPERTY(QString userId READ userId NOTIFY userChanged)
    Q_PROPERTY(QString username READ username NOTIFY userChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY userChanged)
    Q_PROPERTY(QString channelId READ channelId NOTIFY userChanged)
public:
    enum class State { SignedOut = 0, SignedIn, Expired };
    Q_ENUM(State)

    SessionController(ApiClient& api, TokenStore store, QObject* parent = nullptr);

    State state() const { return m_state; }
    bool busy() const { return m_busy; }
    QString errorMessage() const { return m_error; }
    QString userId() const { return m_user.value(QStringLiteral("id")).toString(); }
    QString username() const { return m_user.value(QStringLiteral("username")).toString(); }
    QString displayName() const;
    QString channelId() const { return m_user.value(QStringLiteral("channel_id")).toString(); }

    // The server this session belongs to ("bundled" or the server's URL): stored sessions of another are
    // ignored.
    void setServerIdentity(const QString& identity) { m_identity = identity; }
    // Reads the stored session for the current server and checks it (GET /users/me); done(signed_in).
    void restore(std::function<void(bool)> done);

    Q_INVOKABLE void signIn(const QString& username_or_email, const QString& password);
    Q_INVOKABLE void signUp(const QString& username, const QString& email, const QString& password);
    Q_INVOKABLE void signOut();
    Q_INVOKABLE void clearError();

signals:
    void stateChanged();
    void busyChanged();
    void errorMessageChanged();
    void userChanged();
    void signedIn(); // after sign in, sign up, restore, or signing in again after expiry

private:
    void acceptSession(const QJsonObject& session);
    void setState(State state);
    void setBusy(bool busy);
    void setError(const QString& message);
    void persist();

    ApiClient& m_api;
    TokenStore m_store;
    QString m_identity;
    QJsonObject m_user;
    State m_state = State::SignedOut;
    bool m_busy = false;
    QString m_error;
};

} // namespace fc::ui
