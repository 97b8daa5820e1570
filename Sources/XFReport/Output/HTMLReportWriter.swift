import Foundation

/// report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) to read
/// an archive's analysis: an overview with corpus totals, charts of issue categories and of key
/// figures by document, the findings, and per document its articles with every fact beside its
/// evidence clause, the number marked.
///
/// The overview comes first but needs the totals, which arrive only in ``finish(_:)``; so the
/// document sections and the findings stream to two scratch files in the staging folder and are
/// copied in after it. Memory keeps a few counts and sums per document, never texts.
public final class HTMLReportWriter: AnalysisWriter {
  private let out: OutputDirectory
  private let keepDuplicates: Bool
  private let sectionsURL: URL
  private let findingsURL: URL
  private let sections: OutputFile
  private let findingItems: OutputFile
  private var entries: [Entry] = []
  public let renderer: Renderer
  private var ruleCounts: [Finding.Rule: Int] = [:]

  /// What the overview and the charts need of one document.
  struct Entry: Sendable {
    let index: Int
    let doc: String
    let name: String
    let failure: DocumentAnalysis.Failure?
    let articles: Int
    let repeatedArticles: Int
    let facts: Int
    let placeholders: Int
    let findings: Int
    let sums: [SumKey: Sum]
  }

  struct SumKey: Hashable, Sendable {
    let metric: Metric
    let unitClass: String
  }

  struct Sum: Sendable {
    var value: Decimal = 0
    var approx = false
  }

  /// `keepDuplicates` only changes the labels and the by-document sums, to match the totals.
  public init(_ out: OutputDirectory, keepDuplicates: Bool = false) throws {
    self.out = out
    self.keepDuplicates = keepDuplicates
    renderer = Renderer(keepDuplicates: keepDuplicates)
    // Not registered with `out`: they vanish with the staging folder instead of being moved into place.
    sectionsURL = out.staging.appendingPathComponent(".report-sections.html")
    findingsURL = out.staging.appendingPathComponent(".report-findings.html")
    sections = try OutputFile(sectionsURL)
    findingItems = try OutputFile(findingsURL)
  }

  // MARK: Documents

  /// Metric ids that may wrap after `_` in a narrow column.
  static let breakableID = Dictionary(uniqueKeysWithValues: Metric.allCases.map { ($0, $0.rawValue.replacingOccurrences(of: "_", with: "_<wbr>")) })

  static func markedEvidence(_ f: Fact) -> (html: String, marked: String?) {
    var bytes: [UInt8] = []
    let marked = appendMarkedEvidence(f, to: &bytes)
    return (String(decoding: bytes, as: UTF8.self), marked)
  }

  /// ``markedEvidence(_:)`` appended to a page; returns the marked text. The evidence is the
  /// normalized text of `evidenceRange` and `range` the number in the same scalars, so the mark
  /// is at `range - evidenceRange.lowerBound`.
  static func appendMarkedEvidence(_ f: Fact, to out: inout [UInt8]) -> String? {
    var evidence = f.evidence
    return evidence.withUTF8 { b -> String? in
      let clause = f.evidenceRange, number = f.range
      // A number outside its clause, or a clause that is not that range, is shown unmarked
      // rather than marked in the wrong place.
      guard !number.isEmpty, number.lowerBound >= clause.lowerBound, number.upperBound <= clause.upperBound,
        b.reduce(0, { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }) == clause.count
      else {
        out.appendEscaped(bytes: b[...])
        return nil
      }
      let first = number.lowerBound - clause.lowerBound, end = number.upperBound - clause.lowerBound
      // Scalar offsets to byte offsets.
      var lo = b.count, hi = b.count, k = 0
      for (i, c) in b.enumerated() where c & 0xC0 != 0x80 {
        if k == first { lo = i }
        if k == end {
          hi = i
          break
        }
        k += 1
      }
      out.appendEscaped(bytes: b[..<lo])
      out.appendUTF8("<mark>")
      out.appendEscaped(bytes: b[lo..<hi])
      out.appendUTF8("</mark>")
      out.appendEscaped(bytes: b[hi...])
      return String(decoding: b[lo..<hi], as: UTF8.self)
    }
  }

  public func append(_ c: Chunk) throws {
    entries.append(c.entry)
    for r in c.rules { ruleCounts[r, default: 0] += 1 }
    try findingItems.write(c.findings)
    try sections.write(bytes: c.section)
  }

  // MARK: Finish

  public func finish(_ totals: CorpusTotals) throws {
    // Scratch files, copied into report.html below: only the page is synced.
    try sections.close(sync: false)
    try findingItems.close(sync: false)
    let report = try out.create("report.html")
    try report.write(head(totals))
    try report.write(overview(totals))
    try report.write(charts(totals))
    // Originals counted: a finding repeated in a copy is the same finding again.
    let inCopies = totals.duplicateFindings > 0 ? "<span class=\"muted\">（另有 \(totals.duplicateFindings) 条在重复文本中）</span>" : ""
    try report.write("<section id=\"findings\">\n<h2>核查发现 <span class=\"count\">\(totals.originalFindings)</span>\(inCopies)</h2>\n")
    if totals.findings == 0 {
      try report.write("<p class=\"muted\">未发现前后不一致的数字。</p>\n")
    } else {
      let rules = Finding.Rule.allCases.compactMap { r in ruleCounts[r].map { "\(Labels.rule(r)) \($0)" } }
      try report.write("<p class=\"meta\">\(rules.joined(separator: " · "))。每条链接到所在篇目和有关数字。</p>\n<ol class=\"findings\">\n")
      try copy(findingsURL, into: report)
      try report.write("</ol>\n")
    }
    try report.write("</section>\n<h2 class=\"docs-title\" id=\"documents\">文档</h2>\n")
    try copy(sectionsURL, into: report)
    try report.write("<footer>xfreport analyze · report.html · 本页不含脚本，不引用外部资源。</footer>\n</main>\n</body>\n</html>\n")
    try report.close()
    try? FileManager.default.removeItem(at: sectionsURL)
    try? FileManager.default.removeItem(at: findingsURL)
  }

