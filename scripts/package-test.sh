#!/usr/bin/env bash
# Tests the Debian package for real: builds it with CPack in BUILD_DIR,
# installs it on this machine with apt-get (so it must run as root), runs
# both installed programs (--version, and a probe against the SDK test
# server), validates the installed desktop file and AppStream metadata,
# checks that man pages, icons and translations are in the package, then
# removes it and checks that the programs are gone.
#
#   sudo scripts/package-test.sh BUILD_DIR    # ctest runs it as the test "package"
#
# It refuses to start when mcp-accounts is already installed (it would
# otherwise replace and then remove someone's installation), and removes the
# package again on any failure after installing it.
set -euo pipefail

started=$SECONDS
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

fail() {
    echo "package-test: FAIL: $*" >&2
    exit 1
}
step() { echo "== $*"; }

(($# == 1)) || fail "usage: $0 BUILD_DIR"
build="$(cd "$1" && pwd)" || fail "no build directory $1"
[[ -f "$build/CPackConfig.cmake" ]] || fail "$build is not a configured build directory (no CPackConfig.cmake)"
[[ $(id -u) -eq 0 ]] || fail "must run as root: it installs the package with apt-get and removes it again"

for tool in cmake cpack apt-get dpkg dpkg-deb desktop-file-validate appstreamcli node gzip; do
    command -v "$tool" >/dev/null || fail "$tool not found (scripts/install-deps.sh installs what is needed)"
done
[[ -d "$top/tests/fixtures/node_modules" ]] || fail "test servers not installed: run npm ci in tests/fixtures"

package=mcp-accounts
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
    fail "$package is already installed; remove it first (apt-get remove $package)"
fi
for binary in /usr/bin/mcp-accounts /usr/bin/mcp-accounts-cli; do
    [[ ! -e "$binary" ]] || fail "$binary exists outside the package; remove it first"
done

work="$(mktemp -d -t mcpa-package-XXXXXX)"
installed=0
server_pid=""
cleanup() {
    [[ -z "$server_pid" ]] || kill "$server_pid" 2>/dev/null || true
    if ((installed)); then
        echo "== cleaning up: removing $package" >&2
        DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$package" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

step "building what the package holds, then the package (cpack -G DEB in $build)"
cmake --build "$build" --target mcpa_package_files >"$work/build.log" 2>&1 || {
    cat "$work/build.log" >&2
    fail "building the target mcpa_package_files failed"
}
(cd "$build" && cpack -G DEB -B "$work/out") >"$work/cpack.log" 2>&1 || {
    cat "$work/cpack.log" >&2
    fail "cpack failed"
}
debs=("$work"/out/*.deb)
if ((${#debs[@]} != 1)) || [[ ! -f "${debs[0]}" ]]; then
    fail "expected one .deb in $work/out, found: ${debs[*]}"
fi
deb="${debs[0]}"
echo "$(basename "$deb"): $(du -h "$deb" | cut -f1)"

step "control fields"
dpkg-deb --field "$deb" Package Version Architecture Section Maintainer Homepage Depends Recommends Suggests
step "contents (dpkg-deb -c, files only)"
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { printf "%9s %s\n", $3, $6 }'
version="$(dpkg-deb --field "$deb" Version)"
upstream="${version%%-*}" # what --version prints: the version without a Debian revision
depends="$(dpkg-deb --field "$deb" Depends)"
[[ "$(dpkg-deb --field "$deb" Package)" == "$package" ]] || fail "package name is not $package"
grep -Eq '(^|, )libsecret-1-0( |,|$)' <<<"$depends" || fail "Depends lacks libsecret-1-0 (qtkeychain loads it at run time): $depends"
[[ "$depends" == *libqt6core6* ]] || fail "Depends lacks the Qt libraries (dpkg-shlibdeps did not run?): $depends"
[[ "$(dpkg-deb --field "$deb" Recommends)" == "gnome-keyring | kwalletmanager" ]] ||
    fail "Recommends is not 'gnome-keyring | kwalletmanager'"

step "installing it (apt-get install)"
# apt's download user _apt must be able to read the file.
chmod 755 "$work" "$work/out"
chmod 644 "$deb"
installed=1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 || {
    cat "$work/apt.log" >&2
    fail "apt-get install $deb failed"
}
dpkg-query -W -f='${Status} ${Version}\n' "$package" | grep -q "^install ok installed $version$" ||
    fail "dpkg does not list $package $version as installed"

step "files in the package (dpkg -L)"
files="$(dpkg -L "$package")"
expect_file() {
    grep -qxF "$1" <<<"$files" || fail "dpkg -L $package does not list $1"
    [[ -f "$1" ]] || fail "$1 is listed but not installed"
}
app_id=io.github.mcp_accounts.McpAccounts
expect_file /usr/bin/mcp-accounts
expect_file /usr/bin/mcp-accounts-cli
# The embedded sign-in's helper process (the app finds it at ../libexec/mcp-accounts).
expect_file /usr/libexec/mcp-accounts/mcp-accounts-signin
expect_file /usr/share/applications/$app_id.desktop
expect_file /usr/share/metainfo/$app_id.metainfo.xml
expect_file /usr/share/icons/hicolor/scalable/apps/mcp-accounts.svg
for size in 16 22 24 32 48 64 128 256; do
    png=/usr/share/icons/hicolor/${size}x${size}/apps/mcp-accounts.png
    expect_file "$png"
    # PNG signature, then the IHDR chunk: width and height as 32-bit big-endian.
    read -r width height < <(od -An -tu1 -j16 -N8 "$png" |
        awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }')
    [[ "$width" == "$size" && "$height" == "$size" ]] || fail "$png is ${width}x${height}, not ${size}x${size}"
done
for page in mcp-accounts mcp-accounts-cli; do
    man=/usr/share/man/man1/$page.1.gz
    expect_file "$man"
    gzip -t "$man" || fail "$man is not valid gzip"
    gzip -dc "$man" | grep -q "^\.TH " || fail "$man has no .TH header"
    gzip -dc "$man" | grep -qF "mcp-accounts $upstream" || fail "$man does not name version $upstream"
done
for language in de fr; do
    expect_file /usr/share/mcp-accounts/translations/mcp-accounts_$language.qm
done
copyright=/usr/share/doc/$package/copyright
expect_file "$copyright"
grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' "$copyright" \
    || fail "$copyright is not in the machine-readable format"
grep -q '^License: MIT' "$copyright" || fail "$copyright names no licence"
echo "$(wc -l <<<"$files") paths listed; binaries, sign-in helper, desktop file, metainfo, 9 icons, 2 man pages, 2 translations, copyright present"

step "validating the installed desktop file and AppStream metadata"
desktop-file-validate /usr/share/applications/$app_id.desktop || fail "desktop-file-validate failed"
appstreamcli validate --no-net /usr/share/metainfo/$app_id.metainfo.xml || fail "appstreamcli validate failed"

step "running the installed programs"
gui_version="$(env QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 /usr/bin/mcp-accounts --version 2>"$work/gui.err")" || {
    cat "$work/gui.err" >&2
    fail "/usr/bin/mcp-accounts --version failed"
}
echo "mcp-accounts --version: $gui_version"
[[ "$gui_version" == "mcp-accounts $upstream" ]] || fail "unexpected version: $gui_version"
cli_version="$(/usr/bin/mcp-accounts-cli --version)" || fail "/usr/bin/mcp-accounts-cli --version failed"
echo "mcp-accounts-cli --version: $cli_version"
[[ "$cli_version" == "mcp-accounts $upstream" ]] || fail "unexpected version: $cli_version"
# The app itself does not load QtWebEngine; only its sign-in helper does, which
# starts and ends on its own when its input ends (the app went away).
if ldd /usr/bin/mcp-accounts | grep -q libQt6WebEngine; then
    fail "/usr/bin/mcp-accounts links QtWebEngine"
fi
ldd /usr/libexec/mcp-accounts/mcp-accounts-signin | grep -q libQt6WebEngineWidgets ||
    fail "the sign-in helper does not link QtWebEngine"
timeout 60 env QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \
    /usr/libexec/mcp-accounts/mcp-accounts-signin </dev/null >"$work/signin.out" 2>"$work/signin.err" || {
    cat "$work/signin.err" >&2
    fail "/usr/libexec/mcp-accounts/mcp-accounts-signin did not end cleanly at the end of its input"
}
echo "mcp-accounts-signin: started and ended at the end of its input"

# The SDK test server stays up while its stdin is open: the coprocess pipe.
coproc SERVER { cd "$top/tests/fixtures" && exec node sdk-server.mjs 2>"$work/server.log"; }
# shellcheck disable=SC2153 # SERVER_PID is set by coproc
server_pid=$SERVER_PID
read -r -t 30 ready url <&"${SERVER[0]}" || true
if [[ "${ready:-}" != READY ]]; then
    cat "$work/server.log" >&2
    fail "the SDK test server did not start"
fi
probe_status=0
probe="$(/usr/bin/mcp-accounts-cli probe "$url")" || probe_status=$?
echo "mcp-accounts-cli probe $url (exit $probe_status):"
echo "$probe"
((probe_status == 0)) || fail "probe exited with $probe_status"
[[ "$probe" == auth-required* ]] || fail "probe did not answer auth-required"
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""

step "removing it (apt-get remove)"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$package" >"$work/apt.log" 2>&1 || {
    cat "$work/apt.log" >&2
    fail "apt-get remove $package failed"
}
installed=0
for path in /usr/bin/mcp-accounts /usr/bin/mcp-accounts-cli /usr/libexec/mcp-accounts \
    /usr/share/applications/$app_id.desktop \
    /usr/share/man/man1/mcp-accounts-cli.1.gz /usr/share/mcp-accounts; do
    [[ ! -e "$path" ]] || fail "$path is still there after the removal"
done
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
    fail "dpkg still lists $package as installed"
fi

echo "package-test: PASS ($(basename "$deb"), $((SECONDS - started)) s)"
