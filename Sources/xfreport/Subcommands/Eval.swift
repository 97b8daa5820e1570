import ArgumentParser
import Foundation
import XFReport

extension XFReportCommand {
  struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score extraction against expected facts (precision, recall, F1 per kind).",
      discussion: """
        Expected facts are JSON Lines in the interchange form (with `offset`, or
        `span` whose start is used). Scoring follows facts.md §6. Every placeholder
        that the run turned into a number is listed: a run must never invent a figure.

        Examples:
          xfreport eval --gold Corpora/county-annual-2019.facts.jsonl \\
            Corpora/county-annual-2019.txt
          xfreport eval --gold Corpora/*.facts.jsonl --min-f1 0.85 Corpora/*.txt
          xfreport eval --rule table --gold Corpora/tables/*.facts.jsonl Corpora/tables
        """
    )

    @Option(name: .customLong("gold"), parsing: .upToNextOption, help: ArgumentHelp(
      "Expected-facts files (*.jsonl), then the documents to score (files, directories or -).", valueName: "file"))
    var arguments: [String] = []

    /// `--gold` takes everything up to the next option: the .jsonl files are the expected facts,
    /// the rest are the documents (xfreport eval --gold gold/*.jsonl corpus/*.txt).
    var gold: [String] { arguments.filter { $0.hasSuffix(".jsonl") } }
    var documents: [String] { arguments.filter { !$0.hasSuffix(".jsonl") } }

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("min-f1"), help: "Exit with status 1 when the all-kinds F1 is below this, or when a placeholder was invented.")
    var minF1: Double?

    @Flag(name: .customLong("show-misses"), help: "List missed, extra and mislabelled facts.")
    var showMisses = false

    @Option(name: .customLong("rule"), help: ArgumentHelp(
      "Score only run facts whose rule starts with this (table: the facts read from tables), against the expected facts whose `rule` starts with it.",
      valueName: "prefix"))
    var rulePrefix: String?

    func validate() throws {
      if gold.isEmpty { throw ValidationError("give the expected facts with --gold FILE.jsonl…") }
      if documents.isEmpty { throw ValidationError("give the documents to score after the expected facts") }
    }

    func run() throws {
      var goldFacts: [GoldFact] = []
      for g in gold {
        do { goldFacts += try GoldFact.load(path: g) } catch {
          Diagnostics.error("\(error)", file: g)
          throw ExitCode(1)
        }
      }
      if let prefix = rulePrefix { goldFacts = goldFacts.filter { $0.rule?.hasPrefix(prefix) ?? false } }
      let pipeline = try input.makePipeline()
      var runFacts: [FactMatcher.RunFact] = []
      var failed = 0
      BatchRunner(pipeline: pipeline, jobs: input.jobs).run(InputCollector().collect(documents)) { outcome in
        switch outcome {
        case .document(let doc):
          Diagnostics.report(doc)
          runFacts += doc.facts.filter { f in rulePrefix.map { f.rule.rawValue.hasPrefix($0) } ?? true }.map { FactMatcher.RunFact(doc: doc.id, fact: $0) }
        case .failure(let name, let error, _):
          failed += 1
          Diagnostics.report(failure: name, error)
        }
      }
      let r = FactMatcher.score(gold: goldFacts, run: runFacts, dictionaries: pipeline.dictionaries)
      var out = "kind      gold   run match      P      R     F1\n"
      func row(_ name: String, _ s: PRFScore) {
        out += name.padding(toLength: 8, withPad: " ", startingAt: 0)
          + String(format: "%6d%6d%6d  %.3f  %.3f  %.3f\n", s.gold, s.run, s.truePositives, s.precision, s.recall, s.f1)
      }
      for k in FactKind.allCases { row(k.rawValue, r.byKind[k] ?? PRFScore()) }
      row("all", r.all)
      row("labelled", r.labelled)
      out += String(format: "metric accuracy %.3f\n", r.metricAccuracy)
      out += "placeholders turned into numbers: \(r.invented.count)\n"
      for (g, f) in r.invented {
        out += "  INVENTED \(g.doc)@\(g.offset): value \(f.fact.value.map(FactWriter.number) ?? "null") for \(g.quote)\n"
      }
      if showMisses {
        for g in r.missed { out += "MISS  \(g.doc)@\(g.offset) \(g.kind.rawValue) \(g.metric) \(g.value.map { "\($0)" } ?? "null")\(g.unit)  \(g.quote)\n" }
        for e in r.extra { out += "EXTRA \(e.doc)@\(e.fact.span) \(e.fact.kind.rawValue) \(e.fact.metric.rawValue) \(e.fact.value.map(FactWriter.number) ?? "null")\(e.fact.unit)  \(e.fact.evidence)\n" }
        for (g, f) in r.mislabelled { out += "LABEL \(g.doc)@\(g.offset) gold \(g.metric) run \(f.fact.metric.rawValue)  \(g.quote)\n" }
      }
      StandardStreams.output(Array(out.utf8))
      if let minF1, r.all.f1 < minF1 || !r.invented.isEmpty {
        Diagnostics.error(String(format: "F1 %.3f below %.3f or placeholders invented (%d)", r.all.f1, minF1, r.invented.count))
        throw ExitCode(1)
      }
      if failed > 0 { throw ExitCode(2) }
    }
  }
}