  private func copy(_ url: URL, into file: OutputFile) throws {
    let h = try FileHandle(forReadingFrom: url)
    defer { try? h.close() }
    while let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty { try file.write(bytes: [UInt8](chunk)) }
  }

  private func head(_ t: CorpusTotals) -> String {
    """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>信访工作报告分析 · \(t.documents + t.failedDocuments) 份文档</title>
    <style>
    \(Self.css)
    </style>
    </head>
    <body id="top">
    <header class="bar"><div class="in"><b>信访工作报告分析</b><nav><a href="#overview">概览</a><a href="#charts">图表</a><a href="#findings">核查发现</a><a href="#documents">文档</a></nav></div></header>
    <main>

    """
  }

  private func overview(_ t: CorpusTotals) -> String {
    var h = "<section id=\"overview\">\n<h1>信访工作报告分析</h1>\n"
    h += "<p class=\"lead\">\(t.documents + t.failedDocuments) 份文档，\(t.articles) 篇，\(t.facts) 个数字。"
    h += keepDuplicates ? "合计包括重复的篇目和段落。" : "合计中重复的篇目和段落只计一次。"
    h += "</p>\n<div class=\"cards\">\n"
    let cards: [(String, Int, String, String)] = [
      ("文档", t.documents, "份已分析", ""),
      ("失败", t.failedDocuments, "份未能读取", t.failedDocuments > 0 ? "bad" : ""),
      ("篇目", t.articles, "其中重复 \(t.duplicateArticles)", ""),
      ("数字", t.facts, "其中重复 \(t.duplicateFacts)", ""),
      ("空白占位", t.placeholders, "xx、××、□ 等", t.placeholders > 0 ? "muted-card" : ""),
      ("核查发现", t.originalFindings, t.duplicateFindings > 0 ? "数字前后不一致（原文；另有 \(t.duplicateFindings) 条在重复文本中）" : "数字前后不一致", t.originalFindings > 0 ? "warn-card" : ""),
    ]
    for (label, n, note, cls) in cards {
      h += "<div class=\"card \(cls)\"><div class=\"cl\">\(label)</div><div class=\"cn\">\(Self.grouped(Decimal(n)))</div><div class=\"cs\">\(esc(note))</div></div>\n"
    }
    h += "</div>\n<h2>文档一览</h2>\n<table class=\"list\"><thead><tr><th>#</th><th>文档</th><th>状态</th><th class=\"num\">篇目</th><th class=\"num\">重复篇目</th><th class=\"num\">数字</th><th class=\"num\">空白</th><th class=\"num\">发现</th></tr></thead><tbody>\n"
    for e in entries {
      let status = e.failure.map { "<span class=\"bad\">失败 <code>\(esc($0.code))</code></span>" } ?? "已分析"
      let row = e.failure == nil ? "<td class=\"num\">\(e.articles)</td><td class=\"num\">\(e.repeatedArticles)</td><td class=\"num\">\(e.facts)</td><td class=\"num\">\(e.placeholders)</td><td class=\"num\(e.findings > 0 ? " warnc" : "")\">\(e.findings)</td>" : "<td colspan=\"5\" class=\"muted\">\(esc(e.failure!.message))</td>"
      h += "<tr><td>\(e.index)</td><td><a href=\"#d-\(e.index)\">\(esc(e.doc))</a></td><td>\(status)</td>\(row)</tr>\n"
    }
    h += "</tbody></table>\n"
    h += "<h2>合计 <span class=\"sub\">全部时期</span></h2>\n"
    let all = t.metrics.keys.filter { $0.period.isEmpty }.sorted()
    if all.isEmpty {
      h += "<p class=\"muted\">没有可合计的关键数字。</p>\n"
    } else {
      h += "<p class=\"meta\">各篇关键数字（每个指标取该篇首个实际数字）按单位类别相加；带“约”的合计含有约数。</p>\n"
      h += totalsTable(all, t, period: false)
    }
    let periods = t.metrics.keys.filter { !$0.period.isEmpty }.sorted()
    if !periods.isEmpty {
      let n = Set(periods.map(\.period)).count
      h += "<details><summary>按时期合计（\(n) 个时期）</summary>\n" + totalsTable(periods, t, period: true) + "</details>\n"
    }
    return h + "</section>\n"
  }

  private func totalsTable(_ keys: [CorpusTotals.Key], _ t: CorpusTotals, period: Bool) -> String {
    var h = "<table class=\"list totals\"><thead><tr>\(period ? "<th>时期</th>" : "")<th>指标</th><th>单位</th><th class=\"num\">合计</th><th class=\"num\">篇数</th><th>约数</th></tr></thead><tbody>\n"
    for key in keys {
      let v = t.metrics[key]!
      h += "<tr>\(period ? "<td>\(esc(key.period))</td>" : "")<td>\(esc(Labels.metric(key.metric))) <span class=\"id\">\(key.metric.rawValue)</span></td>"
      h += "<td>\(esc(Labels.unitClass(key.unitClass)))</td><td class=\"num\">\(Self.grouped(v.value))</td><td class=\"num\">\(v.articles)</td><td>\(v.approx ? "约" : "")</td></tr>\n"
    }
    return h + "</tbody></table>\n"
  }

  // MARK: Charts

