#!/usr/bin/env bash
# Installs what is missing, builds Framecast with its tests (RelWithDebInfo) into build-test/ (or
# $FRAMECAST_BUILD_DIR), checks the formatting of every C++ file (FRAMECAST_FORMAT_CHECK=0 skips that), and
# runs the test suite without the benchmarks. Exits non-zero when anything fails.
#   packaging/test.sh                 everything
#   packaging/test.sh -R realtime     extra arguments go to ctest
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${FRAMECAST_BUILD_DIR:-$repo_root/build-test}
jobs=${FRAMECAST_JOBS:-$(nproc)}
test_jobs=${FRAMECAST_TEST_JOBS:-2}
test_timeout_s=${FRAMECAST_TEST_TIMEOUT_S:-600} # per test; each test may set a shorter one itself

cd "$repo_root"
packaging/install-deps.sh

# Every C++ source and header we write (build directories and generated files are outside these folders).
check_formatting() {
    local dir file files=()
    for dir in core server ui app tests; do
        [[ -d "$dir" ]] || continue
        while IFS= read -r -d '' file; do
            files+=("$file")
        done < <(find "$dir" -type f \( -name '*.h' -o -name '*.cpp' \) -print0)
    done
    ((${#files[@]} == 0)) || clang-format --dry-run --Werror "${files[@]}"
}

if [[ "${FRAMECAST_FORMAT_CHECK:-1}" != "0" ]]; then
    echo "test: checking formatting (clang-format)"
    if ! check_formatting; then
        echo "test: the files above are not formatted; run clang-format -i on them" >&2
        exit 1
    fi
fi

echo "test: building into $build_dir"
cmake -S "$repo_root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFRAMECAST_BUILD_TESTS=ON
cmake --build "$build_dir" -j "$jobs"

echo "test: running the tests"
# No display is needed: Qt tests default to the offscreen platform; end-to-end tests start their own Xvfb.
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
ctest --test-dir "$build_dir" --output-on-failure -LE bench -j "$test_jobs" --timeout "$test_timeout_s" \
    --no-tests=error "$@"
