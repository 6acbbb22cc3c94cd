#!/usr/bin/env bash
# Installs every package Framecast needs to build, test and run on Debian 12 (bookworm).
# Fast when nothing is missing: dpkg is asked first and apt is not touched at all.
#   packaging/install-deps.sh            install what is missing
#   packaging/install-deps.sh --check    list what is missing; exit 1 if anything is
set -euo pipefail

PACKAGES=(
    # toolchain
    g++ cmake ninja-build pkg-config clang-format git ca-certificates
    # Qt 6: libraries and headers
    qt6-base-dev qt6-declarative-dev qt6-declarative-dev-tools qt6-multimedia-dev qt6-websockets-dev
    qt6-qpa-plugins libqt6opengl6-dev
    # Qt 6: QML modules loaded at run time
    qml6-module-qtqml qml6-module-qtqml-workerscript qml6-module-qtquick qml6-module-qtquick-controls
    qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-templates
    qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel qml6-module-qtmultimedia qml6-module-qttest
    # FFmpeg libraries and the CLI (tests cut clips with it)
    libavcodec-dev libavformat-dev libavfilter-dev libavutil-dev libswscale-dev libswresample-dev ffmpeg
    # server and transfer libraries
    libcurl4-openssl-dev libsqlite3-dev sqlite3 libboost-dev libargon2-dev libssl-dev nlohmann-json3-dev libpugixml-dev
    # headless UI tests
    xvfb xauth libgl1-mesa-dri fonts-dejavu-core
    # a private sound server with a null sink: the audio tests play through a real device and record it
    pulseaudio pulseaudio-utils
    # a software Vulkan device (lavapipe): test_hw_decode copies a picture from a real libav device
    mesa-vulkan-drivers
    curl
)

missing_packages() {
    local package status
    for package in "${PACKAGES[@]}"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
        [[ "$status" == "installed" ]] || echo "$package"
    done
}

mapfile -t missing < <(missing_packages)

if [[ "${1:-}" == "--check" ]]; then
    if ((${#missing[@]} > 0)); then
        printf 'missing: %s\n' "${missing[*]}"
        exit 1
    fi
    echo "all ${#PACKAGES[@]} packages are installed"
    exit 0
fi

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#PACKAGES[@]} packages are already installed"
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-deps: missing ${missing[*]}; run this script as root (or install sudo)" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists only when they are absent or older than a day.
lists=(/var/lib/apt/lists/*_Packages*)
if [[ ! -e "${lists[0]}" ]] || [[ -n $(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin +1440 -print -quit) ]]; then
    "${as_root[@]}" apt-get update -q
fi
if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    # Stale lists name versions the mirror no longer has: refresh once and retry.
    "${as_root[@]}" apt-get update -q
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
