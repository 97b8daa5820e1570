import Foundation

/// A number with what it measures: `2675人次`, `98.5%`, `15.8个百分点`, `30多人`, `n案次`.
///
/// `range` covers the number expression (with an attached `%`, `余`, `多`); `end` is where the
/// whole quantity ends (after the measure word and any 以上/左右). Both in scalars of
/// ``NormalizedText``.
public struct Quantity: Sendable {
  public enum Bound: String, Sendable { case min, max }

  public let range: Range<Int>
  public let end: Int
  /// nil for a placeholder.
  public let value: Decimal?
  /// The measure word as written, `%`, or `pp` (个百分点).
  public let unit: String
  /// nil for `%` and `pp`.
  public let unitClass: UnitLexicon.UnitClass?
  public let approx: Bool
  public let bound: Bound?
  public let placeholder: Bool
  /// Alone in a cell of a table flattened to lines (`34859 |`): no measure word needed.
  public var tableCell = false
  /// An explicit + or − before a percentage (来信-13.2%): the direction of a change.
  public var sign: QualifierRole? = nil
  /// A zero stated without a measure word after a copula (进京访为零, 均为零): a count of none.
  public var statedZero = false
  /// For a stated zero after a numeral (越级访、异常访、群体访“三为零”): where that numeral
  /// stands, which closes the list of cues the zero is given to.
  public var zeroOfList: Range<Int>? = nil
  /// Too large to be a figure (`value` nil, not a placeholder; see ``NumberMatch/isTooLarge``).
  public var tooLarge = false

  // Stored: rules ask for them many times per number.
  public let isPercent: Bool
  public let isPoints: Bool

  init(range: Range<Int>, end: Int, value: Decimal?, unit: String, unitClass: UnitLexicon.UnitClass?, approx: Bool, bound: Bound?, placeholder: Bool) {
    (self.range, self.end, self.value, self.unit, self.unitClass) = (range, end, value, unit, unitClass)
    (self.approx, self.bound, self.placeholder) = (approx, bound, placeholder)
    isPercent = Self.isPercent(unit)
    isPoints = Self.isPoints(unit)
  }

  // By bytes: String's == takes Unicode's slow path for every unit that is not this one.
  static func isPercent(_ unit: String) -> Bool { unit.utf8.count == 1 && unit.utf8.first == UInt8(ascii: "%") }
  static func isPoints(_ unit: String) -> Bool { unit.utf8.count == 2 && unit.utf8.allSatisfy { $0 == UInt8(ascii: "p") } }
  /// Counts of petitions, visits, batches, person-visits, persons or times (facts.md §6).
  public var countsPetitions: Bool { unitClass.map { $0 != .other } ?? false }
}

/// Reads quantities off the numbers of a document: attaches measure words, 个百分点, 成,
/// approximations and bounds, and leaves out what is not a measured quantity (years, dates,
/// ordinals, heading and document numbers, bucket labels such as `上访一次的33件`).
struct QuantityReader {
  let dictionaries: Dictionaries


