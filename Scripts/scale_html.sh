#!/usr/bin/env bash
# report.html of a large archive: makes N files (hard links to the bundled reports), runs
# `xfreport analyze --format html` (release build), prints the size of report.html, of the
# largest index, findings and document pages, of report/ and of every output, and times a
# headless render (and keeps a screenshot) of report.html, the first index page and the
# largest document page.
#   Scripts/scale_html.sh [N=10000] [JOBS=2]
# FORMATS="jsonl json csv sqlite html" adds formats (html is always written); KEEP=1 keeps the
# archive and outputs. Screenshots: /tmp/xfreport-html-{report,index,doc}.png.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
jobs=${2:-2}
formats=${FORMATS:-html}
case " $formats " in *" html "*) ;; *) formats="$formats html" ;; esac
bin=.build/release/xfreport
swift build -c release --product xfreport >/dev/null 2>&1 || swift build -c release --product xfreport
work=$(mktemp -d /tmp/xfreport-html.XXXXXX)
[ "${KEEP:-0}" = 1 ] && echo "work folder: $work" || trap 'rm -rf "$work"' EXIT
sources=(Corpora/*.txt)
mkdir -p "$work/archive"
for ((i = 0; i < n; i++)); do
  dir="$work/archive/$(printf '%03d' $((i / 1000)))"
  [ $((i % 1000)) = 0 ] && mkdir -p "$dir"
  f=${sources[$((i % ${#sources[@]}))]}
  name="$dir/$(printf '%05d' "$i")-$(basename "$f")"
  ln "$f" "$name" 2>/dev/null || cp "$f" "$name"
done
echo "archive: $(find "$work/archive" -type f | wc -l) files from ${#sources[@]} reports, $(find "$work/archive" -type f -printf '%s\n' | awk '{s += $1} END {print s}') bytes"
out="$work/out"
# shellcheck disable=SC2086
/usr/bin/time -f "analyze: wall %e s, peak RSS %M KB" "$bin" analyze "$work/archive" --output "$out" \
  --format $formats --jobs "$jobs" --quiet

size() { stat -L -c %s "$1"; }
largest() { find -L "$out/report" -name "$1" -printf '%s %p\n' | sort -n | tail -1; }
echo "report.html: $(size "$out/report.html") bytes (bound 1000000)"
read -r s p < <(largest 'index-*.html'); echo "largest index page: $s bytes ($(basename "$p"))"
read -r s p < <(largest 'findings-*.html'); echo "largest findings page: $s bytes ($(basename "$p"))"
read -r s doc < <(largest 'doc-*.html'); echo "largest document page: $s bytes ($(basename "$doc"))"
echo "report/: $(find -L "$out/report" -type f | wc -l) files, $(du -sb -L "$out/report" | cut -f1) bytes"
echo "all outputs: $(du -sb "$out" | cut -f1) bytes; each:"
(cd "$out" && du -sb -L -- * | sort -rn | sed 's/^/  /')

chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
  echo "no chromium: no render timed"
  exit 0
fi
render() {
  local start end
  start=$(date +%s.%N)
  timeout 120 "$chrome" --headless --disable-gpu --no-sandbox --screenshot="/tmp/xfreport-html-$1.png" \
    --window-size=1280,2000 "file://$2" >/dev/null 2>&1 || echo "  ($1: chromium failed or timed out)"
  end=$(date +%s.%N)
  printf 'render %-6s %6.2f s  %s\n' "$1" "$(echo "$end - $start" | bc)" "/tmp/xfreport-html-$1.png"
}
render report "$(readlink -f "$out/report.html")"
render index "$(readlink -f "$out/report/index-0001.html")"
render doc "$(readlink -f "$doc")"
