import Foundation
import Testing
@testable import XFReport

struct JSONTextTests {
  @Test func escapesWhatJSONAndJavaScriptNeed() throws {
    let raw = "“引号”\"q\" back\\slash\ttab\nline\r\u{01}\u{2028}\u{2029}—完"
    let json = JSONText.string(raw)
    #expect(json == "\"“引号”\\\"q\\\" back\\\\slash\\ttab\\nline\\r\\u0001\\u2028\\u2029—完\"")
    let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
    #expect(parsed == raw)
    #expect(JSONText.string("受理来信56件") == "\"受理来信56件\"")
  }

  @Test func numbersAreWrittenPlainly() {
    #expect(FactWriter.number(Decimal(string: "81.25")!) == "81.25")
    #expect(FactWriter.number(Decimal(string: "-6.2")!) == "-6.2")
    #expect(FactWriter.number(Decimal(string: "2675")!) == "2675")
    #expect(FactWriter.number(Decimal(string: "0.50")!) == "0.5")
    #expect(FactWriter.number(Decimal(1) / Decimal(3)) == "0.333333")
  }
}
