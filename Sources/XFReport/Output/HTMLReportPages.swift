import Foundation

/// The pages of the report folder: their file names, the links between them and the frame they
/// share (head, bar, pager, footer). Plain relative links, so the folder reads from any place
/// it is copied to, without a server.
enum ReportPage {
  static let documentsPerPage = 200
  static let findingsPerPage = 100

  /// doc-00001.html: a document's own page, named by its input position.
  static func document(_ n: Int) -> String { "doc-" + padded(n, 5) + ".html" }
  /// index-0001.html: page `p` of the document index.
  static func index(_ p: Int) -> String { "index-" + padded(p, 4) + ".html" }
  /// findings-0001.html: page `p` of the findings.
  static func findings(_ p: Int) -> String { "findings-" + padded(p, 4) + ".html" }
  static let periods = "periods.html"
  static let style = "style.css"

  /// The index page that lists document `n` (1-based): ceil(n / 200).
  static func indexPage(ofDocument n: Int) -> Int { (max(n, 1) - 1) / documentsPerPage + 1 }
  /// Pages for `count` items, at least one (an empty list still has its page to link to).
  static func pageCount(_ count: Int, per: Int) -> Int { max(1, (count + per - 1) / per) }

  static func padded(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  /// Everything before a folder page's content: the shared style sheet and the bar of links.
  static func head(title: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(esc(title)) · 信访工作报告分析</title>
    <link rel="stylesheet" href="\(style)">
    </head>
    <body id="top">
    <header class="bar"><div class="in"><b>信访工作报告分析</b><nav><a href="../report.html">报告首页</a><a href="\(index(1))">文档索引</a><a href="\(findings(1))">核查发现</a></nav></div></header>
    <main>

    """
  }

  static func foot(_ name: String) -> String {
    "<footer>xfreport analyze · report/\(esc(name)) · 本页不含脚本，不引用外部资源。</footer>\n</main>\n</body>\n</html>\n"
  }

  /// Links to the pages of a list: previous and next, the first and last and those near
  /// `current` (0 when the reader is on none of them, as in report.html).
  static func pager(current: Int, count: Int, href: (Int) -> String) -> String {
    guard count > 1 else { return "" }
    var h = "<nav class=\"pager\">"
    if current > 1 { h += "<a href=\"\(href(current - 1))\">← 上一页</a>" }
    var last = 0
    let near = max(current, 1)
    for p in 1...count where p == 1 || p == count || abs(p - near) <= 3 {
      if p > last + 1 { h += "<span class=\"gap\">…</span>" }
      h += p == current ? "<b>\(p)</b>" : "<a href=\"\(href(p))\">\(p)</a>"
      last = p
    }
    if current >= 1, current < count { h += "<a href=\"\(href(current + 1))\">下一页 →</a>" }
    return h + "</nav>\n"
  }
}
