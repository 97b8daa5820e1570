import Foundation

/// Reads the facts of a document's tables (``Document/tables``): a value cell takes its metric
/// from the row or column header (the cue vocabulary of metrics.tsv), its period from a header
/// (periods.tsv), its unit from the cell, a header or the caption (`单位：件`, `（批次/人次）`);
/// a totals row or column (`合计`) is the column's (the row's) metric, else the caption's, else
/// `received`; a change column (`同比`) gives changes of the row's metric, a share column
/// (`占比`) shares. Table words are tables.tsv's; every fact names its rule (`table.*`).
struct TableReader {
  let dictionaries: Dictionaries

  /// Longest text of a data table's cell: a table with a longer one lays out a page.
  static let maxCellLength = 80
  /// How long a line before the table may be to caption it.
  static let maxCaptionLength = 60

  /// A table's facts and what the reader decided.
  struct Read {
    var facts: [Fact] = []
    var explanations: [(fact: Int, rule: RuleID, why: String, headers: String)] = []
    /// The normalised ranges of the data tables' rows: prose extraction leaves them alone.
    var covered: [Range<Int>] = []
  }

  /// What a header (or a caption) says.
  struct Context {
    var metric: MetricCue? = nil
    var metricTerm: String? = nil
    var handling: MetricCue? = nil
    var rate: MetricCue? = nil
    var intake: MetricCue? = nil
    var total = false
    var subtotal = false
    var change = false
    var share = false
    var percent = false
    var direction: QualifierRole? = nil
    var units: [(unit: String, cls: UnitLexicon.UnitClass)] = []
    var category: String? = nil
    var period: Period? = nil
    var text = ""

    /// The metric of a count this header names, outcomes first (办结 over 来访), the intake verb last.
    var countMetric: Metric? { (handling ?? metric ?? intake)?.metric }
  }

  /// How a cell reads: a value (numbers, with units, signs, change words), a label, or empty.
  enum Shape { case value, label, empty }

  func read(_ doc: Document, occurrences: CueOccurrences, periods: PeriodFinder.Index) -> Read {
    var read = Read()
    for (t, table) in doc.tables.enumerated() { self.read(table, index: t, doc: doc, occurrences: occurrences, periods: periods, into: &read) }
    read.covered.sort { $0.lowerBound < $1.lowerBound }
    return read
  }

  private func numbers(_ doc: Document, in r: Range<Int>) -> ArraySlice<NumberMatch> {
    let lo = doc.numbers.partitioningIndex { $0.range.lowerBound >= r.lowerBound }
    let hi = doc.numbers[lo...].partitioningIndex { $0.range.lowerBound >= r.upperBound }
    return doc.numbers[lo..<hi]
  }

  /// A cell is a value when, past its numbers, their units (of a petition class), `%`, signs,
  /// qualifier and table words, only punctuation remains (`412件`, `-8.3%`, `下降8.6%`, `56/130`).
  func shape(_ doc: Document, _ r: Range<Int>, occurrences: CueOccurrences) -> Shape {
    let s = doc.normalized.scalars
    guard s[r].contains(where: { $0.isHan || $0.isASCIIDigit || $0.properties.isAlphabetic || $0.properties.numericType != nil }) else { return .empty }
    var covered = [Bool](repeating: false, count: r.count)
    func cover(_ x: Range<Int>) {
      let lo = max(x.lowerBound, r.lowerBound), hi = min(x.upperBound, r.upperBound)
      guard lo < hi else { return }
      for i in lo..<hi { covered[i - r.lowerBound] = true }
    }
    var any = false
    for m in numbers(doc, in: r) where m.range.upperBound <= r.upperBound {
      var end = m.range.upperBound
      if let p = dictionaries.markers.longest(.pointsUnit, in: s, at: end) {
        end += p
      } else if let u = dictionaries.units.unit(s, at: end, limit: r.upperBound) {
        // 2023年, 1月, 120万元: a date or another measure, a label.
        if u.cls == .other { continue }
        end += u.length
      }
      cover(m.range.lowerBound..<end)
      any = true
    }
    guard any else { return .label }
    for q in occurrences.qualifiers.occurrences(within: r) { cover(q.range) }
    for w in dictionaries.tableWords.occurrences(in: s, r) { cover(w.range) }
    for (k, c) in s[r].enumerated() where !covered[k] {
      if c.isHan || c.properties.isAlphabetic { return .label }
    }
    return .value
  }

