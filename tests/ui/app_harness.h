#pragma once
// The app's services (AppContext) against a real framecastd, for model and controller tests: temporary config
// and data dirs, connected to the TestServer, optionally signed in as a fresh user. No window unless asked.
#include <QTemporaryDir>

#include <memory>
#include <optional>
#include <string>

#include "tests/support/api_client.h"
#include "tests/support/test_server.h"
#include "ui/app/app_context.h"

namespace fc::test {

class AppHarness {
public:
    // dirs: reuse another harness's config/data dirs (an app "reopened"); empty = fresh temporary dirs.
    explicit AppHarness(const TestServer& server, const QString& config_dir = {},
                        const QString& data_dir = {});
    ~AppHarness();

    ui::AppContext& app() { return *m_app; }
    QString configDir() const { return m_configDir; }
    QString dataDir() const { return m_dataDir; }

    // Starts the flow and waits for App.stage to leave Connecting (SignIn or Ready). False on time-out.
    bool connect(int timeout_ms = 15000);
    // Signs up a new user through the app's SessionController and waits for Ready; the user, or nullopt.
    std::optional<SignedUpUser> signUpThroughApp(const std::string& prefix = "appuser");
    // Signs in an existing user (username + "correct horse battery" by default).
    bool signIn(const std::string& username, const std::string& password = "correct horse battery");

    // Destroys the AppContext as closing the app would (workers stop, state is persisted).
    void close();
    // A new AppContext on the same dirs, as reopening the app would; connects again.
    bool reopen(int timeout_ms = 15000);

private:
    const TestServer& m_server;
    QTemporaryDir m_ownedConfig;
    QTemporaryDir m_ownedData;
    QString m_configDir;
    QString m_dataDir;
    std::unique_ptr<ui::AppContext> m_app;
};

} // namespace fc::test
