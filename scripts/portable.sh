#!/usr/bin/env bash
# Builds the portable airm: a release build with the Swift runtime and Foundation linked statically,
# and SQLite too when its static archive is installed (Debian/Ubuntu: libsqlite3-dev), stripped. It
# runs on a glibc Linux with no Swift installed; README.md, "Install", says how that is checked.
#
#   scripts/portable.sh OUT_DIR [swift build flags...]
#
# Writes OUT_DIR/airm and its man page OUT_DIR/airm.1 (swift-argument-parser's generate-manual, the
# tool behind its `swift package generate-manual` plugin, built with the same flags), and prints the
# binary's size and the build time. The flags never change between runs, so a second build is
# incremental.
set -euo pipefail
out=${1:?usage: scripts/portable.sh OUT_DIR [swift build flags...]}
shift
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$(dirname "$0")/.."

flags=(-c release)
if [ "$(uname -s)" = Linux ]; then
  flags+=(--static-swift-stdlib)
  # GRDB links `-lsqlite3`. A directory holding only the static archive, searched before the system
  # directories, makes the linker take libsqlite3.a instead of libsqlite3.so.
  lib="$PWD/.build/portable-lib"
  mkdir -p "$lib"
  archive=""
  for candidate in /usr/lib/"$(uname -m)"-linux-gnu/libsqlite3.a /usr/lib64/libsqlite3.a /usr/lib/libsqlite3.a; do
    if [ -f "$candidate" ]; then archive=$candidate; break; fi
  done
  if [ -n "$archive" ]; then
    ln -sf "$archive" "$lib/libsqlite3.a"
  else
    rm -f "$lib/libsqlite3.a"
    echo "warning: no libsqlite3.a (apt-get install libsqlite3-dev): airm will need libsqlite3.so.0 at run time" >&2
  fi
  flags+=(-Xswiftc "-L$lib")
fi

start=$(date +%s)
swift build "${flags[@]}" --product airm "$@" >&2
bin="$(swift build "${flags[@]}" "$@" --show-bin-path)/airm"
seconds=$(( $(date +%s) - start ))

rm -f "$out/airm"
if command -v strip >/dev/null; then strip -o "$out/airm" "$bin"; else cp "$bin" "$out/airm"; fi
chmod 755 "$out/airm"

rm -rf "$out/man" "$out/airm.1"
mkdir -p "$out/man"
if swift build "${flags[@]}" --product generate-manual "$@" >&2 \
  && "$(dirname "$bin")/generate-manual" "$out/airm" --output-directory "$out/man" >&2; then
  mv "$out/man/airm.1" "$out/airm.1"
  rm -rf "$out/man"
else
  echo "warning: the man page could not be generated; airm --help has the same text" >&2
fi
size=$(wc -c < "$out/airm")
echo "airm: $out/airm, $size bytes ($(( (size + 524288) / 1048576 )) MB) stripped, built in ${seconds} s"
