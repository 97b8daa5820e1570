import CICU
import Foundation

/// ICU's break iterator over scalar text. The only type (with ``UTF16Scalars``) that sees
/// UTF-16: boundaries are converted back to scalar indices here.
final class BreakIterator {
  enum Kind { case word, sentence }

  private let handle: OpaquePointer
  /// Scratch for ``withSegments(_:_:)``, reused from text to text: the same warm memory each
  /// time rather than fresh arrays per document.
  private var units: [UInt16] = []
  private var bounds: [Int32] = []
  private var statuses: [Int32] = []

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
    // A thread-specific slot rather than Foundation's thread dictionary, whose lookup by a
    // string key cost more than the cue tests of a short document.
    let key = kind == .word ? threadKeys.word : threadKeys.sentence
    if let p = pthread_getspecific(key) { return Unmanaged<BreakIterator>.fromOpaque(p).takeUnretainedValue() }
    let it = try BreakIterator(kind)
    pthread_setspecific(key, Unmanaged.passRetained(it).toOpaque())
    return it
  }

  /// The slots of ``forCurrentThread(_:)``; a thread's iterators are closed when it ends.
  private static let threadKeys: (word: pthread_key_t, sentence: pthread_key_t) = {
    func make() -> pthread_key_t {
      var key = pthread_key_t()
      pthread_key_create(&key) { p in
        guard let p else { return }
        Unmanaged<BreakIterator>.fromOpaque(p).release()
      }
      return key
    }
    return (make(), make())
  }()

  /// Boundaries (scalar indices into `scalars`, excluding 0, including the end) and the rule
  /// status of the segment that ends at each boundary.
  func segments(_ units: [UInt16], scalarIndex: [Int32]) -> (bounds: [Int32], statuses: [Int32]) {
    segments(UTF16Text(units: units, scalarIndex: scalarIndex))
  }

  /// Calls `body` with the boundaries of `scalars` (scalar indices, excluding 0, including the
  /// end) and the rule status of the segment that ends at each, in buffers valid during the call.
  func withSegments<R>(_ scalars: ArraySlice<Unicode.Scalar>, _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) -> R) -> R {
    // Text beyond the BMP needs unit-to-scalar indices: the general path.
    if scalars.contains(where: { $0.value >= 0x10000 }) {
      let (b, s) = segments(UTF16Text(scalars))
      return b.withUnsafeBufferPointer { b in s.withUnsafeBufferPointer { s in body(b, s) } }
    }
    let count = scalars.count
    if units.count < count {
      units = [UInt16](repeating: 0, count: count)
      bounds = [Int32](repeating: 0, count: count)
      statuses = [Int32](repeating: 0, count: count)
    }
    // In the BMP a scalar is one unit and unit offsets are scalar offsets.
    let n = units.withUnsafeMutableBufferPointer { u in
      var i = 0
      for c in scalars {
        u[i] = UInt16(truncatingIfNeeded: c.value)
        i += 1
      }
      return bounds.withUnsafeMutableBufferPointer { b in
        statuses.withUnsafeMutableBufferPointer { st in
          var status: Int32 = 0
          xf_break_set_text(handle, u.baseAddress, Int32(count), &status)
          // At most one boundary per unit.
          let n = Int(xf_break_fill(handle, b.baseAddress, st.baseAddress, Int32(count)))
          xf_break_set_text(handle, nil, 0, &status)
          return n
        }
      }
    }
    return bounds.withUnsafeBufferPointer { b in
      statuses.withUnsafeBufferPointer { s in
        body(UnsafeBufferPointer(rebasing: b[..<n]), UnsafeBufferPointer(rebasing: s[..<n]))
      }
    }
  }

  func segments(_ text: UTF16Text) -> (bounds: [Int32], statuses: [Int32]) {
    let units = text.units
    guard !units.isEmpty else { return ([], []) }
    // There are at most as many boundaries as units: ICU writes straight into the results.
    let capacity = units.count
    var statuses: [Int32] = []
    var bounds = [Int32](unsafeUninitializedCapacity: capacity) { b, bCount in
      statuses = [Int32](unsafeUninitializedCapacity: capacity) { st, sCount in
        units.withUnsafeBufferPointer { u in
          var status: Int32 = 0
          xf_break_set_text(handle, u.baseAddress, Int32(u.count), &status)
          let n = Int(xf_break_fill(handle, b.baseAddress, st.baseAddress, Int32(capacity)))
          // Detach before `units` goes away.
          xf_break_set_text(handle, nil, 0, &status)
          bCount = n
          sCount = n
        }
      }
    }
    guard let scalarIndex = text.scalarIndex else { return (bounds, statuses) }
    var k = 0
    for j in 0..<bounds.count {
      let scalarPos = scalarIndex[Int(bounds[j])]
      // A boundary inside a surrogate pair cannot happen; guard anyway.
      if k > 0, bounds[k - 1] == scalarPos { continue }
      bounds[k] = scalarPos
      statuses[k] = statuses[j]
      k += 1
    }
    bounds.removeLast(bounds.count - k)
    statuses.removeLast(statuses.count - k)
    return (bounds, statuses)
  }
}

public enum SegmentError: Error, CustomStringConvertible {
  case icu(String)
  public var description: String {
    switch self { case .icu(let e): "ICU error: \(e)" }
  }
}
