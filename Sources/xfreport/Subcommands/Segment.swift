import ArgumentParser
import XFReport

extension SegmentWriter.Format: ExpressibleByArgument {}

extension XFReportCommand {
  struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Split reports into articles, sections, sentences and words.",
      discussion: """
        Examples:
          xfreport segment report.txt                      one sentence per line, words separated by spaces
          xfreport segment --format jsonl Corpora/ | jq .  sentences with tokens, kinds and source spans
          cat report.txt | xfreport segment --explain -    also say which tokens the lexicon merged
        """
    )

    @OptionGroup var paths: PathArguments
    @OptionGroup var input: InputOptions

    @Option(help: "text: one sentence per line, tokens separated by spaces; jsonl: one JSON object per sentence.")
    var format: SegmentWriter.Format = .text

    @Flag(help: "Say which tokens the lexicon merged (and from which ICU pieces), and which numbers were joined.")
    var explain = false

    func run() throws {
      let pipeline = try input.makePipeline()
      let writer = SegmentWriter(format: format, explain: explain)
      var out = StandardOutput()
      var failed = 0
      BatchRunner(pipeline: pipeline, through: .segment).run(InputCollector().collect(paths.paths)) { outcome in
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
