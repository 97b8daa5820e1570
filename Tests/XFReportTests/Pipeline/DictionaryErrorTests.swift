import Foundation
import Testing
@testable import XFReport

/// A user dictionary that cannot be used names its file, its line and the cause in words: a
/// misspelt column, id or kind would otherwise count nowhere, silently.
@Suite struct DictionaryErrorTests {
  static let builtIn = Fixtures.packageRoot.appendingPathComponent("Dictionaries").path

  /// The error of loading the built-in dictionaries with one user file `name` holding `bytes`.
  static func error(_ name: String, _ bytes: [UInt8]) throws -> DictionaryError? {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xf-dict-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    do {
      _ = try Dictionaries.load(builtIn: builtIn, user: [path])
      return nil
    } catch let e as DictionaryError {
      guard case .invalidEntry(let file, let line, let reason) = e else { return e }
      // Named relative to the folder, so that the expectations need not know it.
      return .invalidEntry(file: (file as NSString).lastPathComponent, line: line, reason: reason)
    }
  }

  static func error(_ name: String, _ text: String) throws -> DictionaryError? { try error(name, Array(text.utf8)) }

  @Test func aHeaderWithoutTheNeededColumnNamesLineOne() throws {
    #expect(
      try Self.error("metrics.tsv", "word\tmetric\n来件\treceived\n")
        == .invalidEntry(file: "metrics.tsv", line: 1, reason: "the header row must name the columns term, metric (it has word, metric; missing term)"))
    // After comment lines, the header's own line.
    #expect(
      try Self.error("units.tsv", "# my units\nname\tclass\n宗\tcase\n")
        == .invalidEntry(file: "units.tsv", line: 2, reason: "the header row must name the column unit (it has name, class; missing unit)"))
  }

  @Test func anUnknownMetricOrKindIsAnError() throws {
    let metric = try #require(try Self.error("metrics.tsv", "term\tmetric\n来件\treceving\n"))
    #expect(metric.description.hasPrefix("metrics.tsv:2: unknown metric `receving` (one of received, "))
    let kind = try #require(try Self.error("metrics.tsv", "term\tmetric\tkind\n化解比例\tresolution_rate\trat\n"))
    #expect(kind == .invalidEntry(file: "metrics.tsv", line: 2, reason: "unknown kind `rat` (one of count, rate, reception, intake, whole)"))
    // A known kind loads.
    #expect(try Self.error("metrics.tsv", "term\tmetric\tkind\n化解比例\tresolution_rate\trate\n") == nil)
  }

  @Test func anUnknownCategoryIsAnError() throws {
    let e = try #require(try Self.error("categories.tsv", "term\tcategory\n宅基地纠纷\tland_use\n"))
    #expect(e.description.hasPrefix("categories.tsv:2: unknown category `land_use` (one of land, demolition, "))
    #expect(try Self.error("categories.tsv", "term\tcategory\n宅基地纠纷\tland\n征地款\tagency:court\n") == nil)
  }

  @Test func aFileThatIsNotUTF8NamesItsLine() throws {
    let gbk: [UInt8] = Array("term\tcategory\n".utf8) + [0xD5, 0xF7, 0xB5, 0xD8, 0x09] + Array("land\n".utf8)
    #expect(
      try Self.error("categories.tsv", gbk)
        == .invalidEntry(file: "categories.tsv", line: 2, reason: "not UTF-8 (byte 14 is not part of a valid UTF-8 sequence); dictionary files must be UTF-8"))
  }

  @Test func aMissingOrUnreadableFileSaysWhy() throws {
    #expect(throws: DictionaryError.unreadable(file: "/nonexistent/xf/metrics.tsv", reason: "No such file or directory")) {
      try Dictionaries.load(builtIn: Self.builtIn, user: ["/nonexistent/xf/metrics.tsv"])
    }
    let e = DictionaryError.unreadable(file: "a.tsv", reason: "Permission denied")
    #expect(e.description == "cannot read dictionary file a.tsv: Permission denied")
    #expect(!e.description.contains("NSCocoaErrorDomain"))
  }
}
