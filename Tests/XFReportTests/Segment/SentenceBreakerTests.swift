import Foundation
import Testing
@testable import XFReport

/// SentenceBreaker stands in for ICU's sentence break iterator: it must give the same
/// boundaries.
@Suite struct SentenceBreakerTests {
  func icu(_ s: [Unicode.Scalar]) throws -> [Int32] {
    try BreakIterator(.sentence).segments(UTF16Text(s[...])).bounds
  }

  @Test func corporaGiveICUBoundaries() throws {
    var paths = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpora.path)
      .filter { $0.hasSuffix(".txt") }.map { Fixtures.corpora.appendingPathComponent($0).path }
    let shared = Fixtures.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    if let more = try? FileManager.default.contentsOfDirectory(atPath: shared.path) {
      paths += more.filter { $0.hasSuffix(".txt") }.map { shared.appendingPathComponent($0).path }
    }
    #expect(!paths.isEmpty)
    for path in paths {
      let doc = try Fixtures.pipeline.ingest(RawDocument(name: path, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))))
      let s = doc.normalized.scalars
      #expect(SentenceBreaker().boundaries(s) == (try icu(s)), "\(path)")
    }
  }

  /// Every rule of UAX #29 gets exercised: terminators, closing marks, spaces, separators,
  /// SContinue, numbers, upper and lower case, combining marks and format characters.
  @Test func randomTextGivesICUBoundaries() throws {
    let alphabet = Array(("信访工作全年受理。！？!?.．；;：:，,、-…“”‘’「」（）()【】\"' \u{3000}\t\n\r\u{2028}\u{85}"
      + "0123456789ABCaby\u{301}\u{200D}\u{AD}\u{FF61}\u{2024}\u{FE52}\u{1F600}").unicodeScalars)
    var rng = SplitMix64(seed: 29)
    for _ in 0..<3000 {
      let length = Int(rng.next() % 24) + 1
      let s = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      let text = String(String.UnicodeScalarView(s)).debugDescription
      #expect(SentenceBreaker().boundaries(s) == (try icu(s)), "\(text)")
    }
  }
}

/// A small deterministic generator, so that a failure repeats.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
