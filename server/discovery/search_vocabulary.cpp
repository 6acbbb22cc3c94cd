#include "server/discovery/search_vocabulary.h"

#include <algorithm>
#include <tuple>

namespace fc::server::discovery {
namespace {

constexpr char32_t kBoundary = 1; // pads words so their first and last letters have trigrams of their own
constexpr size_t kMinCorrectableLength = 3;

uint64_t trigramKey(char32_t a, char32_t b, char32_t c) {
    return (static_cast<uint64_t>(a) << 42) | (static_cast<uint64_t>(b) << 21) | static_cast<uint64_t>(c);
}

std::vector<uint64_t> trigramsOf(std::u32string_view word) {
    std::u32string padded;
    padded.reserve(word.size() + 2);
    padded += kBoundary;
    padded += word;
    padded += kBoundary;
    std::vector<uint64_t> keys;
    for (size_t i = 0; i + 3 <= padded.size(); ++i)
        keys.push_back(trigramKey(padded[i], padded[i + 1], padded[i + 2]));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

int allowedEdits(size_t length) {
    return length <= 4 ? 1 : 2;
}

} // namespace

std::u32string decodeUtf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const int extra = lead < 0x80           ? 0
                          : (lead >> 5) == 0x6  ? 1
                          : (lead >> 4) == 0xE  ? 2
                          : (lead >> 3) == 0x1E ? 3
                                                : -1;
        if (extra < 0 || i + static_cast<size_t>(extra) >= text.size()) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        char32_t code = extra == 0 ? lead : lead & (0x3F >> extra);
        bool valid = true;
        for (int k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
            valid = valid && (next & 0xC0) == 0x80;
            code = (code << 6) | (next & 0x3F);
        }
        out += valid ? code : U'\uFFFD';
        i += valid ? static_cast<size_t>(extra) + 1 : 1;
    }
    return out;
}

int damerauLevenshtein(std::u32string_view a, std::u32string_view b, int max_distance) {
    const int n = static_cast<int>(a.size());
    const int m = static_cast<int>(b.size());
    if (std::abs(n - m) > max_distance)
        return max_distance + 1;
    // Three rows: two back (for transpositions), previous, current.
    std::vector<int> before(static_cast<size_t>(m) + 1), previous(static_cast<size_t>(m) + 1),
        current(static_cast<size_t>(m) + 1);
    for (int j = 0; j <= m; ++j)
        previous[static_cast<size_t>(j)] = j;
    for (int i = 1; i <= n; ++i) {
        current[0] = i;
        int row_min = current[0];
        for (int j = 1; j <= m; ++j) {
            const auto uj = static_cast<size_t>(j);
            const int cost = a[static_cast<size_t>(i - 1)] == b[uj - 1] ? 0 : 1;
            int value = std::min({previous[uj] + 1, current[uj - 1] + 1, previous[uj - 1] + cost});
            if (i > 1 && j > 1 && a[static_cast<size_t>(i - 1)] == b[uj - 2] &&
                a[static_cast<size_t>(i - 2)] == b[uj - 1])
                value = std::min(value, before[uj - 2] + 1);
            current[uj] = value;
            row_min = std::min(row_min, value);
        }
        if (row_min > max_distance)
            return max_distance + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[static_cast<size_t>(m)], max_distance + 1);
}

SearchVocabulary::SearchVocabulary(std::vector<VocabularyTerm> terms, int64_t document_count)
    : m_terms(std::move(terms)), m_documentCount(document_count) {
    std::sort(m_terms.begin(), m_terms.end(),
              [](const VocabularyTerm& a, const VocabularyTerm& b) { return a.term < b.term; });
    m_lengths.reserve(m_terms.size());
    for (size_t i = 0; i < m_terms.size(); ++i) {
        const std::u32string word = decodeUtf8(m_terms[i].term);
        m_lengths.push_back(static_cast<uint16_t>(std::min<size_t>(word.size(), UINT16_MAX)));
        for (uint64_t key : trigramsOf(word))
            m_trigrams[key].push_back(static_cast<uint32_t>(i));
    }
}

int64_t SearchVocabulary::docCount(std::string_view term) const {
    const auto it = std::lower_bound(m_terms.begin(), m_terms.end(), term,
                                     [](const VocabularyTerm& a, std::string_view b) { return a.term < b; });
    return it != m_terms.end() && it->term == term ? it->doc_count : -1;
}

std::vector<PrefixCompletion> SearchVocabulary::completions(std::string_view prefix, size_t limit) const {
    auto it = std::lower_bound(m_terms.begin(), m_terms.end(), prefix,
                               [](const VocabularyTerm& a, std::string_view b) { return a.term < b; });
    std::vector<PrefixCompletion> found;
    for (; it != m_terms.end() && std::string_view(it->term).substr(0, prefix.size()) == prefix; ++it)
        found.push_back({it->term, it->doc_count});
    const auto more_frequent = [](const PrefixCompletion& a, const PrefixCompletion& b) {
        return a.doc_count != b.doc_count ? a.doc_count > b.doc_count : a.term < b.term;
    };
    if (found.size() > limit) {
        std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(limit), found.end(),
                          more_frequent);
        found.resize(limit);
    } else {
        std::sort(found.begin(), found.end(), more_frequent);
    }
    return found;
}

std::optional<std::string> SearchVocabulary::correct(std::string_view word) const {
    const std::u32string target = decodeUtf8(word);
    if (target.size() < kMinCorrectableLength)
        return std::nullopt;
    const int max_edits = allowedEdits(target.size());
    const std::vector<uint64_t> keys = trigramsOf(target);
    // Each edit changes at most four of a word's trigrams (a transposition touches two letters).
    const int min_shared = std::max(1, static_cast<int>(keys.size()) - 4 * max_edits);
    std::unordered_map<uint32_t, int> shared;
    for (uint64_t key : keys) {
        const auto postings = m_trigrams.find(key);
        if (postings == m_trigrams.end())
            continue;
        for (uint32_t index : postings->second)
            if (std::abs(static_cast<int>(m_lengths[index]) - static_cast<int>(target.size())) <= max_edits)
                ++shared[index];
    }
    const VocabularyTerm* best = nullptr;
    int best_distance = max_edits + 1;
    for (const auto& [index, count] : shared) {
        if (count < min_shared)
            continue;
        const VocabularyTerm& candidate = m_terms[index];
        const int distance = damerauLevenshtein(target, decodeUtf8(candidate.term), max_edits);
        if (distance == 0 || distance > max_edits)
            continue;
        if (!best || std::tie(distance, best->doc_count, candidate.term) <
                         std::tie(best_distance, candidate.doc_count, best->term)) {
            best = &candidate;
            best_distance = distance;
        }
    }
    return best ? std::optional<std::string>(best->term) : std::nullopt;
}

} // namespace fc::server::discovery
