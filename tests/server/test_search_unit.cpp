// The search engine's parts without a server: query parsing and its FTS5 text (user text only ever becomes
// quoted strings of index tokens), the Damerau–Levenshtein distance, the vocabulary's completions and
// corrections, word-by-word suggestions, the Wilson bound, and the SQL functions on an in-memory FTS5 table
// (fc_bm25 equals FTS5's own bm25, highlights and fragments escape HTML).
#include <QtTest>

#include <sqlite3.h>

#include "server/discovery/search_functions.h"
#include "server/discovery/search_highlight.h"
#include "server/discovery/search_query.h"
#include "server/discovery/search_service.h"
#include "server/discovery/search_suggestions.h"
#include "server/discovery/search_tokenizer.h"
#include "server/discovery/search_vocabulary.h"

using namespace fc::server::discovery;

namespace {

// Runs one statement on db, returning the first column of each row as text.
std::vector<std::string> column(sqlite3* db, const std::string& sql) {
    std::vector<std::string> rows;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
        return {"prepare failed: " + std::string(sqlite3_errmsg(db))};
    while (sqlite3_step(statement) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(statement, 0);
        rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
    }
    sqlite3_finalize(statement);
    return rows;
}

} // namespace

class TestSearchUnit : public QObject {
    Q_OBJECT
    SearchTokenizer m_tokenizer;

private slots:
    void tokenizerFoldsLikeTheIndex() {
        QVERIFY(m_tokenizer.valid());
        QCOMPARE(m_tokenizer.normalise("  Éléphant's  BIG-dream! "), std::string("elephant s big dream"));
        QCOMPARE(m_tokenizer.normalise("***"), std::string());
    }

    void parsesWordsPhrasesExclusionsAndThePrefix() {
        const SearchQuery query =
            parseSearchQuery("big \"Buck  Bunny\" -forest -\"in the\" bun", m_tokenizer);
        QCOMPARE(query.terms.size(), size_t(5));
        QCOMPARE(query.terms[1].tokens, (std::vector<std::string>{"buck", "bunny"}));
        QVERIFY(query.terms[1].phrase && !query.terms[1].excluded);
        QVERIFY(query.terms[2].excluded && query.terms[3].excluded && query.terms[3].phrase);
        QVERIFY(query.terms[4].prefix && !query.terms[0].prefix);
        QCOMPARE(query.display(), std::string("big \"Buck  Bunny\" -forest -\"in the\" bun"));
        QCOMPARE(buildFtsExpression(query, {}).text,
                 std::string("\"big\" AND \"buck bunny\" AND \"bun\"* NOT \"forest\" NOT \"in the\""));
        // Only exclusions, or nothing that is a word: nothing to match.
        QVERIFY(buildFtsExpression(parseSearchQuery("-a -\"b c\"", m_tokenizer), {}).text.empty());
        QVERIFY(parseSearchQuery("*** ( ) : ^", m_tokenizer).terms.empty());
    }

    void syntaxNeverSurvives() {
        for (const char* typed :
             {"title:x OR y", "NEAR(a b) AND", "a\"b", "{title} : x*", "x) OR (y", "^x + y"}) {
            const std::string text = buildFtsExpression(parseSearchQuery(typed, m_tokenizer), {}).text;
            // Outside the quoted strings only our own AND / NOT / * / parentheses may appear.
            std::string outside;
            bool quoted = false;
            for (char c : text) {
                if (c == '"')
                    quoted = !quoted;
                else if (!quoted)
                    outside += c;
            }
            QVERIFY2(!quoted, text.c_str());
            for (char c : outside)
                QVERIFY2(c == ' ' || c == '*' || std::string("ANDOT").find(c) != std::string::npos,
                         text.c_str());
        }
        QCOMPARE(ftsString("a\"b"), std::string("\"a\"\"b\""));
    }

