import ArgumentParser
import Foundation
import XFReport

extension XFReportCommand {
  struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Extract counts, rates, shares and changes as facts (JSON Lines on standard output).",
      discussion: """
        One line per fact in the interchange form of facts.md: doc, kind, metric,
        value (null for a blanked figure), unit, span, approx, bound, target,
        category, placeholder, text, plus rule (the named rule that decided the
        metric), article, title and period. After each article's facts come its
        category records ({"kind": "category", "category": …, "mentions": …, "span":
        [article start, end]}).

        With --input jsonl, standard input holds one document per line, {"id": …,
        "text": …} (as Spark's RDD.pipe, Hadoop Streaming or GNU parallel feed it);
        `doc` is the id; output is flushed after each document; a bad line or
        document becomes an error record {"doc": …, "kind": "error", "code": …,
        "message": …} in the output and the exit code stays 0, so one bad document
        does not fail a cluster task.

        Examples:
          xfreport extract Corpora/*.txt > facts.jsonl
          xfreport extract Corpora/county-annual-2019.txt \\
            | jq -c 'select(.kind == "rate")'
          xfreport extract --explain Corpora/county-annual-2019.txt \\
            | jq -c '{value, metric, rule, why: .explain.why}'
          for f in Corpora/*.txt; do
            jq -Rsc --arg id "$f" '{id: $id, text: .}' "$f"
          done | xfreport extract --input jsonl
        """
    )

    enum InputMode: String, ExpressibleByArgument, CaseIterable {
      case files, jsonl
    }

    @Argument(help: "Files or directories (read recursively: a folder's files in sorted order, then its subfolders), or - for standard input. None with --input jsonl.")
    var paths: [String] = []

    @Option(name: .customLong("input"), help: "files: read the paths; jsonl: one {\"id\", \"text\"} document per line of standard input.")
    var inputMode: InputMode = .files

    @OptionGroup var input: InputOptions

    @Flag(help: "Explain every number: the fact's line gains an `explain` object (its clause, the cues considered, the rule that decided the metric and why); numbers a rule ruled out come as {\"kind\": \"refused\"} records. No category records.")
    var explain = false

    func validate() throws {
      switch inputMode {
      case .files where paths.isEmpty: throw ValidationError("give at least one file, directory, or - for standard input")
      case .jsonl where !paths.isEmpty && paths != ["-"]: throw ValidationError("--input jsonl reads standard input; give no paths")
      default: break
      }
    }

    func run() throws {
      let writer = FactWriter()
      let pipeline = try input.makePipeline(explain: explain)
      guard inputMode == .files else { return streamJSONL(pipeline, writer) }
      let explainer = ExplanationWriter()
      try streamDocuments(pipeline, through: .extract, paths: paths, jobs: input.jobs) { [explain] doc in
        var bytes: [UInt8] = []
        if explain { explainer.write(doc, to: &bytes) } else { writer.write(doc, to: &bytes) }
        return bytes
      }
    }

    /// One document per input line; facts (or an error record) out, flushed per document.
    private func streamJSONL(_ pipeline: Pipeline, _ writer: FactWriter) {
      var out = StandardOutput()
      let reader = JSONLDocumentReader()
      var number = 0
      while let line = readLine(strippingNewline: true) {
        number += 1
        if line.allSatisfy(\.isWhitespace) { continue }
        var bytes: [UInt8] = []
        switch reader.document(line: line, number: number) {
        case .success(let raw):
          do {
            let doc = try pipeline.process(raw, through: .extract)
            Diagnostics.report(doc)
            writer.write(doc, to: &bytes)
          } catch {
            Diagnostics.report(failure: raw.name, error)
            bytes = Array((writer.errorLine(doc: raw.id, error: error) + "\n").utf8)
          }
        case .failure(let error):
          let name = (error as? JSONLDocumentReader.NamedError)?.name ?? "line \(number)"
          Diagnostics.report(failure: name, error)
          bytes = Array((writer.errorLine(doc: name, error: error) + "\n").utf8)
        }
        out.write(bytes: bytes)
        out.flush()
      }
      out.flush()
    }
  }
}
