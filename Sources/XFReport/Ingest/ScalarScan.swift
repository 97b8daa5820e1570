/// Scans over scalars sixteen at a time: the skip-fast-paths of the normalisers, which look for a
/// few characters that most texts hold rarely or never.
enum ScalarScan {
  /// The first position in `from..<to` whose scalar value `hit` accepts, or `to`. `hits` tests
  /// sixteen values at once and must agree with `hit` lane by lane.
  @inline(__always)
  static func firstIndex(
    _ s: UnsafeBufferPointer<Unicode.Scalar>, from: Int, to: Int,
    hits: (SIMD16<UInt32>) -> SIMDMask<SIMD16<Int32>>, hit: (UInt32) -> Bool
  ) -> Int {
    guard let base = s.baseAddress else { return to }
    let raw = UnsafeRawPointer(base)
    var i = from
    while i + 16 <= to {
      if any(hits(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<UInt32>.self))) { break }
      i += 16
    }
    while i < to {
      if hit(base[i].value) { return i }
      i += 1
    }
    return to
  }

  /// The position of the first LF in `from..<to`, or `to`.
  @inline(__always)
  static func firstNewline(_ s: UnsafeBufferPointer<Unicode.Scalar>, from: Int, to: Int) -> Int {
    let lf = SIMD16<UInt32>(repeating: 0x0A)
    return firstIndex(s, from: from, to: to, hits: { $0 .== lf }, hit: { $0 == 0x0A })
  }

  /// The first position from `i` whose scalar is in the bitmap `words` (1024 words: the BMP),
  /// or beyond the BMP when `orOutsideBMP`, or `s.count`. Most characters start nothing: one bit
  /// test each, on the buffers directly.
  static func nextInBitmap(_ s: [Unicode.Scalar], from i: Int, _ words: [UInt64], orOutsideBMP: Bool) -> Int {
    s.withUnsafeBufferPointer { buf in
      words.withUnsafeBufferPointer { w in
        var k = i
        while k < buf.count {
          let v = buf[k].value
          if v >= 0x10000 ? orOutsideBMP : w[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 { return k }
          k += 1
        }
        return k
      }
    }
  }
}
