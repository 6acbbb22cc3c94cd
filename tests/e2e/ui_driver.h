#pragma once
// Drives the real QML window the way a person would: finds items by objectName, clicks them, types into them,
// drops files on them, and saves screenshots. For the end-to-end tests only.
#include <QImage>
#include <QList>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>
#include <QUrl>

namespace fc::test {

class UiDriver {
public:
    UiDriver(QQuickWindow* window, QString screenshot_dir);

    // The first visible item (window content or popups) with this objectName; nullptr if none.
    QQuickItem* find(const QString& object_name) const;
    // Waits until find() returns a visible item; nullptr on time-out.
    QQuickItem* waitFor(const QString& object_name, int timeout_ms = 10000) const;
    // All visible items whose objectName starts with prefix (e.g. "uploadRow_").
    QList<QQuickItem*> findAll(const QString& prefix) const;

    bool click(const QString& object_name); // a left click at the item's centre; false if not found/enabled
    bool click(QQuickItem* item);
    bool typeInto(const QString& object_name, const QString& text); // focus by click, select all, type
    // Drag-and-drop of local files onto the item, as from a file manager.
    bool dropFiles(const QString& object_name, const QList<QUrl>& files);

    // Saves <dir>/<NN>-<name>.png (numbered in order); the path, or empty on failure.
    QString screenshot(const QString& name);

private:
    QQuickWindow* m_window;
    QString m_dir;
    int m_shots = 0;
};

} // namespace fc::test
