#!/usr/bin/env python3
"""Write the encoding and format "twins" of some sample reports in Corpora/.

For each slug in SLUGS, from Corpora/<slug>.txt (UTF-8, LF) this writes:

  Corpora/encodings/<slug>.gb18030.txt      same text, GB18030, no BOM
  Corpora/encodings/<slug>.utf16le-bom.txt  UTF-16LE with BOM
  Corpora/encodings/<slug>.utf16be-bom.txt  UTF-16BE with BOM
  Corpora/encodings/<slug>.utf8-bom.txt     UTF-8 with BOM
  Corpora/formats/<slug>.html               a government-style web page (nav, footer, script, style,
                                            entities, a <br> inside a paragraph)
  Corpora/formats/<slug>.docx               a minimal valid DOCX, one <w:p> per line, some lines split
                                            over several runs (one split falls inside a number)
  Corpora/formats/<slug>.md                 Markdown with # headings

The output is deterministic (same bytes on every run: fixed ZIP timestamps and attributes, no
dates or random ids).  After writing, the script reads every twin back and checks that it yields
the source text (exactly for the encodings; line by line for HTML, DOCX and Markdown) and exits
non-zero if not.

Usage (from the repository root, or anywhere):  python3 Scripts/make_corpus_twins.py
Python 3 standard library only.
"""
import html
import html.parser
import io
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
import xml.etree.ElementTree as ET

SLUGS = ["county-annual-2019", "traditional-hk"]

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "Corpora"
ENC_DIR = CORPORA / "encodings"
FMT_DIR = CORPORA / "formats"

# A line is a section heading ("一、…", "四、2020年工作打算") when it starts with a Chinese
# numeral followed by 、 and is short.
HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def is_heading(line):
    return bool(HEADING.match(line)) and len(line) <= 40


def read_source(slug):
    raw = (CORPORA / f"{slug}.txt").read_bytes()
    text = raw.decode("utf-8")
    if text.startswith("\ufeff") or "\r" in text:
        sys.exit(f"{slug}.txt must be UTF-8 without BOM, LF line endings")
    return text


# ---------------------------------------------------------------- encodings

def encoding_twins(text):
    return {
        "gb18030.txt": text.encode("gb18030"),
        "utf16le-bom.txt": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf16be-bom.txt": b"\xfe\xff" + text.encode("utf-16-be"),
        "utf8-bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
    }


def decode_twin(name, data):
    if name == "gb18030.txt":
        return data.decode("gb18030")
    if name == "utf16le-bom.txt":
        assert data[:2] == b"\xff\xfe"
        return data[2:].decode("utf-16-le")
    if name == "utf16be-bom.txt":
        assert data[:2] == b"\xfe\xff"
        return data[2:].decode("utf-16-be")
    if name == "utf8-bom.txt":
        assert data[:3] == b"\xef\xbb\xbf"
        return data[3:].decode("utf-8")
    raise ValueError(name)


# ---------------------------------------------------------------- HTML

def html_inline(s, state):
    """Escape one line of content for HTML, using named entities for the curly quotes and a
    numeric character reference for the first few 人."""
    out = []
    for ch in s:
        if ch == "\u201c":
            out.append("&ldquo;")
        elif ch == "\u201d":
            out.append("&rdquo;")
        elif ch == "人" and state["ren"] < 3:
            state["ren"] += 1
            out.append("&#20154;")
        else:
            out.append(html.escape(ch, quote=False))
    return "".join(out)


