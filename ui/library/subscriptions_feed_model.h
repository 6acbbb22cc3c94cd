#pragma once
// The subscriptions feed (GET /api/v1/users/me/feed/subscriptions): public, playable videos of the channels
// the user subscribes to, newest published first, as video cards.
#include <QtQml/qqmlregistration.h>

#include "ui/models/video_list_model.h"

namespace fc::ui {

class SubscriptionsFeedModel : public fc::ui::VideoListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SubscriptionsFeedModel belongs to App.library")
public:
    explicit SubscriptionsFeedModel(ApiClient& api, QObject* parent = nullptr)
        : VideoListModel(api, parent) {}

protected:
    QString listPath() const override { return QStringLiteral("/api/v1/users/me/feed/subscriptions"); }
    QString loadErrorText(const QString& reason) const override {
        return tr("Could not load your subscriptions feed: %1").arg(reason);
    }
};

} // namespace fc::ui
