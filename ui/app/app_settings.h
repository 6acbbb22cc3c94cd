#pragma once
// The user's preferences (QSettings in <config dir>/framecast.conf): theme, which server to use, the upload
// bandwidth limit. Plain values; the controllers react to the change signals.
#include <QObject>
#include <QSettings>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class AppSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AppSettings belongs to App")
    Q_PROPERTY(ThemeMode themeMode READ themeMode WRITE setThemeMode NOTIFY themeModeChanged)
    Q_PROPERTY(ServerMode serverMode READ serverMode NOTIFY serverChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY serverChanged)
    Q_PROPERTY(
        int uploadLimitKbps READ uploadLimitKbps WRITE setUploadLimitKbps NOTIFY uploadLimitKbpsChanged)
public:
    enum class ThemeMode { System = 0, Light, Dark };
    Q_ENUM(ThemeMode)
    enum class ServerMode { NotChosen = 0, Bundled, Remote };
    Q_ENUM(ServerMode)

    explicit AppSettings(const QString& config_dir, QObject* parent = nullptr);

    ThemeMode themeMode() const;
    void setThemeMode(ThemeMode mode);
    ServerMode serverMode() const;
    QString serverUrl() const;
    void setServer(ServerMode mode, const QString& url);
    int uploadLimitKbps() const; // 0 = unlimited
    void setUploadLimitKbps(int kbps);
    // The player's last throughput estimate, the next session's first ABR guess (0 = none yet).
    double lastThroughputEstimateBps() const;
    void setLastThroughputEstimateBps(double bps);

signals:
    void themeModeChanged();
    void serverChanged();
    void uploadLimitKbpsChanged();

private:
    QSettings m_settings;
};

} // namespace fc::ui