  private func charts(_ t: CorpusTotals) -> String {
    var h = "<section id=\"charts\">\n<h2>按类别统计</h2>\n"
    let cats = t.rankedCategories
    if cats.isEmpty {
      h += "<p class=\"muted\">没有识别出信访问题类别。</p>\n"
    } else {
      h += "<p class=\"meta\"><span class=\"sw s1\"></span>涉及的篇数 <span class=\"sw s2\"></span>提及次数（同一刻度）\(keepDuplicates ? "" : "，重复篇目不计")。</p>\n"
      let rows = cats.prefix(Self.maxRows).map { c, v in
        BarRow(label: Labels.category(c) + " " + c, title: c, values: [(Double(v.articles), "\(v.articles) 篇"), (Double(v.mentions), "\(v.mentions) 次")])
      }
      h += Self.barChart(rows, title: "各类别的篇数和提及次数", width: 1080, labelWidth: 240)
      if cats.count > Self.maxRows { h += "<p class=\"meta\">只列出前 \(Self.maxRows) 个类别，共 \(cats.count) 个。</p>\n" }
    }
    h += "<h2>各文档关键数字</h2>\n"
    h += "<p class=\"meta\">每份文档各篇关键数字之和\(keepDuplicates ? "" : "（重复的篇目和段落不计）")，按指标和单位分图；≈ 表示含约数。</p>\n"
    var keys = Set<SumKey>()
    for e in entries { keys.formUnion(e.sums.keys) }
    let order = Dictionary(uniqueKeysWithValues: ArticleSummarizer.countMetrics.enumerated().map { ($1, $0) })
    let panels = keys.sorted { (order[$0.metric] ?? 0, $0.unitClass) < (order[$1.metric] ?? 0, $1.unitClass) }
    if panels.isEmpty { return h + "<p class=\"muted\">没有关键数字。</p>\n</section>\n" }
    h += "<div class=\"panels\">\n"
    for key in panels {
      var rows = entries.compactMap { e in e.sums[key].map { (e, $0) } }
      let total = rows.count
      if rows.count > Self.maxRows {
        rows = Array(rows.sorted { ($0.1.value, $1.0.index) > ($1.1.value, $0.0.index) }.prefix(Self.maxRows))
      }
      let unit = Labels.unitClass(key.unitClass)
      let bars = rows.map { e, s in
        BarRow(label: "\(e.index) \(e.doc)", title: e.name, values: [(NSDecimalNumber(decimal: s.value).doubleValue, (s.approx ? "≈" : "") + Self.grouped(s.value) + " " + unit)], href: "#d-\(e.index)")
      }
      h += "<figure class=\"panel\"><figcaption>\(esc(Labels.metric(key.metric))) <span class=\"id\">\(key.metric.rawValue)</span> · 单位：\(esc(unit))</figcaption>\n"
      h += Self.barChart(bars, title: "\(Labels.metric(key.metric))（\(unit)），按文档", width: 560, labelWidth: 230)
      if total > rows.count { h += "<p class=\"meta\">数值最大的 \(rows.count) 份，共 \(total) 份。</p>\n" }
      h += "</figure>\n"
    }
    return h + "</div>\n</section>\n"
  }

  static let maxRows = 25

  struct BarRow {
    let label: String
    let title: String
    /// One bar per series: length and the text shown after it.
    let values: [(Double, String)]
    var href: String? = nil
  }

  /// Horizontal bars as inline SVG, one scale for all series, labels cut to fit their column.
  static func barChart(_ rows: [BarRow], title: String, width: Int, labelWidth: Int) -> String {
    let series = rows.first?.values.count ?? 1
    let barH = series == 1 ? 16 : 15
    let rowH = series * barH + 10
    let valueW = 100
    let span = Double(width - labelWidth - valueW)
    let top = 4
    let height = top + rows.count * rowH + 4
    let maxV = rows.flatMap { $0.values.map(\.0) }.max() ?? 0
    var s = "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(esc(title))\">\n"
    for (i, r) in rows.enumerated() {
      let y = top + i * rowH
      let label = "<text class=\"lb\" x=\"\(labelWidth - 8)\" y=\"\(y + rowH / 2 + 4)\" text-anchor=\"end\"><title>\(esc(r.title))</title>\(esc(fit(r.label, labelWidth - 12)))</text>"
      s += r.href.map { "<a href=\"\($0)\">\(label)</a>" } ?? label
      for (k, (v, text)) in r.values.enumerated() {
        let w = maxV > 0 ? max(v > 0 ? 1.0 : 0, v / maxV * span) : 0
        let by = y + 5 + k * barH
        s += "<rect class=\"s\(k + 1)\" x=\"\(labelWidth)\" y=\"\(by)\" width=\"\(String(format: "%.1f", w))\" height=\"\(barH - 2)\" rx=\"2\"/>"
        s += "<text class=\"vl\" x=\"\(String(format: "%.1f", Double(labelWidth) + w + 6))\" y=\"\(by + barH - 4)\">\(esc(text))</text>"
      }
      s += "\n"
    }
    s += "<line class=\"axis\" x1=\"\(labelWidth)\" y1=\"0\" x2=\"\(labelWidth)\" y2=\"\(height)\"/>\n</svg>\n"
    return s
  }

  /// Cuts a label to about `px` pixels at 12px (CJK about 12px, other characters about 7).
  static func fit(_ s: String, _ px: Int) -> String {
    func width(_ c: Character) -> Double { c.unicodeScalars.first!.value >= 0x2E80 ? 12 : 7 }
    guard s.reduce(0.0, { $0 + width($1) }) > Double(px) else { return s }
    var w = 0.0
    var out = ""
    for c in s {
      w += width(c)
      if w > Double(px - 12) { break }
      out.append(c)
    }
    return out + "…"
  }

  /// 12,345.6 (grouped integer part, for totals).
  static func grouped(_ d: Decimal) -> String {
    let s = FactWriter.number(d)
    let neg = s.hasPrefix("-")
    let body = neg ? String(s.dropFirst()) : s
    let parts = body.split(separator: ".", maxSplits: 1)
    var int = Array(parts[0])
    var k = int.count - 3
    while k > 0 { int.insert(",", at: k); k -= 3 }
    return (neg ? "-" : "") + String(int) + (parts.count > 1 ? "." + parts[1] : "")
  }

