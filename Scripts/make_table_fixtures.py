#!/usr/bin/env python3
"""Writes Corpora/tables/: reports with tables, as HTML, DOCX and PDF, each with its expected facts
(NAME.EXT.facts.jsonl, facts.md §1 form, spans in code points of the decoded source).

Run from anywhere (pip install reportlab). The text is the project's own; places are made up.
Every table fact is written from the table's model below, and its span is worked out from the
source each format gives xfreport:

- HTML: the markup itself (a cell's text is written without entities);
- DOCX: the paragraph texts joined by newlines, a table row as its cells' texts apart by tabs
  (a `w:vMerge` continuation cell is empty);
- PDF: the text poppler reads, as xfreport orders it: lines top to bottom, a table row's cells
  apart by tabs (an empty cell gives nothing), pages joined by form feeds. Lines are wrapped so
  that no number is cut, and the caption of a table is centred (never joined to the prose).

The output is byte-for-byte deterministic (fixed ZIP timestamps, reportlab's invariant mode).
"""
import json
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Corpora", "tables")


class Table:
    """rows: lists of cells as HTML writes them (covered slots left out); a cell is a string or
    (text, rowspan, colspan). header: how many leading rows are header rows (<th>). facts:
    (row, column, kind, metric, value, unit, category) by grid slot, the k-th number of a cell as
    (row, column, k) in the first place. caption_tag: write the caption as <caption> in HTML."""

    def __init__(self, caption, rows, header, facts, caption_tag=False):
        self.caption, self.rows, self.header, self.facts, self.caption_tag = caption, rows, header, facts, caption_tag
        self.grid = {}  # (r, c) -> (text, rs, cs, own start slot)
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                text, rs, cs = (cell, 1, 1) if isinstance(cell, str) else cell
                while (r, c) in self.grid:
                    c += 1
                for rr in range(r, r + rs):
                    for cc in range(c, c + cs):
                        self.grid[(rr, cc)] = (text, rs, cs, (r, c))
                c += cs
        self.ncols = max(c for _, c in self.grid) + 1
        self.nrows = len(rows)


class Para:
    """A paragraph and its facts: (anchor, kind, metric, value, unit, category); the fact's span
    starts where the anchor does."""

    def __init__(self, text, facts=(), heading=False):
        self.text, self.facts, self.heading = text, list(facts), heading


NUMBER = re.compile(r"[+\-]?\d+(?:\.\d+)?%?")


def cell_number(text, k):
    m = list(NUMBER.finditer(text))[k]
    return m.start(), m.end()


def fact(doc, kind, metric, value, unit, start, end, text, category=None):
    return {"doc": doc, "kind": kind, "metric": metric, "value": value, "unit": unit, "span": [start, end], "approx": False,
            "bound": None, "target": False, "category": category, "placeholder": False, "text": text}


def table_facts(doc, t, cell_at):
    """cell_at(r, c) -> source offset of the cell's text, or None."""
    out = []
    for f in t.facts:
        pos, kind, metric, value, unit = f[0], f[1], f[2], f[3], f[4]
        category = f[5] if len(f) > 5 else None
        r, c, k = (pos + (0,)) if len(pos) == 2 else pos
        text = t.grid[(r, c)][0]
        a, b = cell_number(text, k)
        base = cell_at(r, c)
        row_text = "\t".join(t.grid[(r, cc)][0] for cc in range(t.ncols) if t.grid[(r, cc)][3] == (r, cc))
        f = fact(doc, kind, metric, value, unit, base + a, base + b, row_text, category)
        # What `xfreport eval --rule table` keeps of the gold.
        f["rule"] = "table"
        out.append(f)
    return out


def para_facts(doc, p, base):
    out = []
    for anchor, kind, metric, value, unit, *rest in p.facts:
        i = p.text.index(anchor)
        m = NUMBER.match(p.text, i) or re.match(r"\S+", p.text[i:])
        out.append(fact(doc, kind, metric, value, unit, base + i, base + i + len(m.group(0)), p.text, rest[0] if rest else None))
    return out


# ---------------------------------------------------------------------------------------------- HTML

