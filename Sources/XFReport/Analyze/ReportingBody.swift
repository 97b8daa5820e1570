/// Finds the body a report speaks for (XX县信访局) in its title or a short line at its top: a
/// name ending in a suffix of `bodies.tsv`, read back over a place name (one that holds a
/// character of `body-places.tsv` — 省, 市, 县 … — or a blanked XX) and stopping at one of
/// `body-stops.tsv` (全市法院, all courts of the city, names no body).
struct ReportingBody: Sendable {
  /// The suffixes, longest first, as scalars: compared at every place of the top lines.
  let suffixes: [[Unicode.Scalar]]
  let placeMarkers: Set<Unicode.Scalar>
  let stops: Set<Unicode.Scalar>
  static let maxName = 12
  static let lines = 3
  /// Longer lines are prose, where a body named is usually not the reporting one.
  static let maxLine = 30
  /// A blanked place (XX县, XX信访局) is still a place: templates name their body so.
  static let blanks: Set<Unicode.Scalar> = ["X", "x", "×"]

  init(suffixes: [String], placeMarkers: Set<Unicode.Scalar>, stops: Set<Unicode.Scalar>) {
    self.suffixes = suffixes.map { Array($0.unicodeScalars) }
    self.placeMarkers = placeMarkers.union(Self.blanks)
    self.stops = stops
  }

  init(_ dictionaries: Dictionaries) {
    self.init(suffixes: dictionaries.bodySuffixes, placeMarkers: dictionaries.bodyPlaceMarkers, stops: dictionaries.bodyNameStops)
  }

  static func isNameScalar(_ u: Unicode.Scalar) -> Bool {
    u.properties.isIdeographic || "Xx×*".unicodeScalars.contains(u)
  }

  /// `lines`: the text's ``NormalizedText/lineRanges()``. The top lines first (a title or a
  /// heading names the author), then the signature at the article's end (青河县人民法院 over the
  /// date). A line that ends in a colon is the addressee (县委政法委：), not the author.
  func find(in text: NormalizedText, lines: [Range<Int>], article: Article) -> String? {
    let s = text.scalars
    let first = lines.partitioningIndex { $0.lowerBound >= article.range.lowerBound }
    let end = lines.partitioningIndex { $0.lowerBound >= article.range.upperBound }
    guard first < end else { return nil }
    let own = lines[first..<end].filter { !$0.isEmpty }
    for line in own.prefix(Self.lines) where !isAddressee(line, s) {
      if let name = name(in: line, text) { return name }
    }
    for line in own.suffix(Self.lines).reversed() where own.count > Self.lines && !isAddressee(line, s) {
      if let name = name(in: line, text) { return name }
    }
    return nil
  }

  private func isAddressee(_ line: Range<Int>, _ s: [Unicode.Scalar]) -> Bool {
    var k = line.upperBound
    while k > line.lowerBound, s[k - 1] == " " { k -= 1 }
    return k > line.lowerBound && (s[k - 1] == "：" || s[k - 1] == ":")
  }

  /// A body's name in a short line: a suffix read back over a place name.
  private func name(in line: Range<Int>, _ text: NormalizedText) -> String? {
    let s = text.scalars
    guard line.count <= Self.maxLine else { return nil }
    var i = line.lowerBound
    while i < line.upperBound {
      guard let suffix = suffixes.first(where: { s.hasWord(at: i, $0) }) else {
        i += 1
        continue
      }
      let end = i + suffix.count
      var start = i
      while start > line.lowerBound, i - start < Self.maxName, Self.isNameScalar(s[start - 1]), !stops.contains(s[start - 1]) {
        start -= 1
      }
      if i - start >= 2, s[start..<i].contains(where: { placeMarkers.contains($0) }) {
        return text.string(start..<end)
      }
      i = end
    }
    return nil
  }
}
