#include "ui/app/app_context.h"

#include <QCoreApplication>
#include <QDir>
#include <QJSEngine>
#include <QQmlEngine>
#include <QStandardPaths>

namespace fc::ui {
namespace {
AppContext* g_instance = nullptr;

QUrl normalisedServerUrl(const QString& text) {
    QString trimmed = text.trimmed();
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QStringLiteral("http://"));
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    url.setPath({});
    url.setQuery(QString());
    url.setFragment({});
    return url;
}
} // namespace

AppOptions defaultAppOptions(const QString& server_url) {
    AppOptions options;
    options.config_dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    options.data_dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.framecastd_path = BundledServer::findExecutable(QCoreApplication::applicationDirPath());
    options.server_url = server_url;
    return options;
}

AppContext::AppContext(AppOptions options, QObject* parent) : QObject(parent), m_options(std::move(options)) {
    QDir().mkpath(m_options.config_dir);
    QDir().mkpath(m_options.data_dir);
    m_settings = new AppSettings(m_options.config_dir, this);
    m_api = new ApiClient(this);
    m_session = new SessionController(*m_api, TokenStore(m_options.config_dir), this);
    m_server =
        new BundledServer(m_options.framecastd_path, m_options.data_dir + QStringLiteral("/server"), this);
    m_realtime = new RealtimeClient(this);
    m_uploads = new UploadsController(this);
    m_studio = new StudioController(this);
    m_preview = new PreviewController(this);
    m_library = new LibraryController(this);
    m_social = new SocialController(this);
    m_browse = new BrowseController(this);
    m_search = new SearchController(this);

    connect(m_server, &BundledServer::ready, this, &AppContext::onServerReachable);
    connect(m_server, &BundledServer::stateChanged, this, [this] {
        if (m_server->state() == BundledServer::State::Failed &&
            m_settings->serverMode() == AppSettings::ServerMode::Bundled)
            setStage(Stage::ConnectFailed, m_server->errorMessage());
    });
    connect(m_session, &SessionController::stateChanged, this, [this] {
        // Expired keeps the shell (a sign-in dialog covers it); signing out returns to the sign-in page.
        if (m_session->state() == SessionController::State::SignedOut && m_stage == Stage::Ready)
            setStage(Stage::SignIn);
        if (m_session->state() == SessionController::State::SignedIn &&
            (m_stage == Stage::SignIn || m_stage == Stage::Connecting))
            setStage(Stage::Ready);
    });
    // The WebSocket follows the session: reconnect with each new access token.
    connect(m_api, &ApiClient::tokensChanged, this, [this] {
        if (m_stage == Stage::Ready || m_stage == Stage::SignIn)
            m_realtime->open(m_api->baseUrl(), m_api->tokens().access_token);
    });
    g_instance = this;
}

AppContext::~AppContext() {
    if (g_instance == this)
        g_instance = nullptr;
    m_realtime->close();
    // Controllers stop their worker threads before the server goes away (their destructors run as children,
    // after this body), so stop uploads first.
    delete m_preview;
    m_preview = nullptr;
    delete m_uploads;
    m_uploads = nullptr;
    m_server->stop();
}

AppContext* AppContext::create(QQmlEngine* engine, QJSEngine* js) {
    (void)js;
    Q_ASSERT(g_instance);
    QJSEngine::setObjectOwnership(g_instance, QJSEngine::CppOwnership);
    (void)engine;
    return g_instance;
}

AppContext* AppContext::instance() {
    return g_instance;
}

QString AppContext::serverIdentity() const {
    return m_settings->serverMode() == AppSettings::ServerMode::Bundled ? QStringLiteral("bundled")
                                                                        : m_settings->serverUrl();
}

QString AppContext::serverDescription() const {
    if (m_settings->serverMode() == AppSettings::ServerMode::Bundled)
        return QStringLiteral("Bundled server on this computer (%1)").arg(m_api->baseUrl().toString());
    return m_settings->serverUrl();
}

void AppContext::start() {
    if (m_options.use_bundled_server && bundledServerAvailable())
        m_settings->setServer(AppSettings::ServerMode::Bundled, {});
    if (!m_options.server_url.isEmpty()) {
        const QUrl url = normalisedServerUrl(m_options.server_url);
        if (url.isValid())
            m_settings->setServer(AppSettings::ServerMode::Remote, url.toString());
    }
    if (m_settings->serverMode() == AppSettings::ServerMode::NotChosen) {
        setStage(Stage::FirstRun);
        return;
    }
    connectToServer();
}

void AppContext::useBundledServer() {
    m_settings->setServer(AppSettings::ServerMode::Bundled, {});
    connectToServer();
}

void AppContext::useServerUrl(const QString& text) {
    const QUrl url = normalisedServerUrl(text);
    if (!url.isValid()) {
        setStage(Stage::FirstRun, QStringLiteral("\"%1\" is not a server address; use e.g. "
                                                 "http://example.org:8080")
                                      .arg(text.trimmed()));
        return;
    }
    m_server->stop();
    m_settings->setServer(AppSettings::ServerMode::Remote, url.toString());
    connectToServer();
}

void AppContext::retryConnection() {
    connectToServer();
}

void AppContext::chooseAnotherServer() {
    m_realtime->close();
    m_server->stop();
    m_settings->setServer(AppSettings::ServerMode::NotChosen, {});
    setStage(Stage::FirstRun);
}

void AppContext::connectToServer() {
    setStage(Stage::Connecting);
    if (m_settings->serverMode() == AppSettings::ServerMode::Bundled) {
        if (m_server->state() == BundledServer::State::Running)
            onServerReachable(m_server->url());
        else
            m_server->start();
        return;
    }
    const QUrl url(m_settings->serverUrl());
    m_api->setBaseUrl(url);
    ApiRequest health;
    health.path = QStringLiteral("/healthz");
    health.auth = ApiAuth::Anonymous;
    health.timeout_ms = 8000;
    m_api->call(health, this, [this, url](const ApiResult& result) {
        if (result.ok())
            onServerReachable(url);
        else
            setStage(Stage::ConnectFailed,
                     result.status == 0 ? result.error.message
                                        : QStringLiteral("%1 answered, but it is not a Framecast server "
                                                         "(HTTP %2 from /healthz).")
                                              .arg(url.toString())
                                              .arg(result.status));
    });
}

void AppContext::onServerReachable(const QUrl& url) {
    m_api->setBaseUrl(url);
    m_session->setServerIdentity(serverIdentity());
    emit connected();
    m_session->restore([this](bool signed_in) {
        m_realtime->open(m_api->baseUrl(), m_api->tokens().access_token);
        setStage(signed_in ? Stage::Ready : Stage::SignIn);
    });
}

void AppContext::setStage(Stage stage, const QString& error) {
    if (m_stage == stage && m_connectionError == error)
        return;
    m_stage = stage;
    m_connectionError = error;
    emit stageChanged();
}

} // namespace fc::ui
