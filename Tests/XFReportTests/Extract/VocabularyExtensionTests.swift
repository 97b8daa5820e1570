import Foundation
import Testing
@testable import XFReport

/// Cues, scope markers and period words are data: a user folder given with `--dictionary` adds to
/// them without a rebuild.
@Suite struct VocabularyExtensionTests {
  static func pipeline(_ files: [String: String]) throws -> Pipeline {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xf-vocab-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    let d = try Dictionaries.load(builtIn: Fixtures.packageRoot.appendingPathComponent("Dictionaries").path, user: [dir.path])
    return Pipeline(dictionaries: d)
  }

  static func facts(_ p: Pipeline, _ text: String) throws -> [String] {
    try p.process(RawDocument(name: "t.txt", bytes: Array(text.utf8))).facts.map { "\($0.kind.rawValue) \($0.metric.rawValue) \($0.value.map { "\($0)" } ?? "null") \($0.rule.rawValue)" }
  }

  @Test func aUserCueNamesAMetric() throws {
    let text = "本月受理民情通320件。"
    #expect(try Self.facts(Fixtures.pipeline, text) == ["count received 320 cue.before"])  // the intake verb alone
    let p = try Self.pipeline(["metrics.tsv": "term\tmetric\tkind\n民情通\tcalls\tcount\n"])
    #expect(try Self.facts(p, text) == ["count calls 320 cue.before"])
  }

  @Test func aUserDistributorPairsCuesWithNumbers() throws {
    let text = "来信、来访各自下降12%和9%。"
    #expect(try Self.facts(Fixtures.pipeline, text) != ["change letters -12 distribute.pairwise", "change visits -9 distribute.pairwise"])
    let p = try Self.pipeline(["markers.tsv": "term\trole\n各自\tdistribute_pairwise\n"])
    #expect(try Self.facts(p, text) == ["change letters -12 distribute.pairwise", "change visits -9 distribute.pairwise"])
  }

  @Test func aUserPeriodWordIsAPeriod() throws {
    let p = try Self.pipeline(["periods.tsv": "term\trole\tpart\n第二个半年\tseason\tH2\n"])
    let doc = try p.process(RawDocument(name: "t.txt", bytes: Array("2022年第二个半年受理来信30件。".utf8)))
    #expect(doc.facts.first?.period?.label == "2022年第二个半年")
    #expect(doc.facts.first?.period?.key == "2022-H2")
    // A season needs its part: the table says which half or quarter it is.
    #expect(throws: DictionaryError.self) { try Self.pipeline(["periods.tsv": "term\trole\n第二个半年\tseason\n"]) }
  }

  @Test func anUnknownMarkerRoleIsALoadError() throws {
    #expect(throws: DictionaryError.self) { try Self.pipeline(["markers.tsv": "term\trole\n内中\tscope\n"]) }
  }
}
