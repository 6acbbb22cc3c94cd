// The Studio page as QML renders it, against a real framecastd: rows with their live status and thumbnail
// (through the image provider), the edit dialog (saving, and the server's refusal shown in the dialog), the
// thumbnail dialog, "Compare qualities", and deleting through the confirmation dialog.
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

#include "app/app_shell.h"
#include "core/transfer/tus_client.h"
#include "tests/support/api_client.h"
#include "tests/ui/app_harness.h"
#include "tests/ui/test_studio_support.h"
#include "ui/studio/api_image_provider.h"

using namespace fc;
using namespace fc::test;

namespace {

// Depth-first over the visual tree (which holds the list's delegates and the dialogs' contents) and QObject
// children (which hold the popups themselves).
QObject* findNamed(QObject* root, const QString& name, const std::function<bool(QObject*)>& accept = {}) {
    if (!root)
        return nullptr;
    if (root->objectName() == name && (!accept || accept(root)))
        return root;
    QObjectList next = root->children();
    if (auto* item = qobject_cast<QQuickItem*>(root))
        for (QQuickItem* child : item->childItems())
            if (!next.contains(child))
                next.append(child);
    for (QObject* child : next)
        if (QObject* found = findNamed(child, name, accept))
            return found;
    return nullptr;
}

bool isShown(QObject* object) {
    auto* item = qobject_cast<QQuickItem*>(object);
    return item && item->isVisible() && item->width() > 0 && item->height() > 0;
}

} // namespace

class TestStudioPage : public QObject {
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_media;
    std::unique_ptr<AppHarness> m_harness;
    std::unique_ptr<QQuickView> m_view;

    QObject* find(const QString& name, QObject* under = nullptr) {
        return findNamed(under ? under : m_view->contentItem(), name, isShown);
    }
    // The row showing the video titled title.
    QObject* rowTitled(const QString& title) {
        for (int row = 0; row < 10; ++row)
            if (QObject* item = find(QStringLiteral("videoRow_%1").arg(row)))
                if (item->property("title").toString() == title)
                    return item;
        return nullptr;
    }
    bool click(QObject* object) {
        auto* item = qobject_cast<QQuickItem*>(object);
        if (!item || !item->isEnabled() || !isShown(item))
            return false;
        const QPointF center = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, center.toPoint());
        return true;
    }

