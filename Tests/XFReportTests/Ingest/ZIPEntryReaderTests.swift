import Foundation
import Testing
import ZIPFoundation
@testable import XFReport

/// ZIP64 archives: streaming writers (and any archive past 4 GiB or 65,535 entries) put sizes,
/// offsets and the entry count in ZIP64 records, leaving 0xFFFFFFFF / 0xFFFF in the classic fields.
@Suite struct ZIPEntryReaderTests {
  /// One stored entry, every size and offset escaped to its ZIP64 record (Python's zipfile and
  /// `unzip -t` read this archive as well formed).
  static func zip64(name: String, data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    func u16(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func u32(_ v: Int) { for i in 0..<4 { out.append(UInt8(v >> (8 * i) & 0xFF)) } }
    func u64(_ v: Int) { for i in 0..<8 { out.append(UInt8(v >> (8 * i) & 0xFF)) } }
    let crc = Int(Data(data).crc32(checksum: 0))
    let nameBytes = Array(name.utf8)
    // Local header, with its own ZIP64 extra field (sizes).
    u32(0x0403_4B50); u16(45); u16(0); u16(0); u16(0); u16(0); u32(crc); u32(0xFFFF_FFFF); u32(0xFFFF_FFFF)
    u16(nameBytes.count); u16(20); out += nameBytes
    u16(1); u16(16); u64(data.count); u64(data.count)
    out += data
    let directory = out.count
    u32(0x0201_4B50); u16(45); u16(45); u16(0); u16(0); u16(0); u16(0); u32(crc); u32(0xFFFF_FFFF); u32(0xFFFF_FFFF)
    u16(nameBytes.count); u16(28); u16(0); u16(0); u16(0); u32(0); u32(0xFFFF_FFFF); out += nameBytes
    u16(1); u16(24); u64(data.count); u64(data.count); u64(0)
    let directorySize = out.count - directory
    let record = out.count
    u32(0x0606_4B50); u64(44); u16(45); u16(45); u32(0); u32(0); u64(1); u64(1); u64(directorySize); u64(directory)
    u32(0x0706_4B50); u32(0); u64(record); u32(1)
    u32(0x0605_4B50); u16(0); u16(0); u16(0xFFFF); u16(0xFFFF); u32(0xFFFF_FFFF); u32(0xFFFF_FFFF); u16(0)
    return out
  }

  @Test func readsAZIP64Entry() throws {
    let xml = Array(ZIPMaker.document(ZIPMaker.paragraph("全年受理来信56件。")))
    let archive = Self.zip64(name: "word/document.xml", data: xml)
    let read = try ZIPEntryReader(bytes: archive).read("word/document.xml", limit: 1 << 20)
    #expect(Array(read) == xml)
    let text = try DOCXTextExtractor().extract(archive)
    #expect(String(String.UnicodeScalarView(text.scalars)).contains("全年受理来信56件"))
  }

  @Test func aZIP64SizePastTheLimitIsRefusedBeforeInflating() throws {
    let archive = Self.zip64(name: "word/document.xml", data: Array(repeating: 0x20, count: 4096))
    #expect(throws: IngestError.self) { try ZIPEntryReader(bytes: archive).read("word/document.xml", limit: 1000) }
  }

  /// A ZIP64 record pointing past the file, or escaped fields with no ZIP64 record, are errors.
  @Test func brokenZIP64RecordsAreErrorsNotTraps() throws {
    let archive = Self.zip64(name: "word/document.xml", data: Array("<w:document/>".utf8))
    var noLocator = archive
    let eocd = archive.count - 22
    for i in (eocd - 20)..<eocd { noLocator[i] = 0 }
    #expect(throws: IngestError.self) { try ZIPEntryReader(bytes: noLocator).read("word/document.xml", limit: 1 << 20) }
    var farRecord = archive
    for i in (eocd - 12)..<(eocd - 4) { farRecord[i] = 0x7F }
    #expect(throws: IngestError.self) { try ZIPEntryReader(bytes: farRecord).read("word/document.xml", limit: 1 << 20) }
    // An entry count of 2^62 in the ZIP64 record: the directory walk still ends at the bytes.
    var hugeCount = archive
    let record = archive.count - 22 - 20 - 56
    for i in (record + 32)..<(record + 40) { hugeCount[i] = i == record + 39 ? 0x40 : 0 }
    #expect(throws: IngestError.self) { try ZIPEntryReader(bytes: hugeCount).read("word/other.xml", limit: 1 << 20) }
  }
}
