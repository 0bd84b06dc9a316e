#!/usr/bin/env bash
# Makes the README's screenshots (docs/screenshots/*.png) of the real app
# under Xvfb, over real servers in different states:
#
#   Team Wiki     signed in, with who signed in   (oidc-server.mjs, JWT access tokens)
#   Build Server  signed in, token expires sooner (sdk-server.mjs, 25-minute tokens)
#   Issue Tracker needs sign-in                   (oidc-server.mjs restarted: the grant is gone)
#   Calendar      signed out                      (sdk-server.mjs, nobody signed in)
#   Staging       error                           (a path the server answers with 404)
#   Old Laptop    unreachable                     (a closed 127.0.0.1 port)
#
# Everything happens in a throwaway HOME with a private D-Bus session and
# keyring (scripts/lib/sandbox.sh); the servers are set up through
# mcp-accounts-cli, then mcpa_screenshots (tests/tools/screenshots.cpp)
# opens the app over that config and saves the main window, the token
# viewer (masked) and the embedded sign-in page.
#
#   scripts/screenshots.sh            # writes docs/screenshots/{main-window,sign-in,token-viewer}.png
#   MCPA_SHOTS_BUILD_DIR=dir MCPA_SHOTS_OUT=dir scripts/screenshots.sh
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MCPA_SHOTS_BUILD_DIR:-$top/build-shots}"
out="${MCPA_SHOTS_OUT:-$top/docs/screenshots}"
# shellcheck source=lib/sandbox.sh
source "$top/scripts/lib/sandbox.sh"

if [[ "${MCPA_SHOTS_INSIDE:-}" != 1 ]]; then
    started=$SECONDS
    [[ -n "${MCPA_DEPS_CHECKED:-}" ]] || "$top/scripts/install-deps.sh"
    echo "== building ($build)"
    cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMCPA_BUILD_TESTS=ON >/dev/null
    targets=(mcp-accounts-cli mcpa_screenshots)
    # The embedded sign-in's helper process, where the build has one.
    if cmake --build "$build" --target help | grep '^mcp-accounts-signin:' >/dev/null; then
        targets+=(mcp-accounts-signin)
    fi
    cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"
    sandbox_create
    trap sandbox_remove EXIT
    mkdir -p "$out"
    MCPA_SHOTS_INSIDE=1 MCPA_SHOTS_OUT="$(cd "$out" && pwd)" MCPA_SHOTS_BUILD_DIR="$build" \
        sandbox_run "$top/scripts/screenshots.sh"
    if command -v optipng >/dev/null; then
        optipng -quiet -o2 -strip all "$out"/{main-window,sign-in,token-viewer}.png
    fi
    ls -l "$out"/{main-window,sign-in,token-viewer}.png
    echo "== done in $((SECONDS - started)) s"
    exit 0
fi

# --- inside the sandbox's private D-Bus session ------------------------------

cli="$build/src/cli/mcp-accounts-cli"
run="$MCPA_TEST_SANDBOX/servers" # logs and pipes, outside the directories the app sees
mkdir -p "$run"
# The same pictures everywhere: English, UTC, no scaling.
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC QT_SCALE_FACTOR=1 QT_FONT_DPI=96
unset LANGUAGE QT_SCREEN_SCALE_FACTORS QT_AUTO_SCREEN_SCALE_FACTOR

declare -A pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

# The test servers exit when stdin closes: all of them read a pipe that this
# shell keeps open (and never writes to); they are stopped with kill.
mkfifo "$run/stdin"
# shellcheck disable=SC2034 # the descriptor is only held open
exec {hold}<>"$run/stdin"

# start_server NAME SCRIPT [ARGS...]: starts a test server and sets url[NAME].
declare -A url=()
start_server() {
    local name=$1
    shift
    (cd "$top/tests/fixtures" && exec node "$@" <"$run/stdin" >"$run/$name.out" 2>>"$run/$name.log") &
    pids[$name]=$!
    local line=""
    for _ in $(seq 300); do
        line="$(grep -m1 '^READY ' "$run/$name.out" 2>/dev/null || true)"
        [[ -n "$line" ]] && break
        kill -0 "${pids[$name]}" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -z "$line" ]]; then
        echo "the test server $name ($*) did not start:" >&2
        cat "$run/$name.log" >&2
        exit 1
    fi
    url[$name]="${line#READY }"
}

stop_server() {
    kill "${pids[$1]}" 2>/dev/null || true
    wait "${pids[$1]}" 2>/dev/null || true
    unset "pids[$1]"
}

free_port() {
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
        console.log(s.address().port); s.close(); });'
}

# login NAME: the headless sign-in (the servers approve without a person).
login() {
    "$cli" login "$1" --browser none >/dev/null
}

echo "== test servers and accounts (HOME=$HOME)"
start_server wiki oidc-server.mjs --auto-approve --access-token-format jwt
start_server builds sdk-server.mjs --consent none --token-lifetime 1500
start_server calendar sdk-server.mjs --consent form
tracker_port=$(free_port)
tracker_as_port=$(free_port)
start_server tracker oidc-server.mjs --auto-approve --port "$tracker_port" --as-port "$tracker_as_port"

"$cli" add wiki "${url[wiki]}" --display-name "Team Wiki" >/dev/null
"$cli" add builds "${url[builds]}" --display-name "Build Server" >/dev/null
"$cli" add tracker "${url[tracker]}" --display-name "Issue Tracker" --client-id static-public >/dev/null
"$cli" add calendar "${url[calendar]}" --display-name "Calendar" >/dev/null
"$cli" add staging "${url[builds]%/mcp}/v2/mcp" --display-name "Staging" >/dev/null
"$cli" add laptop "http://127.0.0.1:$(free_port)/mcp" --display-name "Old Laptop" >/dev/null
login wiki
login builds
login tracker

# The tracker forgets every grant (a restart: everything is in memory) and
# now wants a person on its login page; the next refresh learns that the
# sign-in is gone (invalid_grant) and marks the account "needs sign-in".
stop_server tracker
start_server tracker oidc-server.mjs --port "$tracker_port" --as-port "$tracker_as_port"
code=0
"$cli" token tracker --min-validity 86400 >/dev/null 2>&1 || code=$?
if ((code != 4)); then
    echo "expected the tracker to need sign-in (exit code 4), got $code" >&2
    exit 1
fi
"$cli" status || true

echo "== screenshots (Xvfb)"
helper="$build/src/app/mcp-accounts-signin"
[[ -x "$helper" ]] && export MCP_ACCOUNTS_SIGNIN_HELPER="$helper"
export QT_LOGGING_RULES="qt.webenginecontext.info=false"
# -br: a black root window, around which the sign-in window is cut out.
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24 -dpi 96 -br" \
    "$build/tests/mcpa_screenshots" --out "$MCPA_SHOTS_OUT" \
    --token-server wiki --sign-in-server tracker