  /// What the text of `ranges` says (a header's cells, outer first, or caption lines).
  func context(_ doc: Document, _ ranges: [Range<Int>], occurrences: CueOccurrences, periods: PeriodFinder.Index, caption: Bool = false) -> Context {
    let s = doc.normalized.scalars
    var c = Context()
    let w = dictionaries.periods
    for r in ranges where !r.isEmpty {
      if !c.text.isEmpty { c.text += " / " }
      c.text += doc.text(r)
      // Inner cells override outer ones: 越级访 over 进京访 is read as 进京访.
      for m in occurrences.metrics.occurrences(within: r) {
        let v = m.value
        if v.isRate { c.rate = v } else if v.isIntake { c.intake = v } else if v.metric.isHandling { c.handling = v; c.metricTerm = m.term } else { c.metric = v; c.metricTerm = m.term }
      }
      if let cat = occurrences.categories.occurrences(within: r).last { c.category = cat.value }
      for q in occurrences.qualifiers.occurrences(within: r) where q.value == .increase || q.value == .decrease { c.direction = q.value }
      for t in dictionaries.tableWords.occurrences(in: s, r) {
        switch t.value {
        case .total: c.total = true
        case .subtotal: c.subtotal = true
        case .change: c.change = true
        case .share: c.share = true
        case .unitLabel, .unitSuffix: break
        }
      }
      if s[r].contains(where: { $0 == "%" || $0 == "％" }) { c.percent = true }
      c.units += units(in: doc, r, caption: caption, occurrences: occurrences)
      // A year (2023年) or a month (5月) names the period.
      let k = periods.mentions.partitioningIndex { $0.position >= r.lowerBound }
      if k < periods.mentions.count, periods.mentions[k].position < r.upperBound {
        c.period = periods.mentions[k].period
      } else if let m = numbers(doc, in: r).first, let v = m.value, v >= 1, v <= 12, case let n = NSDecimalNumber(decimal: v).intValue, Decimal(n) == v,
        let month = w.word(w.months, in: s, at: m.range.upperBound)
      {
        c.period = Period(year: nil, part: .month(n), text: doc.text(m.range.lowerBound..<(m.range.upperBound + month.count)))
      }
    }
    return c
  }

  /// Units a header or caption names: a unit word standing alone or after a cue (人次, 来访人次),
  /// before a count suffix (件数), in brackets or after 单位 (（件）, 单位：件, （批次/人次）).
  /// In a caption only the bracketed ones and those after 单位 count.
  func units(in doc: Document, _ r: Range<Int>, caption: Bool, occurrences: CueOccurrences) -> [(unit: String, cls: UnitLexicon.UnitClass)] {
    let s = doc.normalized.scalars
    let words = dictionaries.tableWords.occurrences(in: s, r)
    var labelEnds = Set(words.filter { $0.value == .unitLabel }.map(\.range.upperBound))
    // 单位：件 — the colon (or a space) after the label.
    for e in Array(labelEnds) where e < r.upperBound && ":：　 ".unicodeScalars.contains(s[e]) { labelEnds.insert(e + 1) }
    let suffixStarts = Set(words.filter { $0.value == .unitSuffix }.map(\.range.lowerBound))
    let cueEnds = Set(caption ? [] : occurrences.metrics.occurrences(within: r).map(\.range.upperBound))
    let openers = "(（[【".unicodeScalars, closers = ")）]】".unicodeScalars, joiners = "/／、".unicodeScalars
    var result: [(String, UnitLexicon.UnitClass)] = []
    var inBracket = false
    var i = r.lowerBound
    var lastUnitEnd = -1
    while i < r.upperBound {
      let c = s[i]
      if openers.contains(c) { inBracket = true; i += 1; continue }
      if closers.contains(c) { inBracket = false; i += 1; continue }
      guard let u = dictionaries.units.unit(s, at: i, limit: r.upperBound), u.cls != .other else { i += 1; continue }
      let end = i + u.length
      let before: Bool = {
        if labelEnds.contains(i) { return true }
        if i > r.lowerBound, joiners.contains(s[i - 1]), lastUnitEnd == i - 1 { return true }
        if caption { return inBracket && (i > r.lowerBound && openers.contains(s[i - 1])) }
        return i == r.lowerBound || openers.contains(s[i - 1]) || cueEnds.contains(i) || s[i - 1] == " "
      }()
      let after = end == r.upperBound || closers.contains(s[end]) || openers.contains(s[end]) || joiners.contains(s[end]) || suffixStarts.contains(end)
        || s[end] == " "
      if before, after {
        result.append((u.unit, u.cls))
        lastUnitEnd = end
      }
      i = end
    }
    return result
  }

