// xfreport-bench: throughput of xfreport's stages against raw ICU word breaking of the same
// text, in the same run, on one thread. A benchmark, not a test: it prints figures and never
// fails on them.
//
//   xfreport-bench [--repeat N] [--min-mb M] [--runs R] [--only STAGES] [PATHS…]
//
// Each stage is a named closure over one document (see `stages` below); to benchmark a new
// stage (extract, analyze …) add one `Stage` to that list. The first stage is the baseline
// every other one is compared with.

import CICU
import Foundation
import XFReport

// MARK: - Options

struct Options {
  var repeatCount: Int? = nil
  var minMB: Double? = nil
  var runs = 3
  var only: Set<String>? = nil
  var paths: [String] = []

  static let usage = """
    usage: xfreport-bench [--repeat N] [--min-mb M] [--runs R] [--only STAGES] [PATHS…]

    Measures, on one thread and best of R runs (default 3; each run takes every stage in
    turn), the throughput of raw ICU word breaking (UTF-8 → UTF-16 with ICU's converter, then
    ICU's word break iterator, locale zh)
    and of each xfreport stage (segment: Pipeline.process through .segment + SegmentWriter
    --format text; extract: through .extract (no word layer) + FactWriter's UTF-8 bytes) over the same documents,
    and prints MB/s (MB = 10^6 input UTF-8 bytes), the ratio to ICU and peak resident memory.

    PATHS      files, or folders whose .txt files are read recursively. Default: the package's
               Corpora/ plus ../shared/corpus/*.txt when that folder exists.
    --repeat N repeat the corpus N times (one document per file and repetition).
    --min-mb M repeat the corpus until it holds at least M MB (default 20, unless --repeat
               is given; with both, the larger corpus wins).
    --runs R   timed runs per stage; the best is reported (default 3).
    --only S   comma-separated stages to run besides the icu baseline (e.g. segment);
               default: all of icu, segment, extract, analyze, analyze-2j, analyze-default,
               analyze-xlsx.

    analyze runs AnalysisRun with the five formats JSON Lines, JSON, CSV, SQLite and HTML
    into a scratch folder, one job; analyze-default the same with the default formats (JSON
    Lines, JSON, CSV); analyze-2j the five formats with two jobs (the only stage that is
    not single-threaded), for the speed-up of 2 jobs over 1; analyze-xlsx the workbook alone. Last, the start-up time of the
    xfreport binary next to this one: `xfreport extract` on a one-line file, 10 times.

    Files that are not plain UTF-8 (a BOM, GB18030, UTF-16) are decoded with the library's
    decoder and re-encoded as UTF-8 before timing, so that every stage reads the same bytes.
    """

  static func parse(_ args: [String]) -> Options {
    var o = Options()
    var i = 0
    func value(_ name: String) -> String {
      i += 1
      guard i < args.count else { fail("\(name) needs a value") }
      return args[i]
    }
    while i < args.count {
      let a = args[i]
      switch a {
      case "-h", "--help":
        print(usage)
        exit(0)
      case "--repeat":
        guard let n = Int(value(a)), n >= 1 else { fail("--repeat needs a positive integer") }
        o.repeatCount = n
      case "--min-mb":
        guard let m = Double(value(a)), m >= 0 else { fail("--min-mb needs a non-negative number") }
        o.minMB = m
      case "--runs":
        guard let n = Int(value(a)), n >= 1 else { fail("--runs needs a positive integer") }
        o.runs = n
      case "--only":
        o.only = Set(value(a).split(separator: ",").map { String($0) })
      case "--":
        o.paths += args[(i + 1)...]
        i = args.count
      default:
        if a.hasPrefix("-") && a != "-" { fail("unknown option \(a)") }
        o.paths.append(a)
      }
      i += 1
    }
    return o
  }

  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("xfreport-bench: \(message)\n\n\(usage)\n".utf8))
    exit(64)
  }
}

