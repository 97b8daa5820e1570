import Foundation

/// A document's page of the report folder (doc-00001.html): its articles, key figures,
/// findings and repeats, and every fact beside its evidence clause, the number marked; and its
/// findings as items of the findings pages.
extension HTMLReportWriter {
  /// What one document gives the report.
  public struct Chunk: Sendable {
    let entry: Entry
    /// The rules of its findings in original text, counted as the totals count findings.
    let originalRules: [Finding.Rule]
    /// Items of the findings pages: findings in original text, and those in repeated text.
    let originalFindings: [String]
    let copyFindings: [String]
    /// The page's content, between the frame the writer adds (it knows the next page).
    let page: [UInt8]
  }

  public struct Renderer: DocumentRenderer {
    let keepDuplicates: Bool

    public func render(_ d: DocumentAnalysis, shared: SharedRendering) -> Chunk {
      let n = d.position
      var sums: [SumKey: Sum] = [:]
      // The summary's per-class figures, as CorpusTotals sums them: the sums agree with totals.csv.
      for a in d.articles where keepDuplicates || a.duplicateOf == nil {
        for k in a.classFigures {
          guard let v = k.value, !k.placeholder, keepDuplicates || d.factDuplicateOf[k.fact] == nil else { continue }
          let key = SumKey(metric: k.metric, unitClass: ArticleSummary.columnSuffix(k.unitClass))
          sums[key, default: Sum()].value += v
          if k.approx { sums[key, default: Sum()].approx = true }
        }
      }
      let entry = Entry(
        index: n, doc: d.doc, name: d.name, failure: d.failure, articles: d.articles.count,
        repeatedArticles: d.articles.filter { $0.duplicateOf != nil }.count, facts: d.facts.count,
        placeholders: d.facts.filter(\.placeholder).count, findings: d.findings.count, sums: sums)
      let ctx = DocContext(d, index: n, docIndex: d.firstPositions)
      // On the findings pages the document's own anchors are on its page.
      var elsewhere = ctx
      elsewhere.ownPage = ReportPage.document(n)
      var originals: [String] = [], copies: [String] = []
      var rules: [Finding.Rule] = []
      var page: [UInt8] = []
      page.reserveCapacity(d.facts.count * 1200 + 2048)
      page.appendUTF8(docHeader(d, entry))
      if !d.findings.isEmpty {
        page.appendUTF8("<h3 class=\"fl-title\">核查发现 <span class=\"count\">\(d.findings.count)</span></h3>\n<ol class=\"findings\">\n")
      }
      for (k, f) in d.findings.enumerated() {
        let inCopy = f.rule != .copyConflict && d.duplicateOf(f) != nil
        page.appendUTF8(findingItem(f, k, ctx, inCopy: inCopy, anchored: true))
        let item = findingItem(f, k, elsewhere, inCopy: inCopy, anchored: false)
        if inCopy { copies.append(item) } else { originals.append(item); rules.append(f.rule) }
      }
      if !d.findings.isEmpty { page.appendUTF8("</ol>\n") }
      for a in d.articles { article(a, ctx, to: &page) }
      page.appendUTF8("</section>\n")
      return Chunk(entry: entry, originalRules: rules, originalFindings: originals, copyFindings: copies, page: page)
    }

    /// Per document lookups: which findings touch a fact, what each article holds.
    struct DocContext {
      let d: DocumentAnalysis
      let n: Int
      let docIndex: [String: Int]
      /// The page the document's own anchors are on: "" on its own page.
      var ownPage = ""
      var findingsOf: [Int: [Int]] = [:]
      var factsIn: [Int: [Int]] = [:]
      var findingsIn: [Int: [Int]] = [:]
      var passagesIn: [Int: [DuplicateMatch]] = [:]

      init(_ d: DocumentAnalysis, index: Int, docIndex: [String: Int]) {
        self.d = d
        n = index
        self.docIndex = docIndex
        for (k, f) in d.facts.enumerated() { factsIn[f.article, default: []].append(k) }
        for m in d.duplicates where m.kind == .passage { passagesIn[m.copy.article, default: []].append(m) }
        for (k, f) in d.findings.enumerated() {
          findingsIn[f.article, default: []].append(k)
          var seen = Set<Int>()
          for case let i? in f.figures.map(\.fact) where seen.insert(i).inserted { findingsOf[i, default: []].append(k) }
        }
      }

