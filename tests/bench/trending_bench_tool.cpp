// framecast-trending-bench: the trending refresh (docs/API.md §17) on a large synthetic catalogue, in
// process.
//
//   framecast-trending-bench --db PATH [--videos 100000] [--days 30] [--views-per-day 100000]
//                            [--likes-per-day 10000] [--comments-per-day 2000] [--shares-per-day 1000]
//                            [--runs 5] [--requests 2000]
//
// Seeds PATH (a new file; an existing seeded file is measured as it is, but the first refresh prunes old
// share rows, so the reference then no longer matches) through the project's own migrations: users, channels,
// --videos listed videos with categories, and --days of raw engagement spread over the videos by a power law
// (a few videos get most of it) and uniformly over time: playback sessions whose view is counted, likes,
// published comments and shares. The views, likes, comments and shares are written as the server writes them,
// so the triggers fill the hourly buckets. Then measures, each --runs times (median):
//   reference  the scores from raw events: one GROUP BY (video, hour) over every counted view, like,
//              published comment and share in the month (UNION ALL), then the same decay and scoring, with no
//              writes at all — what a refresh would cost without the buckets;
//   first      TrendingService::refresh on the seeded file: read the buckets, decay, score the three windows,
//              write their rows (three write transactions; all rows are new), prune, count categories; then
//              its scores are compared with the reference's;
//   steady     --runs further refreshes, each a minute later with a minute's engagement added to the current
//              hour's buckets (the triggers' upsert), as the service runs every 60 s: only rows whose score
//              moved by more than 0.1 % are rewritten;
//   requests   --requests first pages of GET …/trending (week, 20 items; every 4th with a category) as the
//              handler reads them: the ranking page and its video rows; p50/p99;
//   per event  1,000 like/unlike pairs in their own write transactions, with the triggers and after dropping
//              them: the triggers' cost per event.
// Prints one JSON object.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/config/server_config.h"
#include "server/discovery/trending_service.h"
#include "server/discovery/trending_store.h"
#include "server/store/database.h"
#include "server/store/migrations.h"
#include "server/store/rating_repository.h"
#include "server/store/video_repository.h"

using namespace fc;
using namespace fc::server;

namespace {

using Clock = std::chrono::steady_clock;
constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kDayMs = 24 * kHourMs;
constexpr int kUsers = 20'000;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<size_t>(p * double(values.size() - 1) + 0.5))];
}

int64_t option(int argc, char** argv, const std::string& name, int64_t fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name)
            return std::atoll(argv[i + 1]);
    return fallback;
}

std::string textOption(int argc, char** argv, const std::string& name) {
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name)
            return argv[i + 1];
    return {};
}

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "framecast-trending-bench: %s\n", what.c_str());
    std::exit(1);
}

void check(const Result<void>& result, const char* what) {
    if (!result)
        fail(std::string(what) + ": " + result.error().message);
}

std::string videoId(int64_t i) {
    char id[32];
    std::snprintf(id, sizeof id, "v%010lld", static_cast<long long>(i));
    return id;
}

std::string userId(int64_t i) {
    char id[32];
    std::snprintf(id, sizeof id, "u%010lld", static_cast<long long>(i));
    return id;
}

// Seeding runs many rows through one prepared statement each (the project's Connection prepares per call).
class Inserter {
public:
    Inserter(sqlite3* db, const char* sql) : m_db(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
            fail(std::string("prepare: ") + sqlite3_errmsg(db));
    }
    ~Inserter() { sqlite3_finalize(m_stmt); }
    Inserter& text(int i, const std::string& value) {
        sqlite3_bind_text(m_stmt, i, value.c_str(), -1, SQLITE_TRANSIENT);
        return *this;
    }
    Inserter& integer(int i, int64_t value) {
        sqlite3_bind_int64(m_stmt, i, value);
        return *this;
    }
    void run() {
        const int rc = sqlite3_step(m_stmt);
        if (rc != SQLITE_DONE && rc != SQLITE_CONSTRAINT)
            fail(std::string("insert: ") + sqlite3_errmsg(m_db));
        sqlite3_reset(m_stmt);
    }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK)
        fail("exec: " + std::string(message ? message : "?"));
}

