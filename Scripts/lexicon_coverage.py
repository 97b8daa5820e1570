#!/usr/bin/env python3
"""Measure how many occurrences of the domain lexicon's terms come out of `xfreport segment` as
one token: with ICU alone versus with the lexicon.

For each input file this runs

    xfreport segment --format jsonl --explain [--dictionary D …] FILE

and finds, in each sentence's normalized `text`, every occurrence of every active term of
Dictionaries/lexicon.tsv (weight > 0; later --dictionary files override it row by row, and a
weight of 0 disables a term, as in xfreport). Each occurrence is counted as

  icu alone   a token with exactly the term's text and offset, and origin "icu" (ICU's word
              break iterator made it by itself);
  lexicon     a token with exactly the term's text and offset (any origin);
  ambiguous   not one token, because it overlaps a longer lexicon match, an earlier lexicon
              match (matching is greedy, left to right, longest first) or a number token, so it
              cannot be a token (上访 inside 越级上访, 来访 in 来访问);
  missed      none of the above: a real segmentation miss.

It also runs a second pass with every term disabled (a temporary lexicon of weight-0 rows passed
as the last --dictionary) and counts how many occurrences are one token then: ICU with no
lexicon at all (numbers are still recognised).

Token offsets: the jsonl tokens do not include whitespace tokens, and their texts concatenated
equal the sentence text without whitespace, so each token's offset in `text` is found by walking.

Usage (from the repository root, or anywhere):

    python3 Scripts/lexicon_coverage.py                       # ../shared/corpus/*.txt
    python3 Scripts/lexicon_coverage.py --bin .build-bench/release/xfreport Corpora/*.txt
    python3 Scripts/lexicon_coverage.py --dictionary my-dict/ reports/*.txt

Python 3 standard library only. Exits 1 when xfreport cannot be run or fails on every file.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_LEXICON = ("boilerplate", "units", "metrics", "categories", "category-contexts", "qualifiers", "bodies", "hant-hans")


def read_lexicon(path, terms):
    """Adds the rows of one lexicon file to `terms` (term -> weight), as xfreport reads them:
    `#` comments and blank lines skipped, an optional `term weight tag` header, weight 10 when
    missing. Later files override earlier ones term by term."""
    text = Path(path).read_text(encoding="utf-8-sig")
    header_seen = False
    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if not header_seen:
            header_seen = True
            if fields[0] == "term":
                continue
        term = fields[0]
        if not term:
            sys.exit(f"{path}:{lineno}: empty term")
        weight = 10
        if len(fields) > 1 and fields[1]:
            try:
                weight = int(fields[1])
            except ValueError:
                sys.exit(f"{path}:{lineno}: weight {fields[1]!r} is not an integer")
        terms[term] = weight


def lexicon_files(builtin, user_paths):
    files = [builtin]
    for p in user_paths:
        p = Path(p)
        if p.is_dir():
            if (p / "lexicon.tsv").exists():
                files.append(p / "lexicon.tsv")
        elif not p.name.startswith(NOT_LEXICON):
            files.append(p)
    return files


def run_segment(binary, path, dictionaries):
    cmd = [str(binary), "segment", "--format", "jsonl", "--explain"]
    for d in dictionaries:
        cmd += ["--dictionary", str(d)]
    cmd.append(str(path))
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        return None, proc.stderr.strip() or f"exit code {proc.returncode}"
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()], proc.stderr.strip()


def token_offsets(sentence):
    """(start, end, token) for each token, in code points of sentence["text"]."""
    text = sentence["text"]
    pos = 0
    result = []
    for tok in sentence["tokens"]:
        t = tok["text"]
        while pos < len(text) and not text.startswith(t, pos) and text[pos].isspace():
            pos += 1
        if not text.startswith(t, pos):
            found = text.find(t, pos)
            if found < 0:
                raise ValueError(f"token {t!r} not found in sentence {sentence.get('sentence')} of {sentence.get('doc')}")
            pos = found
        result.append((pos, pos + len(t), tok))
        pos += len(t)
    return result


def occurrences(text, terms, lengths):
    """Every (start, end, term) of a term in text, overlapping ones included."""
    found = []
    for i in range(len(text)):
        for n in lengths:
            if i + n <= len(text) and text[i:i + n] in terms:
                found.append((i, i + n, text[i:i + n]))
    return found


def is_number(tok):
    return tok.get("origin") == "number" or tok.get("kind") in ("number", "placeholder")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help="report files (default: ../shared/corpus/*.txt)")
    ap.add_argument("--bin", default=str(ROOT / ".build" / "release" / "xfreport"),
                    help="the xfreport binary (default: .build/release/xfreport)")
    ap.add_argument("--dictionary", action="append", default=[], metavar="PATH",
                    help="passed to xfreport as --dictionary; its lexicon terms are counted too (repeatable)")
    ap.add_argument("--lexicon", default=str(ROOT / "Dictionaries" / "lexicon.tsv"),
                    help="the built-in lexicon (default: Dictionaries/lexicon.tsv)")
    ap.add_argument("--top", type=int, default=15, help="how many missed terms to list (default 15)")
    args = ap.parse_args()

    paths = args.paths or sorted(str(p) for p in (ROOT.parent / "shared" / "corpus").glob("*.txt"))
    if not paths:
        sys.exit("no input files (and ../shared/corpus/*.txt is empty or missing)")
    binary = Path(args.bin)
    if not binary.exists():
        sys.exit(f"{binary}: not found; build it with `swift build -c release` or pass --bin")

    weights = {}
    for f in lexicon_files(args.lexicon, args.dictionary):
        read_lexicon(f, weights)
    terms = {t for t, w in weights.items() if w > 0}
    lengths = sorted({len(t) for t in terms}, reverse=True)

    # Every active term disabled: ICU with no lexicon.
    tmp = tempfile.TemporaryDirectory()
    disabled = Path(tmp.name) / "lexicon-disabled.tsv"
    disabled.write_text("term\tweight\ttag\n" + "".join(f"{t}\t0\tother\n" for t in sorted(terms)), encoding="utf-8")

    total = collections.Counter()
    per_file = []
    missed = collections.Counter()
    missed_example = {}
    ambiguous_cause = collections.Counter()
    failures = 0
    for path in paths:
        sentences, err = run_segment(binary, path, args.dictionary)
        if sentences is None:
            print(f"{path}: xfreport failed: {err}", file=sys.stderr)
            failures += 1
            continue
        bare, err2 = run_segment(binary, path, args.dictionary + [disabled])
        if bare is None or len(bare) != len(sentences):
            print(f"{path}: the run without lexicon failed or split sentences differently: {err2}", file=sys.stderr)
            bare = None
        counts = collections.Counter()
        for k, sentence in enumerate(sentences):
            text = sentence["text"]
            toks = token_offsets(sentence)
            by_range = {(s, e): tok for s, e, tok in toks}
            bare_ranges = set()
            if bare is not None:
                if bare[k]["text"] != text:
                    print(f"{path}: sentence {k} differs between the two runs", file=sys.stderr)
                else:
                    bare_ranges = {(s, e) for s, e, _ in token_offsets(bare[k])}
            occ = occurrences(text, terms, lengths)
            for s, e, term in occ:
                counts["occurrences"] += 1
                tok = by_range.get((s, e))
                if tok is not None:
                    counts["lexicon"] += 1
                    if tok.get("origin") == "icu":
                        counts["icu"] += 1
                if (s, e) in bare_ranges:
                    counts["bare"] += 1
                if tok is not None:
                    counts["unambiguous"] += 1
                    counts["bare_unambiguous"] += (s, e) in bare_ranges
                    continue
                # Why is it not a token?
                cause = None
                for s2, e2, t2 in occ:
                    if (s2, e2) != (s, e) and s2 < e and s < e2 and (e2 - s2 > e - s or s2 < s):
                        cause = f"{term} in {t2}" if s2 <= s and e <= e2 else f"{term} overlaps {t2}"
                        break
                if cause is None:
                    for s2, e2, t in toks:
                        if s2 < e and s < e2 and is_number(t):
                            cause = f"{term} overlaps number {t['text']}"
                            break
                if cause is not None:
                    counts["ambiguous"] += 1
                    ambiguous_cause[cause] += 1
                else:
                    counts["missed"] += 1
                    counts["unambiguous"] += 1
                    counts["bare_unambiguous"] += (s, e) in bare_ranges
                    missed[term] += 1
                    if term not in missed_example:
                        pieces = [t["text"] for s2, e2, t in toks if s2 < e and s < e2]
                        missed_example[term] = f"{Path(path).name}: {' | '.join(pieces)}  (in: {text[max(0, s - 8):e + 8]})"
        total.update(counts)
        per_file.append((path, counts))

    if failures == len(paths):
        sys.exit("xfreport failed on every file")

    def pct(n, d):
        return f"{100.0 * n / d:5.1f}%" if d else "   - "

    print(f"lexicon: {len(terms)} active terms ({args.lexicon}{''.join(' + ' + d for d in args.dictionary)})")
    print(f"binary:  {binary}")
    print()
    print(f"{'file':40} {'occurrences':>11} {'icu alone':>15} {'no lexicon':>15} {'with lexicon':>15} {'ambiguous':>10} {'missed':>7}")
    for path, c in per_file + [("total", total)]:
        n = c["occurrences"]
        print(f"{Path(path).name if path != 'total' else 'total':40} {n:>11} "
              f"{c['icu']:>7} {pct(c['icu'], n)} {c['bare']:>7} {pct(c['bare'], n)} "
              f"{c['lexicon']:>7} {pct(c['lexicon'], n)} {c['ambiguous']:>10} {c['missed']:>7}")
    n = total["occurrences"]
    u = total["unambiguous"]
    print()
    print("icu alone:    a token equal to the term with origin icu (in the run with the lexicon)")
    print("no lexicon:   a token equal to the term when every lexicon term is disabled (weight 0)")
    print("with lexicon: a token equal to the term (any origin)")
    print("ambiguous:    not a token because it overlaps a longer or earlier lexicon match or a number")
    print()
    print(f"one token, ICU alone:    {total['icu']}/{n} ({pct(total['icu'], n).strip()}); "
          f"with every term disabled: {total['bare']}/{n} ({pct(total['bare'], n).strip()})")
    print(f"one token, with lexicon: {total['lexicon']}/{n} ({pct(total['lexicon'], n).strip()})")
    print(f"ambiguous: {total['ambiguous']}; missed: {total['missed']}")
    print(f"of the {u} occurrences that can be a token (not ambiguous): ICU alone {total['icu']} ({pct(total['icu'], u).strip()}), "
          f"with every term disabled {total['bare_unambiguous']} ({pct(total['bare_unambiguous'], u).strip()}), "
          f"with lexicon {total['lexicon']} ({pct(total['lexicon'], u).strip()})")
    print()
    if missed:
        print(f"most frequent missed terms (top {args.top}):")
        for term, count in missed.most_common(args.top):
            print(f"  {count:5}  {term}    e.g. {missed_example[term]}")
    else:
        print("missed terms: none")
    if ambiguous_cause:
        print()
        print(f"most frequent ambiguous occurrences (top {args.top}):")
        for cause, count in ambiguous_cause.most_common(args.top):
            print(f"  {count:5}  {cause}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
