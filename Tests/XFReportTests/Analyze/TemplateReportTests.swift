import Foundation
import Testing
@testable import XFReport

/// Reports written from one template, each with its own figures or period, are reports, not
/// copies: all their figures count. A copy repeats its original's figures and period.
@Suite struct TemplateReportTests {
  static let towns = ["东山镇", "西河乡", "南岭镇", "北塘乡", "中和镇", "青石镇", "白沙乡", "红旗镇", "金水乡", "柳林镇"]

  /// One town's report for one month, the wording shared by all.
  static func report(town: String, month: Int, received: Int, letters: Int, rate: Int) -> String {
    """
    \(town)2023年\(month)月信访工作情况报告

    本月\(town)共受理群众来信来访\(received)件次，其中来信\(letters)件，来访\(received - letters)件次，办结率\(rate)%。
    \(town)党委、政府高度重视信访工作，坚持把信访工作摆上重要议事日程，主要领导亲自抓、分管领导具体抓，严格落实领导干部接访下访制度，畅通群众诉求表达渠道，推动矛盾纠纷就地化解，全镇信访形势总体平稳。
    下一步，我们将继续加大矛盾纠纷排查化解力度，落实首问负责制，切实把问题解决在基层、化解在萌芽状态。

    """
  }

  static func figures(_ t: Int, _ m: Int) -> (received: Int, letters: Int, rate: Int) {
    let received = 40 + (t * 37 + m * 11) % 90
    return (received, 5 + (t * 13 + m * 7) % 30, 85 + (t + m) % 15)
  }

  @Test func monthlyReportsOfTownsAreNotCopies() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    var expected = 0
    for t in 0..<Self.towns.count {
      for m in 1...12 {
        let f = Self.figures(t, m)
        expected += f.received
        let r = analyzer.analyze(try Fixtures.process(Self.report(town: Self.towns[t], month: m, received: f.received, letters: f.letters, rate: f.rate), name: "t\(t)-m\(m).txt"))
        #expect(r.articles.allSatisfy { $0.duplicateOf == nil }, "\(Self.towns[t]) \(m)月")
        #expect(r.factDuplicateOf.allSatisfy { $0 == nil }, "\(Self.towns[t]) \(m)月")
        #expect(r.findings.allSatisfy { $0.rule != .copyConflict })
      }
    }
    let received = analyzer.totals.metrics.filter { $0.key.metric == .received && $0.key.period.isEmpty }.values.reduce(Decimal(0)) { $0 + ($1.value ?? 0) }
    #expect(received == Decimal(expected))
    #expect(analyzer.totals.duplicateArticles == 0)
  }

  @Test func theSameFiguresInAnotherMonthAreAnotherReport() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    _ = analyzer.analyze(try Fixtures.process(Self.report(town: "东山镇", month: 3, received: 56, letters: 20, rate: 95), name: "march.txt"))
    let april = analyzer.analyze(try Fixtures.process(Self.report(town: "东山镇", month: 4, received: 56, letters: 20, rate: 95), name: "april.txt"))
    #expect(april.articles.first?.duplicateOf == nil)
    #expect(april.factDuplicateOf.allSatisfy { $0 == nil })
  }

  /// Among many siblings of a template, a report filed twice is still found as a copy of its own
  /// first filing, and a copy with one figure changed is a conflict, not a silent drop.
  @Test func aRefiledReportAmongSiblingsIsACopyOfItself() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    for t in 0..<Self.towns.count {
      let f = Self.figures(t, 5)
      _ = analyzer.analyze(try Fixtures.process(Self.report(town: Self.towns[t], month: 5, received: f.received, letters: f.letters, rate: f.rate), name: "t\(t).txt"))
    }
    let f = Self.figures(6, 5)
    let again = analyzer.analyze(try Fixtures.process(Self.report(town: Self.towns[6], month: 5, received: f.received, letters: f.letters, rate: f.rate), name: "again.txt"))
    #expect(again.articles.first?.duplicateOf?.doc == "t6.txt")
    let changed = analyzer.analyze(try Fixtures.process(Self.report(town: Self.towns[6], month: 5, received: f.received, letters: f.letters + 1, rate: f.rate), name: "changed.txt"))
    #expect(changed.articles.first?.duplicateOf?.doc == "t6.txt")
    let conflicts = changed.findings.filter { $0.rule == .copyConflict }
    #expect(conflicts.map(\.stated).sorted { $0! < $1! } == [Decimal(f.letters + 1), Decimal(f.received - f.letters - 1)].sorted())
  }

  @Test func theVerdictOfTheCopyRule() {
    typealias F = CopyEvidence.Figure
    let original = CopyEvidence(figures: [F(kind: .count, metric: .received, value: 56), F(kind: .count, metric: .letters, value: 20), F(kind: .rate, metric: .resolution_rate, value: 95)], periods: ["2023-05"])
    #expect(CopyEvidence(figures: original.figures, periods: ["2023-05"]).judge(against: original) == .copy)
    #expect(CopyEvidence(figures: original.figures, periods: ["2023-06"]).judge(against: original) == .otherPeriod)
    #expect(CopyEvidence(figures: [F(kind: .count, metric: .received, value: 57), F(kind: .count, metric: .letters, value: 21), original.figures[2]], periods: []).judge(against: original) == .ownFigures)
    #expect(CopyEvidence(figures: [original.figures[0], F(kind: .count, metric: .letters, value: 21)], periods: []).judge(against: original) == .copy)
    // Without figures on either side, the text decides.
    #expect(CopyEvidence(figures: [], periods: []).judge(against: original) == .copy)
  }
}

/// A finding in a copy is its original's again: it carries `duplicate_of` and is counted apart,
/// so that tables and the report can be read for originals only.
@Suite struct DuplicateFindingTests {
  @Test func findingsInACopyPointAtTheOriginal() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    let text = "东山镇2023年信访工作总结\n\n全年受理信访436件，其中来信120件、来访210件、网上信访95件。镇党委、政府高度重视信访工作，严格落实领导干部接访下访制度，畅通群众诉求表达渠道，推动矛盾纠纷就地化解。\n"
    let first = analyzer.analyze(try Fixtures.process(text, name: "a.txt"))
    let copy = analyzer.analyze(try Fixtures.process(text, name: "b.txt"))
    #expect(first.findings.map(\.rule) == [.partsSum])
    #expect(first.findings.map { first.duplicateOf($0) == nil } == [true])
    #expect(copy.findings.map(\.rule) == [.partsSum])
    #expect(copy.findings.map { copy.duplicateOf($0)?.doc } == ["a.txt"])
    #expect(analyzer.totals.findings == 2 && analyzer.totals.duplicateFindings == 1 && analyzer.totals.originalFindings == 1)
  }
}
