#pragma once
// Videos a discovery route lists (docs/API.md §17) as cards. Trending and recommendation items wrap the video
// object with why it is there ({"video", "score", "reason"}); a channel page lists plain video objects
// (ItemShape::Video, whose reason roles are empty). Views read compactly, as grids show them ("1.2K views").
#include <QtQml/qqmlregistration.h>

#include "ui/models/video_list_model.h"

namespace fc::ui {

class DiscoveryVideoModel : public fc::ui::VideoListModel {
    Q_OBJECT
    QML_ANONYMOUS
public:
    enum class ItemShape { Invalid = 0, Wrapped, Video };

    enum DiscoveryRole {
        ScoreRole = FirstExtraRole, // the server's score, higher is better (0 for plain videos)
        ReasonKindRole,             // "because_you_watched", "subscription", "trending", "popular", "fresh"
        ReasonTextRole,             // "Because you watched Bunny"
        ReasonVideoIdRole,          // the watched video a because_you_watched item follows
        ReasonChannelIdRole,        // the subscribed channel of a subscription item
    };
    Q_ENUM(DiscoveryRole)

    DiscoveryVideoModel(ApiClient& api, ItemShape shape, QObject* parent);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    QJsonObject videoOf(const QJsonObject& item) const override;
    QVariant extraData(const QJsonObject& item, int role) const override;
    QHash<int, QByteArray> extraRoleNames() const override;

private:
    ItemShape m_shape = ItemShape::Invalid;
};

} // namespace fc::ui
