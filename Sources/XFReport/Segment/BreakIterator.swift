import CICU
import Foundation

/// ICU's break iterator over scalar text. The only type (with ``UTF16Scalars``) that sees
/// UTF-16: boundaries are converted back to scalar indices here.
final class BreakIterator {
  enum Kind { case word, sentence }

  private let handle: OpaquePointer

  init(_ kind: Kind, locale: String = "zh") throws {
    var status: Int32 = 0
    guard let h = xf_break_open(kind == .word ? Int32(XF_BREAK_WORD) : Int32(XF_BREAK_SENTENCE), locale, &status) else {
      throw SegmentError.icu(String(cString: xf_error_name(status)))
    }
    handle = h
  }

  deinit { xf_break_close(handle) }

  /// An iterator of `kind` for the current thread, opened once and reused: opening one loads
  /// ICU's rules and dictionaries, which costs more than breaking a short report.
  static func forCurrentThread(_ kind: Kind) throws -> BreakIterator {
    let key = kind == .word ? "xfreport.break.word" : "xfreport.break.sentence"
    let dict = Thread.current.threadDictionary
    if let it = dict[key] as? BreakIterator { return it }
    let it = try BreakIterator(kind)
    dict[key] = it
    return it
  }

  /// Boundaries (scalar indices into `scalars`, excluding 0, including the end) and the rule
  /// status of the segment that ends at each boundary.
  func segments(_ units: [UInt16], scalarIndex: [Int32]) -> (bounds: [Int32], statuses: [Int32]) {
    var bounds: [Int32] = []
    var statuses: [Int32] = []
    guard !units.isEmpty else { return ([], []) }
    bounds.reserveCapacity(units.count / 2 + 8)
    statuses.reserveCapacity(units.count / 2 + 8)
    units.withUnsafeBufferPointer { u in
      var status: Int32 = 0
      xf_break_set_text(handle, u.baseAddress, Int32(u.count), &status)
      let chunk = 4096
      var b = [Int32](repeating: 0, count: chunk)
      var s = [Int32](repeating: 0, count: chunk)
      while true {
        let n = Int(xf_break_fill(handle, &b, &s, Int32(chunk)))
        for k in 0..<n {
          let scalarPos = scalarIndex[Int(b[k])]
          // A boundary inside a surrogate pair cannot happen; guard anyway.
          if let last = bounds.last, last == scalarPos { continue }
          bounds.append(scalarPos)
          statuses.append(s[k])
        }
        if n < chunk { break }
      }
      // Detach before `units` goes away.
      xf_break_set_text(handle, nil, 0, &status)
    }
    return (bounds, statuses)
  }
}

public enum SegmentError: Error, CustomStringConvertible {
  case icu(String)
  public var description: String {
    switch self { case .icu(let e): "ICU error: \(e)" }
  }
}
