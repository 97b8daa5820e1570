#!/usr/bin/env bash
# Regression gate on the development set in ../shared: extract with the built binary, score
# with the shared scorers, fail below an F1 floor or on any placeholder turned into a number.
# Usage: Scripts/score_gate.sh [BINARY] [MIN_F1]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/xfreport}
min=${2:-0.85}
shared=../shared
if [ ! -d "$shared/corpus" ] || [ ! -f "$shared/tools/score_facts.py" ]; then
  echo "score gate: ../shared not present, skipped"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" extract "$shared"/corpus/*.txt > "$tmp/run.jsonl"
python3 "$shared/tools/score_facts.py" --gold "$shared"/gold/facts/*.jsonl --run "$tmp/run.jsonl"
python3 "$shared/tools/score_facts.py" --gold "$shared"/gold/facts/*.jsonl --run "$tmp/run.jsonl" --json > "$tmp/score.json"
python3 "$shared/tools/score_categories.py" --gold "$shared/gold/categories.jsonl" --run "$tmp/run.jsonl"
python3 - "$tmp/score.json" "$min" <<'PY'
import json, sys
score = json.load(open(sys.argv[1]))
floor = float(sys.argv[2])
f1 = score["kinds"]["all"]["f1"]
invented = score.get("invented", score.get("placeholders_invented", []))
n_invented = invented if isinstance(invented, int) else len(invented)
print(f"score gate: all-kinds F1 {f1:.3f} (floor {floor}), placeholders turned into numbers: {n_invented}")
sys.exit(0 if f1 >= floor and n_invented == 0 else 1)
PY
