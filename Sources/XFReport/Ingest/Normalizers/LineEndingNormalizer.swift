/// CRLF and lone CR become LF; NUL and other C0 controls (except tab and LF) become spaces.
struct LineEndingNormalizer: Normalizer {
  func normalize(_ owned: consuming NormalizedText) -> NormalizedText {
    // Read only (the result is a new text, if any).
    let text = copy owned
    let hasControl = text.scalars.withUnsafeBufferPointer { s in
      s.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }
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
      } else {
        b.copy(i)
      }
      i += 1
    }
    return b.build()
  }
}
