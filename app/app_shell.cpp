#include "app/app_shell.h"

#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>

#include "ui/app/app_context.h"
#include "ui/preview/preview_image_provider.h"
#include "ui/studio/api_image_provider.h"

// The QML modules are static libraries: their plugins are linked in and imported here.
Q_IMPORT_QML_PLUGIN(Framecast_UiPlugin)
Q_IMPORT_QML_PLUGIN(Framecast_ComponentsPlugin)
Q_IMPORT_QML_PLUGIN(Framecast_PagesPlugin)
Q_IMPORT_QML_PLUGIN(Framecast_UploadsPlugin)
Q_IMPORT_QML_PLUGIN(Framecast_PreviewPlugin)
Q_IMPORT_QML_PLUGIN(Framecast_StudioPlugin)
Q_IMPORT_QML_PLUGIN(Framecast_CommentsPlugin)
Q_IMPORT_QML_PLUGIN(Framecast_PlayerPlugin)
Q_IMPORT_QML_PLUGIN(Framecast_AppPlugin)

namespace fc::app {

void prepareApplication() {
    QQuickStyle::setStyle(QStringLiteral("Material"));
}

QQuickWindow* loadMainWindow(QQmlApplicationEngine& engine) {
    engine.addImportPath(QStringLiteral("qrc:/qt/qml")); // Qt 6.4 does not search it by default
    if (ui::AppContext* app = ui::AppContext::instance()) {
        ui::installImageProvider(engine, *app); // thumbnails fetched with the session's token
        ui::installPreviewImageProvider(engine, *app->preview());
    }
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Framecast/App/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return nullptr;
    return qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
}

} // namespace fc::app
