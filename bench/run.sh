#!/usr/bin/env bash
# Benchmarks of MCP Accounts, each against a baseline measured in the same
# run (machines are noisy: every pair is run interleaved, ours and the
# baseline alternating, and the median of N runs is reported). Builds a
# Release build of its own, runs everything in a throwaway HOME with a
# private D-Bus session and an unlocked gnome-keyring (never your own
# keyring or config), talks to loopback test servers only, prints a table
# and writes it to bench/results.md with the machine it ran on. Never part
# of the tests.
#
#   bench/run.sh                 # N = 11 runs per measurement
#   bench/run.sh --runs 21       # more runs
#   bench/run.sh --no-build      # use the existing build (build-bench)
#   bench/run.sh --no-profile    # skip the profiles of missed goals
#
# The benchmarks (details and caveats in bench/README.md):
#   1  GUI cold start with 20 configured servers to the first paint of the
#      list (mcp-accounts --exit-after-startup) vs a bare QMainWindow with a
#      QListWidget of 20 items (bench_barewindow); offscreen and, when Xvfb
#      is there, under Xvfb.                                  goal <= 1.5x
#   2  idle VmRSS of the GUI with 20 servers, web view never opened
#                                                             goal <= 60 MiB
#      and how long the sign-in helper mcp-accounts-signin and its web
#      engine processes outlive an embedded sign-in (bench_signinteardown)
#                                                             reported
#   3  mcp-accounts-cli token NAME (valid token) vs secret-tool lookup of an
#      item of the same size                                  goal <= 1.5x
#   4  mcp-accounts-cli status --json, 200 servers vs 1       goal <= 3x
#   5  headless sign-in + tools/list: mcp-accounts-cli call --browser none
#      vs mcp-remote-client (npm mcp-remote)                  goal <= 0.25x
#   6  mcp-accounts-cli bridge vs mcp-remote's proxy, valid tokens: start
#      to the first tools/list (goal <= 0.2x), RSS after 100 calls
#      (<= 0.3x), latency added to direct HTTP, p50 and p99 of 1000 calls
#      (p50 <= 1 ms); header NAME --json beside token (<= 1.5x)
set -euo pipefail
export LC_ALL=C

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$top/bench"
build="${MCPA_BENCH_BUILD_DIR:-$top/build-bench}"
runs=11
do_build=1
do_profile=1
inner=0

while (($#)); do
    case "$1" in
    --runs)
        runs="${2:-}"
        shift
        ;;
    --no-build) do_build=0 ;;
    --no-profile) do_profile=0 ;;
    --inner) inner=1 ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "bench/run.sh: unknown option $1 (see --help)" >&2
        exit 2
        ;;
    esac
    shift
done
if ! [[ "$runs" =~ ^[0-9]+$ ]] || ((runs < 3 || runs > 1000)); then
    echo "bench/run.sh: --runs takes a number from 3 to 1000" >&2
    exit 2
fi

app="$build/src/app/mcp-accounts"
cli="$build/src/cli/mcp-accounts-cli"
bare="$build/bench/bench_barewindow"
barecore="$build/bench/bench_barecore"
teardown="$build/bench/bench_signinteardown"
signin_helper="$build/src/app/mcp-accounts-signin" # built next to the app
mcp_remote_client="$bench/node_modules/mcp-remote/dist/client.js"

