#!/usr/bin/env bash
# Framecast benchmarks (issue #2): framecastd against nginx, in the same invocation, as ratios.
#
#   tests/bench/run_benchmarks.sh
#
# 1. Upload: a tus upload (POST /api/v1/uploads, then ONE PATCH of the whole file) of a 1 GiB random file over
#    loopback vs a plain HTTP PUT of the same file to nginx's WebDAV module, with the same curl. Target: ours >= 0.8x.
# 2. JSON reads: wrk against GET /api/v1/videos/<id> (a public video) and GET /healthz, with nginx serving static
#    files of the same bytes as a reference (not like-for-like: nginx does no database read).
#
# Prints a Markdown report and writes it to tests/bench/results/latest.md. Exit 0: all ran and every target was met;
# 3: all ran but a target was missed; 1: a benchmark could not run.
#
# Environment (all optional):
#   FRAMECASTD=path        framecastd to measure (default: build Release into <repo>/build-bench and use that)
#   BENCH_UPLOAD_MIB=1024  upload file size          BENCH_REPEATS=3          upload repetitions per server
#   BENCH_WRK_SECONDS=15   wrk duration per target   BENCH_WRK_CONNECTIONS=32  BENCH_WRK_THREADS=2
#   BENCH_RESULTS=path     report file (default tests/bench/results/latest.md)
#   BENCH_ONLY=upload|reads|transcode|app|startup|segments|comments|trending|recs|search  run one benchmark only (default: all)
#   BENCH_COMMENT_SUBSCRIBERS=1000, BENCH_COMMENT_POSTS=40, BENCH_COMMENTS_SEEDED=100000,
#   BENCH_COMMENT_LIST_REQUESTS=2000    the comments benchmark (social_bench.sh)
#   BENCH_RECS_VIDEOS=100000, BENCH_RECS_USERS=20000, BENCH_RECS_HISTORY=1000, BENCH_RECS_REQUESTS=2000
#                          the recommendations benchmark (recs_bench.sh, BENCH_ONLY=recs)
#   BENCH_TRENDING_VIDEOS=100000, BENCH_TRENDING_DAYS=30, BENCH_TRENDING_VIEWS_PER_DAY=100000,
#   BENCH_TRENDING_RUNS=5  the trending refresh benchmark (trending_bench.sh, BENCH_ONLY=trending)
#   BENCH_SEARCH_VIDEOS=1000000, BENCH_SEARCH_CHANNELS=20000, BENCH_SEARCH_REQUESTS=3000
#                          the search benchmark (search_bench.sh, BENCH_ONLY=search)
#   BENCH_ONLY=abr         the ABR simulation only (tests/bench/abr_bench.sh; not part of "all")
#   BENCH_ONLY=receval     the recommendation model's offline evaluation only (tests/bench/recs_eval.sh; not part
#                          of "all")
#   BENCH_SLOW_CONNECTIONS=200, BENCH_SLOW_SECONDS=20  the segment benchmark's slow readers (segments_bench.sh)
#   BENCH_SETTLE_S=5       pause after sync before each timed upload
#   BENCH_TMPDIR=dir       where the temporary data lives (default /tmp); needs (1 + 2 x repeats) x upload size free
#
# All traffic goes to 127.0.0.1. nginx runs in the foreground from its own temporary prefix, never as the system
# service; as root it runs as nobody via setpriv. Every loop here is bounded and every transfer has a time limit.
set -euo pipefail
shopt -s inherit_errexit

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
UPLOAD_MIB="${BENCH_UPLOAD_MIB:-1024}"
REPEATS="${BENCH_REPEATS:-3}"
WRK_SECONDS="${BENCH_WRK_SECONDS:-15}"
WRK_CONNECTIONS="${BENCH_WRK_CONNECTIONS:-32}"
WRK_THREADS="${BENCH_WRK_THREADS:-2}"
RESULTS="${BENCH_RESULTS:-$REPO/tests/bench/results/latest.md}"
ONLY="${BENCH_ONLY:-all}"
SETTLE_S="${BENCH_SETTLE_S:-5}"
UPLOAD_TARGET_RATIO="0.8"
CLK_TCK="$(getconf CLK_TCK)"
RATE_LIMITS="auth=0,search=0,metadata=0,playback=0,events=0,uploads=0,writes=0,realtime=0,comments=0,social=0"
# shellcheck source=tests/bench/segments_bench.sh
source "$REPO/tests/bench/segments_bench.sh"
# shellcheck source=tests/bench/social_bench.sh
source "$REPO/tests/bench/social_bench.sh"
# shellcheck source=tests/bench/trending_bench.sh
source "$REPO/tests/bench/trending_bench.sh"
# shellcheck source=tests/bench/recs_bench.sh
source "$REPO/tests/bench/recs_bench.sh"
# shellcheck source=tests/bench/search_bench.sh
source "$REPO/tests/bench/search_bench.sh"

