/// Counts, per article, the issue categories (facts.md §4.1) its petitions concern; breakdown
/// ids of §4.2 are not issue categories.
///
/// A category cue counts only as a word of the text: both its ends are word boundaries of the
/// segmentation `segment` makes (ICU plus the domain lexicon), so a cue inside a longer word is
/// none, nor is one inside a title (《…》). An article gets a category when one such word has a
/// context word (`category-contexts.tsv`: the sentence speaks of petitions or grievances) near it
/// in its sentence, or when it names the category ``minimumMentions`` times. Words are found only
/// around the cues: `extract` builds no word layer, since segmenting a whole document costs more
/// than extracting from it.
struct CategoryCounter {
  let dictionaries: Dictionaries
  /// Built once: it holds the lexicon and the units, which a copy per document retained anew.
  private let segmenter: WordSegmenter

  init(dictionaries: Dictionaries) {
    self.dictionaries = dictionaries
    segmenter = WordSegmenter(lexicon: dictionaries.lexicon, numbers: NumberRecognizer(units: dictionaries.units))
  }

  /// Two: on the development sets three lost a category that a long report names twice with no
  /// context word near, and two admitted no false one.
  static let minimumMentions = 2
  /// A context word counts this far either side of a cue (within its sentence): all of an
  /// ordinary sentence, a bounded stretch of a line without punctuation.
  static let contextReach = 200

  func count(_ doc: Document, occurrences: [CueLexicon<String>.Occurrence]) -> [CategoryMention] {
    let s = doc.normalized.scalars
    let cues = occurrences.filter { !isBreakdown($0.value) }
    var words = CueWords(segmenter, numbers: doc.numbers)
    var scan = SentenceScan(contexts: dictionaries.categoryContexts)
    var result: [CategoryMention] = []
    for a in doc.articles {
      // An article names few categories: a list searched by id costs less than hashing each cue's id.
      var counts: [(category: String, mentions: Int, inContext: Bool)] = []
      // Cues are sorted by start: those starting in the article are one run of them, found by
      // binary search rather than a scan of the document per article.
      var k = cues.partitioningIndex { $0.range.lowerBound >= a.range.lowerBound }
      while k < cues.count, cues[k].range.lowerBound < a.range.upperBound {
        let o = cues[k]
        k += 1
        guard let sentence = scan.sentence(of: o.range, in: doc.sentences) else { continue }
        let near = max(sentence.lowerBound, o.range.lowerBound - Self.contextReach)..<min(sentence.upperBound, o.range.upperBound + Self.contextReach)
        scan.read(s, through: near, sentenceEnd: sentence.upperBound)
        guard !scan.inTitle(o.range, within: near) else { continue }
        if !words.isWord(o.range, sentence: sentence, in: s, next: cues[k...].lazy.map(\.range)) { continue }
        let c: Int
        if let known = counts.firstIndex(where: { $0.category == o.value }) { c = known } else {
          c = counts.count
          counts.append((o.value, 0, false))
        }
        counts[c].mentions += 1
        if scan.hasContext(within: near) { counts[c].inContext = true }
      }
      for (c, n, inContext) in counts.sorted(by: { $0.category < $1.category }) where n >= Self.minimumMentions || inContext {
        result.append(CategoryMention(article: a.index, category: c, mentions: n))
      }
    }
    return result
  }
}

/// Whether cues are words of the text, from the words of a short stretch around them: the cues
/// close together in a sentence share one stretch, segmented once.
struct CueWords {
  /// Words are read this far either side of a cue: twice the farthest a lexicon term that holds
  /// a category term reaches past it (4: 中级人民法院 over 法院); on every report of the
  /// development sets the words at a cue's ends are already those of the whole text at 2.
  static let reach = 8
  /// Cues closer than this share a stretch only while it stays this long (a line without
  /// punctuation full of cues costs a bounded stretch per few cues, not one huge stretch).
  static let maxStretch = 160

  private let segmenter: WordSegmenter
  /// ICU's word iterator, looked up only when a cue is not a lexicon entry (most documents need
  /// none, and the thread's dictionary costs a lookup); nil when it failed to open, and then
  /// every cue counts as a word.
  private var iterator: BreakIterator??
  /// The document's numbers, which the segmenter's words respect.
  private let numbers: [NumberMatch]
  private var stretch = 0..<0
  /// Word boundaries in `stretch`, ascending.
  private var bounds: [Int] = []

  init(_ dictionaries: Dictionaries, numbers: [NumberMatch]) {
    self.init(WordSegmenter(lexicon: dictionaries.lexicon, numbers: NumberRecognizer(units: dictionaries.units)), numbers: numbers)
  }

  init(_ segmenter: WordSegmenter, numbers: [NumberMatch]) {
    self.segmenter = segmenter
    self.numbers = numbers
  }

  /// Whether both ends of `r`, in `sentence`, are word boundaries; `next` are the ranges of the
  /// cues after it, ascending, which a new stretch takes in while they are close.
  mutating func isWord(_ r: Range<Int>, sentence: Range<Int>, in s: [Unicode.Scalar], next: some Sequence<Range<Int>>) -> Bool {
    // Most cues are lexicon entries, which the lexicon alone segments: no ICU pass for them.
    let from = max(sentence.lowerBound, r.lowerBound - Self.reach)
    if let known = segmenter.lexicalWord(r, in: s, from: from, limit: sentence.upperBound, numbers: numbers) { return known }
    return icuWord(r, sentence: sentence, in: s, next: next)
  }

