/// A table of a document as its container laid it out (HTML `<table>`, DOCX `w:tbl`, a PDF page's
/// aligned rows): cells on a grid, merged cells expanded, each cell with its text and its span in
/// code points of the ``SourceText`` — the coordinates of every span xfreport publishes.
public struct TableGrid: Sendable {
  public struct Cell: Sendable {
    /// The cell's text as read (the container's text, before normalisation).
    public let text: String
    /// The cell's text in the source; empty (at the cell's place) for an empty cell.
    public let span: SourceSpan
    /// The top-left slot the cell covers, and how many rows and columns it covers.
    public let row: Int
    public let column: Int
    public let rowSpan: Int
    public let columnSpan: Int
    /// Marked as a header cell by its container (`<th>`).
    public let isHeader: Bool
    /// The cell's text in ``NormalizedText`` (set once the text is normalised).
    public internal(set) var range: Range<Int> = 0..<0
  }

  /// A cell as a reader finds it, before merges are laid on the grid.
  struct RawCell {
    var text: String
    var span: SourceSpan
    var rowSpan = 1
    var columnSpan = 1
    /// DOCX `w:vMerge` without `restart`: the cell goes on with the one above it.
    var continuesAbove = false
    var isHeader = false
    /// The column the cell stands in, where its container says (a PDF row's cells by position):
    /// the slots before it stay empty.
    var column: Int? = nil
  }

  public internal(set) var cells: [Cell]
  public let rowCount: Int
  public let columnCount: Int
  /// The table's extent in the source, its caption excluded.
  public let span: SourceSpan
  /// A caption the container names (`<caption>`), if any.
  public let caption: SourceSpan?
  /// The index of the cell at each slot, row by row (nil: a slot no cell covers).
  private let slots: [[Int?]]

  /// Lays rows of cells on a grid: a cell takes the first free slot of its row, a `rowspan`
  /// or `colspan` covers the slots below and to the right, a continuation (`w:vMerge`) extends
  /// the cell above in its column.
  init(rows: [[RawCell]], span: SourceSpan, caption: SourceSpan? = nil) {
    // Bounds on spans: a hostile rowspan of 10^6 must not allocate a million rows.
    let maxSpan = 1000
    var slots: [[Int?]] = []
    var cells: [Cell] = []
    func ensure(_ r: Int, _ c: Int) {
      while slots.count <= r { slots.append([]) }
      while slots[r].count <= c { slots[r].append(nil) }
    }
    // And on the whole grid: past this many slots the rest of the table is not laid out.
    let maxSlots = 1 << 21
    var slotCount = 0
    for (r, row) in rows.enumerated() {
      slotCount += slots.last?.count ?? 0
      if slotCount > maxSlots { break }
      ensure(r, 0)
      var c = 0
      for raw in row {
        if let want = raw.column, want > c { c = min(want, maxSpan) }
        while c < slots[r].count, slots[r][c] != nil { c += 1 }
        let cs = max(1, min(raw.columnSpan, maxSpan))
        if raw.continuesAbove, r > 0, c < slots[r - 1].count, let above = slots[r - 1][c] {
          let a = cells[above]
          cells[above] = Cell(text: a.text, span: a.span, row: a.row, column: a.column, rowSpan: r - a.row + 1, columnSpan: a.columnSpan, isHeader: a.isHeader)
          for k in a.column..<(a.column + a.columnSpan) {
            ensure(r, k)
            slots[r][k] = above
          }
          c = a.column + a.columnSpan
          continue
        }
        let rs = max(1, min(raw.rowSpan, maxSpan, rows.count - r))
        let index = cells.count
        cells.append(Cell(text: raw.text, span: raw.span, row: r, column: c, rowSpan: rs, columnSpan: cs, isHeader: raw.isHeader))
        for rr in r..<(r + rs) {
          for cc in c..<(c + cs) {
            ensure(rr, cc)
            if slots[rr][cc] == nil { slots[rr][cc] = index }
          }
        }
        c += cs
      }
    }
    let columns = slots.map(\.count).max() ?? 0
    self.slots = slots.map { $0 + Array(repeating: nil, count: columns - $0.count) }
    self.cells = cells
    rowCount = slots.count
    columnCount = columns
    self.span = span
    self.caption = caption
  }

  /// The index into ``cells`` of the cell covering a slot.
  public func cell(row: Int, column: Int) -> Int? {
    guard row >= 0, row < rowCount, column >= 0, column < columnCount else { return nil }
    return slots[row][column]
  }

  /// The table with each cell's range in `text`: the normalised positions whose source lies
  /// in the cell's span (normalisers keep the text in source order).
  func located(in text: NormalizedText) -> TableGrid {
    var t = self
    t.cellsLocated(text)
    return t
  }

  private mutating func cellsLocated(_ text: NormalizedText) {
    var located = cells
    for k in located.indices {
      let span = located[k].span
      let lo = Self.firstPosition(in: text, atOrAfter: span.start)
      var hi = Self.firstPosition(in: text, atOrAfter: span.end)
      if span.isEmpty { hi = lo }
      located[k].range = lo..<max(lo, hi)
    }
    cells = located
  }

  /// The first normalised position whose source starts at or after `source`.
  static func firstPosition(in text: NormalizedText, atOrAfter source: Int) -> Int {
    var lo = 0, hi = text.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if text.map.startOf(mid) >= source { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }
}

extension SourceSpan {
  var isEmpty: Bool { start == end }
}
