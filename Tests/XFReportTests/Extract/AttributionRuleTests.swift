import Foundation
import Testing
@testable import XFReport

/// Each row of `rule-examples.tsv` states one attribution rule's pattern in a sentence written for
/// this project; the facts with a metric, and the rule that decided each, must be exactly these.
@Suite struct AttributionRuleTests {
  struct Example: Sendable, CustomTestStringConvertible {
    let rule: String
    let text: String
    let expect: [String]
    let xfail: String?
    var testDescription: String { "\(rule): \(text.prefix(24))" }
  }

  static let examples: [Example] = {
    let url = Fixtures.packageRoot.appendingPathComponent("Tests/XFReportTests/Extract/rule-examples.tsv")
    let lines = (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n") ?? []
    return lines.dropFirst().compactMap { line -> Example? in
      if line.hasPrefix("#") || line.hasPrefix("rule\t") { return nil }
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 4 else { return nil }
      let expect = f[2] == "-" ? [] : f[2].components(separatedBy: " ; ")
      return Example(rule: f[0], text: f[1].replacingOccurrences(of: "\\n", with: "\n"), expect: expect, xfail: f[3].hasPrefix("xfail") ? f[3] : nil)
    }
  }()

  static func rendered(_ text: String) throws -> [String] {
    try Fixtures.process(text).facts.filter { $0.metric != .other }.map { f in
      let v = f.value.map { "\($0)" } ?? "null"
      return "\(f.kind.rawValue) \(f.metric.rawValue) \(v) \(f.unit) \(f.rule.rawValue)"
    }
  }

  @Test func everyRuleHasAnExample() {
    let covered = Set(Self.examples.filter { $0.xfail == nil }.flatMap { $0.expect.map { $0.split(separator: " ").last.map(String.init) ?? "" } })
    let refusals = Set(Self.examples.filter { $0.expect.isEmpty }.map(\.rule))
    for id in RuleID.allCases where id != .fallbackOther {
      #expect(covered.contains(id.rawValue) || refusals.contains(id.rawValue), "no example for \(id.rawValue)")
    }
  }

  static let explaining: Pipeline = {
    var options = PipelineOptions()
    options.explain = true
    return Pipeline(dictionaries: Fixtures.dictionaries, options: options)
  }()

  @Test(arguments: examples) func example(_ e: Example) throws {
    let got = try Self.rendered(e.text)
    // A refusal's example must be refused by that rule, not merely give nothing.
    if e.expect.isEmpty, let id = RuleID(rawValue: e.rule), id.rawValue.hasPrefix("refuse.") {
      let doc = try Self.explaining.process(RawDocument(name: "t.txt", bytes: Array(e.text.utf8)))
      #expect(doc.explanations.contains { $0.rule == id }, "\(e.text): no number refused by \(id.rawValue)")
    }
    if let why = e.xfail {
      withKnownIssue(Comment(rawValue: why), isIntermittent: true) { #expect(got == e.expect) }
    } else {
      #expect(got == e.expect, "\(e.text)")
    }
  }
}
