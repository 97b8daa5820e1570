import Foundation
import Testing
@testable import XFReport

/// Numbers an attacker or a bad scrape writes: too large, too long, grouped wrongly, mixed
/// Arabic and Chinese, signed in words. Each fact is checked exactly: value, span, unit, kind.
@Suite struct NumberLimitTests {
  /// The facts of `text` as (kind, metric, value, unit, span in the source).
  struct Got: Equatable, CustomStringConvertible {
    let kind: FactKind, metric: Metric, value: Decimal?, unit: String, span: [Int]
    var description: String { "\(kind.rawValue) \(metric.rawValue) \(value.map { "\($0)" } ?? "null")\(unit) \(span)" }
  }

  func facts(_ text: String) throws -> (facts: [Got], doc: Document) {
    let doc = try Fixtures.process(text)
    #expect(doc.invariantViolations().isEmpty)
    #expect(doc.checkInvariants().isEmpty)
    return (doc.facts.map { Got(kind: $0.kind, metric: $0.metric, value: $0.value, unit: $0.unit, span: [$0.span.start, $0.span.end]) }, doc)
  }

  func codes(_ doc: Document) -> [String] { doc.warnings.map(\.code) }

  // MARK: too large: a fact with no value and a warning, never a trap, NaN or 0

  @Test(arguments: [
    ("来信一亿亿亿亿亿件", [2, 8]),  // 10^40: the stacked 亿 overflow Int
    ("来信一二三四五六七八九〇一二三四五六七八九〇件", [2, 22]),  // twenty positional digits
    ("来信九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九亿件", [2, 34]),
    ("来信12345678901234567890123件", [2, 25]),  // 23 Arabic digits
    ("来信1000000000000000000件", [2, 21]),  // exactly 10^18
    ("来信1e400件", [2, 7]),  // past Decimal's range
    ("来信9999亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿件", [2, 26]),  // Decimal overflow to NaN before
    ("来信5千3百亿亿亿件", [2, 9]),  // mixed Arabic and Chinese
  ])
  func tooLargeIsANullWithAWarning(text: String, span: [Int]) throws {
    let (facts, doc) = try facts(text)
    #expect(facts == [Got(kind: .count, metric: .letters, value: nil, unit: "件", span: span)])
    #expect(doc.facts.allSatisfy { $0.tooLarge && !$0.placeholder })
    #expect(codes(doc) == ["XF-W003"])
    #expect(doc.warnings[0].message.contains("too large"))
  }

  @Test func theLargestValuesBelowTheBoundAreKept() throws {
    #expect(try facts("来信999999999999999999件").facts.map(\.value) == [Decimal(string: "999999999999999999")])
    #expect(try facts("来信九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九件").facts.map(\.value) == [Decimal(string: "9999999999999999")])
    #expect(try facts("来信1e3件").facts == [Got(kind: .count, metric: .letters, value: 1000, unit: "件", span: [2, 5])])
    #expect(try facts("来信2.5E+3件").facts.map(\.value) == [2500])
    #expect(try facts("来信1e3件").doc.warnings.isEmpty)
  }

  @Test func overflowInTheParserIsReported() {
    #expect(ChineseNumeral.read(Array("一亿亿亿亿亿".unicodeScalars)) == .tooLarge)
    #expect(ChineseNumeral.read(Array("一二三四五六七八九〇一二三四五六七八九〇".unicodeScalars)) == .tooLarge)
    #expect(ChineseNumeral.read(Array("一二三四五六七八九〇一二三四五六七八九〇点五".unicodeScalars)) == .tooLarge)
    #expect(ChineseNumeral.read(Array("亿亿亿亿亿".unicodeScalars)) == nil)
    #expect(ChineseNumeral.parse(Array("一亿亿亿亿亿".unicodeScalars)) == nil)
    #expect(ChineseNumeral.read(Array("一亿亿".unicodeScalars)) == .value(Decimal(string: "10000000000000000")!))
  }

  /// The `--input jsonl` stream and `segment` go through the same recognizer: neither traps.
  @Test func segmentAndTheStreamReadTheseToo() throws {
    for text in ["亿亿亿亿亿", "一亿亿亿亿亿亿亿亿亿亿亿", "一二三四五六七八九〇一二三四五六七八九〇", String(repeating: "9", count: 30) + "亿亿亿亿"] {
      let doc = try Fixtures.pipeline.process(RawDocument(name: "t.txt", bytes: Array(("来信" + text + "件。").utf8)), through: .segment)
      #expect(doc.invariantViolations().isEmpty)
    }
  }

  // MARK: too long: no number at all

