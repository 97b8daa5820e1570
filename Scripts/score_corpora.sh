#!/usr/bin/env bash
# Score a build's extraction against the project's own fixtures (Corpora/*.txt at the top level, each with
# its <slug>.facts.jsonl), with the shared scorer ../shared/tools/score_facts.py.
#
# Usage: Scripts/score_corpora.sh [--json] [--per-file] [--show-misses] [BINARY]
#   BINARY         the xfreport to run (default: .build/release/xfreport if built, else .build/debug/xfreport);
#                  a relative path is taken from the directory you call the script in.
#   --json         print the scorer's JSON instead of its table.
#   --per-file     also score each fixture on its own: a table of gold/run/F1/labelled F1 per fixture
#                  (with --json: one more JSON line per fixture, the scorer's object plus "fixture").
#   --show-misses  pass --show-misses to the scorer (table mode only).
#
# The fixtures store span and text; the scorer wants offset and quote: each gold line is converted with
# offset = span[0] and quote = text into a temporary folder. Exits non-zero only on errors (no binary,
# no scorer, extraction or scoring failed), never because of a low score.
set -euo pipefail

json=0
per_file=0
misses=0
bin=""
for arg in "$@"; do
  case "$arg" in
    --json) json=1 ;;
    --per-file) per_file=1 ;;
    --show-misses) misses=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "score_corpora: unknown option $arg" >&2; exit 64 ;;
    *)
      if [ -n "$bin" ]; then echo "score_corpora: one BINARY only" >&2; exit 64; fi
      bin=$arg ;;
  esac
done

# A relative binary path is the caller's: make it absolute before moving to the repository root.
if [ -n "$bin" ] && [[ "$bin" == */* ]] && [[ "$bin" != /* ]]; then
  bin="$PWD/$bin"
fi
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -z "$bin" ]; then
  if [ -x .build/release/xfreport ]; then bin=.build/release/xfreport; else bin=.build/debug/xfreport; fi
fi
if [[ "$bin" == */* ]]; then
  [ -x "$bin" ] || { echo "score_corpora: no executable at $bin" >&2; exit 1; }
else
  command -v "$bin" >/dev/null || { echo "score_corpora: $bin not found on PATH" >&2; exit 1; }
fi
scorer=../shared/tools/score_facts.py
[ -f "$scorer" ] || { echo "score_corpora: $scorer not found (the shared folder belongs at ../shared)" >&2; exit 1; }

shopt -s nullglob
texts=(Corpora/*.txt)
golds=(Corpora/*.facts.jsonl)
[ ${#texts[@]} -gt 0 ] && [ ${#golds[@]} -gt 0 ] || { echo "score_corpora: no fixtures in Corpora/" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/gold"

python3 - "$tmp/gold" "${golds[@]}" <<'PY'
import json, os, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                span = d.pop("span")
                d["offset"] = int(span[0])
                d["quote"] = d.pop("text", "")
            except (ValueError, KeyError, TypeError, IndexError) as e:
                sys.exit(f"score_corpora: {path}:{n}: {e!r}")
            rows.append(json.dumps(d, ensure_ascii=False))
    with open(os.path.join(out, os.path.basename(path)), "w", encoding="utf-8") as f:
        f.write("".join(r + "\n" for r in rows))
PY

"$bin" extract "${texts[@]}" > "$tmp/run.jsonl" || {
  echo "score_corpora: $bin extract failed (exit $?)" >&2
  exit 1
}

if [ "$json" = 1 ]; then
  python3 "$scorer" --gold "$tmp"/gold/*.jsonl --run "$tmp/run.jsonl" --json
else
  extra=()
  [ "$misses" = 1 ] && extra+=(--show-misses)
  echo "fixtures: ${#golds[@]} (Corpora/*.facts.jsonl), binary: $bin"
  python3 "$scorer" --gold "$tmp"/gold/*.jsonl --run "$tmp/run.jsonl" ${extra[@]+"${extra[@]}"}
fi

if [ "$per_file" = 1 ]; then
  [ "$json" = 1 ] || { echo; printf '%-32s %5s %5s %6s %6s\n' fixture gold run F1 lab-F1; }
  for g in "$tmp"/gold/*.jsonl; do
    slug=$(basename "$g" .facts.jsonl)
    python3 "$scorer" --gold "$g" --run "$tmp/run.jsonl" --json > "$tmp/one.json"
    python3 - "$tmp/one.json" "$slug" "$json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
if sys.argv[3] == "1":
    s["fixture"] = sys.argv[2]
    print(json.dumps(s, ensure_ascii=False))
else:
    a, l = s["kinds"]["all"], s["labelled"]
    print(f"{sys.argv[2]:32} {a['gold']:5d} {a['run']:5d} {a['f1']:6.3f} {l['f1']:6.3f}")
PY
  done
fi