// MARK: - Corpus

struct CorpusFile {
  let path: String
  /// UTF-8 text, no BOM.
  let bytes: [UInt8]
  /// Whether the file was not plain UTF-8 and was re-encoded.
  let transcoded: Bool
}

struct Corpus {
  let files: [CorpusFile]
  let repeats: Int
  /// One document per file and repetition; the repetitions share the files' byte arrays.
  let documents: [RawDocument]
  let bytes: Int
  var megabytes: Double { Double(bytes) / 1e6 }

  init(files: [CorpusFile], repeats: Int) {
    self.files = files
    self.repeats = repeats
    var docs: [RawDocument] = []
    docs.reserveCapacity(files.count * repeats)
    for _ in 0..<repeats {
      for f in files { docs.append(RawDocument(name: f.path, bytes: f.bytes)) }
    }
    documents = docs
    bytes = files.reduce(0) { $0 + $1.bytes.count } * repeats
  }
}

/// The package root: the first folder holding Package.swift and Corpora/, walking up from the
/// executable, then from the current directory.
func packageRoot() -> URL? {
  var starts: [URL] = []
  let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
  if exe.path != "/proc/self/exe" { starts.append(exe.deletingLastPathComponent()) }
  starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
  let fm = FileManager.default
  for start in starts {
    var dir = start.standardizedFileURL
    for _ in 0..<8 {
      if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
        fm.fileExists(atPath: dir.appendingPathComponent("Corpora").path)
      {
        return dir
      }
      let up = dir.deletingLastPathComponent()
      if up.path == dir.path { break }
      dir = up
    }
  }
  return nil
}

/// `.txt` files under `dir`, recursively, sorted; hidden entries skipped.
func textFiles(under dir: String) -> [String] {
  let fm = FileManager.default
  guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return [] }
  var result: [String] = []
  for name in names.sorted() where !name.hasPrefix(".") {
    let path = (dir as NSString).appendingPathComponent(name)
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
    if isDir.boolValue {
      result += textFiles(under: path)
    } else if (name as NSString).pathExtension.lowercased() == "txt" {
      result.append(path)
    }
  }
  return result
}

/// Expands the paths to files and names the groups they came from (for the header).
func corpusPaths(_ options: Options) -> (files: [String], sources: [String]) {
  let fm = FileManager.default
  var files: [String] = []
  var sources: [String] = []
  func add(_ p: String, label: String? = nil) {
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: p, isDirectory: &isDir) else { Options.fail("no such file or directory: \(p)") }
    if isDir.boolValue {
      let found = textFiles(under: p)
      files += found
      sources.append("\(label ?? p) (\(found.count) .txt)")
    } else {
      files.append(p)
      sources.append(label ?? p)
    }
  }
  if !options.paths.isEmpty {
    for p in options.paths { add(p) }
    return (files, sources)
  }
  guard let root = packageRoot() else {
    Options.fail("cannot find the package root (Package.swift + Corpora/) from the executable or the current directory; give PATHS")
  }
  add(root.appendingPathComponent("Corpora").path, label: "Corpora/")
  let shared = root.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
  var isDir: ObjCBool = false
  if fm.fileExists(atPath: shared, isDirectory: &isDir), isDir.boolValue {
    let found = ((try? fm.contentsOfDirectory(atPath: shared)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    files += found.map { (shared as NSString).appendingPathComponent($0) }
    sources.append("../shared/corpus/*.txt (\(found.count))")
  }
  return (files, sources)
}

/// Reads the files as UTF-8 (re-encoding those that are not), dropping, with a message, any
/// that the pipeline cannot process (so that every stage sees the same documents).
func loadCorpus(_ paths: [String], pipeline: Pipeline) -> [CorpusFile] {
  var result: [CorpusFile] = []
  for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else {
      warn("\(path): skipped: cannot read")
      continue
    }
    let original = [UInt8](data)
    do {
      let decoded = try TextDecoder.decode(original)
      let utf8 = Array(decoded.text.string.utf8)
      let file = CorpusFile(path: path, bytes: utf8, transcoded: utf8 != original)
      _ = try pipeline.process(RawDocument(name: path, bytes: file.bytes))
      result.append(file)
    } catch {
      warn("\(path): skipped: [\(errorCode(error))] \(error)")
    }
  }
  return result
}

