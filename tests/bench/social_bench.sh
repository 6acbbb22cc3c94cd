# shellcheck shell=bash
# Issue #6: comments, sourced by run_benchmarks.sh (BENCH_ONLY=comments) and using its helpers (start_framecastd,
# stop_framecastd, seed_public_video, log, die). The measuring client is tests/bench/social_bench_tool.cpp.
#
# 1. Fan-out: $COMMENTS_SUBSCRIBERS WebSocket clients on loopback follow video:<id>:comments; comments are posted one
#    at a time (from 20 users in turn, so the spam filter's rate rule never holds one); latency = POST written →
#    a subscriber has the comment_created frame. Reference in the same invocation: the same with 1 subscriber.
#    Target: p99 per delivery < 100 ms with 1,000 subscribers.
# 2. Listing: 100,000 comments on one video (written into the database while the server is stopped, 1,000
#    authors, random likes), then $COMMENTS_LIST_REQUESTS sequential GETs of 20 comments over one keep-alive
#    connection — half first pages (top/newest/oldest), half pages down to the 50th — each followed by a
#    GET /api/v1/videos/<id> as the reference (one row by primary key). Target: p99 < 10 ms.
COMMENTS_SUBSCRIBERS="${BENCH_COMMENT_SUBSCRIBERS:-1000}"
COMMENTS_POSTS="${BENCH_COMMENT_POSTS:-40}"
COMMENTS_SEEDED="${BENCH_COMMENTS_SEEDED:-100000}"
COMMENTS_LIST_REQUESTS="${BENCH_COMMENT_LIST_REQUESTS:-2000}"
COMMENTS_FANOUT_TARGET_MS=100
COMMENTS_LIST_TARGET_MS=10
COMMENTS_MD=""

# seed_comments DATABASE COUNT: COUNT published top-level comments on benchVideo1 by 1,000 seeded users.
seed_comments() {
    local db=$1 count=$2 now
    now="$(($(date +%s) * 1000))"
    sqlite3 "$db" <<EOF
PRAGMA foreign_keys = ON;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO users (id, username, email, password_hash, display_name, created_at, updated_at)
SELECT printf('u%010d', i), printf('commenter%d', i), printf('commenter%d@bench.invalid', i), '!',
       printf('Commenter %d', i), $now, $now FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
INSERT INTO comments (id, video_id, author_id, body, status, like_count, dislike_count, created_at, updated_at)
SELECT printf('c%010d', i), 'benchVideo1', printf('u%010d', 1 + i % 1000),
       printf('Seeded comment %d: the harbour at dusk is a fine thing to watch at this speed.', i), 'published',
       abs(random()) % 50, abs(random()) % 5, $now - ($count - i) * 1000, $now - ($count - i) * 1000 FROM n;
UPDATE videos SET comment_count = $count WHERE id = 'benchVideo1';
COMMIT;
EOF
}

# register_user URL NAME: prints an access token.
register_user() {
    local url=$1 name=$2
    curl -sS --max-time 30 -H 'Content-Type: application/json' \
        -d "{\"username\":\"$name\",\"email\":\"$name@bench.invalid\",\"password\":\"comment bench correct horse\"}" \
        "$url/api/v1/auth/register" | jq -r '.access_token'
}

# fanout_run SUBSCRIBERS TOKENS...: one JSON line from the tool (comments posted by the tokens in turn).
fanout_run() {
    local subscribers=$1
    shift
    "$SOCIAL_TOOL" fanout --server "$FC_URL" --video benchVideo1 --subscribers "$subscribers" \
        --comments "$COMMENTS_POSTS" --threads 2 --tokens "$(
            IFS=,
            echo "$*"
        )"
}

