import Foundation
import Testing
@testable import XFReport

/// The hot paths replace library calls; each must give what the call gave.
@Suite struct FastPathTests {
  @Test func whitespaceAndPunctuationTablesMatchUnicodeProperties() {
    for v in UInt32(0)...0x10FFFF {
      guard let c = Unicode.Scalar(v) else { continue }
      #expect(c.isWhitespaceLike == c.properties.isWhitespace, "U+\(String(v, radix: 16))")
      #expect(c.isPunctuation == c.properties.generalCategory.isPunctuation, "U+\(String(v, radix: 16))")
    }
  }

  @Test func pathExtensionMatchesNSString() {
    for name in [
      ".html", "a.html", "a.b.HTML", "dir.html/", "dir.html/x", "x.", "/", "", "a/.md", "a//b.md//", "-", "a.md/.", "报告.htm",
      "a. md", "a.md ", ".a.md", "a/b/c", "../x.markdown", "x/..", "a.tar.gz",
    ] {
      #expect(String(DocumentFormat.pathExtension(name)) == (name as NSString).pathExtension, "\(name)")
    }
  }

  /// Binary sniffing counts NULs and control bytes eight at a time; the counts decide as a
  /// byte-by-byte count would.
  @Test func binarySniffingAgreesWithByteCounts() {
    var rng = SplitMix64(seed: 3)
    let alphabet: [UInt8] = [0, 1, 0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x1B, 0x1F, 0x20, 0x41, 0x7F, 0x80, 0xE4, 0xFF]
    for _ in 0..<3000 {
      let n = Int(rng.next() % 300) + 1
      let bias = Int(rng.next() % 4)
      let bytes = (0..<n).map { _ in rng.next() % 8 < UInt64(bias) ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : UInt8(0xE4) }
      var nul = 0, control = 0
      for c in bytes.prefix(8192) {
        if c == 0 { nul += 1 }
        if c < 0x09 || (c > 0x0D && c < 0x20 && c != 0x1B) { control += 1 }
      }
      let sample = bytes.prefix(8192)
      let expected: String? =
        DocumentFormat.magicKind(bytes) ?? (TextDecoder.utf16WithoutBOM(sample) != nil || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
          ? nil : (nul * 10 > sample.count || control * 5 > sample.count ? "binary data" : nil))
      #expect(DocumentFormat.binaryKind(bytes) == expected, "\(bytes)")
    }
  }

  /// A document holds one token per word: they stay small (see Token).
  @Test func tokensStayCompact() {
    #expect(MemoryLayout<Token>.stride <= 24)
  }

  /// Well-formed UTF-8 decodes to ICU's scalars; anything ICU would repair is left to ICU.
  @Test func utf8FastPathAgreesWithICU() throws {
    var rng = SplitMix64(seed: 8)
    let pieces: [[UInt8]] = [
      Array("信访工作，受理来信46件。".utf8), Array("abc 12.5%\n".utf8), Array("😀".utf8), [0xC2, 0xA0],
      [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x80], [0xE4, 0xBF],
      [0xF0, 0x9F, 0x98], [0xFF], [0xEF, 0xBB, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xEE, 0x80, 0x80],
    ]
    for _ in 0..<5000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(rng.next() % 6 + 1) { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
      let icu = try TextDecoder.convert(bytes, as: .utf8, hadBOM: false)
      if let fast = UTF8Scalars.decodeWellFormed(bytes[...]) {
        #expect(icu.invalidCount == 0 && fast == icu.text.scalars, "\(bytes)")
      } else {
        #expect(icu.invalidCount > 0, "\(bytes)")
      }
    }
  }

  /// Numbers build their Decimal from digits; it must be the Decimal that Decimal(string:) gives.
  @Test func arabicNumbersHaveTheDecimalOfTheirText() {
    let recognizer = NumberRecognizer(units: Fixtures.dictionaries.units)
    let numbers = ["0", "7", "007", "46", "98.5", "0.05", "1.50", "2,935", "12,345.678", "0.0", "00.00", "100",
                   "123456789012345678", "999999999999999999", "3.1415926535", "1,000,000"]
    for text in numbers {
      let s = Array((text + "件").unicodeScalars)
      guard let m = recognizer.find(in: s).first, let value = m.value else {
        Issue.record("\(text): no number")
        continue
      }
      let expected = Decimal(string: text.replacingOccurrences(of: ",", with: ""))!
      #expect(withUnsafeBytes(of: value) { Array($0) } == withUnsafeBytes(of: expected) { Array($0) }, "\(text)")
    }
  }

  /// Base names are cut without Foundation where the path is ASCII without `//`: every such
  /// path of up to six characters of `/`, `.`, `a`, `-`, and some longer and non-ASCII ones,
  /// give what NSString gives. (Foundation traps on some paths with `//`, as `///a//`.)
  @Test func baseNameIsLastPathComponent() {
    var paths: [String] = [""]
    var level: [String] = [""]
    for _ in 0..<6 {
      level = level.flatMap { p in ["/", ".", "a", "-"].map { p + $0 } }
      paths += level.filter { !$0.contains("//") }
    }
    paths += ["Corpora/formats/county-annual-2019.docx", "/work/shared/corpus/001.txt", "./a.txt", "../b/", "~/c", "a\\b", "a b/c d",
              "信访/报告.txt", "/信访/", "a/\u{301}b", "é/x", "x/\r\n", "a//b", "//", "a//"]
    for p in paths {
      let expected = p == "-" ? "-" : (p as NSString).lastPathComponent
      #expect(RawDocument.baseName(of: p) == expected, "\(p.debugDescription)")
    }
    // Where Foundation traps, and non-ASCII paths with `//`: cut the same way.
    for (p, expected) in ["///a//": "a", "///-//": "-", "///信访//": "信访", "x//报告.txt": "报告.txt", "//": "", "///": ""] {
      #expect(RawDocument.baseName(of: p) == expected, "\(p.debugDescription)")
    }
  }
}
