#include "server/discovery/search_query.h"

#include <algorithm>

namespace fc::server::discovery {
namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t codePoints(std::string_view text) {
    return static_cast<size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string joinTokens(const std::vector<std::string>& tokens) {
    std::string out;
    for (const std::string& token : tokens) {
        if (!out.empty())
            out += ' ';
        out += token;
    }
    return out;
}

// One term's FTS5 text, appending its phrases' doc counts; returns the term's match estimate (-1: unknown).
int64_t appendTerm(const SearchTerm& term, const ExpressionOptions& options, std::string& out,
                   std::vector<int64_t>& doc_counts, std::vector<MatchedPhrase>* phrases = nullptr) {
    MatchedPhrase matched;
    if (!term.tokens.empty()) {
        matched.tokens.assign(term.tokens.begin(), term.tokens.end() - 1);
        matched.last_alternatives.push_back(term.tokens.back());
    }
    const auto lookup = [&](std::string_view token) -> int64_t {
        return options.doc_count ? options.doc_count(token) : -1;
    };
    if (term.prefix && term.tokens.size() == 1 && !term.excluded) {
        const std::string& token = term.tokens.front();
        std::vector<PrefixCompletion> completions;
        if (options.expand_prefix)
            completions = options.expand_prefix(token);
        if (!completions.empty()) {
            // The word itself (even if the vocabulary is a few seconds old) or its best completions.
            out += '(' + ftsString(token);
            int64_t literal = std::max<int64_t>(lookup(token), 0);
            doc_counts.push_back(literal > 0 ? literal : -1);
            int64_t estimate = literal;
            for (const PrefixCompletion& completion : completions) {
                if (completion.term == token)
                    continue;
                out += " OR " + ftsString(completion.term);
                doc_counts.push_back(completion.doc_count);
                matched.last_alternatives.push_back(completion.term);
                estimate += completion.doc_count;
            }
            out += ')';
            if (phrases)
                phrases->push_back(std::move(matched));
            return estimate;
        }
        const bool native = codePoints(token) >= options.min_native_prefix_chars;
        out += ftsString(token) + (native ? "*" : "");
        matched.last_is_prefix = native;
        if (phrases)
            phrases->push_back(std::move(matched));
        const int64_t count = native ? -1 : lookup(token);
        doc_counts.push_back(count);
        return count;
    }
    out += ftsString(joinTokens(term.tokens)) + (term.prefix && !term.excluded ? "*" : "");
    matched.last_is_prefix = term.prefix && !term.excluded;
    if (phrases && !term.excluded)
        phrases->push_back(std::move(matched));
    // A phrase is in at most as many videos as its rarest word.
    int64_t estimate = -1;
    if (!term.prefix)
        for (const std::string& token : term.tokens) {
            const int64_t count = lookup(token);
            if (count >= 0)
                estimate = estimate < 0 ? count : std::min(estimate, count);
        }
    doc_counts.push_back(term.excluded ? 0 : estimate);
    return estimate;
}

} // namespace

bool SearchQuery::hasPositiveTerm() const {
    return std::any_of(terms.begin(), terms.end(), [](const SearchTerm& term) { return !term.excluded; });
}

std::string SearchQuery::display() const {
    std::string out;
    for (const SearchTerm& term : terms) {
        if (!out.empty())
            out += ' ';
        if (term.excluded)
            out += '-';
        out += term.phrase ? '"' + term.text + '"' : term.text;
    }
    return out;
}

SearchQuery parseSearchQuery(std::string_view text, const SearchTokenizer& tokenizer) {
    SearchQuery query;
    size_t i = 0;
    while (i < text.size()) {
        if (isSpace(text[i])) {
            ++i;
            continue;
        }
        SearchTerm term;
        if (text[i] == '-' && i + 1 < text.size() && !isSpace(text[i + 1])) {
            term.excluded = true;
            ++i;
        }
        if (text[i] == '"') {
            const size_t close = text.find('"', i + 1);
            const size_t end = close == std::string_view::npos ? text.size() : close;
            term.text = std::string(text.substr(i + 1, end - i - 1));
            term.phrase = true;
            i = close == std::string_view::npos ? text.size() : close + 1;
        } else {
            size_t end = i;
            while (end < text.size() && !isSpace(text[end]) && text[end] != '"')
                ++end;
            term.text = std::string(text.substr(i, end - i));
            i = end;
        }
        for (SearchToken& token : tokenizer.tokenize(term.text))
            term.tokens.push_back(std::move(token.text));
        if (!term.tokens.empty())
            query.terms.push_back(std::move(term));
    }
    if (!query.terms.empty()) {
        SearchTerm& last = query.terms.back();
        last.prefix = !last.phrase && !last.excluded;
    }
    return query;
}

std::string ftsString(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

FtsExpression buildFtsExpression(const SearchQuery& query, const ExpressionOptions& options) {
    FtsExpression expression;
    if (!query.hasPositiveTerm())
        return expression;
    std::string positive;
    double share = options.document_count > 0 ? 1.0 : -1.0; // of the rows, if terms were independent
    for (const SearchTerm& term : query.terms) {
        if (term.excluded)
            continue;
        if (!positive.empty())
            positive += " AND ";
        const int64_t estimate =
            appendTerm(term, options, positive, expression.phrase_doc_counts, &expression.phrases);
        if (estimate >= 0)
            expression.estimated_matches = expression.estimated_matches < 0
                                               ? estimate
                                               : std::min(expression.estimated_matches, estimate);
        share = estimate < 0 || share < 0
                    ? -1.0
                    : share * std::min(1.0, static_cast<double>(estimate) /
                                                static_cast<double>(options.document_count));
    }
    if (share >= 0)
        expression.expected_matches = share * static_cast<double>(options.document_count);
    expression.text = positive;
    if (options.scope == ColumnScope::Title) {
        // The same terms again, restricted to titles; their phrases only filter (count -2: not ranked), so
        // the rows rank exactly as in the full query.
        std::string title_copy;
        std::vector<int64_t> ignored;
        for (const SearchTerm& term : query.terms) {
            if (term.excluded)
                continue;
            if (!title_copy.empty())
                title_copy += " AND ";
            appendTerm(term, options, title_copy, ignored);
        }
        expression.text = "(" + positive + ") AND {" + options.title_column + "} : (" + title_copy + ")";
        expression.phrase_doc_counts.insert(expression.phrase_doc_counts.end(), ignored.size(),
                                            kFilterOnlyPhrase);
    }
    for (const SearchTerm& term : query.terms) {
        if (!term.excluded)
            continue;
        expression.text += " NOT ";
        appendTerm(term, options, expression.text, expression.phrase_doc_counts);
    }
    return expression;
}

} // namespace fc::server::discovery
