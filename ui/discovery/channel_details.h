#pragma once
// The channel a channel page shows (GET /api/v1/channels/<id>, docs/API.md §5): name, handle, description,
// banner and avatar, subscriber and video counts, with loading and error state. Subscribing goes through
// App.social (BrowseController puts the channel there).
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class ApiClient;

class ChannelDetails : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ChannelDetails belongs to App.browse")
    Q_PROPERTY(QString channelId READ channelId NOTIFY channelChanged)
    Q_PROPERTY(QString name READ name NOTIFY channelChanged)
    Q_PROPERTY(QString handle READ handle NOTIFY channelChanged)
    Q_PROPERTY(QString handleText READ handleText NOTIFY channelChanged) // "@ada"
    Q_PROPERTY(QString description READ description NOTIFY channelChanged)
    Q_PROPERTY(QUrl avatarUrl READ avatarUrl NOTIFY channelChanged) // empty when none
    Q_PROPERTY(QUrl bannerUrl READ bannerUrl NOTIFY channelChanged) // empty when none
    Q_PROPERTY(qint64 subscriberCount READ subscriberCount NOTIFY channelChanged)
    Q_PROPERTY(QString subscribersText READ subscribersText NOTIFY channelChanged) // "1.2K subscribers"
    Q_PROPERTY(qint64 videoCount READ videoCount NOTIFY channelChanged)
    Q_PROPERTY(QString videoCountText READ videoCountText NOTIFY channelChanged) // "7 videos"
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY channelChanged) // the channel object arrived
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
public:
    explicit ChannelDetails(ApiClient& api, QObject* parent = nullptr);

    QString channelId() const { return m_channelId; }
    QString name() const { return text("name"); }
    QString handle() const { return text("handle"); }
    QString handleText() const;
    QString description() const { return text("description"); }
    QUrl avatarUrl() const;
    QUrl bannerUrl() const;
    qint64 subscriberCount() const;
    QString subscribersText() const;
    qint64 videoCount() const;
    QString videoCountText() const;
    bool loading() const { return m_loading; }
    bool loaded() const { return !m_channel.isEmpty(); }
    QString errorMessage() const { return m_error; }

    // Reads the channel (another one's details are cleared first); "" shows none.
    void open(const QString& channel_id);
    Q_INVOKABLE void refresh();
    Q_INVOKABLE void clearError();

signals:
    void channelChanged();
    void loadingChanged();
    void errorMessageChanged();

private:
    QString text(const char* field) const;
    void setLoading(bool loading);
    void setError(const QString& message);

    ApiClient& m_api;
    QString m_channelId;
    QJsonObject m_channel;
    bool m_loading = false;
    QString m_error;
    int m_generation = 0; // answers for a channel no longer open are dropped
};

} // namespace fc::ui
