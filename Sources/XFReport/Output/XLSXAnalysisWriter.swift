import CXLSXWriter
import Foundation

/// xfreport.xlsx: the CSV tables as sheets of one workbook (libxlsxwriter), plus a README sheet
/// generated from ``TableSchema``. Numbers are numbers; rates, shares and changes keep their
/// value in percent (93.1) under the number format `General"%"`, so cells equal the CSV and
/// SQLite values; a blanked figure is an empty cell with a note. Rows stream in constant-memory
/// mode (each sheet to a temporary file in the staging folder); a sheet that reaches Excel's
/// row limit goes on in `<name> (2)`.
public final class XLSXAnalysisWriter: AnalysisWriter {
  public static let fileName = "xfreport.xlsx"
  /// Rows per sheet, header included: Excel's limit (tests set a small one).
  let rowLimit: Int
  /// Excel's limit on a cell's characters.
  static let cellLimit = 32_767
  static let maxWidth = 60.0
  static let placeholderNote = "blanked in the source (xx): no value"

  private let path: String
  private var workbook: UnsafeMutablePointer<lxw_workbook>?
  private let header: UnsafeMutablePointer<lxw_format>
  private let percent: UnsafeMutablePointer<lxw_format>
  private var sheets: [Sheet] = []
  public let renderer = Renderer()

  /// One table's sheets (more than one past the row limit) and its column widths.
  final class Sheet {
    let schema: TableSchema
    var parts: [UnsafeMutablePointer<lxw_worksheet>] = []
    var row = 0
    var widths: [Int]

    init(_ schema: TableSchema) {
      self.schema = schema
      widths = schema.columns.map { XLSXAnalysisWriter.displayWidth($0.name) }
    }
  }

  public convenience init(_ out: OutputDirectory) throws { try self.init(out, rowLimit: Int(LXW_ROW_MAX)) }

  init(_ out: OutputDirectory, rowLimit: Int) throws {
    self.rowLimit = rowLimit
    path = out.stagedPath(Self.fileName)
    let tmp = strdup(out.staging.path)
    defer { free(tmp) }
    var options = lxw_workbook_options()
    options.constant_memory = UInt8(LXW_TRUE.rawValue)
    options.tmpdir = tmp
    guard let wb = workbook_new_opt(path, &options) else { throw OutputError.notWritable(path, "cannot create the workbook") }
    workbook = wb
    // A fixed creation time (2000-01-01), so that reruns give the same bytes; 0 would mean now.
    var properties = lxw_doc_properties()
    properties.created = 946_684_800
    let title = strdup("xfreport analyze")
    defer { free(title) }
    properties.title = title
    let rc = workbook_set_properties(wb, &properties)
    guard rc == LXW_NO_ERROR else {
      lxw_workbook_free(wb)
      throw OutputError.notWritable(path, String(cString: lxw_strerror(rc)))
    }
    header = workbook_add_format(wb)
    format_set_bold(header)
    percent = workbook_add_format(wb)
    format_set_num_format(percent, "General\"%\"")
    for t in TableSchema.sheets {
      let s = Sheet(t)
      try addPart(s)
      sheets.append(s)
    }
    try writeReadme()
  }

  deinit {
    // A failed run: the staging folder, and the file in it, are discarded.
    if let workbook { lxw_workbook_free(workbook) }
  }

  private func addPart(_ s: Sheet) throws {
    let name = s.parts.isEmpty ? s.schema.name : "\(s.schema.name) (\(s.parts.count + 1))"
    guard let wb = workbook, let ws = workbook_add_worksheet(wb, name) else { throw OutputError.notWritable(path, "cannot add sheet \(name)") }
    worksheet_freeze_panes(ws, 1, 0)
    // Printed (or exported to PDF): A4 landscape, the header row and the first column (the
    // document) on every page, so a page of far-right columns still says whose row it is.
    worksheet_set_landscape(ws)
    worksheet_set_paper(ws, 9)
    try check(worksheet_repeat_rows(ws, 0, 0))
    if s.schema.columns.count > 1 { try check(worksheet_repeat_columns(ws, 0, 0)) }
    for (i, c) in s.schema.columns.enumerated() { try check(worksheet_write_string(ws, 0, lxw_col_t(i), c.name, header)) }
    s.parts.append(ws)
    s.row = 1
  }