      func factAnchor(_ k: Int) -> String { "f-\(n)-\(k)" }
      func findingAnchor(_ k: Int) -> String { "x-\(n)-\(k)" }
      func articleAnchor(_ a: Int) -> String { "a-\(n)-\(a)" }
      /// A link to an anchor of this document.
      func href(_ anchor: String) -> String { ownPage + "#" + anchor }
      /// A link to an anchor of document `i`, on its page.
      func href(document i: Int, _ anchor: String) -> String { i == n ? href(anchor) : ReportPage.document(i) + "#" + anchor }

      /// A link to where a repeated text first appeared (its article, when that document is in the
      /// report); `short` abbreviates the document name (002…#4/p7) for narrow cells.
      func refLink(_ ref: TextRef, short: Bool = false) -> String {
        var out: [UInt8] = []
        appendRefLink(ref, short: short, to: &out)
        return String(decoding: out, as: UTF8.self)
      }

      func appendRefLink(_ ref: TextRef, short: Bool = false, to out: inout [UInt8]) {
        let i = docIndex[ref.doc]
        if let i {
          out.appendUTF8("<a href=\"")
          out.appendUTF8(href(document: i, "a-\(i)-\(ref.article)"))
          out.appendUTF8("\" title=\"")
        } else {
          out.appendUTF8("<span title=\"")
        }
        out.appendEscaped(ref.label)
        out.appendUTF8("\">")
        if short {
          if ref.doc == d.doc { out.appendUTF8("本文") } else { out.appendEscaped(Labels.shortDoc(ref.doc)) }
          out.append(UInt8(ascii: "#"))
          out.putDecimal(ref.article)
          if let p = ref.passage {
            out.appendUTF8("/p")
            out.putDecimal(p)
          }
        } else {
          out.appendEscaped(ref.label)
        }
        out.appendUTF8(i == nil ? "</span>" : "</a>")
      }
    }

    func docHeader(_ d: DocumentAnalysis, _ e: Entry) -> String {
      let n = e.index
      var h = "<section class=\"doc\" id=\"d-\(n)\">\n<h1><span class=\"dn\">\(n)</span> \(esc(d.doc))</h1>\n"
      var meta = ["路径 <code>\(esc(d.name))</code>"]
      if let f = d.format { meta.append("格式 \(esc(f))") }
      if let e = d.encoding { meta.append("编码 \(esc(e))") }
      if d.failure == nil {
        meta.append("篇目 \(d.articles.count)")
        meta.append("数字 \(d.facts.count)")
        meta.append("空白 \(d.facts.filter(\.placeholder).count)")
        meta.append("发现 \(d.findings.count)")
        meta.append("原文 \(d.sourceLength) 字")
      }
      h += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
      if let f = d.failure {
        h += "<div class=\"error\"><b>未能分析</b> <code>\(esc(f.code))</code> \(esc(f.message))</div>\n"
      }
      if !d.warnings.isEmpty {
        h += "<ul class=\"warn\">" + d.warnings.map { "<li><code>\(esc($0.code))</code> \(esc($0.message))</li>" }.joined() + "</ul>\n"
      }
      if d.failure == nil && d.articles.isEmpty { h += "<p class=\"muted\">没有篇目。</p>\n" }
      let sums = HTMLReportWriter.orderedSumKeys(e.sums.keys)
      if !sums.isEmpty {
        let parts = sums.map { k in
          let s = e.sums[k]!
          return "\(esc(Labels.metric(k.metric))) \(s.approx ? "约" : "")\(HTMLReportWriter.grouped(s.value))\(esc(Labels.unitClass(k.unitClass)))"
        }
        h += "<p class=\"keys\"><b>本文合计</b> \(parts.joined(separator: " · "))<span class=\"meta\">（各篇关键数字按单位类别相加\(keepDuplicates ? "" : "，重复的篇目和段落不计")，与 totals.csv 同法）</span></p>\n"
      }
      return h
    }

