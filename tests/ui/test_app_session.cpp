// The app's start-up flow and session against a real framecastd: connect, sign up, the token file, restore
// on reopen, expiry (sign in again without losing state), readable errors, and the bundled server.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include "tests/support/api_client.h"
#include "tests/ui/app_harness.h"
#include "ui/api/api_client.h"

using namespace fc;
using namespace fc::test;
using Stage = ui::AppContext::Stage;
using SessionState = ui::SessionController::State;

class TestAppSession : public QObject {
    Q_OBJECT
    TestServer m_server;

    // Makes the access token invalid and sends a request: the client refreshes quietly and it succeeds.
    static bool requestWithAnInvalidAccessToken(AppHarness& harness) {
        auto tokens = harness.app().api()->tokens();
        tokens.access_token = QStringLiteral("not-a-valid-token");
        harness.app().api()->setTokens(tokens);
        bool ok = false;
        harness.app().api()->get("/api/v1/users/me", &harness.app(),
                                 [&](const ui::ApiResult& result) { ok = result.ok(); });
        return QTest::qWaitFor([&] { return ok; }, 10000);
    }
    static bool reportsUnsaved(AppHarness& harness) {
        return harness.app().session()->errorMessage().startsWith(
            QStringLiteral("Could not save your session"));
    }

private slots:
    void initTestCase() { QVERIFY(m_server.start()); }

    void errorEnvelopeBecomesAReadableResult() {
        const auto result = ui::makeApiResult(
            413, R"({"error":{"code":"quota_exceeded","message":"Your quota of 1 GiB is used."}})", {}, {});
        QVERIFY(!result.ok());
        QCOMPARE(result.error.code, QStringLiteral("quota_exceeded"));
        QVERIFY(ui::ApiClient::describe(result.error).contains(QStringLiteral("quota")));
        const auto bare = ui::makeApiResult(502, "<html>bad gateway</html>", {}, {});
        QCOMPARE(bare.error.code, QStringLiteral("http_502"));
        QVERIFY(bare.error.message.contains(QStringLiteral("502")));
        const auto offline = ui::makeApiResult(0, {}, {}, QStringLiteral("Cannot reach the server"));
        QCOMPARE(offline.error.code, QStringLiteral("server_unreachable"));
    }

    void signUpStoresThePrivateTokenFileAndReopenRestoresIt() {
        AppHarness harness(m_server);
        QVERIFY(harness.connect());
        QCOMPARE(harness.app().stage(), Stage::SignIn);
        const auto user = harness.signUpThroughApp("session");
        QVERIFY(user);
        QCOMPARE(harness.app().session()->username(), QString::fromStdString(user->username));
        QVERIFY(!harness.app().session()->channelId().isEmpty());

        const QFileInfo tokenFile(harness.configDir() + "/session.json");
        QVERIFY(tokenFile.exists());
        QCOMPARE(int(tokenFile.permissions() & 0x0FFF &
                     ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser)),
                 0);
        QFile file(tokenFile.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains(QByteArray::fromStdString(user->refresh_token)));

        // Reopened: signed in without asking.
        QVERIFY(harness.reopen());
        QTRY_COMPARE_WITH_TIMEOUT(harness.app().stage(), Stage::Ready, 10000);
        QCOMPARE(harness.app().session()->state(), SessionState::SignedIn);
        QCOMPARE(harness.app().session()->userId(), QString::fromStdString(user->id));

