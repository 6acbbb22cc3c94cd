#pragma once
// SQLite in WAL mode: one writer connection (serialised) and a pool of reader connections.
// Call only from worker threads, never from a network thread.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/util/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace fc::server::store {

class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullptr_t);
    template <class T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    template <class... Args> Statement& bindAll(const Args&... args) {
        int index = 1;
        (bind(index++, args), ...);
        return *this;
    }

    // true while a row is available; errors become false with error() set.
    bool step();
    Result<void> run(); // step to completion
    const std::optional<Error>& error() const { return m_error; }

    int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::optional<int64_t> optionalInt64(int column) const;
    bool isNull(int column) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    std::optional<Error> m_error;
};

class Connection {
public:
    explicit Connection(sqlite3* db) : m_db(db) {}
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Statement prepare(std::string_view sql);
    Result<void> exec(std::string_view sql); // one or more statements, no parameters
    template <class... Args> Result<void> run(std::string_view sql, const Args&... args) {
        return prepare(sql).bindAll(args...).run();
    }
    int64_t changes() const;
    int64_t lastInsertRowId() const;

private:
    sqlite3* m_db = nullptr;
};

class Database {
public:
    static Result<std::unique_ptr<Database>> open(const std::string& path, int reader_count);
    ~Database();

    // Runs fn(Connection&) -> Result<T> inside BEGIN IMMEDIATE; commits on success, rolls back on error.
    template <class Fn> auto write(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
        std::lock_guard lock(m_writerMutex);
        if (auto begun = m_writer->exec("BEGIN IMMEDIATE"); !begun)
            return begun.error();
        auto result = fn(*m_writer);
        if (result) {
            if (auto committed = m_writer->exec("COMMIT"); !committed) {
                (void)m_writer->exec("ROLLBACK");
                return committed.error();
            }
        } else {
            (void)m_writer->exec("ROLLBACK");
        }
        return result;
    }

    // Runs fn(Connection&) on a pooled reader (a consistent snapshot for its duration).
    template <class Fn> auto read(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
        ReaderLease lease(*this);
        return fn(*lease.connection);
    }

    const std::string& path() const { return m_path; }

private:
    Database() = default;
    struct ReaderLease {
        explicit ReaderLease(Database& db);
        ~ReaderLease();
        Database& database;
        Connection* connection = nullptr;
    };

    std::string m_path;
    std::mutex m_writerMutex;
    std::unique_ptr<Connection> m_writer;
    std::mutex m_readersMutex;
    std::condition_variable m_readerFree;
    std::vector<std::unique_ptr<Connection>> m_readers;
    std::vector<Connection*> m_freeReaders;
};

Error databaseError(std::string_view what); // code "database_error", logged, message safe to show

} // namespace fc::server::store
