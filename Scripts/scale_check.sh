#!/usr/bin/env bash
# Peak memory of `xfreport analyze` (all formats) over a large archive made by repeating the
# bundled reports (and ../shared/corpus when present) as hard links until it holds SIZE_MB.
#   Scripts/scale_check.sh [SIZE_MB=500] [JOBS=2]
# Prints the archive size, wall time and peak resident memory (GNU time's "Maximum resident").
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-500}
jobs=${2:-2}
bin=.build/release/xfreport
[ -x "$bin" ] || swift build -c release --product xfreport
work=$(mktemp -d /tmp/xfreport-scale.XXXXXX)
trap 'rm -rf "$work"' EXIT
sources=(Corpora/*.txt)
[ -d ../shared/corpus ] && sources+=(../shared/corpus/*.txt)
mkdir -p "$work/archive"
bytes=0
target=$((size_mb * 1000000))
i=0
while [ "$bytes" -lt "$target" ]; do
  dir="$work/archive/$(printf '%05d' $((i / 1000)))"
  mkdir -p "$dir"
  for f in "${sources[@]}"; do
    ln "$f" "$dir/$(printf '%06d' "$i")-$(basename "$f")" 2>/dev/null || cp "$f" "$dir/$(printf '%06d' "$i")-$(basename "$f")"
    bytes=$((bytes + $(stat -c %s "$f")))
  done
  i=$((i + 1))
done
files=$(find "$work/archive" -type f | wc -l)
echo "archive: $files files, $((bytes / 1000000)) MB"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" analyze "$work/archive" --output "$work/out" \
  --format jsonl json csv sqlite html --jobs "$jobs" --quiet
du -sh "$work/out" | sed 's/^/outputs: /'
