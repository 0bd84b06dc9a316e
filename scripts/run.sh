#!/usr/bin/env bash
# Runs MCP Accounts on a fresh Debian 12 machine: installs what is missing,
# builds (Release), starts the bundled demo MCP server (an MCP server with
# its own OAuth authorization server, on a free 127.0.0.1 port) and opens
# the app with that server listed. Without a display it runs the same
# sign-in headless through the CLI instead.
#
#   scripts/run.sh            # the app (or the headless demo without a display)
#   scripts/run.sh --cli      # the headless demo even with a display
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MCPA_BUILD_DIR:-$top/build-release}"

"$top/scripts/install-deps.sh"

echo "== building ($build)"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMCPA_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"

headless=0
if [[ "${1:-}" == "--cli" || ( -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ) ]]; then
    headless=1
fi

# The demo server: a person approves on its consent page; the headless demo
# uses the auto-approving variant, since nobody is there to click.
consent=form
((headless)) && consent=none
demo_log="$(mktemp -t mcpa-demo-XXXXXX.log)"
coproc DEMO { cd "$top/tests/fixtures" && exec node sdk-server.mjs --consent "$consent" 2>"$demo_log"; }
demo_pid=$DEMO_PID
cleanup() { kill "$demo_pid" 2>/dev/null || true; rm -f "$demo_log"; }
trap cleanup EXIT
read -r -t 30 ready url <&"${DEMO[0]}" || true
if [[ "${ready:-}" != READY ]]; then
    echo "the demo server did not start:" >&2
    cat "$demo_log" >&2
    exit 1
fi
echo "== demo MCP server: $url"

if ((headless)); then
    echo "== no display: signing in headless with mcp-accounts-cli instead of the window"
    "$build/src/cli/mcp-accounts-cli" probe "$url"
    "$build/src/cli/mcp-accounts-cli" call --browser none --verbose \
        --tool echo --args '{"text":"Hello from MCP Accounts"}' "$url"
    exit $?
fi

app=("$build/src/app/mcp-accounts" --server "$url")
if [[ $(id -u) -eq 0 ]]; then
    export QTWEBENGINE_DISABLE_SANDBOX=1 # Chromium's sandbox refuses root
fi
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
    # No session bus: start one with an unlocked keyring for this run only.
    echo "== no D-Bus session: starting one with a temporary unlocked keyring"
    exec dbus-run-session -- bash -c 'printf "mcp-accounts-demo" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "$@"' bash "${app[@]}"
fi
"${app[@]}"
