# shellcheck shell=bash
# Issue #7: recommendations, sourced by run_benchmarks.sh (BENCH_ONLY=recs) and using its helpers
# (start_framecastd, stop_framecastd, log, die, vm_kib, mib). The measuring client is tests/bench/recs_bench_tool.cpp.
#
# A generated catalogue written into the database while the server is stopped: $RECS_VIDEOS listed videos on
# 2,000 channels (titles, descriptions and tags from a 5,000-word vocabulary, 50 topics, 15 categories,
# heavy-tailed views), $RECS_USERS users with 25 history items each (mostly in their topic, watch fractions
# 0.1-1), 5 likes per user, 5 subscriptions per user, 500 week-trending videos, and one signed-in user (registered
# through the API) with $RECS_HISTORY history items and 20 subscriptions.
#
# 1. Model build at start: the server's own log line ("recommendations: model built ... total N ms"), and its
#    RSS before the first request.
# 2. An incremental refresh: 10 new users watch 10 videos each through the API and 10 video rows are added, all
#    just after a refresh; the next "model refreshed" line (--recs-refresh-s 5).
# 3. Latency: $RECS_REQUESTS sequential rounds over one keep-alive connection of GET /recommendations (page 1:
#    a fresh ranking for the 1,000-history user; and page 2 through its cursor), GET /videos/:id/related, and
#    GET /videos/:id as the reference route. Target: p99 < 20 ms for the recommendation routes.
RECS_VIDEOS="${BENCH_RECS_VIDEOS:-100000}"
RECS_USERS="${BENCH_RECS_USERS:-20000}"
RECS_HISTORY="${BENCH_RECS_HISTORY:-1000}"
RECS_REQUESTS="${BENCH_RECS_REQUESTS:-2000}"
RECS_TARGET_MS=20
RECS_MD=""

# w EXPR: the vocabulary word at EXPR (mod 5000) as an SQL expression.
recs_word() { echo "(SELECT w FROM recs_words WHERE k = ($1) % 5000)"; }

# seed_recs DATABASE USER_ID: the catalogue, the users and their feedback; USER_ID gets the big history.
seed_recs() {
    local db=$1 bench_user=$2 now title desc
    now="$(($(date +%s) * 1000))"
    title="'topic' || (n.i % 50) || ' ' || $(recs_word "n.i * 7919") || ' ' || $(recs_word "n.i * 104729 + 13") || ' ' || $(recs_word "n.i * 1299709 + 7")"
    desc="$(recs_word "n.i * 31")"
    for j in $(seq 1 11); do desc="$desc || ' ' || $(recs_word "n.i * $((j * 7717 + 3)) + $j")"; done
    sqlite3 "$db" >/dev/null <<EOF
PRAGMA foreign_keys = OFF;
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE recs_words (k INTEGER PRIMARY KEY, w TEXT NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4999)
INSERT INTO recs_words SELECT i, char(97 + i % 26) || char(97 + (i / 26) % 26) || char(97 + (i / 676) % 26) || 'o' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $RECS_USERS)
INSERT INTO users (id, username, email, password_hash, created_at, updated_at)
SELECT printf('u%010d', i), printf('recsuser%d', i), printf('recsuser%d@bench.invalid', i), '!', $now, $now FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO channels (id, owner_id, handle, name, created_at, updated_at)
SELECT printf('c%010d', i), printf('u%010d', i), printf('recschan%d', i), printf('Channel %d', i), $now, $now FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $RECS_VIDEOS)
INSERT INTO videos (id, channel_id, owner_id, title, description, tags, category, visibility, status,
                    source_filename, duration_ms, view_count, playable, created_at, updated_at, published_at)
SELECT printf('v%010d', n.i), printf('c%010d', 1 + n.i % 2000), printf('u%010d', 1 + n.i % 2000), $title, $desc,
       json_array('topic' || (n.i % 50), $(recs_word "n.i * 17"), $(recs_word "n.i * 23 + 5")),
       'category' || (n.i % 15), 'public', 'ready', 'clip.mp4', 60000 + (n.i * 7919) % 1200000,
       ((abs(random()) % 1000) * (abs(random()) % 1000)) / 100, 1,
       $now - (n.i * 7919) % 31536000000, $now - (n.i * 7919) % 31536000000, $now - (n.i * 7919) % 31536000000
