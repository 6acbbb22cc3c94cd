// The uploads panel as QML renders it, against a real framecastd: the empty hint and the file picker, a file
// dropped on it, a card per upload with its title field prefilled and edited by typing, the progress line,
// and pause, resume, cancel and remove through the card's buttons.
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "app/app_shell.h"
#include "tests/e2e/ui_driver.h"
#include "tests/ui/test_uploads_support.h"

using namespace fc;
using namespace fc::test;

namespace {

// Depth-first over QObject children and the visual tree (delegates, popups).
QObject* findNamed(QObject* root, const QString& name) {
    if (!root)
        return nullptr;
    if (root->objectName() == name) {
        auto* item = qobject_cast<QQuickItem*>(root);
        if (!item || (item->isVisible() && item->width() > 0 && item->height() > 0))
            return root;
    }
    QObjectList next = root->children();
    if (auto* item = qobject_cast<QQuickItem*>(root))
        for (QQuickItem* child : item->childItems())
            if (!next.contains(child))
                next.append(child);
    for (QObject* child : next)
        if (QObject* found = findNamed(child, name))
            return found;
    return nullptr;
}

} // namespace

class TestUploadsPanel : public QObject {
    Q_OBJECT
    TestServer m_server{{"--job-kinds", "ingest"}};
    QTemporaryDir m_dir;
    std::unique_ptr<AppHarness> m_harness;
    std::unique_ptr<QQuickView> m_view;

    QObject* find(const QString& name, QObject* under = nullptr) {
        return findNamed(under ? under : m_view->rootObject(), name);
    }
    bool click(QObject* object) {
        auto* item = qobject_cast<QQuickItem*>(object);
        if (!item || !item->isEnabled() || !item->isVisible())
            return false;
        const QPointF center = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, center.toPoint());
        return true;
    }
    int state() { return stateOf(*m_harness, 0); }

