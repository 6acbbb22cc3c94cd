#include "tests/e2e/e2e_app.h"

#include <QCoreApplication>
#include <QTest>

#include "app/app_shell.h"
#include "tests/server/test_upload_helpers.h"
#include "tests/support/api_client.h"

namespace fc::test {

using Stage = ui::AppContext::Stage;

E2eApp::E2eApp(const TestServer& server, QString config_dir, QString data_dir, QString screenshot_dir)
    : m_server(server), m_config_dir(std::move(config_dir)), m_data_dir(std::move(data_dir)),
      m_screenshot_dir(std::move(screenshot_dir)) {}

E2eApp::~E2eApp() {
    close();
}

bool E2eApp::open(bool activate) {
    ui::AppOptions options;
    options.config_dir = m_config_dir;
    options.data_dir = m_data_dir;
    options.server_url = QString::fromStdString(m_server.url(""));
    m_app = std::make_unique<ui::AppContext>(options);
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_window = app::loadMainWindow(*m_engine);
    if (!m_window)
        return false;
    m_window->resize(1280, 800);
    m_ui = std::make_unique<UiDriver>(m_window, m_screenshot_dir);
    m_app->start();
    if (!QTest::qWaitForWindowExposed(m_window))
        return false;
    if (!activate)
        return true;
    m_window->requestActivate();
    return QTest::qWaitForWindowActive(m_window);
}

void E2eApp::close() {
    m_ui.reset();
    m_window = nullptr;
    m_engine.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_app.reset();
}

bool E2eApp::signUp(const QString& name, const std::function<void()>& before_submit) {
    if (!QTest::qWaitFor([&] { return m_app->stage() == Stage::SignIn; }, 15000) ||
        !m_ui->click(QStringLiteral("signUpTab")) || !m_ui->typeInto(QStringLiteral("usernameField"), name) ||
        !m_ui->typeInto(QStringLiteral("emailField"), name + QStringLiteral("@example.org")) ||
        !m_ui->typeInto(QStringLiteral("passwordField"), QStringLiteral("correct horse battery")))
        return false;
    if (before_submit)
        before_submit();
    return m_ui->click(QStringLiteral("submitButton")) &&
           QTest::qWaitFor([&] { return m_app->stage() == Stage::Ready; }, 15000);
}

std::string E2eApp::uploadReady(const QString& path, const std::string& visibility) {
    const std::string token = m_app->api()->tokens().access_token.toStdString();
    const std::string video_id = uploadWithTus(m_server, token, path, visibility);
    if (video_id.empty())
        return {};
    ApiClient api(m_server);
    const auto ready = waitForVideoStatus(api, token, video_id, {"ready", "failed"}, 120000);
    return ready.value("status", "") == "ready" ? video_id : std::string();
}

} // namespace fc::test
