// The delivery building blocks without a server: Range header parsing against a size, signed playback tokens
// (round trip, tampering, expiry), the EXT-X-KEY insertion and segment sequence numbers.
#include <fcntl.h>
#include <unistd.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "server/api/hls_encryption.h"
#include "server/auth/url_signer.h"
#include "server/http/file_response.h"
#include "server/http/mapped_file.h"

using namespace fc::server;

class TestDeliveryUnit : public QObject {
    Q_OBJECT

    static RangeRequest::Kind kind(const char* header, uint64_t size) {
        return parseRangeHeader(std::string_view(header), size).kind;
    }

private slots:
    void rangeHeaders() {
        using Kind = RangeRequest::Kind;
        QCOMPARE(parseRangeHeader(std::nullopt, 100).kind, Kind::Whole);
        const auto middle = parseRangeHeader("bytes=10-19", 100);
        QCOMPARE(middle.kind, Kind::Partial);
        QCOMPARE(middle.range.offset, uint64_t{10});
        QCOMPARE(middle.range.length, uint64_t{10});
        QCOMPARE(parseRangeHeader("bytes=90-500", 100).range.length, uint64_t{10}); // clamped to the end
        QCOMPARE(parseRangeHeader("bytes=-30", 100).range.offset, uint64_t{70});
        QCOMPARE(parseRangeHeader("bytes=-300", 100).range.length, uint64_t{100}); // more than the file: all
        QCOMPARE(parseRangeHeader("bytes=99-", 100).range.length, uint64_t{1});
        QCOMPARE(kind("bytes=100-", 100), Kind::Unsatisfiable);
        QCOMPARE(kind("bytes=-0", 100), Kind::Unsatisfiable);
        QCOMPARE(kind("bytes=0-", 0), Kind::Unsatisfiable);
        QCOMPARE(kind("bytes=20-10", 100), Kind::Whole); // invalid: ignored
        QCOMPARE(kind("bytes=a-b", 100), Kind::Whole);
        QCOMPARE(kind("bytes=0-1,5-6", 100), Kind::Whole); // multi-range: the whole body
        QCOMPARE(kind("items=0-1", 100), Kind::Whole);
        QCOMPARE(kind("bytes=", 100), Kind::Whole);
    }

    void playbackTokens() {
        const std::string secret = "0123456789abcdef-secret";
        const auth::PlaybackGrant grant{2000, std::string("userId00001")};
        const std::string token = auth::signPlaybackToken(secret, "videoId0001", grant);
        QVERIFY(token.rfind("2000.userId00001.", 0) == 0);
        auto verified = auth::verifyPlaybackToken(secret, "videoId0001", token, 1999);
        QVERIFY(verified);
        QCOMPARE(verified->viewer_id.value_or(""), std::string("userId00001"));
        QCOMPARE(auth::verifyPlaybackToken(secret, "videoId0001", token, 2000).error().code,
                 std::string("url_expired"));
        QCOMPARE(auth::verifyPlaybackToken(secret, "videoId0002", token, 1).error().code,
                 std::string("invalid_signature"));
        QCOMPARE(auth::verifyPlaybackToken("another-secret-0123", "videoId0001", token, 1).error().code,
                 std::string("invalid_signature"));
        std::string otherViewer = token;
        otherViewer.replace(5, 11, "userId00002");
        QCOMPARE(auth::verifyPlaybackToken(secret, "videoId0001", otherViewer, 1).error().code,
                 std::string("invalid_signature"));
        for (const char* bad : {"", ".", "..", "x.y.z", "2000..sig", "2000.-"})
            QVERIFY(!auth::verifyPlaybackToken(secret, "videoId0001", bad, 1));
        const std::string anonymous = auth::signPlaybackToken(secret, "videoId0001", {3000, std::nullopt});
        auto anon = auth::verifyPlaybackToken(secret, "videoId0001", anonymous, 1);
        QVERIFY(anon && !anon->viewer_id);
    }

    void keyTagAndSequenceNumbers() {
        const std::string withMap = "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.0,\nseg_00001.m4s\n";
        QCOMPARE(
            api::addHlsKeyTag(withMap, "../hls.key"),
            std::string("#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXT-X-KEY:METHOD=AES-128,URI=\"../hls.key\"\n"
                        "#EXTINF:4.0,\nseg_00001.m4s\n"));
        const std::string noMap = "#EXTM3U\n#EXTINF:4.0,\nseg_00001.m4s\n";
        QCOMPARE(api::addHlsKeyTag(noMap, "k"),
                 std::string("#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI=\"k\"\n#EXTINF:4.0,\nseg_00001.m4s\n"));
        QCOMPARE(api::segmentSequenceNumber("seg_00042.m4s").value_or(0), uint64_t{42});
        QVERIFY(!api::segmentSequenceNumber("seg_.m4s"));
        QVERIFY(!api::segmentSequenceNumber("init.mp4"));
        QVERIFY(!api::segmentSequenceNumber("seg_0001x.m4s"));
        QCOMPARE(api::hlsKeyFromHex("000102030405060708090a0b0c0d0e0f").value_or("").size(), size_t{16});
        QVERIFY(!api::hlsKeyFromHex("zz0102030405060708090a0b0c0d0e0f"));
        // 16 bytes of input encrypt to 32 (a whole block of PKCS#7 padding).
        auto cipher = api::encryptHlsSegment(std::string(16, 'a'), std::string(16, 'k'), 1);
        QVERIFY(cipher);
        QCOMPARE(cipher->size(), size_t{32});
        QVERIFY(!api::encryptHlsSegment("x", "short", 1));
    }

    void aFileResponseReadsItsRangeIntoMemoryFirst() {
        // The handler (on a worker) faults the range in, so the network thread sending it from the mapping
        // never waits on the disk. A fresh file is dropped from the page cache first (clean pages go).
        QTemporaryDir dir;
        const QString path = dir.filePath("segment.m4s");
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.write(QByteArray(4 << 20, 's')) == (4 << 20));
            QVERIFY(file.flush());
            QCOMPARE(::fsync(file.handle()), 0);
            QCOMPARE(::posix_fadvise(file.handle(), 0, 0, POSIX_FADV_DONTNEED), 0);
        }
        auto mapped = MappedFile::open(path.toStdString());
        QVERIFY(mapped);
        const uint64_t offset = 1 << 20, length = 2 << 20;
        if ((*mapped)->residentShare(offset, length) > 0.5)
            QSKIP("the kernel kept the pages cached; nothing to observe here");
        HttpRequest request;
        request.method = Method::Get;
        request.headers.add("Range", "bytes=1048576-3145727");
        const HttpResponse response = fileResponse(request, *mapped, FileAnswer{});
        QCOMPARE(response.status, 206);
        // Its first MiB at once; the rest is read ahead asynchronously.
        QCOMPARE((*mapped)->residentShare(offset, MappedFile::kPrefaultTouchBytes), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestDeliveryUnit)
#include "test_delivery_unit.moc"
