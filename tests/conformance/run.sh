#!/usr/bin/env bash
# Runs the MCP conformance suite's client scenarios against mcp-accounts-cli:
# every scenario of the requirement sets for 2025-11-25 and 2026-07-28, each
# on its own (`conformance client --scenario NAME --spec-version REV`) and
# judged by the harness's overall verdict, then the sets' not-scored client
# scenarios (extensions), which are reported but do not decide the result.
#
#   tests/conformance/run.sh CLI                  # everything
#   tests/conformance/run.sh CLI REV SCENARIO     # one scenario, its log on stdout
#
# Each scenario runs in a network namespace of its own that has only a
# loopback interface (the suite's mock servers listen on every interface),
# with a throwaway HOME and its own D-Bus session and unlocked gnome-keyring.
# A scored scenario that fails makes the run fail; so does one listed in
# expected-failures.txt that passes (the list must stay true).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cli="$(realpath "${1:?usage: run.sh CLI [REV SCENARIO]}")"
node22="$here/node_modules/.bin/node"
suite="$here/node_modules/@modelcontextprotocol/conformance"
if [[ ! -x "$node22" || ! -d "$suite" ]]; then
    echo "conformance: the suite is not installed: run 'npm ci' in $here (scripts/install-deps.sh does)" >&2
    exit 1
fi
unshare_args=(-n)
(($(id -u) == 0)) || unshare_args=(-r -n)
if ! unshare "${unshare_args[@]}" true 2>/dev/null; then
    echo "conformance: cannot make a network namespace (unshare ${unshare_args[*]}): the suite's servers would listen on every interface" >&2
    exit 1
fi
work="$(mktemp -d -t mcpa-conformance-XXXXXX)"
trap 'rm -rf "$work"' EXIT
export MCPA_CLI="$cli"

# One scenario, inside its namespace: prints the harness's output.
run_one() {
    local rev="$1" scenario="$2" home
    home="$(mktemp -d "$work/home-XXXXXX")"
    unshare "${unshare_args[@]}" env HOME="$home" XDG_CONFIG_HOME="$home/.config" \
        XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" \
        XDG_RUNTIME_DIR="$home/runtime" TMPDIR="$home" \
        bash -c '
            ip link set lo up || exit 1
            mkdir -p -m 700 "$XDG_RUNTIME_DIR"
            exec dbus-run-session -- bash -c "
                head -c 24 /dev/urandom | base64 | gnome-keyring-daemon --unlock --components=secrets >/dev/null
                exec timeout -k 10 180 \"\$0\" \"\$1/dist/index.js\" client --command \"\$2\" \
                    --scenario \"\$3\" \${4:+--spec-version \"\$4\"} -o \"\$HOME/results\"
            " "$@" 2>&1 | grep -v "Failed to set fd limit"
        ' conformance "$node22" "$suite" "$here/adapter.mjs" "$scenario" "$rev"
}

verdict_of() { grep -o 'OVERALL: [A-Z]*' | tail -n 1 | sed 's/OVERALL: //'; }

if (($# == 3)); then
    run_one "$2" "$3"
    exit 0
fi

scenarios_of() { # REV SECTION: the client scenarios of a requirement set
    sed -n '/^client:/,/^[a-z_]*:/p' "$suite/requirements/$1.yaml" | sed -n 's/^  - \([^ ]*\)$/\1/p'
}
not_scored_of() {
    sed -n '/^not_scored:/,$p' "$suite/requirements/$1.yaml" \
        | awk '/- scenario:/ {s=$3} /leg: client/ {print s}'
}
expected_failure() { grep -qxE "$1 $2( .*)?" "$here/expected-failures.txt" 2>/dev/null; }

status=0
summaries=()
for rev in 2025-11-25 2026-07-28; do
    passed=0 failed=0 expected=0 total=0
    for scenario in $(scenarios_of "$rev"); do
        total=$((total + 1))
        log="$work/$rev-${scenario//\//_}.log"
        run_one "$rev" "$scenario" >"$log"
        verdict="$(verdict_of <"$log")"
        if [[ "$verdict" == PASSED ]]; then
            if expected_failure "$rev" "$scenario"; then
                echo "conformance $rev $scenario: PASSED, but it is listed in expected-failures.txt: take it out"
                status=1
            else
                echo "conformance $rev $scenario: PASSED"
            fi
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            if expected_failure "$rev" "$scenario"; then
                expected=$((expected + 1))
                echo "conformance $rev $scenario: ${verdict:-NO VERDICT} (expected, see expected-failures.txt)"
            else
                echo "conformance $rev $scenario: ${verdict:-NO VERDICT}"
                sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E 'FAILURE|WARNING|ERROR|adapter:|exited|Error' | head -n 20 | sed 's/^/    /'
                status=1
            fi
        fi
    done
    summaries+=("conformance $rev: $total scenarios, $passed passed, $failed failed ($expected of them expected)")
done
# The not-scored client scenarios of both sets, once each, at the version
# the suite picks for them (extensions are on no spec timeline).
for scenario in $( (not_scored_of 2025-11-25; not_scored_of 2026-07-28) | sort -u); do
    run_one "" "$scenario" >"$work/extension.log"
    echo "conformance $scenario (not scored): $(verdict_of <"$work/extension.log" || true)"
done
printf '%s\n' "${summaries[@]}"
exit "$status"
