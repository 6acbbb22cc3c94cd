// The upload queue's pure parts: the persisted queue format (uploads.json: round trip, one queue per server
// and account, atomic rewrite), the form rules, what a failure leads to, the backoff, the card's texts and
// the source-file check.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/uploads/upload_form_rules.h"
#include "ui/uploads/upload_outcome.h"
#include "ui/uploads/upload_queue_store.h"
#include "ui/uploads/upload_text.h"
#include "ui/uploads/upload_worker.h"

using namespace fc::ui;

namespace {

UploadItem sampleItem(const QString& id) {
    UploadItem item;
    item.id = id;
    item.file_path = QStringLiteral("/home/me/Videos/%1 clip.mp4").arg(id);
    item.file_size_bytes = 4451201;
    item.file_mtime_ms = 1741685091318;
    item.form = {QStringLiteral("Bunny ") + id,
                 QStringLiteral("Line one\nline two"),
                 {QStringLiteral("bunny"), QStringLiteral("animation")},
                 QStringLiteral("Film & Animation"),
                 QStringLiteral("unlisted")};
    item.upload_path = QStringLiteral("/api/v1/uploads/NsKbnSRH35c");
    item.video_id = QStringLiteral("JO9-w2wDEP0");
    item.state = UploadState::Paused;
    item.acknowledged_bytes = 1048576;
    item.message = QStringLiteral("why");
    item.notice = QStringLiteral("note");
    item.metadata_pending = true;
    item.cleanup_pending = false;
    item.server_status = QString();
    // Live fields: never written.
    item.sent_bytes = 2000000;
    item.speed_bytes_per_s = 12345;
    return item;
}

void comparePersisted(const UploadItem& actual, const UploadItem& expected) {
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.file_path, expected.file_path);
    QCOMPARE(actual.file_size_bytes, expected.file_size_bytes);
    QCOMPARE(actual.file_mtime_ms, expected.file_mtime_ms);
    QVERIFY(actual.form == expected.form);
    QCOMPARE(actual.upload_path, expected.upload_path);
    QCOMPARE(actual.video_id, expected.video_id);
    QCOMPARE(actual.state, expected.state);
    QCOMPARE(actual.acknowledged_bytes, expected.acknowledged_bytes);
    QCOMPARE(actual.message, expected.message);
    QCOMPARE(actual.notice, expected.notice);
    QCOMPARE(actual.metadata_pending, expected.metadata_pending);
    QCOMPARE(actual.cleanup_pending, expected.cleanup_pending);
    QCOMPARE(actual.server_status, expected.server_status);
}

UploadOutcome failed(int status, const QString& code, const QString& server_message = {}) {
    UploadOutcome outcome;
    outcome.kind = UploadOutcome::Kind::Failed;
    outcome.http_status = status;
    outcome.code = code;
    outcome.message = QStringLiteral("technical: ") + code;
    outcome.server_message = server_message;
    return outcome;
}

} // namespace

