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

  /// Calls `body` with the 1024 words of the bitmap, for loops that test every character of a
  /// text without a bounds check per test (any `v >> 6` of a BMP scalar is in range).
  func withWords<R>(_ body: (UnsafePointer<UInt64>) -> R) -> R {
    words.withUnsafeBufferPointer { body($0.baseAddress!) }
  }

  mutating func formUnion(_ other: BMPSet) {
    for k in words.indices { words[k] |= other.words[k] }
  }
}
