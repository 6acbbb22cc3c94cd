// Playlists and Watch later against the real server (docs/API.md §16): create/read/edit/delete, items added
// at the end or at a position, moved (others shift, clamped) and removed with positions kept 0-based and
// dense (also when a video is deleted), Watch later's fixed properties and its place at the head of "my
// playlists", visibility (private → 404, unlisted by id, public on the channel), videos the reader may not
// see left out, non-owner writes → 403, and the limits (lowered by flags: --max-playlist-items,
// --max-playlists-per-user). Video rows are inserted directly: none of this needs media.
#include <QtTest>

#include "tests/server/direct_database.h"
#include "tests/support/api_client.h"
#include "tests/support/test_server.h"

using namespace fc::test;
using nlohmann::json;
using Ids = std::vector<std::string>;

class TestPlaylists : public QObject {
    Q_OBJECT
    TestServer m_server;
    std::optional<SignedUpUser> m_owner;
    std::optional<SignedUpUser> m_other;

    ApiReply call(const std::string& method, const std::string& path, const std::optional<SignedUpUser>& user,
                  const std::optional<json>& body = std::nullopt) {
        return ApiClient(m_server).call(method, "/api/v1" + path, user ? user->access_token : "", body);
    }
    bool addVideo(const std::string& id, const SignedUpUser& owner,
                  const std::string& visibility = "public") {
        DirectDatabase db(m_server.dataDir());
        return db.insertVideo({id, owner.channel_id, owner.id, "Video " + id, visibility, "ready", 1000}) &&
               db.exec("UPDATE videos SET thumbnail_file = 'thumbs/thumb_1.jpg' WHERE id = ?", {id});
    }
    std::string createPlaylist(const std::string& title, const std::string& visibility = "private") {
        const auto reply =
            call("POST", "/playlists", m_owner, json{{"title", title}, {"visibility", visibility}});
        return reply.status == 201 ? reply.json.value("id", "") : "";
    }
    int addItem(const std::string& playlist, const std::string& video, std::optional<int> position = {}) {
        json body = {{"video_id", video}};
        if (position)
            body["position"] = *position;
        return call("POST", "/playlists/" + playlist + "/items", m_owner, body).status;
    }
    int moveItem(const std::string& playlist, const std::string& video, int position) {
        return call("PATCH", "/playlists/" + playlist + "/items/" + video, m_owner,
                    json{{"position", position}})
            .status;
    }
    // The reader's view of the items in order; positions must be the ones given (dense for the owner).
    Ids itemIds(const std::string& playlist, const std::optional<SignedUpUser>& reader,
                std::vector<int>* positions = nullptr) {
        const auto reply = call("GET", "/playlists/" + playlist + "/items", reader);
        Ids ids;
        for (const auto& item : reply.json["items"]) {
            ids.push_back(item["video"].value("id", ""));
            if (positions)
                positions->push_back(item.value("position", -1));
        }
        return ids;
    }
    Ids orderOf(const std::string& playlist) {
        std::vector<int> positions;
        Ids ids = itemIds(playlist, m_owner, &positions);
        for (size_t i = 0; i < positions.size(); ++i)
            if (positions[i] != static_cast<int>(i))
                return {"positions not dense"};
        return ids;
    }
    Ids playlistIds(const std::string& path, const std::optional<SignedUpUser>& reader) {
        Ids ids;
        const auto reply = call("GET", path, reader);
        for (const auto& item : reply.json["items"])
            ids.push_back(item.value("id", ""));
        return ids;
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        ApiClient api(m_server);
        m_owner = api.signUp("listowner");
        m_other = api.signUp("listother");
        QVERIFY(m_owner && m_other);
        for (const char* id :
             {"plVideo0001", "plVideo0002", "plVideo0003", "plVideo0004", "plVideo0005", "plVideo0006"})
            QVERIFY(addVideo(id, *m_owner));
        QVERIFY(addVideo("plOwnPriv01", *m_owner, "private"));
        QVERIFY(addVideo("plOthPriv01", *m_other, "private"));
    }

