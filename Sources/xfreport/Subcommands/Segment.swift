import ArgumentParser
import XFReport

extension SegmentWriter.Format: ExpressibleByArgument {}

extension XFReportCommand {
  struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Split reports into articles, sections, sentences and words.",
      discussion: """
        Examples:
          xfreport segment Corpora/county-annual-2019.txt
              one sentence per line, words separated by spaces
          xfreport segment --format jsonl Corpora/ | jq .
              sentences with tokens, kinds and source spans
          cat Corpora/county-annual-2019.txt | xfreport segment --explain -
              also say which tokens the lexicon merged
        """
    )

    @OptionGroup var paths: PathArguments
    @OptionGroup var input: InputOptions

    @Option(help: "text: one sentence per line, tokens separated by spaces; jsonl: one JSON object per sentence.")
    var format: SegmentWriter.Format = .text

    @Flag(help: "Say which tokens the lexicon merged (and from which ICU pieces), and which numbers were joined.")
    var explain = false

    func run() throws {
      let writer = SegmentWriter(format: format, explain: explain)
      try streamDocuments(try input.makePipeline(), through: .segment, paths: paths.paths, jobs: input.jobs) { doc in
        var text = ""
        writer.write(doc, to: &text)
        return Array(text.utf8)
      }
    }
  }
}
