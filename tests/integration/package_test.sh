#!/bin/sh
# The .deb (issue 9 part 5): cpack makes it from this build tree into a scratch folder; it must
# declare Depends on Debian's Qt 6 libraries (SHLIBDEPS), hold both programs, the launcher, the
# icon and the metainfo, and both programs must start from the unpacked paths with the library
# path untouched (no RPATH into the build tree). As root in CI (CI set) it is installed with
# dpkg -i instead of unpacked. Exit 77 = skipped (no dpkg-deb).
# Usage: package_test.sh <build dir> <cpack> <project version>
set -eu
build=$1
cpack=$2
version=$3

command -v dpkg-deb >/dev/null 2>&1 || { echo "SKIP: dpkg-deb is not installed"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/dreamops-package-XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM

"$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1 \
    || { cat "$scratch/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(find "$scratch/out" -maxdepth 1 -name '*.deb' | head -n 1)
[ -n "$deb" ] || { cat "$scratch/cpack.log"; fail "cpack made no .deb"; }
echo "package: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

info=$(dpkg-deb -I "$deb")
depends=$(printf '%s\n' "$info" | sed -n 's/^ *Depends: //p')
echo "Depends: $depends"
for lib in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6httpserver6 libqt6sql6 \
    libqt6sql6-sqlite; do
    printf "%s\n" "$depends" | grep -qE "(^|[ ,])$lib( |,|\$)" || fail "Depends does not name $lib"
done
printf '%s\n' "$info" | grep -q "^ *Version: $version" || fail "the package version is not $version"

contents=$(dpkg-deb -c "$deb")
for file in ./usr/bin/dreamops ./usr/bin/dreamnet-sim \
    ./usr/share/applications/dreamops.desktop \
    ./usr/share/icons/hicolor/scalable/apps/dreamops.svg \
    ./usr/share/metainfo/io.dreamnet.DreamOps.metainfo.xml; do
    printf '%s\n' "$contents" | grep -q " $file\$" || fail "the package lacks $file"
done

if [ "$(id -u)" = 0 ] && [ -n "${CI:-}" ]; then
    dpkg -i "$deb" || { apt-get install -f -y -qq && dpkg -i "$deb"; } || fail "dpkg -i failed"
    root=""
else
    dpkg-deb -x "$deb" "$scratch/root"
    root="$scratch/root"
fi

for program in dreamops dreamnet-sim; do
    binary="$root/usr/bin/$program"
    [ -x "$binary" ] || fail "$binary is not executable"
    if command -v readelf >/dev/null 2>&1; then
        paths=$(readelf -d "$binary" | grep -E 'R(UN)?PATH' || true)
        case "$paths" in *"$build"*) fail "$program has an RPATH into the build tree: $paths" ;; esac
    fi
    if command -v ldd >/dev/null 2>&1; then
        missing=$(env -u LD_LIBRARY_PATH ldd "$binary" | grep 'not found' || true)
        [ -z "$missing" ] || fail "$program misses libraries: $missing"
    fi
done

# The installed programs start (offscreen: --version needs no display, but be safe).
out=$(cd "$scratch" && env -u LD_LIBRARY_PATH -u DREAMOPS_SIM QT_QPA_PLATFORM=offscreen \
    timeout 30 "$root/usr/bin/dreamops" --version 2>&1) || fail "dreamops --version failed: $out"
echo "dreamops --version: $out"
printf '%s\n' "$out" | grep -q "$version" || fail "dreamops --version does not print $version"
out=$(cd "$scratch" && env -u LD_LIBRARY_PATH timeout 30 "$root/usr/bin/dreamnet-sim" --help 2>&1) \
    || fail "dreamnet-sim --help failed: $out"
printf '%s\n' "$out" | grep -q "usage: dreamnet-sim" || fail "dreamnet-sim --help: $out"
printf '%s\n' "$out" | grep -q -- "--tls-cert" || fail "dreamnet-sim --help lacks --tls-cert"

# The installed desktop files validate where the validators exist.
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate "$root/usr/share/applications/dreamops.desktop" \
        || fail "the installed launcher does not validate"
fi
if command -v appstreamcli >/dev/null 2>&1; then
    appstreamcli validate --no-net "$root/usr/share/metainfo/io.dreamnet.DreamOps.metainfo.xml" \
        >"$scratch/appstream.log" 2>&1 || { cat "$scratch/appstream.log"; fail "metainfo"; }
fi
echo "ok: the .deb installs and both programs start"
