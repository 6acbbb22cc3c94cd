#pragma once
// The search index's SQL functions (FTS5 auxiliary functions), registered on every SQLite connection the
// process opens after registerSearchFunctions():
//
//   fc_bm25(fts, 'w1 w2 …', 'n1 n2 …')  BM25 (k1 1.2, b 0.75) with per-column weights, higher is better.
//       n_i: how many rows hold phrase i (from the service's vocabulary); -1 makes the function count them.
//       FTS5's own bm25() always counts every phrase's rows first — a pass over the whole doclist that costs
//       ~50 ms for a word in most of a million videos — which is why this one takes the counts as input.
//   fc_highlight(fts, column)           the column's text, HTML-escaped, each matched word in <b></b>.
//   fc_fragment(fts, column, words)     about `words` words around the column's first match, the same way
//       (with "… " / " …" where cut, line breaks as spaces); '' when the column has no match.
//
// Markup is built from token offsets, not by escaping text that already holds markers, so nothing in a
// title (a "<script>", "&", control characters) can forge or break a <b> tag.

struct sqlite3;
struct fts5_api;

namespace fc::server::discovery {

// Idempotent; call before the database is opened (server/main.cpp).
void registerSearchFunctions();

// FTS5's extension API of a connection (nullptr when SQLite lacks FTS5).
fts5_api* fts5ApiOf(sqlite3* db);

} // namespace fc::server::discovery