log() { printf '[bench] %s\n' "$*" >&2; }
die() {
    printf '[bench] ERROR: %s\n' "$*" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------------------------
# Tools: installed from Debian when missing, never assumed.
ensure_tools() {
    local missing=()
    command -v nginx >/dev/null || missing+=(nginx)
    command -v wrk >/dev/null || missing+=(wrk)
    command -v curl >/dev/null || missing+=(curl)
    command -v jq >/dev/null || missing+=(jq)
    command -v sqlite3 >/dev/null || missing+=(sqlite3)
    if ((${#missing[@]})); then
        log "installing missing packages: ${missing[*]}"
        [[ $EUID -eq 0 ]] || die "need root to apt-get install ${missing[*]} (or install them first)"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    nginx -V 2>&1 | grep -q -- '--with-http_dav_module' || die "this nginx lacks ngx_http_dav_module (nginx -V)"
}

build_framecastd() {
    if [[ -n "${FRAMECASTD:-}" ]]; then
        [[ -x "$FRAMECASTD" ]] || die "FRAMECASTD=$FRAMECASTD is not an executable"
        FRAMECASTD="$(cd "$(dirname "$FRAMECASTD")" && pwd)/$(basename "$FRAMECASTD")"
        return
    fi
    local build="$REPO/build-bench"
    log "building framecastd (Release) in $build"
    cmake -S "$REPO" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFRAMECAST_BUILD_TESTS=OFF \
        -DFRAMECAST_BUILD_BENCH=ON >/dev/null
    ninja -C "$build" framecastd framecast-transcode-bench framecast framecast-qtquick-reference \
        framecast-play-startup framecast-social-bench framecast-recs-bench framecast-trending-bench \
        framecast-search-bench >/dev/null
    FRAMECASTD="$build/server/framecastd"
    TRANSCODE_TOOL="$build/tests/bench/framecast-transcode-bench"
    APP_BINARY="$build/app/framecast"
    APP_REFERENCE="$build/tests/bench/framecast-qtquick-reference"
    STARTUP_TOOL="$build/tests/bench/framecast-play-startup"
    SOCIAL_TOOL="$build/tests/bench/framecast-social-bench"
    TRENDING_TOOL="$build/tests/bench/framecast-trending-bench"
    RECS_TOOL="$build/tests/bench/framecast-recs-bench"
    SEARCH_TOOL="$build/tests/bench/framecast-search-bench"
}

# The build type of the binary, read from the CMake cache of the build tree that holds it (if any).
framecastd_build_type() {
    local dir
    dir="$(dirname "$FRAMECASTD")"
    for _ in 1 2 3; do
        if [[ -f "$dir/CMakeCache.txt" ]]; then
            sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$dir/CMakeCache.txt"
            return
        fi
        dir="$(dirname "$dir")"
    done
    echo "unknown"
}

# ---------------------------------------------------------------------------------------------------------------
# Processes
WORK=""
FC_PID=""
NGINX_PID=""

cleanup() {
    stop_framecastd || true
    stop_nginx || true
    [[ -n "$WORK" && -d "$WORK" ]] && rm -rf "$WORK"
}

stop_pid() { # pid: SIGTERM, wait up to 15 s, then SIGKILL
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 150); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# start_framecastd DATA_DIR LOG [ARGS...]: sets FC_PID and FC_URL; ARGS are passed on to framecastd.
start_framecastd() {
    local data=$1 logfile=$2
    "$FRAMECASTD" --listen 127.0.0.1:0 --data-dir "$data" --rate-limits "$RATE_LIMITS" "${@:3}" \
        >"$logfile.out" 2>"$logfile" &
    FC_PID=$!
    local port=""
    for _ in $(seq 300); do
        port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$logfile.out")"
        [[ -n "$port" ]] && break
        kill -0 "$FC_PID" 2>/dev/null || die "framecastd exited at start: $(tail -5 "$logfile")"
        sleep 0.1
    done
    [[ -n "$port" ]] || die "framecastd did not report its port within 30 s"
    FC_URL="http://127.0.0.1:$port"
}

stop_framecastd() {
    [[ -n "$FC_PID" ]] || return 0
    stop_pid "$FC_PID"
    FC_PID=""
}

free_port() { # a port nothing listens on (nginx binding it is checked afterwards)
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    die "no free port found"
}

write_nginx_conf() { # dir port
    local dir=$1 port=$2
    cat >"$dir/nginx.conf" <<EOF
# Generated by tests/bench/run_benchmarks.sh: foreground nginx with every path inside $dir.
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $dir/access.log;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $dir/www;
        location /upload/ {
            dav_methods PUT;
            create_full_put_path on;
            client_max_body_size 0;
            client_body_temp_path $dir/tmp/body;
        }
        location /static/ {
            default_type application/json;
        }
    }
}
EOF
}

# start_nginx DIR: sets NGINX_PID and NGINX_URL.
start_nginx() {
    local dir=$1
    mkdir -p "$dir/www/upload" "$dir/www/static" "$dir/tmp"
    echo ok >"$dir/www/static/ping.txt"
    local -a runas=()
    if [[ $EUID -eq 0 ]]; then
        chown -R nobody:nogroup "$dir"
        runas=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    fi
    for _ in 1 2 3 4 5; do
        local port
        port="$(free_port)"
        write_nginx_conf "$dir" "$port"
        "${runas[@]}" nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' \
            >"$dir/stdout.log" 2>&1 &
        NGINX_PID=$!
        for _ in $(seq 100); do
            if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/static/ping.txt"; then
                NGINX_URL="http://127.0.0.1:$port"
                return
            fi
            kill -0 "$NGINX_PID" 2>/dev/null || break
            sleep 0.1
        done
        stop_nginx
    done
    die "nginx did not start: $(tail -5 "$dir/error.log" 2>/dev/null)"
}

stop_nginx() {
    [[ -n "$NGINX_PID" ]] || return 0
    stop_pid "$NGINX_PID"
    NGINX_PID=""
}

# CPU ticks (user + system) of a process and its children threads; for nginx the master and its workers.
cpu_ticks() {
    local total=0 pid
    for pid in "$@" $(pgrep -P "$1" 2>/dev/null || true); do
        [[ -r /proc/$pid/stat ]] || continue
        local fields
        fields="$(sed 's/^.*) //' "/proc/$pid/stat")"
        read -r -a f <<<"$fields"
        total=$((total + f[11] + f[12])) # utime, stime (fields 14, 15 counted from the pid)
    done
    echo "$total"
}

vm_kib() { # pid field (VmHWM, VmRSS)
    sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$1/status"
}

cpu_percent() { # ticks seconds
    awk -v t="$1" -v s="$2" -v hz="$CLK_TCK" 'BEGIN { printf "%.0f", (s > 0) ? 100 * t / hz / s : 0 }'
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# ---------------------------------------------------------------------------------------------------------------
# The machine and the versions, recorded with the results.
machine_section() {
    local cpu mem_kib os
    cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    mem_kib="$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/meminfo)"
    # shellcheck source=/dev/null
    os="$(. /etc/os-release && echo "$PRETTY_NAME")"
    local rev
    rev="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    if [[ -n "$(git -C "$REPO" status --porcelain -- server core 2>/dev/null)" ]]; then rev="$rev + uncommitted changes"; fi
    cat <<EOF
## Machine

| | |
| --- | --- |
| date (UTC) | $(date -u +%Y-%m-%dT%H:%M:%SZ) |
| CPU | $cpu, $(nproc) cores (nproc) |
| RAM | $(awk -v k="$mem_kib" 'BEGIN { printf "%.1f GiB", k / 1048576 }') |
| OS, kernel | $os, $(uname -r) |
| framecastd | $FRAMECASTD ($(framecastd_build_type) build, commit $rev) |
| nginx | $(nginx -v 2>&1 | sed 's/^nginx version: //') (Debian package, worker_processes auto) |
| wrk | $(wrk -v 2>&1 | head -1 | awk '{print $2}') |
| curl | $(curl --version | head -1 | awk '{print $1, $2}') |
| load average (1/5/15 min) | at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg) |
| disk under $BENCH_BASE | $(df -hP "$BENCH_BASE" | awk 'NR == 2 { print $1 ", " $4 " free" }') |

EOF
}

# ---------------------------------------------------------------------------------------------------------------
# Benchmark 1: tus upload vs nginx PUT
register_user() { # base_url -> prints the access token
    local url=$1 name="bench$RANDOM$RANDOM"
    local reply
    reply="$(curl -sS --max-time 30 -H 'Content-Type: application/json' \
        -d "{\"username\":\"$name\",\"email\":\"$name@bench.invalid\",\"password\":\"bench-password-$RANDOM-correct-horse\"}" \
        "$url/api/v1/auth/register")"
    local token
    token="$(jq -r '.access_token // .tokens.access_token // .session.access_token // empty' <<<"$reply")"
    [[ -n "$token" ]] || die "register did not return an access token: $reply"
    echo "$token"
}

# One tus upload: POST creates, ONE PATCH sends the whole file. Prints "seconds bytes_per_s".
tus_upload_once() { # url token file size
    local url=$1 token=$2 file=$3 size=$4
    local meta headers location video_id
    meta="filename $(printf 'bench.bin' | base64 -w0),title $(printf 'Benchmark upload' | base64 -w0)"
    headers="$(curl -sS --max-time 30 -o "$WORK/post.body" -D - -X POST \
        -H "Authorization: Bearer $token" -H 'Tus-Resumable: 1.0.0' \
        -H "Upload-Length: $size" -H "Upload-Metadata: $meta" "$url/api/v1/uploads" | tr -d '\r')"
    grep -q '^HTTP/1.1 201' <<<"$headers" || die "tus creation failed: $(head -1 <<<"$headers") $(cat "$WORK/post.body")"
    location="$(sed -n 's/^[Ll]ocation: //p' <<<"$headers")"
    video_id="$(sed -n 's/^[Ff]ramecast-[Vv]ideo-[Ii]d: //p' <<<"$headers")"
    [[ "$location" == http* ]] || location="$url$location"
    local out code seconds sent
    out="$(curl -sS --max-time 900 -o "$WORK/patch.body" -D "$WORK/patch.headers" -X PATCH -T "$file" \
        -H "Authorization: Bearer $token" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
        -H 'Content-Type: application/offset+octet-stream' \
        -w '%{http_code} %{time_total} %{size_upload}' "$location")"
    read -r code seconds sent <<<"$out"
    [[ "$code" == 204 ]] || die "tus PATCH answered $code: $(cat "$WORK/patch.body")"
    local offset
    offset="$(tr -d '\r' <"$WORK/patch.headers" | sed -n 's/^[Uu]pload-[Oo]ffset: //p')"
    [[ "$offset" == "$size" && "${sent%.*}" == "$size" ]] || die "tus PATCH ended at offset $offset of $size"
    echo "$(printf '%.2f' "$seconds") $(awk -v b="$size" -v s="$seconds" 'BEGIN { printf "%.1f", b / s / 1e6 }') $video_id"
}

# After the last byte framecastd ingests the file in the background (hashes and probes 1 GiB); wait for that to
# end so it does not share the CPU and disk with the next timed transfer. Prints the seconds it took.
wait_for_ingest() { # url token video_id
    local url=$1 token=$2 video=$3 started=$SECONDS status=""
    for _ in $(seq 600); do
        status="$(curl -sS --max-time 10 -H "Authorization: Bearer $token" "$url/api/v1/videos/$video" |
            jq -r '.status // empty')"
        [[ -n "$status" && "$status" != uploading ]] && break
        sleep 0.5
    done
    [[ -n "$status" && "$status" != uploading ]] || log "warning: video $video still '$status' after 300 s"
    echo $((SECONDS - started))
}

