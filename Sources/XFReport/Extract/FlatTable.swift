/// A table a scraper flattened to one cell per line (`电话 |`, `34859 |`, `90.67% |`): the run of
/// such lines, its cells, and its header (the cells before the first number). Table cells hold
/// bare numbers whose meaning is the row label or the column header, not the words around them.
struct FlatTable {
  let range: Range<Int>
  /// Each cell's text range, without the separator and spaces.
  let cells: [Range<Int>]
  /// How many cells lead the table before its first number.
  let headerCount: Int
}

/// The flattened tables of a document, found once per document from its lines.
struct FlatTableIndex {
  /// Longest table read (cells); a longer run of cell lines is read as several.
  static let maxCells = 512
  let tables: [FlatTable]

  init(tables: [FlatTable]) { self.tables = tables }

  init(_ s: [Unicode.Scalar], lines: [Range<Int>], markers: MarkerTable) {
    var tables: [FlatTable] = []
    var cells: [Range<Int>] = []
    var start = 0
    func close() {
      if cells.count >= 4 {
        let header = cells.prefix { !Self.isNumber(s, $0) }.count
        tables.append(FlatTable(range: start..<(cells.last!.upperBound), cells: cells, headerCount: header))
      }
      cells = []
    }
    for line in lines {
      var hi = line.upperBound
      while hi > line.lowerBound, s[hi - 1] == " " { hi -= 1 }
      guard hi > line.lowerBound, markers.has(.tableCell, s[hi - 1]) else {
        close()
        continue
      }
      var lo = line.lowerBound
      while lo < hi - 1, s[lo] == " " || markers.has(.tableCell, s[lo]) { lo += 1 }
      var end = hi - 1
      while end > lo, s[end - 1] == " " { end -= 1 }
      if cells.isEmpty { start = line.lowerBound }
      cells.append(lo..<max(lo, end))
      if cells.count >= Self.maxCells { close() }
    }
    close()
    self.tables = tables
  }

  /// A cell holding only a number (digits, sign, point, separators, %).
  static func isNumber(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
    guard !r.isEmpty else { return false }
    return s[r].allSatisfy { $0.isASCIIDigit || $0 == "." || $0 == "%" || $0 == "-" || $0 == "+" || $0 == "," }
      && s[r].contains { $0.isASCIIDigit }
  }

  /// The table and the index of the cell that holds `position`, by binary search.
  func cell(at position: Int) -> (table: FlatTable, cell: Int)? {
    let t = tables.partitioningIndex { $0.range.upperBound > position }
    guard t < tables.count, tables[t].range.contains(position) else { return nil }
    let cells = tables[t].cells
    let c = cells.partitioningIndex { $0.upperBound > position }
    guard c < cells.count, cells[c].contains(position) else { return nil }
    return (tables[t], c)
  }
}

/// Where a number in a flattened table stands: its row label and the table's header.
struct TableCellContext {
  /// The nearest text cell before the number (its row label), if within reach.
  let label: Range<Int>?
  /// The label is one of the header's cells (the first row).
  let labelInHeader: Bool
  let header: ArraySlice<Range<Int>>
  /// The cell before is a number, or an empty or `/` cell after one: the number continues a row.
  let previousIsNumber: Bool
  /// The header has comparison columns (同比, 环比).
  let headerCompares: Bool

  /// How many cells back a row label is looked for (label, count, share, change, change).
  static let labelReach = 4

  init(table t: FlatTable, cell c: Int, s: [Unicode.Scalar], qualifiers: [CueLexicon<QualifierRole>.Occurrence]) {
    header = t.cells.prefix(t.headerCount)
    headerCompares = header.contains { h in qualifiers.occurrences(within: h).contains { $0.value == .compare } }
    var label: Range<Int>? = nil
    var k = c - 1
    while k >= 0, c - k <= Self.labelReach {
      let r = t.cells[k]
      if !r.isEmpty, !FlatTableIndex.isNumber(s, r), s[r].contains(where: { $0.isHan }) { label = r; break }
      k -= 1
    }
    self.label = label
    labelInHeader = k >= 0 && k < t.headerCount
    previousIsNumber = c > 0 && FlatTableIndex.isNumber(s, t.cells[c - 1])
  }
}
