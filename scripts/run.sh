#!/usr/bin/env bash
# Runs MCP Accounts on a fresh Debian 12 machine: installs what is missing,
# builds (Release), starts the bundled demo MCP server (an MCP server with
# its own OAuth authorization server, on a free 127.0.0.1 port) and opens
# the app with that server listed. Without a display it runs the same
# sign-in headless through the CLI instead.
#
#   scripts/run.sh            # the app (or the headless demo without a display)
#   scripts/run.sh --cli      # the headless demo even with a display
#   scripts/run.sh -- ARGS    # ARGS go to the app (e.g. --exit-after-startup)
#
# Without a D-Bus session (a bare console, ssh, a container) there is no
# keyring to use: the run then gets a throwaway HOME and XDG directories and
# a private D-Bus session with a new keyring under a random password, all
# removed when it ends. Your own keyring and config are never created,
# unlocked or changed by this script.
#
# MCPA_RUN_NO_BUILD=1 skips the installs and the build and uses the
# binaries already in $MCPA_BUILD_DIR (for the test of this script).
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MCPA_BUILD_DIR:-$top/build-release}"

if [[ -z "${MCPA_RUN_NO_BUILD:-}" ]]; then
    "$top/scripts/install-deps.sh"
    echo "== building ($build)"
    cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMCPA_BUILD_TESTS=OFF >/dev/null
    cmake --build "$build" -j"$(nproc)"
fi

headless=0
if [[ "${1:-}" == "--cli" ]]; then
    headless=1
    shift
fi
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    headless=1
fi
if [[ "${1:-}" == "--" ]]; then
    shift
fi
app_args=("$@")

# The demo server: a person approves on its consent page; the headless demo
# uses the auto-approving variant, since nobody is there to click.
consent=form
((headless)) && consent=none
demo_log="$(mktemp -t mcpa-demo-XXXXXX.log)"
coproc DEMO { cd "$top/tests/fixtures" && exec node sdk-server.mjs --consent "$consent" 2>"$demo_log"; }
demo_pid=$DEMO_PID
demo_home=""
cleanup() {
    kill "$demo_pid" 2>/dev/null || true
    rm -f "$demo_log"
    if [[ -n "$demo_home" ]]; then rm -rf "$demo_home"; fi
}
trap cleanup EXIT
read -r -t 30 ready url <&"${DEMO[0]}" || true
if [[ "${ready:-}" != READY ]]; then
    echo "the demo server did not start:" >&2
    cat "$demo_log" >&2
    exit 1
fi
echo "== demo MCP server: $url"

# What runs the app or the CLI: as it is inside your desktop session, or
# in a throwaway one when there is no session bus.
session=()
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
    demo_home="$(mktemp -d -t mcpa-demo-home-XXXXXX)"
    mkdir -p "$demo_home"/{home,config,data,cache,runtime}
    chmod 700 "$demo_home/runtime"
    export HOME="$demo_home/home" XDG_CONFIG_HOME="$demo_home/config"
    export XDG_DATA_HOME="$demo_home/data" XDG_CACHE_HOME="$demo_home/cache"
    export XDG_RUNTIME_DIR="$demo_home/runtime"
    echo "== no D-Bus session: this run uses a throwaway home and keyring ($demo_home),"
    echo "   removed when it ends; your own keyring and config are not touched"
    # The keyring's password is random and never written anywhere: the
    # keyring lives only as long as this run.
    session=(dbus-run-session -- bash -c '
        set -euo pipefail
        head -c 24 /dev/urandom | base64 | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        exec "$@"
    ' bash)
fi

if ((headless)); then
    echo "== no display: signing in headless with mcp-accounts-cli instead of the window"
    "${session[@]}" "$build/src/cli/mcp-accounts-cli" probe "$url"
    "${session[@]}" "$build/src/cli/mcp-accounts-cli" call --browser none --verbose \
        --tool echo --args '{"text":"Hello from MCP Accounts"}' "$url"
    exit $?
fi

app=("$build/src/app/mcp-accounts" --server "$url" "${app_args[@]}")
if [[ $(id -u) -eq 0 ]]; then
    export QTWEBENGINE_DISABLE_SANDBOX=1 # Chromium's sandbox refuses root
fi
"${session[@]}" "${app[@]}"