# Each run stores its own file; all are deleted after the series. Deleting 1 GiB between timed runs made the next
# run slower (the root file system here is ext4 mounted with `discard`: the freed blocks are trimmed meanwhile).
nginx_put_once() { # url file size run
    local url=$1 file=$2 size=$3 stored_path="$NGINX_DIR/www/upload/bench-$4.bin"
    rm -f "$stored_path"
    local out code seconds
    out="$(curl -sS --max-time 900 -o /dev/null -T "$file" -w '%{http_code} %{time_total}' "$url/upload/bench-$4.bin")"
    read -r code seconds <<<"$out"
    [[ "$code" == 201 || "$code" == 204 ]] || die "nginx PUT answered $code"
    local stored
    stored="$(stat -c %s "$stored_path")"
    [[ "$stored" == "$size" ]] || die "nginx stored $stored of $size bytes"
    # Not part of nginx's answer: how long making the stored file durable takes (framecastd fdatasyncs before
    # its 204), as context for the ratio.
    local sync_started sync_s
    sync_started="$(date +%s.%N)"
    sync "$stored_path"
    sync_s="$(awk -v a="$sync_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')"
    echo "$(printf '%.2f' "$seconds") $(awk -v b="$size" -v s="$seconds" 'BEGIN { printf "%.1f", b / s / 1e6 }') $sync_s"
}

