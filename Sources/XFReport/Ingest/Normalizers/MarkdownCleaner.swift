/// Removes Markdown syntax that scraped reports carry: heading marks (`## 标题`), bullets,
/// block quotes, horizontal rules, `**bold**` and backslash escapes (`20\_\_年` → `20__年`).
/// Single `*` and `__` stay: in this genre they often blank out a figure; but a pair of them
/// around a figure (`**120**件`, `*36*人次`) is emphasis, and inline code (`` `35` ``) is unwrapped.
struct MarkdownCleaner: Normalizer {
  static let escapable: Set<Unicode.Scalar> = Set("\\`*_{}[]()#+-.!|<>~".unicodeScalars)

  func normalize(_ owned: consuming NormalizedText) -> NormalizedText {
    // Read only (the result is a new text, if any).
    let text = copy owned
    let s = text.scalars
    let hasMarks = s.withUnsafeBufferPointer { s in
      let hash = SIMD16<UInt32>(repeating: 0x23), star = SIMD16<UInt32>(repeating: 0x2A), backslash = SIMD16<UInt32>(repeating: 0x5C)
      let gt = SIMD16<UInt32>(repeating: 0x3E), dash = SIMD16<UInt32>(repeating: 0x2D), low = SIMD16<UInt32>(repeating: 0x5F)
      let tick = SIMD16<UInt32>(repeating: 0x60)
      return ScalarScan.firstIndex(s, from: 0, to: s.count, hits: { v in
        v .== hash .| v .== star .| v .== backslash .| v .== gt .| v .== dash .| v .== low .| v .== tick
      }, hit: { $0 == 0x23 || $0 == 0x2A || $0 == 0x5C || $0 == 0x3E || $0 == 0x2D || $0 == 0x5F || $0 == 0x60 }) < s.count
    }
    guard hasMarks else { return text }
    // Most lines carry no Markdown: the builder starts at the first edit and copies the text
    // between edits in runs. `copied` is where the next run starts.
    var b: NormalizedTextBuilder? = nil
    var copied = 0
    func edit(at position: Int) {
      if b == nil { b = NormalizedTextBuilder(input: text) }
      b!.copy(copied..<position)
    }
    for line in text.lineRanges() {
      let lo = line.lowerBound, hi = line.upperBound
      var i = lo
      // Leading indentation, then block markers.
      var j = i
      while j < hi, s[j] == " " || s[j] == "\t" { j += 1 }
      if isRule(s, j..<hi) {
        i = hi
      } else if j < hi, s[j] == "#" {
        var k = j
        while k < hi, s[k] == "#", k - j < 6 { k += 1 }
        if k < hi, s[k] == " " || s[k] == "\t" {
          while k < hi, s[k] == " " || s[k] == "\t" { k += 1 }
          i = k
        }
      } else if j + 1 < hi, s[j] == ">" {
        i = j + 1
        while i < hi, s[i] == " " { i += 1 }
      } else if j + 1 < hi, s[j] == "-" || s[j] == "+" || s[j] == "*", s[j + 1] == " " {
        i = j + 2
      }
      if i > lo {
        edit(at: lo)
        copied = i
      }
      while i < hi {
        // Only a backslash, *, _ and ` start an inline edit: the text up to the next one is passed over.
        i = Self.nextInlineMark(s, from: i, to: hi)
        guard i < hi else { break }
        let c = s[i]
        if c == "\\", i + 1 < hi, Self.escapable.contains(s[i + 1]) {
          edit(at: i)
          b!.append(s[i + 1], replacing: i..<(i + 2))
          i += 2
          copied = i
        } else if c == "*" || c == "_" || c == "`", let close = closingMark(s, i, line) {
          // Both marks go, the text between them stays.
          let length = close.count
          edit(at: i)
          copied = i + length
          edit(at: close.lowerBound)
          copied = close.upperBound
          i = close.upperBound
        } else if c == "*", i + 1 < hi, s[i + 1] == "*", !isBlankedFigure(s, i, line) {
          edit(at: i)
          i += 2
          copied = i
        } else {
          i += 1
        }
      }
    }
    guard b != nil else { return text }
    edit(at: s.count)
    return b!.build()
  }

