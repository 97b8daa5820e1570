/// Recognises the numbering that opens a heading inside an article: `一、` (level 1),
/// `（一）` / `(一)` (level 2), `1、` / `1.` (level 3), `（1）` (level 4), `第一，` / `第一部分` (level 1).
enum HeadingMarker {
  /// 一 … 十 (a switch: hashing a scalar per character of every line shows in profiles).
  static func isChineseDigit(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": true
    default: false
    }
  }

  /// The heading level and the length of the marker, if `range` of `s` starts with one.
  static func match(_ s: [Unicode.Scalar], _ range: Range<Int>) -> (level: Int, length: Int)? {
    var i = range.lowerBound
    let end = range.upperBound
    guard i < end else { return nil }
    func run(_ set: (Unicode.Scalar) -> Bool, max: Int) -> Int {
      var k = i
      while k < end, set(s[k]), k - i < max { k += 1 }
      return k - i
    }
    let c = s[i]
    if c == "（" || c == "(" {
      i += 1
      let cn = run({ isChineseDigit($0) }, max: 3)
      let dn = cn == 0 ? run({ $0.isASCIIDigit }, max: 2) : 0
      let n = cn + dn
      guard n > 0, i + n < end, s[i + n] == "）" || s[i + n] == ")" else { return nil }
      return (cn > 0 ? 2 : 4, n + 2)
    }
    if c == "第" {
      i += 1
      let n = run({ isChineseDigit($0) }, max: 3)
      guard n > 0, i + n < end else { return nil }
      let after = s[i + n]
      if after == "，" || after == "," || after == "、" || after == "：" || after == ":" { return (1, n + 2) }
      if after == "部" || after == "章" || after == "节" { return (1, n + 1) }
      return nil
    }
    if isChineseDigit(c) {
      let n = run({ isChineseDigit($0) }, max: 3)
      guard i + n < end else { return nil }
      let after = s[i + n]
      if after == "、" || after == "．" || after == "." && (i + n + 1 >= end || !s[i + n + 1].isASCIIDigit) { return (1, n + 1) }
      return nil
    }
    if c.isASCIIDigit {
      let n = run({ $0.isASCIIDigit }, max: 2)
      guard i + n < end else { return nil }
      let after = s[i + n]
      let next = i + n + 1 < end ? s[i + n + 1] : " "
      if after == "、" || ((after == "." || after == "．") && !next.isASCIIDigit && next != "%") { return (3, n + 1) }
      return nil
    }
    return nil
  }
}

/// Recognises a line that opens an article of a collection: `…篇一`, `…篇2`, `第一篇…`.
enum ArticleHeading {
  static func isNumeral(_ c: Unicode.Scalar) -> Bool { c.isASCIIDigit || HeadingMarker.isChineseDigit(c) }
  static let maxLength = 60

  static func isHeading(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
    guard !range.isEmpty, range.count <= maxLength else { return false }
    // …篇N at the end of the line.
    var hi = range.upperBound
    while hi > range.lowerBound, s[hi - 1] == " " || s[hi - 1] == "\t" { hi -= 1 }
    var k = hi
    while k > range.lowerBound, isNumeral(s[k - 1]) { k -= 1 }
    if k < hi, k > range.lowerBound {
      var p = k
      while p > range.lowerBound, s[p - 1] == " " { p -= 1 }
      if p > range.lowerBound, s[p - 1] == "篇", !containsSentencePunctuation(s, range.lowerBound..<(p - 1)) { return true }
    }
    // 第N篇 at the start.
    var i = range.lowerBound
    while i < range.upperBound, s[i] == " " { i += 1 }
    if i < range.upperBound, s[i] == "第" {
      var j = i + 1
      while j < range.upperBound, isNumeral(s[j]) { j += 1 }
      if j > i + 1, j < range.upperBound, s[j] == "篇" { return true }
    }
    return false
  }

  static func containsSentencePunctuation(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
    s[r].contains { isSentencePunctuation($0) }
  }

  static func isSentencePunctuation(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "。", "！", "？", "!", "?", "；", ";": true
    default: false
    }
  }
}
