#pragma once
// Test-side access to the running server's SQLite file with the sqlite3 C API (QtSql is not installed).
// The server runs SQLite in WAL mode, so a second connection may read and write while it serves; writes wait
// for the server's writer through the busy timeout. Tests use this to check what is stored (password hashes)
// and to insert video rows directly, so authorization and listing rules can be tested without uploads.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <QString>

namespace fc::test {

class DirectDatabase {
public:
    explicit DirectDatabase(const QString& data_dir) {
        const std::string path = (data_dir + "/framecast.sqlite").toStdString();
        if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            sqlite3_close_v2(m_db);
            m_db = nullptr;
            return;
        }
        sqlite3_busy_timeout(m_db, 10000);
    }
    ~DirectDatabase() { sqlite3_close_v2(m_db); }
    DirectDatabase(const DirectDatabase&) = delete;
    DirectDatabase& operator=(const DirectDatabase&) = delete;

    bool isOpen() const { return m_db != nullptr; }
    std::string lastError() const { return m_db ? sqlite3_errmsg(m_db) : "not open"; }

    // Runs one statement with text parameters; returns the first column of every row (NULL as nullopt).
    std::optional<std::vector<std::optional<std::string>>> query(const std::string& sql,
                                                                 const std::vector<std::string>& args = {}) {
        if (!m_db)
            return std::nullopt;
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            return std::nullopt;
        for (size_t i = 0; i < args.size(); ++i)
            sqlite3_bind_text(stmt, static_cast<int>(i + 1), args[i].c_str(), -1, SQLITE_TRANSIENT);
        std::vector<std::optional<std::string>> rows;
        int rc = 0;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            const auto* text = sqlite3_column_text(stmt, 0);
            rows.push_back(text ? std::optional<std::string>(reinterpret_cast<const char*>(text))
                                : std::nullopt);
        }
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE)
            return std::nullopt;
        return rows;
    }

    bool exec(const std::string& sql, const std::vector<std::string>& args = {}) {
        return query(sql, args).has_value();
    }

    // One value (first row, first column), or nullopt when there is no row or on error.
    std::optional<std::string> scalar(const std::string& sql, const std::vector<std::string>& args = {}) {
        auto rows = query(sql, args);
        if (!rows || rows->empty())
            return std::nullopt;
        return rows->front();
    }

    struct VideoRow {
        std::string id;
        std::string channel_id;
        std::string owner_id;
        std::string title = "Test video";
        std::string visibility = "public";
        std::string status = "ready";
        int64_t created_at_ms = 0;
    };

    // Inserts a video row as the upload path would once processing is done.
    bool insertVideo(const VideoRow& video) {
        const std::string created = std::to_string(video.created_at_ms);
        return exec(
            "INSERT INTO videos (id, channel_id, owner_id, title, visibility, status, source_filename, "
            "source_size_bytes, source_sha256, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'clip.mp4', 1234, 'abc123', ?, ?)",
            {video.id, video.channel_id, video.owner_id, video.title, video.visibility, video.status, created,
             created});
    }

private:
    sqlite3* m_db = nullptr;
};

} // namespace fc::test
