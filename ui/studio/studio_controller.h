#pragma once
// The Studio (App.studio): the signed-in user's videos (videos), editing their details (PATCH), deleting
// them, and the thumbnail picker (thumbnails). The list loads when the app is connected and signed in, and
// empties on sign-out.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include "ui/studio/my_videos_model.h"
#include "ui/studio/thumbnail_choices_model.h"

namespace fc::ui {

class AppContext;

class StudioController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StudioController belongs to App")
    Q_PROPERTY(fc::ui::MyVideosModel* videos READ videos CONSTANT)
    Q_PROPERTY(fc::ui::ThumbnailChoicesModel* thumbnails READ thumbnails CONSTANT)
    Q_PROPERTY(bool saving READ saving NOTIFY savingChanged)
    Q_PROPERTY(QString editError READ editError NOTIFY editErrorChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
public:
    explicit StudioController(AppContext* app);

    MyVideosModel* videos() { return m_videos; }
    ThumbnailChoicesModel* thumbnails() { return m_thumbnails; }
    bool saving() const { return m_saving; }
    QString editError() const { return m_editError; }
    QString errorMessage() const { return m_error; }

    Q_INVOKABLE void refresh();
    // PATCH /api/v1/videos/<id> with every field of the edit dialog (tags comma-separated); videoSaved or
    // editError follows. The upload form's rules are checked first; the server has the last word.
    Q_INVOKABLE void saveVideo(const QString& video_id, const QString& title, const QString& description,
                               const QString& tags_text, const QString& category, const QString& visibility);
    // DELETE /api/v1/videos/<id>; the row goes when the server confirms (videoDeleted), or errorMessage.
    Q_INVOKABLE void deleteVideo(const QString& video_id);
    Q_INVOKABLE void clearEditError();
    Q_INVOKABLE void clearError();

signals:
    void savingChanged();
    void editErrorChanged();
    void errorMessageChanged();
    void videoSaved(const QString& video_id);
    void videoDeleted(const QString& video_id);

private:
    void setSaving(bool saving);
    void setEditError(const QString& message);
    void setError(const QString& message);
    bool signedIn() const;

    AppContext* m_app = nullptr;
    MyVideosModel* m_videos = nullptr;
    ThumbnailChoicesModel* m_thumbnails = nullptr;
    bool m_saving = false;
    QString m_editError;
    QString m_error;
};

} // namespace fc::ui
