import Foundation
import Testing
@testable import XFReport

/// One expected fact, written compactly: kind, metric, value (nil = placeholder), unit.
struct F: CustomStringConvertible, Equatable {
  let kind: FactKind
  let metric: Metric
  let value: Decimal?
  let unit: String
  var approx = false
  var bound: Quantity.Bound? = nil
  var target = false
  var category: String? = nil

  init(_ kind: FactKind, _ metric: Metric, _ value: Decimal?, _ unit: String, approx: Bool = false, bound: Quantity.Bound? = nil, target: Bool = false, category: String? = nil) {
    self.kind = kind
    self.metric = metric
    self.value = value
    self.unit = unit
    self.approx = approx
    self.bound = bound
    self.target = target
    self.category = category
  }

  init(_ f: Fact) {
    self.init(f.kind, f.metric, f.value, f.unit, approx: f.approx, bound: f.bound, target: f.target, category: f.category)
  }

  var description: String { "\(kind.rawValue) \(metric.rawValue) \(value.map { "\($0)" } ?? "null")\(unit)\(approx ? " approx" : "")\(bound.map { " \($0)" } ?? "")\(target ? " target" : "")\(category.map { " [\($0)]" } ?? "")" }
}

@Suite struct ExtractionTests {
  func facts(_ text: String) throws -> [F] {
    try Fixtures.process(text).facts.filter { $0.metric != .other }.map(F.init)
  }

  @Test func batchesAndPersonVisitsAreTwoFacts() throws {
    #expect(try facts("全年共受理群众来信来访973批次2935人次。") == [F(.count, .received, 973, "批次"), F(.count, .received, 2935, "人次")])
  }

  @Test func narrowingKeepsTheMetric() throws {
    #expect(try facts("其中进京1批2人次，赴省1批1人次，到市567人次。") == [
      F(.count, .to_beijing, 1, "批"), F(.count, .to_beijing, 2, "人次"), F(.count, .to_province, 1, "批"),
      F(.count, .to_province, 1, "人次"), F(.count, .to_city, 567, "人次"),
    ])
  }

  @Test func twoRatesShareOneNumber() throws {
    #expect(try facts("办结息访13件，办结率、息访率均为100%。") == [
      F(.count, .resolved, 13, "件"), F(.rate, .resolution_rate, 100, "%"), F(.rate, .settlement_rate, 100, "%"),
    ])
  }

  @Test func changesCarryTheirSignAndTheCountsMetric() throws {
    #expect(try facts("受理群众来信56件次，同比下降51%；集体访12批，同比增加3批。") == [
      F(.count, .letters, 56, "件次"), F(.change, .letters, -51, "%"), F(.count, .collective, 12, "批"), F(.change, .collective, 3, "批"),
    ])
    #expect(try facts("办结率为95%，比去年同期提高了2.5个百分点。") == [F(.rate, .resolution_rate, 95, "%"), F(.change, .resolution_rate, 2.5, "pp")])
  }

  @Test func sharesAndApproximations() throws {
    #expect(try facts("农民上访的有120人，占上访人数的75%左右。") == [F(.count, .petitioners, 120, "人"), F(.share, .petitioners, 75, "%", approx: true)])
    #expect(try facts("全年接待上访群众300余人次。") == [F(.count, .visits, 300, "人次", approx: true)])
    #expect(try facts("回复率达98%以上。") == [F(.rate, .reply_rate, 98, "%", bound: .min)])
  }

  @Test func breakdownsCarryCategories() throws {
    #expect(try facts("受理涉法涉诉信访案件51件，其中涉及公安机关的6件，涉及人民法院的37件，不服民事判决的16件。") == [
      F(.count, .cases, 51, "件"), F(.count, .cases, 6, "件", category: "agency:police"), F(.count, .cases, 37, "件", category: "agency:court"),
      F(.count, .cases, 16, "件", category: "request:civil_judgment"),
    ])
  }

  @Test func placeholdersAreNeverNumbers() throws {
    let fs = try Fixtures.process("2004年，全区共受理群众来信来访n案次，同比增加xx案次，其中集体访*批××人次，办结率□%。").facts
    #expect(fs.count == 5)
    #expect(fs.allSatisfy { $0.placeholder && $0.value == nil })
    #expect(fs.map(\.metric) == [.received, .received, .collective, .collective, .resolution_rate])
  }

  @Test func aBlankFormFieldIsAPlaceholder() throws {
    let fs = try Fixtures.process("全年共受理群众来信    件，同比下降5%。").facts
    #expect(fs.first.map(F.init) == F(.count, .letters, nil, "件"))
    #expect(fs.first?.placeholder == true)
  }

  @Test func targetsAreFlagged() throws {
    #expect(try facts("明年要确保重点信访案件结案率达到100%。") == [F(.rate, .closure_rate, 100, "%", target: true)])
  }

  /// 要求 makes a target only with a reaching verb before the number in its clause.
  @Test func aRequirementIsATargetOnlyWithAReachingVerb() throws {
    #expect(try facts("市局要求各区县信访事项办结率不低于90%。") == [F(.rate, .resolution_rate, 90, "%", bound: .min, target: true)])
    #expect(try facts("按上级要求，各乡镇今年已化解信访积案12件。").map(\.target) == [false])
    #expect(try Fixtures.process("群众来信中，要求落实低保待遇的有31件。").facts.map(\.target) == [false])
  }

  /// A court's whole caseload is not about petitions; its petitions in the same report are.
  @Test func aCourtsCaseloadIsNoFact() throws {
    #expect(try facts("今年法院新收各类案件5120件，审结4987件。").isEmpty)
    #expect(try facts("全院审结涉诉信访案件46件。") == [F(.count, .resolved, 46, "件")])
  }

  @Test(arguments: ["落实一岗双责，做到三到位。", "党的十九大以来，开展四包四定。", "有效化解了一起大规模越级上访事件。", "县长接待一名上访人。", "2019年12月31日，65岁的老人领取补助120万元。", "根据〔2019〕12号文件第3条。", "本月诉求量居前五位的事项如下。", "满意率排名前3名的单位。"])
  func notFacts(text: String) throws {
    #expect(try facts(text).isEmpty)
  }

  @Test func chineseNumeralsAndFullWidth() throws {
    #expect(try facts("引导进入诉讼程序的涉诉信访案件两起，受理来信４６件。") == [F(.count, .cases, 2, "起"), F(.count, .letters, 46, "件")])
    #expect(try Fixtures.process("同比下降百分之十五点八。").facts.first?.value == Decimal(string: "-15.8"))
  }

  @Test func periodsAndEvidence() throws {
    let doc = try Fixtures.process("2019年上半年，全县受理来信56件。")
    let f = try #require(doc.facts.first)
    #expect(f.period?.label == "2019年上半年" && f.period?.key == "2019-H1")
    #expect(f.evidence == "全县受理来信56件")
    #expect(doc.source.text(f.span) == "56")
  }
}

