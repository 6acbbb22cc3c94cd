// The recommendation model (server/discovery/recs) on small hand-made catalogues: what recommend() and
// related() may and may not return, their reasons, the per-channel cap, and that an incremental publish()
// equals a from-scratch build while sharing what it did not touch.
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "server/discovery/recs/rec_builder.h"
#include "server/discovery/recs/rec_index_data.h"

using namespace fc::server::discovery::recs;

namespace {

constexpr int64_t kDay_ms = 86'400'000;
constexpr int64_t kNow_ms = 1'000 * kDay_ms;

ItemFeatures item(std::string title, ChannelIndex channel, double popularity = 1, int64_t age_days = 30) {
    ItemFeatures f;
    f.title = std::move(title);
    f.channel = channel;
    f.popularity = popularity;
    f.published_at_ms = kNow_ms - age_days * kDay_ms;
    return f;
}

Interaction watch(UserIndex user, ItemIndex item, float weight = 1, int64_t at_ms = kNow_ms - kDay_ms) {
    return Interaction{user, item, weight, at_ms};
}

bool contains(const std::vector<Recommendation>& recs, ItemIndex item) {
    return std::any_of(recs.begin(), recs.end(), [&](const Recommendation& r) { return r.item == item; });
}

const Recommendation* find(const std::vector<Recommendation>& recs, ItemIndex item) {
    const auto it =
        std::find_if(recs.begin(), recs.end(), [&](const Recommendation& r) { return r.item == item; });
    return it == recs.end() ? nullptr : &*it;
}

// Two taste groups: users 0-9 watch items 0-4 (cooking), users 10-19 watch items 5-9 (cycling); items 10-11
// are never watched. Each item on its own channel.
void addTwoGroups(RecBuilder& builder) {
    const char* titles[] = {"pasta sauce recipe", "bread baking recipe", "pizza dough recipe",
                            "soup recipe",        "cake baking",         "mountain bike climb",
                            "road bike race",     "bike repair",         "gravel bike tour",
                            "track cycling race", "quiet jazz piano",    "knitting basics"};
    for (ItemIndex i = 0; i < 12; ++i)
        builder.setItem(i, item(titles[i], i, 1.0 + i % 3));
    std::vector<Interaction> log;
    for (UserIndex u = 0; u < 20; ++u)
        for (ItemIndex i = 0; i < 5; ++i)
            if ((u + i) % 5 != 0) // not everyone watched everything, so co-watch counts differ
                log.push_back(
                    watch(u, u < 10 ? i : i + 5, 0.5f + 0.1f * float(i), kNow_ms - int64_t(i) * kDay_ms));
    builder.addInteractions(log);
}

} // namespace

class TestRecModel : public QObject {
    Q_OBJECT
private slots:
    void watchedItemsAreNeverRecommended() {
        RecBuilder builder;
        addTwoGroups(builder);
        const auto index = builder.publish();
        UserQuery query;
        query.history = {watch(99, 0), watch(99, 1), watch(99, 2, -0.5f)};
        query.now_ms = kNow_ms;
        query.count = 50;
        const auto recs = index->recommend(query);
        QVERIFY(!recs.empty());
        for (const ItemIndex watched : {0u, 1u, 2u})
            QVERIFY(!contains(recs, watched));
        // The rest of the cooking group comes first, because of a watched cooking video.
        QVERIFY(recs[0].item == 3 || recs[0].item == 4);
        QCOMPARE(recs[0].reason, ReasonKind::BecauseYouWatched);
        QVERIFY(recs[0].because_of.has_value());
        QVERIFY(*recs[0].because_of == 0 || *recs[0].because_of == 1);
    }

    void excludeListAndUnlistedItemsAreHonoured() {
        RecBuilder builder;
        addTwoGroups(builder);
        ItemFeatures hidden = item("soup recipe two", 3, 100);
        hidden.recommendable = false;
        builder.setItem(4, hidden);
        const auto index = builder.publish();
        UserQuery query;
        query.history = {watch(99, 0)};
        query.exclude = {3};
        query.count = 50;
        const auto recs = index->recommend(query);
        QVERIFY(!recs.empty());
        QVERIFY(!contains(recs, 0));
        QVERIFY(!contains(recs, 3));
        QVERIFY(!contains(recs, 4));
        // Related answers honour them too, and unknown item indexes (grown past) are never returned.
        builder.addInteractions(std::vector<Interaction>{watch(1, 40)});
        const auto grown = builder.publish();
        QCOMPARE(grown->itemCount(), size_t(41));
        const auto related = grown->related(RelatedQuery{1, {2}, kNow_ms, 50});
        QVERIFY(!contains(related, 1));
        QVERIFY(!contains(related, 2));
        QVERIFY(!contains(related, 4));
        QVERIFY(!contains(related, 40));
    }

