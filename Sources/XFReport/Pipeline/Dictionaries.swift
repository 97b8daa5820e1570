import Foundation
import Synchronization

/// The data analysts may extend, loaded at run time from `Dictionaries/` plus user folders or
/// files given with `--dictionary` (later ones win, row by row).
public struct Dictionaries: Sendable {
  public internal(set) var lexicon: DomainLexicon
  public internal(set) var boilerplate: [BoilerplateRule]
  public internal(set) var units: UnitLexicon
  public internal(set) var metrics: CueLexicon<MetricCue> { didSet { scannerCache = ScannerCache() } }
  /// Issue categories (facts.md §4.1) and breakdown ids (§4.2).
  public internal(set) var categories: CueLexicon<String> { didSet { scannerCache = ScannerCache() } }
  /// Words that make a sentence speak of what petitions concern (`category-contexts.tsv`).
  public internal(set) var categoryContexts: CueLexicon<CategoryContext>
  public internal(set) var qualifiers: CueLexicon<QualifierRole> { didSet { scannerCache = ScannerCache() } }
  /// Scope, distribution and glue markers of statistic frames (`markers.tsv`).
  public internal(set) var markers: MarkerTable = MarkerTable([]) { didSet { scannerCache = ScannerCache() } }
  /// The trie of the four lexicons above, built on first use: a change to any of them replaces it.
  private var scannerCache = ScannerCache()
  /// Words of a table's headers: totals, changes, shares, unit labels (`tables.tsv`).
  public internal(set) var tableWords: CueLexicon<TableRole> = CueLexicon([:])
  /// Words that name a period (`periods.tsv`).
  public internal(set) var periods = PeriodWords()
  /// Traditional → simplified for single BMP characters (`hant-hans.tsv`, ICU's Hant-Hans mapping
  /// written out, so start-up does not build ICU's transliterator registry). nil when no file
  /// was found: the pipeline then asks ICU's transliterator itself.
  var hanFolding: HanTable?
  /// Names that end a reporting body (信访局, 人民法院 …), longest first.
  public internal(set) var bodySuffixes: [String]
  /// Characters that make the name before a body suffix a place name (省, 市, 县 …: `body-places.tsv`).
  public internal(set) var bodyPlaceMarkers: Set<Unicode.Scalar> = []
  /// Characters that end a body's name read backwards from its suffix (年, 的, 全 …: `body-stops.tsv`).
  public internal(set) var bodyNameStops: Set<Unicode.Scalar> = []
  /// Words that open and close a change stated from one figure to another (由 / 从 … 到 / 至: `from-to.tsv`).
  public internal(set) var changeFromWords: [String] = []
  public internal(set) var changeToWords: [String] = []
  /// Files that were read, in order.
  public internal(set) var sources: [String]

  public static let fileNames = [
    "lexicon.tsv", "boilerplate.tsv", "units.tsv", "metrics.tsv", "categories.tsv", "category-contexts.tsv", "qualifiers.tsv", "markers.tsv",
    "periods.tsv", "bodies.tsv", "body-places.tsv", "body-stops.tsv", "from-to.tsv", "hant-hans.tsv", "tables.tsv",
  ]

  public init(
    lexicon: DomainLexicon = DomainLexicon(entries: []), boilerplate: [BoilerplateRule] = [],
    units: UnitLexicon = UnitLexicon([:]), metrics: CueLexicon<MetricCue> = CueLexicon([:]),
    categories: CueLexicon<String> = CueLexicon([:]), categoryContexts: CueLexicon<CategoryContext> = CueLexicon([:]), qualifiers: CueLexicon<QualifierRole> = CueLexicon([:]),
    bodySuffixes: [String] = [], sources: [String] = []
  ) {
    self.bodySuffixes = bodySuffixes
    self.metrics = metrics
    self.categories = categories
    self.categoryContexts = categoryContexts
    self.qualifiers = qualifiers
    self.lexicon = lexicon
    self.boilerplate = boilerplate
    self.units = units
    self.sources = sources
  }

