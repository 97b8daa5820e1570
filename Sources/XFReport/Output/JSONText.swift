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
    if let v { bytes.putDecimal(v) } else { bytes.appendUTF8("null") }
  }

  public mutating func add(_ k: String, _ v: Bool) {
    key(k)
    bytes.appendUTF8(v ? "true" : "false")
  }

  public mutating func add(_ k: String, span: SourceSpan) {
    key(k)
    bytes.putSpan(span)
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
  /// JavaScript readers. At most `6 * s.utf8.count + 2` bytes (``maxLiteralCount(_:)``).
  static func appendString<Sink: ByteSink>(_ s: String, to out: inout Sink) {
    // Read in place when contiguous (always for native strings): no copy of the String.
    if s.utf8.withContiguousStorageIfAvailable({ appendLiteral($0, to: &out) }) != nil { return }
    var s = s
    s.withUTF8 { appendLiteral($0, to: &out) }
  }

  /// The most bytes ``appendString(_:to:)`` writes for `s`: a control byte becomes `\u00XX`.
  @inline(__always)
  static func maxLiteralCount(_ s: String) -> Int { 6 * s.utf8.count + 2 }

  private static func appendLiteral<Sink: ByteSink>(_ b: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
    out.put(UInt8(ascii: "\""))
    // Most strings hold none of the bytes that may need an escape, and are copied whole.
    if suspect(b, from: 0) == b.count { out.put(b) } else { escape(b, to: &out) }
    out.put(UInt8(ascii: "\""))
  }

  /// The first index from `i` whose byte may need an escape (below 0x20, `"`, `\`, or E2, which
  /// starts U+2028 and U+2029), or `b.count`. Eight bytes at a time: evidence is long and mostly
  /// Chinese, and a byte loop cost more than the rest of a fact's line.
  @inline(__always)
  static func suspect(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    // Whether a byte of `x` is zero, or below 0x20 (exact as a yes or no: no byte is missed).
    @inline(__always) func zero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
    @inline(__always) func below32(_ x: UInt64) -> Bool { (x &- ones &* 0x20) & ~x & highs != 0 }
    var i = i
    if let base = b.baseAddress {
      while i + 8 <= b.count {
        let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        if below32(x) || zero(x ^ (ones &* 0x22)) || zero(x ^ (ones &* 0x5C)) || zero(x ^ (ones &* 0xE2)) { break }
        i += 8
      }
    }
    while i < b.count {
      let c = b[i]
      if c < 0x20 || c == 0x22 || c == 0x5C || c == 0xE2 { return i }
      i += 1
    }
    return i
  }

  /// Copies the runs between escapes whole: Chinese text often holds E2 (“ ” — …) that needs
  /// no escape.
  private static func escape<Sink: ByteSink>(_ b: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
    let hex: StaticString = "0123456789abcdef"
    var run = 0
    var i = suspect(b, from: 0)
    while i < b.count {
      let c = b[i]
      let lineSeparator = c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9)
      guard c < 0x20 || c == 0x22 || c == 0x5C || lineSeparator else {
        i = suspect(b, from: i + 1)
        continue
      }
      out.put(UnsafeBufferPointer(rebasing: b[run..<i]))
      switch c {
      case 0x22: out.put("\\\"" as StaticString)
      case 0x5C: out.put("\\\\" as StaticString)
      case 0x0A: out.put("\\n" as StaticString)
      case 0x0D: out.put("\\r" as StaticString)
      case 0x09: out.put("\\t" as StaticString)
      case 0xE2:
        out.put(b[i + 2] == 0xA8 ? "\\u2028" as StaticString : "\\u2029")
        i += 2
      default:
        out.put("\\u00" as StaticString)
        out.put(hex.utf8Start[Int(c >> 4)])
        out.put(hex.utf8Start[Int(c & 15)])
      }
      i += 1
      run = i
      i = suspect(b, from: i)
    }
    out.put(UnsafeBufferPointer(rebasing: b[run..<b.count]))
  }

  public static func string(_ s: String) -> String {
    var out: [UInt8] = []
    appendString(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
