#!/usr/bin/env python3
"""Runs `xfreport extract --input jsonl` as a Spark stage (RDD.pipe, local mode) over a folder of
reports and checks that the facts equal those of a direct `xfreport extract` run.

    python3 Scripts/spark_extract.py [--binary .build/release/xfreport] [--partitions 4] [Corpora]

Installs pyspark with pip when it is missing (needs Java 8+). Exit 0 when the facts agree.
On a cluster the same stage is

    rdd = sc.wholeTextFiles("hdfs:///archive/*.txt") \\
            .map(lambda kv: json.dumps({"id": kv[0].rsplit("/", 1)[-1], "text": kv[1]}, ensure_ascii=False))
    facts = rdd.pipe("/opt/xfreport/bin/xfreport extract --input jsonl").map(json.loads)

with the statically linked binary and its Dictionaries/ shipped to every node (README).
"""
import argparse
import importlib.util
import json
import os
import pathlib
import subprocess
import sys


def ensure_pyspark():
    if importlib.util.find_spec("pyspark") is None:
        print("pyspark not found; installing it with pip", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "pyspark"], check=True)


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", default=str(root / "Corpora"))
    ap.add_argument("--binary", default=str(root / ".build/release/xfreport"))
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no xfreport binary at {binary}: run `swift build -c release --product xfreport` first")
    files = sorted(p for p in pathlib.Path(args.folder).glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {args.folder}")

    direct = subprocess.run([binary, "extract", *map(str, files)], capture_output=True, text=True, check=True).stdout
    expected = sorted(direct.splitlines())

    ensure_pyspark()
    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setMaster("local[2]").setAppName("xfreport-extract").set("spark.ui.enabled", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        docs = [json.dumps({"id": f.name, "text": f.read_text(encoding="utf-8")}, ensure_ascii=False) for f in files]
        # Bad documents must come back as error records, not kill the job.
        docs.append("this line is not JSON")
        docs.append(json.dumps({"id": "empty.txt", "text": ""}))
        out = sc.parallelize(docs, args.partitions).pipe(f"{binary} extract --input jsonl").collect()
    finally:
        sc.stop()

    records = [json.loads(line) for line in out]
    errors = [r for r in records if r.get("kind") == "error"]
    facts = sorted(line for line, r in zip(out, records) if r.get("kind") != "error")
    ok = True
    if facts != expected:
        ok = False
        missing = set(expected) - set(facts)
        extra = set(facts) - set(expected)
        print(f"MISMATCH: {len(missing)} facts only in the direct run, {len(extra)} only in Spark's", file=sys.stderr)
        for line in sorted(missing)[:5]:
            print("  direct only:", line[:160], file=sys.stderr)
        for line in sorted(extra)[:5]:
            print("  spark only: ", line[:160], file=sys.stderr)
    if sorted(e["code"] for e in errors) != ["XF-I003", "XF-I009"]:
        ok = False
        print(f"expected two error records (XF-I003, XF-I009), got {errors}", file=sys.stderr)
    print(f"{len(files)} documents in {args.partitions} partitions: {len(facts)} records from Spark, "
          f"{len(expected)} from the direct run, {len(errors)} error records: {'equal' if ok else 'DIFFERENT'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
