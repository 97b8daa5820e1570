import Foundation
import ZIPFoundation

/// Reads one entry of a ZIP archive held in memory, checking every offset and size against the
/// bytes; only ZIPFoundation's inflater is used. Its `Archive` traps on offsets past the end of
/// in-memory data, and on Linux loops forever on a deflate stream cut short (at end of file its
/// reader returns empty chunks): both found by fuzzing.
struct ZIPEntryReader {
  let bytes: [UInt8]

  struct Entry {
    let method: Int
    let crc: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeader: Int
  }

  private func u16(_ at: Int) -> Int? {
    at >= 0 && at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil
  }

  private func u32(_ at: Int) -> Int? {
    guard let lo = u16(at), let hi = u16(at + 2) else { return nil }
    return lo | hi << 16
  }

  /// An 8-byte size or offset; nil past the end or beyond `Int` (a hostile value, not a real archive).
  private func u64(_ at: Int) -> Int? {
    guard let lo = u32(at), let hi = u32(at + 4), hi < 0x8000_0000 else { return nil }
    return lo | hi << 32
  }

  private func fail(_ reason: String) -> IngestError { .invalidDOCX(reason: reason) }

  /// The central directory's entry count and offset: from the ZIP64 end record when the classic
  /// one holds the 0xFFFF / 0xFFFFFFFF escape (archives written by streaming tools and large ones).
  private func directory(eocd: Int, count: Int, offset: Int) throws -> (count: Int, offset: Int) {
    guard count == 0xFFFF || offset == 0xFFFF_FFFF else { return (count, offset) }
    // The ZIP64 locator is the 20 bytes just before the classic record.
    guard u32(eocd - 20) == 0x0706_4B50, let record = u64(eocd - 12), u32(record) == 0x0606_4B50,
      let count64 = u64(record + 32), let offset64 = u64(record + 48)
    else { throw fail("a ZIP64 archive without a readable ZIP64 end of central directory") }
    return (count64, offset64)
  }

  /// The 0x0001 extra field of a central directory entry holds, in this order, the 8-byte values
  /// of those of uncompressed size, compressed size and local header offset that are 0xFFFFFFFF.
  private func zip64Values(extra: Int, length: Int, escaped: [Bool]) throws -> [Int?] {
    var p = extra
    let end = extra + length
    while p + 4 <= end, let id = u16(p), let size = u16(p + 2) {
      if id == 0x0001 {
        var q = p + 4
        var values: [Int?] = []
        for e in escaped {
          guard e else { values.append(nil); continue }
          guard q + 8 <= p + 4 + size, let v = u64(q) else { throw fail("a ZIP64 entry whose extra field is too short") }
          values.append(v)
          q += 8
        }
        return values
      }
      p += 4 + size
    }
    throw fail("a ZIP64 entry without its ZIP64 extra field")
  }

  /// The central directory's record of `name`.
  func entry(_ name: String) throws -> Entry {
    // End of central directory: 22 bytes and a comment of up to 64 KiB, at the end.
    var eocd = bytes.count - 22
    let floor = max(0, bytes.count - 22 - 0xFFFF)
    while eocd >= floor, u32(eocd) != 0x0605_4B50 { eocd -= 1 }
    guard eocd >= floor, let count16 = u16(eocd + 10), let offset32 = u32(eocd + 16) else {
      throw fail("not a ZIP archive or truncated (no end of central directory)")
    }
    let (count, cdOffset) = try directory(eocd: eocd, count: count16, offset: offset32)
    let target = Array(name.utf8)
    var p = cdOffset
    // A hostile count cannot make this loop run longer than the bytes: each entry is ≥ 46 of them.
    for _ in 0..<min(count, bytes.count / 46 + 1) {
      guard u32(p) == 0x0201_4B50, let method = u16(p + 10), let crc = u32(p + 16), var csize = u32(p + 20),
        var usize = u32(p + 24), let nlen = u16(p + 28), let elen = u16(p + 30), let clen = u16(p + 32),
        var local = u32(p + 42), p + 46 + nlen + elen <= bytes.count
      else { throw fail("not a ZIP archive or truncated (bad central directory)") }
      if bytes[(p + 46)..<(p + 46 + nlen)].elementsEqual(target) {
        let escaped = [usize, csize, local].map { $0 == 0xFFFF_FFFF }
        if escaped.contains(true) {
          let v = try zip64Values(extra: p + 46 + nlen, length: elen, escaped: escaped)
          usize = v[0] ?? usize
          csize = v[1] ?? csize
          local = v[2] ?? local
        }
        return Entry(method: method, crc: UInt32(crc), compressedSize: csize, uncompressedSize: usize, localHeader: local)
      }
      p += 46 + nlen + elen + clen
    }
    throw fail("a ZIP archive without \(name)")
  }

  /// The bytes of `name`, refusing more than `limit` of them (zip bombs).
  func read(_ name: String, limit: Int) throws -> Data {
    let e = try entry(name)
    guard e.uncompressedSize <= limit else {
      throw fail("\(name) expands to \(e.uncompressedSize) bytes (the limit is \(limit), see --max-docx-bytes)")
    }
    guard u32(e.localHeader) == 0x0403_4B50, let nlen = u16(e.localHeader + 26), let elen = u16(e.localHeader + 28) else {
      throw fail("not a ZIP archive or truncated (no local header for \(name))")
    }
    let start = e.localHeader + 30 + nlen + elen
    let (end, past) = start.addingReportingOverflow(e.compressedSize)
    guard !past, end <= bytes.count else { throw fail("truncated: the data of \(name) runs past the end of the file") }
    var out = Data()
    var crc: UInt32
    switch e.method {
    case 0:
      guard e.compressedSize == e.uncompressedSize else { throw fail("\(name) is stored with two different sizes") }
      out = Data(bytes[start..<end])
      crc = out.crc32(checksum: 0)
    case 8:
      var pos = start
      do {
        crc = try Data.decompress(size: Int64(e.compressedSize), bufferSize: 1 << 16, skipCRC32: false, provider: { _, n in
          guard pos < end else { throw fail("\(name) is cut short") }
          // Always `n` bytes: the Linux inflater is told a full buffer whatever it gets.
          var chunk = Data(bytes[pos..<min(end, pos + n)])
          if chunk.count < n { chunk.append(Data(count: n - chunk.count)) }
          pos += n
          return chunk
        }, consumer: { data in
          out.append(data)
          if out.count > limit { throw fail("\(name) expands past \(limit) bytes (see --max-docx-bytes)") }
        })
      } catch let error as IngestError {
        throw error
      } catch {
        throw fail("cannot inflate \(name) (\(error))")
      }
    default:
      throw fail("\(name) uses compression method \(e.method) (only stored and deflate are read)")
    }
    guard crc == e.crc else { throw fail("\(name) is damaged (CRC mismatch)") }
    return out
  }
}
