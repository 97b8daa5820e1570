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
}

/// Where escaped JSON text can be written: a byte array, or a ``ByteCursor``.
protocol ByteSink {
  mutating func put(_ byte: UInt8)
  mutating func put(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension ByteSink {
  @inline(__always)
  mutating func put(_ s: StaticString) { s.withUTF8Buffer { put($0) } }

  /// An integer in decimal digits: at most 20 bytes.
  mutating func putDecimal(_ n: Int) {
    if n < 0 { put(UInt8(ascii: "-")) }
    var m = n.magnitude
    if m < 10 {
      put(UInt8(ascii: "0") + UInt8(m))
      return
    }
    // Written from the end of a small buffer on the stack and copied at once.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
      var i = buf.count
      while m > 0 {
        i -= 1
        buf[i] = UInt8(ascii: "0") + UInt8(m % 10)
        m /= 10
      }
      put(UnsafeBufferPointer(rebasing: buf[i...]))
    }
  }

  /// A span as the JSON array `[start,end]`: at most 43 bytes.
  mutating func putSpan(_ s: SourceSpan) {
    put(UInt8(ascii: "["))
    putDecimal(s.start)
    put(UInt8(ascii: ","))
    putDecimal(s.end)
    put(UInt8(ascii: "]"))
  }
}

extension Array: ByteSink where Element == UInt8 {
  @inline(__always) mutating func put(_ byte: UInt8) { append(byte) }
  @inline(__always) mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// Writes through a pointer into room made beforehand (``ByteScratch``):
/// a fact's line is some forty small pieces, and each Array append checks capacity and
/// uniqueness and goes through the generic copy, which cost more than the bytes.
struct ByteCursor: ByteSink {
  private(set) var position: UnsafeMutablePointer<UInt8>
  let start: UnsafeMutablePointer<UInt8>
  /// The end of the room; only checked in debug builds (the room is sized for the worst case).
  let end: UnsafeMutablePointer<UInt8>

  init(_ room: UnsafeMutableBufferPointer<UInt8>) {
    start = room.baseAddress!
    position = start
    end = start + room.count
  }

  /// Bytes written so far.
  var count: Int { position - start }

  @inline(__always)
  mutating func put(_ byte: UInt8) {
    assert(position < end)
    position.pointee = byte
    position += 1
  }

  @inline(__always)
  mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    assert(end - position >= bytes.count)
    guard let base = bytes.baseAddress else { return }
    position.update(from: base, count: bytes.count)
    position += bytes.count
  }

  @inline(__always)
  mutating func put(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { put($0) } }

  /// The string's UTF-8 as it is (no escapes).
  @inline(__always)
  mutating func put(_ s: String) {
    if s.utf8.withContiguousStorageIfAvailable({ put($0) }) == nil { for b in s.utf8 { put(b) } }
  }
}

/// Room to write a record in through a ``ByteCursor`` before it is appended to an array, made
/// once per document and grown to the largest record's bound: writing in place in the array
/// would need its room zero-filled first, at the worst case's size (a sixfold escaped text).
final class ByteScratch {
  private var room: UnsafeMutableBufferPointer<UInt8>

  init(capacity: Int = 4096) { room = .allocate(capacity: capacity) }

  deinit { room.deallocate() }

  /// Appends to `out` what `body` writes, at most `maxCount` bytes. Returns what `body` returns.
  @inline(__always)
  func append<R>(to out: inout [UInt8], atMost maxCount: Int, _ body: (inout ByteCursor) -> R) -> R {
    if room.count < maxCount {
      room.deallocate()
      room = .allocate(capacity: max(maxCount, 2 * room.count))
    }
    var cursor = ByteCursor(room)
    let result = body(&cursor)
    precondition(cursor.count <= maxCount, "wrote past the room made for it")
    out.append(contentsOf: UnsafeBufferPointer(start: room.baseAddress, count: cursor.count))
    return result
  }
}
