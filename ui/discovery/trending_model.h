#pragma once
// Trending videos (GET /api/v1/videos/trending, docs/API.md §17): best first within a time range (day, week
// or month) and optionally one category. Changing either reads the list again; computedAt says when the
// server last ranked it.
#include <QDateTime>
#include <QtQml/qqmlregistration.h>

#include "ui/discovery/discovery_video_model.h"

namespace fc::ui {

class TrendingModel : public fc::ui::DiscoveryVideoModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TrendingModel belongs to App.browse")
    Q_PROPERTY(QString timeRange READ timeRange WRITE setTimeRange NOTIFY timeRangeChanged)
    Q_PROPERTY(QString category READ category WRITE setCategory NOTIFY categoryChanged)
    Q_PROPERTY(QDateTime computedAt READ computedAt NOTIFY computedAtChanged)
public:
    explicit TrendingModel(ApiClient& api, QObject* parent = nullptr);

    QString timeRange() const { return m_timeRange; }
    // "day", "week" (the default) or "month"; anything else is ignored.
    void setTimeRange(const QString& time_range);
    QString category() const { return m_category; }
    // One category (as GET /api/v1/categories names it), or "" for all.
    void setCategory(const QString& category);
    QDateTime computedAt() const { return m_computedAt; }

    // The route with its query, as the next request sends it (before limit and cursor).
    QString requestPath() const { return listPath(); }

signals:
    void timeRangeChanged();
    void categoryChanged();
    void computedAtChanged();

protected:
    QString listPath() const override;
    QString loadErrorText(const QString& reason) const override;
    void pageArrived(const QJsonObject& body, bool first_page) override;

private:
    QString m_timeRange = QStringLiteral("week");
    QString m_category;
    QDateTime m_computedAt;
};

} // namespace fc::ui
