import Foundation
import Synchronization

/// Writes facts in the interchange form of facts.md §1 (one JSON object per line, every key
/// present, `"value": null` for a placeholder), plus `article`, `title`, `period`, and after
/// each article its category records (§7).
public struct FactWriter: Sendable {
  public init() {}

  public func write(_ doc: Document, to out: inout String) {
    var byArticle: [Int: [Fact]] = [:]
    for f in doc.facts { byArticle[f.article, default: []].append(f) }
    let name = doc.baseName
    for a in doc.articles {
      for f in byArticle[a.index] ?? [] {
        out += line(f, doc: name, title: a.title)
        out += "\n"
      }
      let span = doc.sourceSpan(of: a)
      for c in doc.categoryMentions where c.article == a.index {
        var o = JSONObjectWriter()
        o.add("doc", name)
        o.add("kind", "category")
        o.add("category", c.category)
        o.add("mentions", c.mentions)
        o.add("span", span: span)
        o.add("article", a.index)
        o.add("title", a.title)
        out += o.close()
        out += "\n"
      }
    }
  }

  /// One fact's record; `extra` adds keys after the interchange form's (analyze's outputs).
  public func line(_ f: Fact, doc: String, title: String?, extra: ((inout JSONObjectWriter) -> Void)? = nil) -> String {
    var o = JSONObjectWriter()
    o.reserve(320)
    o.add("doc", doc)
    o.add("kind", f.kind.rawValue)
    o.add("metric", f.metric.rawValue)
    o.add("value", raw: f.value.map(Self.number) ?? "null")
    o.add("unit", f.unit)
    o.add("span", span: f.span)
    o.add("approx", f.approx)
    o.add("bound", f.bound?.rawValue)
    o.add("target", f.target)
    o.add("category", f.category)
    o.add("placeholder", f.placeholder)
    o.add("text", f.evidence)
    o.add("article", f.article)
    o.add("title", title)
    o.add("period", f.period)
    extra?(&o)
    return o.close()
  }

  /// A decimal as a JSON number, never in exponent form and never a binary float.
  public static func number(_ d: Decimal) -> String {
    numberCache.withLock { cache in
      if let s = cache[d] { return s }
      var v = d
      var r = Decimal()
      NSDecimalRound(&r, &v, 6, .plain)
      let s = "\(r)"
      // Reports repeat the same few thousand values; Foundation's formatting is slow.
      if cache.count < 1 << 16 { cache[d] = s }
      return s
    }
  }

  private static let numberCache = Mutex<[Decimal: String]>([:])

  /// An in-band error record for a document that could not be processed, so that a stream
  /// consumer (a Spark job) sees it in place of the document's facts.
  public func errorLine(doc: String, error: Error) -> String {
    var o = JSONObjectWriter()
    o.add("doc", doc)
    o.add("kind", "error")
    o.add("code", errorCode(error))
    o.add("message", "\(error)")
    return o.close()
  }
}
