#include "server/discovery/recs_model_keeper.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <unordered_set>

namespace fc::server::discovery {
namespace {

constexpr size_t kInteractionBatch = 65536;
// A video with a trending score has a popularity of log(1 + views) plus up to this much for its share of the
// week's top score, so engagement this week counts beside all-time views.
constexpr double kTrendingPopularity = 2.0;
// Only the head of the week's ranking is "trending" to the model (the reason shown, and the cold start's
// first place): the ranking lists every video with any engagement in the window.
constexpr size_t kTrendingTop = 100;
// A trending video is re-set when its popularity moved by more than this share (scores decay every refresh).
constexpr float kPopularityTolerance = 0.02f;

int64_t elapsedMs(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since)
        .count();
}

int64_t threadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

} // namespace

RecsModelKeeper::RecsModelKeeper(store::Database& database, recs::RecConfig config)
    : m_database(database), m_builder(config) {}

RecsModelKeeper::Applied& RecsModelKeeper::applied(recs::ItemIndex item) {
    if (item >= m_applied.size())
        m_applied.resize(static_cast<size_t>(item) + 1);
    return m_applied[item];
}

void RecsModelKeeper::setTrending(const std::vector<RecsTrendingRow>& rows) {
    m_trending.clear();
    m_trending_max = 0;
    for (const RecsTrendingRow& row : rows) {
        m_trending.emplace(row.video_id, Standing{row.score, m_trending.size()});
        m_trending_max = std::max(m_trending_max, row.score);
    }
}

bool RecsModelKeeper::isTrending(const std::string& video_id) const {
    const auto it = m_trending.find(video_id);
    return it != m_trending.end() && it->second.score > 0 && it->second.rank < kTrendingTop;
}

float RecsModelKeeper::popularity(int64_t view_count, const std::string& video_id) const {
    double value = std::log1p(static_cast<double>(std::max<int64_t>(view_count, 0)));
    if (const auto it = m_trending.find(video_id); it != m_trending.end() && m_trending_max > 0)
        value += kTrendingPopularity * std::clamp(it->second.score / m_trending_max, 0.0, 1.0);
    return static_cast<float>(value);
}

void RecsModelKeeper::applyVideo(RecsVideoRow&& row) {
    const recs::ItemIndex item = m_videos.intern(row.id);
    recs::ItemFeatures features;
    features.channel = m_channels.intern(row.channel_id);
    features.published_at_ms = row.published_at_ms;
    features.trending = isTrending(row.id);
    features.popularity = popularity(row.view_count, row.id);
    features.recommendable = row.listed;
    Applied& state = applied(item);
    if (row.listed != state.listed)
        m_listed = row.listed ? m_listed + 1 : m_listed - 1;
    state = Applied{features.channel, row.view_count, static_cast<float>(features.popularity),
                    features.trending, row.listed};
    features.title = std::move(row.title);
    features.description = std::move(row.description);
    features.category = std::move(row.category);
    features.tags = std::move(row.tags);
    m_builder.setItem(item, std::move(features));
    ++m_stats.videos;
    m_changed = true;
}

void RecsModelKeeper::removeVideo(recs::ItemIndex item) {
    Applied& state = applied(item);
    if (state.listed)
        --m_listed;
    recs::ItemFeatures gone; // no text: it leaves the content index too
    gone.channel = state.channel;
    gone.recommendable = false;
    state = Applied{state.channel};
    m_builder.setItem(item, std::move(gone));
    ++m_stats.removed;
    m_changed = true;
}

void RecsModelKeeper::addFeedback(const RecsFeedbackRow& row) {
    const recs::UserIndex user = m_users.intern(row.user_id);
    const recs::ItemIndex item = m_videos.intern(row.video_id);
    applied(item); // a video only known from feedback so far: its row arrives with its next change
    m_pending.push_back(recs::Interaction{user, item, feedbackWeight(row), row.at_ms});
    if (m_pending.size() >= kInteractionBatch)
        flushInteractions();
    ++m_stats.feedback;
    m_changed = true;
}

void RecsModelKeeper::flushInteractions() {
    if (m_pending.empty())
        return;
    m_builder.addInteractions(m_pending);
    m_pending.clear();
}

// The week's ranking when the trending service recomputed it since the last read (it does every
// --trending-refresh-s); the ids whose standing may have moved (those in the old or the new ranking).
Result<std::vector<std::string>> RecsModelKeeper::readTrending(store::Connection& db) {
    auto stamp = readWeekTrendingStamp(db);
    if (!stamp)
        return stamp.error();
    std::vector<std::string> ids;
    if (m_loaded && *stamp == m_trending_stamp)
        return ids;
    auto rows = readWeekTrending(db);
    if (!rows)
        return rows.error();
    for (const auto& [id, standing] : m_trending)
        ids.push_back(id);
    for (const RecsTrendingRow& row : *rows)
        if (!m_trending.contains(row.video_id))
            ids.push_back(row.video_id);
    setTrending(*rows);
    m_trending_stamp = *stamp;
    return ids;
}

Result<void> RecsModelKeeper::loadAll(store::Connection& db) {
    if (auto trending = readTrending(db); !trending)
        return trending.error();
    if (auto videos = readRecsVideos(db, kFromTheStart,
                                     [this](RecsVideoRow&& row) {
                                         m_video_changes.seen(row.updated_at_ms);
                                         applyVideo(std::move(row));
                                     });
        !videos)
        return videos;
    return readRecsFeedback(
        db, kFromTheStart, kFromTheStart, [this](RecsFeedbackRow&& row, FeedbackSource source) {
            (source == FeedbackSource::History ? m_history_changes : m_rating_changes).seen(row.at_ms);
            addFeedback(row);
        });
}

