import Foundation
import Testing
@testable import XFReport

@Suite struct SegmentationTests {
  /// Terms ICU splits into single characters come out whole.
  @Test(arguments: [
    ("全年接待上访300余人次，重信重访下降。", ["上访", "300余", "人次", "重信重访"]),
    ("办结息诉13起，息诉率82%。", ["办结", "息诉", "13", "息诉率", "82%"]),
    ("坚持涉法涉诉与信访分离，息诉罢访，越级访减少。", ["涉法涉诉", "信访", "息诉罢访", "越级访"]),
    ("办结率、息访率均为100%。", ["办结率", "息访率", "100%"]),
    ("比去年下降百分之十五点八，全年1.5万件。", ["百分之十五点八", "1.5万"]),
    ("受理来信三百余件，引导进入诉讼程序两起。", ["三百余", "两"]),
    ("共受理群众来信来访n案次。", ["n"]),
    ("进京上访32批次63人次。", ["进京上访", "32", "批次", "63", "人次"]),
  ])
  func lexiconAndNumbersAreOneToken(text: String, expected: [String]) throws {
    let doc = try Fixtures.process(text)
    for e in expected { #expect(doc.words.contains(e), "\(e) not a token in \(doc.words)") }
    #expect(doc.invariantViolations().isEmpty)
  }

  @Test(arguments: ["落实一岗双责", "开展三到位活动", "党的十九大以来", "统一思想", "一起研究"])
  func slogansAreNotSplitIntoNumbersWithUnits(text: String) throws {
    let doc = try Fixtures.process(text)
    let numbers = doc.tokens.filter { $0.kind == .number }.map { doc.text($0.range) }
    #expect(!numbers.contains("一") && !numbers.contains("三"), "\(numbers)")
  }

  @Test func tokenKindsComeFromRuleStatus() throws {
    let doc = try Fixtures.process("受理来信xx件，ABC，办结率98.5%。")
    let kinds = Dictionary(doc.tokens.map { (doc.text($0.range), $0.kind) }, uniquingKeysWith: { a, _ in a })
    #expect(kinds["受理"] == .ideographic)
    #expect(kinds["xx"] == .placeholder)
    #expect(kinds["ABC"] == .letter)
    #expect(kinds["，"] == .punctuation)
    #expect(kinds["98.5%"] == .number)
  }

  @Test func weightZeroDisablesATerm() throws {
    let lexicon = DomainLexicon(entries: [.init(term: "信访", weight: 10, tag: nil), .init(term: "信访", weight: 0, tag: nil)])
    #expect(lexicon.entry("信访") == nil)
  }

  @Test func placeholdersOnlyBeforeMeasureWords() throws {
    let doc = try Fixtures.process("XX县受理来信xx件，20xx年，□我们□件。")
    let ph = doc.tokens.filter { $0.kind == .placeholder }.map { doc.text($0.range) }
    #expect(ph == ["xx", "20xx", "□"])
  }
}

@Suite struct NumberTests {
  @Test(arguments: [
    ("三十六", 36), ("两千", 2000), ("一万二千", 12000), ("二千七", 2700), ("壹佰贰拾", 120), ("十五", 15), ("一九九八", 1998),
    ("三百", 300), ("一亿二千万", 120_000_000),
  ])
  func chineseNumerals(text: String, value: Int) {
    #expect(ChineseNumeral.parse(Array(text.unicodeScalars)) == Decimal(value))
  }

  @Test func decimalsInChinese() {
    #expect(ChineseNumeral.parse(Array("十五点八".unicodeScalars)) == Decimal(string: "15.8"))
  }

  @Test(arguments: [
    ("共2,935人次", "2,935", "2935"), ("办结率98.5%", "98.5%", "98.5"), ("1.5万件", "1.5万", "15000"),
    ("百分之十五点八", "百分之十五点八", "15.8"), ("300余人次", "300余", "300"),
  ])
  func arabicAndMixed(text: String, match: String, value: String) throws {
    let s = Array(text.unicodeScalars)
    let found = NumberRecognizer(units: Fixtures.dictionaries.units).find(in: s)
    let m = try #require(found.first)
    #expect(String(String.UnicodeScalarView(s[m.range])) == match)
    #expect(m.value == Decimal(string: value))
  }
}

@Suite struct StructureTests {
  @Test func collectionsSplitIntoArticles() throws {
    let text = "工作总结范文(精选3篇)\n前言一段。\n\n信访工作总结篇一\n一、基本情况\n受理来信56件。\n\n信访工作总结 篇2\n（一）主要做法\n受理来访30批次。\n\n第三篇 信访调研\n1、存在问题\n重复访较多。"
    let doc = try Fixtures.process(text)
    #expect(doc.articles.map(\.index) == [0, 1, 2, 3])
    #expect(doc.articles.map(\.title) == ["工作总结范文(精选3篇)", "信访工作总结篇一", "信访工作总结 篇2", "第三篇 信访调研"])
    #expect(doc.sections.map(\.level) == [1, 2, 3])
    let s = try #require(doc.sentences.first { doc.text($0.range) == "受理来访30批次。" })
    #expect(s.article == 2)
    #expect(doc.sections[try #require(s.section)].title == "(一)主要做法")
  }

  @Test func sentencesEndAtChinesePunctuationAndLines() throws {
    let doc = try Fixtures.process("一是健全机制。二是强化督办；三是全年办结率达98.5%！\n同比下降5.2个百分点")
    #expect(doc.sentences.map { doc.text($0.range) } == ["一是健全机制。", "二是强化督办;三是全年办结率达98.5%!", "同比下降5.2个百分点"])
  }

  @Test func listMarkersStayWithTheirSentence() throws {
    let doc = try Fixtures.process("1.联通各方。2.来访30批次。")
    #expect(doc.sentences.map { doc.text($0.range) } == ["1.联通各方。", "2.来访30批次。"])
  }
}
