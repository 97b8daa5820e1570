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

  func normalize(_ owned: consuming NormalizedText) -> NormalizedText {
    // Read only (the result is a new text, if any).
    let text = copy owned
    let hasControl = text.scalars.withUnsafeBufferPointer { s in
      s.contains { let v = $0.value; return v < 0x20 ? v != 0x0A && v != 0x09 : v >= 0xAD && Self.isInvisible(v) }
    }
    guard hasControl else { return text }
    var b = NormalizedTextBuilder(input: text)
    var i = 0
    let s = text.scalars
    while i < s.count {
      let c = s[i]
      if c == "\r" {
        if i + 1 < s.count, s[i + 1] == "\n" {
          b.append("\n", replacing: i..<(i + 2))
          i += 2
          continue
        }
        b.append("\n", replacing: i..<(i + 1))
      } else if c.value < 0x20 && c != "\n" && c != "\t" {
        b.append(" ", replacing: i..<(i + 1))
      } else if Self.isInvisible(c.value) {
        // Dropped: the neighbours keep their own source positions.
      } else {
        b.copy(i)
      }
      i += 1
    }
    return b.build()
  }
}
