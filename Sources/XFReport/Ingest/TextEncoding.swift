import CICU

/// A character encoding xfreport can decode. `auto` detects (BOM, UTF-8, then ICU's detector).
public enum TextEncoding: String, Sendable, CaseIterable {
  case auto, utf8 = "utf-8", utf16le = "utf-16le", utf16be = "utf-16be", utf32le = "utf-32le", utf32be = "utf-32be", gb18030, big5

  /// The ICU converter name.
  var icuName: String {
    switch self {
    case .auto, .utf8: "UTF-8"
    case .utf16le: "UTF-16LE"
    case .utf16be: "UTF-16BE"
    case .utf32le: "UTF-32LE"
    case .utf32be: "UTF-32BE"
    case .gb18030: "GB18030"
    case .big5: "Big5"
    }
  }

  /// Accepts common spellings: `utf8`, `UTF-8`, `gbk`, `gb2312`, `utf16`, `big5-hkscs` …
  public init?(name: String) {
    let n = name.lowercased().replacingOccurrences(of: "_", with: "-")
    switch n {
    case "auto": self = .auto
    case "utf8", "utf-8": self = .utf8
    case "utf16le", "utf-16le", "utf16", "utf-16": self = .utf16le
    case "utf16be", "utf-16be": self = .utf16be
    case "utf32le", "utf-32le", "utf32", "utf-32": self = .utf32le
    case "utf32be", "utf-32be": self = .utf32be
    case "gb18030", "gbk", "gb2312", "cp936", "euc-cn": self = .gb18030
    case "big5", "big5-hkscs", "cp950": self = .big5
    default: return nil
    }
  }
}

/// The result of decoding bytes: the text and how it was decoded.
public struct DecodedText: Sendable {
  public let text: SourceText
  /// Encoding actually used, e.g. `UTF-8`, `GB18030`.
  public let encoding: String
  /// Whether a byte order mark was present (and removed).
  public let hadBOM: Bool
  /// Byte sequences that could not be decoded and became U+FFFD.
  public let invalidCount: Int
  /// Byte offset of the first undecodable sequence, if any.
  public let firstInvalidByte: Int?
}

