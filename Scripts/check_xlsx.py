#!/usr/bin/env python3
"""Compares every sheet of OUTDIR/xfreport.xlsx with OUTDIR/<sheet>.csv, cell by cell.

Usage: Scripts/check_xlsx.py OUTDIR   (needs openpyxl: pip install openpyxl)

Numbers must be numbers equal to the CSV's, flags booleans, text equal to the CSV's text (less the
formula guard's leading '), empty cells empty; a blanked figure must carry its note. A sheet past
Excel's row limit goes on in '<name> (2)', read here as one table. Exits 1 on any difference.
"""
import csv
import re
import sys
from pathlib import Path

try:
    import openpyxl
except ImportError:
    sys.exit("check_xlsx: openpyxl is missing (pip install openpyxl)")

GUARDED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def same(expected, cell):
    v = cell.value
    if expected == "":
        return v is None
    if expected in ("true", "false") and isinstance(v, bool):
        return v == (expected == "true")
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        try:
            return float(expected) == float(v)
        except ValueError:
            return False
    if not isinstance(v, str):
        return False
    if expected.startswith(GUARDED):
        expected = expected[1:]
    return v == expected or (len(expected) > 32767 and v == expected[:32766] + "…")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    book = openpyxl.load_workbook(out / "xfreport.xlsx")
    tables = {}
    for ws in book.worksheets:
        base = re.sub(r" \(\d+\)$", "", ws.title)
        rows = list(ws.iter_rows())
        if base in tables:
            rows = rows[1:]  # a continuation repeats the header
        tables.setdefault(base, []).extend(rows)
        if ws.title != "README" and (ws.freeze_panes != "A2" or not ws.auto_filter.ref):
            print(f"{ws.title}: header not frozen or no autofilter")
            return 1
    if "README" not in tables:
        print("no README sheet")
        return 1
    problems = 0
    checked = 0
    for name, rows in tables.items():
        if name == "README":
            continue
        path = out / f"{name}.csv"
        if not path.exists():
            print(f"{name}: no {path.name} to compare with")
            problems += 1
            continue
        expected = csv_rows(path)
        width = len(expected[0])
        if len(rows) != len(expected):
            print(f"{name}: {len(rows)} rows in the sheet, {len(expected)} in {path.name}")
            problems += 1
        for r, (want, got) in enumerate(zip(expected, rows), start=1):
            cells = list(got) + [None] * (width - len(got))
            for c, w in enumerate(want):
                cell = cells[c]
                if cell is None:
                    ok = w == ""
                else:
                    ok = same(w, cell)
                checked += 1
                if not ok:
                    problems += 1
                    if problems <= 20:
                        print(f"{name} row {r} column {want and expected[0][c]}: csv {w!r}, sheet {cell.value if cell else None!r}")
            if r > 1 and name in ("facts", "summary"):
                header = expected[0]
                # A blanked figure: empty value cell with a note.
                for c, col in enumerate(header):
                    blank = (name == "facts" and col == "value" and want[header.index("placeholder")] == "true") or (
                        name == "summary" and f"{col}_unit" in header and want[c] == "" and want[header.index(f"{col}_unit")] != "")
                    if blank and (cells[c] is None or cells[c].comment is None):
                        problems += 1
                        print(f"{name} row {r} column {col}: blanked figure without a note")
    print(f"check_xlsx: {len(tables) - 1} sheets, {checked} cells compared, {problems} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
