#!/usr/bin/env bash
# Recommendations: offline evaluation and model benchmarks (issue #7), with framecast-receval only (no server).
#
#   tests/bench/recs_eval.sh                 # or: BENCH_ONLY=receval tests/bench/run_benchmarks.sh
#
# 1. Evaluation: a synthetic log with latent tastes (framecast-receval --generate; no public log is available
#    offline, so only synthetic data here) of RECEVAL_USERS users x RECEVAL_ITEMS items (~50 interactions per
#    user: ~1M), then the table of framecast-receval --log LOG --items LOG.items.tsv: Recall@20, NDCG@20 and
#    catalogue coverage of ours (the hybrid), the popularity baseline and plain cosine item-kNN, on a per-user
#    temporal split (each user's last 20 % by time are test). Peak RSS and times from /usr/bin/time -v.
# 2. Scale: framecast-receval --latency — the model on RECEVAL_LATENCY_ITEMS items (default 100,000) and 20,000
#    users: full build time and memory, incremental refresh cost, and recommend()/related() p50/p99 for users with
#    1,000-item histories, with the popularity baseline's time on the same queries as the reference.
#
# Environment (all optional):
#   RECEVAL=path                 framecast-receval to run (default: build it in Release into <repo>/build-bench)
#   RECEVAL_USERS=20000 RECEVAL_ITEMS=20000 RECEVAL_PER_USER=50 RECEVAL_SEED=1   the evaluation log
#   RECEVAL_EVAL_USERS=5000      users evaluated (a seeded sample)
#   RECEVAL_LATENCY_ITEMS=100000 RECEVAL_LATENCY_QUERIES=1000
#   RECEVAL_RESULTS=file         where the Markdown goes (default tests/bench/results/recs_eval.md)
#
# Exit 0: all ran and every target was met (ours has a higher NDCG@20 than both baselines, and its related videos
# than a tag search; recommend() p99 for a
# 1,000-item history on the large catalogue < 20 ms wall); 3: all ran but a target was missed; 1: could not run.
set -euo pipefail
shopt -s inherit_errexit

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
USERS="${RECEVAL_USERS:-20000}"
ITEMS="${RECEVAL_ITEMS:-20000}"
PER_USER="${RECEVAL_PER_USER:-50}"
SEED="${RECEVAL_SEED:-1}"
EVAL_USERS="${RECEVAL_EVAL_USERS:-5000}"
LATENCY_ITEMS="${RECEVAL_LATENCY_ITEMS:-100000}"
LATENCY_QUERIES="${RECEVAL_LATENCY_QUERIES:-1000}"
RESULTS="${RECEVAL_RESULTS:-$REPO/tests/bench/results/recs_eval.md}"
TARGET_P99_MS=20

log() { printf '[receval-bench] %s\n' "$*" >&2; }
die() {
    printf '[receval-bench] ERROR: %s\n' "$*" >&2
    exit 1
}

[[ -x /usr/bin/time ]] || die "needs /usr/bin/time (Debian package 'time') for peak RSS"
if [[ -z "${RECEVAL:-}" ]]; then
    build="$REPO/build-bench"
    log "building framecast-receval (Release) in $build"
    cmake -S "$REPO" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFRAMECAST_BUILD_TESTS=OFF \
        -DFRAMECAST_BUILD_BENCH=ON >/dev/null
    ninja -C "$build" framecast-receval >/dev/null
    RECEVAL="$build/server/framecast-receval"
fi
[[ -x "$RECEVAL" ]] || die "RECEVAL=$RECEVAL is not an executable"

WORK="$(mktemp -d /tmp/framecast-receval.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