  private func writeReadme() throws {
    guard let wb = workbook, let ws = workbook_add_worksheet(wb, "README") else { throw OutputError.notWritable(path, "cannot add sheet README") }
    let wrap = workbook_add_format(wb)
    format_set_text_wrap(wrap)
    format_set_align(wrap, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
    let top = workbook_add_format(wb)
    format_set_align(top, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
    let bold = workbook_add_format(wb)
    format_set_bold(bold)
    format_set_text_wrap(bold)
    format_set_align(bold, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
    worksheet_freeze_panes(ws, 1, 0)
    worksheet_set_landscape(ws)
    worksheet_set_paper(ws, 9)
    worksheet_fit_to_pages(ws, 1, 0)
    try check(worksheet_repeat_rows(ws, 0, 0))
    var rows: [(cells: [String], bold: Bool)] = [
      (["sheet", "column", "type", "description"], true),
      (["(all)", "", "", "xfreport analyze: one sheet per table, columns as in the CSV file of the same name; schema_version \(TableSchema.version), bumped when a column changes"], false),
      (["(all)", "", "", "percent: rates, shares and changes in percent, shown with a % sign (93.1 is 93.1%, the value stays 93.1 as in the CSV and SQLite outputs)"], false),
      (["(all)", "", "", "an empty cell with a note is a figure blanked in the source (xx件): it has no value; spans count Unicode code points of the decoded source, end exclusive"], false),
    ]
    for t in TableSchema.sheets {
      rows.append(([t.name, "", "", t.about], true))
      for c in t.columns { rows.append(([t.name, c.name, c.kind.rawValue, c.about], false)) }
    }
    var widths = [0, 0, 0]
    for (r, row) in rows.enumerated() {
      for (c, text) in row.cells.enumerated() where !text.isEmpty {
        try check(worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), text, row.bold ? bold : c == 3 ? wrap : top))
        if c < 3 { widths[c] = max(widths[c], Self.displayWidth(text)) }
      }
      // Spreadsheets do not all grow a row to its wrapped text (LibreOffice keeps the default).
      let lines = (Self.displayWidth(row.cells[3], upTo: .max) + 79) / 80
      if lines > 1 { try check(worksheet_set_row(ws, lxw_row_t(r), 15 * Double(lines), nil)) }
    }
    for (c, w) in widths.enumerated() { try check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), Double(w) + 2, nil)) }
    try check(worksheet_set_column(ws, 3, 3, 90, wrap))
  }

  /// A cell as the workbook holds it.
  enum Cell: Sendable {
    case empty
    case text(String)
    case number(Double)
    case percent(Double)
    case bool(Bool)
    /// A figure blanked in the source: an empty cell with a note.
    case blanked
  }

  /// One document's rows per sheet (in ``TableSchema/sheets`` order) and the widest cell per column.
  public struct Chunk: Sendable {
    var rows: [[[Cell]]] = Array(repeating: [], count: TableSchema.sheets.count)
    var widths: [[Int]] = TableSchema.sheets.map { Array(repeating: 0, count: $0.columns.count) }

    mutating func add(_ sheet: Int, _ body: (inout Row) -> Void) {
      var r = Row()
      body(&r)
      for (i, c) in r.cells.enumerated() { widths[sheet][i] = max(widths[sheet][i], XLSXAnalysisWriter.width(c)) }
      rows[sheet].append(r.cells)
    }
  }

  struct Row: TableRowSink {
    var cells: [Cell] = []
    mutating func text(_ s: String?) { cells.append(s.map { .text($0) } ?? .empty) }
    mutating func int(_ i: Int?) { cells.append(i.map { .number(Double($0)) } ?? .empty) }
    mutating func number(_ d: Decimal?) { cells.append(SQLiteAnalysisWriter.real(d).map { .number($0) } ?? .empty) }
    mutating func bool(_ b: Bool) { cells.append(.bool(b)) }

    /// Shows the cell at `i` as a percentage.
    mutating func percent(_ i: Int) { if case .number(let x) = cells[i] { cells[i] = .percent(x) } }
    mutating func blank(_ i: Int) { if case .empty = cells[i] { cells[i] = .blanked } }
  }

  static let sheetIndex = Dictionary(uniqueKeysWithValues: TableSchema.sheets.enumerated().map { ($1.name, $0) })
  static let summaryRates = TableSchema.summary.columns.indices.filter { TableSchema.summary.columns[$0].kind == .percent }
  /// The summary's key-figure columns: metric, unit class and column index.
  static let summaryCounts: [(metric: Metric, unitClass: UnitLexicon.UnitClass?, column: Int)] = ArticleSummarizer.countMetrics.flatMap { m in
    ArticleSummary.summaryClasses.map { u in (m, u, TableSchema.summary.columnNames.firstIndex(of: m.rawValue + "_" + ArticleSummary.columnSuffix(u))!) }
  }
  static let factValue = TableSchema.facts.columnNames.firstIndex(of: "value")!
  static let findingFigures = ["stated", "computed"].map { TableSchema.findings.columnNames.firstIndex(of: $0)! }

  public struct Renderer: DocumentRenderer {
    public func render(_ d: DocumentAnalysis, shared: SharedRendering) -> Chunk {
      var c = Chunk()
      let at = XLSXAnalysisWriter.sheetIndex
      if let failure = d.failure {
        c.add(at["errors"]!) { TableRows.error(d, failure, &$0) }
        return c
      }
      for a in d.articles {
        c.add(at["summary"]!) { r in
          TableRows.summary(a, &r)
          for i in XLSXAnalysisWriter.summaryRates { r.percent(i) }
          // Every count of the metric in that class is blanked.
          for k in XLSXAnalysisWriter.summaryCounts where a.keyFigure(k.metric, class: k.unitClass)?.placeholder == true { r.blank(k.column) }
        }
        for g in a.categories { c.add(at["categories"]!) { TableRows.category(a, g, &$0) } }
      }
      for (k, f) in d.facts.enumerated() {
        c.add(at["facts"]!) { r in
          TableRows.fact(d, k, &r)
          if f.unit == "%" { r.percent(XLSXAnalysisWriter.factValue) }
          if f.placeholder { r.blank(XLSXAnalysisWriter.factValue) }
        }
      }
      for f in d.findings {
        c.add(at["findings"]!) { r in
          TableRows.finding(f, in: d, &r)
          if f.rule == .rateMismatch || f.rule == .changeMismatch || f.figures.first?.unit == "%" {
            for i in XLSXAnalysisWriter.findingFigures { r.percent(i) }
          }
        }
      }
      for m in d.duplicates { c.add(at["duplicates"]!) { TableRows.duplicate(m, &$0) } }
      return c
    }
  }

  public func append(_ c: Chunk) throws {
    for (i, rows) in c.rows.enumerated() where !rows.isEmpty {
      try write(rows, to: sheets[i], widths: c.widths[i])
    }
  }

  private func write(_ rows: [[Cell]], to s: Sheet, widths: [Int]) throws {
    for (i, w) in widths.enumerated() { s.widths[i] = max(s.widths[i], w) }
    for cells in rows {
      if s.row >= rowLimit { try addPart(s) }
      let ws = s.parts[s.parts.count - 1]
      let r = lxw_row_t(s.row)
      for (i, cell) in cells.enumerated() {
        let col = lxw_col_t(i)
        switch cell {
        case .empty: break
        case .text(let t): try check(worksheet_write_string(ws, r, col, Self.fitting(t), nil))
        case .number(let x): try check(worksheet_write_number(ws, r, col, x, nil))
        case .percent(let x): try check(worksheet_write_number(ws, r, col, x, percent))
        case .bool(let b): try check(worksheet_write_boolean(ws, r, col, b ? 1 : 0, nil))
        case .blanked: try check(worksheet_write_comment(ws, r, col, Self.placeholderNote))
        }
      }
      s.row += 1
    }
  }

  public func finish(_ totals: CorpusTotals) throws {
    var c = Chunk()
    let at = Self.sheetIndex
    for key in totals.metrics.keys.sorted() { c.add(at["totals"]!) { TableRows.total(key, totals.metrics[key]!, &$0) } }
    for (name, t) in totals.rankedCategories { c.add(at["category_totals"]!) { TableRows.categoryTotal(name, t, &$0) } }
    try append(c)
    for s in sheets {
      for (k, ws) in s.parts.enumerated() {
        let last = k == s.parts.count - 1 ? s.row - 1 : rowLimit - 1
        try check(worksheet_autofilter(ws, 0, 0, lxw_row_t(last), lxw_col_t(s.schema.columns.count - 1)))
        for (i, w) in s.widths.enumerated() {
          // Room for the filter button beside the header.
          try check(worksheet_set_column(ws, lxw_col_t(i), lxw_col_t(i), min(Double(w) + 3, Self.maxWidth), nil))
        }
      }
    }
    guard let wb = workbook else { return }
    workbook = nil
    let rc = workbook_close(wb)
    guard rc == LXW_NO_ERROR else { throw OutputError.notWritable(path, String(cString: lxw_strerror(rc))) }
    // Durable before the run renames it into place, as the other outputs are.
    do {
      let h = try FileHandle(forUpdating: URL(fileURLWithPath: path))
      try h.synchronize()
      try h.close()
    } catch { throw OutputError.notWritable(path, "\(error.localizedDescription)") }
  }

  private func check(_ rc: lxw_error) throws {
    guard rc == LXW_NO_ERROR else { throw OutputError.notWritable(path, String(cString: lxw_strerror(rc))) }
  }

  /// Text within Excel's cell limit (longer text is cut, with … at the end).
  static func fitting(_ t: String) -> String {
    guard t.unicodeScalars.count > cellLimit else { return t }
    var s = String.UnicodeScalarView(t.unicodeScalars.prefix(cellLimit - 1))
    s.append("…")
    return String(s)
  }

  static func width(_ c: Cell) -> Int {
    switch c {
    case .empty, .blanked: 0
    case .text(let t): displayWidth(t)
    case .number(let x): String(x).utf8.count
    case .percent(let x): String(x).utf8.count + 1
    case .bool: 5
    }
  }

  /// Columns a text takes: East Asian wide and fullwidth characters count 2. Stops counting
  /// past the widest column, as long cells (evidence clauses) are cut there anyway.
  static func displayWidth(_ t: String, upTo limit: Int = Int(maxWidth)) -> Int {
    var w = 0
    for u in t.unicodeScalars {
      let v = u.value
      let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
      w += wide ? 2 : 1
      if w > limit { break }
    }
    return w
  }
}