struct SeedCounts {
    int64_t views = 0, likes = 0, comments = 0, shares = 0;
};

SeedCounts seed(const std::string& path, int64_t videos, int64_t days, int64_t now_ms,
                const SeedCounts& per_day) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
        fail("open " + path);
    exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF; BEGIN");
    {
        Inserter user(db, "INSERT INTO users (id, username, email, password_hash, display_name, created_at, "
                          "updated_at) VALUES (?1, ?1, ?1 || '@bench.invalid', '!', ?1, 0, 0)");
        Inserter channel(db, "INSERT INTO channels (id, owner_id, handle, name, description, created_at, "
                             "updated_at) VALUES ('c' || substr(?1, 2), ?1, ?1, ?1, '', 0, 0)");
        for (int64_t i = 0; i <= kUsers; ++i) { // the last one only rates in the per-event measurement
            user.text(1, userId(i)).run();
            channel.text(1, userId(i)).run();
        }
        static const char* kCategories[] = {"Music",  "Gaming", "Cooking", "Travel",    "Science",
                                            "Sports", "News",   "Comedy",  "Education", "Film & Animation"};
        Inserter video(db,
                       "INSERT INTO videos (id, channel_id, owner_id, title, category, visibility, status, "
                       "source_filename, duration_ms, created_at, updated_at, published_at) VALUES "
                       "(?1, 'c' || substr(?2, 2), ?2, 'Video ' || ?1, ?3, 'public', 'ready', 'x.mp4', "
                       "60000, ?4, ?4, ?4)");
        for (int64_t i = 0; i < videos; ++i)
            video.text(1, videoId(i))
                .text(2, userId(i % kUsers))
                .text(3, kCategories[i % 10])
                .integer(4, now_ms - (i % (days * 24)) * kHourMs)
                .run();
    }
    // Engagement: video by a power law (u^3 puts ~46 % of events on the first 10 % of videos), time uniform.
    std::mt19937_64 random(42);
    std::uniform_real_distribution<double> unit(0, 1);
    const auto pickVideo = [&] {
        return std::min(videos - 1, static_cast<int64_t>(std::pow(unit(random), 3) * videos));
    };
    const auto pickTime = [&] { return now_ms - static_cast<int64_t>(unit(random) * double(days * kDayMs)); };
    const auto pickUser = [&] { return static_cast<int64_t>(unit(random) * kUsers); };
    SeedCounts made;
    {
        Inserter session(
            db, "INSERT INTO playback_sessions (id, video_id, issued_at, watched_s) VALUES (?, ?, ?, 40)");
        for (int64_t i = 0; i < per_day.views * days; ++i, ++made.views)
            session.text(1, "s" + std::to_string(i))
                .text(2, videoId(pickVideo()))
                .integer(3, pickTime())
                .run();
        // Counted as the events route does: counted 0 -> 1 (the view trigger fires per row).
        exec(db, "UPDATE playback_sessions SET counted = 1");
        Inserter like(
            db,
            "INSERT OR IGNORE INTO video_ratings (video_id, user_id, value, created_at) VALUES (?, ?, 1, ?)");
        for (int64_t i = 0; i < per_day.likes * days;
             ++i, ++made.likes) // a repeated (video, user) is ignored
            like.text(1, videoId(pickVideo())).text(2, userId(pickUser())).integer(3, pickTime()).run();
        Inserter comment(
            db, "INSERT INTO comments (id, video_id, author_id, body, status, created_at, updated_at) "
                "VALUES (?1, ?2, ?3, 'Nice one', 'published', ?4, ?4)");
        for (int64_t i = 0; i < per_day.comments * days; ++i, ++made.comments)
            comment.text(1, "k" + std::to_string(i))
                .text(2, videoId(pickVideo()))
                .text(3, userId(pickUser()))
                .integer(4, pickTime())
                .run();
        Inserter share(db, "INSERT OR IGNORE INTO video_shares (video_id, sharer_key, day, created_at) "
                           "VALUES (?1, ?2, ?3 / 86400000, ?3)");
        for (int64_t i = 0; i < per_day.shares * days; ++i, ++made.shares)
            share.text(1, videoId(pickVideo()))
                .text(2, "user:" + userId(pickUser()))
                .integer(3, pickTime())
                .run();
    }
    exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_close(db);
    return made;
}

