#pragma once
// Runs framecastd on this computer for the app ("run the bundled server"): data in the user's XDG data dir,
// loopback only, an ephemeral port read from its "listening on" line, ready once /healthz answers; stopped
// (SIGTERM, then SIGKILL after a grace period) when the app exits.
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace fc::ui {

class BundledServer : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("BundledServer belongs to App")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QUrl url READ url NOTIFY stateChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY stateChanged)
    Q_PROPERTY(QString dataDir READ dataDir CONSTANT)
public:
    enum class State { Stopped = 0, Starting, Running, Failed };
    Q_ENUM(State)

    BundledServer(QString executable, QString data_dir, QObject* parent = nullptr);
    ~BundledServer() override;

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    QString errorMessage() const { return m_error; }
    QString dataDir() const { return m_dataDir; }

    void start();
    void stop(int grace_ms = 10000); // blocks up to grace_ms: only at exit or when switching servers

    // framecastd next to the app, in the build tree, or on PATH; FRAMECASTD overrides. Empty if none.
    static QString findExecutable(const QString& app_dir);

signals:
    void stateChanged();
    void ready(const QUrl& url);

private:
    void onOutput();
    void pollHealth();
    void fail(const QString& message);

    QString m_executable;
    QString m_dataDir;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_network;
    QTimer m_healthTimer;
    QElapsedTimer m_sinceStart;
    QByteArray m_output;
    State m_state = State::Stopped;
    QUrl m_url;
    QString m_error;
};

} // namespace fc::ui