  private func read(_ table: TableGrid, index t: Int, doc: Document, occurrences: CueOccurrences, periods: PeriodFinder.Index, into read: inout Read) {
    let s = doc.normalized.scalars
    guard table.rowCount >= 2, table.columnCount >= 2, !table.cells.isEmpty else { return }
    guard table.cells.allSatisfy({ $0.range.count <= Self.maxCellLength }) else { return }
    let shapes = table.cells.map { shape(doc, $0.range, occurrences: occurrences) }
    func shapeAt(_ r: Int, _ c: Int) -> Shape { table.cell(row: r, column: c).map { shapes[$0] } ?? .empty }
    // Header rows: the leading rows without a value; header columns: the leading columns
    // without a value below the header rows.
    var h = 0
    while h < table.rowCount, !(0..<table.columnCount).contains(where: { shapeAt(h, $0) == .value }) { h += 1 }
    guard h < table.rowCount else { return }
    var hc = 0
    while hc < table.columnCount, !(h..<table.rowCount).contains(where: { shapeAt($0, hc) == .value }) { hc += 1 }
    guard hc < table.columnCount, shapes.filter({ $0 == .value }).count >= 2 else { return }

    // The row ranges are prose no more.
    // One pass over the cells (a table may have thousands of rows).
    var rowRanges = [Range<Int>](repeating: 0..<0, count: table.rowCount)
    for cell in table.cells where !cell.range.isEmpty {
      let r = rowRanges[cell.row]
      rowRanges[cell.row] = r.isEmpty ? cell.range : min(r.lowerBound, cell.range.lowerBound)..<max(r.upperBound, cell.range.upperBound)
    }
    let first = table.cells.filter { !$0.range.isEmpty }.map(\.range.lowerBound).min() ?? 0
    let last = table.cells.map(\.range.upperBound).max() ?? 0
    if first < last { read.covered.append(first..<last) }

    var caption = context(doc, captionRanges(doc, table, first: first, last: last, after: false), occurrences: occurrences, periods: periods, caption: true)
    if caption.units.isEmpty {
      caption.units = context(doc, captionRanges(doc, table, first: first, last: last, after: true), occurrences: occurrences, periods: periods, caption: true).units
    }
    func distinct(_ slots: [Int?]) -> [Int] {
      var seen = Set<Int>(), out: [Int] = []
      for case let k? in slots where seen.insert(k).inserted { out.append(k) }
      return out
    }
    var columnContexts: [Int: Context] = [:]
    func columnContext(_ c: Int) -> Context {
      if let x = columnContexts[c] { return x }
      let cells = distinct((0..<h).map { table.cell(row: $0, column: c) }).filter { shapes[$0] == .label }
      let x = context(doc, cells.map { table.cells[$0].range }, occurrences: occurrences, periods: periods)
      columnContexts[c] = x
      return x
    }
    let rows = (0..<table.rowCount).map { r -> Context in
      guard r >= h else { return Context() }
      let rowCells = distinct((0..<hc).map { table.cell(row: r, column: $0) }).filter { shapes[$0] == .label }
      return context(doc, rowCells.map { table.cells[$0].range }, occurrences: occurrences, periods: periods)
    }
    func isValue(_ r: Int, _ c: Int) -> Bool {
      guard let k = table.cell(row: r, column: c) else { return false }
      return table.cells[k].row == r && table.cells[k].column == c && shapes[k] == .value
    }
    // The metrics of the parts, cell by cell, that totals add up.
    let breakdown = rows.contains { $0.category != nil }
    var parts: [[Metric?]] = Array(repeating: Array(repeating: nil, count: table.columnCount), count: table.rowCount)
    for r in h..<table.rowCount where !rows[r].total && !rows[r].subtotal && !rows[r].change && !rows[r].share {
      for c in hc..<table.columnCount where isValue(r, c) {
        let column = columnContext(c)
        guard !column.total, !column.subtotal, !column.change, !column.share, column.rate == nil, rows[r].rate == nil,
          let d = decide(row: rows[r], column: column, caption: caption, partsOfColumn: nil, partsOfRow: nil, breakdown: breakdown && rows[r].countMetric == nil),
          d.kind == .count
        else { continue }
        parts[r][c] = d.metric
      }
    }
    // What each row's parts are (its first part's metric), and what each column's rows add up to.
    let rowPart = parts.map { $0.lazy.compactMap { $0 }.first }
    var columnTotals: [Int: Metric?] = [:]
    func ofColumn(_ c: Int) -> Metric? {
      if let x = columnTotals[c] { return x }
      // A totals row adds up the rows (whatever column states them: a row's figure may be in
      // another unit's column, the cell here left empty).
      let x = Self.total(of: (h..<table.rowCount).compactMap { r in parts[r][c] ?? rowPart[r] })
      columnTotals[c] = x
      return x
    }
    var sentence = 0
    for r in h..<table.rowCount {
      let row = rows[r]
      let evidence = rowRanges[r].isEmpty ? nil : rowRanges[r]
      // The unit of the row's last count, for a change column that names none.
      var rowUnit: (String, UnitLexicon.UnitClass?)? = nil
      var rowMetric: Metric? = nil
      for c in hc..<table.columnCount {
        guard let k = table.cell(row: r, column: c), table.cells[k].row == r, table.cells[k].column == c, shapes[k] == .value else { continue }
        let cell = table.cells[k]
        let column = columnContext(c)
        let numbers = self.numbers(doc, in: cell.range).filter { m in
          m.range.upperBound <= cell.range.upperBound && dictionaries.units.unit(s, at: m.range.upperBound, limit: cell.range.upperBound).map { $0.cls != .other } ?? true
        }
        let headerUnits = !column.units.isEmpty ? column.units : !row.units.isEmpty ? row.units : caption.units
        for (n, m) in numbers.enumerated() {
          while sentence + 1 < doc.sentences.count, doc.sentences[sentence].range.upperBound <= m.range.lowerBound { sentence += 1 }
          guard sentence < doc.sentences.count else { break }
          let isTotal = row.total || row.subtotal || column.total || column.subtotal
          let ofRow = !isTotal ? nil : Self.total(of: (hc..<table.columnCount).compactMap { parts[r][$0] } + (row.total ? (hc..<table.columnCount).compactMap { cc in ofColumn(cc) ?? columnContext(cc).countMetric } : []))
          guard var decision = decide(row: row, column: column, caption: caption, partsOfColumn: isTotal ? ofColumn(c) : nil, partsOfRow: ofRow, breakdown: breakdown && row.countMetric == nil) else { continue }
          // A totals row's change or share is of the total stated before it in the row.
          if decision.kind == .change || decision.kind == .share, row.total, let m = rowMetric {
            decision = Decision(kind: decision.kind, metric: m, rule: decision.rule, why: decision.why + "; of the row's total")
          }
          if decision.kind == .count { rowMetric = decision.metric }
          // Unit: the cell's own, a header's (by position where several), the caption's.
          var unit = ""
          var cls: UnitLexicon.UnitClass? = nil
          var end = m.range.upperBound
          if m.isPercent {
            unit = "%"
          } else if let p = dictionaries.markers.longest(.pointsUnit, in: s, at: end) {
            unit = "pp"
            end += p
          } else if let u = dictionaries.units.unit(s, at: end, limit: cell.range.upperBound) {
            unit = u.unit
            cls = u.cls
          } else if decision.kind == .rate || decision.kind == .share || (decision.kind == .change && (column.percent || row.percent)) {
            unit = "%"
          } else if !headerUnits.isEmpty {
            let u = headerUnits.count == numbers.count ? headerUnits[n] : headerUnits.count > 1 && headerUnits.count == table.columnCount - hc ? headerUnits[c - hc] : headerUnits[0]
            (unit, cls) = (u.unit, u.cls)
          } else if decision.kind == .change, let u = rowUnit {
            (unit, cls) = u
          }
          if decision.kind == .count, cls != nil { rowUnit = (unit, cls) }
          if decision.kind == .change, unit.isEmpty { continue }
          if decision.kind == .rate || decision.kind == .share, unit != "%" { continue }
          // A sign before the number (-8.3%), a change word in the cell (下降8.6%), else the header's.
          var lo = m.range.lowerBound
          var direction: QualifierRole? = nil
          if lo > cell.range.lowerBound, let d = dictionaries.markers.signDirection(s[lo - 1]) {
            direction = d
            lo -= 1
          } else if let q = occurrences.qualifiers.occurrences(within: cell.range.lowerBound..<m.range.lowerBound).last(where: { $0.value == .increase || $0.value == .decrease }) {
            direction = q.value
          } else {
            direction = column.direction ?? row.direction
          }
          var value = m.isPlaceholder ? nil : m.value
          if decision.kind == .change, direction == .decrease, let v = value { value = -v }
          let sent = doc.sentences[sentence]
          let period = row.period ?? column.period ?? caption.period
          var p = period
          if p != nil, p!.year == nil { p!.year = (column.period ?? caption.period ?? periods.headings[sent.article])?.year }
          let ev = evidence ?? cell.range
          var fact = Fact(
            kind: decision.kind, metric: decision.metric, value: value, unit: unit, unitClass: cls, range: lo..<m.range.upperBound,
            span: doc.sourceSpan(lo..<m.range.upperBound), approx: m.isApproximate, bound: nil, target: false,
            category: decision.kind == .count ? (row.category ?? column.category) : nil, placeholder: m.isPlaceholder,
            evidence: doc.text(ev), evidenceSpan: doc.sourceSpan(ev), evidenceRange: ev, rule: decision.rule, article: sent.article,
            period: p ?? periods.period(at: m.range.lowerBound, article: sent.article, sentence: sent.range), sentence: sentence)
          fact.tooLarge = m.isTooLarge
          fact.cell = TableCellRef(table: t, row: r, column: c, totalRow: row.total, totalColumn: column.total, subtotal: row.subtotal || column.subtotal)
          read.explanations.append((read.facts.count, decision.rule, decision.why, "row: \(row.text) · column: \(column.text) · caption: \(caption.text)"))
          read.facts.append(fact)
        }
      }
    }
  }

