#include "tests/support/test_server.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>

namespace fc::test {

TestServer::TestServer(QStringList extraArgs) : m_extraArgs(std::move(extraArgs)) {}

TestServer::~TestServer() {
    if (isRunning())
        kill();
}

bool TestServer::start(int timeout_ms) {
    m_process = std::make_unique<QProcess>();
    QStringList args = {"--listen", "127.0.0.1:0", "--data-dir", m_dataDir.path(), "--log-level", "info"};
    if (!m_extraArgs.join(' ').contains("--rate-limits"))
        args << "--rate-limits"
             << "auth=0,search=0,metadata=0,playback=0,events=0,uploads=0,writes=0,realtime=0,"
                "comments=0,social=0";
    args << m_extraArgs;
    m_process->setProgram(QStringLiteral(FRAMECASTD_PATH));
    m_process->setArguments(args);
    m_process->start();
    if (!m_process->waitForStarted(timeout_ms))
        return false;
    QElapsedTimer timer;
    timer.start();
    QByteArray out;
    static const QRegularExpression kListening("listening on http://127\\.0\\.0\\.1:(\\d+)");
    while (timer.elapsed() < timeout_ms) {
        m_process->waitForReadyRead(100);
        out += m_process->readAllStandardOutput();
        m_log += QString::fromUtf8(m_process->readAllStandardError());
        const auto match = kListening.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_port = static_cast<quint16>(match.captured(1).toUInt());
            return true;
        }
        if (m_process->state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

void TestServer::kill() {
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
    m_log += QString::fromUtf8(m_process->readAllStandardError());
}

bool TestServer::terminate(int timeout_ms) {
    if (!m_process)
        return false;
    m_process->terminate();
    const bool finished = m_process->waitForFinished(timeout_ms);
    m_log += QString::fromUtf8(m_process->readAllStandardError());
    return finished && m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
}

bool TestServer::isRunning() const {
    return m_process && m_process->state() != QProcess::NotRunning;
}

std::string TestServer::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

QString TestServer::log() const {
    if (m_process)
        m_log += QString::fromUtf8(m_process->readAllStandardError());
    return m_log;
}

QString sharedMedia(const QString& file) {
    return QDir(QStringLiteral(FRAMECAST_SHARED_DIR)).absoluteFilePath("media/" + file);
}

QString makeClip(const QString& dir, const QString& source, double start_s, double duration_s,
                 const QStringList& extraFfmpegArgs, const QString& name) {
    const QString output = QDir(dir).absoluteFilePath(
        name.isEmpty() ? QFileInfo(source).completeBaseName() + "_clip.mp4" : name);
    if (QFileInfo::exists(output))
        return output;
    QProcess ffmpeg;
    QStringList args = {"-hide_banner", "-loglevel",
                        "error",        "-y",
                        "-ss",          QString::number(start_s),
                        "-t",           QString::number(duration_s),
                        "-i",           source};
    args << (extraFfmpegArgs.isEmpty() ? QStringList{"-c", "copy"} : extraFfmpegArgs) << output;
    ffmpeg.start("ffmpeg", args);
    if (!ffmpeg.waitForFinished(120000) || ffmpeg.exitCode() != 0)
        return {};
    return output;
}

} // namespace fc::test
