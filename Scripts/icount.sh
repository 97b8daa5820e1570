#!/usr/bin/env bash
# Steady-state instruction count of `xfreport extract` per pass over the bench's default corpus:
# (3 passes - 1 pass) / 2, so start-up and one-time initialisation cancel out.
# usage: Scripts/icount.sh [PACKAGE_DIR] [OUT_PREFIX]  (cachegrind files OUT_PREFIX.1 and .3 when given; needs valgrind)
set -e
wt=${1:-$(cd "$(dirname "$0")/.." && pwd)}; out=${2:-}
bin=/tmp/icount-$$-xf
cp "$wt/.build/release/xfreport" $bin && strip -g $bin
cd "$wt"
files=(Corpora/*.txt ../shared/corpus/*.txt)
run() { local o=$1; shift; valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=$o $bin extract "$@" 2>&1 >/dev/null | grep -E "I\s+refs" | tr -d , | awk '{print $NF}'; }
o1=${out:+$out.1}; o3=${out:+$out.3}
one=$(run ${o1:-/dev/null} "${files[@]}")
three=$(run ${o3:-/dev/null} "${files[@]}" "${files[@]}" "${files[@]}")
echo "per pass: $(( (three-one)/2 )) instructions"
rm -f $bin
