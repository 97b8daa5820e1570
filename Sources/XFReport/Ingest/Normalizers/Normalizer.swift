/// One change to the analysis text. Each normaliser states only its own change; the builder
/// composes offset maps so that every position still points into ``SourceText``.
protocol Normalizer: Sendable {
  /// Takes the text by value: a normaliser that edits in place (one for one) then needs no copy.
  func normalize(_ text: consuming NormalizedText) -> NormalizedText
}

extension NormalizedText {
  /// Ranges of lines (without their terminating newline).
  func lineRanges() -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    scalars.withUnsafeBufferPointer { s in
      guard let base = s.baseAddress else { return }
      let n = s.count
      var i = 0
      // Sixteen scalars at a time: lines are long, and every normaliser asks for them.
      let newline = SIMD16<UInt32>(repeating: 0x0A)
      let raw = UnsafeRawPointer(base)
      while i + 16 <= n {
        let found = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<UInt32>.self) .== newline
        if any(found) {
          for k in 0..<16 where found[k] {
            result.append(start..<(i + k))
            start = i + k + 1
          }
        }
        i += 16
      }
      while i < n {
        if s[i] == "\n" {
          result.append(start..<i)
          start = i + 1
        }
        i += 1
      }
    }
    result.append(start..<count)
    return result
  }
}

extension Unicode.Scalar {
  var isHan: Bool {
    let v = value
    return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2EBEF).contains(v)
      || (0xF900...0xFAFF).contains(v)
  }
  var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
  /// Unicode White_Space (the same as `properties.isWhitespace`, which is a table lookup in
  /// the runtime per call: too slow for every scalar of every pass).
  var isWhitespaceLike: Bool {
    let v = value
    if v <= 0x20 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
    if v < 0x85 { return false }
    switch v {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
  }
}

extension Array where Element == Unicode.Scalar {
  /// Whether `word` occurs at position `i` (false past either end).
  /// Whether `word` occurs at position `i` (false past either end).
  func hasWord(at i: Int, _ word: [Unicode.Scalar]) -> Bool {
    guard i >= 0, word.isEmpty || i + word.count <= count else { return false }
    for k in word.indices where self[i + k] != word[k] { return false }
    return true
  }

  func hasWord(at i: Int, _ word: String) -> Bool {
    guard i >= 0 else { return false }
    // Most calls fail on the first character: check it before walking the word.
    if i < count, let first = word.unicodeScalars.first, self[i] != first { return false }
    var k = i
    for w in word.unicodeScalars {
      guard k < count, self[k] == w else { return false }
      k += 1
    }
    return true
  }
}
