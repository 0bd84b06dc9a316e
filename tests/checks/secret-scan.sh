#!/usr/bin/env bash
# Looks for every secret issued during a test run (recorded by the Node test
# servers into MCPA_ISSUED_SECRETS_FILE, see tests/fixtures/lib/common.mjs:
# access and refresh tokens, authorization codes, PKCE verifiers, client
# secrets) in files where none may be: the test HOME and XDG directories,
# the ctest logs, the sampled process command lines. Each secret is looked
# for as UTF-8 and as UTF-16LE. A hit fails with the file, the line and the
# kind of secret; the secret itself is never printed.
#
#   secret-scan.sh [--min-secrets N] SECRETS_FILE PATH...   # directories recursively
#   secret-scan.sh --self-test     # plants a fake secret and expects it found
set -uo pipefail

# Files that hold secrets by design, each with the reason. A hit there is
# listed but does not fail the scan.
allowed_globs=(
    # mcp-remote's own plaintext credential store (tokens, client info, PKCE
    # verifiers): tst_importcli runs the real mcp-remote client to create it,
    # because that is what the import migrates into the keychain (and deletes
    # only with consent).
    '*mcp-auth/mcp-remote-*/*'
)

scan() {
    local minimum=0
    if [[ "${1:-}" == --min-secrets ]]; then
        minimum="$2"
        shift 2
    fi
    local secrets="$1"
    shift
    local work
    # Next to the secrets file, which lies outside every scanned path.
    work="$(mktemp -d "$(dirname "$secrets")/scan-XXXXXX")" || return 2
    chmod 700 "$work"
    # shellcheck disable=SC2064 # expand now: $work is local
    trap "rm -rf '$work'" RETURN

    if [[ -f "$secrets" ]]; then
        cut -d' ' -f2- "$secrets" | LC_ALL=C sort -u | grep -v '^$' >"$work/values"
    fi
    touch "$work/values"
    local count
    count=$(wc -l <"$work/values")
    if ((count < minimum)); then
        echo "secret scan: only $count issued secrets were recorded, expected at least $minimum" \
            "(did the recorder in tests/fixtures/lib/common.mjs run?)" >&2
        return 1
    fi
    local existing=()
    local path
    for path in "$@"; do
        [[ -e "$path" ]] && existing+=("$path")
    done
    local files=0 bytes=0
    if ((${#existing[@]})); then
        files=$(find "${existing[@]}" -type f | wc -l)
        bytes=$(find "${existing[@]}" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    fi
    local kinds
    kinds=$(cut -d' ' -f1 "${secrets}" 2>/dev/null | sort | uniq -c | awk '{ printf "%s%s %s", sep, $1, $2; sep = ", " }')
    if ((count == 0 || ${#existing[@]} == 0)); then
        echo "secret scan: nothing to do ($count secrets, ${#existing[@]} existing paths)"
        return 0
    fi

    # Patterns: each value as it is and as UTF-16LE (ASCII values: a NUL after each byte).
    { cat "$work/values"; LC_ALL=C sed 's/./&\x00/g' "$work/values"; } >"$work/patterns"
    grep -r -a -l -Z -D skip -F -f "$work/patterns" -- "${existing[@]}" >"$work/hits"
    local status=$?
    if ((status > 1)); then
        echo "secret scan: grep failed (status $status)" >&2
        return 2
    fi
    if [[ ! -s "$work/hits" ]]; then
        echo "secret scan: none of $count issued secrets ($kinds) in $files files ($bytes bytes)"
        return 0
    fi
    local file lines what glob verdict leaks=0 allowed=0
    while IFS= read -r -d '' file; do
        lines=$(grep -a -n -F -f "$work/patterns" -- "$file" | cut -d: -f1 | head -n 20 | paste -sd, -)
        what=$(grep -a -o -F -f "$work/values" -- "$file" | LC_ALL=C sort -u \
            | awk 'NR == FNR { k = $1; sub(/^[^ ]+ /, ""); kind[$0] = k; next }
                   ($0 in kind) { n[kind[$0]]++ }
                   END { for (k in n) printf "%s%d %s", (s++ ? ", " : ""), n[k], k }' "$secrets" -)
        verdict=LEAK
        for glob in "${allowed_globs[@]}"; do
            # shellcheck disable=SC2053 # a glob on purpose
            [[ "$file" == $glob ]] && verdict="allowed (secret store by design)"
        done
        if [[ "$verdict" == LEAK ]]; then
            ((++leaks))
        else
            ((++allowed))
        fi
        echo "secret scan: $verdict in $file, line(s) ${lines}: ${what:-secret as UTF-16}"
    done <"$work/hits"
    if ((leaks == 0)); then
        echo "secret scan: none of $count issued secrets ($kinds) in $files files ($bytes bytes)" \
            "outside the $allowed file(s) allowed above"
        return 0
    fi
    echo "secret scan: issued secrets found in $leaks file(s)" >&2
    return 1
}

self_test() {
    local dir
    dir="$(mktemp -d -t mcpa-scan-selftest-XXXXXX)" || return 2
    # shellcheck disable=SC2064
    trap "rm -rf '$dir'" RETURN
    local secret
    secret="selftest-$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    printf 'access_token %s\nclient_secret %s\n' "$secret" "other-$secret" >"$dir/issued"
    mkdir -p "$dir/home/.config/app"
    printf 'clean\n' >"$dir/home/clean.txt"

    printf 'line one\nline two\nBearer %s in a log\n' "$secret" >"$dir/home/.config/app/leaky.log"
    local out
    if out=$(scan "$dir/issued" "$dir/home" 2>&1); then
        echo "secret scan self-test: FAILED, a planted secret was not found" >&2
        return 1
    fi
    if ! grep -q "leaky.log, line(s) 3: 1 access_token" <<<"$out"; then
        echo "secret scan self-test: FAILED, wrong report: $out" >&2
        return 1
    fi
    if grep -qF -- "$secret" <<<"$out"; then
        echo "secret scan self-test: FAILED, the report shows the secret" >&2
        return 1
    fi
    rm "$dir/home/.config/app/leaky.log"

    mkdir -p "$dir/home/.mcp-auth/mcp-remote-0.1.49"
    printf '{"access_token": "%s"}' "$secret" >"$dir/home/.mcp-auth/mcp-remote-0.1.49/x_tokens.json"
    if ! out=$(scan "$dir/issued" "$dir/home" 2>&1) || ! grep -q "allowed" <<<"$out"; then
        echo "secret scan self-test: FAILED, an allowed secret store failed the scan: $out" >&2
        return 1
    fi

    printf '%s' "other-$secret" | iconv -f UTF-8 -t UTF-16LE >"$dir/home/wide.dat"
    if scan "$dir/issued" "$dir/home" >/dev/null 2>&1; then
        echo "secret scan self-test: FAILED, a UTF-16 secret was not found" >&2
        return 1
    fi
    rm "$dir/home/wide.dat"

    if ! out=$(scan --min-secrets 2 "$dir/issued" "$dir/home" 2>&1); then
        echo "secret scan self-test: FAILED, a clean tree did not pass: $out" >&2
        return 1
    fi
    if scan --min-secrets 3 "$dir/issued" "$dir/home" >/dev/null 2>&1; then
        echo "secret scan self-test: FAILED, too few recorded secrets passed" >&2
        return 1
    fi
    echo "secret scan self-test: ok (planted secrets found as UTF-8 and UTF-16, not shown;" \
        "an allowed store and a clean tree pass; too few recorded secrets fail)"
}

if [[ "${1:-}" == --self-test ]]; then
    self_test
    exit $?
fi
if (($# < 2)); then
    sed -n '2,12p' "$0" >&2
    exit 2
fi
scan "$@"
