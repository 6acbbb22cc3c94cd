#!/usr/bin/env bash
# Installs what is missing, builds Framecast (Release) into build/ and runs it: the desktop app, which starts
# the bundled framecastd on its embedded defaults (SQLite and local files in ~/.local/share/framecast/server)
# and connects to it; the server stops when the app closes.
#   packaging/run.sh                      the app + its bundled server
#   packaging/run.sh --server-only [...]  framecastd alone in the foreground (no display needed); further
#                                         arguments go to framecastd, e.g. --listen 0.0.0.0:8080
# Without a display (no $DISPLAY / $WAYLAND_DISPLAY) it runs the server alone.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${FRAMECAST_BUILD_DIR:-$repo_root/build}
jobs=${FRAMECAST_JOBS:-$(nproc)}

server_only=0
if [[ "${1:-}" == "--server-only" ]]; then
    server_only=1
    shift
elif [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    echo "run: no display found; running the server alone (packaging/run.sh --server-only)"
    server_only=1
fi

"$repo_root/packaging/install-deps.sh"

cmake -S "$repo_root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFRAMECAST_BUILD_TESTS=OFF
if ((server_only)); then
    cmake --build "$build_dir" --target framecastd -j "$jobs"
    echo "run: starting framecastd (Ctrl-C stops it)"
    exec "$build_dir/server/framecastd" "$@"
fi
cmake --build "$build_dir" --target framecastd framecast -j "$jobs"
echo "run: starting the Framecast app with its bundled server"
exec "$build_dir/app/framecast" --bundled-server "$@"
