import Foundation

/// A number found on the character stream: `2,935`, `98.5%`, `1.5万`, `三百余`, `百分之十五点八`,
/// or a blanked figure (`xx`, `××`, `*`, `n`, `□` before a measure word; `20xx` before 年).
///
/// `range` is in scalars of ``NormalizedText``. `value` is nil for a placeholder.
public struct NumberMatch: Sendable, Hashable {
  public let range: Range<Int>
  public let value: Decimal?
  public let isPlaceholder: Bool
  public let isPercent: Bool
  public let isApproximate: Bool
}

/// Finds numbers on the normalized character stream (not on word tokens: ICU splits
/// `300余人次` as `300|余人|次`). Chinese numerals count only where they read as numbers
/// (`两起`, `三十六件`, `百分之…`), never in slogans such as `一岗双责` or words such as `统一`.
struct NumberRecognizer {
  let units: UnitLexicon

  static let placeholderScalars: Set<Unicode.Scalar> = Set("xX×╳*□_".unicodeScalars)
  static let scales: [Unicode.Scalar: Decimal] = ["万": 10_000, "亿": 100_000_000, "千": 1000]
  // Words checked after a numeral, as scalars (a String literal is decoded on every use).
  static let percentagePoints = Array("个百分点".unicodeScalars)
  static let percentagePointsShort = Array("百分点".unicodeScalars)
  static let times = Array("倍".unicodeScalars)
  /// 一 alone before these is a word (一起, 一个个, 一些 …), not a count.
  static let wordsAfterYi = Array("起个些样般道度直切致定".unicodeScalars)
  /// 近千件, 上万人, 逾百人.
  static let roundingPrefixes = Array("近上逾".unicodeScalars)
  /// Characters that make a following Chinese numeral indefinite or ordinal.
  static let blockingPrefixes: Set<Unicode.Scalar> = Set("数几若第".unicodeScalars)

  /// Characters that may start a Chinese numeral or a placeholder (most text starts neither).
  static let starts: BMPSet = {
    var t = BMPSet()
    for c in ChineseNumeral.digits.keys { t.insert(c.value) }
    for c in ChineseNumeral.units.keys { t.insert(c.value) }
    for c in ChineseNumeral.bigUnits.keys { t.insert(c.value) }
    for c in placeholderScalars { t.insert(c.value) }
    t.insert(("n" as Unicode.Scalar).value)
    t.insert(("N" as Unicode.Scalar).value)
    return t
  }()

  func find(in s: [Unicode.Scalar]) -> [NumberMatch] {
    var result: [NumberMatch] = []
    var i = 0
    let n = s.count
    let starts = Self.starts
    while i < n {
      let c = s[i]
      if !c.isASCIIDigit && c != " " && !starts.contains(c) {
        i += 1
        continue
      }
      if c.isASCIIDigit, i == 0 || !isLatinLetter(s[i - 1]) {
        if let m = arabic(s, at: i) {
          result.append(m)
          i = m.range.upperBound
          continue
        }
        // No number starts inside a run of digits: skipping it keeps a long run linear.
        while i < n, s[i].isASCIIDigit { i += 1 }
        continue
      } else if ChineseNumeral.isNumeralScalar(c) || c == "百" || c == "千" {
        if let m = chinese(s, at: i) {
          result.append(m)
          i = m.range.upperBound
          continue
        }
        // A run too long to be a figure, or of more positional digits than an Int holds, holds no
        // number either: its tail is no figure of the report, and skipping it keeps the scan linear.
        var j = i
        while j < n, ChineseNumeral.isNumeralScalar(s[j]) { j += 1 }
        if j - i > Self.maxChineseNumeral || (j - i > 18 && s[i..<j].allSatisfy { ChineseNumeral.digit($0) != nil }) {
          i = j
          continue
        }
      } else if c == " ", i > 0, s[i - 1].isHan, let m = blankBeforeUnit(s, at: i) {
        result.append(m)
        i = m.range.upperBound
        continue
      } else if Self.placeholderScalars.contains(c) || c == "n" || c == "N" {
        if let m = placeholder(s, at: i) {
          result.append(m)
          i = m.range.upperBound
          continue
        }
      }
      i += 1
    }
    return result
  }