    void createReadEditDelete() {
        QCOMPARE(call("POST", "/playlists", std::nullopt, json{{"title", "x"}}).status, 401);
        QCOMPARE(call("POST", "/playlists", m_owner, json{{"description", "no title"}}).status, 400);
        QCOMPARE(call("POST", "/playlists", m_owner, json{{"title", std::string(151, 'a')}}).status, 400);
        QCOMPARE(call("POST", "/playlists", m_owner, json{{"title", "a"}, {"visibility", "secret"}}).status,
                 400);
        const auto created =
            call("POST", "/playlists", m_owner, json{{"title", "Road trip"}, {"description", "d"}});
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json.value("kind", ""), std::string("playlist"));
        QCOMPARE(created.json.value("visibility", ""), std::string("private"));
        QCOMPARE(created.json.value("owner_id", ""), m_owner->id);
        QCOMPARE(created.json.value("item_count", -1), 0);
        QVERIFY(created.json["thumbnail_url"].is_null());
        const std::string id = created.json.value("id", "");
        QCOMPARE(call("GET", "/playlists/" + id, m_owner).json.value("title", ""), std::string("Road trip"));

        const auto patched = call("PATCH", "/playlists/" + id, m_owner,
                                  json{{"title", "Road trip 2"}, {"visibility", "unlisted"}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json.value("title", ""), std::string("Road trip 2"));
        QCOMPARE(patched.json.value("visibility", ""), std::string("unlisted"));
        QCOMPARE(patched.json.value("description", ""), std::string("d"));
        QCOMPARE(call("PATCH", "/playlists/" + id, m_owner, json{{"title", ""}}).status, 400);
        QCOMPARE(call("DELETE", "/playlists/" + id, m_owner).status, 204);
        QCOMPARE(call("GET", "/playlists/" + id, m_owner).errorCode(), std::string("playlist_not_found"));
    }

