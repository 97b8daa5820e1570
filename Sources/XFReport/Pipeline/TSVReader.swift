import Foundation

/// Reads the project's TSV dictionaries: UTF-8 (a BOM is stripped), `#` comments, blank lines
/// ignored, a header row naming the columns, trailing columns optional.
struct TSVReader {
  let file: String
  let header: [String]
  /// The header's line number (1 unless comments or blank lines come first).
  let headerLine: Int
  let rows: [(line: Int, fields: [String])]

  init(path: String) throws {
    let bytes: [UInt8]
    // Read as inputs are: the same open, checks and reasons (a FIFO, a folder, no permission).
    do {
      bytes = try InputCollector.readFile(FileName.bytes(of: path), shown: path, maxBytes: Int.max)
    } catch IngestError.notFound {
      throw DictionaryError.unreadable(file: path, reason: String(cString: strerror(ENOENT)))
    } catch IngestError.unreadable(_, let reason) {
      throw DictionaryError.unreadable(file: path, reason: reason)
    }
    guard var text = String(validating: bytes, as: UTF8.self) else {
      var i = 0
      while i < bytes.count, let (_, n) = FileName.decode(bytes, at: i) { i += n }
      let line = 1 + bytes[..<i].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
      throw DictionaryError.invalidEntry(file: path, line: line, reason: "not UTF-8 (byte \(i) is not part of a valid UTF-8 sequence); dictionary files must be UTF-8")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    try self.init(file: path, text: text)
  }

  init(file: String, text: String) throws {
    self.file = file
    var header: [String]? = nil
    var headerLine = 1
    var rows: [(Int, [String])] = []
    var lineNo = 0
    // Split on UTF-8 bytes: Foundation's trimming and String splitting dominated start-up.
    let bytes = Array(text.utf8)
    var start = 0
    while start <= bytes.count {
      var end = start
      while end < bytes.count, bytes[end] != 0x0A { end += 1 }
      lineNo += 1
      var lineEnd = end
      if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
      defer { start = end + 1 }
      let line = bytes[start..<lineEnd]
      guard let first = line.firstIndex(where: { !Self.isBlank($0) }), line[first] != UInt8(ascii: "#") || first != start else { continue }
      var fields: [String] = []
      var f = start
      while true {
        var e = f
        while e < lineEnd, bytes[e] != 0x09 { e += 1 }
        var a = f, b = e
        while a < b, Self.isBlank(bytes[a]) { a += 1 }
        while b > a, Self.isBlank(bytes[b - 1]) { b -= 1 }
        fields.append(String(decoding: bytes[a..<b], as: UTF8.self))
        if e >= lineEnd { break }
        f = e + 1
      }
      if header == nil { header = fields; headerLine = lineNo; continue }
      rows.append((lineNo, fields))
    }
    guard let header else { throw DictionaryError.invalidEntry(file: file, line: 1, reason: "no header row (the file has no rows)") }
    self.header = header
    self.headerLine = headerLine
    self.rows = rows
  }

  /// The header must name `columns`; its line is named otherwise.
  func require(_ columns: String...) throws {
    let missing = columns.filter { !header.contains($0) }
    guard !missing.isEmpty else { return }
    throw DictionaryError.invalidEntry(
      file: file, line: headerLine,
      reason: "the header row must name the column\(columns.count > 1 ? "s" : "") \(columns.joined(separator: ", ")) (it has \(header.joined(separator: ", ")); missing \(missing.joined(separator: ", ")))")
  }

  /// ASCII spaces and tabs around a cell are dropped.
  private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

  /// The value of `column` in `fields`, or nil when the row is shorter or the cell empty.
  func value(_ column: String, in fields: [String]) -> String? {
    guard let i = header.firstIndex(of: column), i < fields.count, !fields[i].isEmpty else { return nil }
    return fields[i]
  }
}

/// A dictionary file that cannot be used. `line` is 1-based (0 = the whole file).
public enum DictionaryError: Error, Equatable, CustomStringConvertible {
  case unreadable(file: String, reason: String)
  case invalidEntry(file: String, line: Int, reason: String)
  case notFound(searched: [String])

  public var description: String {
    switch self {
    case .unreadable(let f, let r): "cannot read dictionary file \(f): \(r)"
    case .invalidEntry(let f, let l, let r): "\(f):\(l): \(r)"
    case .notFound(let s): "built-in Dictionaries/ not found (looked in: \(s.joined(separator: ", "))); set XFREPORT_DICTIONARIES"
    }
  }
}
