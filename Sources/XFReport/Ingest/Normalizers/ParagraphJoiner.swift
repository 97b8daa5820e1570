/// Joins a paragraph that a scraper or a page break cut in the middle of a sentence
/// (`…他们在满⏎⏎足自己需要的同时…`): a long line that ends without sentence punctuation, blank
/// lines, and a line that goes on with the sentence become one line. Headings are never joined.
struct ParagraphJoiner: Normalizer {
  /// Sentence-final punctuation and closing marks: 。！？!?；;：:…”’」』）)】》"'
  static func isTerminal(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "。", "！", "？", "!", "?", "；", ";", "：", ":", "…", "”", "’", "」", "』", "）", ")", "】", "》", "\"", "'": true
    default: false
    }
  }

  /// ，,、
  static func isContinuing(_ c: Unicode.Scalar) -> Bool { c == "，" || c == "," || c == "、" }
  /// A line that ends with a character and is at least this long is prose, not a title.
  static let minimumProseLength = 30

  func normalize(_ text: consuming NormalizedText) -> NormalizedText {
    let joins = joins(text)
    guard !joins.isEmpty else { return text }
    return text.removing(joins)
  }

  /// The whitespace to delete between the two parts of each cut paragraph.
  private func joins(_ text: NormalizedText) -> [Range<Int>] {
    let s = text.scalars
    let lines = text.lineRanges()
    var joins: [Range<Int>] = []  // ranges to delete (whitespace between the two parts)
    var idx = 0
    while idx < lines.count {
      let line = trimmed(lines[idx], s)
      guard !line.isEmpty, let last = s[line.upperBound - 1] as Unicode.Scalar?, !Self.isTerminal(last) else { idx += 1; continue }
      let endsMidSentence = Self.isContinuing(last)
        || (line.count >= Self.minimumProseLength && (last.isHan || last.isASCIIDigit || last.properties.isAlphabetic))
      guard endsMidSentence, HeadingMarker.match(s, line) == nil, !ArticleHeading.isHeading(s, line) else { idx += 1; continue }
      var next = idx + 1
      while next < lines.count, trimmed(lines[next], s).isEmpty { next += 1 }
      guard next < lines.count else { break }
      let nextLine = trimmed(lines[next], s)
      let first = s[nextLine.lowerBound]
      guard first.isHan || first.isASCIIDigit || Self.isContinuing(first) || first == "。",
        HeadingMarker.match(s, nextLine) == nil, !ArticleHeading.isHeading(s, nextLine)
      else { idx += 1; continue }
      joins.append(line.upperBound..<nextLine.lowerBound)
      idx = next
    }
    return joins
  }

  private func trimmed(_ r: Range<Int>, _ s: [Unicode.Scalar]) -> Range<Int> {
    var lo = r.lowerBound, hi = r.upperBound
    while lo < hi, s[lo].isWhitespaceLike { lo += 1 }
    while hi > lo, s[hi - 1].isWhitespaceLike { hi -= 1 }
    return lo..<hi
  }
}