  static let css = """
    :root{--ink:#1f2328;--muted:#6b7280;--line:#d8dde3;--bg:#f6f7f9;--s1:#3a6ea5;--s2:#e0913a;--mark:#ffe27a;--warn:#fff3d6;--warnb:#d9822b;--bad:#b42318}
    *{box-sizing:border-box}
    html{scroll-padding-top:3.2rem}
    body{margin:0;color:var(--ink);background:var(--bg);font:14px/1.6 "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
    code,.id{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}
    .id{color:var(--muted)}
    a{color:#1f5fa8;text-decoration:none}a:hover{text-decoration:underline}
    .bar{position:sticky;top:0;z-index:2;background:#24364d;color:#fff}
    .bar .in{max-width:1200px;margin:0 auto;padding:.45rem 1.2rem;display:flex;gap:1.5rem;align-items:center}
    .bar nav a{color:#dbe7f5;margin-right:1.1rem}
    main{max-width:1200px;margin:0 auto;padding:0 1.2rem 2rem}
    h1{font-size:26px;margin:1.2rem 0 .3rem}
    h2{font-size:20px;margin:2rem 0 .6rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}
    h2 .sub,h2 .count{font-size:14px;color:var(--muted);font-weight:normal}
    h3{font-size:16px;margin:0 0 .3rem}
    .lead{font-size:15px;margin:.2rem 0 1rem}
    .meta{color:var(--muted);font-size:13px;margin:.2rem 0 .5rem}
    .muted{color:var(--muted)}
    .cards{display:grid;grid-template-columns:repeat(6,1fr);gap:.7rem}
    .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem}
    .card .cl{color:var(--muted);font-size:13px}.card .cn{font-size:26px;font-weight:600;line-height:1.3}.card .cs{color:var(--muted);font-size:12px}
    .card.warn-card{background:var(--warn);border-color:var(--warnb)}.card.bad .cn{color:var(--bad)}.card.muted-card .cn{color:#7a6f9b}
    table{border-collapse:collapse;background:#fff;width:100%}
    th,td{border:1px solid var(--line);padding:.25rem .45rem;vertical-align:top;text-align:left}
    th{background:#eef1f4;font-weight:600;font-size:13px}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    table.list{width:auto;min-width:60%}
    .warnc{background:var(--warn);font-weight:600}
    .bad{color:var(--bad)}
    details{margin:.6rem 0}summary{cursor:pointer;color:#1f5fa8}
    .chart{display:block;width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:6px}
    .chart text{font-family:inherit;font-size:12px;fill:var(--ink)}.chart .vl{fill:#374151}
    .chart .s1{fill:var(--s1)}.chart .s2{fill:var(--s2)}.chart .axis{stroke:#9aa4af;stroke-width:1}
    .chart a text{fill:#1f5fa8}
    .sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin:0 .25em 0 .6em}.sw.s1{background:var(--s1)}.sw.s2{background:var(--s2)}
    .panels{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.9rem}
    .panel{margin:0}.panel figcaption{font-weight:600;margin-bottom:.2rem}
    ol.findings{padding-left:2rem}
    .finding{background:var(--warn);border-left:4px solid var(--warnb);border-radius:4px;padding:.45rem .8rem;margin:.5rem 0}
    .finding:target,tr:target{outline:3px solid #f2b84b}
    .finding p{margin:.15rem 0}.finding .ev{color:#374151}
    .rule{display:inline-block;background:var(--warnb);color:#fff;border-radius:3px;padding:0 .4em;font-size:12px;font-weight:600}
    .sc{color:#7c2d12;margin-left:.5em}
    .figs a,.figs>span{margin-right:.8em;white-space:nowrap}
    ul.findings.inline{list-style:none;padding:0;margin:.3rem 0}
    ul.findings.inline li{background:var(--warn);border-left:4px solid var(--warnb);padding:.25rem .6rem;margin:.25rem 0}
    ul.findings.inline .figs{margin-left:.6em}
    .doc{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.2rem 1rem 1rem;margin:1.2rem 0}
    .doc h2{border:none;margin-top:.6rem}
    .dn{display:inline-block;min-width:1.8em;text-align:center;background:#24364d;color:#fff;border-radius:4px;font-size:15px;margin-right:.3em}
    .top{font-size:14px;font-weight:normal;margin-left:.5em}
    .error{background:#fde8e7;border-left:4px solid var(--bad);padding:.5rem .8rem}
    ul.warn{background:#fff8e6;padding:.3rem .3rem .3rem 2rem;font-size:13px}
    .art{border-top:1px solid var(--line);padding-top:.8rem;margin-top:1rem}
    .art.dup{background:repeating-linear-gradient(135deg,#fafafa,#fafafa 8px,#f3f3f3 8px,#f3f3f3 16px);padding:.8rem .6rem .4rem}
    .an{color:var(--muted);font-weight:normal;margin-right:.4em}
    .dupnote{color:#5b4b8a;font-size:13px;margin:.2rem 0;padding-left:1.2rem}p.dupnote{padding-left:0}
    .keys{font-size:13px;background:#f3f6fa;border-radius:4px;padding:.3rem .6rem}
    .derived{color:var(--muted)}
    table.facts{table-layout:fixed;font-size:13px;margin-top:.5rem}
    .c-i{width:3.2em}.c-k{width:3.6em}.c-m{width:9em}.c-v{width:8em}.c-u{width:3.6em}.c-f{width:9em}.c-s{width:10.5em}
    table.facts td{overflow-wrap:anywhere}
    table.facts .id{font-size:11px}
    td.i a{color:var(--muted)}
    td.sp{white-space:nowrap;font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}
    td.ev mark,.finding mark{background:var(--mark);padding:0 .1em;border-radius:2px;font-weight:600}
    tr.hit td{background:#fff7e3}
    tr.rep td{color:#4b5563}
    tr.ph-row td.ev mark{background:#e4def5}
    td.num .ph{white-space:normal}
    .nb{white-space:nowrap}
    .ph{color:#7a6f9b;font-style:italic}
    .tag{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .3em;font-size:12px;line-height:1.5;margin:0 .1em .1em 0;background:#f9fafb}
    .tag.tg{border-color:#7aa5d6;color:#1f5fa8}.tag.cat{border-color:#9bc59d;color:#2f6b33}.tag.per{color:var(--muted)}
    .tag.dupt{border-color:#b3a6d9;color:#5b4b8a}
    a.tag.flag{background:var(--warnb);border-color:var(--warnb);color:#fff}
    .small{font-size:12px}
    footer{color:var(--muted);font-size:12px;margin-top:2rem;text-align:center}
    @media (max-width:900px){.cards{grid-template-columns:repeat(3,1fr)}.panels{grid-template-columns:1fr}}
    @media print{.bar{position:static}.art.dup{background:none}}
    """
}

