#pragma once
// The app as main() runs it, for the end-to-end tests: its services (AppContext) on given config and data
// dirs against a TestServer, the QML main window at 1280×800 and a UiDriver on it. close() tears them down in
// main()'s order (the window, then the services: upload workers stop there); open() after close() is the app
// reopened on the same dirs.
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QString>

#include <functional>
#include <memory>
#include <string>

#include "tests/e2e/ui_driver.h"
#include "tests/support/test_server.h"
#include "ui/app/app_context.h"

namespace fc::test {

class E2eApp {
public:
    E2eApp(const TestServer& server, QString config_dir, QString data_dir, QString screenshot_dir);
    ~E2eApp();

    // Loads the window and starts the services; false when the window fails to load or show. With activate
    // the window is also made active (keyboard shortcuts go to the active window; Xvfb has no window
    // manager to do it).
    bool open(bool activate = false);
    void close();

    // Signs up through the window's form as a person would: name, name@example.org and "correct horse
    // battery", waiting for the sign-in stage before and Ready after; before_submit runs with the form
    // filled in (a screenshot, say). False on any step that fails.
    bool signUp(const QString& name, const std::function<void()>& before_submit = {});

    // Uploads a file as the signed-in user straight through tus (not the app's queue) and waits until the
    // server has it ready; the video id, or empty when the upload or its processing failed.
    std::string uploadReady(const QString& path, const std::string& visibility = "public");

    ui::AppContext* app() const { return m_app.get(); }
    UiDriver* ui() const { return m_ui.get(); }
    QQuickWindow* window() const { return m_window; }

private:
    const TestServer& m_server;
    QString m_config_dir;
    QString m_data_dir;
    QString m_screenshot_dir;
    std::unique_ptr<ui::AppContext> m_app;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    std::unique_ptr<UiDriver> m_ui;
    QQuickWindow* m_window = nullptr;
};

} // namespace fc::test
