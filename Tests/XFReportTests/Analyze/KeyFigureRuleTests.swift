import Foundation
import Testing
@testable import XFReport

/// A key figure is the reporting body's own petition statistic (issue 14, point 5): not a court's
/// whole caseload, a judgment rate, a line of a breakdown, a target, a threshold in a negation or a
/// head count of staff; and the body is the author, not the addressee. Each report below is
/// written for this test.
@Suite struct KeyFigureRuleTests {
  static func summary(_ text: String) throws -> ArticleSummary {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    return analyzer.analyze(try Fixtures.process(text, name: "r.txt")).articles[0]
  }

  static func figures(_ a: ArticleSummary) -> [String] {
    a.classFigures.map { "\($0.metric.rawValue)_\(ArticleSummary.columnSuffix($0.unitClass)) \($0.value.map { "\($0)" } ?? "-")" }
  }

  @Test func aCourtsCaseloadIsNotItsPetitions() throws {
    let a = try Self.summary("""
      南川区人民法院2023年涉诉信访工作情况

      全年新收各类案件6215件，审结5980件。全年受理涉诉信访23件，化解21件，一审服判息诉率91.4%，涉诉信访息诉率为90.5%。
      """)
    #expect(Self.figures(a) == ["cases_items 23", "resolved_items 21"])
    // The petitions' 息诉率, not the first-instance judgments'.
    #expect(a.statedRate(.settlement_rate)?.value == 90.5)
  }

  @Test func aTargetIsNoKeyRateAndARequestIsNoTarget() throws {
    let a = try Self.summary("""
      北塘镇2024年信访工作总结

      全年受理信访事项88件，办结85件，按期办结率96.6%。对群众要求解决的实际问题15件逐件落实。下一步，力争按期办结率达到98%以上。
      """)
    #expect(a.statedRate(.other_rate)?.value == 96.6, "力争…达到98% is a target")
    let facts = try Fixtures.process("对群众要求解决的实际问题15件逐件落实。下一步，力争按期办结率达到98%以上。").facts
    #expect(facts.map(\.target) == [false, true])
  }

  @Test func aThresholdInANegationIsNoCount() throws {
    let a = try Self.summary("""
      西坪县2022年信访工作报告

      全年受理信访事项412件。全县没有发生50人以上的集体上访，未出现进京非正常上访。
      """)
    #expect(Self.figures(a) == ["received_items 412"])
  }

  @Test func staffHeadCountsAreNoPetitioners() throws {
    let a = try Self.summary("""
      东湖区信访局2023年工作总结

      局机关现有干部职工14名，其中专职接访人员3名。全年接待来访群众421人次，其中反映问题的群众有267人。
      """)
    #expect(Self.figures(a) == ["visits_person_visits 421", "petitioners_persons 267"])
  }

  @Test func theAddresseeIsNotTheBody() throws {
    let a = try Self.summary("""
      市信访联席办：

      现将我县2023年上半年信访工作情况报告如下。上半年全县受理信访事项206件，办结198件。

      东岭县信访局
      2023年7月5日
      """)
    #expect(a.body == "东岭县信访局")
    #expect(a.period?.key == "2023-H1")
  }
}
