# shellcheck shell=bash
# Issue #5: segment serving, sourced by run_benchmarks.sh (BENCH_ONLY=segments) and using its helpers
# (start_framecastd, start_nginx's NGINX_DIR/NGINX_URL, run_wrk, seed_public_video, vm_kib, ratio, mib).
#
# 1. wrk ($WRK_THREADS threads, $WRK_CONNECTIONS connections, $WRK_SECONDS s) fetching one 1 MiB segment of a public
#    video through GET /api/v1/videos/<id>/cmaf/<rendition>/<file> vs nginx serving the same file (sendfile on).
#    Target: framecastd >= 0.8x nginx's requests/s.
# 2. Slow readers: $SEGMENT_SLOW_CONNECTIONS connections reading an 8 MiB segment at ~10 KB/s each for
#    $SEGMENT_SLOW_SECONDS s (tests/bench/slow_clients.py) while framecastd's VmRSS is sampled every 0.5 s.
#    Target: RSS during the run < before + 20 MiB.
SEGMENT_TARGET_RATIO="0.8"
SEGMENT_RSS_TARGET_MIB=20
SEGMENT_SLOW_CONNECTIONS="${BENCH_SLOW_CONNECTIONS:-200}"
SEGMENT_SLOW_SECONDS="${BENCH_SLOW_SECONDS:-20}"
SEGMENTS_MD=""

