#!/usr/bin/env bash
# Installs airm in one command: builds the portable binary (scripts/portable.sh) and installs
#   PREFIX/bin/airm
#   PREFIX/share/bash-completion/completions/airm
#   PREFIX/share/zsh/site-functions/_airm
#   PREFIX/share/fish/vendor_completions.d/airm.fish
#   PREFIX/share/man/man1/airm.1
#
#   scripts/install.sh [--prefix DIR] [--binary FILE] [-- swift build flags...]
#
# --binary installs a portable airm built before (scripts/portable.sh) instead of building one.
# PREFIX defaults to /usr/local as root and to ~/.local otherwise. Needs Swift 6 to build; the
# installed binary does not.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
binary=""
build_flags=()
while (($#)); do
  case $1 in
    --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --binary) binary=${2:?--binary needs a file}; shift 2 ;;
    --) shift; build_flags=("$@"); break ;;
    -h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
if [ -n "$binary" ]; then
  install -m 755 "$binary" "$staging/airm"
  if [ -f "$(dirname "$binary")/airm.1" ]; then cp "$(dirname "$binary")/airm.1" "$staging/"; fi
else
  scripts/portable.sh "$staging" "${build_flags[@]}"
fi
airm="$staging/airm"

install -d "$prefix/bin" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 "$airm" "$prefix/bin/airm"
"$airm" --generate-completion-script bash > "$prefix/share/bash-completion/completions/airm"
"$airm" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_airm"
"$airm" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/airm.fish"
echo "installed $prefix/bin/airm and completions for bash, zsh and fish"

if [ -f "$staging/airm.1" ]; then
  install -d "$prefix/share/man/man1"
  install -m 644 "$staging/airm.1" "$prefix/share/man/man1/airm.1"
  echo "installed $prefix/share/man/man1/airm.1"
fi

case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
