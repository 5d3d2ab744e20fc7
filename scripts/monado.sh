#!/usr/bin/env bash
# Build the Monado OpenXR runtime once, so the XR path can be tested without a headset.
#
# Debian 12 has no Monado package, but Debian 13's source package builds with Debian 12's libraries. This
# script fetches that source's upstream tarball through apt (with a private, throw-away source list built from the mirror this
# machine already uses), installs the build and run-time dependencies from the machine's own suites, and
# builds an in-process runtime (-DXRT_FEATURE_SERVICE=OFF: no monado-service daemon to start and stop) into a
# per-user cache outside the clone. A finished build is reused: the second run only checks and prints.
#
# stdout: the absolute path of openxr_monado.json (use it as XR_RUNTIME_JSON). Progress goes to stderr.
# Env: MONADO_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/metaverse-seoul/monado), MONADO_REBUILD=1.
set -euo pipefail

say() { echo "monado.sh: $*" >&2; }
die() { say "error: $*"; exit 1; }

CACHE=${MONADO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/metaverse-seoul/monado}
MANIFEST_REL=share/openxr/1/openxr_monado.json
SOURCE_SUITE=trixie

# Build dependencies: the subset of the source package's Build-Depends that the simulated HMD, the null
# compositor and the OpenGL/EGL client path need. Video, camera-tracking and SDL drivers are left out: they
# pull in OpenCV and GStreamer (hundreds of MB) and nothing here uses them.
BUILD_PACKAGES=(
    build-essential cmake ninja-build pkg-config glslang-tools xz-utils
    libvulkan-dev libegl1-mesa-dev libgl-dev libglvnd-dev libeigen3-dev libcjson-dev
    libx11-dev libx11-xcb-dev libxcb-randr0-dev libxrandr-dev libxxf86vm-dev libwayland-dev wayland-protocols
    libbsd-dev libdbus-1-dev libsystemd-dev libudev-dev libusb-1.0-0-dev libhidapi-dev
)
# At run time the compositor needs a Vulkan driver even with XRT_COMPOSITOR_NULL: Mesa's lavapipe (CPU).
# Xvfb lets the tests drive the GLX binding (a desktop window) as well as the headless EGL one.
RUN_PACKAGES=(mesa-vulkan-drivers libvulkan1 libegl1 libgl1-mesa-dri xvfb xauth)

if [[ $(id -u) -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo -n); else SUDO=(); fi

apt_install() {
    local missing=() p
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    [[ $(id -u) -eq 0 || ${#SUDO[@]} -gt 0 ]] || die "missing packages (${missing[*]}): install them as root"
    say "installing ${#missing[@]} packages with apt: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || {
        "${SUDO[@]}" apt-get update -q >&2 && "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; }
}

# The Debian mirror this machine's apt already uses (deb822 .sources first, then one-line sources.list).
debian_mirror() {
    local uri
    uri=$(awk 'tolower($1)=="uris:" && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [[ -n $uri ]] || uri=$(awk '$1=="deb" {for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\// && $i ~ /debian\/?$/) {print $i; exit}}' \
        /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
    [[ -n $uri ]] || die "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
    echo "${uri%/}"
}

newest_build() {
    local d best=""
    for d in "$CACHE"/*/; do
        [[ -f $d/.complete && -f $d/$MANIFEST_REL ]] && best=$(printf '%s\n%s\n' "$best" "${d%/}" | sed '/^$/d' | sort -V | tail -n1)
    done
    echo "$best"
}

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9  # a second caller (e.g. two test sessions) waits for the first build instead of racing it

apt_install "${RUN_PACKAGES[@]}"
if [[ ${MONADO_REBUILD:-0} != 1 ]] && prefix=$(newest_build) && [[ -n $prefix ]]; then
    echo "$prefix/$MANIFEST_REL"
    exit 0
fi

apt_install "${BUILD_PACKAGES[@]}"
work=$(mktemp -d "${TMPDIR:-/tmp}/monado-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"  # apt's unprivileged _apt user downloads into it
mirror=$(debian_mirror)
say "fetching the $SOURCE_SUITE source package index through apt (private source list, mirror from apt config)"
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/apt/sources"
cat >"$work/apt/sources/$SOURCE_SUITE.sources" <<EOF
Types: deb-src
URIs: $mirror
Suites: $SOURCE_SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
APT_OPTS=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/apt/sources"
          -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache" -o "Debug::NoLocking=1")
apt-get "${APT_OPTS[@]}" -q update >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; die "apt-get update failed"; }
version=$(apt-cache "${APT_OPTS[@]}" showsrc monado | awk '$1=="Version:" {print $2; exit}')
[[ -n $version ]] || die "no monado source package in $SOURCE_SUITE"
upstream=${version#*:}
upstream=${upstream%-*}  # the build is of the upstream tarball, so the cache is named after its version
prefix="$CACHE/$upstream"
say "building monado $upstream (source package $version) into $prefix"
# The upstream tarball of the source package (Debian's +dfsg repack) is fetched by apt's own downloader and
# checked against the SHA-256 in the signed index. Debian's revision tarball (packaging and patches) is not
# used: some mirrors here (caching proxies) do not serve it, and one build path that always runs beats two.
apt-cache "${APT_OPTS[@]}" showsrc monado |
    awk '/^$/ {exit} /^Directory:/ {dir=$2} /^Checksums-Sha256:/ {c=1; next}
         c && /^ / && $3 ~ /\.orig\.tar\./ {print $1, $3; next} /^[^ ]/ {c=0} END {print "DIR", dir}' >"$work/files"
dir=$(awk '$1=="DIR" {print $2}' "$work/files")
read -r sha orig < <(grep -v '^DIR' "$work/files") || die "no upstream tarball listed for monado $version"
/usr/lib/apt/apt-helper "${APT_OPTS[@]}" -q download-file "$mirror/$dir/$orig" "$work/$orig" "SHA256:$sha" \
    >>"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; die "could not download $orig"; }
mkdir "$work/src" && tar -xf "$work/$orig" -C "$work/src" --strip-components=1
rm -rf "$prefix"
log="$CACHE/build-$upstream.log"
say "configuring (cmake, log in $log)"
cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DXRT_FEATURE_SERVICE=OFF -DXRT_FEATURE_STEAMVR_PLUGIN=OFF -DBUILD_TESTING=OFF -DBUILD_DOC=OFF \
    >"$log" 2>&1 || { tail -n 40 "$log" >&2; die "cmake configure failed"; }
say "compiling on $(nproc) cores"
# Ninja prints one status line per step; pass on every tenth of them so CI logs show progress, not noise.
set +o pipefail
cmake --build "$work/build" -j "$(nproc)" 2>&1 | tee -a "$log" |
    awk '$1 ~ /^\[[0-9]+\/[0-9]+\]$/ { split(substr($1, 2, length($1) - 2), m, "/"); p = int(10 * m[1] / m[2]);
         if (p > last) { last = p; printf "monado.sh: compiled %d/%d\n", m[1], m[2] > "/dev/stderr"; fflush() } }'
status=${PIPESTATUS[0]}
set -o pipefail
((status == 0)) || { tail -n 40 "$log" >&2; die "build failed"; }
cmake --install "$work/build" >>"$log" 2>&1 || { tail -n 20 "$log" >&2; die "install failed"; }
[[ -f $prefix/$MANIFEST_REL ]] || die "build finished but $prefix/$MANIFEST_REL is missing"
touch "$prefix/.complete"
say "done"
echo "$prefix/$MANIFEST_REL"