/// Escapes text for HTML content and attribute values.
extension Array where Element == UInt8 {
  /// `s` with & < > " ' as HTML entities.
  mutating func appendEscaped(_ s: String) {
    var s = s
    s.withUTF8 { appendEscaped(bytes: $0[...]) }
  }

  mutating func appendEscaped(bytes b: Slice<UnsafeBufferPointer<UInt8>>) {
    guard b.contains(where: { (c: UInt8) -> Bool in c == 0x26 || c == 0x3C || c == 0x3E || c == 0x22 || c == 0x27 }) else {
      append(contentsOf: b)
      return
    }
    for c in b { appendEscaped(byte: c) }
  }

  @inline(__always)
  private mutating func appendEscaped(byte c: UInt8) {
    switch c {
    case 0x26: appendUTF8("&amp;")
    case 0x3C: appendUTF8("&lt;")
    case 0x3E: appendUTF8("&gt;")
    case 0x22: appendUTF8("&quot;")
    case 0x27: appendUTF8("&#39;")
    default: append(c)
    }
  }
}

func esc(_ s: String) -> String {
  // Most text holds none of the five characters: returned as it is.
  guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
  var bytes: [UInt8] = []
  bytes.appendEscaped(s)
  return String(decoding: bytes, as: UTF8.self)
}

/// Chinese names for the ids, shown beside them.
enum Labels {
  static func metric(_ m: Metric) -> String {
    switch m {
    case .received: "信访总量"
    case .letters: "来信"
    case .visits: "来访"
    case .calls: "来电"
    case .online: "网上信访"
    case .collective: "集体访"
    case .repeat: "重复访"
    case .to_beijing: "进京访"
    case .to_province: "赴省访"
    case .to_city: "到市访"
    case .local: "本级来访"
    case .leapfrog: "越级访"
    case .abnormal: "非正常访"
    case .referred: "交办转办"
    case .key_cases: "重点积案"
    case .cases: "信访事项"
    case .resolved: "办结化解"
    case .settled: "息诉罢访"
    case .pending: "在办未结"
    case .petitioners: "信访人"
    case .disputes: "矛盾纠纷"
    case .resolution_rate: "办结率"
    case .closure_rate: "结案率"
    case .settlement_rate: "息诉率"
    case .reply_rate: "答复率"
    case .mediation_rate: "调处率"
    case .satisfaction_rate: "满意率"
    case .other_rate: "其他比率"
    case .other: "其他"
    }
  }

  static func kind(_ k: FactKind) -> String {
    switch k {
    case .count: "数量"
    case .rate: "比率"
    case .share: "占比"
    case .change: "变化"
    }
  }

  static func rule(_ r: Finding.Rule) -> String {
    switch r {
    case .rateMismatch: "比率不符"
    case .changeMismatch: "变化幅度不符"
    case .partsSum: "分项之和不符"
    case .impossibleValue: "不可能的数值"
    case .copyConflict: "副本数字不一"
    }
  }

  static func relation(_ r: DuplicateMatch.Relation) -> String {
    switch r {
    case .same: "相同"
    case .part_of: "包含于"
    case .contains: "包含"
    }
  }

  static func role(_ r: String) -> String {
    switch r {
    case "rate": "比率"
    case "numerator": "分子"
    case "denominator": "分母"
    case "total": "总数"
    case "part": "分项"
    case "change": "变化"
    case "share": "占比"
    case "copy": "本处"
    case "original": "原文"
    case "from": "原值"
    case "to": "现值"
    case "batches": "批数"
    case "people": "人数"
    default: r
    }
  }

  /// A totals key (``UnitLexicon/unitKey(_:class:)``) as a reader says it.
  static func unitClass(_ key: String) -> String {
    switch UnitLexicon.UnitClass(rawValue: key) {
    case .items: "件"
    case .batches: "批"
    case .person_visits: "人次"
    case .persons: "人"
    case .times: "次"
    case .other, nil: key
    }
  }

  /// 002_ba66558e4f0e6496.txt → 002…; short names stay whole.
  static func shortDoc(_ name: String) -> String {
    // Most names are ASCII (001_386e36d4317b4f28.txt): characters are bytes.
    if name.utf8.allSatisfy({ $0 < 0x80 }) {
      let b = Array(name.utf8)
      guard b.count > 12 else { return name }
      if let cut = b.firstIndex(where: { $0 == 0x5F || $0 == 0x2D || $0 == 0x2E || $0 == 0x20 }), cut >= 2, cut <= 10 {
        return String(decoding: b[..<cut], as: UTF8.self) + "…"
      }
      return String(decoding: b.prefix(8), as: UTF8.self) + "…"
    }
    guard name.count > 12 else { return name }
    if let cut = name.firstIndex(where: { "_-. ".contains($0) }), name.distance(from: name.startIndex, to: cut) >= 2,
      name.distance(from: name.startIndex, to: cut) <= 10
    {
      return String(name[..<cut]) + "…"
    }
    return String(name.prefix(8)) + "…"
  }

  static func category(_ c: String) -> String {
    switch c {
    case "agency:police": "公安机关"
    case "agency:court": "人民法院"
    case "agency:procuratorate": "检察院"
    case "agency:other": "其他机关"
    case "petitioner:farmer": "农民"
    case "petitioner:worker": "职工"
    case "petitioner:cadre": "干部"
    case "petitioner:unemployed": "无业人员"
    case "request:civil_judgment": "不服民事判决"
    case "request:criminal_judgment": "不服刑事判决"
    case "request:enforcement": "要求执行"
    case "request:other": "其他诉求"
    case "land": "土地"
    case "demolition": "拆迁征收"
    case "labor_social": "劳动社保"
    case "enterprise": "企业改制"
    case "law_litigation": "涉法涉诉"
    case "environment": "环境保护"
    case "cadre_conduct": "干部作风"
    case "veterans": "退役军人"
    case "urban_planning": "城乡建设"
    case "education": "教育"
    case "family_planning": "计划生育"
    case "traffic": "交通事故"
    case "institutional_reform": "机构改革"
    default: c
    }
  }
}

