import Foundation

/// The container format of a document, detected from its content (the file name is a hint).
public enum DocumentFormat: String, Sendable, CaseIterable {
  case auto, text, markdown, html, docx, pdf

  /// Detects the format of `bytes`, or throws for content that is not a text document.
  static func detect(_ bytes: [UInt8], name: String) throws -> DocumentFormat {
    // `%PDF-` may follow up to 1 KB of other bytes (PDF 32000-1, annex H).
    if DocumentFormat.find("%PDF-", in: bytes.prefix(1024)) { return .pdf }
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .docx }
    if let kind = binaryKind(bytes) { throw IngestError.binary(kind: kind) }
    if looksLikeHTML(bytes) { return .html }
    let ext = pathExtension(name).lowercased()
    if ext == "html" || ext == "htm" || ext == "xhtml" { return .html }
    if ext == "md" || ext == "markdown" { return .markdown }
    return .text
  }

  /// `NSString.pathExtension`: after the last dot of the base name, none when that dot starts it.
  static func pathExtension(_ name: String) -> Substring {
    // An ASCII path (most): bytes are characters, and `.` joins no other into one. The base
    // name is found in place, as `baseName(of:)` cuts it, without building it.
    let bytes = name.utf8
    if name != "-", bytes.allSatisfy({ $0 < 0x80 }) {
      let slash = UInt8(ascii: "/")
      var end = bytes.endIndex
      while end > bytes.startIndex, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
      let start = bytes[..<end].lastIndex(of: slash).map { bytes.index(after: $0) } ?? bytes.startIndex
      guard let dot = bytes[start..<end].lastIndex(of: UInt8(ascii: ".")), dot != start else { return "" }
      return name[bytes.index(after: dot)..<end]
    }
    let component = RawDocument.baseName(of: name)[...]
    guard let dot = component.lastIndex(of: "."), dot != component.startIndex else { return "" }
    return component[component.index(after: dot)...]
  }

  private static let magic: [([UInt8], String)] = [
    ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0x7F, 0x45, 0x4C, 0x46], "an ELF executable"),
    ([0x25, 0x50, 0x44, 0x46], "a PDF file"), ([0xFF, 0xD8, 0xFF], "a JPEG image"), ([0x47, 0x49, 0x46, 0x38], "a GIF image"),
    ([0x1F, 0x8B], "a gzip archive"), ([0xD0, 0xCF, 0x11, 0xE0], "an OLE file (old .doc/.xls)"),
    ([0x52, 0x61, 0x72, 0x21], "a RAR archive"), ([0x37, 0x7A, 0xBC, 0xAF], "a 7z archive"),
  ]

  /// What a file's first bytes say it is, when they are a known signature.
  static func magicKind(_ b: [UInt8]) -> String? {
    // The signatures' first bytes: text starts with none of them but `%`, `G`, `R` and `7`.
    switch b.first {
    case 0x89, 0x7F, 0x25, 0xFF, 0x47, 0x1F, 0xD0, 0x52, 0x37: return magic.first { b.starts(with: $0.0) }?.1
    default: return nil
    }
  }

  static func binaryKind(_ b: [UInt8]) -> String? {
    if let kind = magicKind(b) { return kind }
    // Many NUL bytes outside a UTF-16 pattern: binary.
    let sample = b.prefix(8192)
    guard !sample.isEmpty else { return nil }
    if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) || b.starts(with: [0, 0, 0xFE, 0xFF]) { return nil }
    var nul = 0, control = 0
    // This reads 8 KB of every document: eight bytes at a time, byte by byte only where one of
    // them is below 0x20 (a line break, mostly).
    sample.withUnsafeBytes { b in
      func count(_ c: UInt8) {
        nul &+= c == 0 ? 1 : 0
        control &+= c < 0x09 || (c > 0x0D && c < 0x20 && c != 0x1B) ? 1 : 0
      }
      var i = 0
      while i + 8 <= b.count {
        let x = b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        // Non-zero when some byte of x is below 0x20.
        if (x &- 0x2020_2020_2020_2020) & ~x & 0x8080_8080_8080_8080 != 0 {
          for k in i..<(i + 8) { count(b[k]) }
        }
        i += 8
      }
      for k in i..<b.count { count(b[k]) }
    }
    // UTF-16 shows zero bytes: without any, the sample is not UTF-16 (counted first, as the
    // test of UTF-16 costs as much again).
    if nul > 0, TextDecoder.utf16WithoutBOM(sample) != nil { return nil }
    if nul * 10 > sample.count || control * 5 > sample.count { return "binary data" }
    return nil
  }

  static func looksLikeHTML(_ b: [UInt8]) -> Bool {
    var head = b.prefix(2048)
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
    // Markup starts with `<` after whitespace: text whose first other character is ASCII or
    // Han and not `<` (a character that starts a grapheme) is answered without decoding and
    // lowercasing the head.
    if let k = head.firstIndex(where: { !(($0 >= 0x09 && $0 <= 0x0D) || $0 == 0x20) }) {
      var it = head[k...].makeIterator()
      var utf8 = UTF8()
      if case .scalarValue(let c) = utf8.decode(&it), c != "<", c.value < 0x80 || c.isHan { return false }
    }
    // The markers are ASCII: the head is compared byte-wise, lower-cased in ASCII (String's
    // Unicode lowercasing and substring search cost more than the rest of ingest for such a file).
    let text = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    var start = 0
    var it = text.makeIterator()
    var utf8 = UTF8()
    while case .scalarValue(let c) = utf8.decode(&it), c.properties.isWhitespace { start += UTF8.width(c) }
    let trimmed = text[start...]
    func has(_ s: StaticString) -> Bool { Self.find(s, in: text[...]) }
    func starts(_ s: StaticString) -> Bool { s.withUTF8Buffer { trimmed.starts(with: $0) } }
    if starts("<!doctype html") || starts("<html") || starts("<?xml") && has("<html") { return true }
    return starts("<") && (has("<body") || has("<head") || has("<p>") || has("<div"))
  }
}

