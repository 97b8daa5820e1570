import CLibXML2

/// Extracts the readable text of an HTML page with libxml2's HTML parser (SAX), keeping a map
/// from every text scalar back into the markup, as Lucene's HTMLStripCharFilter does.
///
/// Non-content elements (`script`, `style`, navigation, footers …), hidden elements (`hidden`,
/// `display:none`, `visibility:hidden`) and ruby readings (`rt`, `rp`) are dropped, block elements
/// become line breaks, runs of whitespace become one space (except in `pre`), entities are
/// decoded. libxml2 never touches the network or loads external entities here (`HTML_PARSE_NONET`).
///
/// A table's cells are kept on their grid (``TableGrid``: `rowspan`, `colspan`); in the text a
/// row is one line, its cells apart by a tab, so that no sentence runs from one cell into the
/// next. A table that holds another is page layout: only the inner one is a grid.
struct HTMLTextExtractor {
  static let skipped: Set<String> = [
    "head", "script", "style", "noscript", "template", "nav", "footer", "aside", "iframe", "svg",
    "form", "button", "select", "option", "textarea", "menu", "object", "canvas",
    // Ruby readings: glued to the base text they split its words (信xìn访).
    "rt", "rp", "rtc",
  ]
  static let blocks: Set<String> = [
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "section",
    "article", "blockquote", "pre", "hr", "dd", "dt", "dl", "title", "header", "main", "figure",
    "figcaption", "address", "body", "center", "tbody", "thead", "tfoot", "caption",
  ]
  static let cells: Set<String> = ["td", "th"]
  /// class/id words that mark page furniture rather than content.
  static let furnitureWords = ["nav", "menu", "footer", "breadcrumb", "sidebar", "share", "advert", "comment", "copyright"]

  let maxDepth: Int

  init(maxDepth: Int = 512) { self.maxDepth = maxDepth }

  func extract(_ source: SourceText) throws -> NormalizedText { try extractWithTables(source).text }

