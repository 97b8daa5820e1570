/// A set of BMP scalars as a bitmap (8 KB). Tests on every character of a text cost a load and
/// a shift, without hashing, and without a 64 K-entry table that would push ICU's dictionary
/// out of the cache between two documents.
struct BMPSet: Sendable {
  private(set) var words = [UInt64](repeating: 0, count: 1024)

  init() {}

  init<S: Sequence<Unicode.Scalar>>(_ scalars: S) {
    for s in scalars { insert(s.value) }
  }

  /// Values past the BMP are ignored.
  mutating func insert(_ v: UInt32) {
    guard v < 0x10000 else { return }
    words[Int(v >> 6)] |= 1 << UInt64(v & 63)
  }

  @inline(__always)
  func contains(_ v: UInt32) -> Bool {
    v < 0x10000 && words[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0
  }

  @inline(__always)
  func contains(_ s: Unicode.Scalar) -> Bool { contains(s.value) }
}
