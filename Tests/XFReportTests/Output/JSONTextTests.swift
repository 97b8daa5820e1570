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

  /// The word-at-a-time scan finds every byte that needs an escape, wherever it falls in a word.
  @Test func escapesAtEveryOffset() throws {
    let specials: [String] = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{2028}", "\u{2029}", "“", "—", "…", " ", "~", "\u{7F}"]
    func reference(_ s: String) -> String {
      var out = "\""
      for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{2028}": out += "\\u2028"
        case "\u{2029}": out += "\\u2029"
        case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
        default: out.unicodeScalars.append(u)
        }
      }
      return out + "\""
    }
    for special in specials {
      for prefix in 0..<17 {
        for suffix in [0, 1, 7, 9] {
          let raw = String(repeating: "a", count: prefix) + special + String(repeating: "信", count: suffix) + special
          #expect(JSONText.string(raw) == reference(raw), "\(prefix) \(special.unicodeScalars.map(\.value))")
        }
      }
    }
  }

  @Test func numbersAreWrittenPlainly() {
    #expect(FactWriter.number(Decimal(string: "81.25")!) == "81.25")
    #expect(FactWriter.number(Decimal(string: "-6.2")!) == "-6.2")
    #expect(FactWriter.number(Decimal(string: "2675")!) == "2675")
    #expect(FactWriter.number(Decimal(string: "0.50")!) == "0.5")
    #expect(FactWriter.number(Decimal(1) / Decimal(3)) == "0.333333")
  }
}

/// Whole numbers skip Foundation's formatting: the digits must be those it writes.
@Suite struct NumberFormattingTests {
  @Test func wholeNumbersAreWrittenAsFoundationWritesThem() {
    var values: [Decimal] = [0, 1, -1, 10, 100, 2675, -6, 1_000_000, 999_999_999_999]
    for k in stride(from: 0, to: 200_000, by: 37) { values.append(Decimal(k)) }
    for (m, e) in [(12, 3), (5, 4), (7, 8), (3, 17), (1, 18), (1234, 14)] { values.append(Decimal(sign: .plus, exponent: e, significand: Decimal(m))) }
    values += ["1.2万", "12e3", "4500", "-320", "0.0", "1e18", "9223372036854775807", "123456789012345678901234"].compactMap { Decimal(string: $0) }
    values += [Decimal(string: "92.5")!, Decimal(string: "0.333333333")!, Decimal(string: "1e-3")!]
    for v in values {
      #expect(FactWriter.number(v) == FactWriter.format(v), "\(v)")
    }
    // The fast path is on here (the layout check passed) and leaves fractions to Foundation.
    #expect(FactWriter.integer(Decimal(sign: .plus, exponent: 4, significand: 5)) == 50000)
    #expect(FactWriter.integer(Decimal(string: "6.2")!) == nil)
  }

  /// Values with up to six decimals skip Foundation's formatting too: the same text.
  @Test func fractionsAreWrittenAsFoundationWritesThem() {
    var values: [Decimal] = []
    for m in [1, 5, 9, 11, 25, 62, 925, 8125, 100_001, 123_456, 999_999, 1_000_001, 123_456_789_012_345_678] {
      for e in -8 ... -1 {
        for sign in [FloatingPointSign.plus, .minus] { values.append(Decimal(sign: sign, exponent: e, significand: Decimal(m))) }
      }
    }
    for k in stride(from: 1, to: 100_000, by: 7) { values.append(Decimal(k) / 1000) }
    values += ["92.5", "0.05", "-0.000001", "99.99", "100.10", "3.0", "1e-6", "0.0000005", "12345678901234567.8"].compactMap { Decimal(string: $0) }
    values.append(Decimal(1) / Decimal(3))
    var fast = 0
    for v in values {
      #expect(FactWriter.number(v) == FactWriter.format(v), "\(v)")
      if let f = FactWriter.fraction(v) {
        fast += 1
        var b: [UInt8] = []
        f.append(to: &b)
        #expect(String(decoding: b, as: UTF8.self) == FactWriter.format(v), "\(v)")
      }
    }
    // The fast path is on here and takes most of these.
    #expect(fast > values.count / 2)
    #expect(FactWriter.fraction(Decimal(string: "92.5")!) != nil)
    #expect(FactWriter.fraction(Decimal(string: "0.0000005")!) == nil)
  }
}
