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

  public func string(_ range: Range<Int>) -> String { ScalarUTF8.string(scalars[range]) }

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
    map = OffsetMap(sourceCount: input.map.sourceCount)
  }

  /// Copies input scalar `i` unchanged.
  mutating func copy(_ i: Int) {
    scalars.append(input.scalars[i])
    map.append(input.map, i..<(i + 1))
  }

  mutating func copy(_ range: Range<Int>) {
    scalars.append(contentsOf: input.scalars[range])
    map.append(input.map, range)
  }

  /// Appends `scalar`, which replaces the input range `range` (empty for an insertion).
  mutating func append(_ scalar: Unicode.Scalar, replacing range: Range<Int>) {
    scalars.append(scalar)
    if range.isEmpty {
      let p = Int32(input.map.sourcePosition(range.lowerBound))
      map.append(start: p, end: p)
    } else {
      map.append(start: Int32(input.map.startOf(range.lowerBound)), end: Int32(input.map.endOf(range.upperBound - 1)))
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


/// Scalars → UTF-8 without the stdlib's generic `UnicodeScalarView.append(contentsOf:)`,
/// which builds a new String on every call.
enum ScalarUTF8 {
  /// Writes the UTF-8 of `scalars` to `out` (capacity at least 4 per scalar); returns the count.
  @inline(__always)
  static func encode<C: Collection<Unicode.Scalar>>(_ scalars: C, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
    var i = 0
    for c in scalars {
      let v = c.value
      if v < 0x80 {
        out[i] = UInt8(v)
        i += 1
      } else if v < 0x800 {
        out[i] = UInt8(0xC0 | v >> 6)
        out[i + 1] = UInt8(0x80 | v & 0x3F)
        i += 2
      } else if v < 0x10000 {
        out[i] = UInt8(0xE0 | v >> 12)
        out[i + 1] = UInt8(0x80 | v >> 6 & 0x3F)
        out[i + 2] = UInt8(0x80 | v & 0x3F)
        i += 3
      } else {
        out[i] = UInt8(0xF0 | v >> 18)
        out[i + 1] = UInt8(0x80 | v >> 12 & 0x3F)
        out[i + 2] = UInt8(0x80 | v >> 6 & 0x3F)
        out[i + 3] = UInt8(0x80 | v & 0x3F)
        i += 4
      }
    }
    return i
  }

  static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    guard !scalars.isEmpty else { return "" }
    return String(unsafeUninitializedCapacity: scalars.count * 4) { encode(scalars, into: $0) }
  }
}
