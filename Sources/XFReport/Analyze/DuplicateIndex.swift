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
    label.putDecimal(article)
    if let passage {
      label.appendUTF8("/p")
      label.putDecimal(passage)
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
  /// The first entry of each text (by ``MinHash/digest``): an identical (or re-punctuated,
  /// re-encoded) copy is found even when every band bucket it falls in is full, and before
  /// texts that differ only where no bin looks.
  private var exact: [UInt64: Int32] = [:]

  /// Entries a band bucket holds at most (the earliest ones). Texts from one template share
  /// whole bands, and without a cap every new one is compared with all before it: time grows
  /// with the square of the input. The cost: a text filed only in full buckets is found again
  /// only by an exact copy (same letters and digits), so a near copy of it can be missed or
  /// taken for a copy of an earlier sibling. A full bucket holds texts alike in a whole band;
  /// the earliest ones stand for the rest.
  public static var maxBucket: Int { 16 }

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
    /// Found by its exact text: ranks before every other.
    let exact: Bool
    let id: Int32
    let score: Double
  }

  /// The earlier text most like this one: near-identical (similarity at or above the threshold),
  /// or one text holding the other (containment at or above it). The earliest wins a tie.
  public func bestMatch(_ sketch: MinHash) -> Match? { candidates(sketch).first }

  /// Every earlier text like this one (as in ``bestMatch(_:)``), best first, the earliest first
  /// on a tie: at most one per entry of the buckets the sketch falls in, so at most
  /// `bands × maxBucket + 1`.
  public func candidates(_ sketch: MinHash) -> [Match] {
    let rows = slots / bands
    // The ids of the buckets (at most bands × maxBucket), each once: sorted, not hashed.
    var ids: [Int32] = []
    let same = exact[sketch.digest].flatMap { sketches[Int($0)] == sketch ? $0 : nil }
    if let same { ids.append(same) }
    for b in 0..<bands {
      if let bucket = buckets[sketch.bandKey(b, rows: rows)] { ids += bucket }
    }
    ids.sort()
    var found: [Match] = []
    var last: Int32 = -1
    for id in ids where id != last {
      last = id
      let other = sketches[Int(id)]
      let sim = sketch.similarity(other)
      let relation: DuplicateMatch.Relation
      let score: Double
      if sim >= threshold {
        (relation, score) = (.same, sim)
      } else if case let c = sketch.containment(in: other, similarity: sim), c >= threshold {
        (relation, score) = (.part_of, c)
      } else if case let c = other.containment(in: sketch, similarity: sim), c >= threshold {
        (relation, score) = (.contains, c)
      } else {
        continue
      }
      let e = entries[Int(id)]
      found.append(Match(ref: e.ref, payload: e.payload, similarity: sim, relation: relation, exact: id == same, id: id, score: score))
    }
    found.sort { ($0.exact ? 1 : 0, $0.score, $1.id) > ($1.exact ? 1 : 0, $1.score, $0.id) }
    return found
  }

  public mutating func insert(_ sketch: MinHash, ref: TextRef, payload: Payload) {
    let id = Int32(entries.count)
    entries.append((ref, payload))
    sketches.append(sketch)
    let rows = slots / bands
    for b in 0..<bands {
      let key = sketch.bandKey(b, rows: rows)
      if buckets[key, default: []].count < Self.maxBucket { buckets[key, default: []].append(id) }
    }
    let digest = sketch.digest
    if exact[digest] == nil { exact[digest] = id }
  }
}
