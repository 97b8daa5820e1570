import CLibXML2
import Foundation

/// Reads the paragraphs of a DOCX (`word/document.xml`, found by ``ZIPEntryReader`` and parsed
/// with libxml2). The document's source text is the paragraph texts joined by newlines.
struct DOCXTextExtractor {
  /// Refuse to inflate `document.xml` past this size (zip bombs).
  let maxDecompressedBytes: Int

  init(maxDecompressedBytes: Int = 256 << 20) { self.maxDecompressedBytes = maxDecompressedBytes }

  func extract(_ bytes: [UInt8]) throws -> SourceText { try extractWithTables(bytes).source }

  /// The source text and its tables (``TableGrid``, `w:gridSpan` and `w:vMerge` laid out), each
  /// cell's span in the joined paragraph texts.
  func extractWithTables(_ bytes: [UInt8]) throws -> (source: SourceText, tables: [TableGrid]) {
    let xml = try ZIPEntryReader(bytes: bytes).read("word/document.xml", limit: maxDecompressedBytes)
    let walker = try walk(xml)
    // Where each line starts in the joined text.
    var starts: [Int] = []
    starts.reserveCapacity(walker.lines.count)
    var offset = 0
    for line in walker.lines {
      starts.append(offset)
      offset += line.unicodeScalars.count + 1
    }
    let tables = walker.tables.map { t in
      let rows = t.rows.map { row in
        row.map { c in
          TableGrid.RawCell(
            text: c.text, span: SourceSpan(starts[c.line] + c.range.lowerBound, starts[c.line] + c.range.upperBound),
            columnSpan: c.columnSpan, continuesAbove: c.continuesAbove)
        }
      }
      let first = starts[t.firstLine], last = t.lastLine < starts.count ? starts[t.lastLine] + walker.lines[t.lastLine].unicodeScalars.count : first
      return TableGrid(rows: rows, span: SourceSpan(first, max(first, last)))
    }
    return (SourceText(walker.lines.joined(separator: "\n")), tables)
  }

  /// libxml2 set up once per process, before any parse: `xmlInitParser` (else two threads
  /// parsing at once create its global locks at once, and deadlock — seen with `--jobs 2` on a
  /// DOCX and an HTML file), and, whatever the options, no external entity or DTD is ever
  /// loaded (XXE).
  static let libXMLReady: Void = {
    xmlInitParser()
    xmlSetExternalEntityLoader { _, _, _ in nil }
  }()

  /// Paragraph texts of a WordprocessingML document. No DTD loading, no entity substitution,
  /// no network: external entities are never resolved. The encoding is the document's own
  /// (its BOM or XML declaration: UTF-16 and GBK documents exist), not forced to UTF-8.
  func paragraphs(_ xml: Data) throws -> [String] { try walk(xml).lines }

  private func walk(_ xml: Data) throws -> Walker {
    _ = Self.libXMLReady
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
    let doc: xmlDocPtr? = xml.withUnsafeBytes { raw in
      let p = raw.bindMemory(to: CChar.self)
      return xmlReadMemory(p.baseAddress, Int32(p.count), "document.xml", nil, options)
    }
    guard let doc else { throw IngestError.invalidDOCX(reason: "word/document.xml is not well-formed XML") }
    defer { xmlFreeDoc(doc) }
    var walker = Walker()
    walker.walk(xmlDocGetRootElement(doc))
    return walker
  }

  /// What is read: the text of runs, once. Skipped: the Fallback of an `mc:AlternateContent`
  /// (the same text box again, for older readers), text moved away (`w:moveFrom`; it is read
  /// where `w:moveTo` put it), deleted text, field instructions and hidden runs (`w:vanish`).
  /// A table row is one line, its cells separated by a tab, as the HTML reader keeps a `<tr>`:
  /// `来信 ⇥ 120件` keeps its cue.
  /// A table at the top level (not inside a paragraph or a cell) is also kept as a grid.
  struct Walker {
    var lines: [String] = []
    private var current: String? = nil
    var tables: [Table] = []
    /// Inside a cell of a table read as a grid: a table there is only lines.
    private var inGridCell = false

    struct Table {
      var rows: [[Cell]] = []
      var firstLine = 0
      var lastLine = 0
    }

    /// A cell: its text, its line and its scalars in that line, its merges.
    struct Cell {
      var text: String
      var line: Int
      var range: Range<Int>
      var columnSpan = 1
      var continuesAbove = false
    }

    mutating func walk(_ node: xmlNodePtr?) {
      var n = node
      while let cur = n {
        if cur.pointee.type == XML_ELEMENT_NODE { element(cur) }
        n = cur.pointee.next
      }
    }