func warn(_ s: String) { FileHandle.standardError.write(Data("xfreport-bench: \(s)\n".utf8)) }

// MARK: - Stages

/// One row of the table: a name, what it does, and a factory that prepares everything that is
/// not timed (dictionaries, iterators, buffers) and returns the per-document work. The work
/// returns a count of what it produced (ICU segments, tokens, facts …), summed per run: it is
/// printed, and keeps the optimiser from dropping the work.
struct Stage {
  let name: String
  let what: String
  let unit: String
  /// Sets up one run (untimed) and returns the timed work over the whole corpus.
  let make: () throws -> ([RawDocument]) throws -> Int
  /// Runs after each timed run, untimed.
  var cleanup: () -> Void = {}

  /// A stage that handles documents one at a time.
  init(name: String, what: String, unit: String, perDocument: @escaping () throws -> (RawDocument) throws -> Int) {
    self.init(name: name, what: what, unit: unit, corpus: {
      let work = try perDocument()
      return { docs in try docs.reduce(0) { $0 + (try work($1)) } }
    })
  }

  init(name: String, what: String, unit: String, corpus: @escaping () throws -> ([RawDocument]) throws -> Int, cleanup: @escaping () -> Void = {}) {
    self.name = name
    self.what = what
    self.unit = unit
    self.make = corpus
    self.cleanup = cleanup
  }
}

/// Raw ICU: UTF-8 → UTF-16 with ICU's converter (as the library's decoder does), then ICU's word
/// break iterator (locale zh) over the whole document, nothing else.
final class ICUWordBreaker {
  private let iterator: OpaquePointer
  private var units: [UInt16] = []
  private var bounds = [Int32](repeating: 0, count: 4096)
  private var statuses = [Int32](repeating: 0, count: 4096)

  init() throws {
    var status: Int32 = 0
    guard let it = xf_break_open(Int32(XF_BREAK_WORD), "zh", &status) else {
      throw BenchError.icu("xf_break_open: \(String(cString: xf_error_name(status)))")
    }
    iterator = it
  }

  deinit { xf_break_close(iterator) }

  /// Number of word segments of the document.
  func run(_ bytes: [UInt8]) throws -> Int {
    let capacity = bytes.count * 2 + 2
    if units.count < capacity { units = [UInt16](repeating: 0, count: capacity) }
    var invalid: Int32 = 0, first: Int32 = 0, status: Int32 = 0
    let n = bytes.withUnsafeBufferPointer { b in
      b.withMemoryRebound(to: CChar.self) { c in
        units.withUnsafeMutableBufferPointer { u in
          xf_decode("UTF-8", c.baseAddress, Int32(c.count), u.baseAddress, Int32(u.count), &invalid, &first, &status)
        }
      }
    }
    guard n >= 0 else { throw BenchError.icu("xf_decode: \(String(cString: xf_error_name(status)))") }
    var segments = 0
    units.withUnsafeBufferPointer { u in
      xf_break_set_text(iterator, u.baseAddress, n, &status)
      while true {
        let k = xf_break_fill(iterator, &bounds, &statuses, Int32(bounds.count))
        segments += Int(k)
        if k < Int32(bounds.count) { break }
      }
      xf_break_set_text(iterator, nil, 0, &status)
    }
    return segments
  }
}

enum BenchError: Error, CustomStringConvertible {
  case icu(String)
  var description: String {
    switch self { case .icu(let m): "ICU error: \(m)" }
  }
}