struct Median {
    std::vector<double> values;
    double median() const { return percentile(values, 0.5); }
};

// The reference: the month's buckets rebuilt from raw events by one GROUP BY, then the same decay and
// scoring.
Result<std::array<std::vector<discovery::TrendingScore>, 3>> referenceScores(store::Connection& db,
                                                                             int64_t now_ms) {
    using namespace fc::server::discovery;
    const EngagementDecay decay(now_ms);
    const int64_t since_ms = decay.oldestHour() * kHourMs;
    auto rows = db.prepare(
        "SELECT g.video_id, g.hour, g.v, g.l, g.c, g.s FROM (SELECT e.video_id, e.hour, SUM(e.v) AS v, "
        "SUM(e.l) AS l, SUM(e.c) AS c, SUM(e.s) AS s FROM ("
        " SELECT video_id, issued_at / 3600000 AS hour, 1 AS v, 0 AS l, 0 AS c, 0 AS s FROM playback_sessions"
        "  WHERE counted = 1 AND issued_at >= ?1"
        " UNION ALL SELECT video_id, created_at / 3600000, 0, 1, 0, 0 FROM video_ratings"
        "  WHERE value = 1 AND created_at >= ?1"
        " UNION ALL SELECT video_id, created_at / 3600000, 0, 0, 1, 0 FROM comments"
        "  WHERE status = 'published' AND deleted = 0 AND created_at >= ?1"
        " UNION ALL SELECT video_id, created_at / 3600000, 0, 0, 0, 1 FROM video_shares WHERE created_at >= "
        "?1"
        ") e GROUP BY e.video_id, e.hour) g JOIN videos v ON v.id = g.video_id "
        "WHERE v.visibility = 'public' AND v.status = 'ready' ORDER BY g.video_id");
    rows.bindAll(since_ms);
    std::vector<VideoEngagement> videos;
    while (rows.step()) {
        std::string id = rows.text(0);
        if (videos.empty() || videos.back().video_id != id)
            videos.push_back({std::move(id), {}});
        decay.add({rows.int64(1), rows.int64(2), rows.int64(3), rows.int64(4), rows.int64(5)}, videos.back());
    }
    if (rows.error())
        return *rows.error();
    std::array<std::vector<TrendingScore>, 3> ranked;
    for (TrendingWindow window : kTrendingWindows)
        ranked[trendingWindowIndex(window)] = scoreTrendingWindow(videos, window);
    return ranked;
}

struct Options {
    std::string path;
    int64_t videos = 0;
    int64_t days = 0;
    int runs = 0;
    int requests = 0;
    SeedCounts per_day;
};

struct RefreshTimes {
    Median total, read, write, longest_write, prune, categories, rows_written;
    void add(double total_ms, const discovery::TrendingRefreshStats& stats) {
        total.values.push_back(total_ms);
        read.values.push_back(static_cast<double>(stats.read_ms));
        write.values.push_back(static_cast<double>(stats.write_ms));
        longest_write.values.push_back(static_cast<double>(stats.longest_write_ms));
        prune.values.push_back(static_cast<double>(stats.prune_ms));
        categories.values.push_back(static_cast<double>(stats.categories_ms));
        rows_written.values.push_back(static_cast<double>(stats.rows_written));
    }
    nlohmann::json json() const {
        return {{"total", total.median()},
                {"read_and_score", read.median()},
                {"write", write.median()},
                {"longest_write", longest_write.median()},
                {"prune", prune.median()},
                {"categories", categories.median()},
                {"rows_written", rows_written.median()},
                {"runs", total.values},
                {"write_runs", write.values}};
    }
};