  private func isLatinLetter(_ c: Unicode.Scalar) -> Bool {
    (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
  }

  /// Digits with thousands separators and decimals, then a scale (万, 亿), then % or ‰ or 余/多.
  /// The longest run of Chinese numeral characters read as a number (一千二百三十四万五千六百七十八
  /// is 17); a scan from each start reads at most this far, so a run of any length costs linear time.
  static let maxChineseNumeral = 24
  /// The most digits an Arabic number may have (Decimal holds 38): longer runs are no figure.
  static let maxArabicDigits = 30

  private func arabic(_ s: [Unicode.Scalar], at start: Int) -> NumberMatch? {
    let n = s.count
    var i = start
    // The digits as an integer and the count after the point, instead of text for
    // Decimal(string:), which costs more than the rest of the scan.
    var mantissa: UInt64 = 0
    var digits = 0, fractionDigits = 0
    @inline(__always) func add(_ c: Unicode.Scalar) {
      mantissa = mantissa &* 10 &+ UInt64(c.value - 0x30)
      digits += 1
    }
    while i < n, s[i].isASCIIDigit { add(s[i]); i += 1 }
    guard i - start <= Self.maxArabicDigits else { return nil }
    // 20xx年 / 20××年: a year with blanked digits.
    if i < n, i - start == 2, Self.placeholderScalars.contains(s[i]) {
      var k = i
      while k < n, Self.placeholderScalars.contains(s[k]) || s[k] == "X" || s[k] == "x" { k += 1 }
      if k - i <= 2, k < n, s[k] == "年" {
        return NumberMatch(range: start..<k, value: nil, isPlaceholder: true, isPercent: false, isApproximate: false)
      }
    }
    // Thousands separators: a lead of one to three digits, then groups of exactly three.
    if i - start <= 3 {
      while i + 4 <= n, s[i] == ",", s[(i + 1)..<(i + 4)].allSatisfy({ $0.isASCIIDigit }), i + 4 == n || !s[i + 4].isASCIIDigit {
        for k in (i + 1)..<(i + 4) { add(s[k]) }
        i += 4
      }
    }
    if i + 1 < n, s[i] == ".", s[i + 1].isASCIIDigit {
      i += 1
      while i < n, s[i].isASCIIDigit { add(s[i]); fractionDigits += 1; i += 1 }
    }
    var value: Decimal
    // Decimal(string:) gives the same Decimal, bit for bit, except that it keeps the exponent of
    // a zero with decimals (0.0): those, and mantissas past UInt64, take the slow way.
    if digits <= 18, mantissa != 0 || fractionDigits == 0 {
      value = fractionDigits == 0 ? Decimal(mantissa) : Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(mantissa))
    } else {
      // The matched characters without the thousands separators.
      var text = ""
      for c in s[start..<i] where c != "," { text.unicodeScalars.append(c) }
      guard let v = Decimal(string: text) else { return nil }
      value = v
    }
    var percent = false, approx = false
    // 1.5万, 5.2万亿, 3千
    // At most two (万亿): a stack of them (亿亿亿亿亿) is no figure, and would leave Decimal's range.
    var scaled = 0
    while i < n, scaled < 2, let scale = Self.scales[s[i]], !(s[i] == "千" && i + 1 < n && s[i + 1] == "克") {
      value *= scale
      i += 1
      scaled += 1
    }
    if value.isNaN { return nil }
    if i < n, s[i] == "%" || s[i] == "‰" {
      percent = true
      i += 1
    } else if i < n, s[i] == "余" || s[i] == "多" {
      approx = true
      i += 1
    }
    return NumberMatch(range: start..<i, value: value, isPlaceholder: false, isPercent: percent, isApproximate: approx)
  }