FROM n;
-- 25 history items per user, 4 of 5 in the user's topic (user % 50).
WITH RECURSIVE u(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM u WHERE i < $RECS_USERS),
               j(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM j WHERE k < 24)
INSERT OR IGNORE INTO watch_history (user_id, video_id, position_s, updated_at, watch_fraction, feedback_at)
SELECT printf('u%010d', u.i),
       printf('v%010d', CASE WHEN j.k % 5 = 4 THEN 1 + (u.i * 7 + j.k * 104729) % $RECS_VIDEOS
                             ELSE 50 * (1 + (u.i * 31 + j.k * j.k * 977) % ($RECS_VIDEOS / 50 - 1)) + u.i % 50 END),
       30.0, $now - (u.i * 13 + j.k * 86400000) % 2592000000, 0.1 + (abs(random()) % 90) / 100.0,
       $now - (u.i * 13 + j.k * 86400000) % 2592000000
FROM u, j;
-- The benchmark user: $RECS_HISTORY items, mostly topic 7.
WITH RECURSIVE j(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM j WHERE k < $RECS_HISTORY)
INSERT OR IGNORE INTO watch_history (user_id, video_id, position_s, updated_at, watch_fraction, feedback_at)
SELECT '$bench_user',
       printf('v%010d', CASE WHEN j.k % 5 = 0 THEN 1 + (j.k * 104729) % $RECS_VIDEOS
                             ELSE 50 * (1 + (j.k * 37) % ($RECS_VIDEOS / 50 - 1)) + 7 END),
       30.0, $now - j.k * 60000, 0.2 + (abs(random()) % 80) / 100.0, $now - j.k * 60000
FROM j;
-- 5 likes per user, in the user's topic.
WITH RECURSIVE u(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM u WHERE i < $RECS_USERS),
               j(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM j WHERE k < 4)
INSERT OR IGNORE INTO video_ratings (video_id, user_id, value, created_at)
SELECT printf('v%010d', 50 * (1 + (u.i * 31 + j.k * j.k * 977) % ($RECS_VIDEOS / 50 - 1)) + u.i % 50),
       printf('u%010d', u.i), 1, $now - u.i * 1000
FROM u, j;
WITH RECURSIVE u(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM u WHERE i < $RECS_USERS),
               j(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM j WHERE k < 4)
INSERT OR IGNORE INTO subscriptions (user_id, channel_id, created_at)
SELECT printf('u%010d', u.i), printf('c%010d', 1 + (u.i * 13 + j.k * 101) % 2000), $now FROM u, j;
WITH RECURSIVE j(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM j WHERE k < 19)
INSERT OR IGNORE INTO subscriptions (user_id, channel_id, created_at)
SELECT '$bench_user', printf('c%010d', 1 + j.k * 97), $now FROM j;
WITH RECURSIVE j(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM j WHERE k < 500)
INSERT OR IGNORE INTO trending_scores (time_range, video_id, score, computed_at)
SELECT 'week', printf('v%010d', 1 + (j.k * 7919) % $RECS_VIDEOS), 1.0 / j.k, $now FROM j;
COMMIT;
EOF
}

# recs_log_ms LOG PATTERN: the "total N ms" of the first log line matching PATTERN (empty when none yet).
recs_log_ms() { { grep -m1 "$2" "$1" || true; } | sed -n 's/.*total \([0-9]*\) ms.*/\1/p'; }

recs_wait_log() { # log pattern seconds -> the matching line's total ms
    local ms=""
    for _ in $(seq $(($3 * 10))); do
        ms="$(recs_log_ms "$1" "$2")"
        [[ -n "$ms" ]] && break
        kill -0 "$FC_PID" 2>/dev/null || die "framecastd exited: $(tail -5 "$1")"
        sleep 0.1
    done
    [[ -n "$ms" ]] || die "no '$2' in the framecastd log within $3 s"
    echo "$ms"
}

