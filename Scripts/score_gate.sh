#!/usr/bin/env bash
# Regression gate: extract with the built binary, score with the shared scorers, and fail below the
# floors on either development set (labelled F1 — the metric must agree —, F1, metric accuracy,
# category F1), on any placeholder turned into a number, and on Corpora/'s own fixtures.
# The floors sit just under the figures of the last measured run (README, "Accuracy").
# Usage: Scripts/score_gate.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/xfreport}
shared=../shared
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# name, corpus glob, gold facts, gold categories, min labelled F1, min F1, min metric accuracy, min category F1
check() {
  local name=$1 inputs=$2 gold=$3 cats=$4 lab=$5 f1=$6 acc=$7 catf1=$8
  # shellcheck disable=SC2086
  "$bin" extract $inputs > "$tmp/$name.jsonl"
  # shellcheck disable=SC2086
  python3 "$shared/tools/score_facts.py" --gold $gold --run "$tmp/$name.jsonl" --json > "$tmp/$name.score.json"
  local cat_line="" 
  if [ -n "$cats" ]; then
    cat_line=$(python3 "$shared/tools/score_categories.py" --gold "$cats" --run "$tmp/$name.jsonl" | head -n 1)
  fi
  python3 - "$tmp/$name.score.json" "$name" "$lab" "$f1" "$acc" "$catf1" "$cat_line" <<'PY' || fail=1
import json, re, sys
score = json.load(open(sys.argv[1]))
name, lab, f1, acc, catf1, cat_line = sys.argv[2], *map(float, sys.argv[3:7]), sys.argv[7]
got_lab = score["labelled"]["f1"]
got_f1 = score["kinds"]["all"]["f1"]
got_acc = score.get("metric_accuracy", 0.0)
invented = score.get("invented", score.get("placeholders_invented", []))
n_invented = invented if isinstance(invented, int) else len(invented)
m = re.search(r"F1 ([0-9.]+)", cat_line)
got_cat = float(m.group(1)) if m else None
ok = got_lab >= lab and got_f1 >= f1 and got_acc >= acc and n_invented == 0 and (got_cat is None or got_cat >= catf1)
cat = f", category F1 {got_cat:.3f} (floor {catf1})" if got_cat is not None else ""
print(f"score gate {name}: labelled F1 {got_lab:.3f} (floor {lab}), F1 {got_f1:.3f} (floor {f1}), "
      f"metric accuracy {got_acc:.3f} (floor {acc}){cat}, placeholders turned into numbers {n_invented}: {'ok' if ok else 'FAIL'}")
sys.exit(0 if ok else 1)
PY
}

# Corpora/'s fixtures carry `span` and `text`: the scorer reads `offset` and `quote`.
mkdir -p "$tmp/corpora-gold"
for f in Corpora/*.facts.jsonl; do
  python3 - "$f" > "$tmp/corpora-gold/$(basename "$f" .facts.jsonl).jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        d = json.loads(line)
        d["offset"], d["quote"] = d["span"][0], d["text"]
        print(json.dumps(d, ensure_ascii=False))
PY
done
if [ -f "$shared/tools/score_facts.py" ]; then
  check corpora "Corpora/*.txt" "$tmp/corpora-gold/*.jsonl" "" 0.95 0.97 0.96 0
  if [ -d "$shared/corpus" ]; then
    check corpus "$shared/corpus/*.txt" "$shared/gold/facts/*.jsonl" "$shared/gold/categories.jsonl" 0.88 0.95 0.91 0.95
  fi
  if [ -d "$shared/corpus-web" ]; then
    check corpus-web "$shared/corpus-web/*.txt" "$shared/gold/facts-web/*.jsonl" "$shared/gold/categories-web.jsonl" 0.92 0.96 0.94 0.92
  fi
else
  echo "score gate: ../shared/tools not present, skipped"
fi
exit $fail
