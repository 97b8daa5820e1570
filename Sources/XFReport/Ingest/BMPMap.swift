/// A map from BMP scalars to values, built once: a bitmap of the keys, the number of keys
/// before each 64-scalar word, and the values in key order (about 10 KB plus the values, where a
/// 64 K-entry table is 256 KB of mostly empty cache lines).
struct BMPMap<Value: Sendable>: Sendable {
  private let keys: BMPSet
  private let ranks: [UInt16]
  private let values: [Value]

  init(_ pairs: [(UInt32, Value)]) {
    var keys = BMPSet()
    var byKey: [UInt32: Value] = [:]
    for (k, v) in pairs where k < 0x10000 {
      keys.insert(k)
      byKey[k] = v
    }
    var ranks = [UInt16](repeating: 0, count: 1024)
    var count = 0
    for w in 0..<1024 {
      ranks[w] = UInt16(count)
      count += keys.words[w].nonzeroBitCount
    }
    self.keys = keys
    self.ranks = ranks
    values = byKey.keys.sorted().map { byKey[$0]! }
  }

  /// The keys, as a set (a bit test, without the rank of a lookup).
  var keySet: BMPSet { keys }

  @inline(__always)
  subscript(_ v: UInt32) -> Value? {
    guard v < 0x10000 else { return nil }
    let word = keys.words[Int(v >> 6)]
    let bit: UInt64 = 1 << UInt64(v & 63)
    guard word & bit != 0 else { return nil }
    return values[Int(ranks[Int(v >> 6)]) + (word & (bit &- 1)).nonzeroBitCount]
  }
}
