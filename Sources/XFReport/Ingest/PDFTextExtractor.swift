import CPDF
import Foundation
import Synchronization

/// A PDF read through poppler: the source text (the pages' text in poppler's reading order,
/// joined by form feeds), where each page starts in it, and the analysis text, in which running
/// headers, footers and page numbers are dropped and lines wrapped inside a paragraph are joined.
struct PDFText {
  let source: SourceText
  /// Source offset of each page's first character; page k (1-based) starts at `pageStarts[k - 1]`.
  let pageStarts: [Int]
  let text: NormalizedText
  /// Runs of table rows (``PDFTextExtractor/tables(_:source:)``).
  var tables: [TableGrid] = []
}

struct PDFTextExtractor {
  let maxPages: Int
  /// Refuse a PDF whose extracted text passes this many UTF-8 bytes (compressed streams).
  let maxTextBytes: Int

  init(maxPages: Int = 10_000, maxTextBytes: Int = 256 << 20) {
    self.maxPages = maxPages
    self.maxTextBytes = maxTextBytes
  }

  /// poppler's global state (GlobalParams, font and CMap caches) is shared by every document,
  /// and poppler-glib does not guard its first use: one PDF at a time.
  private static let lock = Mutex(())

  /// One line of a page: its source range (without the line break) and, when poppler gave the
  /// boxes, its geometry.
  struct Line {
    var range: Range<Int>
    var page: Int
    var minX = 0.0, maxX = 0.0, top = 0.0, bottom = 0.0, height = 0.0
    var hasGeometry = false
    /// Several cells of one row (a table row): never joined to another line.
    var tabular = false
    /// A table row's cells: their source ranges and left and right edges.
    var cells: [(range: Range<Int>, minX: Double, maxX: Double)] = []
  }

  func extract(_ bytes: [UInt8]) throws -> PDFText {
    var scalars: [Unicode.Scalar] = []
    var pageStarts: [Int] = []
    var lines: [Line] = []
    try Self.lock.withLock { _ in
      var status: Int32 = 0
      var message = [CChar](repeating: 0, count: 256)
      guard let pdf = bytes.withUnsafeBytes({ xf_pdf_open($0.baseAddress, $0.count, &status, &message, message.count) }) else {
        let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch Int(status) {
        case XF_PDF_ENCRYPTED: throw IngestError.invalidPDF(reason: "the PDF is encrypted (it needs a password); decrypt it first, e.g. qpdf --decrypt")
        case XF_PDF_DAMAGED: throw IngestError.invalidPDF(reason: "damaged or truncated (\(reason))")
        default: throw IngestError.invalidPDF(reason: reason)
        }
      }
      defer { xf_pdf_close(pdf) }
      let count = Int(xf_pdf_page_count(pdf))
      guard count > 0 else { throw IngestError.invalidPDF(reason: "no pages") }
      guard count <= maxPages else { throw IngestError.invalidPDF(reason: "\(count) pages, more than the limit of \(maxPages) (see --max-pdf-pages)") }
      var textBytes = 0
      for p in 0..<count {
        var boxes: UnsafeMutablePointer<Double>? = nil
        var boxCount = 0
        guard let raw = xf_pdf_page_text(pdf, Int32(p), &boxes, &boxCount) else {
          throw IngestError.invalidPDF(reason: "page \(p + 1) cannot be read")
        }
        defer { xf_pdf_free(raw); xf_pdf_free(boxes) }
        let pageBytes = strlen(raw)
        textBytes += pageBytes
        guard textBytes <= maxTextBytes else { throw IngestError.invalidPDF(reason: "its text passes \(maxTextBytes) bytes (see --max-pdf-bytes)") }
        if p > 0 { scalars.append("\u{0C}") }
        pageStarts.append(scalars.count)
        let page = Array(String(decoding: UnsafeRawBufferPointer(start: raw, count: pageBytes), as: UTF8.self).unicodeScalars)
        let geometry = boxCount == page.count ? boxes.map { UnsafeBufferPointer(start: $0, count: boxCount * 4) } : nil
        let pageLines = Self.lines(page, offset: 0, page: p, boxes: geometry)
        Self.appendInReadingOrder(pageLines, of: page, page: p, to: &scalars, lines: &lines)
      }
    }
    guard scalars.contains(where: { !$0.isWhitespaceLike && $0 != "\u{0C}" }) else {
      throw IngestError.invalidPDF(reason: "no text layer — scanned? run OCR first, e.g. ocrmypdf")
    }
    let source = SourceText(scalars)
    let furniture = PageFurniture.find(lines, in: scalars, pages: pageStarts.count)
    let body = lines.indices.filter { !furniture.contains($0) && !lines[$0].range.isEmpty }
    var pdf = PDFText(source: source, pageStarts: pageStarts, text: analysisText(source, lines: lines, body: body))
    pdf.tables = Self.tables(lines.enumerated().filter { !furniture.contains($0.offset) }.map(\.element), source: source)
    return pdf
  }

