/// Maps each position of a derived text back to ``SourceText``.
///
/// The map is dense: for every scalar of the derived text it stores the source range it came
/// from. Expansions map each extra scalar to the same source range, contractions map one scalar
/// to the whole source range, deletions leave gaps. For a derived range `a..<b` the source span
/// is `start[a] ..< end[b-1]`, so token ends stay exact whatever the normalisation.
public struct OffsetMap: Sendable {
  public private(set) var start: [Int32]
  public private(set) var end: [Int32]
  /// Length of the source text, so that an empty range at the end maps somewhere valid.
  public let sourceCount: Int

  /// The identity map over a source of `count` scalars.
  public static func identity(count: Int) -> OffsetMap {
    var m = OffsetMap(sourceCount: count)
    m.start = [Int32](unsafeUninitializedCapacity: count) { b, n in
      for i in 0..<count { b[i] = Int32(i) }
      n = count
    }
    m.end = [Int32](unsafeUninitializedCapacity: count) { b, n in
      for i in 0..<count { b[i] = Int32(i + 1) }
      n = count
    }
    return m
  }

  init(sourceCount: Int, capacity: Int = 0) {
    self.sourceCount = sourceCount
    start = []
    end = []
    start.reserveCapacity(capacity)
    end.reserveCapacity(capacity)
  }

  public var count: Int { start.count }

  mutating func removeLast() {
    start.removeLast()
    end.removeLast()
  }

  mutating func append(start s: Int32, end e: Int32) {
    start.append(s)
    end.append(e)
  }

  /// Appends the entries of `other` in `range`.
  mutating func append(_ other: OffsetMap, _ range: Range<Int>) {
    start.append(contentsOf: other.start[range])
    end.append(contentsOf: other.end[range])
  }

  /// The source span of the derived range `range`. An empty range maps to an empty span at
  /// the source position of its start.
  public func sourceSpan(_ range: Range<Int>) -> SourceSpan {
    if range.isEmpty {
      let p = range.lowerBound < count ? Int(start[range.lowerBound]) : (count > 0 ? Int(end[count - 1]) : sourceCount)
      return SourceSpan(p, p)
    }
    let s = Int(start[range.lowerBound]), e = Int(end[range.upperBound - 1])
    return SourceSpan(s, max(s, e))
  }

  /// Source position of the derived position `i` (the start of the scalar at `i`).
  public func sourcePosition(_ i: Int) -> Int {
    i < count ? Int(start[i]) : (count > 0 ? Int(end[count - 1]) : sourceCount)
  }
}
