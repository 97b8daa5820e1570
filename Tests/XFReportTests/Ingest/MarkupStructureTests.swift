import Foundation
import Testing
@testable import XFReport

/// What HTML and Markdown markup hides, splits or keeps: the facts read from it, with spans
/// into the raw markup.
@Suite struct MarkupStructureTests {
  func html(_ body: String) throws -> Document {
    try Fixtures.pipeline.process(RawDocument(name: "x.html", bytes: Array("<html><body>\(body)</body></html>".utf8)))
  }

  func markdown(_ text: String) throws -> Document {
    try Fixtures.pipeline.process(RawDocument(name: "x.md", bytes: Array(text.utf8)))
  }

  /// The code-point offset of the `occurrence`-th (from 0) `needle` in the document's source.
  func at(_ needle: String, in doc: Document, occurrence: Int = 0) -> Int? {
    let s = doc.source.scalars, n = Array(needle.unicodeScalars)
    var seen = 0
    for i in 0...(max(0, s.count - n.count)) where s.hasWord(at: i, n) {
      if seen == occurrence { return i }
      seen += 1
    }
    return nil
  }

  /// The facts as (metric, value, source text at the span).
  func summary(_ doc: Document) -> [String] {
    doc.facts.map { "\($0.metric.rawValue) \($0.value.map { "\($0)" } ?? "null") \(doc.source.text($0.span))" }
  }

  // MARK: HTML

  @Test func hiddenElementsAreSkipped() throws {
    let doc = try html("""
      <p>全年受理来信56件。</p>
      <p hidden>接待来访99人次。</p>
      <div hidden="hidden"><p>受理网上信访91件。</p></div>
      <p style="color:red; DISPLAY : None ;font-size:12px">受理来信77件。</p>
      <div style="font-weight:bold;visibility:Hidden"><span>来电<b>5</b>个。</span></div>
      <p style="display:none !important">集体访8批。</p>
      <template><p>来信88件。</p></template>
      <p style="display:block">接待来访41人次。</p>
      """)
    #expect(summary(doc) == ["letters 56 56", "visits 41 41"])
    let visits = try #require(doc.facts.last)
    let start = try #require(at("41人次", in: doc))
    #expect(visits.span == SourceSpan(start, start + 2))
    #expect(visits.kind == .count)
    #expect(!doc.normalized.string.contains("99"))
    #expect(!doc.normalized.string.contains("来电"))
    #expect(doc.invariantViolations().isEmpty)
  }

  @Test func inlineStyleParsing() {
    #expect(HTMLTextExtractor.style("display:none").hidden)
    #expect(HTMLTextExtractor.style(" Display :  NONE ").hidden)
    #expect(HTMLTextExtractor.style("color:red;visibility: hidden;").hidden)
    #expect(HTMLTextExtractor.style("display:none; display:block").hidden == false)
    #expect(HTMLTextExtractor.style("display:inline-block").hidden == false)
    #expect(HTMLTextExtractor.style("visibility:visible").hidden == false)
    #expect(HTMLTextExtractor.style("white-space: pre-wrap").whiteSpace == .pre)
    #expect(HTMLTextExtractor.style("white-space:pre-line").whiteSpace == .preLine)
    #expect(HTMLTextExtractor.style("color:blue").whiteSpace == nil)
  }

  @Test func rubyReadingsAreDropped() throws {
    let doc = try html("<p>全年<ruby>信<rp>(</rp><rt>xìn</rt><rp>)</rp></ruby>访总量下降12%，<ruby>來<rt>lái</rt>信</ruby>46件。</p>")
    #expect(doc.normalized.string == "全年信访总量下降12%，来信46件。")
    #expect(summary(doc) == ["received -12 12%", "letters 46 46"])
    let change = try #require(doc.facts.first)
    let p = try #require(at("12%", in: doc))
    #expect(change.kind == .change)
    #expect(change.span == SourceSpan(p, p + 3))
    let letters = try #require(doc.facts.last)
    let q = try #require(at("46件", in: doc))
    #expect(letters.span == SourceSpan(q, q + 2))
  }

  @Test func softHyphenInsideANumberIsRemoved() throws {
    let doc = try html("<p>全年受理来信1&shy;234件，接待来访5&#8203;6人次。</p>")
    #expect(doc.normalized.string == "全年受理来信1234件，接待来访56人次。")
    #expect(summary(doc) == ["letters 1234 1&shy;234", "visits 56 5&#8203;6"])
    let one = try #require(at("1&shy;", in: doc)), four = try #require(at("234件", in: doc))
    #expect(doc.facts[0].span == SourceSpan(one, four + 3))
    #expect(doc.facts[0].unit == "件")
    #expect(doc.invariantViolations().isEmpty)
  }

  @Test func invisibleCharactersAreRemovedFromPlainText() throws {
    // Soft hyphen, zero-width space, ZWNJ, ZWJ, word joiner and an inner BOM, raw.
    let text = "受理来信1\u{AD}2\u{200B}3\u{200C}4件，来访5\u{200D}6\u{2060}7\u{FEFF}8人次。"
    let doc = try Fixtures.process(text)
    #expect(doc.normalized.string == "受理来信1234件，来访5678人次。")
    #expect(doc.facts.map(\.value) == [1234, 5678])
    #expect(doc.facts.map(\.metric) == [.letters, .visits])
    #expect(doc.facts[0].span == SourceSpan(4, 11))
    #expect(doc.facts[1].span == SourceSpan(15, 22))
    #expect(doc.source.text(doc.facts[1].span) == "5\u{200D}6\u{2060}7\u{FEFF}8")
    #expect(doc.invariantViolations().isEmpty)
    #expect(throws: IngestError.self) { try Fixtures.process("\u{AD}\u{200B} \u{2060}") }
  }