    void coldStartIsTrendingThenPopularThenFresh() {
        RecBuilder builder;
        for (ItemIndex i = 0; i < 30; ++i)
            builder.setItem(i, item("video " + std::to_string(i), i, double(i % 10), 60));
        ItemFeatures trending = item("trending thing", 100, 2, 60);
        trending.trending = true;
        builder.setItem(30, trending);
        builder.setItem(31, item("brand new", 101, 0, 0));
        const auto index = builder.publish();
        UserQuery anonymous;
        anonymous.now_ms = kNow_ms;
        anonymous.count = 40;
        const auto recs = index->recommend(anonymous);
        QCOMPARE(recs.size(), size_t(32));
        QCOMPARE(recs[0].item, ItemIndex(30));
        QCOMPARE(recs[0].reason, ReasonKind::Trending);
        QVERIFY(recs[1].reason == ReasonKind::Popular);
        QCOMPARE(index->data().items[recs[1].item].popularity, 9.0f);
        const Recommendation* fresh = find(recs, 31);
        QVERIFY(fresh);
        QCOMPARE(fresh->reason, ReasonKind::Fresh);
        // A user with history but nothing CF knows gets the cold start too, minus what they watched.
        UserQuery unknown = anonymous;
        unknown.history = {watch(5, 30)};
        const auto recs2 = index->recommend(unknown);
        QVERIFY(!contains(recs2, 30));
        QVERIFY(!recs2.empty());
        QCOMPARE(recs2[0].reason, ReasonKind::Popular);
    }

    void subscriptionItemsComeWithTheirReason() {
        RecBuilder builder;
        addTwoGroups(builder);
        builder.setItem(12, item("weekly vlog", 50, 0, 1));
        builder.setItem(13, item("older vlog", 50, 0, 20));
        const auto index = builder.publish();
        UserQuery query;
        query.history = {watch(99, 5)};
        query.subscribed_channels = {50};
        query.now_ms = kNow_ms;
        const auto recs = index->recommend(query);
        const Recommendation* vlog = find(recs, 12);
        QVERIFY(vlog);
        QCOMPARE(vlog->reason, ReasonKind::Subscription);
        QVERIFY(!vlog->because_of.has_value());
        QVERIFY(contains(recs, 13));
        // Anonymous-like cold start still counts subscriptions.
        UserQuery cold;
        cold.subscribed_channels = {50};
        cold.now_ms = kNow_ms;
        const auto cold_recs = index->recommend(cold);
        QVERIFY(find(cold_recs, 12));
        QCOMPARE(find(cold_recs, 12)->reason, ReasonKind::Subscription);
    }

    void relatedRanksCoWatchedFirstAndNeverTheItem() {
        RecBuilder builder;
        addTwoGroups(builder);
        builder.setItem(12,
                        item("bike repair tools", 7, 0)); // same channel as 7, similar text, never watched
        const auto index = builder.publish();
        const auto related = index->related(RelatedQuery{7, {}, kNow_ms, 20});
        QVERIFY(!contains(related, 7));
        QVERIFY(related.size() >= 5);
        std::set<ItemIndex> first4;
        for (size_t i = 0; i < 4; ++i) {
            QCOMPARE(related[i].reason, ReasonKind::WatchedTogether);
            first4.insert(related[i].item);
        }
        QCOMPARE(first4, (std::set<ItemIndex>{5, 6, 8, 9}));
        const Recommendation* similar = find(related, 12);
        QVERIFY(similar);
        QVERIFY(similar->reason == ReasonKind::Similar || similar->reason == ReasonKind::SameChannel);
        // An item nobody watched: content and trending only.
        const auto cold = index->related(RelatedQuery{11, {}, kNow_ms, 20});
        QVERIFY(!contains(cold, 11));
        QVERIFY(!cold.empty());
        // Items there on popularity alone say so: nothing in this catalogue is trending.
        QVERIFY(std::any_of(cold.begin(), cold.end(), [](const Recommendation& r) {
            return r.reason == ReasonKind::Popular || r.reason == ReasonKind::Fresh;
        }));
        for (const Recommendation& r : cold)
            QVERIFY(r.reason != ReasonKind::Trending);
    }