    func article(_ a: ArticleSummary, _ c: DocContext, to out: inout [UInt8]) {
      let d = c.d
      let dup = a.duplicateOf != nil
      var h = "<article class=\"art\(dup ? " dup" : "")\" id=\"\(c.articleAnchor(a.article))\">\n"
      h += "<h3><span class=\"an\">第\(a.article)篇</span> \(a.title.isEmpty ? "<span class=\"muted\">（无标题）</span>" : esc(a.title))"
      if dup { h += " <span class=\"tag dupt\">重复</span>" }
      h += "</h3>\n"
      var meta: [String] = []
      if let p = a.period { meta.append("时期 \(esc(p.label))") }
      if let b = a.body { meta.append("报告单位 \(esc(b))") }
      meta.append("位置 \(a.span.start)–\(a.span.end)")
      meta.append("数字 \(a.factCount)")
      if a.placeholderCount > 0 { meta.append("空白 \(a.placeholderCount)") }
      if !a.categories.isEmpty {
        meta.append("类别 " + a.categories.prefix(5).map { "\(esc(Labels.category($0.category)))×\($0.mentions)" }.joined(separator: "、"))
      }
      h += "<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n"
      if let ref = a.duplicateOf {
        let sim = a.duplicateSimilarity.map { "，相似度 " + AnalysisFields.fixed($0, places: 2) } ?? ""
        h += "<p class=\"dupnote\">重复篇目：本篇与 \(c.refLink(ref)) 重复\(sim)。\(keepDuplicates ? "" : "本篇数字不计入合计。")</p>\n"
      }
      let passages = c.passagesIn[a.article] ?? []
      if !passages.isEmpty {
        h += "<ul class=\"dupnote\">" + passages.map { m in
          "<li>第\(m.copy.passage.map(String.init) ?? "?")段（\(m.copy.span.start)–\(m.copy.span.end)）重复 \(c.refLink(m.original))（\(Labels.relation(m.relation))），相似度 \(AnalysisFields.fixed(m.similarity, places: 2))</li>"
        }.joined() + "</ul>\n"
      }
      h += keyFigures(a, c)
      let own = c.findingsIn[a.article] ?? []
      if !own.isEmpty {
        h += "<ul class=\"findings inline\">" + own.map { k in
          let f = d.findings[k]
          return "<li><span class=\"rule\">\(Labels.rule(f.rule))</span> \(esc(FindingText.chinese(f))) <a href=\"\(c.href(c.findingAnchor(k)))\">查看</a>\(figureLinks(f, c))</li>"
        }.joined() + "</ul>\n"
      }
      let facts = c.factsIn[a.article] ?? []
      if facts.isEmpty {
        h += "<p class=\"muted\">本篇没有数字。</p>\n"
      } else {
        h += """
          <table class="facts"><colgroup><col class="c-i"><col class="c-k"><col class="c-m"><col class="c-v"><col class="c-u"><col class="c-f"><col><col class="c-s"></colgroup>
          <thead><tr><th>#</th><th>类型</th><th>指标</th><th class="num">数值</th><th>单位</th><th>标记</th><th>证据（原句，数字高亮）</th><th>位置</th></tr></thead>
          <tbody>

          """
        out.appendUTF8(h)
        h = ""
        var link = LastLink()
        for k in facts { factRow(k, a, c, &link, to: &out) }
        h += "</tbody></table>\n"
      }
      out.appendUTF8(h)
      out.appendUTF8("</article>\n")
    }

    func keyFigures(_ a: ArticleSummary, _ c: DocContext) -> String {
      var parts: [String] = []
      for k in a.keyFigures {
        let v = k.placeholder ? "<span class=\"ph\">xx（空白）</span>" : k.value == nil ? "<span class=\"ph\">（数值过大）</span>" : (k.approx ? "约" : "") + esc(FactWriter.number(k.value!)) + esc(k.unit)
        parts.append("\(esc(Labels.metric(k.metric))) <a href=\"\(c.href(c.factAnchor(k.fact)))\">\(v)</a>")
      }
      for m in ArticleSummarizer.rateMetrics {
        let stated = a.statedRate(m), derived = a.derivedRate(m)
        guard stated != nil || derived != nil else { continue }
        var s = esc(Labels.metric(m)) + " "
        if let r = stated { s += r.placeholder ? "<span class=\"ph\">xx%（空白）</span>" : r.value == nil ? "<span class=\"ph\">（数值过大）</span>" : esc(FactWriter.number(r.value!)) + "%" }
        if let r = derived, let v = r.value { s += stated == nil ? "<span class=\"derived\">\(esc(FactWriter.number(v)))%（推算）</span>" : "<span class=\"derived\">（推算 \(esc(FactWriter.number(v)))%）</span>" }
        parts.append(s)
      }
      guard !parts.isEmpty else { return "" }
      return "<p class=\"keys\"><b>关键数字</b> " + parts.joined(separator: " · ") + "</p>\n"
    }