# ---------------------------------------------------------------------------
# Outer part: install, build, then run the inner part in a private session.
# ---------------------------------------------------------------------------
if ((!inner)); then
    if ((do_build)); then
        "$top/scripts/install-deps.sh"
        stamp="$bench/node_modules/.package-lock.json"
        if [[ ! -f "$stamp" || "$bench/package-lock.json" -nt "$stamp" ]]; then
            echo "== installing the comparison clients (npm ci in bench/)"
            (cd "$bench" && npm ci --no-audit --no-fund --loglevel=error)
        fi
        echo "== building Release ($build)"
        cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
            -DMCPA_BUILD_TESTS=OFF -DMCPA_BUILD_BENCH=ON >/dev/null
        cmake --build "$build" -j"$(nproc)" \
            --target mcp-accounts mcp-accounts-signin mcp-accounts-cli bench_barewindow bench_barecore \
            bench_signinteardown
    fi
    for binary in "$app" "$signin_helper" "$cli" "$bare" "$barecore" "$teardown" "$mcp_remote_client"; do
        if [[ ! -e "$binary" ]]; then
            echo "bench/run.sh: $binary is missing (run without --no-build)" >&2
            exit 1
        fi
    done

    sandbox="$(mktemp -d -t mcpa-bench-XXXXXX)"
    cleanup() { rm -rf "$sandbox"; }
    trap cleanup EXIT
    mkdir -p "$sandbox/home" "$sandbox/data" "$sandbox/cache" "$sandbox/runtime" "$sandbox/config"
    chmod 700 "$sandbox/runtime"
    export MCPA_BENCH_SANDBOX="$sandbox"
    export HOME="$sandbox/home"
    export XDG_CONFIG_HOME="$sandbox/config"
    export XDG_DATA_HOME="$sandbox/data"
    export XDG_CACHE_HOME="$sandbox/cache"
    export XDG_RUNTIME_DIR="$sandbox/runtime"
    export MCP_ACCOUNTS_KEYCHAIN_SERVICE=mcp-accounts-bench
    unset DISPLAY WAYLAND_DISPLAY SESSION_MANAGER
    # Loopback only, and straight: no proxy in between.
    unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
    export no_proxy='*' NO_PROXY='*'
    if [[ $(id -u) -eq 0 ]]; then
        export QTWEBENGINE_DISABLE_SANDBOX=1 # Chromium's sandbox refuses root
    fi
    inner_args=(--runs "$runs" --inner)
    ((do_profile)) || inner_args+=(--no-profile)
    echo "== benchmarking (N=$runs; private D-Bus session, unlocked gnome-keyring, HOME=$HOME)"
    dbus-run-session -- bash "${BASH_SOURCE[0]}" "${inner_args[@]}"
    exit $?
fi

# ---------------------------------------------------------------------------
# Inner part: inside dbus-run-session, in the sandbox.
# ---------------------------------------------------------------------------
sandbox="$MCPA_BENCH_SANDBOX"
log="$sandbox/commands.log"
: >"$log"
# The keyring password only protects this throwaway keyring.
printf "bench-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null

server_pids=()
server_fds=()
xvfb_pid=""
gui_pid=""
stop_all() {
    local fd pid
    for fd in "${server_fds[@]+"${server_fds[@]}"}"; do exec {fd}>&- || true; done
    for pid in "${server_pids[@]+"${server_pids[@]}"}" $xvfb_pid $gui_pid; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    # What every command printed, for a look after the sandbox is gone.
    cp "$log" "$build/bench-commands.log" 2>/dev/null || true
}
trap stop_all EXIT

die() {
    echo "bench/run.sh: $*" >&2
    exit 1
}

# start_server NAME COMMAND...: starts a test server with its stdin kept open
# (the fixtures exit when it closes) and sets $server_url from its READY line.
start_server() {
    local name="$1" fd i ready url
    shift
    mkfifo "$sandbox/$name.in"
    "$@" <"$sandbox/$name.in" >"$sandbox/$name.out" 2>"$sandbox/$name.log" &
    server_pids+=($!)
    exec {fd}<>"$sandbox/$name.in" # read-write: never blocks
    server_fds+=("$fd")
    for ((i = 0; i < 300; i++)); do
        if [[ -s "$sandbox/$name.out" ]] && read -r ready url <"$sandbox/$name.out" &&
            [[ "$ready" == READY ]]; then
            server_url="$url"
            return 0
        fi
        sleep 0.1
    done
    cat "$sandbox/$name.log" >&2
    die "the $name server did not start"
}

# write_config DIR COUNT BASE: a config.json with COUNT servers
# server-0 ... at BASE/mcp/0 ... (format: src/core/store/serverregistry.h).
write_config() {
    local dir="$1/mcp-accounts" count="$2" base="$3" i
    mkdir -p -m 700 "$dir"
    {
        printf '{\n    "servers": [\n'
        for ((i = 0; i < count; i++)); do
            printf '        { "id": "server-%d", "name": "Server %d", "url": "%s/mcp/%d" }%s\n' \
                "$i" "$i" "$base" "$i" "$( ((i + 1 < count)) && echo ,)"
        done
        printf '    ],\n    "version": 1\n}\n'
    } >"$dir/config.json"
    chmod 600 "$dir/config.json"
}

# time_one COMMAND...: runs it (output to the log) and prints
# "wall_ms cpu_ms" (cpu = user + sys of the process and its children).
# Fails when the command fails, unless its exit code is in $accept_codes.
accept_codes="0"
time_one() {
    local TIMEFORMAT='%3R %3U %3S' result rc=0 wall user sys
    echo "+ $*" >>"$log"
    result=$({ time "$@" >>"$log" 2>&1; } 2>&1) || rc=$?
    if [[ " $accept_codes " != *" $rc "* ]]; then
        echo "  exit code $rc" >>"$log"
        return 1
    fi
    read -r wall user sys <<<"${result##*$'\n'}"
    awk -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f %.1f\n", w * 1000, (u + s) * 1000 }'
}

