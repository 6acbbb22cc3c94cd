// framecast-search-bench: issue #7's search benchmark (tests/bench/search_bench.sh drives it).
//
//   framecast-search-bench generate --db FILE [--videos 1000000] [--channels 20000] [--seed 7]
//     Writes users, channels and listed videos straight into a framecastd database whose schema the server
//     made (its migrations ran). Text comes from a Zipf-distributed vocabulary of made-up but real-looking
//     words: titles 3–10 words, 1–5 tags, descriptions 20–80 words, channel names 1–3 words. The video index
//     is built once after the bulk insert (the insert trigger is set aside meanwhile and put back), which is
//     timed on its own. Prints JSON: insert_s, index_build_s, optimize_s, and the size of the database, of
//     the video index and of the videos table (dbstat).
//   framecast-search-bench run --server URL [--server-pid PID] [--videos 1000000] [--seed 7] [--requests
//   3000]
//     Sequential requests over one keep-alive connection, one route at a time, each after 300 untimed ones:
//     GET /api/v1/search with a query drawn from the same word distribution (1–3 words; 20 % with the last
//     word cut to a prefix; 5 % with a typo), GET /api/v1/search/suggest with the first two thirds of such a
//     query, and GET /api/v1/videos/<id> of a random video as the reference. Prints JSON: p50/p90/p99/max
//     per route (and search by query kind) and, given the server's pid, its CPU time per request.
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/transfer/http_client.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kVocabulary = 60'000;
constexpr double kZipfExponent = 1.0;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// This process's CPU time so far (a busy machine stretches the wall time of a build, not its CPU time).
double cpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

// The made-up language: the same words and frequencies for a seed, in the generator and in the queries.
class Language {
public:
    // The words and their frequencies depend on seed only; stream seeds what is drawn afterwards.
    Language(uint64_t seed, uint64_t stream) : m_random(seed) {
        static const char* onsets[] = {"b",  "c",  "d",  "f",  "g",  "h",  "k",  "l",  "m",
                                       "n",  "p",  "r",  "s",  "t",  "v",  "w",  "br", "cr",
                                       "dr", "fl", "gr", "pl", "st", "tr", "sh", "ch", "th"};
        static const char* vowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y"};
        static const char* codas[] = {"", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rk", "ng"};
        std::vector<std::string> words;
        std::map<std::string, bool> seen;
        while (words.size() < kVocabulary) {
            std::string word;
            const int syllables = 1 + static_cast<int>(m_random() % 4);
            for (int s = 0; s < syllables; ++s)
                word += std::string(onsets[m_random() % std::size(onsets)]) +
                        vowels[m_random() % std::size(vowels)];
            word += codas[m_random() % std::size(codas)];
            if (word.size() >= 2 && !seen[word]) {
                seen[word] = true;
                words.push_back(word);
            }
        }
        m_words = std::move(words);
        m_random.seed(stream);
        double total = 0;
        for (size_t rank = 0; rank < m_words.size(); ++rank)
            m_cumulative.push_back(total += 1.0 / std::pow(static_cast<double>(rank + 1), kZipfExponent));
    }

    const std::string& word() {
        const double at = std::uniform_real_distribution<double>(0, m_cumulative.back())(m_random);
        const size_t rank =
            std::lower_bound(m_cumulative.begin(), m_cumulative.end(), at) - m_cumulative.begin();
        return m_words[std::min(rank, m_words.size() - 1)];
    }
    std::string words(int count, bool capitalise = false) {
        std::string out;
        for (int i = 0; i < count; ++i) {
            std::string next = word();
            if (capitalise && (i == 0 || m_random() % 3 == 0))
                next[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(next[0])));
            out += (i ? " " : "") + next;
        }
        return out;
    }
    int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
    double unit() { return std::uniform_real_distribution<double>(0, 1)(m_random); }
    std::mt19937_64& random() { return m_random; }

private:
    std::mt19937_64 m_random;
    std::vector<std::string> m_words;
    std::vector<double> m_cumulative;
};

// 11-character base64url ids, distinct per (kind, index).
std::string benchId(char kind, uint64_t index) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string id(1, kind);
    uint64_t value = index * 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 10; ++i, value >>= 6)
        id += alphabet[value & 63];
    return id;
}

struct Db {
    sqlite3* handle = nullptr;
    ~Db() { sqlite3_close_v2(handle); }
    bool exec(const std::string& sql) {
        char* message = nullptr;
        if (sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK)
            return true;
        std::fprintf(stderr, "sqlite: %s in %.200s\n", message ? message : "?", sql.c_str());
        sqlite3_free(message);
        return false;
    }
    int64_t scalar(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        int64_t value = -1;
        if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW)
            value = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
        return value;
    }
    std::string text(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        std::string value;
        if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
            sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0))
            value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        sqlite3_finalize(statement);
        return value;
    }
};

