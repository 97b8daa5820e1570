import Foundation
import Testing
@testable import XFReport

/// The duplicate search looks each text up among a bounded number of earlier ones: a file of
/// thousands of near-identical short articles costs time linear in their number. Measured as a
/// ratio inside one run (4× the articles in under 8× the time: linear is 4×, quadratic 16×, and a
/// loaded two-core machine has shown 6.1×), not against a clock.
@Suite struct DuplicateGrowthTests {
  /// `n` short articles of one wording, each with its own place and figures.
  static func similarArticles(_ n: Int, from first: Int = 0) -> String {
    let places = ["东", "西", "南", "北", "中", "上", "下", "前", "后", "左", "右"]
    var text = ""
    for i in first..<(first + n) {
      text += "第\(i + 1)篇\n"
      text += "本月\(places[i % places.count])片区共受理群众来信来访\(100 + i % 37)件，其中来信\(20 + i % 13)件，来访\(80 + i % 29)件次，均已按期办理完毕，群众反映良好。\n"
    }
    return text
  }

  /// The best of three interleaved runs of the in-order half of the analysis (duplicates, copy
  /// checks, totals) over each prepared document, each on a fresh analyzer that has first seen
  /// `warmUp`: the index's buckets fill to their cap first, and until then each lookup costs a
  /// little more than the one before; the cap is what keeps the steady state linear.
  static func bestSeconds(_ texts: [String], warmUp: String) throws -> [Double] {
    let analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    let prepared = try texts.map { analyzer.preparer.prepare(try Fixtures.process($0, name: "t.txt")) }
    let warm = analyzer.preparer.prepare(try Fixtures.process(warmUp, name: "warm.txt"))
    var best = [Double](repeating: .infinity, count: prepared.count)
    for _ in 0..<3 {
      for (k, p) in prepared.enumerated() {
        var fresh = Analyzer(dictionaries: Fixtures.dictionaries)
        _ = fresh.analyze(warm)
        let start = DispatchTime.now().uptimeNanoseconds
        _ = fresh.analyze(p)
        best[k] = min(best[k], Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      }
    }
    return best
  }

  /// Every output of one document of many articles: none may scan all facts per article.
  static func renderSeconds(_ texts: [String]) throws -> [Double] {
    var analyzer = Analyzer(dictionaries: Fixtures.dictionaries)
    let docs = try texts.map { try Fixtures.process($0, name: "t.txt") }
    let analyses = docs.map { analyzer.analyze($0) }
    var best = [Double](repeating: .infinity, count: texts.count)
    for _ in 0..<3 {
      for (k, a) in analyses.enumerated() {
        let shared = SharedRendering(a)
        let start = DispatchTime.now().uptimeNanoseconds
        _ = JSONAnalysisWriter.Renderer().render(a, shared: shared)
        _ = CSVAnalysisWriter.Renderer(style: CSVTable.Style()).render(a, shared: shared)
        _ = HTMLReportWriter.Renderer(keepDuplicates: false).render(a, shared: shared)
        _ = SQLiteAnalysisWriter.Renderer().render(a, shared: shared)
        _ = XLSXAnalysisWriter.Renderer().render(a, shared: shared)
        var facts: [UInt8] = []
        FactWriter().write(docs[k], to: &facts)
        best[k] = min(best[k], Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      }
    }
    return best
  }

  @Test func outputsOfManyArticlesAreLinear() throws {
    let t = try Self.renderSeconds([Self.similarArticles(1000), Self.similarArticles(4000)])
    #expect(t[1] < 8 * t[0], "1000 articles: \(t[0]) s, 4000 articles: \(t[1]) s")
  }

  @Test func similarArticlesAreLinear() throws {
    let t = try Self.bestSeconds([Self.similarArticles(1000), Self.similarArticles(4000)], warmUp: Self.similarArticles(2000, from: 10_000))
    let (a, b) = (t[0], t[1])
    #expect(b < 8 * a, "1000 articles: \(a) s, 4000 articles: \(b) s")
  }

  /// A late text of a template is filed in no bucket (all of them full by then): its copy is
  /// still found, and found as its own, by the exact path — not taken for a copy of a sibling.
  @Test func exactCopyIsFoundPastTheBucketCap() throws {
    let cap = DuplicateIndex<Int>.maxBucket
    let boilerplate = "镇党委、政府把信访维稳工作列入重要议事日程，成立了由党委书记任组长的领导小组，定期召开专题会议，分析研判信访形势，研究解决突出问题，落实领导干部接访下访制度，畅通群众诉求表达渠道，推动矛盾纠纷就地化解。"
    let texts = (0..<(8 * cap)).map { "\(boilerplate)编号\($0)。" }
    let sketches = texts.map { MinHash($0.unicodeScalars, slots: 64)! }
    var index = DuplicateIndex<Int>(slots: 64, bands: 16, threshold: 0.8)
    for (i, s) in sketches.enumerated() {
      index.insert(s, ref: TextRef(doc: "a.txt", article: i, passage: nil, span: SourceSpan(0, 1)), payload: i)
    }
    // The last text: by then every bucket its bands fall in holds `cap` earlier siblings.
    let late = texts.count - 1
    let copy = MinHash(texts[late].replacingOccurrences(of: "，", with: " ").unicodeScalars, slots: 64)!
    #expect(index.bestMatch(copy)?.payload == late)
    #expect(index.bestMatch(copy)?.similarity == 1)
    #expect(index.candidates(copy).count <= 16 * cap + 1)
  }
}
