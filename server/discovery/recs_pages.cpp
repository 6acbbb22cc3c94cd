#include "server/discovery/recs_pages.h"

#include <unordered_map>

#include "server/discovery/recs/rec_index.h"
#include "server/store/visibility.h"

namespace fc::server::discovery {
namespace {

// Videos read beyond what a page still needs, for the ones that turn out to be no longer listed.
constexpr size_t kFillSlack = 4;

bool isListedNow(const store::VideoRecord& video) {
    return isListed(video.visibility) && video.status == "ready";
}

// A list of videos by id (no model to take indexes from): its own small table.
struct IdListBuilder {
    std::shared_ptr<RecsFeedList> list = std::make_shared<RecsFeedList>();
    std::shared_ptr<RecsIdTable> table = std::make_shared<RecsIdTable>();
    std::unordered_set<std::string> added;

    void add(const std::string& id, float score, recs::ReasonKind reason) {
        if (added.insert(id).second)
            list->items.push_back(recs::Recommendation{table->intern(id), score, reason, std::nullopt});
    }
    std::shared_ptr<RecsFeedList> finish() {
        list->videos = std::move(table);
        return std::move(list);
    }
};

// Trending, then most viewed, then newest: scores fall with the rank.
Result<void> addColdStart(store::Connection& db, IdListBuilder& builder,
                          const std::unordered_set<std::string>& excluded, size_t count) {
    auto rows = readColdStart(db, count + excluded.size());
    if (!rows)
        return rows.error();
    const size_t total = rows->size();
    for (size_t rank = 0; rank < total && builder.list->items.size() < count; ++rank) {
        const RecsColdRow& row = (*rows)[rank];
        if (excluded.contains(row.video_id))
            continue;
        const recs::ReasonKind reason = row.trending_score   ? recs::ReasonKind::Trending
                                        : row.view_count > 0 ? recs::ReasonKind::Popular
                                                             : recs::ReasonKind::Fresh;
        builder.add(row.video_id, 1.0f - static_cast<float>(rank) / static_cast<float>(total), reason);
    }
    return {};
}

Result<std::unordered_map<std::string, store::VideoRecord>> loadVideos(store::Connection& db,
                                                                       const std::vector<std::string>& ids) {
    std::unordered_map<std::string, store::VideoRecord> videos;
    if (ids.empty())
        return videos;
    auto found = store::findVideos(db, ids);
    if (!found)
        return found.error();
    for (store::VideoRecord& video : *found) {
        std::string id = video.id;
        videos.emplace(std::move(id), std::move(video));
    }
    return videos;
}

// "Because you watched <title>" only names a video the viewer may still see; otherwise the item stays, as
// popular.
Result<void> nameBecauseOf(store::Connection& db, std::vector<RecsItem>& items,
                           const std::optional<std::string>& viewer_id) {
    std::vector<std::string> ids;
    for (const RecsItem& item : items)
        if (item.because_of_id)
            ids.push_back(*item.because_of_id);
    auto videos = loadVideos(db, ids);
    if (!videos)
        return videos.error();
    for (RecsItem& item : items) {
        if (!item.because_of_id)
            continue;
        const auto it = videos->find(*item.because_of_id);
        if (it != videos->end() && mayView(it->second.visibility, it->second.owner_id, viewer_id)) {
            item.because_of_title = it->second.title;
        } else {
            item.because_of_id.reset();
            item.reason = recs::ReasonKind::Popular;
        }
    }
    return {};
}

} // namespace

std::unordered_set<std::string> feedExclusions(const RecsUserSignals& signals) {
    std::unordered_set<std::string> excluded(signals.own_video_ids.begin(), signals.own_video_ids.end());
    for (const RecsFeedbackRow& row : signals.feedback)
        excluded.insert(row.video_id);
    return excluded;
}

Result<std::shared_ptr<RecsFeedList>> rankFeed(store::Connection& db, const RecsSnapshot* snapshot,
                                               const RecsUserSignals& signals, int64_t now_ms, size_t depth) {
    if (!snapshot || snapshot->index->itemCount() == 0) { // no model yet, or one of an empty catalogue
        IdListBuilder builder;
        if (auto added = addColdStart(db, builder, feedExclusions(signals), depth); !added)
            return added.error();
        auto list = builder.finish();
        list->ranked_at_ms = now_ms;
        return list;
    }
    recs::UserQuery query;
    query.now_ms = now_ms;
    query.count = depth;
    for (const RecsFeedbackRow& row : signals.feedback)
        if (const auto item = snapshot->videos->find(row.video_id))
            query.history.push_back(recs::Interaction{0, *item, feedbackWeight(row), row.at_ms});
    for (const std::string& channel_id : signals.subscribed_channel_ids)
        if (const auto channel = snapshot->channels->find(channel_id))
            query.subscribed_channels.push_back(*channel);
    for (const std::string& video_id : signals.own_video_ids)
        if (const auto item = snapshot->videos->find(video_id))
            query.exclude.push_back(*item);
    auto list = std::make_shared<RecsFeedList>();
    list->items = snapshot->index->recommend(query);
    list->videos = snapshot->videos;
    list->generation = snapshot->generation;
    list->ranked_at_ms = now_ms;
    return list;
}

Result<std::shared_ptr<RecsFeedList>> rankRelated(store::Connection& db, const RecsSnapshot* snapshot,
                                                  const store::VideoRecord& video,
                                                  const std::vector<std::string>& history_ids, int64_t now_ms,
                                                  size_t count) {
    const auto item = snapshot ? snapshot->videos->find(video.id) : std::nullopt;
    if (item) {
        recs::RelatedQuery query;
        query.item = *item;
        query.now_ms = now_ms;
        query.count = count;
        for (const std::string& id : history_ids)
            if (const auto watched = snapshot->videos->find(id))
                query.exclude.push_back(*watched);
        auto list = std::make_shared<RecsFeedList>();
        list->items = snapshot->index->related(query);
        list->videos = snapshot->videos;
        list->generation = snapshot->generation;
        list->ranked_at_ms = now_ms;
        return list;
    }
    // Not in the model yet (just published, or no model): the channel's newest, then the cold start.
    std::unordered_set<std::string> excluded(history_ids.begin(), history_ids.end());
    excluded.insert(video.id);
    IdListBuilder builder;
    auto channel = readChannelVideoIds(db, video.channel_id, count + excluded.size());
    if (!channel)
        return channel.error();
    for (const std::string& id : *channel)
        if (!excluded.contains(id) && builder.list->items.size() < count)
            builder.add(id, 1.0f, recs::ReasonKind::SameChannel);
    for (const std::string& id : builder.added)
        excluded.insert(id);
    if (auto added = addColdStart(db, builder, excluded, count); !added)
        return added.error();
    auto list = builder.finish();
    list->ranked_at_ms = now_ms;
    return list;
}

Result<RecsFill> fillPage(store::Connection& db, const RecsFeedList& list, size_t offset, size_t limit,
                          const std::unordered_set<std::string>& excluded,
                          const std::optional<std::string>& viewer_id) {
    RecsFill fill;
    size_t position = std::min(offset, list.items.size());
    while (fill.items.size() < limit && position < list.items.size()) {
        std::vector<size_t> positions;
        std::vector<std::string> ids;
        const size_t wanted = limit - fill.items.size() + kFillSlack;
        for (; positions.size() < wanted && position < list.items.size(); ++position) {
            const std::string& id = list.videos->id(list.items[position].item);
            if (!id.empty() && !excluded.contains(id)) {
                positions.push_back(position);
                ids.push_back(id);
            }
        }
        auto videos = loadVideos(db, ids);
        if (!videos)
            return videos.error();
        for (size_t i = 0; i < positions.size(); ++i) {
            const auto it = videos->find(ids[i]);
            if (it == videos->end() || !isListedNow(it->second))
                continue;
            const recs::Recommendation& entry = list.items[positions[i]];
            RecsItem item{std::move(it->second), entry.score, entry.reason, std::nullopt, {}};
            if (entry.reason == recs::ReasonKind::BecauseYouWatched) {
                const std::string& from =
                    entry.because_of ? list.videos->id(*entry.because_of) : std::string();
                if (!from.empty())
                    item.because_of_id = from;
                else
                    item.reason = recs::ReasonKind::Popular; // nothing to name
            }
            fill.items.push_back(std::move(item));
            if (fill.items.size() == limit) {
                position = positions[i] + 1; // the rest of this batch is read again by the next page
                break;
            }
        }
    }
    fill.next = position;
    if (auto named = nameBecauseOf(db, fill.items, viewer_id); !named)
        return named.error();
    return fill;
}

} // namespace fc::server::discovery
