#include "server/discovery/search_repository.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "server/store/video_repository.h"

namespace fc::server::discovery {
namespace {

std::string countsText(const std::vector<int64_t>& counts) {
    std::string text;
    for (int64_t count : counts) {
        if (!text.empty())
            text += ' ';
        text += std::to_string(count);
    }
    return text;
}

} // namespace

Result<bool> scanMatches(store::Connection& db, const FtsExpression& expression, size_t limit,
                         const ScanRange& range, std::vector<ScoredDoc>& out,
                         std::unordered_set<int64_t>& seen) {
    auto statement =
        db.prepare(std::string("SELECT rowid, fc_bm25(video_fts, ?, ?) FROM video_fts WHERE video_fts "
                               "MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid ") +
                   (range.newest_first ? "DESC" : "ASC"));
    statement.bindAll(kVideoColumnWeights, countsText(expression.phrase_doc_counts), expression.text,
                      range.low, range.high);
    while (out.size() < limit && statement.step())
        if (seen.insert(statement.int64(0)).second)
            out.push_back({statement.int64(0), statement.real(1)});
    if (statement.error())
        return *statement.error();
    return out.size() >= limit;
}

Result<int64_t> lastVideoDocId(store::Connection& db) {
    auto statement = db.prepare("SELECT coalesce(max(doc_id), 0) FROM video_search_docs");
    if (statement.step())
        return statement.int64(0);
    if (statement.error())
        return *statement.error();
    return int64_t{0};
}

Result<std::vector<VideoCandidate>> videoCandidatesOf(store::Connection& db,
                                                      const std::vector<ScoredDoc>& docs) {
    nlohmann::json scored = nlohmann::json::array();
    for (const ScoredDoc& doc : docs)
        scored.push_back({doc.doc_id, doc.score});
    auto statement =
        db.prepare("SELECT d.doc_id, d.video_id, s.value ->> 1, d.view_count, d.published_at, "
                   "d.like_count, d.dislike_count FROM json_each(?) s CROSS JOIN video_search_docs d "
                   "WHERE d.doc_id = s.value ->> 0");
    statement.bindAll(scored.dump());
    std::vector<VideoCandidate> out;
    while (statement.step())
        out.push_back({statement.int64(0), statement.text(1), statement.real(2), statement.int64(3),
                       statement.int64(4), statement.int64(5), statement.int64(6)});
    if (statement.error())
        return *statement.error();
    return out;
}

Result<bool> scanVideoCandidates(store::Connection& db, const FtsExpression& expression,
                                 const VideoFilters& filters, size_t limit, std::vector<VideoCandidate>& out,
                                 std::unordered_set<int64_t>& seen) {
    // The index drives (CROSS JOIN keeps that order) and hands rows out newest-indexed first without a sort,
    // so the scan stops as soon as enough rows passed the filters, which read the index's own copies
    // (video_search_docs) rather than the wide video rows.
    std::string sql =
        "SELECT video_fts.rowid, d.video_id, fc_bm25(video_fts, ?, ?), d.view_count, d.published_at, "
        "d.like_count, d.dislike_count FROM video_fts CROSS JOIN video_search_docs d "
        "WHERE video_fts MATCH ? AND d.doc_id = video_fts.rowid";
    if (filters.min_duration_ms)
        sql += " AND d.duration_ms >= ?";
    if (filters.max_duration_ms)
        sql += " AND d.duration_ms <= ?";
    if (filters.published_after_ms)
        sql += " AND d.published_at >= ?";
    if (filters.category)
        sql += " AND d.category = ? COLLATE NOCASE";
    sql += " ORDER BY video_fts.rowid DESC";

    auto statement = db.prepare(sql);
    int index = 1;
    statement.bind(index++, kVideoColumnWeights);
    statement.bind(index++, countsText(expression.phrase_doc_counts));
    statement.bind(index++, expression.text);
    for (const auto& value : {filters.min_duration_ms, filters.max_duration_ms, filters.published_after_ms})
        if (value)
            statement.bind(index++, *value);
    if (filters.category)
        statement.bind(index++, *filters.category);

    while (out.size() < limit && statement.step()) {
        const int64_t doc_id = statement.int64(0);
        if (!seen.insert(doc_id).second)
            continue;
        out.push_back({doc_id, statement.text(1), statement.real(2), statement.int64(3), statement.int64(4),
                       statement.int64(5), statement.int64(6)});
    }
    if (statement.error())
        return *statement.error();
    return out.size() >= limit;
}

Result<bool> videoIndexMatches(store::Connection& db, const std::string& match) {
    auto statement = db.prepare("SELECT 1 FROM video_fts WHERE video_fts MATCH ? LIMIT 1");
    statement.bindAll(match);
    const bool found = statement.step();
    if (statement.error())
        return *statement.error();
    return found;
}

Result<bool> scanChannelCandidates(store::Connection& db, const FtsExpression& expression, size_t limit,
                                   std::vector<ChannelCandidate>& out) {
    auto statement =
        db.prepare("SELECT channel_fts.rowid, d.channel_id, fc_bm25(channel_fts, ?, ?), c.subscriber_count, "
                   "c.created_at "
                   "FROM channel_fts CROSS JOIN channel_search_docs d CROSS JOIN channels c "
                   "WHERE channel_fts MATCH ? AND d.doc_id = channel_fts.rowid AND c.id = d.channel_id "
                   "ORDER BY channel_fts.rowid DESC");
    statement.bindAll(kChannelColumnWeights, countsText(expression.phrase_doc_counts), expression.text);
    while (out.size() < limit && statement.step())
        out.push_back({statement.int64(0), statement.text(1), statement.real(2), statement.int64(3),
                       statement.int64(4)});
    if (statement.error())
        return *statement.error();
    return out.size() >= limit;
}

Result<std::unordered_map<int64_t, SearchHighlights>>
channelHighlights(store::Connection& db, const std::string& match, const std::vector<int64_t>& doc_ids) {
    auto statement = db.prepare(
        "SELECT rowid, fc_highlight(channel_fts, 0), fc_fragment(channel_fts, 2, ?) "
        "FROM channel_fts WHERE channel_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))");
    statement.bindAll(static_cast<int64_t>(kFragmentWords), match, nlohmann::json(doc_ids).dump());
    std::unordered_map<int64_t, SearchHighlights> found;
    while (statement.step())
        found[statement.int64(0)] = {statement.text(1), statement.text(2)};
    if (statement.error())
        return *statement.error();
    return found;
}

Result<VocabularySnapshot> loadVocabulary(store::Connection& db, size_t max_terms) {
    VocabularySnapshot snapshot;
    auto terms = db.prepare("SELECT term, doc FROM video_fts_vocab");
    while (terms.step())
        snapshot.terms.push_back({terms.text(0), terms.int64(1)});
    if (terms.error())
        return *terms.error();
    if (snapshot.terms.size() > max_terms) {
        std::nth_element(
            snapshot.terms.begin(), snapshot.terms.begin() + static_cast<std::ptrdiff_t>(max_terms),
            snapshot.terms.end(),
            [](const VocabularyTerm& a, const VocabularyTerm& b) { return a.doc_count > b.doc_count; });
        snapshot.terms.resize(max_terms);
    }
    auto count = db.prepare("SELECT count(*) FROM video_search_docs");
    if (count.step())
        snapshot.document_count = count.int64(0);
    if (count.error())
        return *count.error();
    return snapshot;
}

Result<int64_t> searchIndexVersion(store::Connection& db) {
    auto statement = db.prepare("SELECT version FROM search_index_state WHERE id = 1");
    if (statement.step())
        return statement.int64(0);
    if (statement.error())
        return *statement.error();
    return int64_t{0};
}

Result<void> insertSearchLog(store::Connection& db, const std::vector<SearchLogEntry>& entries) {
    for (const SearchLogEntry& entry : entries)
        if (auto inserted = db.run("INSERT INTO search_log (query, result_count, searcher, created_at) "
                                   "VALUES (?, ?, ?, ?)",
                                   entry.query, entry.result_count, entry.searcher, entry.created_at_ms);
            !inserted)
            return inserted.error();
    return {};
}

namespace {

Result<std::vector<WeightedText>> readWeighted(store::Statement statement) {
    std::vector<WeightedText> rows;
    while (statement.step())
        rows.push_back({statement.text(0), statement.int64(1)});
    if (statement.error())
        return *statement.error();
    return rows;
}

} // namespace

Result<std::vector<WeightedText>> loadPopularQueries(store::Connection& db, size_t limit) {
    auto statement = db.prepare("SELECT query, search_count FROM search_queries "
                                "WHERE searcher_count >= 2 AND last_result_count > 0 "
                                "ORDER BY search_count DESC, query LIMIT ?");
    statement.bindAll(static_cast<int64_t>(limit));
    return readWeighted(std::move(statement));
}

Result<std::vector<WeightedText>> loadPopularTitles(store::Connection& db, size_t limit) {
    auto statement = db.prepare(std::string("SELECT v.title, v.view_count FROM videos v WHERE ") +
                                store::kListedVideoCondition + " ORDER BY v.view_count DESC, v.id LIMIT ?");
    statement.bindAll(static_cast<int64_t>(limit));
    return readWeighted(std::move(statement));
}

} // namespace fc::server::discovery
