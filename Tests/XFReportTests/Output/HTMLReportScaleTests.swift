import Foundation
import Testing
@testable import XFReport

/// report.html of a large archive: under ``HTMLReportWriter/reportBound`` and about the same
/// size whatever the number of documents, which its folder lists in pages (200 documents, 100
/// findings each) linked both ways. Sizes compared as ratios, never against a clock.
@Suite struct HTMLReportScaleTests {
  /// Three reports, each with a finding (parts that do not add up), in several periods.
  static let texts = (0..<3).map { k in
    """
    青河县信访局20\(18 + k)年信访工作总结
    全年受理信访\(436 + k)件，其中来信120件、来访210件、网上信访95件。息诉罢访\(380 + k)件，集体访12批90人次。
    上半年受理来信\(60 + k)件，进京访为零。

    """
  }

  /// `n` documents, each one of ``texts`` again (those after the first three repeat them, so
  /// their findings are in repeated text), with long names, written and committed.
  static func write(_ n: Int, to dir: URL, periods: Int = 0) throws -> CorpusTotals {
    // A long name (300 bytes) in every row, link and chart label.
    let stem = String(repeating: "信访工作情况报告", count: 12)
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    let prepared = try texts.enumerated().map { k, t in analyzer.preparer.prepare(try Fixtures.process(t, name: "\(stem)-\(k).txt")) }
    let out = try OutputDirectory(dir.path)
    let writer = try HTMLReportWriter(out)
    for i in 0..<n {
      let d = analyzer.analyze(prepared[i % prepared.count])
      try writer.append(writer.renderer.render(d, shared: SharedRendering(d)))
    }
    var totals = analyzer.totals
    // Totals of many periods, as decades of monthly reports give.
    for p in 0..<periods {
      for m in ArticleSummarizer.countMetrics.prefix(10) {
        var t = CorpusTotals.Total()
        t.add(Decimal(p), approx: false)
        totals.metrics[CorpusTotals.Key(period: String(format: "%04d-%02d", 1900 + p / 12, p % 12 + 1), metric: m, unitClass: "items")] = t
      }
    }
    try writer.finish(totals)
    try out.commit()
    return totals
  }

  static func size(_ url: URL) throws -> Int { try Data(contentsOf: url).count }