    void prefixExpansionAndTitleScope() {
        const SearchQuery query = parseSearchQuery("big bun", m_tokenizer);
        ExpressionOptions options;
        options.expand_prefix = [](std::string_view) {
            return std::vector<PrefixCompletion>{{"bunny", 40}, {"bun", 7}, {"bunch", 3}};
        };
        options.doc_count = [](std::string_view token) -> int64_t {
            return token == "big" ? 900 : token == "bun" ? 7 : -1;
        };
        const FtsExpression all = buildFtsExpression(query, options);
        QCOMPARE(all.text, std::string("\"big\" AND (\"bun\" OR \"bunny\" OR \"bunch\")"));
        QCOMPARE(all.phrase_doc_counts, (std::vector<int64_t>{900, 7, 40, 3}));
        QCOMPARE(all.estimated_matches, int64_t(50)); // at most the rarer term's videos
        QCOMPARE(all.expected_matches, -1.0);         // no document count given
        QCOMPARE(all.phrases.size(), size_t(2));
        QCOMPARE(all.phrases[0].last_alternatives, std::vector<std::string>{"big"});
        QCOMPARE(all.phrases[1].last_alternatives, (std::vector<std::string>{"bun", "bunny", "bunch"}));
        QVERIFY(!all.phrases[1].last_is_prefix); // completed: only those words, as in the MATCH text
        options.document_count = 1000;
        // Independent terms: 900/1000 of the rows hold "big", 50/1000 a completion of "bun".
        QCOMPARE(buildFtsExpression(query, options).expected_matches, 1000 * 0.9 * 0.05);
        options.scope = ColumnScope::Title;
        const FtsExpression title = buildFtsExpression(parseSearchQuery("big -bun", m_tokenizer), options);
        QCOMPARE(title.text, std::string("(\"big\") AND {title} : (\"big\") NOT \"bun\""));
        QCOMPARE(title.phrase_doc_counts, (std::vector<int64_t>{900, kFilterOnlyPhrase, 0}));
        // Without a vocabulary a short prefix is a whole word (a native one-letter prefix is too costly).
        ExpressionOptions no_vocabulary;
        no_vocabulary.min_native_prefix_chars = 3;
        QCOMPARE(buildFtsExpression(parseSearchQuery("b", m_tokenizer), no_vocabulary).text,
                 std::string("\"b\""));
        QCOMPARE(buildFtsExpression(parseSearchQuery("bun", m_tokenizer), no_vocabulary).text,
                 std::string("\"bun\"*"));
    }

    void damerauLevenshteinDistance() {
        QCOMPARE(damerauLevenshtein(U"bunyy", U"bunny", 2), 1);
        QCOMPARE(damerauLevenshtein(U"elefant", U"elephant", 2), 2);
        QCOMPARE(damerauLevenshtein(U"ab", U"ba", 2), 1);          // one transposition
        QCOMPARE(damerauLevenshtein(U"kitten", U"sitting", 2), 3); // 3, reported as max + 1
        QCOMPARE(damerauLevenshtein(U"", U"abc", 5), 3);
        QCOMPARE(decodeUtf8("é€"), std::u32string(U"é€"));
    }

    void vocabularyCompletesAndCorrects() {
        const SearchVocabulary vocabulary({{"bunny", 50},
                                           {"bunch", 3},
                                           {"bun", 7},
                                           {"elephant", 4},
                                           {"elephants", 9},
                                           {"card", 10},
                                           {"cart", 5},
                                           {"big", 100}},
                                          120);
        QCOMPARE(vocabulary.docCount("bunny"), int64_t(50));
        QCOMPARE(vocabulary.docCount("bunn"), int64_t(-1));
        const auto completions = vocabulary.completions("bun", 2);
        QCOMPARE(completions.size(), size_t(2));
        QCOMPARE(completions[0].term, std::string("bunny"));
        QCOMPARE(completions[1].term, std::string("bun"));
        QVERIFY(vocabulary.completions("zz", 5).empty());
        QCOMPARE(vocabulary.correct("bunyy").value_or(""), std::string("bunny"));
        QCOMPARE(vocabulary.correct("elefant").value_or(""), std::string("elephant"));
        QCOMPARE(vocabulary.correct("carx").value_or(""), std::string("card")); // tie: the more frequent
        QVERIFY(!vocabulary.correct("bg"));                                     // too short to guess
        QCOMPARE(vocabulary.correct("bigxx").value_or(""), std::string("big")); // 5 letters: 2 edits allowed
        QVERIFY(!vocabulary.correct("bgx")); // 3 letters: 1 edit allowed, "big" is 2 away
        QVERIFY(!vocabulary.correct("zebra"));
    }