  /// The lines that caption a table: a `<caption>`, the short line right before it, and a short
  /// line right after it (`注：单位：件`).
  private func captionRanges(_ doc: Document, _ table: TableGrid, first: Int, last: Int, after: Bool) -> [Range<Int>] {
    let s = doc.normalized.scalars
    var out: [Range<Int>] = []
    if after {
      var a = last
      while a < s.count, s[a] == "\n" || s[a] == " " { a += 1 }
      var z = a
      while z < s.count, s[z] != "\n" { z += 1 }
      if a < z, z - a <= Self.maxCaptionLength, dictionaries.tableWords.occurrences(in: s, a..<z).contains(where: { $0.value == .unitLabel }) { out.append(a..<z) }
      return out
    }
    if let c = table.caption {
      let lo = TableGrid.firstPosition(in: doc.normalized, atOrAfter: c.start), hi = TableGrid.firstPosition(in: doc.normalized, atOrAfter: c.end)
      if lo < hi { out.append(lo..<hi) }
    }
    // The line before: back over the line break(s) to the previous line.
    var e = first
    while e > 0, s[e - 1] == "\n" || s[e - 1] == " " { e -= 1 }
    var b = e
    while b > 0, s[b - 1] != "\n" { b -= 1 }
    if b < e, e - b <= Self.maxCaptionLength, !out.contains(where: { $0.overlaps(b..<e) }) { out.append(b..<e) }
    return out
  }

