// core/streaming/storyboard_vtt: the seek bar's storyboard index. Hand-written cues (both timestamp forms,
// identifiers, NOTE blocks, relative and absolute sheets), malformed input refused, and the index the
// processing pipeline itself writes (media::StillsCollector) read back tile by tile.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

extern "C" {
#include <libavutil/frame.h>
}

#include <cstring>

#include "core/media/av_handles.h"
#include "core/media/stills.h"
#include "core/streaming/storyboard_vtt.h"

using namespace fc;
using namespace fc::streaming;

class TestStoryboardVtt : public QObject {
    Q_OBJECT
private slots:
    void parsesCuesAndResolvesSheets() {
        const std::string text =
            "WEBVTT\n\n"
            "NOTE written by hand\n\n"
            "1\n00:00:00.000 --> 00:00:02.000\nsheet_001.jpg#xywh=0,0,160,90\n\n"
            "00:02.000 --> 00:04.000 align:start\r\nsheet_001.jpg#xywh=160,0,160,90\r\n\n"
            "01:00:04.000 --> 01:00:06.500\nhttp://cdn/x/sheet_002.jpg#xywh=pixel:0,90,160,90\n";
        const std::string base =
            "http://127.0.0.1:9/api/v1/videos/abc/s/1.u.sig/files/storyboard/storyboard.vtt";
        auto index = parseStoryboardVtt(text, base);
        QVERIFY2(index.ok(), index.ok() ? "" : index.error().message.c_str());
        QCOMPARE(index->tiles.size(), size_t(3));
        const StoryboardTile& second = index->tiles[1];
        QCOMPARE(second.start_s, 2.0);
        QCOMPARE(second.end_s, 4.0);
        QCOMPARE(
            second.image_uri,
            std::string("http://127.0.0.1:9/api/v1/videos/abc/s/1.u.sig/files/storyboard/sheet_001.jpg"));
        QCOMPARE(second.x, 160);
        QCOMPARE(second.y, 0);
        QCOMPARE(second.width, 160);
        QCOMPARE(second.height, 90);
        QCOMPARE(index->tiles[2].start_s, 3604.0);
        QCOMPARE(index->tiles[2].end_s, 3606.5);
        QCOMPARE(index->tiles[2].image_uri, std::string("http://cdn/x/sheet_002.jpg"));
        QCOMPARE(index->tiles[2].y, 90);

        QCOMPARE(index->tileAt(-1)->x, 0); // before the first cue: the first tile
        QCOMPARE(index->tileAt(0)->x, 0);
        QCOMPARE(index->tileAt(1.999)->x, 0);
        QCOMPARE(index->tileAt(2.0)->x, 160);
        QCOMPARE(index->tileAt(1e9)->y, 90); // past the end: the last tile

        auto unresolved = parseStoryboardVtt(text);
        QVERIFY(unresolved.ok());
        QCOMPARE(unresolved->tiles[0].image_uri, std::string("sheet_001.jpg"));
    }

    void emptyIndexIsValid() {
        auto index = parseStoryboardVtt("\xEF\xBB\xBFWEBVTT\n\n");
        QVERIFY(index.ok());
        QVERIFY(index->tiles.empty());
        QCOMPARE(index->tileAt(3), nullptr);
    }

    void malformedInputIsRefused() {
        QVERIFY(!parseStoryboardVtt("").ok());
        QVERIFY(!parseStoryboardVtt("WEBVTTX\n").ok());
        QVERIFY(!parseStoryboardVtt("<html>not found</html>").ok());
        QCOMPARE(parseStoryboardVtt("WEBVTT\n\n00:00.000 --> 00:01.000\nsheet.jpg\n").error().code,
                 std::string("invalid_storyboard")); // no #xywh
        QVERIFY(!parseStoryboardVtt("WEBVTT\n\n00:00.000 --> 00:01.000\nsheet.jpg#xywh=0,0,160\n").ok());
        QVERIFY(!parseStoryboardVtt("WEBVTT\n\n00:00.000 --> 00:01.000\nsheet.jpg#xywh=0,0,0,90\n").ok());
        QVERIFY(!parseStoryboardVtt("WEBVTT\n\n00:02.000 --> 00:01.000\nsheet.jpg#xywh=0,0,1,1\n").ok());
        QVERIFY(!parseStoryboardVtt("WEBVTT\n\n00:00.000 --> 00:01.000\n").ok()); // cue at the very end
        QVERIFY(!parseStoryboardVtt("WEBVTT\n\n00:61.000 --> 00:62.000\ns.jpg#xywh=0,0,1,1\n").ok());
    }

    void readsWhatTheProcessingPipelineWrites() {
        QTemporaryDir dir;
        const QString thumbs = dir.filePath("thumbs");
        const QString storyboard = dir.filePath("storyboard");
        QVERIFY(QDir().mkpath(thumbs) && QDir().mkpath(storyboard));
        media::StillsLayout layout;
        layout.tile_width = 160;
        layout.columns = 4;
        layout.rows = 2; // 8 tiles a sheet: 11 stills fill one sheet and part of a second
        const double duration_s = 11;
        media::StillsCollector collector(thumbs.toStdString(), storyboard.toStdString(), duration_s, 1.0,
                                         layout);
        for (int i = 0; i < 11; ++i) {
            media::FramePtr frame = media::makeFrame();
            frame->format = AV_PIX_FMT_YUV420P;
            frame->width = 320;
            frame->height = 180;
            QVERIFY(av_frame_get_buffer(frame.get(), 0) >= 0);
            for (int plane = 0; plane < 3; ++plane)
                std::memset(frame->data[plane], plane == 0 ? 20 * i : 128,
                            size_t(frame->linesize[plane]) * size_t(plane == 0 ? 180 : 90));
            QVERIFY(collector.add(frame.get(), i).ok());
        }
        auto stills = collector.finish();
        QVERIFY2(stills.ok(), stills.ok() ? "" : stills.error().message.c_str());

        QFile file(storyboard + "/" + QString::fromStdString(stills->vtt_file));
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto index = parseStoryboardVtt(file.readAll().toStdString(),
                                        "http://h/v/s/t/files/storyboard/storyboard.vtt");
        QVERIFY2(index.ok(), index.ok() ? "" : index.error().message.c_str());
        QCOMPARE(index->tiles.size(), size_t(11));
        for (size_t i = 0; i < index->tiles.size(); ++i) {
            const StoryboardTile& tile = index->tiles[i];
            const int in_sheet = int(i % 8);
            QCOMPARE(tile.start_s, double(i));
            QCOMPARE(tile.width, stills->tile_width);
            QCOMPARE(tile.height, stills->tile_height);
            QCOMPARE(tile.x, (in_sheet % 4) * stills->tile_width);
            QCOMPARE(tile.y, (in_sheet / 4) * stills->tile_height);
            const std::string sheet = stills->sheets.at(i / 8);
            QCOMPARE(tile.image_uri, "http://h/v/s/t/files/storyboard/" + sheet);
            QVERIFY(QFileInfo::exists(storyboard + "/" + QString::fromStdString(sheet)));
        }
        QCOMPARE(index->tileAt(9.5)->x, stills->tile_width); // tile 9 = the second of sheet 2
    }
};

QTEST_APPLESS_MAIN(TestStoryboardVtt)
#include "test_storyboard_vtt.moc"
