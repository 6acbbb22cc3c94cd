#pragma once
// Search highlights: a text HTML-escaped with its matched words in <b></b>, or a fragment of about N words
// around the first match. Shared by the FTS5 functions (fc_highlight, fc_fragment: channels) and by video
// results, whose few page rows are tokenized again here (SearchTokenizer is the index's own tokenizer) rather
// than looked up in the index, where each row costs a seek in every matched word's doclist — ~0.5 ms a row
// for common words over a million videos.
//
// Markup is built from token offsets, not by escaping text that already holds markers, so nothing in a title
// (a "<script>", "&", control characters) can forge or break a <b> tag.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "server/discovery/search_query.h"
#include "server/discovery/search_tokenizer.h"

namespace fc::server::discovery {

struct SearchHighlights {
    std::string primary;   // video title / channel name
    std::string secondary; // description fragment, "" without a match there
};

// The words a description fragment holds.
inline constexpr size_t kFragmentWords = 30;

struct TokenSpan {
    size_t begin = 0; // byte offsets in the text
    size_t end = 0;
};

// The whole text, escaped, matched tokens marked.
std::string highlightedText(std::string_view text, const std::vector<TokenSpan>& spans,
                            const std::vector<bool>& matched);
// About `words` tokens around the first matched one (a little before it, most after), escaped and marked,
// "… " / " …" where cut, line breaks as spaces; "" when nothing matched.
std::string highlightedFragment(std::string_view text, const std::vector<TokenSpan>& spans,
                                const std::vector<bool>& matched, size_t words);

// Which tokens are part of an occurrence of any phrase (the positive terms of a query,
// FtsExpression::phrases).
std::vector<bool> matchedTokens(const std::vector<SearchToken>& tokens,
                                const std::vector<MatchedPhrase>& phrases);

// A video's title and description fragment as FTS5 would mark them for these phrases.
SearchHighlights highlightVideo(const SearchTokenizer& tokenizer, const std::vector<MatchedPhrase>& phrases,
                                std::string_view title, std::string_view description);

} // namespace fc::server::discovery