Result<void> RecsModelKeeper::loadChanges(store::Connection& db) {
    auto trending_ids = readTrending(db);
    if (!trending_ids)
        return trending_ids.error();

    if (auto videos = readRecsVideos(db, m_video_changes.readFrom(),
                                     [this](RecsVideoRow&& row) {
                                         if (m_video_changes.take(row.id, row.updated_at_ms))
                                             applyVideo(std::move(row));
                                     });
        !videos)
        return videos;
    if (auto moved = applyTrending(db, *trending_ids); !moved)
        return moved;
    if (auto listed = checkListed(db); !listed)
        return listed;
    return readRecsFeedback(db, m_history_changes.readFrom(), m_rating_changes.readFrom(),
                            [this](RecsFeedbackRow&& row, FeedbackSource source) {
                                const bool history = source == FeedbackSource::History;
                                const std::string key = row.user_id + '/' + row.video_id;
                                if ((history ? m_history_changes : m_rating_changes).take(key, row.at_ms))
                                    addFeedback(row);
                            });
}

Result<void> RecsModelKeeper::applyTrending(store::Connection& db, const std::vector<std::string>& ids) {
    std::vector<std::string> moved;
    for (const std::string& id : ids) {
        const auto item = m_videos.find(id);
        if (!item)
            continue; // not in the model yet: its row brings its standing along
        const Applied& state = applied(*item);
        const float now = popularity(state.view_count, id);
        if (isTrending(id) != state.trending ||
            std::abs(now - state.popularity) > kPopularityTolerance * std::max(1.0f, state.popularity))
            moved.push_back(id);
    }
    m_stats.trending = moved.size();
    return reapply(db, moved);
}

// Deletions change no timestamp: when the listed count differs from the model's, compare the id sets.
Result<void> RecsModelKeeper::checkListed(store::Connection& db) {
    auto count = countListedVideos(db);
    if (!count)
        return count.error();
    if (static_cast<size_t>(*count) == m_listed)
        return {};
    auto ids = readListedVideoIds(db);
    if (!ids)
        return ids.error();
    const std::unordered_set<std::string> listed(ids->begin(), ids->end());
    std::vector<std::string> differ;
    for (const std::string& id : listed)
        if (const auto item = m_videos.find(id); !item || !applied(*item).listed)
            differ.push_back(id);
    for (recs::ItemIndex item = 0; item < m_applied.size(); ++item)
        if (m_applied[item].listed && !listed.contains(m_videos.id(item)))
            differ.push_back(m_videos.id(item));
    return reapply(db, differ);
}

// Sets these videos from their rows again; ids without a row were deleted.
Result<void> RecsModelKeeper::reapply(store::Connection& db, const std::vector<std::string>& ids) {
    if (ids.empty())
        return {};
    auto rows = readRecsVideosById(db, ids);
    if (!rows)
        return rows.error();
    std::unordered_set<std::string> found;
    for (RecsVideoRow& row : *rows) {
        found.insert(row.id);
        applyVideo(std::move(row));
    }
    for (const std::string& id : ids)
        if (const auto item = m_videos.find(id); item && !found.contains(id))
            removeVideo(*item);
    return {};
}

Result<std::shared_ptr<const RecsSnapshot>> RecsModelKeeper::refresh(int64_t now_ms) {
    const auto started = std::chrono::steady_clock::now();
    const int64_t cpu_started = threadCpuMs();
    m_stats = RecsRefreshStats{};
    m_stats.full = !m_loaded;
    m_changed = !m_loaded; // the first model is published even when the catalogue is empty
    auto read =
        m_database.read([this](store::Connection& db) { return m_loaded ? loadChanges(db) : loadAll(db); });
    flushInteractions();
    m_video_changes.prune();
    m_history_changes.prune();
    m_rating_changes.prune();
    if (!read)
        return read.error();
    m_loaded = true;
    m_stats.read_ms = elapsedMs(started);
    m_stats.users = m_users.size();
    m_stats.listed = m_listed;
    if (!m_changed) {
        m_stats.total_ms = elapsedMs(started);
        m_stats.cpu_ms = threadCpuMs() - cpu_started;
        return std::shared_ptr<const RecsSnapshot>();
    }

    const auto publishing = std::chrono::steady_clock::now();
    auto snapshot = std::make_shared<RecsSnapshot>();
    snapshot->index = m_builder.publish();
    m_stats.publish_ms = elapsedMs(publishing);
    // The tables only grow, so a size change is a change; copies are made only then.
    if (!m_published_videos || m_published_videos->size() != m_videos.size())
        m_published_videos = std::make_shared<const RecsIdTable>(m_videos);
    if (!m_published_channels || m_published_channels->size() != m_channels.size())
        m_published_channels = std::make_shared<const RecsIdTable>(m_channels);
    snapshot->videos = m_published_videos;
    snapshot->channels = m_published_channels;
    snapshot->generation = ++m_generation;
    snapshot->published_at_ms = now_ms;
    m_stats.total_ms = elapsedMs(started);
    m_stats.cpu_ms = threadCpuMs() - cpu_started;
    return std::shared_ptr<const RecsSnapshot>(std::move(snapshot));
}

} // namespace fc::server::discovery
