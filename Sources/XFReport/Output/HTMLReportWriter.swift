import Foundation

/// report.html and the folder report/ beside it, to read an archive's analysis in a browser:
/// inline SVG charts, plain links, no script, nothing fetched. report.html stays under
/// ``reportBound`` however large the archive: the overview and charts, the totals, the first
/// findings and the first documents of the index, with links into report/, which holds the
/// index and the findings in pages (index-0001.html …, findings-0001.html …), a page per
/// document (doc-00001.html …: its articles and every fact beside its evidence clause, the
/// number marked), the totals by period and style.css. The folder is staged whole and switched
/// in with the other outputs.
///
/// Document pages are written as each document arrives (the previous one once the next says
/// there is a next). The index, the findings pages and report.html need the totals, which come
/// only in ``finish(_:)``: the findings stream to two scratch files in the staging folder, and
/// memory keeps a few counts and sums per document, never texts.
public final class HTMLReportWriter: AnalysisWriter {
  /// The most bytes report.html holds. Its fixed parts (head and style, cards, the all-period
  /// totals: a row per metric and unit class) are small; each part that grows with the archive
  /// stops at its ``Budget``, so a larger archive lists less in report.html, never more.
  public static let reportBound = 1_000_000
  /// The folder of pages beside report.html.
  public static let folderName = "report"
  /// Findings and documents listed in report.html before it links to their pages.
  static let reportFindings = 100
  static let reportDocuments = ReportPage.documentsPerPage

  /// Bytes of report.html each growing part may take; with the fixed parts under 100 KB they
  /// sum to less than ``reportBound``.
  enum Budget {
    static let charts = 260_000
    static let periods = 150_000
    static let findings = 250_000
    static let documents = 200_000
  }

  private let out: OutputDirectory
  private let keepDuplicates: Bool
  private let folder: URL
  public let renderer: Renderer
  private var entries: [Entry] = []
  /// Findings in original text by rule.
  private var ruleCounts: [Finding.Rule: Int] = [:]
  /// The findings pages list those in original text first, then those in repeated text.
  private let originalFindings: ItemFile
  private let copyFindings: ItemFile
  /// The last document, whose page waits for the next to link to it.
  private var pending: Chunk?

  /// What the index, the overview and the charts need of one document.
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

