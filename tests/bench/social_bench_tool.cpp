// framecast-social-bench: the two measurements of issue #6's benchmark, against a running framecastd.
//
//   framecast-social-bench fanout --server http://127.0.0.1:PORT --tokens T1,T2,... --video ID
//                                 [--subscribers 1000] [--comments 40] [--threads 2]
//     Opens N WebSocket clients (spread over --threads event loops) that follow video:<id>:comments, then
//     posts comments one at a time; for each, the time from just before the POST is written to each
//     subscriber's receipt of its comment_created frame. Prints JSON: per-delivery p50/p99/max and the
//     per-comment time until the last subscriber had it.
//   framecast-social-bench list --server URL --video ID [--token TOKEN] [--requests 2000] [--pages 50]
//     GETs pages of 20 comments: the first page of each sort, and pages further down reached with the cursors
//     (cycling through the first --pages pages of each sort), sequentially over one keep-alive connection;
//     and the same number of GET /api/v1/videos/<id> as the reference. Prints JSON: p50/p99 of both.
// Client-side time is in these numbers (JSON parsing of 1,000 frames per comment happens on --threads
// threads).
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start, Clock::time_point end) {
    return std::chrono::duration<double, std::milli>(end - start).count();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index =
        std::min(values.size() - 1, static_cast<size_t>(p * double(values.size() - 1) + 0.5));
    return values[index];
}

QString option(const QStringList& args, const QString& name, const QString& fallback = {}) {
    const int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args[at + 1] : fallback;
}

// Receipts of comment_created frames, by comment text (the tool's own marker), from every subscriber thread.
struct Receipts {
    std::mutex mutex;
    std::map<QString, std::vector<Clock::time_point>> by_text;
    std::atomic<int> subscribed{0};
    std::atomic<int> failed{0};
};

// The subscribers of one thread: plain QWebSockets living in that thread's event loop.
class SubscriberGroup : public QObject {
public:
    SubscriberGroup(QUrl url, QString topic, int count, Receipts& receipts)
        : m_url(std::move(url)), m_topic(std::move(topic)), m_count(count), m_receipts(receipts) {}

    void start() { // runs in the group's thread
        for (int i = 0; i < m_count; ++i) {
            auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
            QObject::connect(socket, &QWebSocket::connected, socket, [this, socket] {
                socket->sendTextMessage(QJsonDocument(QJsonObject{{"type", "subscribe"}, {"topic", m_topic}})
                                            .toJson(QJsonDocument::Compact));
            });
            QObject::connect(socket, &QWebSocket::textMessageReceived, socket, [this](const QString& text) {
                const auto received = Clock::now();
                const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
                const QString type = frame.value("type").toString();
                if (type == "subscribed")
                    ++m_receipts.subscribed;
                else if (type == "error")
                    ++m_receipts.failed;
                else if (type == "comment_created") {
                    const QString body =
                        frame.value("data").toObject().value("comment").toObject().value("text").toString();
                    std::lock_guard lock(m_receipts.mutex);
                    m_receipts.by_text[body].push_back(received);
                }
            });
            QObject::connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), socket,
                             [this](QAbstractSocket::SocketError) { ++m_receipts.failed; });
            socket->open(m_url);
        }
    }

private:
    QUrl m_url;
    QString m_topic;
    int m_count = 0;
    Receipts& m_receipts;
};

// One blocking HTTP request on this thread's manager; the status and body.
std::pair<int, QByteArray> request(QNetworkAccessManager& manager, const QByteArray& method, const QUrl& url,
                                   const QString& token, const QByteArray& body = {}) {
    QNetworkRequest req(url);
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply* reply = manager.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    reply->deleteLater();
    return {status, data};
}