nlohmann::json measureReference(store::Database& db, int runs, int64_t now_ms,
                                std::array<std::vector<discovery::TrendingScore>, 3>& scores) {
    Median times;
    for (int run = 0; run < runs; ++run) {
        const auto started = Clock::now();
        auto scored = db.read([&](store::Connection& c) { return referenceScores(c, now_ms); });
        if (!scored)
            fail("reference: " + scored.error().message);
        times.values.push_back(msSince(started));
        scores = std::move(scored).value();
    }
    return {{"read_and_score", times.median()},
            {"runs", times.values},
            {"ranked", {{"day", scores[0].size()}, {"week", scores[1].size()}, {"month", scores[2].size()}}}};
}

// The stored scores against the reference's: the buckets the triggers kept must give what the raw events
// give.
nlohmann::json compareWithReference(store::Database& db,
                                    const std::array<std::vector<discovery::TrendingScore>, 3>& reference) {
    auto compared = db.read([&](store::Connection& c) -> Result<nlohmann::json> {
        double largest_difference = 0;
        int64_t missing = 0;
        for (discovery::TrendingWindow window : discovery::kTrendingWindows) {
            std::unordered_map<std::string, double> stored;
            auto rows = c.prepare("SELECT video_id, score FROM trending_scores WHERE time_range = ?");
            rows.bindAll(std::string(discovery::trendingWindowName(window)));
            while (rows.step())
                stored.emplace(rows.text(0), rows.real(1));
            if (rows.error())
                return *rows.error();
            const auto& expected = reference[discovery::trendingWindowIndex(window)];
            missing += std::abs(static_cast<int64_t>(stored.size()) - static_cast<int64_t>(expected.size()));
            for (const auto& score : expected)
                if (auto it = stored.find(score.video_id); it == stored.end())
                    ++missing;
                else
                    largest_difference = std::max(largest_difference, std::abs(it->second - score.score));
        }
        return nlohmann::json{{"largest_score_difference", largest_difference},
                              {"videos_not_in_both", missing}};
    });
    if (!compared)
        fail("compare: " + compared.error().message);
    return *compared;
}

// A minute of engagement (the seeded daily volume / 1440) into the current hour's buckets, by the same power
// law, through the upsert the triggers run.
void addMinuteOfEngagement(store::Database& db, const Options& options, int64_t now_ms,
                           std::mt19937_64& random) {
    std::uniform_real_distribution<double> unit(0, 1);
    const auto pick = [&] {
        return videoId(
            std::min(options.videos - 1, static_cast<int64_t>(std::pow(unit(random), 3) * options.videos)));
    };
    check(db.write([&](store::Connection& c) -> Result<void> {
        const std::pair<const char*, int64_t> kinds[] = {{"views", options.per_day.views / 1440},
                                                         {"likes", options.per_day.likes / 1440},
                                                         {"comments", options.per_day.comments / 1440},
                                                         {"shares", options.per_day.shares / 1440}};
        for (const auto& [column, count] : kinds)
            for (int64_t i = 0; i < std::max<int64_t>(1, count); ++i)
                if (auto added =
                        c.run(std::string("INSERT INTO engagement_hourly (video_id, hour, ") + column +
                                  ") VALUES (?, ?, 1) ON CONFLICT (video_id, hour) DO UPDATE SET " + column +
                                  " = " + column + " + 1",
                              pick(), now_ms / kHourMs);
                    !added)
                    return added;
        return {};
    }),
          "minute of engagement");
}