    void itemsKeepTheirOrder() {
        const std::string list = createPlaylist("Ordered");
        QVERIFY(!list.empty());
        for (const char* id : {"plVideo0001", "plVideo0002", "plVideo0003", "plVideo0004", "plVideo0005"})
            QCOMPARE(addItem(list, id), 201);
        const auto at_front = call("POST", "/playlists/" + list + "/items", m_owner,
                                   json{{"video_id", "plVideo0006"}, {"position", 0}});
        QCOMPARE(at_front.status, 201);
        QCOMPARE(at_front.json.value("position", -1), 0);
        QCOMPARE(orderOf(list), (Ids{"plVideo0006", "plVideo0001", "plVideo0002", "plVideo0003",
                                     "plVideo0004", "plVideo0005"}));
        QCOMPARE(call("POST", "/playlists/" + list + "/items", m_owner, json{{"video_id", "plVideo0001"}})
                     .errorCode(),
                 std::string("already_in_playlist"));

        QCOMPARE(moveItem(list, "plVideo0006", 3), 204);
        QCOMPARE(orderOf(list), (Ids{"plVideo0001", "plVideo0002", "plVideo0003", "plVideo0006",
                                     "plVideo0004", "plVideo0005"}));
        QCOMPARE(moveItem(list, "plVideo0005", 0), 204);
        QCOMPARE(orderOf(list), (Ids{"plVideo0005", "plVideo0001", "plVideo0002", "plVideo0003",
                                     "plVideo0006", "plVideo0004"}));
        QCOMPARE(moveItem(list, "plVideo0001", 99), 204); // clamped to the end
        QCOMPARE(orderOf(list), (Ids{"plVideo0005", "plVideo0002", "plVideo0003", "plVideo0006",
                                     "plVideo0004", "plVideo0001"}));
        QCOMPARE(moveItem(list, "plVideo0003", 1), 204);
        QCOMPARE(orderOf(list), (Ids{"plVideo0005", "plVideo0003", "plVideo0002", "plVideo0006",
                                     "plVideo0004", "plVideo0001"}));
        QCOMPARE(addItem(list, "plOwnPriv01", 2), 201); // the owner may add their own private video
        QCOMPARE(orderOf(list), (Ids{"plVideo0005", "plVideo0003", "plOwnPriv01", "plVideo0002",
                                     "plVideo0006", "plVideo0004", "plVideo0001"}));

        QCOMPARE(call("DELETE", "/playlists/" + list + "/items/plVideo0002", m_owner).status, 204);
        QCOMPARE(call("DELETE", "/playlists/" + list + "/items/plVideo0002", m_owner).errorCode(),
                 std::string("not_in_playlist"));
        QCOMPARE(call("DELETE", "/playlists/" + list + "/items/plOwnPriv01", m_owner).status, 204);
        QCOMPARE(orderOf(list),
                 (Ids{"plVideo0005", "plVideo0003", "plVideo0006", "plVideo0004", "plVideo0001"}));
        QCOMPARE(moveItem(list, "plVideo0002", 0), 404);
        QCOMPARE(moveItem(list, "plVideo0001", -1), 400);

        // Bad items: unknown video, another user's private video, missing id, negative position.
        QCOMPARE(addItem(list, "noSuchVid00"), 404);
        QCOMPARE(addItem(list, "plOthPriv01"), 404);
        QCOMPARE(call("POST", "/playlists/" + list + "/items", m_owner, json::object()).status, 400);
        QCOMPARE(addItem(list, "plVideo0002", -1), 400);

        // The playlist object follows: count and the first item's thumbnail.
        const auto playlist = call("GET", "/playlists/" + list, m_owner);
        QCOMPARE(playlist.json.value("item_count", -1), 5);
        QCOMPARE(playlist.json.value("thumbnail_url", ""),
                 std::string("/api/v1/videos/plVideo0005/files/thumbs/thumb_1.jpg"));

        // Pages in playlist order.
        const auto first = call("GET", "/playlists/" + list + "/items?limit=2", m_owner);
        QCOMPARE(first.json["items"].size(), size_t(2));
        const std::string cursor = first.json.value("next_cursor", "");
        QVERIFY(!cursor.empty());
        const auto second = call("GET", "/playlists/" + list + "/items?limit=2&cursor=" + cursor, m_owner);
        QCOMPARE(second.json["items"][0]["video"].value("id", ""), std::string("plVideo0006"));
        QCOMPARE(second.json["items"][0].value("position", -1), 2);
        QVERIFY(!second.json["items"][0].value("added_at", "").empty());

        // A deleted video leaves every playlist, and the rest close up.
        QCOMPARE(call("DELETE", "/videos/plVideo0003", m_owner).status, 204);
        QCOMPARE(orderOf(list), (Ids{"plVideo0005", "plVideo0006", "plVideo0004", "plVideo0001"}));
        QCOMPARE(call("GET", "/playlists/" + list, m_owner).json.value("item_count", -1), 4);
    }

