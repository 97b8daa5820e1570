import Testing
@testable import XFReport

/// The reporting body is the report's author: named in its title or top lines, or in the
/// signature over the date; the addressee line (…：) names who the report goes to.
@Suite struct ReportingBodyTests {
  func body(_ text: String) throws -> String? {
    let doc = try Fixtures.process(text)
    return ReportingBody(Fixtures.dictionaries).find(in: doc.normalized, lines: doc.normalized.lineRanges(), article: doc.articles[0])
  }

  @Test func theTitleNamesTheAuthor() throws {
    #expect(try body("南湾市公安局2022年信访工作情况\n\n全年共受理来信来访216件。\n") == "南湾市公安局")
  }

  @Test func theAddresseeIsNotTheAuthor() throws {
    let text = "关于今年涉诉信访情况的报告\n\n市委政法委：\n\n今年共登记涉诉信访案件64件，办结58件。\n\n具体情况如下。\n\n东岭县人民法院\n2023年12月20日\n"
    #expect(try body(text) == "东岭县人民法院")
  }

  @Test func theSignatureNamesTheAuthorWhenTheTopDoesNot() throws {
    let text = "上半年信访工作小结\n\n上半年全镇受理群众来信来访47件。\n\n下半年将继续做好矛盾排查。\n\n其他事项另报。\n\n白沙镇人民政府\n2023年7月3日\n"
    #expect(try body(text) == "白沙镇人民政府")
  }
}
