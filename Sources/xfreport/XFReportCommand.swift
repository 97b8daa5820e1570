import ArgumentParser
import XFReport

@main
struct XFReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "xfreport",
    abstract: "Turn Chinese 信访 (petition) work reports into structured data.",
    discussion: """
      Spans are [start, end) in Unicode code points of the decoded source text (a leading BOM is
      not counted); for HTML the source is the markup, for DOCX the paragraph texts joined by
      newlines.

      Exit codes: 0 every input processed; 1 the run could not proceed (e.g. dictionaries
      missing); 2 some inputs failed (an error was reported for each, the others were processed);
      64 usage error.
      """,
    version: "0.1.0",
    subcommands: [Analyze.self, Segment.self, Extract.self, Eval.self]
  )

  /// Arguments from the raw `argv`: a path that is not UTF-8 keeps its bytes (see `FileName`).
  /// A closed pipe on standard output is an error the run reports, not a signal that kills it.
  static func main() {
    StandardStreams.ignoreBrokenPipe()
    main(FileName.commandLineArguments())
  }
}
