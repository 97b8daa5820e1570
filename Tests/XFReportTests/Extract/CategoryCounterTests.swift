import Foundation
import Testing
@testable import XFReport

/// Issue categories come from words of the text that petitions are said to concern.
@Suite struct CategoryCounterTests {
  /// The categories of a one-article text, with their mentions, as `extract` finds them.
  static func categories(_ text: String, pipeline: Pipeline = Fixtures.pipeline) throws -> [String: Int] {
    let doc = try pipeline.process(RawDocument(name: "t.txt", bytes: Array(text.utf8)), through: .extract)
    return Dictionary(uniqueKeysWithValues: doc.categoryMentions.map { ($0.category, $0.mentions) })
  }

  static func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-contexts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func aTermInsideALongerWordIsNoMention() throws {
    // 环保 inside the lexicon's 环保局, twice and in a petition context.
    #expect(try Self.categories("环保局接待来访群众，环保局负责处理这些问题。") == [:])
  }

  @Test func aTermAcrossAWordBoundaryIsNoMention() throws {
    // 承包 across 继承|包括.
    #expect(try Self.categories("来访群众反映遗产继承包括房屋的问题，继承包括存款。") == [:])
  }

  @Test func aSinglePassingMentionIsNone() throws {
    #expect(try Self.categories("全县加强环境保护，建设美丽乡村。") == [:])
  }

  @Test func aPetitionWordInAnotherSentenceIsNoContext() throws {
    #expect(try Self.categories("今年共受理群众来信。全县加强环境保护。") == [:])
  }

  @Test func aPetitionWordFarAwayInALongSentenceIsNoContext() throws {
    let filler = String(repeating: "各乡镇", count: CategoryCounter.contextReach / 3 + 1)
    #expect(try Self.categories("群众来信\(filler)加强环境保护。") == [:])
    #expect(try Self.categories("群众来信加强环境保护\(filler)。") == ["environment": 1])
  }

  @Test func aMentionInAPetitionContextCounts() throws {
    #expect(try Self.categories("群众来信反映的主要是征地补偿。") == ["land": 1])
  }

  /// The classes of petition statistics name categories: 政法 as a class, not inside 政法委.
  @Test func aClassOfPetitionStatisticsIsACategory() throws {
    let found = try Self.categories("本季度群众信访涉及的领域依次为城乡建设、政法、教育。")
    #expect(found["law_litigation"] == 1)
    #expect(found["urban_planning"] == 1)
    #expect(try Self.categories("县委政法委牵头接待来访群众。")["law_litigation"] == nil)
    #expect(try Self.categories("全县政法机关接待来访群众120人次。")["law_litigation"] == nil)
    // 政法 as a field of work, however often, is no class of petitions.
    #expect(try Self.categories("全区信访、政法稳定工作保持平稳。政法稳定工作持续推进，落实市政法工作会议部署。")["law_litigation"] == nil)
  }

  @Test func aContextWordMayBeInTheTermItself() throws {
    // 纠纷 in 土地纠纷.
    #expect(try Self.categories("全年调处土地纠纷。") == ["land": 1])
  }

  @Test func severalMentionsCountWithoutContext() throws {
    #expect(CategoryCounter.minimumMentions == 2)
    #expect(try Self.categories("全年开展环境保护宣传。环境保护专项行动持续推进。") == ["environment": 2])
  }

  @Test func aTitleIsNoMention() throws {
    #expect(try Self.categories("组织学习《环境保护法》，接待来访群众。") == [:])
  }

  @Test func breakdownIdsAreNoIssueCategories() throws {
    #expect(try Self.categories("涉及人民法院的来信较多，人民法院积极办理。") == [:])
  }

  @Test func aUserContextFileAddsAContextWord() throws {
    let text = "群众呼声较高的是环境保护。"
    #expect(try Self.categories(text) == [:])
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "term\tkind\n呼声\tcomplaint\n".write(to: dir.appendingPathComponent("category-contexts.tsv"), atomically: true, encoding: .utf8)
    let builtIn = Fixtures.packageRoot.appendingPathComponent("Dictionaries").path
    for user in [dir.path, dir.appendingPathComponent("category-contexts.tsv").path] {
      let d = try Dictionaries.load(builtIn: builtIn, user: [user])
      #expect(d.categoryContexts.values["呼声"] == .complaint)
      #expect(d.categoryContexts.values["信访"] == .petition)
      #expect(try Self.categories(text, pipeline: Pipeline(dictionaries: d)) == ["environment": 1])
    }
  }

  @Test func anUnknownContextKindIsRejected() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("category-contexts.tsv")
    try "term\tkind\n呼声\tnoise\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(throws: DictionaryError.invalidEntry(file: file.path, line: 2, reason: "unknown kind `noise` (one of \(CategoryContext.allCases.map(\.rawValue).joined(separator: ", ")))")) {
      try Dictionaries.load(builtIn: Fixtures.packageRoot.appendingPathComponent("Dictionaries").path, user: [dir.path])
    }
  }

  /// The words read around a cue end where the words of the whole text end, so that `extract`
  /// (no word layer) and `segment` agree on which cues are words.
  @Test(arguments: CorpusTests.reports)
  func wordsAroundACueAreThoseOfTheWholeText(name: String) throws {
    let d = Fixtures.dictionaries
    let doc = try Fixtures.pipeline.process(RawDocument(name: name, bytes: try Fixtures.bytes(name)), through: .all)
    var whole = Set<Int>()
    for t in doc.tokens { whole.formUnion([t.range.lowerBound, t.range.upperBound]) }
    let s = doc.normalized.scalars
    var words = CueWords(d, numbers: doc.numbers)
    let cues = d.cueOccurrences(in: s).categories
    for (k, o) in cues.enumerated() {
      let r = o.range
      guard let sentence = doc.sentences.first(where: { $0.range.lowerBound <= r.lowerBound && r.upperBound <= $0.range.upperBound }) else { continue }
      let isWord = whole.isSuperset(of: [r.lowerBound, r.upperBound])
      #expect(words.isWord(r, sentence: sentence.range, in: s, next: cues[(k + 1)...].lazy.map(\.range)) == isWord, "\(o.term) at \(r)")
      // Where the lexicon decides alone, ICU's words agree.
      #expect(words.icuWord(r, sentence: sentence.range, in: s, next: cues[(k + 1)...].lazy.map(\.range)) == isWord, "\(o.term) at \(r), ICU")
    }
  }
}