  /// The first position in `from..<to` holding a backslash, *, _ or `, or `to`.
  private static func nextInlineMark(_ s: [Unicode.Scalar], from: Int, to: Int) -> Int {
    s.withUnsafeBufferPointer { buf in
      let star = SIMD16<UInt32>(repeating: 0x2A), backslash = SIMD16<UInt32>(repeating: 0x5C)
      let low = SIMD16<UInt32>(repeating: 0x5F), tick = SIMD16<UInt32>(repeating: 0x60)
      return ScalarScan.firstIndex(buf, from: from, to: to, hits: { v in
        v .== star .| v .== backslash .| v .== low .| v .== tick
      }, hit: { $0 == 0x2A || $0 == 0x5C || $0 == 0x5F || $0 == 0x60 })
    }
  }

  /// The longest text between paired marks that is looked at: bounds the scan from each mark.
  static let maxWrapped = 48
  /// What a figure wrapped in emphasis is made of (`1,205`, `98.5%`, `三百余`).
  static let figureScalars = BMPSet("0123456789０１２３４５６７８９.．,%％‰〇零一二三四五六七八九十百千万亿两余多".unicodeScalars)
  static let numeralScalars = BMPSet("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两".unicodeScalars)

  /// The closing run of the mark run at `i` when the two wrap inline code, or emphasis around
  /// a figure (`**120**`, `_36_`). Anything else between two `*`/`_` runs is left alone: two
  /// blanks can hold a figure between them (`来信**件，来访12人次，来电**个`). Marks between ASCII
  /// letters or digits (`2*3*4`, `a_1_b`) are not emphasis.
  private func closingMark(_ s: [Unicode.Scalar], _ i: Int, _ line: Range<Int>) -> Range<Int>? {
    let mark = s[i], hi = line.upperBound
    if i > line.lowerBound, s[i - 1] == mark { return nil }
    var length = 0
    while i + length < hi, s[i + length] == mark { length += 1 }
    guard length <= 3 else { return nil }
    let code = mark == "`"
    if !code, i > line.lowerBound, isASCIIAlphanumeric(s[i - 1]) { return nil }
    let start = i + length
    let limit = min(hi, start + Self.maxWrapped)
    var k = start
    var numeral = false
    while k < limit, s[k] != mark {
      if !code {
        guard Self.figureScalars.contains(s[k]) else { return nil }
        if Self.numeralScalars.contains(s[k]) { numeral = true } else if k == start { return nil }
      }
      k += 1
    }
    guard k > start, k < limit, code || numeral else { return nil }
    var end = k
    while end < hi, s[end] == mark { end += 1 }
    guard end - k == length else { return nil }
    if !code, end < hi, isASCIIAlphanumeric(s[end]) { return nil }
    return k..<end
  }

  private func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
    c.isASCIIDigit || (c.value | 0x20 >= 0x61 && c.value | 0x20 <= 0x7A)
  }

  /// `**` right before a measure word or after a digit blanks a figure (`共**件`, `20**年`).
  private func isBlankedFigure(_ s: [Unicode.Scalar], _ i: Int, _ line: Range<Int>) -> Bool {
    if i > line.lowerBound, s[i - 1].isASCIIDigit { return true }
    guard i + 2 < line.upperBound else { return false }
    return "件人批起案次名户个位封条宗%年".unicodeScalars.contains(s[i + 2])
  }

  /// Three or more of the same `-`, `*` or `=`, spaces between them allowed.
  private func isRule(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    var first: Unicode.Scalar? = nil
    var marks = 0
    for c in s[range] where c != " " {
      if let f = first {
        guard c == f else { return false }
      } else {
        guard c == "-" || c == "*" || c == "=" else { return false }
        first = c
      }
      marks += 1
    }
    return marks >= 3
  }
}
