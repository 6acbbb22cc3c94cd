# shellcheck shell=bash
# Issue #7: search, sourced by run_benchmarks.sh (BENCH_ONLY=search) and using its helpers (start_framecastd,
# stop_framecastd, vm_kib, ratio, log, die). The generator and the measuring client are
# tests/bench/search_bench_tool.cpp (framecast-search-bench).
#
# 1. framecastd creates its schema; while it is stopped the tool writes $SEARCH_VIDEOS listed videos of
#    $SEARCH_CHANNELS channels into the database and builds the video index once (timed apart), and reports the
#    sizes of the database and of the index.
# 2. framecastd starts on that database; the script waits for the search service's vocabulary (the log line)
#    and records the server's RSS then.
# 3. $SEARCH_REQUESTS GET /search (1–3 words from the same Zipf distribution, 20 % prefix last word, 5 % typo),
#    then as many GET /search/suggest, then GET /videos/<id> (the reference: one row by primary key), each
#    after 300 untimed ones, sequential over one keep-alive connection; latency at the client and the server's
#    CPU time per request (from /proc, so a busy machine shows in the latencies but not in the CPU time).
#    Target: search p99 < 20 ms.
SEARCH_VIDEOS="${BENCH_SEARCH_VIDEOS:-1000000}"
SEARCH_CHANNELS="${BENCH_SEARCH_CHANNELS:-20000}"
SEARCH_REQUESTS="${BENCH_SEARCH_REQUESTS:-3000}"
SEARCH_TARGET_MS=20
SEARCH_MD=""

# wait_for_vocabulary LOG: prints the log line once the search vocabulary is loaded (up to 15 min).
wait_for_vocabulary() {
    local logfile=$1 line=""
    for _ in $(seq 9000); do
        line="$(grep -m1 'search: vocabulary of' "$logfile" || true)"
        [[ -n "$line" ]] && break
        kill -0 "$FC_PID" 2>/dev/null || die "framecastd exited: $(tail -5 "$logfile")"
        sleep 0.1
    done
    [[ -n "$line" ]] || die "the search vocabulary did not load within 15 minutes"
    echo "$line"
}

bench_search() {
    [[ -n "${SEARCH_TOOL:-}" && -x "$SEARCH_TOOL" ]] ||
        die "the search benchmark needs framecast-search-bench (run without FRAMECASTD=, or set SEARCH_TOOL=)"
    local data="$WORK/fc-search" db
    db="$data/framecast.sqlite"
    start_framecastd "$data" "$WORK/fc-search.log"
    stop_framecastd
    log "search: writing $SEARCH_VIDEOS videos of $SEARCH_CHANNELS channels and building the index"
    local generated
    generated="$("$SEARCH_TOOL" generate --db "$db" --videos "$SEARCH_VIDEOS" --channels "$SEARCH_CHANNELS")" ||
        die "the search corpus could not be generated"

    local started=$SECONDS vocabulary_line
    start_framecastd "$data" "$WORK/fc-search.log"
    vocabulary_line="$(wait_for_vocabulary "$WORK/fc-search.log")"
    local vocabulary_wait=$((SECONDS - started)) rss_kib
    rss_kib="$(vm_kib "$FC_PID" VmRSS)"
    log "search: $vocabulary_line"

    log "search: $SEARCH_REQUESTS requests each of search, suggest and the reference"
    local measured load_before
    load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
    measured="$("$SEARCH_TOOL" run --server "$FC_URL" --server-pid "$FC_PID" --videos "$SEARCH_VIDEOS" \
        --requests "$SEARCH_REQUESTS")" ||
        die "the search run failed"
    local hwm_kib
    hwm_kib="$(vm_kib "$FC_PID" VmHWM)"
    stop_framecastd

    j() { jq -r "$1" <<<"$measured"; }
    g() { jq -r "$1" <<<"$generated"; }
    mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
    local s_p99 verdict="met"
    s_p99="$(j .search.p99_ms)"
    awk -v v="$s_p99" -v t="$SEARCH_TARGET_MS" 'BEGIN { exit !(v < t) }' || verdict="MISSED"
    [[ "$verdict" == met ]] || UPLOAD_MISSED=1
    row() { # label json-key
        local cpu
        cpu="$(j ".$2.server_cpu_ms_per_request // empty")"
        printf '| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %s | %s |\n' "$1" "$(j ".$2.p50_ms")" "$(j ".$2.p90_ms")" \
            "$(j ".$2.p99_ms")" "$(j ".$2.max_ms")" "$(j ".$2.count")" "${cpu:+$(printf '%.2f ms' "$cpu")}"
    }
    SEARCH_MD="## Search (issue #7)

$SEARCH_VIDEOS listed videos of $SEARCH_CHANNELS channels written into framecastd's database (a Zipf vocabulary of
60,000 made-up words; titles 3–10 words, 1–5 tags, descriptions 20–80 words), then $SEARCH_REQUESTS sequential requests
of each route over one keep-alive connection, one route after the other, each after 300 untimed ones:
\`GET /api/v1/search\` (1–3 words from the same distribution, 20 % with the last word cut to a prefix, 5 % with a
typo), \`GET /api/v1/search/suggest\` (the first two thirds of such a query) and \`GET /api/v1/videos/<id>\` of a
random video as the reference. Latency is client time, curl included; server CPU is framecastd's user + system
time over the route's requests divided by their number (/proc), which a busy machine does not inflate.
Load average (1/5/15 min) when the requests started: $load_before; at the end: $(cut -d' ' -f1-3 /proc/loadavg).

| Route | p50 | p90 | p99 | max | requests | server CPU / request |
|---|---|---|---|---|---|---|
$(row "search (all)" search)
$(row "search, whole words" search_words)
$(row "search, prefix last word" search_prefix)
$(row "search, typo" search_typo)
$(row "suggest" suggest)
$(row "reference: GET /videos/:id" video)

| Measure | Value |
|---|---|
| search p99 / reference p99 | $(ratio "$s_p99" "$(j .video.p99_ms)")× |
| target: search p99 < $SEARCH_TARGET_MS ms | $verdict |
| mean items per search page; searches answered with a correction | $(j .mean_items_per_search); $(j .corrected_searches) |
| insert of the rows (index trigger set aside): wall / CPU | $(g .insert_s | xargs printf '%.0f') s / $(g .insert_cpu_s | xargs printf '%.0f') s |
| video index build (\`rebuild\`), then \`optimize\`: wall / CPU | $(g .index_build_s | xargs printf '%.0f') s / $(g .index_build_cpu_s | xargs printf '%.0f') s, then $(g .optimize_s | xargs printf '%.0f') s / $(g .optimize_cpu_s | xargs printf '%.0f') s |
| database / video index (video_fts*) / doc map / videos table | $(mb "$(g .database_bytes)") / $(mb "$(g .video_index_bytes)") / $(mb "$(g .video_docs_bytes)") / $(mb "$(g .videos_table_bytes)") MiB |
| indexed words | $(g .vocabulary_terms) |
| framecastd start → vocabulary loaded | ${vocabulary_wait} s (${vocabulary_line##*loaded in }) |
| framecastd RSS after the vocabulary loaded / peak (VmHWM) | $((rss_kib / 1024)) / $((hwm_kib / 1024)) MiB |
| failed requests | $(j .failures) |"
    log "search: p99 $s_p99 ms ($verdict)"
}
