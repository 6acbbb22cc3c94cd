#include "ui/app/app_settings.h"

#include <algorithm>

namespace fc::ui {

AppSettings::AppSettings(const QString& config_dir, QObject* parent)
    : QObject(parent), m_settings(config_dir + QStringLiteral("/framecast.conf"), QSettings::IniFormat) {}

AppSettings::ThemeMode AppSettings::themeMode() const {
    const int value = m_settings.value(QStringLiteral("ui/theme"), 0).toInt();
    return value >= 0 && value <= 2 ? ThemeMode(value) : ThemeMode::System;
}

void AppSettings::setThemeMode(ThemeMode mode) {
    if (mode == themeMode())
        return;
    m_settings.setValue(QStringLiteral("ui/theme"), int(mode));
    emit themeModeChanged();
}

AppSettings::ServerMode AppSettings::serverMode() const {
    const QString value = m_settings.value(QStringLiteral("server/mode")).toString();
    if (value == QLatin1String("bundled"))
        return ServerMode::Bundled;
    if (value == QLatin1String("remote"))
        return ServerMode::Remote;
    return ServerMode::NotChosen;
}

QString AppSettings::serverUrl() const {
    return m_settings.value(QStringLiteral("server/url")).toString();
}

void AppSettings::setServer(ServerMode mode, const QString& url) {
    const QString name = mode == ServerMode::Bundled  ? QStringLiteral("bundled")
                         : mode == ServerMode::Remote ? QStringLiteral("remote")
                                                      : QString();
    m_settings.setValue(QStringLiteral("server/mode"), name);
    m_settings.setValue(QStringLiteral("server/url"), url);
    m_settings.sync();
    emit serverChanged();
}

int AppSettings::uploadLimitKbps() const {
    return std::max(0, m_settings.value(QStringLiteral("uploads/limit_kbps"), 0).toInt());
}

void AppSettings::setUploadLimitKbps(int kbps) {
    kbps = std::max(0, kbps);
    if (kbps == uploadLimitKbps())
        return;
    m_settings.setValue(QStringLiteral("uploads/limit_kbps"), kbps);
    emit uploadLimitKbpsChanged();
}

double AppSettings::lastThroughputEstimateBps() const {
    return std::max(0.0, m_settings.value(QStringLiteral("player/last_throughput_bps"), 0.0).toDouble());
}

void AppSettings::setLastThroughputEstimateBps(double bps) {
    if (!(bps > 0)) // NaN and zero keep the previous estimate
        return;
    m_settings.setValue(QStringLiteral("player/last_throughput_bps"), bps);
    m_settings.sync();
}

} // namespace fc::ui