# median FILE [COLUMN]: the median of a column of numbers.
median() {
    awk -v c="${2:-1}" '{ print $c }' "$1" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
            if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# spread FILE: "min-max" of the first column.
spread() {
    sort -g "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'
}

# measure_pair KEY OURS_FN BASE_FN [CHECK_FN]: one warm-up of each, then
# $runs interleaved runs (ours first on even runs, the baseline first on odd
# ones). CHECK_FN ours|base runs after each timed run, outside the timing.
# Writes $sandbox/KEY.ours and KEY.base ("wall_ms cpu_ms" per line).
measure_pair() {
    local key="$1" ours="$2" base="$3" check="${4:-}" i side
    : >"$sandbox/$key.ours"
    : >"$sandbox/$key.base"
    time_one "$ours" >/dev/null || return 1
    if [[ -n "$check" ]]; then "$check" ours || return 1; fi
    time_one "$base" >/dev/null || return 1
    if [[ -n "$check" ]]; then "$check" base || return 1; fi
    for ((i = 0; i < runs; i++)); do
        for side in $( ((i % 2)) && echo base ours || echo ours base); do
            local fn="$ours"
            [[ $side == base ]] && fn="$base"
            time_one "$fn" >>"$sandbox/$key.$side" || return 1
            if [[ -n "$check" ]]; then "$check" "$side" || return 1; fi
        done
    done
}

# The table: metric | ours | baseline | ratio | goal | met?
rows=()
details=()
missed=()
ratio_row() { # ratio_row KEY METRIC BASELINE_NAME GOAL_RATIO
    local key="$1" metric="$2" baseline="$3" goal="$4" ours base ratio met
    ours=$(median "$sandbox/$key.ours")
    base=$(median "$sandbox/$key.base")
    ratio=$(awk -v a="$ours" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
    if [[ $goal == - ]]; then # a reference, no goal
        rows+=("| $metric | $ours ms | $baseline: $base ms | ${ratio}x | - | - |")
    else
        met=$(awk -v r="$ratio" -v g="$goal" 'BEGIN { print (r <= g) ? "yes" : "NO" }')
        [[ $met == yes ]] || missed+=("$key")
        rows+=("| $metric | $ours ms | $baseline: $base ms | ${ratio}x | <= ${goal}x | $met |")
    fi
    details+=("| $metric | $(spread "$sandbox/$key.ours") ms | $(median "$sandbox/$key.ours" 2) ms | $(spread "$sandbox/$key.base") ms | $(median "$sandbox/$key.base" 2) ms |")
}
failed_row() { # failed_row METRIC WHY
    rows+=("| $1 | failed | - | - | - | NO |")
    missed+=("failed")
    echo "bench/run.sh: $1: $2 (see $log)" >&2
    tail -n 20 "$log" >&2
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "== starting the test servers (127.0.0.1 only)"
start_server many node "$bench/many-resources.mjs" --count 200
many_url="$server_url"
start_server sdk bash -c "cd '$top/tests/fixtures' && exec node sdk-server.mjs --consent none"
sdk_url="$server_url"
sdk_origin="${sdk_url%/mcp}"
reset_many() { curl -sf --noproxy '*' -X POST "$many_url/admin/reset-stats" >/dev/null; }
many_stat() { curl -sf --noproxy '*' "$many_url/admin/stats" | node -e \
    "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s)['$1']))"; }
sdk_codes() { curl -sf --noproxy '*' "$sdk_origin/admin/stats" | node -e \
    "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).token.authorization_code))"; }

# ---------------------------------------------------------------------------
# 1. GUI cold start to the first paint of the populated list
# ---------------------------------------------------------------------------
echo "== 1. GUI cold start, 20 configured servers, to the first paint"
write_config "$sandbox/cfg-gui" 20 "$many_url"
gui_start() { XDG_CONFIG_HOME="$sandbox/cfg-gui" "$app" --exit-after-startup; }
bare_start() { "$bare"; }
platforms=(offscreen)
if command -v Xvfb >/dev/null; then
    Xvfb -displayfd 9 -screen 0 1280x1024x24 -nolisten tcp -noreset \
        9>"$sandbox/xvfb.display" 2>"$sandbox/xvfb.log" &
    xvfb_pid=$!
    for ((i = 0; i < 100; i++)); do
        [[ -s "$sandbox/xvfb.display" ]] && break
        sleep 0.1
    done
    if [[ -s "$sandbox/xvfb.display" ]]; then
        xvfb_display=":$(head -n1 "$sandbox/xvfb.display")"
        platforms+=(xvfb)
    else
        echo "   Xvfb did not start; offscreen only"
    fi
fi
for platform in "${platforms[@]}"; do
    if [[ $platform == offscreen ]]; then
        export QT_QPA_PLATFORM=offscreen
        unset DISPLAY
    else
        export QT_QPA_PLATFORM=xcb DISPLAY="$xvfb_display"
    fi
    if measure_pair "start-$platform" gui_start bare_start; then
        ratio_row "start-$platform" "GUI cold start to first paint ($platform)" "bare Qt window" 1.5
    else
        failed_row "GUI cold start ($platform)" "a start failed"
    fi
done
export QT_QPA_PLATFORM=offscreen
unset DISPLAY

# ---------------------------------------------------------------------------
# 2. Idle RSS without the web view; web engine processes after the dialog
# ---------------------------------------------------------------------------
echo "== 2. idle memory with 20 servers (web view never opened)"
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
pss_kib() { awk '/^Pss:/ { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
# rss_by_mapping PID: the 15 mappings (files, heap, anonymous) with the most RSS.
rss_by_mapping() {
    awk '/^[0-9a-f]+-[0-9a-f]+ / { name = ($6 == "") ? "[anonymous]" : $6 }
         /^Rss:/ { rss[name] += $2 }
         END { for (n in rss) printf "%8.1f MiB  %s\n", rss[n] / 1024, n }' "/proc/$1/smaps" |
        sort -rn | head -n 15 || true
}
# idle_rss KIND: starts the app (or the bare window), waits until it is idle
# (for the app: every server probed; then VmRSS unchanged for 1 s, polled
# every 250 ms, at most 20 s) and prints "rss_kib pss_kib".
idle_rss() {
    local kind="$1" i last=-1 same=0 rss
    reset_many
    if [[ $kind == app ]]; then
        XDG_CONFIG_HOME="$sandbox/cfg-gui" "$app" >>"$log" 2>&1 &
    else
        "$bare" --stay >>"$log" 2>&1 &
    fi
    gui_pid=$!
    for ((i = 0; i < 80; i++)); do
        sleep 0.25
        kill -0 "$gui_pid" 2>/dev/null || break
        if [[ $kind == app ]] && (($(many_stat unauthorized) < 20)); then continue; fi
        rss=$(rss_kib "$gui_pid")
        if ((rss > 0 && rss - last < 64 && last - rss < 64)); then
            ((++same >= 4)) && break
        else
            same=0
        fi
        last=$rss
    done
    if kill -0 "$gui_pid" 2>/dev/null && ((same >= 4)); then
        echo "$(rss_kib "$gui_pid") $(pss_kib "$gui_pid")"
        [[ $kind == app ]] && rss_by_mapping "$gui_pid" >"$sandbox/rss-mappings.txt"
    else
        echo "   $kind did not become idle" >&2
    fi
    kill "$gui_pid" 2>/dev/null || true
    wait "$gui_pid" 2>/dev/null || true
    gui_pid=""
}
: >"$sandbox/rss.ours"
: >"$sandbox/rss.base"
rss_runs=$(((runs + 1) / 2 < 3 ? 3 : (runs + 1) / 2))
for ((i = 0; i < rss_runs; i++)); do
    idle_rss app >>"$sandbox/rss.ours"
    idle_rss bare >>"$sandbox/rss.base"
done
if [[ -s "$sandbox/rss.ours" ]]; then
    rss_mib=$(awk -v k="$(median "$sandbox/rss.ours")" 'BEGIN { printf "%.1f", k / 1024 }')
    pss_mib=$(awk -v k="$(median "$sandbox/rss.ours" 2)" 'BEGIN { printf "%.1f", k / 1024 }')
    bare_mib=$(awk -v k="$(median "$sandbox/rss.base")" 'BEGIN { printf "%.1f", k / 1024 }')
    met=$(awk -v r="$rss_mib" 'BEGIN { print (r <= 60) ? "yes" : "NO" }')
    [[ $met == yes ]] || missed+=("rss")
    rows+=("| Idle RSS, 20 servers, no web view (PSS $pss_mib MiB) | $rss_mib MiB | bare Qt window: $bare_mib MiB | $(awk -v a="$rss_mib" -v b="$bare_mib" 'BEGIN { printf "%.2f", a / b }')x | <= 60 MiB | $met |")
else
    failed_row "Idle RSS" "the app never became idle"
fi

echo "== 2b. the sign-in helper's processes after an embedded sign-in ends"
: >"$sandbox/teardown.txt"
teardown_ok=1
for ((i = 0; i < (runs + 1) / 2; i++)); do
    if ! MCP_ACCOUNTS_SIGNIN_HELPER="$signin_helper" "$teardown" "$many_url/signin" \
        >>"$sandbox/teardown.txt" 2>>"$log"; then
        teardown_ok=0
        break
    fi
done
field() { grep -o "$1=[^ ]*" "$sandbox/teardown.txt" | cut -d= -f2 >"$sandbox/field.txt"; median "$sandbox/field.txt"; }
if ((teardown_ok)) && [[ -s "$sandbox/teardown.txt" ]]; then
    rows+=("| Renderer process gone after the embedded sign-in ends | $(field renderer_gone_ms) ms | - | - | reported | - |")
    rows+=("| Sign-in helper and all its processes gone after the sign-in ends | $(field helpers_gone_ms) ms | - | - | reported | - |")
    left_types=$(grep -o 'left_types=[^ ]*' "$sandbox/teardown.txt" | tail -n1 | cut -d= -f2)
    rows+=("| Sign-in helper processes left 1 s after that | $(field helpers_left) ($left_types) | - | - | reported | - |")
    teardown_note="web page load incl. helper start and engine cold start $(field load_ms) ms; helper processes while shown $(field helpers_open), their RSS $(awk -v k="$(field helpers_rss_kib)" 'BEGIN { printf "%.0f", k / 1024 }') MiB; app RSS before/shown/after $(awk -v a="$(field rss_before_kib)" -v b="$(field rss_open_kib)" -v c="$(field rss_after_kib)" 'BEGIN { printf "%.0f/%.0f/%.0f", a / 1024, b / 1024, c / 1024 }') MiB"
else
    failed_row "Web engine teardown" "bench_signinteardown failed"
    teardown_note="failed"
fi

# ---------------------------------------------------------------------------
# 3. token NAME vs secret-tool lookup
# ---------------------------------------------------------------------------
echo "== 3. mcp-accounts-cli token vs secret-tool lookup"
export XDG_CONFIG_HOME="$sandbox/cfg-token"
mkdir -p -m 700 "$XDG_CONFIG_HOME"
token_ready=0
if "$cli" add bench "$sdk_url" >>"$log" 2>&1 &&
    "$cli" login bench --browser none >>"$log" 2>&1; then
    token_ready=1
fi
if ((token_ready)); then
    # An item of the size of ours: qtkeychain stores the account's token
    # set (JSON, base64) under server=<service> user=account/<id>/<label>.
    item_size=$(secret-tool lookup server mcp-accounts-bench user account/bench/default | wc -c) || true
    filler=$(head -c $((item_size * 3 / 4 + 3)) /dev/urandom | base64 -w0)
    printf '%s' "${filler:0:item_size}" | secret-tool store --label="bench baseline" bench-item baseline
    # Secrets go nowhere, not even the log (both exit non-zero on failure).
    token_cmd() { "$cli" token bench >/dev/null; }
    lookup_cmd() { secret-tool lookup bench-item baseline >/dev/null; }
    if measure_pair token token_cmd lookup_cmd; then
        ratio_row token "token NAME (valid token, $item_size-byte item)" "secret-tool lookup" 1.5
    else
        failed_row "token NAME" "a run failed"
    fi
    # What Claude Code's headersHelper runs at every connection.
    header_cmd() { "$cli" header bench --json >/dev/null; }
    if measure_pair header header_cmd lookup_cmd; then
        ratio_row header "header NAME --json (valid token)" "secret-tool lookup" 1.5
    else
        failed_row "header NAME --json" "a run failed"
    fi
    # For reading the ratio: how much of it is the start of the CLI alone.
    version_cmd() { "$cli" --version; }
    barecore_cmd() { "$barecore"; }
    if measure_pair floor version_cmd barecore_cmd; then
        ratio_row floor "(reference) CLI start and exit alone: --version" "bare QCoreApplication" -
    fi
else
    failed_row "token NAME" "could not sign in to the SDK server"
fi

# ---------------------------------------------------------------------------
# 4. status of 200 servers vs 1
# ---------------------------------------------------------------------------
echo "== 4. mcp-accounts-cli status --json: 200 servers vs 1"
write_config "$sandbox/cfg-200" 200 "$many_url"
write_config "$sandbox/cfg-1" 1 "$many_url"
accept_codes="0 4" # 4: a server needs sign-in (all of them do)
status_200() { XDG_CONFIG_HOME="$sandbox/cfg-200" "$cli" status --json; }
status_1() { XDG_CONFIG_HOME="$sandbox/cfg-1" "$cli" status --json; }
check_status() { # every server was probed
    local want=200 got
    [[ $1 == base ]] && want=1
    got=$(many_stat unauthorized)
    peak=$(many_stat maxConnections)
    echo "$peak" >>"$sandbox/status-peak.$1"
    reset_many
    ((got == want)) || {
        echo "  status probed $got servers, expected $want" >>"$log"
        return 1
    }
}
: >"$sandbox/status-peak.ours"
: >"$sandbox/status-peak.base"
reset_many
if [[ $(XDG_CONFIG_HOME="$sandbox/cfg-200" "$cli" list --json | grep -o '"name"' | wc -l) -ne 200 ]]; then
    failed_row "status, 200 servers" "the 200-server config did not load"
elif measure_pair status status_200 status_1 check_status; then
    ratio_row status "status --json, 200 servers (at most $(sort -g "$sandbox/status-peak.ours" | tail -n1) connections at once)" "1 server" 3
else
    failed_row "status, 200 servers" "a run failed"
fi
accept_codes="0"

# ---------------------------------------------------------------------------
# 5. headless sign-in + tools/list vs mcp-remote-client
# ---------------------------------------------------------------------------
echo "== 5. headless sign-in + tools/list: mcp-accounts-cli call vs mcp-remote-client"
# mcp-remote opens the authorization URL with the npm package "open", which
# runs its bundled xdg-open; without a desktop that runs $BROWSER. Our
# "browser" fetches the URL and follows the redirects to the callback.
cat >"$sandbox/fetch-url.sh" <<'EOF'
#!/bin/sh
exec curl -sS -L --noproxy '*' --max-redirs 10 --max-time 30 -o /dev/null "$1"
EOF
chmod +x "$sandbox/fetch-url.sh"
mkdir -p "$sandbox/call"
call_ours() {
    local dir
    dir=$(mktemp -d "$sandbox/call/run-XXXXXX") # fresh: nothing from an earlier run
    mkdir -p -m 700 "$dir/config" "$dir/cache"
    XDG_CONFIG_HOME="$dir/config" XDG_CACHE_HOME="$dir/cache" \
        "$cli" call --browser none "$sdk_url"
}
# mcp-remote-client shuts down when its stdin closes: give it one that stays open.
mkfifo "$sandbox/remote.in"
exec {remote_stdin}<>"$sandbox/remote.in"
call_remote() {
    local dir
    dir=$(mktemp -d "$sandbox/call/run-XXXXXX") # fresh: it really signs in each time
    MCP_REMOTE_CONFIG_DIR="$dir" BROWSER="$sandbox/fetch-url.sh" \
        node "$mcp_remote_client" "$sdk_url" <&"$remote_stdin"
}
codes_before=$(sdk_codes)
# last_output: what the last timed command printed.
last_output() { awk '/^\+ / { buffer = "" } { buffer = buffer $0 "\n" } END { printf "%s", buffer }' "$log"; }
check_call() { # each run signed in (one more code exchange) and listed the tools
    local now output expected='Tools:'
    [[ $1 == ours ]] && expected='tools ('
    output=$(last_output)
    if [[ $output != *"$expected"* ]]; then
        echo "  $1: no tool list" >>"$log"
        return 1
    fi
    now=$(sdk_codes)
    ((now == codes_before + 1)) || {
        echo "  $1: $((now - codes_before)) code exchanges, expected 1" >>"$log"
        return 1
    }
    codes_before=$now
}
if measure_pair call call_ours call_remote check_call; then
    ratio_row call "call --browser none URL: sign-in + tools/list" "mcp-remote-client" 0.25
else
    failed_row "headless sign-in + tools/list" "a run failed"
fi

# ---------------------------------------------------------------------------
# 6. the stdio bridge vs mcp-remote's proxy, valid tokens
# ---------------------------------------------------------------------------
echo "== 6. mcp-accounts-cli bridge vs mcp-remote (valid tokens; 1000 calls a session)"
driver="$bench/bridge-driver.mjs"
mcp_remote_proxy="$bench/node_modules/mcp-remote/dist/proxy.js"
mkdir -p "$sandbox/remote-proxy"
# Each prints {startupMs, rssKiB, p50Ms, p99Ms}; the token of the direct
# baseline reaches it through exec's environment, never a command line.
bridge_run() {
    case "$1" in
    ours) XDG_CONFIG_HOME="$sandbox/cfg-token" node "$driver" --calls 1000 -- "$cli" bridge bench ;;
    remote) MCP_REMOTE_CONFIG_DIR="$sandbox/remote-proxy" BROWSER="$sandbox/fetch-url.sh" \
        node "$driver" --calls 1000 -- node "$mcp_remote_proxy" "$sdk_url" ;;
    direct) XDG_CONFIG_HOME="$sandbox/cfg-token" "$cli" exec bench -- \
        node "$driver" --calls 1000 --direct "$sdk_url" ;;
    esac
}
bridge_ok=0
if ((token_ready)); then
    bridge_ok=1
    : >"$sandbox/bridge.ours"
    : >"$sandbox/bridge.remote"
    : >"$sandbox/bridge.direct"
    # Warm-ups; mcp-remote signs in on its first run and keeps the tokens.
    for side in ours remote direct; do
        bridge_run "$side" >>"$log" 2>&1 || bridge_ok=0
    done
    for ((i = 0; i < (runs + 1) / 2 && bridge_ok; i++)); do
        for side in $( ((i % 2)) && echo remote direct ours || echo ours remote direct); do
            bridge_run "$side" >>"$sandbox/bridge.$side" 2>>"$log" || bridge_ok=0
        done
    done
fi
bridge_field() { # bridge_field SIDE FIELD: the median over the runs
    node -e 'const v = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")
        .map((l) => JSON.parse(l)[process.argv[2]]).sort((a, b) => a - b);
        const m = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        console.log(Math.round(m * 100) / 100);' "$sandbox/bridge.$1" "$2"
}
if ((bridge_ok)) && [[ -s "$sandbox/bridge.ours" ]]; then
    goal_row() { # goal_row KEY METRIC OURS BASE UNIT GOAL
        local ratio met
        ratio=$(awk -v a="$3" -v b="$4" 'BEGIN { printf "%.2f", a / b }')
        met=$(awk -v r="$ratio" -v g="$6" 'BEGIN { print (r <= g) ? "yes" : "NO" }')
        [[ $met == yes ]] || missed+=("$1")
        rows+=("| $2 | $3 $5 | mcp-remote 0.15.1: $4 $5 | ${ratio}x | <= ${6}x | $met |")
    }
    goal_row bridge-start "bridge: start to the first tools/list answer" \
        "$(bridge_field ours startupMs)" "$(bridge_field remote startupMs)" ms 0.2
    goal_row bridge-rss "bridge: RSS after 100 calls" \
        "$(awk -v k="$(bridge_field ours rssKiB)" 'BEGIN { printf "%.1f", k / 1024 }')" \
        "$(awk -v k="$(bridge_field remote rssKiB)" 'BEGIN { printf "%.1f", k / 1024 }')" MiB 0.3
    direct50=$(bridge_field direct p50Ms)
    direct99=$(bridge_field direct p99Ms)
    added50=$(awk -v a="$(bridge_field ours p50Ms)" -v b="$direct50" 'BEGIN { printf "%.2f", a - b }')
    added99=$(awk -v a="$(bridge_field ours p99Ms)" -v b="$direct99" 'BEGIN { printf "%.2f", a - b }')
    remote50=$(awk -v a="$(bridge_field remote p50Ms)" -v b="$direct50" 'BEGIN { printf "%.2f", a - b }')
    remote99=$(awk -v a="$(bridge_field remote p99Ms)" -v b="$direct99" 'BEGIN { printf "%.2f", a - b }')
    met=$(awk -v a="$added50" 'BEGIN { print (a <= 1) ? "yes" : "NO" }')
    [[ $met == yes ]] || missed+=("bridge-latency")
    rows+=("| bridge: latency per call added to direct HTTP (SDK client, p50 $direct50 ms), p50 / p99 | $added50 / $added99 ms | mcp-remote 0.15.1: $remote50 / $remote99 ms | - | p50 <= 1 ms | $met |")
else
    failed_row "bridge vs mcp-remote" "a run failed"
fi

# ---------------------------------------------------------------------------
# Profiles of missed goals
# ---------------------------------------------------------------------------
profiles=""
# Frames every profile has (event loop, signal dispatch, loader plumbing) and
# unnamed addresses: left out so the functions that differ stand out.
profile_noise='below main\|libc_start\|???:0x\|QEventLoop::\|QEventDispatcher\|g_main_context\|QCoreApplication::\|QCoreApplicationPrivate::\|notify\|QObject::event(\|placeMetaCall\|QMetaObject::activate\|QThread::\|start_thread\|dl-error-skeleton\|dl-sysdep\|rtld.c:_dl_start\|dlerror.c\|QGuiApplication::exec\|QApplication::exec\|QApplicationPrivate::notify\|QSlotObject\|QFunctorSlotObject\|sendSpontaneousEvent\|processEvents\|g_task_return'
# profile_cmd TITLE [VAR=VALUE...] COMMAND...: callgrind, top inclusive functions.
profile_cmd() {
    local title="$1" out="$sandbox/callgrind.out" environment=()
    shift
    while [[ "$1" == *=* ]]; do
        environment+=("$1")
        shift
    done
    rm -f "$out"
    if ! env "${environment[@]+"${environment[@]}"}" valgrind --tool=callgrind \
        --callgrind-out-file="$out" "$@" >/dev/null 2>>"$log" && [[ ! -s "$out" ]]; then
        return 0
    fi
    local top
    top=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null | grep -v '^-\|^$' |
        grep -v "$profile_noise" | sed -n '/file:function/,$p' | sed -n '2,31p' |
        sed "s|$top/||g" | cut -c1-160) || true
    profiles+=$'\n'"### $title"$'\n\n'"Instructions (callgrind, inclusive, the top 30 named functions without the event loop and loader plumbing; time spent waiting is not counted):"$'\n\n```\n'
    profiles+="$top"
    profiles+=$'\n```\n'
}
if ((do_profile)) && ((${#missed[@]})); then
    if command -v valgrind >/dev/null; then
        echo "== profiling the missed goals (callgrind)"
        for key in "${missed[@]}"; do
            case "$key" in
            start-offscreen) profile_cmd "GUI cold start (offscreen)" QT_QPA_PLATFORM=offscreen \
                XDG_CONFIG_HOME="$sandbox/cfg-gui" "$app" --exit-after-startup ;;
            start-xvfb) profile_cmd "GUI cold start (Xvfb)" QT_QPA_PLATFORM=xcb DISPLAY="$xvfb_display" \
                XDG_CONFIG_HOME="$sandbox/cfg-gui" "$app" --exit-after-startup ;;
            rss)
                profiles+=$'\n'"### Idle RSS"$'\n\n'"Resident memory by mapping, idle app with 20 servers (/proc/PID/smaps):"$'\n\n```\n'
                profiles+="$(sed "s|$top/||g" "$sandbox/rss-mappings.txt" 2>/dev/null)"$'\n```\n'
                ;;
            token) profile_cmd "token NAME" "$cli" token bench ;;
            status) profile_cmd "status --json, 200 servers" XDG_CONFIG_HOME="$sandbox/cfg-200" "$cli" status --json ;;
            call)
                mkdir -p -m 700 "$sandbox/call/profile"
                profile_cmd "call --browser none URL" XDG_CONFIG_HOME="$sandbox/call/profile" "$cli" call --browser none "$sdk_url" ;;
            esac
        done
    else
        profiles=$'\n(valgrind is not installed: no profiles.)\n'
    fi
