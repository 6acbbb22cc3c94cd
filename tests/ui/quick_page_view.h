#pragma once
// What the QML page tests do to a page or the shell shown in a QQuickView (offscreen): find a visible item by
// objectName, read its properties, let a frame render, click an item as a mouse would. A test class derives
// from it next to QObject.
#include <QPointer>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

#include "ui/studio/api_image_provider.h"

namespace fc::test {

// Depth-first over the visual tree (delegates, headers, dialog contents) and QObject children (popups);
// visible items with a width only.
inline QObject* findVisibleNamed(QObject* root, const QString& name) {
    if (!root)
        return nullptr;
    auto* item = qobject_cast<QQuickItem*>(root);
    if (root->objectName() == name && (!item || (item->isVisible() && item->width() > 0)))
        return root;
    QObjectList next = root->children();
    if (item)
        for (QQuickItem* child : item->childItems())
            if (!next.contains(child))
                next.append(child);
    for (QObject* child : next)
        if (QObject* found = findVisibleNamed(child, name))
            return found;
    return nullptr;
}

class QuickPageView {
protected:
    std::unique_ptr<QQuickView> m_view;

    // Shows source (a qrc:/qt/qml/… URL) with the app's image provider; false (and the QML errors logged)
    // when it does not load.
    bool showQml(const QString& source, ui::AppContext& app, QSize size = {1280, 800}) {
        m_view = std::make_unique<QQuickView>();
        m_view->engine()->addImportPath(QStringLiteral("qrc:/qt/qml"));
        ui::installImageProvider(*m_view->engine(), app);
        m_view->setResizeMode(QQuickView::SizeRootObjectToView);
        m_view->resize(size);
        m_view->setSource(QUrl(source));
        if (m_view->status() != QQuickView::Ready) {
            qWarning() << m_view->errors();
            return false;
        }
        m_view->show();
        return QTest::qWaitForWindowExposed(m_view.get());
    }
    QObject* find(const QString& name, QObject* under = nullptr) {
        return findVisibleNamed(under ? under : m_view->contentItem(), name);
    }
    // A property of the named item, or an invalid QVariant while it does not exist (lists being rebuilt).
    QVariant propertyOf(const QString& name, const char* property, QObject* under = nullptr) {
        QObject* object = find(name, under);
        return object ? object->property(property) : QVariant();
    }
    QString textOf(const QString& name, QObject* under = nullptr) {
        return propertyOf(name, "text", under).toString();
    }
    // Lets the window polish and render once: layouts (a tab just shown) settle before positions are read.
    bool settled() {
        QSignalSpy frame(m_view.get(), &QQuickWindow::frameSwapped);
        m_view->update();
        return frame.wait(5000);
    }
    bool click(QObject* object) {
        const QPointer<QObject> alive(object);
        if (!settled() || !alive) // a list reset while the frame rendered deletes its delegates
            return false;
        auto* item = qobject_cast<QQuickItem*>(object);
        if (!item || !item->isEnabled() || !item->isVisible())
            return false;
        const QPointF center = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(m_view.get(), Qt::LeftButton, {}, center.toPoint());
        return true;
    }
};

} // namespace fc::test