nlohmann::json measureRequests(store::Database& db, int requests) {
    std::vector<double> latencies;
    static const char* kFilters[] = {"Music", "Science", "Film & Animation"};
    for (int i = 0; i < requests; ++i) {
        const auto started = Clock::now();
        auto page = db.read([&](store::Connection& c) -> Result<size_t> {
            discovery::TrendingQuery query;
            query.window = discovery::TrendingWindow::Week;
            if (i % 4 == 3)
                query.category = kFilters[i % 3];
            auto ranking = discovery::listTrending(c, query);
            if (!ranking)
                return ranking.error();
            std::vector<std::string> ids;
            for (const auto& item : ranking->items)
                ids.push_back(item.video_id);
            auto rows = store::findVideos(c, ids);
            if (!rows)
                return rows.error();
            return rows->size();
        });
        if (!page || *page == 0)
            fail("request read failed");
        latencies.push_back(msSince(started));
    }
    return {{"p50", percentile(latencies, 0.5)}, {"p99", percentile(latencies, 0.99)}, {"count", requests}};
}

// The triggers' cost per event: like + unlike by a user of its own, each in its own write transaction; rounds
// with and without the like triggers alternate (dropped, then made again from their own SQL).
nlohmann::json measureTriggerCost(store::Database& db, int64_t videos, int64_t now_ms) {
    const auto togglePairs = [&](int pairs) {
        const auto started = Clock::now();
        for (int i = 0; i < pairs; ++i)
            for (store::Rating rating : {store::Rating::Like, store::Rating::None})
                if (auto set = db.write([&](store::Connection& c) {
                        return store::setVideoRating(c, videoId(i % videos), userId(kUsers), rating, now_ms);
                    });
                    !set)
                    fail("rating: " + set.error().message);
        return msSince(started) * 1000 / (2.0 * pairs);
    };
    auto trigger_sql = db.read([](store::Connection& c) -> Result<std::string> {
        auto statement =
            c.prepare("SELECT group_concat(sql, ';') FROM sqlite_master WHERE type = 'trigger' AND "
                      "name LIKE 'engagement_like_%'");
        if (!statement.step())
            return statement.error() ? *statement.error() : makeError("bench", "no triggers");
        return statement.text(0);
    });
    if (!trigger_sql)
        fail("triggers: " + trigger_sql.error().message);
    togglePairs(200); // warm-up
    Median with_us, without_us;
    for (int round = 0; round < 5; ++round) {
        with_us.values.push_back(togglePairs(500));
        check(db.write([](store::Connection& c) {
            return c.exec("DROP TRIGGER engagement_like_insert; DROP TRIGGER engagement_like_delete; "
                          "DROP TRIGGER engagement_like_taken_back; DROP TRIGGER engagement_like_given");
        }),
              "drop triggers");
        without_us.values.push_back(togglePairs(500));
        check(db.write([&](store::Connection& c) { return c.exec(*trigger_sql); }), "make triggers");
    }
    return {{"with_triggers", with_us.median()},
            {"without_triggers", without_us.median()},
            {"with_runs", with_us.values},
            {"without_runs", without_us.values}};
}

nlohmann::json tableSizes(store::Database& db) {
    auto counted = db.read([](store::Connection& c) -> Result<nlohmann::json> {
        auto statement =
            c.prepare("SELECT COUNT(*), (SELECT COUNT(*) FROM video_ratings), (SELECT COUNT(*) "
                      "FROM video_shares), (SELECT COUNT(DISTINCT video_id) FROM engagement_hourly) "
                      "FROM engagement_hourly");
        if (!statement.step())
            return statement.error() ? *statement.error() : makeError("bench", "no row");
        return nlohmann::json{{"buckets", statement.int64(0)},
                              {"like_rows", statement.int64(1)},
                              {"share_rows", statement.int64(2)},
                              {"active_videos", statement.int64(3)}};
    });
    if (!counted)
        fail("count: " + counted.error().message);
    return *counted;
}

