import Foundation

/// Parses Chinese numerals: 三十六, 两千, 一万二千, 三点五, 壹佰贰拾, 二千七 (= 2700), 一九九八.
enum ChineseNumeral {
  static let digits: [Unicode.Scalar: Int] = [
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
  ]
  static let units: [Unicode.Scalar: Int] = ["十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000]
  static let bigUnits: [Unicode.Scalar: Int] = ["万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000]

  /// The three maps above as one map over the BMP: 0 = not a numeral, 1…10 = digit 0…9,
  /// 11… = index into `scales` + 11 (hashing a scalar per character is the slow part of parsing).
  private static let codes: BMPMap<UInt8> = {
    var pairs: [(UInt32, UInt8)] = []
    for (c, d) in digits { pairs.append((c.value, UInt8(d + 1))) }
    for (c, u) in units { pairs.append((c.value, UInt8(11 + scales.firstIndex(of: u)!))) }
    for (c, u) in bigUnits { pairs.append((c.value, UInt8(11 + scales.firstIndex(of: u)!))) }
    return BMPMap(pairs)
  }()
  private static let scales = [10, 100, 1000, 10_000, 100_000_000]

  @inline(__always) private static func code(_ s: Unicode.Scalar) -> UInt8 { codes[s.value] ?? 0 }

  /// `digits[s]`, `units[s]`, `bigUnits[s]` by table.
  static func digit(_ s: Unicode.Scalar) -> Int? {
    let c = code(s)
    return c >= 1 && c <= 10 ? Int(c) - 1 : nil
  }

  static func unit(_ s: Unicode.Scalar) -> Int? {
    let c = code(s)
    return c >= 11 && c <= 13 ? scales[Int(c) - 11] : nil
  }

  static func bigUnit(_ s: Unicode.Scalar) -> Int? {
    let c = code(s)
    return c >= 14 ? scales[Int(c) - 11] : nil
  }

  static func isNumeralScalar(_ s: Unicode.Scalar) -> Bool { code(s) != 0 }

  /// The value, or nil when the characters do not form a numeral.
  static func parse<C: Collection>(_ chars: C) -> Decimal? where C.Element == Unicode.Scalar {
    let all = Array(chars)
    guard !all.isEmpty else { return nil }
    if let p = all.firstIndex(of: "点") {
      guard let whole = parseInteger(all[..<p]) else { return nil }
      let frac = all[(p + 1)...]
      guard !frac.isEmpty else { return nil }
      var text = "0."
      for c in frac {
        guard let d = digit(c) else { return nil }
        text += String(d)
      }
      guard let f = Decimal(string: text) else { return nil }
      return Decimal(whole) + f
    }
    return parseInteger(all[...]).map { Decimal($0) }
  }

  /// nil where the characters do not read as one number, or where its value would not fit in an
  /// Int (二十个亿 stacked, twenty positional digits): every step reports overflow, none traps.
  static func parseInteger(_ s: ArraySlice<Unicode.Scalar>) -> Int? {
    guard !s.isEmpty else { return nil }
    func mul(_ a: Int, _ b: Int) -> Int? { let (v, o) = a.multipliedReportingOverflow(by: b); return o ? nil : v }
    func add(_ a: Int, _ b: Int) -> Int? { let (v, o) = a.addingReportingOverflow(b); return o ? nil : v }
    // Positional digits only (一九九八, 二〇一九).
    if s.count > 1, s.allSatisfy({ digit($0) != nil }) {
      var v = 0
      for c in s {
        guard let t = mul(v, 10), let u = add(t, digit(c)!) else { return nil }
        v = u
      }
      return v
    }
    var result = 0, wan = 0, section = 0, number = 0
    var lastUnit = 0
    var lastWasDigit = false
    var sawDigit = false
    for c in s {
      if let d = digit(c) {
        if lastWasDigit && d != 0 && number != 0 { return nil }
        number = d
        lastWasDigit = true
        sawDigit = true
      } else if let u = unit(c) {
        if number == 0 && u == 10 && !lastWasDigit { number = 1 }
        guard number > 0 || lastWasDigit else { return nil }
        guard let part = mul(number, u), let next = add(section, part) else { return nil }
        section = next
        number = 0
        lastUnit = u
        lastWasDigit = false
      } else if let b = bigUnit(c) {
        guard let value = add(section, number) else { return nil }
        guard value > 0 || sawDigit else { return nil }
        if b == 10_000 {
          guard let w = add(wan, value), let scaled = mul(w, b) else { return nil }
          wan = scaled
        } else {
          guard let r = add(result, wan), let r2 = add(r, value), let scaled = mul(r2, b) else { return nil }
          result = scaled
          wan = 0
        }
        section = 0
        number = 0
        lastUnit = b
        lastWasDigit = false
      } else {
        return nil
      }
    }
    // 二千七 = 2700, 三万五 = 35000: a trailing digit right after a unit counts in the next unit down.
    if lastWasDigit && number > 0 && lastUnit >= 100 && s.count >= 3 {
      let prev = s[s.index(s.endIndex, offsetBy: -2)]
      if unit(prev) != nil || bigUnit(prev) != nil {
        guard let n = mul(number, lastUnit / 10) else { return nil }
        number = n
      }
    }
    guard let a = add(result, wan), let b = add(a, section), let total = add(b, number) else { return nil }
    return total
  }
}
