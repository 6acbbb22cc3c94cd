#include "server/store/database.h"

#include <algorithm>

#include <sqlite3.h>

#include "core/util/log.h"

namespace fc::server::store {

Error databaseError(std::string_view what) {
    logError(std::string("database: ") + std::string(what));
    return makeError("database_error", "the database could not complete the request");
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_error(std::move(other.m_error)) {
    other.m_stmt = nullptr;
}

Statement& Statement::bind(int index, int64_t value) {
    if (m_stmt)
        sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (m_stmt)
        sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    if (m_stmt)
        sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    if (m_stmt)
        sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step() {
    if (!m_stmt) {
        if (!m_error)
            m_error = databaseError(sqlite3_errmsg(m_db));
        return false;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = rc == SQLITE_CONSTRAINT ? makeError("constraint_violation", sqlite3_errmsg(m_db))
                                          : databaseError(sqlite3_errmsg(m_db));
    return false;
}

Result<void> Statement::run() {
    while (step()) {
    }
    if (m_error)
        return *m_error;
    return {};
}

int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}
double Statement::real(int column) const {
    return sqlite3_column_double(m_stmt, column);
}
bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::string Statement::text(int column) const {
    const auto* data = sqlite3_column_text(m_stmt, column);
    return data ? std::string(reinterpret_cast<const char*>(data), sqlite3_column_bytes(m_stmt, column))
                : std::string();
}

std::optional<std::string> Statement::optionalText(int column) const {
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

std::optional<int64_t> Statement::optionalInt64(int column) const {
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

Connection::~Connection() {
    sqlite3_close_v2(m_db);
}

Statement Connection::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
        logError(std::string("database: prepare failed: ") + sqlite3_errmsg(m_db) +
                 " in: " + std::string(sql));
        stmt = nullptr;
    }
    return Statement(m_db, stmt);
}

Result<void> Connection::exec(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string what = message ? message : "unknown error";
        sqlite3_free(message);
        return databaseError(what);
    }
    return {};
}

int64_t Connection::changes() const {
    return sqlite3_changes64(m_db);
}
int64_t Connection::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db);
}

namespace {

Result<std::unique_ptr<Connection>> openConnection(const std::string& path, int flags) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close_v2(db);
        return makeError("database_unavailable", "cannot open database " + path + ": " + message);
    }
    sqlite3_busy_timeout(db, 5000);
    auto connection = std::make_unique<Connection>(db);
    // WAL: readers never block the writer; NORMAL sync is durable across process crashes in WAL mode,
    // and the upload path fsyncs its own files before acknowledging.
    if (auto rc =
            connection->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        !rc)
        return rc.error();
    return connection;
}

} // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string& path, int reader_count) {
    std::unique_ptr<Database> database(new Database());
    database->m_path = path;
    auto writer = openConnection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!writer)
        return writer.error();
    database->m_writer = std::move(writer).value();
    for (int i = 0; i < std::max(1, reader_count); ++i) {
        auto reader = openConnection(path, SQLITE_OPEN_READONLY);
        if (!reader)
            return reader.error();
        database->m_freeReaders.push_back(reader->get());
        database->m_readers.push_back(std::move(reader).value());
    }
    return database;
}

Database::~Database() = default;

Database::ReaderLease::ReaderLease(Database& db) : database(db) {
    std::unique_lock lock(db.m_readersMutex);
    db.m_readerFree.wait(lock, [&] { return !db.m_freeReaders.empty(); });
    connection = db.m_freeReaders.back();
    db.m_freeReaders.pop_back();
}

Database::ReaderLease::~ReaderLease() {
    {
        std::lock_guard lock(database.m_readersMutex);
        database.m_freeReaders.push_back(connection);
    }
    database.m_readerFree.notify_one();
}

} // namespace fc::server::store