bench_comments() {
    [[ -n "${SOCIAL_TOOL:-}" && -x "$SOCIAL_TOOL" ]] ||
        die "the comments benchmark needs framecast-social-bench (run without FRAMECASTD=, or set SOCIAL_TOOL=)"
    local data="$WORK/fc-comments"
    start_framecastd "$data" "$WORK/fc-comments.log"
    stop_framecastd
    seed_public_video "$data/framecast.sqlite"
    log "comments: seeding $COMMENTS_SEEDED comments"
    seed_comments "$data/framecast.sqlite" "$COMMENTS_SEEDED"
    start_framecastd "$data" "$WORK/fc-comments.log"

    local tokens=() i
    for i in $(seq 20); do tokens+=("$(register_user "$FC_URL" "fanout$i")"); done
    [[ "${tokens[0]}" != null && -n "${tokens[0]}" ]] || die "could not register the benchmark's users"

    log "comments: fan-out to 1 subscriber (reference) and to $COMMENTS_SUBSCRIBERS"
    local one many
    one="$(fanout_run 1 "${tokens[@]:0:10}")" || die "the 1-subscriber fan-out run failed"
    many="$(fanout_run "$COMMENTS_SUBSCRIBERS" "${tokens[@]:10:10}")" || die "the fan-out run failed"
    local rss_kib
    rss_kib="$(vm_kib "$FC_PID" VmHWM)"

    log "comments: listing ($COMMENTS_LIST_REQUESTS requests)"
    local listing
    listing="$("$SOCIAL_TOOL" list --server "$FC_URL" --video benchVideo1 --requests "$COMMENTS_LIST_REQUESTS" \
        --pages 50)" || die "the listing run failed"
    stop_framecastd

    local f1_p50 f1_p99 fm_p50 fm_p99 fm_max fm_last99 l_p50 l_p99 v_p50 v_p99
    f1_p50="$(jq -r .delivery_p50_ms <<<"$one")"
    f1_p99="$(jq -r .delivery_p99_ms <<<"$one")"
    fm_p50="$(jq -r .delivery_p50_ms <<<"$many")"
    fm_p99="$(jq -r .delivery_p99_ms <<<"$many")"
    fm_max="$(jq -r .delivery_max_ms <<<"$many")"
    fm_last99="$(jq -r .last_subscriber_p99_ms <<<"$many")"
    l_p50="$(jq -r .comments_p50_ms <<<"$listing")"
    l_p99="$(jq -r .comments_p99_ms <<<"$listing")"
    v_p50="$(jq -r .video_p50_ms <<<"$listing")"
    v_p99="$(jq -r .video_p99_ms <<<"$listing")"
    local fan_verdict="met" list_verdict="met"
    awk -v v="$fm_p99" -v t="$COMMENTS_FANOUT_TARGET_MS" 'BEGIN { exit !(v < t) }' || fan_verdict="MISSED"
    awk -v v="$l_p99" -v t="$COMMENTS_LIST_TARGET_MS" 'BEGIN { exit !(v < t) }' || list_verdict="MISSED"
    [[ "$fan_verdict$list_verdict" == metmet ]] || UPLOAD_MISSED=1

    COMMENTS_MD="## Comments (issue #6)

Fan-out: $COMMENTS_POSTS comments posted one at a time to a public video followed on \`video:<id>:comments\` by
WebSocket clients on loopback (2 client threads); time from the POST being written to each subscriber holding its
\`comment_created\` frame (client parsing included). Listing: $COMMENTS_SEEDED comments on one video,
$COMMENTS_LIST_REQUESTS sequential requests of 20 (half first pages of top/newest/oldest, half deeper pages down
to the 50th through the cursors), each followed by \`GET /api/v1/videos/<id>\` as the reference.

| Measure | p50 | p99 | Reference p50 / p99 | Ratio (p99) | Target | Verdict |
|---|---|---|---|---|---|---|
| Fan-out, $COMMENTS_SUBSCRIBERS subscribers, per delivery | $fm_p50 ms | $fm_p99 ms (max $fm_max, last subscriber p99 $fm_last99) | 1 subscriber: $f1_p50 / $f1_p99 ms | $(ratio "$fm_p99" "$f1_p99")× | p99 < $COMMENTS_FANOUT_TARGET_MS ms | $fan_verdict |
| List 20 of $COMMENTS_SEEDED comments | $l_p50 ms | $l_p99 ms | GET video: $v_p50 / $v_p99 ms | $(ratio "$l_p99" "$v_p99")× | p99 < $COMMENTS_LIST_TARGET_MS ms | $list_verdict |

framecastd peak RSS after the fan-out run: $((rss_kib / 1024)) MiB."
    log "comments: fan-out p99 $fm_p99 ms ($fan_verdict), listing p99 $l_p99 ms ($list_verdict)"
}
