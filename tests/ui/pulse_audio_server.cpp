#include "tests/ui/pulse_audio_server.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <cmath>
#include <numbers>

namespace fc::test {

namespace {

// `pactl info` against the daemon: true once it accepts clients.
bool answers(const QString& address) {
    QProcess pactl;
    pactl.start(QStringLiteral("pactl"), {QStringLiteral("--server=") + address, QStringLiteral("info")});
    return pactl.waitForFinished(5000) && pactl.exitStatus() == QProcess::NormalExit && pactl.exitCode() == 0;
}

} // namespace

PulseAudioServer::~PulseAudioServer() {
    if (m_daemon && m_daemon->state() != QProcess::NotRunning) {
        m_daemon->terminate();
        if (!m_daemon->waitForFinished(5000))
            m_daemon->kill();
        m_daemon->waitForFinished(5000);
    }
}

bool PulseAudioServer::start() {
    if (QStandardPaths::findExecutable(QStringLiteral("pulseaudio")).isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("parec")).isEmpty()) {
        m_failure =
            QStringLiteral("pulseaudio or parec is not installed (packaging/install-deps.sh installs them)");
        return false;
    }
    m_socket = m_dir.filePath(QStringLiteral("native"));
    m_daemon = std::make_unique<QProcess>();
    m_daemon->setProcessChannelMode(QProcess::MergedChannels);
    // Its own HOME and runtime directory: nothing is read from or written to the user's PulseAudio set-up.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_dir.path());
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path());
    env.insert(QStringLiteral("PULSE_RUNTIME_PATH"), m_dir.filePath(QStringLiteral("runtime")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    m_daemon->setProcessEnvironment(env);
    m_daemon->start(QStringLiteral("pulseaudio"),
                    {QStringLiteral("--daemonize=no"), QStringLiteral("-n"),
                     QStringLiteral("--exit-idle-time=-1"), QStringLiteral("--use-pid-file=no"),
                     QStringLiteral("--disable-shm=yes"), QStringLiteral("--log-target=stderr"),
                     QStringLiteral("-L"),
                     QStringLiteral("module-native-protocol-unix auth-anonymous=1 socket=") + m_socket,
                     QStringLiteral("-L"),
                     QStringLiteral("module-null-sink sink_name=framecast_test rate=%1 channels=%2")
                         .arg(kRate_hz)
                         .arg(kChannels)});
    if (!m_daemon->waitForStarted(5000)) {
        m_failure = QStringLiteral("pulseaudio did not start: ") + m_daemon->errorString();
        return false;
    }
    const QDeadlineTimer deadline(15000);
    while (!answers(serverAddress())) {
        if (deadline.hasExpired() || m_daemon->state() == QProcess::NotRunning) {
            m_failure = QStringLiteral("pulseaudio never answered on ") + m_socket;
            return false;
        }
        QThread::msleep(100);
    }
    // Qt reads PULSE_SERVER when its audio backend first connects; tests start the server before that.
    qputenv("PULSE_SERVER", serverAddress().toUtf8());
    return true;
}

QString PulseAudioServer::log() const {
    QString text = m_failure;
    if (m_daemon)
        text += QLatin1Char('\n') + QString::fromLocal8Bit(m_daemon->readAll());
    return text;
}

AudioRecorder::~AudioRecorder() {
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool AudioRecorder::start() {
    m_pcm.clear();
    m_process = std::make_unique<QProcess>();
    QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, m_process.get(),
                     [this] { m_pcm += m_process->readAllStandardOutput(); });
    m_process->start(QStringLiteral("parec"),
                     {QStringLiteral("--server=") + m_server.serverAddress(),
                      QStringLiteral("--device=") + m_server.monitorSource(),
                      QStringLiteral("--format=s16le"),
                      QStringLiteral("--rate=%1").arg(PulseAudioServer::kRate_hz),
                      QStringLiteral("--channels=%1").arg(PulseAudioServer::kChannels),
                      QStringLiteral("--latency-msec=20"), QStringLiteral("--raw")});
    if (!m_process->waitForStarted(5000))
        return false;
    // The monitor streams silence while nothing plays: once bytes flow, the capture is live and nothing
    // played from now on is missed.
    return QTest::qWaitFor([this] { return m_pcm.size() > 0; }, 5000);
}

std::vector<int16_t> AudioRecorder::stop() {
    if (m_process) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000))
            m_process->kill();
        m_process->waitForFinished(5000);
        m_pcm += m_process->readAllStandardOutput();
    }
    std::vector<int16_t> samples(size_t(m_pcm.size()) / sizeof(int16_t));
    std::memcpy(samples.data(), m_pcm.constData(), samples.size() * sizeof(int16_t));
    return samples;
}

double channelRms(const std::vector<int16_t>& pcm, int channel, size_t begin_frame, size_t end_frame) {
    const size_t frames = pcm.size() / PulseAudioServer::kChannels;
    end_frame = std::min(end_frame, frames);
    if (end_frame <= begin_frame)
        return 0;
    double sum = 0;
    for (size_t i = begin_frame; i < end_frame; ++i) {
        const double value = pcm[i * PulseAudioServer::kChannels + size_t(channel)];
        sum += value * value;
    }
    return std::sqrt(sum / double(end_frame - begin_frame));
}

double tonePower(const std::vector<int16_t>& pcm, int channel, double frequency_hz, size_t begin_frame,
                 size_t end_frame) {
    const size_t frames = pcm.size() / PulseAudioServer::kChannels;
    end_frame = std::min(end_frame, frames);
    if (end_frame <= begin_frame)
        return 0;
    const double coefficient = 2 * std::cos(2 * std::numbers::pi * frequency_hz / PulseAudioServer::kRate_hz);
    double previous = 0, before = 0;
    for (size_t i = begin_frame; i < end_frame; ++i) {
        const double value = pcm[i * PulseAudioServer::kChannels + size_t(channel)];
        const double current = value + coefficient * previous - before;
        before = previous;
        previous = current;
    }
    const double power = previous * previous + before * before - coefficient * previous * before;
    const double n = double(end_frame - begin_frame);
    return power / (n * n);
}

std::pair<size_t, size_t> audibleRange(const std::vector<int16_t>& pcm, int threshold) {
    const size_t frames = pcm.size() / PulseAudioServer::kChannels;
    size_t first = frames, last = 0;
    for (size_t i = 0; i < frames; ++i)
        for (int c = 0; c < PulseAudioServer::kChannels; ++c)
            if (std::abs(int(pcm[i * PulseAudioServer::kChannels + size_t(c)])) > threshold) {
                first = std::min(first, i);
                last = i + 1;
            }
    return first < last ? std::pair{first, last} : std::pair<size_t, size_t>{0, 0};
}

} // namespace fc::test
