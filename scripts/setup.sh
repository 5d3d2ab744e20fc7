#!/usr/bin/env bash
# One-time, idempotent set-up: system packages (apt, when root or with sudo), a virtual environment in .venv,
# and this package with its test extras. Every other make target depends on it.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
    espeak-ng            # speech synthesis behind pyttsx3
    ffmpeg               # the tests make short interpreter-clip videos (Motion-JPEG AVI)
    fonts-nanum          # Hangul font (OFL) for Korean text
    libegl1 libgl1-mesa-dri libgles2   # Mesa llvmpipe through EGL for headless rendering
    python3-venv
    xvfb xauth           # a virtual display for the windowed (kiosk fullscreen, GLX) tests
    wine64 gcc-mingw-w64-x86-64-win32   # the Windows build run under Wine; mingw builds its test-only stand-ins
    postgresql           # the city's store; the hub tests start a throw-away cluster from its binaries
    redis-server         # the presence relays' broker (pub/sub per interest cell); the tests start a throw-away one
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else SUDO=(false); fi
    if [[ ${SUDO[*]-} == false ]]; then
        echo "setup: missing system packages (${missing[*]}); install them with apt as root" >&2
    else
        echo "setup: installing system packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        "${SUDO[@]}" apt-get install -y -q "${missing[@]}" || {
            "${SUDO[@]}" apt-get update -q && "${SUDO[@]}" apt-get install -y -q "${missing[@]}"; }
    fi
fi

PY=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
    echo "setup: creating .venv"
    "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [[ ! -f $stamp ]]; then
    echo "setup: installing Python dependencies into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[test,city,pdf,osm]'
    rm -f .venv/.installed-* && touch "$stamp"
fi