private slots:
    void initTestCase() {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software); // no VideoOutput here
        fc::app::prepareApplication();
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        m_harness = std::make_unique<AppHarness>(m_server);
        QVERIFY(m_harness->connect());
        QVERIFY(m_harness->signUpThroughApp("panel"));

        m_view = std::make_unique<QQuickView>();
        m_view->engine()->addImportPath(QStringLiteral("qrc:/qt/qml"));
        m_view->setResizeMode(QQuickView::SizeRootObjectToView);
        m_view->resize(1000, 700);
        m_view->setSource(QUrl(QStringLiteral("qrc:/qt/qml/Framecast/Uploads/UploadsPanel.qml")));
        QVERIFY2(m_view->status() == QQuickView::Ready, qPrintable(QDebug::toString(m_view->errors())));
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanupTestCase() {
        m_view.reset();
        m_harness.reset();
    }

    void emptyPanelOffersTheFilePicker() {
        QCOMPARE(m_view->rootObject()->objectName(), QStringLiteral("uploadsPanel"));
        QVERIFY(find(QStringLiteral("uploadsEmptyHint")));
        QObject* dialog = find(QStringLiteral("uploadFileDialog"));
        QVERIFY(dialog);
        QVERIFY(click(find(QStringLiteral("addFilesButton"))));
        QTRY_VERIFY(dialog->property("visible").toBool());
        QMetaObject::invokeMethod(dialog, "reject");
        QTRY_VERIFY(!dialog->property("visible").toBool());
    }

    void aCardShowsTheUploadAndItsButtonsWork() {
        m_harness->app().settings()->setUploadLimitKbps(50); // slow enough to click through every state
        // Dropped on the panel, as from a file manager.
        UiDriver driver(m_view.get(), m_dir.filePath(QStringLiteral("screenshots")));
        QVERIFY(driver.dropFiles(
            QStringLiteral("uploadsPanel"),
            {QUrl::fromLocalFile(uploadClip(m_dir.path(), 12, QStringLiteral("panel clip.mp4")))}));
        QTRY_VERIFY(find(QStringLiteral("uploadRow_0")));
        QObject* row = find(QStringLiteral("uploadRow_0"));
        QVERIFY(!find(QStringLiteral("uploadsEmptyHint")));

        // The title field starts with the file name; typing replaces it in the queue.
        QObject* title = find(QStringLiteral("uploadTitleField"), row);
        QVERIFY(title);
        QCOMPARE(title->property("text").toString(), QStringLiteral("panel clip"));
        QVERIFY(click(title));
        QTRY_VERIFY(title->property("activeFocus").toBool());
        QTest::keyClick(m_view.get(), Qt::Key_A, Qt::ControlModifier);
        for (const char key : QByteArrayLiteral("Typed on the card"))
            QTest::keyClick(m_view.get(), key);
        QCOMPARE(role(*m_harness, 0, UploadQueueModel::TitleRole).toString(),
                 QStringLiteral("Typed on the card"));
        QCOMPARE(find(QStringLiteral("uploadTitleLabel"), row)->property("text").toString(),
                 QStringLiteral("Typed on the card"));

        // The category box follows the item, also on a card built for an item that already has one (as
        // after a restart restores the queue).
        uploads(*m_harness).setCategory(0, QStringLiteral("Music"));
        QTRY_COMPARE(find(QStringLiteral("uploadCategoryBox"), row)->property("currentText").toString(),
                     QStringLiteral("Music"));
        {
            QQuickView second;
            second.engine()->addImportPath(QStringLiteral("qrc:/qt/qml"));
            second.setResizeMode(QQuickView::SizeRootObjectToView);
            second.resize(1000, 700);
            second.setSource(QUrl(QStringLiteral("qrc:/qt/qml/Framecast/Uploads/UploadsPanel.qml")));
            second.show();
            QVERIFY(QTest::qWaitForWindowExposed(&second));
            QTRY_VERIFY(findNamed(second.rootObject(), QStringLiteral("uploadCategoryBox")));
            QCOMPARE(findNamed(second.rootObject(), QStringLiteral("uploadCategoryBox"))
                         ->property("currentText")
                         .toString(),
                     QStringLiteral("Music"));
        }

        // Progress while sending: "123 kB of 1.33 MB · 50 kB/s · 24 s left".
        const auto progressText = [&] {
            QObject* label = find(QStringLiteral("uploadProgressText"), row);
            return label ? label->property("text").toString() : QString();
        };
        const QRegularExpression progress(
            QStringLiteral("^[0-9.]+ k?B of 1.[0-9]+ MB · [0-9.]+ kB/s · [0-9 mins]+ left$"));
        QTRY_VERIFY2_WITH_TIMEOUT(progress.match(progressText()).hasMatch(), qPrintable(progressText()),
                                  10000);

        QVERIFY(click(find(QStringLiteral("pauseButton"), row)));
        QCOMPARE(state(), int(UploadState::Paused));
        QTRY_COMPARE(find(QStringLiteral("uploadStateText"), row)->property("text").toString(),
                     QStringLiteral("Paused"));
        QVERIFY(!find(QStringLiteral("pauseButton"), row));
        QVERIFY(click(find(QStringLiteral("resumeButton"), row)));
        QVERIFY(state() == UploadState::Waiting || state() == UploadState::Uploading);

        QVERIFY(click(find(QStringLiteral("cancelButton"), row)));
        QCOMPARE(state(), int(UploadState::Cancelled));
        QTRY_VERIFY_WITH_TIMEOUT(find(QStringLiteral("removeButton"), row), 15000);
        QVERIFY(click(find(QStringLiteral("removeButton"), row)));
        QCOMPARE(queue(*m_harness).count(), 0);
        QTRY_VERIFY(find(QStringLiteral("uploadsEmptyHint")));
    }
};

QTEST_MAIN(TestUploadsPanel)
#include "test_uploads_panel.moc"
