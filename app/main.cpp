// framecast: the desktop studio and player. Starts or finds the server (first run asks), then loads the QML.
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

#include "app/app_shell.h"
#include "ui/app/app_context.h"

int main(int argc, char* argv[]) {
    QElapsedTimer sinceStart;
    sinceStart.start();
    QGuiApplication application(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("framecast"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Framecast"));
    QGuiApplication::setApplicationVersion(QStringLiteral(FRAMECAST_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("framecast"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Framecast desktop studio and player"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverUrl(QStringLiteral("server-url"),
                                       QStringLiteral("Connect to this framecastd instead of asking."),
                                       QStringLiteral("URL"));
    const QCommandLineOption bundledServer(
        QStringLiteral("bundled-server"),
        QStringLiteral(
            "Run the bundled framecastd on this computer (data in the XDG data dir) instead of asking."));
    const QCommandLineOption quitAfterFirstFrame(
        QStringLiteral("quit-after-first-frame"),
        QStringLiteral("Print the start-up time to the first rendered frame and exit (benchmarks)."));
    parser.addOption(serverUrl);
    parser.addOption(bundledServer);
    parser.addOption(quitAfterFirstFrame);
    parser.process(application);

    fc::app::prepareApplication();
    fc::ui::AppOptions options = fc::ui::defaultAppOptions(parser.value(serverUrl));
    options.use_bundled_server = parser.isSet(bundledServer);
    fc::ui::AppContext context(options);
    QQmlApplicationEngine engine;
    QQuickWindow* window = fc::app::loadMainWindow(engine);
    if (!window) {
        std::fprintf(stderr, "framecast: the user interface could not be loaded\n");
        return 1;
    }
    if (parser.isSet(quitAfterFirstFrame)) {
        QObject::connect(
            window, &QQuickWindow::frameSwapped, &application,
            [&] {
                std::printf("first frame after %lld ms\n", static_cast<long long>(sinceStart.elapsed()));
                std::fflush(stdout);
                QTimer::singleShot(0, &application, &QCoreApplication::quit);
            },
            Qt::SingleShotConnection);
    } else {
        context.start();
    }
    return application.exec();
}
