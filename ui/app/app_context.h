#pragma once
// The root QML singleton (`App`): owns the services and controllers and hands them to QML. It also runs the
// start-up flow: choose a server (first run) → connect (start the bundled framecastd, or check a URL) →
// restore or ask for a session → the shell.
#include <QObject>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

#include "ui/api/api_client.h"
#include "ui/app/app_settings.h"
#include "ui/discovery/browse_controller.h"
#include "ui/discovery/search_controller.h"
#include "ui/library/library_controller.h"
#include "ui/preview/preview_controller.h"
#include "ui/realtime/realtime_client.h"
#include "ui/server/bundled_server.h"
#include "ui/session/session_controller.h"
#include "ui/social/social_controller.h"
#include "ui/studio/studio_controller.h"
#include "ui/uploads/uploads_controller.h"

class QQmlEngine;
class QJSEngine;

namespace fc::ui {

struct AppOptions {
    QString config_dir;              // settings, session.json (0600)
    QString data_dir;                // upload queue, caches, the bundled server's data (data_dir/server)
    QString framecastd_path;         // empty: not available
    QString server_url;              // set: connect to this server and skip the first-run choice
    bool use_bundled_server = false; // set: run the bundled server and skip the first-run choice
};

// XDG locations (QStandardPaths), the framecastd beside the app, and --server-url from the command line.
AppOptions defaultAppOptions(const QString& server_url = {});

class AppContext : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON
    Q_PROPERTY(Stage stage READ stage NOTIFY stageChanged)
    Q_PROPERTY(QString connectionError READ connectionError NOTIFY stageChanged)
    Q_PROPERTY(QString serverDescription READ serverDescription NOTIFY stageChanged)
    Q_PROPERTY(bool bundledServerAvailable READ bundledServerAvailable CONSTANT)
    Q_PROPERTY(fc::ui::AppSettings* settings READ settings CONSTANT)
    Q_PROPERTY(fc::ui::SessionController* session READ session CONSTANT)
    Q_PROPERTY(fc::ui::BundledServer* server READ server CONSTANT)
    Q_PROPERTY(fc::ui::RealtimeClient* realtime READ realtime CONSTANT)
    Q_PROPERTY(fc::ui::UploadsController* uploads READ uploads CONSTANT)
    Q_PROPERTY(fc::ui::StudioController* studio READ studio CONSTANT)
    Q_PROPERTY(fc::ui::PreviewController* preview READ preview CONSTANT)
    Q_PROPERTY(fc::ui::LibraryController* library READ library CONSTANT)
    Q_PROPERTY(fc::ui::SocialController* social READ social CONSTANT)
    Q_PROPERTY(fc::ui::BrowseController* browse READ browse CONSTANT)
    Q_PROPERTY(fc::ui::SearchController* search READ search CONSTANT)
public:
    enum class Stage { FirstRun = 0, Connecting, ConnectFailed, SignIn, Ready };
    Q_ENUM(Stage)

    explicit AppContext(AppOptions options, QObject* parent = nullptr);
    ~AppContext() override;

    // QML's factory: the instance main() (or a test) made before loading QML.
    static AppContext* create(QQmlEngine* engine, QJSEngine* js);
    static AppContext* instance();

    void start(); // begins the start-up flow

    Stage stage() const { return m_stage; }
    QString connectionError() const { return m_connectionError; }
    QString serverDescription() const;
    bool bundledServerAvailable() const { return !m_options.framecastd_path.isEmpty(); }
    const AppOptions& options() const { return m_options; }
    QString serverIdentity() const; // "bundled" or the server URL: what stored sessions and queues belong to

    AppSettings* settings() { return m_settings; }
    ApiClient* api() { return m_api; }
    SessionController* session() { return m_session; }
    BundledServer* server() { return m_server; }
    RealtimeClient* realtime() { return m_realtime; }
    UploadsController* uploads() { return m_uploads; }
    StudioController* studio() { return m_studio; }
    PreviewController* preview() { return m_preview; }
    LibraryController* library() { return m_library; }
    SocialController* social() { return m_social; }
    BrowseController* browse() { return m_browse; }
    SearchController* search() { return m_search; }

    Q_INVOKABLE void useBundledServer();
    Q_INVOKABLE void useServerUrl(const QString& url);
    Q_INVOKABLE void retryConnection();
    Q_INVOKABLE void chooseAnotherServer(); // back to the first-run choice

signals:
    void stageChanged();
    void connected(); // the API base URL is set and the server answered

private:
    void connectToServer();
    void onServerReachable(const QUrl& url);
    void setStage(Stage stage, const QString& error = {});

    AppOptions m_options;
    Stage m_stage = Stage::FirstRun;
    QString m_connectionError;
    AppSettings* m_settings = nullptr;
    ApiClient* m_api = nullptr;
    SessionController* m_session = nullptr;
    BundledServer* m_server = nullptr;
    RealtimeClient* m_realtime = nullptr;
    UploadsController* m_uploads = nullptr;
    StudioController* m_studio = nullptr;
    PreviewController* m_preview = nullptr;
    LibraryController* m_library = nullptr;
    SocialController* m_social = nullptr;
    BrowseController* m_browse = nullptr;
    SearchController* m_search = nullptr;
};

} // namespace fc::ui