def html(name, title, blocks):
    out = ['<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>', title, "</title>\n",
           "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 8px}</style></head>\n<body>\n"]
    facts = []

    def pos():
        return sum(len(x) for x in out)

    for b in blocks:
        if isinstance(b, Para):
            tag = "h1" if b.heading else "p"
            out.append(f"<{tag}>")
            facts += para_facts(name, b, pos())
            out.append(b.text)
            out.append(f"</{tag}>\n")
            continue
        t = b
        if not t.caption_tag:
            out.append(f"<p>{t.caption}</p>\n")
        out.append('<table border="1">\n')
        if t.caption_tag:
            out.append(f"<caption>{t.caption}</caption>\n")
        starts = {}
        for r, row in enumerate(t.rows):
            out.append("<tr>")
            c = 0
            for cell in row:
                text, rs, cs = (cell, 1, 1) if isinstance(cell, str) else cell
                while t.grid[(r, c)][3] != (r, c):
                    c += 1
                tag = "th" if r < t.header else "td"
                attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                out.append(f"<{tag}{attrs}>")
                starts[(r, c)] = pos()
                out.append(text)
                out.append(f"</{tag}>")
                c += cs
            out.append("</tr>\n")
        out.append("</table>\n")
        facts += table_facts(name, t, lambda r, c: starts[t.grid[(r, c)][3]])
    out.append("</body>\n</html>\n")
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write("".join(out))
    return facts


# ---------------------------------------------------------------------------------------------- DOCX

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def docx(name, blocks):
    body, lines, facts = [], [], []

    def offset():
        return sum(len(x) + 1 for x in lines)

    for b in blocks:
        if isinstance(b, Para):
            facts += para_facts(name, b, offset())
            body.append(f"<w:p>{run(b.text, b.heading)}</w:p>")
            lines.append(b.text)
            continue
        t = b
        body.append(f"<w:p>{run(t.caption)}</w:p>")
        lines.append(t.caption)
        grid = "".join('<w:gridCol w:w="1400"/>' for _ in range(t.ncols))
        xml = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
               '<w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>'
               '<w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders>'
               f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
        starts = {}
        for r in range(t.nrows):
            xml.append("<w:tr>")
            texts = []
            c = 0
            at = offset()
            while c < t.ncols:
                text, rs, cs, own = t.grid[(r, c)]
                span = f'<w:gridSpan w:val="{cs}"/>' if cs > 1 else ""
                if own[0] < r:
                    # A continuation of the cell above: w:vMerge, no text.
                    xml.append(f"<w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                    texts.append("")
                else:
                    vm = '<w:vMerge w:val="restart"/>' if rs > 1 else ""
                    xml.append(f"<w:tc><w:tcPr>{span}{vm}</w:tcPr><w:p>{run(text, r < t.header)}</w:p></w:tc>")
                    starts[(r, c)] = at + sum(len(x) + 1 for x in texts)
                    texts.append(text)
                c += cs
            xml.append("</w:tr>")
            lines.append("\t".join(texts))
        xml.append("</w:tbl>")
        body.append("".join(xml))
        facts += table_facts(name, t, lambda r, c: starts[t.grid[(r, c)][3]])
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
                + "".join(body) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    entries = [
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         "</Types>"),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
         "</Relationships>"),
        ("word/document.xml", document),
    ]
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in entries:
            info = zipfile.ZipInfo(n, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))
    return facts


# ---------------------------------------------------------------------------------------------- PDF

