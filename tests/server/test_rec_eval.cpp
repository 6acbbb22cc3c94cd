// The offline evaluation of the recommendation model (server/discovery/recs/eval): metrics on hand-computed
// cases, the temporal split, log and item-file parsing, the synthetic generator, and that on a synthetic log
// our hybrid beats the popularity baseline and plain item-kNN on NDCG@20.
#include <QtTest>

#include <cmath>
#include <fstream>
#include <sstream>

#include "server/discovery/recs/eval/evaluation.h"
#include "server/discovery/recs/eval/metrics.h"
#include "server/discovery/recs/eval/synthetic_log.h"
#include "server/discovery/recs/eval/temporal_split.h"

using namespace fc::server::discovery::recs;

class TestRecEval : public QObject {
    Q_OBJECT
private slots:
    void recallAndNdcgOnHandComputedCases() {
        const std::vector<ItemIndex> ranked = {5, 1, 7, 2, 9};
        // Hits at positions 1 and 3 (from 0) of 3 relevant items.
        const std::unordered_set<ItemIndex> relevant = {1, 2, 42};
        QCOMPARE(recallAtK(ranked, relevant, 5), 2.0 / 3.0);
        const double dcg = 1 / std::log2(3.0) + 1 / std::log2(5.0);
        const double ideal = 1 + 1 / std::log2(3.0) + 1 / std::log2(4.0);
        QVERIFY(std::abs(ndcgAtK(ranked, relevant, 5) - dcg / ideal) < 1e-12);
        // Cut at k = 2: one hit; the denominator is min(k, |relevant|) = 2.
        QCOMPARE(recallAtK(ranked, relevant, 2), 0.5);
        QVERIFY(std::abs(ndcgAtK(ranked, relevant, 2) - (1 / std::log2(3.0)) / (1 + 1 / std::log2(3.0))) <
                1e-12);
        // A perfect list scores 1 even with more relevant items than k.
        QCOMPARE(recallAtK({1, 2}, {1, 2, 3, 4}, 2), 1.0);
        QCOMPARE(ndcgAtK({1, 2}, {1, 2, 3, 4}, 2), 1.0);
        QCOMPARE(recallAtK({1, 2}, {}, 2), 0.0);
        QCOMPARE(ndcgAtK({3, 4}, {1}, 2), 0.0);
        QCOMPARE(ndcgAtK({}, {1}, 20), 0.0);
    }

    void perUserSplitPutsTheLastFifthOfEachUserInTest() {
        std::vector<Interaction> log;
        for (UserIndex u = 0; u < 3; ++u)
            for (int n = 0; n < 10 + int(u); ++n) // 10, 11 and 12 interactions, in scrambled time order
                log.push_back(Interaction{u, ItemIndex(n), 1, int64_t((n * 7) % (10 + int(u))) * 1000 + u});
        const TemporalSplit split = temporalSplit(log, 0.2, SplitKind::PerUser);
        QCOMPARE(split.test_by_user.size(), size_t(3));
        QCOMPARE(split.test_by_user[0].size(), size_t(2)); // floor(10 x 0.2)
        QCOMPARE(split.test_by_user[1].size(), size_t(2)); // floor(11 x 0.2)
        QCOMPARE(split.test_by_user[2].size(), size_t(2));
        QCOMPARE(split.train.size(), size_t(33 - 6));
        for (UserIndex u = 0; u < 3; ++u) {
            int64_t last_train = INT64_MIN;
            for (const auto& i : split.train)
                if (i.user == u)
                    last_train = std::max(last_train, i.at_ms);
            for (const auto& t : split.test_by_user[u])
                QVERIFY(t.at_ms >= last_train);
        }
    }

    void globalSplitCutsAtOneTime() {
        std::vector<Interaction> log;
        for (int n = 0; n < 100; ++n)
            log.push_back(Interaction{UserIndex(n % 7), ItemIndex(n), 1, int64_t(n) * 1000});
        const TemporalSplit split = temporalSplit(log, 0.2, SplitKind::Global);
        QCOMPARE(split.train.size(), size_t(80));
        int64_t last_train = INT64_MIN;
        for (const auto& i : split.train)
            last_train = std::max(last_train, i.at_ms);
        for (const auto& user : split.test_by_user)
            for (const auto& t : user)
                QVERIFY(t.at_ms > last_train);
    }

    void syntheticSplitNeverTestsBeforeTrain() {
        SyntheticConfig config;
        config.users = 200;
        config.items = 300;
        const SyntheticData data = generateSyntheticLog(config);
        QVERIFY(data.log.interactions.size() > 200 * 20);
        const TemporalSplit split = temporalSplit(data.log.interactions);
        std::vector<int64_t> last_train(data.log.user_ids.size(), INT64_MIN);
        for (const auto& i : split.train)
            last_train[i.user] = std::max(last_train[i.user], i.at_ms);
        size_t tested = 0;
        for (UserIndex u = 0; u < split.test_by_user.size(); ++u)
            for (const auto& t : split.test_by_user[u]) {
                QVERIFY(t.at_ms >= last_train[u]);
                ++tested;
            }
        QVERIFY(tested > 0);
        // Nobody watches an item before it is published, and weights are watch fractions.
        for (const auto& i : data.log.interactions) {
            QVERIFY(i.at_ms >= data.items.features[i.item].published_at_ms);
            QVERIFY(i.weight > 0 && i.weight <= 1);
        }
        // Deterministic for a seed.
        const SyntheticData again = generateSyntheticLog(config);
        QCOMPARE(again.log.interactions.size(), data.log.interactions.size());
        QCOMPARE(again.log.interactions[100].item, data.log.interactions[100].item);
    }