void waitUntil(const std::function<bool()>& done, int timeout_ms) {
    const auto start = Clock::now();
    while (!done() && msSince(start, Clock::now()) < timeout_ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

int fanout(const QStringList& args) {
    const QString server = option(args, "--server");
    // Posted by these users in turn (comma-separated access tokens), so no one user trips the spam filter's
    // rate rule.
    const QStringList tokens =
        option(args, "--tokens", option(args, "--token")).split(',', Qt::SkipEmptyParts);
    const QString video = option(args, "--video");
    const int subscribers = option(args, "--subscribers", "1000").toInt();
    const int comments = option(args, "--comments", "40").toInt();
    const int threads = std::max(1, option(args, "--threads", "2").toInt());
    if (tokens.isEmpty()) {
        std::fprintf(stderr, "fanout needs --tokens\n");
        return 64;
    }
    QUrl ws_url(server + "/api/v1/ws");
    ws_url.setScheme(ws_url.scheme() == "https" ? "wss" : "ws");

    Receipts receipts;
    std::vector<std::unique_ptr<QThread>> workers;
    std::vector<SubscriberGroup*> groups;
    for (int t = 0; t < threads; ++t) {
        const int count = subscribers / threads + (t < subscribers % threads ? 1 : 0);
        auto thread = std::make_unique<QThread>();
        auto* group = new SubscriberGroup(ws_url, "video:" + video + ":comments", count, receipts);
        group->moveToThread(thread.get());
        QObject::connect(thread.get(), &QThread::finished, group, &QObject::deleteLater);
        thread->start();
        QMetaObject::invokeMethod(group, [group] { group->start(); });
        groups.push_back(group);
        workers.push_back(std::move(thread));
    }
    waitUntil([&] { return receipts.subscribed + receipts.failed >= subscribers; }, 60000);
    if (receipts.subscribed < subscribers) {
        std::fprintf(stderr, "only %d of %d subscribers subscribed (%d failed)\n", receipts.subscribed.load(),
                     subscribers, receipts.failed.load());
        return 1;
    }

    QNetworkAccessManager manager;
    const QUrl post_url(server + "/api/v1/videos/" + video + "/comments");
    std::vector<double> deliveries_ms;
    std::vector<double> last_ms;
    int incomplete = 0;
    for (int c = 0; c < comments; ++c) {
        const QString text = QString("fan-out benchmark comment %1 of %2").arg(c + 1).arg(comments);
        const QByteArray body = QJsonDocument(QJsonObject{{"text", text}}).toJson(QJsonDocument::Compact);
        const auto sent = Clock::now();
        const auto [status, reply] = request(manager, "POST", post_url, tokens[c % tokens.size()], body);
        if (status != 201) {
            std::fprintf(stderr, "POST comment: HTTP %d %s\n", status, reply.constData());
            return 1;
        }
        const auto delivered = [&] {
            std::lock_guard lock(receipts.mutex);
            return receipts.by_text[text].size() >= size_t(subscribers);
        };
        waitUntil(delivered, 10000);
        std::lock_guard lock(receipts.mutex);
        const auto& times = receipts.by_text[text];
        if (times.size() < size_t(subscribers))
            ++incomplete;
        double last = 0;
        for (const auto& at : times) {
            deliveries_ms.push_back(msSince(sent, at));
            last = std::max(last, msSince(sent, at));
        }
        last_ms.push_back(last);
    }
    for (auto& worker : workers) {
        worker->quit();
        worker->wait();
    }
    std::printf("{\"subscribers\": %d, \"comments\": %d, \"deliveries\": %zu, \"incomplete_comments\": %d, "
                "\"delivery_p50_ms\": %.2f, \"delivery_p99_ms\": %.2f, \"delivery_max_ms\": %.2f, "
                "\"last_subscriber_p50_ms\": %.2f, \"last_subscriber_p99_ms\": %.2f}\n",
                subscribers, comments, deliveries_ms.size(), incomplete, percentile(deliveries_ms, 0.5),
                percentile(deliveries_ms, 0.99), percentile(deliveries_ms, 1.0), percentile(last_ms, 0.5),
                percentile(last_ms, 0.99));
    return incomplete == 0 ? 0 : 2;
}

int list(const QStringList& args) {
    const QString server = option(args, "--server");
    const QString token = option(args, "--token");
    const QString video = option(args, "--video");
    const int requests = option(args, "--requests", "2000").toInt();
    const int pages = std::max(1, option(args, "--pages", "50").toInt());
    QNetworkAccessManager manager;
    const QString base = server + "/api/v1/videos/" + video;

    // The cursors of the first `pages` pages of each sort, so the timed loop can ask for deep pages too.
    std::vector<QUrl> urls;
    std::vector<size_t> first_pages;
    for (const QString sort : {"top", "newest", "oldest"}) {
        QString cursor;
        first_pages.push_back(urls.size());
        for (int p = 0; p < pages; ++p) {
            QUrl url(base + "/comments?limit=20&sort=" + sort +
                     (cursor.isEmpty() ? QString() : "&cursor=" + cursor));
            urls.push_back(url);
            const auto [status, body] = request(manager, "GET", url, token);
            if (status != 200) {
                std::fprintf(stderr, "GET %s: HTTP %d %s\n", qPrintable(url.toString()), status,
                             body.constData());
                return 1;
            }
            cursor = QJsonDocument::fromJson(body).object().value("next_cursor").toString();
            if (cursor.isEmpty())
                break;
        }
    }
    std::vector<double> comments_ms;
    std::vector<double> reference_ms;
    size_t items = 0;
    for (int i = 0; i < requests; ++i) {
        // The first page of a sort every other request (what most viewers load), a deeper page otherwise.
        const QUrl& url =
            urls[i % 2 == 0 ? first_pages[size_t(i / 2) % first_pages.size()] : size_t(i) % urls.size()];
        auto start = Clock::now();
        const auto [status, body] = request(manager, "GET", url, token);
        comments_ms.push_back(msSince(start, Clock::now()));
        if (status != 200)
            return 1;
        items += size_t(QJsonDocument::fromJson(body).object().value("items").toArray().size());
        start = Clock::now();
        const auto [ref_status, ref_body] = request(manager, "GET", QUrl(base), token);
        reference_ms.push_back(msSince(start, Clock::now()));
        if (ref_status != 200)
            return 1;
    }
    std::printf(
        "{\"requests\": %d, \"mean_items\": %.1f, \"comments_p50_ms\": %.3f, \"comments_p99_ms\": %.3f, "
        "\"video_p50_ms\": %.3f, \"video_p99_ms\": %.3f}\n",
        requests, double(items) / requests, percentile(comments_ms, 0.5), percentile(comments_ms, 0.99),
        percentile(reference_ms, 0.5), percentile(reference_ms, 0.99));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 2 && args[1] == "fanout")
        return fanout(args);
    if (args.size() >= 2 && args[1] == "list")
        return list(args);
    std::fprintf(stderr,
                 "usage: framecast-social-bench fanout|list --server URL --video ID [--token T] ...\n");
    return 64;
}
