import ArgumentParser
import XFReport

extension TextEncoding: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension DocumentFormat: ExpressibleByArgument {}

/// A size in bytes: `1048576`, `512K`, `256M`, `1G` (binary multiples).
struct ByteCount: ExpressibleByArgument, CustomStringConvertible {
  let bytes: Int

  init(_ bytes: Int) { self.bytes = bytes }

  init?(argument: String) {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
    var digits = argument.uppercased()
    if digits.hasSuffix("IB") || digits.hasSuffix("B") && digits.count > 1 && units[digits.dropLast().last!] != nil {
      digits = String(digits.dropLast(digits.hasSuffix("IB") ? 2 : 1))
    }
    var scale = 1
    if let last = digits.last, let u = units[last] { scale = u; digits.removeLast() }
    guard let n = Int(digits), n > 0 else { return nil }
    let (product, overflow) = n.multipliedReportingOverflow(by: scale)
    guard !overflow else { return nil }
    bytes = product
  }

  var description: String {
    for (suffix, unit) in [("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)] where bytes % unit == 0 { return "\(bytes / unit)\(suffix)" }
    return "\(bytes)"
  }
}

/// The documents to read.
struct PathArguments: ParsableArguments {
  @Argument(help: "Files or directories (read recursively: a folder's files in sorted order, then its subfolders), or - for standard input.")
  var paths: [String] = []

  func validate() throws {
    if paths.isEmpty { throw ValidationError("give at least one file, directory, or - for standard input") }
  }
}

/// How to read inputs.
struct InputOptions: ParsableArguments {
  @Option(help: "Text encoding: auto detects (BOM, UTF-8, then ICU's detector; GB18030 for GBK/GB2312, Big5).")
  var encoding: TextEncoding = .auto

  @Option(name: .customLong("input-format"), help: "Container format; auto detects it from the content.")
  var inputFormat: DocumentFormat = .auto

  @Flag(name: .customLong("no-traditional"), help: "Do not map traditional characters to simplified for matching.")
  var noTraditional = false

  @Option(name: .customLong("dictionary"), help: ArgumentHelp(
    "A folder with your own dictionary files (lexicon.tsv, boilerplate.tsv, units.tsv, metrics.tsv, categories.tsv, category-contexts.tsv, qualifiers.tsv, markers.tsv, periods.tsv, bodies.tsv, body-places.tsv, body-stops.tsv, from-to.tsv, hant-hans.tsv) or a single file (named by kind, otherwise a lexicon); repeatable, later ones win.",
    valueName: "path"))
  var dictionaries: [String] = []

  @Option(name: [.customShort("j", allowingJoined: true), .long], help: ArgumentHelp(
    "Documents processed at once, 1 to \(Self.maxJobs) (default: the number of cores, \(BatchRunner.defaultJobs) here). Output order and content do not depend on it.",
    valueName: "n"))
  var jobs: Int = BatchRunner.defaultJobs

  @Option(name: .customLong("max-input-bytes"), help: ArgumentHelp(
    "Refuse inputs larger than this, before reading them (XF-I005); K, M, G suffixes.", valueName: "size"))
  var maxInputBytes = ByteCount(PipelineOptions().maxInputBytes)

  @Option(name: .customLong("max-docx-bytes"), help: ArgumentHelp(
    "Refuse a DOCX whose word/document.xml inflates past this (zip bombs; XF-I007).", valueName: "size"))
  var maxDOCXBytes = ByteCount(PipelineOptions().maxDOCXBytes)

  @Option(name: .customLong("max-html-depth"), help: ArgumentHelp(
    "Refuse HTML with elements nested deeper than this (XF-I008).", valueName: "n"))
  var maxHTMLDepth = PipelineOptions().maxHTMLDepth

  @Option(name: .customLong("max-pdf-pages"), help: ArgumentHelp(
    "Refuse a PDF with more pages than this (XF-I010).", valueName: "n"))
  var maxPDFPages = PipelineOptions().maxPDFPages

  @Option(name: .customLong("max-pdf-bytes"), help: ArgumentHelp(
    "Refuse a PDF whose extracted text passes this many bytes (XF-I010); K, M, G suffixes.", valueName: "size"))
  var maxPDFBytes = ByteCount(PipelineOptions().maxPDFBytes)

  @Option(name: .customLong("max-line-length"), help: ArgumentHelp(
    "Refuse a document with a line (paragraph) longer than this many characters (XF-I005); K, M suffixes.", valueName: "n"))
  var maxLineLength = ByteCount(PipelineOptions().maxLineLength)

  /// More workers than this only hold more documents in memory on any machine this runs on, and
  /// the in-flight window (documents per job) must not overflow.
  static let maxJobs = 256

  func validate() throws {
    if jobs < 1 || jobs > Self.maxJobs { throw ValidationError("--jobs must be between 1 and \(Self.maxJobs), not \(jobs)") }
    if maxHTMLDepth < 1 { throw ValidationError("--max-html-depth must be at least 1") }
    if maxPDFPages < 1 { throw ValidationError("--max-pdf-pages must be at least 1") }
  }

  func makePipeline(explain: Bool = false) throws -> Pipeline {
    var options = PipelineOptions()
    options.explain = explain
    options.encoding = encoding
    options.format = inputFormat
    options.foldTraditional = !noTraditional
    options.maxInputBytes = maxInputBytes.bytes
    options.maxDOCXBytes = maxDOCXBytes.bytes
    options.maxHTMLDepth = maxHTMLDepth
    options.maxPDFPages = maxPDFPages
    options.maxPDFBytes = maxPDFBytes.bytes
    options.maxLineLength = maxLineLength.bytes
    let dicts: Dictionaries
    do {
      dicts = try Dictionaries.load(user: dictionaries)
    } catch {
      Diagnostics.error("\(error)")
      throw ExitCode(1)
    }
    return Pipeline(dictionaries: dicts, options: options)
  }
}
