// The Studio's models and controller against a real framecastd: "My videos" paging and search, live status
// from realtime events through upload → processing → ready, editing, thumbnails (and the image provider that
// fetches a private video's thumbnail with the session's token), and deleting.
#include <QAbstractItemModelTester>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

#include <memory>

#include "tests/support/api_client.h"
#include "tests/ui/app_harness.h"
#include "tests/ui/test_studio_support.h"
#include "ui/studio/api_image_provider.h"
#include "ui/studio/studio_controller.h"
#include "ui/studio/video_filter_model.h"

using namespace fc;
using namespace fc::test;
using Model = ui::MyVideosModel;
using Tester = QAbstractItemModelTester;

namespace {

struct Seen {
    QString status;
    double progress = 0.0;
};

// Fetches image://framecast/<id> through the provider as an Image element would; null image on error.
QImage fetchThroughProvider(ui::ApiImageProvider& provider, const QUrl& image_url, QSize requested = {}) {
    const QString prefix = QStringLiteral("image://framecast/");
    if (!image_url.toString().startsWith(prefix))
        return {};
    std::unique_ptr<QQuickImageResponse> response(
        provider.requestImageResponse(image_url.toString().mid(prefix.size()), requested));
    QSignalSpy finished(response.get(), &QQuickImageResponse::finished);
    if (!finished.wait(15000) && finished.isEmpty())
        return {};
    if (!response->errorString().isEmpty()) {
        qWarning() << "provider:" << response->errorString();
        return {};
    }
    std::unique_ptr<QQuickTextureFactory> factory(response->textureFactory());
    return factory ? factory->image() : QImage();
}

QStringList titles(const QAbstractItemModel& model) {
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row, 0).data(Model::TitleRole).toString();
    return result;
}

} // namespace

class TestStudioVideos : public QObject {
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_media;
    QString m_clip;
    std::unique_ptr<AppHarness> m_harness; // one creator for the live → edit → thumbnails → delete story
    QString m_videoId;                     // their processed, private video