    void suggestionsWordByWord() {
        const SuggestionIndex index(
            suggestionEntries({{"big buck bunny", 5}, {"cats", 3}}, m_tokenizer),
            suggestionEntries({{"Big Buck Bunny", 100}, {"Bunny Hop", 50}, {"Büffel Herde", 10}},
                              m_tokenizer));
        const auto typed = [&](const char* text) {
            std::vector<std::string> words;
            for (auto& token : m_tokenizer.tokenize(text))
                words.push_back(token.text);
            return words;
        };
        auto found = index.suggest(typed("bu bun"), 8);
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found[0].kind, std::string("query"));
        found = index.suggest(typed("bu"), 8);
        QCOMPARE(found.size(),
                 size_t(3)); // query, Bunny Hop, Büffel Herde (the title twin of the query is left out)
        QCOMPARE(found[1].text, std::string("Bunny Hop"));
        QCOMPARE(found[2].text, std::string("Büffel Herde"));
        QCOMPARE(index.suggest(typed(""), 8).size(), size_t(2)); // popular queries only
        QVERIFY(index.suggest(typed("bunny big"), 8).empty());

        // Many texts: a prefix held by thousands of them walks the texts in order; a rarer word narrows.
        std::vector<fc::server::discovery::WeightedText> many;
        for (int i = 0; i < 6000; ++i)
            many.push_back({"bulk title " + std::to_string(i), 6000 - i});
        const SuggestionIndex large(suggestionEntries({}, m_tokenizer), suggestionEntries(many, m_tokenizer));
        found = large.suggest(typed("bu"), 3);
        QCOMPARE(found.size(), size_t(3));
        QCOMPARE(found[2].text, std::string("bulk title 2"));
        found = large.suggest(typed("bul 5999"), 3);
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found[0].text, std::string("bulk title 5999"));
        QVERIFY(large.suggest(typed("title bulk"), 3).empty());
    }

    void wilsonBound() {
        QCOMPARE(wilsonLowerBound(0, 0), 0.0);
        QVERIFY(std::abs(wilsonLowerBound(1, 0) - 0.2065) < 1e-3);
        QVERIFY(std::abs(wilsonLowerBound(90, 10) - 0.8256) < 1e-3);
        QVERIFY(wilsonLowerBound(90, 10) > wilsonLowerBound(5, 5));
        QVERIFY(wilsonLowerBound(5, 5) > wilsonLowerBound(1, 0));
    }

    void sqlFunctions() {
        registerSearchFunctions();
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(":memory:", &db), SQLITE_OK);
        const char* setup =
            "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');"
            "INSERT INTO t VALUES ('<b>Bunny</b> & friends', 'one two three');"
            "INSERT INTO t VALUES ('plain title', 'the bunny and the bunny again, a bunny');"
            "INSERT INTO t VALUES ('bunny bunny', 'x');"
            "INSERT INTO t VALUES ('nothing', 'here');";
        QCOMPARE(sqlite3_exec(db, setup, nullptr, nullptr, nullptr), SQLITE_OK);
        // With counts left to the function (-1) it is FTS5's bm25, sign turned.
        const auto ours =
            column(db, "SELECT printf('%.9f', fc_bm25(t, '3 1', '-1')) FROM t WHERE t MATCH 'bunny' "
                       "ORDER BY rowid");
        const auto theirs =
            column(db, "SELECT printf('%.9f', -bm25(t, 3.0, 1.0)) FROM t WHERE t MATCH 'bunny' "
                       "ORDER BY rowid");
        QCOMPARE(ours.size(), size_t(3));
        QCOMPARE(ours, theirs);
        // A phrase marked filter-only adds nothing.
        QCOMPARE(
            column(db, "SELECT printf('%.9f', fc_bm25(t, '3 1', '-1 -2')) FROM t WHERE t MATCH "
                       "'\"bunny\" AND {title} : \"bunny\"' ORDER BY rowid"),
            column(db,
                   "SELECT printf('%.9f', -bm25(t, 3.0, 1.0)) FROM t WHERE t MATCH 'bunny' AND rowid != 2 "
                   "ORDER BY rowid"));
        QCOMPARE(column(db, "SELECT fc_highlight(t, 0) FROM t WHERE t MATCH 'bunny' AND rowid = 1"),
                 std::vector<std::string>{"&lt;b&gt;<b>Bunny</b>&lt;/b&gt; &amp; friends"});
        QCOMPARE(column(db, "SELECT fc_fragment(t, 1, 30) FROM t WHERE t MATCH 'bunny' AND rowid = 1"),
                 std::vector<std::string>{""});
        QCOMPARE(column(db, "SELECT fc_fragment(t, 1, 4) FROM t WHERE t MATCH 'bunny' AND rowid = 2"),
                 std::vector<std::string>{"the <b>bunny</b> and the …"});
        QCOMPARE(column(db, "SELECT fc_fragment(t, 1, 4) FROM t WHERE t MATCH 'again' AND rowid = 2"),
                 std::vector<std::string>{"… bunny <b>again</b>, a bunny"});
        sqlite3_close(db);
    }

    // Video results are marked outside the index (search_highlight.h); the marks must be FTS5's own.
    void highlightsOutsideTheIndexMatchFts5s() {
        registerSearchFunctions();
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(":memory:", &db), SQLITE_OK);
        const char* setup =
            "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');"
            "INSERT INTO t VALUES ('<b>Bunny</b> & friends', 'one two three');"
            "INSERT INTO t VALUES ('The Bunny bunch', 'the bunny and the bunny again, a Bünny in a bundle');"
            "INSERT INTO t VALUES ('Big buck bunny', 'big buck bunny, then bigger bucks\nand buns');";
        QCOMPARE(sqlite3_exec(db, setup, nullptr, nullptr, nullptr), SQLITE_OK);
        ExpressionOptions completed;
        completed.expand_prefix = [](std::string_view) {
            return std::vector<PrefixCompletion>{{"bunny", 3}, {"bunch", 1}};
        };
        for (const char* typed :
             {"bunny", "\"the bunny\"", "big buck", "bun", "\"buck bunny\" -bundle", "a bu"}) {
            for (const ExpressionOptions& options : {ExpressionOptions{}, completed}) {
                const FtsExpression expression =
                    buildFtsExpression(parseSearchQuery(typed, m_tokenizer), options);
                const std::string match = expression.text;
                sqlite3_stmt* statement = nullptr;
                QCOMPARE(
                    sqlite3_prepare_v2(db,
                                       "SELECT t.title, t.body, fc_highlight(t, 0), fc_fragment(t, 1, 6) "
                                       "FROM t WHERE t MATCH ? ORDER BY rowid",
                                       -1, &statement, nullptr),
                    SQLITE_OK);
                sqlite3_bind_text(statement, 1, match.c_str(), -1, SQLITE_TRANSIENT);
                int rows = 0;
                while (sqlite3_step(statement) == SQLITE_ROW) {
                    ++rows;
                    const auto text = [&](int i) {
                        return std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, i)));
                    };
                    const std::string title = text(0), body = text(1);
                    const std::vector<SearchToken> body_tokens = m_tokenizer.tokenize(body);
                    std::vector<TokenSpan> spans;
                    for (const SearchToken& token : body_tokens)
                        spans.push_back({token.begin, token.end});
                    const SearchHighlights ours =
                        highlightVideo(m_tokenizer, expression.phrases, title, body);
                    QCOMPARE(ours.primary, text(2));
                    QCOMPARE(
                        highlightedFragment(body, spans, matchedTokens(body_tokens, expression.phrases), 6),
                        text(3));
                }
                sqlite3_finalize(statement);
                QVERIFY2(rows > 0, match.c_str());
            }
        }
        sqlite3_close(db);
    }
};

QTEST_GUILESS_MAIN(TestSearchUnit)
#include "test_search_unit.moc"
