import Foundation
import Testing
@testable import XFReport

/// report.html and its folder from a few fixtures: nothing fetched or run, every fact anchored
/// on its document's page, placeholders without a number, text escaped, every link landing on a
/// page and an element that exist, and the same bytes on a rerun.
@Suite struct HTMLReportWriterTests {
  static let title = "关于<script>alert(1)</script>&“信访”工作的'报告'"

  struct Report {
    /// report.html and the pages of report/, by their paths in the output folder.
    let pages: [String: String]
    let totals: CorpusTotals
    var html: String { pages["report.html"]! }
    /// The document pages, in order.
    var documents: [String] { pages.keys.filter { $0.hasPrefix("report/doc-") }.sorted().map { pages[$0]! } }
  }

  func tempDir() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-html-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }

  static func pages(_ out: URL) throws -> [String: String] {
    try XFReportProcess.contents(out).mapValues { String(decoding: $0, as: UTF8.self) }
  }

  /// Analyses three fixtures, a report whose title needs escaping, and a missing file.
  func render(into out: URL) throws -> Report {
    let input = out.appendingPathComponent("input")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    let odd = input.appendingPathComponent("a&b<odd>.txt")
    try Data("\(Self.title)\n\n一、基本情况\n\n今年共受理群众来信来访120件，其中来信45件，来访75件，办结率98.5%。\n".utf8).write(to: odd)
    // One folder: the documents' ids are their names (``DocumentIdentity``).
    for name in ["inconsistent-figures.txt", "placeholders-template.txt", "township-collection.txt"] {
      try FileManager.default.copyItem(at: Fixtures.corpora.appendingPathComponent(name), to: input.appendingPathComponent(name))
    }
    let items: [InputItem] = [
      .file(odd.path),
      .file(input.appendingPathComponent("inconsistent-figures.txt").path),
      .file(input.appendingPathComponent("placeholders-template.txt").path),
      .file(input.appendingPathComponent("township-collection.txt").path),
      .invalid(input.appendingPathComponent("missing.txt").path, .notFound(path: "missing.txt")),
    ]
    var run = AnalysisRun(pipeline: Fixtures.pipeline)
    run.formats = [.html]
    let result = out.appendingPathComponent("out")
    let outcome = try run.run(items, output: result.path)
    let files = try XFReportProcess.visibleNames(result)
    #expect(files == ["report", "report.html"], "only report.html and its folder are moved into place: \(files)")
    return Report(pages: try Self.pages(result), totals: outcome.totals)
  }

  func matches(_ pattern: String, in s: String) throws -> [[String]] {
    let re = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
    let ns = s as NSString
    return re.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { m in
      (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
    }
  }

  /// Where `href` on page `from` leads: the page's path and the fragment ("" for none).
  static func target(of href: String, from: String) -> (page: String, fragment: String) {
    let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    let fragment = parts.count > 1 ? parts[1] : ""
    guard !parts[0].isEmpty else { return (from, fragment) }
    var path = from.split(separator: "/").dropLast().map(String.init)
    for c in parts[0].split(separator: "/") {
      if c == ".." { _ = path.popLast() } else { path.append(String(c)) }
    }
    return (path.joined(separator: "/"), fragment)
  }

  /// Every link of every page lands on a page of the report and, with a fragment, on an element of it.
  func expectLinksLand(_ pages: [String: String]) throws {
    var ids: [String: Set<String>] = [:]
    for (path, html) in pages where path.hasSuffix(".html") {
      let list = try matches(#" id="([^"]+)""#, in: html).map { $0[1] }
      #expect(Set(list).count == list.count, "\(path): duplicate ids")
      ids[path] = Set(list)
    }
    var checked = 0
    for (path, html) in pages where path.hasSuffix(".html") {
      for href in try matches(#"href="([^"]+)""#, in: html).map({ $0[1] }) {
        let t = Self.target(of: href, from: path)
        guard let there = ids[t.page] ?? (pages[t.page] != nil ? [] : nil) else {
          Issue.record("\(path): \(href) leads to no page")
          continue
        }
        if !t.fragment.isEmpty { #expect(there.contains(t.fragment), "\(path): \(href) leads to no element") }
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  @Test func selfContainedEscapedAndLinked() throws {
    let dir = try tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try render(into: dir)
    let html = r.html
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
    #expect(html.contains("<meta charset=\"utf-8\">"))
    #expect(r.pages["report/style.css"] != nil)
    #expect(r.documents.count == 5, "a page per input, the failed one too")

    // Nothing fetched, nothing run; report.html has its style inline, the folder's pages share style.css.
    for (path, page) in r.pages {
      var page = page
      if path.hasPrefix("report/") { page = page.replacingOccurrences(of: "<link rel=\"stylesheet\" href=\"style.css\">", with: "") }
      for banned in ["http://", "https://", "<script", "<link", "src=", "@import", "url("] {
        #expect(!page.contains(banned), "\(path) contains \(banned)")
      }
    }
    #expect(html.contains("<svg"))
    // Charts come before the totals, the totals before the findings and documents.
    let order = ["id=\"overview\"", "id=\"charts\"", "id=\"totals\"", "id=\"findings\"", "id=\"documents\""].map { html.range(of: $0)!.lowerBound }
    #expect(order == order.sorted())

    // Escaped title and file name; the raw markup never appears.
    let pages = r.pages.values.joined()
    #expect(pages.contains("关于&lt;script&gt;alert(1)&lt;/script&gt;&amp;“信访”工作的&#39;报告&#39;"))
    #expect(html.contains("a&amp;b&lt;odd&gt;.txt"))
    #expect(!pages.contains("<odd>"))

    // Every fact has a row with its own anchor, on its document's page.
    let docs = r.documents.joined()
    let factIDs = try matches(#" id="(f-\d+-\d+)""#, in: docs).map { $0[1] }
    #expect(r.totals.facts > 50)
    #expect(factIDs.count == r.totals.facts)
    #expect(Set(factIDs).count == factIDs.count)
    try expectLinksLand(r.pages)

    // Findings: anchored on their documents' pages, listed again on the findings pages; each
    // links to a fact row, and a fact row links back.
    #expect(r.totals.findings > 0)
    let findings = try matches(#"<li id="(x-\d+-\d+)" class="finding">(.*?)</li>"#, in: docs)
    #expect(findings.count == r.totals.findings)
    for f in findings {
      #expect(try !matches(##"href="#(f-\d+-\d+)""##, in: f[2]).isEmpty, "finding \(f[1]) links to no fact")
      #expect(docs.contains("href=\"#\(f[1])\""), "nothing links back to finding \(f[1])")
    }
    let listed = r.pages.filter { $0.key.hasPrefix("report/findings-") }.values.joined()
    let items = try matches(#"<li class="finding">(.*?)</li>"#, in: listed)
    #expect(items.count == r.totals.findings)
    for i in items { #expect(try !matches(##"href="doc-\d{5}\.html#f-\d+-\d+""##, in: i[1]).isEmpty) }
    // report.html lists them too (all of them: fewer than 100), linking into the folder.
    #expect(try matches(#"<li class="finding">"#, in: html).count == r.totals.findings)
    #expect(html.contains("href=\"report/doc-00002.html#f-2-"))

    // Placeholder rows show the blank, never a number.
    #expect(r.totals.placeholders > 5)
    let blanks = try matches(#"<tr id="f-[^"]+" class="[^"]*ph-row[^"]*">.*?<td class="num">(.*?)</td>"#, in: docs)
    #expect(blanks.count == r.totals.placeholders)
    for b in blanks {
      #expect(b[1].contains("（空白）"))
      #expect(!b[1].contains { $0.isNumber }, "placeholder shows a number: \(b[1])")
    }

    // The number is marked in the evidence, and a stated figure sits in its row.
    #expect(docs.contains("来信<mark>45</mark>件"))
    // The repeated article of the collection and the failed input are shown as such.
    #expect(docs.contains("class=\"art dup\""))
    #expect(docs.contains("本篇与 <a href=\"#a-"))
    // Its rows are tagged by the style sheet, the link is the article's alone.
    let repeated = try matches(#"<tr id="f-[^"]+" class="rep ra">(.*?)</tr>"#, in: docs)
    #expect(!repeated.isEmpty)
    for row in repeated { #expect(!row[1].contains("dupt") && !row[1].contains("<a href=\"#a-"), "\(row[1])") }
    #expect(docs.contains("<div class=\"error\"><b>未能分析</b> <code>"))
  }

  @Test func rerunsAreByteIdentical() throws {
    let a = try tempDir(), b = try tempDir()
    defer {
      try? FileManager.default.removeItem(at: a)
      try? FileManager.default.removeItem(at: b)
    }
    // The input paths differ (they are shown), so compare with each run's own folder blanked.
    let first = try render(into: a).pages.mapValues { $0.replacingOccurrences(of: a.path, with: "DIR") }
    let second = try render(into: b).pages.mapValues { $0.replacingOccurrences(of: b.path, with: "DIR") }
    #expect(first.keys.sorted() == second.keys.sorted())
    for (path, page) in first { #expect(second[path] == page, "\(path) differs") }
  }

  /// The mark is the number's own range in the clause's scalars, whatever the source spans.
  @Test func evidenceMarkIsTheNumbersRange() {
    func fact(_ value: Decimal?, evidence: String, at clause: Int, number: Range<Int>, placeholder: Bool = false) -> Fact {
      Fact(
        kind: .count, metric: .visits, value: value, unit: "人次", unitClass: .person_visits, range: number, span: SourceSpan(0, 1), approx: false,
        bound: nil, target: false, category: nil, placeholder: placeholder, evidence: evidence, evidenceSpan: SourceSpan(0, 40),
        evidenceRange: clause..<(clause + evidence.unicodeScalars.count), rule: .cueBefore, article: 0, period: nil, sentence: 0)
    }
    #expect(HTMLReportWriter.markedEvidence(fact(2, evidence: "进京1批2人次", at: 10, number: 14..<15)).html == "进京1批<mark>2</mark>人次")
    // The second of two equal numbers, a grouped number and a Chinese numeral: by position, not by text.
    #expect(HTMLReportWriter.markedEvidence(fact(2, evidence: "来访2批2人次", at: 0, number: 4..<5)).html == "来访2批<mark>2</mark>人次")
    #expect(HTMLReportWriter.markedEvidence(fact(1013, evidence: "来访1,013人次", at: 5, number: 7..<12)).html == "来访<mark>1,013</mark>人次")
    #expect(HTMLReportWriter.markedEvidence(fact(3, evidence: "在做了大量工作无效并先后三次从省", at: 0, number: 12..<13)).html == "在做了大量工作无效并先后<mark>三</mark>次从省")
    let blank = HTMLReportWriter.markedEvidence(fact(nil, evidence: "来访xx人次", at: 0, number: 2..<4, placeholder: true))
    #expect(blank.html == "来访<mark>xx</mark>人次")
    #expect(blank.marked == "xx")
    // Escaped around the mark.
    #expect(HTMLReportWriter.markedEvidence(fact(5, evidence: "<b>5</b>件", at: 0, number: 3..<4)).html == "&lt;b&gt;<mark>5</mark>&lt;/b&gt;件")
    // A number outside its clause: shown unmarked.
    let outside = HTMLReportWriter.markedEvidence(fact(5, evidence: "来访5人次", at: 10, number: 2..<3))
    #expect(outside.html == "来访5人次")
    #expect(outside.marked == nil)
  }

  /// The report is read in Chinese: each finding is worded from its figures, in Chinese; the
  /// English message stays in CSV and JSON.
  @Test func findingsAreWordedInChinese() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    let d = analyzer.analyze(try Fixtures.process(
      "全年受理信访436件，其中来信120件、来访210件、网上信访95件。息诉13起，受理16起，息诉率82%。集体访12批9人次。\n"))
    let chunk = HTMLReportWriter.Renderer(keepDuplicates: false).render(d, shared: SharedRendering(d))
    let text = chunk.originalFindings.joined()
    let messages = try matches(##"<p class="msg">([^<]*)"##, in: text).map { $0[1].trimmingCharacters(in: .whitespaces) }
    #expect(messages.contains("分项120+210+95合计425件，与所述总数436件不符"), "\(messages)")
    #expect(messages.contains("集体访12批，人数却只有9人次：人数少于批次"), "\(messages)")
    #expect(!text.contains("against the stated total") && !text.contains("fewer people"))
    #expect(d.findings.contains { $0.message.hasPrefix("parts 120+210+95 = 425") })
    // A copy that disagrees names where its original stands.
    let copy = Finding(
      rule: .copyConflict, doc: "b.txt", article: 0, message: "", metric: .letters, stated: 121, computed: 120,
      figures: [
        .init(role: "copy", value: 121, unit: "件", doc: "b.txt", span: SourceSpan(0, 3), fact: 0),
        .init(role: "original", value: 120, unit: "件", doc: "a.txt", span: SourceSpan(0, 3), fact: nil),
      ], evidence: "", span: SourceSpan(0, 3), original: TextRef(doc: "a.txt", article: 2, passage: nil, span: SourceSpan(0, 9)))
    #expect(FindingText.chinese(copy) == "来信此处为121件，而a.txt第2篇的同一段文字为120件")
  }

  /// 办结率、满意率均为105%: two rates, one span, two findings; each links to its own fact.
  @Test func findingsLinkTheirOwnFacts() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    let d = analyzer.analyze(try Fixtures.process("全年办结率、满意率均为105%。\n"))
    #expect(d.facts.count == 2 && d.facts[0].span == d.facts[1].span)
    #expect(d.findings.map { $0.figures.map(\.fact) } == [[0], [1]])
    let chunk = HTMLReportWriter.Renderer(keepDuplicates: false).render(d, shared: SharedRendering(d))
    let section = String(decoding: chunk.page, as: UTF8.self)
    let links = try matches(##"<li id="(x-1-\d)" class="finding">.*?<p class="fl">.*?href="#(f-1-\d)""##, in: section).map { [$0[1], $0[2]] }
    #expect(links == [["x-1-0", "f-1-0"], ["x-1-1", "f-1-1"]])
    // On the findings pages the same links lead to the document's page.
    let listed = try matches(##"<p class="fl">.*?href="(doc-00001\.html#f-1-\d)""##, in: chunk.originalFindings.joined()).map { $0[1] }
    #expect(listed == ["doc-00001.html#f-1-0", "doc-00001.html#f-1-1"])
    for k in 0..<2 { #expect(section.contains("<tr id=\"f-1-\(k)\" class=\"hit\">"), "fact \(k) flagged") }
  }

  @Test func labelsAndNumbers() {
    #expect(HTMLReportWriter.grouped(1234567.5) == "1,234,567.5")
    #expect(HTMLReportWriter.grouped(-1000) == "-1,000")
    #expect(HTMLReportWriter.grouped(12) == "12")
    #expect(Labels.shortDoc("002_ba66558e4f0e6496.txt") == "002…")
    #expect(Labels.shortDoc("short.txt") == "short.txt")
    #expect(HTMLReportWriter.fit("001_386e36d4317b4f28.txt", 100).hasSuffix("…"))
    #expect(HTMLReportWriter.fit("土地 land", 188) == "土地 land")
    #expect(Labels.unitClass("unitless") == "无单位")
    #expect(Labels.unitClass("person_visits") == "人次")
    #expect(Labels.unitClass("元") == "元")
  }
}