  /// The text and the tables of the page.
  func extractWithTables(_ source: SourceText) throws -> (text: NormalizedText, tables: [TableGrid]) {
    let (bytes, scalarAtByte) = Self.utf8WithIndex(source.scalars)
    _ = DOCXTextExtractor.libXMLReady
    let state = State(source: source, scalarAtByte: scalarAtByte, maxDepth: maxDepth)
    guard !bytes.isEmpty else { return (state.builder.build(), []) }
    try bytes.withUnsafeBufferPointer { buf in
      try buf.withMemoryRebound(to: CChar.self) { cbuf in
        guard let ctxt = htmlCreateMemoryParserCtxt(cbuf.baseAddress, Int32(cbuf.count)) else {
          throw IngestError.invalidHTML(reason: "libxml2 could not create a parser")
        }
        defer { htmlFreeParserCtxt(ctxt) }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
          | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue)
        htmlCtxtUseOptions(ctxt, options)
        var sax = htmlSAXHandler()
        sax.startElement = { ctx, name, atts in State.from(ctx)?.start(name: name, atts: atts, ctx: ctx) }
        sax.endElement = { ctx, name in State.from(ctx)?.end(name: name, ctx: ctx) }
        sax.characters = { ctx, ch, len in State.from(ctx)?.characters(ch, Int(len), ctx: ctx) }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = { ctx, _, _ in State.from(ctx)?.syncPosition(ctx) }
        ctxt.pointee.sax.pointee = sax
        ctxt.pointee.userData = UnsafeMutableRawPointer(ctxt)
        ctxt.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
        _ = htmlParseDocument(ctxt)
      }
    }
    if state.tooDeep { throw IngestError.invalidHTML(reason: "elements nested deeper than \(maxDepth) (see --max-html-depth)") }
    return (state.finish(), state.tables)
  }

  /// Whether an inline style hides the element, and the white-space mode it sets. Declarations
  /// are read case- and space-insensitively; a later one wins, as in CSS.
  static func style(_ css: String) -> (hidden: Bool, whiteSpace: State.WhiteSpace?) {
    var displayNone = false, invisible = false
    var whiteSpace: State.WhiteSpace? = nil
    for declaration in css.lowercased().split(separator: ";") {
      guard let colon = declaration.firstIndex(of: ":") else { continue }
      let property = declaration[..<colon].filter { !$0.isWhitespace }
      var value = declaration[declaration.index(after: colon)...].filter { !$0.isWhitespace }
      if value.hasSuffix("!important") { value.removeLast("!important".count) }
      switch property {
      case "display": displayNone = value == "none"
      case "visibility": invisible = value == "hidden" || value == "collapse"
      case "white-space":
        switch value {
        case "pre", "pre-wrap", "break-spaces": whiteSpace = .pre
        case "pre-line": whiteSpace = .preLine
        case "normal", "nowrap": whiteSpace = .normal
        default: break
        }
      default: break
      }
    }
    return (displayNone || invisible, whiteSpace)
  }

  /// UTF-8 bytes of the text and, for each byte offset (plus the end), the scalar index there.
  static func utf8WithIndex(_ scalars: [Unicode.Scalar]) -> ([UInt8], [Int32]) {
    var bytes: [UInt8] = []
    var index: [Int32] = []
    bytes.reserveCapacity(scalars.count * 3)
    index.reserveCapacity(scalars.count * 3 + 1)
    for (i, s) in scalars.enumerated() {
      // NUL would end libxml2's input early; it is not text anyway.
      let scalar = s.value == 0 ? Unicode.Scalar(0x20)! : s
      for b in UTF8.encode(scalar)! {
        bytes.append(b)
        index.append(Int32(i))
      }
    }
    index.append(Int32(scalars.count))
    return (bytes, index)
  }

  final class State {
    let source: SourceText
    let scalarAtByte: [Int32]
    let maxDepth: Int
    var builder: NormalizedTextBuilder
    var skipDepth = 0
    var depth = 0
    /// Depths of the open elements that set their own white-space mode, innermost last.
    var modes: [(depth: Int, mode: WhiteSpace)] = []
    /// Right after `<pre>`: its first newline is not content (HTML's parsing rule).
    var preStart = false
    var tooDeep = false
    var pendingSpace: Range<Int>? = nil
    /// Source scalar position up to which markup has been consumed.
    var consumed = 0
    /// The tables open at this point, innermost last, and those read.
    var openTables: [TableBuilder] = []
    var tables: [TableGrid] = []

    struct TableBuilder {
      let depth: Int
      let start: Int
      var rows: [[TableGrid.RawCell]] = []
      /// The open cell: its element's depth, where its text starts in the builder, its spans.
      var cell: (depth: Int, start: Int, rowSpan: Int, columnSpan: Int, header: Bool)? = nil
      var captionStart: Int? = nil
      var caption: SourceSpan? = nil
      /// It holds another table: page layout, not a grid.
      var holdsTable = false
    }

    /// Inside a cell, a block (a `<p>` or `<br>` in the cell) is a space: a row stays one line.
    var inCell: Bool { openTables.last?.cell != nil }

    init(source: SourceText, scalarAtByte: [Int32], maxDepth: Int) {
      self.source = source
      self.scalarAtByte = scalarAtByte
      self.maxDepth = maxDepth
      builder = NormalizedTextBuilder(input: NormalizedText(identity: source))
    }

    static func from(_ ctx: UnsafeMutableRawPointer?) -> State? {
      guard let ctx else { return nil }
      let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
      guard let p = ctxt.pointee._private else { return nil }
      return Unmanaged<State>.fromOpaque(p).takeUnretainedValue()
    }

    func position(_ ctx: UnsafeMutableRawPointer?) -> Int {
      guard let ctx else { return consumed }
      let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
      guard let input = ctxt.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base else { return consumed }
      // libxml2 shrinks its input buffer as it goes: `consumed` counts the bytes dropped before `base`.
      let byte = max(0, min(Int(input.pointee.consumed) + (cur - base), scalarAtByte.count - 1))
      return Int(scalarAtByte[byte])
    }

    func syncPosition(_ ctx: UnsafeMutableRawPointer?) { consumed = max(consumed, position(ctx)) }

    func name(_ p: UnsafePointer<xmlChar>?) -> String {
      guard let p else { return "" }
      return String(cString: p).lowercased()
    }

    func start(name raw: UnsafePointer<xmlChar>?, atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, ctx: UnsafeMutableRawPointer?) {
      let tag = name(raw)
      depth += 1
      if depth > maxDepth { tooDeep = true; xmlStopParser(ctx?.assumingMemoryBound(to: xmlParserCtxt.self)) }
      defer { syncPosition(ctx) }
      if skipDepth > 0 || HTMLTextExtractor.skipped.contains(tag) {
        skipDepth += 1
        return
      }
      let attributes = inspect(atts)
      if attributes.skip {
        skipDepth += 1
        return
      }
      switch tag {
      case "table":
        closeCell()
        if !openTables.isEmpty { openTables[openTables.count - 1].holdsTable = true }
        lineBreak()
        openTables.append(TableBuilder(depth: depth, start: consumed))
      case "tr":
        closeCell()
        lineBreak()
        if !openTables.isEmpty { openTables[openTables.count - 1].rows.append([]) }
      case "td", "th":
        closeCell()
        openCell(tag: tag, atts: atts)
      case "caption":
        lineBreak()
        if !openTables.isEmpty { openTables[openTables.count - 1].captionStart = builder.count }
      default:
        if HTMLTextExtractor.blocks.contains(tag) { if inCell { space() } else { lineBreak() } }
      }
      preStart = false
      if let mode = attributes.whiteSpace ?? (tag == "pre" || tag == "listing" ? .pre : nil) {
        modes.append((depth, mode))
        if tag == "pre" || tag == "listing" { preStart = true }
      }
    }

    func end(name raw: UnsafePointer<xmlChar>?, ctx: UnsafeMutableRawPointer?) {
      let tag = name(raw)
      defer { syncPosition(ctx) }
      if let top = modes.last, top.depth == depth { modes.removeLast() }
      depth -= 1
      preStart = false
      if skipDepth > 0 { skipDepth -= 1; return }
      switch tag {
      case "td", "th":
        if let cell = openTables.last?.cell, cell.depth == depth + 1 { closeCell() }
      case "tr":
        closeCell()
        lineBreak()
      case "caption":
        if let start = openTables.last?.captionStart {
          openTables[openTables.count - 1].caption = trimmedSpan(start..<builder.count)
          openTables[openTables.count - 1].captionStart = nil
        }
        lineBreak()
      case "table":
        closeCell()
        lineBreak()
        if let t = openTables.last, t.depth == depth + 1 {
          openTables.removeLast()
          if !t.holdsTable, t.rows.contains(where: { !$0.isEmpty }) {
            tables.append(TableGrid(rows: t.rows, span: SourceSpan(t.start, max(t.start, consumed)), caption: t.caption))
          }
        }
      default:
        if HTMLTextExtractor.blocks.contains(tag) { if inCell { space() } else { lineBreak() } }
      }
    }

    /// A cell starts: a tab after the row's previous cell, then its text.
    func openCell(tag: String, atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
      guard !openTables.isEmpty else { space(); return }
      let t = openTables.count - 1
      if openTables[t].rows.isEmpty { openTables[t].rows.append([]) }
      pendingSpace = nil
      if !openTables[t].rows[openTables[t].rows.count - 1].isEmpty { builder.append("\t", replacing: consumed..<consumed) }
      var rowSpan = 1, columnSpan = 1
      if var p = atts {
        while let key = p.pointee {
          let k = String(cString: key).lowercased()
          if let value = (p + 1).pointee, k == "rowspan" || k == "colspan" {
            let n = Int(String(String(cString: value).filter { $0 != " " })) ?? 1
            if k == "rowspan" { rowSpan = max(1, n) } else { columnSpan = max(1, n) }
          }
          p += 2
        }
      }
      openTables[t].cell = (depth, builder.count, rowSpan, columnSpan, tag == "th")
    }

    /// The open cell of the innermost table ends here.
    func closeCell() {
      guard let t = openTables.indices.last, let cell = openTables[t].cell else { return }
      openTables[t].cell = nil
      pendingSpace = nil
      let span = trimmedSpan(cell.start..<builder.count)
      let text = span.map { _ in trimmedText(cell.start..<builder.count) } ?? ""
      let at = builder.count > 0 ? builder.map.sourcePosition(builder.count - 1) + 1 : consumed
      let raw = TableGrid.RawCell(
        text: text, span: span ?? SourceSpan(min(at, consumed), min(at, consumed)), rowSpan: cell.rowSpan, columnSpan: cell.columnSpan,
        isHeader: cell.header)
      if openTables[t].rows.isEmpty { openTables[t].rows.append([]) }
      openTables[t].rows[openTables[t].rows.count - 1].append(raw)
    }

    private func trimmed(_ r: Range<Int>) -> Range<Int> {
      var lo = r.lowerBound, hi = r.upperBound
      while lo < hi, Self.isSpace(builder.scalars[lo]) { lo += 1 }
      while hi > lo, Self.isSpace(builder.scalars[hi - 1]) { hi -= 1 }
      return lo..<hi
    }

    private func trimmedSpan(_ r: Range<Int>) -> SourceSpan? {
      let t = trimmed(r)
      return t.isEmpty ? nil : builder.map.sourceSpan(t)
    }

    private func trimmedText(_ r: Range<Int>) -> String { ScalarUTF8.string(builder.scalars[trimmed(r)]) }

    enum WhiteSpace { case normal, pre, preLine }

    /// What an element's attributes say: page furniture or hidden (skip it), and its
    /// `white-space` mode if its style sets one.
    func inspect(_ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> (skip: Bool, whiteSpace: WhiteSpace?) {
      guard var p = atts else { return (false, nil) }
      var whiteSpace: WhiteSpace? = nil
      while let key = p.pointee {
        let value = (p + 1).pointee
        let k = String(cString: key).lowercased()
        if k == "hidden" { return (true, nil) }
        if k == "class" || k == "id" || k == "role", let value {
          let v = String(cString: value).lowercased()
          let words = v.split(whereSeparator: { !$0.isLetter })
          if words.contains(where: { w in HTMLTextExtractor.furnitureWords.contains(where: { w == $0 || w.hasPrefix($0) && w.count <= $0.count + 4 }) }) {
            return (true, nil)
          }
          if k == "role" && (v == "navigation" || v == "contentinfo") { return (true, nil) }
        }
        if k == "style", let value {
          let style = HTMLTextExtractor.style(String(cString: value))
          if style.hidden { return (true, nil) }
          whiteSpace = style.whiteSpace ?? whiteSpace
        }
        p += 2
      }
      return (false, whiteSpace)
    }

    func lineBreak() {
      pendingSpace = nil
      if let last = builder.last, last != "\n" {
        builder.append("\n", replacing: consumed..<consumed)
      }
    }

    func space() {
      if pendingSpace == nil { pendingSpace = consumed..<consumed }
    }

    func characters(_ ch: UnsafePointer<xmlChar>?, _ len: Int, ctx: UnsafeMutableRawPointer?) {
      guard let ch, len > 0 else { return }
      let end = position(ctx)
      defer { consumed = max(consumed, end) }
      guard skipDepth == 0 else { return }
      let decoded = Array(String(decoding: UnsafeBufferPointer(start: ch, count: len), as: UTF8.self).unicodeScalars)
      let ranges = align(decoded, endingAt: end)
      let mode = modes.last?.mode ?? .normal
      // A newline (LF, CRLF or CR) right after <pre> is not content.
      var leading = 0
      if preStart, let f = decoded.first, f == "\n" || f == "\r" {
        leading = f == "\r" && decoded.count > 1 && decoded[1] == "\n" ? 2 : 1
      }
      preStart = false
      for (s, r) in zip(decoded, ranges).dropFirst(leading) {
        if mode != .normal, s == "\n" || s == "\r" {
          // A CR is left to the line-ending step.
          pendingSpace = nil
          builder.append(s, replacing: r)
          continue
        }
        if mode == .pre, Self.isSpace(s) {
          pendingSpace = nil
          builder.append(s, replacing: r)
          continue
        }
        if Self.isSpace(s) {
          if pendingSpace == nil { pendingSpace = r }
          continue
        }
        if let sp = pendingSpace {
          if let last = builder.last, last != "\n", last != "\t" { builder.append(" ", replacing: sp) }
          pendingSpace = nil
        }
        builder.append(s, replacing: r)
      }
    }

    static func droppedByLibxml(_ s: Unicode.Scalar) -> Bool {
      (s.value < 0x20 && s != "\t" && s != "\n" && s != "\r" && s.value != 0) || s.value == 0xFFFE || s.value == 0xFFFF
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
      s == " " || s == "\n" || s == "\t" || s == "\r" || s == "\u{A0}" || s == "\u{0C}"
    }

    /// Source ranges of decoded scalars that libxml2 read from markup ending at `end`. Walks
    /// backwards so that entities (`&ldquo;`) map to their whole reference; falls back to the
    /// whole region when the text cannot be matched.
    func align(_ decoded: [Unicode.Scalar], endingAt end: Int) -> [Range<Int>] {
      let src = source.scalars
      let lower = min(consumed, end)
      var anchors = [end]
      if end + 1 <= src.count { anchors.append(end + 1) }
      for anchor in anchors {
        var ranges = [Range<Int>](repeating: 0..<0, count: decoded.count)
        var j = anchor
        var ok = true
        var k = decoded.count - 1
        while k >= 0 {
          guard j > 0 else { ok = false; break }
          let d = decoded[k]
          let s = src[j - 1]
          if s == d || (s.value == 0 && d == " ") {
            ranges[k] = (j - 1)..<j
            j -= 1
          } else if s == ";", let amp = ampersand(before: j - 1, floor: max(0, lower - 1)) {
            ranges[k] = amp..<j
            j = amp
          } else if d == "\n" && s == "\r" {
            ranges[k] = (j - 1)..<j
            j -= 1
          } else if Self.droppedByLibxml(s) {
            // libxml2 leaves out characters XML does not allow (C0 controls): skip them.
            j -= 1
            continue
          } else {
            ok = false
            break
          }
          k -= 1
        }
        if ok { return ranges }
      }
      let region = min(lower, end)..<max(lower, end)
      return Array(repeating: region, count: decoded.count)
    }

    func ampersand(before semicolon: Int, floor: Int) -> Int? {
      var i = semicolon - 1
      let limit = max(floor, semicolon - 32)
      while i >= limit {
        let c = source.scalars[i]
        if c == "&" { return i }
        if !(c.properties.isAlphabetic || c.properties.numericType != nil || c == "#" || ("0"..."9").contains(c)) { return nil }
        i -= 1
      }
      return nil
    }

    func finish() -> NormalizedText {
      // Tables the page left open end with it.
      closeCell()
      for t in openTables.reversed() where !t.holdsTable && t.rows.contains(where: { !$0.isEmpty }) {
        tables.append(TableGrid(rows: t.rows, span: SourceSpan(t.start, max(t.start, consumed)), caption: t.caption))
      }
      openTables = []
      tables.sort { $0.span.start < $1.span.start }
      var b = builder
      while let last = b.last, last == "\n" || last == " " { b.removeLast() }
      return b.build()
    }
  }
}
