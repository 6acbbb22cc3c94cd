#include "ui/discovery/trending_model.h"

#include <QUrl>

namespace fc::ui {

TrendingModel::TrendingModel(ApiClient& api, QObject* parent)
    : DiscoveryVideoModel(api, ItemShape::Wrapped, parent) {}

void TrendingModel::setTimeRange(const QString& time_range) {
    const bool known = time_range == QLatin1String("day") || time_range == QLatin1String("week") ||
                       time_range == QLatin1String("month");
    if (!known || time_range == m_timeRange)
        return;
    m_timeRange = time_range;
    emit timeRangeChanged();
    refresh();
}

void TrendingModel::setCategory(const QString& category) {
    if (category == m_category)
        return;
    m_category = category;
    emit categoryChanged();
    refresh();
}

QString TrendingModel::listPath() const {
    QString path = QStringLiteral("/api/v1/videos/trending?time_range=") + m_timeRange;
    if (!m_category.isEmpty())
        path += QStringLiteral("&category=") + QString::fromLatin1(QUrl::toPercentEncoding(m_category));
    return path;
}

QString TrendingModel::loadErrorText(const QString& reason) const {
    return tr("Could not load trending videos: %1").arg(reason);
}

void TrendingModel::pageArrived(const QJsonObject& body, bool first_page) {
    if (!first_page)
        return; // the list is the one ranked when its first page was read
    const QDateTime computed_at =
        QDateTime::fromString(body.value(QStringLiteral("computed_at")).toString(), Qt::ISODateWithMs);
    if (computed_at == m_computedAt)
        return;
    m_computedAt = computed_at;
    emit computedAtChanged();
}

} // namespace fc::ui
