#!/usr/bin/env bash
# Installs what building, running and testing MCP Accounts needs on Debian 12:
# the apt packages below and the Node packages of the test/demo servers.
# Idempotent: a second run finds everything present and installs nothing.
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev qt6-networkauth-dev qt6-webengine-dev qtkeychain-qt6-dev
    qt6-tools-dev qt6-l10n-tools qt6-translations-l10n libqt6svg6
    xvfb xauth gnome-keyring dbus dbus-x11 libsecret-tools libsecret-1-0
    clang-format curl nodejs npm
    clang libclang-rt-dev # scripts/fuzz.sh: libFuzzer, ASan, UBSan runtimes
    dpkg-dev file desktop-file-utils appstream librsvg2-bin
    iproute2 util-linux # tests/conformance/run.sh: a loopback-only network namespace
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
# nodejs and npm may come from elsewhere than apt: a working node counts.
if command -v node >/dev/null && command -v npm >/dev/null; then
    filtered=()
    for package in "${missing[@]}"; do
        [[ "$package" == nodejs || "$package" == npm ]] || filtered+=("$package")
    done
    missing=("${filtered[@]+"${filtered[@]}"}")
fi

if ((${#missing[@]})); then
    echo "== installing ${#missing[@]} Debian packages: ${missing[*]}"
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    # dbus-x11 keeps apt from pulling in systemd for gnome-keyring.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "== Debian packages: all present"
fi

# The test/demo servers, and the MCP conformance suite (it brings its own
# Node 22 as the npm package "node"; the system Node stays as it is).
for dir in "$top/tests/fixtures" "$top/tests/conformance"; do
    stamp="$dir/node_modules/.package-lock.json"
    if [[ ! -f "$stamp" || "$dir/package-lock.json" -nt "$stamp" ]]; then
        echo "== installing the Node packages of ${dir#"$top/"} (npm ci)"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    else
        echo "== Node packages of ${dir#"$top/"}: all present"
    fi
done
