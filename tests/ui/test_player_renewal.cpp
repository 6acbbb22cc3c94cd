// Signed playback URLs that expire while a video is open, against a real framecastd whose URLs live 3 s
// (--signed-url-ttl-s): the controller asks /playback again before they expire (or when the engine reports
// one refused as expired) and hands the engine the new address. A pause longer than the URLs' lifetime
// followed by a seek (nothing buffered is left) plays on to the end with no error, and the storyboard's
// sheets load from fresh URLs; when the renewal is refused (the owner made the video private meanwhile) the
// viewer reads why, and no signed URL.
#include <QScopeGuard>
#include <QVideoSink>
#include <QtTest>

#include <algorithm>
#include <vector>

#include "tests/server/test_upload_helpers.h"
#include "tests/ui/app_harness.h"
#include "ui/player/player_controller.h"

using namespace fc;
using namespace fc::test;

namespace {
constexpr int kStart_ms = 30000;
constexpr int kUrlLifetime_s = 3;
} // namespace

class TestPlayerRenewal : public QObject {
    Q_OBJECT
    TestServer m_server{{"--signed-url-ttl-s", QString::number(kUrlLifetime_s)}};
    QTemporaryDir m_dir;
    std::unique_ptr<AppHarness> m_harness;
    std::optional<SignedUpUser> m_owner;
    std::string m_videoId;
    std::unique_ptr<QVideoSink> m_sink;
    std::unique_ptr<ui::PlayerController> m_player;

    ui::PlayerController& player() { return *m_player; }
    QString describe() {
        return QStringLiteral("state %1, position %2, error \"%3\"")
            .arg(player().state())
            .arg(player().positionS())
            .arg(player().errorMessage());
    }
    bool waitState(const QString& state, int timeout_ms = kStart_ms) {
        return QTest::qWaitFor([&] { return player().state() == state; }, timeout_ms);
    }
    // Opened, playing, then paused for longer than the URLs the player was given live.
    bool openAndPausePastTheUrlsLifetime() {
        player().open(QString::fromStdString(m_videoId));
        if (!waitState(QStringLiteral("playing")))
            return false;
        player().pause();
        if (!waitState(QStringLiteral("paused"), 10000))
            return false;
        QTest::qWait((kUrlLifetime_s + 1) * 1000);
        return player().state() == QLatin1String("paused");
    }

private slots:
    void initTestCase() {
        const QString clip =
            makeClip(m_dir.path(), sharedMedia(QStringLiteral("big_buck_bunny.mp4")), 30, 10);
        QVERIFY(!clip.isEmpty());
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        ApiClient api(m_server);
        m_owner = api.signUp("owner");
        QVERIFY(m_owner);
        m_videoId = uploadWithTus(m_server, m_owner->access_token, clip, "public");
        QVERIFY(!m_videoId.empty());
        const auto ready =
            waitForVideoStatus(api, m_owner->access_token, m_videoId, {"ready", "failed"}, 120000);
        QCOMPARE(ready.value("status", ""), std::string("ready"));

        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("viewer"));
        m_sink = std::make_unique<QVideoSink>();
        m_player = std::make_unique<ui::PlayerController>(&m_harness->app(), nullptr);
        m_player->setVideoSink(m_sink.get());
    }

    void cleanupTestCase() {
        m_player.reset();
        m_sink.reset();
        m_harness.reset();
    }

    void playsOnAfterAPauseLongerThanTheUrlsLive() {
        // Each storyboard fetched (at open, then with each renewal) is tried at once: its sheets load.
        std::vector<int> sheet_statuses;
        const auto connection = connect(&player(), &ui::PlayerController::storyboardChanged, this, [&] {
            const QUrl sheet = player().storyboardTileAt(5.5).value(QStringLiteral("source")).toUrl();
            if (sheet.isValid())
                sheet_statuses.push_back(ApiClient(m_server).get(sheet.toString().toStdString()).status);
        });
        const auto disconnect_on_return = qScopeGuard([&] { disconnect(connection); });
        QVERIFY2(openAndPausePastTheUrlsLifetime(), qPrintable(describe()));
        player().seek(1.0); // drops what was buffered: every segment is fetched again
        player().play();
        QVERIFY2(waitState(QStringLiteral("ended")), qPrintable(describe()));
        QCOMPARE(player().errorMessage(), QString());
        QVERIFY2(player().positionS() > 9.5, qPrintable(describe()));
        QVERIFY2(sheet_statuses.size() >= 2, qPrintable(QString::number(sheet_statuses.size())));
        QCOMPARE(std::count(sheet_statuses.begin(), sheet_statuses.end(), 200),
                 qint64(sheet_statuses.size()));
        player().close();
    }

    void aRefusedRenewalIsAReadableError() {
        QVERIFY2(openAndPausePastTheUrlsLifetime(), qPrintable(describe()));
        ApiClient api(m_server);
        QCOMPARE(api.call("PATCH", "/api/v1/videos/" + m_videoId, m_owner->access_token,
                          nlohmann::json{{"visibility", "private"}})
                     .status,
                 200);
        player().seek(1.0);
        player().play();
        QVERIFY2(waitState(QStringLiteral("failed")), qPrintable(describe()));
        const QString message = player().errorMessage();
        QVERIFY2(message.contains(QStringLiteral("no longer available")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("http")) && !message.contains(QStringLiteral("/s/")),
                 qPrintable(message));
        player().close();
        QCOMPARE(player().errorMessage(), QString());
    }
};

QTEST_MAIN(TestPlayerRenewal)
#include "test_player_renewal.moc"
