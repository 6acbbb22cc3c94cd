#pragma once
// What main() and the end-to-end tests share: the QML modules linked in, the style, and loading the root
// window. The tests build the app exactly as the executable does.
#include <QQmlApplicationEngine>
#include <QQuickWindow>

namespace fc::app {

// Once per process, before the first QGuiApplication-dependent call that touches styles.
void prepareApplication();
// Loads Main.qml into engine (App must already exist: its image providers are installed on the engine); the
// window, or nullptr with the errors logged.
QQuickWindow* loadMainWindow(QQmlApplicationEngine& engine);

} // namespace fc::app
