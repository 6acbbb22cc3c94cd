#pragma once
// The thumbnail picker of one video: the generated candidates (GET /api/v1/videos/<id>/thumbnails), choosing
// one, or uploading a custom image from a file (PUT /api/v1/videos/<id>/thumbnail). thumbnailChanged tells
// the Studio list the video's new thumbnail.
#include <QAbstractListModel>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace fc::ui {

class ApiClient;
struct ApiRequest;
struct ApiResult;

class ThumbnailChoicesModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ThumbnailChoicesModel belongs to App.studio")
    Q_PROPERTY(QString videoId READ videoId NOTIFY videoIdChanged)
    Q_PROPERTY(QUrl customImageUrl READ customImageUrl NOTIFY customImageUrlChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
public:
    enum Role { PositionRole = Qt::UserRole + 1, ImageUrlRole, TimeMsRole, BlackRole, SelectedRole };
    Q_ENUM(Role)

    explicit ThumbnailChoicesModel(ApiClient& api, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString videoId() const { return m_videoId; }
    QUrl customImageUrl() const; // image://framecast/... when a custom image is the thumbnail, else empty
    bool busy() const { return m_busy != 0; }
    QString errorMessage() const { return m_error; }

    Q_INVOKABLE void load(const QString& video_id);
    Q_INVOKABLE void choose(int position);
    // A JPEG, PNG or WebP file (file:// URL from a file dialog, or a local path).
    Q_INVOKABLE void uploadFile(const QUrl& file);
    Q_INVOKABLE void clearError();

signals:
    void videoIdChanged();
    void customImageUrlChanged();
    void busyChanged();
    void errorMessageChanged();
    // The video's thumbnail is now thumbnail_path (the server's thumbnail_url).
    void thumbnailChanged(const QString& video_id, const QString& thumbnail_path);

private:
    struct Candidate {
        int position = 0;
        QString path;
        qint64 time_ms = 0;
        bool black = false;
        bool selected = false;
    };
    // PUT .../thumbnail: request carries the candidate (json) or the image (raw_body, content_type).
    void sendThumbnail(const QString& video_id, ApiRequest request);
    void onThumbnailSet(const QString& video_id, const ApiResult& result);
    void applyCandidates(const QJsonObject& body);
    void beginBusy();
    void endBusy();
    void setError(const QString& message);

    ApiClient& m_api;
    QString m_videoId;
    QString m_customPath;
    QList<Candidate> m_candidates;
    int m_busy = 0; // requests in flight
    int m_generation = 0;
    QString m_error;
};

} // namespace fc::ui
