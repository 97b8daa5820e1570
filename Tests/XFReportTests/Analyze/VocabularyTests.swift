import Foundation
import Testing
@testable import XFReport

/// The words analyze reads come from Dictionaries/ and a user's `--dictionary` files extend them.
@Suite struct VocabularyTests {
  func userDictionaries(_ files: [String: String]) throws -> (Dictionaries, URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-vocab-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    let builtIn = Fixtures.packageRoot.appendingPathComponent("Dictionaries").path
    return (try Dictionaries.load(builtIn: builtIn, user: [dir.path]), dir)
  }

  func body(_ text: String, _ dictionaries: Dictionaries) throws -> String? {
    var analyzer = Analyzer(dictionaries: dictionaries)
    return analyzer.analyze(try Fixtures.process(text)).articles.first?.body
  }

  @Test func builtInTablesAreLoaded() {
    let d = Fixtures.dictionaries
    #expect(d.bodyPlaceMarkers.isSuperset(of: ["省", "县", "旗"]))
    #expect(d.bodyNameStops.isSuperset(of: ["年", "全", "篇"]))
    #expect(d.changeFromWords == ["从", "由"] && d.changeToWords == ["到", "至"])
  }

  /// 街 is no place marker of the built-in table: a user's body-places.tsv makes 长安街 a place.
  @Test func userPlaceMarkersAreHonoured() throws {
    let text = "长安街信访办2020年工作总结\n\n全年受理来信10件。\n"
    #expect(try body(text, Fixtures.dictionaries) == nil)
    let (d, dir) = try userDictionaries(["body-places.tsv": "marker\n街\n"])
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try body(text, d) == "长安街信访办")
  }

  /// A `to` word of a user's from-to.tsv (为) lets the change check read 由250件减少为210件.
  @Test func userChangeEndsAreHonoured() throws {
    let doc = try Fixtures.process("来访量由上年的250件减少为今年的210件，下降20%。\n")
    #expect(ConsistencyChecker(dictionaries: Fixtures.dictionaries).check(doc).isEmpty)
    let (d, dir) = try userDictionaries(["from-to.tsv": "term\trole\n为\tto\n"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let f = ConsistencyChecker(dictionaries: d).check(doc)
    #expect(f.map(\.rule) == [.changeMismatch])
    #expect(f.first?.computed == -16)
  }

  /// A single file is read by its name; a bad row names its file and line.
  @Test func malformedRowsNameTheirLine() throws {
    let (_, dir) = try userDictionaries([:])
    defer { try? FileManager.default.removeItem(at: dir) }
    let builtIn = Fixtures.packageRoot.appendingPathComponent("Dictionaries").path
    for (name, text, reason) in [
      ("body-stops.tsv", "stop\n全市\n", "stop must be one character"),
      ("from-to.tsv", "term\trole\n到\ttil\n", "role must be from or to, not til"),
    ] {
      let path = dir.appendingPathComponent(name).path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      #expect(throws: DictionaryError.invalidEntry(file: path, line: 2, reason: reason)) {
        try Dictionaries.load(builtIn: builtIn, user: [path])
      }
    }
  }
}
