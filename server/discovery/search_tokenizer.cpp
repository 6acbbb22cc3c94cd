#include "server/discovery/search_tokenizer.h"

#include <sqlite3.h>

#include "core/util/log.h"
#include "server/discovery/search_functions.h"

namespace fc::server::discovery {

struct SearchTokenizer::Module {
    fts5_tokenizer api{};
};

namespace {

int collectToken(void* context, int flags, const char* token, int token_bytes, int begin, int end) {
    if (flags & FTS5_TOKEN_COLOCATED) // unicode61 has no synonyms; keep only the token itself
        return SQLITE_OK;
    auto* tokens = static_cast<std::vector<SearchToken>*>(context);
    tokens->push_back({std::string(token, static_cast<size_t>(token_bytes)), static_cast<size_t>(begin),
                       static_cast<size_t>(end)});
    return SQLITE_OK;
}

} // namespace

SearchTokenizer::SearchTokenizer() : m_module(std::make_unique<Module>()) {
    if (sqlite3_open_v2(":memory:", &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        logError("search: cannot open the tokenizer's in-memory database");
        return;
    }
    fts5_api* api = fts5ApiOf(m_db);
    void* user_data = nullptr;
    if (!api || api->xFindTokenizer(api, "unicode61", &user_data, &m_module->api) != SQLITE_OK) {
        logError("search: SQLite has no FTS5 unicode61 tokenizer");
        return;
    }
    const char* args[] = {"remove_diacritics", "2"};
    Fts5Tokenizer* tokenizer = nullptr;
    if (m_module->api.xCreate(user_data, args, 2, &tokenizer) != SQLITE_OK) {
        logError("search: cannot create the unicode61 tokenizer");
        return;
    }
    m_tokenizer = tokenizer;
}

SearchTokenizer::~SearchTokenizer() {
    if (m_tokenizer)
        m_module->api.xDelete(static_cast<Fts5Tokenizer*>(m_tokenizer));
    sqlite3_close_v2(m_db);
}

std::vector<SearchToken> SearchTokenizer::tokenize(std::string_view text) const {
    std::vector<SearchToken> tokens;
    if (!m_tokenizer || text.empty())
        return tokens;
    std::lock_guard lock(m_mutex);
    m_module->api.xTokenize(static_cast<Fts5Tokenizer*>(m_tokenizer), &tokens, FTS5_TOKENIZE_QUERY,
                            text.data(), static_cast<int>(text.size()), collectToken);
    return tokens;
}

std::string SearchTokenizer::normalise(std::string_view text) const {
    std::string out;
    for (const SearchToken& token : tokenize(text)) {
        if (!out.empty())
            out += ' ';
        out += token.text;
    }
    return out;
}

} // namespace fc::server::discovery