/// Decodes document bytes: BOM first, then valid UTF-8, then ICU charset detection (GB18030 for
/// GBK/GB2312 text, Big5), or the encoding the user forces.
public enum TextDecoder {
  public static func decode(_ bytes: [UInt8], encoding: TextEncoding = .auto) throws -> DecodedText {
    var body = bytes[...]
    var chosen = encoding
    var hadBOM = false
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]), encoding == .auto || encoding == .utf8 {
      body = bytes[3...]; chosen = .utf8; hadBOM = true
    } else if bytes.starts(with: [0xFF, 0xFE, 0, 0]), encoding == .auto || encoding == .utf32le {
      // Before UTF-16LE, whose BOM is its prefix: read as UTF-16 it invents characters.
      body = bytes[4...]; chosen = .utf32le; hadBOM = true
    } else if bytes.starts(with: [0, 0, 0xFE, 0xFF]), encoding == .auto || encoding == .utf32be {
      body = bytes[4...]; chosen = .utf32be; hadBOM = true
    } else if bytes.starts(with: [0xFF, 0xFE]), encoding == .auto || encoding == .utf16le {
      body = bytes[2...]; chosen = .utf16le; hadBOM = true
    } else if bytes.starts(with: [0xFE, 0xFF]), encoding == .auto || encoding == .utf16be {
      body = bytes[2...]; chosen = .utf16be; hadBOM = true
    }
    // Well-formed UTF-8 (nearly every report) decodes in one pass here; ICU's converter, which
    // gives the same scalars, is for other encodings and for damaged UTF-8 (replacements).
    if chosen == .auto || chosen == .utf8, !body.isEmpty, body.count < Int(Int32.max / 2) - 2,
      let scalars = UTF8Scalars.decodeWellFormed(body)
    {
      return DecodedText(text: SourceText(scalars), encoding: TextEncoding.utf8.icuName, hadBOM: hadBOM, invalidCount: 0, firstInvalidByte: nil)
    }
    if chosen == .auto && !hadBOM {
      chosen = detect(Array(body))
    }
    return try convert(Array(body), as: chosen, hadBOM: hadBOM)
  }

  /// Picks an encoding for BOM-less bytes.
  static func detect(_ bytes: [UInt8]) -> TextEncoding {
    if isMostlyUTF8(bytes) { return .utf8 }
    if let utf16 = utf16WithoutBOM(bytes[...]) { return utf16 }
    var name = [CChar](repeating: 0, count: 64)
    var confidence: Int32 = 0
    let sample = Array(bytes.prefix(1 << 16))
    let found = sample.withUnsafeBufferPointer { buf in
      buf.withMemoryRebound(to: CChar.self) { c in
        xf_detect_charset(c.baseAddress, Int32(c.count), &name, Int32(name.count), &confidence)
      }
    }
    // ICU's guess of UTF-16 is not taken: on short GBK or Big5 text it says UTF-16BE and every
    // figure is lost. UTF-16 without a BOM needs the evidence of its zero bytes (above).
    if found != 0, String(cString: name).lowercased().contains("big5") { return .big5 }
    // Chinese archives that are not UTF-8 are overwhelmingly GBK/GB2312; GB18030 is their superset.
    return .gb18030
  }

  /// UTF-16 without a BOM shows up as ASCII or CJK with many zero bytes on one side, and has an
  /// even length.
  static func utf16WithoutBOM(_ bytes: ArraySlice<UInt8>) -> TextEncoding? {
    let n = min(bytes.count, 4096) & ~1
    guard n >= 8, bytes.count % 2 == 0 else { return nil }
    var evenZero = 0, oddZero = 0
    bytes.withUnsafeBufferPointer { b in
      for i in stride(from: 0, to: n, by: 2) {
        evenZero &+= b[i] == 0 ? 1 : 0
        oddZero &+= b[i + 1] == 0 ? 1 : 0
      }
    }
    let pairs = n / 2
    if oddZero * 3 > pairs && evenZero * 20 < pairs { return .utf16le }
    if evenZero * 3 > pairs && oddZero * 20 < pairs { return .utf16be }
    return nil
  }

  /// Valid UTF-8, or UTF-8 with a few bad bytes (a damaged file is better read as UTF-8 with
  /// replacements, which are reported, than garbled as GB18030): at least four valid non-ASCII
  /// characters per bad sequence. GBK or Big5 read as UTF-8 fails on nearly every character.
  static func isMostlyUTF8(_ bytes: [UInt8]) -> Bool {
    var it = bytes.makeIterator()
    var decoder = UTF8()
    var errors = 0, multibyte = 0
    while true {
      switch decoder.decode(&it) {
      case .scalarValue(let s): if s.value >= 0x80 { multibyte += 1 }
      case .emptyInput: return errors == 0 || multibyte >= 4 * errors
      case .error: errors += 1
      }
    }
  }

  static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    var it = bytes.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&it) {
      case .scalarValue: continue
      case .emptyInput: return true
      case .error: return false
      }
    }
  }

  static func convert(_ bytes: [UInt8], as encoding: TextEncoding, hadBOM: Bool) throws -> DecodedText {
    if bytes.isEmpty {
      return DecodedText(text: SourceText([]), encoding: encoding.icuName, hadBOM: hadBOM, invalidCount: 0, firstInvalidByte: nil)
    }
    guard bytes.count < Int(Int32.max / 2) - 2 else { throw IngestError.tooLarge(bytes: bytes.count) }
    var out = [UInt16](repeating: 0, count: bytes.count * 2 + 2)
    var invalid: Int32 = 0, first: Int32 = -1, status: Int32 = 0
    let n = bytes.withUnsafeBufferPointer { b in
      b.withMemoryRebound(to: CChar.self) { c in
        xf_decode(encoding.icuName, c.baseAddress, Int32(c.count), &out, Int32(out.count), &invalid, &first, &status)
      }
    }
    guard n >= 0 else {
      throw IngestError.decodingFailed(encoding: encoding.icuName, reason: String(cString: xf_error_name(status)))
    }
    let scalars = UTF16Scalars.decode(out[0..<Int(n)])
    return DecodedText(
      text: SourceText(scalars), encoding: encoding.icuName, hadBOM: hadBOM,
      invalidCount: Int(invalid), firstInvalidByte: first >= 0 ? Int(first) : nil)
  }
}

public enum TextEncoder {
  /// Encodes `text` (for tests and tools that need GB18030, Big5 … twins of a report).
  public static func encode(_ text: String, as encoding: TextEncoding) -> [UInt8]? {
    let units = Array(text.utf16)
    var out = [CChar](repeating: 0, count: units.count * 4 + 16)
    var status: Int32 = 0
    let n = xf_encode(encoding.icuName, units, Int32(units.count), &out, Int32(out.count), &status)
    guard n >= 0 else { return nil }
    return out[0..<Int(n)].map { UInt8(bitPattern: $0) }
  }
}