extension HTMLReportWriter {
  /// One document's part of the page.
  public struct Chunk: Sendable {
    let entry: Entry
    let rules: [Finding.Rule]
    let findings: String
    let section: [UInt8]
  }

  public struct Renderer: DocumentRenderer {
    let keepDuplicates: Bool

    public func render(_ d: DocumentAnalysis, shared: SharedRendering) -> Chunk {
      let n = d.position
      var sums: [SumKey: Sum] = [:]
      for a in d.articles where keepDuplicates || a.duplicateOf == nil {
        for k in a.keyFigures {
          guard let v = k.value, !k.placeholder, keepDuplicates || d.factDuplicateOf[k.fact] == nil else { continue }
          let key = SumKey(metric: k.metric, unitClass: k.unitKey)
          sums[key, default: Sum()].value += v
          if k.approx { sums[key, default: Sum()].approx = true }
        }
      }
      let entry = Entry(
        index: n, doc: d.doc, name: d.name, failure: d.failure, articles: d.articles.count,
        repeatedArticles: d.articles.filter { $0.duplicateOf != nil }.count, facts: d.facts.count,
        placeholders: d.facts.filter(\.placeholder).count, findings: d.findings.count, sums: sums)
      let ctx = DocContext(d, index: n, docIndex: d.firstPositions)
      var findings = ""
      for (k, f) in d.findings.enumerated() { findings += findingItem(f, k, ctx) }
      var section: [UInt8] = []
      section.reserveCapacity(d.facts.count * 1200 + 2048)
      section.appendUTF8(docHeader(d, n))
      for a in d.articles { article(a, ctx, to: &section) }
      section.appendUTF8("</section>\n")
      return Chunk(entry: entry, rules: d.findings.map(\.rule), findings: findings, section: section)
    }

    /// Per document lookups: which findings touch a fact, what each article holds.
    struct DocContext {
      let d: DocumentAnalysis
      let n: Int
      let docIndex: [String: Int]
      var findingsOf: [Int: [Int]] = [:]
      var factsIn: [Int: [Int]] = [:]
      var findingsIn: [Int: [Int]] = [:]
      var passagesIn: [Int: [DuplicateMatch]] = [:]

      init(_ d: DocumentAnalysis, index: Int, docIndex: [String: Int]) {
        self.d = d
        n = index
        self.docIndex = docIndex
        for (k, f) in d.facts.enumerated() { factsIn[f.article, default: []].append(k) }
        for m in d.duplicates where m.kind == .passage { passagesIn[m.copy.article, default: []].append(m) }
        for (k, f) in d.findings.enumerated() {
          findingsIn[f.article, default: []].append(k)
          var seen = Set<Int>()
          for case let i? in f.figures.map(\.fact) where seen.insert(i).inserted { findingsOf[i, default: []].append(k) }
        }
      }

      func factAnchor(_ k: Int) -> String { "f-\(n)-\(k)" }
      func findingAnchor(_ k: Int) -> String { "x-\(n)-\(k)" }
      func articleAnchor(_ a: Int) -> String { "a-\(n)-\(a)" }

      /// A link to where a repeated text first appeared (its article, when that document is in the
      /// report); `short` abbreviates the document name (002…#4/p7) for narrow cells.
      func refLink(_ ref: TextRef, short: Bool = false) -> String {
        var out: [UInt8] = []
        appendRefLink(ref, short: short, to: &out)
        return String(decoding: out, as: UTF8.self)
      }

      func appendRefLink(_ ref: TextRef, short: Bool = false, to out: inout [UInt8]) {
        let i = docIndex[ref.doc]
        if let i {
          out.appendUTF8("<a href=\"#a-")
          out.appendDecimal(i)
          out.append(UInt8(ascii: "-"))
          out.appendDecimal(ref.article)
          out.appendUTF8("\" title=\"")
        } else {
          out.appendUTF8("<span title=\"")
        }
        out.appendEscaped(ref.label)
        out.appendUTF8("\">")
        if short {
          if ref.doc == d.doc { out.appendUTF8("本文") } else { out.appendEscaped(Labels.shortDoc(ref.doc)) }
          out.append(UInt8(ascii: "#"))
          out.appendDecimal(ref.article)
          if let p = ref.passage {
            out.appendUTF8("/p")
            out.appendDecimal(p)
          }
        } else {
          out.appendEscaped(ref.label)
        }
        out.appendUTF8(i == nil ? "</span>" : "</a>")
      }
    }

    func docHeader(_ d: DocumentAnalysis, _ n: Int) -> String {
      var h = "<section class=\"doc\" id=\"d-\(n)\">\n<h2><span class=\"dn\">\(n)</span> \(esc(d.doc)) <a class=\"top\" href=\"#top\" title=\"回到顶部\">↑</a></h2>\n"
      var meta = ["路径 <code>\(esc(d.name))</code>"]
      if let f = d.format { meta.append("格式 \(esc(f))") }
      if let e = d.encoding { meta.append("编码 \(esc(e))") }
      if d.failure == nil {
        meta.append("篇目 \(d.articles.count)")
        meta.append("数字 \(d.facts.count)")
        meta.append("空白 \(d.facts.filter(\.placeholder).count)")
        meta.append("发现 \(d.findings.count)")
        meta.append("原文 \(d.sourceLength) 字")
      }
      h += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
      if let f = d.failure {
        h += "<div class=\"error\"><b>未能分析</b> <code>\(esc(f.code))</code> \(esc(f.message))</div>\n"
      }
      if !d.warnings.isEmpty {
        h += "<ul class=\"warn\">" + d.warnings.map { "<li><code>\(esc($0.code))</code> \(esc($0.message))</li>" }.joined() + "</ul>\n"
      }
      if d.failure == nil && d.articles.isEmpty { h += "<p class=\"muted\">没有篇目。</p>\n" }
      return h
    }

