#pragma once
// A private PulseAudio daemon for tests: a real sound server with one null sink (a device that plays in real
// time into nothing) and its monitor source, on a socket in a temporary directory. Clients reach it through
// PULSE_SERVER, which start() sets for this process before Qt first looks for audio devices; AudioRecorder
// captures what the sink played, so a test can check the sound that left the application.
#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <cstdint>
#include <memory>
#include <vector>

namespace fc::test {

class PulseAudioServer {
public:
    static constexpr int kRate_hz = 48000;
    static constexpr int kChannels = 2;

    ~PulseAudioServer();
    // Starts the daemon and waits until it answers; false (see log()) when `pulseaudio` is missing or fails.
    bool start();
    QString serverAddress() const { return QStringLiteral("unix:") + m_socket; }
    QString monitorSource() const { return QStringLiteral("framecast_test.monitor"); }
    QString log() const;

private:
    QTemporaryDir m_dir;
    QString m_socket;
    std::unique_ptr<QProcess> m_daemon;
    QString m_failure;
};

// Records the server's monitor source (S16LE, kRate_hz, kChannels) with `parec` until stop().
class AudioRecorder {
public:
    explicit AudioRecorder(const PulseAudioServer& server) : m_server(server) {}
    ~AudioRecorder();
    // Starts parec and waits until samples arrive.
    bool start();
    // Stops recording and returns the interleaved samples captured.
    std::vector<int16_t> stop();

private:
    const PulseAudioServer& m_server;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_pcm;
};

// Root mean square of one channel of interleaved stereo, over frames [begin, end).
double channelRms(const std::vector<int16_t>& pcm, int channel, size_t begin_frame, size_t end_frame);
// Power of one frequency in one channel (Goertzel), normalised by the frame count.
double tonePower(const std::vector<int16_t>& pcm, int channel, double frequency_hz, size_t begin_frame,
                 size_t end_frame);
// First and one-past-last frame whose absolute value in either channel exceeds threshold; {0, 0} if none.
std::pair<size_t, size_t> audibleRange(const std::vector<int16_t>& pcm, int threshold);

} // namespace fc::test
