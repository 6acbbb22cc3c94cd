// The realtime Hub on its own: fan-out, unsubscription, dead subscribers, and revoking access.
#include <QtTest>

#include <atomic>
#include <thread>

#include <nlohmann/json.hpp>

#include "server/realtime/hub.h"
#include "server/realtime/topic_access.h"

using fc::server::realtime::Hub;
using nlohmann::json;

namespace {

// A subscriber that records what the hub hands it (the WebSocket session's role in production).
class RecordingSubscriber : public fc::server::realtime::Subscriber {
public:
    explicit RecordingSubscriber(std::optional<std::string> viewer = std::nullopt)
        : m_viewer(std::move(viewer)) {}
    void deliver(std::shared_ptr<const std::string> frame) override {
        frames.push_back(json::parse(*frame));
        ++delivered;
    }
    std::optional<std::string> viewerId() const override { return m_viewer; }
    void revoked(const std::string& topic) override { revokedTopics.push_back(topic); }

    std::vector<json> frames;
    std::vector<std::string> revokedTopics;
    std::atomic<int> delivered{0};

private:
    std::optional<std::string> m_viewer;
};

} // namespace

class TestHubUnit : public QObject {
    Q_OBJECT
private slots:
    void publishReachesSubscribersOfTheTopicOnly() {
        Hub hub;
        auto a = std::make_shared<RecordingSubscriber>();
        auto b = std::make_shared<RecordingSubscriber>();
        auto other = std::make_shared<RecordingSubscriber>();
        hub.subscribe("video:AAAAAAAAAAA:status", a);
        hub.subscribe("video:AAAAAAAAAAA:status", b);
        hub.subscribe("video:AAAAAAAAAAA:status", b); // twice: still one delivery
        hub.subscribe("video:BBBBBBBBBBB:status", other);
        QCOMPARE(hub.subscriberCount("video:AAAAAAAAAAA:status"), size_t(2));

        const size_t sent = hub.publish("video:AAAAAAAAAAA:status", "status_changed",
                                        {{"video_id", "AAAAAAAAAAA"}, {"status", "ready"}});
        QCOMPARE(sent, size_t(2));
        QCOMPARE(a->frames.size(), size_t(1));
        QCOMPARE(b->frames.size(), size_t(1));
        QVERIFY(other->frames.empty());
        QCOMPARE(a->frames[0]["type"].get<std::string>(), std::string("status_changed"));
        QCOMPARE(a->frames[0]["topic"].get<std::string>(), std::string("video:AAAAAAAAAAA:status"));
        QCOMPARE(a->frames[0]["data"]["status"].get<std::string>(), std::string("ready"));
        QCOMPARE(hub.publish("video:CCCCCCCCCCC:status", "x", json::object()), size_t(0));
    }

    void unsubscribeStopsDeliveryAndDropsEmptyTopics() {
        Hub hub;
        auto a = std::make_shared<RecordingSubscriber>();
        hub.subscribe("t:1:status", a);
        hub.subscribe("t:2:status", a);
        hub.unsubscribe("t:1:status", a.get());
        QCOMPARE(hub.publish("t:1:status", "e", json::object()), size_t(0));
        QCOMPARE(hub.publish("t:2:status", "e", json::object()), size_t(1));
        QCOMPARE(hub.topicCount(), size_t(1));
        hub.unsubscribeAll(a.get());
        QCOMPARE(hub.topicCount(), size_t(0));
        QCOMPARE(a->frames.size(), size_t(1));
    }

    void deadSubscribersAreSkippedAndPruned() {
        Hub hub;
        auto alive = std::make_shared<RecordingSubscriber>();
        {
            auto gone = std::make_shared<RecordingSubscriber>();
            hub.subscribe("video:AAAAAAAAAAA:status", gone);
        }
        hub.subscribe("video:AAAAAAAAAAA:status", alive);
        QCOMPARE(hub.subscriberCount("video:AAAAAAAAAAA:status"), size_t(1));
        QCOMPARE(hub.publish("video:AAAAAAAAAAA:status", "e", json::object()), size_t(1));
    }

