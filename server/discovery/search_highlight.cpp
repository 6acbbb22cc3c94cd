#include "server/discovery/search_highlight.h"

#include <algorithm>

#include "server/api/watch_page.h"

namespace fc::server::discovery {
namespace {

// Tokens [first, last) with the text between them, escaped, matched tokens in <b></b>; from/to are the byte
// range to cover.
std::string markUp(std::string_view text, const std::vector<TokenSpan>& spans,
                   const std::vector<bool>& matched, size_t first, size_t last, size_t from, size_t to,
                   bool flatten_lines) {
    std::string out;
    size_t at = from;
    const auto plain = [&](size_t end) {
        std::string piece(text.substr(at, end - at));
        if (flatten_lines)
            for (char& c : piece)
                if (c == '\n' || c == '\r' || c == '\t')
                    c = ' ';
        out += api::htmlEscape(piece);
        at = end;
    };
    for (size_t i = first; i < last; ++i) {
        if (!matched[i])
            continue;
        plain(spans[i].begin);
        out += "<b>";
        plain(spans[i].end);
        out += "</b>";
    }
    plain(to);
    return out;
}

bool phraseAt(const std::vector<SearchToken>& tokens, size_t at, const MatchedPhrase& phrase) {
    const size_t length = phrase.tokens.size() + 1;
    if (phrase.last_alternatives.empty() || at + length > tokens.size())
        return false;
    for (size_t j = 0; j < phrase.tokens.size(); ++j)
        if (tokens[at + j].text != phrase.tokens[j])
            return false;
    const std::string& last = tokens[at + length - 1].text;
    if (phrase.last_is_prefix)
        return last.compare(0, phrase.last_alternatives.front().size(), phrase.last_alternatives.front()) ==
               0;
    return std::find(phrase.last_alternatives.begin(), phrase.last_alternatives.end(), last) !=
           phrase.last_alternatives.end();
}

} // namespace

std::string highlightedText(std::string_view text, const std::vector<TokenSpan>& spans,
                            const std::vector<bool>& matched) {
    return markUp(text, spans, matched, 0, spans.size(), 0, text.size(), false);
}

std::string highlightedFragment(std::string_view text, const std::vector<TokenSpan>& spans,
                                const std::vector<bool>& matched, size_t words) {
    const auto first_match =
        static_cast<size_t>(std::find(matched.begin(), matched.end(), true) - matched.begin());
    if (first_match == matched.size())
        return "";
    words = std::max<size_t>(1, words);
    size_t first = first_match > words / 4 ? first_match - words / 4 : 0;
    const size_t last = std::min(spans.size(), first + words);
    first = last > words ? std::min(first, last - words) : 0;
    const bool cut_before = first > 0;
    const bool cut_after = last < spans.size();
    const size_t from = cut_before ? spans[first].begin : 0;
    const size_t to = cut_after ? spans[last - 1].end : text.size();
    std::string out = cut_before ? "… " : "";
    out += markUp(text, spans, matched, first, last, from, to, true);
    if (cut_after)
        out += " …";
    return out;
}

std::vector<bool> matchedTokens(const std::vector<SearchToken>& tokens,
                                const std::vector<MatchedPhrase>& phrases) {
    std::vector<bool> matched(tokens.size(), false);
    for (const MatchedPhrase& phrase : phrases)
        for (size_t at = 0; at < tokens.size(); ++at)
            if (phraseAt(tokens, at, phrase))
                std::fill_n(matched.begin() + static_cast<std::ptrdiff_t>(at), phrase.tokens.size() + 1,
                            true);
    return matched;
}

SearchHighlights highlightVideo(const SearchTokenizer& tokenizer, const std::vector<MatchedPhrase>& phrases,
                                std::string_view title, std::string_view description) {
    const auto marked = [&](std::string_view text, bool fragment) {
        const std::vector<SearchToken> tokens = tokenizer.tokenize(text);
        std::vector<TokenSpan> spans;
        spans.reserve(tokens.size());
        for (const SearchToken& token : tokens)
            spans.push_back({token.begin, token.end});
        const std::vector<bool> matched = matchedTokens(tokens, phrases);
        return fragment ? highlightedFragment(text, spans, matched, kFragmentWords)
                        : highlightedText(text, spans, matched);
    };
    return {marked(title, false), marked(description, true)};
}

} // namespace fc::server::discovery