  /// Tables where the layout gives them: two table rows or more in a row on one page (lines of
  /// several cells each, cells apart by wide gaps). A cell's column is the last column start, read
  /// off the row of most cells, at or left of its own left edge (cells set flush left), so that an
  /// empty cell leaves its slot empty. Merged cells are not seen.
  static func tables(_ lines: [Line], source: SourceText) -> [TableGrid] {
    var result: [TableGrid] = []
    var run: [Line] = []
    func close() {
      defer { run = [] }
      guard run.count >= 2, let widest = run.max(by: { $0.cells.count < $1.cells.count }) else { return }
      let starts = widest.cells.map(\.minX)
      let tolerance = 0.5 * widest.height
      let rows = run.map { line in
        line.cells.map { c -> TableGrid.RawCell in
          let column = max(0, (starts.lastIndex { $0 <= c.minX + tolerance }) ?? 0)
          return TableGrid.RawCell(text: source.text(SourceSpan(c.range.lowerBound, c.range.upperBound)), span: SourceSpan(c.range.lowerBound, c.range.upperBound), column: column)
        }
      }
      result.append(TableGrid(rows: rows, span: SourceSpan(run[0].range.lowerBound, run[run.count - 1].range.upperBound)))
    }
    for l in lines {
      if l.tabular, l.cells.count >= 2, run.last.map({ $0.page == l.page }) ?? true {
        run.append(l)
      } else {
        close()
        if l.tabular, l.cells.count >= 2 { run.append(l) }
      }
    }
    close()
    return result
  }

  /// The non-empty lines of a page's text, with their geometry when there is one box per
  /// character. poppler puts text side by side on one baseline into one line (two columns, the
  /// cells of a table row) without a space: a line is cut where 1.5 characters or more lie
  /// empty between two characters.
  static func lines(_ page: [Unicode.Scalar], offset: Int, page p: Int, boxes: UnsafeBufferPointer<Double>?) -> [Line] {
    var result: [Line] = []
    func add(_ lo: Int, _ hi: Int) {
      var lo = lo, hi = hi
      while lo < hi, page[lo].isWhitespaceLike { lo += 1 }
      while hi > lo, page[hi - 1].isWhitespaceLike { hi -= 1 }
      guard lo < hi else { return }
      var line = Line(range: (offset + lo)..<(offset + hi), page: p)
      if let b = boxes {
        var heights: [Double] = []
        line.minX = .infinity; line.maxX = -.infinity; line.top = .infinity; line.bottom = -.infinity
        for k in lo..<hi where !page[k].isWhitespaceLike {
          line.minX = min(line.minX, b[4 * k]); line.maxX = max(line.maxX, b[4 * k + 2])
          line.top = min(line.top, b[4 * k + 1]); line.bottom = max(line.bottom, b[4 * k + 3])
          heights.append(b[4 * k + 3] - b[4 * k + 1])
        }
        heights.sort()
        line.height = heights[heights.count / 2]
        line.hasGeometry = line.height > 0
      }
      result.append(line)
    }
    var start = 0
    for i in 0...page.count where i == page.count || page[i] == "\n" {
      defer { start = i + 1 }
      guard let b = boxes else { add(start, i); continue }
      let ink = (start..<i).filter { !page[$0].isWhitespaceLike }
      guard !ink.isEmpty else { continue }
      var heights = ink.map { b[4 * $0 + 3] - b[4 * $0 + 1] }
      heights.sort()
      let em = heights[heights.count / 2]
      var segment = start
      for (k, j) in zip(ink, ink.dropFirst()) where b[4 * j] - b[4 * k + 2] >= 1.5 * em {
        add(segment, k + 1)
        segment = k + 1
      }
      add(segment, i)
    }
    return result
  }

