import Foundation
import Testing
@testable import XFReport

/// FactWriter groups a document's records by article without copying its facts: the lines
/// must be those of grouping them by article in document order, whatever order they come in.
struct FactWriterTests {
  /// The records as the writer wrote them before it grouped by index: per article, its facts
  /// in document order, then its category records.
  static func reference(_ doc: Document) -> [UInt8] {
    var out: [UInt8] = []
    let writer = FactWriter()
    for a in doc.articles {
      for f in doc.facts where f.article == a.index {
        out += Array((writer.line(f, doc: doc.id, title: a.title) + "\n").utf8)
      }
      for c in doc.categoryMentions where c.article == a.index {
        var o = JSONObjectWriter()
        o.add("doc", doc.id)
        o.add("kind", "category")
        o.add("category", c.category)
        o.add("mentions", c.mentions)
        o.add("span", span: doc.sourceSpan(of: a))
        o.add("article", a.index)
        o.add("title", a.title)
        out += Array((o.close() + "\n").utf8)
      }
    }
    return out
  }

  @Test func recordsAreGroupedByArticleInDocumentOrder() throws {
    var doc = try Fixtures.pipeline.process(RawDocument(name: "township-collection.txt", bytes: try Fixtures.bytes("township-collection.txt")), through: .extract)
    #expect(Set(doc.facts.map(\.article)).count > 1 && !doc.categoryMentions.isEmpty)
    var written: [UInt8] = []
    FactWriter().write(doc, to: &written)
    #expect(written == Self.reference(doc))

    // Later articles first, each article's facts (and records) in their own order.
    let facts = Dictionary(grouping: doc.facts, by: \.article)
    doc.facts = facts.keys.sorted(by: >).flatMap { facts[$0]! }
    let mentions = Dictionary(grouping: doc.categoryMentions, by: \.article)
    doc.categoryMentions = mentions.keys.sorted(by: >).flatMap { mentions[$0]! }
    var shuffled: [UInt8] = []
    FactWriter().write(doc, to: &shuffled)
    #expect(shuffled == written)

    // Appended after what the buffer holds.
    var appended = Array("x\n".utf8)
    FactWriter().write(doc, to: &appended)
    #expect(appended == Array("x\n".utf8) + written)
  }

  /// A string that needs escapes in every field that may hold one, at the worst case's length.
  @Test func escapedFieldsFitTheRoomMadeForThem() throws {
    let doc = try Fixtures.process("全年共受理群众来信56件。")
    let f = try #require(doc.facts.first)
    let line = FactWriter().line(f, doc: String(repeating: "\u{01}", count: 300), title: String(repeating: "\"", count: 300))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["doc"] as? String == String(repeating: "\u{01}", count: 300))
    #expect(object["title"] as? String == String(repeating: "\"", count: 300))
  }
}