// Seeds the file unless an earlier run did; returns what was attempted and how long it took.
nlohmann::json seedOnce(const Options& options, int64_t now_ms) {
    auto opened = store::Database::open(options.path, 2);
    if (!opened)
        fail("open: " + opened.error().message);
    if (auto migrated = store::applyMigrations(**opened); !migrated)
        fail("migrations: " + migrated.error().message);
    auto existing = (*opened)->read([](store::Connection& c) -> Result<int64_t> {
        auto statement = c.prepare("SELECT COUNT(*) FROM videos");
        if (!statement.step())
            return statement.error() ? *statement.error() : makeError("bench", "no row");
        return statement.int64(0);
    });
    if (!existing)
        fail("count: " + existing.error().message);
    opened->reset(); // seeding uses its own connection
    if (*existing > 0)
        return {{"reused", true}};
    const auto started = Clock::now();
    const SeedCounts made = seed(options.path, options.videos, options.days, now_ms, options.per_day);
    return {{"views", made.views},
            {"likes", made.likes},
            {"comments", made.comments},
            {"shares", made.shares},
            {"seconds", msSince(started) / 1000}};
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    options.path = textOption(argc, argv, "--db");
    if (options.path.empty())
        fail("usage: framecast-trending-bench --db PATH [--videos N] [--days N] [--runs N] ...");
    options.videos = option(argc, argv, "--videos", 100'000);
    options.days = option(argc, argv, "--days", 30);
    options.runs = static_cast<int>(option(argc, argv, "--runs", 5));
    options.requests = static_cast<int>(option(argc, argv, "--requests", 2000));
    options.per_day = {
        option(argc, argv, "--views-per-day", 100'000), option(argc, argv, "--likes-per-day", 10'000),
        option(argc, argv, "--comments-per-day", 2'000), option(argc, argv, "--shares-per-day", 1'000)};
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();

    nlohmann::json out;
    out["videos"] = options.videos;
    out["days"] = options.days;
    out["seeded_attempts"] = seedOnce(options, now_ms);
    auto database = store::Database::open(options.path, 2);
    if (!database)
        fail("open: " + database.error().message);
    store::Database& db = **database;
    out["tables"] = tableSizes(db);

    // The reference first: the refresh prunes share rows from before yesterday, which the reference reads.
    std::array<std::vector<discovery::TrendingScore>, 3> reference_scores;
    out["reference_ms"] = measureReference(db, std::max(1, options.runs / 2), now_ms, reference_scores);

    ServerConfig config;
    discovery::TrendingService service(config, db);
    RefreshTimes first;
    const auto first_started = Clock::now();
    auto first_stats = service.refresh(now_ms);
    if (!first_stats)
        fail("refresh: " + first_stats.error().message);
    first.add(msSince(first_started), *first_stats);
    out["first_refresh_ms"] = first.json();
    out["ours_ranked"] = {{"day", first_stats->ranked[0]},
                          {"week", first_stats->ranked[1]},
                          {"month", first_stats->ranked[2]},
                          {"active", first_stats->active_videos}};
    out["ours_vs_reference"] = compareWithReference(db, reference_scores);

    RefreshTimes steady;
    std::mt19937_64 random(7);
    for (int run = 1; run <= options.runs; ++run) {
        const int64_t at_ms = now_ms + run * 60'000;
        addMinuteOfEngagement(db, options, at_ms, random);
        const auto started = Clock::now();
        auto stats = service.refresh(at_ms);
        if (!stats)
            fail("refresh: " + stats.error().message);
        steady.add(msSince(started), *stats);
    }
    out["steady_refresh_ms"] = steady.json();
    out["request_ms"] = measureRequests(db, options.requests);
    out["rating_write_us"] = measureTriggerCost(db, options.videos, now_ms);
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
