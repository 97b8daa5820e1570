import Testing
@testable import XFReport

/// Periods are values (year and part of the year), taken from the report's heading, or from a
/// figure's own sentence where that states one; a period mentioned in passing is nobody's.
@Suite struct PeriodTests {
  func periods(_ text: String) throws -> (heading: Period?, facts: [String]) {
    let doc = try Fixtures.process(text)
    return (doc.articlePeriods[0], doc.facts.map { $0.period.map { "\($0.key) \($0.label)" } ?? "-" })
  }

  @Test func aHalfYearReportKeepsItsYear() throws {
    let (h, facts) = try periods("西岭镇2024年上半年信访工作小结\n\n上半年，全镇共受理来信来访52件，办结49件。\n")
    #expect(h?.year == 2024 && h?.part == .half(1))
    #expect(facts == ["2024-H1 2024年上半年", "2024-H1 2024年上半年"])
  }

  @Test func aPassingMentionIsNoPeriodOfLaterFigures() throws {
    let text = "南河县2022年信访工作总结\n\n全年受理来访310件，仅一季度就受理95件。全年办结来访298件。\n"
    let (h, facts) = try periods(text)
    #expect(h?.key == "2022")
    #expect(facts == ["2022 2022年", "2022-Q1 2022年一季度", "2022 2022年"])
  }

  @Test(arguments: [
    ("2023年5月全市12345热线受理工单8842件。", "2023-M05"),
    ("2023年1—5月全市12345热线受理工单8842件。", "2023-M01-M05"),
    ("2023年第一季度全市12345热线受理工单8842件。", "2023-Q1"),
    ("2023年前三季度全市12345热线受理工单8842件。", "2023-Q1-Q3"),
    ("20xx年全镇共受理来信来访52件。", "unknown"),
  ])
  func shapes(_ text: String, _ key: String) throws {
    let (h, facts) = try periods(text)
    #expect(h?.key == key)
    #expect(facts.first?.hasPrefix(key) == true)
  }

  @Test func partCodesReadBack() {
    for p in [Period.Part.year, .half(2), .quarter(3), .quarters(3)] { #expect(Period.Part(code: p.code) == p) }
    #expect(Period.Part(code: "H3") == nil)
  }
}
