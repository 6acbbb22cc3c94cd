#pragma once
// A video's comments setting for the Studio's edit dialog (docs/API.md §13): "on", "held" (every new comment
// waits for review) or "off". load() reads it from the video object; save() sends PATCH /api/v1/videos/<id>
// {"comments_mode"} and mode follows the server's answer.
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "ui/api/api_result.h"

namespace fc::ui {

class ApiClient;

class CommentsModeSetting : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CommentsModeSetting belongs to App.library")
    Q_PROPERTY(QString videoId READ videoId NOTIFY changed)
    Q_PROPERTY(QString mode READ mode NOTIFY changed)
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY changed)
public:
    explicit CommentsModeSetting(ApiClient& api, QObject* parent = nullptr);

    QString videoId() const { return m_videoId; }
    QString mode() const { return m_mode; } // empty until read
    bool busy() const { return m_busy; }
    QString errorMessage() const { return m_error; }

    Q_INVOKABLE void load(const QString& video_id);
    Q_INVOKABLE void save(const QString& mode);
    Q_INVOKABLE void clearError();
    void reset(); // no video (signed out); answers still due are dropped

signals:
    void changed();
    void saved(const QString& video_id, const QString& mode);

private:
    void finish(const ApiResult& result, const QString& failure);

    ApiClient& m_api;
    QString m_videoId;
    QString m_mode;
    bool m_busy = false;
    QString m_error;
    int m_serial = 0; // answers for an earlier load() are dropped
};

} // namespace fc::ui
