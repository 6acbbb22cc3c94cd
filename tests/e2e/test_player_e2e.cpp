// Watching in the app, end to end through its window: sign up, upload a clip (test-side tus, as the same
// user), open Studio, click Watch on the ready video, wait for the picture, switch the quality through the
// quality menu, pause, seek with the → shortcut, and check the screenshots: the video area is not blank and
// shows a different picture after the seek. A real framecastd on loopback; screenshots in
// <build>/tests/e2e/screenshots-player/ (the last one is docs/images/player.png).
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

#include "app/app_shell.h"
#include "tests/e2e/e2e_app.h"
#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"
#include "ui/app/app_context.h"

using namespace fc;
using namespace fc::test;

namespace {

struct RegionStats {
    double mean = 0;
    double variance = 0;
};

// Luma statistics of the centre of an item's area in a window screenshot (the middle half, clear of the
// controls that float over the picture's edges).
QRect centreOf(QQuickItem* item, qreal device_pixel_ratio) {
    const QRectF scene = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    const QRectF centre(scene.x() + scene.width() / 4, scene.y() + scene.height() / 4, scene.width() / 2,
                        scene.height() / 2);
    return QRectF(centre.topLeft() * device_pixel_ratio, centre.size() * device_pixel_ratio).toRect();
}

RegionStats lumaStats(const QImage& image, const QRect& region) {
    double sum = 0;
    double sum_squares = 0;
    int count = 0;
    for (int y = region.top(); y <= region.bottom(); y += 2)
        for (int x = region.left(); x <= region.right(); x += 2) {
            const double luma = qGray(image.pixel(x, y));
            sum += luma;
            sum_squares += luma * luma;
            ++count;
        }
    if (count == 0)
        return {};
    const double mean = sum / count;
    return {mean, sum_squares / count - mean * mean};
}

double meanAbsoluteDifference(const QImage& a, const QImage& b, const QRect& region) {
    double sum = 0;
    int count = 0;
    for (int y = region.top(); y <= region.bottom(); y += 2)
        for (int x = region.left(); x <= region.right(); x += 2) {
            sum += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y)));
            ++count;
        }
    return count ? sum / count : 0;
}

} // namespace

class TestPlayerE2e : public QObject {
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_media;
    QTemporaryDir m_config;
    QTemporaryDir m_data;
    QString m_clip;
    E2eApp m_e2e{m_server, m_config.path(), m_data.path(), QStringLiteral(FRAMECAST_E2E_SCREENSHOT_DIR)};
    ui::AppContext* m_app = nullptr; // m_e2e's, while it is open
    UiDriver* m_ui = nullptr;
    QQuickWindow* m_window = nullptr;
    std::string m_videoId;

    QObject* player() const {
        QQuickItem* page = m_ui->find(QStringLiteral("playerPage"));
        return page ? page->property("player").value<QObject*>() : nullptr;
    }
    QString playerState() const {
        QObject* controller = player();
        return controller ? controller->property("state").toString() : QString();
    }
    double playerPosition() const {
        QObject* controller = player();
        return controller ? controller->property("position_s").toDouble() : -1;
    }
    // The controls hide after 3 s of playing; moving the pointer over the picture brings them back.
    QQuickItem* revealedControl(const QString& object_name) {
        if (QQuickItem* output = m_ui->find(QStringLiteral("videoOutput"))) {
            const QPoint over =
                output->mapToScene(QPointF(output->width() / 2, output->height() / 3)).toPoint();
            QTest::mouseMove(m_window, over);
            QTest::mouseMove(m_window, over + QPoint(3, 0));
        }
        return m_ui->waitFor(object_name, 5000);
    }
    QString describe() const {
        QObject* controller = player();
        return controller ? QStringLiteral("state %1 at %2 s, rung %3, error \"%4\"")
                                .arg(playerState())
                                .arg(playerPosition())
                                .arg(controller->property("currentRung").toString(),
                                     controller->property("errorMessage").toString())
                          : QStringLiteral("no player");
    }
    QImage grab() {
        QTest::qWait(150); // let the scene graph render the last frame
        return m_window->grabWindow();
    }

private slots:
    void initTestCase() {
        app::prepareApplication();
        QDir(QStringLiteral(FRAMECAST_E2E_SCREENSHOT_DIR)).removeRecursively();
        m_clip = makeClip(m_media.path(), sharedMedia("big_buck_bunny.mp4"), 30, 10);
        QVERIFY(!m_clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));

