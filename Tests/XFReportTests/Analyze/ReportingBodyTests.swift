import Foundation
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

/// A key figure is the report's own petition statistic: a court's first-instance 服判息诉率 is a
/// fact, but the petitions' 息诉率 stands for the metric.
@Suite struct KeyFigureTests {
  @Test func aCaseloadRateIsNotThePetitionsRate() throws {
    let text = "东岭县人民法院2023年涉诉信访工作报告\n\n全年一审服判息诉率为92.5%，同比上升1个百分点。全年办结涉诉信访案件40件，其中息诉罢访35件，息诉率87.5%。\n"
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    let article = try #require(analyzer.analyze(try Fixtures.process(text)).articles.first)
    let rate = article.rates.first { $0.metric == .settlement_rate && !$0.derived }
    #expect(rate?.value == Decimal(string: "87.5"))
    #expect(article.body == "东岭县人民法院")
  }
}
