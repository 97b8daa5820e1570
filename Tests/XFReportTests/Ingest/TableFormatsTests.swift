import Foundation
import Testing
@testable import XFReport

/// Corpora/tables/county-2023 (Scripts/make_table_fixtures.py) as HTML, DOCX and PDF: the same
/// facts, prose and tables alike, each at the span of its gold file; each PDF fact on its page.
@Suite struct TableFormatsTests {
  func load(_ name: String) throws -> Document {
    try Fixtures.pipeline.process(RawDocument(name: name, bytes: try Fixtures.bytes("tables/\(name)")), through: .extract)
  }

  func key(_ f: Fact) -> String { "\(f.kind.rawValue) \(f.metric.rawValue) \(f.value.map { "\($0)" } ?? "null") \(f.unit) \(f.cell == nil ? "prose" : "table")" }

  func gold(_ name: String) throws -> [[String: Any]] {
    let text = try String(contentsOf: Fixtures.corpora.appendingPathComponent("tables/\(name).facts.jsonl"), encoding: .utf8)
    return text.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
  }

  @Test func threeFormatsGiveTheSameFacts() throws {
    let html = try load("county-2023.html"), docx = try load("county-2023.docx"), pdf = try load("county-2023.pdf")
    #expect(html.tables.count == 3 && docx.tables.count == 3 && pdf.tables.count == 3)
    #expect(html.facts.count == 57)
    #expect(docx.facts.map(key) == html.facts.map(key))
    #expect(pdf.facts.map(key) == html.facts.map(key))
    #expect(html.facts.filter { $0.cell == nil }.count == 7)
  }

  @Test(arguments: ["county-2023.html", "county-2023.docx", "county-2023.pdf", "merged-headers.html", "merged-headers.docx", "caption-units.docx", "half-year.pdf", "inconsistent-table.html"])
  func factsStandAtTheirGoldSpans(name: String) throws {
    let doc = try load(name)
    let expected = try gold(name)
    let run = doc.facts.filter { $0.metric != .other }
    #expect(run.count == expected.count)
    for (f, g) in zip(run, expected) {
      let span = g["span"] as! [Int]
      #expect(f.span == SourceSpan(span[0], span[1]), "\(key(f))")
      #expect(f.metric.rawValue == g["metric"] as! String && f.kind.rawValue == g["kind"] as! String)
      if let page = g["page"] as? Int { #expect(f.page == page, "\(key(f)) on page \(f.page ?? 0)") }
    }
    #expect(doc.checkInvariants() == [])
  }

  /// `xfreport analyze` over the folder: the three versions of the report give the same facts
  /// (prose and tables, with their rules), each PDF fact on its gold page, and the table whose
  /// rows do not add up its two parts_sum findings.
  @Test func analyzeTheFolder() throws {
    let out = try XFReportProcess.tempDir("tables")
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try XFReportProcess.run(["analyze", Fixtures.corpora.appendingPathComponent("tables").path, "-o", out.path, "-q", "--format", "jsonl", "csv"])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = try String(contentsOf: out.appendingPathComponent("facts.jsonl"), encoding: .utf8).split(separator: "\n")
      .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    func facts(_ doc: String) -> [[String: Any]] { rows.filter { $0["doc"] as? String == doc && $0["metric"] as? String != "other" } }
    func keys(_ doc: String) -> [String] { facts(doc).map { "\($0["kind"]!) \($0["metric"]!) \($0["value"]!) \($0["unit"]!) \($0["rule"]!)" } }
    #expect(keys("county-2023.html").count == 57)
    #expect(keys("county-2023.docx") == keys("county-2023.html"))
    #expect(keys("county-2023.pdf") == keys("county-2023.html"))
    #expect(keys("county-2023.html").filter { $0.hasSuffix(" table.total_row") }.count == 12)
    let pages = try gold("county-2023.pdf").map { $0["page"] as! Int }
    #expect(facts("county-2023.pdf").map { $0["page"] as? Int ?? 0 } == pages)
    let findings = try String(contentsOf: out.appendingPathComponent("findings.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
    #expect(findings.count == 2 && findings.allSatisfy { $0.hasPrefix("inconsistent-table.html,") && $0.contains(",parts_sum,") }, "\(findings)")
  }

  @Test func pdfPages() throws {
    let pdf = try load("county-2023.pdf")
    #expect(pdf.pageStarts.count == 2)
    #expect(Set(pdf.facts.compactMap(\.page)) == [1, 2])
    // Table 1 on page 1, tables 2 and 3 on page 2.
    #expect(pdf.facts.filter { $0.cell?.table == 0 }.allSatisfy { $0.page == 1 })
    #expect(pdf.facts.filter { ($0.cell?.table ?? 0) > 0 }.allSatisfy { $0.page == 2 })
  }
}
