/// Text prepared for analysis, with an ``OffsetMap`` back to the ``SourceText``.
public struct NormalizedText: Sendable {
  public internal(set) var scalars: [Unicode.Scalar]
  public internal(set) var map: OffsetMap

  public init(scalars: [Unicode.Scalar], map: OffsetMap) {
    precondition(scalars.count == map.count)
    self.scalars = scalars
    self.map = map
  }

  /// The source itself, unchanged.
  public init(identity source: SourceText) {
    self.init(scalars: source.scalars, map: .identity(count: source.count))
  }

  public var count: Int { scalars.count }

  public func string(_ range: Range<Int>) -> String {
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars[range])
    return String(s)
  }

  public var string: String { string(0..<count) }

  public func sourceSpan(_ range: Range<Int>) -> SourceSpan { map.sourceSpan(range) }
}

/// Builds a new ``NormalizedText`` from an input one, composing offset maps as it goes (each
/// normaliser states only its own change, as Lucene's CharFilter does).
struct NormalizedTextBuilder {
  let input: NormalizedText
  private(set) var scalars: [Unicode.Scalar] = []
  private(set) var map: OffsetMap

  init(input: NormalizedText) {
    self.input = input
    scalars.reserveCapacity(input.count)
    map = OffsetMap(sourceCount: input.map.sourceCount, capacity: input.count)
  }

  /// Copies input scalar `i` unchanged.
  mutating func copy(_ i: Int) {
    scalars.append(input.scalars[i])
    map.append(start: input.map.start[i], end: input.map.end[i])
  }

  mutating func copy(_ range: Range<Int>) {
    for i in range { copy(i) }
  }

  /// Appends `scalar`, which replaces the input range `range` (empty for an insertion).
  mutating func append(_ scalar: Unicode.Scalar, replacing range: Range<Int>) {
    scalars.append(scalar)
    if range.isEmpty {
      let p = Int32(input.map.sourcePosition(range.lowerBound))
      map.append(start: p, end: p)
    } else {
      map.append(start: input.map.start[range.lowerBound], end: input.map.end[range.upperBound - 1])
    }
  }

  var count: Int { scalars.count }
  var last: Unicode.Scalar? { scalars.last }

  mutating func removeLast() {
    scalars.removeLast()
    map.removeLast()
  }

  func build() -> NormalizedText { NormalizedText(scalars: scalars, map: map) }
}

