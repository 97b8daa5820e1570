/// Removes Markdown syntax that scraped reports carry: heading marks (`## 标题`), bullets,
/// block quotes, horizontal rules, `**bold**` and backslash escapes (`20\_\_年` → `20__年`).
/// Single `*` and `__` stay: in this genre they often blank out a figure.
struct MarkdownCleaner: Normalizer {
  static let escapable: Set<Unicode.Scalar> = Set("\\`*_{}[]()#+-.!|<>~".unicodeScalars)

  func normalize(_ owned: consuming NormalizedText) -> NormalizedText {
    // Read only (the result is a new text, if any).
    let text = copy owned
    let s = text.scalars
    let hasMarks = s.withUnsafeBufferPointer { s in
      s.contains { $0 == "#" || $0 == "*" || $0 == "\\" || $0 == ">" || $0 == "-" }
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
        let c = s[i]
        if c == "\\", i + 1 < hi, Self.escapable.contains(s[i + 1]) {
          edit(at: i)
          b!.append(s[i + 1], replacing: i..<(i + 2))
          i += 2
          copied = i
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