  @Test func preKeepsLineBreaksAndSpaces() throws {
    let doc = try html("<p>统计表</p><pre>\n受理来信  12件\n接待来访    34人次\n\n  来电5个</pre><p>以上  数据</p>")
    #expect(doc.normalized.string == "统计表\n受理来信  12件\n接待来访    34人次\n\n  来电5个\n以上 数据")
    #expect(summary(doc) == ["letters 12 12", "visits 34 34", "calls 5 5"])
    let p = try #require(at("34人次", in: doc))
    #expect(doc.facts[1].span == SourceSpan(p, p + 2))
    #expect(doc.sentences.count >= 3)
    #expect(doc.invariantViolations().isEmpty)
  }

  @Test func preWithCRLF() throws {
    let doc = try html("<pre>\r\n受理来信12件\r\n接待来访 34人次</pre>")
    #expect(doc.normalized.string == "受理来信12件\n接待来访 34人次")
    #expect(summary(doc) == ["letters 12 12", "visits 34 34"])
    // <html><body><pre>\r\n受理来信 is 23 code points.
    #expect(doc.facts.map(\.span) == [SourceSpan(23, 25), SourceSpan(33, 35)])
    #expect(doc.invariantViolations().isEmpty)
  }

  @Test func whiteSpaceStyleKeepsLineBreaks() throws {
    let doc = try html("<div style=\"white-space: pre-line\">受理来信12件\n接待来访   34人次</div><div style=\"white-space:pre\">来电5个，  来信3件</div>")
    #expect(doc.normalized.string == "受理来信12件\n接待来访 34人次\n来电5个，  来信3件")
    #expect(summary(doc) == ["letters 12 12", "visits 34 34", "calls 5 5", "letters 3 3"])
  }

  // MARK: Markdown

  @Test(arguments: ["**", "__", "*", "_"])
  func emphasisedFigureIsRead(_ mark: String) throws {
    let doc = try markdown("全年受理来信\(mark)120\(mark)件。")
    #expect(doc.normalized.string == "全年受理来信120件。")
    let fact = try #require(doc.facts.first)
    #expect(doc.facts.count == 1)
    #expect(fact.metric == .letters)
    #expect(fact.value == 120)
    #expect(fact.unit == "件")
    #expect(!fact.placeholder)
    let start = 6 + mark.count
    #expect(fact.span == SourceSpan(start, start + 3))
    #expect(doc.source.text(fact.span) == "120")
  }

  @Test func emphasisedFiguresAmongOthers() throws {
    let doc = try markdown("## 一、总体情况\n\n- 受理来信**1,205**件，接待来访*36*人次，办结率__98.5%__。\n")
    #expect(summary(doc) == ["letters 1205 1,205", "visits 36 36", "resolution_rate 98.5 98.5%"])
    let p = try #require(at("36", in: doc))
    #expect(doc.facts[1].span == SourceSpan(p, p + 2))
  }

  @Test func inlineCodeFigureIsRead() throws {
    let doc = try markdown("接待来访`35`人次，受理来信``7``件。")
    #expect(doc.normalized.string == "接待来访35人次，受理来信7件。")
    #expect(summary(doc) == ["visits 35 35", "letters 7 7"])
    #expect(doc.facts[0].span == SourceSpan(5, 7))
    #expect(doc.facts[1].span == SourceSpan(17, 18))
    #expect(doc.facts.allSatisfy { !$0.placeholder })
  }

  @Test(arguments: [("全年受理来信**件。", 8), ("全年受理来信xx件。", 8), ("全年受理来信*件。", 7), ("全年受理来信__件。", 8)])
  func blankedFigureStaysAPlaceholder(_ text: String, blankEnd: Int) throws {
    for doc in [try Fixtures.process(text), try markdown(text)] {
      let fact = try #require(doc.facts.first)
      #expect(doc.facts.count == 1)
      #expect(fact.metric == .letters)
      #expect(fact.value == nil)
      #expect(fact.placeholder)
      #expect(fact.unit == "件")
      #expect(fact.span == SourceSpan(6, blankEnd))
    }
  }

  @Test func blanksAroundADigitAreNotEmphasis() throws {
    // Two blanks with a figure between them: not a pair to unwrap.
    let doc = try markdown("来信**件，来访12人次，来电**个。")
    #expect(doc.normalized.string == "来信**件，来访12人次，来电**个。")
    #expect(doc.facts.map(\.value) == [nil, 12, nil])
    #expect(doc.facts.map(\.span) == [SourceSpan(2, 4), SourceSpan(8, 10), SourceSpan(15, 17)])
    // A product is not emphasis either.
    #expect(try markdown("面积2*3*4米").normalized.string == "面积2*3*4米")
  }

  @Test func unpairedMarksStayAndScanIsBounded() throws {
    // A thousand backticks too far apart to pair and lone `*1`: each mark looks a bounded way ahead.
    let line = String(repeating: "`" + String(repeating: "来", count: 60) + "*1", count: 1000) + "受理来信56件。"
    let clock = ContinuousClock()
    let start = clock.now
    let doc = try markdown(line)
    #expect(clock.now - start < .seconds(20))
    let normalized = doc.normalized.string
    #expect(normalized.unicodeScalars.count == line.unicodeScalars.count)
    #expect(normalized.filter { $0 == "`" }.count == 1000)
    #expect(normalized.filter { $0 == "*" }.count == 1000)
    let last = try #require(doc.facts.last)
    #expect(last.value == 56)
    let p = line.unicodeScalars.count - 4
    #expect(last.span == SourceSpan(p, p + 2))
    #expect(try markdown("代码`来信12件").normalized.string == "代码`来信12件")
  }
}
