#include "server/discovery/search_service.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_set>

#include "server/store/visibility.h"

namespace fc::server::discovery {
namespace {

constexpr size_t kPrefixCompletions =
    8;                              // words a prefix expands to (16 cost ~10 % more at p99 over 1M videos)
constexpr size_t kCorrectBelow = 5; // fewer videos than this: try correcting the spelling
constexpr size_t kNativePrefixWithoutVocabulary = 3;

size_t pageEnd(size_t available, const SearchRequest& request) {
    return std::min({available, kMaxSearchDepth, request.offset + request.limit});
}

template <class Candidate>
std::vector<Candidate> pageOf(const std::vector<Candidate>& sorted, const SearchRequest& request) {
    if (request.offset >= sorted.size())
        return {};
    return {sorted.begin() + static_cast<std::ptrdiff_t>(request.offset),
            sorted.begin() + static_cast<std::ptrdiff_t>(pageEnd(sorted.size(), request))};
}

void sortVideos(std::vector<VideoCandidate>& candidates, SearchSort sort) {
    // Ties: relevance, then views, then id (docs/API.md §17).
    const auto tail = [](const VideoCandidate& c) {
        return std::make_tuple(-c.score, -c.view_count, c.video_id);
    };
    std::sort(candidates.begin(), candidates.end(), [&](const VideoCandidate& a, const VideoCandidate& b) {
        switch (sort) {
        case SearchSort::Date:
            if (a.published_at_ms != b.published_at_ms)
                return a.published_at_ms > b.published_at_ms;
            break;
        case SearchSort::Views:
            if (a.view_count != b.view_count)
                return a.view_count > b.view_count;
            break;
        case SearchSort::Rating: {
            const double wa = wilsonLowerBound(a.like_count, a.dislike_count);
            const double wb = wilsonLowerBound(b.like_count, b.dislike_count);
            if (wa != wb)
                return wa > wb;
            break;
        }
        case SearchSort::Relevance:
            break;
        }
        return tail(a) < tail(b);
    });
}

void sortChannels(std::vector<ChannelCandidate>& candidates, SearchSort sort) {
    // Channels have no ratings: rating falls back to relevance; views means subscribers.
    std::sort(candidates.begin(), candidates.end(),
              [&](const ChannelCandidate& a, const ChannelCandidate& b) {
                  if (sort == SearchSort::Date && a.created_at_ms != b.created_at_ms)
                      return a.created_at_ms > b.created_at_ms;
                  if (sort == SearchSort::Views && a.subscriber_count != b.subscriber_count)
                      return a.subscriber_count > b.subscriber_count;
                  return std::make_tuple(-a.score, -a.subscriber_count, a.channel_id) <
                         std::make_tuple(-b.score, -b.subscriber_count, b.channel_id);
              });
}

std::string joinTokens(const std::vector<std::string>& tokens) {
    std::string out;
    for (const std::string& token : tokens)
        out += (out.empty() ? "" : " ") + token;
    return out;
}

// What the log records: the searched terms' words, folded (exclusions left out: "-word" is no suggestion).
std::string normalisedQuery(const SearchQuery& query) {
    std::string out;
    for (const SearchTerm& term : query.terms)
        if (!term.excluded) {
            if (!out.empty())
                out += ' ';
            out += joinTokens(term.tokens);
        }
    return out;
}

// The newest kRankedCandidates matches (all when fewer), read forwards in windows of doc ids from the newest
// down: each window is sized from the expected share of matching rows to hold the cap one and a half times,
// and the next one below is twice as wide. Forwards, FTS5 intersects common words at a half to a third of the
// backward cost, and the newest matches are the same. Returns false (docs unusable) when a window held far
// more matches than expected (words that occur together): the caller falls back to the backward scan.
Result<bool> newestMatchesForwards(store::Connection& db, const FtsExpression& expression,
                                   std::vector<ScoredDoc>& docs, std::unordered_set<int64_t>& seen) {
    constexpr size_t kWindowLimit = 4 * kRankedCandidates;
    auto last = lastVideoDocId(db);
    if (!last)
        return last.error();
    const double documents = static_cast<double>(std::max<int64_t>(*last, 1));
    const double share = std::clamp(expression.expected_matches / documents, 1e-9, 1.0);
    double width = 1.5 * static_cast<double>(kRankedCandidates) / share;
    for (int64_t high = *last; high >= 1 && docs.size() < kRankedCandidates; width *= 2) {
        const int64_t low = width >= static_cast<double>(high) ? 1 : high - static_cast<int64_t>(width) + 1;
        auto scanned = scanMatches(db, expression, kWindowLimit, ScanRange{low, high, false}, docs, seen);
        if (!scanned)
            return scanned.error();
        if (*scanned)
            return false;
        high = low - 1;
    }
    if (docs.size() > kRankedCandidates) {
        const auto newer = [](const ScoredDoc& a, const ScoredDoc& b) { return a.doc_id > b.doc_id; };
        std::nth_element(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(kRankedCandidates),
                         docs.end(), newer);
        docs.resize(kRankedCandidates);
    }
    return true;
}

} // namespace

double wilsonLowerBound(int64_t likes, int64_t dislikes) {
    const double n = static_cast<double>(likes + dislikes);
    if (n <= 0)
        return 0;
    constexpr double z = 1.959963984540054;
    const double p = static_cast<double>(likes) / n;
    return (p + z * z / (2 * n) - z * std::sqrt((p * (1 - p) + z * z / (4 * n)) / n)) / (1 + z * z / n);
}

SearchService::SearchService(const ServerConfig& config, store::Database& database)
    : m_config(config), m_database(database), m_suggestions(std::make_shared<SuggestionIndex>()) {}

SearchService::~SearchService() {
    stop();
}

std::shared_ptr<const SearchVocabulary> SearchService::vocabulary() const {
    std::lock_guard lock(m_snapshotMutex);
    return m_vocabulary;
}

ExpressionOptions
SearchService::videoExpressionOptions(const std::shared_ptr<const SearchVocabulary>& vocabulary) const {
    ExpressionOptions options;
    if (!vocabulary) {
        options.min_native_prefix_chars = kNativePrefixWithoutVocabulary;
        return options;
    }
    options.expand_prefix = [vocabulary](std::string_view prefix) {
        return vocabulary->completions(prefix, kPrefixCompletions);
    };
    options.doc_count = [vocabulary](std::string_view token) { return vocabulary->docCount(token); };
    options.document_count = vocabulary->documentCount();
    return options;
}

Result<SearchService::VideoMatches>
SearchService::matchVideos(store::Connection& db, const SearchQuery& query, const SearchRequest& request,
                           const std::shared_ptr<const SearchVocabulary>& vocabulary) const {
    ExpressionOptions options = videoExpressionOptions(vocabulary);
    const FtsExpression all = buildFtsExpression(query, options);
    VideoMatches matches;
    matches.phrases = all.phrases;
    // One common word (or phrase): BM25 over every match would cost time in proportion to the matches (a word
    // in most of a million videos), so a first pass takes the matches with it in the title, which rank
    // highest. Not for several words: requiring all of them in the title made the pass read up to 100x more
    // of the index than it kept (~70–170 ms over a million videos), while their matches are fewer anyway.
    // Sorted by date, the newest matches are the right ones already (the index hands them out newest first).
    const auto positive_terms = std::count_if(query.terms.begin(), query.terms.end(),
                                              [](const SearchTerm& term) { return !term.excluded; });
    const bool first_pass = request.sort != SearchSort::Date && positive_terms == 1 &&
                            all.estimated_matches > static_cast<int64_t>(kRankedCandidates);
    options.scope = ColumnScope::Title;
    const FtsExpression titles = first_pass ? buildFtsExpression(query, options) : FtsExpression{};
    std::unordered_set<int64_t> seen;

    const VideoFilters& filters = request.filters;
    const bool filtered =
        filters.min_duration_ms || filters.max_duration_ms || filters.published_after_ms || filters.category;
    if (filtered || request.sort != SearchSort::Relevance) {
        // Filters and sorts need the video rows of every match ranked.
        if (first_pass) {
            auto scanned =
                scanVideoCandidates(db, titles, filters, kRankedCandidates, matches.candidates, seen);
            if (!scanned)
                return scanned.error();
            matches.capped = *scanned;
        }
        if (matches.candidates.size() < kRankedCandidates) {
            auto scanned = scanVideoCandidates(db, all, filters, kRankedCandidates, matches.candidates, seen);
            if (!scanned)
                return scanned.error();
            matches.capped = *scanned;
        }
        matches.ranked = matches.candidates.size();
        return matches;
    }

    // By relevance alone the index has all it takes: score the matches there, then read the video rows of the
    // best ones only (the rows cost more than the scoring).
    std::vector<ScoredDoc> docs;
    bool newest_read = false;
    if (!first_pass && all.expected_matches >= 0) {
        auto windowed = newestMatchesForwards(db, all, docs, seen);
        if (!windowed)
            return windowed.error();
        newest_read = *windowed;
        matches.capped = newest_read && docs.size() >= kRankedCandidates;
        if (!newest_read) {
            docs.clear();
            seen.clear();
        }
    }
    for (const FtsExpression* expression : {&titles, &all}) {
        if (newest_read || expression->text.empty() || docs.size() >= kRankedCandidates)
            continue;
        auto scanned = scanMatches(db, *expression, kRankedCandidates, ScanRange{}, docs, seen);
        if (!scanned)
            return scanned.error();
        matches.capped = *scanned;
    }
    matches.ranked = docs.size();
    // The best offset + limit, and every match tied with the last of them (views decide ties).
    const size_t wanted = std::min(docs.size(), std::min(request.offset + request.limit, kMaxSearchDepth));
    if (wanted == 0)
        return matches;
    const auto better = [](const ScoredDoc& a, const ScoredDoc& b) { return a.score > b.score; };
    std::nth_element(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(wanted - 1), docs.end(),
                     better);
    const double threshold = docs[wanted - 1].score;
    docs.erase(
        std::remove_if(docs.begin(), docs.end(), [&](const ScoredDoc& doc) { return doc.score < threshold; }),
        docs.end());
    auto candidates = videoCandidatesOf(db, docs);
    if (!candidates)
        return candidates.error();
    matches.candidates = std::move(*candidates);
    return matches;
}

Result<std::optional<SearchQuery>> SearchService::correctQuery(store::Connection& db,
                                                               const SearchQuery& query,
                                                               const SearchVocabulary& vocabulary) const {
    SearchQuery corrected = query;
    bool changed = false;
    for (SearchTerm& term : corrected.terms) {
        if (term.excluded)
            continue;
        bool term_changed = false;
        for (size_t i = 0; i < term.tokens.size(); ++i) {
            std::string& token = term.tokens[i];
            const bool as_prefix = term.prefix && i + 1 == term.tokens.size();
            if (as_prefix ? !vocabulary.completions(token, 1).empty() : vocabulary.docCount(token) >= 0)
                continue;
            // Not in the vocabulary, which may be seconds old: ask the index itself.
            auto present = videoIndexMatches(db, ftsString(token) + (as_prefix ? "*" : ""));
            if (!present)
                return present.error();
            if (*present)
                continue;
            if (auto better = vocabulary.correct(token)) {
                token = *better;
                term_changed = true;
            }
        }
        if (term_changed) {
            term.text = joinTokens(term.tokens);
            changed = true;
        }
    }
    return changed ? std::optional<SearchQuery>(std::move(corrected)) : std::nullopt;
}

Result<SearchResult> SearchService::searchVideos(store::Connection& db, const SearchRequest& request,
                                                 const SearchQuery& query) const {
    const auto snapshot = vocabulary();
    auto matched = matchVideos(db, query, request, snapshot);
    if (!matched)
        return matched.error();
    SearchResult result;
    result.searched = normalisedQuery(query);
    if (snapshot && matched->ranked < kCorrectBelow) {
        auto corrected = correctQuery(db, query, *snapshot);
        if (!corrected)
            return corrected.error();
        if (*corrected) {
            auto rematched = matchVideos(db, **corrected, request, snapshot);
            if (!rematched)
                return rematched.error();
            if (rematched->ranked > matched->ranked) {
                matched = std::move(rematched);
                result.corrected_query = (*corrected)->display();
                result.searched = normalisedQuery(**corrected);
            }
        }
    }
    VideoMatches& matches = *matched;
    sortVideos(matches.candidates, request.sort);
    const size_t listable = std::min(matches.ranked, kMaxSearchDepth);
    result.estimated_total = static_cast<int64_t>(matches.capped ? kMaxSearchDepth : listable);
    if (pageEnd(matches.ranked, request) < listable)
        result.next_offset = pageEnd(matches.ranked, request);
    const std::vector<VideoCandidate> page = pageOf(matches.candidates, request);

    std::vector<std::string> ids;
    for (const VideoCandidate& candidate : page)
        ids.push_back(candidate.video_id);
    auto videos = store::findVideos(db, ids);
    if (!videos)
        return videos.error();
    for (size_t i = 0, v = 0; i < page.size() && v < videos->size(); ++i) {
        store::VideoRecord& video = (*videos)[v];
        if (video.id != page[i].video_id)
            continue; // gone since the scan (not in this snapshot: never)
        ++v;
        // The triggers keep everything but listed videos out of the index; every answered row is checked
        // against the listing rule (store::kListedVideoCondition) once more all the same.
        if (!isListed(video.visibility) || video.status != "ready")
            continue;
        SearchHighlights highlights =
            highlightVideo(m_tokenizer, matches.phrases, video.title, video.description);
        result.videos.push_back({std::move(video), page[i].score, std::move(highlights)});
    }
    return result;
}

Result<SearchResult> SearchService::searchChannels(store::Connection& db, const SearchRequest& request,
                                                   const SearchQuery& query) const {
    ExpressionOptions options; // the channel index is small: FTS5's own prefix queries and counts are cheap
    options.min_native_prefix_chars = 1;
    const FtsExpression expression = buildFtsExpression(query, options);
    std::vector<ChannelCandidate> candidates;
    auto scanned = scanChannelCandidates(db, expression, kRankedCandidates, candidates);
    if (!scanned)
        return scanned.error();
    sortChannels(candidates, request.sort);
    SearchResult result;
    result.searched = normalisedQuery(query);
    result.estimated_total =
        static_cast<int64_t>(*scanned ? kMaxSearchDepth : std::min(candidates.size(), kMaxSearchDepth));
    if (pageEnd(candidates.size(), request) < std::min(candidates.size(), kMaxSearchDepth))
        result.next_offset = pageEnd(candidates.size(), request);
    const std::vector<ChannelCandidate> page = pageOf(candidates, request);
    std::vector<int64_t> doc_ids;
    for (const ChannelCandidate& candidate : page)
        doc_ids.push_back(candidate.doc_id);
    auto highlights = channelHighlights(db, expression.text, doc_ids);
    if (!highlights)
        return highlights.error();
    for (const ChannelCandidate& candidate : page) {
        auto channel = store::findChannel(db, candidate.channel_id);
        if (!channel)
            return channel.error();
        if (!*channel)
            continue;
        const auto marked = highlights->find(candidate.doc_id);
        result.channels.push_back({std::move(**channel), candidate.score,
                                   marked != highlights->end() ? marked->second : SearchHighlights{}});
    }
    return result;
}

Result<SearchResult> SearchService::search(const SearchRequest& request) {
    const SearchQuery query = parseSearchQuery(request.q, m_tokenizer);
    if (!query.hasPositiveTerm()) {
        SearchResult empty;
        empty.searched = normalisedQuery(query);
        return empty;
    }
    // One read transaction: the scan, the rows and the highlights see the same snapshot.
    return m_database.read([&](store::Connection& db) {
        return request.type == SearchType::Channel ? searchChannels(db, request, query)
                                                   : searchVideos(db, request, query);
    });
}

std::vector<Suggestion> SearchService::suggest(std::string_view q, size_t limit) const {
    std::vector<std::string> typed;
    for (SearchToken& token : m_tokenizer.tokenize(q))
        typed.push_back(std::move(token.text));
    std::shared_ptr<const SuggestionIndex> snapshot;
    {
        std::lock_guard lock(m_snapshotMutex);
        snapshot = m_suggestions;
    }
    return snapshot->suggest(typed, limit);
}

} // namespace fc::server::discovery
