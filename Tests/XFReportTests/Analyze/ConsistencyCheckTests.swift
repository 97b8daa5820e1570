import Foundation
import Testing
@testable import XFReport

/// Each check rule on a passage written to trip it, and silence on consistent passages.
struct ConsistencyCheckTests {
  func findings(_ text: String) throws -> [Finding] {
    ConsistencyChecker(dictionaries: Fixtures.dictionaries).check(try Fixtures.process(text))
  }

  /// One number may give several facts one span (均为零): the checks read the text between facts
  /// and must not trap on facts that overlap.
  @Test func factsSharingASpanAreChecked() throws {
    #expect(try findings("全年受理来访20件，其中进京访、赴省访均为零，到市访20件。办结率100%。").isEmpty)
    #expect(try findings("来访中进京访、赴省访均为零，其中集体访为零。").isEmpty)
  }

  @Test func rateAgainstItsCounts() throws {
    let f = try findings("全年登记受理群众来信16件次，办结息诉13起，息诉率82%。\n")
    #expect(f.count == 1)
    #expect(f.first?.rule == .rateMismatch)
    #expect(f.first?.stated == 82)
    #expect(f.first?.computed == Decimal(string: "81.25"))
    #expect(f.first?.figures.map(\.role) == ["rate", "numerator", "denominator"])
  }

  @Test func rateRoundedAsStatedIsFine() throws {
    #expect(try findings("全年受理信访事项16件，办结13件，办结率81.3%。\n").isEmpty)
    #expect(try findings("全年受理信访事项16件，办结13件，办结率81%。\n").isEmpty)
  }

  @Test func settlementRateMayBeOfTheConcludedCases() throws {
    // 1197/1342 = 89.2%, 1197/1386 = 86.4%: the stated rate is of the concluded cases.
    #expect(try findings("全年受理的1386件信访事项中，已办结1342件，办结率96.8%；息诉罢访1197件，息诉率89.2%。\n").isEmpty)
  }

  @Test func partsAgainstTheirTotal() throws {
    let f = try findings("全区上访总量为2675人次，其中进京1批2人次，赴省1批1人次，到市567人次，本级接待2101人次。\n")
    #expect(f.map(\.rule) == [.partsSum])
    #expect(f.first?.stated == 2675)
    #expect(f.first?.computed == 2671)
    #expect(f.first?.figures.filter { $0.role == "part" }.count == 4)
  }

  @Test func partsThatAddUpOrAreOnlySomeAreFine() throws {
    #expect(try findings("全年共受理信访事项436件，其中来信120件，来访221件，网上信访95件。\n").isEmpty)
    // Only some channels named: 120+210 is far below 436, a partial list rather than an error.
    #expect(try findings("全年共受理信访事项436件，其中来信120件，来访210件。\n").isEmpty)
  }

  @Test func categoryBreakdownAgainstTheTotalBefore() throws {
    let f = try findings("我县所涉及的51件案件中，现就案件基本情况作简要分析。\n\n从上访者身份来看：农民39人，职工3人，干部1人，无业人员7人。\n")
    #expect(f.map(\.rule) == [.partsSum])
    #expect(f.first?.computed == 50)
  }

  @Test func aPartAfterQiZhongIsNotATotal() throws {
    let text = "全年共受理信访事项87件，其中涉及土地承包和宅基地纠纷的29件，涉及拆迁安置的14件，涉及低保、养老等社会保障的21件，涉及村务公开、财务不公开的9件，其他14件。\n"
    #expect(try findings(text).isEmpty)
  }

  /// Each figure keeps its fact's index in the document.
  @Test func figuresKeepTheirFacts() throws {
    let doc = try Fixtures.process("全年登记受理群众来信16件次，办结息诉13起，息诉率82%。\n")
    let f = ConsistencyChecker(dictionaries: Fixtures.dictionaries).check(doc)
    #expect(f.first?.figures.map(\.fact) == [2, 1, 0])
    #expect(f.first?.figures.map { $0.fact.map { doc.facts[$0].span } } == f.first?.figures.map(\.span))
  }

  @Test func impossibleFigures() throws {
    let f = try findings("信访事项按期办结率103.5%，集体访批次同比下降112%，全年发生集体访12批9人次。\n")
    #expect(f.count == 3)
    #expect(f.allSatisfy { $0.rule == .impossibleValue })
    #expect(try findings("群众满意率达100%，来信同比下降100%，集体访3批45人次。\n").isEmpty)
  }

  @Test func changeAgainstItsTwoFigures() throws {
    let f = try findings("来访量由上年的250件减少到今年的210件，减少40件，下降20%。\n")
    #expect(f.map(\.rule) == [.changeMismatch])
    #expect(f.first?.computed == -16)
    #expect(try findings("来访量由上年的250件减少到今年的210件，减少40件，下降16%。\n").isEmpty)
  }

  @Test func ownConsistentFixturesRaiseNothing() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpora.path)
      .filter { $0.hasSuffix(".txt") && $0 != "inconsistent-figures.txt" }.sorted()
    #expect(files.count >= 9)
    for name in files {
      let doc = try Fixtures.pipeline.process(RawDocument(name: name, bytes: try Fixtures.bytes(name)))
      let f = ConsistencyChecker(dictionaries: Fixtures.dictionaries).check(doc)
      #expect(f.isEmpty, "\(name): \(f.map(\.message))")
    }
  }

  @Test func theInconsistentFixtureTripsEveryRule() throws {
    let name = "inconsistent-figures.txt"
    let doc = try Fixtures.pipeline.process(RawDocument(name: name, bytes: try Fixtures.bytes(name)))
    let rules = Set(ConsistencyChecker(dictionaries: Fixtures.dictionaries).check(doc).map(\.rule))
    #expect(rules == [.rateMismatch, .partsSum, .impossibleValue, .changeMismatch])
  }

  /// Half a unit of the last decimal shown, as ten divisions by ten gave it.
  @Test func halfUnitOfTheLastDecimal() {
    for text in ["82", "81.25", "0.5", "3.125", "-12.75", "99.99999", "0.000001"] {
      let d = Decimal(string: text)!
      var unit = Decimal(1)
      for _ in 0..<(FactWriter.number(d).split(separator: ".").dropFirst().first?.count ?? 0) { unit /= 10 }
      #expect(ConsistencyChecker.halfUnit(of: d) == unit / 2, "\(text)")
    }
  }
}
