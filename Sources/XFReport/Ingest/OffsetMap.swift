/// Maps each position of a derived text back to ``SourceText``.
///
/// For every scalar of the derived text the map gives the source range it came from.
/// Expansions map each extra scalar to the same source range, contractions map one scalar to the
/// whole source range, deletions leave gaps. For a derived range `a..<b` the source span is
/// `start[a] ..< end[b-1]`, so token ends stay exact whatever the normalisation.
///
/// Stored as runs: a stretch of derived positions that map one to one onto consecutive source
/// scalars is one entry, and so is each position with a range of its own. Normalisers change
/// little, so a document's map is a few dozen runs instead of two Int32 arrays as long as the
/// text, rebuilt by every normaliser that edits it.
public struct OffsetMap: Sendable {
  /// Derived position where each run starts (ascending; the first is 0).
  private var runStart: [Int32] = []
  /// Source position of each run's first scalar.
  private var runSource: [Int32] = []
  /// For a one-position run with a range of its own, the source end; -1 for a one-to-one run.
  private var runSourceEnd: [Int32] = []
  public private(set) var count = 0
  /// Length of the source text, so that an empty range at the end maps somewhere valid.
  public let sourceCount: Int

  /// The identity map over a source of `count` scalars.
  public static func identity(count: Int) -> OffsetMap {
    var m = OffsetMap(sourceCount: count)
    if count > 0 { m.appendRun(source: 0, length: count) }
    return m
  }

  init(sourceCount: Int) {
    self.sourceCount = sourceCount
  }

  /// Source start of every derived position (built on demand).
  public var start: [Int32] { (0..<count).map { Int32(startOf($0)) } }
  /// Source end of every derived position (built on demand).
  public var end: [Int32] { (0..<count).map { Int32(endOf($0)) } }

  /// The run holding derived position `i` (0 ≤ i < count).
  @inline(__always)
  private func run(_ i: Int) -> Int {
    var lo = 0, hi = runStart.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if Int(runStart[mid]) <= i { lo = mid } else { hi = mid }
    }
    return lo
  }

  /// Source start of derived position `i`.
  func startOf(_ i: Int) -> Int {
    let k = run(i)
    return Int(runSource[k]) + (runSourceEnd[k] < 0 ? i - Int(runStart[k]) : 0)
  }

  /// Source end of derived position `i`.
  func endOf(_ i: Int) -> Int {
    let k = run(i)
    return runSourceEnd[k] < 0 ? Int(runSource[k]) + i - Int(runStart[k]) + 1 : Int(runSourceEnd[k])
  }

  /// Appends `length` positions mapping one to one onto source scalars from `source`.
  private mutating func appendRun(source: Int, length: Int) {
    guard length > 0 else { return }
    // Continue the last run when the source continues it.
    if let last = runStart.last, runSourceEnd[runSourceEnd.count - 1] < 0,
      Int(runSource[runSource.count - 1]) + count - Int(last) == source
    {
      count += length
      return
    }
    runStart.append(Int32(count))
    runSource.append(Int32(source))
    runSourceEnd.append(-1)
    count += length
  }

  mutating func removeLast() {
    count -= 1
    if let last = runStart.last, Int(last) == count {
      runStart.removeLast()
      runSource.removeLast()
      runSourceEnd.removeLast()
    }
  }

  mutating func append(start s: Int32, end e: Int32) {
    if e == s + 1 {
      appendRun(source: Int(s), length: 1)
      return
    }
    runStart.append(Int32(count))
    runSource.append(s)
    runSourceEnd.append(e)
    count += 1
  }

  /// Appends the entries of `other` in `range`.
  mutating func append(_ other: OffsetMap, _ range: Range<Int>) {
    guard !range.isEmpty else { return }
    var k = other.run(range.lowerBound)
    var i = range.lowerBound
    while i < range.upperBound {
      let runEnd = k + 1 < other.runStart.count ? Int(other.runStart[k + 1]) : other.count
      let upto = min(runEnd, range.upperBound)
      if other.runSourceEnd[k] < 0 {
        appendRun(source: Int(other.runSource[k]) + i - Int(other.runStart[k]), length: upto - i)
      } else {
        append(start: other.runSource[k], end: other.runSourceEnd[k])
      }
      i = upto
      k += 1
    }
  }

  /// The source span of the derived range `range`. An empty range maps to an empty span at
  /// the source position of its start.
  public func sourceSpan(_ range: Range<Int>) -> SourceSpan {
    if range.isEmpty {
      let p = sourcePosition(range.lowerBound)
      return SourceSpan(p, p)
    }
    let s = startOf(range.lowerBound), e = endOf(range.upperBound - 1)
    return SourceSpan(s, max(s, e))
  }

  /// Source position of the derived position `i` (the start of the scalar at `i`).
  public func sourcePosition(_ i: Int) -> Int {
    i < count ? startOf(i) : (count > 0 ? endOf(count - 1) : sourceCount)
  }
}
