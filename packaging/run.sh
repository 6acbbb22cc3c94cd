#!/usr/bin/env bash
# Installs what is missing, builds Framecast (Release) into build/ and runs framecastd in the foreground on its
# embedded defaults: SQLite and local files in the XDG data directory (~/.local/share/framecast).
# Arguments are passed to framecastd (see `framecastd --help`); the default address is 127.0.0.1:8080.
#   packaging/run.sh
#   packaging/run.sh --listen 0.0.0.0:8080 --data-dir /srv/framecast
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${FRAMECAST_BUILD_DIR:-$repo_root/build}
jobs=${FRAMECAST_JOBS:-$(nproc)}

"$repo_root/packaging/install-deps.sh"

cmake -S "$repo_root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFRAMECAST_BUILD_TESTS=OFF
cmake --build "$build_dir" --target framecastd -j "$jobs"

echo "run: starting framecastd (Ctrl-C stops it)"
exec "$build_dir/server/framecastd" "$@"