    void logAndItemFilesParse() {
        std::istringstream text(
            "# comment\nalice v1 0.5 1700000000\nbob v2 1 1700000000123\n\nalice v2 0.25 5\n");
        auto log = readLog(text);
        QVERIFY(log.ok());
        QCOMPARE(log->interactions.size(), size_t(3));
        QCOMPARE(log->user_ids.size(), size_t(2));
        QCOMPARE(log->item_ids.size(), size_t(2));
        QCOMPARE(log->interactions[0].at_ms, int64_t(1'700'000'000'000)); // seconds become milliseconds
        QCOMPARE(log->interactions[1].at_ms, int64_t(1'700'000'000'123)); // milliseconds stay
        QCOMPARE(log->interactions[2].user, log->interactions[0].user);
        std::istringstream bad("alice v1 half 17\n");
        const auto refused = readLog(bad);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.find("line 1") != std::string::npos);

        QTemporaryDir dir;
        const std::string path = dir.filePath("items.tsv").toStdString();
        std::ofstream(path) << "v2\tBunny in the park\tAnimals\tbunny,  park \tnature\n"
                            << "v9\tA new one\t\t\tnature\t1700000000\n";
        auto items = readItemsFile(path, *log);
        QVERIFY(items.ok());
        QCOMPARE(log->item_ids.size(), size_t(3)); // v9 joined the catalogue
        QVERIFY(items->known[1] && items->known[2] && !items->known[0]);
        QCOMPARE(items->features[1].tags, (std::vector<std::string>{"bunny", "park"}));
        QCOMPARE(items->features[1].channel, items->features[2].channel);
        QVERIFY(items->features[0].channel != items->features[1].channel);
        QVERIFY(!items->has_published_at);
    }

    void configOptionsApply() {
        RecConfig config;
        QVERIFY(applyConfigOption(config, "rp3_beta=0.25").ok());
        QCOMPARE(config.rp3_beta, 0.25);
        QVERIFY(applyConfigOption(config, "neighbours_per_item=12").ok());
        QCOMPARE(config.neighbours_per_item, size_t(12));
        QVERIFY(applyConfigOption(config, "cf_method=cosine").ok());
        QCOMPARE(config.cf_method, CfMethod::Cosine);
        QVERIFY(!applyConfigOption(config, "nonsense=1").ok());
        QVERIFY(!applyConfigOption(config, "rp3_beta=x").ok());
    }

    void oursBeatsTheBaselinesOnASyntheticLog() {
        SyntheticConfig config;
        config.users = 800;
        config.items = 600;
        config.seed = 11;
        const SyntheticData data = generateSyntheticLog(config);
        EvalOptions options;
        options.max_users = 800;
        const EvalReport report = evaluate(data.log, &data.items, options);
        QCOMPARE(report.rows.size(), size_t(3));
        QVERIFY(report.evaluated_users > 400);
        const MethodResult& ours = report.rows[0];
        const MethodResult& popularity = report.rows[1];
        const MethodResult& knn = report.rows[2];
        qInfo("%s", formatReport(report, options.k).c_str());
        QCOMPARE(ours.method, std::string("ours (hybrid)"));
        QVERIFY(ours.ndcg > popularity.ndcg);
        QVERIFY(ours.ndcg > knn.ndcg);
        QVERIFY(ours.recall > popularity.recall);
        QVERIFY(ours.coverage > popularity.coverage);
        // Related videos (what is watched next after the user's last item): ours above PeerTube's tag search
        // and plain item-kNN.
        QCOMPARE(report.related_rows.size(), size_t(3));
        const MethodResult& related = report.related_rows[0];
        const MethodResult& related_knn = report.related_rows[1];
        const MethodResult& tag_search = report.related_rows[2];
        QCOMPARE(related.method, std::string("ours: related()"));
        QCOMPARE(tag_search.method, std::string("tag search (PeerTube's related)"));
        QVERIFY(related.ndcg > tag_search.ndcg);
        QVERIFY(related.recall > tag_search.recall);
        QVERIFY(related.ndcg > related_knn.ndcg);
        QVERIFY(tag_search.recall > 0); // the baseline is a real one: shared tags do find next watches
        for (const auto& row : report.rows) {
            QVERIFY(row.recall >= 0 && row.recall <= 1);
            QVERIFY(row.ndcg >= 0 && row.ndcg <= 1);
            QVERIFY(row.coverage > 0 && row.coverage <= 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestRecEval)
#include "test_rec_eval.moc"