extension DocumentFormat {
  static func find(_ needle: StaticString, in hay: ArraySlice<UInt8>) -> Bool {
    needle.withUTF8Buffer { n in
      guard let first = n.first, n.count <= hay.count else { return false }
      return hay.withUnsafeBufferPointer { h in
        var k = 0
        while k + n.count <= h.count {
          if h[k] == first, UnsafeBufferPointer(rebasing: h[k..<(k + n.count)]).elementsEqual(n) { return true }
          k += 1
        }
        return false
      }
    }
  }
}

/// A document as read: its name (path, or `-` for standard input) and bytes.
public struct RawDocument: Sendable {
  public let name: String
  public let bytes: [UInt8]
  /// How outputs name it (`doc`): by default its base name; a run over many inputs gives the
  /// path relative to their shared folder (``DocumentIdentity``).
  public var id: String

  public init(name: String, bytes: [UInt8], id: String? = nil) {
    self.name = name
    self.bytes = bytes
    self.id = id ?? Self.baseName(of: name)
  }

  /// The base name used in fact records (`doc`).
  public var baseName: String { Self.baseName(of: name) }

  /// `NSString.lastPathComponent` of a path (`-` for standard input), cut here for ASCII paths
  /// and for any path with `//`: Foundation takes some 30,000 instructions a call (checks and
  /// summaries ask for the name of every finding and article), and it traps on some paths with
  /// `//` (`///a//`), which a JSON Lines id may be. Other non-ASCII paths are left to Foundation,
  /// which reads them by characters (a combining mark after `/`).
  static func baseName(of name: String) -> String {
    if name == "-" { return "-" }
    let utf8 = name.utf8
    let slash = UInt8(ascii: "/")
    var previous: UInt8 = 0
    var ascii = true, doubled = false
    for b in utf8 {
      if b >= 0x80 { ascii = false }
      if b == slash && previous == slash { doubled = true }
      previous = b
    }
    if !ascii && !doubled { return (name as NSString).lastPathComponent }
    // Trailing slashes do not count; a name of slashes only is `/` when it is one (as Foundation).
    var end = utf8.endIndex
    while end > utf8.startIndex, utf8[utf8.index(before: end)] == slash { end = utf8.index(before: end) }
    if end == utf8.startIndex { return utf8.count <= 1 ? name : "" }
    let start = utf8[..<end].lastIndex(of: slash).map { utf8.index(after: $0) } ?? utf8.startIndex
    return String(name[start..<end])
  }
}