    func article(_ a: ArticleSummary, _ c: DocContext, to out: inout [UInt8]) {
      let d = c.d
      let dup = a.duplicateOf != nil
      var h = "<article class=\"art\(dup ? " dup" : "")\" id=\"\(c.articleAnchor(a.article))\">\n"
      h += "<h3><span class=\"an\">第\(a.article)篇</span> \(a.title.isEmpty ? "<span class=\"muted\">（无标题）</span>" : esc(a.title))"
      if dup { h += " <span class=\"tag dupt\">重复</span>" }
      h += "</h3>\n"
      var meta: [String] = []
      if let p = a.period { meta.append("时期 \(esc(p.label))") }
      if let b = a.body { meta.append("报告单位 \(esc(b))") }
      meta.append("位置 \(a.span.start)–\(a.span.end)")
      meta.append("数字 \(a.factCount)")
      if a.placeholderCount > 0 { meta.append("空白 \(a.placeholderCount)") }
      if !a.categories.isEmpty {
        meta.append("类别 " + a.categories.prefix(5).map { "\(esc(Labels.category($0.category)))×\($0.mentions)" }.joined(separator: "、"))
      }
      h += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
      if let ref = a.duplicateOf {
        let sim = a.duplicateSimilarity.map { "，相似度 " + AnalysisFields.fixed($0, places: 2) } ?? ""
        h += "<p class=\"dupnote\">重复篇目：repeats \(c.refLink(ref))\(sim)。\(keepDuplicates ? "" : "本篇数字不计入合计。")</p>\n"
      }
      let passages = c.passagesIn[a.article] ?? []
      if !passages.isEmpty {
        h += "<ul class=\"dupnote\">" + passages.map { m in
          "<li>第\(m.copy.passage.map(String.init) ?? "?")段（\(m.copy.span.start)–\(m.copy.span.end)）重复 \(c.refLink(m.original))（\(Labels.relation(m.relation))），相似度 \(AnalysisFields.fixed(m.similarity, places: 2))</li>"
        }.joined() + "</ul>\n"
      }
      h += keyFigures(a, c)
      let own = c.findingsIn[a.article] ?? []
      if !own.isEmpty {
        h += "<ul class=\"findings inline\">" + own.map { k in
          let f = d.findings[k]
          return "<li><span class=\"rule\">\(Labels.rule(f.rule))</span> \(esc(FindingText.chinese(f))) <a href=\"#\(c.findingAnchor(k))\">查看</a>\(figureLinks(f, c))</li>"
        }.joined() + "</ul>\n"
      }
      let facts = c.factsIn[a.article] ?? []
      if facts.isEmpty {
        h += "<p class=\"muted\">本篇没有数字。</p>\n"
      } else {
        h += """
          <table class="facts"><colgroup><col class="c-i"><col class="c-k"><col class="c-m"><col class="c-v"><col class="c-u"><col class="c-f"><col><col class="c-s"></colgroup>
          <thead><tr><th>#</th><th>类型</th><th>指标</th><th class="num">数值</th><th>单位</th><th>标记</th><th>证据（原句，数字高亮）</th><th>位置</th></tr></thead>
          <tbody>

          """
        out.appendUTF8(h)
        h = ""
        var link = LastLink()
        for k in facts { factRow(k, a, c, &link, to: &out) }
        h += "</tbody></table>\n"
      }
      out.appendUTF8(h)
      out.appendUTF8("</article>\n")
    }

    func keyFigures(_ a: ArticleSummary, _ c: DocContext) -> String {
      var parts: [String] = []
      for k in a.keyFigures {
        let v = k.placeholder ? "<span class=\"ph\">xx（空白）</span>" : k.value == nil ? "<span class=\"ph\">（数值过大）</span>" : (k.approx ? "约" : "") + esc(FactWriter.number(k.value!)) + esc(k.unit)
        parts.append("\(esc(Labels.metric(k.metric))) <a href=\"#\(c.factAnchor(k.fact))\">\(v)</a>")
      }
      for m in ArticleSummarizer.rateMetrics {
        let stated = a.statedRate(m), derived = a.derivedRate(m)
        guard stated != nil || derived != nil else { continue }
        var s = esc(Labels.metric(m)) + " "
        if let r = stated { s += r.placeholder ? "<span class=\"ph\">xx%（空白）</span>" : r.value == nil ? "<span class=\"ph\">（数值过大）</span>" : esc(FactWriter.number(r.value!)) + "%" }
        if let r = derived, let v = r.value { s += stated == nil ? "<span class=\"derived\">\(esc(FactWriter.number(v)))%（推算）</span>" : "<span class=\"derived\">（推算 \(esc(FactWriter.number(v)))%）</span>" }
        parts.append(s)
      }
      guard !parts.isEmpty else { return "" }
      return "<p class=\"keys\"><b>关键数字</b> " + parts.joined(separator: " · ") + "</p>\n"
    }

    /// The repeat link of the last fact row: the facts of a repeated article or passage all link
    /// to the same original.
    struct LastLink {
      var ref: TextRef?
      var bytes: [UInt8] = []
    }

