// ui/social's pure parts: share links (http and framecast:// forms, t in seconds or 1m23s, what is not a
// link), ages and counts as the panel shows them, error sentences (rate limits with their seconds), the
// notification line, and the comment object read and merged as the model keeps it.
#include <QJsonDocument>
#include <QtTest>

#include "ui/social/comment_row.h"
#include "ui/social/share_link.h"
#include "ui/social/social_text.h"

using namespace fc::ui;

namespace {

QJsonObject json(const char* text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class TestSocialText : public QObject {
    Q_OBJECT
private slots:
    void parsesShareLinks_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("videoId");
        QTest::addColumn<double>("start");
        QTest::newRow("server link") << "http://127.0.0.1:8080/watch/JO9-w2wDEP0?t=83" << true
                                     << "JO9-w2wDEP0" << 83.0;
        QTest::newRow("https, no t") << "https://videos.example.org/watch/JO9-w2wDEP0" << true
                                     << "JO9-w2wDEP0" << 0.0;
        QTest::newRow("spaces around")
            << "  http://host/watch/abc_DEF-123?t=5  " << true << "abc_DEF-123" << 5.0;
        QTest::newRow("trailing slash")
            << "http://host/watch/abc_DEF-123/?t=7" << true << "abc_DEF-123" << 7.0;
        QTest::newRow("app scheme") << "framecast://watch/JO9-w2wDEP0?t=12" << true << "JO9-w2wDEP0" << 12.0;
        QTest::newRow("t with s") << "http://host/watch/JO9-w2wDEP0?t=90s" << true << "JO9-w2wDEP0" << 90.0;
        QTest::newRow("t as 1m23s") << "http://host/watch/JO9-w2wDEP0?t=1m23s" << true << "JO9-w2wDEP0"
                                    << 83.0;
        QTest::newRow("t as 1h2m3s") << "http://host/watch/JO9-w2wDEP0?t=1h2m3s" << true << "JO9-w2wDEP0"
                                     << 3723.0;
        QTest::newRow("other params")
            << "http://host/watch/JO9-w2wDEP0?list=x&t=4" << true << "JO9-w2wDEP0" << 4.0;
        QTest::newRow("malformed t plays from 0")
            << "http://host/watch/JO9-w2wDEP0?t=soon" << true << "JO9-w2wDEP0" << 0.0;
        QTest::newRow("negative t plays from 0")
            << "http://host/watch/JO9-w2wDEP0?t=-5" << true << "JO9-w2wDEP0" << 0.0;
        QTest::newRow("a search") << "bunny videos" << false << "" << 0.0;
        QTest::newRow("empty") << "" << false << "" << 0.0;
        QTest::newRow("short id") << "http://host/watch/abc?t=3" << false << "" << 0.0;
        QTest::newRow("long id") << "http://host/watch/JO9-w2wDEP0x" << false << "" << 0.0;
        QTest::newRow("bad id chars") << "http://host/watch/JO9+w2wDEP0" << false << "" << 0.0;
        QTest::newRow("another path") << "http://host/videos/JO9-w2wDEP0" << false << "" << 0.0;
        QTest::newRow("deeper path") << "http://host/watch/JO9-w2wDEP0/more" << false << "" << 0.0;
        QTest::newRow("api path") << "http://host/api/v1/videos/JO9-w2wDEP0" << false << "" << 0.0;
        QTest::newRow("other scheme") << "ftp://host/watch/JO9-w2wDEP0" << false << "" << 0.0;
        QTest::newRow("app scheme, wrong host") << "framecast://play/JO9-w2wDEP0" << false << "" << 0.0;
        QTest::newRow("no host") << "http:///watch/JO9-w2wDEP0" << false << "" << 0.0;
    }
    void parsesShareLinks() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, videoId);
        QFETCH(double, start);
        const auto link = parseShareLink(text);
        QCOMPARE(link.has_value(), valid);
        if (link) {
            QCOMPARE(link->video_id, videoId);
            QCOMPARE(link->start_s, start);
        }
    }

    void parsesStartTimes() {
        QCOMPARE(parseStartTime("0"), std::optional<double>(0));
        QCOMPARE(parseStartTime("83"), std::optional<double>(83));
        QCOMPARE(parseStartTime("4m"), std::optional<double>(240));
        QCOMPARE(parseStartTime("2H"), std::optional<double>(7200));
        QVERIFY(!parseStartTime(""));
        QVERIFY(!parseStartTime("1.5"));
        QVERIFY(!parseStartTime("m"));
        QVERIFY(!parseStartTime("3s4m"));
    }

    void saysCounts() {
        QCOMPARE(compactCount(0), QString("0"));
        QCOMPARE(compactCount(999), QString("999"));
        QCOMPARE(compactCount(1000), QString("1K"));
        QCOMPARE(compactCount(1234), QString("1.2K"));
        QCOMPARE(compactCount(1999), QString("1.9K")); // never rounds up past what was counted
        QCOMPARE(compactCount(15300), QString("15K"));
        QCOMPARE(compactCount(2500000), QString("2.5M"));
        QCOMPARE(compactCount(-3), QString("0"));
    }

    void saysErrors() {
        QCOMPARE(retryAfterSeconds("too many requests; try again in 20 s"), 20);
        QCOMPARE(retryAfterSeconds("try again in 7s"), 7);
        QCOMPARE(retryAfterSeconds("slow down"), 0);
        QCOMPARE(describeSocialError({429, "rate_limited", "too many requests; try again in 20 s"}),
                 QString("You're posting too fast — try again in 20 s."));
        QCOMPARE(describeSocialError({429, "rate_limited", "too many requests"}),
                 QString("You're posting too fast — try again in a moment."));
        QCOMPARE(describeSocialError({403, "comments_disabled", "comments are off"}),
                 QString("Comments are turned off."));
        QVERIFY(describeSocialError({403, "blocked_from_channel", "x"}).contains("blocked"));
        QCOMPARE(describeSocialError({400, "invalid_request", "text must be 1-10000 characters"}),
                 QString("text must be 1-10000 characters"));
        QCOMPARE(describeSocialError({0, "server_unreachable", "Could not reach the server."}),
                 QString("Could not reach the server."));
    }

    void saysNotifications() {
        QCOMPARE(notificationSummary(json(R"({"kind":"video_comment","actor":{"id":"u","username":"ada",
            "display_name":"Ada"},"video":{"id":"v","title":"Bunny"},"text":"nice\nvideo"})")),
                 QString("Ada commented on “Bunny”: nice video"));
        QCOMPARE(notificationSummary(json(R"({"kind":"comment_reply","actor":{"id":"u","username":"bob",
            "display_name":""},"video":{"id":"v","title":"Bunny"},"text":"@ada thanks"})")),
                 QString("bob replied to your comment: @ada thanks"));
        QCOMPARE(notificationSummary(json(R"({"kind":"new_video","actor":{"id":"u","username":"ada",
            "display_name":"Ada"},"video":{"id":"v","title":"Part 2"},"text":"Part 2"})")),
                 QString("Ada uploaded “Part 2”"));
        QCOMPARE(notificationSummary(json(R"({"kind":"video_processed","actor":null,
            "video":{"id":"v","title":"Bunny"},"status":"failed","text":"Bunny"})")),
                 QString("“Bunny” could not be processed"));
        QCOMPARE(notificationSummary(json(R"({"kind":"video_processed","actor":null,
            "video":{"id":"v","title":"Bunny"},"status":"ready","text":"Bunny"})")),
                 QString("“Bunny” is ready to watch"));
    }

    void readsAndMergesComments() {
        const CommentRow reply = commentRowFromJson(json(R"({"id":"c2","video_id":"v","thread_id":"c1",
            "parent_id":"c3","reply_to":{"id":"u2","username":"bob"},"author":{"id":"u1","username":"ada",
            "display_name":"","avatar_url":null},"text":"@bob yes","deleted":false,"edited":true,
            "edited_at":"2025-03-11T09:25:00Z","status":"held","held_reason":null,"like_count":3,
            "dislike_count":1,"reply_count":0,"my_reaction":"like","pinned":false,"hearted":true,
            "created_at":"2025-03-11T09:24:51.318Z"})"));
        QVERIFY(reply.isReply());
        QCOMPARE(reply.threadKey(), QString("c1"));
        QCOMPARE(reply.reply_to_username, QString("bob"));
        QCOMPARE(reply.authorName(), QString("ada")); // no display name: the username
        QCOMPARE(reply.status, QString("held"));
        QCOMPARE(reply.like_count, 3);
        QCOMPARE(reply.my_reaction, QString("like"));
        QVERIFY(reply.edited && reply.hearted && !reply.pinned);
        QCOMPARE(reply.created_at, QDateTime::fromString("2025-03-11T09:24:51.318Z", Qt::ISODateWithMs));

        CommentRow top = commentRowFromJson(json(R"({"id":"c1","thread_id":null,"text":"first",
            "my_reaction":"dislike","reply_count":2,"author":{"id":"u2","username":"bob","display_name":"Bob"}})"));
        QVERIFY(!top.isReply());
        QCOMPARE(top.threadKey(), QString("c1"));
        top.replies_shown = true;
        top.replies_cursor = "next";
        // An event (my_reaction always null there) keeps the user's reaction and the list state.
        mergeCommentRow(top, commentRowFromJson(json(R"({"id":"c1","text":"first!","edited":true,
            "reply_count":3,"my_reaction":null})")),
                        false);
        QCOMPARE(top.text, QString("first!"));
        QCOMPARE(top.reply_count, 3);
        QCOMPARE(top.my_reaction, QString("dislike"));
        QVERIFY(top.replies_shown);
        QCOMPARE(top.replies_cursor, QString("next"));
        // The answer to the user's own write says what their reaction is now.
        mergeCommentRow(top, commentRowFromJson(json(R"({"id":"c1","text":"first!","my_reaction":null})")),
                        true);
        QCOMPARE(top.my_reaction, QString());
    }
};

QTEST_APPLESS_MAIN(TestSocialText)
#include "test_social_text.moc"