  /// Lines on a page, in reading order. poppler orders lines that share a baseline across
  /// columns one after the other (left, right, left …), so the order is made here from the
  /// boxes: rows of lines that overlap vertically, top to bottom; a run of rows split by one
  /// gutter (two lines of at least six characters with 1.5 characters or more between them)
  /// is a two-column region, read left column first. The other lines of one row (table cells)
  /// become one line, cells apart by a tab. Without boxes, poppler's order.
  static func appendInReadingOrder(_ raw: [Line], of page: [Unicode.Scalar], page p: Int, to scalars: inout [Unicode.Scalar], lines: inout [Line]) {
    func emit(_ group: [Line]) {
      if !scalars.isEmpty, scalars.last != "\u{0C}" { scalars.append("\n") }
      let start = scalars.count
      var cells: [(range: Range<Int>, minX: Double, maxX: Double)] = []
      for (k, l) in group.enumerated() {
        if k > 0 { scalars.append("\t") }
        let at = scalars.count
        scalars += page[l.range]
        cells.append((at..<scalars.count, l.minX, l.maxX))
      }
      var line = group[0]
      line.range = start..<scalars.count
      if group.count > 1 {
        line.cells = cells
        line.minX = group.map(\.minX).min()!; line.maxX = group.map(\.maxX).max()!
        line.top = group.map(\.top).min()!; line.bottom = group.map(\.bottom).max()!
        line.tabular = true
      }
      lines.append(line)
    }
    guard !raw.isEmpty, raw.allSatisfy(\.hasGeometry) else { raw.forEach { emit([$0]) }; return }
    var rows: [[Line]] = []
    for l in raw.sorted(by: { ($0.top, $0.minX) < ($1.top, $1.minX) }) {
      if let row = rows.last, let bottom = row.map(\.bottom).max(), l.top < bottom - 0.5 * min(l.height, row[0].height) {
        rows[rows.count - 1].append(l)
      } else {
        rows.append([l])
      }
    }
    rows = rows.map { $0.sorted { $0.minX < $1.minX } }
    func gutter(_ row: [Line]) -> ClosedRange<Double>? {
      guard row.count == 2 else { return nil }
      let (a, b) = (row[0], row[1]), em = a.height
      guard b.minX - a.maxX >= 1.5 * em, a.maxX - a.minX >= 6 * em, b.maxX - b.minX >= 6 * em else { return nil }
      return a.maxX...b.minX
    }
    var r = 0
    while r < rows.count {
      guard var g = gutter(rows[r]) else { emit(rows[r]); r += 1; continue }
      var end = r + 1, split = 1
      while end < rows.count {
        if let h = gutter(rows[end]), h.overlaps(g) {
          g = max(g.lowerBound, h.lowerBound)...min(g.upperBound, h.upperBound)
          split += 1
        } else if rows[end].allSatisfy({ $0.maxX <= g.upperBound || $0.minX >= g.lowerBound }) {
        } else { break }
        end += 1
      }
      guard split >= 2 else { emit(rows[r]); r += 1; continue }
      let region = rows[r..<end].flatMap { $0 }
      for l in region where l.maxX <= g.upperBound { emit([l]) }
      for l in region where l.maxX > g.upperBound { emit([l]) }
      r = end
    }
  }

  /// Whether `b`, the body line after `a` in reading order, goes on with `a`'s paragraph: `a` is
  /// full (it reaches the right edge of its column), `b` starts at its column's left edge (no
  /// first-line indent), neither is a table row or a heading, and on the same page in the same
  /// column no paragraph gap lies between them. A new column or page may start between them.
  static func continues(_ a: Line, _ b: Line, pages: [[Line]], scalars: [Unicode.Scalar]) -> Bool {
    guard a.hasGeometry, b.hasGeometry, !a.tabular, !b.tabular, abs(a.height - b.height) < 0.25 * a.height else { return false }
    guard HeadingMarker.match(scalars, b.range) == nil, !ArticleHeading.isHeading(scalars, b.range) else { return false }
    let em = a.height
    func column(of l: Line) -> [Line] {
      pages[l.page].filter { o in
        o.hasGeometry && !o.tabular
          && min(o.maxX, l.maxX) - max(o.minX, l.minX) > 0.5 * min(o.maxX - o.minX, l.maxX - l.minX)
      }
    }
    let aColumn = column(of: a), bColumn = column(of: b)
    // A column of one line has no edge to measure against.
    guard aColumn.count > 1, bColumn.count > 1 else { return false }
    let right = aColumn.map(\.maxX).max()!, left = bColumn.map(\.minX).min()!
    guard a.maxX >= right - 1.5 * em, b.minX <= left + 0.8 * em else { return false }
    if a.page == b.page, b.top > a.top, b.minX < a.maxX, b.maxX > a.minX {
      return b.top - a.bottom < 0.9 * em
    }
    return true
  }

