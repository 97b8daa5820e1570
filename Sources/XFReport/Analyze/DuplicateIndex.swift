import Foundation

/// Where a stretch of text sits: a whole article, or one passage (paragraph) of it.
public struct TextRef: Sendable, Hashable {
  public let doc: String
  public let article: Int
  /// Paragraph number within the document, nil for a whole article.
  public let passage: Int?
  public let span: SourceSpan
  /// `doc#article`, or `doc#article/pN` for a passage: how outputs name it in `duplicate_of`.
  /// Built once here: every repeated fact's row in every format names its original.
  public let label: String

  public init(doc: String, article: Int, passage: Int?, span: SourceSpan) {
    self.doc = doc
    self.article = article
    self.passage = passage
    self.span = span
    // One buffer of the right size: a TextRef is made for every line of every document.
    var label: [UInt8] = []
    label.reserveCapacity(doc.utf8.count + 24)
    label.appendUTF8(doc)
    label.append(UInt8(ascii: "#"))
    label.appendDecimal(article)
    if let passage {
      label.appendUTF8("/p")
      label.appendDecimal(passage)
    }
    self.label = String(decoding: label, as: UTF8.self)
  }

  // The label follows from the other fields.
  public static func == (a: TextRef, b: TextRef) -> Bool {
    a.article == b.article && a.passage == b.passage && a.span == b.span && a.doc == b.doc
  }

  public func hash(into h: inout Hasher) {
    h.combine(doc)
    h.combine(article)
    h.combine(passage)
    h.combine(span)
  }
}

/// A text found to repeat an earlier one.
public struct DuplicateMatch: Sendable {
  public enum Kind: String, Sendable { case article, passage }
  /// `same`: near-identical texts; `part_of`: the copy is contained in the original;
  /// `contains`: the copy holds the original and more (a report filed again with additions).
  public enum Relation: String, Sendable { case same, part_of, contains }
  public let kind: Kind
  public let relation: Relation
  public let copy: TextRef
  public let original: TextRef
  public let similarity: Double

  /// Whether the whole copy repeats earlier text (so none of it counts again in totals).
  public var coversCopy: Bool { relation != .contains }
}

/// Near-duplicate search that runs as documents arrive: each text is compared with the texts
/// seen before it (MinHash sketches filed under locality-sensitive band keys), so the first copy
/// in input order is the original and memory holds sketches, not texts.
public struct DuplicateIndex<Payload> {
  public let slots: Int
  public let bands: Int
  public let threshold: Double
  private var entries: [(ref: TextRef, payload: Payload)] = []
  /// The entries' sketches apart: comparing one copies only its sketch.
  private var sketches: [MinHash] = []
  private var buckets: [UInt64: [Int32]] = [:]

  public init(slots: Int, bands: Int, threshold: Double) {
    precondition(slots % bands == 0)
    self.slots = slots
    self.bands = bands
    self.threshold = threshold
  }

  public var count: Int { entries.count }

  public struct Match {
    public let ref: TextRef
    public let payload: Payload
    public let similarity: Double
    public let relation: DuplicateMatch.Relation
  }

  /// The earlier text most like this one: near-identical (similarity at or above the threshold),
  /// or one text holding the other (containment at or above it). The earliest wins a tie.
  public func bestMatch(_ sketch: MinHash) -> Match? {
    let rows = slots / bands
    var best: (id: Int32, score: Double, relation: DuplicateMatch.Relation, sim: Double)? = nil
    var tried = SmallIntSet()
    for b in 0..<bands {
      guard let bucket = buckets[sketch.bandKey(b, rows: rows)] else { continue }
      for id in bucket where tried.insert(id) {
        let other = sketches[Int(id)]
        let sim = sketch.similarity(other)
        let relation: DuplicateMatch.Relation
        let score: Double
        if sim >= threshold {
          (relation, score) = (.same, sim)
        } else if sketch.containment(in: other) >= threshold {
          (relation, score) = (.part_of, sketch.containment(in: other))
        } else if other.containment(in: sketch) >= threshold {
          (relation, score) = (.contains, other.containment(in: sketch))
        } else {
          continue
        }
        if best == nil || score > best!.score || (score == best!.score && id < best!.id) { best = (id, score, relation, sim) }
      }
    }
    guard let best else { return nil }
    let e = entries[Int(best.id)]
    return Match(ref: e.ref, payload: e.payload, similarity: best.sim, relation: best.relation)
  }

  public mutating func insert(_ sketch: MinHash, ref: TextRef, payload: Payload) {
    let id = Int32(entries.count)
    entries.append((ref, payload))
    sketches.append(sketch)
    let rows = slots / bands
    for b in 0..<bands { buckets[sketch.bandKey(b, rows: rows), default: []].append(id) }
  }
}

/// The candidates already compared: usually a handful, kept in a list; a Set once there are many.
private struct SmallIntSet {
  private var list: [Int32] = []
  private var set: Set<Int32>? = nil

  /// Whether `id` was new.
  mutating func insert(_ id: Int32) -> Bool {
    if set != nil { return set!.insert(id).inserted }
    if list.contains(id) { return false }
    list.append(id)
    if list.count > 32 { set = Set(list) }
    return true
  }
}