func makeStages(dictionaries: Dictionaries) -> [Stage] {
  [
    Stage(name: "icu", what: "UTF-8→UTF-16 + ICU word break (zh)", unit: "segments", perDocument: {
      let breaker = try ICUWordBreaker()
      return { raw in try breaker.run(raw.bytes) }
    }),
    Stage(name: "segment", what: "ingest + segment + SegmentWriter(.text)", unit: "tokens", perDocument: {
      let pipeline = Pipeline(dictionaries: dictionaries)
      let writer = SegmentWriter(format: .text, explain: false)
      return { raw in
        let doc = try pipeline.process(raw, through: .segment)
        var out = ""
        writer.write(doc, to: &out)
        return doc.tokens.count + (out.utf8.count > 0 ? 0 : 1)
      }
    }),
    Stage(name: "extract", what: "ingest + structure + extract + FactWriter", unit: "facts", perDocument: {
      let pipeline = Pipeline(dictionaries: dictionaries)
      let writer = FactWriter()
      return { raw in
        let doc = try pipeline.process(raw, through: .extract)
        // As `xfreport extract` writes them: UTF-8 bytes, never a String.
        var out: [UInt8] = []
        writer.write(doc, to: &out)
        return doc.facts.count + (out.count > 0 ? 0 : 1)
      }
    }),
    analyzeStage("analyze", jobs: 1, formats: fiveFormats, dictionaries: dictionaries),
    analyzeStage("analyze-2j", jobs: 2, formats: fiveFormats, dictionaries: dictionaries),
    analyzeStage("analyze-default", jobs: 1, formats: AnalysisFormat.defaults, dictionaries: dictionaries),
    analyzeStage("analyze-xlsx", jobs: 1, formats: [.xlsx], dictionaries: dictionaries),
  ]
}

/// The five formats the analyze stages have always timed (the ratios stay comparable across
/// rounds); the workbook, mostly zlib, has a stage of its own.
let fiveFormats: [AnalysisFormat] = [.jsonl, .json, .csv, .sqlite, .html]

/// `xfreport analyze` with every output format (or `formats`) into a scratch folder (written,
/// committed and removed in each run), `jobs` documents at a time.
func analyzeStage(_ name: String, jobs: Int, formats: [AnalysisFormat] = AnalysisFormat.allCases, dictionaries: Dictionaries) -> Stage {
  let which = formats == AnalysisFormat.allCases ? "all formats" : formats == fiveFormats ? "five formats" : formats.map(\.rawValue).joined(separator: "+")
  return Stage(name: name, what: "analyze, \(which), \(jobs) job\(jobs == 1 ? "" : "s")", unit: "facts", corpus: {
    var run = AnalysisRun(pipeline: Pipeline(dictionaries: dictionaries))
    run.formats = formats
    run.jobs = jobs
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-bench-\(getpid())-\(name)")
    try? FileManager.default.removeItem(at: out)
    // Into an empty folder; deleting the last run's outputs is not part of the timed run.
    return { docs in try run.run(docs.map { InputItem.document($0) }, output: out.path).totals.facts }
  }, cleanup: {
    try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-bench-\(getpid())-\(name)"))
  })
}

// MARK: - Measurement

/// Fields of /proc/self/status in kB (VmHWM = peak resident set, VmRSS = current).
func procStatus(_ field: String) -> Int? {
  guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
  for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
    return Int(line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
  }
  return nil
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0); false when not allowed.
func resetPeakRSS() -> Bool {
  guard let h = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
  defer { try? h.close() }
  do {
    try h.write(contentsOf: Data("5".utf8))
    return true
  } catch {
    return false
  }
}

