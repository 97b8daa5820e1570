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

  /// The text without `ranges` (ascending, disjoint). The scalars are compacted in place when
  /// this text holds the only reference to them, as a normaliser that owns its input does.
  consuming func removing(_ ranges: [Range<Int>]) -> NormalizedText {
    var kept = OffsetMap(sourceCount: map.sourceCount)
    var read = 0
    for r in ranges {
      kept.append(map, read..<r.lowerBound)
      read = r.upperBound
    }
    kept.append(map, read..<count)
    let total = count
    let n = scalars.withUnsafeMutableBufferPointer { s in
      var write = 0, read = 0
      // Ranges ascend, so every run moves left (or stays).
      func keep(_ r: Range<Int>) {
        if write != r.lowerBound, !r.isEmpty {
          (s.baseAddress! + write).update(from: s.baseAddress! + r.lowerBound, count: r.count)
        }
        write += r.count
      }
      for r in ranges {
        keep(read..<r.lowerBound)
        read = r.upperBound
      }
      keep(read..<total)
      return write
    }
    scalars.removeLast(total - n)
    return NormalizedText(scalars: scalars, map: kept)
  }
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
  /// Writes the UTF-8 of `count` scalars at `src` to `out` (room for 4 bytes a scalar);
  /// returns the number of bytes.
  @inline(__always)
  static func encode(_ src: UnsafePointer<Unicode.Scalar>, count: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
    var o = out
    for k in 0..<count {
      let v = src[k].value
      if v < 0x80 {
        o[0] = UInt8(truncatingIfNeeded: v)
        o += 1
      } else if v < 0x800 {
        o[0] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
        o[1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
        o += 2
      } else if v < 0x10000 {
        o[0] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
        o[1] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
        o[2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
        o += 3
      } else {
        o[0] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
        o[1] = UInt8(truncatingIfNeeded: 0x80 | v >> 12 & 0x3F)
        o[2] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
        o[3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
        o += 4
      }
    }
    return o - out
  }

  static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    guard !scalars.isEmpty else { return "" }
    return scalars.withUnsafeBufferPointer { src in
      String(unsafeUninitializedCapacity: src.count * 4) { encode(src.baseAddress!, count: src.count, into: $0.baseAddress!) }
    }
  }
}
