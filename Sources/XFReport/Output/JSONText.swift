/// Minimal JSON text building with a fixed key order, Chinese written unescaped and no BOM.
/// Keys are written even when their value is null (pandas and the scorer expect every key).
public struct JSONObjectWriter {
  public private(set) var text = "{"
  private var first = true

  public init() {}

  public mutating func reserve(_ capacity: Int) { text.reserveCapacity(capacity) }

  /// Keys are the project's own ASCII names: written without an escape scan.
  private mutating func key(_ k: String) {
    text += first ? "\"" : ",\""
    first = false
    text += k
    text += "\":"
  }

  public mutating func add(_ k: String, _ v: String?) {
    key(k)
    if let v { JSONText.appendString(v, to: &text) } else { text += "null" }
  }

  public mutating func add(_ k: String, _ v: Int?) {
    key(k)
    text += v.map(String.init) ?? "null"
  }

  public mutating func add(_ k: String, _ v: Bool) {
    key(k)
    text += v ? "true" : "false"
  }

  public mutating func add(_ k: String, span: SourceSpan) {
    key(k)
    text += "[\(span.start),\(span.end)]"
  }

  /// A value that is already JSON text.
  public mutating func add(_ k: String, raw: String) {
    key(k)
    text += raw
  }

  public mutating func close() -> String {
    text += "}"
    return text
  }
}

public enum JSONText {
  public static func appendString(_ s: String, to out: inout String) {
    var s = s
    s.makeContiguousUTF8()
    let escaped: String? = s.utf8.withContiguousStorageIfAvailable { escape($0) } ?? escape(Array(s.utf8))
    out += "\""
    out += escaped ?? s
    out += "\""
  }

  /// The escaped text, or nil when nothing needs escaping (most strings: copied whole).
  /// Works on UTF-8 bytes; U+2028 and U+2029 (E2 80 A8/A9) are escaped for JavaScript readers.
  private static func escape<C: RandomAccessCollection>(_ b: C) -> String? where C.Element == UInt8, C.Index == Int {
    // A plain scan first: most strings hold none of these bytes.
    var suspect = false
    for c in b where c < 0x20 || c == 0x22 || c == 0x5C || c == 0xE2 {
      suspect = true
      break
    }
    guard suspect else { return nil }
    func special(_ i: Int) -> Bool {
      let c = b[i]
      return c < 0x20 || c == 0x22 || c == 0x5C || (c == 0xE2 && i + 2 < b.endIndex && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9))
    }
    guard let first = b.indices.first(where: special) else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(b.count + 16)
    bytes.append(contentsOf: b[b.startIndex..<first])
    var i = first
    let hex = Array("0123456789abcdef".utf8)
    while i < b.endIndex {
      let c = b[i]
      guard special(i) else {
        bytes.append(c)
        i += 1
        continue
      }
      switch c {
      case 0x22: bytes += [0x5C, 0x22]
      case 0x5C: bytes += [0x5C, 0x5C]
      case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
      case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
      case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
      case 0xE2:
        bytes += Array("\\u202".utf8) + [b[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
        i += 2
      default:
        bytes += Array("\\u00".utf8) + [hex[Int(c >> 4)], hex[Int(c & 15)]]
      }
      i += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  public static func string(_ s: String) -> String {
    var out = ""
    appendString(s, to: &out)
    return out
  }

  public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
