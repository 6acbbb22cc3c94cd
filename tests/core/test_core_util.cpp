#include <QtTest>

#include <set>

#include "core/util/base64.h"
#include "core/util/hashing.h"
#include "core/util/ids.h"
#include "core/util/time.h"

class TestCoreUtil : public QObject {
    Q_OBJECT
private slots:
    void base64RoundTripsEveryLength() {
        std::string bytes;
        for (int length = 0; length < 70; ++length) {
            for (auto alphabet : {fc::Base64Alphabet::Standard, fc::Base64Alphabet::Url})
                for (auto padding : {fc::Base64Padding::With, fc::Base64Padding::Without}) {
                    const auto decoded = fc::base64Decode(fc::base64Encode(bytes, alphabet, padding));
                    QVERIFY(decoded.has_value());
                    QCOMPARE(*decoded, bytes);
                }
            bytes += static_cast<char>(length * 37 + 11);
        }
    }
    void base64KnownVectors() {
        QCOMPARE(fc::base64Encode("foobar"), std::string("Zm9vYmFy"));
        QCOMPARE(fc::base64Encode("fo"), std::string("Zm8="));
        QCOMPARE(*fc::base64Decode("d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg=="),
                 std::string("world_domination_plan.pdf"));
        QVERIFY(!fc::base64Decode("not base64!").has_value());
    }
    void idsAreElevenUrlSafeCharactersAndDistinct() {
        std::set<std::string> seen;
        for (int i = 0; i < 1000; ++i) {
            const std::string id = fc::newId();
            QVERIFY(fc::isValidId(id));
            seen.insert(id);
        }
        QCOMPARE(seen.size(), size_t(1000));
        QVERIFY(!fc::isValidId("short"));
        QVERIFY(!fc::isValidId("has/slash00"));
        QCOMPARE(fc::newSecretToken().size(), size_t(43));
    }
    void digestsMatchKnownVectors() {
        QCOMPARE(fc::sha256Hex("abc"),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(fc::toHex(fc::digestRaw(fc::DigestAlgorithm::Sha1, "abc")),
                 std::string("a9993e364706816aba3e25717850c26c9cd0d89d"));
        fc::Digest streamed(fc::DigestAlgorithm::Sha256);
        streamed.update("a");
        streamed.update("bc");
        QCOMPARE(fc::toHex(streamed.finishRaw()), fc::sha256Hex("abc"));
        // RFC 4231 test case 2
        QCOMPARE(fc::toHex(fc::hmacSha256Raw("Jefe", "what do ya want for nothing?")),
                 std::string("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        QVERIFY(fc::constantTimeEquals("same", "same"));
        QVERIFY(!fc::constantTimeEquals("same", "diff"));
    }
    void timeFormatsRoundTrip() {
        const int64_t ms = 1763780400123; // 2025-11-22T03:00:00.123Z
        QCOMPARE(fc::toRfc3339(ms), std::string("2025-11-22T03:00:00.123Z"));
        QCOMPARE(*fc::parseRfc3339(fc::toRfc3339(ms)), ms);
        QCOMPARE(fc::toHttpDate(ms), std::string("Sat, 22 Nov 2025 03:00:00 GMT"));
    }
};

QTEST_GUILESS_MAIN(TestCoreUtil)
#include "test_core_util.moc"
