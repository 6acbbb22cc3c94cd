# shellcheck shell=bash
# Issue #7: the trending refresh, sourced by run_benchmarks.sh (BENCH_ONLY=trending) and using its helpers (log,
# die, $WORK). The measuring tool is tests/bench/trending_bench_tool.cpp; it runs in process on a SQLite file of
# its own (no framecastd, no HTTP), so the numbers are the refresh's and the handler's database work alone.
#
# A catalogue of $TRENDING_VIDEOS listed videos with $TRENDING_DAYS days of engagement ($TRENDING_VIEWS_PER_DAY
# counted views, a tenth as many likes, a fiftieth comments, a hundredth shares per day, power-law over videos)
# written as the server writes it, so the triggers fill the hourly buckets. Measured: the refresh (ours) vs the
# same scores from one GROUP BY over the raw events (reference, read-only), first pages of GET …/trending, and the
# triggers' cost per like/unlike.
TRENDING_VIDEOS="${BENCH_TRENDING_VIDEOS:-100000}"
TRENDING_DAYS="${BENCH_TRENDING_DAYS:-30}"
TRENDING_VIEWS_PER_DAY="${BENCH_TRENDING_VIEWS_PER_DAY:-100000}"
TRENDING_RUNS="${BENCH_TRENDING_RUNS:-5}"
TRENDING_MD=""

bench_trending() {
    [[ -n "${TRENDING_TOOL:-}" && -x "$TRENDING_TOOL" ]] ||
        die "the trending benchmark needs framecast-trending-bench (run without FRAMECASTD=, or set TRENDING_TOOL=)"
    log "trending: seeding $TRENDING_VIDEOS videos, $TRENDING_DAYS days of engagement, then $TRENDING_RUNS refreshes"
    local out
    out="$("$TRENDING_TOOL" --db "$WORK/trending.sqlite" --videos "$TRENDING_VIDEOS" --days "$TRENDING_DAYS" \
        --views-per-day "$TRENDING_VIEWS_PER_DAY" --likes-per-day $((TRENDING_VIEWS_PER_DAY / 10)) \
        --comments-per-day $((TRENDING_VIEWS_PER_DAY / 50)) --shares-per-day $((TRENDING_VIEWS_PER_DAY / 100)) \
        --runs "$TRENDING_RUNS")" || die "the trending benchmark failed"
    local ratio
    ratio="$(jq -r '(.reference_ms.read_and_score / .steady_refresh_ms.total * 100 | round) / 100' <<<"$out")"
    TRENDING_MD="$(
        jq -r --arg ratio "$ratio" '
def ms: . * 10 | round / 10;
"## Trending refresh (issue #7)\n",
"Catalogue: \(.videos) listed videos; \(.days) days of engagement seeded (attempted: \(.seeded_attempts.views) views, \(.seeded_attempts.likes) likes, \(.seeded_attempts.comments) comments, \(.seeded_attempts.shares) shares) in \(.seeded_attempts.seconds | floor) s; \(.tables.buckets) hourly buckets over \(.tables.active_videos) active videos, \(.tables.like_rows) like rows, \(.tables.share_rows) share rows.\n",
"| Measure | Median | Runs |",
"| --- | --- | --- |",
"| First refresh (every row new): read + decay + score 3 windows | \(.first_refresh_ms.read_and_score | ms) ms | |",
"| First refresh: write \(.first_refresh_ms.rows_written | round) rows (longest write transaction) + prune + categories | \(.first_refresh_ms.write | ms) ms (\(.first_refresh_ms.longest_write | ms) ms) + \(.first_refresh_ms.prune | ms) + \(.first_refresh_ms.categories | ms) ms | |",
"| **First refresh, total** | **\(.first_refresh_ms.total | round) ms** | |",
"| Steady refresh (a minute of engagement later): read + decay + score | \(.steady_refresh_ms.read_and_score | ms) ms | |",
"| Steady refresh: write \(.steady_refresh_ms.rows_written | round) moved rows (longest write transaction) | \(.steady_refresh_ms.write | ms) ms (\(.steady_refresh_ms.longest_write | ms) ms) | \(.steady_refresh_ms.write_runs | map(round) | join(", ")) ms |",
"| **Steady refresh, total** | **\(.steady_refresh_ms.total | round) ms** | \(.steady_refresh_ms.runs | map(round) | join(", ")) ms |",
"| Reference: GROUP BY over the raw events + the same scoring (no writes) | \(.reference_ms.read_and_score | round) ms | \(.reference_ms.runs | map(round) | join(", ")) ms |",
"| Reference / steady refresh | \($ratio)x | |\n",
"Ranked (day / week / month): \(.ours_ranked.day) / \(.ours_ranked.week) / \(.ours_ranked.month), the reference \(.reference_ms.ranked.day) / \(.reference_ms.ranked.week) / \(.reference_ms.ranked.month); largest score difference from the reference \(.ours_vs_reference.largest_score_difference), videos in only one of them \(.ours_vs_reference.videos_not_in_both).\n",
"GET …/trending first pages (week, 20 items, every 4th with a category; the handler reads, in process): p50 \(.request_ms.p50 * 100 | round / 100) ms, p99 \(.request_ms.p99 * 100 | round / 100) ms over \(.request_ms.count).\n",
"Per event: a like or unlike in its own write transaction costs \(.rating_write_us.with_triggers | round) µs with the bucket triggers, \(.rating_write_us.without_triggers | round) µs with them dropped.\n"
' <<<"$out"
    )"
    log "trending: ours $(jq -r '.steady_refresh_ms.total | round' <<<"$out") ms, reference $(jq -r '.reference_ms.read_and_score | round' <<<"$out") ms"
    return 0
}
