import Foundation
import Testing
@testable import XFReport

/// The summary's key figures are kept per metric and unit class, so that a column of
/// `summary.csv` sums one kind of unit and the totals are those sums; changes sit beside them.
@Suite struct SummaryColumnTests {
  static func summary(_ text: String, name: String = "a.txt") throws -> ArticleSummary {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    return analyzer.analyze(try Fixtures.process(text, name: name)).articles[0]
  }

  static func figure(_ a: ArticleSummary, _ m: Metric, _ c: UnitLexicon.UnitClass?) -> Decimal? { a.keyFigure(m, class: c)?.value }

  @Test func batchesAndPersonVisitsHaveAColumnEach() throws {
    let a = try Self.summary("北坡县2023年信访工作总结\n\n全年共受理群众来信来访973批次2935人次，同比下降4.1%。其中来信310件，来访663批2101人次。\n")
    #expect(Self.figure(a, .received, .batches) == 973)
    #expect(Self.figure(a, .received, .person_visits) == 2935)
    #expect(Self.figure(a, .received, .items) == nil)
    #expect(Self.figure(a, .letters, .items) == 310)
    #expect(Self.figure(a, .visits, .batches) == 663)
    #expect(Self.figure(a, .visits, .person_visits) == 2101)
    #expect(a.change(.received)?.value == -4.1)
    #expect(a.change(.received)?.unit == "%")
  }

  /// A line of a breakdown or a later item of a list is not the metric's figure in its class.
  @Test func breakdownLinesAreNoKeyFigure() throws {
    let a = try Self.summary("西湾镇2024年信访情况\n\n全镇受理群众来访1200人次。从反映的问题看，征地拆迁类45件，劳动社保类31件，城乡建设类27件。\n")
    #expect(Self.figure(a, .visits, .person_visits) == 1200)
    #expect(a.classFigures.map(\.metric) == [.visits], "the breakdown's lines (cases, 件) are no key figure")
  }

  /// 较去年同期的380件次 is last year's count, not this year's figure.
  @Test func anEarlierPeriodsCountIsNoKeyFigure() throws {
    let a = try Self.summary("东岭县2022年信访形势分析\n\n今年以来，全县受理信访事项至今累计415件次，较去年同期的460件次减少45件次，下降9.8%。\n")
    #expect(Self.figure(a, .received, .items) == 415)
    #expect(a.change(.received)?.value == -9.8)
  }

  @Test func aRateChangeIsInPercentagePoints() throws {
    let a = try Self.summary("南坪区2023年信访工作报告\n\n全年受理信访事项500件，办结480件，按期办结率96%，同比提高1.5个百分点。\n")
    // 按期办结率 is other_rate (facts.md §3).
    #expect(a.statedRate(.other_rate)?.value == 96)
    #expect(a.change(.other_rate)?.value == 1.5)
    #expect(a.change(.other_rate)?.unit == "pp")
    #expect(a.change(.received) == nil, "a change of a rate is not one of the count")
  }

  @Test func aZeroWithoutAUnitHasItsOwnColumn() throws {
    let a = try Self.summary("北岗乡2021年信访工作小结\n\n全年受理来信来访88件，进京访为零。\n")
    #expect(Self.figure(a, .received, .items) == 88)
    #expect(Self.figure(a, .to_beijing, nil) == 0)
    #expect(ArticleSummary.columnSuffix(nil) == "unitless")
  }

  /// What an analyst does with the CSV: sum a column. That sum is the corpus total of its class.
  @Test func summaryColumnsSumToTheTotals() throws {
    let reports = [
      ("a.txt", "甲县2023年信访工作总结\n\n全年共受理群众来信来访320批次910人次，其中来信140件。\n"),
      ("b.txt", "乙县2023年信访工作总结\n\n全年共受理群众来信来访186批540人次，其中来信75件，办结170件。\n"),
      ("c.txt", "丙县2023年信访工作总结\n\n全年共受理信访事项612件，其中来信201件。\n"),
    ]
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    var sums: [String: Decimal] = [:]
    for (name, text) in reports {
      for a in analyzer.analyze(try Fixtures.process(text, name: name)).articles {
        for k in a.classFigures { if let v = k.value { sums["\(k.metric.rawValue)_\(ArticleSummary.columnSuffix(k.unitClass))", default: 0] += v } }
      }
    }
    #expect(sums["received_batches"] == 506)
    #expect(sums["received_person_visits"] == 1450)
    #expect(sums["received_items"] == 612)
    #expect(sums["letters_items"] == 416)
    for (key, total) in analyzer.totals.metrics where key.period.isEmpty {
      #expect(sums["\(key.metric.rawValue)_\(key.unitClass)"] == total.value, "\(key.metric) \(key.unitClass)")
    }
  }

  /// Every metric has one column per class and one change column; no column holds a unit.
  @Test func theSchemaHasAColumnPerMetricAndClass() {
    let names = TableSchema.summary.columnNames
    for m in ArticleSummarizer.countMetrics {
      for c in ArticleSummary.summaryClasses { #expect(names.contains("\(m.rawValue)_\(ArticleSummary.columnSuffix(c))")) }
      #expect(names.contains("\(m.rawValue)_change_pct"))
      #expect(!names.contains("\(m.rawValue)_unit"))
    }
    for m in ArticleSummarizer.rateMetrics { #expect(names.contains("\(m.rawValue)_change_pp")) }
  }
}
