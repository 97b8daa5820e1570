import ArgumentParser
import XFReport

extension TextEncoding: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension DocumentFormat: ExpressibleByArgument {}

/// The documents to read.
struct PathArguments: ParsableArguments {
  @Argument(help: "Files or directories (read recursively, in sorted order), or - for standard input.")
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
    "A folder with your own dictionary files (lexicon.tsv, boilerplate.tsv, units.tsv, metrics.tsv, categories.tsv, qualifiers.tsv, bodies.tsv) or a single file (named by kind, otherwise a lexicon); repeatable, later ones win.",
    valueName: "path"))
  var dictionaries: [String] = []

  @Option(name: [.short, .long], help: ArgumentHelp(
    "Documents processed at once (default: the number of cores, \(BatchRunner.defaultJobs) here). Output order and content do not depend on it.",
    valueName: "n"))
  var jobs: Int = BatchRunner.defaultJobs

  func validate() throws {
    if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  func makePipeline() throws -> Pipeline {
    var options = PipelineOptions()
    options.encoding = encoding
    options.format = inputFormat
    options.foldTraditional = !noTraditional
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