    private mutating func element(_ cur: xmlNodePtr) {
      switch String(cString: cur.pointee.name) {
      case "p":
        let outer = current
        current = ""
        walk(cur.pointee.children)
        lines.append(current ?? "")
        current = outer
      case "t":
        var child = cur.pointee.children
        while let c = child {
          if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let content = c.pointee.content {
            current? += String(cString: content)
          }
          child = c.pointee.next
        }
      case "tab": current? += "\t"
      case "br", "cr": current? += "\n"
      case "instrText", "delText", "moveFrom", "del", "Fallback": break
      case "AlternateContent":
        // The first Choice, or the Fallback when there is none.
        if let choice = Self.firstChild(cur, named: "Choice") {
          walk(choice.pointee.children)
        } else if let fallback = Self.firstChild(cur, named: "Fallback") {
          walk(fallback.pointee.children)
        }
      case "r":
        if !Self.isHidden(run: cur) { walk(cur.pointee.children) }
      case "tbl" where current == nil && !inGridCell:
        grid(cur)
      case "tr":
        let outer = (lines, current)
        var cells: [String] = []
        for tc in Self.children(cur) where Self.name(tc) == "tc" {
          lines = []
          current = nil
          walk(tc.pointee.children)
          cells.append(lines.filter { !$0.isEmpty }.joined(separator: " "))
        }
        (lines, current) = outer
        let row = cells.joined(separator: "\t")
        if current != nil { current! += row } else { lines.append(row) }
      default: walk(cur.pointee.children)
      }
    }

    /// A table's rows, each one line of its cells apart by tabs, and its grid.
    private mutating func grid(_ tbl: xmlNodePtr) {
      var table = Table(firstLine: lines.count)
      for tr in Self.children(tbl) where Self.name(tr) == "tr" {
        var cells: [Cell] = []
        var texts: [String] = []
        var at = 0
        func add(_ text: String, span: Int = 1, continues: Bool = false) {
          if !texts.isEmpty { at += 1 }
          let n = text.unicodeScalars.count
          cells.append(Cell(text: text, line: lines.count, range: at..<(at + n), columnSpan: span, continuesAbove: continues))
          texts.append(text)
          at += n
        }
        let trPr = Self.firstChild(tr, named: "trPr")
        let before = trPr.flatMap { Self.firstChild($0, named: "gridBefore") }.flatMap { Self.intValue($0) } ?? 0
        for _ in 0..<min(max(0, before), 64) { add("") }
        for tc in Self.children(tr) where Self.name(tc) == "tc" {
          let saved = (lines, current)
          lines = []
          current = nil
          inGridCell = true
          walk(tc.pointee.children)
          inGridCell = false
          let text = lines.filter { !$0.isEmpty }.joined(separator: " ")
          (lines, current) = saved
          let tcPr = Self.firstChild(tc, named: "tcPr")
          let span = tcPr.flatMap { Self.firstChild($0, named: "gridSpan") }.flatMap { Self.intValue($0) } ?? 1
          // `w:vMerge` without `w:val="restart"` goes on with the cell above.
          let vMerge = tcPr.flatMap { Self.firstChild($0, named: "vMerge") }
          let continues = vMerge.map { Self.value($0) != "restart" } ?? false
          add(text, span: max(1, span), continues: continues)
        }
        lines.append(texts.joined(separator: "\t"))
        table.rows.append(cells)
      }
      table.lastLine = lines.count - 1
      if !table.rows.isEmpty { tables.append(table) }
    }

    /// The `w:val` attribute of an element, read in place.
    private static func value(_ node: xmlNodePtr) -> String? {
      var attr = node.pointee.properties
      while let a = attr {
        if String(cString: a.pointee.name) == "val", let text = a.pointee.children?.pointee.content { return String(cString: text) }
        attr = a.pointee.next
      }
      return nil
    }

    private static func intValue(_ node: xmlNodePtr) -> Int? { value(node).flatMap { Int($0) } }

    /// `w:rPr/w:vanish` not switched off by `w:val` 0 / false / off.
    private static func isHidden(run: xmlNodePtr) -> Bool {
      guard let rPr = firstChild(run, named: "rPr"), let vanish = firstChild(rPr, named: "vanish") else { return false }
      // The attributes read in place: xmlGetProp's copy would need libxml2's global xmlFree.
      var attr = vanish.pointee.properties
      while let a = attr {
        if String(cString: a.pointee.name) == "val", let text = a.pointee.children?.pointee.content {
          return !["0", "false", "off"].contains(String(cString: text))
        }
        attr = a.pointee.next
      }
      return true
    }

    private static func children(_ node: xmlNodePtr) -> [xmlNodePtr] {
      var out: [xmlNodePtr] = []
      var c = node.pointee.children
      while let x = c {
        if x.pointee.type == XML_ELEMENT_NODE { out.append(x) }
        c = x.pointee.next
      }
      return out
    }

    private static func name(_ node: xmlNodePtr) -> String { String(cString: node.pointee.name) }

    /// Asked of every run: walks the children in place, without collecting them.
    private static func firstChild(_ node: xmlNodePtr, named wanted: String) -> xmlNodePtr? {
      var c = node.pointee.children
      while let x = c {
        if x.pointee.type == XML_ELEMENT_NODE, name(x) == wanted { return x }
        c = x.pointee.next
      }
      return nil
    }
  }
}
