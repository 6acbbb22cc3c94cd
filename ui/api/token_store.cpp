#include "ui/api/token_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fc::ui {

std::optional<StoredSession> TokenStore::load() const {
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    StoredSession session;
    session.server_url = root.value(QStringLiteral("server_url")).toString();
    session.tokens.access_token = root.value(QStringLiteral("access_token")).toString();
    session.tokens.refresh_token = root.value(QStringLiteral("refresh_token")).toString();
    session.tokens.expires_at_ms = root.value(QStringLiteral("expires_at_ms")).toInteger();
    session.user = root.value(QStringLiteral("user")).toObject();
    if (session.server_url.isEmpty() || session.tokens.refresh_token.isEmpty())
        return std::nullopt;
    return session;
}

bool TokenStore::save(const StoredSession& session) const {
    const QJsonObject root{{QStringLiteral("server_url"), session.server_url},
                           {QStringLiteral("access_token"), session.tokens.access_token},
                           {QStringLiteral("refresh_token"), session.tokens.refresh_token},
                           {QStringLiteral("expires_at_ms"), session.tokens.expires_at_ms},
                           {QStringLiteral("user"), session.user}};
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    // POSIX on purpose: the mode is set at creation, never widened then narrowed.
    const QByteArray temporary = QFile::encodeName(m_path + QStringLiteral(".tmp"));
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    ::fchmod(fd, 0600); // an older .tmp left with other bits
    qsizetype written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + written, size_t(bytes.size() - written));
        if (n <= 0) {
            ::close(fd);
            return false;
        }
        written += n;
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced && ::rename(temporary.constData(), QFile::encodeName(m_path).constData()) == 0;
}

void TokenStore::clear() const {
    QFile::remove(m_path);
}

} // namespace fc::ui
