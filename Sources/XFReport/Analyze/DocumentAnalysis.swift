import Foundation

/// What `analyze` learns about one input: its articles in figures, its facts (each marked when
/// it repeats an earlier passage), the check findings and the duplicates found. A failed input
/// carries only its error.
public struct DocumentAnalysis: Sendable {
  public struct Failure: Sendable {
    public let code: String
    public let message: String
  }

  /// The path as given; the id used in records (``DocumentIdentity``); the file's base name.
  public let name: String
  public let doc: String
  public let file: String
  public let format: String?
  public let encoding: String?
  public let warnings: [IngestWarning]
  public let failure: Failure?
  public internal(set) var articles: [ArticleSummary] = []
  public internal(set) var facts: [Fact] = []
  /// Per fact: the earlier text it repeats, when its passage or article is a duplicate.
  public internal(set) var factDuplicateOf: [TextRef?] = []
  public internal(set) var findings: [Finding] = []
  public internal(set) var duplicates: [DuplicateMatch] = []
  /// Source length in code points.
  public let sourceLength: Int
  /// 1-based position among the inputs of the run.
  public internal(set) var position = 0
  /// Position of the first input of each name this document refers to (itself, the originals
  /// of its repeats, the documents its findings cite), for links between documents.
  public internal(set) var firstPositions: [String: Int] = [:]

  init(_ doc: Document) {
    name = doc.name
    self.doc = doc.id.isEmpty ? doc.baseName : doc.id
    file = doc.baseName
    format = doc.format.rawValue
    encoding = doc.encoding
    warnings = doc.warnings
    failure = nil
    facts = doc.facts
    factDuplicateOf = Array(repeating: nil, count: doc.facts.count)
    sourceLength = doc.source.count
  }

  init(failed name: String, id: String? = nil, error: Error) {
    self.name = name
    doc = id ?? RawDocument.baseName(of: name)
    file = RawDocument.baseName(of: name)
    format = nil
    encoding = nil
    warnings = []
    failure = Failure(code: errorCode(error), message: "\(error)")
    sourceLength = 0
  }

  /// The earlier text a finding's checked figure repeats (its fact's, else its article's):
  /// findings, like facts, can be filtered to originals.
  public func duplicateOf(_ f: Finding) -> TextRef? {
    if let k = f.figures.first(where: { $0.fact != nil })?.fact, k < factDuplicateOf.count, let ref = factDuplicateOf[k] { return ref }
    let k = articles.partitioningIndex { $0.article >= f.article }
    return k < articles.count && articles[k].article == f.article ? articles[k].duplicateOf : nil
  }

  /// Asked for every fact: articles are in index order, so a binary search.
  public func title(ofArticle index: Int) -> String? {
    let k = articles.partitioningIndex { $0.article >= index }
    return k < articles.count && articles[k].article == index ? articles[k].title : nil
  }
}