  /// As ``isWord(_:sentence:in:next:)``, from ICU's segments and the lexicon.
  mutating func icuWord(_ r: Range<Int>, sentence: Range<Int>, in s: [Unicode.Scalar], next: some Sequence<Range<Int>>) -> Bool {
    let inside =
      stretch.lowerBound >= sentence.lowerBound && stretch.upperBound <= sentence.upperBound
      && (r.lowerBound - stretch.lowerBound >= Self.reach || (stretch.lowerBound == sentence.lowerBound && r.lowerBound >= stretch.lowerBound))
      && (stretch.upperBound - r.upperBound >= Self.reach || (stretch.upperBound == sentence.upperBound && r.upperBound <= stretch.upperBound))
    if iterator == nil { iterator = .some(try? BreakIterator.forCurrentThread(.word)) }
    guard let iterator = iterator ?? nil else { return true }
    if !inside {
      let lower = max(sentence.lowerBound, r.lowerBound - Self.reach)
      var upper = r.upperBound + Self.reach
      for n in next {
        guard n.lowerBound - Self.reach < upper, n.upperBound + Self.reach - lower <= Self.maxStretch else { break }
        upper = n.upperBound + Self.reach
      }
      stretch = lower..<min(sentence.upperBound, upper)
      bounds = segmenter.boundaries(s, in: stretch, iterator: iterator)
    }
    return isBound(r.lowerBound) && isBound(r.upperBound)
  }

  private func isBound(_ i: Int) -> Bool {
    let k = bounds.partitioningIndex { $0 >= i }
    return k < bounds.count && bounds[k] == i
  }
}

/// The context words and title brackets of the sentence the cues are in, read as far as the
/// cues so far needed them: cues come in text order, so each character is read at most once
/// however many cues stand near it.
private struct SentenceScan {
  let contexts: CueLexicon<CategoryContext>
  private var sentence = 0
  private var current: Range<Int>? = nil
  /// Positions before this are read, or lie before every later cue's reach.
  private var readTo = 0
  /// Starts of context words, ascending.
  private var starts: [Int] = []
  /// Title brackets (punctuation: a name of a law or a document stands between them), ascending.
  private var brackets: [(position: Int, opens: Bool)] = []

  init(contexts: CueLexicon<CategoryContext>) { self.contexts = contexts }

  /// The range of the sentence that holds all of `r`, if one does (a cue across a sentence
  /// boundary is no word).
  mutating func sentence(of r: Range<Int>, in sentences: [Sentence]) -> Range<Int>? {
    while sentence < sentences.count, sentences[sentence].range.upperBound <= r.lowerBound { sentence += 1 }
    guard sentence < sentences.count else { return nil }
    let range = sentences[sentence].range
    guard range.lowerBound <= r.lowerBound, r.upperBound <= range.upperBound else { return nil }
    if current != range {
      current = range
      readTo = range.lowerBound
      starts.removeAll(keepingCapacity: true)
      brackets.removeAll(keepingCapacity: true)
    }
    return range
  }

  /// Reads the sentence up to the end of `near`, from its start or where the last read ended.
  mutating func read(_ s: [Unicode.Scalar], through near: Range<Int>, sentenceEnd: Int) {
    let from = max(readTo, near.lowerBound)
    guard from < near.upperBound else { return }
    contexts.starts(in: s, from..<near.upperBound, limit: sentenceEnd, into: &starts)
    for i in from..<near.upperBound where s[i] == "《" || s[i] == "》" { brackets.append((i, s[i] == "《")) }
    readTo = near.upperBound
  }

  func hasContext(within near: Range<Int>) -> Bool {
    let k = starts.partitioningIndex { $0 >= near.lowerBound }
    return k < starts.count && starts[k] < near.upperBound
  }

  /// Whether `r` stands between an opening and a closing title bracket inside `near`.
  func inTitle(_ r: Range<Int>, within near: Range<Int>) -> Bool {
    let after = brackets.partitioningIndex { $0.position >= r.upperBound }
    let before = brackets.partitioningIndex { $0.position >= r.lowerBound } - 1
    guard before >= 0, after < brackets.count else { return false }
    let (open, close) = (brackets[before], brackets[after])
    return open.opens && !close.opens && open.position >= near.lowerBound && close.position < near.upperBound
  }
}

/// What a context word of `category-contexts.tsv` is; informational, like the lexicon's tag.
public enum CategoryContext: String, Sendable, Hashable, CaseIterable {
  /// Petition forms and channels (信访, 来信).
  case petition
  /// Acts of complaining or appealing (投诉, 举报).
  case complaint
  /// Words that make a matter a grievance (问题, 纠纷).
  case issue
  /// Words that say what petitions concern (涉及, 集中在).
  case scope
}

/// The category ids a dictionary may name: the issue categories of facts.md §4.1 and the
/// breakdown ids of §4.2. Any other id in `categories.tsv` is a typo that would count nowhere.
public enum CategoryID {
  public static let issues = [
    "land", "demolition", "labor_social", "enterprise", "law_litigation", "environment", "cadre_conduct", "veterans", "urban_planning",
    "education", "family_planning", "traffic", "institutional_reform",
  ]
  public static let breakdowns = [
    "agency:police", "agency:court", "agency:procuratorate", "agency:other", "petitioner:farmer", "petitioner:worker", "petitioner:cadre",
    "petitioner:unemployed", "request:civil_judgment", "request:criminal_judgment", "request:enforcement", "request:other",
  ]
  public static let all = issues + breakdowns
}