        QVERIFY(m_e2e.open(true));
        m_app = m_e2e.app();
        m_ui = m_e2e.ui();
        m_window = m_e2e.window();
    }

    void cleanupTestCase() { m_e2e.close(); }

    void signUpAndUpload() {
        const QString name = QStringLiteral("viewer%1").arg(QCoreApplication::applicationPid() % 100000);
        QVERIFY(m_e2e.signUp(name));

        m_videoId = m_e2e.uploadReady(m_clip);
        QVERIFY(!m_videoId.empty());
        // Uploaded outside the app's queue: My videos shows it after a refresh.
        QVERIFY(m_ui->click(QStringLiteral("navStudio")));
        QVERIFY(m_ui->waitFor(QStringLiteral("studioPage")));
        QVERIFY(m_ui->click(QStringLiteral("refreshVideosButton")));
        QQuickItem* status = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((status = m_ui->find(QStringLiteral("videoStatusLabel"))) &&
                                     status->property("text").toString().contains(QStringLiteral("Ready")),
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->find(QStringLiteral("watchButton")) &&
                                     m_ui->find(QStringLiteral("watchButton"))->isEnabled(),
                                 20000);
        m_ui->screenshot(QStringLiteral("studio-ready"));
    }

    void watchFromStudio() {
        QVERIFY(m_ui->click(QStringLiteral("watchButton")));
        QVERIFY(m_ui->waitFor(QStringLiteral("playerPage")));
        QVERIFY(player());
        QVERIFY2(QTest::qWaitFor([&] { return playerState() == QLatin1String("playing"); }, 30000),
                 qPrintable(describe()));
        QVERIFY2(QTest::qWaitFor([&] { return playerPosition() > 1.0; }, 15000), qPrintable(describe()));
        QQuickItem* output = m_ui->find(QStringLiteral("videoOutput"));
        QVERIFY(output);
        const QRect centre = centreOf(output, m_window->devicePixelRatio());
        const RegionStats playing = lumaStats(grab(), centre);
        m_ui->screenshot(QStringLiteral("playing"));
        QVERIFY2(
            playing.variance > 100,
            qPrintable(QStringLiteral("luma variance %1, mean %2").arg(playing.variance).arg(playing.mean)));
    }

    void switchQualityThroughTheMenu() {
        QObject* controller = player();
        const QStringList qualities = controller->property("qualities").toStringList();
        QVERIFY2(qualities.size() >= 3, qPrintable(qualities.join(',')));
        // The lowest rung, unless it is the one on screen: then the highest.
        const int wanted =
            controller->property("currentRung").toString() == qualities.at(1) ? int(qualities.size()) - 1 : 1;
        QVERIFY(m_ui->click(revealedControl(QStringLiteral("qualityButton"))));
        QVERIFY(m_ui->waitFor(QStringLiteral("qualityItem_%1").arg(wanted)));
        m_ui->screenshot(QStringLiteral("quality-menu"));
        QVERIFY(m_ui->click(QStringLiteral("qualityItem_%1").arg(wanted)));
        QTRY_COMPARE_WITH_TIMEOUT(controller->property("selectedQuality").toInt(), wanted, 5000);
        QTRY_VERIFY(!m_ui->find(QStringLiteral("qualityItem_%1").arg(wanted))); // the menu closed
        QVERIFY2(QTest::qWaitFor(
                     [&] { return controller->property("currentRung").toString() == qualities.at(wanted); },
                     30000),
                 qPrintable(describe() + QStringLiteral(" want %1").arg(qualities.at(wanted))));
        QQuickItem* qualityButton = revealedControl(QStringLiteral("qualityButton"));
        QVERIFY(qualityButton);
        QCOMPARE(qualityButton->property("text").toString(), qualities.at(wanted));
    }

    void pauseAndSeekWithTheKeyboard() {
        QObject* controller = player();
        // From near the start, so the seek below lands inside the 10 s clip.
        QMetaObject::invokeMethod(controller, "seek", Q_ARG(double, 1.0));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return playerState() == QLatin1String("playing") && playerPosition() >= 1.0 &&
                                playerPosition() < 3.0;
                     },
                     15000),
                 qPrintable(describe()));
        QTest::keyClick(m_window, Qt::Key_K); // pause
        QVERIFY2(QTest::qWaitFor([&] { return playerState() == QLatin1String("paused"); }, 10000),
                 qPrintable(describe()));
        QQuickItem* output = m_ui->find(QStringLiteral("videoOutput"));
        const QRect centre = centreOf(output, m_window->devicePixelRatio());
        const double before_s = playerPosition();
        const QImage before = grab();

        QTest::keyClick(m_window, Qt::Key_Right); // +5 s
        QVERIFY2(QTest::qWaitFor([&] { return std::abs(playerPosition() - (before_s + 5)) < 0.6; }, 10000),
                 qPrintable(describe()));
        QTest::qWait(800); // the first frame at the new position
        const QImage after = grab();
        QVERIFY(lumaStats(after, centre).variance > 100);
        const double difference = meanAbsoluteDifference(before, after, centre);
        QVERIFY2(difference > 4, qPrintable(QStringLiteral("mean luma difference %1").arg(difference)));

        QVERIFY(m_ui->click(QStringLiteral("statsButton")));
        QVERIFY(m_ui->waitFor(QStringLiteral("statsOverlay")));
        // Hovering the seek bar shows the storyboard tile of that time (fetched through its signed URL).
        QQuickItem* seek_area = m_ui->find(QStringLiteral("seekArea"));
        QVERIFY(seek_area);
        const QPointF over =
            seek_area->mapToScene(QPointF(seek_area->width() * 0.7, seek_area->height() / 2));
        QTest::mouseMove(m_window, over.toPoint());
        QTest::mouseMove(m_window, over.toPoint() + QPoint(2, 0));
        QQuickItem* tile = m_ui->waitFor(QStringLiteral("seekPreviewTile"));
        QVERIFY(tile);
        QTRY_COMPARE_WITH_TIMEOUT(tile->property("status").toInt(), 1 /* Image.Ready */, 10000);
        QVERIFY(tile->width() >= 100);
        QVERIFY(m_ui->find(QStringLiteral("seekPreviewTime"))->property("text").toString().startsWith("0:0"));

        const QString shot = m_ui->screenshot(QStringLiteral("player"));
        QVERIFY(!shot.isEmpty());
    }

    void backReturnsToStudio() {
        QVERIFY(m_ui->click(QStringLiteral("playerBackButton")));
        QTRY_VERIFY(!m_ui->find(QStringLiteral("playerPage")));
        QVERIFY(m_ui->waitFor(QStringLiteral("studioPage")));
        QTRY_COMPARE(playerState(), QString()); // the page (and its controller) is hidden
    }
};

QTEST_MAIN(TestPlayerE2e)
#include "test_player_e2e.moc"
