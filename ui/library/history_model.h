#pragma once
// Watch history (GET /api/v1/users/me/history, docs/API.md §12 and §16): the videos the user saved a position
// in, most recent first, each with how far they got; removing one entry or all of them, and pausing history
// (while paused the server saves no positions and adds nothing).
#include <QtQml/qqmlregistration.h>

#include "ui/models/video_list_model.h"

namespace fc::ui {

class HistoryModel : public fc::ui::VideoListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("HistoryModel belongs to App.library")
    Q_PROPERTY(bool paused READ paused NOTIFY pausedChanged)
public:
    enum HistoryRole {
        PositionSRole = FirstExtraRole, // the resume position in seconds
        ProgressRole,                   // 0..1 of the video's duration (0 when unknown)
        WatchedAtRole,
        WatchedAgoTextRole, // "2 hours ago"
    };
    Q_ENUM(HistoryRole)

    HistoryModel(ApiClient& api, QObject* parent = nullptr);

    bool paused() const { return m_paused; }
    // PUT /api/v1/users/me/history/settings; the property follows the server's answer.
    Q_INVOKABLE void setPaused(bool paused);
    // GET /api/v1/users/me/history/settings.
    Q_INVOKABLE void readSettings();

    // The entry and its resume position go on the server; the row goes when it confirms.
    Q_INVOKABLE void remove(const QString& video_id);
    Q_INVOKABLE void clearAll();

signals:
    void pausedChanged();

protected:
    QString listPath() const override { return QStringLiteral("/api/v1/users/me/history"); }
    QString loadErrorText(const QString& reason) const override;
    QJsonObject videoOf(const QJsonObject& item) const override;
    QVariant extraData(const QJsonObject& item, int role) const override;
    QHash<int, QByteArray> extraRoleNames() const override;

private:
    void applySettings(const QJsonObject& settings);

    bool m_paused = false;
};

} // namespace fc::ui
