#pragma once
// The creator's comment review queue (GET /api/v1/users/me/comments/held, docs/API.md §13): comments held on
// the user's videos, oldest first, with why they were held. Approving publishes one, removing deletes it for
// good (both take it off the queue once the server confirms), and blocking its author
// (PUT /api/v1/channels/<my channel>/blocked-users/<user>) stops them commenting on the channel; their held
// comments stay for a decision.
#include <QSet>
#include <QtQml/qqmlregistration.h>

#include "ui/models/json_list_model.h"

namespace fc::ui {

class SessionController;

class CommentReviewModel : public fc::ui::JsonListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CommentReviewModel belongs to App.library")
public:
    enum Role {
        CommentIdRole = Qt::UserRole + 1,
        TextRole,
        AuthorIdRole,
        AuthorNameRole, // the display name, else the username
        AuthorUsernameRole,
        AuthorBlockedRole, // blocked from the channel in this session
        VideoIdRole,
        VideoTitleRole,
        HeldReasonRole,     // the server's code: profanity, link, repetition, rate, reported, review_all
        HeldReasonTextRole, // the reason in words
        CreatedAtRole,
        AgeTextRole,
    };
    Q_ENUM(Role)

    CommentReviewModel(ApiClient& api, SessionController& session, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void approve(const QString& comment_id);
    Q_INVOKABLE void remove(const QString& comment_id);
    Q_INVOKABLE void blockAuthor(const QString& comment_id);

signals:
    void approved(const QString& comment_id);
    void removed(const QString& comment_id);
    void authorBlocked(const QString& user_id);

protected:
    QString listPath() const override { return QStringLiteral("/api/v1/users/me/comments/held"); }
    QString itemKey(const QJsonObject& item) const override;
    QString loadErrorText(const QString& reason) const override;
    void forgotten() override { m_blocked.clear(); }

private:
    SessionController& m_session;
    QSet<QString> m_blocked; // user ids blocked from this queue
};

} // namespace fc::ui
