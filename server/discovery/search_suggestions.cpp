#include "server/discovery/search_suggestions.h"

#include <algorithm>
#include <unordered_set>

namespace fc::server::discovery {
namespace {

// Every typed word begins a word of the candidate, in the same order (greedy: the earliest fitting word is
// never a worse choice for the words after it).
bool matchesWordByWord(const std::vector<std::string>& candidate, const std::vector<std::string>& typed) {
    size_t next = 0;
    for (const std::string& word : candidate) {
        if (next == typed.size())
            break;
        if (word.compare(0, typed[next].size(), typed[next]) == 0)
            ++next;
    }
    return next == typed.size();
}

constexpr size_t kNarrowLimit = 4096; // word occurrences a typed prefix may have to be used as the filter

} // namespace

SuggestionEntries suggestionEntries(const std::vector<WeightedText>& texts,
                                    const SearchTokenizer& tokenizer) {
    auto list = std::make_shared<SuggestionList>();
    list->entries.reserve(texts.size());
    for (const WeightedText& text : texts) {
        SuggestionEntry entry;
        entry.text = text.text;
        for (SearchToken& token : tokenizer.tokenize(text.text)) {
            if (!entry.key.empty())
                entry.key += ' ';
            entry.key += token.text;
            entry.words.push_back(std::move(token.text));
        }
        if (!entry.words.empty())
            list->entries.push_back(std::move(entry));
    }
    // After the last push_back: the views point into the entries' own strings.
    for (size_t i = 0; i < list->entries.size(); ++i)
        for (const std::string& word : list->entries[i].words)
            list->words.emplace_back(word, static_cast<uint32_t>(i));
    std::sort(list->words.begin(), list->words.end());
    return list;
}

std::vector<Suggestion> SuggestionIndex::suggest(const std::vector<std::string>& typed, size_t limit) const {
    std::vector<Suggestion> out;
    std::unordered_set<std::string> keys;
    // The typed word with the fewest texts behind it narrows the candidates; a prefix so common that it is in
    // thousands of texts is better served by walking the texts in order, where matches come early.
    const auto take = [&](const SuggestionEntries& list, const char* kind) {
        if (!list)
            return;
        const auto accept = [&](const SuggestionEntry& entry) {
            if (matchesWordByWord(entry.words, typed) && keys.insert(entry.key).second)
                out.push_back({entry.text, kind});
        };
        std::vector<uint32_t> candidates;
        bool narrowed = false;
        for (const std::string& word : typed) {
            const auto begin = std::lower_bound(list->words.begin(), list->words.end(),
                                                std::pair<std::string_view, uint32_t>(word, 0));
            auto end = begin;
            while (end != list->words.end() && end->first.substr(0, word.size()) == word &&
                   static_cast<size_t>(end - begin) <= kNarrowLimit)
                ++end;
            if (static_cast<size_t>(end - begin) > kNarrowLimit ||
                (narrowed && candidates.size() <= size_t(end - begin)))
                continue;
            candidates.clear();
            for (auto it = begin; it != end; ++it)
                candidates.push_back(it->second);
            narrowed = true;
        }
        if (narrowed) {
            std::sort(candidates.begin(), candidates.end());
            candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
            for (uint32_t index : candidates) {
                if (out.size() >= limit)
                    return;
                accept(list->entries[index]);
            }
            return;
        }
        for (const SuggestionEntry& entry : list->entries) {
            if (out.size() >= limit)
                return;
            accept(entry);
        }
    };
    take(m_queries, "query");
    if (!typed.empty())
        take(m_titles, "title");
    return out;
}

} // namespace fc::server::discovery