/// Every report in Corpora/ against the expected facts beside it.
@Suite struct CorpusTests {
  static let reports: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.corpora.path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.sorted()
  }()

  func run(_ name: String, bytes: [UInt8]? = nil) throws -> (Document, FactMatcher.Report) {
    let raw = RawDocument(name: name, bytes: try bytes ?? Fixtures.bytes(name))
    let doc = try Fixtures.pipeline.process(raw)
    let expected = Fixtures.corpora.appendingPathComponent(name.replacingOccurrences(of: ".txt", with: ".facts.jsonl")).path
    let gold = try GoldFact.load(path: expected)
    let report = FactMatcher.score(gold: gold, run: doc.facts.map { .init(doc: name, fact: $0) }, dictionaries: Fixtures.dictionaries)
    return (doc, report)
  }

  @Test func thereAreReports() { #expect(Self.reports.count >= 8) }

  @Test(arguments: reports)
  func expectedFacts(name: String) throws {
    let (doc, report) = try run(name)
    #expect(report.invented.isEmpty, "placeholders turned into numbers: \(report.invented.map(\.0.quote))")
    #expect(report.all.f1 >= 0.8, "F1 \(report.all.f1): missed \(report.missed.map(\.quote)), extra \(report.extra.map(\.fact.evidence))")
    #expect(doc.facts.allSatisfy { $0.placeholder == ($0.value == nil) })
    for f in doc.facts {
      let src = doc.source.text(f.span)
      #expect(!src.isEmpty && f.span.end <= doc.source.count)
    }
  }

  @Test func wholeCorpusScoresAboveTheFloor() throws {
    var all = PRFScore()
    for name in Self.reports {
      let (_, r) = try run(name)
      all.truePositives += r.all.truePositives
      all.run += r.all.run
      all.gold += r.all.gold
    }
    #expect(all.f1 >= 0.9, "corpus F1 \(all.f1)")
  }

  /// `extract` and `analyze` skip the word layer: the facts and categories they write must be
  /// those of a run that builds it.
  @Test(arguments: reports)
  func factsDoNotDependOnWords(name: String) throws {
    let raw = RawDocument(name: name, bytes: try Fixtures.bytes(name))
    let withWords = try Fixtures.pipeline.process(raw, through: .all)
    let without = try Fixtures.pipeline.process(raw, through: .extract)
    #expect(!withWords.tokens.isEmpty && without.tokens.isEmpty)
    var a: [UInt8] = [], b: [UInt8] = []
    FactWriter().write(withWords, to: &a)
    FactWriter().write(without, to: &b)
    #expect(!a.isEmpty && a == b)
    #expect(without.sentences.map(\.range) == withWords.sentences.map(\.range))
    #expect(without.checkInvariants().isEmpty)
  }

  /// The same facts, with the same spans, whatever the encoding.
  @Test(arguments: ["county-annual-2019.txt", "traditional-hk.txt", "placeholders-template.txt"])
  func encodingsGiveTheSameFacts(name: String) throws {
    let (base, _) = try run(name)
    let text = try Fixtures.process(String(decoding: try Fixtures.bytes(name), as: UTF8.self)).source.string
    for enc in [TextEncoding.gb18030, .utf16le] {
      var bytes = try #require(TextEncoder.encode(text, as: enc))
      if enc == .utf16le { bytes = [0xFF, 0xFE] + bytes }
      let (doc, _) = try run(name, bytes: bytes)
      #expect(doc.facts.map(\.span) == base.facts.map(\.span))
      #expect(doc.facts.map(F.init) == base.facts.map(F.init))
    }
  }
}
