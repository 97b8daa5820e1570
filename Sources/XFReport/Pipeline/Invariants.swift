import Foundation

extension Document {
  /// Properties every processed document must have, whatever its input; returns the violations
  /// (empty when all hold). The fuzz target and the regression tests check them.
  public func checkInvariants() -> [String] {
    var v: [String] = []
    let n = normalized.count
    if normalized.map.count != n { v.append("offset map has \(normalized.map.count) entries for \(n) scalars") }
    // `start` and `end` are built from the map's runs on each access: once, not per scalar.
    let starts = normalized.map.start, ends = normalized.map.end
    for i in 0..<min(n, normalized.map.count) {
      let s = Int(starts[i]), e = Int(ends[i])
      if s < 0 || e < s || e > source.count {
        v.append("offset map entry \(i) is \(s)..<\(e), source has \(source.count)")
        break
      }
    }
    func inText(_ r: Range<Int>, _ what: String) {
      if r.lowerBound < 0 || r.upperBound > n { v.append("\(what) \(r) outside the text (\(n))") }
    }
    func inSource(_ s: SourceSpan, _ what: String) {
      if s.end > source.count { v.append("\(what) span \(s) past the source (\(source.count))") }
    }
    var expected = 0
    for t in tokens {
      inText(t.range, "token")
      if t.range.lowerBound != expected { v.append("gap or overlap before token at \(t.range)") }
      expected = t.range.upperBound
    }
    if !tokens.isEmpty, expected != n { v.append("tokens end at \(expected), text at \(n)") }
    for a in articles { inText(a.range, "article") }
    for s in sections { inText(s.range, "section") }
    for s in sentences {
      inText(s.range, "sentence")
      if s.tokens.lowerBound < 0 || s.tokens.upperBound > tokens.count { v.append("sentence \(s.index) tokens \(s.tokens) outside \(tokens.count)") }
    }
    for m in numbers { inText(m.range, "number") }
    guard v.isEmpty else { return v }
    for f in facts {
      inText(f.range, "fact")
      inSource(f.span, "fact")
      inSource(f.evidenceSpan, "evidence")
      if f.placeholder && f.value != nil { v.append("placeholder with a value at \(f.span)") }
      if let x = f.value, x.isNaN || abs(x) >= NumberRecognizer.maxValue { v.append("value \(x) out of range at \(f.span)") }
      if f.sentence < 0 || f.sentence >= sentences.count { v.append("fact sentence \(f.sentence) outside \(sentences.count)") }
      guard f.span.end <= source.count, !f.placeholder else { continue }
      let text = source.text(f.span)
      if !Self.holdsANumber(text) { v.append("source text `\(text)` at fact span \(f.span) has no number (value \(f.value.map { "\($0)" } ?? "nil"))") }
    }
    return v
  }

  /// Digits (any width) or the numerals the recognizer reads (○ for 〇 too), the forms a
  /// stated number takes.
  static func holdsANumber(_ text: String) -> Bool {
    text.unicodeScalars.contains { s in
      s.properties.numericType != nil || ChineseNumeral.isNumeralScalar(s) || "俩倆半".unicodeScalars.contains(s)
    }
  }
}

/// How the fuzz target reads its input, shared with the regression tests that replay what it
/// found: the first byte selects the reader (bits 0-2 the format: auto, text, markdown, html,
/// docx; bit 3 forces GB18030; bit 4 names the file .html), the rest is the document.
public enum FuzzInput {
  static let formats: [DocumentFormat] = [.auto, .text, .markdown, .html, .docx]

  /// Options for a selector byte, with small limits so that the fuzzer reaches them.
  public static func options(_ selector: UInt8) -> PipelineOptions {
    var options = PipelineOptions()
    options.format = formats[Int(selector & 7) % formats.count]
    if selector & 8 != 0 { options.encoding = .gb18030 }
    options.maxInputBytes = 1 << 20
    options.maxDOCXBytes = 1 << 20
    options.maxHTMLDepth = 64
    options.maxLineLength = 1 << 16
    return options
  }

  /// The document of a fuzz input (nil for an empty input).
  public static func document(_ data: [UInt8]) -> RawDocument? {
    guard let selector = data.first else { return nil }
    return RawDocument(name: selector & 0x10 != 0 ? "fuzz.html" : "fuzz.txt", bytes: Array(data.dropFirst()))
  }

  /// A key per distinct options, to build each pipeline once.
  public static func key(_ selector: UInt8) -> Int { Int(selector & 0x0F) }
}