  static func folderSize(_ dir: URL) throws -> Int {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).reduce(0) { $0 + (try size(dir.appendingPathComponent($1))) }
  }

  @Test func reportStaysUnderItsBoundAndAboutTheSameSize() throws {
    let root = try XFReportProcess.tempDir("html-scale")
    defer { try? FileManager.default.removeItem(at: root) }
    var report: [Int] = [], folder: [Int] = []
    for n in [300, 1200] {
      let dir = root.appendingPathComponent("n\(n)")
      _ = try Self.write(n, to: dir, periods: 600)
      report.append(try Self.size(dir.appendingPathComponent("report.html")))
      folder.append(try Self.folderSize(dir.appendingPathComponent("report")))
      // No page of the index grows with the archive either.
      let index = try Self.size(dir.appendingPathComponent("report/\(ReportPage.index(1))"))
      #expect(index < 200_000, "\(n) documents: index page of \(index) bytes")
    }
    for r in report { #expect(r <= HTMLReportWriter.reportBound, "report.html \(r) bytes") }
    #expect(Double(report[1]) < 1.2 * Double(report[0]), "300 documents: \(report[0]) bytes, 1200: \(report[1])")
    // The folder grows with the documents, no faster (its periods page is the same in both).
    #expect(Double(folder[1]) < 4.4 * Double(folder[0]), "300 documents: \(folder[0]) bytes, 1200: \(folder[1])")
    // The parts of report.html that grow stop at their budgets, which leave room for the fixed parts.
    let budgets = HTMLReportWriter.Budget.self
    #expect(budgets.charts + budgets.periods + budgets.findings + budgets.documents + 100_000 <= HTMLReportWriter.reportBound)
  }

  func matches(_ pattern: String, in s: String) throws -> [String] {
    let re = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
    return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range(at: $0.numberOfRanges > 1 ? 1 : 0), in: s)!]) }
  }

  @Test func documentsAndFindingsArePagedAndLinkedBothWays() throws {
    let dir = try XFReportProcess.tempDir("html-pages")
    defer { try? FileManager.default.removeItem(at: dir) }
    let n = 450
    let totals = try Self.write(n, to: dir)
    func page(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent("report/\(name)"), encoding: .utf8) }
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("report").path)

    // Document N is on index page ceil(N / 200), and its page links back there.
    #expect(names.filter { $0.hasPrefix("index-") }.sorted() == ["index-0001.html", "index-0002.html", "index-0003.html"])
    #expect(names.filter { $0.hasPrefix("doc-") }.count == n)
    for d in [1, 200, 201, 400, 401, 450] {
      let p = (d + 199) / 200
      #expect(ReportPage.indexPage(ofDocument: d) == p)
      let index = try page(ReportPage.index(p))
      #expect(index.contains("<tr id=\"i-\(d)\"><td>\(d)</td><td><a href=\"\(ReportPage.document(d))\">"), "document \(d) not on index page \(p)")
      #expect(try page(ReportPage.document(d)).contains("href=\"\(ReportPage.index(p))#i-\(d)\""))
    }
    let rows = try (1...3).map { try matches(#"<tr id="i-(\d+)">"#, in: page(ReportPage.index($0))).count }
    #expect(rows == [200, 200, 50])
    // Previous and next: none before the first document or after the last.
    let first = try page(ReportPage.document(1)), second = try page(ReportPage.document(2)), last = try page(ReportPage.document(n))
    #expect(!first.contains("上一份") && first.contains("href=\"doc-00002.html\">下一份"))
    #expect(second.contains("href=\"doc-00001.html\">← 上一份") && second.contains("href=\"doc-00003.html\">下一份"))
    #expect(last.contains("href=\"doc-00449.html\">← 上一份") && !last.contains("下一份"))
    let middle = try page(ReportPage.index(2))
    #expect(middle.contains("href=\"index-0001.html\">← 上一页") && middle.contains("href=\"index-0003.html\">下一页"))

    // Findings: 100 a page, those in original text first, numbered on from page to page.
    let f = totals.findings
    #expect(f > 200 && totals.originalFindings > 0 && totals.duplicateFindings > 0)
    let pages = (f + 99) / 100
    #expect(names.filter { $0.hasPrefix("findings-") }.count == pages)
    var items: [String] = []
    for p in 1...pages {
      let text = try page(ReportPage.findings(p))
      let here = try matches(#"<li class="finding">(.*?)</li>"#, in: text)
      #expect(here.count == (p < pages ? 100 : f - 100 * (pages - 1)), "page \(p)")
      #expect(text.contains("<ol class=\"findings\" start=\"\((p - 1) * 100 + 1)\">"), "page \(p) numbering")
      items += here
    }
    let inCopies = items.map { $0.contains("重复文本") }
    #expect(inCopies.filter { $0 }.count == totals.duplicateFindings)
    #expect(inCopies == inCopies.sorted { !$0 && $1 }, "originals first")

    // report.html: the first 100 findings and the first 200 documents, and links to all pages.
    let report = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(try matches(#"<li class="finding">"#, in: report).count == 100)
    #expect(try matches(#"<tr id="i-\d+">"#, in: report).count == 200)
    #expect(report.contains("<tr id=\"i-1\"><td>1</td><td><a href=\"report/doc-00001.html\">"))
    for p in 1...3 { #expect(report.contains("href=\"report/\(ReportPage.index(p))\"")) }
    #expect(report.contains("href=\"report/\(ReportPage.findings(pages))\""))
    // The findings count is of originals, the repeated ones said apart; so are those by rule.
    let byRule = try matches(#"原文中：([^。]*)。"#, in: report).first ?? ""
    let counts = try matches(#" (\d+)"#, in: byRule).compactMap { Int($0) }
    #expect(counts.reduce(0, +) == totals.originalFindings, "\(byRule)")
    #expect(report.contains("<h2>核查发现 <span class=\"count\">\(totals.originalFindings)</span><span class=\"muted\">（另有 \(totals.duplicateFindings) 条在重复文本中）</span></h2>"))
  }

  /// The by-document sums are the summary's per-class figures, so a document's sums add up to
  /// totals.csv: 集体访 in 批 and in 人次 apart, and a count stated without a unit as 无单位.
  @Test func documentSumsAreThoseOfTheTotals() throws {
    let dir = try XFReportProcess.tempDir("html-sums")
    defer { try? FileManager.default.removeItem(at: dir) }
    let totals = try Self.write(1, to: dir)
    let page = try String(contentsOf: dir.appendingPathComponent("report/doc-00001.html"), encoding: .utf8)
    for (key, t) in totals.metrics where key.period.isEmpty {
      let text = "\(Labels.metric(key.metric)) \(HTMLReportWriter.grouped(t.value))\(Labels.unitClass(key.unitClass))"
      #expect(page.contains(text), "\(text) missing from the document's sums")
    }
    #expect(totals.metrics.keys.contains { $0.unitClass == "unitless" }, "进京访为零 is a count without a unit")
    #expect(page.contains("无单位"))
  }
}