class TestUploadsRules : public QObject {
    Q_OBJECT

private slots:
    void queueRoundTripsPerServerAndAccount() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("uploads.json"));
        const UploadQueueKey alice{QStringLiteral("bundled"), QStringLiteral("alice_id_01")};
        const UploadQueueKey bob{QStringLiteral("bundled"), QStringLiteral("bob_id_0002")};
        const UploadQueueKey aliceElsewhere{QStringLiteral("http://example.org:8080"),
                                            QStringLiteral("alice_id_01")};
        {
            UploadQueueStore store(path);
            store.save(alice, {sampleItem(QStringLiteral("a1")), sampleItem(QStringLiteral("a2"))});
            store.save(bob, {sampleItem(QStringLiteral("b1"))});
            store.save(alice, {sampleItem(QStringLiteral("a1")), sampleItem(QStringLiteral("a2")),
                               sampleItem(QStringLiteral("a3"))}); // the newest snapshot wins
        }                                                          // the destructor finishes the writes

        UploadQueueStore store(path);
        const auto aliceItems = store.load(alice);
        QCOMPARE(aliceItems.size(), 3);
        comparePersisted(aliceItems[0], sampleItem(QStringLiteral("a1")));
        comparePersisted(aliceItems[2], sampleItem(QStringLiteral("a3")));
        QCOMPARE(aliceItems[0].sent_bytes, 0); // live state is not persisted
        QCOMPARE(aliceItems[0].speed_bytes_per_s, 0.0);
        const auto bobItems = store.load(bob);
        QCOMPARE(bobItems.size(), 1);
        QCOMPARE(bobItems[0].id, QStringLiteral("b1"));
        // The same account on another server, and an unknown account, see nothing.
        QVERIFY(store.load(aliceElsewhere).isEmpty());
        QVERIFY(store.load({QStringLiteral("bundled"), QStringLiteral("nobody")}).isEmpty());

        // An emptied queue leaves the file; the others stay.
        store.save(bob, {});
        QVERIFY(store.load(bob).isEmpty());
        QCOMPARE(store.load(alice).size(), 3);

        // The file: the upload location is a path (the bundled server's port changes), nothing left behind.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("\"upload_path\": \"/api/v1/uploads/NsKbnSRH35c\""));
        QVERIFY(!bytes.contains("http://127.0.0.1"));
        QCOMPARE(QJsonDocument::fromJson(bytes).object().value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"uploads.json"});
    }

    void unusableFilesAndEntriesAreSkipped() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("uploads.json"));
        const UploadQueueKey key{QStringLiteral("bundled"), QStringLiteral("u")};
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        UploadQueueStore store(path);
        QVERIFY(store.load(key).isEmpty());
        store.save(key, {sampleItem(QStringLiteral("x"))}); // a broken file is replaced, not appended to
        QCOMPARE(store.load(key).size(), 1);

        QVERIFY(!UploadQueueStore::fromJson({}).has_value());
        QJsonObject entry = UploadQueueStore::toJson(sampleItem(QStringLiteral("y")));
        entry.insert(QStringLiteral("state"), QStringLiteral("exploded"));
        QVERIFY(!UploadQueueStore::fromJson(entry).has_value());
        QVERIFY(!store.load({QString(), QStringLiteral("u")}).size());
    }

    void formRules() {
        QCOMPARE(defaultUploadTitle(QStringLiteral("/videos/My trip.2024.mp4")),
                 QStringLiteral("My trip.2024"));
        QCOMPARE(defaultUploadTitle(QStringLiteral("/v/") + QString(150, QLatin1Char('x')) + ".mkv").size(),
                 100);
        QCOMPARE(splitTags(QStringLiteral(" bunny, animation,,bunny ,  big   buck ")),
                 (QStringList{"bunny", "animation", "big buck"}));

        UploadForm form;
        form.title = QStringLiteral("Fine");
        QVERIFY(validateUploadForm(form).isEmpty());
        form.title = QStringLiteral("   ");
        QVERIFY(validateUploadForm(form).contains(QStringLiteral("title")));
        form.title = QString(101, QLatin1Char('t'));
        QVERIFY(validateUploadForm(form).contains(QStringLiteral("100")));
        form.title = QStringLiteral("ok");
        form.tags = {QString(31, QLatin1Char('g'))};
        QVERIFY(validateUploadForm(form).contains(QStringLiteral("too long")));
        form.tags.clear();
        for (int i = 0; i < 31; ++i)
            form.tags.append(QString::number(i));
        QVERIFY(validateUploadForm(form).contains(QStringLiteral("30")));
        form.tags.clear();
        form.visibility = QStringLiteral("friends");
        QVERIFY(!validateUploadForm(form).isEmpty());
        form.visibility = QStringLiteral("public");
        QVERIFY(formFitsCreationMetadata(form));
        form.category = QStringLiteral("Music ");
        QVERIFY(!formFitsCreationMetadata(form)); // category goes by PATCH
        QCOMPARE(uploadFormJson(form).value(QStringLiteral("category")).toString(), QStringLiteral("Music"));
    }

    void failuresLeadToTheRightAction() {
        const QString server = QStringLiteral("http://127.0.0.1:9");
        UploadOutcome offline = failed(0, QStringLiteral("network_error"));
        offline.message = QStringLiteral("Couldn't connect to server");
        const auto unreachable = decideAfterFailure(offline, server);
        QCOMPARE(unreachable.action, UploadAction::RetryLater);
        QVERIFY(
            unreachable.reason.startsWith(QStringLiteral("Cannot reach the server at http://127.0.0.1:9")));
        QCOMPARE(decideAfterFailure(failed(0, QStringLiteral("timeout")), server).action,
                 UploadAction::RetryLater);
        QCOMPARE(decideAfterFailure(failed(503, QStringLiteral("service_unavailable")), server).action,
                 UploadAction::RetryLater);
        QCOMPARE(decideAfterFailure(failed(409, QStringLiteral("upload_locked")), server).action,
                 UploadAction::RetryLater);
        QCOMPARE(decideAfterFailure(failed(401, QStringLiteral("invalid_token")), server).action,
                 UploadAction::RefreshSession);
        QCOMPARE(decideAfterFailure(failed(404, QStringLiteral("upload_not_found")), server).action,
                 UploadAction::Recreate);
        QCOMPARE(decideAfterFailure(failed(410, QStringLiteral("upload_expired")), server).action,
                 UploadAction::Recreate);
        const auto quota = decideAfterFailure(
            failed(413, QStringLiteral("quota_exceeded"), QStringLiteral("quota 1 MB, 900 kB used")), server);
        QCOMPARE(quota.action, UploadAction::Fail);
        QCOMPARE(quota.reason, QStringLiteral("Your storage quota is full: quota 1 MB, 900 kB used"));
        const auto rejected = decideAfterFailure(
            failed(400, QStringLiteral("invalid_request"), QStringLiteral("bad title")), server);
        QCOMPARE(rejected.action, UploadAction::Fail);
        QVERIFY(rejected.reason.endsWith(QStringLiteral("bad title")));
        UploadOutcome changed = failed(0, QStringLiteral("file_changed"));
        changed.message = QStringLiteral("\"a.mp4\" changed");
        QCOMPARE(decideAfterFailure(changed, server).action, UploadAction::Fail);
        QCOMPARE(decideAfterFailure(changed, server).reason, changed.message);

        QCOMPARE(retryDelayMs(1), 2000);
        QCOMPARE(retryDelayMs(2), 4000);
        QCOMPARE(retryDelayMs(5), 32000);
        QCOMPARE(retryDelayMs(6), 60000);
        QCOMPARE(retryDelayMs(100), 60000);
    }

    void cardTexts() {
        QCOMPARE(formatBytes(0), QStringLiteral("0 B"));
        QCOMPARE(formatBytes(950), QStringLiteral("950 B"));
        QCOMPARE(formatBytes(12300000), QStringLiteral("12.3 MB"));
        QCOMPARE(formatBytes(40000000), QStringLiteral("40 MB"));
        QCOMPARE(formatBytes(1250000000), QStringLiteral("1.25 GB"));
        QCOMPARE(formatDuration(15), QStringLiteral("15 s"));
        QCOMPARE(formatDuration(125), QStringLiteral("2 min 5 s"));
        QCOMPARE(formatDuration(3780), QStringLiteral("1 h 3 min"));

        UploadItem item;
        item.state = UploadState::Uploading;
        item.upload_path = QStringLiteral("/api/v1/uploads/x");
        item.file_size_bytes = 40000000;
        item.sent_bytes = 12300000;
        item.speed_bytes_per_s = 2100000;
        QCOMPARE(uploadProgressText(item), QStringLiteral("12.3 MB of 40 MB · 2.1 MB/s · 14 s left"));
        QCOMPARE(uploadEtaSeconds(item), 14);
        item.state = UploadState::Retrying;
        item.message = QStringLiteral("Cannot reach the server at http://h (refused).");
        item.next_attempt_ms = 10000 + 4000;
        QCOMPARE(uploadStateText(item, 10000),
                 QStringLiteral("Cannot reach the server at http://h (refused). Retrying in 4 s."));
        QCOMPARE(uploadProgressText(item), QStringLiteral("12.3 MB of 40 MB"));
        item.state = UploadState::Processing;
        item.server_status = QStringLiteral("processing");
        item.processing_progress = 0.42;
        item.processing_eta_ms = 41000;
        QCOMPARE(uploadStateText(item, 0), QStringLiteral("Processing… 42 % (about 41 s left)"));
    }

    void sourceFileMustStayTheSame() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("clip.mp4"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(1000, 'x'));
        file.close();
        const QFileInfo info(path);
        const qint64 mtime = info.lastModified().toMSecsSinceEpoch();
        QCOMPARE(checkSourceFile(path, 1000, mtime).kind, UploadOutcome::Kind::Completed);
        const auto changed = checkSourceFile(path, 999, mtime);
        QCOMPARE(changed.code, QStringLiteral("file_changed"));
        QVERIFY(changed.message.contains(QStringLiteral("changed after it was added")));
        QCOMPARE(checkSourceFile(path, 1000, mtime - 5000).code, QStringLiteral("file_changed"));
        QVERIFY(QFile::remove(path));
        const auto missing = checkSourceFile(path, 1000, mtime);
        QCOMPARE(missing.code, QStringLiteral("file_missing"));
        QVERIFY(missing.message.contains(QStringLiteral("clip.mp4")));
    }
};

QTEST_GUILESS_MAIN(TestUploadsRules)
#include "test_uploads_rules.moc"