# Before each timed transfer: flush everything, then give the (virtual) disk a moment to finish the write-back of
# the previous run, so one run's flush does not land in the next one's time.
settle() {
    sync
    sleep "$SETTLE_S"
}

UPLOAD_MD=""
UPLOAD_MISSED=0
bench_upload() {
    local file="$WORK/upload.bin" size=$((UPLOAD_MIB * 1024 * 1024))
    log "upload: generating $UPLOAD_MIB MiB of random data"
    head -c "$size" /dev/urandom >"$file"
    chmod 644 "$file"

    start_framecastd "$WORK/fc-upload" "$WORK/fc-upload.log"
    local token
    token="$(register_user "$FC_URL")"

    local -a ours=() theirs=() rows=() run_ratios=()
    local i n_out f_out n_cpu f_cpu ingest_s
    nginx_side() {
        settle
        local t0 t1
        t0="$(cpu_ticks "$NGINX_PID")"
        n_out="$(nginx_put_once "$NGINX_URL" "$file" "$size" "$i")"
        t1="$(cpu_ticks "$NGINX_PID")"
        n_cpu=$((t1 - t0))
    }
    our_side() {
        settle
        local t0 t1
        t0="$(cpu_ticks "$FC_PID")"
        f_out="$(tus_upload_once "$FC_URL" "$token" "$file" "$size")"
        t1="$(cpu_ticks "$FC_PID")"
        f_cpu=$((t1 - t0))
        ingest_s="$(wait_for_ingest "$FC_URL" "$token" "${f_out##* }")"
    }
    # Warm-up, not timed: one small upload to each server (the first large write of a fresh framecastd was
    # consistently slower than the ones after it).
    local warm="$WORK/warmup.bin" warm_size=$((64 * 1024 * 1024))
    head -c "$warm_size" "$file" >"$warm"
    nginx_put_once "$NGINX_URL" "$warm" "$warm_size" warmup >/dev/null
    f_out="$(tus_upload_once "$FC_URL" "$token" "$warm" "$warm_size")"
    wait_for_ingest "$FC_URL" "$token" "${f_out##* }" >/dev/null
    rm -f "$warm" "$NGINX_DIR/www/upload/bench-warmup.bin"

    for i in $(seq "$REPEATS"); do
        # Alternate the order so drift (page cache, disk write-back) does not favour one side.
        if ((i % 2)); then
            nginx_side
            our_side
        else
            our_side
            nginx_side
        fi
        local n_s n_mbs n_sync f_s f_mbs
        read -r n_s n_mbs n_sync <<<"$n_out"
        read -r f_s f_mbs _ <<<"$f_out"
        theirs+=("$n_mbs")
        ours+=("$f_mbs")
        run_ratios+=("$(ratio "$f_mbs" "$n_mbs")")
        rows+=("| $i | $n_mbs ($n_s s, CPU $(cpu_percent "$n_cpu" "$n_s")%) | $n_sync s | $f_mbs ($f_s s, CPU $(cpu_percent "$f_cpu" "$f_s")%) | $(ratio "$f_mbs" "$n_mbs") | $ingest_s s |")
        log "upload run $i: nginx $n_mbs MB/s, framecastd $f_mbs MB/s (ingest afterwards ${ingest_s}s)"
    done
    local hwm rss
    hwm="$(vm_kib "$FC_PID" VmHWM)"
    rss="$(vm_kib "$FC_PID" VmRSS)"
    stop_framecastd
    rm -rf "$WORK/fc-upload" "$file" "$NGINX_DIR/www/upload/"bench-*.bin

    local m_ours m_theirs r verdict
    m_ours="$(median "${ours[@]}")"
    m_theirs="$(median "${theirs[@]}")"
    r="$(ratio "$m_ours" "$m_theirs")"
    if awk -v r="$r" -v t="$UPLOAD_TARGET_RATIO" 'BEGIN { exit !(r >= t) }'; then
        verdict="met"
    else
        verdict="**MISSED**"
        UPLOAD_MISSED=1
    fi
    UPLOAD_MD="$(
        cat <<EOF
## 1. Upload: tus (framecastd) vs HTTP PUT (nginx WebDAV), $UPLOAD_MIB MiB over loopback

One random file, sent with the same curl ($REPEATS runs each, order alternating). framecastd: POST /api/v1/uploads,
then one PATCH of the whole file (\`curl -X PATCH -T file\`, Content-Type: application/offset+octet-stream);
nginx: \`curl -T file\` to a \`dav_methods PUT\` location. Time is curl's time_total of the PATCH / PUT;
MB/s = 10^6 bytes/s. CPU % is the server's user+system time over that wall time (100 % = one core). After each
PATCH the script waits for framecastd's background ingest job (hash + probe of the file; random bytes fail the probe)
to finish, so it never overlaps the next timed transfer. Before the timed runs each server gets one untimed
64 MiB upload (warm-up). Stored files are kept until the series ends (deleting 1 GiB between runs slowed the next
run on this ext4 \`discard\` file system). framecastd makes the bytes durable (fdatasync every
64 MiB and before its 204) inside the timed PATCH; nginx does not, so the script times an fsync of nginx's stored
file after the PUT (\`sync FILE\`) as context; it is not counted in nginx's MB/s.

| run | nginx PUT MB/s | then fsync of nginx's file (not timed) | framecastd tus PATCH MB/s | ratio | framecastd ingest after the PATCH (not timed) |
| --- | --- | --- | --- | --- | --- |
$(printf '%s\n' "${rows[@]}")

| | nginx | framecastd | ratio (framecastd / nginx) | target | |
| --- | --- | --- | --- | --- | --- |
| median MB/s | $m_theirs | $m_ours | $r | >= $UPLOAD_TARGET_RATIO | $verdict |

The verdict uses the ratio of the medians. For spread: the median of the per-run ratios is $(median "${run_ratios[@]}"),
the per-run ratios range from $(printf '%s\n' "${run_ratios[@]}" | sort -g | head -1) to $(printf '%s\n' "${run_ratios[@]}" | sort -g | tail -1).

framecastd peak RSS over the $REPEATS uploads (VmHWM): $(mib "$hwm") MiB (VmRSS at the end: $(mib "$rss") MiB).

EOF
    )"
}

# ---------------------------------------------------------------------------------------------------------------
# Benchmark 2: JSON reads with wrk
to_ms() { # wrk latency "1.23ms" / "850.00us" / "1.02s"
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.3f", v * 60000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
        else printf "%s", v }'
}

# run_wrk URL PID LABEL -> prints "req_s p50_ms p99_ms errors cpu%"
run_wrk() {
    local url=$1 pid=$2
    wrk -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d 3s "$url" >/dev/null # warm-up, not recorded
    local t0 t1 out
    t0="$(cpu_ticks "$pid")"
    out="$(wrk -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${WRK_SECONDS}s" --timeout 10s --latency "$url")"
    t1="$(cpu_ticks "$pid")"
    printf '%s\n' "$out" >>"$WORK/wrk.log"
    local rps p50 p99 non2xx sockerr
    rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")"
    p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
    p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
    non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")"
    sockerr="$(awk '/Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i; print n + 0 }' <<<"$out")"
    [[ -n "$rps" ]] || die "wrk printed no Requests/sec for $url"
    echo "$rps $p50 $p99 $((${non2xx:-0} + ${sockerr:-0})) $(cpu_percent $((t1 - t0)) "$WRK_SECONDS")"
}

# The schema is the project's own (migrations run by framecastd); rows are inserted while the server is stopped.
seed_public_video() { # database
    local db=$1 now
    now="$(($(date +%s) * 1000))"
    sqlite3 "$db" <<EOF
PRAGMA foreign_keys = ON;
INSERT INTO users (id, username, email, password_hash, display_name, bio, created_at, updated_at)
VALUES ('benchUser01', 'benchuser', 'bench@bench.invalid', '!', 'Bench User', 'Creates benchmark videos.', $now, $now);
INSERT INTO channels (id, owner_id, handle, name, description, created_at, updated_at)
VALUES ('benchChan01', 'benchUser01', 'benchchannel', 'Bench Channel', 'A channel for the read benchmark.', $now, $now);
INSERT INTO videos (id, channel_id, owner_id, title, description, tags, category, language, visibility, status,
                    source_filename, source_size_bytes, source_sha256, duration_ms, view_count, like_count,
                    created_at, updated_at, published_at)
VALUES ('benchVideo1', 'benchChan01', 'benchUser01', 'Sunset over the harbour, timelapse',
        'Forty minutes of harbour traffic at dusk, compressed into ninety seconds. Shot on a tripod at 2 s intervals.',
        '["timelapse","harbour","sunset"]', 'travel', 'en', 'public', 'ready',
        'harbour.mp4', 104857600, '$(printf 'bench' | sha256sum | cut -c1-64)', 90000, 1234, 56,
        $now, $now, $now);
EOF
}

READS_MD=""
TRANSCODE_MD=""
bench_reads() {
    local data="$WORK/fc-reads"
    # First start creates the schema; the rows go in while the server is stopped; then it serves them.
    start_framecastd "$data" "$WORK/fc-reads.log"
    stop_framecastd
    seed_public_video "$data/framecast.sqlite"
    start_framecastd "$data" "$WORK/fc-reads.log"

    local video_url="$FC_URL/api/v1/videos/benchVideo1" code
    code="$(curl -sS --max-time 10 -o "$NGINX_DIR/www/static/video.json" -w '%{http_code}' "$video_url")"
    [[ "$code" == 200 ]] || die "GET $video_url answered $code: $(cat "$NGINX_DIR/www/static/video.json")"
    code="$(curl -sS --max-time 10 -o "$NGINX_DIR/www/static/healthz.json" -w '%{http_code}' "$FC_URL/healthz")"
    [[ "$code" == 200 ]] || die "GET /healthz answered $code"
    chmod 644 "$NGINX_DIR/www/static/"*.json
    local video_bytes health_bytes
    video_bytes="$(stat -c %s "$NGINX_DIR/www/static/video.json")"
    health_bytes="$(stat -c %s "$NGINX_DIR/www/static/healthz.json")"

    log "reads: wrk ${WRK_SECONDS}s x 4 targets"
    local fv fh nv nh
    fv="$(run_wrk "$video_url" "$FC_PID")"
    fh="$(run_wrk "$FC_URL/healthz" "$FC_PID")"
    nv="$(run_wrk "$NGINX_URL/static/video.json" "$NGINX_PID")"
    nh="$(run_wrk "$NGINX_URL/static/healthz.json" "$NGINX_PID")"
    local hwm
    hwm="$(vm_kib "$FC_PID" VmHWM)"
    stop_framecastd

    row() { # label bytes "rps p50 p99 errors cpu"
        local rps p50 p99 err cpu
        read -r rps p50 p99 err cpu <<<"$3"
        echo "| $1 | $2 | $rps | $p50 | $p99 | $err | $cpu |"
    }
    local r_video r_health
    r_video="$(ratio "${fv%% *}" "${nv%% *}")"
    r_health="$(ratio "${fh%% *}" "${nh%% *}")"
    READS_MD="$(
        cat <<EOF
## 2. JSON reads with wrk ($WRK_CONNECTIONS connections, $WRK_THREADS threads, ${WRK_SECONDS} s each, after a 3 s warm-up)

framecastd serves a public video's JSON (a SQLite read per request, through the full pipeline: request id, CORS,
optional auth, rate-limit bookkeeping, access log, metrics) and /healthz (a \`SELECT 1\`). The nginx rows serve the
same bytes as static files: a **static file reference, not like-for-like**. wrk runs on the same 2 cores.
CPU % is the server's user+system time over the run (200 % = both cores).

| target | body bytes | req/s | p50 ms | p99 ms | errors | server CPU % |
| --- | --- | --- | --- | --- | --- | --- |
$(row "framecastd GET /api/v1/videos/:id" "$video_bytes" "$fv")
$(row "framecastd GET /healthz" "$health_bytes" "$fh")
$(row "nginx static video.json (reference)" "$video_bytes" "$nv")
$(row "nginx static healthz.json (reference)" "$health_bytes" "$nh")

| ratio of req/s, framecastd / nginx static file reference (not like-for-like) | |
| --- | --- |
| video JSON | $r_video |
| healthz | $r_health |

framecastd peak RSS over the read benchmark (VmHWM): $(mib "$hwm") MiB.

EOF
    )"
}

# ---------------------------------------------------------------------------------------------------------------
# Issue #3: the one-pass ladder transcoder against ffmpeg (tests/bench/transcode_bench.py).
bench_transcode() {
    [[ -n "${TRANSCODE_TOOL:-}" && -x "$TRANSCODE_TOOL" ]] ||
        die "the transcode benchmark needs framecast-transcode-bench (run without FRAMECASTD=, or set TRANSCODE_TOOL=)"
    log "transcode benchmark (a 60 s 1080p30 ladder, three ways)"
    TRANSCODE_MD="$(python3 "$REPO/tests/bench/transcode_bench.py" "$TRANSCODE_TOOL" --seconds "${TRANSCODE_SECONDS:-60}")" ||
        die "the transcode benchmark failed"
    grep -q "MISSED" <<<"$TRANSCODE_MD" && UPLOAD_MISSED=1
    return 0
}

# Issue #4: the desktop app's start-up to first frame and idle RSS against a minimal Qt Quick app.
bench_app() {
    [[ -n "${APP_BINARY:-}" && -x "$APP_BINARY" && -x "${APP_REFERENCE:-}" ]] ||
        die "the app benchmark needs framecast and framecast-qtquick-reference (run without FRAMECASTD=)"
    log "app benchmark (start-up to first frame, idle RSS)"
    APP_MD="$(python3 "$REPO/tests/bench/app_bench.py" "$APP_BINARY" "$APP_REFERENCE" "$FRAMECASTD")" ||
        die "the app benchmark failed"
    return 0
}

# Issue #5: the player engine's open → first frame against the ffmpeg CLI on the same HLS URL.
bench_startup() {
    [[ -n "${STARTUP_TOOL:-}" && -x "$STARTUP_TOOL" ]] ||
        die "the start-up benchmark needs framecast-play-startup (run without FRAMECASTD=, or set STARTUP_TOOL=)"
    log "player start-up benchmark (open → first frame, vs ffmpeg)"
    STARTUP_MD="$(python3 "$REPO/tests/bench/startup_bench.py" "$STARTUP_TOOL" "$FRAMECASTD" --runs "${BENCH_STARTUP_RUNS:-20}")" ||
        die "the start-up benchmark failed"
    grep -q "MISSED" <<<"$STARTUP_MD" && UPLOAD_MISSED=1
    return 0
}

main() {
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    [[ "$ONLY" =~ ^(all|upload|reads|transcode|app|startup|segments|comments|trending|recs|search|abr|receval)$ ]] ||
        die "BENCH_ONLY must be all, upload, reads, transcode, app, startup, segments, comments, trending, recs, search, abr or receval"
    # ABR (issue #5): trace-driven simulation only, no servers; its own script and report (results/abr.md).
    [[ "$ONLY" == abr ]] && exec "$REPO/tests/bench/abr_bench.sh"
    # The recommendation model's offline evaluation (issue #7): framecast-receval only, no servers
    # (results/recs_eval.md).
    [[ "$ONLY" == receval ]] && exec "$REPO/tests/bench/recs_eval.sh"
    ensure_tools
    build_framecastd
    BENCH_BASE="${BENCH_TMPDIR:-/tmp}"
    WORK="$(mktemp -d "$BENCH_BASE/framecast-bench.XXXXXX")"
    chmod 755 "$WORK"
    NGINX_DIR="$WORK/nginx"
    mkdir -p "$NGINX_DIR"
    start_nginx "$NGINX_DIR"
    log "framecastd: $FRAMECASTD; nginx at $NGINX_URL; work dir $WORK"

    local started=$SECONDS
    LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
    case "$ONLY" in
    all | upload) bench_upload ;;&
    all | reads) bench_reads ;;&
    all | transcode) bench_transcode ;;&
    all | app) bench_app ;;&
    all | segments) bench_segments ;;&
    all | startup) bench_startup ;;&
    all | comments) bench_comments ;;&
    all | trending) bench_trending ;;&
    all | recs) bench_recs ;;&
    all | search) bench_search ;;
    esac
    stop_nginx

    mkdir -p "$(dirname "$RESULTS")"
    {
        echo "# Framecast benchmark results"
        echo
        local settings=""
        [[ "$ONLY" != reads ]] && settings+=" upload $UPLOAD_MIB MiB x $REPEATS;"
        [[ "$ONLY" != upload ]] && settings+=" wrk ${WRK_SECONDS} s per target;"
        echo "Command: \`tests/bench/run_benchmarks.sh\`$([[ -n "${FRAMECASTD_GIVEN:-}" ]] && echo " (FRAMECASTD=$FRAMECASTD_GIVEN)")." \
            "Settings:$settings took $((SECONDS - started)) s."
        echo
        machine_section
        echo "$UPLOAD_MD"
        echo
        echo "$READS_MD"
        echo
        echo "$TRANSCODE_MD"
        echo
        echo "${APP_MD:-}"
        echo
        echo "${STARTUP_MD:-}"
        echo
        echo "${SEGMENTS_MD:-}"
        echo
        echo "${COMMENTS_MD:-}"
        echo
        echo "${TRENDING_MD:-}"
        echo
        echo "${RECS_MD:-}"
        echo
        echo "${SEARCH_MD:-}"
    } >"$RESULTS.tmp"
    mv "$RESULTS.tmp" "$RESULTS"
    cat "$RESULTS"
    log "results written to $RESULTS"
    if ((UPLOAD_MISSED)); then
        log "a target was missed (see the report)"
        exit 3
    fi
}

FRAMECASTD_GIVEN="${FRAMECASTD:-}"
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then # sourcing it (to try one function) runs nothing
    main "$@"
fi