    /// The repeat link of the last fact row: the facts of a repeated article or passage all link
    /// to the same original.
    struct LastLink {
      var ref: TextRef?
      var bytes: [UInt8] = []
    }

    func factRow(_ k: Int, _ a: ArticleSummary, _ c: DocContext, _ link: inout LastLink, to h: inout [UInt8]) {
      let f = c.d.facts[k]
      let hits = c.findingsOf[k] ?? []
      let repeatOf = c.d.factDuplicateOf[k]
      // A fact of a repeated article that repeats that same original article: the article's note
      // links to it, and the style sheet tags the row (class `ra`), so the row carries no tag or
      // link of its own (on every row they were a quarter of a page's bytes).
      let withArticle = repeatOf.map { r in a.duplicateOf.map { $0.doc == r.doc && $0.article == r.article } ?? false } ?? false
      func anchor() {
        h.appendUTF8("f-")
        h.putDecimal(c.n)
        h.append(UInt8(ascii: "-"))
        h.putDecimal(k)
      }
      h.appendUTF8("<tr id=\"")
      anchor()
      h.append(UInt8(ascii: "\""))
      var classes = 0
      func cls(_ name: StaticString) {
        h.appendUTF8(classes == 0 ? " class=\"" : " ")
        h.appendUTF8(name)
        classes += 1
      }
      if f.placeholder { cls("ph-row") }
      if !hits.isEmpty { cls("hit") }
      if repeatOf != nil { cls("rep") }
      if withArticle { cls("ra") }
      if f.target { cls("tgt") }
      if classes > 0 { h.append(UInt8(ascii: "\"")) }
      h.appendUTF8("><td class=\"i\"><a href=\"#")
      anchor()
      h.appendUTF8("\">")
      h.putDecimal(k)
      h.appendUTF8("</a></td><td>")
      h.appendUTF8(Labels.kind(f.kind))
      h.appendUTF8("</td><td>")
      h.appendEscaped(Labels.metric(f.metric))
      h.appendUTF8("<br><span class=\"id\">")
      h.appendUTF8(HTMLReportWriter.breakableID[f.metric]!)
      h.appendUTF8("</span></td><td class=\"num\">")
      // The evidence is rendered first: a blank's value cell shows what was marked in it.
      var ev: [UInt8] = []
      ev.reserveCapacity(f.evidence.utf8.count + 16)
      let marked = HTMLReportWriter.appendMarkedEvidence(f, to: &ev)
      if !f.placeholder, f.value == nil {
        // A number too large to record: what was written, and why it has no value.
        h.appendUTF8("<span class=\"ph\">")
        h.appendEscaped(marked ?? "")
        h.appendUTF8("<span class=\"nb\">（数值过大）</span></span>")
      } else if f.placeholder || f.value == nil {
        // Never a digit here, whatever the blank looked like.
        let blank = marked.flatMap { $0.unicodeScalars.contains { CharacterSet.decimalDigits.contains($0) } ? nil : $0 } ?? "xx"
        h.appendUTF8("<span class=\"ph\">")
        h.appendEscaped(blank.isEmpty ? "xx" : blank)
        h.appendUTF8("<span class=\"nb\">（空白）</span></span>")
      } else {
        let v = f.value!
        if f.kind == .change && v > 0 { h.append(UInt8(ascii: "+")) }
        h.appendEscaped(FactWriter.number(v))
      }
      h.appendUTF8("</td><td>")
      h.appendEscaped(f.unit)
      h.appendUTF8("</td><td class=\"flags\">")
      // Flags are separated by a space.
      var noFlag = true
      func flag(_ text: StaticString) {
        if !noFlag { h.append(UInt8(ascii: " ")) }
        noFlag = false
        h.appendUTF8(text)
      }
      if f.approx { flag("<span class=\"tag\">约</span>") }
      if let b = f.bound { flag(b == .min ? "<span class=\"tag\">≥ 下限</span>" : "<span class=\"tag\">≤ 上限</span>") }
      if f.target { flag("<span class=\"tag tg\">目标</span>") }
      if let cat = f.category {
        flag("<span class=\"tag cat\" title=\"")
        h.appendEscaped(cat)
        h.appendUTF8("\">")
        h.appendEscaped(Labels.category(cat))
        h.appendUTF8("</span>")
      }
      if let p = f.period, p.key != a.period?.key {
        flag("<span class=\"tag per\">")
        h.appendEscaped(p.label)
        h.appendUTF8("</span>")
      }
      if let r = repeatOf, !withArticle {
        flag("<span class=\"tag dupt\">重复</span> <span class=\"small\">")
        if link.ref != r {
          link.bytes.removeAll(keepingCapacity: true)
          c.appendRefLink(r, short: true, to: &link.bytes)
          link.ref = r
        }
        h.append(contentsOf: link.bytes)
        h.appendUTF8("</span>")
      }
      for k in hits {
        flag("<a class=\"tag flag\" href=\"#")
        h.appendUTF8(c.findingAnchor(k))
        h.appendUTF8("\">⚑ ")
        h.appendUTF8(Labels.rule(c.d.findings[k].rule))
        h.appendUTF8("</a>")
      }
      h.appendUTF8("</td><td class=\"ev\">")
      h.append(contentsOf: ev)
      h.appendUTF8("</td><td class=\"sp\">")
      h.putDecimal(f.span.start)
      h.appendUTF8("–")
      h.putDecimal(f.span.end)
      h.appendUTF8("<br><span class=\"id\">证据 ")
      h.putDecimal(f.evidenceSpan.start)
      h.appendUTF8("–")
      h.putDecimal(f.evidenceSpan.end)
      h.appendUTF8("</span></td></tr>\n")
    }