  func read(_ doc: Document, qualifiers: [CueLexicon<QualifierRole>.Occurrence]) -> [Quantity] {
    let s = doc.normalized.scalars
    let numbers = doc.numbers
    var result: [Quantity] = []
    // Qualifiers are sorted and do not overlap: their starts and their ends both ascend, and
    // a binary search finds one (dictionaries of them cost more to build than all lookups). The
    // searches read arrays of positions: a search of the occurrences copied each one it read.
    let starts = qualifiers.map(\.range.lowerBound), ends = qualifiers.map(\.range.upperBound)
    func qualifierStartingAt(_ p: Int) -> (QualifierRole, Int)? {
      let lo = starts.partitioningIndex { $0 >= p }
      return lo < starts.count && starts[lo] == p ? (qualifiers[lo].value, ends[lo]) : nil
    }
    func qualifierEndingAt(_ p: Int) -> QualifierRole? {
      let lo = ends.partitioningIndex { $0 >= p }
      return lo < ends.count && ends[lo] == p ? qualifiers[lo].value : nil
    }
    func negatedBefore(_ p: Int) -> Bool {
      let hi = ends.partitioningIndex { $0 > p }
      return qualifiers[..<hi].reversed().prefix(4).contains { $0.value == .negation && sameClause(s, $0.range.upperBound, p) }
    }
    var forcedUnit: (String, UnitLexicon.UnitClass?, Quantity.Bound)? = nil
    for (k, m) in numbers.enumerated() {
      let start = m.range.lowerBound
      let markers = dictionaries.markers
      if start > 0, markers.has(.ordinalBefore, s[start - 1]) || markers.endsWith(.ordinalBefore, in: s, at: start) { continue }
      var end = m.range.upperBound
      var value = m.value
      // A value Decimal cannot hold is no figure (the recognizer bounds digits and scales; this is
      // the last guard, so that no NaN reaches a total or a JSON file).
      if let v = value, v.isNaN { continue }
      var unit: String
      var unitClass: UnitLexicon.UnitClass? = nil
      var bound: Quantity.Bound? = nil
      var approx = m.isApproximate
      if let forced = forcedUnit {
        (unit, unitClass, bound) = forced
        forcedUnit = nil
        let u = dictionaries.units.match(s, at: end, limit: min(s.count, end + 6))
        end += m.isPercent ? 0 : u
      } else if m.isPercent {
        unit = "%"
      } else if let points = markers.longest(.pointsUnit, in: s, at: end) {
        unit = "pp"
        end += points
      } else if end < s.count, markers.has(.tenthsUnit, s[end]), let v = value, v <= 10, end + 1 >= s.count || !markers.has(.tenthsBlocker, s[end + 1]) {
        unit = "%"
        value = v * 10
        end += 1
      } else if let u = unitAt(s, end) {
        unit = u.unit
        unitClass = u.cls
        end += u.length
      } else if end < s.count, markers.has(.rangeJoiner, s[end]), k + 1 < numbers.count, numbers[k + 1].range.lowerBound == end + 1,
        let u = unitAt(s, numbers[k + 1].range.upperBound) ?? (numbers[k + 1].isPercent ? ("%", nil, 0) : nil)
      {
        // 30—50人: the first number takes the unit of the second; 5—12件的12件 is a bucket label.
        if isLabel(s, numbers[k + 1].range.upperBound + u.length, numbers: numbers, from: k + 2) { continue }
        unit = u.unit
        unitClass = u.cls
        bound = .min
        forcedUnit = (u.unit, u.cls, .max)
      } else if !m.isPlaceholder, let v = value, followsRateName(s, start) || followsShareWhole(s, start, shareStartsAt: { qualifierStartingAt($0)?.0 == .share }), v <= 100 {
        // (The value is compared last: a Decimal comparison costs more than the two tests.)
        // 结案率高达100，占信访总量的40.5: a rate or share whose % sign was lost (facts.md §5 rule 14).
        unit = "%"
      } else if isAloneInTableCell(s, start, end) {
        unit = ""
      } else if !m.isPlaceholder, start > 0, markers.has(.zeroCopula, s[start - 1]), value == 0 {
        // 进京访为零: rule 11's 均为零 is a count per cue, with no measure word.
        unit = ""
      } else {
        continue
      }
      // Qualifiers after: 以上, 以下, 左右 …; before: 约, 近, 超过, 不足 …
      if let (role, qEnd) = qualifierStartingAt(end) {
        switch role {
        case .approx: approx = true; end = qEnd
        case .bound_min: bound = .min; end = qEnd
        case .bound_max: bound = .max; end = qEnd
        default: break
        }
      }
      var before = start
      if before > 0, markers.has(.shareGap, s[before - 1]) { before -= 1 }
      if let role = qualifierEndingAt(before) {
        switch role {
        case .approx: approx = true
        case .bound_min: bound = bound ?? .min
        case .bound_max: bound = bound ?? .max
        default: break
        }
      }
      // 未发生50人以上集体访: a lower bound after a negation in its clause is a threshold.
      if bound == .min, negatedBefore(start) { continue }
      // A bucket label (上访一次的33件, 5年以下的33件) or a threshold (50人以上集访) is not a quantity.
      if isLabel(s, end, numbers: numbers, from: k + 1) { continue }
      if bound != nil, end < s.count, thresholdCueStarts(s, end), k + 1 < numbers.count, sameClause(s, end, numbers[k + 1].range.lowerBound) { continue }
      // 500人以上的大规模群体性事件, 按时办结率低于90%的单位: a bound that modifies a noun is a threshold, not a figure.
      if bound != nil, end < s.count, dictionaries.markers.has(.labelMark, s[end]) { continue }
      // 来信-13.2%, 来访+3.3%: a signed percentage is a change; the span starts at the sign.
      var lo = start
      var sign: QualifierRole? = nil
      if start > 0, let d = dictionaries.markers.signDirection(s[start - 1]), Quantity.isPercent(unit) || Quantity.isPoints(unit),
        start < 2 || !(s[start - 2].isASCIIDigit || markers.has(.rangeJoiner, s[start - 2]))
      {
        sign = d
        lo = start - 1
      }
      var quantity = Quantity(range: lo..<m.range.upperBound, end: end, value: m.isPlaceholder ? nil : value, unit: unit,
                              unitClass: unitClass, approx: approx, bound: bound, placeholder: m.isPlaceholder)
      quantity.sign = sign
      quantity.tooLarge = m.isTooLarge
      quantity.tableCell = isAloneInTableCell(s, start, m.range.upperBound)
      if unit.isEmpty, !quantity.tableCell, value == 0 {
        quantity.statedZero = true
        // “三为零”: the numeral before the copula counts the cues the zero is given to.
        // “三个为零”: the numeral may take the generic measure word.
        let n = start >= 3 && markers.has(.genericUnit, s[start - 2]) ? start - 3 : start - 2
        if n >= 0, ChineseNumeral.digit(s[n]) != nil { quantity.zeroOfList = n..<(n + 1) }
      }
      result.append(quantity)
    }
    return result
  }

