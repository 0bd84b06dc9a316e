#!/usr/bin/env bash
# scripts/run.sh without a D-Bus session must leave the real HOME alone: no
# keyring created or unlocked there, no config written; and the demo must
# still work, headless and in the app (in its throwaway session).
#
#   run-sandbox.sh TOP BUILD_DIR
set -euo pipefail
top="$1"
build="$2"
home="$(mktemp -d -t mcpa-run-home-XXXXXX)"
trap 'rm -rf "$home"' EXIT

# run.sh as a person without a session bus starts it: no D-Bus, the real
# HOME, no XDG directories set.
run() {
    env -u DBUS_SESSION_BUS_ADDRESS -u WAYLAND_DISPLAY \
        -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_CACHE_HOME -u XDG_RUNTIME_DIR \
        -u MCP_ACCOUNTS_KEYCHAIN_SERVICE \
        HOME="$home" MCPA_RUN_NO_BUILD=1 MCPA_BUILD_DIR="$build" "$@"
}

check() { # NAME OUTPUT STATUS EXPECTED-TEXT
    if (($3 != 0)); then
        printf '%s\n' "$2"
        echo "FAIL ($1): scripts/run.sh exited with $3"
        exit 1
    fi
    grep -q "$4" <<<"$2" || {
        printf '%s\n' "$2"
        echo "FAIL ($1): no \"$4\" in the output"
        exit 1
    }
    grep -q 'throwaway home and keyring' <<<"$2" || {
        printf '%s\n' "$2"
        echo "FAIL ($1): run.sh did not say that it uses a throwaway session"
        exit 1
    }
    if [[ -n "$(ls -A "$home")" ]]; then
        echo "FAIL ($1): scripts/run.sh wrote into the real HOME:"
        find "$home" | sed "s|^$home|~|"
        exit 1
    fi
    echo "ok ($1): the real HOME stayed empty"
}

# The headless demo: the sign-in and a tool call through the CLI.
status=0
out="$(run env -u DISPLAY bash "$top/scripts/run.sh" --cli 2>&1)" || status=$?
check headless "$out" "$status" 'Hello from MCP Accounts'

# The app (offscreen, quitting after its first paint), which needs a keyring.
status=0
out="$(run env DISPLAY=:mcpa-none QT_QPA_PLATFORM=offscreen \
    bash "$top/scripts/run.sh" -- --exit-after-startup 2>&1)" || status=$?
check app "$out" "$status" 'demo MCP server'
