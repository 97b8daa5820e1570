/// Output text is built as UTF-8 bytes: appending to a String checks every piece (NFC,
/// ASCII-ness, grapheme breaks), which costs more than copying it.
extension Array where Element == UInt8 {
  /// The string's UTF-8, copied at once when it is stored contiguously (almost always).
  @inline(__always)
  mutating func appendUTF8(_ s: String) {
    if s.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil { append(contentsOf: s.utf8) }
  }

  /// A static ASCII or UTF-8 literal.
  @inline(__always)
  mutating func appendUTF8(_ s: StaticString) {
    s.withUTF8Buffer { append(contentsOf: $0) }
  }

  /// A span as the JSON array `[start,end]`.
  mutating func appendSpan(_ s: SourceSpan) {
    append(UInt8(ascii: "["))
    appendDecimal(s.start)
    append(UInt8(ascii: ","))
    appendDecimal(s.end)
    append(UInt8(ascii: "]"))
  }

  /// An integer in decimal digits.
  mutating func appendDecimal(_ n: Int) {
    if n < 0 { append(UInt8(ascii: "-")) }
    var m = n.magnitude
    if m < 10 {
      append(UInt8(ascii: "0") + UInt8(m))
      return
    }
    // At most 20 digits, written from the end of a fixed buffer and copied at once.
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    Swift.withUnsafeMutableBytes(of: &digits) { buf in
      var i = buf.count
      while m > 0 {
        i -= 1
        buf[i] = UInt8(ascii: "0") + UInt8(m % 10)
        m /= 10
      }
      append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[i...]))
    }
  }
}