func now() -> UInt64 {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

struct Result {
  let stage: Stage
  var best = Double.infinity
  var times: [Double] = []
  var items = 0
  var peakKB = 0
}

// MARK: - Main

func machine() -> String {
  var model = "unknown CPU"
  if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
    let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
    let colon = line.firstIndex(of: ":")
  {
    model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
  }
  var version = [CChar](repeating: 0, count: 32)
  xf_icu_version(&version, Int32(version.count))
  let icu = String(decoding: version.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  return "\(ProcessInfo.processInfo.activeProcessorCount) cores (\(model)), ICU \(icu)"
}

func fmt(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
  let n = s.count
  guard n < width else { return s }
  let fill = String(repeating: " ", count: width - n)
  return left ? s + fill : fill + s
}

func main() -> Int32 {
  let options = Options.parse(Array(CommandLine.arguments.dropFirst()))

  let dictionaries: Dictionaries
  do {
    dictionaries = try Dictionaries.load()
  } catch {
    warn("cannot load the dictionaries: \(error)")
    return 1
  }
  let all = makeStages(dictionaries: dictionaries)
  if let only = options.only, let unknown = only.first(where: { name in !all.contains { $0.name == name } }) {
    Options.fail("unknown stage \(unknown); stages: \(all.map(\.name).joined(separator: ", "))")
  }
  let stages = all.enumerated().filter { $0.offset == 0 || options.only?.contains($0.element.name) ?? true }.map(\.element)
  let (paths, sources) = corpusPaths(options)
  let files = loadCorpus(paths, pipeline: Pipeline(dictionaries: dictionaries))
  let once = files.reduce(0) { $0 + $1.bytes.count }
  guard once > 0 else {
    warn("no usable text in \(paths.isEmpty ? "the corpus" : paths.joined(separator: ", "))")
    return 1
  }
  let minMB = options.minMB ?? (options.repeatCount == nil ? 20 : 0)
  let repeats = max(options.repeatCount ?? 1, Int((minMB * 1e6 / Double(once)).rounded(.up)))
  let corpus = Corpus(files: files, repeats: repeats)
  let transcoded = files.filter(\.transcoded).count

  #if DEBUG
    warn("this is a debug build; build with -c release for meaningful figures")
  #endif
  let dateFormatter = DateFormatter()
  dateFormatter.locale = Locale(identifier: "en_US_POSIX")
  dateFormatter.timeZone = TimeZone(identifier: "UTC")
  dateFormatter.dateFormat = "yyyy-MM-dd HH:mm"
  let date = dateFormatter.string(from: Date())
  print("xfreport-bench  \(date) UTC  ·  \(machine())")
  print("corpus: \(sources.joined(separator: " + "))")
  print("        \(files.count) files, \(fmt(Double(once) / 1e6, 3)) MB\(transcoded > 0 ? " (\(transcoded) re-encoded to UTF-8)" : "") × \(repeats) = \(corpus.documents.count) documents, \(fmt(corpus.megabytes, 2)) MB UTF-8")
  print("single thread, best of \(options.runs) runs per stage, the stages in turn in each run; MB = 10^6 input bytes")
  print("")

  var wholePeakKB = procStatus("VmHWM") ?? 0  // loading, before any reset
  let canReset = resetPeakRSS()
  let progress = isatty(2) != 0
  // Runs go round the stages in turn (icu, segment, … then again), so that a machine that
  // slows down or speeds up for a while weighs on every stage alike, not on whichever ran then.
  var results = stages.map { Result(stage: $0) }
  for run in 1...options.runs {
    for (k, stage) in stages.enumerated() {
      let work: ([RawDocument]) throws -> Int
      do {
        work = try stage.make()
      } catch {
        warn("\(stage.name): cannot set up: \(error)")
        return 1
      }
      _ = resetPeakRSS()
      var items = 0
      let t0 = now()
      do {
        items = try work(corpus.documents)
      } catch {
        warn("\(stage.name): \(error)")
        return 1
      }
      let seconds = Double(now() - t0) / 1e9
      stage.cleanup()
      results[k].times.append(seconds)
      results[k].best = min(results[k].best, seconds)
      results[k].items = items
      results[k].peakKB = max(results[k].peakKB, procStatus("VmHWM") ?? 0)
      wholePeakKB = max(wholePeakKB, results[k].peakKB)
      if progress { warn("run \(run)/\(options.runs) \(stage.name): \(fmt(seconds, 3)) s") }
    }
  }

  let base = results[0]
  let baseRate = corpus.megabytes / base.best
  let header = [pad("stage", 9, left: true), pad("what", 40, left: true), pad("best s", 8), pad("MB/s", 8),
                pad("ratio", 6), pad("runs s", 22), pad("output/run", 18), pad("peak RSS", 10)]
  print(header.joined(separator: " "))
  for r in results {
    let rate = corpus.megabytes / r.best
    let runs = r.times.map { fmt($0, 3) }.joined(separator: " ")
    let row = [pad(r.stage.name, 9, left: true), pad(r.stage.what, 40, left: true), pad(fmt(r.best, 3), 8),
               pad(fmt(rate, 2), 8), pad(fmt(rate / baseRate, 2), 6), pad(runs, 22),
               pad("\(r.items) \(r.stage.unit)", 18), pad("\(fmt(Double(r.peakKB) / 1024, 1)) MB", 10)]
    print(row.joined(separator: " "))
  }
  print("")
  print("ratio = stage MB/s ÷ \(base.stage.name) MB/s; peak RSS = VmHWM during the stage's runs, memory the stages before it kept included\(canReset ? "" : " (could not reset: whole-process peak)")")
  print("peak RSS of the whole run (VmHWM): \(fmt(Double(max(wholePeakKB, procStatus("VmHWM") ?? 0)) / 1024, 1)) MB")
  print("corpus MB: \(fmt(corpus.megabytes, 2))")
  for r in results.dropFirst() {
    print("ratio \(r.stage.name)/\(base.stage.name): \(fmt((corpus.megabytes / r.best) / baseRate, 2))")
  }
  if let one = results.first(where: { $0.stage.name == "analyze" }), let two = results.first(where: { $0.stage.name == "analyze-2j" }) {
    print("speed-up analyze 2 jobs/1 job: \(fmt(one.best / two.best, 2))")
    // The two stages run one after the other in each run: a run's own ratio is less exposed
    // to the host's drift than the ratio of two bests that may come from different runs.
    let paired = zip(one.times, two.times).map { $0 / $1 }.sorted()
    if !paired.isEmpty {
      print("speed-up analyze 2 jobs/1 job, median of the runs' own ratios: \(fmt(paired[paired.count / 2], 2)) (\(paired.map { fmt($0, 2) }.joined(separator: " ")))")
    }
  }
  if let startup = measureStartup() {
    print("start-up extract one line (ms, median of 10): \(fmt(startup.median, 1)) (min \(fmt(startup.min, 1)))")
  }
  return 0
}

/// Wall time of `xfreport extract` on a one-line file, dictionaries included, with the binary
/// built next to this one; nil when there is none.
func measureStartup() -> (median: Double, min: Double)? {
  let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("xfreport")
  guard FileManager.default.isExecutableFile(atPath: exe.path) else {
    warn("no xfreport binary at \(exe.path): start-up not measured")
    return nil
  }
  let input = FileManager.default.temporaryDirectory.appendingPathComponent("xfreport-bench-\(getpid())-one.txt")
  try? "全年共受理群众来信来访56件次，同比下降8.6%。\n".write(to: input, atomically: true, encoding: .utf8)
  defer { try? FileManager.default.removeItem(at: input) }
  var times: [Double] = []
  for _ in 0..<10 {
    let p = Process()
    p.executableURL = exe
    p.arguments = ["extract", input.path]
    p.standardOutput = FileHandle.nullDevice
    let t0 = now()
    guard (try? p.run()) != nil else { return nil }
    p.waitUntilExit()
    times.append(Double(now() - t0) / 1e6)
  }
  times.sort()
  return ((times[4] + times[5]) / 2, times[0])
}

exit(main())
