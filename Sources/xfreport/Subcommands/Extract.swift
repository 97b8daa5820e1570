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
      let writer = FactWriter()
      try streamDocuments(try input.makePipeline(), through: .extract, paths: paths.paths) { doc, out in
        writer.write(doc, to: &out)
      }
    }
  }
}
