/// CRLF and lone CR become LF; NUL and other C0 controls (except tab and LF) become spaces.
/// Invisible format characters (soft hyphen, zero-width space and joiners, word joiner, a BOM
/// inside the text) are removed: left in, they split numbers and words (`1\u{AD}234`). This is
/// the first step for every format, so later steps never see them; CharacterFolding cannot do
/// it, as it maps one for one in place.
struct LineEndingNormalizer: Normalizer {
  @inline(__always)
  static func isInvisible(_ v: UInt32) -> Bool {
    v == 0xAD || (v >= 0x200B && v <= 0x200D) || v == 0x2060 || v == 0xFEFF
  }

  /// Whether the step changes the scalar with value `v`.
  @inline(__always)
  static func edits(_ v: UInt32) -> Bool {
    v < 0x20 ? v != 0x0A && v != 0x09 : v >= 0xAD && isInvisible(v)
  }

  /// The first position from `i` whose scalar the step changes, or `s.count`.
  private static func nextEdit(_ s: [Unicode.Scalar], from i: Int) -> Int {
    s.withUnsafeBufferPointer { buf in
      // Sixteen at a time: nearly every text has none of these.
      let space = SIMD16<UInt32>(repeating: 0x20), lf = SIMD16<UInt32>(repeating: 0x0A), tab = SIMD16<UInt32>(repeating: 0x09)
      let shy = SIMD16<UInt32>(repeating: 0xAD), zw = SIMD16<UInt32>(repeating: 0x200B), three = SIMD16<UInt32>(repeating: 3)
      let wj = SIMD16<UInt32>(repeating: 0x2060), bom = SIMD16<UInt32>(repeating: 0xFEFF)
      return ScalarScan.firstIndex(buf, from: i, to: buf.count, hits: { v in
        (v .< space .& v .!= lf .& v .!= tab) .| v .== shy .| (v &- zw) .< three .| v .== wj .| v .== bom
      }, hit: edits)
    }
  }

  func normalize(_ owned: consuming NormalizedText) -> NormalizedText {
    // Read only (the result is a new text, if any).
    let text = copy owned
    let s = text.scalars
    var i = Self.nextEdit(s, from: 0)
    guard i < s.count else { return text }
    var b = NormalizedTextBuilder(input: text)
    // The text between edits is copied in runs; `copied` is where the next run starts.
    var copied = 0
    while i < s.count {
      b.copy(copied..<i)
      let c = s[i]
      if c == "\r" {
        if i + 1 < s.count, s[i + 1] == "\n" {
          b.append("\n", replacing: i..<(i + 2))
          i += 1
        } else {
          b.append("\n", replacing: i..<(i + 1))
        }
      } else if c.value < 0x20 {
        b.append(" ", replacing: i..<(i + 1))
      } else {
        // Invisible, dropped: the neighbours keep their own source positions.
      }
      i += 1
      copied = i
      i = Self.nextEdit(s, from: i)
    }
    b.copy(copied..<s.count)
    return b.build()
  }
}
