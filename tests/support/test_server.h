#pragma once
// Starts the real framecastd on loopback with a temporary data directory, as the tests' only server.
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <string>

namespace fc::test {

class TestServer {
public:
    // extraArgs are appended to "--listen 127.0.0.1:0 --data-dir <dir>". Rate limits are lifted unless given.
    explicit TestServer(QStringList extraArgs = {});
    ~TestServer();

    bool
    start(int timeout_ms = 15000); // waits for the "listening on" line; keeps the data dir across restarts
    void kill();                   // SIGKILL, as a crash would
    bool terminate(int timeout_ms = 15000); // SIGTERM; true when it exited cleanly with code 0
    bool isRunning() const;

    quint16 port() const { return m_port; }
    std::string url(const std::string& path) const; // "http://127.0.0.1:PORT" + path
    QString dataDir() const { return m_dataDir.path(); }
    QString log() const; // everything framecastd printed to stderr so far (kept: later calls see it too)
    void setArgs(QStringList extraArgs) { m_extraArgs = std::move(extraArgs); }

private:
    QTemporaryDir m_dataDir;
    QStringList m_extraArgs;
    std::unique_ptr<QProcess> m_process;
    mutable QString m_log; // log() appends what has arrived since
    quint16 m_port = 0;
};

// A short clip cut from ../shared/media with the ffmpeg CLI into dir (cached by name); empty on failure.
QString makeClip(const QString& dir, const QString& source, double start_s, double duration_s,
                 const QStringList& extraFfmpegArgs = {}, const QString& name = {});
QString sharedMedia(const QString& file); // absolute path under ../shared/media

} // namespace fc::test
