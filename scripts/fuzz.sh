#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) in a
# build directory of their own and runs each one for SECONDS (default 20),
# starting from the committed seed corpus. Fails on any crash, sanitizer
# report, violated property, leak, time-out or out-of-memory; the input that
# did it is kept in <build>/fuzz/artifacts/. Longer runs: tests/fuzz/README.md.
#
#   scripts/fuzz.sh                 # 20 s per target
#   scripts/fuzz.sh 600             # 10 min per target
#   scripts/fuzz.sh 60 jwt callback # only these targets
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${MCPA_FUZZ_BUILD_DIR:-$top/build-fuzz}"
seconds="${1:-20}"
(($# > 0)) && shift

for tool in clang clang++; do
    if ! command -v "$tool" >/dev/null; then
        echo "fuzz: $tool is missing (scripts/install-deps.sh installs it)" >&2
        exit 1
    fi
done

echo "== building the fuzz targets with clang ($build)"
CC=clang CXX=clang++ cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMCPA_BUILD_TESTS=ON -DMCPA_FUZZ=ON -DMCPA_WERROR=OFF >/dev/null
cmake --build "$build" --target fuzzers -j"$(nproc)"

if (($# > 0)); then
    targets=("$@")
else
    targets=()
    for seeds in "$top"/tests/fuzz/corpus/*/; do
        targets+=("$(basename "$seeds")")
    done
fi

artifacts="$build/fuzz/artifacts"
mkdir -p "$artifacts"
work="$(mktemp -d -t mcpa-fuzz-XXXXXX)"
trap 'rm -rf "$work"' EXIT
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

failed=()
echo "== fuzzing ${#targets[@]} targets, ${seconds} s each"
for target in "${targets[@]}"; do
    binary="$build/fuzz/fuzz_$target"
    seeds="$top/tests/fuzz/corpus/$target"
    if [[ ! -x "$binary" || ! -d "$seeds" ]]; then
        echo "fuzz: no target or seed corpus named $target" >&2
        failed+=("$target")
        continue
    fi
    # New inputs go to a scratch corpus; the committed seeds are only read.
    mkdir -p "$work/$target"
    log="$work/$target.log"
    options=()
    case "$target" in
    callback | oauthjson | serverregistry | mcpremote)
        # Qt's event loop and file caches free later than the input that
        # allocated, so libFuzzer's leak check after each input would run a
        # full LeakSanitizer scan every time (4-5x slower). Leaks are still
        # reported when the process exits.
        options+=(-detect_leaks=0)
        ;;
    esac
    if "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        "${options[@]}" -artifact_prefix="$artifacts/$target-" "$work/$target" "$seeds" >"$log" 2>&1; then
        runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log")
        peak=$(awk '/stat::peak_rss_mb/ { print $2 }' "$log")
        corpus=$(find "$work/$target" -type f | wc -l)
        printf 'fuzz %-16s ok: %s runs in %s s (%s/s), %s new corpus inputs, peak RSS %s MB\n' \
            "$target" "${runs:-?}" "$seconds" "$(( ${runs:-0} / seconds ))" "$corpus" "${peak:-?}"
    else
        echo "fuzz $target FAILED; the last lines of its log:"
        tail -n 60 "$log"
        echo "(the input that did it is in $artifacts/)"
        failed+=("$target")
    fi
done

if ((${#failed[@]})); then
    echo "fuzz: ${#failed[@]} of ${#targets[@]} targets failed: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds} s each without a finding"
