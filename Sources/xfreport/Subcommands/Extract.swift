import ArgumentParser
import XFReport

extension XFReportCommand {
  struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Extract counts, rates, shares and changes as facts (JSON Lines on standard output).",
      discussion: """
        One line per fact in the interchange form of facts.md: doc, kind, metric, value (null for a
        blanked figure), unit, span, approx, bound, target, category, placeholder, text, plus
        article, title and period. After each article's facts come its category records
        ({"kind": "category", "category": …, "mentions": …, "span": [article start, end]}).

        Examples:
          xfreport extract ../shared/corpus/*.txt > facts.jsonl
          xfreport extract report.txt | jq -c 'select(.kind == "rate")'
        """
    )

    @OptionGroup var paths: PathArguments
    @OptionGroup var input: InputOptions

    func run() throws {
      let pipeline = try input.makePipeline()
      let writer = FactWriter()
      var out = StandardOutput()
      var failed = 0
      BatchRunner(pipeline: pipeline).run(InputCollector().collect(paths.paths)) { outcome in
        switch outcome {
        case .document(let doc):
          Diagnostics.report(doc)
          var text = ""
          writer.write(doc, to: &text)
          out.write(text)
          out.flush()
        case .failure(let name, let error):
          failed += 1
          Diagnostics.report(failure: name, error)
        }
      }
      out.flush()
      if failed > 0 { throw ExitCode(2) }
    }
  }
}
