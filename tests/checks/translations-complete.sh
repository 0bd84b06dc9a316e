#!/usr/bin/env bash
# Fails when a translation in translations/*.ts is unfinished, empty or stale,
# or when the GUI sources hold a tr() string that a .ts file does not have yet.
# The second part runs lupdate (the same scan as the CMake update_translations
# target) on temporary copies of the .ts files, so the tree is never changed.
#
# Usage: translations-complete.sh [path/to/lupdate]
# Fix with: cmake --build <build dir> --target update_translations, then
# translate every entry that is marked unfinished (Qt Linguist or an editor).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

lupdate=${1:-}
if [[ -z $lupdate ]]; then
    lupdate=$(command -v lupdate || true)
    if [[ -z $lupdate ]] && command -v qtpaths6 >/dev/null; then
        lupdate="$(qtpaths6 --query QT_HOST_BINS)/lupdate"
    fi
fi
if [[ -z $lupdate || ! -x $lupdate ]]; then
    echo "lupdate not found (pass its path as the first argument)" >&2
    exit 1
fi

shopt -s nullglob
ts_files=(translations/*.ts)
if ((${#ts_files[@]} == 0)); then
    echo "no .ts files in translations/" >&2
    exit 1
fi

# Prints "<file>: <what>: <source>" for each entry of a .ts file that is not
# a finished translation, and nothing for a complete file.
problems() {
    awk -v file="$2" '
        /<source>/ { source = $0; sub(/^[ \t]*<source>/, "", source); sub(/<\/source>.*/, "", source) }
        /<translation[^>]*type="unfinished"/ { print file ": unfinished: " source; next }
        /<translation[^>]*type="(vanished|obsolete)"/ { print file ": no longer in the sources: " source; next }
        /<translation[^>]*\/>/ || /<translation[^>]*>[ \t]*<\/translation>/ { print file ": empty: " source }
        /<numerusform[^>]*\/>/ || /<numerusform[^>]*>[ \t]*<\/numerusform>/ { print file ": empty plural form: " source }
    ' "$1"
}

failed=0
for ts in "${ts_files[@]}"; do
    found=$(problems "$ts" "$ts")
    if [[ -n $found ]]; then
        echo "$found"
        failed=1
    fi
done

# lupdate into copies: without -no-obsolete, a string removed from the sources
# shows up as vanished and a new or changed one as unfinished.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copies=()
for ts in "${ts_files[@]}"; do
    cp "$ts" "$work/"
    copies+=("$work/$(basename "$ts")")
done
if ! "$lupdate" -silent -locations none -I src src/gui src/signin src/app ui -ts "${copies[@]}" \
    >"$work/lupdate.log" 2>&1; then
    cat "$work/lupdate.log" >&2
    echo "lupdate failed" >&2
    exit 1
fi
for ts in "${ts_files[@]}"; do
    found=$(problems "$work/$(basename "$ts")" "$ts (after lupdate)")
    if [[ -n $found ]]; then
        echo "$found"
        failed=1
    fi
done

if ((failed)); then
    echo "translations are not complete: update the .ts files and translate the entries above" >&2
    exit 1
fi
for ts in "${ts_files[@]}"; do
    echo "$ts: $(grep -c '<message' "$ts") messages, all translated"
done
echo "translations complete"
