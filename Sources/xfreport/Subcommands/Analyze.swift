import ArgumentParser
import Foundation
import XFReport

extension AnalysisFormat: ExpressibleByArgument {}

extension XFReportCommand {
  struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Analyse an archive: per-article summaries, consistency checks, duplicates and corpus totals.",
      discussion: """
        Writes into the output directory (created if needed):
          jsonl  facts.jsonl         every fact (facts.md form + article, title,
                                     period, evidence_span, duplicate_of)
          json   documents.json      per file and article: title, period, body,
                                     categories, key figures, rates, facts, findings;
                                     errors
                 corpus.json         counts and corpus totals (duplicates counted
                                     once)
          csv    summary.csv         one row per article, one column per key metric
                                     and rate
                 facts.csv, categories.csv, findings.csv, duplicates.csv, errors.csv,
                 totals.csv, category_totals.csv
          sqlite xfreport.sqlite     the CSV tables in one SQLite database (documents,
                                     articles, facts, categories, findings,
                                     duplicates, totals, …)
          html   report.html         overview, charts, totals, the first findings and
                                     documents (at most 1 MB; no scripts, nothing
                                     fetched), linking into
                 report/             the index and findings in pages, a page per
                                     document with every fact and its evidence
          xlsx   xfreport.xlsx       the CSV tables as sheets of one Excel workbook,
                                     plus a README sheet describing every column
        CSV is RFC 4180 with CRLF, UTF-8 with a BOM for Excel (--no-bom to drop it);
        text cells starting with = + - @ get a leading ' (--no-formula-guard to keep
        them as they are). All or nothing: the files are links into
        <dir>/.xfreport/current/, switched to the new run's folder in one rename once
        everything is written, so an interrupted, killed or failed run leaves the
        whole previous set. One run per output directory: a second run on the same
        <dir> fails at once (exit 1, "in use by another xfreport analyze run").

        Exit codes: 0 all inputs analysed; 2 some inputs failed (each has an error
        record in errors.csv and documents.json; the others were analysed); 1 the run
        could not proceed (dictionaries missing, output directory not writable or in
        use, disk full); 64 usage error; 130/143 interrupted by SIGINT/SIGTERM
        (previous outputs kept).

        Examples:
          xfreport analyze Corpora --output out
          xfreport analyze Corpora --output out --format csv --no-bom
          xfreport analyze Corpora --output out --format csv,xlsx
          xfreport analyze archive/ --output out --keep-duplicates --quiet
        """
    )

    @OptionGroup var paths: PathArguments
    @OptionGroup var input: InputOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Output directory.", valueName: "dir"))
    var output: String

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp(
      "Formats to write: \(AnalysisFormat.allValueStrings.joined(separator: ", ")) (default: jsonl json csv); several as --format csv,xlsx or --format csv xlsx.",
      valueName: "format"), transform: Analyze.formats)
    var format: [[AnalysisFormat]] = [AnalysisFormat.defaults]

    /// One `--format` value: a name or a comma list of names, as analysts type them.
    static func formats(_ value: String) throws -> [AnalysisFormat] {
      try value.split(separator: ",", omittingEmptySubsequences: false).map { name in
        let name = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let f = AnalysisFormat(rawValue: name) else {
          throw ValidationError("unknown format '\(name)'; valid formats: \(AnalysisFormat.allValueStrings.joined(separator: ", "))")
        }
        return f
      }
    }

    @Flag(name: .customLong("no-bom"), help: "Write CSV without the UTF-8 byte order mark.")
    var noBOM = false

    @Flag(name: .customLong("no-formula-guard"), help: "Do not prefix text cells that start with = + - @ with '.")
    var noFormulaGuard = false

    @Flag(name: .customLong("keep-duplicates"), help: "Count repeated articles and passages in the corpus totals too.")
    var keepDuplicates = false

    @Flag(name: [.short, .long], help: "No progress bar and no closing summary line.")
    var quiet = false

    func validate() throws {
      if output.isEmpty { throw ValidationError("--output needs a directory (an empty path would write into the current directory; give . for that)") }
    }

    func run() throws {
      var run = AnalysisRun(pipeline: try input.makePipeline())
      // Each once, in the order first named: two writers of one format would stage the same files.
      var formats: [AnalysisFormat] = []
      for f in format.joined() where !formats.contains(f) { formats.append(f) }
      run.formats = formats
      run.csvStyle = CSVTable.Style(bom: !noBOM, guardFormulas: !noFormulaGuard)
      run.keepDuplicates = keepDuplicates
      run.discardOnSignals = true
      run.jobs = input.jobs
      var skipped = SkippedFiles()
      let items = InputCollector(outputFolders: [output]).collect(paths.paths, skipped: &skipped)
      let bar = ProgressBar(enabled: !quiet)
      let outcome: AnalysisRun.Outcome
      do {
        outcome = try run.run(items, output: output, skipped: skipped) { done, total, doc in
          if let f = doc.failure { bar.clear(); Diagnostics.error(f.message, file: doc.name, code: f.code) }
          for w in doc.warnings { bar.clear(); Diagnostics.warning(w.message, file: doc.name, code: w.code) }
          bar.update(done: done, total: total, name: doc.doc)
        }
      } catch {
        bar.clear()
        Diagnostics.error("\(error)")
        throw ExitCode(1)
      }
      bar.clear()
      let t = outcome.totals
      if !quiet {
        let counts = "analysed \(Plural.count(t.documents + t.failedDocuments, "file")) (\(t.failedDocuments) failed), "
          + "\(Plural.count(t.articles, "article")) (\(t.duplicateArticles) repeated), \(Plural.count(t.facts, "fact")), \(Plural.count(t.findings, "finding"))"
        let skippedText = t.skippedFiles.summary.map { "; \($0)" } ?? ""
        StandardStreams.error(counts + skippedText + String(format: " in %.1f s → ", outcome.seconds) + output + "\n")
      }
      if t.failedDocuments > 0 { throw ExitCode(2) }
    }
  }
}