  @Test func aRunLongerThanTheCapIsNoNumber() throws {
    let cap = NumberRecognizer.maxNumeralLength
    for run in [String(repeating: "7", count: cap + 1), String(repeating: "三", count: cap + 1), "1" + String(repeating: "亿", count: cap)] {
      let (facts, doc) = try facts("来信" + run + "件，来访5人次。")
      // Not even its tail: the next figure is the first fact.
      #expect(facts == [Got(kind: .count, metric: .visits, value: 5, unit: "人次", span: [cap + 7, cap + 8])], "\(run)")
      #expect(codes(doc) == ["XF-W003"])
      #expect(doc.warnings.first?.message.contains("too long") == true)
    }
    // A long run where no figure stands is no figure and no warning.
    #expect(try facts("编号" + String(repeating: "7", count: 60) + "。").doc.warnings.isEmpty)
  }

  @Test func digitsAfterALetterAreACode() throws {
    // Not 0 (the zeros of 1e400x) nor 234 (the tail of A1234).
    #expect(try facts("来信1e400x件").facts.isEmpty)
    #expect(try facts("编号A1234件").facts.isEmpty)
  }

  // MARK: the Numbers section of issue 13

  @Test func percentAllOfIt() throws {
    #expect(try facts("办结率百分之百。").facts == [Got(kind: .rate, metric: .resolution_rate, value: 100, unit: "%", span: [3, 7])])
  }

  @Test(arguments: [
    ("受理来信2千零3十件", 2030, [4, 9]),
    ("受理来信三千5百件", 3500, [4, 8]),
    ("受理来信1万2千件", 12000, [4, 8]),
    ("受理来信2千零3件", 2003, [4, 8]),
    ("受理来信3百余件", 300, [4, 7]),
  ])
  func arabicDigitsWithChineseUnits(text: String, value: Int, span: [Int]) throws {
    #expect(try facts(text).facts == [Got(kind: .count, metric: .letters, value: Decimal(value), unit: "件", span: span)])
  }

  @Test func mixedNumeralsDoNotSwallowAWordAfterThem() throws {
    // 一 after 万 starts 一次性, not 201000.
    let doc = try Fixtures.process("发放救助金20万一次性到位。")
    #expect(doc.numbers.map { doc.text($0.range) } == ["20万"])
  }

  @Test func aNegativeSignInWords() throws {
    #expect(try facts("来信增长负5%。").facts == [Got(kind: .change, metric: .letters, value: -5, unit: "%", span: [4, 7])])
    #expect(try facts("办结率为负5%。").facts == [Got(kind: .change, metric: .resolution_rate, value: -5, unit: "%", span: [4, 7])])
    #expect(try facts("办结率-5%。").facts == [Got(kind: .change, metric: .resolution_rate, value: -5, unit: "%", span: [3, 6])])
    #expect(try facts("办结率﹣5%。").facts == [Got(kind: .change, metric: .resolution_rate, value: -5, unit: "%", span: [3, 6])])
  }

  @Test(arguments: [
    ("受理来信1，234件", 1234, "件", [4, 9]),
    ("受理来信1 234件", 1234, "件", [4, 9]),
    ("受理来信1 350 件", 1350, "件", [4, 9]),
    ("接待来访12,345人次", 12345, "人次", [4, 10]),
    ("接待来访1,234,567人次", 1234567, "人次", [4, 13]),
  ])
  func groupedDigitsAreOneNumber(text: String, value: Int, unit: String, span: [Int]) throws {
    let (facts, doc) = try facts(text)
    #expect(facts.map(\.value) == [Decimal(value)])
    #expect(facts.map(\.span) == [span])
    #expect(facts.map(\.unit) == [unit])
    #expect(doc.warnings.isEmpty)
  }

  @Test(arguments: ["接待来访12,3456人次", "接待来访1234,567人次", "接待来访12，3456人次", "接待来访1,2345,678人次"])
  func badGroupingIsNoFigure(text: String) throws {
    let (facts, doc) = try facts(text)
    #expect(facts.isEmpty, "\(facts)")
    #expect(codes(doc) == ["XF-W004"])
  }

  @Test func listsAndYearsAreNotGroups() throws {
    // Groups of one or two digits make a list; four-digit groups before 年 are years.
    let doc = try Fixtures.process("2019,2020年受理来信1,2,3件。")
    #expect(doc.numbers.map { doc.text($0.range) } == ["2019", "2020", "1", "2", "3"])
    #expect(doc.warnings.isEmpty)
    // A full-width comma where no measure word follows is a clause break.
    let clauses = try Fixtures.process("编号分别为1，234。")
    #expect(clauses.numbers.map { clauses.text($0.range) } == ["1", "234"])
  }
}