        // Signing out forgets the session file and returns to the sign-in page.
        harness.app().session()->signOut();
        QCOMPARE(harness.app().stage(), Stage::SignIn);
        QVERIFY(!QFileInfo::exists(tokenFile.filePath()));
        QVERIFY(harness.reopen());
        QCOMPARE(harness.app().stage(), Stage::SignIn);
    }

    void anEndedSessionAsksToSignInAgainAndKeepsTheShell() {
        AppHarness harness(m_server);
        QVERIFY(harness.connect());
        const auto user = harness.signUpThroughApp("expiry");
        QVERIFY(user);
        // The session ends elsewhere (signed out on the server): access and refresh tokens are now refused.
        ApiClient api(m_server);
        QCOMPARE(api.call("POST", "/api/v1/auth/logout", user->access_token).status, 204);

        QSignalSpy expired(harness.app().api(), &ui::ApiClient::sessionExpired);
        bool answered = false;
        ui::ApiResult seen;
        harness.app().api()->get("/api/v1/users/me", &harness.app(), [&](const ui::ApiResult& result) {
            seen = result;
            answered = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
        QCOMPARE(seen.error.code, QStringLiteral("session_expired"));
        QCOMPARE(expired.count(), 1);
        QCOMPARE(harness.app().session()->state(), SessionState::Expired);
        QCOMPARE(harness.app().stage(), Stage::Ready); // the shell (and the upload queue) stays
        QVERIFY(harness.app().session()->errorMessage().contains(QStringLiteral("expired")));

        QVERIFY(harness.signIn(user->username));
        QCOMPARE(harness.app().stage(), Stage::Ready);
        bool again = false;
        harness.app().api()->get("/api/v1/users/me", &harness.app(),
                                 [&](const ui::ApiResult& result) { again = result.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(again, 10000);
    }

    void aRequestOutWhenTheSessionEndsIsToldItExpired() {
        // A request sent with the old token whose 401 comes back after another request's refresh already
        // failed (and cleared the session) must say the session expired too, not the server's raw
        // "invalid_token". Which of the two answers first varies, so a few rounds meet both orders.
        AppHarness harness(m_server);
        QVERIFY(harness.connect());
        const auto user = harness.signUpThroughApp("race");
        QVERIFY(user);
        for (int round = 0; round < 10; ++round) {
            QVERIFY(harness.signIn(user->username));
            ApiClient api(m_server);
            const std::string access = harness.app().api()->tokens().access_token.toStdString();
            QCOMPARE(api.call("POST", "/api/v1/auth/logout", access).status, 204);
            QSignalSpy expired(harness.app().api(), &ui::ApiClient::sessionExpired);
            bool answered = false, refreshed = false;
            ui::ApiResult seen;
            harness.app().api()->get("/api/v1/users/me", &harness.app(), [&](const ui::ApiResult& result) {
                seen = result;
                answered = true;
            });
            harness.app().api()->refreshTokens(&harness.app(), [&](bool) { refreshed = true; });
            QTRY_VERIFY_WITH_TIMEOUT(answered && refreshed, 10000);
            QCOMPARE(seen.error.code, QStringLiteral("session_expired"));
            QCOMPARE(expired.count(), 1);
        }
    }

    void anExpiredAccessTokenIsRefreshedQuietly() {
        AppHarness harness(m_server);
        QVERIFY(harness.connect());
        QVERIFY(harness.signUpThroughApp("refresh"));
        const QString refresh = harness.app().api()->tokens().refresh_token;
        QVERIFY(requestWithAnInvalidAccessToken(harness));
        QVERIFY(harness.app().api()->tokens().refresh_token != refresh); // rotated
        QCOMPARE(harness.app().session()->state(), SessionState::SignedIn);
    }

    void aSessionFileThatCannotBeSavedIsReported() {
        AppHarness harness(m_server);
        QVERIFY(harness.connect());
        const auto user = harness.signUpThroughApp("unsaved");
        QVERIFY(user);
        // session.json turns into a non-empty directory: the rename that replaces it fails (for root too).
        const QString path = harness.configDir() + "/session.json";
        QVERIFY(QFile::remove(path));
        QVERIFY(QDir().mkpath(path + "/blocked"));
        // A quiet refresh rotates the tokens and cannot store them.
        QVERIFY(requestWithAnInvalidAccessToken(harness));
        QVERIFY2(reportsUnsaved(harness), qPrintable(harness.app().session()->errorMessage()));
        // Signing in again reports it too (it was cleared right after the failed save).
        harness.app().session()->clearError();
        QSignalSpy signedIn(harness.app().session(), &ui::SessionController::signedIn);
        QVERIFY(harness.signIn(user->username));
        QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 10000);
        QVERIFY2(reportsUnsaved(harness), qPrintable(harness.app().session()->errorMessage()));
        QVERIFY(QDir(path).removeRecursively());
    }

    void readableErrors() {
        AppHarness harness(m_server);
        QVERIFY(harness.connect());
        harness.app().session()->signIn(QStringLiteral("nobody_here"), QStringLiteral("wrong password"));
        QTRY_VERIFY_WITH_TIMEOUT(!harness.app().session()->errorMessage().isEmpty(), 10000);
        QVERIFY2(harness.app().session()->errorMessage().contains(QStringLiteral("not right")),
                 qPrintable(harness.app().session()->errorMessage()));

        harness.app().session()->signUp(QStringLiteral("x"), QStringLiteral("bad"), QStringLiteral("short"));
        QTRY_VERIFY_WITH_TIMEOUT(!harness.app().session()->busy(), 10000);
        QVERIFY(!harness.app().session()->errorMessage().isEmpty());
        QCOMPARE(harness.app().stage(), Stage::SignIn);

        // A server that is not there: a sentence naming it, and a way back.
        harness.app().useServerUrl(QStringLiteral("http://127.0.0.1:1"));
        QTRY_COMPARE_WITH_TIMEOUT(harness.app().stage(), Stage::ConnectFailed, 15000);
        QVERIFY2(harness.app().connectionError().contains(QStringLiteral("127.0.0.1:1")),
                 qPrintable(harness.app().connectionError()));
        harness.app().useServerUrl(QStringLiteral("not a url at all"));
        QCOMPARE(harness.app().stage(), Stage::FirstRun);
        QVERIFY(harness.app().connectionError().contains(QStringLiteral("not a server address")));
    }

    void bundledServerStartsWithItsDataInTheAppDirsAndStopsOnExit() {
        QTemporaryDir config;
        QTemporaryDir data;
        ui::AppOptions options;
        options.config_dir = config.path();
        options.data_dir = data.path();
        options.framecastd_path = QStringLiteral(FRAMECASTD_PATH);
        auto app = std::make_unique<ui::AppContext>(options);
        app->start();
        QCOMPARE(app->stage(), Stage::FirstRun);
        app->useBundledServer();
        QTRY_COMPARE_WITH_TIMEOUT(app->stage(), Stage::SignIn, 20000);
        QCOMPARE(app->server()->state(), ui::BundledServer::State::Running);
        QVERIFY(QFileInfo::exists(data.path() + "/server/framecast.sqlite"));
        const QUrl url = app->server()->url();
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));

        app.reset(); // quitting the app stops its server
        transfer::HttpClient http;
        transfer::HttpCall call;
        call.url = url.toString().toStdString() + "/healthz";
        call.timeout_ms = 2000;
        QVERIFY(!http.perform(call).ok());

        // Next start remembers the choice and starts it again.
        app = std::make_unique<ui::AppContext>(options);
        app->start();
        QTRY_COMPARE_WITH_TIMEOUT(app->stage(), Stage::SignIn, 20000);
    }
};

QTEST_MAIN(TestAppSession)
#include "test_app_session.moc"