/// Strict UTF-8 → scalars (Unicode table 3-7: no overlongs, surrogates or values past U+10FFFF).
enum UTF8Scalars {
  /// The scalars of `bytes`, or nil if they are not well-formed UTF-8.
  static func decodeWellFormed(_ bytes: ArraySlice<UInt8>) -> [Unicode.Scalar]? {
    var wellFormed = true
    let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, count in
      count = 0
      wellFormed = bytes.withUnsafeBufferPointer { b in
        guard let base = b.baseAddress, let dst = out.baseAddress else { return true }
        let end = b.count
        var i = 0, n = 0
        while i < end {
          let c0 = UInt32(base[i])
          var v: UInt32
          if c0 & 0xF0 == 0xE0 {
            // Three bytes: Han and CJK punctuation, most of a report. Wrapping arithmetic and
            // one test for both continuation bytes: this runs for every character.
            guard i &+ 2 < end else { return false }
            let c1 = UInt32(base[i &+ 1]), c2 = UInt32(base[i &+ 2])
            guard (c1 | c2 << 8) & 0xC0C0 == 0x8080 else { return false }
            v = (c0 & 0x0F) << 12 | (c1 & 0x3F) << 6 | (c2 & 0x3F)
            // Overlong (E0 80…9F) or surrogate (ED A0…BF).
            guard v >= 0x800, v & 0xF800 != 0xD800 else { return false }
            i &+= 3
          } else if c0 < 0x80 {
            v = c0
            i &+= 1
          } else if c0 < 0xE0 {
            // C2…DF, one continuation byte.
            guard c0 >= 0xC2, i + 1 < end, base[i + 1] & 0xC0 == 0x80 else { return false }
            v = (c0 & 0x1F) << 6 | UInt32(base[i + 1] & 0x3F)
            i += 2
          } else {
            guard c0 <= 0xF4, i + 3 < end, base[i + 1] & 0xC0 == 0x80, base[i + 2] & 0xC0 == 0x80, base[i + 3] & 0xC0 == 0x80 else {
              return false
            }
            v = (c0 & 0x07) << 18 | UInt32(base[i + 1] & 0x3F) << 12 | UInt32(base[i + 2] & 0x3F) << 6 | UInt32(base[i + 3] & 0x3F)
            guard v >= 0x10000, v <= 0x10FFFF else { return false }
            i += 4
          }
          // `v` is a valid scalar value by the checks above.
          (dst + n).initialize(to: unsafeBitCast(v, to: Unicode.Scalar.self))
          n &+= 1
        }
        count = n
        return true
      }
    }
    return wellFormed ? scalars : nil
  }
}

/// UTF-16 ↔ scalars, the one place besides ``BreakIterator`` that knows UTF-16 exists.
enum UTF16Scalars {
  static func decode<C: Collection>(_ units: C) -> [Unicode.Scalar] where C.Element == UInt16 {
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(units.count)
    var it = units.makeIterator()
    var d = UTF16()
    while true {
      switch d.decode(&it) {
      case .scalarValue(let s): result.append(s)
      case .emptyInput: return result
      case .error: result.append("\u{FFFD}")
      }
    }
  }

  /// UTF-16 code units of `scalars` and, for each unit index, the scalar index it belongs to
  /// (with one extra entry for the end).
  static func encode(_ scalars: ArraySlice<Unicode.Scalar>) -> (units: [UInt16], scalarIndex: [Int32]) {
    let text = UTF16Text(scalars)
    return (text.units, text.scalarIndex ?? (0...Int32(text.units.count)).map { $0 })
  }
}

/// Scalar text as UTF-16 for ICU, encoded once and shared by the word and sentence iterators.
struct UTF16Text {
  let units: [UInt16]
  /// For each unit index, the scalar index it belongs to (one extra entry for the end); nil when
  /// every scalar is in the BMP, where unit and scalar indices are the same (the usual case).
  let scalarIndex: [Int32]?

  init(units: [UInt16], scalarIndex: [Int32]?) {
    self.units = units
    self.scalarIndex = scalarIndex
  }

  init(_ scalars: ArraySlice<Unicode.Scalar>) {
    var bmp = true
    for s in scalars where s.value >= 0x10000 {
      bmp = false
      break
    }
    if bmp {
      units = [UInt16](unsafeUninitializedCapacity: scalars.count) { buf, count in
        var i = 0
        for s in scalars {
          buf[i] = UInt16(truncatingIfNeeded: s.value)
          i += 1
        }
        count = i
      }
      scalarIndex = nil
      return
    }
    var units: [UInt16] = []
    var index: [Int32] = []
    units.reserveCapacity(scalars.count + 16)
    index.reserveCapacity(scalars.count + 17)
    var i: Int32 = 0
    for s in scalars {
      if s.value < 0x10000 {
        units.append(UInt16(s.value))
        index.append(i)
      } else {
        let v = s.value - 0x10000
        units.append(UInt16(0xD800 + (v >> 10)))
        units.append(UInt16(0xDC00 + (v & 0x3FF)))
        index.append(i)
        index.append(i)
      }
      i += 1
    }
    index.append(i)
    self.units = units
    scalarIndex = index
  }
}
