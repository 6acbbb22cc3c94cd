// The desktop app end to end, driven through its QML window like a person would: sign up, drop a clip from
// ../shared/media on the Home page (it lands in the Studio's upload queue), close the app mid-upload, reopen
// it, see the upload finish and the video reach "ready" in My videos. A real framecastd on loopback;
// screenshots of every step are saved in <build>/tests/e2e/screenshots/.
#include <QAbstractItemModel>
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "app/app_shell.h"
#include "tests/e2e/e2e_app.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"
#include "ui/app/app_context.h"

using namespace fc;
using namespace fc::test;
using Stage = ui::AppContext::Stage;

namespace {

// A role of a list model by its QML name ("progress"), so the test reads what the delegates bind to.
QVariant modelValue(const QAbstractItemModel* model, int row, const QByteArray& role_name) {
    if (!model || row >= model->rowCount())
        return {};
    const auto roles = model->roleNames();
    for (auto it = roles.begin(); it != roles.end(); ++it)
        if (it.value() == role_name)
            return model->data(model->index(row, 0), it.key());
    return {};
}

QString sha256Of(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

class TestAppE2e : public QObject {
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_media;
    QTemporaryDir m_config;
    QTemporaryDir m_data;
    QString m_clip;
    E2eApp m_e2e{m_server, m_config.path(), m_data.path(), QStringLiteral(FRAMECAST_E2E_SCREENSHOT_DIR)};
    ui::AppContext* m_app = nullptr; // m_e2e's, while it is open
    UiDriver* m_ui = nullptr;
    QString m_videoId;
    std::string m_token;

    // Opens the app as main() does, on the same config/data dirs each time.
    bool openApp() {
        const bool opened = m_e2e.open();
        m_app = m_e2e.app();
        m_ui = m_e2e.ui();
        return opened;
    }

    void closeApp() {
        m_e2e.close();
        m_app = nullptr;
        m_ui = nullptr;
    }

    QAbstractItemModel* uploadQueue() const {
        return m_app->uploads()->property("queue").value<QAbstractItemModel*>();
    }

private slots:
    void initTestCase() {
        app::prepareApplication();
        QDir(QStringLiteral(FRAMECAST_E2E_SCREENSHOT_DIR)).removeRecursively();
        // ~1.5 MB: long enough at the limit below to close the app in the middle of the upload.
        m_clip = makeClip(m_media.path(), sharedMedia("big_buck_bunny.mp4"), 12, 6,
                          {"-c:v", "libx264", "-b:v", "2M", "-maxrate", "2M", "-bufsize", "4M"},
                          QStringLiteral("bunny_e2e.mp4"));
        QVERIFY(!m_clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    }

    void cleanupTestCase() { closeApp(); }

    void signUpThroughTheWindow() {
        QVERIFY(openApp());
        const QString name = QStringLiteral("creator%1").arg(QCoreApplication::applicationPid() % 100000);
        QString form_shot;
        QVERIFY(m_e2e.signUp(name, [&] { form_shot = m_ui->screenshot(QStringLiteral("sign-up")); }));
        QVERIFY(!form_shot.isEmpty());
        QVERIFY(m_ui->waitFor(QStringLiteral("shell")));
        QCOMPARE(m_app->session()->username(), name);
        m_ui->screenshot(QStringLiteral("home"));
    }

    void dropAClipAndCloseTheAppMidUpload() {
        // Throttled so the app can be closed in the middle (Settings → Limit upload speed).
        m_app->settings()->setUploadLimitKbps(150);
        QVERIFY(m_ui->click(QStringLiteral("navStudio")));
        QVERIFY(m_ui->waitFor(QStringLiteral("studioPage")));
        m_ui->screenshot(QStringLiteral("studio-empty"));
        // Dropped on the Home page: the clip joins the queue and the app shows it on the Studio page.
        QVERIFY(m_ui->click(QStringLiteral("navHome")));
        QVERIFY(m_ui->waitFor(QStringLiteral("homePage")));
        QVERIFY(!m_ui->find(QStringLiteral("studioPage")));
        // A file that is not a video is refused there: nothing queued, the page stays.
        const QString notes = m_media.filePath(QStringLiteral("notes.txt"));
        QFile text(notes);
        QVERIFY(text.open(QIODevice::WriteOnly) && text.write("not a video\n") > 0);
        text.close();
        QVERIFY(!m_ui->dropFiles(QStringLiteral("homePage"), {QUrl::fromLocalFile(notes)}));
        QCOMPARE(uploadQueue()->rowCount(), 0);
        QVERIFY(m_ui->find(QStringLiteral("homePage")));
        QVERIFY(m_ui->dropFiles(QStringLiteral("homePage"), {QUrl::fromLocalFile(m_clip)}));
        QVERIFY(m_ui->waitFor(QStringLiteral("studioPage")));
        QVERIFY(m_ui->waitFor(QStringLiteral("uploadRow_0")));
        QVERIFY(m_ui->typeInto(QStringLiteral("uploadTitleField"),
                               QStringLiteral("Big Buck Bunny, the e2e cut")));

        QAbstractItemModel* queue = uploadQueue();
        QVERIFY(queue);
        QTRY_VERIFY_WITH_TIMEOUT(modelValue(queue, 0, "progress").toDouble() > 0.25, 30000);
        m_ui->screenshot(QStringLiteral("uploading"));
        m_videoId = modelValue(queue, 0, "videoId").toString();
        QVERIFY(!m_videoId.isEmpty());
        m_token = m_app->api()->tokens().access_token.toStdString();
        QVERIFY(modelValue(queue, 0, "progress").toDouble() < 0.9); // really in the middle

        closeApp();
        ApiClient api(m_server);
        const auto video = api.get("/api/v1/videos/" + m_videoId.toStdString(), m_token);
        QCOMPARE(video.status, 200);
        QCOMPARE(video.json.value("status", ""), std::string("uploading"));
    }

    void reopenTheAppAndTheUploadFinishes() {
        QVERIFY(openApp());
        QTRY_COMPARE_WITH_TIMEOUT(m_app->stage(), Stage::Ready, 15000); // the session was kept
        m_app->settings()->setUploadLimitKbps(0);
        QVERIFY(m_ui->click(QStringLiteral("navStudio")));
        QVERIFY(m_ui->waitFor(QStringLiteral("uploadRow_0")));
        QAbstractItemModel* queue = uploadQueue();
        QVERIFY(queue);
        QCOMPARE(modelValue(queue, 0, "videoId").toString(), m_videoId);
        m_ui->screenshot(QStringLiteral("reopened-resuming"));

        ApiClient api(m_server);
        QTRY_VERIFY_WITH_TIMEOUT(
            api.get("/api/v1/videos/" + m_videoId.toStdString(), m_token).json.value("status", "") == "ready",
            120000);
        const auto video = api.get("/api/v1/videos/" + m_videoId.toStdString(), m_token);
        QCOMPARE(video.json.value("title", ""), std::string("Big Buck Bunny, the e2e cut"));
        QCOMPARE(QString::fromStdString(video.json["source"].value("sha256", "")), sha256Of(m_clip));

        // My videos shows it ready, live.
        QQuickItem* status = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((status = m_ui->find(QStringLiteral("videoStatusLabel"))) &&
                                     status->property("text").toString().contains(QStringLiteral("Ready")),
                                 20000);
        m_ui->screenshot(QStringLiteral("ready"));
    }

    void compareTheServersRenditionWithTheOriginal() {
        // The app still knows where the original is (the upload queue), so the comparison needs no questions.
        QVERIFY(m_ui->click(QStringLiteral("compareButton")));
        QTRY_VERIFY(m_app->preview()->property("active").toBool()); // the page is a Popup over the window
        QVERIFY(m_ui->waitFor(QStringLiteral("runPreviewButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_app->preview()->property("canRun").toBool(), 20000);
        QVERIFY(!m_app->preview()->property("needsSourceFile").toBool());
        QVERIFY(m_ui->click(QStringLiteral("runPreviewButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_app->preview()->property("hasResult").toBool(), 60000);
        const double ssim = m_app->preview()->property("ssim").toDouble();
        QVERIFY2(ssim > 0.7 && ssim <= 1.0, qPrintable(QString::number(ssim)));
        QVERIFY(m_ui->waitFor(QStringLiteral("previewStats")));
        m_ui->screenshot(QStringLiteral("compare-qualities"));
        QVERIFY(m_ui->click(QStringLiteral("closePreviewButton")));
        QTRY_VERIFY(!m_app->preview()->property("active").toBool());
    }
};

QTEST_MAIN(TestAppE2e)
#include "test_app_e2e.moc"
