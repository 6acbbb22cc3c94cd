#include "server/discovery/search_functions.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "server/discovery/search_highlight.h"

namespace fc::server::discovery {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

std::vector<double> parseNumbers(sqlite3_value* value) {
    std::vector<double> numbers;
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    if (!text)
        return numbers;
    char* end = nullptr;
    for (const char* at = text; *at;) {
        const double number = std::strtod(at, &end);
        if (end == at)
            break;
        numbers.push_back(number);
        at = end;
    }
    return numbers;
}

// Per MATCH query, computed on the first row: column weights and each phrase's IDF.
struct RankingState {
    std::vector<double> weights;
    std::vector<double> idf;
    double average_tokens = 1;
};

int countRow(const Fts5ExtensionApi*, Fts5Context*, void* count) {
    ++*static_cast<int64_t*>(count);
    return SQLITE_OK;
}

RankingState* rankingState(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_value** args) {
    if (auto* state = static_cast<RankingState*>(api->xGetAuxdata(fts, 0)))
        return state;
    auto state = std::make_unique<RankingState>();
    state->weights = parseNumbers(args[0]);
    state->weights.resize(static_cast<size_t>(api->xColumnCount(fts)), 1.0);
    const std::vector<double> counts = parseNumbers(args[1]);
    sqlite3_int64 rows = 0;
    sqlite3_int64 tokens = 0;
    if (api->xRowCount(fts, &rows) != SQLITE_OK || api->xColumnTotalSize(fts, -1, &tokens) != SQLITE_OK)
        return nullptr;
    state->average_tokens =
        rows > 0 && tokens > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1;
    const int phrases = api->xPhraseCount(fts);
    for (int phrase = 0; phrase < phrases; ++phrase) {
        int64_t holding =
            phrase < static_cast<int>(counts.size()) ? static_cast<int64_t>(counts[phrase]) : -1;
        if (holding < -1) { // only filters
            state->idf.push_back(0);
            continue;
        }
        if (holding < 0) {
            holding = 0;
            if (api->xQueryPhrase(fts, phrase, &holding, countRow) != SQLITE_OK)
                return nullptr;
        }
        const double n = static_cast<double>(std::min<int64_t>(holding, rows));
        const double idf = std::log((static_cast<double>(rows) - n + 0.5) / (n + 0.5));
        state->idf.push_back(idf > 0 ? idf : 1e-6); // as FTS5's bm25: words in most rows count a little
    }
    RankingState* raw = state.get();
    if (api->xSetAuxdata(fts, state.release(), [](void* p) { delete static_cast<RankingState*>(p); }) !=
        SQLITE_OK)
        return nullptr;
    return raw;
}

void bm25Function(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* context, int argc,
                  sqlite3_value** args) {
    if (argc != 2) {
        sqlite3_result_error(context, "fc_bm25(fts, weights, counts)", -1);
        return;
    }
    const RankingState* state = rankingState(api, fts, args);
    int instances = 0;
    int row_tokens = 0;
    if (!state || api->xInstCount(fts, &instances) != SQLITE_OK ||
        api->xColumnSize(fts, -1, &row_tokens) != SQLITE_OK) {
        sqlite3_result_error(context, "fc_bm25 failed", -1);
        return;
    }
    std::vector<double> frequency(state->idf.size(), 0.0);
    for (int i = 0; i < instances; ++i) {
        int phrase = 0, column = 0, offset = 0;
        if (api->xInst(fts, i, &phrase, &column, &offset) == SQLITE_OK &&
            phrase < static_cast<int>(frequency.size()))
            frequency[static_cast<size_t>(phrase)] += state->weights[static_cast<size_t>(column)];
    }
    // The same arithmetic, in the same order, as FTS5's bm25().
    const double length = static_cast<double>(row_tokens);
    double score = 0;
    for (size_t phrase = 0; phrase < frequency.size(); ++phrase) {
        const double f = frequency[phrase];
        score += state->idf[phrase] *
                 ((f * (kK1 + 1.0)) / (f + kK1 * (1 - kB + kB * length / state->average_tokens)));
    }
    sqlite3_result_double(context, score);
}

int collectSpan(void* spans, int flags, const char*, int, int begin, int end) {
    if (!(flags & FTS5_TOKEN_COLOCATED))
        static_cast<std::vector<TokenSpan>*>(spans)->push_back(
            {static_cast<size_t>(begin), static_cast<size_t>(end)});
    return SQLITE_OK;
}

// The column's text, its token spans and which tokens the query matched; false on error.
bool ftsMatchedTokens(const Fts5ExtensionApi* api, Fts5Context* fts, int column, std::string_view& text,
                      std::vector<TokenSpan>& spans, std::vector<bool>& matched) {
    const char* data = nullptr;
    int bytes = 0;
    if (api->xColumnText(fts, column, &data, &bytes) != SQLITE_OK)
        return false;
    text = std::string_view(data ? data : "", static_cast<size_t>(data ? bytes : 0));
    if (api->xTokenize(fts, text.data(), static_cast<int>(text.size()), &spans, collectSpan) != SQLITE_OK)
        return false;
    matched.assign(spans.size(), false);
    int instances = 0;
    if (api->xInstCount(fts, &instances) != SQLITE_OK)
        return false;
    for (int i = 0; i < instances; ++i) {
        int phrase = 0, at_column = 0, offset = 0;
        if (api->xInst(fts, i, &phrase, &at_column, &offset) != SQLITE_OK || at_column != column)
            continue;
        for (int k = 0; k < api->xPhraseSize(fts, phrase); ++k)
            if (offset + k >= 0 && offset + k < static_cast<int>(matched.size()))
                matched[static_cast<size_t>(offset + k)] = true;
    }
    return true;
}

void highlightFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* context, int argc,
                       sqlite3_value** args) {
    std::string_view text;
    std::vector<TokenSpan> spans;
    std::vector<bool> matched;
    if (argc != 1 || !ftsMatchedTokens(api, fts, sqlite3_value_int(args[0]), text, spans, matched)) {
        sqlite3_result_error(context, "fc_highlight failed", -1);
        return;
    }
    const std::string out = highlightedText(text, spans, matched);
    sqlite3_result_text(context, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

void fragmentFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* context, int argc,
                      sqlite3_value** args) {
    std::string_view text;
    std::vector<TokenSpan> spans;
    std::vector<bool> matched;
    if (argc != 2 || !ftsMatchedTokens(api, fts, sqlite3_value_int(args[0]), text, spans, matched)) {
        sqlite3_result_error(context, "fc_fragment failed", -1);
        return;
    }
    const std::string out = highlightedFragment(text, spans, matched,
                                                static_cast<size_t>(std::max(1, sqlite3_value_int(args[1]))));
    sqlite3_result_text(context, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

int registerOnConnection(sqlite3* db, const char**, const sqlite3_api_routines*) {
    fts5_api* api = fts5ApiOf(db);
    if (!api)
        return SQLITE_OK; // no FTS5: searches fail with a database error, the rest of the server works
    api->xCreateFunction(api, "fc_bm25", nullptr, bm25Function, nullptr);
    api->xCreateFunction(api, "fc_highlight", nullptr, highlightFunction, nullptr);
    api->xCreateFunction(api, "fc_fragment", nullptr, fragmentFunction, nullptr);
    return SQLITE_OK;
}

} // namespace

fts5_api* fts5ApiOf(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) != SQLITE_OK)
        return nullptr;
    sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(statement);
    sqlite3_finalize(statement);
    return api;
}

void registerSearchFunctions() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_auto_extension(reinterpret_cast<void (*)()>(&registerOnConnection)); });
}

} // namespace fc::server::discovery