  /// The measure word at `i` (a single space before it is tolerated: `2 件`), with an
  /// alternative in brackets written as it stands (`(件)批`, `件(批)`, `件(人)次`); its class is
  /// the class of the unit without the bracket, as the scorer reads it (facts.md §5 rule 14).
  private func unitAt(_ s: [Unicode.Scalar], _ i: Int) -> (unit: String, cls: UnitLexicon.UnitClass?, length: Int)? {
    let skip = i < s.count && s[i] == " " ? 1 : 0
    let j = i + skip
    let units = dictionaries.units
    func bracket(at k: Int) -> Int? {
      guard k + 2 < s.count, s[k] == "(", let alt = units.unit(s, at: k + 1, limit: min(s.count, k + 4)), k + 1 + alt.length < s.count,
        s[k + 1 + alt.length] == ")"
      else { return nil }
      return alt.length + 2
    }
    if let b = bracket(at: j), let u = units.unit(s, at: j + b, limit: min(s.count, j + b + 6)) {
      return (String(String.UnicodeScalarView(s[j..<(j + b + u.length)])), u.cls, skip + b + u.length)
    }
    guard let u = units.unit(s, at: j, limit: min(s.count, j + 6)) else { return nil }
    if let b = bracket(at: j + u.length) {
      // 件(人)次: the plain unit may go on after the bracket.
      var length = u.length + b
      var cls = u.cls
      if let rest = units.unit(s, at: j + length, limit: min(s.count, j + length + 2)), let c = units.unitClass(u.unit + rest.unit) {
        length += rest.length
        cls = c
      }
      return (String(String.UnicodeScalarView(s[j..<(j + length)])), cls, skip + length)
    }
    return (u.unit, u.cls, u.length + skip)
  }

  /// The number is all its line holds but spaces and a closing cell separator (`34859 |`).
  private func isAloneInTableCell(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
    var i = start
    while i > 0, s[i - 1] == " " || s[i - 1] == "-" || s[i - 1] == "+" { i -= 1 }
    guard i == 0 || s[i - 1] == "\n" else { return false }
    var j = end
    while j < s.count, s[j] == " " { j += 1 }
    guard j < s.count, dictionaries.markers.has(.tableCell, s[j]) else { return false }
    j += 1
    while j < s.count, s[j] == " " { j += 1 }
    return j == s.count || s[j] == "\n"
  }

  /// 占信访总量的40.5: a share word, the whole, then 的, right before the number.
  private func followsShareWhole(_ s: [Unicode.Scalar], _ p: Int, shareStartsAt: (Int) -> Bool) -> Bool {
    guard p > 1, dictionaries.markers.has(.breakdownLabel, s[p - 1]) else { return false }
    var i = p - 1
    while i > 0, p - i <= 10, !FrameBuilder.clauseDelimiters.contains(s[i - 1]) {
      i -= 1
      if shareStartsAt(i) { return true }
    }
    return false
  }

  private func followsRateName(_ s: [Unicode.Scalar], _ p: Int) -> Bool {
    var i = p
    while i > 0, p - i < 3, dictionaries.markers.has(.rateGap, s[i - 1]) { i -= 1 }
    return i > 0 && i < p && dictionaries.markers.has(.rateSuffix, s[i - 1])
  }

  private func sameClause(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
    a <= b && !s[a..<b].contains { FrameBuilder.clauseDelimiters.contains($0) }
  }

  /// 50人以上集访, 5人以上的集体访: a size threshold naming a kind of visit.
  private func thresholdCueStarts(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
    let j = i < s.count && dictionaries.markers.has(.labelMark, s[i]) ? i + 1 : i
    return dictionaries.metrics.matchLength(s, at: j) >= 2
  }

  private func isLabel(_ s: [Unicode.Scalar], _ end: Int, numbers: [NumberMatch], from k: Int) -> Bool {
    guard end < s.count else { return false }
    if dictionaries.markers.has(.labelMark, s[end]), k < numbers.count, numbers[k].range.lowerBound <= end + 3 { return true }
    return false
  }
}
