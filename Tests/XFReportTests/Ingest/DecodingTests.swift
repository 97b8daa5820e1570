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

  /// Short snippets of the genre, each with a figure.
  static let snippets = [
    "来信12件。", "接待来访36人次", "办结率98%", "受理信访事项157件，办结150件。", "集体访3批", "越级访为零。",
    "全年共受理来信来访211件次", "网上信访45件", "同比下降6.2%", "化解积案9件", "群众满意率96.5%", "进京访2人次",
    "转办交办事项58件", "重复访下降三成", "本月来电1205个", "共排查矛盾纠纷64起", "调处成功61起", "接访群众420人次",
    "领导接访27次", "信访总量下降12%", "初信初访80件", "按期办结率100%", "到市访5批18人", "来信同比增长4.1%",
    "息诉罢访13件", "处理群众诉求330件", "督查督办11件", "治理重复信访7件", "受理网上投诉96件", "回访满意率95%",
  ]

  /// A third of such snippets in GBK were taken for UTF-16BE (ICU's guess) and lost every figure.
  @Test(arguments: snippets)
  func shortGBKIsNotUTF16(_ snippet: String) throws {
    let d = try TextDecoder.decode(try #require(gb18030(snippet)))
    #expect(d.encoding == "GB18030")
    #expect(d.text.string == snippet)
  }

  @Test(arguments: ["來信12件。", "接待來訪36人次", "辦結率98%", "受理信訪事項157件，辦結150件。", "集體訪3批", "網上信訪45件",
                     "同比下降6.2%", "化解積案9件", "群眾滿意率96.5%", "進京訪2人次", "本月來電1205個", "到市訪5批18人"])
  func shortBig5KeepsItsFigures(_ snippet: String) throws {
    let bytes = try #require(TextEncoder.encode(snippet, as: .big5))
    let d = try TextDecoder.decode(bytes)
    #expect(!d.encoding.hasPrefix("UTF-16"))
    let digits = snippet.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }
    #expect(d.text.scalars.filter { $0.value >= 0x30 && $0.value <= 0x39 } == Array(digits), "\(d.encoding)")
  }

  @Test func utf16WithoutABOMNeedsEvidence() throws {
    let le = Array("Report 2023: 受理来信56件".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    #expect(try TextDecoder.decode(le).encoding == "UTF-16LE")
    let be = Array("Report 2023: 受理来信56件".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(try TextDecoder.decode(be).encoding == "UTF-16BE")
    // An odd length is no UTF-16.
    #expect(TextDecoder.utf16WithoutBOM(le.dropLast()[...]) == nil)
  }

  @Test func utf32WithABOM() throws {
    let scalars = text.unicodeScalars.map(\.value)
    let le: [UInt8] = [0xFF, 0xFE, 0, 0] + scalars.flatMap { v in (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }
    let be: [UInt8] = [0, 0, 0xFE, 0xFF] + scalars.flatMap { v in (0..<4).reversed().map { UInt8(v >> (8 * $0) & 0xFF) } }
    for (bytes, name) in [(le, "UTF-32LE"), (be, "UTF-32BE")] {
      let d = try TextDecoder.decode(bytes)
      #expect(d.encoding == name)
      #expect(d.text.string == text)
      #expect(d.hadBOM)
      // Through the pipeline: not binary (its zero bytes), the same facts as the UTF-8 text.
      let doc = try Fixtures.pipeline.process(RawDocument(name: "x.txt", bytes: bytes))
      let utf8 = try Fixtures.pipeline.process(RawDocument(name: "x.txt", bytes: Array(text.utf8)))
      #expect(doc.facts.map(\.value) == utf8.facts.map(\.value))
      #expect(doc.facts.map(\.span) == utf8.facts.map(\.span))
    }
    #expect(TextEncoding(name: "UTF-32") == .utf32le)
  }

  /// One bad byte in a short UTF-8 file: UTF-8 with one replacement, not GB18030 mojibake.
  @Test func aShortUTF8FileWithOneBadByteStaysUTF8() throws {
    let bytes = Array("受理来信".utf8) + [0xE5] + Array("12件。".utf8)
    let doc = try Fixtures.pipeline.process(RawDocument(name: "x.txt", bytes: bytes))
    #expect(doc.encoding == "UTF-8")
    #expect(doc.facts.map(\.value) == [12])
    #expect(doc.warnings.map(\.code) == ["XF-W001"])
    #expect(doc.warnings.first?.message.contains("almost all of the file is valid UTF-8") == true)
    // GBK text is not taken for damaged UTF-8.
    #expect(try TextDecoder.decode(try #require(gb18030("受理来信12件。"))).encoding == "GB18030")
  }

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
