import Foundation

/// RFC 4180 CSV: fields quoted when they hold a comma, quote or line break, CRLF line ends.
/// `bom` writes the UTF-8 byte order mark that makes Excel read Chinese correctly; text cells
/// that begin with `=`, `+`, `-`, `@`, a tab or CR get a leading `'` so that a spreadsheet does
/// not run them as formulas. Number cells are written as numbers and never guarded.
public struct CSVTable {
  public enum Cell: Sendable {
    case text(String?)
    case number(Decimal?)
    case int(Int?)
    case bool(Bool)
  }

  public struct Style: Sendable {
    public var bom = true
    public var guardFormulas = true
    public init(bom: Bool = true, guardFormulas: Bool = true) {
      self.bom = bom
      self.guardFormulas = guardFormulas
    }
  }

  public let style: Style
  private let file: OutputFile

  public init(file: OutputFile, header: [String], style: Style) throws {
    self.style = style
    self.file = file
    if style.bom { try file.write(bytes: [0xEF, 0xBB, 0xBF]) }
    // Column names are never formula-guarded.
    var line: [UInt8] = []
    Style(bom: false, guardFormulas: false).append(header.map { .text($0) }, to: &line)
    try file.write(bytes: line)
  }

  public func row(_ cells: [Cell]) throws {
    var line: [UInt8] = []
    style.append(cells, to: &line)
    try file.write(bytes: line)
  }

  /// Writes rows made with ``Style/append(_:to:)``.
  public func write(rows: [UInt8]) throws {
    if !rows.isEmpty { try file.write(bytes: rows) }
  }

  public func close() throws { try file.close() }

}

extension CSVTable.Style {
  /// Appends one row, CRLF included.
  public func append(_ cells: [CSVTable.Cell], to line: inout [UInt8]) {
    row(into: &line) { r in
      for c in cells { r.add(c) }
    }
  }

  /// Appends the row `body` writes cell by cell, CRLF included (no array of cells per row).
  func row(into line: inout [UInt8], _ body: (inout CSVRow) -> Void) {
    var r = CSVRow(style: self)
    swap(&r.bytes, &line)
    body(&r)
    r.bytes.append(0x0D)
    r.bytes.append(0x0A)
    swap(&r.bytes, &line)
  }
}

/// One CSV row being written; the commas between cells are written here.
struct CSVRow {
  let style: CSVTable.Style
  var bytes: [UInt8] = []
  private var first = true

  init(style: CSVTable.Style) { self.style = style }

  private mutating func next() {
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
  }

  mutating func add(_ c: CSVTable.Cell) {
    switch c {
    case .text(let s): text(s)
    case .number(let d): number(d)
    case .int(let i): int(i)
    case .bool(let b): bool(b)
    }
  }

  mutating func text(_ s: String?) {
    next()
    if let s { Self.appendText(s, guardFormulas: style.guardFormulas, to: &bytes) }
  }

  mutating func number(_ d: Decimal?) {
    next()
    if let d { bytes.appendUTF8(FactWriter.number(d)) }
  }

  mutating func int(_ i: Int?) {
    next()
    if let i { bytes.putDecimal(i) }
  }

  mutating func bool(_ b: Bool) {
    next()
    bytes.appendUTF8(b ? "true" : "false")
  }

  /// = + - @ TAB CR
  static let formulaStarts: [UInt8] = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

  private static func appendText(_ s: String, guardFormulas: Bool, to line: inout [UInt8]) {
    var s = s
    s.withUTF8 { b in
      guard let first = b.first else { return }
      // A lone `-` (standard input's id, an empty figure) is no formula: guarded, the id of
      // standard input read `'-` in CSV and `-` elsewhere, and joins across outputs failed.
      let formula = guardFormulas && formulaStarts.contains(first) && !(b.count == 1 && first == 0x2D)
      let quoted = b.contains { (c: UInt8) -> Bool in c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D }
      if quoted { line.append(0x22) }
      if formula { line.append(UInt8(ascii: "'")) }
      if quoted {
        for c in b {
          line.append(c)
          if c == 0x22 { line.append(0x22) }
        }
        line.append(0x22)
      } else {
        line.append(contentsOf: b)
      }
    }
  }
}
