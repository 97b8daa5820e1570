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
    for (k, c) in cells.enumerated() {
      if k > 0 { line.append(UInt8(ascii: ",")) }
      append(c, to: &line)
    }
    line.append(0x0D)
    line.append(0x0A)
  }

  func append(_ c: CSVTable.Cell, to line: inout [UInt8]) {
    switch c {
    case .text(let s?): appendText(s, to: &line)
    case .number(let d?): line.appendUTF8(FactWriter.number(d))
    case .int(let i?): line.appendDecimal(i)
    case .bool(let b): line.appendUTF8(b ? "true" : "false")
    case .text(nil), .number(nil), .int(nil): break
    }
  }

  /// = + - @ TAB CR
  static let formulaStarts: [UInt8] = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

  private func appendText(_ s: String, to line: inout [UInt8]) {
    var s = s
    s.withUTF8 { b in
      guard let first = b.first else { return }
      let formula = guardFormulas && Self.formulaStarts.contains(first)
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
