#!/usr/bin/env bash
# Fuzzes ingest → segment → extract → analyze with libFuzzer and AddressSanitizer.
#
#   Scripts/fuzz.sh SECONDS [CORPUS-DIR]
#
# Builds xfreport-fuzz (release, -sanitize=fuzzer,address, scratch path .build-fuzz), seeds
# CORPUS-DIR (default .build-fuzz/corpus, kept between runs) from Corpora/ and the regression
# inputs, and fuzzes for SECONDS. A crash, an invariant broken, a timeout (> 10 s for one input)
# or more than 4 GB of memory stops the run: the input is written to .build-fuzz/crashes/ and
# the script exits 1. Replay one with `.build/debug/xfreport-fuzz FILE`; once fixed, copy it to
# Tests/XFReportTests/Reliability/FuzzRegressions/ (the tests replay every file there).
# Extra libFuzzer flags can be passed in FUZZ_FLAGS (e.g. FUZZ_FLAGS=-jobs=2).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: Scripts/fuzz.sh SECONDS [CORPUS-DIR]}
corpus=${2:-.build-fuzz/corpus}
regressions=Tests/XFReportTests/Reliability/FuzzRegressions

swift build -c release --scratch-path .build-fuzz --product xfreport-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DXF_FUZZ
binary=.build-fuzz/release/xfreport-fuzz

# Seeds: the first byte selects the reader (0 auto, 2 markdown, 3 html, 4 docx; see FuzzTarget.swift).
mkdir -p "$corpus" .build-fuzz/crashes
seed() { local sel=$1 file=$2; { printf "\\x$sel"; cat "$file"; } > "$corpus/seed-$sel-$(basename "$file")"; }
for f in Corpora/*.txt Corpora/encodings/*; do seed 00 "$f"; done
# The numeral grammar (with the numeral tokens of fuzz.dict): overflow, mixed forms, signs, groups.
seed 00 Scripts/fuzz-numerals.txt
for f in Corpora/formats/*.md; do seed 02 "$f"; done
for f in Corpora/formats/*.html; do seed 03 "$f"; done
for f in Corpora/formats/*.docx; do seed 04 "$f"; done
# Statistics tables: merged cells, captions, totals (TableGrid, TableReader).
for f in Corpora/tables/*.html; do seed 03 "$f"; done
for f in Corpora/tables/*.docx; do seed 04 "$f"; done

# Swift's own backtracer would hold the crash (and the pipe) for up to 30 s; libFuzzer reports it.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}
# shellcheck disable=SC2086
exec "$binary" "$corpus" "$regressions" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
  -dict=Scripts/fuzz.dict -artifact_prefix=.build-fuzz/crashes/ -print_final_stats=1 ${FUZZ_FLAGS:-}