def make_html(slug, text):
    lines = [l for l in text.split("\n")]
    nonempty = [l for l in lines if l.strip()]
    title = nonempty[0]
    body = nonempty[1:]
    # the signature block (issuer and date, the last two lines) becomes one paragraph with a <br>
    sign = body[-2:] if len(body) >= 2 and re.search(r"\d+年\d+月\d+日$", body[-1]) else []
    if sign:
        body = body[:-2]
    state = {"ren": 0}
    content = [f"    <h1>{html_inline(title, state)}</h1>"]
    first_p = True
    for line in body:
        if is_heading(line):
            content.append(f"    <h2>{html_inline(line, state)}</h2>")
        elif first_p:
            # old CMS pages indent the first paragraph with non-breaking spaces
            first_p = False
            content.append(f"    <p>&nbsp;&nbsp;&nbsp;&nbsp;{html_inline(line, state)}</p>")
        else:
            content.append(f"    <p>{html_inline(line, state)}</p>")
    if sign:
        content.append(f'    <p class="sign">{html_inline(sign[0], state)}<br>{html_inline(sign[1], state)}</p>')
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(title)}_工作总结_政务公开</title>
  <style>
    body {{ font-family: "Microsoft YaHei", "SimSun", sans-serif; margin: 0; color: #333; }}
    nav ul {{ list-style: none; margin: 0; padding: 0; background: #c00; }}
    nav li {{ display: inline-block; padding: 8px 16px; }}
    nav a {{ color: #fff; text-decoration: none; }}
    article {{ width: 960px; margin: 20px auto; line-height: 2; }}
    article p {{ text-indent: 2em; }}
    .sign {{ text-align: right; }}
    footer {{ border-top: 1px solid #ccc; font-size: 12px; text-align: center; padding: 12px; }}
  </style>
  <script>
    var _hmt = _hmt || [];
    function setFontSize(n) {{ document.querySelector("article").style.fontSize = n + "px"; }}
    window.onload = function () {{ if (document.body.clientWidth < 960) {{ setFontSize(14); }} }};
  </script>
</head>
<body>
  <header>
    <nav>
      <ul>
        <li><a href="/">首页</a></li>
        <li><a href="/zwgk/">政务公开</a></li>
        <li><a href="/xfgz/">信访工作</a></li>
        <li><a href="/hdjl/">互动交流</a></li>
        <li><a href="/bszn/">办事指南</a></li>
      </ul>
    </nav>
    <div class="meta">来源：本站&nbsp;&nbsp;发布时间：2020-01-10&nbsp;&nbsp;浏览次数：1024&nbsp;&nbsp;【字体：<a href="javascript:setFontSize(18)">大</a> <a href="javascript:setFontSize(16)">中</a> <a href="javascript:setFontSize(14)">小</a>】</div>
  </header>
  <article>
{chr(10).join(content)}
  </article>
  <footer>
    <p>主办单位：某县人民政府办公室&nbsp;&nbsp;联系电话：0000-12345678</p>
    <p>&copy; 版权所有&nbsp;&nbsp;网站标识码：1234000001&nbsp;&nbsp;某ICP备12345678号-1</p>
  </footer>
  <script>
    (function () {{ var hm = document.createElement("script"); hm.src = "/stat.js?id=20"; document.body.appendChild(hm); }})();
  </script>
</body>
</html>
"""
    return page.encode("utf-8")


class ContentText(html.parser.HTMLParser):
    """Collects the text of <h1>/<h2>/<p> inside <article>, one line per element, <br> = new line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.block = None
        self.lines = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article += 1
        elif self.in_article and tag in ("h1", "h2", "p"):
            self.block = []
        elif self.block is not None and tag == "br":
            self.lines.append("".join(self.block))
            self.block = []

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        elif self.block is not None and tag in ("h1", "h2", "p"):
            self.lines.append("".join(self.block))
            self.block = None

    def handle_data(self, data):
        if self.block is not None:
            self.block.append(data)


def html_lines(data):
    p = ContentText()
    p.feed(data.decode("utf-8"))
    p.close()
    return p.lines


# ---------------------------------------------------------------- DOCX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>
"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
"""


def run_xml(t, bold=False, preserve=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    # xml:space="preserve" is needed when a run's text has leading or trailing white space;
    # Word also writes it on most runs that result from a split, so do the same there.
    space = ' xml:space="preserve"' if (preserve or t != t.strip()) else ""
    return f"<w:r>{rpr}<w:t{space}>{xml_escape(t)}</w:t></w:r>"


def split_runs(line, index, state):
    """Split some lines into several runs, as Word does after editing.  The first line that holds a
    count of three or more digits (before 批, 件 or 人次) is split inside that number (1386 -> 13|86);
    every third longer line is split into three runs at fixed fractions of its length, which may
    also fall inside a number (11.|2%)."""
    if not state["split_number"]:
        m = re.search(r"\d{3,}(?=批|件|人次)", line)
        if m:
            state["split_number"] = True
            cut = m.start() + 2
            return [line[:cut], line[cut:]]
    if len(line) > 30 and index % 3 == 0:
        a, b = len(line) // 3, 2 * len(line) // 3
        return [line[:a], line[a:b], line[b:]]
    return [line]


def make_docx(slug, text):
    paras = []
    state = {"split_number": False}
    for i, line in enumerate(text.split("\n")):
        if not line:
            paras.append("<w:p/>")
            continue
        if i == 0:
            paras.append('<w:p><w:pPr><w:jc w:val="center"/></w:pPr>' + run_xml(line, bold=True) + "</w:p>")
            continue
        if is_heading(line):
            paras.append("<w:p>" + run_xml(line, bold=True) + "</w:p>")
            continue
        pieces = split_runs(line, i, state)
        paras.append("<w:p>" + "".join(run_xml(p, preserve=len(pieces) > 1) for p in pieces) + "</w:p>")
    # section properties close the body, as Word writes them
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}"><w:body>'
        + "".join(paras)
        + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>\n"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("word/document.xml", document)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8"))
    return buf.getvalue()


def docx_lines(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names, names
        root = ET.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(f"{{{W}}}p"):
        lines.append("".join(t.text or "" for t in p.iter(f"{{{W}}}t")))
    return lines


# ---------------------------------------------------------------- Markdown

def make_md(slug, text):
    out = []
    first = True
    for line in text.split("\n"):
        if first and line.strip():
            out.append("# " + line)
            first = False
        elif is_heading(line):
            out.append("## " + line)
        else:
            out.append(line)
    return ("\n".join(out)).encode("utf-8")


def md_lines(data):
    return [re.sub(r"^#{1,6} ", "", l) for l in data.decode("utf-8").split("\n")]


# ---------------------------------------------------------------- main

def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def main():
    problems = []
    for slug in SLUGS:
        text = read_source(slug)
        src_lines = [l for l in text.split("\n") if l.strip()]

        for suffix, data in encoding_twins(text).items():
            p = ENC_DIR / f"{slug}.{suffix}"
            write(p, data)
            if decode_twin(suffix, p.read_bytes()) != text:
                problems.append(f"{p}: does not decode to the source text")

        p = FMT_DIR / f"{slug}.html"
        write(p, make_html(slug, text))
        # str.strip() also removes the U+00A0 of the &nbsp; indentation
        got = [l.strip() for l in html_lines(p.read_bytes()) if l.strip()]
        if got != src_lines:
            problems.append(f"{p}: content lines differ from the source")

        p = FMT_DIR / f"{slug}.docx"
        write(p, make_docx(slug, text))
        got = docx_lines(p.read_bytes())
        if got != text.split("\n"):
            problems.append(f"{p}: paragraphs differ from the source lines")

        p = FMT_DIR / f"{slug}.md"
        write(p, make_md(slug, text))
        if md_lines(p.read_bytes()) != text.split("\n"):
            problems.append(f"{p}: lines differ from the source")

        print(f"{slug}: wrote 4 encodings and 3 formats")
    for msg in problems:
        print("ERROR:", msg, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