    func figureLinks(_ f: Finding, _ c: DocContext) -> String {
      guard !f.figures.isEmpty else { return "" }
      return "<span class=\"figs\">" + f.figures.map { g in
        let label = "\(esc(Labels.role(g.role))) \(esc(FactWriter.number(g.value)))\(esc(g.unit))"
        if let k = g.fact { return "<a href=\"\(c.href(c.factAnchor(k)))\">\(label)</a>" }
        if g.doc != c.d.doc, let i = c.docIndex[g.doc] { return "<a href=\"\(c.href(document: i, "d-\(i)"))\">\(label) @\(esc(g.doc)):\(g.span.start)</a>" }
        return label
      }.joined(separator: "") + "</span>"
    }

    /// A finding as a list item; `anchored` on the document's page, which its facts link to
    /// (one item per finding holds its id, so the findings pages have none).
    func findingItem(_ f: Finding, _ k: Int, _ c: DocContext, inCopy: Bool, anchored: Bool) -> String {
      let title = c.d.title(ofArticle: f.article).map { " " + esc($0) } ?? ""
      var h = anchored ? "<li id=\"\(c.findingAnchor(k))\" class=\"finding\">" : "<li class=\"finding\">"
      h += "<div class=\"fh\"><span class=\"rule\">\(Labels.rule(f.rule))</span> <span class=\"id\">\(f.rule.rawValue)</span> "
      if inCopy { h += "<span class=\"tag dupt\">重复文本</span> " }
      h += "<a href=\"\(c.href(c.articleAnchor(f.article)))\">\(c.n) \(esc(f.doc)) · 第\(f.article)篇\(title)</a></div>\n"
      h += "<p class=\"msg\">\(esc(FindingText.chinese(f)))"
      if let s = f.stated { h += " <span class=\"sc\">所述 <b>\(esc(FactWriter.number(s)))</b>" + (f.computed.map { "，应为 <b>\(esc(FactWriter.number($0)))</b>" } ?? "") + "</span>" }
      h += "</p>\n"
      let main = f.figures.first { $0.fact != nil }?.fact
      let evidence = main.map { HTMLReportWriter.markedEvidence(c.d.facts[$0]).html } ?? esc(f.evidence)
      h += "<p class=\"ev\">「\(evidence)」 <span class=\"id\">\(f.span.start)–\(f.span.end)</span></p>\n"
      h += "<p class=\"fl\">\(figureLinks(f, c))</p></li>\n"
      return h
    }
  }
}
