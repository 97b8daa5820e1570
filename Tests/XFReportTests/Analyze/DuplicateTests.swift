import Foundation
import Testing
@testable import XFReport

struct DuplicateTests {
  static let passage = "全年共受理群众来信来访436件次，其中来信120件，来访316件次，同比下降6.2%。各类信访事项均按规定程序及时办理，群众满意率明显提升，信访秩序持续好转。"
  static let other = "镇党委、政府把信访维稳工作列入重要议事日程，成立了由党委书记任组长的领导小组，定期召开专题会议，分析研判信访形势，研究解决突出问题。"

  @Test func minHashEstimatesSimilarity() {
    let a = MinHash(Self.passage.unicodeScalars, slots: 64)!
    let b = MinHash(Self.passage.replacingOccurrences(of: "，", with: ",").unicodeScalars, slots: 64)!
    let c = MinHash(Self.other.unicodeScalars, slots: 64)!
    #expect(a.similarity(b) == 1, "punctuation does not count")
    #expect(a.similarity(c) < 0.2)
    #expect(MinHash("太短".unicodeScalars, slots: 64) == nil)
  }

  @Test func repeatedArticlesAndPassagesAcrossDocuments() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    let first = analyzer.analyze(try Fixtures.process("第一篇\n\n\(Self.passage)\n\n\(Self.other)\n", name: "a.txt"))
    #expect(first.duplicates.isEmpty)
    // The same report filed again, and a report that quotes one of its passages.
    let again = analyzer.analyze(try Fixtures.process("第一篇\n\n\(Self.passage)\n\n\(Self.other)\n", name: "b.txt"))
    #expect(again.duplicates.map(\.kind) == [.article])
    #expect(again.duplicates.first?.original.doc == "a.txt")
    #expect(again.factDuplicateOf.allSatisfy { $0 != nil })
    let quote = analyzer.analyze(try Fixtures.process("关于信访工作的另一份报告，内容与前文完全不同，讲述的是另一个乡镇的工作安排和人员培训情况。\n\n\(Self.passage)\n", name: "c.txt"))
    #expect(quote.duplicates.map(\.kind) == [.passage])
    #expect(quote.duplicates.first?.original.doc == "a.txt")
    // Totals count the passage's figures once.
    let received = analyzer.totals.metrics[CorpusTotals.Key(period: "", metric: .received, unitClass: "items")]
    #expect(received?.value == 436)
    #expect(received?.articles == 1)
    #expect(analyzer.totals.duplicateArticles == 1)
  }

  @Test func keepDuplicatesCountsEveryCopy() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries, keepDuplicates: true)
    for name in ["a.txt", "b.txt"] { _ = analyzer.analyze(try Fixtures.process("\(Self.passage)\n\n\(Self.other)\n", name: name)) }
    #expect(analyzer.totals.metrics[CorpusTotals.Key(period: "", metric: .received, unitClass: "items")]?.value == 872)
  }

  @Test func copiesThatDisagreeAreAFinding() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    _ = analyzer.analyze(try Fixtures.process("\(Self.passage)\n", name: "a.txt"))
    let changed = Self.passage.replacingOccurrences(of: "来信120件", with: "来信121件")
    let b = analyzer.analyze(try Fixtures.process("\(changed)\n", name: "b.txt"))
    let conflicts = b.findings.filter { $0.rule == .copyConflict }
    #expect(conflicts.count == 1)
    #expect(conflicts.first?.stated == 121)
    #expect(conflicts.first?.computed == 120)
    #expect(conflicts.first?.figures.last?.doc == "a.txt")
    // The copy's figure is b's fact; the original, in a.txt, is no fact of b.
    #expect(conflicts.first?.figures.map { $0.fact.map { b.facts[$0].value } } == [121, nil])
  }

  /// A passage repeated inside one input: the original's figure is that input's fact too.
  @Test func aCopyInTheSameInputLinksBothFacts() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    let changed = Self.passage.replacingOccurrences(of: "来信120件", with: "来信121件")
    let d = analyzer.analyze(try Fixtures.process("\(Self.passage)\n\n\(changed)\n", name: "a.txt"))
    let figures = d.findings.filter { $0.rule == .copyConflict }.first?.figures ?? []
    #expect(figures.map { $0.fact.map { d.facts[$0].value } } == [121, 120])
  }

  @Test func reportContainingAnEarlierOneIsNotWhollyADuplicate() throws {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    let base = "\(Self.passage)\n\n\(Self.other)\n"
    _ = analyzer.analyze(try Fixtures.process(base, name: "a.txt"))
    let extra = "下半年新增办理群众来信58件，来访73件次，均已按期办结，没有发生越级上访和集体上访，全镇信访形势保持平稳向好的态势，群众满意度进一步提高。"
    let b = analyzer.analyze(try Fixtures.process(base + "\n" + extra + "\n" + extra.replacingOccurrences(of: "下半年", with: "第四季度") + "\n", name: "b.txt"))
    let article = b.duplicates.first { $0.kind == .article }
    #expect(article?.relation == .contains)
    #expect(b.articles.first?.duplicateOf == nil)
  }

  /// The sketch of a part of a document from the document's shingle hashes is the one its
  /// text alone gives (shingles across the part's edges left out), for articles, lines and
  /// other ranges of the corpora.
  @Test func partSketchesFromDocumentHashesEqualSketchesOfTheParts() throws {
    /// The sketch as first written (its bins, then its shingle count): the part's characters
    /// filtered and hashed on their own.
    func alone(_ text: ArraySlice<Unicode.Scalar>, slots: Int, minShingles: Int) -> [UInt32]? {
      let content = text.filter(MinHash.counts).map { UInt64($0.value) }
      let n = content.count - MinHash.shingleLength + 1
      guard n >= minShingles else { return nil }
      var mins = [UInt32](repeating: MinHash.empty, count: slots)
      for i in 0..<max(0, n) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in 0..<MinHash.shingleLength { h = (h ^ content[i + k]) &* 0x100_0000_01b3 }
        h = MinHash.mix(h)
        let bin = slots == 1 ? 0 : Int(h >> UInt64(64 - slots.trailingZeroBitCount))
        mins[bin] = min(mins[bin], UInt32(truncatingIfNeeded: h) & 0x7fff_ffff)
      }
      return mins + [UInt32(bitPattern: Int32(n))]
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpora.path).filter { $0.hasSuffix(".txt") }
    #expect(!names.isEmpty)
    for name in names {
      let doc = try Fixtures.pipeline.process(RawDocument(name: name, bytes: try Fixtures.bytes(name)))
      let s = doc.normalized.scalars
      let hashes = ShingleHashes(s)
      var ranges = doc.articles.map(\.range) + doc.normalized.lineRanges() + [0..<s.count, 0..<0, s.count..<s.count]
      for start in stride(from: 0, to: s.count, by: 7) { ranges.append(start..<min(s.count, start + 3 + start % 40)) }
      for r in ranges {
        for (slots, minShingles) in [(64, 40), (32, 16), (1, 1), (8, 0), (8, -3)] {
          let expected = alone(s[r], slots: slots, minShingles: minShingles)
          let shared = hashes.sketch(r, slots: slots, minShingles: minShingles)
          let own = MinHash(s[r], slots: slots, minShingles: minShingles)
          #expect(shared.map { $0.slots + [UInt32(bitPattern: Int32($0.shingles))] } == expected, "\(name) \(r)")
          #expect(own.map { $0.slots + [UInt32(bitPattern: Int32($0.shingles))] } == expected, "\(name) \(r)")
        }
      }
    }
  }
}
