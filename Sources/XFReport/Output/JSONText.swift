/// Minimal JSON text building with a fixed key order, Chinese written unescaped and no BOM.
/// Keys are written even when their value is null (pandas and the scorer expect every key).
///
/// Builds UTF-8 bytes, not a String: each String append checks the appended piece for NFC,
/// which cost more than copying it.
public struct JSONObjectWriter {
  var bytes: [UInt8]
  private var first = true

  public init() { bytes = [UInt8(ascii: "{")] }

  private init(empty: Void) { bytes = [] }

  /// The object so far (without its closing brace).
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  public mutating func reserve(_ capacity: Int) { bytes.reserveCapacity(capacity) }

  /// Writes one object at the end of `buffer`, without making a String of it.
  static func write(into buffer: inout [UInt8], _ body: (inout JSONObjectWriter) -> Void) {
    var o = JSONObjectWriter(empty: ())
    swap(&o.bytes, &buffer)
    o.bytes.append(UInt8(ascii: "{"))
    body(&o)
    o.bytes.append(UInt8(ascii: "}"))
    swap(&o.bytes, &buffer)
  }

  /// Adds keys to an object already open at the end of `buffer` with at least one key (the
  /// closing brace is the caller's).
  static func continueObject(in buffer: inout [UInt8], _ body: (inout JSONObjectWriter) -> Void) {
    var o = JSONObjectWriter(empty: ())
    o.first = false
    swap(&o.bytes, &buffer)
    body(&o)
    swap(&o.bytes, &buffer)
  }

  /// Keys are the project's own ASCII names: written without an escape scan.
  private mutating func key(_ k: String) {
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
    bytes.append(UInt8(ascii: "\""))
    bytes.appendUTF8(k)
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
  }

  public mutating func add(_ k: String, _ v: String?) {
    key(k)
    if let v { JSONText.appendString(v, to: &bytes) } else { bytes.appendUTF8("null") }
  }

  public mutating func add(_ k: String, _ v: Int?) {
    key(k)
    if let v { bytes.appendDecimal(v) } else { bytes.appendUTF8("null") }
  }

  public mutating func add(_ k: String, _ v: Bool) {
    key(k)
    bytes.appendUTF8(v ? "true" : "false")
  }

  public mutating func add(_ k: String, span: SourceSpan) {
    key(k)
    bytes.append(UInt8(ascii: "["))
    bytes.appendDecimal(span.start)
    bytes.append(UInt8(ascii: ","))
    bytes.appendDecimal(span.end)
    bytes.append(UInt8(ascii: "]"))
  }

  /// A value that is already JSON text.
  public mutating func add(_ k: String, raw: String) {
    key(k)
    bytes.appendUTF8(raw)
  }

  /// An array whose elements `element` appends; the commas are written here.
  mutating func addArray<S: Sequence>(_ k: String, _ items: S, _ element: (S.Element, inout [UInt8]) -> Void) {
    key(k)
    bytes.append(UInt8(ascii: "["))
    var firstItem = true
    for x in items {
      if !firstItem { bytes.append(UInt8(ascii: ",")) }
      firstItem = false
      element(x, &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  public mutating func close() -> String {
    bytes.append(UInt8(ascii: "}"))
    return String(decoding: bytes, as: UTF8.self)
  }
}

public enum JSONText {
  /// `s` as a JSON string literal, in UTF-8. U+2028 and U+2029 (E2 80 A8/A9) are escaped for
  /// JavaScript readers.
  static func appendString(_ s: String, to out: inout [UInt8]) {
    var s = s
    s.withUTF8 { b in
      out.append(UInt8(ascii: "\""))
      // A plain scan first: most strings hold none of these bytes, and are copied whole.
      var suspect = false
      for c in b where c < 0x20 || c == 0x22 || c == 0x5C || c == 0xE2 {
        suspect = true
        break
      }
      if suspect { escape(b, to: &out) } else { out.append(contentsOf: b) }
      out.append(UInt8(ascii: "\""))
    }
  }

  private static func escape(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    var i = 0
    while i < b.count {
      let c = b[i]
      switch c {
      case 0x22: out += [0x5C, 0x22]
      case 0x5C: out += [0x5C, 0x5C]
      case 0x0A: out += [0x5C, UInt8(ascii: "n")]
      case 0x0D: out += [0x5C, UInt8(ascii: "r")]
      case 0x09: out += [0x5C, UInt8(ascii: "t")]
      case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
        out += Array("\\u202".utf8) + [b[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
        i += 2
      case ..<0x20:
        out += Array("\\u00".utf8) + [hex[Int(c >> 4)], hex[Int(c & 15)]]
      default:
        out.append(c)
      }
      i += 1
    }
  }

  public static func string(_ s: String) -> String {
    var out: [UInt8] = []
    appendString(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
