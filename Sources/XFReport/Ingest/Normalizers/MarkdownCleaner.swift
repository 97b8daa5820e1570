/// Removes Markdown syntax that scraped reports carry: heading marks (`## 标题`), bullets,
/// block quotes, horizontal rules, `**bold**` and backslash escapes (`20\_\_年` → `20__年`).
/// Single `*` and `__` stay: in this genre they often blank out a figure.
struct MarkdownCleaner: Normalizer {
  static let escapable: Set<Unicode.Scalar> = Set("\\`*_{}[]()#+-.!|<>~".unicodeScalars)

  func normalize(_ text: NormalizedText) -> NormalizedText {
    let s = text.scalars
    guard s.contains(where: { $0 == "#" || $0 == "*" || $0 == "\\" || $0 == ">" || $0 == "-" }) else { return text }
    var b = NormalizedTextBuilder(input: text)
    for line in text.lineRanges() {
      var i = line.lowerBound
      // Leading indentation, then block markers.
      var j = i
      while j < line.upperBound, s[j] == " " || s[j] == "\t" { j += 1 }
      if isRule(s[j..<line.upperBound]) {
        i = line.upperBound
      } else if j < line.upperBound, s[j] == "#" {
        var k = j
        while k < line.upperBound, s[k] == "#", k - j < 6 { k += 1 }
        if k < line.upperBound, s[k] == " " || s[k] == "\t" {
          while k < line.upperBound, s[k] == " " || s[k] == "\t" { k += 1 }
          i = k
        }
      } else if j + 1 < line.upperBound, s[j] == ">" {
        i = j + 1
        while i < line.upperBound, s[i] == " " { i += 1 }
      } else if j + 1 < line.upperBound, s[j] == "-" || s[j] == "+" || s[j] == "*", s[j + 1] == " " {
        i = j + 2
      }
      while i < line.upperBound {
        let c = s[i]
        if c == "\\", i + 1 < line.upperBound, Self.escapable.contains(s[i + 1]) {
          b.append(s[i + 1], replacing: i..<(i + 2))
          i += 2
        } else if c == "*", i + 1 < line.upperBound, s[i + 1] == "*", !isBlankedFigure(s, i, line) {
          i += 2
        } else {
          b.copy(i)
          i += 1
        }
      }
      if line.upperBound < s.count { b.copy(line.upperBound) }
    }
    return b.build()
  }

  /// `**` right before a measure word or after a digit blanks a figure (`共**件`, `20**年`).
  private func isBlankedFigure(_ s: [Unicode.Scalar], _ i: Int, _ line: Range<Int>) -> Bool {
    if i > line.lowerBound, s[i - 1].isASCIIDigit { return true }
    guard i + 2 < line.upperBound else { return false }
    return "件人批起案次名户个位封条宗%年".unicodeScalars.contains(s[i + 2])
  }

  private func isRule(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
    let marks = line.filter { $0 != " " }
    guard marks.count >= 3, let first = marks.first, first == "-" || first == "*" || first == "=" else { return false }
    return marks.allSatisfy { $0 == first }
  }
}
