import ArgumentParser
import Foundation
import XFReport

@main
struct XFReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "xfreport",
    abstract: "Turn Chinese 信访 (petition) work reports into structured data.",
    discussion: """
      Spans are [start, end) in Unicode code points of the decoded source text (a
      leading BOM is not counted); for HTML the source is the markup, for DOCX the
      paragraph texts joined by newlines (a table row's cells by tabs), for PDF the
      text poppler extracts, pages joined by form feeds.

      Exit codes: 0 every input processed; 1 the run could not proceed (e.g.
      dictionaries missing); 2 some inputs failed (an error was reported for each,
      the others were processed); 64 usage error.
      """,
    version: "0.1.0",
    subcommands: [Analyze.self, Segment.self, Extract.self, Eval.self]
  )

  /// Arguments from the raw `argv`: a path that is not UTF-8 keeps its bytes (see `FileName`).
  /// A closed pipe on standard output is an error the run reports, not a signal that kills it.
  static func main() {
    StandardStreams.ignoreBrokenPipe()
    let arguments = FileName.commandLineArguments()
    if let first = arguments.first, let message = unknownSubcommand(first) {
      StandardStreams.error("Error: \(message)\nUsage: xfreport <subcommand>\n  See 'xfreport --help' for more information.\n")
      Foundation.exit(64)
    }
    if let error = unknownOptionBesideAMissingOne(arguments) { exit(withError: error) }
    main(arguments)
  }

  /// ArgumentParser names a missing required option before an unknown one, so a misspelled
  /// `--ouput out` was reported as a missing `--output`. When the arguments also fail with the
  /// missing option supplied, and that failure is an unknown option, that one is named instead.
  static func unknownOptionBesideAMissingOne(_ arguments: [String]) -> Error? {
    do {
      _ = try parseAsRoot(arguments)
      return nil
    } catch {
      let message = fullMessage(for: error)
      guard let quote = message.range(of: "Missing expected argument '--") else { return nil }
      let name = message[message.index(quote.upperBound, offsetBy: -2)...].prefix { $0 != " " && $0 != "'" }
      do {
        _ = try parseAsRoot(arguments + [String(name), "placeholder"])
        return nil
      } catch {
        return fullMessage(for: error).contains("Unknown option") ? error : nil
      }
    }
  }

  /// A first argument that is neither an option nor a subcommand: named, with the subcommand
  /// it most likely meant (ArgumentParser said "2 unexpected arguments").
  static func unknownSubcommand(_ word: String) -> String? {
    let names = configuration.subcommands.map { $0._commandName } + ["help"]
    guard !word.hasPrefix("-"), !names.contains(word) else { return nil }
    let near = names.map { ($0, EditDistance.between(word.lowercased(), $0)) }.min { $0.1 < $1.1 }
    let hint = near.flatMap { $0.1 <= max(2, $0.0.count / 3) ? " Did you mean '\($0.0)'?" : nil } ?? ""
    return "unknown subcommand '\(word)'.\(hint) Subcommands: \(names.dropLast().joined(separator: ", "))."
  }
}

/// Levenshtein distance over characters, for "did you mean".
enum EditDistance {
  static func between(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var previous = row[0]
      row[0] = i
      for j in 1...max(b.count, 1) where !b.isEmpty {
        let saved = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
        previous = saved
      }
    }
    return a.isEmpty ? b.count : row[b.count]
  }
}