  struct Decision {
    let kind: FactKind
    let metric: Metric
    let rule: RuleID
    let why: String
  }

  /// Kind, metric and rule of a value cell from its row and column headers and the caption.
  /// The metric a total of parts of these metrics has: theirs where they share one, the whole
  /// intake where they are channels (来信 + 来访 + 网上信访), else none.
  static func total(of parts: [Metric]) -> Metric? {
    let set = Set(parts)
    if set.count == 1 { return set.first }
    if set.count > 1, set.isSubset(of: ConsistencyChecker.partitions[0]) { return .received }
    return nil
  }

  /// `partsOfColumn`, `partsOfRow`: what the cell's column (row) adds up where it is a total;
  /// `breakdown`: other rows of the table are categories (a row without a cue is one more).
  private func decide(row: Context, column: Context, caption: Context, partsOfColumn: Metric?, partsOfRow: Metric?, breakdown: Bool) -> Decision? {
    func fallback(_ parts: Metric?) -> (Metric, String) {
      if let parts { return (parts, "what its parts add up to") }
      if let c = caption.countMetric { return (c, "the caption's metric") }
      return (.received, "the whole intake")
    }
    // The metric of the count a row (or column) is about, where the other header totals or compares.
    func countMetric() -> (Metric, RuleID, String)? {
      if row.total && column.total { let (m, w) = fallback(partsOfRow); return (m, .tableTotalRow, "a total of totals: \(w)") }
      if row.total || row.subtotal {
        if let m = column.countMetric { return (m, .tableTotalRow, "a totals row: the column's metric") }
        let (m, w) = fallback(partsOfColumn)
        return (m, .tableTotalRow, "a totals row: \(w)")
      }
      if column.total || column.subtotal {
        if let m = row.countMetric { return (m, .tableTotalRow, "a totals column: the row's metric") }
        let (m, w) = fallback(partsOfRow)
        return (m, .tableTotalRow, "a totals column: \(w)")
      }
      // An outcome outranks the petitions it concludes (来访 × 办结 → resolved).
      if let hd = row.handling ?? column.handling, (row.handling != nil || row.metric == nil) {
        return (hd.metric, row.handling != nil ? .tableRowHeader : .tableColumnHeader, "an outcome in a header")
      }
      if let v = row.metric ?? (column.metric == nil ? row.intake : nil) { return (v.metric, .tableRowHeader, "the row header names it") }
      if let v = column.handling ?? column.metric ?? row.intake ?? column.intake { return (v.metric, .tableColumnHeader, "the column header names it") }
      if row.category != nil || column.category != nil || breakdown { return (.received, .tableRowHeader, "a breakdown line of the intake") }
      if let v = caption.countMetric { return (v, .tableColumnHeader, "the caption names it") }
      return nil
    }
    if row.change || column.change {
      let rate = row.rate ?? column.rate
      if let rate { return Decision(kind: .change, metric: rate.metric, rule: .tableChangeColumn, why: "a change of the rate in a header") }
      guard let (metric, _, why) = countMetric() else { return nil }
      return Decision(kind: .change, metric: metric, rule: .tableChangeColumn, why: "a change column; \(why)")
    }
    if row.share || column.share {
      guard let (metric, _, why) = countMetric() else { return nil }
      return Decision(kind: .share, metric: metric, rule: .tableShareColumn, why: "a share column; \(why)")
    }
    if let rate = row.rate ?? column.rate {
      return Decision(kind: .rate, metric: rate.metric, rule: row.rate != nil ? .tableRowHeader : .tableColumnHeader, why: "a rate named in a header")
    }
    guard let (metric, rule, why) = countMetric() else {
      return Decision(kind: .count, metric: .other, rule: .fallbackOther, why: "no header names a metric")
    }
    return Decision(kind: .count, metric: metric, rule: rule, why: why)
  }
}

/// Where a table fact stands: its table (index into ``Document/tables``), row and column, and
/// whether the row or column is a totals one (合计) or a subtotal (小计).
public struct TableCellRef: Sendable, Hashable {
  public let table: Int
  public let row: Int
  public let column: Int
  public let totalRow: Bool
  public let totalColumn: Bool
  public let subtotal: Bool
}

/// What a word of tables.tsv does in a table's header.
public enum TableRole: String, Sendable, Hashable, CaseIterable {
  case total, subtotal, change, share
  case unitLabel = "unit_label"
  case unitSuffix = "unit_suffix"
}