  /// Loads the built-in set, then each user path (a folder holding files of the same names, or a
  /// single file: `boilerplate*`, `units*`, `metrics*`, `categories*`, `category-contexts*`, `qualifiers*`, `markers*`, `periods*`,
  /// `bodies*`, `body-places*`, `body-stops*`, `from-to*`, `hant-hans*`, `tables*` files are read as such, any other file as a lexicon).
  public static func load(builtIn: String? = nil, user: [String] = []) throws -> Dictionaries {
    let base = try builtIn ?? locateBuiltIn()
    var files: [String: [String]] = [:]
    func kind(_ name: String) -> String {
      for known in [
        "boilerplate", "units", "metrics", "categories", "category-contexts", "qualifiers", "markers", "periods", "bodies", "body-places",
        "body-stops", "from-to", "hant-hans", "tables",
      ] where name.hasPrefix(known) { return known }
      return "lexicon"
    }
    func add(_ path: String) throws {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        throw DictionaryError.unreadable(file: path, reason: String(cString: strerror(ENOENT)))
      }
      if isDir.boolValue {
        for name in fileNames {
          let p = (path as NSString).appendingPathComponent(name)
          guard FileManager.default.fileExists(atPath: p) else { continue }
          files[kind(name), default: []].append(p)
        }
      } else {
        files[kind((path as NSString).lastPathComponent), default: []].append(path)
      }
    }
    try add(base)
    for u in user { try add(u) }
    var d = Dictionaries()
    d.lexicon = try DomainLexicon.load(files: files["lexicon"] ?? [])
    d.boilerplate = try loadBoilerplate(files["boilerplate"] ?? [])
    d.units = try UnitLexicon.load(files: files["units"] ?? [])
    d.metrics = try CueLexicon.load(files: files["metrics"] ?? [], valueColumn: "metric", known: Metric.allCases.map(\.rawValue)) { raw, tsv, fields in
      guard let m = Metric(rawValue: raw) else { return nil }
      let kind = tsv.value("kind", in: fields)
      return MetricCue(metric: m, isRate: kind == "rate" || raw.hasSuffix("_rate"), isReception: kind == "reception", isIntake: kind == "intake", isWhole: kind == "whole")
    } check: { tsv, row in
      // A misspelt kind (`rat`) was read as a plain count.
      if let kind = tsv.value("kind", in: row.fields), !MetricCue.kinds.contains(kind) {
        throw DictionaryError.invalidEntry(file: tsv.file, line: row.line, reason: "unknown kind `\(kind)` (one of \(MetricCue.kinds.joined(separator: ", ")))")
      }
    }
    d.categories = try CueLexicon.load(files: files["categories"] ?? [], valueColumn: "category", known: CategoryID.all) { raw, _, _ in
      CategoryID.all.contains(raw) ? raw : nil
    }
    d.categoryContexts = try CueLexicon.load(files: files["category-contexts"] ?? [], valueColumn: "kind", known: CategoryContext.allCases.map(\.rawValue)) { raw, _, _ in
      CategoryContext(rawValue: raw)
    }
    d.qualifiers = try CueLexicon.load(files: files["qualifiers"] ?? [], valueColumn: "role", known: QualifierRole.allCases.map(\.rawValue)) { raw, _, _ in
      QualifierRole(rawValue: raw)
    }
    d.markers = try MarkerTable.load(files: files["markers"] ?? [])
    d.tableWords = try CueLexicon.load(files: files["tables"] ?? [], valueColumn: "role", known: TableRole.allCases.map(\.rawValue)) { raw, _, _ in
      TableRole(rawValue: raw)
    }
    d.periods = try PeriodWords.load(files: files["periods"] ?? [])
    d.bodySuffixes = try loadColumn("suffix", files: files["bodies"] ?? []).sorted { ($0.count, $1) > ($1.count, $0) }
    d.bodyPlaceMarkers = try loadCharacters("marker", files: files["body-places"] ?? [])
    d.bodyNameStops = try loadCharacters("stop", files: files["body-stops"] ?? [])
    let ends = try loadRoles(files: files["from-to"] ?? [], roles: ["from", "to"])
    d.changeFromWords = ends.filter { $0.value == "from" }.keys.sorted()
    d.changeToWords = ends.filter { $0.value == "to" }.keys.sorted()
    d.hanFolding = try loadHanFolding(files["hant-hans"] ?? [])
    d.sources = files.values.flatMap { $0 }.sorted()
    return d
  }

  static func loadHanFolding(_ files: [String]) throws -> HanTable? {
    guard !files.isEmpty else { return nil }
    var table = HanTable()
    for v in UInt32(0x3400)..<0x10000 { table.known.insert(v) }
    for f in files {
      let tsv = try TSVReader(path: f)
      try tsv.require("traditional", "simplified")
      for row in tsv.rows {
        guard let t = tsv.value("traditional", in: row.fields)?.unicodeScalars, let s = tsv.value("simplified", in: row.fields)?.unicodeScalars,
          t.count == 1, s.count == 1, t.first!.value >= 0x3400, t.first!.value < 0x10000
        else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "traditional and simplified must be one Han character of the BMP each")
        }
        table.changed.insert(t.first!.value)
        table.simplifiedForms[t.first!.value] = s.first!.value
      }
    }
    return table
  }

  static func loadColumn(_ column: String, files: [String]) throws -> [String] {
    var values: [String] = []
    for f in files {
      let tsv = try TSVReader(path: f)
      try tsv.require(column)
      for row in tsv.rows {
        guard let v = tsv.value(column, in: row.fields), !v.isEmpty else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "missing \(column)")
        }
        values.append(v)
      }
    }
    return Array(Set(values))
  }

  /// One character per row: the finders that read them compare characters, not words.
  static func loadCharacters(_ column: String, files: [String]) throws -> Set<Unicode.Scalar> {
    var result: Set<Unicode.Scalar> = []
    for f in files {
      let tsv = try TSVReader(path: f)
      try tsv.require(column)
      for row in tsv.rows {
        guard let v = tsv.value(column, in: row.fields), v.unicodeScalars.count == 1 else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "\(column) must be one character")
        }
        result.insert(v.unicodeScalars.first!)
      }
    }
    return result
  }

  /// `term ⇥ role` rows, the role one of `roles`; a later row of a term replaces an earlier one.
  static func loadRoles(files: [String], roles: Set<String>) throws -> [String: String] {
    var map: [String: String] = [:]
    for f in files {
      let tsv = try TSVReader(path: f)
      try tsv.require("term", "role")
      for row in tsv.rows {
        guard let term = tsv.value("term", in: row.fields), let role = tsv.value("role", in: row.fields) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "needs term and role")
        }
        guard roles.contains(role) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "role must be \(roles.sorted().joined(separator: " or ")), not \(role)")
        }
        map[term] = role
      }
    }
    return map
  }

  static func loadBoilerplate(_ files: [String]) throws -> [BoilerplateRule] {
    var rules: [BoilerplateRule] = []
    for f in files {
      let tsv = try TSVReader(path: f)
      try tsv.require("pattern")
      for row in tsv.rows {
        guard let pattern = tsv.value("pattern", in: row.fields) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "missing pattern")
        }
        let m = tsv.value("match", in: row.fields) ?? "line"
        guard let match = BoilerplateRule.Match(rawValue: m) else {
          throw DictionaryError.invalidEntry(file: f, line: row.line, reason: "match must be line, prefix or contains, not \(m)")
        }
        rules.append(BoilerplateRule(pattern: pattern, match: match))
      }
    }
    return rules
  }

  /// Finds the built-in `Dictionaries/`: `XFREPORT_DICTIONARIES`, then next to the executable
  /// (`<prefix>/share/xfreport/Dictionaries`, or walking up from `.build/<config>/` to the
  /// package root), then the source tree this library was built from.
  public static func locateBuiltIn() throws -> String {
    var searched: [String] = []
    let fm = FileManager.default
    func ok(_ dir: String) -> Bool {
      searched.append(dir)
      return fm.fileExists(atPath: (dir as NSString).appendingPathComponent("lexicon.tsv"))
    }
    if let env = ProcessInfo.processInfo.environment["XFREPORT_DICTIONARIES"], !env.isEmpty {
      if ok(env) { return env }
      throw DictionaryError.notFound(searched: searched)
    }
    var starts: [URL] = []
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    if exe.path != "/proc/self/exe" { starts.append(exe.deletingLastPathComponent()) }
    if let arg0 = CommandLine.arguments.first, arg0.contains("/") {
      starts.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent())
    }
    for start in starts {
      if ok(start.appendingPathComponent("Dictionaries").path) { return start.appendingPathComponent("Dictionaries").path }
      let share = start.deletingLastPathComponent().appendingPathComponent("share/xfreport/Dictionaries").path
      if ok(share) { return share }
      var dir = start
      for _ in 0..<6 {
        dir = dir.deletingLastPathComponent()
        let candidate = dir.appendingPathComponent("Dictionaries").path
        if ok(candidate) { return candidate }
      }
    }
    let sourceTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Dictionaries").path
    if ok(sourceTree) { return sourceTree }
    throw DictionaryError.notFound(searched: searched)
  }
}

extension Dictionaries {
  /// The one trie of qualifier, metric, category and marker terms that documents are scanned with.
  var cueScanner: CueScanner {
    scannerCache.scanner.withLock { cached in
      if let cached { return cached }
      let built = CueScanner(qualifiers: qualifiers, metrics: metrics, categories: categories, markers: markers.lexicon)
      cached = built
      return built
    }
  }

  /// Shared by copies of one set of dictionaries, so that the trie is built once per run, not per
  /// document or per worker.
  final class ScannerCache: Sendable {
    let scanner = Mutex<CueScanner?>(nil)
  }
}
