// The server's frame: health, metrics, the error envelope, malformed requests, configuration, shutdown.
#include <QTcpSocket>
#include <QtTest>

#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using fc::test::ApiClient;
using fc::test::TestServer;

namespace {

// Sends raw bytes and returns whatever the server answers before closing (or timeout).
QByteArray rawExchange(quint16 port, const QByteArray& bytes) {
    QTcpSocket socket;
    socket.connectToHost("127.0.0.1", port);
    if (!socket.waitForConnected(3000))
        return {};
    socket.write(bytes);
    socket.waitForBytesWritten(3000);
    QByteArray answer;
    while (socket.waitForReadyRead(1500))
        answer += socket.readAll();
    return answer;
}

} // namespace

class TestServerBasics : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.log())); }
    void cleanupTestCase() { QVERIFY2(m_server.terminate(), qPrintable(m_server.log())); }

    void healthReportsOk() {
        ApiClient api(m_server);
        const auto reply = api.get("/healthz");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value("status", ""), std::string("ok"));
        QVERIFY(reply.raw.header("X-Request-Id").has_value());
    }

    void unknownPathGetsTheEnvelope() {
        ApiClient api(m_server);
        const auto reply = api.get("/api/v1/no-such-thing");
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.errorCode(), std::string("not_found"));
        QVERIFY(!reply.json["error"].value("message", "").empty());
    }

    void wrongMethodIs405WithAllow() {
        ApiClient api(m_server);
        const auto reply = api.call("DELETE", "/healthz");
        QCOMPARE(reply.status, 405);
        QCOMPARE(reply.errorCode(), std::string("method_not_allowed"));
        QCOMPARE(*reply.raw.header("Allow"), std::string("GET"));
    }

    void clientRequestIdIsEchoed() {
        ApiClient api(m_server);
        const auto reply = api.call("GET", "/healthz", {}, std::nullopt, {{"X-Request-Id", "trace-42"}});
        QCOMPARE(*reply.raw.header("X-Request-Id"), std::string("trace-42"));
    }

    void corsPreflightIsAnswered() {
        ApiClient api(m_server);
        const auto reply = api.call("OPTIONS", "/api/v1/videos/abc", {}, std::nullopt,
                                    {{"Origin", "http://example.test"},
                                     {"Access-Control-Request-Method", "PATCH"},
                                     {"Access-Control-Request-Headers", "authorization,content-type"}});
        QCOMPARE(reply.status, 204);
        QCOMPARE(*reply.raw.header("Access-Control-Allow-Origin"), std::string("*"));
        QVERIFY(reply.raw.header("Access-Control-Allow-Methods")->find("PATCH") != std::string::npos);
    }

    void malformedRequestLineGets400Envelope() {
        const QByteArray answer = rawExchange(m_server.port(), "THIS IS NOT HTTP\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
        QVERIFY(answer.contains("\"code\":\"bad_request\""));
    }

    void malformedHeaderGets400Envelope() {
        const QByteArray answer = rawExchange(m_server.port(), "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
    }

    void hugeHeaderGets431() {
        const QByteArray answer =
            rawExchange(m_server.port(),
                        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 431"), answer.left(200).constData());
    }

    void unknownMethodGets501() {
        const QByteArray answer = rawExchange(m_server.port(), "BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 501"), answer.constData());
        QVERIFY(answer.contains("method_not_implemented"));
    }

    void keepAliveServesSeveralRequestsOnOneConnection() {
        const QByteArray one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        const QByteArray answer = rawExchange(m_server.port(), one + one + one);
        QCOMPARE(answer.count("HTTP/1.1 200 OK"), 3);
    }

    void serverSurvivesGarbageAndStillAnswers() {
        for (int i = 0; i < 20; ++i)
            rawExchange(m_server.port(), QByteArray(300 + i * 13, char('A' + i)) + "\r\n\r\n");
        ApiClient api(m_server);
        QCOMPARE(api.get("/healthz").status, 200);
    }

    void metricsAreInPrometheusFormat() {
        ApiClient api(m_server);
        QCOMPARE(api.get("/healthz").status, 200);
        const auto reply = api.get("/metrics");
        QCOMPARE(reply.status, 200);
        const QString text = QString::fromStdString(reply.raw.body);
        QVERIFY(text.contains("# TYPE framecast_http_requests_total counter"));
        QVERIFY(
            text.contains(R"(framecast_http_requests_total{route="/healthz",method="GET",status="200"})"));
        QVERIFY(text.contains("framecast_http_request_duration_seconds_bucket{route=\"/healthz\""));
        QVERIFY(text.contains("framecast_jobs{state=\"queued\"}"));
    }

    void helpListsTheOptions() {
        QProcess process;
        process.start(QStringLiteral(FRAMECASTD_PATH), {"--help"});
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitCode(), 0);
        const QString text = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY(text.contains("--listen HOST:PORT"));
        QVERIFY(text.contains("--data-dir DIR"));
        QVERIFY(text.contains("FRAMECAST_LISTEN"));
    }

    void badConfigurationIsAReadableError() {
        QProcess process;
        process.start(QStringLiteral(FRAMECASTD_PATH), {"--listen", "nonsense"});
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains("--listen expects HOST:PORT"));
    }

    void configPrecedenceIsFlagsThenEnvThenFile() {
        QTemporaryDir dir;
        QFile config(dir.filePath("framecastd.conf"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("# test\nlisten = 127.0.0.1:1\ndata-dir = " + dir.filePath("from-file").toUtf8() + "\n");
        config.close();
        // The file says port 1 and data-dir from-file; the environment overrides listen; the flag overrides
        // data-dir.
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("FRAMECAST_CONFIG", config.fileName());
        env.insert("FRAMECAST_LISTEN", "127.0.0.1:0");
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(FRAMECASTD_PATH), {"--data-dir", dir.filePath("from-flag")});
        QVERIFY(process.waitForReadyRead(10000));
        QVERIFY(
            QString::fromUtf8(process.readAllStandardOutput()).contains("listening on http://127.0.0.1:"));
        QVERIFY(QFileInfo::exists(dir.filePath("from-flag/framecast.sqlite")));
        QVERIFY(!QFileInfo::exists(dir.filePath("from-file")));
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
    }

private:
    TestServer m_server;
};

QTEST_GUILESS_MAIN(TestServerBasics)
#include "test_server_basics.moc"
