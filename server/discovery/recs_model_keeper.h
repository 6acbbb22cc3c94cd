#pragma once
// The recommendation model's upkeep, run on the service's refresh thread only: the first refresh loads every
// video and all feedback into a recs::RecBuilder; each later one folds in only what changed since its
// watermarks (videos edited, listed or unlisted, deleted; history and ratings; the week's trending) and
// publishes a new snapshot that requests read without locks.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/util/result.h"
#include "server/discovery/recs/rec_builder.h"
#include "server/discovery/recs_change_watermark.h"
#include "server/discovery/recs_id_table.h"
#include "server/discovery/recs_repository.h"
#include "server/store/database.h"

namespace fc::server::discovery {

// One published model with the id tables it was built with (item and channel indexes mean the same in every
// later snapshot: the tables only grow).
struct RecsSnapshot {
    std::shared_ptr<const recs::RecIndex> index;
    std::shared_ptr<const RecsIdTable> videos;   // ItemIndex <-> video id
    std::shared_ptr<const RecsIdTable> channels; // ChannelIndex <-> channel id
    uint64_t generation = 0;                     // 1 for the first
    int64_t published_at_ms = 0;
};

struct RecsRefreshStats {
    bool full = false;
    size_t videos = 0;      // rows set into the model
    size_t feedback = 0;    // feedback rows folded in
    size_t trending = 0;    // videos re-set because their trending standing moved
    size_t removed = 0;     // videos found deleted
    size_t users = 0;       // users known after the refresh
    size_t listed = 0;      // recommendable videos after the refresh
    int64_t read_ms = 0;    // reading the database and feeding the builder
    int64_t publish_ms = 0; // RecBuilder::publish()
    int64_t total_ms = 0;
    int64_t cpu_ms =
        0; // the refresh thread's CPU time (wall time also counts other processes on a busy machine)
};

class RecsModelKeeper {
public:
    explicit RecsModelKeeper(store::Database& database, recs::RecConfig config = {});

    // The first call loads everything; later calls fold in what changed. The new snapshot, or null when
    // nothing changed.
    Result<std::shared_ptr<const RecsSnapshot>> refresh(int64_t now_ms);
    const RecsRefreshStats& lastStats() const { return m_stats; }

private:
    // What the model was last told about a video (to see what a trending change or a deletion changes).
    struct Applied {
        recs::ChannelIndex channel = 0;
        int64_t view_count = 0;
        float popularity = 0;
        bool trending = false;
        bool listed = false;
    };

    Result<void> loadAll(store::Connection& db);
    Result<void> loadChanges(store::Connection& db);
    Result<std::vector<std::string>> readTrending(store::Connection& db);
    Result<void> applyTrending(store::Connection& db, const std::vector<std::string>& ids);
    Result<void> checkListed(store::Connection& db);
    Result<void> reapply(store::Connection& db, const std::vector<std::string>& ids);
    void applyVideo(RecsVideoRow&& row);
    void removeVideo(recs::ItemIndex item);
    void addFeedback(const RecsFeedbackRow& row);
    void flushInteractions();
    void setTrending(const std::vector<RecsTrendingRow>& rows);
    bool isTrending(const std::string& video_id) const;
    float popularity(int64_t view_count, const std::string& video_id) const;
    Applied& applied(recs::ItemIndex item);

    store::Database& m_database;
    recs::RecBuilder m_builder;
    RecsIdTable m_videos;
    RecsIdTable m_users;
    RecsIdTable m_channels;
    std::shared_ptr<const RecsIdTable> m_published_videos;
    std::shared_ptr<const RecsIdTable> m_published_channels;
    std::vector<Applied> m_applied; // by ItemIndex
    size_t m_listed = 0;
    struct Standing {
        double score = 0;
        size_t rank = 0; // 0: the week's top
    };
    std::unordered_map<std::string, Standing> m_trending; // the week's ranking as last applied
    double m_trending_max = 0;
    std::optional<int64_t> m_trending_stamp; // the trending refresh that ranking came from
    RecsChangeWatermark m_video_changes;
    RecsChangeWatermark m_history_changes;
    RecsChangeWatermark m_rating_changes;
    std::vector<recs::Interaction> m_pending;
    bool m_loaded = false;
    bool m_changed = false;
    uint64_t m_generation = 0;
    RecsRefreshStats m_stats;
};

} // namespace fc::server::discovery