    void restrictRemovesAndTellsOnlyThoseWhoLostAccess() {
        Hub hub;
        const std::string video = "VVVVVVVVVVV";
        auto owner = std::make_shared<RecordingSubscriber>("owner-id");
        auto stranger = std::make_shared<RecordingSubscriber>("someone-else");
        auto anonymous = std::make_shared<RecordingSubscriber>();
        for (const auto& subscriber : {owner, stranger, anonymous}) {
            hub.subscribe("video:" + video + ":status", subscriber);
            hub.subscribe("video:" + video + ":comments", subscriber);
        }
        // Unlisted: everyone with the id keeps following.
        fc::server::realtime::restrictVideoTopics(hub, video, fc::server::Visibility::Unlisted, "owner-id");
        QCOMPARE(hub.subscriberCount("video:" + video + ":status"), size_t(3));
        // Private: the owner alone.
        fc::server::realtime::restrictVideoTopics(hub, video, fc::server::Visibility::Private, "owner-id");
        QCOMPARE(hub.subscriberCount("video:" + video + ":status"), size_t(1));
        QCOMPARE(hub.subscriberCount("video:" + video + ":comments"), size_t(1));
        QVERIFY(owner->revokedTopics.empty());
        QCOMPARE(stranger->revokedTopics.size(), size_t(2));
        QCOMPARE(anonymous->revokedTopics.size(), size_t(2));
        QCOMPARE(hub.publish("video:" + video + ":status", "status_changed", json::object()), size_t(1));
        QCOMPARE(owner->frames.size(), size_t(1));
        QVERIFY(stranger->frames.empty());
        // Deleted: nobody.
        fc::server::realtime::closeVideoTopics(hub, video);
        QCOMPARE(owner->revokedTopics.size(), size_t(2));
        QCOMPARE(hub.topicCount(), size_t(0));
    }

    void aSubscriptionCheckedBeforeARestrictionIsCheckedAgain() {
        // The session reads restrictions() before checking the database and subscribes only if no restrict()
        // ran meanwhile: a video made private between the check and the subscription would otherwise keep an
        // anonymous follower that restrict() never saw.
        Hub hub;
        auto anonymous = std::make_shared<RecordingSubscriber>();
        const auto nobodyButAlice = [](const std::optional<std::string>& viewer) {
            return viewer == "alice";
        };
        const uint64_t seen = hub.restrictions();
        hub.restrict("video:AAAAAAAAAAA:status", nobodyButAlice); // no subscriber yet: it judges nobody
        QVERIFY(!hub.subscribeUnlessRestricted("video:AAAAAAAAAAA:status", anonymous, seen));
        QCOMPARE(hub.subscriberCount("video:AAAAAAAAAAA:status"), size_t(0));
        // Checked again after it: subscribed, and a later restrict() judges it as any other follower.
        QVERIFY(hub.subscribeUnlessRestricted("video:AAAAAAAAAAA:status", anonymous, hub.restrictions()));
        QCOMPARE(hub.subscriberCount("video:AAAAAAAAAAA:status"), size_t(1));
        QCOMPARE(hub.restrict("video:AAAAAAAAAAA:status", nobodyButAlice), size_t(1));
        QCOMPARE(anonymous->revokedTopics, std::vector<std::string>{"video:AAAAAAAAAAA:status"});
    }
    void concurrentPublishAndSubscribeIsSafe() {
        Hub hub;
        std::vector<std::shared_ptr<RecordingSubscriber>> subscribers;
        for (int i = 0; i < 8; ++i)
            subscribers.push_back(std::make_shared<RecordingSubscriber>());
        std::atomic<bool> stop{false};
        std::atomic<bool> subscribed{false};
        std::thread churn([&] {
            while (!stop) {
                for (const auto& subscriber : subscribers)
                    hub.subscribe("busy:1:status", subscriber);
                subscribed =
                    true; // the odd ones are never unsubscribed: from here on every publish reaches them
                for (size_t i = 0; i < subscribers.size(); i += 2)
                    hub.unsubscribe("busy:1:status", subscribers[i].get());
            }
        });
        while (!subscribed) // on a loaded machine the thread may start late
            std::this_thread::yield();
        size_t total = 0;
        for (int i = 0; i < 20'000; ++i)
            total += hub.publish("busy:1:status", "tick", {{"n", i}});
        stop = true;
        churn.join();
        int delivered = 0;
        for (const auto& subscriber : subscribers)
            delivered += subscriber->delivered;
        QCOMPARE(size_t(delivered), total);
        QVERIFY(total > 0);
    }
};

QTEST_GUILESS_MAIN(TestHubUnit)
#include "test_hub_unit.moc"