fi

# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu_model="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
ram_gib="$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
os_name="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")"
qt_version="$(qtpaths6 --qt-version 2>/dev/null || echo unknown)"
machine="nproc $(nproc), CPU ${cpu_model:-unknown}, RAM $ram_gib GiB, $os_name, Linux $(uname -r), Qt $qt_version, Node $(node --version)"
table="| metric | ours | baseline | ratio | goal | met? |
|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")"

echo
echo "Machine: $machine"
echo "Load average: $load_start at the start, $load_end at the end"
echo "Medians of N=$runs runs (wall time; idle memory: median of $rss_runs runs)"
echo
echo "$table"

{
    echo "# Benchmark results"
    echo
    echo "Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). How each number is"
    echo "measured, and what the baselines are: bench/README.md."
    echo
    echo "- Machine: $machine"
    echo "- Load average (1/5/15 min): $load_start at the start, $load_end at the end"
    echo "- Medians of N=$runs interleaved runs after one warm-up each (wall time);"
    echo "  idle memory: median of $rss_runs runs; web engine teardown: median of $(((runs + 1) / 2)) runs"
    echo
    echo "$table"
    echo
    echo "Spread (min-max wall time) and median CPU time (user + sys, children included):"
    echo
    echo "| metric | ours wall | ours CPU | baseline wall | baseline CPU |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${details[@]}"
    echo
    echo "Embedded sign-in (bench_signinteardown, medians): $teardown_note."
    if [[ -n "$profiles" ]]; then
        echo
        echo "## Profiles of the missed goals"
        echo "$profiles"
    fi
} >"$bench/results.md"
echo
echo "Written to bench/results.md; what every command printed: $build/bench-commands.log"
if [[ " ${missed[*]+"${missed[*]}"} " == *" failed "* ]]; then
    exit 1
fi
exit 0