    void channelCapHoldsInEveryWindowOf20() {
        RecBuilder builder;
        // 10 channels x 12 items, channel 0's items the most popular, so score order alone would bunch them.
        for (ItemIndex i = 0; i < 120; ++i)
            builder.setItem(i, item("clip " + std::to_string(i), i / 12, 200.0 - i));
        const auto index = builder.publish();
        UserQuery query;
        query.count = 60;
        const auto recs = index->recommend(query);
        QCOMPARE(recs.size(), size_t(60));
        for (size_t start = 0; start + 20 <= recs.size(); ++start) {
            std::map<ChannelIndex, int> per_channel;
            for (size_t i = start; i < start + 20; ++i)
                QVERIFY2(++per_channel[index->data().items[recs[i].item].channel] <= 3,
                         qPrintable(QString("window at %1").arg(start)));
        }
        QCOMPARE(recs[0].item, ItemIndex(0)); // still relevance first
    }

    void incrementalPublishEqualsFromScratch() {
        std::vector<Interaction> first, second;
        for (UserIndex u = 0; u < 30; ++u)
            for (ItemIndex k = 0; k < 6; ++k) {
                const ItemIndex i = (u * 7 + k * 3) % 40;
                (u % 10 == 0 && k >= 4 ? second : first)
                    .push_back(watch(u, i, 0.2f + 0.1f * float(k), int64_t(u + k)));
            }
        second.push_back(watch(3, (3 * 7) % 40, 1.0f, 500)); // raises an existing weight
        second.push_back(watch(40, 41, 0.7f, 501));          // a new user and a new item
        second.push_back(watch(40, 5, 0.9f, 502));
        for (const CfMethod method : {CfMethod::Rp3Beta, CfMethod::Cosine}) {
            RecConfig config;
            config.cf_method = method;
            config.neighbours_per_item = 8;
            config.popularity_change_threshold = 0; // exact once the stale queue is drained
            RecBuilder incremental(config), scratch(config);
            for (ItemIndex i = 0; i < 42; ++i) {
                incremental.setItem(i, item("item " + std::to_string(i), i % 5));
                scratch.setItem(i, item("item " + std::to_string(i), i % 5));
            }
            incremental.addInteractions(first);
            const auto before = incremental.publish();
            QVERIFY(incremental.lastPublishStats().cf_full);
            incremental.addInteractions(second);
            const auto a = incremental.publish();
            const PublishStats& stats = incremental.lastPublishStats();
            QVERIFY(!stats.cf_full); // the targeted path, not a rebuild
            QVERIFY(stats.cf_rows > 0 && stats.cf_rows < 21);
            QVERIFY(stats.cf_pair_updates > 0);
            QCOMPARE(incremental.pendingStaleItems(), size_t(0));
            scratch.addInteractions(first);
            scratch.addInteractions(second);
            const auto b = scratch.publish();
            QCOMPARE(a->userCount(), b->userCount());
            QCOMPARE(a->userCount(), size_t(31));
            bool changed = false;
            for (ItemIndex i = 0; i < 42; ++i) {
                QVERIFY2(a->watchedTogether(i) == b->watchedTogether(i),
                         qPrintable(QString("item %1").arg(i)));
                changed = changed || a->watchedTogether(i) != before->watchedTogether(i);
            }
            QVERIFY(changed);
            QVERIFY(!a->watchedTogether(41).empty()); // the new item has neighbours already
        }
    }

    void staleRowsOfPowerUsersConvergeOverPublishes() {
        RecConfig config;
        config.max_user_items_for_cf = 3; // every user here is a "power user"
        config.stale_refresh_per_publish = 2;
        config.popularity_change_threshold = 0;
        config.neighbours_per_item = 6;
        RecBuilder incremental(config), scratch(config);
        std::vector<Interaction> first, second;
        for (UserIndex u = 0; u < 12; ++u)
            for (ItemIndex k = 0; k < 8; ++k)
                (k < 6 ? first : second)
                    .push_back(watch(u, (u * 5 + k * 3) % 30, 0.3f + 0.05f * float(k), k));
        incremental.addInteractions(first);
        incremental.publish();
        incremental.addInteractions(second);
        auto a = incremental.publish();
        QVERIFY(incremental.pendingStaleItems() > 0);
        for (int publishes = 0; publishes < 30 && incremental.pendingStaleItems() > 0; ++publishes)
            a = incremental.publish();
        QCOMPARE(incremental.pendingStaleItems(), size_t(0));
        scratch.addInteractions(first);
        scratch.addInteractions(second);
        const auto b = scratch.publish();
        for (ItemIndex i = 0; i < 30; ++i)
            QVERIFY2(a->watchedTogether(i) == b->watchedTogether(i), qPrintable(QString("item %1").arg(i)));
    }