    func factRow(_ k: Int, _ a: ArticleSummary, _ c: DocContext, _ link: inout LastLink, to h: inout [UInt8]) {
      let f = c.d.facts[k]
      let hits = c.findingsOf[k] ?? []
      let repeatOf = c.d.factDuplicateOf[k]
      func anchor() {
        h.appendUTF8("f-")
        h.appendDecimal(c.n)
        h.append(UInt8(ascii: "-"))
        h.appendDecimal(k)
      }
      h.appendUTF8("<tr id=\"")
      anchor()
      h.append(UInt8(ascii: "\""))
      var classes = 0
      func cls(_ name: StaticString) {
        h.appendUTF8(classes == 0 ? " class=\"" : " ")
        h.appendUTF8(name)
        classes += 1
      }
      if f.placeholder { cls("ph-row") }
      if !hits.isEmpty { cls("hit") }
      if repeatOf != nil { cls("rep") }
      if f.target { cls("tgt") }
      if classes > 0 { h.append(UInt8(ascii: "\"")) }
      h.appendUTF8("><td class=\"i\"><a href=\"#")
      anchor()
      h.appendUTF8("\">")
      h.appendDecimal(k)
      h.appendUTF8("</a></td><td>")
      h.appendUTF8(Labels.kind(f.kind))
      h.appendUTF8("</td><td>")
      h.appendEscaped(Labels.metric(f.metric))
      h.appendUTF8("<br><span class=\"id\">")
      h.appendUTF8(HTMLReportWriter.breakableID[f.metric]!)
      h.appendUTF8("</span></td><td class=\"num\">")
      // The evidence is rendered first: a blank's value cell shows what was marked in it.
      var ev: [UInt8] = []
      ev.reserveCapacity(f.evidence.utf8.count + 16)
      let marked = HTMLReportWriter.appendMarkedEvidence(f, to: &ev)
      if !f.placeholder, f.value == nil {
        // A number too large to record: what was written, and why it has no value.
        h.appendUTF8("<span class=\"ph\">")
        h.appendEscaped(marked ?? "")
        h.appendUTF8("<span class=\"nb\">（数值过大）</span></span>")
      } else if f.placeholder || f.value == nil {
        // Never a digit here, whatever the blank looked like.
        let blank = marked.flatMap { $0.unicodeScalars.contains { CharacterSet.decimalDigits.contains($0) } ? nil : $0 } ?? "xx"
        h.appendUTF8("<span class=\"ph\">")
        h.appendEscaped(blank.isEmpty ? "xx" : blank)
        h.appendUTF8("<span class=\"nb\">（空白）</span></span>")
      } else {
        let v = f.value!
        if f.kind == .change && v > 0 { h.append(UInt8(ascii: "+")) }
        h.appendEscaped(FactWriter.number(v))
      }
      h.appendUTF8("</td><td>")
      h.appendEscaped(f.unit)
      h.appendUTF8("</td><td class=\"flags\">")
      // Flags are separated by a space.
      var noFlag = true
      func flag(_ text: StaticString) {
        if !noFlag { h.append(UInt8(ascii: " ")) }
        noFlag = false
        h.appendUTF8(text)
      }
      if f.approx { flag("<span class=\"tag\">约</span>") }
      if let b = f.bound { flag(b == .min ? "<span class=\"tag\">≥ 下限</span>" : "<span class=\"tag\">≤ 上限</span>") }
      if f.target { flag("<span class=\"tag tg\">目标</span>") }
      if let cat = f.category {
        flag("<span class=\"tag cat\" title=\"")
        h.appendEscaped(cat)
        h.appendUTF8("\">")
        h.appendEscaped(Labels.category(cat))
        h.appendUTF8("</span>")
      }
      if let p = f.period, p.key != a.period?.key {
        flag("<span class=\"tag per\">")
        h.appendEscaped(p.label)
        h.appendUTF8("</span>")
      }
      if let r = repeatOf {
        flag("<span class=\"tag dupt\">重复</span> <span class=\"small\">")
        if link.ref != r {
          link.bytes.removeAll(keepingCapacity: true)
          c.appendRefLink(r, short: true, to: &link.bytes)
          link.ref = r
        }
        h.append(contentsOf: link.bytes)
        h.appendUTF8("</span>")
      }
      for k in hits {
        flag("<a class=\"tag flag\" href=\"#")
        h.appendUTF8(c.findingAnchor(k))
        h.appendUTF8("\">⚑ ")
        h.appendUTF8(Labels.rule(c.d.findings[k].rule))
        h.appendUTF8("</a>")
      }
      h.appendUTF8("</td><td class=\"ev\">")
      h.append(contentsOf: ev)
      h.appendUTF8("</td><td class=\"sp\">")
      h.appendDecimal(f.span.start)
      h.appendUTF8("–")
      h.appendDecimal(f.span.end)
      h.appendUTF8("<br><span class=\"id\" title=\"证据位置\">证据 ")
      h.appendDecimal(f.evidenceSpan.start)
      h.appendUTF8("–")
      h.appendDecimal(f.evidenceSpan.end)
      h.appendUTF8("</span></td></tr>\n")
    }

    func figureLinks(_ f: Finding, _ c: DocContext) -> String {
      guard !f.figures.isEmpty else { return "" }
      return "<span class=\"figs\">" + f.figures.map { g in
        let label = "\(esc(Labels.role(g.role))) \(esc(FactWriter.number(g.value)))\(esc(g.unit))"
        if let k = g.fact { return "<a href=\"#\(c.factAnchor(k))\">\(label)</a>" }
        if g.doc != c.d.doc, let i = c.docIndex[g.doc] { return "<a href=\"#d-\(i)\">\(label) @\(esc(g.doc)):\(g.span.start)</a>" }
        return label
      }.joined(separator: "") + "</span>"
    }

    func findingItem(_ f: Finding, _ k: Int, _ c: DocContext) -> String {
      let title = c.d.title(ofArticle: f.article).map { " " + esc($0) } ?? ""
      var h = "<li id=\"\(c.findingAnchor(k))\" class=\"finding\"><div class=\"fh\"><span class=\"rule\">\(Labels.rule(f.rule))</span> <span class=\"id\">\(f.rule.rawValue)</span> "
      h += "<a href=\"#\(c.articleAnchor(f.article))\">\(c.n) \(esc(f.doc)) · 第\(f.article)篇\(title)</a></div>\n"
      h += "<p class=\"msg\">\(esc(FindingText.chinese(f)))"
      if let s = f.stated { h += " <span class=\"sc\">所述 <b>\(esc(FactWriter.number(s)))</b>" + (f.computed.map { "，应为 <b>\(esc(FactWriter.number($0)))</b>" } ?? "") + "</span>" }
      h += "</p>\n"
      let main = f.figures.first { $0.fact != nil }?.fact
      let evidence = main.map { HTMLReportWriter.markedEvidence(c.d.facts[$0]).html } ?? esc(f.evidence)
      h += "<p class=\"ev\">「\(evidence)」 <span class=\"id\">\(f.span.start)–\(f.span.end)</span></p>\n"
      h += "<p class=\"fl\">\(figureLinks(f, c))</p></li>\n"
      return h
    }
  }
}
