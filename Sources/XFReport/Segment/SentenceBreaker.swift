import CICU

/// Sentence boundaries by the rules of UAX #29 (SB1–SB11), with ICU's own Sentence_Break
/// character classes: the boundaries ICU's sentence break iterator gives, without a second ICU
/// pass over the whole text.
///
/// Apart from paragraph separators (SB4), a boundary can only follow a sentence terminator
/// (`。！？!?.` …) with its closing punctuation and spaces (SB11), so the text is scanned for
/// those few characters, and only their neighbours are classified.
struct SentenceBreaker {
  /// ICU's UCharSentenceBreak values.
  enum Class: Int32 {
    case other = 0, aTerm, close, format, lower, numeric, oLetter, sep, sp, sTerm, upper, cr, extend, lf, sContinue
  }

  /// Characters where a boundary may follow: ATerm, STerm, CR, LF, Sep (BMP; others are asked).
  private static let candidates: BMPSet = {
    var set = BMPSet()
    for c in [Class.aTerm, .sTerm, .cr, .lf, .sep] {
      for r in ranges(of: c) where r.lowerBound < 0x10000 {
        for v in r.clamped(to: 0...0xFFFF) { set.insert(v) }
      }
    }
    return set
  }()

  private static func ranges(of c: Class) -> [ClosedRange<UInt32>] {
    var starts = [Int32](repeating: 0, count: 1024), ends = starts
    let n = Int(xf_sentence_break_ranges(c.rawValue, &starts, &ends, Int32(starts.count)))
    precondition(n >= 0 && n <= starts.count, "ICU Sentence_Break ranges")
    return (0..<n).map { UInt32(starts[$0])...UInt32(ends[$0]) }
  }

  @inline(__always)
  private static func cls(_ c: Unicode.Scalar) -> Class {
    Class(rawValue: xf_sentence_break(Int32(bitPattern: c.value))) ?? .other
  }

  /// Boundaries after position 0, ascending, ending with `s.count` (as ``BreakIterator`` gives them).
  func boundaries(_ s: [Unicode.Scalar]) -> [Int32] {
    let n = s.count
    guard n > 0 else { return [] }
    var result: [Int32] = []
    let candidates = Self.candidates.words
    var i = 0
    while i < n {
      i = ScalarScan.nextInBitmap(s, from: i, candidates, orOutsideBMP: true)
      guard i < n else { break }
      let c = s[i]
      switch Self.cls(c) {
      case .lf, .sep:
        // SB4: break after a paragraph separator.
        i += 1
        result.append(Int32(i))
      case .cr:
        // SB3: CR × LF; SB4.
        i += i + 1 < n && Self.cls(s[i + 1]) == .lf ? 2 : 1
        result.append(Int32(i))
      case .aTerm:
        i = afterTerminator(s, at: i, isATerm: true, into: &result)
      case .sTerm:
        i = afterTerminator(s, at: i, isATerm: false, into: &result)
      default:
        i += 1
      }
    }
    if result.last != Int32(n) { result.append(Int32(n)) }
    return result
  }

  /// Handles the terminator at `t` (an ATerm when `isATerm`, else an STerm): appends the boundary
  /// after `SATerm Close* Sp*` unless a rule keeps the sentence going, and returns where scanning
  /// resumes (the end of that run).
  private func afterTerminator(_ s: [Unicode.Scalar], at t: Int, isATerm: Bool, into result: inout [Int32]) -> Int {
    let n = s.count
    // The class of the character at `e` (nil at the end), asked of ICU once per position.
    var e = t + 1
    var ce: Class? = e < n ? Self.cls(s[e]) : nil
    func advance() {
      e += 1
      ce = e < n ? Self.cls(s[e]) : nil
    }
    // SB5: Extend and Format belong to the character before them.
    func skipAttached() {
      while ce == .extend || ce == .format { advance() }
    }
    skipAttached()
    let afterTerm = e
    // SB9: SATerm Close* × (Close | Sp | ParaSep); SB10: SATerm Close* Sp* × (Sp | ParaSep).
    while ce == .close {
      advance()
      skipAttached()
    }
    while ce == .sp {
      advance()
      skipAttached()
    }
    // SB1/SB2: the end of the text is a boundary anyway.
    guard e < n, let next = ce else { return e }
    switch next {
    case .sep, .cr, .lf:
      // SB9/SB10 keep the separator in the sentence; SB4 breaks after it.
      return e
    case .sContinue, .sTerm, .aTerm:
      // SB8a.
      return e
    default:
      break
    }
    if isATerm {
      // SB6: ATerm × Numeric.
      if e == afterTerm, next == .numeric { return e }
      // SB7: (Upper | Lower) ATerm × Upper.
      if e == afterTerm, next == .upper, let before = classBefore(s, t), before == .upper || before == .lower { return e }
      // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
      var k = e
      while k < n {
        switch Self.cls(s[k]) {
        case .oLetter, .upper, .sep, .cr, .lf, .sTerm, .aTerm:
          k = n + 1
        case .lower:
          return e
        default:
          k += 1
        }
      }
    }
    // SB11.
    result.append(Int32(e))
    return e
  }

  /// The class of the character before `t`, Extend and Format skipped (SB5).
  private func classBefore(_ s: [Unicode.Scalar], _ t: Int) -> Class? {
    var k = t - 1
    while k >= 0 {
      let c = Self.cls(s[k])
      if c != .extend && c != .format { return c }
      k -= 1
    }
    return nil
  }
}
