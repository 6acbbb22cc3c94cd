#pragma once
// The signed-in session kept between runs: <config dir>/session.json, readable by the user alone (0600,
// written to a temporary file created 0600 and renamed, so no other user can ever read it).
#include <QJsonObject>
#include <QString>

#include <optional>

#include "ui/api/api_client.h"

namespace fc::ui {

struct StoredSession {
    QString server_url; // the session belongs to this server
    SessionTokens tokens;
    QJsonObject user; // the user object as last read
};

class TokenStore {
public:
    explicit TokenStore(QString config_dir) : m_path(config_dir + QStringLiteral("/session.json")) {}

    std::optional<StoredSession> load() const;
    bool save(const StoredSession& session) const; // false when the file could not be written
    void clear() const;
    QString path() const { return m_path; }

private:
    QString m_path;
};

} // namespace fc::ui
