/// Refuses text with a line longer than `limit` characters (`--max-line-length`): such a line
/// is not prose, and bounds what one sentence can cost.
func checkLineLength(_ text: NormalizedText, limit: Int) throws {
  let longest = text.scalars.withUnsafeBufferPointer { buf -> Int in
    var longest = 0, start = 0
    while true {
      let i = ScalarScan.firstNewline(buf, from: start, to: buf.count)
      guard i < buf.count else { break }
      longest = max(longest, i - start)
      start = i + 1
    }
    return max(longest, buf.count - start)
  }
  if longest > limit { throw IngestError.lineTooLong(length: longest, limit: limit) }
}

/// The same before decoding, for plain text: a line of more than 4 bytes a character is over
/// the limit whatever the encoding, and refusing it here spares decoding megabytes for nothing.
func checkLineLength(bytes: [UInt8], limit: Int) throws {
  let (bound, overflow) = limit.multipliedReportingOverflow(by: 4)
  guard !overflow, bytes.count > bound else { return }
  let longest = bytes.withUnsafeBufferPointer { buf -> Int in
    var longest = 0, start = 0
    for i in 0..<buf.count where buf[i] == 0x0A {
      longest = max(longest, i - start)
      start = i + 1
    }
    return max(longest, buf.count - start)
  }
  if longest > bound { throw IngestError.lineTooLong(length: longest / 4, limit: limit) }
}
