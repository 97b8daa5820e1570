/// Minimal JSON text building with a fixed key order, Chinese written unescaped and no BOM.
/// Keys are written even when their value is null (pandas and the scorer expect every key).
public struct JSONObjectWriter {
  public private(set) var text = "{"
  private var first = true

  public init() {}

  private mutating func key(_ k: String) {
    if !first { text += "," }
    first = false
    JSONText.appendString(k, to: &text)
    text += ":"
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
    out += "\""
    // Most strings need no escape: copy them whole.
    if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
      out += s
      out += "\""
      return
    }
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
          out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    out += "\""
  }

  public static func string(_ s: String) -> String {
    var out = ""
    appendString(s, to: &out)
    return out
  }

  public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
