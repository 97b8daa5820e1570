#!/usr/bin/env bash
# Builds xfreport in release mode and installs it with its dictionaries:
#   PREFIX/bin/xfreport
#   PREFIX/share/xfreport/Dictionaries/   (found by the binary next to its bin/)
# Usage: Scripts/install.sh [PREFIX]   (default /usr/local; ~/.local needs no root)
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-/usr/local}"

swift build -c release --product xfreport
bin="$(swift build -c release --show-bin-path)/xfreport"

mkdir -p "$prefix/bin" "$prefix/share/xfreport"
# Into place by rename: a running xfreport keeps its old file, and a failed copy leaves no half binary.
install -m 0755 "$bin" "$prefix/bin/.xfreport.new"
mv -f "$prefix/bin/.xfreport.new" "$prefix/bin/xfreport"
rm -rf "$prefix/share/xfreport/.Dictionaries.new"
cp -R Dictionaries "$prefix/share/xfreport/.Dictionaries.new"
rm -rf "$prefix/share/xfreport/Dictionaries"
mv "$prefix/share/xfreport/.Dictionaries.new" "$prefix/share/xfreport/Dictionaries"

echo "installed $prefix/bin/xfreport and $prefix/share/xfreport/Dictionaries"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
"$prefix/bin/xfreport" --version >/dev/null 2>&1 || "$prefix/bin/xfreport" --help >/dev/null
