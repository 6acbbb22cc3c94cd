#pragma once
// The transcode preview (App.preview). Before upload (openForFile) it encodes a window of the local file at
// one rung of the ladder the server will plan, with the server's own ladder code, and measures it against the
// source; after processing (openForVideo) it downloads the server's real rendition of the window (init.mp4 +
// the segments the rung's HLS playlist lists over it) and measures that against the original file. Either
// way the result is PSNR/SSIM at the source's size, sizes, and sampled frames of both for the side-by-side
// and split views (served by PreviewImageProvider). Probing, downloads and encodes run on one worker thread
// with a cancel flag; the GUI thread only receives progress and results.
#include <QList>
#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <cstdint>
#include <memory>

#include "core/media/ladder.h"
#include "ui/preview/preview_image_provider.h"
#include "ui/preview/preview_rung_model.h"

namespace fc::ui {

class AppContext;
struct PreviewOutcome;
struct ApiResult;

class PreviewController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("PreviewController belongs to App")
    Q_PROPERTY(bool active READ active NOTIFY activeChanged)
    Q_PROPERTY(Mode mode READ mode NOTIFY sourceChanged)
    Q_PROPERTY(QString videoId READ videoId NOTIFY sourceChanged)
    Q_PROPERTY(QString sourcePath READ sourcePath NOTIFY sourceChanged)
    Q_PROPERTY(QString sourceDescription READ sourceDescription NOTIFY sourceChanged)
    Q_PROPERTY(bool needsSourceFile READ needsSourceFile NOTIFY sourceChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY sourceChanged)
    Q_PROPERTY(double durationS READ durationS NOTIFY sourceChanged)
    Q_PROPERTY(fc::ui::PreviewRungModel* rungs READ rungs CONSTANT)
    Q_PROPERTY(int selectedRung READ selectedRung WRITE setSelectedRung NOTIFY selectionChanged)
    Q_PROPERTY(double windowStartS READ windowStartS WRITE setWindowStartS NOTIFY selectionChanged)
    Q_PROPERTY(double windowLengthS READ windowLengthS WRITE setWindowLengthS NOTIFY selectionChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool canRun READ canRun NOTIFY busyChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
    // The last result (hasResult false until one arrives; cleared by a new run, cancel or close).
    Q_PROPERTY(bool hasResult READ hasResult NOTIFY resultChanged)
    Q_PROPERTY(QString resultRung READ resultRung NOTIFY resultChanged)
    Q_PROPERTY(int resultWidth READ resultWidth NOTIFY resultChanged)
    Q_PROPERTY(int resultHeight READ resultHeight NOTIFY resultChanged)
    Q_PROPERTY(double resultWindowStartS READ resultWindowStartS NOTIFY resultChanged)
    Q_PROPERTY(double resultWindowLengthS READ resultWindowLengthS NOTIFY resultChanged)
    Q_PROPERTY(double psnrDb READ psnrDb NOTIFY resultChanged)
    Q_PROPERTY(double ssim READ ssim NOTIFY resultChanged)
    Q_PROPERTY(qint64 windowBytes READ windowBytes NOTIFY resultChanged)
    Q_PROPERTY(qint64 estimatedTotalBytes READ estimatedTotalBytes NOTIFY resultChanged)
    Q_PROPERTY(int bitrateKbps READ bitrateKbps NOTIFY resultChanged)
    Q_PROPERTY(int frameCount READ frameCount NOTIFY resultChanged)
    Q_PROPERTY(QList<double> frameTimes READ frameTimes NOTIFY resultChanged)
    Q_PROPERTY(QList<QUrl> originalFrameUrls READ originalFrameUrls NOTIFY resultChanged)
    Q_PROPERTY(QList<QUrl> encodedFrameUrls READ encodedFrameUrls NOTIFY resultChanged)
    Q_PROPERTY(QString statsText READ statsText NOTIFY resultChanged)
public:
    enum class Mode { None = 0, Local, Server };
    Q_ENUM(Mode)

    explicit PreviewController(AppContext* app);
    ~PreviewController() override; // cancels and waits for the worker

    bool active() const { return m_active; }
    Mode mode() const { return m_mode; }
    QString videoId() const { return m_videoId; }
    QString sourcePath() const { return m_sourcePath; }
    QString sourceDescription() const { return m_sourceDescription; }
    bool needsSourceFile() const { return m_needsSourceFile; }
    QString notice() const { return m_notice; }
    double durationS() const { return m_durationS; }
    PreviewRungModel* rungs() { return m_rungs; }
    int selectedRung() const { return m_selectedRung; }
    void setSelectedRung(int row);
    double windowStartS() const { return m_windowStartS; }
    void setWindowStartS(double seconds); // clamped to [0, duration]
    double windowLengthS() const { return m_windowLengthS; }
    void setWindowLengthS(double seconds); // clamped to [1, 10]
    bool busy() const { return m_busy; }
    bool canRun() const;
    double progress() const { return m_progress; }
    QString statusText() const { return m_statusText; }
    QString errorMessage() const { return m_errorMessage; }

    bool hasResult() const { return m_hasResult; }
    QString resultRung() const { return m_result.rung; }
    int resultWidth() const { return m_result.width; }
    int resultHeight() const { return m_result.height; }
    double resultWindowStartS() const { return m_result.window_start_s; }
    double resultWindowLengthS() const { return m_result.window_length_s; }
    double psnrDb() const { return m_result.psnr_db; }
    double ssim() const { return m_result.ssim; }
    qint64 windowBytes() const { return m_result.window_bytes; }
    qint64 estimatedTotalBytes() const { return m_result.estimated_total_bytes; }
    int bitrateKbps() const { return m_result.bitrate_kbps; }
    int frameCount() const { return static_cast<int>(m_result.frame_times_s.size()); }
    QList<double> frameTimes() const { return m_result.frame_times_s; }
    QList<QUrl> originalFrameUrls() const { return frameUrls(PreviewFrameKind::Original); }
    QList<QUrl> encodedFrameUrls() const { return frameUrls(PreviewFrameKind::Encoded); }
    QString statsText() const { return m_result.stats_text; }

    // Shared with the image provider (installPreviewImageProvider).
    std::shared_ptr<const PreviewImageStore> imageStore() const { return m_images; }
    // For tests: waits until no work (not even a cancelled run winding down) is left on the worker.
    bool waitForWorker(int timeout_ms);

    Q_INVOKABLE void openForFile(const QUrl& local_file);
    // The same for a plain local path (the upload queue's), so QML never builds file URLs by hand.
    Q_INVOKABLE void openForLocalPath(const QString& path) { openForFile(QUrl::fromLocalFile(path)); }
    Q_INVOKABLE void openForVideo(const QString& video_id);
    // Server mode: the original file to compare the rendition with, when the upload queue does not know it.
    Q_INVOKABLE void chooseSourceFile(const QUrl& local_file);
    Q_INVOKABLE bool selectRung(const QString& name); // false when the source has no such rung
    Q_INVOKABLE void run();
    Q_INVOKABLE void cancel();
    Q_INVOKABLE void close();
    Q_INVOKABLE void dismissError() { setError({}); }

signals:
    void activeChanged();
    void sourceChanged();
    void selectionChanged();
    void busyChanged();
    void progressChanged();
    void errorMessageChanged();
    void resultChanged();

private:
    struct Shown {
        QString rung;
        int width = 0;
        int height = 0;
        double window_start_s = 0;
        double window_length_s = 0;
        double psnr_db = 0;
        double ssim = 0;
        qint64 window_bytes = 0;
        qint64 estimated_total_bytes = 0;
        int bitrate_kbps = 0;
        QList<double> frame_times_s;
        QString stats_text;
    };

    void reset(Mode mode); // stops any work and forgets source, rungs and result
    void stopWork();
    void setBusy(bool busy, const QString& status = {});
    void setProgress(double progress);
    void setError(const QString& message);
    void clearResult();
    void onVideoLoaded(const ApiResult& result);
    void startLocalRun();
    void startServerRun(const QString& access_token);
    // Runs work(cancel flag, progress) on the worker; the outcome or error comes back to finishRun.
    template <class Work> void submitRun(Work work);
    void finishRun(int generation, std::shared_ptr<PreviewOutcome> outcome, const QString& error);
    QList<QUrl> frameUrls(PreviewFrameKind kind) const;

    AppContext* m_app = nullptr;
    PreviewRungModel* m_rungs = nullptr;
    std::shared_ptr<PreviewImageStore> m_images = std::make_shared<PreviewImageStore>();
    QThreadPool m_pool; // one thread: probes, downloads and encodes run one after another
    QTemporaryDir m_workRoot;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    int m_generation = 0; // bumped by every open/run/cancel/close: late answers of older work are dropped
    int m_imageGeneration = 0; // bumped by every result: fresh image URLs

    bool m_active = false;
    Mode m_mode = Mode::None;
    QString m_videoId;
    QString m_sourcePath;
    QString m_sourceDescription;
    bool m_needsSourceFile = false;
    QString m_notice;
    double m_durationS = 0;
    qint64 m_sourceSizeBytes = 0; // Server: the uploaded file's size, to recognise the original
    int m_audioBitrateKbps = 0;   // Server: the audio rendition's average, for the total size
    media::Ladder m_ladder;       // Local: the planned ladder (the rungs' encoder settings)
    int m_selectedRung = -1;
    PreviewRung m_runRung; // the rung of the run in flight (the selection may change meanwhile)
    double m_windowStartS = 0;
    double m_windowLengthS = 4;
    bool m_busy = false;
    double m_progress = 0;
    QString m_statusText;
    QString m_errorMessage;
    bool m_hasResult = false;
    Shown m_result;
};

} // namespace fc::ui