  private func chinese(_ s: [Unicode.Scalar], at start: Int) -> NumberMatch? {
    let n = s.count
    var i = start
    var percent = false
    // 百分之 / 千分之 prefix.
    if i + 3 < n, s[i] == "百" || s[i] == "千", s[i + 1] == "分", s[i + 2] == "之", ChineseNumeral.isNumeralScalar(s[i + 3]) {
      percent = true
      i += 3
    }
    let numStart = i
    while i < n, i - numStart <= Self.maxChineseNumeral,
      ChineseNumeral.isNumeralScalar(s[i]) || (s[i] == "点" && i > numStart && i + 1 < n && ChineseNumeral.digit(s[i + 1]) != nil)
    {
      i += 1
    }
    // A longer run is no figure of a report, and reading it from every start was quadratic.
    guard i > numStart, i - numStart <= Self.maxChineseNumeral else { return nil }
    let run = s[numStart..<i]
    // 近千件, 上万人: a bare 百/千/万 after 近 or 上 is a round, approximate figure.
    if !percent, run.count == 1, let scale = ChineseNumeral.unit(run.first!) ?? ChineseNumeral.bigUnit(run.first!), scale >= 100,
      start > 0, Self.roundingPrefixes.contains(s[start - 1]), units.match(s, at: i, limit: min(n, i + 4)) > 0
    {
      return NumberMatch(range: start..<i, value: Decimal(scale), isPlaceholder: false, isPercent: false, isApproximate: true)
    }
    guard run.contains(where: { ChineseNumeral.digit($0) != nil || $0 == "十" }) else { return nil }
    // The value is parsed last, for a run that reads as a number: most runs are a 一 inside a
    // word (一些, 统一) and parsing builds a Decimal.
    func number(_ end: Int, percent: Bool, approx: Bool) -> NumberMatch? {
      guard let value = ChineseNumeral.parse(run) else { return nil }
      return NumberMatch(range: start..<end, value: value, isPlaceholder: false, isPercent: percent, isApproximate: approx)
    }
    if !percent, start > 0, Self.isBlockingPrefix(s[start - 1]) {
      return nil
    }
    var end = i
    var approx = false
    if end < n, s[end] == "余" || s[end] == "多" || (s[end] == "几" && run.last == "十") {
      approx = true
      end += 1
    }
    if percent { return number(end, percent: true, approx: approx) }
    let unitLength = units.match(s, at: end, limit: min(n, end + 4))
    let followedByUnit = unitLength > 0 || s.hasWord(at: end, Self.percentagePoints) || s.hasWord(at: end, Self.percentagePointsShort) || s.hasWord(at: end, Self.times)
      || (end < n && s[end] == "成")
    if followedByUnit {
      // 一起 (together), 一次性, 一个个: 一 alone before these is a word, not a count.
      if run.count == 1, run.first == "一", end < n, Self.wordsAfterYi.contains(s[end]) { return nil }
      if run.count == 1, run.first == "一", unitLength == 1, end + 1 < n, s[end + 1] == "性" { return nil }
      return number(end, percent: false, approx: approx)
    }
    // 进京访为零, 均为零: a lone 零 after a copula states a count of none (facts.md §5 rule 11).
    if run.count == 1, run.first == "零", start > 0, s[start - 1] == "为" || s[start - 1] == "是" {
      return number(end, percent: false, approx: false)
    }
    let hasScale = run.contains { ChineseNumeral.unit($0) != nil || ChineseNumeral.bigUnit($0) != nil || $0 == "点" }
    if run.count >= 2, hasScale, !["千万", "万万", "万一", "百万"].contains(String(String.UnicodeScalarView(run))) {
      return number(end, percent: false, approx: approx)
    }
    return nil
  }

  /// 数几若第 (`blockingPrefixes`), without hashing.
  private static func isBlockingPrefix(_ c: Unicode.Scalar) -> Bool { c == "数" || c == "几" || c == "若" || c == "第" }

  /// A blanked figure: only before a measure word, %, or (for 20xx) 年, so that a blanked
  /// name (`XX县`) or a blanked comma (`□` between clauses) is not one.
  private func placeholder(_ s: [Unicode.Scalar], at start: Int) -> NumberMatch? {
    let n = s.count
    let c = s[start]
    if start > 0, isLatinLetter(s[start - 1]) { return nil }
    var i = start
    if c == "n" || c == "N" {
      i += 1
    } else {
      while i < n, i - start < 4, Self.placeholderScalars.contains(s[i]) { i += 1 }
      // A blanked decimal: x.x%, xx.x%.
      if i + 1 < n, s[i] == ".", Self.placeholderScalars.contains(s[i + 1]) {
        i += 1
        let fraction = i
        while i < n, i - fraction < 3, Self.placeholderScalars.contains(s[i]) { i += 1 }
      }
    }
    guard i < n, !isLatinLetter(s[i]) else { return nil }
    var end = i
    var approx = false
    if end < n, s[end] == "余" || s[end] == "多" { approx = true; end += 1 }
    // One space may stand between the blank and its sign or measure word (x %, X 件).
    let gap = end + 1 < n && s[end] == " " && s[end + 1] != " " ? 1 : 0
    let percent = end + gap < n && s[end + gap] == "%"
    if percent { end += gap + 1 }
    var unitAt = end + gap
    // X(件)批: a bracketed alternative before the measure word.
    if !percent, unitAt + 3 < n, s[unitAt] == "(", let alt = units.unit(s, at: unitAt + 1, limit: min(n, unitAt + 3)), s[unitAt + 1 + alt.length] == ")" {
      unitAt += alt.length + 2
    }
    let unit = percent ? nil : units.unit(s, at: unitAt, limit: min(n, unitAt + 4))
    guard percent || unit != nil || s.hasWord(at: end, Self.percentagePoints) else { return nil }
    // A lone `_` or `□` before 年 is a blanked date part, not a figure.
    if !percent, unit?.cls == .other, c == "□" || c == "_" { return nil }
    return NumberMatch(range: start..<end, value: nil, isPlaceholder: true, isPercent: percent, isApproximate: approx)
  }

  /// A form left blank: two or more spaces where the figure goes, then a petition measure word
  /// (`受理来信    件`).
  private func blankBeforeUnit(_ s: [Unicode.Scalar], at start: Int) -> NumberMatch? {
    var i = start
    while i < s.count, s[i] == " " { i += 1 }
    guard i - start >= 2, i < s.count else { return nil }
    guard let cls = units.unit(s, at: i, limit: min(s.count, i + 4))?.cls, cls != .other else { return nil }
    return NumberMatch(range: start..<i, value: nil, isPlaceholder: true, isPercent: false, isApproximate: false)
  }
}
