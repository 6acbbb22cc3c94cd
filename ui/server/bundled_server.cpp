#include "ui/server/bundled_server.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QStandardPaths>

namespace fc::ui {
namespace {
constexpr int kStartTimeoutMs = 30000;
constexpr int kHealthPollMs = 150;
} // namespace

BundledServer::BundledServer(QString executable, QString data_dir, QObject* parent)
    : QObject(parent), m_executable(std::move(executable)), m_dataDir(std::move(data_dir)) {
    m_healthTimer.setInterval(kHealthPollMs);
    m_healthTimer.setSingleShot(true);
    connect(&m_healthTimer, &QTimer::timeout, this, &BundledServer::pollHealth);
}

BundledServer::~BundledServer() {
    stop();
}

QString BundledServer::findExecutable(const QString& app_dir) {
    const QString fromEnv = qEnvironmentVariable("FRAMECASTD");
    if (!fromEnv.isEmpty())
        return QFileInfo(fromEnv).isExecutable() ? fromEnv : QString();
    // Installed side by side, or the build tree (build/app/framecast beside build/server/framecastd).
    for (const QString& candidate :
         {app_dir + QStringLiteral("/framecastd"), app_dir + QStringLiteral("/../server/framecastd"),
          app_dir + QStringLiteral("/../lib/framecast/framecastd")}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("framecastd"));
}

void BundledServer::start() {
    if (m_state == State::Starting || m_state == State::Running)
        return;
    if (m_executable.isEmpty()) {
        fail(
            QStringLiteral("The bundled server (framecastd) is not installed next to the app. Install it, or "
                           "connect to a server URL instead."));
        return;
    }
    QDir().mkpath(m_dataDir);
    m_output.clear();
    m_url.clear();
    m_error.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_process.get(), &QProcess::readyRead, this, &BundledServer::onOutput);
    connect(m_process.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(QStringLiteral("Could not start %1: %2").arg(m_executable, m_process->errorString()));
    });
    connect(m_process.get(), &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
        if (m_state == State::Stopped)
            return;
        const QString tail = QString::fromUtf8(m_output.right(600)).trimmed();
        fail(QStringLiteral("The bundled server stopped (exit code %1). %2").arg(code).arg(tail));
    });
    m_state = State::Starting;
    emit stateChanged();
    m_sinceStart.start();
    m_process->start(m_executable, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                    QStringLiteral("--data-dir"), m_dataDir});
}

void BundledServer::onOutput() {
    m_output += m_process->readAll();
    if (m_output.size() > 64 * 1024)
        m_output = m_output.right(16 * 1024); // only the tail matters for error messages
    if (!m_url.isEmpty())
        return;
    static const QRegularExpression kListening(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+)"));
    const auto match = kListening.match(QString::fromUtf8(m_output));
    if (match.hasMatch()) {
        m_url = QUrl(match.captured(1));
        pollHealth();
    }
}

void BundledServer::pollHealth() {
    if (m_state != State::Starting)
        return;
    if (m_sinceStart.elapsed() > kStartTimeoutMs) {
        fail(QStringLiteral("The bundled server did not become healthy within %1 s.")
                 .arg(kStartTimeoutMs / 1000));
        return;
    }
    QNetworkReply* reply = m_network.get(QNetworkRequest(m_url.resolved(QUrl(QStringLiteral("/healthz")))));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (m_state != State::Starting)
            return;
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
            m_state = State::Running;
            emit stateChanged();
            emit ready(m_url);
        } else {
            m_healthTimer.start();
        }
    });
}

void BundledServer::fail(const QString& message) {
    m_healthTimer.stop();
    m_error = message;
    m_state = State::Failed;
    emit stateChanged();
}

void BundledServer::stop(int grace_ms) {
    m_healthTimer.stop();
    if (!m_process)
        return;
    const State previous = m_state;
    m_state = State::Stopped;
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM: framecastd finishes in-flight requests and checkpoints jobs
        if (!m_process->waitForFinished(grace_ms)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    m_process.reset();
    if (previous != State::Stopped)
        emit stateChanged();
}

} // namespace fc::ui