private slots:
    void initTestCase() {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software); // no VideoOutput here
        fc::app::prepareApplication();
        QVERIFY(m_server.start());
        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("studiopage"));
    }

    void cleanupTestCase() {
        m_view.reset();
        m_harness.reset();
    }

    void showsRowsWithLiveStatusAndThumbnails() {
        const std::string token = accessToken(*m_harness);
        const QString clip = studioClip(m_media.path());
        QVERIFY(!clip.isEmpty());
        const auto waiting = createUpload(m_server, token, "Waiting for bytes", 1000);
        QVERIFY(waiting);
        const auto processed = createUpload(m_server, token, "Processed clip", QFileInfo(clip).size());
        QVERIFY(processed);
        transfer::TusClient tus(token);
        QVERIFY(tus.uploadFile(processed->upload_url, clip.toStdString(), 0));

        m_view = std::make_unique<QQuickView>();
        m_view->engine()->addImportPath(QStringLiteral("qrc:/qt/qml"));
        ui::installImageProvider(*m_view->engine(), m_harness->app());
        m_view->setResizeMode(QQuickView::SizeRootObjectToView);
        m_view->resize(1280, 800);
        m_view->setSource(QUrl(QStringLiteral("qrc:/qt/qml/Framecast/Studio/StudioPage.qml")));
        QVERIFY2(m_view->status() == QQuickView::Ready, qPrintable(QDebug::toString(m_view->errors())));
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QCOMPARE(m_view->rootObject()->objectName(), QStringLiteral("studioPage"));
        QVERIFY(find(QStringLiteral("myVideosList")));

        studio()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(rowTitled(QStringLiteral("Waiting for bytes")), 10000);
        QObject* waitingRow = rowTitled(QStringLiteral("Waiting for bytes"));
        QObject* status = find(QStringLiteral("videoStatusLabel"), waitingRow);
        QVERIFY(status);
        QCOMPARE(status->property("text").toString(), QStringLiteral("Uploading 0 %"));
        QVERIFY(!find(QStringLiteral("compareButton"), waitingRow)->property("enabled").toBool());
        for (const char* name : {"editButton", "deleteButton", "thumbnailButton", "compareButton"})
            QVERIFY2(find(QString::fromLatin1(name), waitingRow), name);

        // The processed one turns Ready live, and its thumbnail (private video) loads through the provider.
        QTRY_VERIFY_WITH_TIMEOUT(rowTitled(QStringLiteral("Processed clip")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            find(QStringLiteral("videoStatusLabel"), rowTitled(QStringLiteral("Processed clip")))
                ->property("text")
                .toString(),
            QStringLiteral("Ready"), 60000);
        QObject* thumbnail =
            find(QStringLiteral("videoThumbnail"), rowTitled(QStringLiteral("Processed clip")));
        QTRY_VERIFY2_WITH_TIMEOUT(thumbnail->property("status").toInt() == 1 /* Image.Ready */,
                                  qPrintable(QStringLiteral("status %1, source %2")
                                                 .arg(thumbnail->property("status").toInt())
                                                 .arg(thumbnail->property("source").toString())),
                                  15000);

        // Compare qualities asks the shell to open the preview for that video.
        QSignalSpy compare(m_view->rootObject(), SIGNAL(compareRequested(QString)));
        QVERIFY(click(find(QStringLiteral("compareButton"), rowTitled(QStringLiteral("Processed clip")))));
        QCOMPARE(compare.count(), 1);
        QCOMPARE(compare.at(0).at(0).toString(), processed->video_id);

        // The thumbnail dialog lists the generated frames; picking one updates the row.
        QVERIFY(click(find(QStringLiteral("thumbnailButton"), rowTitled(QStringLiteral("Processed clip")))));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("thumbnailCandidate_1")), 10000);
        QVERIFY(click(find(QStringLiteral("thumbnailCandidate_1"))));
        const QString thumb2 =
            QStringLiteral("/api/v1/videos/%1/files/thumbs/thumb_2.jpg").arg(processed->video_id);
        QTRY_COMPARE_WITH_TIMEOUT(
            rowTitled(QStringLiteral("Processed clip"))->property("thumbnailUrl").toUrl(),
            ui::apiImageUrl(thumb2), 10000);
        QVERIFY(click(find(QStringLiteral("closeThumbnailButton"))));
        QTRY_VERIFY_WITH_TIMEOUT(!find(QStringLiteral("thumbnailCandidates")), 5000);
    }

    void editsThroughTheDialog() {
        QObject* row = rowTitled(QStringLiteral("Waiting for bytes"));
        QVERIFY(row);
        const QString id = row->property("videoId").toString();
        // Keyboard: Enter on the current row edits it, Escape closes the dialog.
        auto* list = qobject_cast<QQuickItem*>(find(QStringLiteral("myVideosList")));
        QVERIFY(list);
        list->forceActiveFocus();
        list->setProperty("currentIndex", row->property("index"));
        QTest::keyClick(m_view.get(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("editTitleField")), 5000);
        QTest::keyClick(m_view.get(), Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!find(QStringLiteral("editTitleField")), 5000);

        QVERIFY(click(find(QStringLiteral("editButton"), row)));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("editTitleField")), 5000);
        QObject* title = find(QStringLiteral("editTitleField"));
        QCOMPARE(title->property("text").toString(), QStringLiteral("Waiting for bytes"));

        // Refused: the server's reason in the dialog, which stays open.
        title->setProperty("text", QString());
        QVERIFY(click(find(QStringLiteral("saveButton"))));
        QTRY_VERIFY_WITH_TIMEOUT(
            find(QStringLiteral("errorBannerText"), find(QStringLiteral("editErrorBanner"))), 10000);
        QVERIFY(find(QStringLiteral("errorBannerText"), find(QStringLiteral("editErrorBanner")))
                    ->property("text")
                    .toString()
                    .contains(QStringLiteral("title")));
        QVERIFY(find(QStringLiteral("editTitleField")));

        title->setProperty("text", QStringLiteral("Renamed in the dialog"));
        QVERIFY(click(find(QStringLiteral("saveButton"))));
        QTRY_VERIFY_WITH_TIMEOUT(!find(QStringLiteral("editTitleField")), 10000); // closed on success
        QTRY_VERIFY_WITH_TIMEOUT(rowTitled(QStringLiteral("Renamed in the dialog")), 5000);
        ApiClient api(m_server);
        QCOMPARE(
            api.get("/api/v1/videos/" + id.toStdString(), accessToken(*m_harness)).json.value("title", ""),
            std::string("Renamed in the dialog"));
    }

    void deletesAfterConfirmation() {
        QObject* row = rowTitled(QStringLiteral("Renamed in the dialog"));
        QVERIFY(row);
        const QString id = row->property("videoId").toString();
        QVERIFY(click(find(QStringLiteral("deleteButton"), row)));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("confirmDeleteButton")), 5000);
        QVERIFY(click(find(QStringLiteral("confirmDeleteButton"))));
        QTRY_VERIFY_WITH_TIMEOUT(!rowTitled(QStringLiteral("Renamed in the dialog")), 10000);
        ApiClient api(m_server);
        QCOMPARE(api.get("/api/v1/videos/" + id.toStdString(), accessToken(*m_harness)).status, 404);
        QVERIFY(rowTitled(QStringLiteral("Processed clip")));
    }

private:
    ui::StudioController* studio() { return m_harness->app().studio(); }
};

QTEST_MAIN(TestStudioPage)
#include "test_studio_page.moc"
