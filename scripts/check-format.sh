#!/usr/bin/env bash
# Fails when clang-format (with the repository's .clang-format) would change
# any tracked C++ file. Fix with: git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v clang-format >/dev/null; then
    echo "clang-format is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
fi
mapfile -t files < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find src tests bench -name '*.cpp' -o -name '*.h')
if ((${#files[@]} == 0)); then
    echo "no C++ files found" >&2
    exit 1
fi
if ! clang-format --dry-run --Werror "${files[@]}"; then
    echo "clang-format would change the files above" >&2
    exit 1
fi
echo "format ok: ${#files[@]} files"
