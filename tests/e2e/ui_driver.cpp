#include "tests/e2e/ui_driver.h"

#include <QDir>
#include <QMimeData>
#include <QTest>

namespace fc::test {
namespace {

void collect(QQuickItem* item, const QString& name, bool prefix, QList<QQuickItem*>& out) {
    if (!item || !item->isVisible())
        return;
    const QString objectName = item->objectName();
    if (!objectName.isEmpty() && (prefix ? objectName.startsWith(name) : objectName == name))
        out.append(item);
    for (QQuickItem* child : item->childItems())
        collect(child, name, prefix, out);
}

} // namespace

UiDriver::UiDriver(QQuickWindow* window, QString screenshot_dir)
    : m_window(window), m_dir(std::move(screenshot_dir)) {
    QDir().mkpath(m_dir);
    // A reopened app continues the numbering of the same run.
    m_shots = int(QDir(m_dir).entryList({QStringLiteral("*.png")}, QDir::Files).size());
}

QQuickItem* UiDriver::find(const QString& object_name) const {
    QList<QQuickItem*> found;
    // Popups (dialogs) live in the window's overlay, which is below contentItem's parent.
    QQuickItem* root = m_window->contentItem();
    while (root->parentItem())
        root = root->parentItem();
    collect(root, object_name, false, found);
    return found.isEmpty() ? nullptr : found.constFirst();
}

QList<QQuickItem*> UiDriver::findAll(const QString& prefix) const {
    QList<QQuickItem*> found;
    QQuickItem* root = m_window->contentItem();
    while (root->parentItem())
        root = root->parentItem();
    collect(root, prefix, true, found);
    return found;
}

QQuickItem* UiDriver::waitFor(const QString& object_name, int timeout_ms) const {
    QQuickItem* item = nullptr;
    const bool found = QTest::qWaitFor([&] { return (item = find(object_name)) != nullptr; }, timeout_ms);
    return found ? item : nullptr;
}

bool UiDriver::click(QQuickItem* item) {
    if (!item || !item->isEnabled())
        return false;
    const QPoint centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
    QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier, centre);
    QTest::qWait(50);
    return true;
}

bool UiDriver::click(const QString& object_name) {
    return click(waitFor(object_name));
}

bool UiDriver::typeInto(const QString& object_name, const QString& text) {
    QQuickItem* item = waitFor(object_name);
    if (!click(item))
        return false;
    item->forceActiveFocus();
    QTest::keySequence(m_window, QKeySequence::SelectAll);
    QTest::keyClick(m_window, Qt::Key_Backspace);
    for (const QChar character : text) // QTest has keyClicks for widgets only
        QTest::keyClick(m_window, character.toLatin1());
    return item->property("text").toString() == text;
}

bool UiDriver::dropFiles(const QString& object_name, const QList<QUrl>& files) {
    QQuickItem* item = waitFor(object_name);
    if (!item)
        return false;
    const QPoint at = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
    QMimeData data;
    data.setUrls(files);
    QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window, &enter);
    QDragMoveEvent move(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window, &move);
    QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window, &drop);
    QTest::qWait(50);
    return drop.isAccepted();
}

QString UiDriver::screenshot(const QString& name) {
    QTest::qWait(100); // let the scene graph render the last change
    const QImage image = m_window->grabWindow();
    const QString path =
        QStringLiteral("%1/%2-%3.png").arg(m_dir).arg(++m_shots, 2, 10, QLatin1Char('0')).arg(name);
    return !image.isNull() && image.save(path) ? path : QString();
}

} // namespace fc::test
