#!/usr/bin/env bash
# Runs every test of MCP Accounts on a fresh Debian 12 machine:
# installs what is missing, builds with tests, starts a private D-Bus session
# with an unlocked gnome-keyring in a throwaway HOME (never your own keyring
# or config), and runs ctest offscreen. Then the hardening checks: the secret
# scan (no token, code, verifier or client secret the test servers issued or
# received may appear in the test HOME/XDG directories, the ctest logs or any
# process command line), a time-boxed run of every libFuzzer target
# (MCPA_FUZZ_SECONDS per target, default 15; 0 skips), and in CI (CI=true, or
# MCPA_SANITIZERS=1) the suite again under ASan + UBSan. A failed check fails
# the run. Ends with ctest's summary line of the main run.
#
#   scripts/test.sh                 # everything
#   scripts/test.sh -R tst_cli      # extra arguments go to ctest (then no fuzzing, no ASan run)
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MCPA_BUILD_DIR:-$top/build-test}"
# shellcheck source=lib/sandbox.sh
source "$top/scripts/lib/sandbox.sh"

"$top/scripts/install-deps.sh"
export MCPA_DEPS_CHECKED=1

echo "== configuring and building ($build)"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMCPA_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j"$(nproc)"

sandbox_create
trap sandbox_remove EXIT
# Records for the secret scan, kept outside the directories the tests see:
# what the test servers issued, and what run-sampler.mjs saw meanwhile
# (process command lines; copies of files the tests write and delete again).
records="$MCPA_TEST_SANDBOX/records"
mkdir -p "$records"
export MCPA_ISSUED_SECRETS_FILE="$records/issued-secrets"
node "$top/tests/checks/run-sampler.mjs" "$records" $$ "$MCPA_TEST_SANDBOX" &
sampler=$!

echo "== running the tests (private D-Bus session, unlocked gnome-keyring, HOME=$HOME)"
status=0
failed_checks=()
sandbox_run ctest --test-dir "$build" --output-on-failure --timeout 600 "$@" \
    | tee "$records/ctest.out" || status=$?
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
unset MCPA_ISSUED_SECRETS_FILE

echo "== secret scan"
[[ -f "$records/sampler-stats" ]] && tr '\n' ' ' <"$records/sampler-stats" && echo
minimum=0
(($# == 0)) && minimum=1 # a full run issues secrets; none recorded means the recorder broke
mapfile -t test_dirs < <(sandbox_test_dirs)
if ! "$top/tests/checks/secret-scan.sh" --self-test \
    || ! "$top/tests/checks/secret-scan.sh" --min-secrets "$minimum" "$records/issued-secrets" \
        "${test_dirs[@]}" "$records/files" "$records/cmdlines" "$records/ctest.out" \
        "$build/Testing/Temporary"; then
    failed_checks+=("secret scan")
fi

if (($# == 0)) && ((${MCPA_FUZZ_SECONDS:-15} > 0)); then
    "$top/scripts/fuzz.sh" "${MCPA_FUZZ_SECONDS:-15}" || failed_checks+=("fuzzing")
fi
if (($# == 0)) && [[ "${CI:-}" == true || -n "${MCPA_SANITIZERS:-}" ]]; then
    "$top/scripts/test-sanitizers.sh" || failed_checks+=("ASan/UBSan run")
fi

if ((${#failed_checks[@]})); then
    echo "== FAILED hardening checks: ${failed_checks[*]}"
    ((status != 0)) || status=1
fi
echo "== summary of the main test run"
# The conformance suite's line per requirement set (from ctest's log).
grep -hE '^conformance [0-9]{4}-[0-9]{2}-[0-9]{2}: ' "$build/Testing/Temporary/LastTest.log" 2>/dev/null || true
grep -E '^[0-9]+% tests passed' "$records/ctest.out" | tail -n 1 || true
exit "$status"
