import Foundation
import Testing
@testable import XFReport

@Suite struct DecodingTests {
  let text = "信访工作总结：全年受理群众来信来访46人次，办结率98.5%。"

  @Test func utf8WithAndWithoutBOM() throws {
    let plain = try TextDecoder.decode(Array(text.utf8))
    let bom = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8))
    #expect(plain.text.string == text)
    #expect(bom.text.string == text)
    #expect(bom.hadBOM)
  }

  @Test func utf16WithBOM() throws {
    var le: [UInt8] = [0xFF, 0xFE]
    var be: [UInt8] = [0xFE, 0xFF]
    for u in text.utf16 {
      le += [UInt8(u & 0xFF), UInt8(u >> 8)]
      be += [UInt8(u >> 8), UInt8(u & 0xFF)]
    }
    #expect(try TextDecoder.decode(le).text.string == text)
    #expect(try TextDecoder.decode(be).text.string == text)
  }

  @Test func gb18030IsDetected() throws {
    let bytes = try #require(gb18030(text))
    let d = try TextDecoder.decode(bytes)
    #expect(d.encoding == "GB18030")
    #expect(d.text.string == text)
    #expect(d.invalidCount == 0)
  }

  @Test func invalidUTF8IsCountedAndLocated() throws {
    let bytes = Array("受理来信".utf8) + [0xFF, 0xFE, 0x41] + Array("56件".utf8)
    let d = try TextDecoder.decode(bytes, encoding: .utf8)
    #expect(d.invalidCount == 2)
    #expect(d.firstInvalidByte == 12)
    #expect(d.text.string == "受理来信\u{FFFD}\u{FFFD}A56件")
  }

  @Test func mostlyUTF8WithABadByteStaysUTF8AndIsReported() throws {
    let bytes = Array(text.utf8) + [0xC3] + Array("受理群众来信来访四十六人次。".utf8)
    let doc = try Fixtures.pipeline.process(RawDocument(name: "x.txt", bytes: bytes))
    #expect(doc.encoding == "UTF-8")
    #expect(doc.warnings.map(\.code) == ["XF-W001"])
    #expect(doc.source.string.contains("受理群众来信来访四十六人次"))
  }

  @Test func forcedEncodingReportsReplacements() throws {
    // A few bad sequences: a warning. Mostly undecodable: the wrong --encoding, an error.
    let bytes = Array("受理来信来访四十六人次。".utf8) + [0xFF] + Array("办结率98%。".utf8)
    let doc = try Fixtures.pipeline.process(RawDocument(name: "x.txt", bytes: bytes), encoding: .utf8)
    #expect(doc.warnings.contains { $0.code == "XF-W001" })
    let gb = try #require(gb18030(text))
    #expect(throws: IngestError.self) { try Fixtures.pipeline.process(RawDocument(name: "x.txt", bytes: gb), encoding: .utf8) }
    do {
      _ = try Fixtures.pipeline.process(RawDocument(name: "x.txt", bytes: gb), encoding: .utf8)
    } catch {
      #expect(errorCode(error) == "XF-I006")
    }
  }

  func gb18030(_ s: String) -> [UInt8]? { TextEncoder.encode(s, as: .gb18030) }

  @Test func big5IsDecodedWhenForced() throws {
    let bytes = try #require(TextEncoder.encode("信訪工作總結：受理來信來訪46人次。", as: .big5))
    let d = try TextDecoder.decode(bytes, encoding: .big5)
    #expect(d.text.string == "信訪工作總結：受理來信來訪46人次。")
  }
}

extension Pipeline {
  func process(_ raw: RawDocument, encoding: TextEncoding) throws -> Document {
    var o = options
    o.encoding = encoding
    return try Pipeline(dictionaries: dictionaries, options: o).process(raw)
  }
}