// Binds texts and integers in order, steps, resets.
struct Insert {
    sqlite3_stmt* statement = nullptr;
    Insert(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &statement, nullptr); }
    ~Insert() { sqlite3_finalize(statement); }
    int index = 1;
    Insert& text(const std::string& value) {
        sqlite3_bind_text(statement, index++, value.c_str(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT);
        return *this;
    }
    Insert& number(int64_t value) {
        sqlite3_bind_int64(statement, index++, value);
        return *this;
    }
    bool run() {
        const int rc = sqlite3_step(statement);
        sqlite3_reset(statement);
        index = 1;
        return rc == SQLITE_DONE;
    }
};

int generate(const std::string& path, size_t videos, size_t channels, uint64_t seed) {
    Db db;
    if (sqlite3_open_v2(path.c_str(), &db.handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        return std::fprintf(stderr, "cannot open %s\n", path.c_str()), 1;
    Language language(seed, seed);
    const std::string trigger = db.text("SELECT sql FROM sqlite_master WHERE name = 'video_search_insert'");
    if (trigger.empty() || !db.exec("PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; "
                                    "DROP TRIGGER video_search_insert;"))
        return std::fprintf(stderr,
                            "no video_search_insert trigger: run framecastd on this database first\n"),
               1;

    const auto started = Clock::now();
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    db.exec("BEGIN");
    {
        Insert user(db.handle,
                    "INSERT INTO users (id, username, email, password_hash, created_at, updated_at) "
                    "VALUES (?, ?, ?, '!', ?, ?)");
        Insert channel(db.handle,
                       "INSERT INTO channels (id, owner_id, handle, name, description, subscriber_count, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (size_t i = 0; i < channels; ++i) {
            const std::string name = "benchuser" + std::to_string(i);
            user.text(benchId('u', i))
                .text(name)
                .text(name + "@bench.invalid")
                .number(now_ms)
                .number(now_ms)
                .run();
            channel.text(benchId('c', i))
                .text(benchId('u', i))
                .text("benchchannel" + std::to_string(i))
                .text(language.words(language.between(1, 3), true))
                .text(language.words(language.between(5, 20)))
                .number(language.between(0, 5000))
                .number(now_ms)
                .number(now_ms)
                .run();
        }
    }
    static const char* categories[] = {"Music",  "Gaming", "Education", "Sports",  "News",
                                       "Travel", "Comedy", "Film",      "Science", "Howto",
                                       "Pets",   "Food",   "Autos",     "Art",     ""};
    Insert video(
        db.handle,
        "INSERT INTO videos (id, channel_id, owner_id, title, description, tags, category, visibility, "
        "status, "
        "source_filename, duration_ms, view_count, like_count, dislike_count, playable, created_at, "
        "updated_at, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'public', 'ready', 'bench.mp4', ?, ?, ?, "
        "?, 1, ?, ?, ?)");
    const int64_t span_ms = int64_t{3} * 365 * 24 * 3600 * 1000;
    for (size_t i = 0; i < videos; ++i) {
        const size_t owner = language.random()() % channels;
        nlohmann::json tags = nlohmann::json::array();
        for (int t = language.between(1, 5); t > 0; --t)
            tags.push_back(language.word());
        const int64_t views =
            static_cast<int64_t>(10.0 / std::pow(1.0 - language.unit() * 0.999999, 1.0 / 1.2));
        const int64_t likes = static_cast<int64_t>(views * language.unit() * 0.05);
        const int64_t created =
            now_ms - span_ms + static_cast<int64_t>(span_ms * (double(i) / double(videos)));
        video.text(benchId('v', i))
            .text(benchId('c', owner))
            .text(benchId('u', owner))
            .text(language.words(language.between(3, 10), true))
            .text(language.words(language.between(20, 80)))
            .text(tags.dump())
            .text(categories[language.random()() % std::size(categories)])
            .number(static_cast<int64_t>(30'000 + language.unit() * language.unit() * 7'200'000))
            .number(views)
            .number(likes)
            .number(static_cast<int64_t>(likes * language.unit() * 0.2))
            .number(created)
            .number(created)
            .number(created);
        if (!video.run())
            return std::fprintf(stderr, "insert failed: %s\n", sqlite3_errmsg(db.handle)), 1;
        if (i % 50'000 == 49'999)
            db.exec("COMMIT; BEGIN");
    }
    db.exec("COMMIT");
    const double insert_s = secondsSince(started);
    const double insert_cpu_s = cpuSeconds();

    const auto indexing = Clock::now();
    const double build_cpu_before = cpuSeconds();
    const bool indexed = db.exec(
        "BEGIN; INSERT INTO video_search_docs (video_id, published_at, duration_ms, category, view_count, "
        "like_count, "
        "dislike_count) SELECT id, coalesce(published_at, created_at), duration_ms, category, view_count, "
        "like_count, "
        "dislike_count FROM videos WHERE visibility = 'public' AND status = 'ready' ORDER BY created_at, id; "
        "INSERT INTO video_fts (video_fts) VALUES ('rebuild'); COMMIT");
    const double build_cpu_s = cpuSeconds() - build_cpu_before;
    const double build_s = secondsSince(indexing);
    const auto optimizing = Clock::now();
    const double optimize_cpu_before = cpuSeconds();
    const bool optimized = db.exec("INSERT INTO video_fts (video_fts) VALUES ('optimize')");
    const double optimize_cpu_s = cpuSeconds() - optimize_cpu_before;
    const double optimize_s = secondsSince(optimizing);
    if (!indexed || !optimized || !db.exec(trigger) ||
        !db.exec("UPDATE search_index_state SET version = version + 1; PRAGMA wal_checkpoint(TRUNCATE);"))
        return 1;

    const auto size_of = [&](const char* like) {
        return db.scalar(std::string("SELECT sum(pgsize) FROM dbstat WHERE name LIKE '") + like + "'");
    };
    const nlohmann::json report{
        {"videos", videos},
        {"channels", channels},
        {"insert_s", insert_s},
        {"insert_cpu_s", insert_cpu_s},
        {"index_build_s", build_s},
        {"index_build_cpu_s", build_cpu_s},
        {"optimize_s", optimize_s},
        {"optimize_cpu_s", optimize_cpu_s},
        {"database_bytes",
         db.scalar("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")},
        {"video_index_bytes", size_of("video_fts%")},
        {"video_docs_bytes", size_of("%video_search_docs%")},
        {"videos_table_bytes", size_of("videos")},
        {"vocabulary_terms", db.scalar("SELECT count(*) FROM video_fts_vocab")},
    };
    std::printf("%s\n", report.dump().c_str());
    return 0;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<size_t>(p * double(values.size() - 1) + 0.5))];
}

nlohmann::json summary(const std::vector<double>& ms) {
    return {{"count", ms.size()},
            {"p50_ms", percentile(ms, 0.5)},
            {"p90_ms", percentile(ms, 0.9)},
            {"p99_ms", percentile(ms, 0.99)},
            {"max_ms", percentile(ms, 1.0)}};
}

std::string urlEncode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

enum class QueryKind { Words = 0, Prefix, Typo };

// One query of the mix, and its kind.
std::pair<std::string, QueryKind> drawQuery(Language& language) {
    std::vector<std::string> words;
    for (int i = language.between(1, 3); i > 0; --i)
        words.push_back(language.word());
    const double roll = language.unit();
    if (roll < 0.05) { // a typo in one word of five letters or more (drawn until one is)
        std::string word = language.word();
        while (word.size() < 5)
            word = language.word();
        const size_t at = 1 + language.random()() % (word.size() - 2);
        switch (language.random()() % 4) {
        case 0:
            word[at] = static_cast<char>('a' + language.random()() % 26);
            break;
        case 1:
            word.erase(at, 1);
            break;
        case 2:
            word.insert(at, 1, static_cast<char>('a' + language.random()() % 26));
            break;
        default:
            std::swap(word[at], word[at + 1]);
            break;
        }
        words.back() = word;
        return {words.size() == 1 ? words[0] : words[0] + " " + words.back(), QueryKind::Typo};
    }
    QueryKind kind = QueryKind::Words;
    if (roll < 0.25 && words.back().size() >= 3) {
        words.back().resize(
            static_cast<size_t>(language.between(2, static_cast<int>(words.back().size()) - 1)));
        kind = QueryKind::Prefix;
    }
    std::string query;
    for (const auto& word : words)
        query += (query.empty() ? "" : " ") + word;
    return {query, kind};
}

// User + system CPU time of a process so far, in ms (0 without a pid).
double processCpuMs(long pid) {
    if (pid <= 0)
        return 0;
    std::FILE* file = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
    if (!file)
        return 0;
    char buffer[1024] = {};
    const size_t read = std::fread(buffer, 1, sizeof(buffer) - 1, file);
    std::fclose(file);
    const char* after_name = std::strrchr(buffer, ')'); // the name may hold spaces
    if (!after_name || read == 0)
        return 0;
    unsigned long long utime = 0, stime = 0;
    // Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime
    // stime
    if (std::sscanf(after_name + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime,
                    &stime) != 2)
        return 0;
    return 1000.0 * double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

int run(const std::string& server, long server_pid, size_t videos, uint64_t seed, size_t requests) {
    Language language(seed, seed + 1); // the generator's words, another draw
    fc::transfer::HttpClient http;
    size_t failures = 0;
    const auto timed = [&](const std::string& path, std::string* body = nullptr) {
        const auto start = Clock::now();
        fc::transfer::HttpCall call;
        call.url = server + path;
        auto reply = http.perform(call);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (!reply || reply->status != 200) {
            ++failures;
            std::fprintf(stderr, "GET %s: %s\n", path.c_str(),
                         reply ? std::to_string(reply->status).c_str() : reply.error().message.c_str());
        } else if (body) {
            *body = reply->body;
        }
        return ms;
    };
    constexpr size_t kWarmup = 300;
    std::vector<std::pair<std::string, QueryKind>> queries;
    for (size_t i = 0; i < kWarmup + requests; ++i)
        queries.push_back(drawQuery(language));
    std::vector<std::string> video_paths;
    for (size_t i = 0; i < kWarmup + requests; ++i)
        video_paths.push_back("/api/v1/videos/" + benchId('v', language.random()() % videos));

    // One route at a time, each with its server CPU time per request (robust to a busy machine, unlike the
    // wall-clock latencies).
    nlohmann::json report;
    std::vector<double> by_kind[3];
    std::vector<std::pair<double, std::string>> slowest; // (ms, query) of every timed search
    size_t results = 0, corrected = 0;
    const auto phase = [&](const char* name, const std::function<std::string(size_t)>& path_of,
                           bool is_search) {
        std::vector<double> ms;
        double cpu_before = 0;
        for (size_t i = 0; i < kWarmup + requests; ++i) {
            if (i == kWarmup)
                cpu_before = processCpuMs(server_pid);
            std::string body;
            const double took = timed(path_of(i), is_search ? &body : nullptr);
            if (i < kWarmup)
                continue;
            ms.push_back(took);
            if (!is_search)
                continue;
            by_kind[static_cast<int>(queries[i].second)].push_back(took);
            slowest.emplace_back(took, queries[i].first);
            const auto parsed = nlohmann::json::parse(body, nullptr, false);
            if (parsed.is_object()) {
                results += parsed.value("items", nlohmann::json::array()).size();
                corrected += parsed.value("corrected_query", nlohmann::json()).is_string() ? 1 : 0;
            }
        }
        report[name] = summary(ms);
        report[name]["server_cpu_ms_per_request"] =
            server_pid > 0 ? (processCpuMs(server_pid) - cpu_before) / double(requests) : -1.0;
    };
    phase(
        "search", [&](size_t i) { return "/api/v1/search?q=" + urlEncode(queries[i].first); }, true);
    phase(
        "suggest",
        [&](size_t i) {
            const std::string& query = queries[i].first;
            return "/api/v1/search/suggest?q=" +
                   urlEncode(query.substr(0, std::max<size_t>(1, query.size() * 2 / 3)));
        },
        false);
    phase(
        "video", [&](size_t i) { return video_paths[i]; }, false);
    // The slowest searches on stderr: where to look when the tail misses its target.
    std::sort(slowest.rbegin(), slowest.rend());
    for (size_t i = 0; i < std::min<size_t>(slowest.size(), 20); ++i)
        std::fprintf(stderr, "slow search %.1f ms: %s\n", slowest[i].first, slowest[i].second.c_str());
    report["search_words"] = summary(by_kind[0]);
    report["search_prefix"] = summary(by_kind[1]);
    report["search_typo"] = summary(by_kind[2]);
    report["mean_items_per_search"] = requests ? double(results) / double(requests) : 0.0;
    report["corrected_searches"] = corrected;
    report["failures"] = failures;
    std::printf("%s\n", report.dump().c_str());
    return failures ? 2 : 0;
}

} // namespace

int main(int argc, char** argv) {
    std::map<std::string, std::string> options;
    for (int i = 2; i + 1 < argc; i += 2)
        options[argv[i]] = argv[i + 1];
    const auto option = [&](const char* name, const char* fallback) {
        const auto it = options.find(name);
        return it == options.end() ? std::string(fallback) : it->second;
    };
    const std::string command = argc > 1 ? argv[1] : "";
    const size_t videos = std::stoul(option("--videos", "1000000"));
    const uint64_t seed = std::stoull(option("--seed", "7"));
    if (command == "generate" && options.count("--db"))
        return generate(options["--db"], videos, std::stoul(option("--channels", "20000")), seed);
    if (command == "run" && options.count("--server"))
        return run(options["--server"], std::stol(option("--server-pid", "0")), videos, seed,
                   std::stoul(option("--requests", "3000")));
    std::fprintf(stderr,
                 "usage: framecast-search-bench generate --db FILE [--videos N] [--channels N] [--seed S]\n"
                 "       framecast-search-bench run --server URL [--videos N] [--seed S] [--requests N]\n");
    return 64;
}