def pdf(name, title, pages):
    """pages: lists of blocks, one list per page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, size, leading = "STSong-Light", 12, 22
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    width, height = A4
    left, right, top = 72, 72, 90
    c = canvas.Canvas(os.path.join(OUT, name), pagesize=A4, invariant=1)
    c.setTitle(title)
    page_texts, facts = [], []
    base = 0  # source offset of the current page's first character
    for p, blocks in enumerate(pages):
        lines = []  # the page's source lines
        y = height - top

        def line_offset():
            return base + sum(len(x) + 1 for x in lines)

        for b in blocks:
            if isinstance(b, Para):
                if b.heading:
                    c.setFont(font, 16)
                    c.drawCentredString(width / 2, y, b.text)
                    facts += para_facts(name, b, line_offset())
                    lines.append(b.text)
                    y -= 2 * leading
                    continue
                c.setFont(font, size)
                # Wrap by width, never inside a run of digits or letters, with a two-character indent.
                text, i, indent, segs = b.text, 0, 2 * size, []
                while i < len(text):
                    j = i
                    while j < len(text) and pdfmetrics.stringWidth(text[i:j + 1], font, size) <= width - left - right - indent:
                        j += 1
                    while 0 < j < len(text) and re.match(r"[0-9A-Za-z.%]", text[j]) and re.match(r"[0-9A-Za-z.%]", text[j - 1]):
                        j -= 1
                    segs.append((i, line_offset()))
                    c.drawString(left + indent, y, text[i:j])
                    lines.append(text[i:j])
                    i, indent, y = j, 0, y - leading
                # The source holds a line break at each wrap.
                for anchor, kind, metric, value, unit, *rest in b.facts:
                    a = text.index(anchor)
                    m = NUMBER.match(text, a)
                    s0, o0 = max((s, o) for s, o in segs if s <= a)
                    start = o0 + (a - s0)
                    facts.append(fact(name, kind, metric, value, unit, start, start + len(m.group(0)), text, rest[0] if rest else None))
                continue
            t = b
            c.setFont(font, size)
            c.drawCentredString(width / 2, y, t.caption)
            lines.append(t.caption)
            y -= leading * 1.3
            xs = [left]
            col_w = (width - left - right) / t.ncols
            for k in range(t.ncols):
                xs.append(left + (k + 1) * col_w)
            rh = 22
            top_y = y + 15
            for k in range(t.nrows + 1):
                c.line(xs[0], top_y - k * rh, xs[-1], top_y - k * rh)
            for x in xs:
                c.line(x, top_y, x, top_y - t.nrows * rh)
            c.setFont(font, 10.5)
            starts = {}
            for r in range(t.nrows):
                cells, at = [], line_offset()
                for cc in range(t.ncols):
                    text, rs, cs, own = t.grid[(r, cc)]
                    if own != (r, cc) or not text:
                        continue
                    c.drawString(xs[cc] + 6, y, text)
                    starts[(r, cc)] = at + sum(len(x) + 1 for x in cells)
                    cells.append(text)
                lines.append("\t".join(cells))
                y -= rh
            y -= leading
            facts += table_facts(name, t, lambda r, cc: starts[t.grid[(r, cc)][3]])
        c.showPage()
        page_text = "\n".join(lines)
        page_texts.append(page_text)
        base += len(page_text) + 1  # the form feed
    c.save()
    for f in facts:
        f["page"] = next(k + 1 for k in range(len(page_texts)) if f["span"][0] < sum(len(t) + 1 for t in page_texts[:k + 1]))
    return facts


# ---------------------------------------------------------------------------------------------- the reports

def county_report():
    """One report, the same in HTML, DOCX and PDF: prose and three tables."""
    title = "溪桥县2023年信访工作情况报告"
    p1 = Para("2023年，全县各级信访部门共受理群众信访事项1286件，同比下降6.2%。",
              [("1286件", "count", "received", 1286, "件"), ("6.2%", "change", "received", -6.2, "%")])
    p2 = Para("其中来信312件，来访658件，网上信访316件。",
              [("312件", "count", "letters", 312, "件"), ("658件", "count", "visits", 658, "件"), ("316件", "count", "online", 316, "件")])
    p3 = Para("全年办结信访事项1241件，办结率96.5%。",
              [("1241件", "count", "resolved", 1241, "件"), ("96.5%", "rate", "resolution_rate", 96.5, "%")])
    p4 = Para("来访按去向统计如下表。")
    p5 = Para("上半年各月信访量见下表，主要指标与上年的对比见表3。")
    p6 = Para("下一步，全县将继续推进信访工作法治化，压实属地责任。")
    t1 = Table("表1 2023年来访情况统计", [
        ["类别", "批次", "人次"],
        ["到县访", "420", "1150"],
        ["到市访", "165", "472"],
        ["赴省访", "58", "131"],
        ["进京访", "15", "27"],
        ["合计", "658", "1780"],
    ], 1, [
        ((1, 1), "count", "local", 420, "批次"), ((1, 2), "count", "local", 1150, "人次"),
        ((2, 1), "count", "to_city", 165, "批次"), ((2, 2), "count", "to_city", 472, "人次"),
        ((3, 1), "count", "to_province", 58, "批次"), ((3, 2), "count", "to_province", 131, "人次"),
        ((4, 1), "count", "to_beijing", 15, "批次"), ((4, 2), "count", "to_beijing", 27, "人次"),
        ((5, 1), "count", "visits", 658, "批次"), ((5, 2), "count", "visits", 1780, "人次"),
    ])
    months = [("1月", 22, 51, 24), ("2月", 18, 43, 20), ("3月", 27, 60, 29), ("4月", 25, 57, 26), ("5月", 24, 55, 28), ("6月", 29, 62, 30)]
    rows2 = [["月份", "来信", "来访", "网上信访", "合计"]]
    facts2 = []
    for k, (m, a, b, c) in enumerate(months, 1):
        rows2.append([m, str(a), str(b), str(c), str(a + b + c)])
        facts2 += [((k, 1), "count", "letters", a, "件"), ((k, 2), "count", "visits", b, "件"), ((k, 3), "count", "online", c, "件"),
                   ((k, 4), "count", "received", a + b + c, "件")]
    sums = [sum(x[i] for x in months) for i in (1, 2, 3)]
    rows2.append(["合计"] + [str(x) for x in sums] + [str(sum(sums))])
    n = len(months) + 1
    facts2 += [((n, 1), "count", "letters", sums[0], "件"), ((n, 2), "count", "visits", sums[1], "件"), ((n, 3), "count", "online", sums[2], "件"),
               ((n, 4), "count", "received", sum(sums), "件")]
    t2 = Table("表2 2023年上半年各月信访量（单位：件）", rows2, 1, facts2)
    t3 = Table("表3 主要指标与上年对比", [
        ["指标", "2023年", "2022年", "同比"],
        ["信访总量（件）", "1286", "1371", "-6.2%"],
        ["集体访（批）", "23", "31", "-25.8%"],
        ["重复访（件）", "87", "112", "-22.3%"],
        ["办结率", "96.5%", "94.8%", "提高1.7个百分点"],
    ], 1, [
        ((1, 1), "count", "received", 1286, "件"), ((1, 2), "count", "received", 1371, "件"), ((1, 3), "change", "received", -6.2, "%"),
        ((2, 1), "count", "collective", 23, "批"), ((2, 2), "count", "collective", 31, "批"), ((2, 3), "change", "collective", -25.8, "%"),
        ((3, 1), "count", "repeat", 87, "件"), ((3, 2), "count", "repeat", 112, "件"), ((3, 3), "change", "repeat", -22.3, "%"),
        ((4, 1), "rate", "resolution_rate", 96.5, "%"), ((4, 2), "rate", "resolution_rate", 94.8, "%"),
        ((4, 3), "change", "resolution_rate", 1.7, "pp"),
    ])
    head = Para(title, heading=True)
    flat = [head, p1, p2, p3, p4, t1, p5, t2, t3, p6]
    pages = [[head, p1, p2, p3, p4, t1, p5], [t2, t3, p6]]
    return title, flat, pages


def merged_html():
    title = "云屏片区2023年信访情况"
    t1 = Table("表1 各乡镇信访情况", [
        [("乡镇", 2, 1), ("来信", 1, 2), ("来访", 1, 2), ("办结率", 2, 1)],
        ["件数", "同比", "批次", "人次"],
        ["云屏镇", "46", "-8.0%", "31", "86", "97.8%"],
        ["松湾镇", "38", "+5.6%", "22", "59", "95.0%"],
        ["石门乡", "17", "-15.0%", "9", "20", "100%"],
        ["合计", "101", "-4.7%", "62", "165", "97.4%"],
    ], 2, [
        fx for r, (a, d, b, p, rate) in enumerate([(46, -8.0, 31, 86, 97.8), (38, 5.6, 22, 59, 95.0), (17, -15.0, 9, 20, 100), (101, -4.7, 62, 165, 97.4)], 2)
        for fx in [((r, 1), "count", "letters", a, "件"), ((r, 2), "change", "letters", d, "%"), ((r, 3), "count", "visits", b, "批次"),
                   ((r, 4), "count", "visits", p, "人次"), ((r, 5), "rate", "resolution_rate", rate, "%")]
    ], caption_tag=True)
    cats = [("土地征收", 128, 31.4, "land"), ("房屋拆迁", 76, 18.6, "demolition"), ("劳动社保", 95, 23.3, "labor_social"),
            ("环境污染", 41, 10.0, "environment"), ("其他", 68, 16.7, None)]
    rows = [["问题类别", "件数", "占比"]] + [[n, str(v), f"{s}%"] for n, v, s, _ in cats] + [["合计", "408", "100%"]]
    facts = []
    for r, (n, v, s, cat) in enumerate(cats, 1):
        facts += [((r, 1), "count", "received", v, "件", cat), ((r, 2), "share", "received", s, "%")]
    facts += [((6, 1), "count", "received", 408, "件"), ((6, 2), "share", "received", 100, "%")]
    t2 = Table("表2 信访问题分类统计", rows, 1, facts)
    return title, [Para(title, heading=True), Para("片区三个乡镇的信访情况见表1，群众反映问题的分类见表2。"), t1, t2]


def merged_docx():
    title = "溪桥县2023年来访及办理情况"
    q = [(98, 112, 105, 105), (270, 301, 288, 291), (40, 45, 38, 42), (118, 126, 110, 118)]
    rows = [[("类别", 1, 2), "一季度", "二季度", "三季度", "四季度", "全年合计"]]
    facts = []
    labels = [("到县访", "批次", "local"), (None, "人次", "local"), ("到市访", "批次", "to_city"), (None, "人次", "to_city")]
    for r, ((outer, unit, metric), vals) in enumerate(zip(labels, q), 1):
        row = ([(outer, 2, 1)] if outer else []) + [unit] + [str(v) for v in vals] + [str(sum(vals))]
        rows.append(row)
        facts += [((r, 2 + k), "count", metric, v, unit) for k, v in enumerate(vals)] + [((r, 6), "count", metric, sum(vals), unit)]
    t1 = Table("表1 2023年各季度来访情况", rows, 1, facts)
    t2 = Table("表2 信访事项办理情况", [
        [("项目", 2, 1), ("2023年", 1, 2), ("2022年", 1, 2)],
        ["件数", "占比", "件数", "占比"],
        ["办结", "1241", "96.5%", "1302", "95.0%"],
        ["正在办理", "45", "3.5%", "69", "5.0%"],
        ["合计", "1286", "100%", "1371", "100%"],
    ], 2, [
        ((2, 1), "count", "resolved", 1241, "件"), ((2, 2), "share", "resolved", 96.5, "%"), ((2, 3), "count", "resolved", 1302, "件"),
        ((2, 4), "share", "resolved", 95.0, "%"),
        ((3, 1), "count", "pending", 45, "件"), ((3, 2), "share", "pending", 3.5, "%"), ((3, 3), "count", "pending", 69, "件"),
        ((3, 4), "share", "pending", 5.0, "%"),
        ((4, 1), "count", "cases", 1286, "件"), ((4, 2), "share", "cases", 100, "%"), ((4, 3), "count", "cases", 1371, "件"),
        ((4, 4), "share", "cases", 100, "%"),
    ])
    return title, [Para(title, heading=True), Para("全县来访分季度统计见表1，信访事项办理情况见表2。"), t1, t2]


def inconsistent_html():
    title = "石门乡信访情况通报（未核对稿）"
    t1 = Table("表1 各渠道信访量（单位：件）", [
        ["渠道", "件数"], ["来信", "215"], ["来访", "340"], ["网上信访", "190"], ["电话信访", "61"], ["合计", "820"],
    ], 1, [((1, 1), "count", "letters", 215, "件"), ((2, 1), "count", "visits", 340, "件"), ((3, 1), "count", "online", 190, "件"),
           ((4, 1), "count", "calls", 61, "件"), ((5, 1), "count", "received", 820, "件")])
    t2 = Table("表2 下半年部分月份信访量（单位：件）", [
        ["月份", "来信", "来访", "合计"], ["7月", "20", "35", "55"], ["8月", "18", "41", "60"],
    ], 1, [((1, 1), "count", "letters", 20, "件"), ((1, 2), "count", "visits", 35, "件"), ((1, 3), "count", "received", 55, "件"),
           ((2, 1), "count", "letters", 18, "件"), ((2, 2), "count", "visits", 41, "件"), ((2, 3), "count", "received", 60, "件")])
    return title, [Para(title, heading=True), Para("本通报的表格数据尚未与各村报表核对，合计栏有误。"), t1, t2]


def caption_units_docx():
    title = "溪桥县2023年重点信访事项分析"
    t1 = Table("表1 重点信访事项（批次/人次）", [
        ["事项", "2023年", "2022年"], ["集体访", "23/410", "31/562"], ["越级访", "58/131", "66/150"],
    ], 1, [((1, 1, 0), "count", "collective", 23, "批次"), ((1, 1, 1), "count", "collective", 410, "人次"),
           ((1, 2, 0), "count", "collective", 31, "批次"), ((1, 2, 1), "count", "collective", 562, "人次"),
           ((2, 1, 0), "count", "leapfrog", 58, "批次"), ((2, 1, 1), "count", "leapfrog", 131, "人次"),
           ((2, 2, 0), "count", "leapfrog", 66, "批次"), ((2, 2, 1), "count", "leapfrog", 150, "人次")])
    t2 = Table("表2 来信来访同比变化（单位：件）", [
        ["渠道", "2023年", "同比增减"], ["来信", "312", "增加12件"], ["来访", "658", "减少25"], ["网上信访", "316", "增加41"], ["合计", "1286", "增加28"],
    ], 1, [((1, 1), "count", "letters", 312, "件"), ((1, 2), "change", "letters", 12, "件"),
           ((2, 1), "count", "visits", 658, "件"), ((2, 2), "change", "visits", -25, "件"),
           ((3, 1), "count", "online", 316, "件"), ((3, 2), "change", "online", 41, "件"),
           ((4, 1), "count", "received", 1286, "件"), ((4, 2), "change", "received", 28, "件")])
    return title, [Para(title, heading=True), Para("集体访和越级访的批次与人次见表1，各渠道的增减见表2。"), t1, t2]


def half_year_pdf():
    title = "松湾镇2024年上半年信访工作小结"
    months = [("1月", 21, 44), ("2月", 17, 39), ("3月", 26, 52), ("4月", 24, 50), ("5月", 27, 49), ("6月", 27, 53)]
    rows = [["月份", "来信", "来访", "合计"]]
    facts = []
    for k, (m, a, b) in enumerate(months, 1):
        rows.append([m, str(a), str(b), str(a + b)])
        facts += [((k, 1), "count", "letters", a, "件"), ((k, 2), "count", "visits", b, "件"), ((k, 3), "count", "received", a + b, "件")]
    sa, sb = sum(x[1] for x in months), sum(x[2] for x in months)
    rows.append(["合计", str(sa), str(sb), str(sa + sb)])
    facts += [((7, 1), "count", "letters", sa, "件"), ((7, 2), "count", "visits", sb, "件"), ((7, 3), "count", "received", sa + sb, "件")]
    t1 = Table("表1 2024年上半年各月来信来访（单位：件）", rows, 1, facts)
    src = [("来信", 142, 24.1, "letters"), ("来访", 287, 48.7, "visits"), ("网上信访", 160, 27.2, "online")]
    rows2 = [["来源", "件数", "占比"]] + [[n, str(v), f"{s}%"] for n, v, s, _ in src] + [["合计", "589", "100%"]]
    facts2 = []
    for r, (n, v, s, m) in enumerate(src, 1):
        facts2 += [((r, 1), "count", m, v, "件"), ((r, 2), "share", m, s, "%")]
    facts2 += [((4, 1), "count", "received", 589, "件"), ((4, 2), "share", "received", 100, "%")]
    t2 = Table("表2 信访事项来源构成", rows2, 1, facts2)
    p1 = Para("上半年全镇共受理信访事项589件，办结571件。", [("589件", "count", "received", 589, "件"), ("571件", "count", "resolved", 571, "件")])
    p2 = Para("各月来信来访和来源构成见表1、表2。")
    p3 = Para("下半年将重点做好矛盾纠纷源头化解工作。")
    return title, [[Para(title, heading=True), p1, p2, t1], [t2, p3]]


def write_gold(name, facts):
    with open(os.path.join(OUT, name + ".facts.jsonl"), "w", encoding="utf-8") as f:
        for x in facts:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    title, flat, pages = county_report()
    write_gold("county-2023.html", html("county-2023.html", title, flat))
    write_gold("county-2023.docx", docx("county-2023.docx", flat))
    write_gold("county-2023.pdf", pdf("county-2023.pdf", title, pages))
    title, blocks = merged_html()
    write_gold("merged-headers.html", html("merged-headers.html", title, blocks))
    title, blocks = merged_docx()
    write_gold("merged-headers.docx", docx("merged-headers.docx", blocks))
    title, blocks = inconsistent_html()
    write_gold("inconsistent-table.html", html("inconsistent-table.html", title, blocks))
    title, blocks = caption_units_docx()
    write_gold("caption-units.docx", docx("caption-units.docx", blocks))
    title, pages = half_year_pdf()
    write_gold("half-year.pdf", pdf("half-year.pdf", title, pages))
    print(f"wrote {len(os.listdir(OUT))} files to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
