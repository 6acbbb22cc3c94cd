#pragma once
// Ranked lists and the pages read from them (docs/API.md §17): the home feed's list from the model (or,
// before the first model, the cold start straight from the database), related videos, and filling a page from
// a list with the videos as they are now (store::findVideos): excluded ones and those no longer listed are
// skipped.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/util/result.h"
#include "server/discovery/recs/rec_types.h"
#include "server/discovery/recs_feed_cache.h"
#include "server/discovery/recs_model_keeper.h"
#include "server/discovery/recs_repository.h"
#include "server/store/database.h"
#include "server/store/video_repository.h"

namespace fc::server::discovery {

struct RecsItem {
    store::VideoRecord video;
    float score = 0;
    recs::ReasonKind reason = recs::ReasonKind::Popular;
    std::optional<std::string> because_of_id; // BecauseYouWatched: the history video and its title
    std::string because_of_title;
};

struct RecsFill {
    std::vector<RecsItem> items;
    size_t next = 0; // the list position after the last one read
};

// What a signed-in user's feed never shows: their history, the videos they rated, their own videos.
std::unordered_set<std::string> feedExclusions(const RecsUserSignals& signals);

// The feed's ranked list of at most `depth`: the model's answer for these signals when there is a model, else
// trending, then most viewed, then newest (excluded videos left out).
Result<std::shared_ptr<RecsFeedList>> rankFeed(store::Connection& db, const RecsSnapshot* snapshot,
                                               const RecsUserSignals& signals, int64_t now_ms, size_t depth);

// Videos related to `video`: the model's answer when it knows the video, else the channel's newest videos and
// then the cold start. history_ids are left out.
Result<std::shared_ptr<RecsFeedList>> rankRelated(store::Connection& db, const RecsSnapshot* snapshot,
                                                  const store::VideoRecord& video,
                                                  const std::vector<std::string>& history_ids, int64_t now_ms,
                                                  size_t count);

// Reads the list from `offset` until `limit` items are found, skipping excluded ids and videos that are no
// longer listed; fills in the "because you watched" titles the viewer may see.
Result<RecsFill> fillPage(store::Connection& db, const RecsFeedList& list, size_t offset, size_t limit,
                          const std::unordered_set<std::string>& excluded,
                          const std::optional<std::string>& viewer_id);

} // namespace fc::server::discovery
