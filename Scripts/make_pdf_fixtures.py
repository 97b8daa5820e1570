#!/usr/bin/env python3
"""Writes the PDF fixtures (pip install reportlab; run from anywhere).

Corpora/formats/county-annual-2019.pdf: the text of Corpora/county-annual-2019.txt set on A4
pages in STSong-Light (a CID font that is not embedded, as in many Chinese government PDFs;
poppler reads it with poppler-data). Every page has a running header and a `- N -` footer;
paragraphs wrap inside their column with a two-character first-line indent, and a paragraph
goes on across page breaks. Page 2 is set in two columns. The last page holds a table that is
not in the text file (附表). Beside the tests:

- Tests/XFReportTests/Ingest/PDF/county-annual-2019.pages.tsv: page, start, end — the code
  points of the text file set on each page (the table page: none), to check facts' pages;
- Tests/XFReportTests/Ingest/PDF/encrypted.pdf: the first page under a user password;
- Tests/XFReportTests/Ingest/PDF/scanned.pdf: a page that is only an image (no text layer).

reportlab writes a fixed creation date and document id with invariant=1, so reruns are
byte-identical.
"""
import io
import os
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.lib.utils import ImageReader

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FONT = "STSong-Light"
SIZE, LEADING = 12, 22
LEFT, RIGHT, TOP, BOTTOM = 72, 72, 100, 90
W, H = A4
HEADER = "青河县人民政府信访局"
TWO_COLUMN_PAGE = 2
HEADINGS = ("一、", "二、", "三、", "四、", "五、", "六、")


def width(s, size=SIZE):
    return pdfmetrics.stringWidth(s, FONT, size)


def furniture(c, page):
    c.setFont(FONT, 9)
    c.drawRightString(W - RIGHT, H - 55, HEADER)
    c.line(LEFT, H - 60, W - RIGHT, H - 60)
    c.drawCentredString(W / 2, 50, f"- {page} -")


def report(path, pages_path):
    txt = open(os.path.join(ROOT, "Corpora/county-annual-2019.txt"), encoding="utf-8").read()
    paragraphs, pos = [], 0
    for line in txt.split("\n"):
        if line.strip():
            paragraphs.append((pos, line))
        pos += len(line) + 1
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle("青河县信访局2019年工作总结")
    page, spans = 1, {}
    furniture(c, page)
    # Title, centred and larger, on page 1.
    title_start, title = paragraphs[0]
    c.setFont(FONT, 16)
    c.drawCentredString(W / 2, H - TOP, title)
    spans[1] = [title_start, title_start + len(title)]
    y = H - TOP - 2 * LEADING

    def columns(p):
        if p == TWO_COLUMN_PAGE:
            col = (W - LEFT - RIGHT - 40) / 2
            return [(LEFT, col), (LEFT + col + 40, col)]
        return [(LEFT, W - LEFT - RIGHT)]

    col = 0
    for start, text in paragraphs[1:]:
        heading = text.startswith(HEADINGS) or len(text) < 30 and not text.endswith("。")
        i, indent = 0, 0 if heading else 2 * SIZE
        # Line by line: a paragraph that crosses into the two-column page narrows there.
        while i < len(text):
            if y < BOTTOM:
                col += 1
                if col >= len(columns(page)):
                    c.showPage()
                    page, col = page + 1, 0
                    furniture(c, page)
                y = H - TOP
            x, cw = columns(page)[col]
            j = i
            while j < len(text) and width(text[i:j + 1]) <= cw - indent:
                j += 1
            c.setFont(FONT, SIZE)
            c.drawString(x + indent, y, text[i:j])
            s = spans.setdefault(page, [start + i, start + i])
            s[1] = start + j
            i, indent, y = j, 0, y - LEADING
        # No paragraph spacing: the first-line indent marks a paragraph, as in 公文.
    c.showPage()
    page += 1
    furniture(c, page)
    table(c)
    c.showPage()
    c.save()
    with open(pages_path, "w", encoding="utf-8") as f:
        f.write("page\tstart\tend\n")
        for p in sorted(spans):
            f.write(f"{p}\t{spans[p][0]}\t{spans[p][1]}\n")
    return page


def table(c):
    c.setFont(FONT, 14)
    c.drawCentredString(W / 2, H - TOP, "附表：2019年全县信访情况统计表")
    rows = [
        ("渠道", "件（批）数", "人次", "同比"),
        ("来信", "412件", "—", "增加12件"),
        ("来访", "697批", "3526人次", "—"),
        ("网上信访", "226件", "—", "上升31.4%"),
        ("电话信访", "51件", "—", "—"),
        ("合计", "1386批次", "4215人次", "下降8.6%"),
    ]
    xs = [LEFT, LEFT + 110, LEFT + 220, LEFT + 330, W - RIGHT]
    top = H - TOP - 30
    rh = 26
    for k in range(len(rows) + 1):
        c.line(xs[0], top - k * rh, xs[-1], top - k * rh)
    for x in xs:
        c.line(x, top, x, top - len(rows) * rh)
    c.setFont(FONT, 11)
    for k, row in enumerate(rows):
        for j, cell in enumerate(row):
            c.drawString(xs[j] + 8, top - k * rh - 18, cell)


def encrypted(path):
    from reportlab.lib import pdfencrypt
    enc = pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128)
    c = canvas.Canvas(path, pagesize=A4, encrypt=enc, invariant=1)
    c.setFont(FONT, SIZE)
    c.drawString(LEFT, H - TOP, "全年共受理群众信访1386批次4215人次。")
    c.showPage()
    c.save()


def scanned(path):
    from PIL import Image, ImageDraw
    img = Image.new("L", (600, 300), 255)
    d = ImageDraw.Draw(img)
    for k in range(8):
        d.rectangle([40, 30 + 30 * k, 560 - 40 * (k % 3), 44 + 30 * k], fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(buf), LEFT, H - 400, width=W - LEFT - RIGHT, height=225)
    c.showPage()
    c.save()


def main():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    tests = os.path.join(ROOT, "Tests/XFReportTests/Ingest/PDF")
    os.makedirs(tests, exist_ok=True)
    n = report(os.path.join(ROOT, "Corpora/formats/county-annual-2019.pdf"), os.path.join(tests, "county-annual-2019.pages.tsv"))
    encrypted(os.path.join(tests, "encrypted.pdf"))
    scanned(os.path.join(tests, "scanned.pdf"))
    print(f"county-annual-2019.pdf: {n} pages; encrypted.pdf; scanned.pdf", file=sys.stderr)


if __name__ == "__main__":
    main()
