// TusClient against a server that accepts the connection and never answers (a listening socket nobody
// serves): creation and the offset query give up as soon as their cancel flag is set, with "cancelled",
// rather than after the 30 s request timeout. That is what lets the app close at once while an upload is
// being created on a hung server.
#include <QTcpServer>
#include <QtTest>

#include <atomic>
#include <future>

#include "core/transfer/tus_client.h"

using fc::transfer::TusClient;

class TestTusCancel : public QObject {
    Q_OBJECT
    QTcpServer m_silent; // accepts (the kernel's backlog) but never reads or writes

    std::string url(const char* path) const {
        return "http://127.0.0.1:" + std::to_string(m_silent.serverPort()) + path;
    }

    // Runs `call` on another thread, sets the flag once it has been waiting a while, and returns its error
    // code; "still running" if it did not return within 10 s of the flag (the request timeout is 30 s).
    template <class Call> std::string cancelWhileWaiting(Call call, std::atomic<bool>& cancel) {
        auto result = std::async(std::launch::async, call);
        if (result.wait_for(std::chrono::milliseconds(500)) != std::future_status::timeout)
            return "returned before the cancel: " + result.get();
        cancel = true;
        if (result.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
            result.wait();
            return "still running";
        }
        return result.get();
    }

private slots:
    void initTestCase() { QVERIFY(m_silent.listen(QHostAddress::LocalHost)); }

    void creationStopsWhenCancelled() {
        std::atomic<bool> cancel{false};
        const std::string code = cancelWhileWaiting(
            [&] {
                TusClient tus("token");
                auto created = tus.create(url("/api/v1/uploads"), 1000, {{"filename", "a.mp4"}}, &cancel);
                return created ? std::string("created") : created.error().code;
            },
            cancel);
        QCOMPARE(code, std::string("cancelled"));
    }

    void offsetQueryAndResumeStopWhenCancelled() {
        std::atomic<bool> cancel{false};
        const std::string code = cancelWhileWaiting(
            [&] {
                TusClient tus("token");
                fc::transfer::TusUploadOptions options;
                options.cancel = &cancel;
                // resume asks for the offset first: that HEAD is what hangs here.
                auto sent = tus.resume(url("/api/v1/uploads/abc"), "/dev/null", options);
                return sent ? std::string("sent") : sent.error().code;
            },
            cancel);
        QCOMPARE(code, std::string("cancelled"));
    }
};

QTEST_MAIN(TestTusCancel)
#include "test_tus_cancel.moc"
