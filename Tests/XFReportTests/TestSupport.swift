import Foundation
@testable import XFReport

enum Fixtures {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let corpora = packageRoot.appendingPathComponent("Corpora")

  static let dictionaries: Dictionaries = try! Dictionaries.load(builtIn: packageRoot.appendingPathComponent("Dictionaries").path)
  static let pipeline = Pipeline(dictionaries: dictionaries)

  static func process(_ text: String, name: String = "t.txt") throws -> Document {
    try pipeline.process(RawDocument(name: name, bytes: Array(text.utf8)))
  }

  static func bytes(_ relative: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: corpora.appendingPathComponent(relative)))
  }
}

extension Document {
  /// Word-like tokens as normalized strings.
  var words: [String] { tokens.filter { $0.kind != .whitespace }.map { text($0.range) } }

  /// Checks the invariants every document must hold; returns the violations.
  func invariantViolations() -> [String] {
    var v: [String] = []
    var expected = 0
    for t in tokens {
      if t.range.lowerBound != expected { v.append("gap or overlap before token at \(t.range)") }
      expected = t.range.upperBound
      let span = sourceSpan(of: t)
      if span.end > source.count { v.append("span \(span) past the source") }
      if t.range.count > 0 && span.length == 0 && t.kind != .whitespace { v.append("empty source span for \(text(t.range))") }
    }
    if expected != normalized.count { v.append("tokens end at \(expected), text at \(normalized.count)") }
    var last = 0
    for t in tokens {
      let s = sourceSpan(of: t)
      if s.start < last { v.append("spans go backwards at \(text(t.range))") }
      last = s.start
    }
    return v
  }
}
