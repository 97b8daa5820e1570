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
  /// A number too large to be a figure (``NumberRecognizer/maxValue`` or more: `一亿亿亿`, `1e400`,
  /// twenty digits): `value` is nil, and the fact it makes is reported with a warning.
  public var isTooLarge = false
}

/// Something the recognizer refused that a reader should hear of (a warning of the document).
struct NumberNote: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    /// `12,3456人次`, `1234,567件`: digits in groups that are not thousands; no figure is read.
    case badGrouping
    /// More than ``NumberRecognizer/maxNumeralLength`` numeral characters before a measure word
    /// or %: too long to be a number, none of it is read.
    case tooLong
  }

  let kind: Kind
  let range: Range<Int>
}

/// Finds numbers on the normalized character stream (not on word tokens: ICU splits
/// `300余人次` as `300|余人|次`). Chinese numerals count only where they read as numbers
/// (`两起`, `三十六件`, `百分之…`), never in slogans such as `一岗双责` or words such as `统一`.
struct NumberRecognizer {
  let units: UnitLexicon

  static let placeholderScalars: Set<Unicode.Scalar> = Set("xX×╳*□_".unicodeScalars)
  static let scales: [Unicode.Scalar: Decimal] = ["万": 10_000, "亿": 100_000_000, "千": 1000, "百": 100]
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

  /// Where ``find(in:notes:)`` looks closer: `starts`, ASCII digits and the space (all BMP).
  static let scanStarts: BMPSet = {
    var t = starts
    for c in "0123456789 ".unicodeScalars { t.insert(c.value) }
    return t
  }()

