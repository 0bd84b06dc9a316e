#!/usr/bin/env bash
# Runs every test of MCP Accounts on a fresh Debian 12 machine:
# installs what is missing, builds with tests, starts a private D-Bus session
# with an unlocked gnome-keyring in a throwaway HOME (never your own keyring
# or config), and runs ctest offscreen. Ends with ctest's summary line.
#
#   scripts/test.sh                 # everything
#   scripts/test.sh -R tst_cli      # extra arguments go to ctest
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MCPA_BUILD_DIR:-$top/build-test}"

"$top/scripts/install-deps.sh"

echo "== configuring and building ($build)"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMCPA_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j"$(nproc)"

sandbox="$(mktemp -d -t mcpa-test-XXXXXX)"
cleanup() { rm -rf "$sandbox"; }
trap cleanup EXIT
mkdir -p "$sandbox/home" "$sandbox/config" "$sandbox/data" "$sandbox/cache" "$sandbox/runtime"
chmod 700 "$sandbox/runtime"

export HOME="$sandbox/home"
export XDG_CONFIG_HOME="$sandbox/config"
export XDG_DATA_HOME="$sandbox/data"
export XDG_CACHE_HOME="$sandbox/cache"
export XDG_RUNTIME_DIR="$sandbox/runtime"
export MCP_ACCOUNTS_KEYCHAIN_SERVICE=mcp-accounts-test
export QT_QPA_PLATFORM=offscreen
unset DISPLAY WAYLAND_DISPLAY
if [[ $(id -u) -eq 0 ]]; then
    # QtWebEngine's sandbox refuses to run as root.
    export QTWEBENGINE_DISABLE_SANDBOX=1
fi

echo "== running the tests (private D-Bus session, unlocked gnome-keyring, HOME=$HOME)"
# The keyring password only protects this throwaway keyring.
exec dbus-run-session -- bash -c '
    set -euo pipefail
    printf "test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    cd "$1"; shift
    ctest --output-on-failure --timeout 600 "$@"
' bash "$build" "$@"
