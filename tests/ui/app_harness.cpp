#include "tests/ui/app_harness.h"

#include <QTest>

namespace fc::test {

AppHarness::AppHarness(const TestServer& server, const QString& config_dir, const QString& data_dir)
    : m_server(server) {
    m_configDir = config_dir.isEmpty() ? m_ownedConfig.path() : config_dir;
    m_dataDir = data_dir.isEmpty() ? m_ownedData.path() : data_dir;
    reopen(0);
}

AppHarness::~AppHarness() {
    close();
}

bool AppHarness::reopen(int timeout_ms) {
    close();
    ui::AppOptions options;
    options.config_dir = m_configDir;
    options.data_dir = m_dataDir;
    options.server_url = QString::fromStdString(m_server.url(""));
    m_app = std::make_unique<ui::AppContext>(options);
    return timeout_ms == 0 || connect(timeout_ms);
}

void AppHarness::close() {
    m_app.reset();
}

bool AppHarness::connect(int timeout_ms) {
    using Stage = ui::AppContext::Stage;
    if (m_app->stage() == Stage::FirstRun || m_app->stage() == Stage::ConnectFailed)
        m_app->start();
    return QTest::qWaitFor([&] { return m_app->stage() == Stage::SignIn || m_app->stage() == Stage::Ready; },
                           timeout_ms);
}

std::optional<SignedUpUser> AppHarness::signUpThroughApp(const std::string& prefix) {
    static int counter = 0;
    const std::string username =
        prefix + std::to_string(QCoreApplication::applicationPid() % 10000) + "_" + std::to_string(++counter);
    m_app->session()->signUp(QString::fromStdString(username),
                             QString::fromStdString(username + "@example.org"),
                             QStringLiteral("correct horse battery"));
    const bool ready = QTest::qWaitFor(
        [&] { return m_app->stage() == ui::AppContext::Stage::Ready && !m_app->session()->busy(); }, 15000);
    if (!ready)
        return std::nullopt;
    SignedUpUser user;
    user.id = m_app->session()->userId().toStdString();
    user.username = username;
    user.channel_id = m_app->session()->channelId().toStdString();
    user.access_token = m_app->api()->tokens().access_token.toStdString();
    user.refresh_token = m_app->api()->tokens().refresh_token.toStdString();
    return user;
}

bool AppHarness::signIn(const std::string& username, const std::string& password) {
    m_app->session()->signIn(QString::fromStdString(username), QString::fromStdString(password));
    return QTest::qWaitFor(
        [&] { return m_app->session()->state() == ui::SessionController::State::SignedIn; }, 15000);
}

} // namespace fc::test