    void watchLaterIsFixedAndFirst() {
        QCOMPARE(call("GET", "/playlists/watch-later", std::nullopt).status, 401);
        const auto later = call("GET", "/playlists/watch-later", m_owner);
        QCOMPARE(later.status, 200);
        QCOMPARE(later.json.value("kind", ""), std::string("watch_later"));
        QCOMPARE(later.json.value("title", ""), std::string("Watch later"));
        QCOMPARE(later.json.value("visibility", ""), std::string("private"));
        const std::string id = later.json.value("id", "");
        QCOMPARE(call("GET", "/playlists/watch-later", m_owner).json.value("id", ""), id);
        QCOMPARE(call("PATCH", "/playlists/" + id, m_owner, json{{"title", "Later"}}).status, 400);
        QCOMPARE(call("PATCH", "/playlists/" + id, m_owner, json{{"visibility", "public"}}).status, 400);
        QCOMPARE(call("DELETE", "/playlists/" + id, m_owner).status, 400);
        QCOMPARE(call("DELETE", "/playlists/watch-later", m_owner).status, 400);
        QCOMPARE(call("GET", "/playlists/" + id, m_other).status, 404);
        // The alias works for items too.
        QCOMPARE(
            call("POST", "/playlists/watch-later/items", m_owner, json{{"video_id", "plVideo0004"}}).status,
            201);
        QCOMPARE(itemIds(id, m_owner), Ids{"plVideo0004"});
        QCOMPARE(call("GET", "/playlists/watch-later", m_owner).json.value("item_count", -1), 1);

        // My playlists: Watch later, then by last update (adding an item counts as an update).
        const auto mine_before = playlistIds("/users/me/playlists", m_owner);
        const std::string older = createPlaylist("Older");
        const std::string newer = createPlaylist("Newer");
        QCOMPARE(addItem(older, "plVideo0001"), 201);
        Ids mine = playlistIds("/users/me/playlists", m_owner);
        QVERIFY(mine.size() == mine_before.size() + 2);
        QCOMPARE(Ids(mine.begin(), mine.begin() + 3), (Ids{id, older, newer}));
        // Paged one at a time, Watch later stays on the first page only.
        Ids paged;
        std::string cursor;
        for (int page = 0; page < 10; ++page) {
            const auto reply = call(
                "GET", "/users/me/playlists?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor), m_owner);
            for (const auto& item : reply.json["items"])
                paged.push_back(item.value("id", ""));
            if (reply.json["next_cursor"].is_null())
                break;
            cursor = reply.json.value("next_cursor", "");
        }
        QCOMPARE(paged, mine);
        QCOMPARE(call("GET", "/users/me/playlists", std::nullopt).status, 401);
        // The other user's list starts with their own (new) Watch later.
        const auto theirs = call("GET", "/users/me/playlists", m_other);
        QCOMPARE(theirs.json["items"].size(), size_t(1));
        QCOMPARE(theirs.json["items"][0].value("kind", ""), std::string("watch_later"));
        QVERIFY(theirs.json["items"][0].value("id", "") != id);
    }

    void visibilityAndOwnership() {
        const std::string hidden = createPlaylist("Hidden", "private");
        const std::string unlisted = createPlaylist("Unlisted", "unlisted");
        const std::string shown = createPlaylist("Shown", "public");
        QCOMPARE(call("GET", "/playlists/" + hidden, m_other).errorCode(), std::string("playlist_not_found"));
        QCOMPARE(call("GET", "/playlists/" + hidden, std::nullopt).status, 404);
        QCOMPARE(call("GET", "/playlists/" + hidden + "/items", m_other).status, 404);
        QCOMPARE(call("GET", "/playlists/" + unlisted, std::nullopt).status, 200);
        QCOMPARE(call("GET", "/playlists/" + unlisted + "/items", m_other).status, 200);
        const Ids listed = playlistIds("/channels/" + m_owner->channel_id + "/playlists", std::nullopt);
        QVERIFY(std::find(listed.begin(), listed.end(), shown) != listed.end());
        QVERIFY(std::find(listed.begin(), listed.end(), unlisted) == listed.end());
        QVERIFY(std::find(listed.begin(), listed.end(), hidden) == listed.end());
        for (const auto& id : listed)
            QCOMPARE(call("GET", "/playlists/" + id, std::nullopt).json.value("visibility", ""),
                     std::string("public"));
        QCOMPARE(call("GET", "/channels/noSuchChan1/playlists", std::nullopt).errorCode(),
                 std::string("channel_not_found"));

        // A private video in a public playlist: only its owner sees it, also in the thumbnail.
        QCOMPARE(addItem(shown, "plOwnPriv01"), 201);
        QCOMPARE(addItem(shown, "plVideo0006"), 201);
        QCOMPARE(itemIds(shown, m_owner), (Ids{"plOwnPriv01", "plVideo0006"}));
        std::vector<int> positions;
        QCOMPARE(itemIds(shown, m_other, &positions), Ids{"plVideo0006"});
        QCOMPARE(positions, std::vector<int>{1});
        QCOMPARE(itemIds(shown, std::nullopt), Ids{"plVideo0006"});
        QCOMPARE(call("GET", "/playlists/" + shown, std::nullopt).json.value("thumbnail_url", ""),
                 std::string("/api/v1/videos/plVideo0006/files/thumbs/thumb_1.jpg"));
        QCOMPARE(call("GET", "/playlists/" + shown, m_owner).json.value("thumbnail_url", ""),
                 std::string("/api/v1/videos/plOwnPriv01/files/thumbs/thumb_1.jpg"));
        // The count follows what each reader may see: the others are counted as hidden, in the playlist
        // object and in the channel's list of playlists.
        const auto as_owner = call("GET", "/playlists/" + shown, m_owner).json;
        QCOMPARE(as_owner.value("item_count", -1), 2);
        QCOMPARE(as_owner.value("hidden_count", -1), 0);
        for (const auto& reader : {m_other, std::optional<SignedUpUser>()}) {
            const auto seen = call("GET", "/playlists/" + shown, reader).json;
            QCOMPARE(seen.value("item_count", -1), 1);
            QCOMPARE(seen.value("hidden_count", -1), 1);
        }
        const auto channel_list =
            call("GET", "/channels/" + m_owner->channel_id + "/playlists", m_other).json;
        bool listed_shown = false;
        for (const auto& item : channel_list["items"])
            if (item.value("id", "") == shown) {
                listed_shown = true;
                QCOMPARE(item.value("item_count", -1), 1);
                QCOMPARE(item.value("hidden_count", -1), 1);
            }
        QVERIFY(listed_shown);

        // Writes by someone else: 403 where they may see the playlist, 404 where they may not.
        QCOMPARE(call("PATCH", "/playlists/" + shown, m_other, json{{"title", "Mine now"}}).errorCode(),
                 std::string("not_playlist_owner"));
        QCOMPARE(call("DELETE", "/playlists/" + shown, m_other).status, 403);
        QCOMPARE(call("POST", "/playlists/" + unlisted + "/items", m_other, json{{"video_id", "plVideo0001"}})
                     .status,
                 403);
        QCOMPARE(call("PATCH", "/playlists/" + shown + "/items/plVideo0006", m_other, json{{"position", 0}})
                     .status,
                 403);
        QCOMPARE(call("DELETE", "/playlists/" + shown + "/items/plVideo0006", m_other).status, 403);
        QCOMPARE(call("PATCH", "/playlists/" + hidden, m_other, json{{"title", "x"}}).status, 404);
        QCOMPARE(call("DELETE", "/playlists/" + hidden, m_other).status, 404);
        QCOMPARE(call("DELETE", "/playlists/" + shown, std::nullopt).status, 401);
        QCOMPARE(itemIds(shown, m_owner), (Ids{"plOwnPriv01", "plVideo0006"}));
    }

    // Last: restarts the server with small limits (the data directory and sessions stay).
    void limits() {
        QVERIFY(m_server.terminate());
        m_server.setArgs({"--max-playlist-items", "3", "--max-playlists-per-user", "2"});
        QVERIFY2(m_server.start(), qPrintable(m_server.log()));
        const auto user = ApiClient(m_server).signUp("limited");
        QVERIFY(user);
        m_owner = user;
        const std::string first = createPlaylist("One");
        QVERIFY(!first.empty());
        QVERIFY(!createPlaylist("Two").empty());
        QCOMPARE(call("POST", "/playlists", m_owner, json{{"title", "Three"}}).errorCode(),
                 std::string("too_many_playlists"));
        QCOMPARE(call("GET", "/playlists/watch-later", m_owner).status, 200); // not counted
        for (const char* id : {"plVideo0001", "plVideo0004", "plVideo0005"})
            QCOMPARE(addItem(first, id), 201);
        QCOMPARE(call("POST", "/playlists/" + first + "/items", m_owner, json{{"video_id", "plVideo0006"}})
                     .errorCode(),
                 std::string("playlist_full"));
        QCOMPARE(call("DELETE", "/playlists/" + first + "/items/plVideo0004", m_owner).status, 204);
        QCOMPARE(addItem(first, "plVideo0006", 0), 201);
        QCOMPARE(orderOf(first), (Ids{"plVideo0006", "plVideo0001", "plVideo0005"}));
    }

    void cleanupTestCase() { QVERIFY2(m_server.terminate(), qPrintable(m_server.log())); }
};

QTEST_GUILESS_MAIN(TestPlaylists)
#include "test_playlists.moc"