    ui::StudioController& studio() { return *m_harness->app().studio(); }
    Model& videos() { return *studio().videos(); }

private slots:
    void initTestCase() {
        QVERIFY(m_server.start());
        m_clip = studioClip(m_media.path());
        QVERIFY(!m_clip.isEmpty());
        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("studio"));
    }

    void cleanupTestCase() { m_harness.reset(); }

    void statusTextsTagsAndTopics() {
        ui::VideoRow row;
        row.status = QStringLiteral("uploading");
        row.progress = 0.426;
        QCOMPARE(ui::statusText(row), QStringLiteral("Uploading 42 %"));
        row.status = QStringLiteral("queued");
        QCOMPARE(ui::statusText(row), QStringLiteral("Queued"));
        row.status = QStringLiteral("processing");
        row.progress = 0.63;
        QCOMPARE(ui::statusText(row), QStringLiteral("Processing 63 %"));
        row.status = QStringLiteral("ready");
        QCOMPARE(ui::statusText(row), QStringLiteral("Ready"));
        row.status = QStringLiteral("failed");
        row.failure_message = QStringLiteral("The file ends early.");
        QCOMPARE(ui::statusText(row), QStringLiteral("Failed: The file ends early."));

        QCOMPARE(ui::durationText(4021), QStringLiteral("0:04"));
        QCOMPARE(ui::durationText(3723000), QStringLiteral("1:02:03"));
        QCOMPARE(ui::durationText(-1), QString());
        QCOMPARE(ui::videoIdFromStatusTopic(ui::videoStatusTopic(QStringLiteral("JO9-w2wDEP0"))),
                 QStringLiteral("JO9-w2wDEP0"));
        QCOMPARE(ui::videoIdFromStatusTopic(QStringLiteral("video:x:comments")), QString());
        QCOMPARE(ui::apiImageUrl(QStringLiteral("/api/v1/images/k.png")),
                 QUrl(QStringLiteral("image://framecast/api/v1/images/k.png")));
    }

    // Pages with the server's cursor (fetchMore), follows unfinished videos, and filters by title.
    void pagesAndSearches() {
        AppHarness harness(m_server);
        QVERIFY(harness.connect());
        QVERIFY(harness.signUpThroughApp("pager"));
        const std::string token = accessToken(harness);
        QStringList created;
        for (const char* title : {"Clip one", "Clip two", "Alpha clip", "Clip four", "Clip five"}) {
            const auto upload = createUpload(m_server, token, title, 1000);
            QVERIFY(upload);
            created.prepend(upload->video_id); // newest first, as listed
        }

        // A model of its own with no tester (which fetches eagerly): two rows a page.
        Model paged(*harness.app().api(), *harness.app().realtime());
        paged.setPageSize(2);
        paged.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(paged.loaded() && !paged.loading(), 10000);
        QCOMPARE(titles(paged), QStringList({"Clip five", "Clip four"}));
        QVERIFY(paged.canFetchMore({}));
        paged.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(paged.count(), 4, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(paged.canFetchMore({}), 10000);
        paged.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(paged.count(), 5, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!paged.loading(), 10000);
        QVERIFY(!paged.canFetchMore({}));
        QCOMPARE(titles(paged),
                 QStringList({"Clip five", "Clip four", "Alpha clip", "Clip two", "Clip one"}));
        for (int row = 0; row < paged.count(); ++row) {
            QCOMPARE(paged.index(row).data(Model::VideoIdRole).toString(), created.at(row));
            QCOMPARE(paged.index(row).data(Model::StatusRole).toString(), QStringLiteral("uploading"));
            QCOMPARE(paged.index(row).data(Model::StatusTextRole).toString(),
                     QStringLiteral("Uploading 0 %"));
            QCOMPARE(paged.index(row).data(Model::VisibilityRole).toString(), QStringLiteral("private"));
            QVERIFY(paged.index(row).data(Model::CreatedAtRole).toDateTime().isValid());
            // Unfinished videos are followed live.
            QVERIFY(harness.app().realtime()->topics().contains(ui::videoStatusTopic(created.at(row))));
        }

        // The app's model under the tester while it loads, pages and filters.
        Model& model = *harness.app().studio()->videos();
        Tester modelTester(&model, Tester::FailureReportingMode::Fatal);
        model.setPageSize(2);
        model.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(model.loaded() && !model.loading(), 10000);
        QVERIFY(model.count() >= 2);

        ui::VideoFilterModel filter;
        Tester filterTester(&filter, Tester::FailureReportingMode::Fatal);
        filter.setSourceModel(&model);
        filter.setSearchText(QStringLiteral("ALPHA"));
        // Searching loads the remaining pages, so a match on a later page is found.
        QTRY_COMPARE_WITH_TIMEOUT(model.count(), 5, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(filter.count(), 1, 10000);
        QCOMPARE(titles(filter), QStringList({"Alpha clip"}));
        filter.setSearchText(QStringLiteral("  clip "));
        QCOMPARE(filter.count(), 5);
        filter.setSearchText(QStringLiteral("nothing like this"));
        QCOMPARE(filter.count(), 0);

        // A renamed video enters the filter.
        filter.setSearchText(QStringLiteral("alpha"));
        QSignalSpy saved(harness.app().studio(), &ui::StudioController::videoSaved);
        harness.app().studio()->saveVideo(created.at(0), QStringLiteral("Alpha five"), {}, {}, {},
                                          QStringLiteral("private"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
        QCOMPARE(filter.count(), 2);
        QCOMPARE(titles(filter), QStringList({"Alpha five", "Alpha clip"}));
        filter.setSearchText({});
        QCOMPARE(filter.count(), 5);

        // A video the uploads report (videoUploaded) joins at the top without reloading the list.
        const auto later = createUpload(m_server, token, "Uploaded later", 1000);
        QVERIFY(later);
        model.reloadVideo(later->video_id);
        QTRY_COMPARE_WITH_TIMEOUT(model.count(), 6, 10000);
        QCOMPARE(model.rowOf(later->video_id), 0);
        QCOMPARE(filter.count(), 6);
        QVERIFY(harness.app().realtime()->topics().contains(ui::videoStatusTopic(later->video_id)));
    }

    // Upload → queued/processing → ready in the model, with progress from realtime events only.
    void followsStatusLiveFromRealtimeEvents() {
        Model& model = videos();
        QTRY_VERIFY_WITH_TIMEOUT(model.loaded(), 10000);
        Tester tester(&model, Tester::FailureReportingMode::Fatal);

        const auto upload =
            createUpload(m_server, accessToken(*m_harness), "Bunny live", QFileInfo(m_clip).size());
        QVERIFY(upload);
        const QString id = upload->video_id;
        QSignalSpy subscribed(m_harness->app().realtime(), &ui::RealtimeClient::subscribed);
        studio().refresh();
        QTRY_VERIFY_WITH_TIMEOUT(model.rowOf(id) >= 0, 10000);
        QCOMPARE(roleOf(model, id, Model::StatusRole).toString(), QStringLiteral("uploading"));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(subscribed.begin(), subscribed.end(),
                        [&](const QList<QVariant>& args) { return args.at(0) == ui::videoStatusTopic(id); }),
            10000);

        QList<Seen> seen;
        const QMetaObject::Connection recording =
            connect(&model, &QAbstractItemModel::dataChanged, this, [&] {
                const Seen now{roleOf(model, id, Model::StatusRole).toString(),
                               roleOf(model, id, Model::ProgressRole).toDouble()};
                if (seen.isEmpty() || seen.last().status != now.status ||
                    seen.last().progress != now.progress)
                    seen.append(now);
            });
        const auto stopRecording = qScopeGuard([&] { disconnect(recording); });

        transfer::TusUploadOptions options;
        options.chunk_size_bytes = 32 * 1024; // several PATCHes: several upload_progress events
        QFuture<Result<int64_t>> sent =
            QtConcurrent::run([token = accessToken(*m_harness), url = upload->upload_url,
                               path = m_clip.toStdString(), options] {
                transfer::TusClient tus(token);
                return tus.uploadFile(url, path, 0, options);
            });
        QTRY_VERIFY_WITH_TIMEOUT(sent.isFinished(), 30000);
        QVERIFY(sent.result().ok());
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(model, id, Model::StatusRole).toString(), QStringLiteral("ready"),
                                  60000);
        QTRY_VERIFY_WITH_TIMEOUT(!roleOf(model, id, Model::ThumbnailUrlRole).toUrl().isEmpty(), 10000);

        auto firstIndex = [&](auto predicate) {
            for (int i = 0; i < seen.size(); ++i)
                if (predicate(seen.at(i)))
                    return i;
            return -1;
        };
        const int uploading = firstIndex([](const Seen& s) {
            return s.status == QLatin1String("uploading") && s.progress > 0.0 && s.progress < 1.0;
        });
        const int afterUpload = firstIndex([](const Seen& s) {
            return s.status == QLatin1String("queued") || s.status == QLatin1String("processing");
        });
        const int processing = firstIndex(
            [](const Seen& s) { return s.status == QLatin1String("processing") && s.progress > 0.0; });
        const int ready = firstIndex([](const Seen& s) { return s.status == QLatin1String("ready"); });
        QVERIFY2(uploading >= 0, "no upload progress between 0 and 1");
        QVERIFY2(afterUpload > uploading, "queued/processing did not follow the upload");
        QVERIFY2(processing >= afterUpload, "no processing progress");
        QVERIFY(ready > processing);
        for (int i = ready; i < seen.size(); ++i)
            QCOMPARE(seen.at(i).status, QStringLiteral("ready")); // never backwards

        QCOMPARE(roleOf(model, id, Model::ProgressRole).toDouble(), 1.0);
        QVERIFY(roleOf(model, id, Model::PlayableRole).toBool());
        QCOMPARE(roleOf(model, id, Model::StatusTextRole).toString(), QStringLiteral("Ready"));
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(roleOf(model, id, Model::DurationMsRole).toLongLong() - 4000) < 300,
                                 10000);
        QCOMPARE(roleOf(model, id, Model::DurationTextRole).toString(), QStringLiteral("0:04"));
        // Nothing left to follow.
        QVERIFY(!m_harness->app().realtime()->topics().contains(ui::videoStatusTopic(id)));
        m_videoId = id;
    }

    // Choose a generated candidate, then upload a custom image: the row's thumbnail follows, and the image
    // provider fetches the private video's thumbnail with the session's token.
    void choosesAndUploadsThumbnails() {
        QVERIFY(!m_videoId.isEmpty());
        const QString id = m_videoId;
        Model& model = videos();
        ui::ThumbnailChoicesModel& choices = *studio().thumbnails();
        Tester tester(&choices, Tester::FailureReportingMode::Fatal);
        choices.load(id);
        QTRY_VERIFY_WITH_TIMEOUT(!choices.busy() && choices.rowCount() > 1, 10000);
        QCOMPARE(choices.videoId(), id);
        int target = -1;
        for (int row = 0; row < choices.rowCount(); ++row)
            if (!choices.index(row).data(ui::ThumbnailChoicesModel::SelectedRole).toBool())
                target = choices.index(row).data(ui::ThumbnailChoicesModel::PositionRole).toInt();
        QVERIFY(target > 0);

        choices.choose(target);
        const QString chosenPath =
            QStringLiteral("/api/v1/videos/%1/files/thumbs/thumb_%2.jpg").arg(id).arg(target);
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(model, id, Model::ThumbnailUrlRole).toUrl(),
                                  ui::apiImageUrl(chosenPath), 10000);
        ApiClient api(m_server);
        const std::string token = accessToken(*m_harness);
        const ApiReply video = api.get("/api/v1/videos/" + id.toStdString(), token);
        QCOMPARE(QString::fromStdString(video.json.value("thumbnail_url", "")), chosenPath);
        QTRY_VERIFY_WITH_TIMEOUT(!choices.busy(), 10000);
        for (int row = 0; row < choices.rowCount(); ++row)
            QCOMPARE(choices.index(row).data(ui::ThumbnailChoicesModel::SelectedRole).toBool(),
                     choices.index(row).data(ui::ThumbnailChoicesModel::PositionRole).toInt() == target);

        // The video is private: without the token the thumbnail is not there; through the provider it is.
        QCOMPARE(video.json.value("visibility", ""), std::string("private"));
        QCOMPARE(api.get(chosenPath.toStdString()).status, 404);
        const QImage expected =
            QImage::fromData(QByteArray::fromStdString(api.get(chosenPath.toStdString(), token).raw.body));
        QVERIFY(!expected.isNull());
        ui::ApiImageProvider provider(*m_harness->app().api());
        const QImage thumb =
            fetchThroughProvider(provider, roleOf(model, id, Model::ThumbnailUrlRole).toUrl());
        QVERIFY(!thumb.isNull());
        QCOMPARE(thumb.size(), expected.size());
        const QImage small =
            fetchThroughProvider(provider, roleOf(model, id, Model::ThumbnailUrlRole).toUrl(), QSize(160, 0));
        QCOMPARE(small.width(), 160);
        QVERIFY(std::abs(small.height() - 160 * expected.height() / expected.width()) <= 1);

        // A custom image from a file.
        QTemporaryDir dir;
        QImage custom(64, 48, QImage::Format_RGB32);
        custom.fill(QColor(20, 140, 220));
        const QString customFile = dir.filePath(QStringLiteral("my thumb.png"));
        QVERIFY(custom.save(customFile));
        choices.uploadFile(QUrl::fromLocalFile(customFile));
        QTRY_VERIFY2_WITH_TIMEOUT(roleOf(model, id, Model::ThumbnailUrlRole)
                                      .toUrl()
                                      .toString()
                                      .contains(QStringLiteral("/api/v1/images/")),
                                  qPrintable(choices.errorMessage()), 10000);
        const QUrl customUrl = roleOf(model, id, Model::ThumbnailUrlRole).toUrl();
        QTRY_COMPARE_WITH_TIMEOUT(choices.customImageUrl(), customUrl, 10000);
        const QImage fetched = fetchThroughProvider(provider, customUrl);
        QCOMPARE(fetched.size(), QSize(64, 48));
        QCOMPARE(QColor(fetched.pixel(32, 24)), QColor(20, 140, 220));
        QCOMPARE(fetchThroughProvider(provider, customUrl, QSize(32, 24)).size(), QSize(32, 24));

        // Not an image: a readable error, the thumbnail stays.
        const QString notImage = dir.filePath(QStringLiteral("notes.png"));
        QFile text(notImage);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("these are notes, not pixels");
        text.close();
        choices.uploadFile(QUrl::fromLocalFile(notImage));
        QTRY_VERIFY_WITH_TIMEOUT(!choices.errorMessage().isEmpty(), 10000);
        QVERIFY2(choices.errorMessage().startsWith(QStringLiteral("Could not set the thumbnail")),
                 qPrintable(choices.errorMessage()));
        QCOMPARE(roleOf(model, id, Model::ThumbnailUrlRole).toUrl(), customUrl);
    }

    void editsDetails() {
        QVERIFY(!m_videoId.isEmpty());
        const QString id = m_videoId;
        Model& model = videos();
        Tester tester(&model, Tester::FailureReportingMode::Fatal);
        QSignalSpy saved(&studio(), &ui::StudioController::videoSaved);
        studio().saveVideo(id, QStringLiteral("  Bunny, edited "), QStringLiteral("Line one\nLine two"),
                           QStringLiteral("bunny, short film,, bunny"), QStringLiteral("Film & Animation"),
                           QStringLiteral("unlisted"));
        QVERIFY(studio().saving());
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
        QCOMPARE(saved.at(0).at(0).toString(), id);
        QVERIFY(studio().editError().isEmpty());

        ApiClient api(m_server);
        const ApiReply video = api.get("/api/v1/videos/" + id.toStdString(), accessToken(*m_harness));
        QCOMPARE(video.json.value("title", ""), std::string("Bunny, edited"));
        QCOMPARE(video.json.value("description", ""), std::string("Line one\nLine two"));
        QCOMPARE(video.json["tags"], nlohmann::json({"bunny", "short film"}));
        QCOMPARE(video.json.value("category", ""), std::string("Film & Animation"));
        QCOMPARE(video.json.value("visibility", ""), std::string("unlisted"));

        QCOMPARE(roleOf(model, id, Model::TitleRole).toString(), QStringLiteral("Bunny, edited"));
        QCOMPARE(roleOf(model, id, Model::DescriptionRole).toString(), QStringLiteral("Line one\nLine two"));
        QCOMPARE(roleOf(model, id, Model::TagsRole).toStringList(), QStringList({"bunny", "short film"}));
        QCOMPARE(roleOf(model, id, Model::CategoryRole).toString(), QStringLiteral("Film & Animation"));
        QCOMPARE(roleOf(model, id, Model::VisibilityRole).toString(), QStringLiteral("unlisted"));
        QCOMPARE(roleOf(model, id, Model::StatusRole).toString(), QStringLiteral("ready"));

        // An empty title: refused before sending, readable.
        studio().saveVideo(id, QStringLiteral("   "), QStringLiteral("other"), {}, {},
                           QStringLiteral("public"));
        QVERIFY(!studio().saving());
        QCOMPARE(studio().editError(), QStringLiteral("Could not save: Add a title."));
        // A tab in the title passes the form's rules but not the server's: its reason, readable.
        studio().saveVideo(id, QStringLiteral("Tab\there"), QStringLiteral("other"), {}, {},
                           QStringLiteral("public"));
        QVERIFY(studio().editError().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!studio().saving() && !studio().editError().isEmpty(), 10000);
        QVERIFY2(studio().editError().startsWith(QStringLiteral("Could not save: ")) &&
                     studio().editError().contains(QStringLiteral("title")),
                 qPrintable(studio().editError()));
        QCOMPARE(saved.count(), 1);
        const ApiReply after = api.get("/api/v1/videos/" + id.toStdString(), accessToken(*m_harness));
        QCOMPARE(after.json.value("title", ""), std::string("Bunny, edited"));
        QCOMPARE(after.json.value("visibility", ""), std::string("unlisted"));
        QCOMPARE(roleOf(model, id, Model::TitleRole).toString(), QStringLiteral("Bunny, edited"));
        QCOMPARE(roleOf(model, id, Model::DescriptionRole).toString(), QStringLiteral("Line one\nLine two"));
    }

    void deletesVideos() {
        QVERIFY(!m_videoId.isEmpty());
        const QString id = m_videoId;
        Model& model = videos();
        Tester tester(&model, Tester::FailureReportingMode::Fatal);
        const int before = model.count();
        QSignalSpy deleted(&studio(), &ui::StudioController::videoDeleted);
        studio().deleteVideo(id);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, 10000);
        QCOMPARE(model.rowOf(id), -1);
        QCOMPARE(model.count(), before - 1);
        ApiClient api(m_server);
        QCOMPARE(api.get("/api/v1/videos/" + id.toStdString(), accessToken(*m_harness)).status, 404);
        // A refresh agrees with the server.
        studio().refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!model.loading(), 10000);
        QCOMPARE(model.rowOf(id), -1);

        // Deleting what is already gone is not an error; signing out empties the list.
        studio().deleteVideo(id);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 2, 10000);
        QVERIFY(studio().errorMessage().isEmpty());
        m_harness->app().session()->signOut();
        QCOMPARE(model.count(), 0);
        QVERIFY(!model.loaded());
    }
};

QTEST_MAIN(TestStudioVideos)
#include "test_studio_videos.moc"