    void contentNeighboursFollowTextChanges() {
        RecBuilder builder;
        addTwoGroups(builder);
        const auto first = builder.publish();
        const auto similar = first->similarContent(0); // "pasta sauce recipe": the other recipes
        QVERIFY(!similar.empty());
        QVERIFY(similar.front().first <= 3);
        // A new item with much the same title joins the neighbours of the old ones without a rebuild of the
        // rest.
        builder.setItem(12, item("pasta sauce recipe quick", 40));
        const auto second = builder.publish();
        QVERIFY(!builder.lastPublishStats().content_full);
        QCOMPARE(builder.lastPublishStats().content_items, size_t(1));
        QCOMPARE(second->similarContent(12).front().first, ItemIndex(0));
        QCOMPARE(second->similarContent(0).front().first, ItemIndex(12));
        // Only metadata changing (popularity) leaves the content signal alone.
        builder.setItem(12, item("pasta sauce recipe quick", 40, 50));
        builder.publish();
        QCOMPARE(builder.lastPublishStats().content_items, size_t(0));
        // Without text (deleted), it leaves its neighbours' lists.
        ItemFeatures gone;
        gone.recommendable = false;
        builder.setItem(12, gone);
        const auto third = builder.publish();
        QVERIFY(third->similarContent(12).empty());
        for (const auto& [neighbour, score] : third->similarContent(0))
            QVERIFY(neighbour != 12);
    }

    void snapshotsAnswerWhileTheNextIsBuilt() {
        // The server's pattern: request threads read the last snapshot while the refresh thread folds new
        // interactions in and publishes (which rewrites shared blocks copy-on-write). Run under TSan to see
        // races.
        RecBuilder builder;
        addTwoGroups(builder);
        std::shared_ptr<const RecIndex> current = builder.publish();
        std::mutex swap;
        std::atomic<bool> done = false;
        std::atomic<size_t> answers = 0;
        std::atomic<size_t> queries = 0; // rounds of queries made, answered or not
        std::vector<std::thread> readers;
        for (int t = 0; t < 3; ++t)
            readers.emplace_back([&, t] {
                while (!done) {
                    std::shared_ptr<const RecIndex> index;
                    {
                        std::lock_guard lock(swap);
                        index = current;
                    }
                    UserQuery query;
                    query.history = {watch(99, ItemIndex(t)), watch(99, 7)};
                    query.count = 10;
                    RelatedQuery related;
                    related.item = ItemIndex(t);
                    answers += index->recommend(query).size() + index->related(related).size();
                    ++queries;
                }
            });
        // Each publish waits for a reader to have queried since the previous one, so reads and builds really
        // interleave (a fast build on a busy machine could otherwise finish before any reader ran).
        const auto waitForQueriesAfter = [&](size_t seen) {
            while (queries.load() <= seen)
                std::this_thread::yield();
        };
        for (UserIndex round = 0; round < 40; ++round) {
            waitForQueriesAfter(queries.load());
            builder.addInteractions(
                std::vector<Interaction>{watch(100 + round, round % 12, 0.9f, round),
                                         watch(100 + round, (round + 5) % 12, 0.6f, round + 1)});
            builder.setItem(12 + round, item("new video " + std::to_string(round), round % 4));
            auto next = builder.publish();
            std::lock_guard lock(swap);
            current = std::move(next);
        }
        done = true;
        for (auto& reader : readers)
            reader.join();
        QVERIFY(answers > 0);
        QCOMPARE(current->itemCount(), size_t(52));
    }

    void publishSharesUntouchedBlocks() {
        RecBuilder builder;
        for (ItemIndex i = 0; i < 2048; ++i)
            builder.setItem(
                i, item("video " + std::to_string(i % 97) + " topic " + std::to_string(i % 13), i % 40));
        std::vector<Interaction> log;
        for (UserIndex u = 0; u < 200; ++u)
            for (ItemIndex k = 0; k < 5; ++k)
                log.push_back(watch(u, (u * 37 + k * 11) % 2048, 0.8f, int64_t(k)));
        builder.addInteractions(log);
        const auto before = builder.publish();
        // One new interaction between two items in the first block.
        builder.addInteractions(std::vector<Interaction>{watch(500, 1, 1, 10), watch(500, 2, 1, 11)});
        const auto after = builder.publish();
        const auto& a = before->data();
        const auto& b = after->data();
        QCOMPARE(b.cf.blockCount(), size_t(8));
        QVERIFY(b.cf.sharedBlocksWith(a.cf) >= 6);
        QCOMPARE(b.content.sharedBlocksWith(a.content), size_t(8));
        QCOMPARE(b.items.sharedBlocksWith(a.items), size_t(8));
        QVERIFY(!after->watchedTogether(1).empty());
        QCOMPARE(after->watchedTogether(1).front().first, ItemIndex(2));
    }
};

QTEST_GUILESS_MAIN(TestRecModel)
#include "test_rec_model.moc"
