// The comment filter's text rules on plain strings (server/moderation/comment_filter.h): profanity as whole
// words with case and leetspeak folded, links and bare domains, repetition, and the order of the verdicts.
#include <QtTest>

#include "server/moderation/comment_filter.h"

using namespace fc::server::moderation;

class TestCommentFilterUnit : public QObject {
    Q_OBJECT
private slots:
    void foldsCaseAndLeetspeak() {
        QCOMPARE(foldForMatching("Sh1T 4$$ @55 3v0"), std::string("shit ass ass evo"));
        QCOMPARE(foldForMatching("Ünïcode stays"), std::string("Ünïcode stays")); // only ASCII is folded
    }

    void profanity_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("profane");
        QTest::newRow("word") << "this is shit" << true;
        QTest::newRow("upper case") << "THIS IS SHIT" << true;
        QTest::newRow("digits") << "sh1t happens" << true;
        QTest::newRow("symbols") << "you @$$hole" << true;
        QTest::newRow("mixed") << "F0CK? no: fuck!" << true;
        QTest::newRow("prefix entry") << "fucking hell" << true;
        QTest::newRow("punctuation around") << "(bitch)" << true;
        QTest::newRow("inside a word") << "a classic class assignment" << false;
        QTest::newRow("scunthorpe") << "Scunthorpe United" << false;
        QTest::newRow("cockpit") << "the cockpit view" << false;
        QTest::newRow("assume") << "I assume it passes" << false;
        QTest::newRow("clean numbers") << "3:40 and 1080p at 60 fps" << false;
        QTest::newRow("empty") << "" << false;
    }
    void profanity() {
        QFETCH(QString, text);
        QFETCH(bool, profane);
        QCOMPARE(containsProfanity(text.toStdString()), profane);
    }

    void links_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("link");
        QTest::newRow("https") << "see https://example.org/x" << true;
        QTest::newRow("scheme only") << "ftp://files" << true;
        QTest::newRow("www") << "www.example" << true;
        QTest::newRow("bare domain") << "go to example.com now" << true;
        QTest::newRow("upper case") << "VISIT EXAMPLE.COM" << true;
        QTest::newRow("with path") << "cheap-deals.xyz/buy?id=3" << true;
        QTest::newRow("subdomain and port") << "a.b.example.co.uk:8080" << true;
        QTest::newRow("end of sentence") << "my site is example.net." << true;
        QTest::newRow("in brackets") << "(youtu.be/abc)" << true;
        QTest::newRow("e-mail") << "write to me@example.com" << true;
        QTest::newRow("no space after stop") << "It ended.Then it began" << false;
        QTest::newRow("abbreviation") << "e.g. this, i.e. that" << false;
        QTest::newRow("ellipsis") << "wait...what" << false;
        QTest::newRow("decimal") << "version 2.0 at 1.5x" << false;
        QTest::newRow("word tld") << "just do.it" << false;
        QTest::newRow("plain") << "no links here" << false;
    }
    void links() {
        QFETCH(QString, text);
        QFETCH(bool, link);
        QCOMPARE(containsLink(text.toStdString()), link);
    }

    void repetition_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("repetitive");
        QTest::newRow("one character") << "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" << true;
        QTest::newRow("mostly one character") << "!!!!!!!!!!!!!!!!!!!!!!!!!!!! ok" << true;
        QTest::newRow("one word") << "spam spam spam spam spam spam spam great" << true;
        QTest::newRow("one phrase") << "buy now buy now buy now buy now" << true;
        QTest::newRow("laughing") << "hahahahahahahahahahahaha" << true;
        QTest::newRow("upper and lower") << "LOL lol LOL lol LOL lol LOL lol" << true;
        QTest::newRow("multibyte") << "🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥" << true;
        QTest::newRow("short laugh") << "hahaha" << false;
        QTest::newRow("some emphasis") << "so so good, really really good" << false;
        QTest::newRow("sentence") << "The lighting in the second half is beautiful." << false;
        QTest::newRow("long text")
            << "Every frame of this could be a painting; the colour grading alone is worth it." << false;
    }
    void repetition() {
        QFETCH(QString, text);
        QFETCH(bool, repetitive);
        QCOMPARE(isRepetitive(text.toStdString()), repetitive);
    }

    void verdictOrderAndLinkPolicy() {
        QCOMPARE(checkCommentText("shit at example.com", LinkPolicy::Hold),
                 std::optional(HoldReason::Profanity));
        QCOMPARE(checkCommentText("see example.com", LinkPolicy::Hold), std::optional(HoldReason::Link));
        QCOMPARE(checkCommentText("see example.com", LinkPolicy::Allow), std::optional<HoldReason>());
        QCOMPARE(checkCommentText("example.com example.com example.com example.com", LinkPolicy::Allow),
                 std::optional(HoldReason::Repetition));
        QCOMPARE(checkCommentText("Lovely shot at 0:42.", LinkPolicy::Hold), std::optional<HoldReason>());
        QCOMPARE(holdReasonName(HoldReason::ReviewAll), std::string_view("review_all"));
        QCOMPARE(holdReasonName(HoldReason::Reported), std::string_view("reported"));
    }
};

QTEST_APPLESS_MAIN(TestCommentFilterUnit)
#include "test_comment_filter_unit.moc"
