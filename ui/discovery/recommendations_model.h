#pragma once
// The home feed (GET /api/v1/recommendations, docs/API.md §17): videos recommended for the signed-in user (or
// for anyone, at cold start), best first, each with its reason ("Because you watched …"). Every page of one
// feed comes from one ranked list on the server; refresh() starts a new one.
#include <QtQml/qqmlregistration.h>

#include "ui/discovery/discovery_video_model.h"

namespace fc::ui {

class RecommendationsModel : public fc::ui::DiscoveryVideoModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RecommendationsModel belongs to App.browse")
public:
    explicit RecommendationsModel(ApiClient& api, QObject* parent = nullptr)
        : DiscoveryVideoModel(api, ItemShape::Wrapped, parent) {}

protected:
    QString listPath() const override { return QStringLiteral("/api/v1/recommendations"); }
    QString loadErrorText(const QString& reason) const override {
        return tr("Could not load your recommendations: %1").arg(reason);
    }
};

} // namespace fc::ui
