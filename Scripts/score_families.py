#!/usr/bin/env python3
"""Scores per source family: extract both development sets with BINARY, split gold and run by the
family of each document (Scripts/families.tsv) and print the shared scorer's F1 and labelled F1 per
family. Usage: Scripts/score_families.py [BINARY]"""
import glob, json, os, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(root, "..", "shared")
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build", "release", "xfreport")
families = {}
for line in open(os.path.join(root, "Scripts", "families.tsv"), encoding="utf-8"):
    if line.startswith("#") or line.startswith("doc\t") or not line.strip():
        continue
    doc, family = line.rstrip("\n").split("\t")
    families[doc] = family

run, gold = [], []
for corpus, g in (("corpus", "facts"), ("corpus-web", "facts-web")):
    files = sorted(glob.glob(os.path.join(shared, corpus, "*.txt")))
    out = subprocess.run([binary, "extract", *files], capture_output=True, text=True, check=True).stdout
    run += [json.loads(l) for l in out.splitlines() if l.strip()]
    for f in sorted(glob.glob(os.path.join(shared, "gold", g, "*.jsonl"))):
        gold += [json.loads(l) for l in open(f, encoding="utf-8") if l.strip()]

def score(docs):
    with tempfile.TemporaryDirectory() as tmp:
        gp, rp = os.path.join(tmp, "gold.jsonl"), os.path.join(tmp, "run.jsonl")
        with open(gp, "w", encoding="utf-8") as f:
            for d in gold:
                if d["doc"] in docs:
                    f.write(json.dumps(d, ensure_ascii=False) + "\n")
        with open(rp, "w", encoding="utf-8") as f:
            for d in run:
                if d["doc"] in docs:
                    f.write(json.dumps(d, ensure_ascii=False) + "\n")
        out = subprocess.run([sys.executable, os.path.join(shared, "tools", "score_facts.py"), "--gold", gp, "--run", rp, "--json"],
                             capture_output=True, text=True, check=True).stdout
        return json.loads(out)

print(f"{'family':32} {'docs':>4} {'gold':>5} {'F1':>6} {'labelled F1':>12} {'metric acc':>10}")
for family in sorted(set(families.values())) + ["all"]:
    docs = {d for d, f in families.items() if family in (f, "all")}
    s = score(docs)
    print(f"{family:32} {len(docs):>4} {s['kinds']['all']['gold']:>5} {s['kinds']['all']['f1']:>6.3f} {s['labelled']['f1']:>12.3f} {s['metric_accuracy']:>10.3f}")