  /// A metric in a unit class as the totals name it (``ArticleSummary/columnSuffix(_:)``).
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
    folder = try out.createFolder(Self.folderName)
    // Not registered with `out`: they vanish with the staging folder instead of being moved into place.
    originalFindings = try ItemFile(out.staging.appendingPathComponent(".report-findings.html"))
    copyFindings = try ItemFile(out.staging.appendingPathComponent(".report-findings-copies.html"))
  }

  /// Items of a list streamed to a scratch file and read back by number.
  final class ItemFile {
    private let file: OutputFile
    private var ends: [Int] = []
    private var reader: FileHandle?

    init(_ url: URL) throws { file = try OutputFile(url) }

    var count: Int { ends.count }

    func append(_ item: String) throws {
      try file.write(item)
      ends.append((ends.last ?? 0) + item.utf8.count)
    }

    /// Closed for writing; the items are then read.
    func close() throws {
      try file.close(sync: false)
      reader = try FileHandle(forReadingFrom: file.url)
    }

    /// Items `range` as they were appended.
    func read(_ range: Range<Int>) throws -> [UInt8] {
      guard !range.isEmpty, let reader else { return [] }
      let start = range.lowerBound == 0 ? 0 : ends[range.lowerBound - 1]
      try reader.seek(toOffset: UInt64(start))
      return [UInt8](try reader.read(upToCount: ends[range.upperBound - 1] - start) ?? Data())
    }

    func remove() {
      try? reader?.close()
      try? FileManager.default.removeItem(at: file.url)
    }
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
    for r in c.originalRules { ruleCounts[r, default: 0] += 1 }
    for f in c.originalFindings { try originalFindings.append(f) }
    for f in c.copyFindings { try copyFindings.append(f) }
    if let p = pending { try writeDocumentPage(p, hasNext: true) }
    pending = c
  }

  private func writeDocumentPage(_ c: Chunk, hasNext: Bool) throws {
    let n = c.entry.index
    let name = ReportPage.document(n)
    var nav = "<nav class=\"pager\">"
    if n > 1 { nav += "<a href=\"\(ReportPage.document(n - 1))\">← 上一份</a>" }
    let p = ReportPage.indexPage(ofDocument: n)
    nav += "<a href=\"\(ReportPage.index(p))#i-\(n)\">文档索引第 \(p) 页</a>"
    if hasNext { nav += "<a href=\"\(ReportPage.document(n + 1))\">下一份 →</a>" }
    nav += "</nav>\n"
    // Synced with the folder in ``finish(_:)``: one wait at the end, not one per document.
    let f = try OutputFile(folder.appendingPathComponent(name))
    try f.write(ReportPage.head(title: "\(n) \(c.entry.doc)"))
    try f.write(nav)
    try f.write(bytes: c.page)
    try f.write(nav)
    try f.write(ReportPage.foot(name))
    try f.close(sync: false)
  }

  // MARK: Finish

  public func finish(_ totals: CorpusTotals) throws {
    if let p = pending { try writeDocumentPage(p, hasNext: false) }
    pending = nil
    try originalFindings.close()
    try copyFindings.close()
    defer {
      originalFindings.remove()
      copyFindings.remove()
    }
    try writeIndexPages()
    try writeFindingsPages(totals)
    let periods = totals.metrics.keys.filter { !$0.period.isEmpty }.sorted()
    if !periods.isEmpty { try writePeriodsPage(periods, totals) }
    try writeFolderFile(ReportPage.style, Self.css + "\n" + Self.pageCSS + "\n")
    try syncFolder()

    let report = try out.create("report.html")
    try report.write(head(totals))
    try report.write(overview(totals))
    try report.write(charts(totals))
    try report.write(totalsSection(totals, periods))
    try report.write(try findingsSection(totals))
    try report.write(documentsSection())
    try report.write("<footer>xfreport analyze · report.html · 本页和 report/ 文件夹里的页面不含脚本，不引用外部资源。</footer>\n</main>\n</body>\n</html>\n")
    try report.close()
  }

  private func writeFolderFile(_ name: String, _ text: String) throws {
    let f = try OutputFile(folder.appendingPathComponent(name))
    try f.write(text)
    try f.close(sync: false)
  }

  /// Every page of the folder to disk, and the folder's entries: the commit only syncs the run folder.
  private func syncFolder() throws {
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      let path = folder.appendingPathComponent(name).path
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { throw OutputError.notWritable(path, OutputDirectory.words(errno)) }
      let r = fsync(fd), e = errno
      close(fd)
      guard r == 0 || e == EINVAL else { throw OutputError.notWritable(path, OutputDirectory.words(e)) }
    }
    try OutputDirectory.syncDirectory(folder.path)
  }

  // MARK: Index and findings pages

  static let indexHeader = "<table class=\"list\"><thead><tr><th>#</th><th>文档</th><th>状态</th><th class=\"num\">篇目</th><th class=\"num\">重复篇目</th><th class=\"num\">数字</th><th class=\"num\">空白</th><th class=\"num\">发现</th></tr></thead><tbody>\n"

  /// A document's row of the index; `folder` is the path from the page to report/.
  static func indexRow(_ e: Entry, folder: String) -> String {
    let status = e.failure.map { "<span class=\"bad\">失败 <code>\(esc($0.code))</code></span>" } ?? "已分析"
    let cells = e.failure == nil
      ? "<td class=\"num\">\(e.articles)</td><td class=\"num\">\(e.repeatedArticles)</td><td class=\"num\">\(e.facts)</td><td class=\"num\">\(e.placeholders)</td><td class=\"num\(e.findings > 0 ? " warnc" : "")\">\(e.findings)</td>"
      : "<td colspan=\"5\" class=\"muted\">\(esc(e.failure!.message))</td>"
    return "<tr id=\"i-\(e.index)\"><td>\(e.index)</td><td><a href=\"\(folder)\(ReportPage.document(e.index))\">\(esc(e.doc))</a></td><td>\(status)</td>\(cells)</tr>\n"
  }

  private func writeIndexPages() throws {
    let per = ReportPage.documentsPerPage
    let count = ReportPage.pageCount(entries.count, per: per)
    for p in 1...count {
      let rows = entries[min((p - 1) * per, entries.count)..<min(p * per, entries.count)]
      let name = ReportPage.index(p)
      let f = try OutputFile(folder.appendingPathComponent(name))
      try f.write(ReportPage.head(title: "文档索引 第 \(p) 页"))
      let range = rows.isEmpty ? "" : " · 文档 \(rows.first!.index)–\(rows.last!.index)"
      try f.write("<h1>文档索引 <span class=\"sub\">第 \(p) / \(count) 页\(range)，共 \(entries.count) 份</span></h1>\n")
      let pager = ReportPage.pager(current: p, count: count, href: ReportPage.index)
      try f.write(pager)
      if rows.isEmpty {
        try f.write("<p class=\"muted\">没有文档。</p>\n")
      } else {
        try f.write(Self.indexHeader)
        for e in rows { try f.write(Self.indexRow(e, folder: "")) }
        try f.write("</tbody></table>\n")
      }
      try f.write(pager)
      try f.write(ReportPage.foot(name))
      try f.close(sync: false)
    }
  }

  private var findingCount: Int { originalFindings.count + copyFindings.count }

  /// Findings `range` of the pages' order (originals, then those in repeated text), as items.
  private func findingItems(_ range: Range<Int>) throws -> (originals: [UInt8], copies: [UInt8]) {
    let split = originalFindings.count
    let a = range.clamped(to: 0..<split), b = range.clamped(to: split..<findingCount)
    return (try originalFindings.read(a), try copyFindings.read((b.lowerBound - split)..<(b.upperBound - split)))
  }

  /// The findings in original text by rule ("" when there are none).
  private func ruleLine() -> String {
    let counts = Finding.Rule.allCases.compactMap { r in ruleCounts[r].map { "\(Labels.rule(r)) \($0)" } }
    return counts.isEmpty ? "" : "原文中：" + counts.joined(separator: " · ") + "。"
  }

  private func writeFindingsPages(_ t: CorpusTotals) throws {
    let per = ReportPage.findingsPerPage
    let total = findingCount
    let count = ReportPage.pageCount(total, per: per)
    for p in 1...count {
      let range = min((p - 1) * per, total)..<min(p * per, total)
      let name = ReportPage.findings(p)
      let f = try OutputFile(folder.appendingPathComponent(name))
      try f.write(ReportPage.head(title: "核查发现 第 \(p) 页"))
      let shown = range.isEmpty ? "" : " · 第 \(range.lowerBound + 1)–\(range.upperBound) 条"
      try f.write("<h1>核查发现 <span class=\"sub\">第 \(p) / \(count) 页\(shown)，共 \(total) 条</span></h1>\n")
      if total == 0 {
        try f.write("<p class=\"muted\">未发现前后不一致的数字。</p>\n")
      } else {
        try f.write("<p class=\"meta\">\(ruleLine())原文中的 \(originalFindings.count) 条在前，重复文本中的 \(copyFindings.count) 条在后；每条链接到所在文档的篇目和有关数字。</p>\n")
      }
      let pager = ReportPage.pager(current: p, count: count, href: ReportPage.findings)
      try f.write(pager)
      try writeFindingList(range, to: f)
      try f.write(pager)
      try f.write(ReportPage.foot(name))
      try f.close(sync: false)
    }
  }

  /// Numbered from the range's start; those in repeated text under a heading of their own.
  private func writeFindingList(_ range: Range<Int>, to f: OutputFile) throws {
    let items = try findingItems(range)
    if !items.originals.isEmpty {
      try f.write("<ol class=\"findings\" start=\"\(range.lowerBound + 1)\">\n")
      try f.write(bytes: items.originals)
      try f.write("</ol>\n")
    }
    if !items.copies.isEmpty {
      let first = max(range.lowerBound, originalFindings.count)
      try f.write("<h2>重复文本中的发现 <span class=\"sub\">原文的发现在副本中再次出现</span></h2>\n<ol class=\"findings\" start=\"\(first + 1)\">\n")
      try f.write(bytes: items.copies)
      try f.write("</ol>\n")
    }
  }

  private func writePeriodsPage(_ keys: [CorpusTotals.Key], _ t: CorpusTotals) throws {
    let name = ReportPage.periods
    let f = try OutputFile(folder.appendingPathComponent(name))
    try f.write(ReportPage.head(title: "按时期合计"))
    try f.write("<h1>按时期合计 <span class=\"sub\">\(Set(keys.map(\.period)).count) 个时期</span></h1>\n")
    try f.write(totalsTable(keys, t, period: true))
    try f.write(ReportPage.foot(name))
    try f.close(sync: false)
  }

  // MARK: report.html

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
    \(Self.pageCSS)
    </style>
    </head>
    <body id="top">
    <header class="bar"><div class="in"><b>信访工作报告分析</b><nav><a href="#overview">概览</a><a href="#charts">图表</a><a href="#totals">合计</a><a href="#findings">核查发现</a><a href="#documents">文档</a></nav></div></header>
    <main>

    """
  }

  private func overview(_ t: CorpusTotals) -> String {
    var h = "<section id=\"overview\">\n<h1>信访工作报告分析</h1>\n"
    h += "<p class=\"lead\">\(t.documents + t.failedDocuments) 份文档，\(t.articles) 篇，\(t.facts) 个数字。"
    h += keepDuplicates ? "合计包括重复的篇目和段落。" : "合计中重复的篇目和段落只计一次。"
    h += "每份文档的篇目和数字在 <a href=\"\(Self.folderName)/\(ReportPage.index(1))\">report/ 文件夹</a>的页面里。"
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
    return h + "</div>\n</section>\n"
  }

  private func totalsSection(_ t: CorpusTotals, _ periods: [CorpusTotals.Key]) -> String {
    var h = "<section id=\"totals\">\n<h2>合计 <span class=\"sub\">全部时期</span></h2>\n"
    let all = t.metrics.keys.filter { $0.period.isEmpty }.sorted()
    if all.isEmpty {
      h += "<p class=\"muted\">没有可合计的关键数字。</p>\n"
    } else {
      h += "<p class=\"meta\">各篇关键数字（每个指标在每个单位类别取该篇首个实际数字）按单位类别相加，同 totals.csv；带“约”的合计含有约数。</p>\n"
      h += totalsTable(all, t, period: false)
    }
    if !periods.isEmpty {
      let n = Set(periods.map(\.period)).count
      let link = "<a href=\"\(Self.folderName)/\(ReportPage.periods)\">按时期合计（\(n) 个时期）</a>"
      let table = totalsTable(periods, t, period: true)
      // Many periods make a long table: then only its page.
      h += table.utf8.count <= Budget.periods
        ? "<details><summary>按时期合计（\(n) 个时期）</summary>\n\(table)<p class=\"meta\">也在 \(link)。</p>\n</details>\n"
        : "<p class=\"meta\">\(link)：表格较长，单独成页。</p>\n"
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

  private func findingsSection(_ t: CorpusTotals) throws -> String {
    // Originals counted: a finding repeated in a copy is the same finding again.
    let inCopies = t.duplicateFindings > 0 ? "<span class=\"muted\">（另有 \(t.duplicateFindings) 条在重复文本中）</span>" : ""
    var h = "<section id=\"findings\">\n<h2>核查发现 <span class=\"count\">\(t.originalFindings)</span>\(inCopies)</h2>\n"
    guard findingCount > 0 else { return h + "<p class=\"muted\">未发现前后不一致的数字。</p>\n</section>\n" }
    h += "<p class=\"meta\">\(ruleLine())每条链接到所在文档的篇目和有关数字。</p>\n"
    // Whole items up to the count and the budget; the links are the folder pages', from one level up.
    var shown = 0, bytes = 0
    var originals = "", copies = ""
    while shown < min(Self.reportFindings, findingCount) {
      let items = try findingItems(shown..<(shown + 1))
      let inCopy = items.originals.isEmpty
      let item = String(decoding: inCopy ? items.copies : items.originals, as: UTF8.self)
        .replacingOccurrences(of: "href=\"doc-", with: "href=\"\(Self.folderName)/doc-")
      guard bytes + item.utf8.count <= Budget.findings else { break }
      bytes += item.utf8.count
      if inCopy { copies += item } else { originals += item }
      shown += 1
    }
    if !originals.isEmpty { h += "<ol class=\"findings\">\n\(originals)</ol>\n" }
    if !copies.isEmpty {
      h += "<h3>重复文本中的发现</h3>\n<ol class=\"findings\" start=\"\(originalFindings.count + 1)\">\n\(copies)</ol>\n"
    }
    let count = ReportPage.pageCount(findingCount, per: ReportPage.findingsPerPage)
    let all = "<a href=\"\(Self.folderName)/\(ReportPage.findings(1))\">全部 \(findingCount) 条</a>"
    h += "<p class=\"more\">\(shown < findingCount ? "以上是前 \(shown) 条，" : "")\(all)分 \(count) 页：</p>\n"
    h += ReportPage.pager(current: 0, count: count) { "\(Self.folderName)/\(ReportPage.findings($0))" }
    return h + "</section>\n"
  }

  private func documentsSection() -> String {
    var h = "<section id=\"documents\">\n<h2>文档 <span class=\"count\">\(entries.count)</span></h2>\n"
    guard !entries.isEmpty else { return h + "<p class=\"muted\">没有文档。</p>\n</section>\n" }
    var rows = "", shown = 0
    for e in entries.prefix(Self.reportDocuments) {
      let row = Self.indexRow(e, folder: Self.folderName + "/")
      guard rows.utf8.count + row.utf8.count <= Budget.documents else { break }
      rows += row
      shown += 1
    }
    h += Self.indexHeader + rows + "</tbody></table>\n"
    let count = ReportPage.pageCount(entries.count, per: ReportPage.documentsPerPage)
    let all = "<a href=\"\(Self.folderName)/\(ReportPage.index(1))\">文档索引</a>"
    h += "<p class=\"more\">\(shown < entries.count ? "以上是前 \(shown) 份，" : "")全部 \(entries.count) 份在\(all)，每页 \(ReportPage.documentsPerPage) 份，共 \(count) 页：</p>\n"
    h += ReportPage.pager(current: 0, count: count) { "\(Self.folderName)/\(ReportPage.index($0))" }
    return h + "</section>\n"
  }

  /// Sum keys in the totals' order: metric, then unit class.
  static func orderedSumKeys(_ keys: some Sequence<SumKey>) -> [SumKey] {
    let order = Dictionary(uniqueKeysWithValues: ArticleSummarizer.countMetrics.enumerated().map { ($1, $0) })
    let classOrder = Dictionary(uniqueKeysWithValues: ArticleSummary.summaryClasses.enumerated().map { (ArticleSummary.columnSuffix($1), $0) })
    return keys.sorted { (order[$0.metric] ?? 0, classOrder[$0.unitClass] ?? 0, $0.unitClass) < (order[$1.metric] ?? 0, classOrder[$1.unitClass] ?? 0, $1.unitClass) }
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
    h += "<p class=\"meta\">每份文档各篇关键数字之和\(keepDuplicates ? "" : "（重复的篇目和段落不计）")，按指标和单位类别分图，与合计同法；≈ 表示含约数。</p>\n"
    var keys = Set<SumKey>()
    for e in entries { keys.formUnion(e.sums.keys) }
    let panels = Self.orderedSumKeys(keys)
    if panels.isEmpty { return h + "<p class=\"muted\">没有关键数字。</p>\n</section>\n" }
    h += "<div class=\"panels\">\n"
    var drawn = 0
    for key in panels {
      var rows = entries.compactMap { e in e.sums[key].map { (e, $0) } }
      let total = rows.count
      if rows.count > Self.maxRows {
        rows = Array(rows.sorted { ($0.1.value, $1.0.index) > ($1.1.value, $0.0.index) }.prefix(Self.maxRows))
      }
      let unit = Labels.unitClass(key.unitClass)
      let bars = rows.map { e, s in
        BarRow(label: "\(e.index) \(e.doc)", title: e.name, values: [(NSDecimalNumber(decimal: s.value).doubleValue, (s.approx ? "≈" : "") + Self.grouped(s.value) + " " + unit)], href: "\(Self.folderName)/\(ReportPage.document(e.index))")
      }
      var panel = "<figure class=\"panel\"><figcaption>\(esc(Labels.metric(key.metric))) <span class=\"id\">\(key.metric.rawValue)</span> · 单位：\(esc(unit))</figcaption>\n"
      panel += Self.barChart(bars, title: "\(Labels.metric(key.metric))（\(unit)），按文档", width: 560, labelWidth: 230)
      if total > rows.count { panel += "<p class=\"meta\">数值最大的 \(rows.count) 份，共 \(total) 份。</p>\n" }
      panel += "</figure>\n"
      guard h.utf8.count + panel.utf8.count <= Budget.charts else { break }
      h += panel
      drawn += 1
    }
    h += "</div>\n"
    if drawn < panels.count { h += "<p class=\"meta\">另有 \(panels.count - drawn) 个指标未画出，其数字见合计和 summary.csv。</p>\n" }
    return h + "</section>\n"
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
    tr.ra td.flags::before{content:"重复";display:inline-block;border:1px solid #b3a6d9;color:#5b4b8a;border-radius:3px;padding:0 .3em;font-size:12px;line-height:1.5;margin:0 .3em .1em 0;background:#f9fafb}
    a.tag.flag{background:var(--warnb);border-color:var(--warnb);color:#fff}
    .small{font-size:12px}
    footer{color:var(--muted);font-size:12px;margin-top:2rem;text-align:center}
    @media (max-width:900px){.cards{grid-template-columns:repeat(3,1fr)}.panels{grid-template-columns:1fr}}
    @media print{.bar{position:static}.art.dup{background:none}}
    """

  /// The paged parts: pager links, the document page's heading and findings.
  static let pageCSS = """
    h1 .sub{font-size:14px;color:var(--muted);font-weight:normal}
    .pager{display:flex;flex-wrap:wrap;gap:.35rem;align-items:center;margin:.7rem 0}
    .pager a,.pager b{display:inline-block;min-width:2em;text-align:center;padding:.05rem .5rem;border:1px solid var(--line);border-radius:4px;background:#fff}
    .pager b{background:#24364d;color:#fff;border-color:#24364d}.pager .gap{color:var(--muted)}
    .more{margin:.6rem 0 .2rem}
    .doc h1{font-size:22px;margin:.6rem 0 .3rem}
    .fl-title{margin-top:.8rem}
    .keys .meta{margin-left:.5em}
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

  /// A totals key (``ArticleSummary/columnSuffix(_:)``, ``UnitLexicon/unitKey(_:class:)``) as a
  /// reader says it; `unitless` is a count stated without a unit (进京访为零).
  static func unitClass(_ key: String) -> String {
    if key == ArticleSummary.columnSuffix(nil) { return "无单位" }
    return switch UnitLexicon.UnitClass(rawValue: key) {
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
