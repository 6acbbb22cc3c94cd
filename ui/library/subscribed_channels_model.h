#pragma once
// The channels the user subscribes to (GET /api/v1/users/me/subscriptions), most recent first, with
// unsubscribing from the list (DELETE /api/v1/channels/<id>/subscription).
#include <QtQml/qqmlregistration.h>

#include "ui/models/json_list_model.h"

namespace fc::ui {

class SubscribedChannelsModel : public fc::ui::JsonListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SubscribedChannelsModel belongs to App.library")
public:
    enum Role {
        ChannelIdRole = Qt::UserRole + 1,
        NameRole,
        HandleRole,
        AvatarUrlRole, // image://framecast/api/v1/images/..., empty when none
        SubscriberCountRole,
        SubscribersTextRole, // "12 subscribers"
        VideoCountRole,
        VideoCountTextRole, // "3 videos"
    };
    Q_ENUM(Role)

    explicit SubscribedChannelsModel(ApiClient& api, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The row goes when the server confirms (unsubscribed), or errorMessage says why not.
    Q_INVOKABLE void unsubscribe(const QString& channel_id);

signals:
    void unsubscribed(const QString& channel_id);

protected:
    QString listPath() const override { return QStringLiteral("/api/v1/users/me/subscriptions"); }
    QString itemKey(const QJsonObject& item) const override;
    QString loadErrorText(const QString& reason) const override;

private:
};

} // namespace fc::ui
