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

  /// What a run of numeral characters reads as.
  enum Reading: Equatable {
    case value(Decimal)
    /// A numeral whose value reaches ``NumberRecognizer/maxValue`` (or overflows on the way):
    /// recorded as a number without a value, never trapped on.
    case tooLarge
  }

  /// One element of a numeral: a digit (or, in a mixed numeral such as `2千零3十`, a run of
  /// Arabic digits with its value), a unit (十百千) or a big unit (万亿).
  enum Element: Equatable {
    case digit(Int, arabic: Bool)
    case unit(Int)
    case bigUnit(Int)
  }

  struct Overflow: Error {}

  /// The value, or nil when the characters do not form a numeral (too large: nil too; see ``read(_:)``).
  static func parse<C: Collection>(_ chars: C) -> Decimal? where C.Element == Unicode.Scalar {
    if case .value(let v) = read(chars) { return v }
    return nil
  }

  /// The reading of a numeral, or nil when the characters do not form one.
  static func read<C: Collection>(_ chars: C) -> Reading? where C.Element == Unicode.Scalar {
    read(Array(chars)[...])
  }

  /// The same for a slice of a text, read in place (the recognizer asks for every numeral).
  static func read(_ all: ArraySlice<Unicode.Scalar>) -> Reading? {
    guard !all.isEmpty else { return nil }
    if let p = all.firstIndex(of: "点") {
      guard let whole = integer(all[all.startIndex..<p]) else { return nil }
      let frac = all[(p + 1)...]
      guard !frac.isEmpty else { return nil }
      var text = "0."
      for c in frac {
        guard let d = digit(c) else { return nil }
        text += String(d)
      }
      guard case .value(let w) = whole else { return .tooLarge }
      guard let f = Decimal(string: text) else { return nil }
      return .value(w + f)
    }
    return integer(all)
  }

  private static func integer(_ s: ArraySlice<Unicode.Scalar>) -> Reading? {
    // The elements on the stack: a numeral is a few characters, and this runs for each one.
    withUnsafeTemporaryAllocation(of: Element.self, capacity: s.count) { buf -> Reading? in
      var n = 0
      for c in s {
        let k = code(c)
        if k == 0 { return nil }
        buf.initializeElement(at: n, to: k <= 10 ? .digit(Int(k) - 1, arabic: false) : k <= 13 ? .unit(scales[Int(k) - 11]) : .bigUnit(scales[Int(k) - 11]))
        n += 1
      }
      return reading(UnsafeBufferPointer(rebasing: buf[..<n]))
    }
  }

  /// The value of a sequence of elements, with every product and sum checked for overflow.
  static func reading(_ s: [Element]) -> Reading? {
    s.withUnsafeBufferPointer { reading($0) }
  }

  static func reading(_ s: UnsafeBufferPointer<Element>) -> Reading? {
    do {
      guard let v = try parseInteger(s) else { return nil }
      return v < NumberRecognizer.maxIntegerValue ? .value(Decimal(v)) : .tooLarge
    } catch {
      return .tooLarge
    }
  }

  @inline(__always) private static func mul(_ a: Int, _ b: Int) throws -> Int {
    let (r, o) = a.multipliedReportingOverflow(by: b)
    if o { throw Overflow() }
    return r
  }

  @inline(__always) private static func add(_ a: Int, _ b: Int) throws -> Int {
    let (r, o) = a.addingReportingOverflow(b)
    if o { throw Overflow() }
    return r
  }

  /// nil: not a numeral; throws ``Overflow`` when the value does not fit an `Int`.
  static func parseInteger(_ s: UnsafeBufferPointer<Element>) throws -> Int? {
    guard !s.isEmpty else { return nil }
    // Positional digits only (一九九八, 二〇一九).
    if s.count > 1, s.allSatisfy({ if case .digit(_, false) = $0 { true } else { false } }) {
      var v = 0
      for case .digit(let d, _) in s { v = try add(mul(v, 10), d) }
      return v
    }
    var result = 0, wan = 0, section = 0, number = 0
    var lastUnit = 0
    var lastWasDigit = false
    var sawDigit = false
    var previous: Element? = nil
    for e in s {
      defer { previous = e }
      switch e {
      case .digit(let d, let arabic):
        if lastWasDigit && d != 0 && number != 0 { return nil }
        // 2千零3十: an Arabic digit run stands for one digit before 十百千, for a whole section before 万亿.
        if arabic, case .digit(let p, false)? = previous, p != 0 { return nil }
        number = d
        lastWasDigit = true
        sawDigit = true
      case .unit(let u):
        if number == 0 && u == 10 && !lastWasDigit { number = 1 }
        guard number > 0 || lastWasDigit else { return nil }
        if case .digit(let d, true)? = previous, d > 9 { return nil }
        section = try add(section, mul(number, u))
        number = 0
        lastUnit = u
        lastWasDigit = false
      case .bigUnit(let b):
        let value = try add(section, number)
        guard value > 0 || sawDigit else { return nil }
        if b == 10_000 {
          wan = try mul(add(wan, value), b)
        } else {
          result = try mul(add(add(result, wan), value), b)
          wan = 0
        }
        section = 0
        number = 0
        lastUnit = b
        lastWasDigit = false
      }
    }
    // 二千七 = 2700, 三万五 = 35000: a trailing digit right after a unit counts in the next unit down.
    if lastWasDigit && number > 0 && lastUnit >= 100 && s.count >= 3 {
      switch s[s.count - 2] {
      case .unit, .bigUnit: number = try mul(number, lastUnit / 10)
      case .digit: break
      }
    }
    return try add(add(add(result, wan), section), number)
  }
}