# time_field FILE NAME: a field of /usr/bin/time -v's report.
time_field() { sed -n "s/^[[:space:]]*$2: //p" "$1"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

started=$SECONDS
load_start="$(load)"
log "generating $USERS users x $ITEMS items (seed $SEED)"
"$RECEVAL" --generate "$WORK/log.txt" --users "$USERS" --items "$ITEMS" --per-user "$PER_USER" --seed "$SEED" \
    2>"$WORK/generate.err" || die "generation failed: $(cat "$WORK/generate.err")"
interactions="$(grep -vc '^#' "$WORK/log.txt")"

log "evaluating ($interactions interactions)"
/usr/bin/time -v -o "$WORK/eval.time" "$RECEVAL" --log "$WORK/log.txt" --items "$WORK/log.txt.items.tsv" \
    --eval-users "$EVAL_USERS" --seed "$SEED" >"$WORK/eval.md" 2>"$WORK/eval.err" ||
    die "evaluation failed: $(cat "$WORK/eval.err")"

log "timing the model on $LATENCY_ITEMS items"
/usr/bin/time -v -o "$WORK/latency.time" "$RECEVAL" --latency --items "$LATENCY_ITEMS" --users 20000 \
    --queries "$LATENCY_QUERIES" >"$WORK/latency.md" 2>"$WORK/latency.err" ||
    die "the latency run failed: $(cat "$WORK/latency.err")"

# Targets, from the tables.
# ndcg METHOD [TABLE]: NDCG@20 of the first row matching METHOD in the TABLE-th table (1: the home feed, 2: related).
ndcg() {
    awk -F'|' -v m="$1" -v t="${2:-1}" '/^\| method/ { table++ } table == t && $2 ~ m { gsub(/ /, "", $4); print $4; exit }' \
        "$WORK/eval.md"
}
ours="$(ndcg 'ours')"
popularity="$(ndcg 'popularity')"
knn="$(ndcg 'item-kNN')"
related_ours="$(ndcg 'ours' 2)"
related_tags="$(ndcg 'tag search' 2)"
p99="$(awk -F'|' '$2 ~ /recommend\(\), 20 items/ { gsub(/ /, "", $4); print $4 }' "$WORK/latency.md")"
missed=0
verdict() { if awk -v ok="$1" 'BEGIN { exit !(ok) }'; then echo met; else echo MISSED; missed=1; fi; }
beats_pop="$(verdict "$ours > $popularity")"
beats_knn="$(verdict "$ours > $knn")"
fast="$(verdict "$p99 < $TARGET_P99_MS")"
beats_tags="$(verdict "$related_ours > $related_tags")"

mkdir -p "$(dirname "$RESULTS")"
{
    echo "# Recommendations: offline evaluation"
    echo
    echo "Command: \`tests/bench/recs_eval.sh\` ($(basename "$RECEVAL") at ${RECEVAL#"$REPO"/}); took $((SECONDS - started)) s."
    echo
    echo "| machine | |"
    echo "| --- | --- |"
    echo "| date (UTC) | $(date -u +%Y-%m-%dT%H:%M:%SZ) |"
    echo "| CPU | $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores |"
    echo "| load average (1/5/15 min) | at start: $load_start; at end: $(load) |"
    echo
    echo "## Evaluation (synthetic log: $USERS users, $ITEMS items, seed $SEED)"
    echo
    cat "$WORK/eval.md"
    echo
    echo "framecast-receval --log: $(time_field "$WORK/eval.time" 'Elapsed (wall clock) time (h:mm:ss or m:ss)') wall," \
        "peak RSS $(($(time_field "$WORK/eval.time" 'Maximum resident set size (kbytes)') / 1024)) MiB" \
        "(the log, the split and the three models)."
    echo
    echo "Targets: ours NDCG@20 $ours > popularity $popularity: $beats_pop; > item-kNN $knn: $beats_knn." \
        "Related videos: ours NDCG@20 $related_ours > tag search $related_tags: $beats_tags."
    echo
    echo "## Scale ($LATENCY_ITEMS items)"
    echo
    cat "$WORK/latency.md"
    echo
    echo "framecast-receval --latency: peak RSS $(($(time_field "$WORK/latency.time" 'Maximum resident set size (kbytes)') / 1024)) MiB" \
        "(/usr/bin/time -v; includes the generated log and the queries)."
    echo
    echo "Target: recommend() p99 for a 1,000-item history < $TARGET_P99_MS ms (wall): $p99 ms, $fast."
} >"$RESULTS.tmp"
mv "$RESULTS.tmp" "$RESULTS"
cat "$RESULTS"
log "results written to $RESULTS"
((missed == 0)) || exit 3
