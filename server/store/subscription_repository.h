#pragma once
// Channel subscriptions (one row per user and channel, channels.subscriber_count moved in the same
// transaction) and the feed of videos from the channels a user follows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/util/result.h"
#include "server/store/channel_repository.h"
#include "server/store/database.h"
#include "server/store/video_repository.h"

namespace fc::server::store {

struct SubscriptionState {
    bool subscribed = false;
    int64_t subscriber_count = 0;
};

// The error "channel_not_found" when the channel is gone.
Result<SubscriptionState> readSubscription(Connection& db, const std::string& user_id,
                                           const std::string& channel_id);

enum class SubscriptionChange { Invalid = 0, Subscribe, Unsubscribe };
// Idempotent: subscribing twice (or leaving a channel not followed) changes nothing. Call inside a write
// transaction, so the row and the counter commit together.
Result<SubscriptionState> changeSubscription(Connection& db, const std::string& user_id,
                                             const std::string& channel_id, SubscriptionChange change,
                                             int64_t now_ms);

struct ChannelPage {
    std::vector<ChannelRecord> items;
    std::optional<std::string> next_cursor;
};

// The channels the user follows, most recently subscribed first. A malformed cursor: "invalid_cursor".
Result<ChannelPage> listSubscriptions(Connection& db, const std::string& user_id, int limit,
                                      const std::optional<std::string>& cursor);

// Public, playable videos of the channels the user follows, newest published_at first (then id).
Result<VideoPage> listSubscriptionFeed(Connection& db, const std::string& user_id, int limit,
                                       const std::optional<std::string>& cursor);

} // namespace fc::server::store
