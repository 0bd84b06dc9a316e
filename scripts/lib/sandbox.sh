# The test sandbox shared by scripts/test.sh and scripts/test-sanitizers.sh
# (source it): a throwaway HOME and XDG directories, and a private D-Bus
# session with an unlocked gnome-keyring, so that tests never touch your own
# keyring or config.
#
#   source "$top/scripts/lib/sandbox.sh"
#   sandbox_create               # exports HOME, XDG_*, MCPA_TEST_SANDBOX, ...
#   trap sandbox_remove EXIT
#   sandbox_run ctest ...        # runs a command inside the private session
#
# Layout of $MCPA_TEST_SANDBOX: home/ config/ data/ cache/ runtime/ tmp/
# (TMPDIR) are what the tests see; anything a script keeps next to them
# (logs, records for the secret scan) lives outside those six.

sandbox_create() {
    MCPA_TEST_SANDBOX="$(mktemp -d -t mcpa-test-XXXXXX)"
    export MCPA_TEST_SANDBOX
    mkdir -p "$MCPA_TEST_SANDBOX"/{home,config,data,cache,runtime,tmp}
    chmod 700 "$MCPA_TEST_SANDBOX/runtime"

    export HOME="$MCPA_TEST_SANDBOX/home"
    export XDG_CONFIG_HOME="$MCPA_TEST_SANDBOX/config"
    export XDG_DATA_HOME="$MCPA_TEST_SANDBOX/data"
    export XDG_CACHE_HOME="$MCPA_TEST_SANDBOX/cache"
    export XDG_RUNTIME_DIR="$MCPA_TEST_SANDBOX/runtime"
    # Temporary files too (the tests' own throwaway HOMEs are QTemporaryDirs).
    export TMPDIR="$MCPA_TEST_SANDBOX/tmp"
    export MCP_ACCOUNTS_KEYCHAIN_SERVICE=mcp-accounts-test
    export QT_QPA_PLATFORM=offscreen
    unset DISPLAY WAYLAND_DISPLAY
    if [[ $(id -u) -eq 0 ]]; then
        # QtWebEngine's sandbox refuses to run as root.
        export QTWEBENGINE_DISABLE_SANDBOX=1
    fi
}

# The directories the tests can write to (what the secret scan searches).
sandbox_test_dirs() {
    printf '%s\n' "$MCPA_TEST_SANDBOX"/{home,config,data,cache,runtime,tmp}
}

# Runs "$@" in a private D-Bus session with an unlocked gnome-keyring.
# The keyring password only protects this throwaway keyring.
sandbox_run() {
    dbus-run-session -- bash -c '
        set -euo pipefail
        printf "test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        exec "$@"
    ' bash "$@"
}

sandbox_remove() {
    if [[ -n "${MCPA_TEST_SANDBOX:-}" && -d "$MCPA_TEST_SANDBOX" ]]; then
        rm -rf "$MCPA_TEST_SANDBOX"
    fi
}
