// The reference for the app start-up benchmark: the smallest Qt Quick Controls app with the same style
// (Material) and window size as framecast, timed the same way (process start → first frame swapped).
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[]) {
    QElapsedTimer sinceStart;
    sinceStart.start();
    QGuiApplication application(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Material"));
    QQmlApplicationEngine engine;
    engine.loadData(R"(
        import QtQuick
        import QtQuick.Controls
        ApplicationWindow {
            width: 1280; height: 800; visible: true
            Label { anchors.centerIn: parent; text: "Hello" }
        })");
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().value(0));
    if (!window)
        return 1;
    const bool stay = argc > 1 && QByteArray(argv[1]) == "--stay";
    QObject::connect(
        window, &QQuickWindow::frameSwapped, &application,
        [&] {
            std::printf("first frame after %lld ms\n", static_cast<long long>(sinceStart.elapsed()));
            std::fflush(stdout);
            if (!stay)
                QTimer::singleShot(0, &application, &QCoreApplication::quit);
        },
        Qt::SingleShotConnection);
    return application.exec();
}