  /// The source without furniture lines; a line break (or page break) between two lines of one
  /// paragraph is removed, every other one becomes one line break.
  func analysisText(_ source: SourceText, lines: [Line], body: [Int]) -> NormalizedText {
    let s = source.scalars
    var pages = [[Line]](repeating: [], count: (lines.last?.page ?? 0) + 1)
    for i in body { pages[lines[i].page].append(lines[i]) }
    var builder = NormalizedTextBuilder(input: NormalizedText(identity: source))
    for (n, i) in body.enumerated() {
      let line = lines[i]
      if n > 0 {
        let previous = lines[body[n - 1]]
        let gap = previous.range.upperBound..<line.range.lowerBound
        if Self.continues(previous, line, pages: pages, scalars: s) {
          let last = s[previous.range.upperBound - 1], first = s[line.range.lowerBound]
          // Words of a Latin script lose the space poppler drops at a wrap; digits of a number do not.
          if last.isASCIILetter && first.isASCIILetter { builder.append(" ", replacing: gap) }
        } else {
          // The break right after the previous line stands for the whole gap.
          builder.append("\n", replacing: gap.lowerBound..<(gap.lowerBound + 1))
        }
      }
      var range = line.range
      // Hyphenation poppler left: `inter-⏎national` → `international`.
      if n + 1 < body.count, range.count > 1, s[range.upperBound - 1] == "-", s[range.upperBound - 2].isASCIILetter,
        s[lines[body[n + 1]].range.lowerBound].properties.isLowercase,
        Self.continues(line, lines[body[n + 1]], pages: pages, scalars: s)
      {
        range = range.lowerBound..<(range.upperBound - 1)
      }
      builder.copy(range)
    }
    return builder.build()
  }
}

/// Running headers, footers and page numbers of a PDF's pages.
///
/// Among the two first and the two last lines of each page: a line whose text, with digits
/// read as one wildcard, stands at the top (or the bottom) of at least half the pages and of two
/// at least, and a lone page number (`3`, `- 3 -`, `— 3 —`, `第3页`, `第3页 共12页`, `3/12`,
/// `Page 3 of 12`). The first line of the first page is the title, never furniture.
enum PageFurniture {
  static func find(_ lines: [PDFTextExtractor.Line], in s: [Unicode.Scalar], pages: Int) -> Set<Int> {
    var byPage = [[Int]](repeating: [], count: pages)
    for (i, l) in lines.enumerated() { byPage[l.page].append(i) }
    // Top and bottom by position where poppler gave boxes (a footer centred under two columns
    // is read inside them), else by order.
    let geometric = lines.allSatisfy(\.hasGeometry)
    let tops = byPage.map { ids in Array((geometric ? ids.sorted { lines[$0].top < lines[$1].top } : ids).prefix(2)) }
    let bottoms = byPage.map { ids in Array((geometric ? ids.sorted { lines[$0].bottom < lines[$1].bottom } : ids).suffix(2)) }
    var result = Set<Int>()
    for group in [tops, bottoms] {
      var pagesWith: [String: Set<Int>] = [:]
      for (p, ids) in group.enumerated() { for i in ids { pagesWith[key(lines[i].range, s), default: []].insert(p) } }
      for ids in group {
        for i in ids {
          let k = key(lines[i].range, s)
          let repeated = pagesWith[k]!.count >= max(2, (pages + 1) / 2)
          if repeated || isPageNumber(k) { result.insert(i) }
        }
      }
    }
    // The first line of the document is its title unless it is smaller than the body text.
    let heights = lines.filter(\.hasGeometry).map(\.height).sorted()
    if let first = byPage.first?.first, heights.isEmpty || !lines[first].hasGeometry || lines[first].height >= heights[heights.count / 2] {
      result.remove(first)
    }
    return result
  }

  /// The line without whitespace, lower-cased, each run of digits as `#`.
  static func key(_ r: Range<Int>, _ s: [Unicode.Scalar]) -> String {
    var out = String.UnicodeScalarView()
    var inDigits = false
    for c in s[r] where !c.isWhitespaceLike {
      if c.isASCIIDigit || ("０"..."９").contains(c) {
        if !inDigits { out.append("#") }
        inDigits = true
      } else {
        inDigits = false
        out.append(contentsOf: String(c).lowercased().unicodeScalars)
      }
    }
    return String(out)
  }

  static let dashes: Set<Character> = ["-", "—", "–", "－", "─", "·", "•"]

  static func isPageNumber(_ key: String) -> Bool {
    var k = Substring(key)
    while let c = k.first, dashes.contains(c) { k.removeFirst() }
    while let c = k.last, dashes.contains(c) { k.removeLast() }
    return ["#", "第#页", "第#页,共#页", "第#页，共#页", "第#页共#页", "#/#", "page#", "page#of#", "#页"].contains(String(k))
  }
}

extension Unicode.Scalar {
  var isASCIILetter: Bool { (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
}