bench_segments() {
    local data="$WORK/fc-segments" small=$((1024 * 1024)) large=$((8 * 1024 * 1024))
    start_framecastd "$data" "$WORK/fc-segments.log"
    stop_framecastd
    seed_public_video "$data/framecast.sqlite"
    sqlite3 "$data/framecast.sqlite" "UPDATE videos SET playable = 1 WHERE id = 'benchVideo1'"
    # Segment bytes are never parsed on the way out, so random bytes of a segment's size measure the same path.
    local rung="$data/media/benchVideo1/cmaf/720p"
    mkdir -p "$rung" "$NGINX_DIR/www/seg"
    head -c "$small" /dev/urandom >"$rung/seg_00001.m4s"
    head -c "$large" /dev/urandom >"$rung/seg_00002.m4s"
    cp "$rung/seg_00001.m4s" "$rung/seg_00002.m4s" "$NGINX_DIR/www/seg/"
    chmod 755 "$NGINX_DIR/www/seg"
    chmod 644 "$NGINX_DIR/www/seg/"*.m4s
    start_framecastd "$data" "$WORK/fc-segments.log"

    local ours="$FC_URL/api/v1/videos/benchVideo1/cmaf/720p/seg_00001.m4s"
    local theirs="$NGINX_URL/seg/seg_00001.m4s"
    local a b
    a="$(curl -sS --max-time 10 "$ours" | sha256sum | cut -c1-64)"
    b="$(curl -sS --max-time 10 "$theirs" | sha256sum | cut -c1-64)"
    [[ "$a" == "$b" && "$a" == "$(sha256sum <"$rung/seg_00001.m4s" | cut -c1-64)" ]] ||
        die "the two servers do not return the same segment bytes"

    log "segments: wrk ${WRK_SECONDS}s against framecastd and nginx (1 MiB segment)"
    local fs ns
    fs="$(run_wrk "$ours" "$FC_PID")"
    ns="$(run_wrk "$theirs" "$NGINX_PID")"
    local hwm_wrk
    hwm_wrk="$(vm_kib "$FC_PID" VmHWM)"

    log "segments: $SEGMENT_SLOW_CONNECTIONS slow readers for ${SEGMENT_SLOW_SECONDS}s (8 MiB segment)"
    local slow
    slow="$(python3 "$REPO/tests/bench/slow_clients.py" "$FC_URL/api/v1/videos/benchVideo1/cmaf/720p/seg_00002.m4s" \
        "$FC_PID" --connections "$SEGMENT_SLOW_CONNECTIONS" --rate 10240 --seconds "$SEGMENT_SLOW_SECONDS")" ||
        die "the slow-client run failed"
    stop_framecastd

    local f_rps f_p50 f_p99 f_err f_cpu n_rps n_p50 n_p99 n_err n_cpu
    read -r f_rps f_p50 f_p99 f_err f_cpu <<<"$fs"
    read -r n_rps n_p50 n_p99 n_err n_cpu <<<"$ns"
    local r verdict
    r="$(ratio "$f_rps" "$n_rps")"
    if awk -v r="$r" -v t="$SEGMENT_TARGET_RATIO" 'BEGIN { exit !(r >= t) }'; then verdict="met"; else
        verdict="**MISSED**"
        UPLOAD_MISSED=1
    fi
    mbs() { awk -v r="$1" -v b="$small" 'BEGIN { printf "%.0f", r * b / 1e6 }'; }
    local before during after grown rss_verdict read_mb open failed
    before="$(jq -r .rss_before_kib <<<"$slow")"
    during="$(jq -r .rss_during_max_kib <<<"$slow")"
    after="$(jq -r .rss_after_kib <<<"$slow")"
    read_mb="$(jq -r '.bytes_read / 1e6 | floor' <<<"$slow")"
    open="$(jq -r .connections_open <<<"$slow")"
    failed="$(jq -r .connections_failed <<<"$slow")"
    grown="$(awk -v a="$before" -v b="$during" 'BEGIN { printf "%.1f", (b - a) / 1024 }')"
    if awk -v g="$grown" -v t="$SEGMENT_RSS_TARGET_MIB" 'BEGIN { exit !(g < t) }'; then rss_verdict="met"; else
        rss_verdict="**MISSED**"
        UPLOAD_MISSED=1
    fi
    SEGMENTS_MD="$(
        cat <<EOF
## Segment serving: framecastd /cmaf/ vs nginx, same 1 MiB file; slow readers

wrk ($WRK_CONNECTIONS connections, $WRK_THREADS threads, ${WRK_SECONDS} s after a 3 s warm-up) fetching one 1 MiB
segment of a public video: framecastd through \`GET /api/v1/videos/<id>/cmaf/720p/seg_00001.m4s\` (full pipeline:
route, visibility read from SQLite, rate-limit bookkeeping, access log; body sent from a shared mmap), nginx the same
file as a static file (sendfile on). Both answers were checked to be the same bytes. wrk runs on the same 2 cores.

| server | req/s | MB/s | p50 ms | p99 ms | errors | server CPU % |
| --- | --- | --- | --- | --- | --- | --- |
| framecastd | $f_rps | $(mbs "$f_rps") | $f_p50 | $f_p99 | $f_err | $f_cpu |
| nginx | $n_rps | $(mbs "$n_rps") | $n_p50 | $n_p99 | $n_err | $n_cpu |

| ratio framecastd / nginx (req/s, and so MB/s) | target | |
| --- | --- | --- |
| $r | >= $SEGMENT_TARGET_RATIO | $verdict |

framecastd peak RSS after the wrk runs (VmHWM): $(mib "$hwm_wrk") MiB.

Slow readers: $SEGMENT_SLOW_CONNECTIONS keep-alive connections each GET an 8 MiB segment and read it at ~10 KB/s
(8 KiB receive buffer) for ${SEGMENT_SLOW_SECONDS} s (\`tests/bench/slow_clients.py\`); framecastd's VmRSS sampled every
0.5 s. $read_mb MB were read in all; $open connections were still open at the end, $failed could not connect.

| framecastd VmRSS | before | during (max) | after (3 s after closing) | growth during | target | |
| --- | --- | --- | --- | --- | --- | --- |
| MiB | $(mib "$before") | $(mib "$during") | $(mib "$after") | $grown | < $SEGMENT_RSS_TARGET_MIB | $rss_verdict |

EOF
    )"
}