  /// `placeholderScalars`, without hashing.
  @inline(__always)
  static func isPlaceholderScalar(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "x", "X", "×", "╳", "*", "□", "_": true
    default: false
    }
  }

  /// Whether `c` is a key of `scales` (a switch: asked after every run of digits).
  @inline(__always)
  static func isScale(_ c: Unicode.Scalar) -> Bool { c == "万" || c == "亿" || c == "千" || c == "百" }

  /// The zeros of the scale `c` (log10 of `scales[c]`).
  @inline(__always)
  static func scaleDigits(_ c: Unicode.Scalar) -> Int { c == "亿" ? 8 : c == "万" ? 4 : c == "千" ? 3 : 2 }

  /// The longest numeral read as a number, in characters (digits, separators, point, exponent,
  /// scales, Chinese numeral characters). Any value below ``maxValue`` fits: written out in full
  /// Chinese it takes at most 31 characters (九千九百九十九万…九十九), with 百分之 or a fraction a
  /// few more. A longer run is a code, a serial or junk, not a figure, and the cap keeps the scan
  /// linear: a run that does not read as a number is retried from each of its characters, so each
  /// retry must stop within this distance (an unbounded one made 32,000 numerals cost 27 s).
  static let maxNumeralLength = 40

  /// Numbers from 10^18 up are too large to be the figure of a report; they are recorded
  /// without a value (and a warning), never as a wrapped, rounded or NaN value. Below the
  /// bound every integer fits an `Int`, and totals over millions of figures stay exact in `Decimal`.
  static let maxIntegerValue = 1_000_000_000_000_000_000
  static let maxValue = Decimal(maxIntegerValue)

  /// What one scan at a position found.
  private enum Scan {
    case number(NumberMatch)
    /// Nothing here, and nothing up to this position either (a run too long to be a number).
    case skip(to: Int)
    case none
  }

  func find(in s: [Unicode.Scalar]) -> [NumberMatch] {
    var notes: [NumberNote] = []
    return find(in: s, notes: &notes)
  }

  func find(in s: [Unicode.Scalar], notes: inout [NumberNote]) -> [NumberMatch] {
    var result: [NumberMatch] = []
    var i = 0
    let n = s.count
    // The end of a run of comma-separated digit groups already read as a list (`1234,5678`):
    // its parts are read one by one without looking at the run again.
    var listEnd = 0
    func take(_ scan: Scan) -> Bool {
      switch scan {
      case .number(let m):
        result.append(m)
        i = m.range.upperBound
        return true
      case .skip(let end):
        i = max(end, i + 1)
        return true
      case .none:
        return false
      }
    }
    let words = Self.scanStarts.words
    while i < n {
      i = ScalarScan.nextInBitmap(s, from: i, words, orOutsideBMP: false)
      guard i < n else { break }
      let c = s[i]
      if c.isASCIIDigit {
        // Digits after a Latin letter (A1234, e400) belong to a code: none of them starts a number.
        if i > 0, isLatinLetter(s[i - 1]) {
          while i < n, s[i].isASCIIDigit { i += 1 }
          continue
        }
        if take(mixed(s, at: i)) { continue }
        if take(arabic(s, at: i, grouping: i >= listEnd, listEnd: &listEnd, notes: &notes)) { continue }
      } else if ChineseNumeral.isNumeralScalar(c) || c == "百" || c == "千" {
        if take(mixed(s, at: i)) { continue }
        if take(chinese(s, at: i, notes: &notes)) { continue }
      } else if c == " ", i > 0, s[i - 1].isHan, let m = blankBeforeUnit(s, at: i) {
        result.append(m)
        i = m.range.upperBound
        continue
      } else if Self.isPlaceholderScalar(c) || c == "n" || c == "N" {
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

  /// Past the cap: no number here; a warning when it stands where a figure would.
  private func tooLong(_ s: [Unicode.Scalar], _ r: Range<Int>, _ notes: inout [NumberNote]) -> Scan {
    if figureFollows(s, at: r.upperBound) { notes.append(NumberNote(kind: .tooLong, range: r)) }
    return .skip(to: r.upperBound)
  }

  /// A petition measure word (not `other`: 年, 元, 天), or a percent sign, at `i` (one space before
  /// it tolerated), after any 万/亿/千 and 余/多: what makes digits a figure.
  private func figureFollows(_ s: [Unicode.Scalar], at start: Int) -> Bool {
    let n = s.count
    var i = start
    while i < n, i - start < 4, Self.isScale(s[i]) || s[i] == "余" || s[i] == "多" { i += 1 }
    if i < n, s[i] == " " { i += 1 }
    guard i < n else { return false }
    if s[i] == "%" || s[i] == "‰" { return true }
    guard let u = units.unit(s, at: i, limit: min(n, i + 4)) else { return false }
    return u.cls != .other
  }

  /// Digits with thousands separators (`,`; `，` and a space before a measure word), decimals
  /// and an exponent, then a scale (万, 亿), then % or ‰ or 余/多.
  private func arabic(_ s: [Unicode.Scalar], at start: Int, grouping: Bool, listEnd: inout Int, notes: inout [NumberNote]) -> Scan {
    let n = s.count
    let cap = Self.maxNumeralLength
    var i = start
    while i < n, s[i].isASCIIDigit { i += 1 }
    if i - start > cap { return tooLong(s, start..<i, &notes) }
    // 20xx年 / 20××年: a year with blanked digits.
    if i < n, i - start == 2, Self.isPlaceholderScalar(s[i]) {
      var k = i
      while k < n, Self.isPlaceholderScalar(s[k]) || s[k] == "X" || s[k] == "x" { k += 1 }
      if k - i <= 2, k < n, s[k] == "年" {
        return .number(NumberMatch(range: start..<k, value: nil, isPlaceholder: true, isPercent: false, isApproximate: false))
      }
    }
    // Digit groups after separators; a group of fewer than three digits ends them (`1,2,3` is a
    // list). Commas: the whole run, which is then read as one number, skipped, or read part by
    // part (`listEnd`), each once. Spaces: a few groups beyond the cap at most.
    var groups: [Range<Int>] = []
    var separator: Unicode.Scalar? = nil
    if grouping, i + 1 < n, s[i] == "," || s[i] == "，" || s[i] == " ", s[i + 1].isASCIIDigit {
      let sep = s[i]
      separator = sep
      var k = i
      while k + 1 < n, s[k] == sep, s[k + 1].isASCIIDigit {
        var e = k + 1
        while e < n, s[e].isASCIIDigit { e += 1 }
        guard e - (k + 1) >= 3 else { break }
        groups.append((k + 1)..<e)
        k = e
        if sep == " ", k - start > cap { break }
      }
    }
    if let sep = separator, let last = groups.last {
      let thousands = i - start <= 3 && groups.allSatisfy { $0.count == 3 }
      if last.upperBound - start > cap {
        // Too long to be one number: thousands groups are none; other groups (2018,2019,…) a list.
        if sep != " " {
          if thousands { return tooLong(s, start..<last.upperBound, &notes) }
          listEnd = last.upperBound
        }
      } else {
        // A full-width comma or a space separates clauses and cells too: a group there is a
        // thousands group only before a measure word or %.
        let figure = figureFollows(s, at: last.upperBound)
        if thousands, sep == "," || figure {
          i = last.upperBound
        } else if sep != " ", figure {
          // 12,3456人次: grouped wrong. Neither the whole nor its tail is the figure.
          notes.append(NumberNote(kind: .badGrouping, range: start..<last.upperBound))
          return .skip(to: last.upperBound)
        } else if sep != " " {
          listEnd = last.upperBound
        }
      }
    }
    var fractionStart = i, fractionEnd = i
    if i + 1 < n, s[i] == ".", s[i + 1].isASCIIDigit {
      i += 1
      fractionStart = i
      while i < n, s[i].isASCIIDigit, i - start <= cap { i += 1 }
      fractionEnd = i
      if i - start > cap {
        while i < n, s[i].isASCIIDigit { i += 1 }
        return tooLong(s, start..<i, &notes)
      }
    }
    // The integer digits without separators and leading zeros: from `integerStart`, the first
    // non-zero digit, up to `integerEnd`, `integerCount` of them (no array built per number).
    let integerEnd = fractionStart == fractionEnd ? i : fractionStart - 1
    var integerStart = integerEnd
    var integerCount = 0
    for k in start..<integerEnd where s[k].isASCIIDigit {
      if integerCount == 0 {
        if s[k] == "0" { continue }
        integerStart = k
      }
      integerCount += 1
    }
    // 1e400, 2.5E+3: an exponent (a Latin letter after it makes the whole a code).
    var exponent = 0
    if i + 1 < n, s[i] == "e" || s[i] == "E" {
      var k = i + 1
      var negative = false
      if k < n, s[k] == "+" || s[k] == "-" { negative = s[k] == "-"; k += 1 }
      let digitsStart = k
      while k < n, s[k].isASCIIDigit, k - digitsStart < 5 { k += 1 }
      if k > digitsStart, k - start <= cap, k == n || !(s[k].isASCIIDigit || isLatinLetter(s[k])) {
        var e = 0
        for c in s[digitsStart..<k] { e = e * 10 + Int(c.value - 0x30) }
        exponent = negative ? -e : e
        i = k
      }
    }
    var tooLarge = false
    // The value is below 10^digitsBound (scales add their digits): compared with maxValue only
    // when that bound does not settle it.
    var digitsBound = 0
    // Set on every path that reads it below.
    var value = Decimal()
    // The magnitude decides before any arithmetic: 19 integer digits reach 10^18.
    let fractionCount = fractionEnd - fractionStart
    var leadingZeros = 0
    if integerCount == 0 {
      leadingZeros = -1
      for k in fractionStart..<fractionEnd where s[k] != "0" {
        leadingZeros = k - fractionStart
        break
      }
    }
    let magnitude = integerCount == 0 ? (leadingZeros < 0 ? 0 : -leadingZeros) : integerCount
    let isZero = integerCount == 0 && leadingZeros < 0
    digitsBound = magnitude + exponent
    if !isZero, magnitude + exponent > 18 {
      tooLarge = true
    } else if !isZero, magnitude + exponent < -30 {
      // 1e-400: past what Decimal keeps, no figure either.
      tooLarge = true
    } else if isZero, exponent != 0 {
      value = 0
    } else if integerCount + fractionCount <= 18, !(isZero && fractionCount > 0) {
      var mantissa: UInt64 = 0
      for k in integerStart..<integerEnd where s[k].isASCIIDigit { mantissa = mantissa * 10 + UInt64(s[k].value - 0x30) }
      for k in fractionStart..<fractionEnd { mantissa = mantissa * 10 + UInt64(s[k].value - 0x30) }
      value = fractionCount == 0 && exponent == 0 ? Decimal(mantissa) : Decimal(sign: .plus, exponent: exponent - fractionCount, significand: Decimal(mantissa))
    } else {
      // Past UInt64, and a zero with decimals (0.0), whose exponent Decimal(string:) keeps.
      let integer = s[integerStart..<integerEnd].filter(\.isASCIIDigit)
      var text = String(String.UnicodeScalarView(integer.isEmpty ? ["0"] : integer))
      if fractionCount > 0 {
        text += "."
        text.unicodeScalars.append(contentsOf: s[fractionStart..<fractionEnd])
      }
      guard let v = Decimal(string: text) else { return .none }
      value = exponent == 0 ? v : Decimal(sign: .plus, exponent: exponent, significand: v)
    }
    var percent = false, approx = false
    // 1.5万, 5.2万亿, 3千
    // 3百件, 1.5万; not 千克 (kilograms) nor 百分点 (3百分点 is 3 points).
    while i < n, Self.isScale(s[i]), let scale = Self.scales[s[i]], !(i + 1 < n && (s[i] == "千" && s[i + 1] == "克" || s[i] == "百" && s[i + 1] == "分")) {
      if i - start >= cap {
        while i < n, Self.isScale(s[i]) { i += 1 }
        return tooLong(s, start..<i, &notes)
      }
      if !tooLarge {
        value *= scale
        digitsBound += Self.scaleDigits(s[i])
        tooLarge = digitsBound > 18 && value >= Self.maxValue
      }
      i += 1
    }
    if i < n, s[i] == "%" || s[i] == "‰" {
      percent = true
      i += 1
    } else if i < n, s[i] == "余" || s[i] == "多" {
      approx = true
      i += 1
    }
    return .number(NumberMatch(range: start..<i, value: tooLarge ? nil : value, isPlaceholder: false, isPercent: percent, isApproximate: approx, isTooLarge: tooLarge))
  }

  /// A numeral of Arabic digits and Chinese units (`2千零3十`, `三千5百`, `1万2千`): two digits or
  /// more, at least one of them Arabic, ending in a unit (or in 零 and a digit, `2千零3`) so that
  /// a word after it (`30万一次性`) is not taken in. Anything else is left to ``arabic`` and ``chinese``.
  private func mixed(_ s: [Unicode.Scalar], at start: Int) -> Scan {
    let n = s.count
    // First without building anything: most runs are Arabic or Chinese alone.
    var i = start
    var arabic = false, chinese = false
    while i < n, i - start <= Self.maxNumeralLength {
      let c = s[i]
      if c.isASCIIDigit {
        arabic = true
      } else if ChineseNumeral.isNumeralScalar(c) {
        if ChineseNumeral.digit(c) == nil { chinese = true }
      } else {
        break
      }
      i += 1
    }
    guard arabic, chinese, i - start <= Self.maxNumeralLength else { return .none }
    if start > 0, Self.isBlockingPrefix(s[start - 1]) { return .none }
    let end = i
    var elements: [ChineseNumeral.Element] = []
    var digitCount = 0
    i = start
    while i < end {
      let c = s[i]
      if c.isASCIIDigit {
        var v = 0, k = i
        while k < end, s[k].isASCIIDigit {
          // Nine digits at most stand before 万 or 亿 in a numeral; more are not one.
          if k - i >= 9 { return .none }
          v = v * 10 + Int(s[k].value - 0x30)
          k += 1
        }
        elements.append(.digit(v, arabic: true))
        digitCount += 1
        i = k
      } else if let d = ChineseNumeral.digit(c) {
        elements.append(.digit(d, arabic: false))
        digitCount += 1
        i += 1
      } else if let u = ChineseNumeral.unit(c) {
        elements.append(.unit(u))
        i += 1
      } else if let b = ChineseNumeral.bigUnit(c) {
        elements.append(.bigUnit(b))
        i += 1
      } else {
        return .none
      }
    }
    guard digitCount >= 2, let last = elements.last else { return .none }
    switch last {
    case .unit, .bigUnit: break
    case .digit:
      guard elements.count >= 2, case .digit(0, arabic: false) = elements[elements.count - 2] else { return .none }
    }
    guard let reading = ChineseNumeral.reading(elements) else { return .none }
    var stop = end
    var percent = false, approx = false
    if stop < n, s[stop] == "%" {
      percent = true
      stop += 1
    } else if stop < n, s[stop] == "余" || s[stop] == "多" {
      approx = true
      stop += 1
    }
    if case .value(let v) = reading {
      return .number(NumberMatch(range: start..<stop, value: v, isPlaceholder: false, isPercent: percent, isApproximate: approx))
    }
    return .number(NumberMatch(range: start..<stop, value: nil, isPlaceholder: false, isPercent: percent, isApproximate: approx, isTooLarge: true))
  }

  private func chinese(_ s: [Unicode.Scalar], at start: Int, notes: inout [NumberNote]) -> Scan {
    let n = s.count
    var i = start
    var percent = false
    // 百分之 / 千分之 prefix.
    if i + 3 < n, s[i] == "百" || s[i] == "千", s[i + 1] == "分", s[i + 2] == "之", ChineseNumeral.isNumeralScalar(s[i + 3]) {
      percent = true
      i += 3
    }
    let numStart = i
    while i < n, ChineseNumeral.isNumeralScalar(s[i]) || (s[i] == "点" && i > numStart && i + 1 < n && ChineseNumeral.digit(s[i + 1]) != nil) {
      i += 1
      if i - start > Self.maxNumeralLength {
        // Too long to be a number: none of it is one.
        while i < n, ChineseNumeral.isNumeralScalar(s[i]) || s[i] == "点" { i += 1 }
        return tooLong(s, start..<i, &notes)
      }
    }
    guard i > numStart else { return .none }
    let run = s[numStart..<i]
    // 近千件, 上万人: a bare 百/千/万 after 近 or 上 is a round, approximate figure.
    if !percent, run.count == 1, let scale = ChineseNumeral.unit(run.first!) ?? ChineseNumeral.bigUnit(run.first!), scale >= 100,
      start > 0, Self.roundingPrefixes.contains(s[start - 1]), units.match(s, at: i, limit: min(n, i + 4)) > 0
    {
      return .number(NumberMatch(range: start..<i, value: Decimal(scale), isPlaceholder: false, isPercent: false, isApproximate: true))
    }
    // 百分之百: the whole.
    if percent, run.count == 1, s[start] == "百", run.first == "百" {
      return .number(NumberMatch(range: start..<i, value: 100, isPlaceholder: false, isPercent: true, isApproximate: false))
    }
    guard run.contains(where: { ChineseNumeral.digit($0) != nil || $0 == "十" }) else { return .none }
    // The value is parsed last, for a run that reads as a number: most runs are a 一 inside a
    // word (一些, 统一) and parsing builds a Decimal.
    func number(_ end: Int, percent: Bool, approx: Bool) -> Scan {
      switch ChineseNumeral.read(run) {
      case .value(let value)?:
        return .number(NumberMatch(range: start..<end, value: value, isPlaceholder: false, isPercent: percent, isApproximate: approx))
      case .tooLarge?:
        return .number(NumberMatch(range: start..<end, value: nil, isPlaceholder: false, isPercent: percent, isApproximate: approx, isTooLarge: true))
      case nil:
        return .none
      }
    }
    if !percent, start > 0, Self.isBlockingPrefix(s[start - 1]) {
      return .none
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
      if run.count == 1, run.first == "一", end < n, Self.wordsAfterYi.contains(s[end]) { return .none }
      if run.count == 1, run.first == "一", unitLength == 1, end + 1 < n, s[end + 1] == "性" { return .none }
      return number(end, percent: false, approx: approx)
    }
    // 进京访为零, 均为零: a lone 零 after a copula states a count of none (facts.md §5 rule 11).
    if run.count == 1, run.first == "零", start > 0, s[start - 1] == "为" || s[start - 1] == "是" {
      return number(end, percent: false, approx: false)
    }
    let hasScale = run.contains { ChineseNumeral.unit($0) != nil || ChineseNumeral.bigUnit($0) != nil || $0 == "点" }
    if run.count >= 2, hasScale, !Self.isScaleWord(run) {
      return number(end, percent: false, approx: approx)
    }
    return .none
  }

  /// 千万, 万万, 万一, 百万: words, not numbers. Compared by scalars (a run holds numeral
  /// characters only, none of which has another canonically equivalent spelling).
  private static func isScaleWord(_ run: ArraySlice<Unicode.Scalar>) -> Bool {
    guard run.count == 2 else { return false }
    let a = run[run.startIndex], b = run[run.startIndex + 1]
    return (a == "千" && b == "万") || (a == "万" && (b == "万" || b == "一")) || (a == "百" && b == "万")
  }

  /// 数几若第 (`blockingPrefixes`), without hashing.
  private static func isBlockingPrefix(_ c: Unicode.Scalar) -> Bool { c == "数" || c == "几" || c == "若" || c == "第" }

  /// A blanked figure: only before a measure word, %, or (for 20xx) 年, so that a blanked
  /// name (`XX县`) or a blanked comma (`□` between clauses) is not one.
  private func placeholder(_ s: [Unicode.Scalar], at start: Int) -> NumberMatch? {
    let n = s.count
    let c = s[start]
    if start > 0, isLatinLetter(s[start - 1]) { return nil }
    // After the digits of a code (1e400x, A12x): part of the code, not a blank.
    if start > 0, s[start - 1].isASCIIDigit {
      var k = start - 1
      while k > 0, s[k].isASCIIDigit { k -= 1 }
      if isLatinLetter(s[k]) { return nil }
    }
    var i = start
    if c == "n" || c == "N" {
      i += 1
    } else {
      while i < n, i - start < 4, Self.isPlaceholderScalar(s[i]) { i += 1 }
      // A blanked decimal: x.x%, xx.x%.
      if i + 1 < n, s[i] == ".", Self.isPlaceholderScalar(s[i + 1]) {
        i += 1
        let fraction = i
        while i < n, i - fraction < 3, Self.isPlaceholderScalar(s[i]) { i += 1 }
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

extension Document {
  /// Warnings about numbers, by the number: one per document, the first few named
  /// (`` `12,3456` at 5–12``): a hostile file can hold millions of them.
  func numberWarning(code: String, _ ranges: [Range<Int>], _ what: String, quote: Bool = true) -> IngestWarning {
    let shown = ranges.prefix(5).map { r -> String in
      let span = sourceSpan(r)
      return quote ? "`\(sourceText(r))` at \(span.start)–\(span.end)" : "at \(span.start)–\(span.end)"
    }
    let more = ranges.count > shown.count ? ", and \(ranges.count - shown.count) more" : ""
    let count = ranges.count == 1 ? "a number" : "\(ranges.count) numbers"
    return IngestWarning(code: code, message: "\(count) \(what): \(shown.joined(separator: ", "))\(more)")
  }
}
