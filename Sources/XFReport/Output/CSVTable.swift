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
    try file.write(header.map { Self.quote($0) }.joined(separator: ",") + "\r\n")
  }

  public func row(_ cells: [Cell]) throws {
    var line = ""
    style.append(cells, to: &line)
    try file.write(line)
  }

  /// Writes rows made with ``Style/append(_:to:)``.
  public func write(rows: String) throws {
    if !rows.isEmpty { try file.write(rows) }
  }

  public func close() throws { try file.close() }

  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  static func quote(_ s: String) -> String {
    // A byte scan: grapheme iteration over every cell was the writer's main cost.
    guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

extension CSVTable.Style {
  /// Appends one row, CRLF included.
  public func append(_ cells: [CSVTable.Cell], to line: inout String) {
    for (k, c) in cells.enumerated() {
      if k > 0 { line += "," }
      line += render(c)
    }
    line += "\r\n"
  }

  func render(_ c: CSVTable.Cell) -> String {
    switch c {
    case .text(let s):
      guard var s else { return "" }
      if guardFormulas, let first = s.unicodeScalars.first, CSVTable.formulaStarts.contains(first) { s = "'" + s }
      return CSVTable.quote(s)
    case .number(let d): return d.map(FactWriter.number) ?? ""
    case .int(let i): return i.map(String.init) ?? ""
    case .bool(let b): return b ? "true" : "false"
    }
  }
}