bench_recs() {
    [[ -n "${RECS_TOOL:-}" && -x "$RECS_TOOL" ]] ||
        die "the recommendations benchmark needs framecast-recs-bench (run without FRAMECASTD=, or set RECS_TOOL=)"
    local data="$WORK/fc-recs" logfile="$WORK/fc-recs.log" reply token user_id
    start_framecastd "$data" "$logfile"
    reply="$(curl -sS --max-time 30 -H 'Content-Type: application/json' \
        -d '{"username":"recsbench","email":"recsbench@bench.invalid","password":"recs bench correct horse"}' \
        "$FC_URL/api/v1/auth/register")"
    token="$(jq -r '.access_token' <<<"$reply")"
    user_id="$(jq -r '.user.id' <<<"$reply")"
    [[ "$token" != null && "$user_id" != null ]] || die "could not register the benchmark user: $reply"
    stop_framecastd
    log "recs: seeding $RECS_VIDEOS videos, $RECS_USERS users"
    local seed_started=$SECONDS
    seed_recs "$data/framecast.sqlite" "$user_id"
    local seed_s=$((SECONDS - seed_started))
    local history_rows likes
    history_rows="$(sqlite3 "$data/framecast.sqlite" 'SELECT COUNT(*) FROM watch_history')"
    likes="$(sqlite3 "$data/framecast.sqlite" 'SELECT COUNT(*) FROM video_ratings')"

    : >"$logfile"
    start_framecastd "$data" "$logfile" --recs-refresh-s 5
    log "recs: waiting for the model build"
    local build_ms build_line rss_build
    build_ms="$(recs_wait_log "$logfile" "recommendations: model built" 600)"
    build_line="$(grep -m1 'recommendations: model built' "$logfile" | sed 's/.*model built: //')"
    rss_build="$(vm_kib "$FC_PID" VmRSS)"

    log "recs: an incremental refresh (100 watches through the API, 10 new videos)"
    local i k watchers=() count
    for i in $(seq 10); do
        watchers+=("$(curl -sS --max-time 30 -H 'Content-Type: application/json' \
            -d "{\"username\":\"recswatch$i\",\"email\":\"recswatch$i@bench.invalid\",\"password\":\"recs bench correct horse\"}" \
            "$FC_URL/api/v1/auth/register" | jq -r '.access_token')")
    done
    recs_watch() { # token video_number
        curl -sS --max-time 10 -o /dev/null -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
            -d '{"position_s": 45}' "$FC_URL/api/v1/videos/$(printf 'v%010d' "$2")/watch-position"
    }
    recs_refreshes() { grep -c 'recommendations: model refreshed' "$logfile" || true; }
    recs_wait_refresh() { # count: waits until more than count refresh lines were logged
        for _ in $(seq 300); do
            (($(recs_refreshes) > $1)) && return 0
            sleep 0.1
        done
        die "no incremental refresh within 30 s"
    }
    # One watch, and its refresh: the batch below then starts right after a refresh, so the next refresh
    # (5 s later) holds all of it.
    count="$(recs_refreshes)"
    recs_watch "${watchers[0]}" 1007
    recs_wait_refresh "$count"
    count="$(recs_refreshes)"
    for i in $(seq 10); do
        for k in $(seq 10); do recs_watch "${watchers[$((i - 1))]}" $((50 * (i * 10 + k) + 7)); done
    done
    local stamp=$(($(date +%s) * 1000))
    sqlite3 "$data/framecast.sqlite" "PRAGMA busy_timeout = 10000;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
        INSERT INTO videos (id, channel_id, owner_id, title, tags, category, visibility, status, source_filename,
                            duration_ms, created_at, updated_at, published_at)
        SELECT printf('new%08d', i), 'c0000000001', 'u0000000001', 'A new upload ' || i, '[\"new\"]', 'category1',
               'public', 'ready', 'clip.mp4', 60000, $stamp, $stamp, $stamp FROM n;" >/dev/null
    recs_wait_refresh "$count"
    local refresh_line refresh_ms
    refresh_line="$(grep 'recommendations: model refreshed' "$logfile" | sed -n "$((count + 1))p" | sed 's/.*model refreshed: //')"
    refresh_ms="$(sed -n 's/.*total \([0-9]*\) ms.*/\1/p' <<<"$refresh_line")"

    log "recs: latency ($RECS_REQUESTS rounds), then server CPU per request (each route alone)"
    local out target cpu_page1 cpu_page2 cpu_related cpu_reference
    recs_tool() { "$RECS_TOOL" --server "$FC_URL" --token "$token" --related v0000000357 --reference v0000000357 "$@"; }
    out="$(recs_tool --requests "$RECS_REQUESTS")" || die "the latency run failed"
    # Server user+system time over a run of one route, per request (the machine's other load does not count).
    recs_cpu_ms() {
        local t0 t1 n=$((RECS_REQUESTS / 4))
        t0="$(cpu_ticks "$FC_PID")"
        recs_tool --only "$1" --requests "$n" --warmup 0 >/dev/null || die "the $1 CPU run failed"
        t1="$(cpu_ticks "$FC_PID")"
        awk -v t=$((t1 - t0)) -v n="$n" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", 1000 * t / hz / n }'
    }
    cpu_page1="$(recs_cpu_ms page1)"
    cpu_page2="$(recs_cpu_ms page2)"
    cpu_related="$(recs_cpu_ms related)"
    cpu_reference="$(recs_cpu_ms reference)"
    local hwm
    hwm="$(vm_kib "$FC_PID" VmHWM)"
    stop_framecastd

    local r1_50 r1_99 r2_50 r2_99 rel_50 rel_99 ref_50 ref_99 items verdict="met"
    r1_50="$(jq -r .recommendations_page1_p50_ms <<<"$out")"
    r1_99="$(jq -r .recommendations_page1_p99_ms <<<"$out")"
    r2_50="$(jq -r .recommendations_page2_p50_ms <<<"$out")"
    r2_99="$(jq -r .recommendations_page2_p99_ms <<<"$out")"
    rel_50="$(jq -r .related_p50_ms <<<"$out")"
    rel_99="$(jq -r .related_p99_ms <<<"$out")"
    ref_50="$(jq -r .reference_video_p50_ms <<<"$out")"
    ref_99="$(jq -r .reference_video_p99_ms <<<"$out")"
    items="$(jq -r .first_page_items <<<"$out")"
    for v in "$r1_99" "$r2_99" "$rel_99"; do
        awk -v v="$v" -v t="$RECS_TARGET_MS" 'BEGIN { exit !(v < t) }' || verdict="MISSED"
    done
    [[ "$verdict" == met ]] || UPLOAD_MISSED=1
    fmt() { printf '%.2f' "$1"; }
    RECS_MD="## Recommendations: serving (issue #7)

Generated catalogue (seeded in ${seed_s} s): $RECS_VIDEOS listed videos on 2,000 channels, $RECS_USERS users,
$history_rows history rows (the measured user: $RECS_HISTORY items and 20 subscriptions), $likes likes, 500
week-trending videos. $RECS_REQUESTS sequential rounds over one keep-alive connection (client time, libcurl).

| Route | p50 | p99 | server CPU / request | Ratio to the reference (p99) | Target | Verdict |
|---|---|---|---|---|---|---|
| GET /recommendations?limit=20, page 1 ($items items; ranked afresh) | $(fmt "$r1_50") ms | $(fmt "$r1_99") ms | $cpu_page1 ms | $(ratio "$r1_99" "$ref_99")× | p99 < $RECS_TARGET_MS ms | $verdict |
| GET /recommendations, page 2 (cursor) | $(fmt "$r2_50") ms | $(fmt "$r2_99") ms | $cpu_page2 ms | $(ratio "$r2_99" "$ref_99")× | p99 < $RECS_TARGET_MS ms | |
| GET /videos/:id/related?limit=20 | $(fmt "$rel_50") ms | $(fmt "$rel_99") ms | $cpu_related ms | $(ratio "$rel_99" "$ref_99")× | p99 < $RECS_TARGET_MS ms | |
| reference: GET /videos/:id | $(fmt "$ref_50") ms | $(fmt "$ref_99") ms | $cpu_reference ms | 1× | | |

Load average during the run (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores. Wall times include
every other process's turn on the CPU; *server CPU / request* is framecastd's user+system time over a run of that
route alone ($((RECS_REQUESTS / 4)) requests), divided by the requests.

| Model upkeep | |
|---|---|
| build at start | $build_ms ms wall ($build_line) |
| RSS after the build | $(mib "$rss_build") MiB (peak over the run: $(mib "$hwm") MiB) |
| incremental refresh (100 watches, 10 new videos) | $refresh_ms ms ($refresh_line) |"
    log "recs: page 1 p99 $r1_99 ms, related p99 $rel_99 ms ($verdict); build $build_ms ms, refresh $refresh_ms ms"
}
